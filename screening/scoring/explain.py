"""Why a pair scored what it did, as data, as text and as HTML (for Jupyter).

>>> e = Explanation(query="Megvii Tech Ltd", listed_name="MEGVII TECHNOLOGY LIMITED",
...     matched_name="MEGVII TECHNOLOGY LIMITED", name_kind="primary", name_quality="strong",
...     tokens=(TokenPair("megvii", "megvii", 1.0, 9.1),), unmatched_query=(),
...     listed_cover=1.0, query_cover=1.0, name_score=100.0, factors=(), score=100.0)
>>> print(e)  # doctest: +NORMALIZE_WHITESPACE
score 100.0 for 'Megvii Tech Ltd' ~ 'MEGVII TECHNOLOGY LIMITED' (primary, strong)
  name score 100.0: listed cover 1.00, query cover 1.00
    megvii       <- megvii       sim 1.00  weight 9.10
>>> highlight("MEGVII TECHNOLOGY LIMITED", {"megvii"})
'<mark>MEGVII</mark> TECHNOLOGY LIMITED'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from screening.normalize import normalize

_AS_WRITTEN = "as written (Latin script)"


@dataclass(frozen=True, slots=True)
class TokenPair:
    """One listed token and the query token aligned to it (None when nothing was)."""

    listed: str
    query: str | None
    similarity: float
    weight: float


@dataclass(frozen=True, slots=True)
class Factor:
    """A secondary factor and the points it added (negative: removed; 0: compared, no effect)."""

    name: str
    points: float
    detail: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """The listed name and the alias that matched, the aligned words, the transliteration used on
    each side, and every secondary factor with its effect.

    ``factors`` holds each factor the query gave a value for (``schema``, ``country``,
    ``birth date``, ``identifier``), including those that had no effect, with what they
    compared in ``detail``. ``str(e)`` reads as text; ``e.to_dict()`` is plain data; in
    Jupyter it renders as tables with the matched words highlighted.
    """

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
    entity_id: str = ""
    query_form: str = ""  # the query's words as compared (one of its name forms)
    transliteration: str = ""  # how the query became that form
    listed_form: str = ""  # the matched name's words as compared
    listed_transliteration: str = ""  # how the matched name became that form

    def to_dict(self) -> dict:
        return asdict(self)

    def to_text(self) -> str:
        return str(self)

    def effect(self, factor: str) -> float:
        """The points ``factor`` added (0 when the query gave no value for it)."""
        return sum(f.points for f in self.factors if f.name == factor)

    @property
    def matched_listed_tokens(self) -> frozenset[str]:
        return frozenset(t.listed for t in self.tokens if t.query is not None and t.similarity > 0)

    @property
    def matched_query_tokens(self) -> frozenset[str]:
        return frozenset(t.query for t in self.tokens if t.query is not None and t.similarity > 0)

    def __str__(self) -> str:
        lines = [
            f"score {self.score:.1f} for {self.query!r} ~ {self.matched_name!r} ({self.name_kind}, {self.name_quality})",
        ]
        if self.matched_name != self.listed_name:
            lines.append(f"  alias of listed name {self.listed_name!r}")
        if self.transliteration and self.transliteration != _AS_WRITTEN:
            lines.append(f"  query read as {self.query_form!r}: {self.transliteration}")
        if self.listed_transliteration and self.listed_transliteration != _AS_WRITTEN:
            lines.append(f"  listed name read as {self.listed_form!r}: {self.listed_transliteration}")
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

    def _repr_html_(self) -> str:
        return explanation_html(self)


# --- HTML --------------------------------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SEGMENTS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\s,;()\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|.",
                       re.DOTALL)
_STYLE = ("<style>.screening-x table{border-collapse:collapse;margin:2px 0 6px 0}"
          ".screening-x th,.screening-x td{text-align:left;padding:1px 8px;border-bottom:1px solid #ddd}"
          ".screening-x mark{background:#ffe58a;padding:0}"
          ".screening-x .pos{color:#1a7f37}.screening-x .neg{color:#cf222e}</style>")


def highlight(text: str, tokens: Iterable[str]) -> str:
    """``text`` as HTML, with the words whose normalized tokens are among ``tokens`` in ``<mark>``.

    Words are matched one by one (a Chinese character by its pinyin syllable, which may be
    part of a joined token such as ``beijing``), so this is a reading aid, not the scorer.
    """
    wanted = {t for t in tokens if t}
    out = []
    for seg in _SEGMENTS.findall(text):
        if seg.isspace() or len(seg) == 1 and not seg.isalnum():
            out.append(html.escape(seg))
            continue
        toks = normalize(seg).tokens
        if _HAN.fullmatch(seg):
            hit = bool(toks) and any(toks[0] in w for w in wanted)
        else:
            hit = bool(toks) and all(t in wanted for t in toks)
        out.append(f"<mark>{html.escape(seg)}</mark>" if hit else html.escape(seg))
    return "".join(out).replace("</mark><mark>", "")  # adjacent characters: one mark


def points_html(points: float) -> str:
    cls = "pos" if points > 0 else "neg" if points < 0 else ""
    return f'<span class="{cls}">{points:+.1f}</span>'


def explanation_html(e: Explanation, header: bool = True, style: bool = True) -> str:
    """The explanation as HTML tables: names with the matched words highlighted, the aligned
    words, and the factors."""
    esc = html.escape
    rows = []
    if header:
        rows.append(("score", f"<b>{e.score:.1f}</b>" + (f" &nbsp; {esc(e.entity_id)}" if e.entity_id else "")))
    rows.append(("query", highlight(e.query, e.matched_query_tokens)))
    rows.append(("matched name", f"{highlight(e.matched_name, e.matched_listed_tokens)} "
                                 f"<small>({esc(e.name_kind)}, {esc(e.name_quality)})</small>"))
    if e.matched_name != e.listed_name:
        rows.append(("listed name", esc(e.listed_name)))
    if e.transliteration:
        rows.append(("query read as", f"<code>{esc(e.query_form)}</code> <small>{esc(e.transliteration)}</small>"))
    if e.listed_transliteration and e.listed_transliteration != _AS_WRITTEN:
        rows.append(("listed read as", f"<code>{esc(e.listed_form)}</code> "
                                       f"<small>{esc(e.listed_transliteration)}</small>"))
    rows.append(("name score", f"{e.name_score:.1f} <small>(listed cover {e.listed_cover:.2f}, "
                               f"query cover {e.query_cover:.2f})</small>"))
    parts = [_STYLE if style else "", '<div class="screening-x"><table>']
    parts += [f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows]
    parts.append("</table><table><tr><th>listed word</th><th>query word</th><th>similarity</th><th>weight</th></tr>")
    for t in e.tokens:
        query = f"<mark>{esc(t.query)}</mark>" if t.query is not None and t.similarity > 0 else "<i>none</i>"
        parts.append(f"<tr><td>{esc(t.listed)}</td><td>{query}</td><td>{t.similarity:.2f}</td>"
                     f"<td>{t.weight:.2f}</td></tr>")
    if e.unmatched_query:
        parts.append(f"<tr><td><i>none</i></td><td>{esc(', '.join(e.unmatched_query))}</td><td></td><td></td></tr>")
    parts.append("</table>")
    if e.factors:
        parts.append("<table><tr><th>factor</th><th>points</th><th>detail</th></tr>")
        parts += [f"<tr><td>{esc(f.name)}</td><td>{points_html(f.points)}</td><td>{esc(f.detail)}</td></tr>"
                  for f in e.factors]
        parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)
