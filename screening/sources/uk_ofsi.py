"""The UK OFSI Consolidated List of financial sanctions targets (``ConList.xlsx`` / ``ConList.csv``).

Format, as HM Treasury's Office of Financial Sanctions Implementation publishes it
(``https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx``, the
same list as ``.../2022format/ConList.csv``; landing page
``https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets``):

* the workbook has one sheet, every cell stored as text; the CSV holds the same table.
  One or two title lines come first (``Last Updated,10/04/2025``, read as the publication
  date), then the header row, then **one row per name**;
* 36 columns (:data:`COLUMNS`): ``Name 6`` (surname, or the whole name of an entity or
  ship), ``Name 1`` .. ``Name 5`` (given names), ``Title``, ``Name Non-Latin Script`` with
  ``Non-Latin Script Type`` / ``Non-Latin Script Language``, ``DOB``, birth place,
  ``Nationality``, passport and national identification numbers with their details,
  ``Position``, ``Address 1`` .. ``Address 6``, ``Post/Zip Code``, ``Country``, ``Other
  Information`` (``(UK Sanctions List Ref):RUS0001. (UK Statement of Reasons):...``),
  ``Group Type`` (Individual / Entity / Ship), ``Alias Type`` (Primary name, Primary name
  variation, AKA, FKA), ``Alias Quality`` (Good quality, Low quality or empty), ``Regime``,
  ``Listed On``, ``UK Sanctions List Date Designated``, ``Last Updated``, ``Group ID``.

**One entity per Group ID** (``uk-ofsi:<Group ID>``). OFSI repeats a target's rows for
each combination of name, date of birth and address (Joseph KONY has 80 "Primary name"
rows), so every field is the union of its rows, in file order, without repeats:

* names: ``Name 1`` .. ``Name 5`` then ``Name 6`` (the reading order; ``Title`` left out),
  whitespace collapsed; repeats are told apart case-insensitively. The first "Primary
  name" row gives ``Entity.name`` (when a group has none, its first "Primary name
  variation", reported); other names are aliases: Primary name (another spelling),
  Primary name variation and AKA as a.k.a., FKA as f.k.a.; "Low quality" is a weak alias.
  A name met twice keeps its strongest reading (and that row's spelling). ``Name
  Non-Latin Script`` (Cyrillic, Arabic, Chinese, ...; the script is read from the letters,
  as the type column is often empty or misspelt, and 159 of these names are in fact Latin
  letters with diacritics) is one more alias with the kind and quality of its row;
* ``DOB``: ``dd/mm/yyyy`` exact; ``00/00/yyyy``, ``dd/00/yyyy`` and ``yyyy`` a year;
  ``00/mm/yyyy`` and ``mm/yyyy`` a month; anything else is kept in the remarks;
* ``Nationality`` (``(1) Russia. (2) Syria`` lists split) and address countries give
  ``countries``; ``Address 1`` .. ``5`` are the street, ``Address 6`` and the post code the
  city (as the UN and OFAC loaders share ``city``); passport and national identification
  numbers (enumerations split) are identifiers, and so is the FCDO "UK Sanctions List
  Ref" (``IdType.OTHER``), which ties the target to its ``uk-fcdo`` entries. From ``Other
  Information`` a ship's ``(IMO number):`` is an IMO identifier and its ``(Flag of ship):``
  leads ``countries``; the other labelled facts there (Business Reg No, which mixes INN,
  OGRN and free text; phone; website) stay in the remarks only;
* ``Regime`` gives ``programs``, the earliest ``Listed On`` ``listed_on``; Title,
  Position, place of birth, document details, designation and update dates lead the
  remarks, ``Other Information`` follows as published.

A folder holding both files is read from ``ConList.xlsx``. A row without a Group ID or a
name, or (CSV) with the wrong number of fields, is reported in ``issues`` and skipped; so
are values that cannot be read (kept as text).

>>> ofsi = load("../shared/lists/uk_ofsi_conlist_2025-04")        # doctest: +SKIP
>>> ofsi.get("uk-ofsi:16643").aliases[0].value                     # doctest: +SKIP
'道通机器人有限公司'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from screening.countries import to_iso2
from screening.model import (
    Address, DateOfBirth, EntityList, Identifier, IdType, Name, NameKind, NameQuality, Schema,
)
from screening.sources.files import (
    EntityParts, ListFormatError, csv_records, find_header, optional_file, read_text, snapshot_of,
)

SOURCE = "uk-ofsi"
FILE_NAMES = ("ConList.xlsx", "ConList.csv")  # a folder holding both is read from the workbook
NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
ADDRESS_LINES = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5")
COLUMNS = (
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "Name Non-Latin Script",
    "Non-Latin Script Type", "Non-Latin Script Language", "DOB", "Town of Birth", "Country of Birth",
    "Nationality", "Passport Number", "Passport Details", "National Identification Number",
    "National Identification Details", "Position", "Address 1", "Address 2", "Address 3", "Address 4",
    "Address 5", "Address 6", "Post/Zip Code", "Country", "Other Information", "Group Type",
    "Alias Type", "Alias Quality", "Regime", "Listed On", "UK Sanctions List Date Designated",
    "Last Updated", "Group ID",
)
HEADER_SEARCH_ROWS = 5  # the header is on row 2 of the published files; allow a few title lines

# The UK lists' target types (OFSI Group Type, FCDO Individual/Entity/Ship), case-folded.
UK_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}

# Alias Type -> (rank, kind): a name met on several rows keeps its lowest rank.
_ALIAS_TYPES: dict[str, tuple[int, NameKind]] = {
    "primary name": (0, NameKind.PRIMARY),
    "primary name variation": (1, NameKind.AKA),
    "aka": (2, NameKind.AKA),
    "fka": (3, NameKind.FKA),
    "nka": (2, NameKind.NKA),
}
_QUALITIES = {"": NameQuality.STRONG, "good quality": NameQuality.STRONG, "good": NameQuality.STRONG,
              "low quality": NameQuality.WEAK, "low": NameQuality.WEAK}

# OFSI spellings to_iso2 does not resolve (measured on the April 2025 list).
_OFSI_COUNTRIES = {
    "congo (democratic republic)": "CD",
    "occupied palestinian territories": "PS",
    "palestinian territories": "PS",
    "guinea bissau": "GW",
    "cape verde": "CV",
    "britain": "GB",
    # nationality written as an adjective or misspelt
    "russian": "RU",
    "german": "DE",
    "belrus": "BY",
    "repubic of moldova": "MD",
}
# "(1) ... (2) ...", "(1-3) ...", "(1) to (6) ...": OFSI's way of listing several values in one cell.
_ENUMERATION = re.compile(r"\(\s*\d+\s*(?:-\s*\d+\s*)?\)(?:\s*to\s*\(\s*\d+\s*\))?")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "Iraq (previous address)"
_ID_LIKE = re.compile(r"^[A-Z]*\d[\dA-Z]*$")
_NO_VALUE = frozenset({"", "-", "–", "—", "n/a"})
_UK_REF = re.compile(r"\(UK Sanctions List Ref\):\s*([A-Za-z]+\.?\d+)")
_IMO = re.compile(r"\(IMO number\):\s*(\d{7})\b")
_FLAG = re.compile(r"\(Flag of ship\):\s*([^()]+?)\s*(?:\(|$)")

# (first code point, last code point, ISO 15924 code) of the scripts OFSI's names use.
_SCRIPT_RANGES = (
    (0x0370, 0x03FF, "Grek"), (0x0400, 0x052F, "Cyrl"), (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"), (0x0E00, 0x0E7F, "Thai"),
    (0x1000, 0x109F, "Mymr"), (0x10A0, 0x10FF, "Geor"), (0x1200, 0x139F, "Ethi"),
    (0x1100, 0x11FF, "Hang"), (0xAC00, 0xD7AF, "Hang"), (0x3040, 0x30FF, "Kana"),
    (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"), (0xF900, 0xFAFF, "Hani"),
    (0x20000, 0x2FA1F, "Hani"),
)


@dataclass(frozen=True, slots=True)
class _Row:
    """One data row: where it is (``ConList.xlsx row 3``) and its values by column, whitespace
    runs (line breaks, no-break spaces) collapsed; ``Other Information`` only stripped."""

    where: str
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    text = __getitem__


def load(path: str | Path) -> EntityList:
    """The OFSI Consolidated List from ``ConList.xlsx`` or ``ConList.csv``, or a folder holding one.

    Rows that cannot be read are reported in ``issues`` and skipped; the rest loads.
    Raises ListFormatError when the file is missing or unreadable, lacks the OFSI header,
    or holds no readable row.
    """
    path = Path(path)
    file = _find_file(path)
    issues: list[str] = []
    if _is_workbook(file):
        table, unit = _read_xlsx(file), "row"
    else:
        table, unit = _read_csv(file, issues), "line"
    published, header_at, columns = _header(table, file, issues)
    groups: dict[str, list[_Row]] = {}
    for row in _rows(table, header_at, columns, f"{file.name} {unit}", issues):
        groups.setdefault(row["Group ID"], []).append(row)
    if not groups:
        raise ListFormatError(f"{file}: no OFSI Consolidated List row could be read")
    built = [_parts(group_id, rows, f"{file.name} Group ID {group_id}", issues)
             for group_id, rows in groups.items()]
    snapshot = snapshot_of(SOURCE, path, [file], len(built), published)
    return EntityList(SOURCE, snapshot, tuple(p.entity(SOURCE, snapshot) for p in built), tuple(issues))


# ---------------------------------------------------------------------------------------
# Reading the file


def _find_file(path: Path) -> Path:
    if path.is_dir():
        for name in FILE_NAMES:
            found = optional_file(path, name)
            if found is not None:
                return found
        raise ListFormatError(f"{path}: no {' or '.join(FILE_NAMES)} in this folder")
    if not path.is_file():
        raise ListFormatError(f"{path}: no such file (expected the OFSI {' or '.join(FILE_NAMES)})")
    return path


def _is_workbook(file: Path) -> bool:
    """XLSX by name, or by content (a zip archive) whatever the name."""
    if file.suffix.casefold() in (".xlsx", ".xlsm", ".xls"):
        return True
    try:
        with file.open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError as exc:
        raise ListFormatError(f"{file}: cannot read ({exc})") from exc


def _read_xlsx(file: Path) -> list[tuple[int, list[str]]]:
    """(sheet row number, cells as text) of the first sheet, read by python-calamine via pandas."""
    import pandas as pd

    try:
        frame = pd.read_excel(file, sheet_name=0, header=None, dtype=str, keep_default_na=False,
                              engine="calamine")
    except Exception as exc:  # calamine raises its own error types for damaged workbooks
        raise ListFormatError(f"{file}: cannot read as an XLSX workbook ({exc})") from exc
    cells = frame.astype(object).where(frame.notna(), "")  # every cell text, an empty one ""
    return list(enumerate(cells.to_numpy(dtype=object).tolist(), start=1))


def _read_csv(file: Path, issues: list[str]) -> list[tuple[int, list[str]]]:
    """(line number, fields) of every record of ``ConList.csv`` (decoded by :func:`.files.read_text`)."""
    return [(line, fields) for line, fields in csv_records(read_text(file, issues), file.name, issues)
            if fields is not None]


def _header(table: list[tuple[int, list[str]]], file: Path,
            issues: list[str]) -> tuple[dt.date | None, int, dict[str, int]]:
    """(publication date, index of the header row in ``table``, column positions).

    The header is the first row naming both ``Name 6`` and ``Group ID``; the title rows
    before it give the date (``Last Updated | 10/04/2025``).
    """
    index, columns = find_header(table, ("Name 6", "Group ID"), COLUMNS, file, "the OFSI Consolidated List",
                                 HEADER_SEARCH_ROWS)
    published = None
    for _, cells in table[:index]:
        values = [c.strip() for c in cells if c.strip()]
        if len(values) >= 2 and values[0].casefold() == "last updated":
            published = _date(values[1])
            if published is None:
                issues.append(f"{file.name}: title row 'Last Updated' {values[1]!r} is not a "
                              f"dd/mm/yyyy date; publication date unknown")
            break
    else:
        issues.append(f"{file.name}: no 'Last Updated' title row; publication date unknown")
    return published, index, columns


def _rows(table: list[tuple[int, list[str]]], header_at: int, columns: dict[str, int], place: str,
          issues: list[str]) -> Iterator[_Row]:
    """Every readable data row; the others are reported and skipped. ``place`` is
    ``"ConList.csv line"`` or ``"ConList.xlsx row"``."""
    width = len(table[header_at][1])
    for number, cells in table[header_at + 1:]:
        where = f"{place} {number}"
        if all(not c.strip() for c in cells):
            continue  # blank line
        if place.endswith(" line") and len(cells) != width:
            issues.append(f"{where}: expected {width} comma-separated fields, got {len(cells)}; skipped")
            continue
        cells = cells + [""] * (width - len(cells))
        values = {c: " ".join(cells[i].split()) if cells[i] else "" for c, i in columns.items()}
        values["Other Information"] = cells[columns["Other Information"]].strip()
        row = _Row(where, values)
        if not row["Group ID"]:
            issues.append(f"{where}: no Group ID; skipped")
            continue
        if not _latin_name(row):
            issues.append(f"{where}: no name in Name 1 .. Name 6 (Group ID {row['Group ID']}); skipped")
            continue
        yield row


# ---------------------------------------------------------------------------------------
# Building entities



def _parts(group_id: str, rows: list[_Row], where: str, issues: list[str]) -> EntityParts:
    name, aliases = _names(rows, where, issues)
    unknown: list[str] = []
    nationalities = [code for r in rows for code in _countries(r.text("Nationality"), unknown)]
    flags = [code for r in rows for m in [_FLAG.search(r["Other Information"])] if m
             for code in _countries(m.group(1), unknown)]
    addresses = _unique(a for a in (_address(r, unknown) for r in rows) if a is not None)
    identifiers, details = _identifiers(rows)
    birth_dates, unparsed = _birth_dates(rows, where, issues)
    if unknown:
        issues.append(f"{where}: country {', '.join(repr(u) for u in _unique(unknown))} not recognised; "
                      f"kept as text only")
    listed = [d for d in (_dated(r, "Listed On", issues) for r in rows) if d]
    return EntityParts(
        publisher_id=group_id,
        schema=_schema(rows, where, issues),
        name=name,
        aliases=aliases,
        programs=_unique(r.text("Regime") for r in rows if r.text("Regime")),
        countries=_unique(c for c in flags + nationalities + [a.country for a in addresses] if c),
        birth_dates=birth_dates,
        identifiers=identifiers,
        addresses=addresses,
        remarks=_remarks(rows, unparsed, details),
        listed_on=min(listed) if listed else None,
    )


def _unique(values) -> tuple:
    return tuple(dict.fromkeys(values))


def _schema(rows: list[_Row], where: str, issues: list[str]) -> Schema:
    types = _unique(r.text("Group Type") for r in rows)
    if len(types) > 1:
        issues.append(f"{where}: Group Type differs between its rows ({', '.join(types)}); "
                      f"the first is used")
    schema = UK_SCHEMAS.get(types[0].casefold())
    if schema is None:
        issues.append(f"{where}: unknown Group Type {types[0]!r}; schema unknown")
        return Schema.UNKNOWN
    return schema


# ---------------------------------------------------------------------------------------
# Names


def _latin_name(row: _Row) -> str:
    """``Name 1`` .. ``Name 5`` then ``Name 6``: given names first, the usual reading order."""
    return " ".join(p for p in (row.text(c) for c in NAME_PARTS) if p)


@dataclass(slots=True)
class _Candidate:
    value: str
    rank: int
    kind: NameKind
    quality: NameQuality
    script: str | None
    provenance: str

    @property
    def strength(self) -> tuple[int, int]:
        return self.rank, 0 if self.quality is NameQuality.STRONG else 1


def _names(rows: list[_Row], where: str, issues: list[str]) -> tuple[str, tuple[Name, ...]]:
    """The primary name and the aliases of one group (see the module docstring)."""
    found: dict[str, _Candidate] = {}
    primary: str | None = None
    for row in rows:
        alias_type, quality_text = row.text("Alias Type"), row.text("Alias Quality")
        rank, kind = _ALIAS_TYPES.get(alias_type.casefold(), (None, None))
        if kind is None:
            issues.append(f"{row.where}: unknown Alias Type {alias_type!r}; read as a.k.a.")
            rank, kind = 2, NameKind.AKA
        quality = _QUALITIES.get(quality_text.casefold())
        if quality is None:
            issues.append(f"{row.where}: unknown Alias Quality {quality_text!r}; read as strong")
            quality = NameQuality.STRONG
        label = f"Alias Type {alias_type}" + (f", {quality_text}" if quality_text else "")
        latin = _latin_name(row)
        if kind is NameKind.PRIMARY and primary is None:
            primary = latin.casefold()
        _offer(found, _Candidate(latin, rank, kind, quality, _script(latin), label))
        original = row.text("Name Non-Latin Script")
        if original:
            script_type, language = row.text("Non-Latin Script Type"), row.text("Non-Latin Script Language")
            described = "/".join(p for p in (script_type, language) if p)
            _offer(found, _Candidate(original, rank, kind, quality, _script(original),
                                     "Name Non-Latin Script" + (f" ({described})" if described else "")
                                     + f", row {label}"))
    if primary is None:
        fallback = next((c for c in found.values() if c.rank == 1), next(iter(found.values())))
        primary = fallback.value.casefold()
        issues.append(f"{where}: no 'Primary name' row; {fallback.value!r} ({fallback.provenance}) "
                      f"taken as the primary name")
    name = found[primary].value
    return name, tuple(Name(c.value, NameKind.AKA if c.kind is NameKind.PRIMARY else c.kind, c.quality,
                            c.script, c.provenance) for key, c in found.items() if key != primary)


def _offer(found: dict[str, _Candidate], candidate: _Candidate) -> None:
    """Keep one reading per name (compared case-insensitively): the strongest any of its rows
    gives, spelt as that row spells it, in the place where the name first came."""
    key = candidate.value.casefold()
    seen = found.get(key)
    if seen is None or candidate.strength < seen.strength:
        found[key] = candidate  # a replaced key keeps its place: dict order is the first insertion's


def _script(text: str) -> str | None:
    """The ISO 15924 code of the most frequent non-Latin script in ``text``; None for Latin.

    Kana with Han is Japanese (``Jpan``).

    >>> [_script(n) for n in ("道通机器人有限公司", "カザン火薬工場", "Андрэй Жук", "Andrej ŽUK")]
    ['Hani', 'Jpan', 'Cyrl', None]
    """
    counts: dict[str, int] = {}
    for ch in text:
        code = ord(ch)
        if code < 0x0370:
            continue
        for first, last, script in _SCRIPT_RANGES:
            if first <= code <= last:
                counts[script] = counts.get(script, 0) + 1
                break
    if not counts:
        return None
    if "Kana" in counts:
        return "Jpan"
    return max(counts, key=counts.__getitem__)


# ---------------------------------------------------------------------------------------
# Countries, addresses, documents


def split_enumeration(text: str) -> list[str]:
    """The values of a cell that lists several as ``(1) A (2) B``; one value otherwise.

    >>> split_enumeration("(1) Russia. (2) Syria"), split_enumeration("(1) to (6) Algeria (7) Morocco")
    (['Russia', 'Syria'], ['Algeria', 'Morocco'])
    >>> split_enumeration("Congo (Democratic Republic)")
    ['Congo (Democratic Republic)']
    """
    if not text:
        return []
    parts = (p.strip(" .;,") for p in _ENUMERATION.split(" ".join(text.split())))
    return [p for p in parts if p.casefold() not in _NO_VALUE]


@functools.lru_cache(maxsize=4096)
def _country(value: str) -> str | None:
    """ISO alpha-2 of one OFSI country value, or None.

    >>> _country("Congo (Democratic Republic)"), _country("Iraq (previous address)"), _country("Moscow")
    ('CD', 'IQ', None)
    """
    value = value.strip(" .;,")
    for candidate in (value, _TRAILING_NOTE.sub("", value)):
        code = _OFSI_COUNTRIES.get(candidate.casefold()) or to_iso2(candidate)
        if code:
            return code
    return None


def _countries(text: str, unknown: list[str]) -> list[str]:
    """ISO codes of every country in a Nationality cell (``(1) A (2) B``, ``A, B``, ``A. B``)."""
    codes: list[str] = []
    for value in split_enumeration(text):
        code = _country(value)
        if code is None:
            parts = [p for p in re.split(r"[.,;]\s*", value) if p.strip()]
            part_codes = [_country(p) for p in parts]
            if len(parts) > 1 and all(part_codes):
                codes += part_codes
                continue
            unknown.append(value)
            continue
        codes.append(code)
    return codes


def _address(row: _Row, unknown: list[str]) -> Address | None:
    return uk_address([row.text(c) for c in ADDRESS_LINES], [row.text("Address 6"), row.text("Post/Zip Code")],
                      row.text("Country"), unknown)


def uk_address(street_lines: list[str], city_parts: list[str], country_name: str,
               unknown: list[str]) -> Address | None:
    """An address of the UK lists' six address lines (the last is the town), post code and country
    name; None when all are empty. A country name without ISO code goes to ``unknown``."""
    street = ", ".join(p for p in street_lines if p)
    city = ", ".join(p for p in city_parts if p)
    if not (street or city or country_name):
        return None
    code = _country(country_name) if country_name else None
    if country_name and code is None:
        unknown.append(country_name)
    return Address(street=street, city=city, country=code, country_name=country_name)


def _identifiers(rows: list[_Row]) -> tuple[tuple[Identifier, ...], list[str]]:
    """Passports and national ids (several per cell split), then the ship's IMO number and the
    UK Sanctions List Ref from ``Other Information``.

    A number paired with a detail that is just a country name (``Russia``) gets that
    country. Details are returned for the remarks.
    """
    ids: list[Identifier] = []
    details: list[str] = []
    for number_column, details_column, kind in (
            ("Passport Number", "Passport Details", IdType.PASSPORT),
            ("National Identification Number", "National Identification Details", IdType.NATIONAL_ID)):
        for row in rows:
            numbers = [n for item in split_enumeration(row.text(number_column)) for n in _id_values(item)]
            notes = split_enumeration(row.text(details_column))
            if row.text(details_column):
                details.append(f"{details_column}: {row.text(details_column)}")
            paired = notes if len(notes) == len(numbers) else [""] * len(numbers)
            for number, note in zip(numbers, paired, strict=True):
                ids.append(Identifier(kind, number, _country(note) if note else None, number_column))
    for row in rows:
        imo = _IMO.search(row["Other Information"])
        if imo:
            ids.append(Identifier(IdType.IMO, imo.group(1), None, "IMO number"))
        ref = _UK_REF.search(row["Other Information"])
        if ref:
            ids.append(Identifier(IdType.OTHER, ref.group(1), None, "UK Sanctions List Ref"))
    return _unique(ids), list(_unique(details))


def _id_values(item: str) -> list[str]:
    """One enumerated item, split where OFSI lists numbers with ". " (``620115920. 530944739``).

    >>> _id_values("620115920. 530944739"), _id_values("8208 No. 555627")
    (['620115920', '530944739'], ['8208 No. 555627'])
    """
    parts = [p.strip(" .") for p in item.split(". ")]
    if len(parts) > 1 and all(_ID_LIKE.match(p) for p in parts):
        return parts
    return [item.strip(" .")]


# ---------------------------------------------------------------------------------------
# Dates


@functools.lru_cache(maxsize=4096)
def _date(text: str) -> dt.date | None:
    """``dd/mm/yyyy`` (or ISO ``yyyy-mm-dd``, as a workbook date cell reads) -> date; None otherwise."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _dated(row: _Row, column: str, issues: list[str]) -> dt.date | None:
    text = row.text(column)
    if not text:
        return None
    day = _date(text)
    if day is None:
        issues.append(f"{row.where}: {column} {text!r} is not a dd/mm/yyyy date; kept as text")
    return day


