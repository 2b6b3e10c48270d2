"""The trade.gov Consolidated Screening List (CSL), CSV, U.S. International Trade Administration.

Format, as ITA publishes it (``https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv``;
earlier ``http://api.trade.gov/static/consolidated_screening_list/consolidated.csv``): UTF-8,
comma-separated, one header row, one row per listed party **and sub-list** (Commerce's
Entity List, Denied Persons, Unverified and Military End User lists, State's ITAR
Debarred and Nonproliferation lists, Treasury's SDN, SSI, FSE, PLC, CAPTA, NS-MBS and
NS-CMIC lists). Multi-valued cells are joined with ``"; "``. Two layouts, told apart by
the header:

* **2023** (also the 2025 files): 29 columns, ``_id`` first, then the 28 below. ``_id`` is
  OFAC's ``ent_num`` for Treasury rows and a 32- or 56-hex-digit hash for the others.
  ``ids`` entries are ``type, number[, country]`` (``Passport, 836238033, KP``).
* **2019**: the 28 columns ``source, entity_number, type, programs, name, title, addresses,
  ..., ids`` without ``_id``; ``entity_number`` is filled for Treasury rows only. ``ids``
  entries are written the other way round: ``[country, ]number, type``.

**Ids.** ``entity_id`` is ``csl:<_id>``. Where the row has no id (every non-Treasury row of
the 2019 layout, which has no ``_id`` column; or an empty ``_id``), ``publisher_id`` is
taken from ``entity_number`` (OFAC's ``ent_num``, which is what ``_id`` holds for these rows
in the 2023 layout, so Treasury rows keep their id across layouts), and failing that
derived from the content: ``<CODE>-<12 hex digits of SHA-1>`` over the sub-list code, name,
addresses and ``start_date`` (whitespace collapsed, casefolded; see :func:`derived_id`), e.g.
``csl:EL-0123456789ab``. It is stable from one list version to the next as long as the
publisher leaves those four unchanged. One ``_id`` on several rows (OFAC lists one party
on two Treasury sub-lists, e.g. ent_num 17014 on both SSI and NS-MBS in Nov 2023) gives
each of those rows ``<_id>-<CODE>`` (``csl:17014-SSI``, ``csl:17014-NS-MBS``), reported in
``issues``; should two rows still share an id, the later ones get ``-2``, ``-3`` (reported).

**Sub-lists.** Each entity's ``programs`` start with the short code of its sub-list
(:func:`sublist_codes`: ``EL``, ``MEU``, ``UVL``, ``DPL``, ``ISN``, ``DTC``, ``SDN``, ``SSI``,
``FSE``, ``PLC``, ``NS-MBS``, ``CMIC``, ``CAP``), followed by the row's own ``programs``
(``CMIC-EO13959``, ``SDGT``, ...). :func:`select` keeps the entities of some sub-lists,
e.g. ``select(csl, "EL")`` for the BIS Entity List alone. A ``source`` not in the table
takes the abbreviation in its parentheses (reported once).

**Fields.** ``type`` -> schema (Individual, Entity, Vessel, Aircraft); Commerce and State
rows have no type, and are ORGANIZATION when the name holds a legal-form or commercial
word (:func:`screening.sources.bis_dpl.schema_of`), else UNKNOWN. ``alt_names`` ->
strong aliases (a leading ``and `` on the last one, left from the Federal Register's
prose, is dropped); aliases packed into the name (``X A/K/A Y``, ``X, a.k.a. Y``,
``X (A.K.A. Y) Z``) and the name without a trailing ``and any successor, sub-unit, or
subsidiary thereof`` are aliases too. ``addresses`` -> Address: the CSL drops empty
address parts, so street and city cannot be told apart: the country (last part, a code
or a name) is read off and the rest kept in ``street``; ``STATE, ZIP`` at the end with no
country (US addresses on the Denied Persons List) means US. ``dates_of_birth`` ->
birth dates (``1962-11-05``, ``1968``, ``circa 1951``, ``Sep 1938``); ``nationalities``,
``citizenships`` and address countries -> ``countries``; ``ids`` -> identifiers (the
labels OFAC uses in its Remarks, via :func:`screening.sources.ofac_remarks.parse_remarks`),
``Issuer Name`` entries -> strong aliases as in the OFAC loader, everything else
(websites, directives, gender ...) -> ``remarks``. ``start_date`` (or a CMIC row's
``Listing Date (CMIC)``) -> ``listed_on``. The other columns are kept, labelled, in
``remarks``.

**Defects tolerated**, each reported in ``issues`` with the file and line (the line on
which the record starts): a repeated header line (skipped), a record with the wrong
number of fields, e.g. the last record of a file cut in the middle of a quoted value
(skipped; reading resumes on the line after its first one, so no good row after it is
lost), a row without a name (skipped), unreadable dates (kept in remarks).

>>> csl = load("../shared/lists/trade_gov_csl_2023-11_sample")      # doctest: +SKIP
>>> len(select(csl, "EL"))                                             # doctest: +SKIP
919
>>> sublist_codes()["Entity List (EL) - Bureau of Industry and Security"]
'EL'
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from screening.countries import to_iso2
from screening.model import (
    Address,
    DateOfBirth,
    Entity,
    EntityList,
    Identifier,
    IdType,
    Name,
    NameKind,
    NameQuality,
    Schema,
)
from screening.sources.bis_dpl import schema_of
from screening.sources.files import EntityParts, ListFormatError, optional_file, read_text, snapshot_of
from screening.sources.ofac_remarks import parse_dob, parse_remarks
from screening.sources.packed_names import packed_aliases

SOURCE = "csl"
FILE_NAMES = ("consolidated.csv", "csl.csv")  # tried in this order in a folder
COLUMNS_2019 = (
    "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
    "vessel_flag", "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships",
    "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids")
COLUMNS_2023 = ("_id",) + COLUMNS_2019
ID_DIGITS = 12

# The CSL's long sub-list names -> short codes (measured on the 2019, 2023 and 2025 files).
_SUBLISTS = {
    "Entity List (EL) - Bureau of Industry and Security": "EL",
    "Military End User (MEU) List - Bureau of Industry and Security": "MEU",
    "Unverified List (UVL) - Bureau of Industry and Security": "UVL",
    "Denied Persons List (DPL) - Bureau of Industry and Security": "DPL",
    "Nonproliferation Sanctions (ISN) - State Department": "ISN",
    "ITAR Debarred (DTC) - State Department": "DTC",
    "Specially Designated Nationals (SDN) - Treasury Department": "SDN",
    "Sectoral Sanctions Identifications List (SSI) - Treasury Department": "SSI",
    "Foreign Sanctions Evaders (FSE) - Treasury Department": "FSE",
    "Palestinian Legislative Council List (PLC) - Treasury Department": "PLC",
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department": "NS-MBS",
    "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department": "CMIC",
    "Capta List (CAP) - Treasury Department": "CAP",
}
_SUBLIST_KEYS = {" ".join(k.split()).casefold(): v for k, v in _SUBLISTS.items()}
_PAREN_CODE = re.compile(r"\(([A-Z][A-Z0-9-]*)(?:\s+List)?\)")

# Physical lines as csv and io.StringIO(newline="") see them: ends \r\n, \r or \n.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_ENTRY_SPLIT = re.compile(r"\s*;\s*")
_SUCCESSORS = re.compile(r"\s*[;,]?\s+and\s+(?:any\s+successor|its\s+sub-units)\b.*$", re.IGNORECASE)
_LEADING_AND = re.compile(r"^and\s+", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_ZIP = re.compile(r"\d{3,5}(?:-\d{4})?")
_COUNTRY_WORDS = {"PRC": "CN"}  # not ISO, used in CSL addresses
_CMIC_LISTING = "Listing Date (CMIC)"
_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP".split())

# Columns kept, labelled, in remarks (in this order).
_REMARK_COLUMNS = (
    ("title", "Title"), ("federal_register_notice", "Federal Register notice"),
    ("start_date", "Start date"), ("end_date", "End date"), ("standard_order", "Standard order"),
    ("license_requirement", "License requirement"), ("license_policy", "License policy"),
    ("vessel_type", "Vessel type"), ("gross_tonnage", "Gross tonnage"),
    ("gross_registered_tonnage", "Gross registered tonnage"), ("vessel_flag", "Vessel flag"),
    ("vessel_owner", "Vessel owner"), ("places_of_birth", "Places of birth"))


def sublist_codes() -> dict[str, str]:
    """The CSL's sub-list names (its ``source`` column) -> the short codes entities carry
    as their first program.

    >>> codes = sublist_codes()
    >>> codes["Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department"]
    'CMIC'
    >>> sorted(set(codes.values()))
    ['CAP', 'CMIC', 'DPL', 'DTC', 'EL', 'FSE', 'ISN', 'MEU', 'NS-MBS', 'PLC', 'SDN', 'SSI', 'UVL']
    """
    return dict(_SUBLISTS)


def sublist_of(entity: Entity) -> str | None:
    """The sub-list code of a CSL entity (its first program), None for other sources."""
    return entity.programs[0] if entity.source == SOURCE and entity.programs else None


def select(entities: EntityList, *codes: str) -> EntityList:
    """The entities of the given sub-lists only, e.g. ``select(csl, "EL")`` for the BIS Entity
    List; same source, snapshot (which describes the whole file read) and issues.

    Raises ValueError for a code that no entity of ``entities`` carries and that is not a
    known code (a typo would otherwise silently select nothing).
    """
    wanted = set(codes)
    known = set(_SUBLISTS.values()) | {sublist_of(e) for e in entities}
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(f"unknown CSL sub-list code(s) {', '.join(unknown)}; known: "
                         f"{', '.join(sorted(c for c in known if c))}")
    kept = tuple(e for e in entities if sublist_of(e) in wanted)
    return EntityList(entities.source, entities.snapshot, kept, entities.issues)


def derived_id(code: str, name: str, addresses: str, start_date: str) -> str:
    """The id of a row that has none: ``<code>-`` and 12 hex digits of SHA-1 over the
    sub-list code, name, addresses and start date, each whitespace-collapsed and casefolded,
    joined by ``|``.

    >>> derived_id("EL", " Gunther  MIGEOTTE", "Bruges, BE", "") == derived_id("EL", "gunther migeotte", "bruges, be", "")
    True
    >>> derived_id("EL", "Gunther Migeotte", "Bruges, BE", "")[:3]
    'EL-'
    """
    text = "|".join(" ".join(v.split()).casefold() for v in (code, name, addresses, start_date))
    return f"{code or 'CSL'}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:ID_DIGITS]}"


def load(path: str | Path) -> EntityList:
    """The CSL from ``consolidated.csv`` (or the 2019 ``csl.csv``), or a folder holding one.

    Raises ListFormatError when the file is missing or unreadable, its header names no
    ``source`` and ``name`` columns, or no row can be read. Everything else is reported in
    ``issues`` and the good rows load.
    """
    path = Path(path)
    file = _find_file(path) if path.is_dir() else path
    issues: list[str] = []
    rows, layout = _rows(file, issues)
    if not rows:
        raise ListFormatError(f"{file}: no Consolidated Screening List row could be read")
    ids, codes = _assign_ids(rows, layout, file.name, issues)
    built = [_parts(row, pid, code, layout, file.name, issues) for row, pid, code in zip(rows, ids, codes)]
    snapshot = snapshot_of(SOURCE, path, [file], len(built))
    return EntityList(SOURCE, snapshot, tuple(p.entity(SOURCE, snapshot) for p in built), tuple(issues))


def _find_file(folder: Path) -> Path:
    for name in FILE_NAMES:
        found = optional_file(folder, name)
        if found is not None:
            return found
    raise ListFormatError(f"{folder}: no {' or '.join(FILE_NAMES)} in this folder")


# ---------------------------------------------------------------------------------------
# Reading the file


@dataclass(frozen=True, slots=True)
class _Row:
    """One well-formed data row: the file line it starts on and its values by column."""

    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")



def _records(lines: list[str], file_name: str, issues: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of every record; the first (the header) fixes the number of fields.

    A record with the wrong number of fields is reported and skipped, and when it spans
    several lines (an unclosed quote swallows the lines after it) reading starts again on
    the line after its first one, so the records it swallowed are not lost.
    """
    pos = 0  # index into lines where the current reader started
    width: int | None = None
    while pos < len(lines):
        reader = csv.reader(lines[pos:] if pos else lines)
        base, restart = pos, len(lines)
        while True:
            start = base + reader.line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                issues.append(f"{file_name} line {start}: {exc}; skipped")
                restart = start
                break
            end = base + reader.line_num
            if not fields or all(not f.strip() for f in fields):
                continue  # blank line
            if width is None:
                width = len(fields)
            elif len(fields) != width:
                text = "".join(lines[start - 1:end])
                unclosed = text.count('"') % 2 == 1
                what = ("truncated record" if end == len(lines) else "record") + \
                    f": {len(fields)} of {width} fields"
                if unclosed:
                    what += ", a quoted value is still open at the end of the file" \
                        if end == len(lines) else ", a quoted value is not closed"
                if end > start:
                    what += f" (it ran to line {end}; reading resumes on line {start + 1})"
                issues.append(f"{file_name} line {start}: {what}; skipped")
                if end > start:
                    restart = start
                    break
                continue
            yield start, fields
        pos = restart


