"""UK OFSI Consolidated List loader, on the real April 2025 workbook and on small CSV files
written here in OFSI's CSV layout (title line, header, one row per name).

The entity and name counts were measured on ``ConList.xlsx`` with pandas, independently of
the loader: 18,796 name rows, 4,686 distinct ``Group ID`` (``Group Type`` of each group's
first row: 3,662 Individual, 1,009 Entity, 15 Ship); names = distinct case-folded,
whitespace-collapsed ``Name 1 .. Name 5 + Name 6`` per group (12,733) plus distinct
``Name Non-Latin Script`` per group (3,222; none equals a Latin name of its group) = 15,955.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from screening.model import DateOfBirth, EntityList, Identifier, IdType, NameKind, NameQuality, Schema
from screening.sources import load_list
from screening.sources.files import ListFormatError
from screening.sources.uk_ofsi import COLUMNS, load, parse_dob, split_enumeration

FOLDER = "uk_ofsi_conlist_2025-04"


@pytest.fixture(scope="module")
def ofsi(shared_lists: Path) -> EntityList:
    return load(shared_lists / FOLDER)  # the folder: ConList.xlsx is found in it


def _entity(entities: EntityList, group_id: str):
    entity = entities.get(f"uk-ofsi:{group_id}")
    assert entity is not None, f"Group ID {group_id} missing"
    return entity


def _aliases(entity) -> list[tuple]:
    return [(a.value, a.kind, a.quality, a.script) for a in entity.aliases]


# ---------------------------------------------------------------------------------------
# The real file


def test_counts(ofsi: EntityList) -> None:
    assert len(ofsi) == 4_686
    assert Counter(e.schema for e in ofsi) == {Schema.PERSON: 3_662, Schema.ORGANIZATION: 1_009,
                                               Schema.VESSEL: 15}
    assert sum(len(e.all_names()) for e in ofsi) == 15_955
    non_latin = [a for e in ofsi for a in e.aliases if a.provenance.startswith("Name Non-Latin Script")]
    assert len(non_latin) == 3_222
    # 29 Chinese names, one Japanese (カザン火薬工場); 159 "non-Latin" names are Latin letters with diacritics
    assert Counter(a.script for a in non_latin) == {
        "Cyrl": 2_319, "Arab": 682, None: 159, "Hani": 29, "Geor": 12, "Hebr": 8, "Hang": 5, "Ethi": 2,
        "Thai": 2, "Grek": 2, "Jpan": 1, "Mymr": 1}
    # Measured on the loader's output (guards the reading of Alias Type / Alias Quality)
    assert Counter((a.kind, a.quality) for e in ofsi for a in e.aliases) == {
        (NameKind.AKA, NameQuality.STRONG): 10_610, (NameKind.AKA, NameQuality.WEAK): 642,
        (NameKind.FKA, NameQuality.STRONG): 17}


def test_programs(ofsi: EntityList) -> None:
    programs = Counter(p for e in ofsi for p in e.programs)
    assert len(programs) == 31 and programs["Russia"] == 2_181
    assert Counter(len(e.programs) for e in ofsi) == {1: 4_671, 2: 14, 3: 1}


def test_ids_snapshot_and_dates(ofsi: EntityList) -> None:
    assert all(re.fullmatch(r"uk-ofsi:\d+", e.entity_id) and e.entity_id == f"uk-ofsi:{e.publisher_id}"
               for e in ofsi)
    assert len({e.entity_id for e in ofsi}) == ofsi.snapshot.entity_count == 4_686
    assert ofsi.source == "uk-ofsi" and all(e.source == "uk-ofsi" and e.snapshot is ofsi.snapshot for e in ofsi)
    assert ofsi.snapshot.published == dt.date(2025, 4, 10)  # title row "Last Updated | 10/04/2025"
    assert ofsi.snapshot.label.startswith("uk-ofsi@2025-04-10#")
    assert all(e.listed_on is not None for e in ofsi)
    assert max(e.listed_on for e in ofsi) == dt.date(2025, 4, 10)
    # every target but one carries the FCDO id in Other Information
    refs = [i for e in ofsi for i in e.identifiers if i.label == "UK Sanctions List Ref"]
    assert len(refs) == 4_685 and len({i.value for i in refs}) == 4_685


def test_issues_are_the_known_oddities(ofsi: EntityList) -> None:
    assert ofsi.issues == (
        "ConList.xlsx Group ID 16601: no 'Primary name' row; '33RD SCIENTIFIC RESEARCH AND TESTING "
        "INSTITUTE' (Alias Type Primary name variation) taken as the primary name",
        "ConList.xlsx Group ID 16677: country '115088' not recognised; kept as text only",
        "ConList.xlsx Group ID 15881: country 'Moscow' not recognised; kept as text only",
        "ConList.xlsx Group ID 16789: no 'Primary name' row; 'PREMERA (H.K.) INTERNATIONAL CO, LIMITED' "
        "(Alias Type Primary name variation) taken as the primary name",
    )


# ---------------------------------------------------------------------------------------
# Exact records


def test_person_with_year_only_dates_of_birth(ofsi: EntityList) -> None:
    # 4 rows (2 names x DOB 00/00/1970 and 00/00/1967), workbook rows 284, 285, 14644, 14645
    e = _entity(ofsi, "7405")
    assert e.schema is Schema.PERSON
    assert e.name == "ABDUL GHAFAR QURISHI ABDUL GHANI"  # Name 1, Name 2, Name 6; Title "Maulavi" left out
    assert _aliases(e) == [
        ("عبدالغفار قریشی عبد الغنی", NameKind.AKA, NameQuality.STRONG, "Arab"),
        ("Abdul Ghaffar QURESHI", NameKind.AKA, NameQuality.STRONG, None),
    ]
    assert [a.provenance for a in e.aliases] == ["Name Non-Latin Script, row Alias Type Primary name",
                                                 "Alias Type AKA, Good quality"]
    assert e.birth_dates == (DateOfBirth(dt.date(1970, 1, 1), dt.date(1970, 12, 31), text="00/00/1970"),
                             DateOfBirth(dt.date(1967, 1, 1), dt.date(1967, 12, 31), text="00/00/1967"))
    assert not any(d.is_exact for d in e.birth_dates)
    assert e.countries == ("AF",)
    assert e.identifiers == (Identifier(IdType.PASSPORT, "D 000933", None, "Passport Number"),
                             Identifier(IdType.NATIONAL_ID, "55130", None, "National Identification Number"),
                             Identifier(IdType.OTHER, "AFG0100", None, "UK Sanctions List Ref"))
    (address,) = e.addresses
    assert (address.street, address.city, address.country, address.country_name) == (
        "Khairkhana Section, Number 3", "Kabul", "AF", "Afghanistan")
    assert e.programs == ("Afghanistan",) and e.listed_on == dt.date(2001, 2, 23)
    assert e.remarks.startswith(
        "Title: Maulavi; Position: Repatriation Attache, Taliban Embassy, Islamabad, Pakistan; "
        "Place of birth: Turshut village, Wursaj District, Takhar Province, Afghanistan; "
        "Passport Details: (Afghan) Issued in Kabul on 13 Sep 1998; "
        "National Identification Details: (Afghan) (tazkira); "
        "UK Sanctions List Date Designated: 25/01/2001; Last Updated: 01/02/2021; "
        "(UK Sanctions List Ref):AFG0100. (UN Ref):TAi.130. Involved in drug trafficking.")


def test_person_with_month_and_year_dates_of_birth(ofsi: EntityList) -> None:
    e = _entity(ofsi, "11795")  # DOB "10/1957" and "1953" on each of its two names
    assert e.name == "Abbas JAFARI-DOLATABADI"
    assert _aliases(e) == [("Abbas JA'FARI DOWLATABADI", NameKind.AKA, NameQuality.STRONG, None)]
    assert e.birth_dates == (DateOfBirth(dt.date(1957, 10, 1), dt.date(1957, 10, 31), text="10/1957"),
                             DateOfBirth(dt.date(1953, 1, 1), dt.date(1953, 12, 31), text="1953"))
    assert e.countries == ("IR",) and e.addresses == ()
    assert e.remarks.startswith("Position: Former prosecutor general of Tehran ( Aug 2009-Apr 2019); "
                                "Place of birth: Isfahan. Yazd, Iran; ")


def test_entity_with_chinese_name(ofsi: EntityList) -> None:
    e = _entity(ofsi, "16643")
    assert e.schema is Schema.ORGANIZATION
    assert e.name == "AUTEL ROBOTICS CO., LTD."
    assert _aliases(e) == [("道通机器人有限公司", NameKind.AKA, NameQuality.STRONG, "Hani")]
    assert e.aliases[0].provenance == "Name Non-Latin Script (Chinese/Chinese), row Alias Type Primary name"
    assert e.programs == ("Russia",) and e.countries == ("CN",)
    assert e.birth_dates == ()
    assert e.identifiers == (Identifier(IdType.OTHER, "RUS2299", None, "UK Sanctions List Ref"),)
    (address,) = e.addresses
    assert (address.street, address.city, address.country, address.country_name) == (
        "8th floor, Block B1, Nanshan iPark, No. 1001 Xueyuan Avenue, Nanshan District, Shenzen",
        "Guangdong, 518055", "CN", "China")
    assert e.listed_on == dt.date(2024, 11, 7)
    assert e.remarks.startswith("UK Sanctions List Date Designated: 07/11/2024; Last Updated: 18/12/2024; "
                                "(UK Sanctions List Ref):RUS2299. Financial sanctions imposed")


@pytest.mark.parametrize("group_id, latin, chinese", [
    ("16794", "GSK CNC EQUIPMENT CO LTD", "广州数控设备有限公司"),
    ("16828", "POLY TECHNOLOGIES, INC", "保利科技有限公司"),
    ("16456", "JUHANG AVIATION TECHNOLOGY (SHENZHEN) CO., LIMITED", "巨航航空科技（深圳）有限公司"),
    ("16526", "HK HENGBANGWEI ELECTRONICS LIMITED", "香港恒邦微電子有限公司"),
    ("16460", "WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED", "武汉晓睿智科技有限责任公司"),
    ("13626", "CHANG AN SHIPPING & TECHNOLOGY", "長安海連技術有限公司"),  # Non-Latin Script Type empty
])
def test_chinese_names_of_companies(ofsi: EntityList, group_id: str, latin: str, chinese: str) -> None:
    e = _entity(ofsi, group_id)
    assert e.name == latin and e.schema is Schema.ORGANIZATION
    assert (chinese, NameKind.AKA, NameQuality.STRONG, "Hani") in _aliases(e)


def test_chinese_person(ofsi: EntityList) -> None:
    e = _entity(ofsi, "16300")
    assert e.name == "Wei ZHAO"  # Name 1 "Wei", Name 6 "ZHAO"
    assert ("赵伟", NameKind.AKA, NameQuality.STRONG, "Hani") in _aliases(e)
    assert [a.value for a in e.aliases] == ["Wai CHIO", "Hwei JAO", "Wei JIAO", "Saechou THANCHAI", "Wei ZHANG",
                                            "赵伟"]
    assert e.birth_dates == (DateOfBirth(dt.date(1952, 9, 16), dt.date(1952, 9, 16), text="16/09/1952"),)
    # "(1) .. (2) .. (3) .." numbers paired with "(1) China (2) China (3) Macau"
    assert [(i.type, i.value, i.country) for i in e.identifiers] == [
        (IdType.PASSPORT, "M0178952", "CN"), (IdType.PASSPORT, "MA01626234", "CN"),
        (IdType.PASSPORT, "MA0269785", "MO"), (IdType.NATIONAL_ID, "12756003", "MO"),
        (IdType.OTHER, "GHR0099", None)]
    assert e.countries == ("CN", "LA")


def test_ship(ofsi: EntityList) -> None:
    e = _entity(ofsi, "13651")
    assert e.schema is Schema.VESSEL
    assert e.name == "SAM JONG 2"
    assert [a.value for a in e.aliases] == ["AKTIVA", "BIMA", "OCHRE POINT", "PETROCHEM VALOUR", "RAINBOW CHASER",
                                            "SOLVENT DISCOVERER", "TOM MIRA", "YU_JONG_3"]
    assert all(a.kind is NameKind.AKA and a.quality is NameQuality.STRONG for a in e.aliases)
    assert e.identifiers == (Identifier(IdType.IMO, "7408873", None, "IMO number"),
                             Identifier(IdType.OTHER, "DPR0100", None, "UK Sanctions List Ref"))
    assert e.countries == ("KP",)  # (Flag of ship):North Korea
    assert e.programs == ("Democratic People's Republic of Korea",) and e.listed_on == dt.date(2018, 4, 3)
    assert e.birth_dates == () and e.addresses == ()
    assert "(Type of ship):Oil tanker" in e.remarks
    ships = [x for x in ofsi if x.schema is Schema.VESSEL]
    assert len(ships) == 15 and all(x.identifiers_of(IdType.IMO) and x.countries == ("KP",) for x in ships)


def test_target_repeated_on_80_rows(ofsi: EntityList) -> None:
    kony = _entity(ofsi, "13344")  # 80 "Primary name" rows: one per date of birth and address
    assert kony.name == "JOSEPH KONY"
    assert [a.value for a in kony.aliases] == ["KONY", "Josef KONY", "Joseph Rao KONY", "LE MESSIE SANGLANT"]
    assert [d.text for d in kony.birth_dates] == ["00/00/1959", "00/00/1960", "00/00/1961", "00/00/1963",
                                                  "18/09/1964", "00/00/1965", "00/08/1961", "00/07/1961",
                                                  "01/01/1961", "00/04/1963"]
    assert kony.countries == ("CF", "CD")
    assert "Town of Birth: (1) Palaro Village, Palaro Parish, Omoro County, Gulu District (2) Odek, Omoro, " \
           "Gulu (3) Atyak; Country of Birth: (1) Uganda (2) Uganda (3)Uganda" in kony.remarks


def test_group_without_primary_name(ofsi: EntityList) -> None:
    e = _entity(ofsi, "16601")
    assert e.name == "33RD SCIENTIFIC RESEARCH AND TESTING INSTITUTE"
    assert [a.value for a in e.aliases] == [
        "33RD TSNIII",
        "FEDERAL STATE BUDGETARY ESTABLISHMENT 27 SCIENTIFIC CENTRE OF THE MINISTRY OF DEFENCE OF THE "
        "RUSSIAN FEDERATION"]


def test_same_name_on_several_alias_types_keeps_the_strongest(ofsi: EntityList) -> None:
    # Group 12155: "MALIK NOORZAI" (Primary name) and "Malik NOORZAI" (AKA, Good quality)
    e = _entity(ofsi, "12155")
    assert e.name == "MALIK NOORZAI"
    assert "malik noorzai" not in [a.value.casefold() for a in e.aliases]


# ---------------------------------------------------------------------------------------
# The CSV form


def _csv_row(values: dict[str, str]) -> list[str]:
    return [values.get(c, "") for c in COLUMNS]


PERSON = {"Name 6": "DOE", "Name 1": "John", "Name 2": "Q", "Title": "Mr", "DOB": "00/00/1970",
          "Nationality": "(1) Russia. (2) Cyprus", "Passport Number": "(1) 123456 (2) 654321",
          "Passport Details": "(1) Russia (2) Cyprus", "Address 1": "1 Main St", "Address 6": "Limassol",
          "Post/Zip Code": "3105", "Country": "Cyprus",
          "Other Information": "(UK Sanctions List Ref):RUS9999. (UK Statement of Reasons):Test.",
          "Group Type": "Individual", "Alias Type": "Primary name", "Regime": "Russia",
          "Listed On": "01/02/2023", "UK Sanctions List Date Designated": "01/02/2023",
          "Last Updated": "03/04/2024", "Group ID": "90001"}


def _rows() -> list[list[str]]:
    return [
        _csv_row(PERSON),
        _csv_row(PERSON | {"DOB": "15/00/1971"}),  # the same name with a second date of birth
        _csv_row(PERSON | {"Name 6": "DOU", "Name 1": "Ivan", "Name 2": "", "Alias Type": "AKA",
                           "Alias Quality": "Low quality", "Name Non-Latin Script": "Иван ДОУ",
                           "Non-Latin Script Type": "Cyrillic", "Non-Latin Script Language": "Russian"}),
        _csv_row({"Name 6": "BAD ROW"})[:30],  # cut short
        _csv_row(PERSON | {"Group ID": ""}),
        _csv_row(PERSON | {"Name 6": "", "Name 1": "", "Name 2": ""}),
        _csv_row({"Name 6": "ACME TRADING CO., LIMITED", "Name Non-Latin Script": "阿克米贸易有限公司",
                  "Non-Latin Script Type": "Chinese", "Non-Latin Script Language": "Chinese",
                  "Address 6": "Hong Kong", "Country": "China", "Group Type": "Entity", "Alias Type": "Primary name",
                  "Regime": "Russia", "Listed On": "05/06/2024", "Group ID": "90002"}),
        _csv_row({"Name 6": "SEA STAR", "Group Type": "Ship", "Alias Type": "Primary name", "Regime": "Russia",
                  "Other Information": "(UK Sanctions List Ref):RUS9998. (IMO number):1234567 (Flag of ship):Panama",
                  "Group ID": "90003"}),
    ]


def _write_csv(file: Path, title: list[list[str]], rows: list[list[str]], encoding: str = "utf-8-sig") -> None:
    with file.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh)
        writer.writerows(title + [list(COLUMNS)] + rows)


@pytest.mark.parametrize("title", [
    [["Last Updated", "10/04/2025"]],
    [["Last Updated", "10/04/2025"] + [""] * 34],  # padded to the table's width, as a spreadsheet saves it
    [["Consolidated List of Financial Sanctions Targets in the UK"], ["Last Updated", "10/04/2025"]],
    [["Last Updated", "10/04/2025"], []],  # a blank second line
], ids=["one-title-line", "padded-title-line", "two-title-lines", "title-and-blank-line"])
def test_csv_form(tmp_path: Path, title: list[list[str]]) -> None:
    file = tmp_path / "ConList.csv"
    _write_csv(file, title, _rows())
    entities = load(file)
    assert entities.snapshot.published == dt.date(2025, 4, 10)
    header_line = len(title) + 1
    line = header_line + 4  # the cut-short row
    assert entities.issues == (
        f"ConList.csv line {line}: expected 36 comma-separated fields, got 30; skipped",
        f"ConList.csv line {line + 1}: no Group ID; skipped",
        f"ConList.csv line {line + 2}: no name in Name 1 .. Name 6 (Group ID 90001); skipped",
    )
    assert [e.entity_id for e in entities] == ["uk-ofsi:90001", "uk-ofsi:90002", "uk-ofsi:90003"]
    person, company, ship = entities
    assert person.schema is Schema.PERSON and person.name == "John Q DOE"
    assert _aliases(person) == [("Ivan DOU", NameKind.AKA, NameQuality.WEAK, None),
                                ("Иван ДОУ", NameKind.AKA, NameQuality.WEAK, "Cyrl")]
    assert person.birth_dates == (DateOfBirth.year(1970, text="00/00/1970"),
                                  DateOfBirth.year(1971, text="15/00/1971"))
    assert person.countries == ("RU", "CY")
    assert [(i.type, i.value, i.country) for i in person.identifiers] == [
        (IdType.PASSPORT, "123456", "RU"), (IdType.PASSPORT, "654321", "CY"), (IdType.OTHER, "RUS9999", None)]
    assert person.addresses[0].city == "Limassol, 3105" and person.addresses[0].country == "CY"
    assert person.listed_on == dt.date(2023, 2, 1)
    assert person.remarks.startswith("Title: Mr; Passport Details: (1) Russia (2) Cyprus; "
                                     "UK Sanctions List Date Designated: 01/02/2023; Last Updated: 03/04/2024; "
                                     "(UK Sanctions List Ref):RUS9999.")
    assert company.schema is Schema.ORGANIZATION and company.name == "ACME TRADING CO., LIMITED"
    assert _aliases(company) == [("阿克米贸易有限公司", NameKind.AKA, NameQuality.STRONG, "Hani")]
    assert company.countries == ("CN",)
    assert ship.schema is Schema.VESSEL and ship.countries == ("PA",)
    assert ship.identifiers_of(IdType.IMO) == (Identifier(IdType.IMO, "1234567", None, "IMO number"),)


def test_csv_equals_workbook_on_real_rows(shared_lists: Path, tmp_path: Path, ofsi: EntityList) -> None:
    """Real rows of the workbook saved as OFSI's CSV load into the same entities."""
    groups = {"7405", "11795", "16643", "16300", "13651", "16601", "12155"}
    # python-calamine directly (faster than through pandas; every cell of this workbook is text)
    table = CalamineWorkbook.from_path(str(shared_lists / FOLDER / "ConList.xlsx")).get_sheet_by_index(0).to_python()
    title, header = table[0], table[1]
    rows = [r for r in table[2:] if r[header.index("Group ID")] in groups]
    file = tmp_path / "ConList.csv"
    with file.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([[c for c in title if c], header] + rows)
    entities = load_list("uk-ofsi", tmp_path)  # the folder, through the registry
    assert len(entities) == len(groups)
    for e in entities:
        assert e == ofsi.get(e.entity_id)
    assert entities.snapshot.published == dt.date(2025, 4, 10)


