"""Entity attributes other than names, laid out in arrays for vectorized comparison.

Countries and birth dates are ragged (an entity may have several), so each is stored
CSR-style: a flat value array plus per-entity offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from screening.model import Entity, Schema

SCHEMAS = list(Schema)
SCHEMA_CODE = {s: i for i, s in enumerate(SCHEMAS)}


@dataclass(frozen=True, slots=True)
class Ragged:
    """Per-entity lists of integers: entity i owns ``values[offsets[i]:offsets[i + 1]]``."""

    offsets: np.ndarray  # (E + 1,) int64
    values: np.ndarray

    @classmethod
    def of(cls, lists: list[list], dtype) -> "Ragged":
        lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        values = np.array([v for x in lists for v in x], dtype=dtype)
        return cls(offsets, values)

    def expand(self, entity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each given entity, its values: (position in ``entity``, value) pairs."""
        starts, ends = self.offsets[entity], self.offsets[entity + 1]
        counts = ends - starts
        owner = np.repeat(np.arange(len(entity)), counts)
        idx = np.repeat(starts, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        return owner, self.values[idx]

    def count(self, entity: np.ndarray) -> np.ndarray:
        return self.offsets[entity + 1] - self.offsets[entity]


class EntityAttributes:
    """Schema codes, country codes and birth-date ranges of the indexed entities."""

    def __init__(self, entities: list[Entity]):
        self.schema = np.array([SCHEMA_CODE[e.schema] for e in entities], dtype=np.int8)
        self.country_codes: dict[str, int] = {}
        for e in entities:
            for c in e.countries:
                self.country_codes.setdefault(c, len(self.country_codes))
        countries = [[self.country_codes[c] for c in e.countries] for e in entities]
        self.countries = Ragged.of(countries, np.int32)
        self.dob_start = Ragged.of([[d.start.toordinal() for d in e.birth_dates] for e in entities], np.int64)
        self.dob_end = Ragged.of([[d.end.toordinal() for d in e.birth_dates] for e in entities], np.int64)

    def country_code(self, iso2: str | None) -> int:
        """The code of a query country: -1 when unknown; a code no entity has when unlisted."""
        if iso2 is None:
            return -1
        return self.country_codes.get(iso2, len(self.country_codes))
