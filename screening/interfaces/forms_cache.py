"""A file that keeps customers' normalized names between runs: the nightly job normalizes each
name once, not every night.

Normalization (scripts, transliteration, name parts) is about a third of a full screen's time
and most of a delta screen's (:meth:`Screener.screen` with ``only=``), and a customer base
changes little from night to night. With ``forms_cache=PATH`` a screen looks every name up
in this SQLite file first and normalizes only the names it does not hold, then adds them.
Results are the same with or without it: the file stores exactly what
:func:`screening.normalize.name_forms` returned.

The file records a fingerprint of the normalization code and data; when the library's
normalization changes (an upgrade), the stored names no longer count and are normalized
again. Only the process that runs the screen reads and writes the file (batch workers get
the stored forms with their chunk and send new ones back), so no two writers meet.

>>> from screening import Screener
>>> alerts = Screener().screen(customers, forms_cache="customers.forms")  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

from screening.normalize import NormalizedName, TokenClass

_CLASSES = tuple(TokenClass)  # by value: TokenClass(i) is _CLASSES[i]
_FORM_SEP, _PART_SEP = "\x1e", "\x1f"  # normalized tokens hold neither (nor spaces)
# Names per SELECT: within SQLite's limit on bound parameters.
_LOOKUP_BATCH = 900


def _fingerprint() -> str:
    """A hash of every source and data file of :mod:`screening.normalize`."""
    digest = hashlib.sha256()
    root = resources.files("screening.normalize")
    for entry in sorted(_files(root), key=lambda e: e[0]):
        digest.update(entry[0].encode())
        digest.update(entry[1])
    return digest.hexdigest()[:16]


def _files(folder, prefix: str = "") -> Iterable[tuple[str, bytes]]:
    for item in folder.iterdir():
        name = prefix + item.name
        if item.is_dir():
            if item.name != "__pycache__":
                yield from _files(item, name + "/")
        elif item.name.endswith((".py", ".tsv", ".csv", ".json")):
            yield name, item.read_bytes()


FINGERPRINT = _fingerprint()


def encode_forms(forms: tuple[NormalizedName, ...]) -> str:
    """The stored text of a name's forms."""
    return _FORM_SEP.join(" ".join(f.tokens) + _PART_SEP + "".join(str(int(c)) for c in f.classes) for f in forms)


def decode_forms(name: str, text: str) -> tuple[NormalizedName, ...]:
    """The forms of ``name`` from their stored text (:func:`encode_forms`)."""
    if not text:
        return ()
    forms = []
    for part in text.split(_FORM_SEP):
        tokens, classes = part.split(_PART_SEP)
        forms.append(NormalizedName(name, tuple(tokens.split(" ")), _classes(classes)))
    return tuple(forms)


@functools.lru_cache(maxsize=4096)
def _classes(text: str) -> tuple[TokenClass, ...]:
    """Token classes from their stored digits (few distinct strings: "000", "0001" ...)."""
    return tuple(_CLASSES[int(c)] for c in text)


class FormsCacheError(ValueError):
    """The file cannot be used as a forms cache (the message says why)."""


class FormsCache:
    """Normalized customer names kept in an SQLite file (created if missing)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS forms (name TEXT PRIMARY KEY, forms TEXT NOT NULL)")
            stored = self._db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        except (OSError, sqlite3.Error) as exc:
            raise FormsCacheError(f"{self.path}: cannot be used as a forms cache ({exc}); give another path, or "
                                  "delete the file: it only holds what can be computed again") from exc
        #: whether names stored by another version of the normalization were dropped on opening
        self.reset = stored is not None and stored[0] != FINGERPRINT
        if stored is None or self.reset:
            with self._db:
                self._db.execute("DELETE FROM forms")
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (FINGERPRINT,))

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM forms").fetchone()[0]

    def __getstate__(self):
        raise TypeError("a FormsCache stays in the process that opened it (workers get the stored forms with "
                        "their chunk)")

    def lookup(self, names: Iterable[str]) -> dict[str, str]:
        """The stored text of each of ``names`` that the file holds (see :func:`decode_forms`)."""
        wanted = list(dict.fromkeys(n for n in names if isinstance(n, str)))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), _LOOKUP_BATCH):
            part = wanted[start:start + _LOOKUP_BATCH]
            marks = ",".join("?" * len(part))
            found.update(self._db.execute(f"SELECT name, forms FROM forms WHERE name IN ({marks})", part))
        return found

    def add(self, stored: Mapping[str, str]) -> None:
        """Store names' forms (as :func:`encode_forms` writes them)."""
        if stored:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO forms VALUES (?, ?)", stored.items())

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "FormsCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
