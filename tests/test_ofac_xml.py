"""OFAC SDN advanced XML loader, on the real excerpt (compared with the same parties in
OFAC's CSV files) and on small hand-written inputs (unsafe XML and the cut-off real file:
test_xml_safety.py).

Counts come from ``../shared/lists/README.md``: 4 DistinctParty (uid 36 entity, 2677
individual, 4238 vessel, 15432 aircraft), 10 Alias, 11 DocumentedName, 20 Feature,
5 Location, no IDRegDocument or ProfileRelationship.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from screening import Screener
from screening.model import EntityList, IdType, NameKind, NameQuality, Schema
from screening.sources import load_list
from screening.sources.files import ListFormatError
from screening.sources.ofac_csv import load_sdn
from screening.sources.ofac_xml import load

EXCERPT = Path("ofac_sdn_advanced_excerpt") / "sdn_advanced_excerpt.xml"
UIDS = ("36", "2677", "4238", "15432")


@pytest.fixture(scope="module")
def xml_file(shared_lists: Path) -> Path:
    file = shared_lists / EXCERPT
    if not file.is_file():
        pytest.skip(f"{file} not found: the SDN advanced XML excerpt is needed for the tests on the real file")
    return file


@pytest.fixture(scope="module")
def sdn(xml_file: Path) -> EntityList:
    return load(xml_file)


def _entity(entities: EntityList, entity_id: str):
    entity = entities.get(entity_id)
    assert entity is not None, f"{entity_id} missing"
    return entity


# ---------------------------------------------------------------------------------------
# The real file


def test_counts_ids_and_snapshot(sdn: EntityList, xml_file: Path) -> None:
    assert [e.entity_id for e in sdn] == [f"ofac-sdn:{u}" for u in UIDS]
    assert [e.schema for e in sdn] == [Schema.ORGANIZATION, Schema.PERSON, Schema.VESSEL, Schema.AIRCRAFT]
    # the entities are the SDN list's, as from the CSV files; the list records the format read
    assert all(e.source == "ofac-sdn" and e.entity_id == f"ofac-sdn:{e.publisher_id}" for e in sdn)
    assert sdn.source == "ofac-sdn-xml" and sdn.snapshot.source == "ofac-sdn-xml"
    assert sdn.snapshot.published == dt.date(2026, 9, 9)  # DateOfIssue
    assert sdn.snapshot.label.startswith("ofac-sdn-xml@2026-09-09#")
    assert sdn.snapshot.entity_count == 4 and sdn.snapshot.path == str(xml_file)
    assert all(e.snapshot is sdn.snapshot for e in sdn)
    assert sdn.issues == ()
    # 11 DocumentedName: 4 primary names, 7 aliases (one of them the Arabic primary name)
    assert sum(len(e.all_names()) for e in sdn) == 11
    assert Counter((a.kind, a.quality, a.script) for e in sdn for a in e.aliases) == {
        (NameKind.AKA, NameQuality.STRONG, None): 6, (NameKind.AKA, NameQuality.STRONG, "Arab"): 1}
    assert [e.programs for e in sdn] == [("CUBA",), ("SDGT",), ("CUBA",), ("SDGT",)]
    assert [e.listed_on for e in sdn] == [dt.date(1986, 12, 10), dt.date(1995, 1, 23), dt.date(1989, 1, 5),
                                          dt.date(2012, 9, 19)]


def test_individual_with_arabic_name(sdn: EntityList) -> None:
    e = _entity(sdn, "ofac-sdn:2677")
    assert e.schema is Schema.PERSON and e.publisher_id == "2677"
    # Last Name part, then First Name part, as the CSV files write individuals
    assert e.name == "Al-Zomor, Abboud Abdul Latif Hassan"
    assert [(a.value, a.kind, a.quality, a.script, a.provenance) for a in e.aliases] == [
        ("ZUMAR, Abbud", NameKind.AKA, NameQuality.STRONG, None, "Alias A.K.A.: DocumentedName 13222"),
        # the primary alias's second DocumentedName, in Arabic script (ScriptID 160)
        ("الزمر عبود عبداللطيف حسن", NameKind.AKA, NameQuality.STRONG, "Arab",
         "Alias Name (primary): DocumentedName 44098, Arabic"),
        ("AL-Zumar, Abbud", NameKind.AKA, NameQuality.STRONG, None, "Alias A.K.A.: DocumentedName 44099"),
        ("El-Zomor, Aboud Abdul Latif Hasan", NameKind.AKA, NameQuality.STRONG, None,
         "Alias A.K.A.: DocumentedName 44100"),
        ("Al-Zumur, Abood Abdul Latif Hassan", NameKind.AKA, NameQuality.STRONG, None,
         "Alias A.K.A.: DocumentedName 44101"),
        ("Al-Zamur, Abboud Abdul Latif Hassan", NameKind.AKA, NameQuality.STRONG, None,
         "Alias A.K.A.: DocumentedName 44102"),
    ]
    (dob,) = e.birth_dates
    assert (dob.start, dob.end, dob.circa, dob.text) == (dt.date(1947, 4, 19), dt.date(1947, 4, 19), False,
                                                         "1947-04-19")
    # nationality: a Location holding only the text "Egypt"; address: Location 1835 (Egypt)
    assert e.countries == ("EG",)
    (address,) = e.addresses
    assert (address.street, address.city, address.country, address.country_name) == ("", "", "EG", "Egypt")
    assert e.identifiers == ()
    assert e.remarks == ("Place of Birth: Nahia, Giza, Egypt; Nationality Country: Egypt; Gender: Male; "
                         "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
                         "Executive Order 13886")


def test_entity(sdn: EntityList) -> None:
    e = _entity(sdn, "ofac-sdn:36")
    assert e.schema is Schema.ORGANIZATION and e.name == "AEROCARIBBEAN AIRLINES"
    assert [(a.value, a.kind, a.quality) for a in e.aliases] == [
        ("AERO-CARIBBEAN", NameKind.AKA, NameQuality.STRONG)]
    (address,) = e.addresses
    assert (address.street, address.city, address.country, address.country_name) == ("", "Havana", "CU", "Cuba")
    assert e.countries == ("CU",) and e.birth_dates == () and e.identifiers == () and e.remarks == ""


def test_vessel(sdn: EntityList) -> None:
    e = _entity(sdn, "ofac-sdn:4238")
    assert e.schema is Schema.VESSEL and e.name == "MAR AZUL" and e.aliases == ()
    (call_sign,) = e.identifiers
    assert (call_sign.type, call_sign.value, call_sign.country, call_sign.label) == (
        IdType.OTHER, "CL2192", "CU", "Call Sign")
    assert e.countries == ("CU",)  # the flag
    assert e.addresses == ()  # Location 2237 holds nothing but an "undetermined" area code
    assert e.remarks == "Vessel Type: Tug; Vessel GRT: 212; Vessel Flag: Cuba; Vessel Owner: Samir de Navegacion S.A."


def test_aircraft(sdn: EntityList) -> None:
    e = _entity(sdn, "ofac-sdn:15432")
    assert e.schema is Schema.AIRCRAFT and e.name == "EP-GOL"
    assert [(i.type, i.value, i.label) for i in e.identifiers] == [
        (IdType.OTHER, "8305", "Aircraft Construction Number (also called L/N or S/N or F/N)"),
        (IdType.OTHER, "1013409297", "Aircraft Manufacturer's Serial Number (MSN)")]
    assert e.remarks == ("Aircraft Manufacture Date: 1991; Aircraft Model: IL-76TD; Aircraft Operator: YAS AIR; "
                         "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
                         "Executive Order 13886")
    assert e.countries == () and e.addresses == () and e.birth_dates == ()


def test_same_parties_as_the_csv_files(sdn: EntityList, shared_lists: Path) -> None:
    """The four parties as ``ofac_sdn_2023-12`` (sdn.csv, alt.csv, add.csv) gives them: the
    same ids, kinds, programmes, names (the CSV files write last names in capitals),
    countries, addresses, identifiers and dates of birth."""
    folder = shared_lists / "ofac_sdn_2023-12"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found: the OFAC CSV files are needed to compare the two formats")
    csv = load_sdn(folder)
    for xml_entity in sdn:
        csv_entity = _entity(csv, xml_entity.entity_id)
        assert (csv_entity.source, csv_entity.publisher_id, csv_entity.schema, csv_entity.programs) == (
            xml_entity.source, xml_entity.publisher_id, xml_entity.schema, xml_entity.programs)
        latin = [n.value.casefold() for n in xml_entity.all_names() if n.script is None]
        assert latin == [n.value.casefold() for n in csv_entity.all_names()]
        assert [(n.kind, n.quality) for n in xml_entity.all_names() if n.script is None] == [
            (n.kind, n.quality) for n in csv_entity.all_names()]
        assert xml_entity.countries == csv_entity.countries
        assert xml_entity.addresses == csv_entity.addresses
        assert xml_entity.identifiers == csv_entity.identifiers
        assert [(d.start, d.end, d.circa) for d in xml_entity.birth_dates] == [
            (d.start, d.end, d.circa) for d in csv_entity.birth_dates]
    # one party in full: the same names, only the capitalisation of last names differs
    assert _entity(csv, "ofac-sdn:2677").name == "AL-ZOMOR, Abboud Abdul Latif Hassan"
    assert [a.value for a in _entity(csv, "ofac-sdn:2677").aliases] == [
        "ZUMAR, Abbud", "AL-ZUMAR, Abbud", "EL-ZOMOR, Aboud Abdul Latif Hasan",
        "AL-ZUMUR, Abood Abdul Latif Hassan", "AL-ZAMUR, Abboud Abdul Latif Hassan"]
    # loaded together, each party is one entity (the Screener keeps the first list's)
    parties = dataclasses.replace(csv, entities=tuple(_entity(csv, e.entity_id) for e in sdn))
    screener = Screener([parties, sdn], curated=False)
    assert screener.entity_count == 4


def test_load_list_by_folder_and_screen(xml_file: Path) -> None:
    entities = load_list("ofac-sdn-xml", xml_file.parent)  # the folder's one .xml file
    assert len(entities) == 4 and entities.source == "ofac-sdn-xml"
    screener = Screener([entities])
    hits = screener.match("Abboud Abdul Latif Hassan al-Zomor", schema="Person")
    assert hits and hits[0].entity_id == "ofac-sdn:2677" and hits[0].source == "ofac-sdn"
    hits = screener.match("الزمر عبود عبداللطيف حسن")
    assert hits and hits[0].entity_id == "ofac-sdn:2677" and hits[0].matched_name == "الزمر عبود عبداللطيف حسن"


# ---------------------------------------------------------------------------------------
# Hand-written inputs

_NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"

_REFERENCES = """
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1401">F.K.A.</AliasType>
      <AliasType ID="1402">N.K.A.</AliasType><AliasType ID="1403">Name</AliasType></AliasTypeValues>
    <AreaCodeValues><AreaCode ID="11291" CountryID="11291" Description="undetermined" AreaCodeTypeID="1" />
      <AreaCode ID="11082" CountryID="11082" Description="Egypt" AreaCodeTypeID="1">EG</AreaCode></AreaCodeValues>
    <CountryValues><Country ID="11082" ISO2="EG">Egypt</Country><Country ID="11117" ISO2="DE">Germany</Country>
      <Country ID="11291">undetermined</Country></CountryValues>
    <DetailReferenceValues><DetailReference ID="91526">Male</DetailReference></DetailReferenceValues>
    <DetailTypeValues><DetailType ID="1430">DATE</DetailType><DetailType ID="1431">LOOKUP</DetailType>
      <DetailType ID="1432">TEXT</DetailType><DetailType ID="1433">COUNTRY</DetailType></DetailTypeValues>
    <DocNameStatusValues><DocNameStatus ID="1">Primary Latin</DocNameStatus><DocNameStatus ID="2">Others</DocNameStatus></DocNameStatusValues>
    <EntryEventTypeValues><EntryEventType ID="1">Created</EntryEventType></EntryEventTypeValues>
    <FeatureTypeValues>
      <FeatureType ID="8" FeatureTypeGroupID="1">Birthdate</FeatureType>
      <FeatureType ID="11" FeatureTypeGroupID="1">Citizenship Country</FeatureType>
      <FeatureType ID="14" FeatureTypeGroupID="1">Website</FeatureType>
      <FeatureType ID="25" FeatureTypeGroupID="1">Location</FeatureType>
      <FeatureType ID="26" FeatureTypeGroupID="1">Title</FeatureType>
      <FeatureType ID="224" FeatureTypeGroupID="1">Gender</FeatureType>
      <FeatureType ID="806" FeatureTypeGroupID="1">ISIN</FeatureType>
      <FeatureType ID="646" FeatureTypeGroupID="1">Organization Established Date</FeatureType>
    </FeatureTypeValues>
    <IDRegDocDateTypeValues><IDRegDocDateType ID="1480">Issue Date</IDRegDocDateType></IDRegDocDateTypeValues>
    <IDRegDocTypeValues><IDRegDocType ID="1571">Passport</IDRegDocType>
      <IDRegDocType ID="1626">Vessel Registration Identification</IDRegDocType>
      <IDRegDocType ID="9999">Library Card</IDRegDocType></IDRegDocTypeValues>
    <ListValues><List ID="1550">SDN List</List><List ID="91512">Consolidated List</List></ListValues>
    <LocPartTypeValues><LocPartType ID="1451">ADDRESS1</LocPartType><LocPartType ID="1454">CITY</LocPartType>
      <LocPartType ID="1455">STATE/PROVINCE</LocPartType><LocPartType ID="1456">POSTAL CODE</LocPartType>
      <LocPartType ID="1450">REGION</LocPartType></LocPartTypeValues>
    <NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType>
      <NamePartType ID="1522">Middle Name</NamePartType><NamePartType ID="1525">Entity Name</NamePartType></NamePartTypeValues>
    <PartySubTypeValues><PartySubType ID="1" PartyTypeID="4">Vessel</PartySubType>
      <PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType>
      <PartySubType ID="5" PartyTypeID="3">Unknown</PartySubType></PartySubTypeValues>
    <PartyTypeValues><PartyType ID="1">Individual</PartyType><PartyType ID="2">Entity</PartyType>
      <PartyType ID="3">Location</PartyType><PartyType ID="4">Transport</PartyType></PartyTypeValues>
    <RelationTypeValues><RelationType ID="15003">Owned or Controlled By</RelationType></RelationTypeValues>
    <ReliabilityValues><Reliability ID="1">Unknown</Reliability><Reliability ID="1561">False</Reliability></ReliabilityValues>
    <SanctionsTypeValues><SanctionsType ID="1705">Block</SanctionsType><SanctionsType ID="1">Program</SanctionsType></SanctionsTypeValues>
    <ScriptValues><Script ID="215" ScriptCode="Latin">Latin</Script><Script ID="501" ScriptCode="Hans">Chinese Simplified</Script>
      <Script ID="220" ScriptCode="Cyrl">Cyrillic</Script></ScriptValues>
    <ValidityValues><Validity ID="1">Valid</Validity><Validity ID="2">Fraudulent</Validity></ValidityValues>
  </ReferenceValueSets>"""


def _name(doc_id: str, status: str, *parts: tuple[str, str, str]) -> str:
    values = "".join(f'<DocumentedNamePart><NamePartValue NamePartGroupID="{g}" ScriptID="{s}">{v}</NamePartValue>'
                     f'</DocumentedNamePart>' for g, s, v in parts)
    return f'<DocumentedName ID="{doc_id}" DocNameStatusID="{status}">{values}</DocumentedName>'


def _period(start: str, end: str, approximate: str = "false") -> str:
    def ymd(value: str) -> str:
        return "".join(f"<{t}>{v}</{t}>" for t, v in zip(("Year", "Month", "Day"), value.split("-")))
    return (f'<DatePeriod CalendarTypeID="1"><Start Approximate="{approximate}"><From>{ymd(start)}</From>'
            f'<To>{ymd(start)}</To></Start><End Approximate="{approximate}"><From>{ymd(end)}</From>'
            f'<To>{ymd(end)}</To></End></DatePeriod>')


def _feature(type_id: str, body: str, reliability: str = "1") -> str:
    return (f'<Feature FeatureTypeID="{type_id}"><FeatureVersion ReliabilityID="{reliability}"><Comment />{body}'
            f'</FeatureVersion></Feature>')


_DOC = f"""<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="{_NS}" Version="3">
  <DateOfIssue CalendarTypeID="1"><Year>2024</Year><Month>5</Month><Day>3</Day></DateOfIssue>
  {_REFERENCES}
  <Locations>
    <Location ID="1"><LocationCountry CountryID="11117" CountryRelevanceID="1413" />
      <LocationPart LocPartTypeID="1451"><LocationPartValue Primary="true"><Value>Hauptstrasse 1</Value></LocationPartValue></LocationPart>
      <LocationPart LocPartTypeID="1454"><LocationPartValue Primary="true"><Value>Berlin</Value></LocationPartValue></LocationPart>
      <LocationPart LocPartTypeID="1456"><LocationPartValue Primary="true"><Value>10115</Value></LocationPartValue></LocationPart>
      <LocationPart LocPartTypeID="1450"><LocationPartValue Primary="true"><Value>Mitte</Value></LocationPartValue></LocationPart>
    </Location>
    <Location ID="2"><LocationAreaCode AreaCodeID="11082" /></Location>
    <Location ID="3"><LocationAreaCode AreaCodeID="11291" /></Location>
    <Location ID="4"><LocationPart LocPartTypeID="1450"><LocationPartValue Primary="true"><Value>Gaza</Value></LocationPartValue></LocationPart></Location>
  </Locations>
  <IDRegDocuments>
    <IDRegDocument ID="1" IDRegDocTypeID="1571" IdentityID="100" IssuedBy-CountryID="11082" ValidityID="2">
      <Comment /><IDRegistrationNo>A1234567</IDRegistrationNo>
      <DocumentDate IDRegDocDateTypeID="1480">{_period("2010-01-02", "2010-01-02")}</DocumentDate>
    </IDRegDocument>
    <IDRegDocument ID="2" IDRegDocTypeID="9999" IdentityID="100" ValidityID="1"><IDRegistrationNo>LC-9</IDRegistrationNo></IDRegDocument>
    <IDRegDocument ID="3" IDRegDocTypeID="1626" IdentityID="300" ValidityID="1"><IDRegistrationNo>IMO 9187629</IDRegistrationNo></IDRegDocument>
    <IDRegDocument ID="4" IDRegDocTypeID="1571" IdentityID="999" ValidityID="1"><IDRegistrationNo>X1</IDRegistrationNo></IDRegDocument>
  </IDRegDocuments>
  <DistinctParties>
    <DistinctParty FixedRef="10"><Profile ID="10" PartySubTypeID="4">
      <Identity ID="100" FixedRef="10" Primary="true" False="false">
        <Alias FixedRef="10" AliasTypeID="1403" Primary="true" LowQuality="false">
          {_name("1", "1", ("1", "215", "PETROV"), ("2", "215", "Ivan"), ("3", "215", "Ivanovich"))}
          {_name("2", "2", ("1", "220", "ПЕТРОВ"), ("2", "220", "Иван"))}
          {_name("3", "2", ("1", "501", "彼得罗夫"))}
        </Alias>
        <Alias FixedRef="10" AliasTypeID="1400" Primary="false" LowQuality="true">{_name("4", "2", ("4", "215", "VANYA"))}</Alias>
        <Alias FixedRef="10" AliasTypeID="1401" Primary="false" LowQuality="false">{_name("5", "2", ("1", "215", "PETROFF"), ("2", "215", "John"))}</Alias>
        <Alias FixedRef="10" AliasTypeID="1402" Primary="false" LowQuality="false">{_name("6", "2", ("1", "215", "PIETRO"))}</Alias>
        <NamePartGroups>
          <MasterNamePartGroup><NamePartGroup ID="1" NamePartTypeID="1520" /></MasterNamePartGroup>
          <MasterNamePartGroup><NamePartGroup ID="2" NamePartTypeID="1521" /></MasterNamePartGroup>
          <MasterNamePartGroup><NamePartGroup ID="3" NamePartTypeID="1522" /></MasterNamePartGroup>
          <MasterNamePartGroup><NamePartGroup ID="4" NamePartTypeID="1521" /></MasterNamePartGroup>
        </NamePartGroups>
      </Identity>
      {_feature("8", _period("1960", "1962", "true"))}
      {_feature("8", _period("1970-05", "1970-05"))}
      {_feature("11", '<VersionDetail DetailTypeID="1433" /><VersionLocation LocationID="2" />')}
      {_feature("25", '<VersionLocation LocationID="1" />')}
      {_feature("25", '<VersionLocation LocationID="3" />')}
      {_feature("25", '<VersionLocation LocationID="4" />')}
      {_feature("26", '<VersionDetail DetailTypeID="1432">Minister</VersionDetail>')}
      {_feature("224", '<VersionDetail DetailTypeID="1431" DetailReferenceID="91526" />')}
      {_feature("14", '<VersionDetail DetailTypeID="1432">www.example.invalid</VersionDetail>')}
      {_feature("8", _period("1999-01-01", "1999-01-01"), reliability="1561")}
    </Profile></DistinctParty>
    <DistinctParty FixedRef="20"><Profile ID="20" PartySubTypeID="3">
      <Identity ID="200" FixedRef="20" Primary="true" False="false">
        <Alias FixedRef="20" AliasTypeID="1403" Primary="true" LowQuality="false">{_name("7", "1", ("5", "215", "ACME TRADING LLC"))}</Alias>
        <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="5" NamePartTypeID="1525" /></MasterNamePartGroup></NamePartGroups>
      </Identity>
      {_feature("806", '<VersionDetail DetailTypeID="1432">US1234567890</VersionDetail>')}
      {_feature("646", _period("2001-01-01", "2001-12-31"))}
    </Profile></DistinctParty>
    <DistinctParty FixedRef="30"><Profile ID="30" PartySubTypeID="1">
      <Identity ID="300" FixedRef="30" Primary="true" False="false">
        <Alias FixedRef="30" AliasTypeID="1403" Primary="true" LowQuality="false">{_name("8", "1", ("6", "215", "SEA STAR"))}</Alias>
        <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="6" NamePartTypeID="1525" /></MasterNamePartGroup></NamePartGroups>
      </Identity>
    </Profile></DistinctParty>
    <DistinctParty FixedRef="40"><Profile ID="40" PartySubTypeID="5">
      <Identity ID="400" FixedRef="40" Primary="true" False="false">
        <Alias FixedRef="40" AliasTypeID="1400" Primary="false" LowQuality="false">{_name("9", "1", ("7", "215", "SOMEWHERE"))}</Alias>
        <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="7" NamePartTypeID="1525" /></MasterNamePartGroup></NamePartGroups>
      </Identity>
    </Profile></DistinctParty>
    <DistinctParty FixedRef="10"><Profile ID="10" PartySubTypeID="4" /></DistinctParty>
    <DistinctParty FixedRef="50"><Profile ID="50" PartySubTypeID="3"><Identity ID="500" Primary="true" /></Profile></DistinctParty>
  </DistinctParties>
  <ProfileRelationships>
    <ProfileRelationship ID="1" From-ProfileID="20" To-ProfileID="10" RelationTypeID="15003" />
    <ProfileRelationship ID="2" From-ProfileID="20" To-ProfileID="77" RelationTypeID="15003" />
  </ProfileRelationships>
  <SanctionsEntries>
    <SanctionsEntry ID="10" ProfileID="10" ListID="1550">
      <EntryEvent ID="10" EntryEventTypeID="1" LegalBasisID="1"><Date CalendarTypeID="1"><Year>2020</Year><Month>2</Month><Day>3</Day></Date></EntryEvent>
      <SanctionsMeasure ID="1" SanctionsTypeID="1705"><DatePeriod CalendarTypeID="1" /></SanctionsMeasure>
      <SanctionsMeasure ID="2" SanctionsTypeID="1"><Comment>RUSSIA-EO14024</Comment></SanctionsMeasure>
      <SanctionsMeasure ID="3" SanctionsTypeID="1"><Comment>UKRAINE-EO13661</Comment></SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="20" ProfileID="20" ListID="91512">
      <SanctionsMeasure ID="4" SanctionsTypeID="1"><Comment>SDGT</Comment></SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="40" ProfileID="40" ListID="1550" />
    <SanctionsEntry ID="99" ProfileID="99" ListID="1550" />
  </SanctionsEntries>