def _rows(file: Path, issues: list[str]) -> tuple[list[_Row], str]:
    """The data rows and the layout (``"2023"`` or ``"2019"``) read off the header."""
    lines = _LINE.findall(read_text(file, issues))
    records = _records(lines, file.name, issues)
    first = next(records, None)
    if first is None:
        raise ListFormatError(f"{file}: empty file, no Consolidated Screening List header")
    header = [h.strip().lstrip("\ufeff") for h in first[1]]
    folded = [h.casefold() for h in header]
    missing = [c for c in ("source", "name") if c not in folded]
    if missing:
        raise ListFormatError(f"{file}: not a Consolidated Screening List CSV: the header row lacks "
                              f"{', '.join(missing)}")
    layout = "2023" if "_id" in folded else "2019"
    expected = COLUMNS_2023 if layout == "2023" else COLUMNS_2019
    if tuple(folded) != expected:
        absent = [c for c in expected if c not in folded]
        extra = [h for h, f in zip(header, folded) if f not in expected]
        issues.append(f"{file.name} line {first[0]}: header differs from the {layout} layout"
                      + (f"; missing {', '.join(absent)} (read as empty)" if absent else "")
                      + (f"; extra {', '.join(extra)} (ignored)" if extra else ""))
    index = {c: folded.index(c) for c in expected if c in folded}
    rows = []
    for line, fields in records:
        if [f.strip().casefold() for f in fields] == folded:
            issues.append(f"{file.name} line {line}: repeats the header line; skipped")
            continue
        values = {c: fields[i] for c, i in index.items()}
        if not values["name"].strip():
            issues.append(f"{file.name} line {line}: no name; skipped")
            continue
        rows.append(_Row(line, values))
    return rows, layout


