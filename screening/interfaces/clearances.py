"""The good-guy list: alerts an analyst has cleared, kept in a SQLite file, suppressed in later runs.

An analyst who has reviewed an alert (customer ``C-1042`` ~ ``ofac-sdn:36``) and found it
a false positive records a *clearance*: the pair, the reason, who and when. Later
screens given the store (``Screener.screen(..., cleared=store)``, ``screening screen
--cleared PATH``) leave that alert out, **but only while the listed entity is unchanged**:
each clearance keeps a hash of the entity's content as it was when cleared
(:func:`entity_content_hash`, over the fields :data:`screening.sources.diff.FIELDS`
compares: names and aliases, schema, programs, countries, birth dates, identifiers,
addresses, listing date, remarks). When the publisher changes the entity (a new alias, a
new identifier, a new program), the hash differs, the clearance no longer applies and
the alert comes back, marked as such, for a new review.

Entities are hashed as the Screener holds them, so clear and screen with the same lists
(and the same ``curated`` setting): the same record from another list (the starter list
instead of OFAC's files) hashes differently, and its alerts come back too.

The store is one SQLite file (standard library ``sqlite3``), by default
``$SCREENING_CLEARANCES``, else ``clearances.sqlite`` in the user data folder
(``$XDG_DATA_HOME/screening``, ``~/.local/share/screening``; on macOS
``~/Library/Application Support/screening``; on Windows ``%APPDATA%\\screening``).
One clearance per (customer key, entity id): clearing a pair again replaces it.

>>> import tempfile, os
>>> from screening.model import Entity, Schema
>>> store = ClearanceStore(os.path.join(tempfile.mkdtemp(), "cleared.sqlite"))
>>> megvii = Entity("ofac-cons:33091", "ofac-cons", "33091", Schema.ORGANIZATION, "MEGVII TECHNOLOGY LIMITED")
>>> c = store.clear("C-1042", megvii, reason="customer is Megvy Bakery GmbH, Vienna", analyst="jdoe")
>>> store.status("C-1042", megvii).suppressed
True
>>> from dataclasses import replace
>>> store.status("C-1042", replace(megvii, programs=("CMIC-EO13959",))).expired
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import numpy as np
import pandas as pd

from screening.model import Entity
from screening.sources.diff import FIELDS

ENV_CLEARANCES = "SCREENING_CLEARANCES"
_SCHEMA_VERSION = 1


class ClearanceError(ValueError):
    """A clearance cannot be recorded or the store cannot be read (the message says why)."""


def default_path() -> Path:
    """Where the store is kept unless a path is given (see the module doc)."""
    explicit = os.environ.get(ENV_CLEARANCES, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA", "").strip()
        base = Path(appdata) if appdata else Path.home() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "").strip()
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "screening" / "clearances.sqlite"


# --- the entity's content hash -----------------------------------------------------------------------

def _canonical(value: object) -> object:
    """A JSON-able form of a FIELDS view that does not depend on set or dict order."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [[f.name, _canonical(getattr(value, f.name))] for f in dataclasses.fields(value) if f.compare]
    if isinstance(value, (set, frozenset)):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, (tuple, list)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot hash a {type(value).__name__} field value")


def entity_content_hash(entity: Entity) -> str:
    """SHA-256 (hex) of the entity's screening-relevant content: equal for two versions of an entity
    exactly when :func:`screening.sources.diff.changed_fields` finds no difference."""
    payload = [[name, _canonical(view(entity))] for name, view in FIELDS.items()]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- clearances ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Clearance:
    """One cleared (customer, listed entity) pair."""

    customer_key: str
    entity_id: str
    entity_hash: str  # the entity's content hash when it was cleared
    listed_name: str  # for people reading the store; not compared
    reason: str
    analyst: str
    cleared_on: dt.date
    recorded_at: str  # UTC timestamp of the write, ISO 8601


@dataclass(frozen=True, slots=True)
class ClearanceStatus:
    """What a stored clearance means for one alert now."""

    clearance: Clearance | None
    suppressed: bool  # cleared, and the entity is unchanged since

    @property
    def expired(self) -> bool:
        """Cleared once, but the listed entity has changed since: the alert is back."""
        return self.clearance is not None and not self.suppressed

    @property
    def note(self) -> str:
        c = self.clearance
        if c is None:
            return ""
        who = f"cleared by {c.analyst} on {c.cleared_on.isoformat()}: {c.reason}"
        return who if self.suppressed else f"clearance expired, the listed entity changed since it was {who}"


_COLUMNS = ("customer_key", "entity_id", "entity_hash", "listed_name", "reason", "analyst", "cleared_on",
            "recorded_at")


