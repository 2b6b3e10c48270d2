"""OFAC's free-text Remarks field -> birth dates, countries, weak aliases, identifiers.

OFAC packs everything its CSV columns have no room for into ``Remarks``: entries
separated by ``"; "``, the whole field ending in ``"."``. Each entry has a label and a
value (``DOB 12 Jan 1962``, ``Passport A123 (Iran)``, ``a.k.a. 'ABU X'``); an ``alt.``
prefix marks a second value of the same kind. Only the entries a matcher can use are
parsed; anything else is reported in ``Remarks.unparsed`` and stays in the entity's
remarks text.

>>> r = parse_remarks("DOB circa 1962; POB Caracas, Venezuela; citizen Venezuela; "
...                   "a.k.a. 'EL JEFE'; Cedula No. 5892464 (Venezuela).")
>>> r.birth_dates[0].start, r.birth_dates[0].circa, r.citizenships
(datetime.date(1962, 1, 1), True, ('VE',))
>>> r.aliases[0].value, r.aliases[0].quality.value
('EL JEFE', 'weak')
>>> cedula = r.identifiers[0]
>>> cedula.type.value, cedula.value, cedula.country, cedula.label
('national_id', '5892464', 'VE', 'Cedula No.')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from screening.countries import to_iso2
from screening.model import DateOfBirth, IdType, Identifier, Name, NameKind, NameQuality

# ---------------------------------------------------------------------------------------
# Result type

@dataclass(frozen=True, slots=True)
class Remarks:
    """What ``parse_remarks`` understood of one Remarks field.

    ``dates`` maps a publisher date label to its exact date, e.g.
    ``{"Listing Date (CMIC)": date(2021, 12, 16)}`` (read-only; first value wins).
    ``issuer_names`` are the names of a CMIC entity's securities issuer, kept apart from
    aliases. ``unparsed`` lists the entries that were not understood, for diagnostics.
    """

    birth_dates: tuple[DateOfBirth, ...] = ()
    places_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO alpha-2
    citizenships: tuple[str, ...] = ()  # ISO alpha-2
    gender: str | None = None  # "Male" / "Female" as published
    aliases: tuple[Name, ...] = ()  # weak a.k.a./f.k.a./n.k.a.
    identifiers: tuple[Identifier, ...] = ()
    dates: Mapping[str, dt.date] = field(default_factory=lambda: MappingProxyType({}))
    issuer_names: tuple[str, ...] = ()
    unparsed: tuple[str, ...] = ()


class _Collector:
    """Mutable accumulator behind ``parse_remarks``; frozen into ``Remarks`` at the end."""

    def __init__(self) -> None:
        self.birth_dates: list[DateOfBirth] = []
        self.places_of_birth: list[str] = []
        self.nationalities: list[str] = []
        self.citizenships: list[str] = []
        self.gender: str | None = None
        self.aliases: list[Name] = []
        self.identifiers: list[Identifier] = []
        self.dates: dict[str, dt.date] = {}
        self.issuer_names: list[str] = []
        self.unparsed: list[str] = []

    def freeze(self) -> Remarks:
        return Remarks(
            birth_dates=tuple(self.birth_dates),
            places_of_birth=tuple(self.places_of_birth),
            nationalities=_unique(self.nationalities),
            citizenships=_unique(self.citizenships),
            gender=self.gender,
            aliases=tuple(self.aliases),
            identifiers=_unique(self.identifiers),
            dates=MappingProxyType(self.dates),
            issuer_names=tuple(self.issuer_names),
            unparsed=tuple(self.unparsed),
        )


def _unique(items: list) -> tuple:
    return tuple(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------
# Entry splitting

# A few entries are joined by ";" without the space ("possibly Palestinian;arrested ...").
_SEPARATOR = re.compile(r";\s*")
_ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)


def parse_remarks(text: str | None, truncated: bool = False) -> Remarks:
    """Parse one Remarks field. Never raises; what it cannot read goes to ``unparsed``.

    ``truncated``: the text was cut (OFAC cuts Remarks at 1,000 characters) and the
    continuation is not available, so the last entry is incomplete and is not parsed.

    >>> parse_remarks("DOB 1960 to 1962; Gender Female; nationality Iran.").nationalities
    ('IR',)
    """
    out = _Collector()
    if not text or text.strip() == "-0-":
        return out.freeze()
    entries = [e.strip() for e in _SEPARATOR.split(text.strip())]
    # The field ends in "."; inner entries never carry the terminator.
    if entries and entries[-1].endswith(".") and not truncated:
        entries[-1] = entries[-1][:-1]
    if truncated and entries:
        out.unparsed.append(entries.pop())
    for entry in entries:
        if entry and not _parse_entry(entry, out):
            out.unparsed.append(entry)
    return out.freeze()


def _parse_entry(entry: str, out: _Collector) -> bool:
    """Route one entry to the first parser that accepts it; False if none does."""
    body = _ALT.sub("", entry, count=1)
    first_word = body.split(" ", 1)[0].rstrip(":").casefold()
    try:
        return any(parser(body, out) for parser in _PARSERS.get(first_word, _LABELLED))
    except (ValueError, OverflowError):  # e.g. "DOB 31 Feb 1960": keep the text only
        return False


# ---------------------------------------------------------------------------------------
# Birth dates

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name}
_PART = r"(?:(?P<{p}d>\d{{1,2}})\s+)?(?:(?P<{p}m>[A-Za-z]{{3}})[a-z]*\.?\s+)?(?P<{p}y>\d{{4}})"
_DOB = re.compile(
    r"^DOB\s+(?P<circa>circa\s+)?"
    + _PART.format(p="a")
    + r"(?:\s*(?:to|-)\s*" + _PART.format(p="b") + r")?\.?$",
    re.IGNORECASE,
)


def _bounds(day: str | None, month: str | None, year: str) -> tuple[dt.date, dt.date]:
    """First and last day a partial date can mean (``Jan 1962`` -> 1 Jan to 31 Jan)."""
    y = int(year)
    if month is None:
        if day is not None:
            raise ValueError("day without month")
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = _MONTHS.get(month[:3].casefold())
    if m is None:
        raise ValueError(f"unknown month {month!r}")
    if day is not None:
        exact = dt.date(y, m, int(day))
        return exact, exact
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def parse_dob(body: str) -> DateOfBirth | None:
    """A ``DOB ...`` entry (without ``alt.``) as a DateOfBirth, or None.

    >>> d = parse_dob("DOB 01 Jan 1960 to 31 Dec 1962")
    >>> d.start, d.end, d.text
    (datetime.date(1960, 1, 1), datetime.date(1962, 12, 31), '01 Jan 1960 to 31 Dec 1962')
    >>> parse_dob("DOB Feb 1949").end
    datetime.date(1949, 2, 28)
    """
    m = _DOB.match(body)
    if not m:
        return None
    start, end = _bounds(m["ad"], m["am"], m["ay"])
    if m["by"]:
        end = _bounds(m["bd"], m["bm"], m["by"])[1]
    if end < start:
        raise ValueError("range ends before it starts")
    text = body[3:].strip().rstrip(".")
    return DateOfBirth(start, end, circa=bool(m["circa"]), text=text)


def _dob(body: str, out: _Collector) -> bool:
    if not body.upper().startswith("DOB"):
        return False
    dob = parse_dob(body)
    if dob is None:
        return False
    out.birth_dates.append(dob)
    return True


# ---------------------------------------------------------------------------------------
# Place of birth, nationality, citizenship, gender

_POB = re.compile(r"^POB\s+(?P<place>.+)$")
_NATIONALITY = re.compile(
    r"^(?P<kind>nationality|citizen)(?:\s+of\s+registration)?:?\s+(?:possibly\s+)?(?P<country>.+)$",
    re.IGNORECASE,
)
_GENDER = re.compile(r"^Gender\s+(?P<gender>Male|Female)$", re.IGNORECASE)


def _pob(body: str, out: _Collector) -> bool:
    m = _POB.match(body)
    if m:
        out.places_of_birth.append(m["place"].strip())
    return bool(m)


def _nationality(body: str, out: _Collector) -> bool:
    """``nationality X``, ``citizen X``, ``Nationality of Registration X`` (entities)."""
    m = _NATIONALITY.match(body)
    if not m:
        return False
    code = to_iso2(m["country"])
    if code is None:
        return False  # "nationality: Eritrean": leave it to the remarks text
    target = out.citizenships if m["kind"].casefold() == "citizen" else out.nationalities
    target.append(code)
    return True


def _gender(body: str, out: _Collector) -> bool:
    m = _GENDER.match(body)
    if m:
        out.gender = m["gender"].capitalize()
    return bool(m)


# ---------------------------------------------------------------------------------------
# Weak aliases, issuer names, labelled dates

# Greedy: the name itself may contain apostrophes ('AL-QA'IDA', 'ABU AL-WAFA'').
_ALIAS = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s+'(?P<name>.+)'$", re.IGNORECASE)
_ALIAS_KINDS = {"a": NameKind.AKA, "f": NameKind.FKA, "n": NameKind.NKA}
_ISSUER = re.compile(r"^Issuer\s+Name\s+(?P<name>.+)$")
_LABELLED_DATE = re.compile(
    r"^(?P<label>[A-Z][A-Za-z/ ]*?\bDate(?:\s+\([^)]*\))?):?\s+"
    r"(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3})\s+(?P<y>\d{4})$"
)


def _alias(body: str, out: _Collector) -> bool:
    """OFAC's weak ("low quality") aliases are the quoted a.k.a.s in Remarks."""
    m = _ALIAS.match(body)
    if not m or not m["name"].strip():
        return False
    kind = _ALIAS_KINDS[m["kind"].casefold()]
    out.aliases.append(Name(m["name"].strip(), kind, NameQuality.WEAK, provenance="remarks"))
    return True


