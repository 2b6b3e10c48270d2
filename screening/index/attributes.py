"""Entity attributes other than names, laid out in arrays for vectorized comparison.

Countries, birth dates and identifiers are ragged (an entity may have several), so each
is stored CSR-style: a flat value array plus per-entity offsets.

Identifiers are compared by key (:func:`screening.normalize.identifiers.identifier_key`):
every distinct (type, key) of the lists gets an integer code, each entity holds its
codes, and each code its entities, so a query's identifiers find their entities (and an
entity's identifiers compare with a query's) by integer look-ups. An equity ticker is
also held under its bare code (``"CHA"`` beside ``"CHA US"``), for look-ups that do not
name the exchange.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from screening.model import Entity, IdType, Identifier, Schema
from screening.normalize.identifiers import identifier_key, ticker_code

SCHEMAS = list(Schema)
SCHEMA_CODE = {s: i for i, s in enumerate(SCHEMAS)}
ID_TYPES = list(IdType)
ID_TYPE_CODE = {t: i for i, t in enumerate(ID_TYPES)}


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


def identifier_keys(identifier: Identifier) -> tuple[str, ...]:
    """The keys an identifier is held under (a ticker also under its bare code)."""
    key = identifier_key(identifier.type, identifier.value)
    if key is None:
        return ()
    if identifier.type is IdType.TICKER and " " in key:
        return key, ticker_code(key)
    return (key,)


class EntityAttributes:
    """Schema codes, country codes, birth-date ranges and identifier codes of the indexed entities."""

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
        self.dob_circa = Ragged.of([[d.circa for d in e.birth_dates] for e in entities], bool)
        self._build_identifiers(entities)

    def _build_identifiers(self, entities: list[Entity]) -> None:
        self.id_codes: dict[tuple[IdType, str], int] = {}
        per_entity: list[list[int]] = []
        for e in entities:
            codes: dict[int, None] = {}
            for ident in e.identifiers:
                for key in identifier_keys(ident):
                    codes.setdefault(self.id_codes.setdefault((ident.type, key), len(self.id_codes)))
            per_entity.append(list(codes))
        self.ids = Ragged.of(per_entity, np.int32)
        # code -> its type, and code -> the entities holding it
        self.id_type = np.array([ID_TYPE_CODE[t] for t, _ in self.id_codes], dtype=np.int8)
        owners: list[list[int]] = [[] for _ in self.id_codes]
        for ei, codes in enumerate(per_entity):
            for c in codes:
                owners[c].append(ei)
        self.id_owners = Ragged.of(owners, np.int32)

    def id_code(self, kind: IdType, value: object) -> int:
        """The code of an identifier in the lists, or -1 when no listed entity has it."""
        key = identifier_key(kind, value)
        return -1 if key is None else self.id_codes.get((kind, key), -1)

    def entities_with(self, kind: IdType, value: object) -> np.ndarray:
        """Positions of the entities listing this identifier (any spelling of it)."""
        code = self.id_code(kind, value)
        if code < 0:
            return np.zeros(0, dtype=np.int32)
        return self.id_owners.values[self.id_owners.offsets[code]:self.id_owners.offsets[code + 1]]

    def country_code(self, iso2: str | None) -> int:
        """The code of a query country: -1 when unknown; a code no entity has when unlisted."""
        if iso2 is None:
            return -1
        return self.country_codes.get(iso2, len(self.country_codes))
