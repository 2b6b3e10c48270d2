"""The EU consolidated list of persons, groups and entities subject to EU financial
sanctions, as the Commission's Financial Sanctions Files (FSF) publish it in XML.

Format, as the European Commission publishes it (``https://webgate.ec.europa.eu/fsd/fsf``,
file ``xmlFullSanctionsList_1_1``, XML version 1.1): UTF-8, root ``export`` (attribute
``generationDate``) in the default namespace ``http://eu.europa.ec/fpi/fsd/export``, one
``sanctionEntity`` per listed subject. Everything of interest is in attributes:

* ``sanctionEntity``: ``logicalId`` (the EU id), ``euReferenceNumber`` (``EU.3886.3``),
  ``unitedNationId`` (``LYi.006``, empty unless UN-derived), ``designationDate`` (may be
  missing), ``designationDetails``; children ``remark``, ``regulation`` (``programme``:
  the regime code, ``numberTitle``: the act) and ``subjectType`` (``code`` ``person`` /
  ``enterprise``);
* ``nameAlias`` (one per name, none marked primary): ``wholeName``, ``firstName`` ..
  ``lastName``, ``title``, ``function``, ``gender``, ``nameLanguage`` (ISO 639-1 in
  capitals, or empty) and ``strong`` (``true`` / ``false``); a ``remark`` child may say
  more, e.g. "low quality alias";
* ``birthdate``: ``birthdate`` (``YYYY-MM-DD``) with ``dayOfMonth``, ``monthOfYear``,
  ``year``, or only ``year``, or ``yearRangeFrom`` / ``yearRangeTo``; ``circa``;
  ``calendarType`` (``GREGORIAN`` or ``ISLAMIC``, whose ``birthdate`` is the Gregorian
  equivalent of the Hijri day, month and year); place in ``city``, ``place``,
  ``region``, ``countryIso2Code`` / ``countryDescription``;
* ``identification`` (``identificationTypeCode``, ``number``, ``countryIso2Code``, flags
  ``knownExpired``, ``knownFalse`` ...), ``citizenship`` and ``address`` (``street``,
  ``poBox``, ``city``, ``zipCode``, ``region``, ``place``, ``countryIso2Code``,
  ``contactInfo`` children).

``countryIso2Code="00"`` means unknown. The EU id of an entity is its ``logicalId``
(``eu:191``); the reference number is kept in the remarks.

The file is parsed with :mod:`defusedxml`, as it streams (one ``sanctionEntity`` in memory
at a time): a list file has no business declaring a DTD or entities, so one that does
(entity-expansion "billion laughs", external entities) is rejected as unsafe.

>>> eu = load("../shared/lists/eu_fsf_2026-08_excerpt")                # doctest: +SKIP
>>> eu.get("eu:6106").name, eu.get("eu:6106").programs                  # doctest: +SKIP
('Abu Zayd Umar DORDA', ('LBY',))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from screening.countries import to_iso2
from screening.model import (
    Address, DateOfBirth, Entity, EntityList, Identifier, IdType, ListSnapshot, Name, NameKind,
    NameQuality, Schema,
)
from screening.sources import xml_safe
from screening.sources.files import ListFormatError, iso_date, published_date, report_unknown_countries, snapshot_of

SOURCE = "eu"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
ROOT_TAG = "export"
FILE_SUFFIX = ".xml"

_SCHEMAS = {"person": Schema.PERSON, "enterprise": Schema.ORGANIZATION}

# identificationTypeCode -> IdType; other codes are OTHER, labelled with the publisher's
# identificationTypeDescription.
_ID_TYPES = {
    "passport": IdType.PASSPORT,
    "id": IdType.NATIONAL_ID,
    "ssn": IdType.NATIONAL_ID,
    "regnumber": IdType.REGISTRATION,
    "fiscalcode": IdType.TAX_ID,
    "swiftbic": IdType.SWIFT_BIC,
    "imo": IdType.IMO,
}

# The alias quality also lives in free text: in the Aug 2026 excerpt every nameAlias is
# strong="true", yet three carry the remark "low quality alias" (one spelt "aliias"), and
# the UN list marks the same three names Low. A remark saying so makes the alias weak.
_LOW_QUALITY = re.compile(r"\blow[\s-]*quality\b", re.IGNORECASE)
_UNKNOWN_COUNTRY = "00"
_ISO2 = re.compile(r"^[A-Z]{2}$")
_USER_ASSIGNED = frozenset({"XK"})  # Kosovo: user-assigned, not in ISO 3166-1; to_iso2("Kosovo") gives it too
_PLACEHOLDERS = frozenset({"-", "unknown", "n/a"})
_GENDERS = {"M": "Male", "F": "Female"}
_CALENDAR_GREGORIAN = "GREGORIAN"


def load(path: str | Path) -> EntityList:
    """The EU consolidated financial sanctions list from its FSF XML file, or the folder
    holding it (its one XML file).

    Raises ListFormatError for unsafe XML (a DTD or entity declarations), malformed XML
    (with file and line), or a file that is not the FSF export. Records that lack parts
    are loaded as far as possible and reported in ``issues``.
    """
    path = Path(path)
    file = _find_file(path) if path.is_dir() else path
    issues: list[str] = []
    published: dt.date | None = None
    parts: list[dict] = []
    seen: set[str] = set()
    number = 0
    for kind, element in _stream(file):
        if kind == "root":
            published = published_date(element.get("generationDate"), f"generationDate on <{ROOT_TAG}>", file, issues)
            continue
        number += 1
        built = _record(element, number, file.name, issues)
        element.clear()  # one sanctionEntity in memory at a time
        if built is None:
            continue
        if built["publisher_id"] in seen:
            issues.append(f"{file.name} sanctionEntity {built['publisher_id']}: logicalId repeated; skipped")
            continue
        seen.add(built["publisher_id"])
        parts.append(built)
    if not parts:
        raise ListFormatError(f"{file}: no sanctionEntity record could be read")
    snapshot = snapshot_of(SOURCE, path, [file], len(parts), published)
    entities = tuple(_entity(b, snapshot) for b in parts)
    return EntityList(SOURCE, snapshot, entities, tuple(issues))


# ---------------------------------------------------------------------------------------
# Parsing


def _find_file(folder: Path) -> Path:
    """The one XML file in ``folder``: by its ``.xml`` name, else by its content (the
    Commission's download address ends in ``.../content``, so a saved file may have no
    extension)."""
    files = sorted(f for f in folder.iterdir() if f.is_file() and not f.name.startswith("."))
    found = [f for f in files if f.suffix.casefold() == FILE_SUFFIX] or [f for f in files if _looks_like_xml(f)]
    if not found:
        raise ListFormatError(f"{folder}: no XML file in this folder (expected the EU FSF XML export)")
    if len(found) > 1:
        raise ListFormatError(f"{folder}: {len(found)} XML files in this folder "
                              f"({', '.join(f.name for f in found)}); give the file itself")
    return found[0]


def _looks_like_xml(file: Path) -> bool:
    try:
        with file.open("rb") as fh:
            head = fh.read(256)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _stream(file: Path) -> Iterator[tuple[str, ET.Element]]:
    """``("root", export)`` first, then ``("entity", sanctionEntity)`` for each record, parsed
    incrementally with DTDs, entities and external references forbidden."""
    entity_tag = f"{{{NAMESPACE}}}sanctionEntity"
    root_seen = False
    for event, element in xml_safe.iterparse(file):
        if not root_seen:
            root_seen = True
            if element.tag not in (f"{{{NAMESPACE}}}{ROOT_TAG}", ROOT_TAG):
                raise ListFormatError(
                    f"{file}: not the EU Financial Sanctions File (root element <{element.tag}>, "
                    f"expected <{ROOT_TAG}> in namespace {NAMESPACE})")
            if element.tag == ROOT_TAG:
                raise ListFormatError(f"{file}: the <{ROOT_TAG}> element lacks the FSF namespace "
                                      f"{NAMESPACE}; not an FSF XML 1.1 export")
            yield "root", element
        elif event == "end" and element.tag == entity_tag:
            yield "entity", element



def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _attr(element: ET.Element, name: str) -> str:
    """Attribute ``name`` with whitespace runs collapsed; "" if absent."""
    return " ".join((element.get(name) or "").split())


def _remark(element: ET.Element) -> str:
    """The ``remark`` children's text, whitespace (line breaks included) collapsed."""
    texts = (" ".join((r.text or "").split()) for r in element.findall(_q("remark")))
    return "; ".join(t for t in texts if t)


