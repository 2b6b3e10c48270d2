"""Secondary factors that move a name score: schema, country, date of birth, identifiers.

Each factor returns, per pair, the points it adds (positive) or removes (negative),
so the explanation can show every effect. A value missing on either side is neutral.

* Schema is a filter, not a nudge: a person query never alerts on a vessel, nor a
  company on a ship named like it; a query (or a listing) of unknown schema compares
  with everything.
* Country: the query's countries (nationality, residence, address: one or several)
  against every country of the listing (nationality, citizenship, flag, addresses):
  one in common adds :data:`COUNTRY_MATCH`, none in common adds :data:`COUNTRY_CONFLICT`.
* Date of birth: exact dates, months, years and ranges on either side, compared as
  date ranges. Overlapping ranges add :data:`DOB_MATCH`; ranges within the tolerance
  (default :data:`DOB_TOLERANCE_YEARS`, one year more when either side says *circa*;
  see :func:`widen`: a year 1962 is within one year of 1961 and 1963, not of 1960) add
  :data:`DOB_NEAR`; further apart, :data:`DOB_CONFLICT`.
* Identifiers (:data:`ID_FACTOR_TYPES`: passport, national id, USCC, ISIN, LEI, IMO
  number, Chinese Commercial Code): the same identifier on both sides is a strong hit
  whatever the name score, lifted to at least :data:`ID_MATCH_FLOOR` (and by at least
  :data:`ID_MATCH_MIN`); an identifier of a type the listing also has, but a different
  value, adds :data:`ID_CONFLICT`. Pairs sharing an identifier reach the scorer through
  an identifier candidate path even when their names share nothing
  (:mod:`screening.scoring.batch`).

>>> from screening.model import Entity, Schema, DateOfBirth
>>> e = Entity("x:1", "x", "1", Schema.PERSON, "SMITH, John", countries=("GB",),
...            birth_dates=(DateOfBirth.year(1962, circa=True),))
>>> for f in factor_details(e, QueryValues(countries=("FR",), birth_date=DateOfBirth.parse("1964")),
...                         {"country": COUNTRY_CONFLICT, "birth date": DOB_NEAR}):
...     print(f.name, f.points, f.detail)
country -4.0 FR: not among the listed countries (GB)
birth date 2.0 1964: within 2 years of listed 1962 (circa)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from screening.index.attributes import ID_TYPE_CODE, SCHEMA_CODE, EntityAttributes, Ragged
from screening.model import DateOfBirth, Entity, Identifier, IdType, Schema
from screening.normalize.identifiers import identifier_key
from screening.scoring.explain import Factor

COUNTRY_MATCH = 2.0
COUNTRY_CONFLICT = -4.0
DOB_MATCH = 4.0
DOB_NEAR = 2.0  # apart, but within the tolerance: lists and customers disagree by a year often
DOB_CONFLICT = -25.0  # a birth date years apart outweighs a common name
DOB_TOLERANCE_YEARS = 1.0  # the default; Screener(birth_date_tolerance=...) sets another
CIRCA_EXTRA_YEARS = 1.0  # added to the tolerance when either date is "circa"
ID_MATCH_FLOOR = 90.0  # an identifier match scores at least this
ID_MATCH_MIN = 10.0  # and adds at least this
ID_CONFLICT = -15.0  # an exact name with a conflicting identifier still alerts (85); a near one does not
ID_FACTOR_TYPES = (IdType.PASSPORT, IdType.NATIONAL_ID, IdType.USCC, IdType.ISIN, IdType.LEI, IdType.IMO,
                   IdType.CCC)
# The most the country and date factors can add; the name candidate stage lowers its cut-off by
# this much. Identifier matches need no allowance: they have a candidate path of their own.
MAX_BOOST = COUNTRY_MATCH + DOB_MATCH

_DAYS_PER_YEAR = 365.25


def widen(d: DateOfBirth, years: float) -> tuple[dt.date, dt.date]:
    """The range of ``d`` widened by ``years`` calendar years either side: a birth year 1962 with a
    tolerance of one year is 1961-01-01 to 1963-12-31, an exact date 1962-05-01 is 1961-05-01 to
    1963-05-01. Another date is within the tolerance when it overlaps this range.

    >>> widen(DateOfBirth.year(1962), 1)
    (datetime.date(1961, 1, 1), datetime.date(1963, 12, 31))
    """
    lo = shift_ordinals(np.array([d.start.toordinal()]), -years)[0]
    hi = shift_ordinals(np.array([d.end.toordinal()]), years)[0]
    top = dt.date.max.toordinal()
    return dt.date.fromordinal(int(min(max(lo, 1), top))), dt.date.fromordinal(int(min(max(hi, 1), top)))


_EPOCH = np.datetime64("0001-01-01", "D")  # proleptic Gregorian ordinal 1, as date.toordinal counts


def shift_ordinals(ordinals: np.ndarray, years: float) -> np.ndarray:
    """Date ordinals moved by ``years`` calendar years (29 February to the 28th), the fractional part
    as days; -1 (unknown) stays -1."""
    known = ordinals > 0
    if not known.any():  # no birth dates given (most single lookups): nothing to move
        return np.full(ordinals.shape, -1, dtype=np.int64)
    days = _EPOCH + (np.where(known, ordinals, 1) - 1).astype("timedelta64[D]")
    whole = int(years)
    month = days.astype("datetime64[M]")
    offset = days - month.astype("datetime64[D]")
    target = month + np.timedelta64(12 * whole, "M")
    last = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    out = np.minimum(target.astype("datetime64[D]") + offset, last)
    out = out + np.timedelta64(round((years - whole) * _DAYS_PER_YEAR), "D")
    return np.where(known, (out - _EPOCH).astype(np.int64) + 1, -1)


_FACTOR_TYPE_CODES = np.array(sorted(ID_TYPE_CODE[t] for t in ID_FACTOR_TYPES), dtype=np.int8)

# Which listed schemas a query schema may alert on.
_COMPATIBLE = {
    Schema.PERSON: {Schema.PERSON, Schema.UNKNOWN},
    Schema.ORGANIZATION: {Schema.ORGANIZATION, Schema.UNKNOWN},
    Schema.VESSEL: {Schema.VESSEL, Schema.UNKNOWN},
    Schema.AIRCRAFT: {Schema.AIRCRAFT, Schema.UNKNOWN},
    Schema.UNKNOWN: set(Schema),
}
COMPATIBLE = np.zeros((len(SCHEMA_CODE), len(SCHEMA_CODE)), dtype=bool)
for _q, _allowed in _COMPATIBLE.items():
    for _l in _allowed:
        COMPATIBLE[SCHEMA_CODE[_q], SCHEMA_CODE[_l]] = True


@dataclass(frozen=True, slots=True)
class QueryValues:
    """One query row's secondary values, parsed: what the factors compare and the explanation quotes."""

    schema: Schema = Schema.UNKNOWN
    countries: tuple[str, ...] = ()  # ISO alpha-2
    birth_date: DateOfBirth | None = None
    identifiers: tuple[Identifier, ...] = ()


