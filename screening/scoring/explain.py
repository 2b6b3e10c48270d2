"""Why a pair scored what it did, as data and as text.

>>> e = Explanation(query="Megvii Tech Ltd", listed_name="MEGVII TECHNOLOGY LIMITED",
...     matched_name="MEGVII TECHNOLOGY LIMITED", name_kind="primary", name_quality="strong",
...     tokens=(TokenPair("megvii", "megvii", 1.0, 9.1),), unmatched_query=(),
...     listed_cover=1.0, query_cover=1.0, name_score=100.0, factors=(), score=100.0)
>>> print(e)  # doctest: +NORMALIZE_WHITESPACE
score 100.0 for 'Megvii Tech Ltd' ~ 'MEGVII TECHNOLOGY LIMITED' (primary, strong)
  name score 100.0: listed cover 1.00, query cover 1.00
    megvii       <- megvii       sim 1.00  weight 9.10
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class TokenPair:
    """One listed token and the query token aligned to it (None when nothing was)."""

    listed: str
    query: str | None
    similarity: float
    weight: float


@dataclass(frozen=True, slots=True)
class Factor:
    """A secondary factor and the points it added (negative: removed)."""

    name: str
    points: float
    detail: str


@dataclass(frozen=True, slots=True)
class Explanation:
    query: str
    listed_name: str
    matched_name: str
    name_kind: str
    name_quality: str
    tokens: tuple[TokenPair, ...]
    unmatched_query: tuple[str, ...]
    listed_cover: float
    query_cover: float
    name_score: float
    factors: tuple[Factor, ...]
    score: float

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        lines = [
            f"score {self.score:.1f} for {self.query!r} ~ {self.matched_name!r} ({self.name_kind}, {self.name_quality})",
        ]
        if self.matched_name != self.listed_name:
            lines.append(f"  alias of listed name {self.listed_name!r}")
        lines.append(f"  name score {self.name_score:.1f}: listed cover {self.listed_cover:.2f}, "
                     f"query cover {self.query_cover:.2f}")
        for t in self.tokens:
            partner = t.query if t.query is not None else "(none)"
            lines.append(f"    {t.listed:<12} <- {partner:<12} sim {t.similarity:.2f}  weight {t.weight:.2f}")
        if self.unmatched_query:
            lines.append(f"  query words with no partner: {', '.join(self.unmatched_query)}")
        for f in self.factors:
            lines.append(f"  {f.name} {f.points:+.1f}: {f.detail}")
        return "\n".join(lines)
