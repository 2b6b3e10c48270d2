"""A firm's own list (internal watch list, exited clients, ...) from CSV, Parquet or a pandas DataFrame.

One row per party. Columns, by default (rename them with the mapping arguments of
:func:`from_file` and :func:`from_frame`):

* ``id`` (required): the firm's id, unique within the list; ``entity_id`` is
  ``<source>:<id>`` (``custom:C-0042``);
* ``name`` (required): the primary name;
* ``aliases``: other names, separated by ``;`` (or a list, e.g. a Parquet list column);
* ``schema``: person / individual, organization / organisation / entity / company,
  vessel / ship, aircraft, case-insensitive; anything else (or empty) is Unknown;
* ``country``: ISO codes or country names, separated by ``;``;
* ``birth_date``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a date), several separated by ``;``.

The optional columns may be absent when they keep their default names; a column named
explicitly must exist (pass ``None`` to do without one). A row without a name or id is
reported in ``issues`` and skipped; an unreadable country or birth date is reported and
left out (the text stays in ``remarks``); an unrecognised schema is reported once per
value. Two rows with one id raise :class:`ListFormatError` naming both rows: the list
must be fixed, as alerts would otherwise point at the wrong party.

Rows are located in reports as ``<file> line N`` for CSV (the physical line the record
starts on, header = line 1), ``<file> row N`` for Parquet (1-based data row) and
``row <index label>`` for a DataFrame.

>>> import pandas as pd
>>> lst = from_frame(pd.DataFrame({"id": ["C1"], "name": ["Jane Roe"], "aliases": ["J. Roe; Jane R."],
...                                "schema": ["individual"], "country": ["gb"], "birth_date": ["1970-03"]}),
...                  source="my-list")
>>> e = lst.get("my-list:C1")
>>> e.schema.value, [a.value for a in e.aliases], e.countries, e.birth_dates[0].text
('Person', ['J. Roe', 'Jane R.'], ('GB',), '1970-03')
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import pandas as pd

from screening.countries import to_iso2
from screening.model import (
    DateOfBirth,
    Entity,
    EntityList,
    ListSnapshot,
    Name,
    NameKind,
    Schema,
)
from screening.sources.files import ListFormatError, read_text, snapshot_of

SOURCE = "custom"
DEFAULT_COLUMNS = {"id": "id", "name": "name", "aliases": "aliases", "schema": "schema",
                   "country": "country", "birth_date": "birth_date"}
REQUIRED = ("id", "name")
SEPARATOR = ";"
CSV_SUFFIXES = (".csv",)
PARQUET_SUFFIXES = (".parquet", ".pq")
_SOURCE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_SCHEMA_SPELLED = frozenset({"unknown", ""})


def load(path: str | Path) -> EntityList:
    """A list file with the default column names (CSV or Parquet, or a folder holding exactly
    one such file), as ``load_list("custom", path)`` reads it."""
    return from_file(path)


def from_file(path: str | Path, *, source: str = SOURCE, id: str = "id", name: str = "name",
              aliases: str | None = "aliases", schema: str | None = "schema",
              country: str | None = "country", birth_date: str | None = "birth_date",
              separator: str = SEPARATOR) -> EntityList:
    """A firm's list from a CSV (UTF-8, comma-separated, header row) or Parquet file.

    The keyword arguments name the file's columns; ``source`` is the prefix of the entity
    ids. Raises ListFormatError when the file cannot be read, lacks a required column or a
    column named explicitly, holds no usable row, or repeats an id.
    """
    path = Path(path)
    file = _find_file(path) if path.is_dir() else path
    mapping = _mapping(id, name, aliases, schema, country, birth_date)
    _check_source(source)
    issues: list[str] = []
    suffix = file.suffix.casefold()
    if suffix in PARQUET_SUFFIXES:
        try:
            frame = pd.read_parquet(file)
        except Exception as exc:  # pyarrow raises several kinds for a bad file
            raise ListFormatError(f"{file}: cannot read as Parquet ({exc})") from exc
        columns = [str(c) for c in frame.columns]
        records: Iterable[tuple[str, Mapping[str, object]]] = _frame_records(
            frame, lambda i, _label: f"{file.name} row {i + 1}")
    elif suffix in CSV_SUFFIXES:
        columns, records = _csv_records(file, issues)
    else:
        raise ListFormatError(f"{file}: not a CSV or Parquet file (the name should end in "
                              f"{', '.join(CSV_SUFFIXES + PARQUET_SUFFIXES)})")
    used = _resolve(mapping, columns, str(file))
    entities = _entities(records, used, source, separator, file.name, str(file), issues)
    snapshot = snapshot_of(source, path, [file], len(entities))
    return _finish(source, snapshot, entities, issues)


def from_frame(frame: pd.DataFrame, source: str = SOURCE, *, id: str = "id", name: str = "name",
               aliases: str | None = "aliases", schema: str | None = "schema",
               country: str | None = "country", birth_date: str | None = "birth_date",
               separator: str = SEPARATOR) -> EntityList:
    """A firm's list from a DataFrame; the keyword arguments name its columns.

    The snapshot's hash covers the mapped columns' values (as CSV text), its path is
    ``<DataFrame>``. Raises ListFormatError as :func:`from_file` does.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"from_frame needs a pandas DataFrame, not {type(frame).__name__}")
    mapping = _mapping(id, name, aliases, schema, country, birth_date)
    _check_source(source)
    used = _resolve(mapping, [str(c) for c in frame.columns], "DataFrame")
    issues: list[str] = []
    records = _frame_records(frame, lambda _i, label: f"row {label!r}")
    entities = _entities(records, used, source, separator, "DataFrame", "DataFrame", issues)
    picked = frame[[c for c in frame.columns if str(c) in used.values()]]
    digest = hashlib.sha256(picked.to_csv(index=False).encode("utf-8")).hexdigest()
    snapshot = ListSnapshot(source=source, path="<DataFrame>", content_hash=digest,
                            entity_count=len(entities))
    return _finish(source, snapshot, entities, issues)


