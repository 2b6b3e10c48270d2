"""List sources: parse each publisher's official format into the one entity model.

>>> from screening.sources import load_list
>>> starter = load_list("starter")          # the bundled default
>>> starter.get("ofac-cons:33091").name
'MEGVII TECHNOLOGY LIMITED'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from screening.model import EntityList
from screening.sources import bis_dpl, ofac_csv, starter, un_xml
from screening.sources import uk_fcdo, uk_ofsi
from screening.sources import csl, custom
from screening.sources import eu_fsf, ofac_xml
from screening.sources.files import ListFormatError, UnknownSourceError
from screening.sources.registry import SourceInfo, sources

_LOADERS: dict[str, Callable[[Path], EntityList]] = {
    "ofac-sdn": ofac_csv.load_sdn,
    "ofac-cons": ofac_csv.load_consolidated,
    "starter": starter.load,
    "un": un_xml.load,
    "bis-dpl": bis_dpl.load,
    "uk-ofsi": uk_ofsi.load,
    "uk-fcdo": uk_fcdo.load,
    "csl": csl.load,
    "custom": custom.load,
    "eu": eu_fsf.load,
    "ofac-sdn-xml": ofac_xml.load,
}


def load_list(source: str, path: str | Path | None = None) -> EntityList:
    """Load one list: ``source`` is a registry key (``screening lists show``), ``path`` its file or folder.

    Without ``path``, a source bundled with the library (the starter list) loads its own copy.
    Raises :class:`UnknownSourceError` for a key no loader has, and :class:`ListFormatError`
    with the file and problem when the list cannot be read.
    """
    loader = _LOADERS.get(source)
    if loader is None:
        raise UnknownSourceError(f"unknown list source {source!r}; known: {', '.join(sorted(_LOADERS))}")
    if path is None:
        info = sources().get(source)
        if info is None or info.bundled_path is None:
            raise ListFormatError(f"list source {source!r} needs a path to its files")
        path = info.bundled_path
    path = Path(path)
    if not path.exists():
        raise ListFormatError(f"{path}: no such file or folder (for list source {source!r})")
    return loader(path)


def default_lists() -> list[EntityList]:
    """The lists ``Screener()`` uses when given none: every bundled source marked default."""
    return [load_list(key) for key, info in sources().items() if info.default]


__all__ = ["ListFormatError", "SourceInfo", "UnknownSourceError", "default_lists", "load_list", "sources"]
