"""Secondary factors that move a name score: schema, country, date of birth.

Each factor returns, per pair, the points it adds (positive) or removes (negative),
so the explanation can show every effect. A value missing on either side is neutral.
Schema is a filter, not a nudge: a person query never alerts on a vessel, nor a company
on a ship named like it; a query of unknown schema compares with everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from screening.index.attributes import SCHEMA_CODE, EntityAttributes
from screening.model import Schema

COUNTRY_MATCH = 2.0
COUNTRY_CONFLICT = -4.0
DOB_MATCH = 4.0
DOB_CONFLICT = -25.0  # a birth date years apart outweighs a common name
DOB_TOLERANCE_DAYS = 366  # a year either side: lists and customers disagree by one often
# The most factors can add; the candidate stage lowers its cut-off by this much.
MAX_BOOST = COUNTRY_MATCH + DOB_MATCH

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
class QueryAttributes:
    """Per query row: schema code, country code (-1 unknown), birth-date range as ordinals (-1 unknown)."""

    schema: np.ndarray  # int8
    country: np.ndarray  # int32
    dob_start: np.ndarray  # int64
    dob_end: np.ndarray  # int64


@dataclass(frozen=True, slots=True)
class FactorEffects:
    country: np.ndarray  # (P,) points
    birth_date: np.ndarray  # (P,) points

    @property
    def total(self) -> np.ndarray:
        return self.country + self.birth_date


def schema_compatible(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray, entity: np.ndarray) -> np.ndarray:
    return COMPATIBLE[q.schema[row], attrs.schema[entity]]


def effects(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray, entity: np.ndarray) -> FactorEffects:
    """The points each factor adds to each pair ``(query row[i], entity[i])``."""
    return FactorEffects(_country(attrs, q, row, entity), _birth_date(attrs, q, row, entity))


def _country(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray, entity: np.ndarray) -> np.ndarray:
    out = np.zeros(len(row), dtype=np.float32)
    wanted = q.country[row]
    known = (wanted >= 0) & (attrs.countries.count(entity) > 0)
    if not known.any():
        return out
    owner, codes = attrs.countries.expand(entity)
    hit = np.zeros(len(row), dtype=bool)
    np.logical_or.at(hit, owner, codes == wanted[owner])
    out[known & hit] = COUNTRY_MATCH
    out[known & ~hit] = COUNTRY_CONFLICT
    return out


def _birth_date(attrs: EntityAttributes, q: QueryAttributes, row: np.ndarray, entity: np.ndarray) -> np.ndarray:
    out = np.zeros(len(row), dtype=np.float32)
    start, end = q.dob_start[row], q.dob_end[row]
    known = (start >= 0) & (attrs.dob_start.count(entity) > 0)
    if not known.any():
        return out
    owner, l_start = attrs.dob_start.expand(entity)
    _, l_end = attrs.dob_end.expand(entity)
    # Gap in days between the query's range and each listed range (0 when they overlap).
    gap = np.maximum(0, np.maximum(l_start - end[owner], start[owner] - l_end))
    nearest = np.full(len(row), np.iinfo(np.int64).max)
    np.minimum.at(nearest, owner, gap)
    close = nearest <= DOB_TOLERANCE_DAYS
    out[known & close] = DOB_MATCH
    out[known & ~close] = DOB_CONFLICT
    return out