</Sanctions>
"""


def test_hand_written_file(tmp_path: Path) -> None:
    (tmp_path / "SDN_ADVANCED.XML").write_text(_DOC, encoding="utf-8")
    (tmp_path / "other.xml").write_text("<x/>", encoding="utf-8")  # sdn_advanced.xml is preferred
    entities = load(tmp_path)
    assert entities.snapshot.published == dt.date(2024, 5, 3)
    assert [e.entity_id for e in entities] == ["ofac-sdn:10", "ofac-sdn:20", "ofac-sdn:30", "ofac-sdn:40"]
    ivan, acme, star, somewhere = entities
    assert ivan.schema is Schema.PERSON and ivan.name == "PETROV, Ivan Ivanovich"
    assert [(a.value, a.kind, a.quality, a.script) for a in ivan.aliases] == [
        ("ПЕТРОВ Иван", NameKind.AKA, NameQuality.STRONG, "Cyrl"),
        ("彼得罗夫", NameKind.AKA, NameQuality.STRONG, "Hani"),
        ("VANYA", NameKind.AKA, NameQuality.WEAK, None),  # LowQuality="true": a weak a.k.a.
        ("PETROFF, John", NameKind.FKA, NameQuality.STRONG, None),
        ("PIETRO", NameKind.NKA, NameQuality.STRONG, None)]
    assert ivan.aliases[1].provenance == "Alias Name (primary): DocumentedName 3, Chinese Simplified"
    assert ivan.aliases[2].provenance == "Alias A.K.A. low quality: DocumentedName 4"
    assert [(d.start, d.end, d.circa, d.text) for d in ivan.birth_dates] == [
        (dt.date(1960, 1, 1), dt.date(1962, 12, 31), True, "circa 1960 to 1962"),
        (dt.date(1970, 5, 1), dt.date(1970, 5, 31), False, "1970-05")]
    assert ivan.countries == ("EG", "DE", "PS")  # citizenship, then the addresses
    assert [(a.street, a.city, a.country, a.country_name, a.remarks) for a in ivan.addresses] == [
        ("Hauptstrasse 1", "Berlin 10115", "DE", "Germany", "Region: Mitte"),
        ("", "", "PS", "Region: Gaza", "")]  # Location 3 ("undetermined") is no address
    assert [(i.type, i.value, i.country, i.label) for i in ivan.identifiers] == [
        (IdType.PASSPORT, "A1234567", "EG", "Passport"),
        (IdType.OTHER, "LC-9", None, "Library Card")]
    assert ivan.remarks == (
        "Title: Minister; Citizenship Country: Egypt; Gender: Male; Website: www.example.invalid; "
        "Birthdate (false): 1999-01-01; Passport A1234567: fraudulent, Issue Date 2010-01-02")
    assert ivan.programs == ("RUSSIA-EO14024", "UKRAINE-EO13661") and ivan.listed_on == dt.date(2020, 2, 3)
    assert acme.schema is Schema.ORGANIZATION
    assert [(i.type, i.value) for i in acme.identifiers] == [(IdType.ISIN, "US1234567890")]
    assert acme.remarks == ("Organization Established Date: 2001; Linked To: PETROV, Ivan Ivanovich "
                            "(Owned or Controlled By); Linked To: profile 77 (not in this file) "
                            "(Owned or Controlled By)")
    assert acme.programs == ("SDGT",) and acme.listed_on is None
    # the document "IMO 9187629" is typed as the CSV Remarks' "Vessel Registration Identification IMO ..."
    assert star.schema is Schema.VESSEL
    assert [(i.type, i.value, i.label) for i in star.identifiers] == [
        (IdType.IMO, "9187629", "Vessel Registration Identification IMO")]
    assert somewhere.schema is Schema.UNKNOWN and somewhere.name == "SOMEWHERE"
    assert entities.issues == (
        "SDN_ADVANCED.XML DistinctParty 40: no primary alias; the first name is read as primary",
        "SDN_ADVANCED.XML DistinctParty 40: party type 'Location' not known; schema Unknown",
        "SDN_ADVANCED.XML DistinctParty 10: FixedRef repeated; skipped",
        "SDN_ADVANCED.XML DistinctParty 50: no name; skipped",
        "SDN_ADVANCED.XML SanctionsEntry 99: ProfileID 99 is not a DistinctParty in this file; ignored",
        "SDN_ADVANCED.XML DistinctParty 30: no SanctionsEntry; no programme",
        "SDN_ADVANCED.XML: IDRegDocument(s) for 1 identity(ies) of no loaded party ignored (IdentityID 999)",
        ("SDN_ADVANCED.XML: 1 SanctionsEntry(ies) on 'Consolidated List', not the SDN List; their parties "
         "are loaded with ids ofac-sdn:<FixedRef> all the same"),
    )


def test_not_the_advanced_xml(tmp_path: Path) -> None:
    file = tmp_path / "sdn_advanced.xml"
    file.write_text('<sdnList xmlns="http://tempuri.org/sdnList.xsd"><sdnEntry/></sdnList>', encoding="utf-8")
    with pytest.raises(ListFormatError, match="not OFAC's advanced XML"):
        load(file)
    file.write_text("<Sanctions><DistinctParties/></Sanctions>", encoding="utf-8")  # no namespace
    with pytest.raises(ListFormatError, match="not OFAC's advanced XML"):
        load(file)
    file.write_text(f'<Sanctions xmlns="{_NS}"><DistinctParties/></Sanctions>', encoding="utf-8")
    with pytest.raises(ListFormatError, match="no DistinctParty could be read"):
        load(file)


def test_folder_without_the_file(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="no sdn_advanced.xml"):
        load(tmp_path)
    (tmp_path / "a.xml").write_text("<x/>", encoding="utf-8")
    (tmp_path / "b.xml").write_text("<x/>", encoding="utf-8")
    with pytest.raises(ListFormatError, match=r"no sdn_advanced.xml, and 2 other .xml files"):
        load(tmp_path)
