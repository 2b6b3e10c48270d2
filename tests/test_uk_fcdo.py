"""FCDO UK Sanctions List (summary export) loader, on the real November 2025 ODS and on small
ODS files built here, both as python-calamine reads them and as FCDO writes them (which
python-calamine cannot read, so the built-in OpenDocument reader takes over).

Counts were measured on ``content.xml`` of the real file with a regular expression,
independently of the loader: 5,668 designation rows, 2 of them with an empty ``Name``
(AFG0043, OFSI Group ID 7550; CTI0060, 16230), so 5,666 entities with one name each
(3,826 Individual, 1,258 Entity, 582 Ship); ``OFSI Group ID`` is filled on 5,100 rows,
5,098 of them named.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from screening.model import EntityList, Identifier, IdType, Schema
from screening.sources import load_list
from screening.sources.files import ListFormatError
from screening.sources.uk_fcdo import COLUMNS, load, read_ods

FOLDER = "uk_fcdo_sanctions_list_2025-11"
FILE = "FCDO_SL_Wed_Nov 19 2025.ods"


@pytest.fixture(scope="module")
def fcdo(shared_lists: Path) -> EntityList:
    return load(shared_lists / FOLDER)  # the folder: the one FCDO_SL_*.ods in it is read


def _entity(entities: EntityList, unique_id: str):
    entity = entities.get(f"uk-fcdo:{unique_id}")
    assert entity is not None, f"{unique_id} missing"
    return entity


# ---------------------------------------------------------------------------------------
# The real file


def test_counts(fcdo: EntityList) -> None:
    assert len(fcdo) == 5_666
    assert sum(len(e.all_names()) for e in fcdo) == 5_666  # the export gives the primary name only
    assert Counter(e.schema for e in fcdo) == {Schema.PERSON: 3_826, Schema.ORGANIZATION: 1_258,
                                               Schema.VESSEL: 582}
    assert sum(1 for e in fcdo if e.identifiers) == 5_098  # OFSI Group ID
    assert Counter(p for e in fcdo for p in e.programs) == {
        "Russia": 2_923, "Syria": 348, "ISIL (Da'esh) and Al-Qaida": 341, "Iran (Nuclear)": 304,
        "Democratic People's Republic of Korea": 261, "Iran": 243, "Belarus": 167, "Global Human Rights": 164,
        "Afghanistan": 139, "Cyber": 85, "Iraq": 76, "Myanmar": 76, "Libya": 67,
        "Democratic Republic of the Congo": 65, "Global Anti-Corruption": 65,
        "Counter-Terrorism (International)": 62, "Venezuela": 51, "Global Irregular Migration": 38,
        "Chemical Weapons": 32, "Central African Republic": 30, "Somalia": 24, "Sudan": 19, "Yemen": 16,
        "Nicaragua": 14, "Guinea-Bissau": 12, "South Sudan": 12, "Haiti": 11, "Counter-Terrorism (Domestic)": 10,
        "Guinea": 5, "Bosnia and Herzegovina": 3, "Mali": 3}
    assert Counter(e.remarks.split(";")[0] for e in fcdo) == {
        "Designation source: UK": 4_629, "Designation source: UN": 951, "Designation source: UK|UN": 86}


def test_ids_snapshot_and_dates(fcdo: EntityList) -> None:
    assert all(re.fullmatch(r"uk-fcdo:[A-Z]{3}\d{4}", e.entity_id) and e.entity_id == f"uk-fcdo:{e.publisher_id}"
               for e in fcdo)
    assert len({e.entity_id for e in fcdo}) == fcdo.snapshot.entity_count == 5_666
    assert fcdo.source == "uk-fcdo" and all(e.snapshot is fcdo.snapshot for e in fcdo)
    assert fcdo.snapshot.published == dt.date(2025, 11, 19)  # from the file name
    assert fcdo.snapshot.label.startswith("uk-fcdo@2025-11-19#")
    assert all(e.listed_on is not None for e in fcdo)
    assert max(e.listed_on for e in fcdo) == dt.date(2025, 11, 19)
    # FCDO pads 5,612 names with spaces and doubles some inside: all tidied
    assert all(e.name == " ".join(e.name.split()) for e in fcdo)


def test_issues_are_the_known_oddities(fcdo: EntityList) -> None:
    assert fcdo.issues == (
        f"{FILE}: python-calamine cannot read this ODS (Cannot detect file format); "
        "read with the built-in OpenDocument reader",
        f"{FILE} row 44 (AFG0043): no Name (OFSI Group ID 7550); skipped",
        f"{FILE} row 781 (CTI0060): no Name (OFSI Group ID 16230); skipped",
    )


# ---------------------------------------------------------------------------------------
# Exact records


def test_person(fcdo: EntityList) -> None:
    e = _entity(fcdo, "RUS0001")
    assert e.schema is Schema.PERSON
    assert e.name == "Kiselyov Dmitry Konstantinovich"
    assert e.aliases == () and e.birth_dates == () and e.countries == () and e.addresses == ()
    assert e.programs == ("Russia",)
    assert e.identifiers == (Identifier(IdType.OTHER, "12944", None, "OFSI Group ID"),)
    assert e.listed_on == dt.date(2020, 12, 31)
    assert e.remarks == ("Designation source: UK; Sanctions imposed: Asset freeze, Director Disqualification "
                         "Sanction, Travel Ban, Trust Services Sanctions")


def test_padded_names(fcdo: EntityList) -> None:
    # published as ' ABDUL ZAHIR Shams  Ur-Rahman   ' and 'HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE     '
    assert _entity(fcdo, "AFG0012").name == "ABDUL ZAHIR Shams Ur-Rahman"
    e = _entity(fcdo, "AFG0001")
    assert e.name == "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE" and e.schema is Schema.ORGANIZATION
    assert e.remarks == "Designation source: UN; Sanctions imposed: Asset freeze"
    assert e.listed_on == dt.date(2012, 6, 29)
    assert _entity(fcdo, "RUS1578").name == "LLC Commercial Bank – International Settlements Bank"


def test_entity_also_on_the_ofsi_list(fcdo: EntityList) -> None:
    # AUTEL ROBOTICS: on OFSI's list as Group ID 16643 with "(UK Sanctions List Ref):RUS2299"
    e = _entity(fcdo, "RUS2299")
    assert (e.name, e.schema, e.programs) == ("AUTEL ROBOTICS CO., LTD.", Schema.ORGANIZATION, ("Russia",))
    assert e.identifiers == (Identifier(IdType.OTHER, "16643", None, "OFSI Group ID"),)
    assert e.listed_on == dt.date(2024, 11, 7)


def test_ships(fcdo: EntityList) -> None:
    petrel = _entity(fcdo, "DPR0075")  # a UN ship outside OFSI's financial list: no Group ID
    assert petrel.schema is Schema.VESSEL and petrel.name == "Petrel 8"
    assert petrel.identifiers == ()
    assert petrel.programs == ("Democratic People's Republic of Korea",)
    assert petrel.listed_on == dt.date(2017, 10, 3)
    assert petrel.remarks == "Designation source: UN; Sanctions imposed: Prohibition of port entry"
    sam_jong = _entity(fcdo, "DPR0100")  # OFSI Group ID 13651, "SAM JONG 2" there
    assert (sam_jong.name, sam_jong.schema) == ("Sam Jong 2", Schema.VESSEL)
    assert sam_jong.identifiers == (Identifier(IdType.OTHER, "13651", None, "OFSI Group ID"),)


def test_uk_and_un_designation(fcdo: EntityList) -> None:
    e = _entity(fcdo, "GUB0009")
    assert e.name == "Injai Antonio" and e.schema is Schema.PERSON
    assert e.remarks.startswith("Designation source: UK|UN; ")


def test_load_list(shared_lists: Path) -> None:
    entities = load_list("uk-fcdo", shared_lists / FOLDER / FILE)  # the file itself
    assert len(entities) == 5_666 and entities.source == "uk-fcdo"


# ---------------------------------------------------------------------------------------
# Hand-built ODS files

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def _cell(value: str) -> str:
    if value == "":
        return "<table:table-cell/>"
    if value.startswith("<"):  # raw cell XML
        return value
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def _ods(file: Path, rows: list[list[str]], as_fcdo_writes_it: bool = False, doctype: str = "") -> Path:
    """An ODS with ``rows``; ``as_fcdo_writes_it``: indented XML, ``mimetype`` compressed and last."""
    sep = "\n        " if as_fcdo_writes_it else ""
    body = sep.join("<table:table-row>" + sep.join(_cell(v) for v in r)
                    + '<table:table-cell table:number-columns-repeated="16376"/></table:table-row>' for r in rows)
    body += sep + ('<table:table-row table:number-rows-repeated="1042902">'
                   '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<office:document-content {_NS} office:version="1.3">'
               f'<office:body><office:spreadsheet><table:table table:name="UK_Sanction_List">{sep}{body}{sep}'
               f"</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_MIMETYPE}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(file, "w") as archive:
        if not as_fcdo_writes_it:
            archive.writestr(zipfile.ZipInfo("mimetype"), _MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        if as_fcdo_writes_it:
            archive.writestr("mimetype", _MIMETYPE, compress_type=zipfile.ZIP_DEFLATED)
    return file


ROWS = [
    list(COLUMNS),
    ["RUS9001", "99001", "DOE  John   ", "Russia", "Individual", "UK", "19-11-2025", "Asset freeze, Travel Ban"],
    ["RUS9002", "", "ACME TRADING CO., LIMITED", "Russia", "Entity", "UK|UN", "01-02-2024", "Asset freeze"],
    ["DPR9003", "", "SEA STAR", "Democratic People's Republic of Korea", "Ship", "UN", "03-10-2017",
     "Prohibition of port entry"],
    ["RUS9001", "99001", "DOE John", "Russia", "Individual", "UK", "19-11-2025", "Asset freeze"],  # repeated id
    ["", "99004", "NO ID", "Russia", "Individual", "UK", "19-11-2025", "Asset freeze"],
    ["RUS9005", "99005", "", "Russia", "Individual", "UK", "19-11-2025", "Asset freeze"],
    ["RUS9006", "", "ODD ROW", "Russia", "Spaceship", "UK", "31-02-2025", "Asset freeze"],
]


@pytest.mark.parametrize("as_fcdo_writes_it", [False, True], ids=["calamine", "built-in-reader"])
def test_hand_built_ods(tmp_path: Path, as_fcdo_writes_it: bool) -> None:
    name = FILE
    entities = load(_ods(tmp_path / name, ROWS, as_fcdo_writes_it))
    fallback = (f"{name}: python-calamine cannot read this ODS (Cannot detect file format); "
                f"read with the built-in OpenDocument reader",)
    assert entities.issues == (fallback if as_fcdo_writes_it else ()) + (
        f"{name} row 5 (RUS9001): Unique ID repeated (first on row 2); skipped",
        f"{name} row 6: no Unique ID; skipped",
        f"{name} row 7 (RUS9005): no Name (OFSI Group ID 99005); skipped",
        f"{name} row 8 (RUS9006): unknown Type 'Spaceship'; schema unknown",
        f"{name} row 8 (RUS9006): Date Designated '31-02-2025' is not a dd-mm-yyyy date; kept as text",
    )
    assert entities.snapshot.published == dt.date(2025, 11, 19)
    assert [e.entity_id for e in entities] == ["uk-fcdo:RUS9001", "uk-fcdo:RUS9002", "uk-fcdo:DPR9003",
                                               "uk-fcdo:RUS9006"]
    person, company, ship, odd = entities
    assert (person.name, person.schema, person.listed_on) == ("DOE John", Schema.PERSON, dt.date(2025, 11, 19))
    assert person.identifiers == (Identifier(IdType.OTHER, "99001", None, "OFSI Group ID"),)
    assert person.remarks == "Designation source: UK; Sanctions imposed: Asset freeze, Travel Ban"
    assert (company.schema, company.identifiers) == (Schema.ORGANIZATION, ())
    assert ship.schema is Schema.VESSEL and ship.programs == ("Democratic People's Republic of Korea",)
    assert odd.schema is Schema.UNKNOWN and odd.listed_on is None
    assert odd.remarks.endswith("; Date Designated: 31-02-2025")


def test_both_readers_agree(tmp_path: Path) -> None:
    compact = load(_ods(_mkdir(tmp_path / "a") / FILE, ROWS))
    indented = load(_ods(_mkdir(tmp_path / "b") / FILE, ROWS, as_fcdo_writes_it=True))
    assert compact.entities == indented.entities


def _mkdir(folder: Path) -> Path:
    folder.mkdir()
    return folder


def test_read_ods_cells(tmp_path: Path) -> None:
    rows = [
        ["a", "<table:table-cell office:value-type=\"string\"><text:p>two<text:s text:c=\"3\"/>spaces"
              "<text:tab/>tab</text:p><text:p>line  two</text:p></table:table-cell>"],
        ['<table:table-cell office:value-type="float" office:value="12703"><text:p>12,703</text:p>'
         '</table:table-cell>', '<table:table-cell office:value-type="date" office:date-value="2025-11-19">'
                                '<text:p>19/11/25</text:p></table:table-cell>'],
        ['<table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>x</text:p>'
         '</table:table-cell>', "", "y"],
    ]
    file = _ods(tmp_path / "t.ods", rows, as_fcdo_writes_it=True)
    assert read_ods(file) == [
        (1, ["a", "two   spaces\ttab\nline two"]),
        (2, ["12703", "2025-11-19"]),
        (3, ["x", "x", "", "y"]),
    ]


# ---------------------------------------------------------------------------------------
# Errors


def test_full_list_is_refused(tmp_path: Path) -> None:
    for name in ("UK-Sanctions-List.csv", "UK-Sanctions-List.xml", "UK-Sanctions-List.ods"):
        file = tmp_path / name
        file.write_text("x", encoding="utf-8")
        with pytest.raises(ListFormatError, match="full UK Sanctions List .* not supported"):
            load(file)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match=r"no FCDO_SL_\*\.ods"):
        load(tmp_path)
    with pytest.raises(ListFormatError, match="FCDO_SL_Wed_Nov 19 2025.ods: no such file"):
        load(tmp_path / FILE)


def test_two_exports_in_one_folder(tmp_path: Path) -> None:
    _ods(tmp_path / "FCDO_SL_Wed_Nov 19 2025.ods", ROWS[:2])
    _ods(tmp_path / "FCDO_SL_Thu_Nov 20 2025.ods", ROWS[:2])
    with pytest.raises(ListFormatError, match="2 FCDO summary exports in this folder"):
        load(tmp_path)
    entities = load(tmp_path / "FCDO_SL_Thu_Nov 20 2025.ods")
    assert entities.snapshot.published == dt.date(2025, 11, 20) and len(entities) == 1


def test_undated_file_name(tmp_path: Path) -> None:
    entities = load(_ods(tmp_path / "uk_sanctions.ods", ROWS[:2]))
    assert entities.snapshot.published is None
    assert entities.issues == ("uk_sanctions.ods: the file name does not carry FCDO's date "
                               "(FCDO_SL_<Day>_<Mon DD YYYY>.ods); publication date unknown",)


def test_not_the_summary_export(tmp_path: Path) -> None:
    file = _ods(tmp_path / FILE, [["Unique ID", "Name"], ["RUS0001", "X"]])
    with pytest.raises(ListFormatError, match="the header row lacks OFSI Group ID, Regime Name"):
        load(file)
    file = _ods(tmp_path / FILE, [["name", "country"], ["ACME", "CN"]], as_fcdo_writes_it=True)
    with pytest.raises(ListFormatError, match="not the UK Sanctions List summary export"):
        load(file)
    file = _ods(tmp_path / FILE, ROWS[:1])
    with pytest.raises(ListFormatError, match="no UK Sanctions List row"):
        load(file)
    file.write_bytes(b"not a spreadsheet")
    with pytest.raises(ListFormatError, match="cannot read as a spreadsheet"):
        load(file)


def test_unsafe_xml_is_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    file = _ods(tmp_path / FILE, ROWS[:2], as_fcdo_writes_it=True, doctype=doctype)
    with pytest.raises(ListFormatError, match="unsafe XML"):
        load(file)
