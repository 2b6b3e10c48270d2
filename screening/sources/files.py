"""Reading publisher files: content hashing for snapshots, and the errors parsers raise."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from screening.model import Address, DateOfBirth, Entity, Identifier, ListSnapshot, Name, Schema


class UnknownSourceError(ValueError):
    """No list source is registered under the given key."""


class ListFormatError(ValueError):
    """A list file cannot be read as the format its source promises.

    The message names the file (and line or record where known), so a user can act on it.
    """


def snapshot_of(source: str, path: Path, files: list[Path], entity_count: int,
                published: dt.date | None = None) -> ListSnapshot:
    """A ListSnapshot whose hash covers the bytes of ``files`` (in the given order)."""
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode())
        digest.update(b"\0")
        digest.update(f.read_bytes())
    return ListSnapshot(source=source, path=str(path), content_hash=digest.hexdigest(),
                        published=published, entity_count=entity_count)


def require_file(folder: Path, name: str) -> Path:
    """``folder/name``, matched case-insensitively (OFAC serves both SDN.CSV and sdn.csv)."""
    if not folder.is_dir():
        raise ListFormatError(f"{folder}: not a folder")
    wanted = name.casefold()
    for f in folder.iterdir():
        if f.name.casefold() == wanted:
            return f
    raise ListFormatError(f"{folder}: no {name} in this folder")


def optional_file(folder: Path, name: str) -> Path | None:
    try:
        return require_file(folder, name)
    except ListFormatError:
        return None


@dataclass(slots=True)
class EntityParts:
    """An entity as a parser reads it, before the snapshot (hash and count of the whole file) is known."""

    publisher_id: str
    schema: Schema
    name: str
    aliases: tuple[Name, ...] = ()
    programs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    birth_dates: tuple[DateOfBirth, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    addresses: tuple[Address, ...] = ()
    remarks: str = ""
    listed_on: dt.date | None = None

    def entity(self, source: str, snapshot: ListSnapshot) -> Entity:
        return Entity(entity_id=f"{source}:{self.publisher_id}", source=source, publisher_id=self.publisher_id,
                      schema=self.schema, name=self.name, aliases=self.aliases, programs=self.programs,
                      countries=self.countries, birth_dates=self.birth_dates, identifiers=self.identifiers,
                      addresses=self.addresses, remarks=self.remarks, listed_on=self.listed_on, snapshot=snapshot)


def read_text(path: Path, issues: list[str], bom: bool = True) -> str:
    """A list file's text: UTF-8 (a byte-order mark dropped when ``bom``), else Windows-1252, else
    Latin-1, the fallback reported in ``issues`` (publishers' files are UTF-8 or ASCII today)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListFormatError(f"{path}: cannot read ({exc})") from exc
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1"
    issues.append(f"{path.name}: not UTF-8, read as {encoding}")
    return text


def published_date(value: str | None, attribute: str, file: Path, issues: list[str]) -> dt.date | None:
    """The date of an XML export's generation timestamp (``2026-02-27T00:00:09.554Z`` -> 2026-02-27,
    the date as written); None, reported, when it is missing or not a date."""
    if not value:
        issues.append(f"{file.name}: no {attribute}; publication date unknown")
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        issues.append(f"{file.name}: {attribute} {value!r} is not a date; publication date unknown")
        return None


def iso_date(value: str | None, what: str, where: str, issues: list[str]) -> dt.date | None:
    """The date a ``YYYY-MM-DD...`` value starts with; None when empty, or reported when not a date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        issues.append(f"{where}: {what} {value!r} is not a date")
        return None


def report_unknown_countries(where: str, unknown: list[str], issues: list[str]) -> None:
    """One issue naming the country values no country code could be found for."""
    if unknown:
        issues.append(f"{where}: country {', '.join(repr(u) for u in dict.fromkeys(unknown))} "
                      "not recognised; kept as text only")


def csv_records(text: str, file_name: str, issues: list[str], **dialect) -> Iterator[tuple[int, list[str] | None]]:
    """(first line, fields) of every record of ``text``, blank lines included; a record the csv
    module cannot read is reported in ``issues`` with its line and given as (line, None), so a
    caller can count it, and reading goes on."""
    reader = csv.reader(io.StringIO(text, newline=""), **dialect)
    line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a NUL byte (Python 3.10); the reader can go on
            issues.append(f"{file_name} line {line}: {exc}")
            yield line, None
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        yield start, fields


def find_header(table: list[tuple[int, list[str]]], markers: tuple[str, ...], columns: tuple[str, ...],
                file: Path, what: str, search_rows: int) -> tuple[int, dict[str, int]]:
    """In a spreadsheet's rows, the position of the header row (the first of ``search_rows`` naming
    every marker) and each of ``columns``' cell positions (the first cell of that name); a
    ListFormatError saying the file is not ``what`` when there is none, or a column is missing."""
    index = next((i for i, (_, cells) in enumerate(table[:search_rows])
                  if set(markers) <= {c.strip() for c in cells}), None)
    if index is None:
        raise ListFormatError(f"{file}: not {what}: no header row naming "
                              f"{' and '.join(repr(m) for m in markers)} in the first {search_rows} rows")
    position = {name.strip(): i for i, name in reversed(list(enumerate(table[index][1])))}
    missing = [c for c in columns if c not in position]
    if missing:
        raise ListFormatError(f"{file}: not {what}: the header row lacks {', '.join(missing)}")
    return index, {c: position[c] for c in columns}