# ---------------------------------------------------------------------------------------
# Columns


def _mapping(id: str, name: str, aliases: str | None, schema: str | None, country: str | None,
             birth_date: str | None) -> dict[str, str | None]:
    mapping = {"id": id, "name": name, "aliases": aliases, "schema": schema, "country": country,
               "birth_date": birth_date}
    for field in REQUIRED:
        if not mapping[field]:
            raise ValueError(f"the {field!r} column is required; name it, e.g. {field}={field!r}")
    return mapping


def _check_source(source: str) -> None:
    if not isinstance(source, str) or not _SOURCE_KEY.fullmatch(source):
        raise ValueError(f"source {source!r} must be letters, digits, '.', '_' or '-' (it prefixes "
                         f"every entity id, e.g. 'my-list:42')")


def _resolve(mapping: dict[str, str | None], columns: list[str], where: str) -> dict[str, str]:
    """field -> column actually read. Required and explicitly named columns must exist;
    optional columns under their default names may be absent."""
    if len(set(columns)) != len(columns):
        twice = sorted({c for c in columns if columns.count(c) > 1})
        raise ListFormatError(f"{where}: column(s) {', '.join(map(repr, twice))} appear more than once")
    used, missing = {}, []
    for field, column in mapping.items():
        if column is None:
            continue
        if column in columns:
            used[field] = column
        elif field in REQUIRED or column != DEFAULT_COLUMNS[field]:
            missing.append(f"{column!r} (for {field})")
    if missing:
        raise ListFormatError(f"{where}: no column {', '.join(missing)}; the columns are "
                              f"{', '.join(map(repr, columns))}")
    return used


# ---------------------------------------------------------------------------------------
# Reading rows


def _find_file(folder: Path) -> Path:
    files = sorted(f for f in folder.iterdir()
                   if f.is_file() and f.suffix.casefold() in CSV_SUFFIXES + PARQUET_SUFFIXES)
    if len(files) != 1:
        found = ", ".join(f.name for f in files) or "none"
        raise ListFormatError(f"{folder}: needs exactly one CSV or Parquet file, found {found}")
    return files[0]


def _csv_records(file: Path, issues: list[str]) -> tuple[list[str], list[tuple[str, dict[str, str]]]]:
    """Header and (``<file> line N``, values) of each data row; rows with the wrong number
    of fields are reported and skipped."""
    # strict: a quote never closed (a truncated file, a stray quote) is an error, not one record
    # that silently swallows the rest of the file
    reader = csv.reader(io.StringIO(read_text(file, issues), newline=""), strict=True)
    header: list[str] | None = None
    rows = []
    line = 1
    try:
        for fields in reader:
            start, line = line, reader.line_num + 1
            if not fields or all(not f.strip() for f in fields):
                continue
            if header is None:
                header = [f.strip() for f in fields]
                continue
            if len(fields) != len(header):
                issues.append(f"{file.name} line {start}: expected {len(header)} fields, got "
                              f"{len(fields)}; skipped")
                continue
            rows.append((f"{file.name} line {start}", dict(zip(header, fields))))
    except csv.Error as exc:
        if str(exc) == "unexpected end of data":
            raise ListFormatError(f"{file} line {line}: a quoted value opened in this record is never closed "
                                  "(a truncated file or a stray quote)") from exc
        raise ListFormatError(f"{file} line {line}: {exc}") from exc
    if header is None:
        raise ListFormatError(f"{file}: empty file, no header row")
    return header, rows


