"""FCDO UK Sanctions List loader.

The summary export: on the real November 2025 ODS and on small ODS files built here, both
as python-calamine reads them and as FCDO writes them (which python-calamine cannot read,
so the built-in OpenDocument reader takes over).

The full list (XML and CSV): on hand-made files in the documented layouts,
``tests/data/uk_fcdo_full/UK-Sanctions-List.xml`` and ``.csv`` (the same four invented
designations in both: an individual with aliases, a non-Latin name, a ``00/00/yyyy`` date of
birth and a passport; an entity; a ship; an individual with ``dd/mm/yyyy`` placeholders), no
real full-list file being available; and through ``screening lists update`` from a local
HTTP server.

Counts were measured on ``content.xml`` of the real file with a regular expression,
independently of the loader: 5,668 designation rows, 2 of them with an empty ``Name``
(AFG0043, OFSI Group ID 7550; CTI0060, 16230), so 5,666 entities with one name each
(3,826 Individual, 1,258 Entity, 582 Ship); ``OFSI Group ID`` is filled on 5,100 rows,
5,098 of them named.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from screening.model import (
    Address, DateOfBirth, EntityList, Identifier, IdType, Name, NameKind, NameQuality, Schema,
)
from screening.sources import load_list, snapshots
from screening.sources.files import ListFormatError
from screening.sources.registry import sources
from screening.sources.uk_fcdo import COLUMNS, load, read_ods
from cli_helpers import run

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


def test_not_a_list_file(tmp_path: Path) -> None:
    for name in ("UK-Sanctions-List.csv", "UK-Sanctions-List.ods", "notes.txt"):
        file = tmp_path / name
        file.write_text("x", encoding="utf-8")  # read as CSV by its content: no header in it
        with pytest.raises(ListFormatError, match="not the UK Sanctions List .*no header row"):
            load(file)
        file.unlink()


def test_missing_file(tmp_path: Path) -> None:
    (tmp_path / "snapshot.json").write_text("{}", encoding="utf-8")  # not a candidate
    with pytest.raises(ListFormatError, match=r"no UK Sanctions List file in this folder .*FCDO_SL_\*\.ods"):
        load(tmp_path)
    with pytest.raises(ListFormatError, match="FCDO_SL_Wed_Nov 19 2025.ods: no such file"):
        load(tmp_path / FILE)


def test_two_exports_in_one_folder(tmp_path: Path) -> None:
    _ods(tmp_path / "FCDO_SL_Wed_Nov 19 2025.ods", ROWS[:2])
    _ods(tmp_path / "FCDO_SL_Thu_Nov 20 2025.ods", ROWS[:2])
    with pytest.raises(ListFormatError, match="2 UK Sanctions List spreadsheets in this folder"):
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
    with pytest.raises(ListFormatError, match="not the UK Sanctions List .neither the full list nor"):
        load(file)
    file = _ods(tmp_path / FILE, ROWS[:1])
    with pytest.raises(ListFormatError, match="no UK Sanctions List row"):
        load(file)
    file.write_bytes(b"PK\x03\x04 a damaged zip archive")  # a spreadsheet by content, not readable
    with pytest.raises(ListFormatError, match="cannot read as a spreadsheet"):
        load(file)


def test_unsafe_xml_is_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    file = _ods(tmp_path / FILE, ROWS[:2], as_fcdo_writes_it=True, doctype=doctype)
    with pytest.raises(ListFormatError, match="unsafe XML"):
        load(file)


# ---------------------------------------------------------------------------------------
# The full list: XML and CSV

FULL = Path(__file__).parent / "data" / "uk_fcdo_full"
XML, CSV = FULL / "UK-Sanctions-List.xml", FULL / "UK-Sanctions-List.csv"
RUSSIA = "The Russia (Sanctions) (EU Exit) Regulations 2019"


@pytest.fixture(scope="module")
def full_xml() -> EntityList:
    return load_list("uk-fcdo", XML)


def test_full_xml_counts(full_xml: EntityList) -> None:
    assert full_xml.issues == ()
    assert [e.entity_id for e in full_xml] == ["uk-fcdo:RUS9901", "uk-fcdo:RUS9902", "uk-fcdo:DPR9903",
                                               "uk-fcdo:AFG9904"]
    assert Counter(e.schema for e in full_xml) == {Schema.PERSON: 2, Schema.ORGANIZATION: 1, Schema.VESSEL: 1}
    assert sum(len(e.all_names()) for e in full_xml) == 5 + 4 + 2 + 2
    assert full_xml.snapshot.published == dt.date(2026, 9, 7)  # <DateGenerated>07/09/2026</DateGenerated>
    assert full_xml.snapshot.entity_count == 4 and full_xml.snapshot.label.startswith("uk-fcdo@2026-09-07#")


def test_full_individual(full_xml: EntityList) -> None:
    e = _entity(full_xml, "RUS9901")
    assert (e.schema, e.name, e.publisher_id) == (Schema.PERSON, "Ivan Petrovich SIDOROV", "RUS9901")
    assert e.aliases == (
        Name("Ivan Petrovich SIDOROFF", NameKind.AKA, NameQuality.STRONG, None, "Primary name variation"),
        Name("VANYA", NameKind.AKA, NameQuality.WEAK, None, "Alias, Low quality a.k.a"),
        Name("Ioann SIDOROV-PETROV", NameKind.AKA, NameQuality.STRONG, None, "ALias, Good quality a.k.a"),
        Name("Иван Петрович СИДОРОВ", NameKind.AKA, NameQuality.STRONG, "Cyrl",
             "non-Latin script (Cyrillic, Russian)"),
    )
    assert e.birth_dates == (DateOfBirth(dt.date(1961, 3, 12), dt.date(1961, 3, 12), text="12/03/1961"),
                             DateOfBirth(dt.date(1960, 1, 1), dt.date(1960, 12, 31), text="00/00/1960"))
    assert e.identifiers == (Identifier(IdType.OTHER, "99901", None, "OFSI Group ID"),
                             Identifier(IdType.PASSPORT, "750123456", None, "Passport number"),
                             Identifier(IdType.NATIONAL_ID, "770123456789", None, "National Identifier number"))
    assert e.countries == ("RU",) and e.programs == (RUSSIA,)
    assert e.addresses == (Address("Tverskaya 1", "Moscow, 125009", "RU", "Russia"),)
    assert e.listed_on == dt.date(2022, 3, 15)
    assert e.remarks == (
        "Designation source: UK; Sanctions imposed: Asset freeze, Travel Ban; Title: Mr; "
        "Position: Director, ACME DEFENCE TRADING; Gender: Male; Place of birth: Tula, Russia; "
        "Passport details: Russia, expires 01/01/2030; National identifier details: INN; Last updated: 01/04/2024; "
        "Other information: Invented person for tests.; "
        "UK Statement of Reasons: Director of ACME DEFENCE TRADING CO., LTD.")


def test_full_entity_and_ship(full_xml: EntityList) -> None:
    acme = _entity(full_xml, "RUS9902")
    assert (acme.schema, acme.name) == (Schema.ORGANIZATION, "ACME DEFENCE TRADING CO., LTD.")
    assert [(a.value, a.quality, a.script) for a in acme.aliases] == [
        ("Acme Defence Trading Company Limited", NameQuality.STRONG, None),
        ("ACME DT", NameQuality.STRONG, None),  # no AliasStrength: strong
        ("阿克米国防贸易有限公司", NameQuality.STRONG, "Hani")]
    assert acme.countries == ("HK", "CN")
    assert acme.addresses == (Address("Unit 1, 1 Test Road, Kwun Tong", "Hong Kong", "HK", "Hong Kong"),
                              Address("", "Shenzhen", "CN", "China"))
    assert acme.identifiers == (Identifier(IdType.OTHER, "99902", None, "OFSI Group ID"),
                                Identifier(IdType.REGISTRATION, "12345678", None, "Business registration number"))
    assert acme.birth_dates == () and acme.listed_on == dt.date(2024, 2, 1)
    assert acme.remarks == ("Designation source: UK; Sanctions imposed: Asset freeze, Trust Services Sanctions; "
                            "Type of entity: Limited company; Parent company: ACME HOLDINGS; Last updated: 02/02/2024; "
                            "UK Statement of Reasons: Supplies electronic components to the Russian military.")

    ship = _entity(full_xml, "DPR9903")
    assert (ship.schema, ship.name, [a.value for a in ship.aliases]) == (Schema.VESSEL, "SEA STAR", ["SEA STAR 1"])
    assert ship.identifiers == (Identifier(IdType.OTHER, "KPe.099", None, "UN Reference Number"),
                                Identifier(IdType.IMO, "9123456", None, "IMO number"))  # published IMO9123456
    assert ship.countries == ("PA",)  # the flag
    assert ship.programs == ("The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019",)
    assert ship.listed_on == dt.date(2017, 10, 3)
    assert ship.remarks == ("Designation source: UN; Sanctions imposed: Prohibition of port entry, Specification; "
                            "Type of ship: Oil tanker; Flag of ship: Panama; Last updated: 10/10/2023")


def test_full_placeholder_dates(full_xml: EntityList) -> None:
    e = _entity(full_xml, "AFG9904")
    assert (e.name, e.countries) == ("ABDUL BASIR", ("AF",))
    assert e.aliases == (Name("عبد البصير", NameKind.AKA, NameQuality.STRONG, "Arab", "non-Latin script"),)
    assert e.birth_dates == (DateOfBirth(dt.date(1962, 1, 1), dt.date(1962, 12, 31), text="dd/mm/1962"),
                             DateOfBirth(dt.date(1963, 7, 1), dt.date(1963, 7, 31), text="dd/07/1963"))
    assert e.identifiers == (Identifier(IdType.OTHER, "99904", None, "OFSI Group ID"),
                             Identifier(IdType.OTHER, "TAi.999", None, "UN Reference Number"))


def test_full_csv_reads_as_the_xml(full_xml: EntityList) -> None:
    """One row per name and combination of the other repeated fields (RUS9901: 4 names x 2 dates of
    birth = 8 rows), grouped by Unique ID: the same entities as the XML."""
    from_csv = load_list("uk-fcdo", CSV)
    assert from_csv.issues == ()
    assert from_csv.snapshot.published == dt.date(2026, 9, 7)  # "Report Date: 07-Sep-2026"
    assert from_csv.entities == full_xml.entities
    assert from_csv.snapshot.content_hash != full_xml.snapshot.content_hash


def test_full_folder_reads_the_xml(full_xml: EntityList) -> None:
    lst = load(FULL)
    assert lst.entities == full_xml.entities and lst.snapshot.path == str(FULL)
    assert lst.issues == ("uk_fcdo_full: UK-Sanctions-List.xml read; also in this folder, not read: "
                          "UK-Sanctions-List.csv",)


def test_form_told_by_content(tmp_path: Path, full_xml: EntityList) -> None:
    (tmp_path / "download").write_bytes(XML.read_bytes())  # no suffix: the content says XML
    assert load(tmp_path / "download").entities == full_xml.entities
    (tmp_path / "list.xml").write_bytes(CSV.read_bytes())  # CSV content under an .xml name
    assert load(tmp_path / "list.xml").entities == full_xml.entities
    summary = _ods(tmp_path / "export.csv", ROWS[:3])  # the summary export under a .csv name
    assert [e.entity_id for e in load(summary)] == ["uk-fcdo:RUS9001", "uk-fcdo:RUS9002"]


_HEADER_LINE = CSV.read_text(encoding="utf-8").splitlines()[1]


def test_full_csv_malformed_rows(tmp_path: Path, full_xml: EntityList) -> None:
    lines = CSV.read_text(encoding="utf-8").splitlines()
    good = lines[2]  # RUS9901, the primary name
    fields = good.split(",")
    bad = [
        ",".join(fields[:20]),                     # line 3: cut short
        ",".join(["01/01/2024", ""] + fields[2:]),  # line 4: no Unique ID
        good.replace("SIDOROV,Ivan,Petrovich", ",,", 1),  # line 5: no name
        good + ',"x"',                              # line 6: a field too many, not empty
        good + ",,",                                # line 7: trailing empty fields: read
    ]
    file = tmp_path / "UK-Sanctions-List.csv"
    file.write_text("\n".join(lines[:2] + bad + lines[2:]) + "\n", encoding="utf-8")
    lst = load(file)
    assert lst.issues == (
        f"{file.name} line 3: expected 58 comma-separated fields, got 20; skipped",
        f"{file.name} line 4: no Unique ID; skipped",
        f"{file.name} line 5 (RUS9901): no name in Name 1 .. Name 6; skipped",
        f"{file.name} line 6: expected 58 comma-separated fields, got 59; skipped",
    )
    assert lst.entities == full_xml.entities  # every good row still read


def test_full_csv_older_header(tmp_path: Path) -> None:
    """The 2022-2025 type column "Individual, Entity, Ship", no Report Date line, any case."""
    lines = CSV.read_text(encoding="utf-8").splitlines()
    header = lines[1].replace("Designation Type", '"Individual, Entity, Ship"').replace("Name type", "NAME TYPE")
    file = tmp_path / "UK_Sanctions_List.csv"
    file.write_text("\n".join([header] + lines[2:]) + "\n", encoding="utf-8")
    lst = load(file)
    assert len(lst) == 4 and lst.get("uk-fcdo:DPR9903").schema is Schema.VESSEL
    assert lst.snapshot.published is None
    assert lst.issues == (f"{file.name}: no 'Report Date' title line; publication date unknown",)
    file.write_text("\n".join([header.replace("Unique ID,", "UID,")] + lines[2:]), encoding="utf-8")
    with pytest.raises(ListFormatError, match="not the UK Sanctions List .*no header row naming 'Unique ID'"):
        load(file)
    file.write_text("\n".join([header.replace("NAME TYPE,", "Kind,")] + lines[2:]), encoding="utf-8")
    with pytest.raises(ListFormatError, match="not the full UK Sanctions List: the header row lacks Name type"):
        load(file)


def _designations(*bodies: str, generated: str = "<DateGenerated>01/10/2026</DateGenerated>") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<Designations>\n' + generated + "\n"
            + "".join(f"<Designation>\n{b}\n</Designation>\n" for b in bodies) + "</Designations>\n")


def _names(*names: str) -> str:
    return "<Names>" + "".join(f"<Name><Name6>{n}</Name6><NameType>Primary Name</NameType></Name>" for n in names) \
        + "</Names>"


def test_full_xml_malformed_designations(tmp_path: Path) -> None:
    file = tmp_path / "UK-Sanctions-List.xml"
    file.write_text(_designations(
        f"<UniqueID>RUS1</UniqueID>{_names('GOOD ONE')}<IndividualEntityShip>Entity</IndividualEntityShip>",  # line 4
        f"{_names('NO ID')}<IndividualEntityShip>Entity</IndividualEntityShip>",                           # line 7
        "<UniqueID>RUS3</UniqueID><Names/><IndividualEntityShip>Entity</IndividualEntityShip>",          # line 10
        f"<UniqueID>RUS1</UniqueID>{_names('REPEATED')}<IndividualEntityShip>Entity</IndividualEntityShip>",  # 13
        "<UniqueID>RUS5</UniqueID><Names><Name><Name6>ODD</Name6><NameType>Nickname</NameType>"
        "<AliasStrength>Medium</AliasStrength></Name></Names><IndividualEntityShip>Aircraft</IndividualEntityShip>"
        "<DateDesignated>31/02/2020</DateDesignated><Addresses><Address><AddressCountry>Atlantis</AddressCountry>"
        "</Address></Addresses><IndividualDetails><Individual><DOBs><DOB>15/08/19yy</DOB></DOBs></Individual>"
        "</IndividualDetails>",                                                                          # line 16
    ), encoding="utf-8")
    lst = load(file)
    assert [e.entity_id for e in lst] == ["uk-fcdo:RUS1", "uk-fcdo:RUS5"]
    name = file.name
    assert lst.issues == (
        f"{name} line 7: no UniqueID; skipped",
        f"{name} line 10 (RUS3): no name; skipped",
        f"{name} line 13 (RUS1): UniqueID repeated (first at {name} line 4); skipped",
        f"{name} line 16 (RUS5): unknown Name type 'Nickname'; read as an alias",
        f"{name} line 16 (RUS5): unknown alias strength 'Medium'; read as strong",
        f"{name} line 16 (RUS5): no 'Primary name'; 'ODD' (Nickname, Medium) taken as the primary name",
        f"{name} line 16 (RUS5): country 'Atlantis' not recognised; kept as text only",
        f"{name} line 16 (RUS5): DOB '15/08/19yy' not read as a date; kept in remarks",
        f"{name} line 16 (RUS5): Date Designated '31/02/2020' is not a dd/mm/yyyy date; kept in remarks",
        f"{name} line 16 (RUS5): unknown type 'Aircraft'; schema unknown",
    )
    odd = lst.get("uk-fcdo:RUS5")
    assert (odd.name, odd.schema, odd.listed_on, odd.birth_dates) == ("ODD", Schema.UNKNOWN, None, ())
    assert odd.remarks == "Date of birth: 15/08/19yy; Date designated: 31/02/2020"
    assert odd.addresses == (Address("", "", None, "Atlantis"),)


def test_full_xml_spelling_variants(tmp_path: Path) -> None:
    """A namespace, other casings, DesignationType for IndividualEntityShip, and a non-Latin name
    not wrapped in <NonLatinName>: read alike."""
    file = tmp_path / "list.xml"
    file.write_text(
        '<Designations xmlns="urn:example"><Designation><UniqueID>CYB1</UniqueID>'
        "<NAMES><Name><Name1>Wei</Name1><Name6>ZHANG</Name6><NameType>PRIMARY NAME</NameType></Name></NAMES>"
        "<NonLatinNames><NameNonLatinScript>张伟</NameNonLatinScript><NonLatinScriptType>Chinese</NonLatinScriptType>"
        "</NonLatinNames><DesignationType>Individual</DesignationType>"
        "<UKStatementOfReasons>Reasons.</UKStatementOfReasons></Designation></Designations>", encoding="utf-8")
    lst = load(file)
    e = lst.get("uk-fcdo:CYB1")
    assert (e.name, e.schema, e.remarks) == ("Wei ZHANG", Schema.PERSON, "UK Statement of Reasons: Reasons.")
    assert e.aliases == (Name("张伟", NameKind.AKA, NameQuality.STRONG, "Hani", "non-Latin script (Chinese)"),)
    assert lst.issues == ("list.xml: no DateGenerated; publication date unknown",)


def test_full_xml_refused(tmp_path: Path) -> None:
    file = tmp_path / "UK-Sanctions-List.xml"
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE Designations [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n')
    file.write_text(bomb + _designations(f"<UniqueID>X1</UniqueID>{_names('&lol2;')}").split("\n", 1)[1],
                    encoding="utf-8")
    with pytest.raises(ListFormatError, match=r"UK-Sanctions-List.xml: unsafe XML: .*refused"):
        load(file)
    external = '<?xml version="1.0"?>\n<!DOCTYPE Designations [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    file.write_text(external + "<Designations><Designation><UniqueID>&x;</UniqueID></Designation></Designations>",
                    encoding="utf-8")
    with pytest.raises(ListFormatError, match="unsafe XML"):
        load(file)
    file.write_text(_designations(f"<UniqueID>X1</UniqueID>{_names('CUT')}")[:-40], encoding="utf-8")
    with pytest.raises(ListFormatError, match=r"UK-Sanctions-List.xml line \d+, column \d+: malformed XML"):
        load(file)
    file.write_text('<CONSOLIDATED_LIST dateGenerated="2024-01-01"/>', encoding="utf-8")
    with pytest.raises(ListFormatError, match="not the UK Sanctions List XML: the root element is <CONSOLIDATED_LIST>"):
        load(file)
    file.write_text(_designations(), encoding="utf-8")
    with pytest.raises(ListFormatError, match="no UK Sanctions List designation could be read"):
        load(file)


# ---------------------------------------------------------------------------------------
# The registry and `screening lists update uk-fcdo`

FULL_XML_URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"


def test_registry_points_at_the_full_list() -> None:
    assert sources()["uk-fcdo"].urls == (FULL_XML_URL,)
    assert sources()["eu"].urls == ("https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
                                    "content?token=dG9rZW4tMjAxNw",)


def test_lists_update_reads_the_full_xml(http, tmp_path: Path, capsys, monkeypatch, full_xml: EntityList) -> None:
    http.routes["/docs/UK-Sanctions-List.xml"] = http.Route(XML.read_bytes())
    monkeypatch.setitem(sources(), "uk-fcdo", dataclasses.replace(
        sources()["uk-fcdo"], urls=(http.url("/docs/UK-Sanctions-List.xml"),)))
    store = tmp_path / "store"
    code, out, err = run(capsys, "lists", "update", "uk-fcdo", "--store", store, "--quiet")
    assert code == 0, err
    [info] = snapshots.history("uk-fcdo", store)
    assert out.strip() == f"uk-fcdo: new snapshot {info.name} is current (4 entities; no previous snapshot)"
    assert info.name.startswith("2026-09-07_") and info.is_current
    assert sorted(p.name for p in info.path.iterdir()) == ["snapshot.json", "uk-sanctions-list.xml"]
    current = snapshots.load_current("uk-fcdo", store)
    assert current.entities == full_xml.entities and current.issues == ()
    code, out, err = run(capsys, "match", "Ivan Sidorov", "--list", "uk-fcdo", "--store", store)
    assert code == 1, err
    assert "uk-fcdo:RUS9901" in out