@dataclass(frozen=True, slots=True)
class QueryAttributes:
    """Per query row, as arrays: schema code, country codes, birth-date range as ordinals (-1 unknown),
    identifier codes (-1: no listed entity has it) with their type codes; and the parsed values."""

    schema: np.ndarray  # int8
    countries: Ragged  # int32 codes; a country no entity has gets a code no entity has
    dob_start: np.ndarray  # int64
    dob_end: np.ndarray  # int64
    dob_circa: np.ndarray  # bool
    dob_near: np.ndarray  # (Q, 2) int64: the range widened by the tolerance (-1 unknown)
    dob_near_circa: np.ndarray  # (Q, 2) int64: widened by the tolerance and CIRCA_EXTRA_YEARS
    ids: Ragged  # int32 identifier codes (ID_FACTOR_TYPES only)
    id_types: Ragged  # int8 type codes, parallel to ``ids``
    values: tuple[QueryValues, ...]
    birth_date_tolerance: float = DOB_TOLERANCE_YEARS  # years

    @classmethod
    def of(cls, values: Sequence[QueryValues], attrs: EntityAttributes,
           birth_date_tolerance: float = DOB_TOLERANCE_YEARS) -> "QueryAttributes":
        """Encode parsed query values against the entity attributes of an index."""
        if birth_date_tolerance < 0:
            raise ValueError(f"birth_date_tolerance must be at least 0 years, not {birth_date_tolerance:g}")
        n = len(values)
        countries: dict[tuple[str, ...], list[int]] = {}
        country_codes = []
        for v in values:  # rows repeat their countries: each distinct tuple is coded once
            codes = countries.get(v.countries)
            if codes is None:
                codes = countries[v.countries] = [attrs.country_code(c) for c in dict.fromkeys(v.countries)]
            country_codes.append(codes)
        dobs = [v.birth_date for v in values]
        start = np.fromiter((d.start.toordinal() if d else -1 for d in dobs), dtype=np.int64, count=n)
        end = np.fromiter((d.end.toordinal() if d else -1 for d in dobs), dtype=np.int64, count=n)
        wider = birth_date_tolerance + CIRCA_EXTRA_YEARS
        # Rows without identifiers (most) share one empty tuple: ten thousand empty lists a chunk
        # cost more than the rest of this (their allocations set off the garbage collector).
        ids: dict[int, list[int]] = {}
        types: dict[int, list[int]] = {}
        factor_types = set(ID_FACTOR_TYPES)
        for r, v in enumerate(values):
            for i in v.identifiers:
                if i.type in factor_types and identifier_key(i.type, i.value) is not None:
                    ids.setdefault(r, []).append(attrs.id_code(i.type, i.value))
                    types.setdefault(r, []).append(ID_TYPE_CODE[i.type])
        return cls(
            schema=np.fromiter((SCHEMA_CODE[v.schema] for v in values), dtype=np.int8, count=n),
            countries=Ragged.of(country_codes, np.int32),
            dob_start=start, dob_end=end,
            dob_circa=np.fromiter((bool(d and d.circa) for d in dobs), dtype=bool, count=n),
            dob_near=np.stack([shift_ordinals(start, -birth_date_tolerance),
                               shift_ordinals(end, birth_date_tolerance)], axis=1).reshape(n, 2),
            dob_near_circa=np.stack([shift_ordinals(start, -wider), shift_ordinals(end, wider)],
                                    axis=1).reshape(n, 2),
            ids=Ragged.of([ids.get(r, ()) for r in range(n)], np.int32),
            id_types=Ragged.of([types.get(r, ()) for r in range(n)], np.int8),
            values=tuple(values), birth_date_tolerance=float(birth_date_tolerance))