# ---------------------------------------------------------------------------------------
# Ids and sub-lists


def _sublist(row: _Row, file_name: str, issues: list[str], reported: set[str]) -> str:
    """The sub-list code of a row's ``source``: from the table, else its parenthesised
    abbreviation, else the text itself; unknown sources are reported once each."""
    text = " ".join(row["source"].split())
    code = _SUBLIST_KEYS.get(text.casefold())
    if code is not None:
        return code
    m = _PAREN_CODE.search(text)
    fallback = m.group(1) if m else text
    if text not in reported:
        reported.add(text)
        problem = f"unknown sub-list {text!r}; code {fallback!r}" if text else "no source; no sub-list code"
        issues.append(f"{file_name} line {row.line}: {problem}")
    return fallback


def _assign_ids(rows: list[_Row], layout: str, file_name: str,
                issues: list[str]) -> tuple[list[str], list[str]]:
    """Every row's publisher id (see the module docstring), unique within the file, and its
    sub-list code."""
    reported: set[str] = set()
    codes = [_sublist(r, file_name, issues, reported) for r in rows]
    if layout == "2019":
        derived = sum(not r["entity_number"].strip() for r in rows)
        issues.append(f"{file_name}: 2019 layout, no _id column: ids are the entity_number of "
                      f"{len(rows) - derived} rows and derived from the content for {derived}")
    ids: list[str] = []
    for row, code in zip(rows, codes):
        pid = (row["_id"] if layout == "2023" else row["entity_number"]).strip()
        if not pid:
            pid = derived_id(code, row["name"], row["addresses"], row["start_date"])
            if layout == "2023":
                issues.append(f"{file_name} line {row.line}: no _id; id derived from the content: "
                              f"{SOURCE}:{pid}")
        ids.append(pid)
    # One id on several rows: qualify each with its sub-list code.
    lines: dict[str, list[int]] = {}
    for i, pid in enumerate(ids):
        lines.setdefault(pid, []).append(i)
    for pid, members in lines.items():
        if len(members) > 1:
            for i in members:
                ids[i] = f"{pid}-{codes[i]}"
            issues.append(f"{file_name} lines {', '.join(str(rows[i].line) for i in members)}: "
                          f"id {pid!r} on {len(members)} rows; made unique as "
                          f"{', '.join(f'{SOURCE}:{ids[i]}' for i in members)}")
    # Still shared (one id twice on one sub-list, or identical content): number the later ones.
    taken = set(ids)
    seen: set[str] = set()
    for i, pid in enumerate(ids):
        if pid in seen:
            n = 2
            while f"{pid}-{n}" in taken:
                n += 1
            ids[i] = f"{pid}-{n}"
            taken.add(ids[i])
            issues.append(f"{file_name} line {rows[i].line}: id {pid!r} already used; this row "
                          f"is {SOURCE}:{ids[i]}")
        seen.add(pid)
    return ids, codes


