"""trade.gov Consolidated Screening List loader, on the three real samples (two layouts) and on
small hand-written files.

Row counts per sub-list come from ``../shared/lists/README.md`` and were re-measured with a
plain ``csv.DictReader`` (the 2025 sample's, which the README does not give, were measured
that way only); line numbers of the defects were found with ``grep -n`` and ``awk``; the
rest was measured on the files and guards the id rule, the sub-list codes and the field
mapping against regressions.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from screening.model import EntityList, IdType, NameKind, NameQuality, Schema
from screening.sources import load_list
from screening.sources.csl import derived_id, load, select, sublist_codes, sublist_of
from screening.sources.files import ListFormatError

HEADER_2023 = ("_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
               "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
               "vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
               "source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
               "source_information_url,ids")
EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"


@pytest.fixture(scope="module")
def csl_2019(shared_lists: Path) -> EntityList:
    return load(shared_lists / "trade_gov_csl_sample" / "csl.csv")


@pytest.fixture(scope="module")
def csl_2023(shared_lists: Path) -> EntityList:
    return load(shared_lists / "trade_gov_csl_2023-11_sample")  # the folder


@pytest.fixture(scope="module")
def csl_2025(shared_lists: Path) -> EntityList:
    return load(shared_lists / "trade_gov_csl_2025-06_sample" / "consolidated.csv")


def _entity(entities: EntityList, entity_id: str):
    entity = entities.get(entity_id)
    assert entity is not None, f"{entity_id} missing"
    return entity


# ---------------------------------------------------------------------------------------
# Counts


@pytest.mark.parametrize("fixture, by_sublist", [
    ("csl_2019",
     {"SDN": 28, "SSI": 26, "EL": 22, "PLC": 13, "DTC": 10, "DPL": 8, "UVL": 4, "ISN": 3, "CAP": 1}),
    ("csl_2023",
     {"SDN": 1737, "EL": 919, "DPL": 577, "SSI": 288, "UVL": 186, "ISN": 144, "DTC": 142, "PLC": 78,
      "MEU": 71, "CMIC": 68, "NS-MBS": 14, "FSE": 1, "CAP": 1}),
    ("csl_2025",
     {"SSI": 3, "PLC": 2, "ISN": 1, "UVL": 1, "MEU": 1, "SDN": 1, "DTC": 1, "DPL": 1, "FSE": 1, "EL": 1}),
])
def test_counts(request: pytest.FixtureRequest, fixture: str, by_sublist: dict[str, int]) -> None:
    entities = request.getfixturevalue(fixture)
    rows = sum(by_sublist.values())  # 115, 4,226 and 13: every good row, one entity each
    assert len(entities) == rows == entities.snapshot.entity_count
    assert Counter(sublist_of(e) for e in entities) == by_sublist
    assert len({e.entity_id for e in entities}) == rows
    assert all(e.entity_id == f"csl:{e.publisher_id}" and e.source == "csl" for e in entities)
    assert all(e.snapshot is entities.snapshot for e in entities)
    assert entities.snapshot.published is None  # the CSL carries no publication date
    assert set(by_sublist) <= set(sublist_codes().values())


def test_every_good_row_loads(shared_lists: Path, csl_2023: EntityList) -> None:
    # An independent reading: csv.DictReader, minus the repeated header and the cut-off last row.
    with (shared_lists / "trade_gov_csl_2023-11_sample" / "consolidated.csv").open(
            encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["_id"] != "_id" and r["ids"] is not None]
    assert len(rows) == 4226
    codes = sublist_codes()
    expected = Counter((codes[r["source"]], " ".join(r["name"].split())) for r in rows)
    assert Counter((sublist_of(e), e.name) for e in csl_2023) == expected
    types = Counter(r["type"] for r in rows)
    assert types == {"": 2039, "Individual": 1124, "Entity": 1060, "Vessel": 3}
    schemas = Counter(e.schema for e in csl_2023)
    assert schemas[Schema.PERSON] == 1124 and schemas[Schema.VESSEL] == 3
    # Commerce and State rows have no type: organization by their name's words, else unknown
    assert schemas == {Schema.PERSON: 1124, Schema.VESSEL: 3, Schema.ORGANIZATION: 1060 + 829,
                       Schema.UNKNOWN: 1210}


def test_2019_schemas(csl_2019: EntityList) -> None:
    # type column: 20 Individual, 46 Entity, 2 Vessel, 47 empty
    assert Counter(e.schema for e in csl_2019) == {Schema.PERSON: 20, Schema.VESSEL: 2,
                                                   Schema.ORGANIZATION: 46 + 18, Schema.UNKNOWN: 29}


# ---------------------------------------------------------------------------------------
# Defects, each with its line


def test_2023_defects(csl_2023: EntityList) -> None:
    assert csl_2023.issues == (
        "consolidated.csv line 2: repeats the header line; skipped",
        ("consolidated.csv line 4233: truncated record: 8 of 29 fields, a quoted value is still open "
         "at the end of the file; skipped"),
        ("consolidated.csv lines 10, 1012: id '17014' on 2 rows; made unique as csl:17014-NS-MBS, "
         "csl:17014-SSI"),
        ("consolidated.csv lines 844, 1091: id '17016' on 2 rows; made unique as csl:17016-NS-MBS, "
         "csl:17016-SSI"),
        ("consolidated.csv lines 845, 1096: id '17143' on 2 rows; made unique as csl:17143-NS-MBS, "
         "csl:17143-SSI"),
        ("consolidated.csv lines 846, 1099: id '17250' on 2 rows; made unique as csl:17250-NS-MBS, "
         "csl:17250-SSI"),
        ("consolidated.csv lines 847, 1100: id '17254' on 2 rows; made unique as csl:17254-NS-MBS, "
         "csl:17254-SSI"),
        "consolidated.csv lines 1031, 3482: id '9659' on 2 rows; made unique as csl:9659-PLC, csl:9659-SDN",
        "consolidated.csv lines 1089, 3481: id '9647' on 2 rows; made unique as csl:9647-PLC, csl:9647-SDN",
    )


def test_truncated_last_record_is_the_ent_11476_row(shared_lists: Path, csl_2023: EntityList) -> None:
    text = (shared_lists / "trade_gov_csl_2023-11_sample" / "consolidated.csv").read_text(encoding="utf-8")
    assert text.count("\n") == 4232 and not text.endswith("\n")  # so the last line is 4233
    assert text.rsplit("\n", 1)[1].startswith('"11476","Specially Designated Nationals (SDN)')
    assert csl_2023.get("csl:11476") is None
    assert not any(e.name == "BERMUDEZ SUAZA, Pedro Antonio" for e in csl_2023)


def test_2019_and_2025_defects(csl_2019: EntityList, csl_2025: EntityList) -> None:
    assert csl_2019.issues == (
        ("csl.csv: 2019 layout, no _id column: ids are the entity_number of 68 rows and derived from "
         "the content for 47"),)
    assert csl_2025.issues == ()


def test_one_party_on_two_sublists(csl_2023: EntityList) -> None:
    assert csl_2023.get("csl:17014") is None
    ssi, mbs = _entity(csl_2023, "csl:17014-SSI"), _entity(csl_2023, "csl:17014-NS-MBS")
    assert ssi.name == "JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK"
    assert mbs.name == "Joint Stock Company Russian Agricultural Bank"
    assert ssi.programs == ("SSI", "UKRAINE-EO13662", "RUSSIA-EO14024")
    assert mbs.programs == ("NS-MBS", "UKRAINE-EO13662", "RUSSIA-EO14024")
    assert _entity(csl_2023, "csl:9647-SDN").name == "ZAHHAR, Mahmoud Khaled"
    assert _entity(csl_2023, "csl:9647-PLC").name == "Mahmoud Khaled ZAHHAR"


# ---------------------------------------------------------------------------------------
# Exact records


def test_entity_list_company(csl_2023: EntityList) -> None:
    # consolidated.csv line 2172
    casc = _entity(csl_2023, "csl:5fe80d5c6a5cbba1082e18adeef87f1135482f525aee0cfa52ff8dea")
    assert casc.name == "China Aerospace Science and Technology Corporation (CASC)"
    assert casc.schema is Schema.ORGANIZATION  # no type on BIS rows; "CORPORATION" makes it one
    assert casc.programs == ("EL",)
    assert [(a.value, a.kind, a.quality, a.provenance) for a in casc.aliases] == [
        ("13th Institute", NameKind.AKA, NameQuality.STRONG, "alt_names"),
        ("Beijing Institute of Aerospace Control Devices (BIACD)", NameKind.AKA, NameQuality.STRONG,
         "alt_names"),
        ("230 Factory", NameKind.AKA, NameQuality.STRONG, "alt_names"),
        # published "; and Beijing Aerospace ...": the Federal Register's "and" is dropped
        ("Beijing Aerospace Times Optical-Electronic Technology Co., Ltd.", NameKind.AKA,
         NameQuality.STRONG, "alt_names"),
    ]
    (address,) = casc.addresses
    assert (address.street, address.city, address.country, address.country_name) == (
        "No.1 Fengying East Road, Haidian District, Beijing, 100094", "", "CN", "CN")
    assert casc.countries == ("CN",)
    assert casc.listed_on == dt.date(2001, 5, 14)
    assert casc.birth_dates == () and casc.identifiers == ()
    assert casc.remarks == (
        "Federal Register notice: 66 FR 24265; 84 FR 40241; Start date: 2001-05-14; "
        "License requirement: For all items subject to the EAR (See §744.11 of the EAR); "
        "License policy: See §744.3(d) of this part; "
        "Source information: https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list")


def test_cmic_company(csl_2023: EntityList) -> None:
    telecom = _entity(csl_2023, "csl:30882")  # line 3
    assert telecom.name == "China Telecom Corporation Limited"
    assert telecom.schema is Schema.ORGANIZATION
    assert telecom.programs == ("CMIC", "CMIC-EO13959")
    # alt_names, then the one Issuer Name not already among them
    assert [(a.value, a.provenance) for a in telecom.aliases] == [
        ("CHINA TELECOM", "alt_names"), ("CHINA TELECOM CO., LTD", "alt_names"),
        ("CHINA TELECOM CORP LTD", "alt_names"),
        ("China Telecom Corporation Limited.Co.Ltd", "ids Issuer Name")]
    assert telecom.identifiers_of(IdType.USCC)[0].value == "9111000071093019X7"
    assert telecom.identifiers_of(IdType.USCC)[0].country == "CN"
    assert [i.value for i in telecom.identifiers_of(IdType.ISIN)] == [
         "US1694261033", "CNE1000002V2", "CND100020NC4", "CND1000248G3", "CND10003ND87"]
    assert [i.value for i in telecom.identifiers_of(IdType.TICKER)] == [
         "CHA US", "CHA RU", "ZCHA DE", "CHA AR", "K3ED SG", "0728 HK", "ZCH DE"]
    assert len(telecom.identifiers) == 13
    assert [(a.street, a.country) for a in telecom.addresses] == [
        ("31 Jinrong Street, Xicheng District, Beijing, 100033", "CN")]
    assert telecom.countries == ("CN",)
    assert telecom.listed_on == dt.date(2021, 6, 3)  # no start_date: the ids' Listing Date (CMIC)
    assert telecom.remarks == (
        "Target Type: Public Company; Listing Date (CMIC): 2021-06-03; "
        "Purchase/Sales For Divestment Date (CMIC): 2022-06-03; Effective Date (CMIC): 2021-08-02; "
        "Source information: https://ofac.treasury.gov/consolidated-sanctions-list/ns-cmic-list")
    cmic = select(csl_2023, "CMIC")
    assert len(cmic) == 68 and all(e.programs == ("CMIC", "CMIC-EO13959") for e in cmic)


def test_person(csl_2025: EntityList) -> None:
    rim = _entity(csl_2025, "csl:52291")
    assert (rim.name, rim.schema, rim.programs) == ("RIM, Ryong Nam", Schema.PERSON, ("SDN", "NPWMD"))
    assert rim.aliases == ()
    assert [(d.start, d.end, d.text) for d in rim.birth_dates] == [
        (dt.date(1978, 12, 5), dt.date(1978, 12, 5), "1978-12-05")]
    (passport,) = rim.identifiers
    assert (passport.type, passport.value, passport.country, passport.label) == (
        IdType.PASSPORT, "836238033", "KP", "Passport")
    assert [(a.street, a.country) for a in rim.addresses] == [("Shenyang", "CN"), ("Pyongyang", "KP")]
    assert rim.countries == ("KP", "CN")  # nationality first, then the addresses
    assert "Gender: Male" in rim.remarks
    assert "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210" \
        in rim.remarks


def test_person_with_circa_birth_date(csl_2023: EntityList) -> None:
    circa = [e for e in csl_2023 if any(d.circa for d in e.birth_dates)]
    assert len(circa) == 54  # rows with "circa" in dates_of_birth (66 values in all)
    zawahiri = _entity(csl_2023, "csl:2676")
    assert zawahiri.schema is Schema.PERSON and zawahiri.programs == ("SDN", "SDGT")
    assert [a.value for a in zawahiri.aliases] == [
        "AL-ZAWAHIRI, Ayman", "SALIM, Ahmad Fuad", "AL-ZAWAHIRI, Aiman Muhammad Rabi"]
    assert [(i.type, i.value, i.country) for i in zawahiri.identifiers] == [
        (IdType.PASSPORT, "19820215", None), (IdType.PASSPORT, "1084010", "EG")]
    assert "Places of birth: Giza, Egypt" in zawahiri.remarks


def test_2019_layout_records(csl_2019: EntityList) -> None:
    # Treasury rows: the id is entity_number; ids written "country, number, type"
    psa = _entity(csl_2019, "csl:20264")
    assert psa.name == "200G PSA HOLDINGS LLC" and psa.programs == ("SDN", "SDNTK")
    assert [(i.type, i.value, i.country, i.label) for i in psa.identifiers] == [
        (IdType.TAX_ID, "80-0890696", "US", "Tax ID No.")]
    assert [(a.street, a.country) for a in psa.addresses] == [
        ("80 SW 8th Street Suite 2000, Miami, FL, 33130", "US")]
    zboun = _entity(csl_2019, "csl:9652")
    assert (zboun.name, zboun.schema, zboun.programs) == ("ZBOUN, Anwar Mohammed", Schema.PERSON,
                                                          ("PLC", "NS-PLC"))
    assert [a.value for a in zboun.aliases] == ["AL-ZBOUN, Anwar Muhammad"]
    assert [(d.start, d.end) for d in zboun.birth_dates] == [(dt.date(1968, 1, 1), dt.date(1968, 12, 31))]
    assert zboun.countries == ("PS",) and "Places of birth: Ilar" in zboun.remarks
    vessel = _entity(csl_2019, "csl:23156")
    assert vessel.identifiers_of(IdType.IMO)[0].value == "8898831"
    # Non-Treasury rows: derived ids. Line 2, with a leading space in the name and a US
    # address written "STATE, ZIP" without a country.
    first = csl_2019.entities[0]
    name, addresses = " ADRIAN MANUEL HERNANDEZ", "3037 S. 69TH DRIVE, PHONEIX, AZ, 85043"
    digest = hashlib.sha1(f"dpl|adrian manuel hernandez|{addresses.casefold()}|2017-10-16".encode()).hexdigest()
    assert first.entity_id == f"csl:DPL-{digest[:12]}" == f"csl:{derived_id('DPL', name, addresses, '2017-10-16')}"
    assert first.name == "ADRIAN MANUEL HERNANDEZ" and first.programs == ("DPL",)
    assert [(a.street, a.country, a.country_name) for a in first.addresses] == [(addresses, "US", "")]
    assert first.listed_on == dt.date(2017, 10, 16) and "End date: 2020-10-13" in first.remarks
    derived = [e for e in csl_2019 if not e.publisher_id.isdigit()]
    assert len(derived) == 47
    assert all(re.fullmatch(r"(EL|DPL|DTC|UVL|ISN)-[0-9a-f]{12}", e.publisher_id) for e in derived)


def test_ids_agree_across_layouts(csl_2019: EntityList, csl_2023: EntityList, csl_2025: EntityList) -> None:
    # Treasury rows: 2019 entity_number == 2023 _id, so the same party keeps its id.
    common = {e.entity_id for e in csl_2019} & {e.entity_id for e in csl_2023}
    assert len(common) == 44
    assert _entity(csl_2019, "csl:15268").name == _entity(csl_2023, "csl:15268").name
    # 2023 and 2025 share 9 rows, hashed _ids included
    assert {e.entity_id for e in csl_2025} & {e.entity_id for e in csl_2023} == {
        "csl:18283", "csl:18300", "csl:26182", "csl:28603", "csl:9651", "csl:9673",
        "csl:1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42",
        "csl:233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b",
        "csl:b601cbf2841d0aaedfe63661581ffbc3d54b6ba39d7e3a9027cff50e"}


def test_aliases_packed_into_names(csl_2023: EntityList, csl_2025: EntityList) -> None:
    def aliases(name: str) -> list[str]:
        (entity,) = [e for e in csl_2023 if e.name == name]
        return [a.value for a in entity.aliases]
    assert aliases("FUYI SUN A/K/A FRANK SUN") == ["FUYI SUN", "FRANK SUN"]
    assert aliases("PEARL (A.K.A. NEI-CHIEN CHU) LI") == ["NEI-CHIEN CHU", "PEARL LI"]
    assert aliases("Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics Company Ltd. "
                   "(Chitron-Shenzhen)")[-2:] == [
        "Chitron Electronics Company Ltd.", "Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)"]
    successors = [e for e in csl_2023 if any(a.provenance == "name without successors" for a in e.aliases)]
    assert len(successors) == 14  # every name with "and any successor" / "and its sub-units"
    sino = _entity(csl_2025, "csl:233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b")
    assert sino.name == "Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof"
    assert [a.value for a in sino.aliases] == ["Sinobright Import and Export Company"]
    assert sino.programs == ("ISN", "INKSNA") and sino.listed_on == dt.date(2023, 7, 19)


def test_entity_list_alone(csl_2023: EntityList) -> None:
    el = select(csl_2023, "EL")
    assert len(el) == 919 and el.source == "csl" and el.snapshot is csl_2023.snapshot
    assert [e.entity_id for e in el] == [e.entity_id for e in csl_2023 if "EL" in e.programs]
    assert all(e.programs == ("EL",) for e in el)
    # 90 Entity List rows have an address whose country part is the code CN (the README's 89
    # count ", CN"; one address is just "CN"); 2 more end in "China".
    assert sum(any(a.country_name == "CN" for a in e.addresses) for e in el) == 90
    assert sum("CN" in e.countries for e in el) == 92
    assert len(select(csl_2023, "EL", "MEU", "UVL", "DPL")) == 919 + 71 + 186 + 577
    with pytest.raises(ValueError, match="ELL"):
        select(csl_2023, "ELL")


def test_load_list(shared_lists: Path) -> None:
    entities = load_list("csl", shared_lists / "trade_gov_csl_2025-06_sample")
    assert len(entities) == 13 and entities.source == "csl"


def test_screening_the_entity_list(csl_2023: EntityList) -> None:
    from screening import Screener
    screener = Screener([select(csl_2023, "DPL", "EL")], curated=False)
    hit = screener.match("Beijing Aerospace Times Optical Electronic Technology Co Ltd", limit=1)[0]
    assert hit.entity_id == "csl:5fe80d5c6a5cbba1082e18adeef87f1135482f525aee0cfa52ff8dea"
    assert hit.programs == ("EL",) and hit.score >= 90


# ---------------------------------------------------------------------------------------
# Hand-written files


def _line(*values: str) -> str:
    return ",".join('"' + v.replace('"', '""') + '"' for v in values)


def _row(_id: str, source: str, name: str, **fields: str) -> str:
    columns = HEADER_2023.split(",")
    values = {c: "" for c in columns} | {"_id": _id, "source": source, "name": name} | fields
    return _line(*(values[c] for c in columns))


def test_unclosed_quote_mid_file_loses_no_good_row(tmp_path: Path) -> None:
    broken = '"b1","' + EL + '","","","","BROKEN CO","","1 Road, Beijing, CN'  # quote never closed
    lines = [HEADER_2023, HEADER_2023, _row("a1", EL, "ALPHA LTD"), broken,
             _row("c1", EL, "GAMMA LTD", addresses="2 Street, Shenzhen, CN"),
             _row("d1", "Brand New List (BNL) - Somewhere", "DELTA"), _row("", SDN, "  "),
             _row("", EL, "EPSILON  GMBH", addresses="3 Weg, Berlin, DE", start_date="2020-13-01",
                  dates_of_birth="sometime")]
    file = tmp_path / "consolidated.csv"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entities = load(file)
    epsilon = f"csl:{derived_id('EL', 'EPSILON GMBH', '3 Weg, Berlin, DE', '2020-13-01')}"
    assert [e.entity_id for e in entities] == ["csl:a1", "csl:c1", "csl:d1", epsilon]
    assert [sublist_of(e) for e in entities] == ["EL", "EL", "BNL", "EL"]
    assert entities.issues == (
        "consolidated.csv line 2: repeats the header line; skipped",
        ("consolidated.csv line 4: record: 36 of 29 fields, a quoted value is not closed (it ran to line 5; "
         "reading resumes on line 5); skipped"),
        "consolidated.csv line 7: no name; skipped",  # reading first, then ids, then each row's fields
        "consolidated.csv line 6: unknown sub-list 'Brand New List (BNL) - Somewhere'; code 'BNL'",
        f"consolidated.csv line 8: no _id; id derived from the content: {epsilon}",
        "consolidated.csv line 8: date of birth 'sometime' not readable; kept in remarks",
        "consolidated.csv line 8: start_date '2020-13-01' is not a YYYY-MM-DD date; kept as text",
    )
    last = entities.entities[-1]
    assert last.name == "EPSILON GMBH" and last.schema is Schema.ORGANIZATION and last.countries == ("DE",)
    assert last.listed_on is None and "Date of birth: sometime" in last.remarks
    assert "Start date: 2020-13-01" in last.remarks


def test_same_id_twice_on_one_sublist(tmp_path: Path) -> None:
    file = tmp_path / "consolidated.csv"
    file.write_text("\n".join([HEADER_2023, _row("7", SDN, "ONE"), _row("7", SDN, "TWO"),
                               _row("7", EL, "THREE")]), encoding="utf-8")  # no final newline
    entities = load(file)
    assert [e.entity_id for e in entities] == ["csl:7-SDN", "csl:7-SDN-2", "csl:7-EL"]
    assert entities.issues == (
        "consolidated.csv lines 2, 3, 4: id '7' on 3 rows; made unique as csl:7-SDN, csl:7-SDN, csl:7-EL",
        "consolidated.csv line 3: id '7-SDN' already used; this row is csl:7-SDN-2",
    )


def test_not_a_csl_file(tmp_path: Path) -> None:
    file = tmp_path / "consolidated.csv"
    file.write_text("id,full_name\n1,ACME\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="not a Consolidated Screening List CSV"):
        load(file)
    file.write_text("", encoding="utf-8")
    with pytest.raises(ListFormatError, match="empty file"):
        load(file)
    file.write_text(HEADER_2023 + "\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="no Consolidated Screening List row"):
        load(file)
    with pytest.raises(ListFormatError, match="consolidated.csv or csl.csv"):
        load(tmp_path / "..")  # a folder without either


def test_header_variant_is_read_by_name(tmp_path: Path) -> None:
    file = tmp_path / "csl.csv"
    file.write_text("name,source,extra\nACME TRADING LLC," + EL + ",x\n", encoding="utf-8")
    entities = load(tmp_path)
    (acme,) = entities
    assert acme.programs == ("EL",) and acme.schema is Schema.ORGANIZATION
    assert acme.entity_id == f"csl:{derived_id('EL', 'ACME TRADING LLC', '', '')}"
    assert entities.issues[0].startswith("csl.csv line 1: header differs from the 2019 layout; missing "
                                         "entity_number, type,")
    assert entities.issues[0].endswith("; extra extra (ignored)")
