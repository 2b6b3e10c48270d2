"""The XML list sources (UN, EU FSF, OFAC advanced XML) refuse unsafe XML and name the file
and line of malformed XML: one set of tests over every source, as they all read through
:mod:`screening.sources.xml_safe`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from screening.sources import load_list
from screening.sources.files import ListFormatError


@dataclass(frozen=True)
class XmlSource:
    key: str  # the registry key for load_list
    file_name: str
    root: str  # the root element's name, for the <!DOCTYPE>
    document: str  # a one-record file; VALUE marks a text or attribute value
    empty: str  # the root element alone
    real_file: str  # below ../shared/lists
    cut: float  # the share of the real file kept when it is cut off

    def write(self, folder: Path, text: str) -> Path:
        file = folder / self.file_name
        file.write_text(text, encoding="utf-8")
        return file


_EU_NS = "http://eu.europa.ec/fpi/fsd/export"
_OFAC_NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"

SOURCES = [
    XmlSource(
        key="un", file_name="consolidated.xml", root="CONSOLIDATED_LIST",
        document=('<CONSOLIDATED_LIST dateGenerated="2024-01-01T00:00:00Z"><ENTITIES><ENTITY>\n'
                  "  <FIRST_NAME>VALUE</FIRST_NAME><REFERENCE_NUMBER>XXe.001</REFERENCE_NUMBER>\n"
                  "</ENTITY></ENTITIES></CONSOLIDATED_LIST>\n"),
        empty="<CONSOLIDATED_LIST/>\n",
        real_file="un/consolidated.xml", cut=1 / 2),
    XmlSource(
        key="eu", file_name="fsf.xml", root="export",
        document=(f'<export xmlns="{_EU_NS}" generationDate="2024-01-01T00:00:00Z"><sanctionEntity logicalId="1">\n'
                  '  <subjectType code="person" /><nameAlias wholeName="VALUE" strong="true" logicalId="1" />\n'
                  "</sanctionEntity></export>\n"),
        empty=f'<export xmlns="{_EU_NS}"/>\n',
        real_file="eu_fsf_2026-08_excerpt/eu_fsf_excerpt.xml", cut=1 / 2),
    XmlSource(
        key="ofac-sdn-xml", file_name="sdn_advanced.xml", root="Sanctions",
        document=(f'<Sanctions xmlns="{_OFAC_NS}"><DistinctParties><DistinctParty FixedRef="1">'
                  "<Comment>VALUE</Comment></DistinctParty></DistinctParties></Sanctions>\n"),
        empty=f'<Sanctions xmlns="{_OFAC_NS}"/>\n',
        real_file="ofac_sdn_advanced_excerpt/sdn_advanced_excerpt.xml", cut=9 / 10),  # cut in the parties
]


@pytest.fixture(params=SOURCES, ids=[s.key for s in SOURCES])
def source(request: pytest.FixtureRequest) -> XmlSource:
    return request.param


def _refused(source: XmlSource, file: Path) -> str:
    with pytest.raises(ListFormatError) as info:
        load_list(source.key, file)
    return str(info.value)


_PROLOGUE = '<?xml version="1.0"?>\n'


def _billion_laughs(root: str) -> str:
    """A <!DOCTYPE> whose &lol9; expands to 10**9 "lol"s."""
    names = ["lol"] + [f"lol{i}" for i in range(1, 10)]
    lines = ['  <!ENTITY lol "lol">'] + [f'  <!ENTITY {name} "{("&" + prev + ";") * 10}">'
                                        for prev, name in zip(names, names[1:])]
    return f"<!DOCTYPE {root} [\n" + "\n".join(lines) + "\n]>\n"


def test_billion_laughs_is_refused(source: XmlSource, tmp_path: Path) -> None:
    doctype = _billion_laughs(source.root)
    file = source.write(tmp_path, _PROLOGUE + doctype + source.document.replace("VALUE", "&lol9;"))
    message = _refused(source, file)
    # refused at its <!DOCTYPE>, before any entity is expanded
    assert message.startswith(f"{file}: unsafe XML: a document type declaration"), message
    assert message.endswith("; refused") and "lollol" not in message


def test_external_entity_is_refused(source: XmlSource, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    doctype = f'<!DOCTYPE {source.root} [ <!ENTITY secret SYSTEM "file://{secret}"> ]>\n'
    file = source.write(tmp_path, _PROLOGUE + doctype + source.document.replace("VALUE", "&secret;"))
    message = _refused(source, file)
    assert message.startswith(f"{file}: unsafe XML: "), message
    assert "TOP SECRET" not in message


def test_external_dtd_is_refused(source: XmlSource, tmp_path: Path) -> None:
    doctype = f'<!DOCTYPE {source.root} SYSTEM "http://example.invalid/x.dtd">\n'
    file = source.write(tmp_path, _PROLOGUE + doctype + source.empty)
    message = _refused(source, file)
    assert message.startswith(f"{file}: unsafe XML: a document type declaration"), message


def test_truncated_real_file_names_file_and_line(source: XmlSource, shared_lists: Path, tmp_path: Path) -> None:
    real = shared_lists / source.real_file
    if not real.is_file():
        pytest.skip(f"{real} not found: the real {source.key} list file is needed to cut it off")
    data = real.read_bytes()
    file = tmp_path / source.file_name
    file.write_bytes(data[: int(len(data) * source.cut)])  # a download cut off part-way
    message = _refused(source, file)
    assert re.fullmatch(re.escape(str(file)) + r" line \d+, column \d+: malformed XML \(.+\)", message), message