def _record(record: ET.Element, number: int, file_name: str, issues: list[str]) -> dict | None:
    logical_id = _attr(record, "logicalId")
    reference = _attr(record, "euReferenceNumber")
    where = f"{file_name} {reference or 'sanctionEntity'}" + (f" (logicalId {logical_id})" if logical_id else "")
    if not logical_id:
        issues.append(f"{file_name} sanctionEntity #{number}{' ' + reference if reference else ''}: "
                      f"no logicalId; skipped")
        return None
    subject = record.find(_q("subjectType"))
    code = _attr(subject, "code") if subject is not None else ""
    schema = _SCHEMAS.get(code.casefold())
    if schema is None:
        issues.append(f"{where}: unknown subjectType {code!r}; schema Unknown")
        schema = Schema.UNKNOWN
    names = _names(record, where, issues)
    if not names:
        issues.append(f"{where}: no nameAlias with a wholeName; skipped")
        return None
    primary_element, primary = names[0]
    aliases = tuple(n for _, n in names[1:])
    unknown: list[str] = []
    countries = [_country(c, unknown) for c in record.findall(_q("citizenship"))]
    addresses = _addresses(record, unknown)
    countries += [a.country for a in addresses]
    identifiers, id_notes = _identifications(record, unknown)
    birth_dates, places, unread = _birth_dates(record, where, issues)
    report_unknown_countries(where, unknown, issues)
    listed_on = iso_date(_attr(record, "designationDate"), "designationDate", where, issues)
    regulations = record.findall(_q("regulation"))
    programs = tuple(dict.fromkeys(p for p in (_attr(r, "programme") for r in regulations) if p))
    return {
        "publisher_id": logical_id,
        "schema": schema,
        "name": primary.value,
        "aliases": aliases,
        "programs": programs,
        "countries": tuple(c for c in dict.fromkeys(countries) if c),
        "birth_dates": birth_dates,
        "identifiers": identifiers,
        "addresses": addresses,
        "remarks": _remarks(record, primary_element, [e for e, _ in names], regulations, places, unread,
                            id_notes),
        "listed_on": listed_on,
    }