def _frame_records(frame: pd.DataFrame, locate) -> Iterator[tuple[str, dict[str, object]]]:
    columns = [str(c) for c in frame.columns]
    for i, (label, values) in enumerate(zip(frame.index, frame.itertuples(index=False, name=None))):
        yield locate(i, label), dict(zip(columns, values))


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _text(value: object) -> str:
    """A cell as text: missing -> ``""``; ``42.0`` (an id column pandas made float) -> ``"42"``."""
    if _is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _values(value: object, separator: str) -> list[object]:
    """A multi-valued cell: a list-like (Parquet list column) or text split on ``separator``."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)
                                            and getattr(value, "ndim", 0) == 1):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        return [v for v in items if not _is_missing(v) and _text(v)]
    if _is_missing(value):
        return []
    if isinstance(value, (dt.date, dt.datetime)):
        return [value]
    return [t for t in (" ".join(p.split()) for p in str(value).split(separator)) if t]


# ---------------------------------------------------------------------------------------
# Building entities


def _entities(records: Iterable[tuple[str, Mapping[str, object]]], used: dict[str, str], source: str,
              separator: str, label: str, where: str, issues: list[str]) -> list[Entity]:
    entities: list[Entity] = []
    first_seen: dict[str, str] = {}
    duplicates: list[str] = []
    unknown_schemas: dict[str, list[str]] = {}
    for at, row in records:
        cell = {field: row.get(column) for field, column in used.items()}
        pid, name = _text(cell.get("id")), _text(cell.get("name"))
        if not name:
            issues.append(f"{at}: no name; skipped")
            continue
        if not pid:
            issues.append(f"{at}: no id; skipped")
            continue
        if pid in first_seen:
            duplicates.append(f"id {pid!r} on {first_seen[pid]} and {at}")
            continue
        first_seen[pid] = at
        schema_text = _text(cell.get("schema"))
        schema = Schema.parse(schema_text)
        if schema is Schema.UNKNOWN and schema_text.casefold() not in _SCHEMA_SPELLED:
            unknown_schemas.setdefault(schema_text, []).append(at)
        remarks: list[str] = []
        countries = []
        for value in _values(cell.get("country"), separator):
            code = to_iso2(_text(value))
            if code is None:
                issues.append(f"{at}: country {_text(value)!r} is not a country; left out")
                remarks.append(f"country: {_text(value)}")
            else:
                countries.append(code)
        births = []
        for value in _values(cell.get("birth_date"), separator):
            dob = DateOfBirth.parse(value if isinstance(value, (dt.date, str)) else _text(value))
            if dob is None:
                issues.append(f"{at}: birth_date {_text(value)!r} is not YYYY, YYYY-MM or YYYY-MM-DD; "
                              f"left out")
                remarks.append(f"birth_date: {_text(value)}")
            else:
                births.append(dob)
        alias_names = [_text(a) for a in _values(cell.get("aliases"), separator)]
        seen = {name.casefold()}
        aliases = []
        for alias in alias_names:
            if alias.casefold() not in seen:
                seen.add(alias.casefold())
                aliases.append(Name(alias, NameKind.AKA, provenance=f"{label} {used['aliases']}"))
        entities.append(Entity(
            entity_id=f"{source}:{pid}", source=source, publisher_id=pid, schema=schema, name=name,
            aliases=tuple(aliases), countries=tuple(dict.fromkeys(countries)),
            birth_dates=tuple(dict.fromkeys(births)), remarks="; ".join(remarks)))
    if duplicates:
        shown = "; ".join(duplicates[:5]) + (f"; and {len(duplicates) - 5} more" if len(duplicates) > 5 else "")
        raise ListFormatError(f"{where}: duplicate ids, each id must name one party: {shown}")
    for text, places in unknown_schemas.items():
        issues.append(f"{label}: schema {text!r} not recognised in {len(places)} row(s) (first: "
                      f"{places[0]}); read as Unknown")
    if not entities:
        raise ListFormatError(f"{where}: no row with an id and a name could be read")
    return entities


def _finish(source: str, snapshot: ListSnapshot, entities: list[Entity], issues: list[str]) -> EntityList:
    """The list, each entity pointing at its snapshot (which needs the entity count first)."""
    return EntityList(source, snapshot, tuple(replace(e, snapshot=snapshot) for e in entities), tuple(issues))