def test_cp1252_csv(tmp_path: Path) -> None:
    file = tmp_path / "ConList.csv"
    _write_csv(file, [["Last Updated", "10/04/2025"]],
               [_csv_row(PERSON | {"Name 1": "José"})], encoding="cp1252")
    entities = load(file)
    assert entities.issues == ("ConList.csv: not UTF-8, read as Windows-1252",)
    assert entities.entities[0].name == "José Q DOE"


def test_no_title_row(tmp_path: Path) -> None:
    file = tmp_path / "ConList.csv"
    _write_csv(file, [], [_csv_row(PERSON)])
    entities = load(file)
    assert entities.snapshot.published is None
    assert entities.issues == ("ConList.csv: no 'Last Updated' title row; publication date unknown",)


# ---------------------------------------------------------------------------------------
# Errors


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match=r"ConList\.xlsx or ConList\.csv"):
        load(tmp_path)
    with pytest.raises(ListFormatError, match="ConList.csv"):
        load(tmp_path / "ConList.csv")


def test_not_an_ofsi_file(tmp_path: Path) -> None:
    file = tmp_path / "ConList.csv"
    file.write_text("name,country\nACME,CN\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="not the OFSI Consolidated List"):
        load(file)
    _write_csv(file, [["Last Updated", "10/04/2025"]], [])
    with pytest.raises(ListFormatError, match="no OFSI Consolidated List row"):
        load(file)
    file.write_text("Last Updated,10/04/2025\nName 6,Group ID\nX,1\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="the header row lacks Name 1, Name 2"):
        load(file)


def test_damaged_workbook(tmp_path: Path) -> None:
    file = tmp_path / "ConList.xlsx"
    file.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ListFormatError, match="ConList.xlsx: cannot read as an XLSX workbook"):
        load(file)


# ---------------------------------------------------------------------------------------
# Helpers


@pytest.mark.parametrize("text, start, end", [
    ("16/09/1952", dt.date(1952, 9, 16), dt.date(1952, 9, 16)),
    ("00/00/1959", dt.date(1959, 1, 1), dt.date(1959, 12, 31)),
    ("12/00/1959", dt.date(1959, 1, 1), dt.date(1959, 12, 31)),
    ("00/02/1960", dt.date(1960, 2, 1), dt.date(1960, 2, 29)),
    ("10/1957", dt.date(1957, 10, 1), dt.date(1957, 10, 31)),
    ("1953", dt.date(1953, 1, 1), dt.date(1953, 12, 31)),
])
def test_parse_dob(text: str, start: dt.date, end: dt.date) -> None:
    dob = parse_dob(text)
    assert (dob.start, dob.end, dob.text, dob.circa) == (start, end, text, False)


@pytest.mark.parametrize("text", ["", "31/02/1970", "13/1970", "c. 1970", "1970-1972"])
def test_parse_dob_refuses(text: str) -> None:
    assert parse_dob(text) is None


def test_split_enumeration() -> None:
    assert split_enumeration("(1) 513519275 (2) 514841480") == ["513519275", "514841480"]
    assert split_enumeration("(1-3) Libya (4) Morocco") == ["Libya", "Morocco"]
    assert split_enumeration("(1) Expiry: 04 Jun 2003 (2) -") == ["Expiry: 04 Jun 2003"]
    assert split_enumeration("") == []