# ---------------------------------------------------------------------------------------
# Building entities



def _split(cell: str) -> list[str]:
    return [" ".join(v.split()) for v in _ENTRY_SPLIT.split(cell) if v.strip()]


def _parts(row: _Row, pid: str, code: str, layout: str, file_name: str, issues: list[str]) -> EntityParts:
    where = f"{file_name} line {row.line}"
    name = " ".join(row["name"].split())
    identifiers, id_aliases, id_remarks, cmic_listed, id_countries = _ids(row, layout)
    call_sign = row["call_sign"].strip()
    flag = to_iso2(row["vessel_flag"].strip())
    if call_sign:
        identifiers = (Identifier(IdType.OTHER, call_sign, flag, "Call Sign"),) + identifiers
    addresses = tuple(dict.fromkeys(a for a in (_address(t) for t in _split_addresses(row["addresses"])) if a))
    nationalities = _codes(row["nationalities"], "nationalities", where, issues)
    citizenships = _codes(row["citizenships"], "citizenships", where, issues)
    birth_dates, unread_dobs = _birth_dates(row["dates_of_birth"], where, issues)
    listed_on = _date(row["start_date"], "start_date", where, issues) or cmic_listed
    _date(row["end_date"], "end_date", where, issues)
    countries = [flag, *nationalities, *citizenships, *id_countries, *(a.country for a in addresses)]
    remarks = [f"{label}: {' '.join(row[column].split())}" for column, label in _REMARK_COLUMNS
               if row[column].strip()]
    remarks += [f"Date of birth: {t}" for t in unread_dobs]
    remarks += id_remarks
    if row["remarks"].strip():
        remarks.append(f"Remarks: {' '.join(row['remarks'].split())}")
    if row["source_information_url"].strip():
        remarks.append(f"Source information: {row['source_information_url'].strip()}")
    return EntityParts(
        publisher_id=pid,
        schema=_schema(row["type"], name, where, issues),
        name=name,
        aliases=_aliases(name, row["alt_names"], id_aliases),
        programs=tuple(dict.fromkeys(p for p in [code, *_split(row["programs"])] if p)),
        countries=tuple(c for c in dict.fromkeys(countries) if c),
        birth_dates=birth_dates,
        identifiers=identifiers,
        addresses=addresses,
        remarks="; ".join(remarks),
        listed_on=listed_on,
    )


