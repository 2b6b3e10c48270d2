"""Reading publishers' XML files safely, for the XML list parsers (UN, EU FSF, OFAC advanced,
and the content of the FCDO's ODS spreadsheet).

Files are parsed with :mod:`defusedxml`, DTDs, entity declarations and external references
forbidden: a list file has no business declaring them, so one that does (entity-expansion
"billion laughs", external entities) is refused before anything is expanded or fetched.
Every failure is a :class:`ListFormatError` naming the file:

* ``<file>: unsafe XML: <reason> (<detail>); refused``;
* ``<file> line L, column C: malformed XML (<expat message>)``;
* ``<file>: cannot read (<OS error>)``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import IO
from contextlib import contextmanager
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from screening.sources.files import ListFormatError

_FORBID = {"forbid_dtd": True, "forbid_entities": True, "forbid_external": True}

_UNSAFE = {
    "DTDForbidden": "a document type declaration (<!DOCTYPE>) is not allowed in a list file",
    "EntitiesForbidden": "entity declarations are not allowed (entity expansion / external entity)",
    "ExternalReferenceForbidden": "external references are not allowed",
    "NotSupportedError": "an XML feature that cannot be parsed safely",
}


def parse(file: Path) -> ET.Element:
    """The root element of ``file``, parsed whole."""
    with _errors(file):
        return SafeET.parse(str(file), **_FORBID).getroot()


def iterparse(file: Path | str, events: tuple[str, ...] = ("start", "end"),
              stream: IO[bytes] | None = None) -> Iterator[tuple[str, ET.Element]]:
    """``(event, element)`` pairs of ``file`` as it streams (see :func:`xml.etree.ElementTree.iterparse`);
    with ``stream``, of that open file instead, ``file`` naming it in messages (``book.ods content.xml``)."""
    with _errors(file):
        yield from SafeET.iterparse(stream if stream is not None else str(file), events=events, **_FORBID)


@contextmanager
def _errors(file: Path | str) -> Iterator[None]:
    """Parser and OS errors as ListFormatError naming ``file``."""
    try:
        yield
    except defusedxml.DefusedXmlException as exc:
        reason = _UNSAFE.get(type(exc).__name__, type(exc).__name__)
        raise ListFormatError(f"{file}: unsafe XML: {reason} ({exc}); refused") from exc
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise ListFormatError(f"{file} line {line}, column {column}: malformed XML ({exc})") from exc
    except OSError as exc:
        raise ListFormatError(f"{file}: cannot read ({exc})") from exc