@dataclass(frozen=True, slots=True)
class FactorEffects:
    country: np.ndarray  # (P,) points
    birth_date: np.ndarray  # (P,) points
    identifier: np.ndarray  # (P,) points

    @property
    def total(self) -> np.ndarray:
        return self.country + self.birth_date + self.identifier

    def take(self, idx: np.ndarray) -> "FactorEffects":
        return FactorEffects(self.country[idx], self.birth_date[idx], self.identifier[idx])

    def by_name(self, i: int) -> dict[str, float]:
        """The points of pair ``i`` by factor name, as the explanation names them."""
        return {"country": float(self.country[i]), "birth date": float(self.birth_date[i]),
                "identifier": float(self.identifier[i])}


def schema_compatible(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray, entity: np.ndarray) -> np.ndarray:
    return COMPATIBLE[q.schema[row], attrs.schema[entity]]


def effects(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray, entity: np.ndarray,
            name_score: np.ndarray | None = None) -> FactorEffects:
    """The points each factor adds to each pair ``(query row[i], entity[i])`` with name score ``name_score[i]``."""
    country = _country(attrs, q, row, entity)
    birth_date = _birth_date(attrs, q, row, entity)
    status = identifier_status(attrs, q, row, entity)
    identifier = np.zeros(len(row), dtype=np.float32)
    if status.any():
        base = (np.zeros(len(row), dtype=np.float32) if name_score is None else name_score) + country + birth_date
        identifier = np.where(status > 0, np.maximum(ID_MATCH_MIN, ID_MATCH_FLOOR - base),
                              np.where(status < 0, ID_CONFLICT, 0)).astype(np.float32)
    return FactorEffects(country, birth_date, identifier)


