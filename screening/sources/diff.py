"""What changed between two publications of one list: added, removed and changed entities.

Entities are matched by ``entity_id``. An entity is *changed* when a field that matters
for screening or review differs; the fields are compared as published, ignoring order
(OFAC may list aliases or addresses in another order) and bookkeeping that is not
content (an alias's ``provenance``, which holds OFAC's row numbers).

>>> from screening.sources import load_list
>>> from screening.sources.diff import diff_lists
>>> d = diff_lists(load_list("ofac-sdn", "../shared/lists/ofac_sdn_2021"),
...                load_list("ofac-sdn", "../shared/lists/ofac_sdn_2023-12"))   # doctest: +SKIP
>>> print(d.summary())                                                           # doctest: +SKIP
>>> delta = d.entities_to_screen(new)                                            # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from screening.model import Entity, EntityList, ListSnapshot


class Change(str, Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


def _bag(values) -> Counter:
    return Counter(values)


# Field name -> a comparable view of that field of an entity (order-free where the
# publisher's order carries no meaning). The order here is the order fields are reported in.
FIELDS: dict[str, Callable[[Entity], Hashable]] = {
    "name": lambda e: e.name,
    "schema": lambda e: e.schema,
    "aliases": lambda e: frozenset(_bag((a.value, a.kind, a.quality) for a in e.aliases).items()),
    "programs": lambda e: frozenset(_bag(e.programs).items()),
    "countries": lambda e: frozenset(e.countries),
    "birth_dates": lambda e: frozenset(_bag(e.birth_dates).items()),
    "identifiers": lambda e: frozenset(_bag(e.identifiers).items()),
    "addresses": lambda e: frozenset(_bag(e.addresses).items()),
    "listed_on": lambda e: e.listed_on,
    "remarks": lambda e: e.remarks,
}
# The fields whose change can change who matches an entity: its names and what the scorer
# weighs, and its programs (a firm may screen some programs only).
SCREENED_FIELDS = frozenset(FIELDS) - {"listed_on", "remarks"}


def changed_fields(old: Entity, new: Entity) -> tuple[str, ...]:
    """The names of the fields (keys of ``FIELDS``) that differ between two versions of an entity.

    >>> from screening.model import Schema
    >>> a = Entity("x:1", "x", "1", Schema.PERSON, "SMITH, John", programs=("SDGT",))
    >>> changed_fields(a, Entity("x:1", "x", "1", Schema.PERSON, "SMITH, John", programs=("SDGT", "IRAN")))
    ('programs',)
    """
    if old == new:  # dataclass equality (the snapshot is not compared)
        return ()
    return tuple(f for f, view in FIELDS.items() if view(old) != view(new))


@dataclass(frozen=True, slots=True)
class EntityChange:
    """One entity that was added, removed or changed."""

    entity_id: str
    change: Change
    name: str  # the new name (the old one for a removed entity)
    fields: tuple[str, ...] = ()  # for CHANGED: which fields differ, in FIELDS order
    old: Entity | None = field(default=None, repr=False)
    new: Entity | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class ListDiff:
    """The difference between an ``old`` and a ``new`` publication of one list."""

    source: str
    old_snapshot: ListSnapshot
    new_snapshot: ListSnapshot
    changes: tuple[EntityChange, ...]  # added, then changed, then removed; each in list order
    unchanged: int

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[EntityChange]:
        return iter(self.changes)

    def _ids(self, kind: Change) -> tuple[str, ...]:
        return tuple(c.entity_id for c in self.changes if c.change is kind)

    @property
    def added(self) -> tuple[str, ...]:
        return self._ids(Change.ADDED)

    @property
    def removed(self) -> tuple[str, ...]:
        return self._ids(Change.REMOVED)

    @property
    def changed(self) -> tuple[str, ...]:
        return self._ids(Change.CHANGED)

    def counts(self) -> dict[str, int]:
        """``{"added": n, "removed": n, "changed": n, "unchanged": n}``."""
        c = Counter(ch.change.value for ch in self.changes)
        return {"added": c["added"], "removed": c["removed"], "changed": c["changed"],
                "unchanged": self.unchanged}

    def field_counts(self) -> dict[str, int]:
        """How many changed entities have each field changed (fields in FIELDS order)."""
        c = Counter(f for ch in self.changes for f in ch.fields)
        return {f: c[f] for f in FIELDS if c[f]}

    def fields_of(self, entity_id: str) -> tuple[str, ...]:
        """The changed fields of ``entity_id`` (``()`` when it is not a changed entity)."""
        for ch in self.changes:
            if ch.entity_id == entity_id:
                return ch.fields
        return ()

    @property
    def screen_ids(self) -> frozenset[str]:
        """What a delta screening must look at: the added entities, and the changed ones whose
        change can make a customer match (a field in ``SCREENED_FIELDS``). A new remark or
        listing date alone alerts nobody who was not alerted before."""
        return frozenset(c.entity_id for c in self.changes if c.change is Change.ADDED
                         or (c.change is Change.CHANGED and not SCREENED_FIELDS.isdisjoint(c.fields)))

    def to_frame(self):
        """A pandas DataFrame, one row per added, removed or changed entity.

        Columns: ``entity_id``, ``change`` (added / removed / changed), ``fields`` (the
        changed fields joined by ``", "``; empty for added and removed), ``name``.
        """
        import pandas as pd

        return pd.DataFrame(
            {"entity_id": [c.entity_id for c in self.changes],
             "change": pd.Categorical([c.change.value for c in self.changes],
                                      categories=[k.value for k in Change]),
             "fields": [", ".join(c.fields) for c in self.changes],
             "name": [c.name for c in self.changes]},
            columns=["entity_id", "change", "fields", "name"])

    def summary(self) -> str:
        """A short text table of the counts and of the fields that changed."""
        counts = self.counts()
        rows = [(k, v) for k, v in counts.items()]
        width = max(len(f"{v:,}") for _, v in rows)
        lines = [f"{self.source}: {self.old_snapshot.label} -> {self.new_snapshot.label}",
                 *(f"  {k:<10} {v:>{width},}" for k, v in rows)]
        fields = self.field_counts()
        if fields:
            fw = max(len(f"{v:,}") for v in fields.values())
            lines.append("  changed fields:")
            lines += [f"    {f:<12} {v:>{fw},}" for f, v in fields.items()]
        return "\n".join(lines)

    def entities_to_screen(self, new: EntityList) -> EntityList:
        """The entities of ``new`` (the list this diff was computed to) in :attr:`screen_ids`.

        For delta screening: customers screened against the previous publication need
        screening again only against these. Note that a screener built on this subset
        weighs words by their rarity in the subset, not in the whole list; for scores
        identical to a full screening, screen against the whole new list and keep the
        alerts whose ``entity_id`` is in :attr:`screen_ids`.
        """
        if new.snapshot.content_hash != self.new_snapshot.content_hash or new.source != self.source:
            raise ValueError(f"this diff was computed to {self.new_snapshot.label}, "
                             f"not to {new.snapshot.label}")
        wanted = self.screen_ids
        return EntityList(new.source, new.snapshot, tuple(e for e in new if e.entity_id in wanted),
                          new.issues)


def diff_lists(old: EntityList, new: EntityList) -> ListDiff:
    """Compare two publications of the same list (same ``source``) entity by entity."""
    if old.source != new.source:
        raise ValueError(f"cannot diff two different lists: {old.source!r} and {new.source!r}")
    old_by_id = {e.entity_id: e for e in old}
    new_ids = set()
    added, changed = [], []
    unchanged = 0
    for e in new:
        new_ids.add(e.entity_id)
        before = old_by_id.get(e.entity_id)
        if before is None:
            added.append(EntityChange(e.entity_id, Change.ADDED, e.name, new=e))
            continue
        fields = changed_fields(before, e)
        if fields:
            changed.append(EntityChange(e.entity_id, Change.CHANGED, e.name, fields, old=before, new=e))
        else:
            unchanged += 1
    removed = [EntityChange(e.entity_id, Change.REMOVED, e.name, old=e)
               for e in old if e.entity_id not in new_ids]
    return ListDiff(new.source, old.snapshot, new.snapshot, tuple(added + changed + removed), unchanged)


__all__ = ["FIELDS", "Change", "EntityChange", "ListDiff", "changed_fields", "diff_lists"]