def _schema(type_: str, name: str, where: str, issues: list[str]) -> Schema:
    text = type_.strip()
    if not text:
        return schema_of(name)
    schema = Schema.parse(text)
    if schema is Schema.UNKNOWN:
        issues.append(f"{where}: unknown type {text!r}; schema Unknown")
    return schema


def _aliases(name: str, alt_names: str, id_aliases: list[str]) -> tuple[Name, ...]:
    """alt_names, then names packed into the name, then ids' Issuer Names; each once, never the
    name itself.

    >>> [a.value for a in _aliases("ACME CO", "Acme Co; Acme Corp; and ACME TRADING", [])]
    ['Acme Corp', 'ACME TRADING']
    >>> [(a.value, a.kind.value) for a in _aliases("FUYI SUN A/K/A FRANK SUN", "", [])]
    [('FUYI SUN', 'aka'), ('FRANK SUN', 'aka')]
    >>> [a.value for a in _aliases("EuroAsia and any successor, sub-unit, or subsidiary thereof", "", [])]
    ['EuroAsia']
    """
    alts = _split(alt_names)
    if len(alts) > 1:  # "a; b; and c": Federal Register prose
        alts[-1] = _LEADING_AND.sub("", alts[-1])
    out = [Name(a, NameKind.AKA, NameQuality.STRONG, provenance="alt_names") for a in alts]
    out += _packed_aliases(name)
    out += [Name(n, NameKind.AKA, NameQuality.STRONG, provenance="ids Issuer Name") for n in id_aliases]
    seen = {name.casefold()}
    unique = []
    for alias in out:
        key = alias.value.casefold()
        if alias.value and key not in seen:
            seen.add(key)
            unique.append(alias)
    return tuple(unique)


