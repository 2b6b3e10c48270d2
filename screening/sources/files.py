"""Reading publisher files: content hashing for snapshots, and the errors parsers raise."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from screening.model import ListSnapshot


class UnknownSourceError(ValueError):
    """No list source is registered under the given key."""


class ListFormatError(ValueError):
    """A list file cannot be read as the format its source promises.

    The message names the file (and line or record where known), so a user can act on it.
    """


def snapshot_of(source: str, path: Path, files: list[Path], entity_count: int,
                published: dt.date | None = None) -> ListSnapshot:
    """A ListSnapshot whose hash covers the bytes of ``files`` (in the given order)."""
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode())
        digest.update(b"\0")
        digest.update(f.read_bytes())
    return ListSnapshot(source=source, path=str(path), content_hash=digest.hexdigest(),
                        published=published, entity_count=entity_count)


def require_file(folder: Path, name: str) -> Path:
    """``folder/name``, matched case-insensitively (OFAC serves both SDN.CSV and sdn.csv)."""
    if not folder.is_dir():
        raise ListFormatError(f"{folder}: not a folder")
    wanted = name.casefold()
    for f in folder.iterdir():
        if f.name.casefold() == wanted:
            return f
    raise ListFormatError(f"{folder}: no {name} in this folder")


def optional_file(folder: Path, name: str) -> Path | None:
    try:
        return require_file(folder, name)
    except ListFormatError:
        return None