class ClearanceStore:
    """Cleared alerts in a SQLite file (created on first use, with its folder)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as db, db:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > _SCHEMA_VERSION:
                    raise ClearanceError(f"{self.path}: written by a newer version of the library "
                                         f"(store format {version}, this one reads {_SCHEMA_VERSION})")
                db.execute("""CREATE TABLE IF NOT EXISTS clearances (
                    customer_key TEXT NOT NULL,
                    entity_id TEXT NOT NULL,
                    entity_hash TEXT NOT NULL,
                    listed_name TEXT NOT NULL DEFAULT '',
                    reason TEXT NOT NULL,
                    analyst TEXT NOT NULL,
                    cleared_on TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    PRIMARY KEY (customer_key, entity_id))""")
                db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        except (sqlite3.Error, OSError) as exc:
            raise ClearanceError(f"{self.path}: cannot open the clearance store ({exc})") from exc

    def __repr__(self) -> str:
        return f"ClearanceStore({str(self.path)!r})"

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def clear(self, customer_key: object, entity: Entity, reason: str, analyst: str,
              cleared_on: dt.date | str | None = None) -> Clearance:
        """Record that the alert ``customer_key`` ~ ``entity`` is cleared (replacing an earlier clearance
        of the pair). ``reason`` and ``analyst`` are required; ``cleared_on`` defaults to today."""
        key = _key(customer_key)
        if not key:
            raise ClearanceError("a clearance needs a customer key")
        if not isinstance(entity, Entity):
            raise ClearanceError(f"a clearance needs the listed Entity (to hash its content), not {entity!r}")
        reason, analyst = (reason or "").strip(), (analyst or "").strip()
        if not reason or not analyst:
            raise ClearanceError("a clearance needs a reason and the analyst who cleared it")
        if cleared_on is None:
            cleared_on = dt.date.today()
        elif isinstance(cleared_on, str):
            try:
                cleared_on = dt.date.fromisoformat(cleared_on)
            except ValueError as exc:
                raise ClearanceError(f"date {cleared_on!r} is not YYYY-MM-DD") from exc
        clearance = Clearance(key, entity.entity_id, entity_content_hash(entity), entity.name, reason, analyst,
                              cleared_on, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        row = dataclasses.astuple(clearance)[:6] + (cleared_on.isoformat(), clearance.recorded_at)
        self._write(f"INSERT OR REPLACE INTO clearances ({', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    row)
        return clearance

    def revoke(self, customer_key: object, entity_id: str) -> bool:
        """Delete the clearance of a pair; False when there was none."""
        return self._write("DELETE FROM clearances WHERE customer_key = ? AND entity_id = ?",
                           (_key(customer_key), entity_id)) > 0

    def _write(self, sql: str, params: tuple) -> int:
        try:
            with closing(self._connect()) as db, db:
                return db.execute(sql, params).rowcount
        except sqlite3.Error as exc:
            raise ClearanceError(f"{self.path}: cannot write ({exc})") from exc

    def list(self, customer_key: object | None = None, entity_id: str | None = None) -> list[Clearance]:
        """The clearances (of one customer and/or one entity), by customer key then entity id."""
        where, params = [], []
        if customer_key is not None:
            where.append("customer_key = ?")
            params.append(_key(customer_key))
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(entity_id)
        sql = (f"SELECT {', '.join(_COLUMNS)} FROM clearances" + (f" WHERE {' AND '.join(where)}" if where else "")
               + " ORDER BY customer_key, entity_id")
        try:
            with closing(self._connect()) as db:
                rows = db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise ClearanceError(f"{self.path}: cannot read ({exc})") from exc
        return [Clearance(*r[:6], dt.date.fromisoformat(r[6]), r[7]) for r in rows]

    def __iter__(self) -> Iterator[Clearance]:
        return iter(self.list())

    def __len__(self) -> int:
        return len(self.list())

    def get(self, customer_key: object, entity_id: str) -> Clearance | None:
        found = self.list(customer_key, entity_id)
        return found[0] if found else None

    def status(self, customer_key: object, entity: Entity) -> ClearanceStatus:
        """Whether the alert ``customer_key`` ~ ``entity`` is cleared now."""
        c = self.get(customer_key, entity.entity_id)
        return ClearanceStatus(c, c is not None and c.entity_hash == entity_content_hash(entity))

    def to_frame(self, customer_key: object | None = None, entity_id: str | None = None) -> pd.DataFrame:
        """The clearances (filtered as in :meth:`list`) as a DataFrame, one row each."""
        return pd.DataFrame([dataclasses.asdict(c) for c in self.list(customer_key, entity_id)], columns=list(_COLUMNS))

    def snapshot(self) -> dict[tuple[str, str], Clearance]:
        """Every clearance by (customer key, entity id): read once per screening run."""
        return {(c.customer_key, c.entity_id): c for c in self.list()}


def _key(customer_key: object) -> str:
    """Customer keys are compared as text: the ``row`` label of a result, as ``str()`` writes it."""
    return "" if customer_key is None else str(customer_key).strip()


def apply_clearances(frame: pd.DataFrame, clearances: Mapping[tuple[str, str], Clearance],
                     entity_hash: Callable[[str], str | None], show_suppressed: bool = False) -> pd.DataFrame:
    """Leave out (or, with ``show_suppressed``, mark) the result rows a current clearance covers.

    Adds a ``clearance`` column (the clearance's note: who cleared it, when and why, or that it
    expired because the entity changed; empty when the pair was never cleared) and, with
    ``show_suppressed``, a boolean ``suppressed`` column. ``attrs["counts"]["suppressed"]`` counts
    the covered rows either way.
    """
    counts = dict(frame.attrs.get("counts", {}))
    notes = [""] * len(frame)
    suppressed = np.zeros(len(frame), dtype=bool)
    if len(frame) and clearances:
        for i, (row, entity_id) in enumerate(zip(frame["row"].tolist(), frame["entity_id"].tolist())):
            c = clearances.get((_key(row), entity_id))
            if c is not None:
                status = ClearanceStatus(c, c.entity_hash == entity_hash(entity_id))
                suppressed[i], notes[i] = status.suppressed, status.note
    out = frame.assign(clearance=pd.Series(notes, index=frame.index))
    if show_suppressed:
        out = out.assign(suppressed=suppressed)
    else:
        out = out[~suppressed].reset_index(drop=True)
    counts["suppressed"] = int(suppressed.sum())
    out.attrs = {**frame.attrs, "counts": counts}  # other attrs (e.g. rejects) pass through unchanged
    return out


__all__ = ["Clearance", "ClearanceError", "ClearanceStatus", "ClearanceStore", "ENV_CLEARANCES",
           "apply_clearances", "default_path", "entity_content_hash"]
