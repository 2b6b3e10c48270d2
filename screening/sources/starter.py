"""The bundled starter list (``lists/starter.csv``): curated NS-CMIC and related Chinese parties.

Their Chinese names live in ``lists/chinese_names.csv``, which :class:`~screening.Screener`
applies to any loaded list (see :mod:`screening.sources.curated`).

Rows reuse OFAC's ids (``ofac-cons:<ent_num>``) where the entity is on OFAC's list, so
alerts from the starter list and from the official list agree; other rows use
``starter:<SLUG>``. The entity's ``source`` is the id's prefix.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import replace
from pathlib import Path

from screening.model import Entity, EntityList, Identifier, IdType, Name, NameKind, Schema
from screening.sources.files import ListFormatError, snapshot_of

COLUMNS = ["entity_id", "schema", "name", "aliases", "programs", "listed_on", "countries", "isins", "tickers",
           "uscc", "sources"]


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def load(path: str | Path) -> EntityList:
    """Read a starter-format CSV (see ``lists/README.md``)."""
    path = Path(path)
    if path.is_dir():
        path = path / "starter.csv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ListFormatError(f"{path}: not a starter list, missing columns {missing}")
            rows = list(enumerate(reader, start=2))
    except (OSError, UnicodeDecodeError) as exc:
        raise ListFormatError(f"{path}: cannot read ({exc})") from exc
    entities, issues = [], []
    for line, row in rows:
        entity_id, name = row["entity_id"].strip(), row["name"].strip()
        if ":" not in entity_id or not name:
            issues.append(f"{path.name} line {line}: needs an entity_id '<source>:<id>' and a name; skipped")
            continue
        source, publisher_id = entity_id.split(":", 1)
        aliases = [Name(a, NameKind.AKA, provenance="starter aliases") for a in _split(row["aliases"])]
        ids = [Identifier(IdType.ISIN, v) for v in _split(row["isins"])]
        ids += [Identifier(IdType.TICKER, v) for v in _split(row["tickers"])]
        ids += [Identifier(IdType.USCC, v, "CN") for v in _split(row["uscc"])]
        listed = row["listed_on"].strip()
        entities.append(Entity(
            entity_id=entity_id, source=source, publisher_id=publisher_id,
            schema=Schema.parse(row["schema"]) if row["schema"].strip() else Schema.ORGANIZATION,
            name=name, aliases=tuple(aliases), programs=tuple(_split(row["programs"])),
            countries=tuple(_split(row["countries"])), identifiers=tuple(ids),
            remarks=row["sources"].strip(),
            listed_on=dt.date.fromisoformat(listed) if listed else None))
    snapshot = snapshot_of("starter", path, [path], len(entities))
    entities = [replace(e, snapshot=snapshot) for e in entities]
    return EntityList("starter", snapshot, tuple(entities), tuple(issues))