def _issuer(body: str, out: _Collector) -> bool:
    m = _ISSUER.match(body)
    if m:
        out.issuer_names.append(m["name"].strip())
    return bool(m)


def _labelled_date(body: str, out: _Collector) -> bool:
    """``Listing Date (CMIC) 16 Dec 2021``, ``Organization Established Date ...`` etc."""
    m = _LABELLED_DATE.match(body)
    if not m:
        return False
    day = _bounds(m["d"], m["m"], m["y"])[0]
    out.dates.setdefault(m["label"], day)
    return True


# ---------------------------------------------------------------------------------------
# Identifiers

# Publisher label -> IdType, for labels seen at least a few times in 2021-2024 files.
_ID_LABELS: dict[str, IdType] = {
    **dict.fromkeys([
        "Passport", "Passport No.", "Passport Booklet", "Diplomatic Passport",
        "British National Overseas Passport", "Stateless Person Passport",
    ], IdType.PASSPORT),
    **dict.fromkeys([
        "National ID No.", "Cedula No.", "C.U.R.P.", "C.U.R.P. #", "D.N.I.",
        "Identification Number", "Personal ID Card", "National Foreign ID Number",
        "Credencial electoral", "Electoral Registry No.", "I.F.E.", "C.U.I.",
        "Turkish Identification Number", "Numero de Identidad", "Citizen's Card Number",
        "Kenyan ID No.", "LE Number", "Residency Number", "Tazkira National ID Card",
        "UAE Identification", "Bosnian Personal ID No.", "Moroccan Personal ID No.",
        "CNP (Personal Numerical Code)", "N.I.E.", "SSN",
    ], IdType.NATIONAL_ID),
    **dict.fromkeys([
        "Tax ID No.", "R.F.C.", "R.F.C. #", "RFC", "NIT #", "RUC #", "RIF #",
        "V.A.T. Number", "US FEIN", "C.U.I.T.", "RTN", "Italian Fiscal Code",
        "Fiscal Code", "Paraguayan tax identification number", "C.I.F.",
        "Numero Unico de Identificacao Tributaria (NUIT)", "Romanian Tax Registration",
    ], IdType.TAX_ID),
    **dict.fromkeys([
        "Registration Number", "Registration ID", "Business Registration Number",
        "Business Registration Document #", "Commercial Registry Number",
        "Company Number", "UK Company Number", "C.R. No.", "Romanian C.R.",
        "Folio Mercantil No.", "Matricula Mercantil No", "Government Gazette Number",
        "Economic Register Number (CBLS)", "Trade License No.",
        "Chamber of Commerce Number", "Central Registration System Number",
        "Istanbul Chamber of Comm. No.", "Dubai Chamber of Commerce Membership No.",
        "Business Number", "Enterprise Number", "Branch Unit Number",
        "Public Registration Number", "Registered Charity No.",
        "Certificate of Incorporation Number", "D-U-N-S Number", "MSB Registration Number",
        "Organization Code",
    ], IdType.REGISTRATION),
    **dict.fromkeys([
        "Unified Social Credit Code (USCC)",
        "United Social Credit Code Certificate (USCCC)",
    ], IdType.USCC),
    **dict.fromkeys(["ISIN", "Identification Number ISIN"], IdType.ISIN),
    "Equity Ticker": IdType.TICKER,
    "Chinese Commercial Code": IdType.CCC,
    # Company IMO numbers share the 7-digit IMO scheme; the label tells them apart.
    **dict.fromkeys([
        "Vessel Registration Identification IMO", "Identification Number IMO",
        "Company Number IMO", "International Maritime Organization No.",
    ], IdType.IMO),
    "MMSI": IdType.MMSI,
    "Legal Entity Number": IdType.LEI,
    "SWIFT/BIC": IdType.SWIFT_BIC,
    **dict.fromkeys([
        "BIK (RU)", "Vessel Registration Identification", "Other Vessel Call Sign",
        "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Tail Number",
        "Previous Aircraft Tail Number", "Aircraft Serial Identification",
        "Aircraft Mode S Transponder Code",
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        "Driver's License No.", "Birth Certificate Number", "Travel Document Number",
        "Cartilla de Servicio Militar Nacional", "C.U.I.P.", "VisaNumberID",
        "Immigration No.", "Refugee ID Card", "Stateless Person ID Card",
        "Seafarer's Identification Document", "Military Registration Number",
        "Pilot License Number", "Afghan Money Service Provider License Number",
        "License", "Permit Number", "SRE Permit No.", "File Number",
    ], IdType.OTHER),
}