def _entity(b: dict, snapshot: ListSnapshot) -> Entity:
    return Entity(entity_id=f"{SOURCE}:{b['publisher_id']}", source=SOURCE, snapshot=snapshot, **b)


# ---------------------------------------------------------------------------------------
# Names


def _names(record: ET.Element, where: str, issues: list[str]) -> list[tuple[ET.Element, Name]]:
    """Every named nameAlias as a Name, the one read as the primary name first, the others
    in file order.

    The FSF marks no name as primary. The primary name is the best by, in turn: strong;
    in Latin letters; carrying the entry's ``function`` or ``title`` (the EU attaches them
    to the name the act lists the subject under); language EN or unstated (the act's
    English text); the lowest ``logicalId`` (the name recorded first).
    """
    named: list[tuple[ET.Element, Name]] = []
    for alias in record.findall(_q("nameAlias")):
        value = _attr(alias, "wholeName")
        if not value:
            value = " ".join(p for p in (_attr(alias, t) for t in ("firstName", "middleName", "lastName")) if p)
        if not value:
            continue
        logical_id = _attr(alias, "logicalId")
        language = _attr(alias, "nameLanguage")
        remark = _remark(alias)
        strong = _attr(alias, "strong").casefold()
        quality = NameQuality.WEAK if strong == "false" else NameQuality.STRONG
        if strong not in ("true", "false"):
            issues.append(f"{where}: nameAlias {logical_id} {value!r} has strong={strong!r}; read as strong")
        if quality is NameQuality.STRONG and _LOW_QUALITY.search(remark):
            issues.append(f"{where}: nameAlias {logical_id} {value!r} is strong=\"true\" but its remark "
                          f"says {remark!r}; read as a weak alias")
            quality = NameQuality.WEAK
        provenance = (f"nameAlias {logical_id}" + (f" ({language})" if language else "")
                      + (f": {remark}" if remark else ""))
        named.append((alias, Name(value, NameKind.AKA, quality, _script(value), provenance)))
    if not named:
        return []

    def rank(item: tuple[int, tuple[ET.Element, Name]]) -> tuple:
        position, (alias, name) = item
        logical_id = _attr(alias, "logicalId")
        return (name.quality is NameQuality.WEAK,
                name.script is not None,
                not (_attr(alias, "function") or _attr(alias, "title")),
                _attr(alias, "nameLanguage").upper() not in ("", "EN"),
                int(logical_id) if logical_id.isdigit() else float("inf"),
                position)

    best = min(enumerate(named), key=rank)[0]
    return [named[best]] + named[:best] + named[best + 1:]


