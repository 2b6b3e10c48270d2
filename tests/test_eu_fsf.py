"""EU consolidated financial sanctions list (FSF XML) loader, on the real excerpt and on
small hand-written inputs (unsafe XML and the cut-off real file: test_xml_safety.py).

Counts come from ``../shared/lists/README.md`` (5 sanctionEntity, 4 persons and 1
enterprise, 45 nameAlias, 8 birthdate, 5 identification, 8 address, 2 citizenship).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from screening import Screener
from screening.model import EntityList, IdType, NameKind, NameQuality, Schema
from screening.sources import load_list
from screening.sources.eu_fsf import load
from screening.sources.files import ListFormatError

EXCERPT = Path("eu_fsf_2026-08_excerpt") / "eu_fsf_excerpt.xml"


@pytest.fixture(scope="module")
def eu_file(shared_lists: Path) -> Path:
    file = shared_lists / EXCERPT
    if not file.is_file():
        pytest.skip(f"{file} not found: the EU FSF excerpt is needed for the tests on the real file")
    return file


@pytest.fixture(scope="module")
def eu(eu_file: Path) -> EntityList:
    return load(eu_file)


def _entity(entities: EntityList, entity_id: str):
    entity = entities.get(entity_id)
    assert entity is not None, f"{entity_id} missing"
    return entity


# ---------------------------------------------------------------------------------------
# The real file


def test_counts(eu: EntityList) -> None:
    assert len(eu) == 5
    assert Counter(e.schema for e in eu) == {Schema.PERSON: 4, Schema.ORGANIZATION: 1}
    assert [e.programs for e in eu] == [("TERR",), ("AFG",), ("IRN",), ("LBY",), ("TAQA",)]
    # every one of the 45 nameAlias is a name: 5 primary names and 40 aliases
    assert sum(len(e.all_names()) for e in eu) == 45
    assert Counter((a.kind, a.quality) for e in eu for a in e.aliases) == {
        (NameKind.AKA, NameQuality.STRONG): 37, (NameKind.AKA, NameQuality.WEAK): 3}
    assert Counter(a.script for e in eu for a in e.aliases) == {None: 37, "Arab": 3}
    # 8 birthdate elements; EU.502.12 gives one range twice, EU.3092.36 one day twice
    # (Gregorian and Hijri)
    assert sum(len(e.birth_dates) for e in eu) == 6
    assert sum(len(e.identifiers) for e in eu) == 5
    assert sum(len(e.addresses) for e in eu) == 8


def test_ids_published_and_snapshot(eu: EntityList, eu_file: Path) -> None:
    assert [e.entity_id for e in eu] == ["eu:191", "eu:521", "eu:3822", "eu:6106", "eu:6177"]
    assert all(e.entity_id == f"eu:{e.publisher_id}" and e.source == "eu" for e in eu)
    assert eu.source == "eu" and eu.snapshot.entity_count == 5
    assert eu.snapshot.published == dt.date(2026, 8, 5)  # generationDate="2026-08-05T16:47:04.449+02:00"
    assert eu.snapshot.label.startswith("eu@2026-08-05#")
    assert eu.snapshot.path == str(eu_file)
    assert all(e.snapshot is eu.snapshot for e in eu)
    assert [e.listed_on for e in eu] == [None, dt.date(2001, 1, 25), dt.date(2008, 6, 23),
                                         dt.date(2011, 2, 26), dt.date(2011, 3, 24)]


def test_issues_are_the_remark_only_weak_aliases(eu: EntityList) -> None:
    where = "eu_fsf_excerpt.xml EU.3092.36 (logicalId 6177)"
    said = "is strong=\"true\" but its remark says"
    assert eu.issues == (
        f"{where}: nameAlias 10494 'Abu-Salaah' {said} 'low quality alias'; read as a weak alias",
        f"{where}: nameAlias 10492 'Abosslah' {said} 'low quality alias'; read as a weak alias",
        f"{where}: nameAlias 10491 'Abu Saleh' {said} 'low quality aliias'; read as a weak alias",
    )


def test_person_with_circa_year_range(eu: EntityList) -> None:
    e = _entity(eu, "eu:521")
    assert e.schema is Schema.PERSON and e.publisher_id == "521"
    # the name carrying the entry's title and function is the primary name
    assert e.name == "Ahmed Jan Akhundzada Wazir"
    assert [(a.value, a.kind, a.quality, a.script, a.provenance) for a in e.aliases] == [
        ("Haji Ahmad Jan", NameKind.AKA, NameQuality.STRONG, None, "nameAlias 16052"),
        ("Ahmed Jan Akhund", NameKind.AKA, NameQuality.STRONG, None, "nameAlias 16053"),
    ]
    # two birthdate elements, yearRangeFrom 1953 to yearRangeTo 1958, circa="true"
    (dob,) = e.birth_dates
    assert (dob.start, dob.end, dob.circa) == (dt.date(1953, 1, 1), dt.date(1958, 12, 31), True)
    assert dob.text == "1953-1958 (between 1953 and 1958)" and not dob.is_exact
    assert e.programs == ("AFG",) and e.countries == ("AF",)  # citizenship
    assert e.identifiers == () and e.addresses == ()
    assert e.listed_on == dt.date(2001, 1, 25)
    assert e.remarks == (
        "EU reference number: EU.502.12; Regulation: 2017/404 (OJ L63); Title: Maulavi; "
        "Function: Minister of Water and Electricity under the Taliban regime; "
        "Place of birth: Tirin Kot District, Uruzgan Province, AFGHANISTAN; "
        "Place of birth: Kandahar province, AFGHANISTAN; "
        "Believed to be in Afghanistan/ Pakistan border area. Review pursuant to Security Council "
        "Resolution 1822 (2008) was concluded on 21 Jul. 2010. INTERPOL-UN Security Council Special "
        "Notice web link: https://www.interpol.int/en/notice/search/un/ 4678353")


def test_person_without_function_primary_name_and_languages(eu: EntityList) -> None:
    e = _entity(eu, "eu:191")
    # no name carries a function: the English (or unstated) name recorded first is primary
    assert e.name == "Khalid Sheikh MOHAMMED"
    assert [(a.value, a.provenance) for a in e.aliases] == [
        ("Bin Khalid Fahd Bin Adballah", "nameAlias 161419 (FR)"),
        ("Wadood Khalid Adbul", "nameAlias 161420 (FR)"),
        ("Henin Ashraf Refaat Nabith", "nameAlias 292"),
        ("Bin Khalid Fahd Bin Abdallah", "nameAlias 291 (EN)"),
        ("Wadood Khalid Abdul", "nameAlias 293"),
        ("Ali Salem", "nameAlias 290"),
    ]
    assert [(d.start, d.end, d.circa) for d in e.birth_dates] == [
        (dt.date(1965, 4, 14), dt.date(1965, 4, 14), False),
        (dt.date(1964, 3, 1), dt.date(1964, 3, 1), False)]
    (passport,) = e.identifiers
    # countryIso2Code="00" is the FSF's "unknown"
    assert (passport.type, passport.value, passport.country, passport.label) == (
        IdType.PASSPORT, "488555", None, "National passport")
    assert e.countries == () and e.listed_on is None  # no designationDate
    assert e.remarks == ("EU reference number: EU.3579.2; Regulation: 2025/206 (L 202500206); "
                         "Gender: Male; Place of birth: PAKISTAN")


def test_enterprise(eu: EntityList) -> None:
    e = _entity(eu, "eu:3822")
    assert e.schema is Schema.ORGANIZATION
    assert e.name == "Parchin Chemical Industries (PCI)"
    assert len(e.aliases) == 15 and all(a.quality is NameQuality.STRONG for a in e.aliases)
    first, second = e.aliases[:2]
    # whitespace runs collapsed ("Tionscail  Ceimiceán"); the language kept in the provenance
    assert (first.value, first.provenance) == ("Tionscail Ceimiceán Parchin", "nameAlias 169660 (GA)")
    assert (second.value, second.provenance) == ("Parcsini Vegyipari Vállalat", "nameAlias 169661 (HU)")
    persian = [a for a in e.aliases if a.script]
    assert [(a.value, a.script, a.provenance) for a in persian] == [
        ("صنایع شیمیایی پارچین", "Arab", "nameAlias 158906 (FA)")]
    pcf = next(a for a in e.aliases if a.value == "PCF")
    assert pcf.provenance == "nameAlias 158915 (EN): Parchin Chemical Factories"
    assert e.countries == ("IR",) and e.birth_dates == ()
    (registration,) = e.identifiers
    assert (registration.type, registration.value, registration.country, registration.label) == (
        IdType.REGISTRATION, "892", None, "Registration Number")
    assert [(a.street, a.city, a.country, a.country_name) for a in e.addresses] == [
        ("Pasdaran Square, P.O. Box 16765/358", "Tehran", "IR", "IRAN (ISLAMIC REPUBLIC OF)"),
        ("Khavaran Road Km 30-35, Parchin Special Road", "Varamin, Parchin", "IR", "IRAN (ISLAMIC REPUBLIC OF)"),
        ("Parchin Forked Rd., 35th km. Khavaran Rd., Pakdasht", "Tehran", "IR", "IRAN (ISLAMIC REPUBLIC OF)"),
        ("2nd Floor, Sanam Bldg., Nobonyad Sq.", "Tehran", "IR", "IRAN (ISLAMIC REPUBLIC OF)"),
        ("2nd Floor, Sanam Bldg., 3rd Floor, Sanam Bldg., Nobonyad Square, P.O. Box 16765/358", "Tehran", "IR",
         "IRAN (ISLAMIC REPUBLIC OF)"),
        ("Nobonyad Square", "Tehran, 15765-358", "IR", "IRAN (ISLAMIC REPUBLIC OF)"),
    ]
    assert e.addresses[1].remarks == "WEB: http://icig.ir/; PHONE: +98 21 2258929; +98 21 35243153; +98 21 3130626"
    assert e.addresses[2].remarks == "Factory"
    assert e.remarks.startswith(
        "EU reference number: EU.3953.70; Designation details: UN designation:24/03/2007 (no longer valid); "
        "Regulation: 2024/2074 (OJ L29072024); Function: Parchin Chemical Industries (PCI) produces "
        "ammunition, explosives and solid propellants for rockets and missiles; "
        "Identification 892: Registration no.: Cooperative Company Registration No 892; "
        "Cooperative Company Registration No 892. Part of the Chemical Industries")  # the primary name's remark
    assert e.remarks.endswith("Shen Weisheng (director and general manager of Zhejiang Qingji)")
    assert "\n" not in e.remarks


def test_weak_aliases_arabic_names_and_hijri_date(eu: EntityList) -> None:
    e = _entity(eu, "eu:6177")
    assert e.name == "Ibrahim Hassan Tali Al-Asiri"
    weak = [(a.value, a.provenance) for a in e.aliases if a.quality is NameQuality.WEAK]
    assert weak == [("Abu-Salaah", "nameAlias 10494 (EN): low quality alias"),
                    ("Abosslah", "nameAlias 10492 (EN): low quality alias"),
                    ("Abu Saleh", "nameAlias 10491 (EN): low quality aliias")]
    arabic = [(a.value, a.script, a.quality) for a in e.aliases if a.script]
    assert arabic == [("إبراهيم حسن طالع عسيري", "Arab", NameQuality.STRONG),
                      ("إبراهيم حسن طالع العسيري", "Arab", NameQuality.STRONG)]
    assert len(e.aliases) == 14
    # 1982-04-18; 1982-04-19 given twice: as an ISLAMIC date (Hijri 24/6/1402, with its
    # Gregorian birthdate) and as a Gregorian one; kept once
    assert [(d.start, d.end, d.circa, d.text) for d in e.birth_dates] == [
        (dt.date(1982, 4, 18), dt.date(1982, 4, 18), False, "1982-04-18"),
        (dt.date(1982, 4, 19), dt.date(1982, 4, 19), False, "1982-04-19 (ISLAMIC 1402-06-24; hijri calendar)")]
    assert [(i.type, i.value, i.country, i.label) for i in e.identifiers] == [
        (IdType.NATIONAL_ID, "1028745097", "SA", "National identification card"),
        (IdType.PASSPORT, "F654645", "SA", "National passport")]
    assert e.countries == ("SA", "YE")  # citizenship, then the address
    assert [(a.country, a.country_name) for a in e.addresses] == [("YE", "YEMEN")]
    assert "Identification F654645: issued 2005-04-30, valid to 2010-03-07, known expired, " \
           "Saudi Arabian passport number" in e.remarks
    assert "Place of birth: Riyadh, SAUDI ARABIA" in e.remarks


def test_weak_aliases_agree_with_the_un_list(eu: EntityList, shared_lists: Path) -> None:
    """The remark-only "low quality" names are the ones the UN list marks Low."""
    un_file = shared_lists / "un" / "consolidated.xml"
    if not un_file.is_file():
        pytest.skip(f"{un_file} not found: the UN list is needed to compare alias qualities")
    un = load_list("un", un_file).get("un:QDi.291")
    assert un is not None
    eu_weak = {a.value for a in _entity(eu, "eu:6177").aliases if a.quality is NameQuality.WEAK}
    assert eu_weak == {a.value for a in un.aliases if a.quality is NameQuality.WEAK}


def test_un_derived_entry(eu: EntityList) -> None:
    e = _entity(eu, "eu:6106")
    assert e.name == "Abu Zayd Umar DORDA"
    assert [(a.value, a.provenance) for a in e.aliases] == [
        ("Dorda Abuzed OE", "nameAlias 122750: Good quality alias"),
        ("ABÚ ZAJD UMAR DÚRDA", "nameAlias 143588 (CS)"),
        ("Abu Zayd Umar Hmeid Dorda", "nameAlias 143087: Good quality alias")]
    (dob,) = e.birth_dates
    assert dob.start == dob.end == dt.date(1944, 4, 4)
    (passport,) = e.identifiers
    assert (passport.type, passport.value, passport.country) == (IdType.PASSPORT, "FK117RK0", "LY")
    (address,) = e.addresses
    assert (address.country, address.remarks) == ("LY", "Libya (Believed status/location: residing in Egypt)")
    assert e.remarks.startswith("EU reference number: EU.3886.3; UN reference number: LYi.006; ")
    assert "Place of birth: Alrhaybat; Identification FK117RK0: issued 2018-11-25, valid to 2026-11-24, " \
           "region Tripoli" in e.remarks


def test_load_list_by_folder_and_screen(shared_lists: Path, eu_file: Path) -> None:
    entities = load_list("eu", eu_file.parent)
    assert len(entities) == 5 and entities.source == "eu"
    hits = Screener([entities]).match("Ibrahim Hasan Tali Asiri", schema="Person")
    assert hits and hits[0].entity_id == "eu:6177" and hits[0].source == "eu"


# ---------------------------------------------------------------------------------------
# Hand-written inputs

_NS = "http://eu.europa.ec/fpi/fsd/export"
_DOC = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="{_NS}" generationDate="2024-05-01T10:00:00.000+02:00" globalFileId="1">
  <sanctionEntity designationDate="2020-01-02" designationDetails="" unitedNationId="" euReferenceNumber="EU.1.1" logicalId="11">
    <remark>A test   record.
Second line.</remark>
    <regulation programme="TST" numberTitle="2020/1 (OJ L1)" logicalId="1"><publicationUrl>x</publicationUrl></regulation>
    <regulation programme="TST" numberTitle="2021/2 (OJ L2)" logicalId="2"><publicationUrl>x</publicationUrl></regulation>
    <regulation programme="OTH" numberTitle="2021/2 (OJ L2)" logicalId="3"><publicationUrl>x</publicationUrl></regulation>
    <subjectType code="person" classificationCode="P" />
    <nameAlias wholeName="JR" strong="false" nameLanguage="" logicalId="5" />
    <nameAlias wholeName="Ivan  Petrov" function="" title="" gender="M" strong="true" nameLanguage="" logicalId="7" />
    <nameAlias wholeName="Иван Петров" strong="true" nameLanguage="RU" logicalId="3" />
    <nameAlias wholeName="" firstName="Ivan" middleName="" lastName="Petrow" strong="true" nameLanguage="DE" logicalId="9" />
    <nameAlias wholeName="" firstName="" lastName="" strong="true" logicalId="10" />
    <citizenship countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" logicalId="1" />
    <citizenship countryIso2Code="00" countryDescription="UNKNOWN" logicalId="2" />
    <birthdate circa="false" calendarType="GREGORIAN" year="1970" city="-" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="1" />
    <birthdate circa="true" calendarType="GREGORIAN" year="1971" monthOfYear="2" logicalId="2" />
    <birthdate circa="true" calendarType="GREGORIAN" birthdate="1972-03-04" dayOfMonth="4" monthOfYear="3" year="1972" city="Moscow" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" logicalId="3" />
    <birthdate circa="false" calendarType="GREGORIAN" yearRangeFrom="1960" logicalId="4" />
    <birthdate circa="false" calendarType="ISLAMIC" year="1390" monthOfYear="1" dayOfMonth="2" logicalId="5" />
    <birthdate circa="false" calendarType="GREGORIAN" birthdate="1970-02-30" logicalId="6" />
    <identification identificationTypeCode="passport" identificationTypeDescription="National passport" number="P123" countryIso2Code="DE" countryDescription="GERMANY" knownFalse="true" logicalId="1" />
    <identification identificationTypeCode="fiscalcode" identificationTypeDescription="Fiscal code" number="F1" countryIso2Code="00" logicalId="2" />
    <identification identificationTypeCode="other" identificationTypeDescription="Other identification number" number="O1" logicalId="3" />
    <identification identificationTypeCode="passport" identificationTypeDescription="National passport" number="" countryIso2Code="FR" countryDescription="FRANCE" logicalId="4"><remark>number unknown</remark></identification>
    <address street="1 Main St," poBox="12" city="Springfield" zipCode="123" region="Nowhere" place="" countryIso2Code="DE" countryDescription="GERMANY" logicalId="1">
      <contactInfo key="EMAIL" value="a@example.invalid" />
    </address>
    <address street="" city="" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="2" />
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="EU.2.2" logicalId="">
    <subjectType code="person" /><nameAlias wholeName="NO ID" strong="true" logicalId="1" />
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="EU.3.3" logicalId="33">
    <subjectType code="enterprise" classificationCode="E" />
    <nameAlias wholeName="ACME TRADING" strong="true" nameLanguage="EN" logicalId="1" />
    <address countryIso2Code="XX" countryDescription="Atlantis" logicalId="1" />
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="EU.3.4" logicalId="33">
    <subjectType code="enterprise" /><nameAlias wholeName="ACME AGAIN" strong="true" logicalId="1" />
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="EU.4.4" logicalId="44">
    <subjectType code="vessel" /><nameAlias wholeName="SEA STAR" strong="true" logicalId="1" />
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="EU.5.5" logicalId="55">
    <subjectType code="person" />
  </sanctionEntity>
</export>
"""


