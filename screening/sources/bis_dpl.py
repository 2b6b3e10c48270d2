"""The BIS Denied Persons List (``dpl.txt``), U.S. Department of Commerce.

Format, as BIS publishes it (``https://www.bis.doc.gov/dpl/dpl.txt``, also served as
``https://media.bis.gov/dpl/dpl.txt``): tab-separated, one header row, every value
double-quoted (a quote inside a value doubled), UTF-8/ASCII. 12 columns: ``Name,
Street_Address, City, State, Country, Postal_Code, Effective_Date, Expiration_Date,
Standard_Order, Last_Update, Action, FR_Citation``; dates ``MM/DD/YYYY``, ``Last_Update``
``YYYY-MM-DD``. Quirks kept or tolerated: names with a leading or trailing space, impossible
``Last_Update`` years (``3017-08-22``), no newline after the last row, a country code in
``State`` with ``Country`` empty (``CY``, ``RS`` in the 2019 file).

**One entity per party.** BIS writes one row per denial order and address, so a party
takes several rows. Rows are grouped by normalized name (``" ".join(name.split()).casefold()``)
alone. Measured on the two shared versions (2019, 2023-11), rows with one name share
everything but the address columns, apart from (a) ``Action``/``FR_Citation``/``Last_Update``
text that differs by typos between the rows of one order, so these cannot be part of
the key, and (b) two parties (``I. ASH``, ``HAYDEE HERRERA``) with two orders (2002 and
2003) of the same case at the same addresses: one person, so ``Effective_Date`` is not
part of the key either. The price: two different parties with the very same name would
be merged (none in the shared files); screening still alerts on the name.

**Stable ids.** BIS gives no id. ``publisher_id`` is the first 12 hex digits of the SHA-1
of the normalized name (UTF-8), and ``entity_id`` ``bis-dpl:<that>``: the same party keeps
its id from one list version to the next as long as BIS spells its name the same (all
257 names on both shared versions). The effective date is deliberately left out:
BIS re-issues temporary denial orders (TDOs) every 6-12 months with a new
``Effective_Date``, which would have changed the ids of 25 of those 257 parties between
2019 and 2023. Every order's dates, Standard_Order, Action and FR_Citation are kept in
``remarks``; ``listed_on`` is the earliest ``Effective_Date``.

**Schema.** The list does not say person or organization. A name holding a legal-form
or plainly commercial word (``_ORGANIZATION_WORDS``: LTD, LLC, INC, CO., CORP, GMBH, S.A.,
COMPANY, TRADING, INTERNATIONAL, AIRLINES, ...) is an ORGANIZATION; everything else is
UNKNOWN, never guessed to be a person.

:func:`row_entity_ids` tells which entity each data row went into (for benchmarks whose
labels name DPL parties by row number).

>>> dpl = load("../shared/lists/bis_dpl/dpl.txt")                 # doctest: +SKIP
>>> row_entity_ids("../shared/lists/bis_dpl/dpl.txt")[0]            # doctest: +SKIP
'bis-dpl:...'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from screening.countries import to_iso2
from screening.model import Address, EntityList, Schema
from screening.sources.files import EntityParts, ListFormatError, csv_records, read_text, require_file, snapshot_of
from screening.sources.packed_names import packed_aliases

SOURCE = "bis-dpl"
FILE_NAME = "dpl.txt"
COLUMNS = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
           "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation")
ID_DIGITS = 12

# Whole words (after dropping dots: S.A. -> SA, CO. -> CO) that make a name an organization.
# Legal forms, then words no person's name holds. Checked on every name of both shared
# versions: 132 of 703 names match, none of them a person's.
_ORGANIZATION_WORDS = frozenset({
    "LTD", "LIMITED", "LLC", "INC", "INCORPORATED", "CO", "CORP", "CORPORATION", "COMPANY",
    "GMBH", "AG", "SA", "SL", "SRL", "SARL", "SPA", "BV", "NV", "PLC", "LLP", "PTE", "PVT", "BHD",
    "JSC", "PJSC", "OJSC", "CJSC", "OOO", "FZE", "FZC", "FZCO", "ANSTALT",
    "TRADING", "TRADE", "INTERNATIONAL", "AIRLINES", "AIRWAYS", "AVIATION", "GROUP", "HOLDING",
    "HOLDINGS", "ENTERPRISES", "INDUSTRIES", "ELECTRONICS", "TECHNOLOGY", "TECHNOLOGIES",
    "SYSTEMS", "SERVICES", "ENGINEERING", "EXPORT", "IMPORT", "METALS", "SUPPLY", "ASSOCIATES",
    "SOLUTIONS", "COMMUNICATIONS", "COMPUTERS", "CONTRACTING", "MATERIALS",
})
_WORD = re.compile(r"[A-Z0-9]+")

# US state, district and territory codes: with Country empty they mean the US.
_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP UM "
    "AA AE AP".split())
_COUNTRY_CODES = {"PRC": "CN"}  # BIS codes that are not ISO


@dataclass(frozen=True, slots=True)
class _Row:
    """One well-formed data row: its 1-based data-row number, file line and values."""

    number: int
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]


def normalized_name(name: str) -> str:
    """The grouping key: whitespace collapsed, casefolded.

    >>> normalized_name(" I.  ASH ")
    'i. ash'
    """
    return " ".join(name.split()).casefold()


def publisher_id(name: str) -> str:
    """The id BIS does not give: 12 hex digits of SHA-1 over the normalized name.

    >>> publisher_id(" I. ASH") == publisher_id("i. ash")
    True
    """
    return hashlib.sha1(normalized_name(name).encode("utf-8")).hexdigest()[:ID_DIGITS]


def load(path: str | Path) -> EntityList:
    """The Denied Persons List from ``dpl.txt`` or the folder holding it.

    A row with the wrong number of fields or no name is reported in ``issues`` (with its
    line) and skipped; the rest loads. Raises ListFormatError when the file is missing,
    lacks the DPL header, or holds no readable row.
    """
    path = Path(path)
    file = require_file(path, FILE_NAME) if path.is_dir() else path
    issues: list[str] = []
    groups: dict[str, list[_Row]] = {}
    for row in _rows(file, issues):
        if row is not None:
            groups.setdefault(normalized_name(row["Name"]), []).append(row)
    if not groups:
        raise ListFormatError(f"{file}: no Denied Persons List row could be read")
    ids: dict[str, str] = {}
    for key, rows in groups.items():
        pid = publisher_id(key)
        if pid in ids:  # 48 bits: not expected to happen, but never merge silently
            issues.append(f"{file.name}: names {ids[pid]!r} and {key!r} share the id {pid}")
        ids[pid] = key
    built = [_parts(rows, file.name, issues) for rows in groups.values()]
    snapshot = snapshot_of(SOURCE, path, [file], len(built))
    return EntityList(SOURCE, snapshot, tuple(p.entity(SOURCE, snapshot) for p in built), tuple(issues))


def row_entity_ids(path: str | Path) -> list[str | None]:
    """For each data row of the file (1-based, header not counted, in file order) the
    entity_id :func:`load` put it in; None for a row that could not be read.

    ``row_entity_ids(p)[n - 1]`` is the entity of data row ``n``.
    """
    path = Path(path)
    file = require_file(path, FILE_NAME) if path.is_dir() else path
    return [None if row is None else f"{SOURCE}:{publisher_id(row['Name'])}"
            for row in _rows(file, [])]


# ---------------------------------------------------------------------------------------
# Reading the file



def _rows(file: Path, issues: list[str]) -> Iterator[_Row | None]:
    """Every data row in file order: a _Row, or None for a row reported and skipped."""
    header: list[str] | None = None
    number = 0
    for start, fields in csv_records(read_text(file, issues), file.name, issues, delimiter="\t", quotechar='"'):
        if fields is None:
            if header is not None:
                number += 1
                yield None
            continue
        if not fields or all(not f.strip() for f in fields):
            continue  # blank line
        if header is None:
            header = [f.strip() for f in fields]
            missing = [c for c in COLUMNS if c.casefold() not in {h.casefold() for h in header}]
            if missing:
                raise ListFormatError(f"{file}: not a BIS Denied Persons List: the header row lacks "
                                      f"{', '.join(missing)}")
            index = {h.casefold(): i for i, h in enumerate(header)}
            columns = {c: index[c.casefold()] for c in COLUMNS}
            continue
        number += 1
        if len(fields) != len(header):
            issues.append(f"{file.name} line {start} (data row {number}): expected {len(header)} "
                          f"tab-separated fields, got {len(fields)}; skipped")
            yield None
            continue
        values = {c: fields[i] for c, i in columns.items()}
        if not values["Name"].strip():
            issues.append(f"{file.name} line {start} (data row {number}): no Name; skipped")
            yield None
            continue
        yield _Row(number, start, values)
    if header is None:
        raise ListFormatError(f"{file}: empty file, no Denied Persons List header")


# ---------------------------------------------------------------------------------------
# Building entities



def _parts(rows: list[_Row], file_name: str, issues: list[str]) -> EntityParts:
    name = " ".join(rows[0]["Name"].split())
    addresses = tuple(dict.fromkeys(_address(r, file_name, issues) for r in rows))
    effective = [d for d in (_date(r, "Effective_Date", file_name, issues) for r in rows) if d]
    for r in rows:
        _check_last_update(r, file_name, issues)
    return EntityParts(
        publisher_id=publisher_id(name),
        schema=schema_of(name),
        name=name,
        aliases=tuple(packed_aliases(name, "Name column")),
        countries=tuple(dict.fromkeys(a.country for a in addresses if a.country)),
        addresses=addresses,
        remarks=_remarks(rows),
        listed_on=min(effective) if effective else None,
    )


def schema_of(name: str) -> Schema:
    """ORGANIZATION when the name holds a legal-form or commercial word, else UNKNOWN.

    >>> schema_of("AVOMAIR LTD."), schema_of("COTRICOM S.A."), schema_of("ALEX CO")
    (<Schema.ORGANIZATION: 'Organization'>, <Schema.ORGANIZATION: 'Organization'>, <Schema.ORGANIZATION: 'Organization'>)
    >>> schema_of("I. ASH"), schema_of("JOSEPH ORMOND KIRK, III.")
    (<Schema.UNKNOWN: 'Unknown'>, <Schema.UNKNOWN: 'Unknown'>)
    """
    words = _WORD.findall(name.upper().replace(".", ""))
    return Schema.ORGANIZATION if _ORGANIZATION_WORDS.intersection(words) else Schema.UNKNOWN


def _address(row: _Row, file_name: str, issues: list[str]) -> Address:
    """Street and City as published (whitespace tidied); State and Postal_Code in remarks.

    Country: the ISO code given; empty Country with a US state code in State means US
    (BIS writes US addresses either way); empty Country with anything else in State
    (``CY`` for Nicosia, ``RS`` for Stavropol in the 2019 file) stays unknown.
    """
    street, city, state, country, postal = (" ".join(row[c].split()) for c in
                                            ("Street_Address", "City", "State", "Country", "Postal_Code"))
    where = f"{file_name} line {row.line} (data row {row.number})"
    code: str | None
    if country:
        code = _COUNTRY_CODES.get(country.upper()) or to_iso2(country)
        if code is None:
            issues.append(f"{where}: Country {country!r} is not a country code; country unknown")
    elif state.upper() in _US_STATES:
        code = "US"
    else:
        code = None
        if state:
            issues.append(f"{where}: State {state!r} is not a US state and Country is empty; "
                          f"country unknown")
    remarks = "; ".join(f"{label}: {value}" for label, value in (("State", state), ("Postal_Code", postal))
                        if value)
    return Address(street=street, city=city, country=code, country_name=country, remarks=remarks)


def _date(row: _Row, column: str, file_name: str, issues: list[str]) -> dt.date | None:
    text = row[column].strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError:
        issues.append(f"{file_name} line {row.line} (data row {row.number}): {column} {text!r} "
                      f"is not a MM/DD/YYYY date; kept as text")
        return None


def _check_last_update(row: _Row, file_name: str, issues: list[str]) -> None:
    """Report a Last_Update that is no date or is impossible (``3017-08-22``); the text stays in remarks."""
    text = row["Last_Update"].strip()
    if not text:
        return
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not 1950 <= day.year <= dt.date.today().year + 1:
        issues.append(f"{file_name} line {row.line} (data row {row.number}): Last_Update {text!r} "
                      f"is not a possible date; kept as text")


def _remarks(rows: list[_Row]) -> str:
    """One entry per denial order (Effective_Date, Expiration_Date, Standard_Order), in file
    order, with the distinct Last_Update, Action and FR_Citation texts of its rows."""
    orders: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    for r in rows:
        key = tuple(" ".join(r[c].split()) for c in ("Effective_Date", "Expiration_Date", "Standard_Order"))
        texts = orders.setdefault(key, {"Last_Update": [], "Action": [], "FR_Citation": []})
        for column, seen in texts.items():
            value = " ".join(r[column].split())
            if value and value not in seen:
                seen.append(value)
    entries = []
    for (effective, expiration, standard), texts in orders.items():
        head = ", ".join(f"{label} {value}" for label, value in (
            ("Effective_Date", effective), ("Expiration_Date", expiration), ("Standard_Order", standard))
            if value)
        body = "; ".join(f"{column}: {' | '.join(values)}" for column, values in texts.items() if values)
        entries.append(f"Denial order: {head}" + (f"; {body}" if body else ""))
    return "; ".join(entries)