def parse_dob(text: str) -> DateOfBirth | None:
    """One OFSI ``DOB`` value; None when it is not one of OFSI's forms.

    >>> parse_dob("00/00/1959").start, parse_dob("00/00/1959").end, parse_dob("15/00/1970").end
    (datetime.date(1959, 1, 1), datetime.date(1959, 12, 31), datetime.date(1970, 12, 31))
    >>> parse_dob("00/09/1958").end, parse_dob("01/1964").start, parse_dob("1962").text
    (datetime.date(1958, 9, 30), datetime.date(1964, 1, 1), '1962')
    >>> parse_dob("31/02/1970") is None, parse_dob("circa 1970") is None
    (True, True)
    """
    text = " ".join(text.split())
    try:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            if month == 0:  # 00/00/yyyy, dd/00/yyyy: the year only
                return DateOfBirth.year(year, text=text)
            if day == 0:
                return _month(year, month, text)
            exact = dt.date(year, month, day)
            return DateOfBirth(exact, exact, text=text)
        match = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if match:
            return _month(int(match.group(2)), int(match.group(1)), text)
        if re.fullmatch(r"\d{4}", text):
            return DateOfBirth.year(int(text), text=text)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}( 00:00:00)?", text):  # a workbook date cell
            exact = dt.date.fromisoformat(text[:10])
            return DateOfBirth(exact, exact, text=text[:10])
    except ValueError:
        return None
    return None


