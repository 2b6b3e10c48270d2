"""Aliases US publishers pack into one name cell: ``X A/K/A Y``, ``X, a.k.a. Y``, ``X D/B/A Y``,
``X F/K/A Y`` and ``X (A.K.A. Y) Z``. BIS's Denied Persons List and trade.gov's Consolidated
Screening List (which carries the DPL) both write them.

>>> [(n.value, n.kind.value) for n in packed_aliases("FUYI SUN A/K/A FRANK SUN", "name")]
[('FUYI SUN', 'aka'), ('FRANK SUN', 'aka')]
>>> [n.value for n in packed_aliases("PEARL (A.K.A. NEI-CHIEN CHU) LI", "Name column")]
['NEI-CHIEN CHU', 'PEARL LI']
"""

from __future__ import annotations

import re

from screening.model import Name, NameKind, NameQuality

_SEPARATOR = re.compile(r"\s*,?\s+(a/k/a|d/b/a|f/k/a|a\.k\.a\.?|f\.k\.a\.?)\s+", re.IGNORECASE)
_PAREN_AKA = re.compile(r"\(\s*(?:A\.K\.A\.|AKA)\s*([^)]*?)\s*\)", re.IGNORECASE)


def packed_aliases(name: str, column: str) -> list[Name]:
    """The names packed into ``name`` (from the cell ``column``, for the provenance), first the
    part before the first separator; empty when nothing is packed. A part after f/k/a is a
    former name; after a/k/a or d/b/a ("doing business as") another name."""
    out: list[Name] = []
    parts = _SEPARATOR.split(name)
    if len(parts) > 1:
        kind = NameKind.AKA
        for i, part in enumerate(parts):
            if i % 2:  # a separator
                kind = NameKind.FKA if part.casefold().startswith("f") else NameKind.AKA
            elif part.strip():
                out.append(Name(part.strip(), kind if i else NameKind.AKA, NameQuality.STRONG,
                                provenance=f"{column}, split"))
    paren = _PAREN_AKA.search(name)
    if paren and paren.group(1):
        rest = " ".join(_PAREN_AKA.sub(" ", name).split())
        out.append(Name(paren.group(1), NameKind.AKA, NameQuality.STRONG, provenance=f"{column} (a.k.a.)"))
        if rest:
            out.append(Name(rest, NameKind.AKA, NameQuality.STRONG, provenance=f"{column}, split"))
    return out