def test_hand_written_file(tmp_path: Path) -> None:
    (tmp_path / "fsf.xml").write_text(_DOC, encoding="utf-8")
    entities = load(tmp_path)  # the folder
    assert [e.entity_id for e in entities] == ["eu:11", "eu:33", "eu:44"]
    assert entities.snapshot.published == dt.date(2024, 5, 1)
    ivan, acme, star = entities
    # the strong Latin name comes first; "JR" (strong="false") is weak; the Cyrillic name
    # and the name built from its parts are aliases
    assert ivan.name == "Ivan Petrov"
    assert [(a.value, a.quality, a.script, a.provenance) for a in ivan.aliases] == [
        ("JR", NameQuality.WEAK, None, "nameAlias 5"),
        ("Иван Петров", NameQuality.STRONG, "Cyrl", "nameAlias 3 (RU)"),
        ("Ivan Petrow", NameQuality.STRONG, None, "nameAlias 9 (DE)")]
    assert ivan.programs == ("TST", "OTH")
    assert ivan.countries == ("RU", "DE")  # citizenship ("00" is unknown), then the address
    assert [(d.start, d.end, d.circa) for d in ivan.birth_dates] == [
        (dt.date(1970, 1, 1), dt.date(1970, 12, 31), False),  # year only
        (dt.date(1971, 2, 1), dt.date(1971, 2, 28), True),  # month, circa
        (dt.date(1972, 3, 4), dt.date(1972, 3, 4), True),  # exact, circa
        (dt.date(1960, 1, 1), dt.date(1960, 12, 31), False),  # a range with its start only
    ]
    assert [(i.type, i.value, i.country, i.label) for i in ivan.identifiers] == [
        (IdType.PASSPORT, "P123", "DE", "National passport"),
        (IdType.TAX_ID, "F1", None, "Fiscal code"),
        (IdType.OTHER, "O1", None, "Other identification number")]
    (address,) = ivan.addresses  # the all-unknown one is no address
    assert (address.street, address.city, address.country, address.country_name, address.remarks) == (
        "1 Main St, P.O. Box 12", "Springfield, Nowhere, 123", "DE", "GERMANY", "EMAIL: a@example.invalid")
    assert ivan.remarks == (
        "EU reference number: EU.1.1; Regulation: 2020/1 (OJ L1); Regulation: 2021/2 (OJ L2); Gender: Male; "
        "Place of birth: Moscow, RUSSIAN FEDERATION; Date of birth: ISLAMIC 1390-01-02; "
        "Date of birth: 1970-02-30; Identification P123: known false; "
        "Identification without number: National passport, FRANCE, number unknown; "
        "A test record. Second line.")
    assert acme.schema is Schema.ORGANIZATION and acme.name == "ACME TRADING" and acme.countries == ()
    assert acme.addresses[0].country_name == "Atlantis"
    assert star.schema is Schema.UNKNOWN
    assert entities.issues == (
        "fsf.xml EU.1.1 (logicalId 11): date of birth 'ISLAMIC 1390-01-02' not read as a date; kept in remarks",
        "fsf.xml EU.1.1 (logicalId 11): date of birth '1970-02-30' not read as a date; kept in remarks",
        "fsf.xml sanctionEntity #2 EU.2.2: no logicalId; skipped",
        "fsf.xml EU.3.3 (logicalId 33): country 'Atlantis' not recognised; kept as text only",
        "fsf.xml sanctionEntity 33: logicalId repeated; skipped",
        "fsf.xml EU.4.4 (logicalId 44): unknown subjectType 'vessel'; schema Unknown",
        "fsf.xml EU.5.5 (logicalId 55): no nameAlias with a wholeName; skipped",
    )


