"""The registry of list sources (``lists/registry.toml``) and the files shipped beside it."""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What the registry says about one source."""

    key: str
    title: str
    publisher: str
    format: str
    licence: str
    changes: str
    urls: tuple[str, ...] = ()
    default: bool = False
    bundled_path: Path | None = field(default=None)


def bundled_dir() -> Path:
    """The folder holding the bundled lists (``lists/`` in a checkout, ``screening/lists`` when installed)."""
    return Path(str(resources.files("screening.lists")))


@functools.lru_cache(maxsize=1)
def sources() -> dict[str, SourceInfo]:
    """Every registered source by key."""
    data = tomllib.loads((bundled_dir() / "registry.toml").read_text(encoding="utf-8"))
    out = {}
    for key, entry in data.items():
        path = entry.get("path")
        out[key] = SourceInfo(
            key=key, title=entry["title"], publisher=entry["publisher"], format=entry["format"],
            licence=entry["licence"], changes=entry["changes"], urls=tuple(entry.get("urls", ())),
            default=bool(entry.get("default", False)),
            bundled_path=bundled_dir() / path if path else None)
    return out