# Longest label first, so "Identification Number IMO" wins over "Identification Number".
_ID = re.compile(
    r"^(?P<label>"
    + "|".join(re.escape(label) for label in sorted(_ID_LABELS, key=len, reverse=True))
    + r"):?\s+(?P<rest>\S.*)$"
)
_CRYPTO = re.compile(r"^(?P<label>Digital Currency Address - \w+)\s+(?P<value>\S+)$")
_ISSUE_NOTES = re.compile(r"\s*,?\s+(?:issued|expires|expired|Issue Date)\b.*$", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*\((?P<inner>[^()]*)\)$")
_TICKER = re.compile(r"^(?P<code>\d+)\s*(?P<exchange>[A-Z]{2})$")
_SPACES = re.compile(r"\s+")


def _identifier(body: str, out: _Collector) -> bool:
    m = _ID.match(body)
    if m:
        kind = _ID_LABELS[m["label"]]
        value, country = _split_country(_ISSUE_NOTES.sub("", m["rest"]))
        value = _normalise_id(kind, value)
        if not value:
            return False
        out.identifiers.append(Identifier(kind, value, country, m["label"]))
        return True
    m = _CRYPTO.match(body)
    if m:
        out.identifiers.append(Identifier(IdType.OTHER, m["value"], None, m["label"]))
    return bool(m)


def _split_country(rest: str) -> tuple[str, str | None]:
    """``"HRA 738077 (Stuttgart) (Germany)"`` -> ``("HRA 738077 (Stuttgart)", "DE")``."""
    m = _TRAILING_PAREN.search(rest)
    if m:
        code = to_iso2(m["inner"])
        if code:
            return rest[: m.start()].strip(), code
    return rest.strip(), None


def _normalise_id(kind: IdType, value: str) -> str:
    """Canonical spelling for identifier kinds with a fixed shape; others as published.

    >>> _normalise_id(IdType.TICKER, "601698  CN"), _normalise_id(IdType.TICKER, "603019CN")
    ('601698 CN', '603019 CN')
    >>> _normalise_id(IdType.IMO, "(5777731)"), _normalise_id(IdType.CCC, "6774 1639 5478.")
    ('5777731', '6774 1639 5478')
    """
    value = _SPACES.sub(" ", value).strip().rstrip(",;")
    if kind is IdType.TICKER:
        m = _TICKER.match(value)
        return f"{m['code']} {m['exchange']}" if m else value
    if kind is IdType.CCC:
        groups = re.findall(r"\d{4}", value)
        return " ".join(groups) if groups else value
    if kind is IdType.IMO:
        m = re.search(r"\d{7}", value)
        return m.group(0) if m else value
    if kind in (IdType.ISIN, IdType.SWIFT_BIC, IdType.LEI, IdType.MMSI):
        return value.replace(" ", "").rstrip(".").upper()
    return value


# Entries are routed by their first word (most are "Linked To:" prose that no parser
# wants); labelled dates come before identifiers so "... Date 01 Jan 2020" is a date.
_LABELLED = (_labelled_date, _identifier)
_PARSERS = {
    "dob": (_dob,),
    "pob": (_pob,),
    "nationality": (_nationality,),
    "citizen": (_nationality,),
    "gender": (_gender,),
    "a.k.a.": (_alias,),
    "f.k.a.": (_alias,),
    "n.k.a.": (_alias,),
    "issuer": (_issuer, *_LABELLED),
}