def test_folder_with_a_download_named_content(tmp_path: Path) -> None:
    # the Commission's address ends in .../content; saved as is, the file has no extension
    (tmp_path / "content").write_text(_DOC, encoding="utf-8")
    (tmp_path / "snapshot.json").write_text("{}", encoding="utf-8")
    assert len(load_list("eu", tmp_path)) == 3


def test_not_the_fsf_export(tmp_path: Path) -> None:
    file = tmp_path / "fsf.xml"
    file.write_text("<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>", encoding="utf-8")
    with pytest.raises(ListFormatError, match="not the EU Financial Sanctions File"):
        load(file)
    file.write_text("<export><sanctionEntity/></export>", encoding="utf-8")
    with pytest.raises(ListFormatError, match="lacks the FSF namespace"):
        load(file)
    file.write_text(f'<export xmlns="{_NS}" generationDate="2024-01-01"/>', encoding="utf-8")
    with pytest.raises(ListFormatError, match="no sanctionEntity record could be read"):
        load(file)


def test_folder_without_one_xml_file(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="no XML file in this folder"):
        load(tmp_path)
    (tmp_path / "a.xml").write_text(_DOC, encoding="utf-8")
    (tmp_path / "b.xml").write_text(_DOC, encoding="utf-8")
    with pytest.raises(ListFormatError, match=r"2 XML files in this folder \(a.xml, b.xml\)"):
        load(tmp_path)