def _month(year: int, month: int, text: str) -> DateOfBirth:
    start = dt.date(year, month, 1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return DateOfBirth(start, end, text=text)


def _birth_dates(rows: list[_Row], where: str,
                 issues: list[str]) -> tuple[tuple[DateOfBirth, ...], list[str]]:
    dates: list[DateOfBirth] = []
    unparsed: list[str] = []
    for row in rows:
        text = row.text("DOB")
        if not text:
            continue
        dob = parse_dob(text)
        if dob is None:
            if text not in unparsed:
                unparsed.append(text)
                issues.append(f"{row.where}: DOB {text!r} not read as a date; kept in remarks")
        else:
            dates.append(dob)
    return _unique(dates), unparsed


# ---------------------------------------------------------------------------------------
# Remarks


def _remarks(rows: list[_Row], unparsed_dobs: list[str], details: list[str]) -> str:
    """Fields the model has no place for lead, labelled, in "; " style; Other Information follows."""
    head: list[str] = []
    for column, label in (("Title", "Title"), ("Position", "Position")):
        head += [f"{label}: {v}" for v in _unique(r.text(column) for r in rows) if v]
    for row in rows:
        town, country = row.text("Town of Birth"), row.text("Country of Birth")
        if _ENUMERATION.search(town) or _ENUMERATION.search(country):  # "(1) .. (2) .." lists: as published
            places = [f"{label}: {value}" for label, value in (("Town of Birth", town),
                                                                ("Country of Birth", country)) if value]
        else:
            place = ", ".join(p for p in (town, country) if p)
            places = [f"Place of birth: {place}"] if place else []
        head += [p for p in places if p not in head]
    head += [f"Date of birth: {d}" for d in unparsed_dobs]
    head += details
    for column in ("UK Sanctions List Date Designated", "Last Updated"):
        head += [f"{column}: {v}" for v in _unique(r.text(column) for r in rows) if v]
    other = [v for v in _unique(r["Other Information"] for r in rows) if v]
    return "; ".join(head + other)