def _packed_aliases(name: str) -> list[Name]:
    """Names the publisher packs into the name: ``X A/K/A Y``, ``X, a.k.a. Y``, ``X D/B/A Y``,
    ``X F/K/A Y``, ``X (A.K.A. Y) Z``, and ``X and any successor, ...`` (X alone)."""
    out: list[Name] = []
    bare = _SUCCESSORS.sub("", name)
    if bare != name and bare:
        out.append(Name(bare, NameKind.AKA, NameQuality.STRONG, provenance="name without successors"))
    return out + packed_aliases(bare, "name")


def _split_addresses(cell: str) -> list[str]:
    return [a for a in (" ".join(t.split()) for t in cell.split(";")) if a]


def _address(text: str) -> Address | None:
    """One ``street, city, state, postal code, CC`` address (empty parts dropped by the CSL).

    >>> a = _address("31 Jinrong Street, Xicheng District, Beijing, 100033, CN")
    >>> a.street, a.country, a.country_name
    ('31 Jinrong Street, Xicheng District, Beijing, 100033', 'CN', 'CN')
    >>> _address("3037 S. 69TH DRIVE, PHONEIX, AZ, 85043").country
    'US'
    >>> _address("Gaza Strip, undetermined").country is None
    True
    """
    parts = [p.strip() for p in text.split(",")]
    while parts and not parts[-1]:
        parts.pop()
    if not parts:
        return None
    last = parts[-1]
    code = _COUNTRY_WORDS.get(last.upper()) or to_iso2(last)
    if code is not None:
        return Address(street=", ".join(parts[:-1]), country=code, country_name=last)
    if len(parts) > 1 and _ZIP.fullmatch(last) and parts[-2] in _US_STATES:
        return Address(street=", ".join(parts), country="US")  # a US state and ZIP, no country
    return Address(street=", ".join(parts))


