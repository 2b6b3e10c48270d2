"""Curated aliases (``lists/chinese_names.csv``) applied to whichever loaded list holds the entity.

Official lists print Chinese parties in Latin script only; customers write them in
characters, brand names and short names (旷视 for MEGVII TECHNOLOGY LIMITED). The
curated table links those names to the listed entity by ``entity_id``; applying it adds
them as aliases whose provenance names the table and its source note, so an analyst
sees where an alias came from.

>>> table = curated_aliases()
>>> [a.value for a in table["ofac-cons:33091"]][:2]  # doctest: +SKIP
['旷视科技有限公司', '曠視科技有限公司']
"""

from __future__ import annotations

import csv
import functools
from dataclasses import replace
from pathlib import Path

from screening.model import EntityList, Name, NameKind
from screening.sources.files import ListFormatError
from screening.sources.registry import bundled_dir

CHINESE_NAMES = "chinese_names.csv"
_KINDS = {"legal": NameKind.AKA, "onshore": NameKind.AKA, "brand": NameKind.AKA, "short": NameKind.AKA,
          "former": NameKind.FKA}


@functools.lru_cache(maxsize=4)
def curated_aliases(path: Path | None = None) -> dict[str, tuple[Name, ...]]:
    """Aliases by entity id from a curated table (default: the bundled Chinese-names table)."""
    path = path or bundled_dir() / CHINESE_NAMES
    out: dict[str, list[Name]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                entity_id, name = (row.get("entity_id") or "").strip(), (row.get("name") or "").strip()
                kind = _KINDS.get((row.get("kind") or "").strip())
                if not entity_id or not name or kind is None:
                    raise ListFormatError(f"{path} line {line}: needs entity_id, name and a kind "
                                          f"({', '.join(_KINDS)})")
                note = (row.get("source") or "").strip()
                out.setdefault(entity_id, []).append(Name(
                    name, kind, script=(row.get("script") or "").strip() or None,
                    provenance=f"{path.name} ({row['kind'].strip()}){': ' + note if note else ''}"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ListFormatError(f"{path}: cannot read ({exc})") from exc
    return {k: tuple(v) for k, v in out.items()}


def with_curated_aliases(lst: EntityList, aliases: dict[str, tuple[Name, ...]]) -> EntityList:
    """``lst`` with the curated aliases of its entities added (entities without any are unchanged)."""
    if not any(e.entity_id in aliases for e in lst):
        return lst
    entities = tuple(replace(e, aliases=e.aliases + aliases[e.entity_id]) if e.entity_id in aliases else e
                     for e in lst)
    return replace(lst, entities=entities)