_SCRIPTS = {
    "ARABIC": "Arab", "CYRILLIC": "Cyrl", "CJK": "Hani", "GREEK": "Grek", "HEBREW": "Hebr",
    "GEORGIAN": "Geor", "ARMENIAN": "Armn", "HANGUL": "Hang", "HIRAGANA": "Jpan", "KATAKANA": "Jpan",
    "THAI": "Thai", "DEVANAGARI": "Deva",
}


def _script(text: str) -> str | None:
    """ISO 15924 code of the script most of the name's letters are in; None for Latin
    (or letters of a script not told apart here).

    >>> _script("صنایع شیمیایی پارچین"), _script("Parcsini Vegyipari Vállalat"), _script("朝鲜")
    ('Arab', None, 'Hani')
    """
    counts: dict[str | None, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        word = unicodedata.name(ch, "").split(" ", 1)[0]
        script = _SCRIPTS.get(word)
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    return max(counts, key=counts.__getitem__)


# ---------------------------------------------------------------------------------------
# Countries, addresses, identifications


def _country(element: ET.Element, unknown: list[str]) -> str | None:
    """ISO alpha-2 from ``countryIso2Code`` ("00" is the FSF's unknown), else from the
    ``countryDescription``; unrecognised descriptions are collected in ``unknown``."""
    code = _attr(element, "countryIso2Code").upper()
    if code == _UNKNOWN_COUNTRY:
        return None
    if _ISO2.match(code) and (to_iso2(code) == code or code in _USER_ASSIGNED):
        return code
    description = _country_name(element)
    if not description:
        return None
    found = to_iso2(description)
    if found is None:
        unknown.append(description)
    return found


def _country_name(element: ET.Element) -> str:
    """``countryDescription`` as published, "" for the unknown-country placeholder."""
    if _attr(element, "countryIso2Code") == _UNKNOWN_COUNTRY:
        return ""
    name = _attr(element, "countryDescription")
    return "" if name.casefold() in _PLACEHOLDERS else name


def _place(element: ET.Element, *tags: str) -> list[str]:
    """The non-placeholder values of attributes ``tags``."""
    return [v for v in (_attr(element, t) for t in tags) if v and v.casefold() not in _PLACEHOLDERS]


def _addresses(record: ET.Element, unknown: list[str]) -> tuple[Address, ...]:
    """Addresses: ``street`` with the P.O. box; ``city``, ``place``, ``region`` and
    ``zipCode`` share ``city`` (as in the UN and OFAC sources); the remark and any
    contact details (``WEB``, ``PHONE`` ...) go to ``remarks``. Empty ones are left out."""
    out = []
    for element in record.findall(_q("address")):
        street = ", ".join([s.rstrip(" ,") for s in _place(element, "street")]
                           + [f"P.O. Box {b}" for b in _place(element, "poBox")])
        city = ", ".join(_place(element, "city", "place", "region", "zipCode"))
        contacts = [f"{_attr(c, 'key')}: {_attr(c, 'value')}" for c in element.findall(_q("contactInfo"))
                    if _attr(c, "value")]
        remarks = "; ".join(p for p in [_remark(element), *contacts] if p)
        country_name = _country_name(element)
        country = _country(element, unknown)
        if not (street or city or country or country_name or remarks):
            continue
        out.append(Address(street=street, city=city, country=country, country_name=country_name,
                           remarks=remarks))
    return tuple(out)


_ID_FLAGS = (("knownExpired", "known expired"), ("knownFalse", "known false"),
             ("reportedLost", "reported lost"), ("revokedByIssuer", "revoked by issuer"),
             ("diplomatic", "diplomatic"))


def _identifications(record: ET.Element, unknown: list[str]) -> tuple[tuple[Identifier, ...], list[str]]:
    """Identifiers, and notes for the remarks: what the model has no field for (issue
    and expiry dates, flags such as known expired or known false, the remark), and
    documents without a number."""
    ids: list[Identifier] = []
    notes: list[str] = []
    for element in record.findall(_q("identification")):
        code = _attr(element, "identificationTypeCode")
        label = _attr(element, "identificationTypeDescription") or code
        value = _attr(element, "number") or _attr(element, "latinNumber")
        country = _country(element, unknown)
        details = [f"issued {d}" for d in _place(element, "issueDate")]
        details += [f"valid to {d}" for d in _place(element, "validTo")]
        details += [text for attr, text in _ID_FLAGS if _attr(element, attr).casefold() == "true"]
        details += [f"issued by {v}" for v in _place(element, "issuedBy")]
        details += [f"region {v}" for v in _place(element, "region")]
        details += [f"name on document {v}" for v in _place(element, "nameOnDocument")]
        remark = _remark(element)
        if remark:
            details.append(remark)
        if not value:
            text = ", ".join(p for p in [label, _country_name(element), *details] if p)
            if text:
                notes.append(f"Identification without number: {text}")
            continue
        ids.append(Identifier(_ID_TYPES.get(code.casefold(), IdType.OTHER), value, country, label))
        if details:
            notes.append(f"Identification {value}: {', '.join(details)}")
    return tuple(ids), notes


# ---------------------------------------------------------------------------------------
# Dates of birth


def _birth_dates(record: ET.Element, where: str, issues: list[str]
                 ) -> tuple[tuple[DateOfBirth, ...], list[str], list[str]]:
    """Dates of birth, places of birth (text), and dates that could not be read (text).

    ``birthdate="YYYY-MM-DD"`` is exact; ``year`` (with ``monthOfYear``) alone is a year
    (a month); ``yearRangeFrom``..``yearRangeTo`` is a range, like the UN's BETWEEN;
    ``circa="true"`` marks any of them approximate. For another calendar (ISLAMIC) only
    the Gregorian ``birthdate`` is read; its Hijri parts go to the date's text. Entries
    giving the same span twice (e.g. a date and its Hijri equivalent) are kept once.
    """
    dates: dict[tuple, DateOfBirth] = {}
    places: list[str] = []
    unread: list[str] = []
    for element in record.findall(_q("birthdate")):
        place = ", ".join(_place(element, "city", "place", "region") + ([_country_name(element)]
                                                                       if _country_name(element) else []))
        if place:
            places.append(place)
        remark = _remark(element)
        dob, text = _one_dob(element, remark)
        if dob is not None:
            dates.setdefault((dob.start, dob.end, dob.circa), dob)
        elif text:
            unread.append(text)
            issues.append(f"{where}: date of birth {text!r} not read as a date; kept in remarks")
    return tuple(dates.values()), list(dict.fromkeys(places)), unread


def _one_dob(element: ET.Element, remark: str) -> tuple[DateOfBirth | None, str]:
    """The DateOfBirth of one ``birthdate`` element; or None and the element's text (empty
    for an element that gives no date at all)."""
    circa = _attr(element, "circa").casefold() == "true"
    calendar_type = _attr(element, "calendarType").upper() or _CALENDAR_GREGORIAN
    full, day, month, year, start_year, end_year = (_attr(element, t) for t in (
        "birthdate", "dayOfMonth", "monthOfYear", "year", "yearRangeFrom", "yearRangeTo"))
    parts = "-".join([year] + [p.zfill(2) for p in (month, day) if p]) if year else ""
    gregorian = calendar_type == _CALENDAR_GREGORIAN
    # In another calendar (ISLAMIC) year, month and day are not Gregorian; its Gregorian
    # equivalent, when given, is the birthdate attribute.
    extra = [] if gregorian else [f"{calendar_type} {parts}" if parts else calendar_type]
    note = f" ({'; '.join(extra + ([remark] if remark else []))})" if extra or remark else ""
    try:
        if full:
            exact = dt.date.fromisoformat(full[:10])
            return DateOfBirth(exact, exact, circa, full + note), ""
        if gregorian and year:
            y = int(year)
            if month and day:
                exact = dt.date(y, int(month), int(day))
                return DateOfBirth(exact, exact, circa, exact.isoformat() + note), ""
            if month:
                m = int(month)
                return DateOfBirth(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), circa,
                                   f"{y:04d}-{m:02d}{note}"), ""
            return DateOfBirth.year(y, circa, year + note), ""
        if gregorian and (start_year or end_year):
            first, last = int(start_year or end_year), int(end_year or start_year)
            if first <= last:
                return DateOfBirth(dt.date(first, 1, 1), dt.date(last, 12, 31), circa,
                                   f"{first}-{last}{note}"), ""
    except ValueError:
        pass
    given = [full] if full else ([parts] if parts and gregorian else [])
    given += [f"{start_year}-{end_year}"] if start_year or end_year else []
    return None, " ".join(given + extra + ([remark] if remark else []))