def _codes(cell: str, column: str, where: str, issues: list[str]) -> list[str]:
    out = []
    for value in _split(cell):
        code = to_iso2(value)
        if code is None:
            issues.append(f"{where}: {column} {value!r} is not a country; ignored")
        else:
            out.append(code)
    return out


def _birth_dates(cell: str, where: str, issues: list[str]) -> tuple[tuple[DateOfBirth, ...], list[str]]:
    """Dates of birth as the CSL writes them: ISO (``1962-11-05``, ``1968``) or OFAC's words
    (``circa 1951``, ``Sep 1938``, ``01 Jan 1960 to 1962``); unreadable ones are reported and
    returned as text."""
    dates, unread = [], []
    for text in _split(cell):
        dob = DateOfBirth.parse(text)
        if dob is None:
            try:
                dob = parse_dob(f"DOB {text}")
            except ValueError:
                dob = None
        if dob is None:
            issues.append(f"{where}: date of birth {text!r} not readable; kept in remarks")
            unread.append(text)
        else:
            dates.append(dob)
    return tuple(dict.fromkeys(dates)), unread


def _date(text: str, column: str, where: str, issues: list[str]) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        issues.append(f"{where}: {column} {text!r} is not a YYYY-MM-DD date; kept as text")
        return None


def _ids(row: _Row, layout: str) -> tuple[tuple[Identifier, ...], list[str], list[str], dt.date | None, list[str]]:
    """The ``ids`` cell -> (identifiers, issuer names, remark entries, CMIC listing date,
    countries of registration).

    Each entry is rewritten the way OFAC's Remarks write it (``Passport 836238033 (KP)``)
    and read with :func:`parse_remarks`, so both loaders know the same labels.
    """
    identifiers: list[Identifier] = []
    issuers: list[str] = []
    remarks: list[str] = []
    countries: list[str] = []
    listed: dt.date | None = None
    for entry in _ENTRY_SPLIT.split(row["ids"]):
        parts = [" ".join(p.split()) for p in entry.split(",")]
        if not any(parts):
            continue
        if layout == "2019":  # [country, ]number, type
            label, body = parts[-1], parts[:-1]
            country = body.pop(0) if len(body) > 1 and _COUNTRY_CODE.fullmatch(body[0]) else ""
        else:  # type, number[, country]
            label, body = parts[0], parts[1:]
            country = body.pop() if len(body) > 1 and _COUNTRY_CODE.fullmatch(body[-1]) else ""
        value = ", ".join(body)
        text = f"{label.rstrip(' :-')}: {value}" + (f" ({country})" if country else "")
        if label == _CMIC_LISTING:
            try:
                listed = listed or dt.date.fromisoformat(value)
            except ValueError:
                pass
        parsed = parse_remarks(f"{label} {value}" + (f" ({country})" if country else "") + ".")
        identifiers += parsed.identifiers
        issuers += parsed.issuer_names
        countries += parsed.nationalities
        if parsed.unparsed or not (parsed.identifiers or parsed.issuer_names or parsed.nationalities):
            remarks.append(text)
    return tuple(identifiers), issuers, remarks, listed, countries
