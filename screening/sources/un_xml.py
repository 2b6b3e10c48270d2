"""The UN Security Council Consolidated List, XML (``consolidated.xml``).

Format, as the UN publishes it (``https://scsanctions.un.org/resources/xml/en/consolidated.xml``,
schema ``https://www.un.org/sc/resources/sc-sanctions.xsd``): UTF-8, no namespace, root
``CONSOLIDATED_LIST`` (attribute ``dateGenerated``) holding ``INDIVIDUALS/INDIVIDUAL`` and
``ENTITIES/ENTITY``. Per record:

* ``REFERENCE_NUMBER`` (``QDi.001``, ``CDe.002``: the UN id; ``i`` individual, ``e`` entity)
  and ``DATAID`` (internal id); ``UN_LIST_TYPE`` (the regime), ``LISTED_ON``, ``COMMENTS1``;
* names split into ``FIRST_NAME`` .. ``FOURTH_NAME`` (entities: ``FIRST_NAME`` only) and
  ``NAME_ORIGINAL_SCRIPT``;
* repeated ``INDIVIDUAL_ALIAS``/``ENTITY_ALIAS`` (``QUALITY``, ``ALIAS_NAME``),
  ``INDIVIDUAL_ADDRESS``/``ENTITY_ADDRESS``, ``INDIVIDUAL_DATE_OF_BIRTH``,
  ``INDIVIDUAL_PLACE_OF_BIRTH``, ``INDIVIDUAL_DOCUMENT``, ``NATIONALITY/VALUE``,
  ``TITLE/VALUE``, ``DESIGNATION/VALUE``. Empty placeholder elements (``<QUALITY/>
  <ALIAS_NAME/>``) are common and are not records.

The file is parsed with :mod:`defusedxml`: a list file has no business declaring a DTD or
entities, so one that does (entity-expansion "billion laughs", external entities) is
rejected as unsafe rather than expanded.

>>> un = load("../shared/lists/un/consolidated.xml")              # doctest: +SKIP
>>> un.get("un:QDi.001").programs                                   # doctest: +SKIP
('Al-Qaida',)
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from screening.countries import to_iso2
from screening.model import (
    Address, DateOfBirth, Entity, EntityList, Identifier, IdType, ListSnapshot, Name, NameKind,
    NameQuality, Schema,
)
from screening.sources import xml_safe
from screening.sources.files import (
    ListFormatError, iso_date, published_date, report_unknown_countries, require_file, snapshot_of,
)

SOURCE = "un"
FILE_NAME = "consolidated.xml"
ROOT_TAG = "CONSOLIDATED_LIST"

_KINDS = {"INDIVIDUAL": Schema.PERSON, "ENTITY": Schema.ORGANIZATION}
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")

# QUALITY of an alias. Individuals carry Good/Low; entities put the alias kind there
# (a.k.a. / f.k.a.; 19 f.k.a. in the Feb 2026 file). An empty QUALITY is read as a strong
# a.k.a.: the UN gives no reason to doubt the alias, and a missed strong alias costs more
# than a spurious one (in the Feb 2026 file every empty QUALITY belongs to an empty
# placeholder alias, so this decides nothing there).
_QUALITIES: dict[str, tuple[NameKind, NameQuality]] = {
    "good": (NameKind.AKA, NameQuality.STRONG),
    "low": (NameKind.AKA, NameQuality.WEAK),
    "": (NameKind.AKA, NameQuality.STRONG),
    "a.k.a.": (NameKind.AKA, NameQuality.STRONG),
    "f.k.a.": (NameKind.FKA, NameQuality.STRONG),
    "n.k.a.": (NameKind.NKA, NameQuality.STRONG),
}

# UN country spellings to_iso2 does not resolve (UN terminology bulletin names).
_UN_COUNTRIES = {
    "iran (islamic republic of)": "IR",
    "state of palestine": "PS",
    "china, hong kong special administrative region": "HK",
    "china, macao special administrative region": "MO",
    "former soviet union": "SU",
    "bolivia (plurinational state of)": "BO",
    "venezuela (bolivarian republic of)": "VE",
    "micronesia (federated states of)": "FM",
    "republic of moldova": "MD",
    "republic of korea": "KR",
    "lao people's democratic republic": "LA",
}
# Values the UN writes for "not available"; never a country (to_iso2 would read "na" as Namibia).
_PLACEHOLDERS = frozenset({"na", "n/a", "n.a.", "unknown", "-"})

_DOCUMENT_TYPES = {
    "passport": IdType.PASSPORT,
    "numéro de passeport": IdType.PASSPORT,  # French and Spanish entries of the same field
    "número de pasaporte": IdType.PASSPORT,
    "national identification number": IdType.NATIONAL_ID,
}

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")
_MONTH_ONLY = re.compile(r"^([A-Za-z]{3})[a-z]*\.?$")


def load(path: str | Path) -> EntityList:
    """The UN Consolidated List from ``consolidated.xml`` or the folder holding it.

    Raises ListFormatError for unsafe XML (a DTD or entity declarations), malformed XML
    (with file and line), or a file that is not the UN list. Records that lack parts are
    loaded as far as possible and reported in ``issues``.
    """
    path = Path(path)
    file = require_file(path, FILE_NAME) if path.is_dir() else path
    root = _parse(file)
    issues: list[str] = []
    published = published_date(root.get("dateGenerated"), f"dateGenerated on <{ROOT_TAG}>", file, issues)
    parts: list[tuple[str, dict]] = []
    seen: dict[str, int] = {}
    for kind in ("INDIVIDUAL", "ENTITY"):
        for number, record in enumerate(root.iter(kind), start=1):
            built = _record(record, kind, number, file.name, issues)
            if built is None:
                continue
            publisher_id = built["publisher_id"]
            if publisher_id in seen:
                issues.append(f"{file.name} {kind} #{number}: REFERENCE_NUMBER {publisher_id} "
                              f"repeated; skipped")
                continue
            seen[publisher_id] = number
            parts.append((publisher_id, built))
    if not parts:
        raise ListFormatError(f"{file}: no INDIVIDUAL or ENTITY record could be read")
    snapshot = snapshot_of(SOURCE, path, [file], len(parts), published)
    entities = tuple(_entity(b, snapshot) for _, b in parts)
    return EntityList(SOURCE, snapshot, entities, tuple(issues))


# ---------------------------------------------------------------------------------------
# Parsing


def _parse(file: Path) -> ET.Element:
    """The root element, parsed with DTDs, entities and external references forbidden."""
    root = xml_safe.parse(file)
    if root.tag != ROOT_TAG:
        raise ListFormatError(f"{file}: not the UN Consolidated List (root element <{root.tag}>, "
                              f"expected <{ROOT_TAG}>)")
    return root



def _text(element: ET.Element | None, tag: str | None = None) -> str:
    """Text of ``element`` (or of its child ``tag``), whitespace runs collapsed; "" if absent."""
    if element is not None and tag is not None:
        element = element.find(tag)
    if element is None or element.text is None:
        return ""
    return " ".join(element.text.split())


def _values(record: ET.Element, tag: str) -> list[str]:
    """Non-empty ``tag/VALUE`` texts, e.g. every NATIONALITY/VALUE."""
    return [v for group in record.findall(tag) for v in (_text(x) for x in group.findall("VALUE")) if v]


def _record(record: ET.Element, kind: str, number: int, file_name: str,
            issues: list[str]) -> dict | None:
    reference = _text(record, "REFERENCE_NUMBER")
    data_id = _text(record, "DATAID")
    where = f"{file_name} {kind} {reference or ('DATAID ' + data_id if data_id else f'#{number}')}"
    if not reference:
        if not data_id:
            issues.append(f"{where}: neither REFERENCE_NUMBER nor DATAID; skipped")
            return None
        issues.append(f"{where}: no REFERENCE_NUMBER; id taken from DATAID")
    name = _primary_name(record, kind, where, issues)
    if not name:
        issues.append(f"{where}: no name; skipped")
        return None
    countries: list[str | None] = []
    unknown: list[str] = []
    for value in _values(record, "NATIONALITY"):
        countries.append(_country(value, unknown))
    addresses = _addresses(record, f"{kind}_ADDRESS", unknown)
    countries += [a.country for a in addresses]
    identifiers, unnumbered = _documents(record, unknown)
    birth_dates, unparsed_dobs = _birth_dates(record, where, issues)
    report_unknown_countries(where, unknown, issues)
    listed_on = iso_date(_text(record, "LISTED_ON"), "LISTED_ON", where, issues)
    program = _text(record, "UN_LIST_TYPE")
    return {
        "publisher_id": reference or data_id,
        "schema": _KINDS[kind],
        "name": name,
        "aliases": _aliases(record, kind, name, where, issues),
        "programs": (program,) if program else (),
        "countries": tuple(c for c in dict.fromkeys(countries) if c),
        "birth_dates": birth_dates,
        "identifiers": identifiers,
        "addresses": addresses,
        "remarks": _remarks(record, unparsed_dobs, unnumbered),
        "listed_on": listed_on,
    }


def _entity(b: dict, snapshot: ListSnapshot) -> Entity:
    return Entity(entity_id=f"{SOURCE}:{b['publisher_id']}", source=SOURCE, snapshot=snapshot, **b)


# ---------------------------------------------------------------------------------------
# Names


def _primary_name(record: ET.Element, kind: str, where: str, issues: list[str]) -> str:
    """FIRST_NAME .. FOURTH_NAME joined by spaces (entities: FIRST_NAME), as published.

    A part reading ``na`` (the UN's "not available", e.g. TAi.153's FOURTH_NAME) is left out.
    """
    tags = _NAME_PARTS if kind == "INDIVIDUAL" else _NAME_PARTS[:1]
    parts = []
    for tag in tags:
        part = _text(record, tag)
        if part.casefold() in _PLACEHOLDERS:
            issues.append(f"{where}: {tag} {part!r} read as empty")
            continue
        if part:
            parts.append(part)
    return " ".join(parts)


def _aliases(record: ET.Element, kind: str, name: str, where: str,
             issues: list[str]) -> tuple[Name, ...]:
    tag = f"{kind}_ALIAS"
    names: list[Name] = []
    for alias in record.findall(tag):
        value = _text(alias, "ALIAS_NAME")
        if not value:
            continue  # empty placeholder <QUALITY/><ALIAS_NAME/>
        quality = _text(alias, "QUALITY")
        known = _QUALITIES.get(quality.casefold())
        if known is None:
            issues.append(f"{where}: alias {value!r} has unknown QUALITY {quality!r}; read as strong a.k.a.")
            known = (NameKind.AKA, NameQuality.STRONG)
        note = _text(alias, "NOTE")
        provenance = f"{tag} {quality or '(no quality)'}" + (f": {note}" if note else "")
        names.append(Name(value, known[0], known[1], _script(value), provenance))
    original = _text(record, "NAME_ORIGINAL_SCRIPT")
    if original and original != name:
        names.append(Name(original, NameKind.AKA, NameQuality.STRONG, _script(original),
                          "NAME_ORIGINAL_SCRIPT"))
    return tuple(names)


def _script(text: str) -> str | None:
    """A rough ISO 15924 code for the name's letters: Arab, Cyrl or Hani; None otherwise
    (Latin, or a script not told apart here).

    >>> _script("صدام حسين"), _script("Эмират Кавказ"), _script("中国"), _script("Jon Yong Sang")
    ('Arab', 'Cyrl', 'Hani', None)
    """
    counts = {"Arab": 0, "Cyrl": 0, "Hani": 0}
    for ch in text:
        code = ord(ch)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF \
                or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            counts["Arab"] += 1
        elif 0x0400 <= code <= 0x052F:
            counts["Cyrl"] += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF \
                or 0x20000 <= code <= 0x2FA1F:
            counts["Hani"] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


# ---------------------------------------------------------------------------------------
# Countries, addresses, documents


def _country(value: str, unknown: list[str]) -> str | None:
    """ISO alpha-2 of a UN country name; unrecognised names are collected in ``unknown``."""
    key = value.strip().casefold()
    if not key or key in _PLACEHOLDERS:
        return None
    code = _UN_COUNTRIES.get(key) or to_iso2(value)
    if code is None:
        unknown.append(value)
    return code


def _addresses(record: ET.Element, tag: str, unknown: list[str]) -> tuple[Address, ...]:
    """Addresses; CITY, STATE_PROVINCE and ZIP_CODE share ``city`` (as in OFAC's address
    file), the NOTE goes to ``remarks``. Empty placeholders are left out."""
    out = []
    for element in record.findall(tag):
        street, city, state, zip_code, country, note = (
            _text(element, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"))
        if not (street or city or state or zip_code or country or note):
            continue
        out.append(Address(street=street, city=", ".join(p for p in (city, state, zip_code) if p),
                           country=_country(country, unknown) if country else None,
                           country_name=country, remarks=note))
    return tuple(out)


def _documents(record: ET.Element, unknown: list[str]) -> tuple[tuple[Identifier, ...], list[str]]:
    """Identifiers from INDIVIDUAL_DOCUMENT; documents with no NUMBER come back as text.

    The type follows TYPE_OF_DOCUMENT (Passport, National Identification Number, else
    OTHER); the label is the more specific TYPE_OF_DOCUMENT2 when given.
    """
    ids: list[Identifier] = []
    unnumbered: list[str] = []
    for doc in record.findall("INDIVIDUAL_DOCUMENT"):
        doc_type, doc_type2, number = (_text(doc, t) for t in ("TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NUMBER"))
        country_name = _text(doc, "ISSUING_COUNTRY") or _text(doc, "COUNTRY_OF_ISSUE")
        note = _text(doc, "NOTE")
        label = doc_type2 or doc_type
        if not number:
            if label or note:
                unnumbered.append(", ".join(p for p in (label, country_name, note) if p))
            continue
        kind = _DOCUMENT_TYPES.get(doc_type.casefold(), IdType.OTHER)
        country = _country(country_name, unknown) if country_name else None
        ids.append(Identifier(kind, number, country, label))
    return tuple(ids), unnumbered


# ---------------------------------------------------------------------------------------
# Dates of birth


def _birth_dates(record: ET.Element, where: str,
                 issues: list[str]) -> tuple[tuple[DateOfBirth, ...], list[str]]:
    """INDIVIDUAL_DATE_OF_BIRTH entries (and dates of birth given with an alias).

    EXACT takes DATE or YEAR, APPROXIMATELY the same with ``circa``, BETWEEN takes
    FROM_YEAR..TO_YEAR (``circa`` when its NOTE says approximately). A NOTE alone is read
    when it is "Month YYYY"; otherwise it is returned as text for the remarks.
    """
    dates: list[DateOfBirth] = []
    unparsed: list[str] = []
    for element in record.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = _text(element, "TYPE_OF_DATE").upper()
        date, year, from_year, to_year, note = (
            _text(element, t) for t in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"))
        if not (date or year or from_year or to_year or note):
            continue  # empty placeholder
        circa = kind == "APPROXIMATELY" or note.casefold().startswith("approx")
        if kind not in ("EXACT", "APPROXIMATELY", "BETWEEN", ""):
            issues.append(f"{where}: unknown TYPE_OF_DATE {kind!r}; date of birth read from its fields")
        dob = _one_dob(date, year, from_year, to_year, note, circa)
        if dob is None:
            text = " ".join(p for p in (date, year, f"{from_year}-{to_year}" if from_year or to_year else "",
                                        note) if p)
            unparsed.append(text)
            issues.append(f"{where}: date of birth {text!r} not read as a date; kept in remarks")
        else:
            dates.append(dob)
    for alias in record.findall("INDIVIDUAL_ALIAS"):
        date = _text(alias, "DATE_OF_BIRTH")
        if not date:
            continue
        dob = DateOfBirth.parse(date)
        if dob is None:
            unparsed.append(f"{date} (alias {_text(alias, 'ALIAS_NAME')})")
            issues.append(f"{where}: alias date of birth {date!r} not read as a date; kept in remarks")
        else:
            dates.append(DateOfBirth(dob.start, dob.end, False,
                                     f"{date} (with alias {_text(alias, 'ALIAS_NAME')})"))
    return tuple(dict.fromkeys(dates)), unparsed


def _one_dob(date: str, year: str, from_year: str, to_year: str, note: str,
             circa: bool) -> DateOfBirth | None:
    try:
        if date:
            day = dt.date.fromisoformat(date[:10])
            return DateOfBirth(day, day, circa, date)
        if from_year and to_year:
            start, end = int(from_year), int(to_year)
            if start > end:
                return None
            return DateOfBirth(dt.date(start, 1, 1), dt.date(end, 12, 31), circa, f"{from_year}-{to_year}")
        if year:
            month = _MONTH_ONLY.match(note)
            if month and month.group(1).casefold() in _MONTHS:  # YEAR 1958, NOTE "Sep."
                return _month(int(year), _MONTHS[month.group(1).casefold()], circa, f"{note} {year}")
            return DateOfBirth.year(int(year), circa, year)
        month_year = _MONTH_YEAR.match(note)
        if month_year and month_year.group(1).casefold() in _MONTHS:  # NOTE "Nov. 1973"
            return _month(int(month_year.group(2)), _MONTHS[month_year.group(1).casefold()], circa, note)
    except ValueError:
        return None
    return None


def _month(year: int, month: int, circa: bool, text: str) -> DateOfBirth:
    start = dt.date(year, month, 1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return DateOfBirth(start, end, circa, text)


# ---------------------------------------------------------------------------------------
# Remarks


def _remarks(record: ET.Element, unparsed_dobs: Iterable[str], unnumbered: Iterable[str]) -> str:
    """Fields the model has no place for lead, labelled, in "; " style; COMMENTS1 follows unchanged."""
    head = [f"Title: {v}" for v in _values(record, "TITLE")]
    head += [f"Designation: {v}" for v in _values(record, "DESIGNATION")]
    gender = _text(record, "GENDER")
    if gender:
        head.append(f"Gender: {gender}")
    for place in record.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        text = ", ".join(p for p in (_text(place, t) for t in ("STREET", "CITY", "STATE_PROVINCE",
                                                                "COUNTRY", "NOTE")) if p)
        if text:
            head.append(f"Place of birth: {text}")
    head += [f"Date of birth: {d}" for d in unparsed_dobs]
    head += [f"Document: {d}" for d in unnumbered]
    comments = record.findtext("COMMENTS1") or ""
    comments = comments.strip()
    return "; ".join(head + ([comments] if comments else []))
