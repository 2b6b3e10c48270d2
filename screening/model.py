"""The one entity model every list source parses into.

Everything downstream (normalization, index, scoring, interfaces) sees only these
types, never a publisher's file layout. Instances are immutable so one loaded list
can be shared by many screeners and threads.

>>> e = Entity(entity_id="ofac-cons:33091", source="ofac-cons", publisher_id="33091",
...            schema=Schema.ORGANIZATION, name="MEGVII TECHNOLOGY LIMITED")
>>> e.all_names()[0].value
'MEGVII TECHNOLOGY LIMITED'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum


class Schema(str, Enum):
    """What kind of party a listing (or a query) designates."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"
    UNKNOWN = "Unknown"

    @classmethod
    def parse(cls, value: object) -> "Schema":
        """Read a schema from user input; anything unrecognised (or missing) is UNKNOWN.

        >>> Schema.parse("person"), Schema.parse("Company"), Schema.parse(None)
        (<Schema.PERSON: 'Person'>, <Schema.ORGANIZATION: 'Organization'>, <Schema.UNKNOWN: 'Unknown'>)
        """
        if not isinstance(value, str):
            return cls.UNKNOWN
        return _SCHEMA_WORDS.get(value.strip().casefold(), cls.UNKNOWN)


_SCHEMA_WORDS = {
    "person": Schema.PERSON,
    "individual": Schema.PERSON,
    "organization": Schema.ORGANIZATION,
    "organisation": Schema.ORGANIZATION,
    "entity": Schema.ORGANIZATION,
    "company": Schema.ORGANIZATION,
    "legalentity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "ship": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "unknown": Schema.UNKNOWN,
}


class NameKind(str, Enum):
    """How a name relates to the listed party."""

    PRIMARY = "primary"
    AKA = "aka"  # also known as
    FKA = "fka"  # formerly known as
    NKA = "nka"  # now known as


class NameQuality(str, Enum):
    """OFAC (and UN/EU) distinguish strong aliases from weak ones ("low quality")."""

    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True, slots=True)
class Name:
    """One name of a listed party, with where it came from."""

    value: str
    kind: NameKind = NameKind.PRIMARY
    quality: NameQuality = NameQuality.STRONG
    script: str | None = None  # e.g. "Hani", "Cyrl"; None when Latin or unknown
    provenance: str = ""  # e.g. "alt.csv alt_num 2345", "remarks a.k.a."


@dataclass(frozen=True, slots=True)
class DateOfBirth:
    """A birth date as lists give it: exact, a month, a year, or a range, maybe circa.

    ``start``/``end`` are the inclusive bounds; an exact date has ``start == end``.

    >>> DateOfBirth.year(1962).contains(dt.date(1962, 5, 1))
    True
    """

    start: dt.date
    end: dt.date
    circa: bool = False
    text: str = ""

    @classmethod
    def year(cls, year: int, circa: bool = False, text: str = "") -> "DateOfBirth":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), circa, text or str(year))

    @classmethod
    def parse(cls, value: object) -> "DateOfBirth | None":
        """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``DD Mon YYYY`` or ``Mon YYYY`` (or a date, or a
        year as a number), a range ``A to B`` (or ``YYYY-YYYY``) of those, either with a leading
        ``circa`` (``c.``, ``ca.``, ``~``); None when empty or unreadable.

        >>> DateOfBirth.parse("1962-11").end
        datetime.date(1962, 11, 30)
        >>> d = DateOfBirth.parse("circa 1960 to 1962")
        >>> d.start, d.end, d.circa
        (datetime.date(1960, 1, 1), datetime.date(1962, 12, 31), True)
        """
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value, value, text=value.isoformat())
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
            if float(value).is_integer() and 1000 <= value <= 9999:
                return cls.year(int(value))
            return None
        if not isinstance(value, str):
            return None
        text = value.strip()
        if len(text) == 10 and text[4] == "-" and text[7] == "-":  # YYYY-MM-DD, most customer files' form
            try:
                day = dt.date.fromisoformat(text)
                return cls(day, day, text=text)
            except ValueError:
                pass  # read below, as before (other digits, impossible dates)
        circa = _CIRCA.match(text)
        if circa:
            inner = cls.parse(text[circa.end():])
            return cls(inner.start, inner.end, True, text) if inner else None
        low, sep, high = text.partition(" to ")
        if not sep and _YEAR_RANGE.match(text):
            low, sep, high = text.partition("-")
        if sep:
            first, last = cls.parse(low), cls.parse(high)
            if first is None or last is None or last.end < first.start:
                return None
            return cls(first.start, last.end, text=text)
        written = _WRITTEN_DATE.match(text)  # "23 Nov 1962", "Nov 1962", as lists print them
        if written and written["month"][:3].casefold() in _MONTHS:
            month = _MONTHS.index(written["month"][:3].casefold()) + 1
            iso = f"{written['year']}-{month:02d}" + (f"-{int(written['day']):02d}" if written["day"] else "")
            parsed = cls.parse(iso)
            return cls(parsed.start, parsed.end, text=text) if parsed else None
        parts = text.split("-")
        try:
            nums = [int(p) for p in parts]
            if len(nums) == 1 and len(parts[0]) == 4:
                return cls.year(nums[0], text=text)
            if len(nums) == 2:
                start = dt.date(nums[0], nums[1], 1)
                end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
                return cls(start, end, text=text)
            if len(nums) == 3:
                day = dt.date(*nums)
                return cls(day, day, text=text)
        except ValueError:
            return None
        return None

    @property
    def is_exact(self) -> bool:
        return self.start == self.end

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