# ---------------------------------------------------------------------------------------
# Remarks


def _remarks(record: ET.Element, primary: ET.Element, names: list[ET.Element], regulations: list[ET.Element],
             places: list[str], unread_dobs: list[str], id_notes: list[str]) -> str:
    """Fields the model has no place for lead, labelled, in "; " style: reference numbers,
    the act(s), title, function and gender given with any name, places of birth, unread
    dates, identification details; then the primary name's remark and the entity's own."""
    head = [f"EU reference number: {v}" for v in _place(record, "euReferenceNumber")]
    head += [f"UN reference number: {v}" for v in _place(record, "unitedNationId")]
    head += [f"Designation details: {v}" for v in _place(record, "designationDetails")]
    head += [f"Regulation: {v}" for v in dict.fromkeys(_attr(r, "numberTitle") for r in regulations) if v]
    for label, attr in (("Title", "title"), ("Function", "function")):
        head += [f"{label}: {v}" for v in dict.fromkeys(_attr(n, attr) for n in names) if v]
    genders = dict.fromkeys(_attr(n, "gender") for n in names)
    head += [f"Gender: {_GENDERS.get(g.upper(), g)}" for g in genders if g]
    head += [f"Place of birth: {p}" for p in places]
    head += [f"Date of birth: {d}" for d in unread_dobs]
    head += id_notes
    tail = [t for t in (_remark(primary), _remark(record)) if t]
    return "; ".join(head + tail)