def _country(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray, entity: np.ndarray) -> np.ndarray:
    out = np.zeros(len(row), dtype=np.float32)
    known = (q.countries.count(row) > 0) & (attrs.countries.count(entity) > 0)
    if not known.any():
        return out
    sel = np.flatnonzero(known)
    # A (query row x country code) table: a few hundred countries, so a dense look-up is cheapest.
    table = np.zeros((len(q.schema), len(attrs.country_codes) + 1), dtype=bool)
    owner, codes = q.countries.expand(np.arange(len(q.schema)))
    table[owner, codes] = True
    pair, listed = attrs.countries.expand(entity[sel])
    hit = np.bincount(pair, weights=table[row[sel][pair], listed], minlength=len(sel)) > 0
    out[sel] = np.where(hit, COUNTRY_MATCH, COUNTRY_CONFLICT)
    return out


def _shared(left: Ragged, left_items: np.ndarray, right: Ragged, right_items: np.ndarray, size: int) -> np.ndarray:
    """For each i, whether ``left[left_items[i]]`` and ``right[right_items[i]]`` share a value (values < size)."""
    lo, lv = left.expand(left_items)
    ro, rv = right.expand(right_items)
    lkeys = lo.astype(np.int64) * size + lv
    rkeys = ro.astype(np.int64) * size + rv
    hit = np.zeros(len(left_items), dtype=bool)
    hit[lo[np.isin(lkeys, rkeys)]] = True
    return hit


def _birth_date(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray, entity: np.ndarray) -> np.ndarray:
    out = np.zeros(len(row), dtype=np.float32)
    known = (q.dob_start[row] >= 0) & (attrs.dob_start.count(entity) > 0)
    if not known.any():
        return out
    sel = np.flatnonzero(known)
    r = row[sel]
    owner, l_start = attrs.dob_start.expand(entity[sel])
    _, l_end = attrs.dob_end.expand(entity[sel])
    _, l_circa = attrs.dob_circa.expand(entity[sel])
    qr = r[owner]
    overlap = (l_start <= q.dob_end[qr]) & (q.dob_start[qr] <= l_end)
    # Within the tolerance: the listed range overlaps the query's widened range (wider when circa).
    near = np.where((l_circa | q.dob_circa[qr])[:, None], q.dob_near_circa[qr], q.dob_near[qr])
    close = (l_start <= near[:, 1]) & (near[:, 0] <= l_end)
    level = np.where(overlap, 2, np.where(close, 1, 0)).astype(np.int8)
    best = np.zeros(len(sel), dtype=np.int8)
    np.maximum.at(best, owner, level)
    out[sel] = np.array([DOB_CONFLICT, DOB_NEAR, DOB_MATCH], dtype=np.float32)[best]
    return out


def identifier_status(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray,
                      entity: np.ndarray) -> np.ndarray:
    """Per pair: 1 when an identifier is the same on both sides, -1 when none is but the listing has
    one of a type the query gives, else 0."""
    status = np.zeros(len(row), dtype=np.int8)
    if not len(q.ids.values):
        return status
    sel = np.flatnonzero((q.ids.count(row) > 0) & (attrs.ids.count(entity) > 0))
    if not len(sel):
        return status
    r, e = row[sel], entity[sel]
    # Same code on both sides (a query code of -1 is on no listing).
    same = _shared(q.ids, r, attrs.ids, e, len(attrs.id_codes) + 1)
    # A type on both sides (listed codes mapped to their factor-type codes).
    eo, ecodes = attrs.ids.expand(e)
    etypes = attrs.id_type[ecodes]
    factor = np.isin(etypes, _FACTOR_TYPE_CODES)
    qo, qtypes = q.id_types.expand(r)
    n_types = len(ID_TYPE_CODE)
    both = np.zeros(len(sel), dtype=bool)
    qkeys = qo.astype(np.int64) * n_types + qtypes
    both[qo[np.isin(qkeys, eo[factor].astype(np.int64) * n_types + etypes[factor])]] = True
    status[sel] = np.where(same, 1, np.where(both, -1, 0))
    return status


# --- explanations: what each factor saw, in words ---------------------------------------------------