_CIRCA = re.compile(r"^(?:circa|ca\.?|c\.|approx(?:\.|imately)?|about|~)\s*", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"^\d{4}\s*-\s*\d{4}$")
_WRITTEN_DATE = re.compile(r"^(?:(?P<day>\d{1,2})\s+)?(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})$")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


class IdType(str, Enum):
    """Identifier kinds the matcher knows how to compare."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    USCC = "uscc"  # PRC Unified Social Credit Code
    ISIN = "isin"
    TICKER = "ticker"  # equity ticker with its exchange suffix, e.g. "0728 HK"
    CCC = "ccc"  # Chinese Commercial Code digits, e.g. "1728 4320"
    IMO = "imo"  # vessel IMO number
    MMSI = "mmsi"
    LEI = "lei"
    REGISTRATION = "registration"
    TAX_ID = "tax_id"
    SWIFT_BIC = "swift_bic"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Identifier:
    type: IdType
    value: str
    country: str | None = None  # ISO 3166-1 alpha-2
    label: str = ""  # the publisher's own label, e.g. "Cedula No."


@dataclass(frozen=True, slots=True)
class Address:
    street: str = ""
    city: str = ""
    country: str | None = None  # ISO 3166-1 alpha-2 where the country is known
    country_name: str = ""  # as published
    remarks: str = ""


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """Which publication of which list an entity came from (for provenance and audit)."""

    source: str  # registry key, e.g. "ofac-sdn"
    path: str  # folder or file it was read from
    content_hash: str  # sha256 over the files read, hex
    published: dt.date | None = None
    entity_count: int = 0

    @property
    def label(self) -> str:
        when = self.published.isoformat() if self.published else "undated"
        return f"{self.source}@{when}#{self.content_hash[:12]}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A listed party. ``entity_id`` is ``"<source>:<publisher id>"``, e.g. ``ofac-sdn:36``."""

    entity_id: str
    source: str
    publisher_id: str
    schema: Schema
    name: str
    aliases: tuple[Name, ...] = ()
    programs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO alpha-2: nationality, citizenship, address
    birth_dates: tuple[DateOfBirth, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    addresses: tuple[Address, ...] = ()
    remarks: str = ""
    listed_on: dt.date | None = None
    snapshot: ListSnapshot | None = field(default=None, compare=False)

    def all_names(self) -> tuple[Name, ...]:
        """The primary name first, then every alias."""
        return (Name(self.name, NameKind.PRIMARY, provenance="primary name"),) + self.aliases

    def identifiers_of(self, kind: IdType) -> tuple[Identifier, ...]:
        return tuple(i for i in self.identifiers if i.type is kind)


@dataclass(frozen=True, slots=True)
class EntityList:
    """The entities read from one snapshot of one list, plus what could not be read.

    ``issues`` holds human-readable reports of skipped or repaired records
    (file, line, problem); parsing never drops a record silently.
    """

    source: str
    snapshot: ListSnapshot
    entities: tuple[Entity, ...]
    issues: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self):
        return iter(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.entity_id == entity_id:
                return e
        return None
