"""UN Security Council Consolidated List (XML) loader, on the real file and on small
hand-written inputs (unsafe XML and the cut-off real file: test_xml_safety.py).

Counts come from ``../shared/lists/README.md`` (730 individuals, 273 entities, regimes,
alias elements); the alias counts below leave out the empty placeholder aliases
(169 individual, 122 entity) the file carries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from screening.model import EntityList, IdType, NameKind, NameQuality, Schema
from screening.sources import load_list
from screening.sources.files import ListFormatError
from screening.sources.un_xml import load


@pytest.fixture(scope="module")
def un(shared_lists: Path) -> EntityList:
    return load(shared_lists / "un" / "consolidated.xml")


def _entity(entities: EntityList, entity_id: str):
    entity = entities.get(entity_id)
    assert entity is not None, f"{entity_id} missing"
    return entity


# ---------------------------------------------------------------------------------------
# The real file


def test_counts(un: EntityList) -> None:
    assert len(un) == 1_003
    assert Counter(e.schema for e in un) == {Schema.PERSON: 730, Schema.ORGANIZATION: 273}
    assert Counter(p for e in un for p in e.programs) == {
        "Al-Qaida": 341, "DPRK": 155, "Taliban": 140, "Iran": 121, "Iraq": 75, "DRC": 53,
        "Libya": 30, "Somalia": 24, "CAR": 15, "Haiti": 11, "Yemen": 11, "GB": 10, "Sudan": 9,
        "SouthSudan": 8}
    assert all(len(e.programs) == 1 for e in un)


def test_alias_counts(un: EntityList) -> None:
    by_source = Counter((a.provenance.split()[0].rstrip(":"), a.kind, a.quality)
                        for e in un for a in e.aliases)
    assert by_source == {
        ("INDIVIDUAL_ALIAS", NameKind.AKA, NameQuality.STRONG): 1_524,  # QUALITY Good
        ("INDIVIDUAL_ALIAS", NameKind.AKA, NameQuality.WEAK): 615,  # QUALITY Low
        ("ENTITY_ALIAS", NameKind.AKA, NameQuality.STRONG): 594,  # QUALITY a.k.a.
        ("ENTITY_ALIAS", NameKind.FKA, NameQuality.STRONG): 19,  # QUALITY f.k.a.
        # 378 records carry one; QDe.164's repeats its primary name (in Latin letters)
        ("NAME_ORIGINAL_SCRIPT", NameKind.AKA, NameQuality.STRONG): 377,
    }
    scripts = Counter(a.script for e in un for a in e.aliases if a.provenance == "NAME_ORIGINAL_SCRIPT")
    assert scripts == {"Arab": 366, "Cyrl": 11}


def test_ids_published_and_snapshot(un: EntityList) -> None:
    ids = [e.entity_id for e in un]
    assert len(set(ids)) == len(ids) == un.snapshot.entity_count
    assert all(re.fullmatch(r"un:[A-Z]{2}[ie]\.\d{3}", i) for i in ids)
    assert all(e.entity_id == f"un:{e.publisher_id}" and e.source == "un" for e in un)
    assert all((e.schema is Schema.PERSON) == (e.publisher_id[2] == "i") for e in un)
    assert un.snapshot.published == dt.date(2026, 2, 27)  # dateGenerated="2026-02-27T00:00:09.554Z"
    assert un.snapshot.label.startswith("un@2026-02-27#")
    assert all(e.snapshot is un.snapshot for e in un)
    assert max(e.listed_on for e in un) == dt.date(2026, 2, 24)
    assert all(e.listed_on is not None for e in un)


def test_issues_are_the_known_oddities(un: EntityList) -> None:
    assert un.issues == (
        "consolidated.xml INDIVIDUAL LYi.022: date of birth '30-35 years old' not read as a date; "
        "kept in remarks",
        "consolidated.xml INDIVIDUAL QDi.291: date of birth '24/06/1402 (Hijri Calendar)' not read "
        "as a date; kept in remarks",
        "consolidated.xml INDIVIDUAL QDi.306: date of birth 'Between Aug. and Sep. 1977' not read "
        "as a date; kept in remarks",
        "consolidated.xml INDIVIDUAL TAi.153: FOURTH_NAME 'na' read as empty",
    )


def test_qdi_001(un: EntityList) -> None:
    e = _entity(un, "un:QDi.001")
    assert e.name == "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"
    assert e.programs == ("Al-Qaida",) and e.listed_on == dt.date(2001, 1, 25)
    assert [(a.value, a.quality) for a in e.aliases if a.provenance.startswith("INDIVIDUAL_ALIAS")] == [
        ("Sayf-Al Adl", NameQuality.STRONG), ("Muhamad Ibrahim Makkawi", NameQuality.STRONG),
        ("Ibrahim al-Madani", NameQuality.WEAK), ("Saif Al-'Adil", NameQuality.WEAK),
        ("Seif al Adel", NameQuality.WEAK)]


def test_individual_record(un: EntityList) -> None:
    e = _entity(un, "un:QDi.020")
    assert e.schema is Schema.PERSON
    # FIRST_NAME + SECOND_NAME + THIRD_NAME + FOURTH_NAME
    assert e.name == "MOHAMMAD HAMDI MOHAMMAD SADIQ AL-AHDAL"
    assert e.programs == ("Al-Qaida",) and e.listed_on == dt.date(2001, 10, 17)
    assert [(a.value, a.kind, a.quality) for a in e.aliases] == [
        ("Al-Hamati, Muhammad", NameKind.AKA, NameQuality.STRONG),
        ("Muhammad Muhammad Abdullah Al-Ahdal", NameKind.AKA, NameQuality.STRONG),
        ("Mohamed Mohamed Abdullah Al-Ahdal", NameKind.AKA, NameQuality.STRONG),
        ("Abu Asim Al-Makki", NameKind.AKA, NameQuality.WEAK),
        ("Ahmed", NameKind.AKA, NameQuality.WEAK),
        ("محمد حمدي محمد صادق الأهدل", NameKind.AKA, NameQuality.STRONG),
    ]
    assert e.aliases[0].provenance == "INDIVIDUAL_ALIAS Good"
    assert e.aliases[3].provenance == "INDIVIDUAL_ALIAS Low"
    assert (e.aliases[-1].script, e.aliases[-1].provenance) == ("Arab", "NAME_ORIGINAL_SCRIPT")
    (dob,) = e.birth_dates
    assert dob.start == dob.end == dt.date(1971, 11, 19) and not dob.circa
    assert e.countries == ("YE",)  # nationality Yemen (the address is in Yemen too)
    passport, card = e.identifiers
    assert (passport.type, passport.value, passport.country, passport.label) == (
        IdType.PASSPORT, "541939", "YE", "Passport")
    assert (card.type, card.value, card.country, card.label) == (
        IdType.NATIONAL_ID, "216040", None, "Yemeni identity card number")
    (address,) = e.addresses
    assert (address.street, address.city, address.country, address.country_name) == (
        "Jamal street, Al-Dahima alley", "Al-Hudaydah", "YE", "Yemen")
    assert e.remarks.startswith("Place of birth: Medina, Saudi Arabia; Responsible for the finances")
    assert e.remarks.endswith("web link:https://www.interpol.int/en/How-we-work/Notices/View-UN-Notices-Individuals")


def test_entity_record(un: EntityList) -> None:
    e = _entity(un, "un:KPe.016")
    assert e.schema is Schema.ORGANIZATION
    assert e.name == "KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION"
    assert e.programs == ("DPRK",) and e.listed_on == dt.date(2013, 1, 22)
    assert len(e.aliases) == 15
    assert all(a.kind is NameKind.AKA and a.quality is NameQuality.STRONG for a in e.aliases)
    assert e.aliases[0].value == "Chosun Yunha Machinery Joint Operation Company"
    assert (e.aliases[-1].value, e.aliases[-1].script) == ("朝鲜联合机械贸易会社", "Hani")
    assert e.aliases[-1].provenance == "ENTITY_ALIAS a.k.a."
    assert [a.street for a in e.addresses] == [
        "Tongan-dong, Central District", "Mangungdae-gu", "Mangyongdae District"]
    assert {a.city for a in e.addresses} == {"Pyongyang"} and e.countries == ("KP",)
    assert e.birth_dates == () and e.identifiers == ()
    assert e.remarks.startswith("Korea Ryonbong General Corporation is the parent company")


def test_entity_fka(un: EntityList) -> None:
    e = _entity(un, "un:KPe.002")
    assert e.name == "KOREA RYONBONG GENERAL CORPORATION"
    fka = [a for a in e.aliases if a.kind is NameKind.FKA]
    assert [a.value for a in fka] == ["LYONGAKSAN GENERAL TRADING CORPORATION"]
    assert fka[0].provenance == "ENTITY_ALIAS f.k.a."


def test_birth_date_kinds(un: EntityList) -> None:
    # BETWEEN 1968 and 1970 beside plain years
    assert [d.text for d in _entity(un, "un:TAi.153").birth_dates] == ["1966", "1961", "1968-1970", "1962"]
    noorzai = _entity(un, "un:TAi.153")
    assert noorzai.name == "FAIZULLAH KHAN NOORZAI"  # FOURTH_NAME "na" is not a name
    # unreadable dates of birth stay in the remarks
    assert "Date of birth: 30-35 years old" in _entity(un, "un:LYi.022").remarks
    counts = Counter((d.circa, d.is_exact) for e in un for d in e.birth_dates)
    assert counts == {(False, True): 506, (False, False): 291, (True, False): 124}


def test_original_script_cyrillic(un: EntityList) -> None:
    originals = [a for a in _entity(un, "un:QDe.131").aliases if a.provenance == "NAME_ORIGINAL_SCRIPT"]
    assert [(a.value, a.script) for a in originals] == [("Эмират Кавказ", "Cyrl")]


def test_un_country_spellings(un: EntityList) -> None:
    # "Iran (Islamic Republic of)" and "State of Palestine" are UN names to_iso2 alone misses
    assert sum(1 for e in un for a in e.addresses if a.country_name == "Iran (Islamic Republic of)") == 45
    assert all(a.country == "IR" for e in un for a in e.addresses
               if a.country_name == "Iran (Islamic Republic of)")
    assert not any("not recognised" in i for i in un.issues)


def test_load_list_by_folder(shared_lists: Path) -> None:
    entities = load_list("un", shared_lists / "un")
    assert len(entities) == 1_003 and entities.source == "un"


# ---------------------------------------------------------------------------------------
# Hand-written inputs

_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2024-05-01T10:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID>
      <FIRST_NAME> JOHN </FIRST_NAME>
      <SECOND_NAME>ROE</SECOND_NAME>
      <UN_LIST_TYPE>Testland</UN_LIST_TYPE>
      <REFERENCE_NUMBER>TXi.001</REFERENCE_NUMBER>
      <LISTED_ON>2020-01-02</LISTED_ON>
      <COMMENTS1>A test record.</COMMENTS1>
      <NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE><VALUE>Atlantis</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME>JOHNNY ROE</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>JR</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>J. ROE</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-02-03</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1971</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1973</NOTE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-02-30</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>P123</NUMBER><ISSUING_COUNTRY>Germany</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT><NUMBER>N456</NUMBER><COUNTRY_OF_ISSUE>France</COUNTRY_OF_ISSUE></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Driving licence</TYPE_OF_DOCUMENT><NUMBER>D789</NUMBER></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_ADDRESS><STREET>1 Main St</STREET><CITY>Springfield</CITY><STATE_PROVINCE>Nowhere</STATE_PROVINCE><COUNTRY>Germany</COUNTRY></INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_ADDRESS><COUNTRY/></INDIVIDUAL_ADDRESS>
    </INDIVIDUAL>
    <INDIVIDUAL>
      <DATAID>2</DATAID>
      <FIRST_NAME>NO</FIRST_NAME>
      <SECOND_NAME>REFERENCE</SECOND_NAME>
      <UN_LIST_TYPE>Testland</UN_LIST_TYPE>
      <LISTED_ON>2021-01-01</LISTED_ON>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>3</DATAID>
      <FIRST_NAME>ACME TRADING</FIRST_NAME>
      <UN_LIST_TYPE>Testland</UN_LIST_TYPE>
      <REFERENCE_NUMBER>TXe.001</REFERENCE_NUMBER>
      <LISTED_ON>2022-03-04</LISTED_ON>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>ACME</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>OLD ACME</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><CITY>Dubai</CITY><COUNTRY>United Arab Emirates</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""


def test_hand_written_file(tmp_path: Path) -> None:
    (tmp_path / "consolidated.xml").write_text(_DOC, encoding="utf-8")
    entities = load(tmp_path)  # the folder
    assert [e.entity_id for e in entities] == ["un:TXi.001", "un:2", "un:TXe.001"]
    assert entities.snapshot.published == dt.date(2024, 5, 1)
    john, noref, acme = entities
    assert john.name == "JOHN ROE"
    assert john.remarks == "Date of birth: 1970-02-30; A test record."  # unreadable, so kept as text
    # empty QUALITY is strong; an unknown one is strong and reported; placeholders are no alias
    assert [(a.value, a.quality) for a in john.aliases] == [
        ("JOHNNY ROE", NameQuality.STRONG), ("JR", NameQuality.WEAK), ("J. ROE", NameQuality.STRONG)]
    assert any("J. ROE" in i and "unknown QUALITY 'Medium'" in i for i in entities.issues)
    assert [(d.start, d.end, d.circa) for d in john.birth_dates] == [
        (dt.date(1970, 2, 3), dt.date(1970, 2, 3), False),
        (dt.date(1971, 1, 1), dt.date(1971, 12, 31), True),
        (dt.date(1960, 1, 1), dt.date(1962, 12, 31), False),
        (dt.date(1973, 11, 1), dt.date(1973, 11, 30), False),
    ]
    assert any("TXi.001: date of birth '1970-02-30'" in i for i in entities.issues)
    assert [(i.type, i.value, i.country, i.label) for i in john.identifiers] == [
        (IdType.PASSPORT, "P123", "DE", "Passport"),
        (IdType.NATIONAL_ID, "N456", "FR", "National Identification Number"),
        (IdType.OTHER, "D789", None, "Driving licence")]
    assert john.countries == ("IR", "DE")  # nationality, then address; Atlantis reported
    assert any("'Atlantis' not recognised" in i for i in entities.issues)
    (address,) = john.addresses
    assert (address.street, address.city, address.country) == ("1 Main St", "Springfield, Nowhere", "DE")
    # no REFERENCE_NUMBER: the DATAID stands in, and it is reported
    assert noref.publisher_id == "2" and noref.name == "NO REFERENCE"
    assert "consolidated.xml INDIVIDUAL DATAID 2: no REFERENCE_NUMBER; id taken from DATAID" in entities.issues
    assert acme.schema is Schema.ORGANIZATION
    assert [(a.value, a.kind) for a in acme.aliases] == [("ACME", NameKind.AKA), ("OLD ACME", NameKind.FKA)]
    assert acme.countries == ("AE",)


def test_truncated_xml_names_file_and_line(tmp_path: Path) -> None:
    file = tmp_path / "consolidated.xml"
    file.write_text(_DOC[: _DOC.index("<INDIVIDUAL_ADDRESS>")], encoding="utf-8")
    with pytest.raises(ListFormatError, match=r"malformed XML") as info:
        load(file)
    message = str(info.value)
    assert message.startswith(f"{file} line ") and "no element found" in message


def test_not_the_un_list(tmp_path: Path) -> None:
    file = tmp_path / "consolidated.xml"
    file.write_text("<export><ENTITY/></export>", encoding="utf-8")
    with pytest.raises(ListFormatError, match="not the UN Consolidated List"):
        load(file)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="consolidated.xml"):
        load(tmp_path)