def factor_details(entity: Entity, values: QueryValues, points: Mapping[str, float],
                   birth_date_tolerance: float = DOB_TOLERANCE_YEARS) -> tuple[Factor, ...]:
    """Every factor the query gave a value for, with its points (from the vectorized scorer) and
    what it compared. A factor the query gave nothing for is left out: it had no effect."""
    out = []
    if values.schema is not Schema.UNKNOWN:
        if entity.schema is Schema.UNKNOWN:
            detail = f"query {values.schema.value}; the listing's kind of party is unknown, so it is compared"
        else:
            detail = f"query {values.schema.value}, listed {entity.schema.value}"
        out.append(Factor("schema", 0.0, detail))
    if values.countries:
        out.append(Factor("country", points.get("country", 0.0), _country_detail(entity, values.countries)))
    if values.birth_date is not None:
        out.append(Factor("birth date", points.get("birth date", 0.0),
                          _dob_detail(entity, values.birth_date, birth_date_tolerance)))
    given = [i for i in values.identifiers if i.type in ID_FACTOR_TYPES and identifier_key(i.type, i.value)]
    if given:
        out.append(Factor("identifier", points.get("identifier", 0.0), _id_detail(entity, given)))
    return tuple(out)


def _country_detail(entity: Entity, countries: tuple[str, ...]) -> str:
    if not entity.countries:
        return f"{', '.join(countries)}: the listing gives no country"
    listed = ", ".join(entity.countries)
    shared = [c for c in countries if c in entity.countries]
    if shared:
        return f"{', '.join(shared)}: among the listed countries ({listed})"
    return f"{', '.join(countries)}: not among the listed countries ({listed})"


def _dob_detail(entity: Entity, query: DateOfBirth, tolerance_years: float) -> str:
    text = query.text or _range_text(query)
    if not entity.birth_dates:
        return f"{text}: the listing gives no date of birth"

    def gap(d: DateOfBirth) -> int:
        return max(0, (d.start - query.end).days, (query.start - d.end).days)

    def allowed(d: DateOfBirth) -> float:
        return tolerance_years + (CIRCA_EXTRA_YEARS if d.circa or query.circa else 0)

    def level(d: DateOfBirth) -> int:
        if gap(d) == 0:
            return 2
        lo, hi = widen(query, allowed(d))
        return 1 if d.start <= hi and lo <= d.end else 0

    nearest = min(entity.birth_dates, key=lambda d: (-level(d), gap(d)))
    listed = (nearest.text or _range_text(nearest)) + (" (circa)" if nearest.circa and "circa" not in
                                                     nearest.text.casefold() else "")
    if level(nearest) == 2:
        return f"{text}: matches listed {listed}"
    if level(nearest) == 1:
        years = allowed(nearest)
        return f"{text}: within {years:g} year{'s' if years != 1 else ''} of listed {listed}"
    return f"{text}: {gap(nearest) / _DAYS_PER_YEAR:.1f} years from the nearest listed date of birth, {listed}"


def _range_text(d: DateOfBirth) -> str:
    return d.start.isoformat() if d.is_exact else f"{d.start.isoformat()} to {d.end.isoformat()}"


def _id_detail(entity: Entity, given: list[Identifier]) -> str:
    listed: dict[tuple[IdType, str], Identifier] = {}
    for ident in entity.identifiers:
        key = identifier_key(ident.type, ident.value)
        if key is not None:
            listed.setdefault((ident.type, key), ident)
    for ident in given:
        hit = listed.get((ident.type, identifier_key(ident.type, ident.value)))
        if hit is not None:
            label = f" ({hit.label})" if hit.label else ""
            return (f"{ident.type.value} {ident.value} is listed{label}: an identifier match scores at least "
                    f"{ID_MATCH_FLOOR:g}")
    conflicts = [(i, [x.value for (t, _), x in listed.items() if t is i.type]) for i in given]
    conflicts = [(i, values) for i, values in conflicts if values]
    if conflicts:
        return "; ".join(f"{i.type.value} {i.value} differs from the listed {', '.join(values[:5])}"
                         + (" ..." if len(values) > 5 else "") for i, values in conflicts)
    types = ", ".join(dict.fromkeys(i.type.value for i in given))
    return f"the listing gives no {types}"

