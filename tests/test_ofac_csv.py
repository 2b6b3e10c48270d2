"""OFAC legacy CSV loader and Remarks parser, on the real publisher files and on
small hand-written inputs.

Counts come from ``../shared/lists/README.md`` (measured on the files); counts of weak
aliases are what the Remarks parser finds and guard against regressions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screening.model import EntityList, IdType, NameKind, NameQuality, Schema
from screening.sources.files import ListFormatError
from screening.sources.ofac_csv import load_consolidated, load_sdn
from screening.countries import to_iso2
from screening.sources.ofac_remarks import parse_dob, parse_remarks

# ---------------------------------------------------------------------------------------
# Loaded lists, once per module (each load reads a few MB)


@pytest.fixture(scope="module")
def sdn_2021(shared_lists: Path) -> EntityList:
    return load_sdn(shared_lists / "ofac_sdn_2021")


@pytest.fixture(scope="module")
def sdn_2023(shared_lists: Path) -> EntityList:
    return load_sdn(shared_lists / "ofac_sdn_2023-12")


@pytest.fixture(scope="module")
def sdn_2024(shared_lists: Path) -> EntityList:
    return load_sdn(shared_lists / "ofac_sdn_2024-05")


@pytest.fixture(scope="module")
def cons(shared_lists: Path) -> EntityList:
    return load_consolidated(shared_lists / "ofac_consolidated")


def _entity(entities: EntityList, entity_id: str):
    entity = entities.get(entity_id)
    assert entity is not None, f"{entity_id} missing"
    return entity


def _schemas(entities: EntityList) -> Counter:
    return Counter(e.schema for e in entities)


def _aliases(entities: EntityList, quality: NameQuality) -> Counter:
    """Aliases by kind, leaving out CMIC issuer names (they come from Remarks, not the alt file)."""
    return Counter(a.kind for e in entities for a in e.aliases
                   if a.quality is quality and a.provenance != "remarks Issuer Name")


def _data_lines(path: Path) -> int:
    """Records in an OFAC file: CRLF lines except the Ctrl-Z end-of-file line."""
    return sum(1 for line in path.read_bytes().split(b"\r\n") if line.strip(b"\x1a"))


# ---------------------------------------------------------------------------------------
# Counts


def test_sdn_2021_counts(sdn_2021: EntityList) -> None:
    assert len(sdn_2021) == 8_976
    assert _schemas(sdn_2021) == {Schema.PERSON: 4_620, Schema.ORGANIZATION: 3_673,
                                  Schema.VESSEL: 406, Schema.AIRCRAFT: 277}
    assert _aliases(sdn_2021, NameQuality.STRONG) == {
        NameKind.AKA: 11_523, NameKind.FKA: 369, NameKind.NKA: 18}
    assert _aliases(sdn_2021, NameQuality.WEAK) == {NameKind.AKA: 2_417, NameKind.FKA: 24}
    assert sdn_2021.issues == ()  # complete set, continuations included


def test_sdn_2023_counts(sdn_2023: EntityList) -> None:
    assert len(sdn_2023) == 13_821
    assert _schemas(sdn_2023) == {Schema.PERSON: 6_646, Schema.ORGANIZATION: 6_033,
                                  Schema.VESSEL: 764, Schema.AIRCRAFT: 378}
    strong = _aliases(sdn_2023, NameQuality.STRONG)
    assert sum(strong.values()) == 17_091
    assert strong == {NameKind.AKA: 16_507, NameKind.FKA: 567, NameKind.NKA: 17}
    assert _aliases(sdn_2023, NameQuality.WEAK) == {
        NameKind.AKA: 3_282, NameKind.FKA: 86, NameKind.NKA: 1}
    # No sdn_comments.csv in this set: the 17 cut Remarks are reported.
    assert len(sdn_2023.issues) == 1
    assert "17 record(s) have Remarks cut at 1,000 characters" in sdn_2023.issues[0]


def test_sdn_2024_sdn_csv_only(sdn_2024: EntityList) -> None:
    assert len(sdn_2024) == 14_965
    assert _schemas(sdn_2024) == {Schema.PERSON: 6_854, Schema.ORGANIZATION: 6_884,
                                  Schema.VESSEL: 851, Schema.AIRCRAFT: 376}
    assert not any(e.addresses for e in sdn_2024)
    assert all(a.quality is NameQuality.WEAK for e in sdn_2024 for a in e.aliases)
    assert any("no alt.csv" in i for i in sdn_2024.issues)
    assert any("no add.csv" in i for i in sdn_2024.issues)


def test_consolidated_counts(cons: EntityList) -> None:
    assert len(cons) == 442
    assert _schemas(cons) == {Schema.PERSON: 79, Schema.ORGANIZATION: 363}
    assert sum(1 for e in cons if "CMIC-EO13959" in e.programs) == 68
    assert sum(_aliases(cons, NameQuality.STRONG).values()) == 1_073
    issuers = [a for e in cons for a in e.aliases if a.provenance == "remarks Issuer Name"]
    assert len(issuers) > 68 and all(a.quality is NameQuality.STRONG for a in issuers)
    assert cons.issues == ()


@pytest.mark.parametrize("folder, main", [
    ("ofac_sdn_2021", "sdn.csv"), ("ofac_sdn_2023-12", "sdn.csv"),
    ("ofac_sdn_2024-05", "sdn.csv"), ("ofac_consolidated", "cons_prim.csv")])
def test_no_entity_lost(shared_lists: Path, folder: str, main: str) -> None:
    loader = load_consolidated if main.startswith("cons") else load_sdn
    entities = loader(shared_lists / folder)
    ids = [e.entity_id for e in entities]
    assert len(ids) == len(set(ids)) == _data_lines(shared_lists / folder / main)
    assert entities.snapshot.entity_count == len(ids)
    assert entities.snapshot.published is None  # OFAC CSVs carry no date
    assert all(e.snapshot is entities.snapshot for e in entities)


def test_order_and_ids_follow_the_main_file(sdn_2023: EntityList) -> None:
    first = sdn_2023.entities[0]
    assert (first.entity_id, first.publisher_id, first.name) == (
        "ofac-sdn:36", "36", "AEROCARIBBEAN AIRLINES")
    assert first.schema is Schema.ORGANIZATION and first.programs == ("CUBA",)
    assert sdn_2023.entities[-1].source == "ofac-sdn"


# ---------------------------------------------------------------------------------------
# Exact records


def test_megvii_cmic_record(cons: EntityList) -> None:
    megvii = _entity(cons, "ofac-cons:33091")
    assert megvii.name == "MEGVII TECHNOLOGY LIMITED"
    assert megvii.schema is Schema.ORGANIZATION
    assert megvii.programs == ("CMIC-EO13959",)
    assert megvii.listed_on == dt.date(2021, 12, 16)
    assert {"CN", "KY"} <= set(megvii.countries)
    beijing = [a for a in megvii.addresses if a.city == "Beijing"]
    assert beijing and beijing[0].country == "CN" and beijing[0].country_name == "China"


def test_hikvision_securities_identifiers(cons: EntityList) -> None:
    hik = _entity(cons, "ofac-cons:30946")
    assert [i.value for i in hik.identifiers_of(IdType.ISIN)] == ["CNE100000PM8"]
    assert [i.value for i in hik.identifiers_of(IdType.TICKER)] == ["002415 CN"]
    (uscc,) = hik.identifiers_of(IdType.USCC)
    assert (uscc.value, uscc.country) == ("91330000733796106P", "CN")
    assert hik.listed_on == dt.date(2021, 6, 3)
    assert [a.value for a in hik.aliases] == ["HIKVISION", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY",
                                              "Hangzhou Hikvision Digital Technology"]
    assert hik.aliases[-1].provenance == "remarks Issuer Name"
    assert hik.aliases[0].provenance == "cons_alt.csv alt_num 48662"
    # The issuer name stays in remarks; it is not an alias.
    assert "Issuer Name Hangzhou Hikvision Digital Technology" in hik.remarks


def test_every_cmic_record_has_its_listing_date(cons: EntityList) -> None:
    cmic = [e for e in cons if "CMIC-EO13959" in e.programs]
    assert all(e.listed_on is not None for e in cmic)
    assert all(e.listed_on is None for e in cons if e not in cmic)


def test_maduro(sdn_2023: EntityList) -> None:
    maduro = _entity(sdn_2023, "ofac-sdn:22790")
    assert maduro.name == "MADURO MOROS, Nicolas"  # as published, LAST, First
    assert maduro.schema is Schema.PERSON
    assert maduro.programs == ("VENEZUELA", "IRAN-CON-ARMS-EO")
    (dob,) = maduro.birth_dates
    assert dob.start == dob.end == dt.date(1962, 11, 23) and not dob.circa
    assert maduro.aliases == ()  # OFAC gives him none
    assert maduro.countries == ("VE",)
    (cedula,) = maduro.identifiers
    assert (cedula.type, cedula.value, cedula.country, cedula.label) == (
        IdType.NATIONAL_ID, "5892464", "VE", "Cedula No.")
    assert maduro.remarks.startswith("Title: President of the Bolivarian Republic of Venezuela; ")


def test_person_with_strong_and_weak_aliases(sdn_2023: EntityList) -> None:
    hambali = _entity(sdn_2023, "ofac-sdn:7328")
    assert hambali.name == "ISAMUDDIN, Nurjaman Riduan"
    names = {(a.value, a.quality) for a in hambali.aliases}
    assert ("ISOMUDDIN, Riduan", NameQuality.STRONG) in names
    assert ("HAMBALI", NameQuality.WEAK) in names
    weak = next(a for a in hambali.aliases if a.value == "HAMBALI")
    assert weak.kind is NameKind.AKA and weak.provenance == "remarks"
    assert [d.start for d in hambali.birth_dates] == [dt.date(1964, 4, 4), dt.date(1964, 4, 1)]


def test_fka_and_nka_kinds(sdn_2023: EntityList) -> None:
    kinds = {a.value: a.kind for a in _entity(sdn_2023, "ofac-sdn:8244").aliases}
    assert kinds["NUEVO CONTINENTE S.A."] is NameKind.NKA
    kinds = {a.value: a.kind for a in _entity(sdn_2023, "ofac-sdn:4642").aliases}
    assert kinds["IRAN OVERSEAS INVESTMENT BANK PLC"] is NameKind.FKA


def test_chinese_commercial_code(sdn_2023: EntityList) -> None:
    zhang = _entity(sdn_2023, "ofac-sdn:16318")
    assert [i.value for i in zhang.identifiers_of(IdType.CCC)] == ["1728 4320"]
    assert [i.value for i in zhang.identifiers_of(IdType.PASSPORT)] == ["G23851362", "W76048374"]
    assert zhang.countries == ("CN",)


def test_vessel(sdn_2023: EntityList) -> None:
    ebano = _entity(sdn_2023, "ofac-sdn:4243")
    assert ebano.schema is Schema.VESSEL
    assert [i.value for i in ebano.identifiers_of(IdType.IMO)] == ["7406784"]
    assert "PA" in ebano.countries  # vessel flag Panama
    assert [(a.value, a.kind, a.quality) for a in ebano.aliases] == [
        ("ANA I", NameKind.FKA, NameQuality.WEAK), ("SAND SWAN", NameKind.FKA, NameQuality.WEAK)]
    mar_azul = _entity(sdn_2023, "ofac-sdn:4238")
    (call_sign,) = mar_azul.identifiers
    assert (call_sign.type, call_sign.value, call_sign.label) == (
        IdType.OTHER, "CL2192", "Call Sign")
    assert "Vessel Type: Tug" in mar_azul.remarks


def test_comments_continuation_joined(sdn_2021: EntityList) -> None:
    record = _entity(sdn_2021, "ofac-sdn:28263")
    assert len(record.remarks) > 1_000
    assert record.remarks.endswith("a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.")
    # The alias cut in half at character 1,000 is whole again.
    assert "snowsjohn" in [a.value for a in record.aliases]


def test_cut_remarks_without_continuation(sdn_2023: EntityList) -> None:
    record = _entity(sdn_2023, "ofac-sdn:28263")
    assert len(record.remarks) == 1_000
    assert "snowsjo" not in [a.value for a in record.aliases]  # a half alias is not an alias
    assert "tianyinyin0404" in [a.value for a in record.aliases]


# ---------------------------------------------------------------------------------------
# Malformed input

_PRIM = [
    '101,"GOOD ONE, LTD.",-0- ,"SDGT] [SYRIA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"Tax ID No. 12345 (Syria)."',
    '102,"BROKEN",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ',
    'abc,"NOT A NUMBER",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    # "-0-" without its usual trailing space is tolerated too.
    '103,"DOE, Jane","individual","SDNTK",-0-,-0-,-0-,-0-,-0-,-0-,-0-,'
    '"DOB 1970; nationality Mexico."',
]


def _write(folder: Path, name: str, lines: list[str], encoding: str = "ascii") -> None:
    (folder / name).write_bytes(("\r\n".join(lines) + "\r\n\x1a").encode(encoding))


def test_broken_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "cons_prim.csv", _PRIM)
    _write(tmp_path, "cons_alt.csv", ['101,1,"a.k.a.","GOOD TWO",-0- ',
                                      '999,2,"aka","ORPHAN",-0- ', '103,3,"xyz","JD",-0- '])
    _write(tmp_path, "cons_add.csv", ['103,7,-0- ,"Culiacan, Sinaloa","Mexico",-0- '])
    entities = load_consolidated(tmp_path)
    assert [e.entity_id for e in entities] == ["ofac-cons:101", "ofac-cons:103"]
    assert "cons_prim.csv line 2: expected 12 fields, got 9" in entities.issues
    assert any(i.startswith("cons_prim.csv line 3: ent_num 'abc'") for i in entities.issues)
    assert any("cons_alt.csv" in i and "999 (line 2)" in i for i in entities.issues)
    assert "cons_alt.csv alt_num 3 (ent_num 103): unknown alt_type 'xyz', read as aka" \
        in entities.issues
    good, jane = entities
    assert good.programs == ("SDGT", "SYRIA") and good.name == "GOOD ONE, LTD."
    assert [(a.value, a.kind) for a in good.aliases] == [("GOOD TWO", NameKind.AKA)]
    assert good.identifiers[0].country == "SY"
    assert jane.schema is Schema.PERSON and jane.countries == ("MX",)
    assert jane.birth_dates[0].text == "1970"


def test_cp1252_file_is_read(tmp_path: Path) -> None:
    row = '5,"CAF\u00c9 NO\u00cbL",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    _write(tmp_path, "sdn.csv", [row], encoding="cp1252")
    entities = load_sdn(tmp_path)
    assert entities.entities[0].name == "CAF\u00c9 NO\u00cbL"
    assert "sdn.csv: not UTF-8, read as Windows-1252" in entities.issues


def test_missing_main_file_raises(tmp_path: Path) -> None:
    _write(tmp_path, "alt.csv", ['101,1,"aka","X",-0- '])
    with pytest.raises(ListFormatError, match="sdn.csv"):
        load_sdn(tmp_path)


def test_not_ofac_csv_raises(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_text("name,country\nACME,CN\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="sdn.csv"):
        load_sdn(tmp_path)


# ---------------------------------------------------------------------------------------
# parse_remarks on literal strings


@pytest.mark.parametrize("text, start, end, circa", [
    ("DOB 12 Jan 1962", dt.date(1962, 1, 12), dt.date(1962, 1, 12), False),
    ("DOB 1962", dt.date(1962, 1, 1), dt.date(1962, 12, 31), False),
    ("DOB Jan 1962", dt.date(1962, 1, 1), dt.date(1962, 1, 31), False),
    ("DOB Feb 1964", dt.date(1964, 2, 1), dt.date(1964, 2, 29), False),
    ("DOB circa 1962", dt.date(1962, 1, 1), dt.date(1962, 12, 31), True),
    ("DOB circa 07 Jul 1966", dt.date(1966, 7, 7), dt.date(1966, 7, 7), True),
    ("DOB 1960 to 1962", dt.date(1960, 1, 1), dt.date(1962, 12, 31), False),
    ("DOB 01 Jan 1960 to 31 Dec 1962", dt.date(1960, 1, 1), dt.date(1962, 12, 31), False),
    ("DOB Mar 1962 to Feb 1963", dt.date(1962, 3, 1), dt.date(1963, 2, 28), False),
    ("DOB circa 1979-1982", dt.date(1979, 1, 1), dt.date(1982, 12, 31), True),
    ("alt. DOB 31 Aug 1953", dt.date(1953, 8, 31), dt.date(1953, 8, 31), False),
    ("DOB 30 Nov 1955.", dt.date(1955, 11, 30), dt.date(1955, 11, 30), False),
])
def test_birth_dates(text: str, start: dt.date, end: dt.date, circa: bool) -> None:
    (dob,) = parse_remarks(text).birth_dates
    assert (dob.start, dob.end, dob.circa) == (start, end, circa)
    assert dob.text == text.removeprefix("alt. ").removeprefix("DOB ").rstrip(".")


def test_impossible_dates_stay_text() -> None:
    remarks = parse_remarks("DOB 31 Feb 1960; DOB 1965 to 1960; Gender Male")
    assert remarks.birth_dates == ()
    assert remarks.unparsed == ("DOB 31 Feb 1960", "DOB 1965 to 1960")
    assert remarks.gender == "Male"
    assert parse_dob("DOB sometime") is None


@pytest.mark.parametrize("entry, value", [
    ("Equity Ticker 0728 HK", "0728 HK"),
    ("alt. Equity Ticker 600685  CN", "600685 CN"),
    ("Equity Ticker 601698  CN", "601698 CN"),
    ("Equity Ticker 603019CN", "603019 CN"),
    ("Equity Ticker 00317  HK", "00317 HK"),
    ("alt. Equity Ticker K3ED SG", "K3ED SG"),
    ("Equity Ticker ROSB", "ROSB"),
])
def test_tickers(entry: str, value: str) -> None:
    (ticker,) = parse_remarks(entry).identifiers
    assert (ticker.type, ticker.value, ticker.label) == (IdType.TICKER, value, "Equity Ticker")


@pytest.mark.parametrize("entry, kind, value, country, label", [
    ("Passport G23851362 (China)", IdType.PASSPORT, "G23851362", "CN", "Passport"),
    ("alt. Passport G 649385 issued 08 Sep 2006 expires 17 Jul 2011",
     IdType.PASSPORT, "G 649385", None, "Passport"),
    ("National ID No. 660000 73767 (Belgium)", IdType.NATIONAL_ID, "660000 73767", "BE",
     "National ID No."),
    ("C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968", IdType.NATIONAL_ID,
     "AIMM67125HCHRRG06", "MX", "C.U.R.P."),
    ("R.F.C. DIB-771110-HQ1 (Mexico)", IdType.TAX_ID, "DIB-771110-HQ1", "MX", "R.F.C."),
    ("D.N.I. 78.865.882 (Spain)", IdType.NATIONAL_ID, "78.865.882", "ES", "D.N.I."),
    ("Residency Number 003-5506420-0100028 (Costa Rica)", IdType.NATIONAL_ID,
     "003-5506420-0100028", "CR", "Residency Number"),
    ("Tax ID No. 7713165336 (Russia)", IdType.TAX_ID, "7713165336", "RU", "Tax ID No."),
    ("Registration Number HRA 738077 (Stuttgart) (Germany)", IdType.REGISTRATION,
     "HRA 738077 (Stuttgart)", "DE", "Registration Number"),
    ("Business Registration Number 1037739709138 (Russia)", IdType.REGISTRATION,
     "1037739709138", "RU", "Business Registration Number"),
    ("Unified Social Credit Code (USCC) 91222401MA0Y31E659 (China)", IdType.USCC,
     "91222401MA0Y31E659", "CN", "Unified Social Credit Code (USCC)"),
    ("alt. ISIN CNE1000002V2", IdType.ISIN, "CNE1000002V2", None, "ISIN"),
    ("Chinese Commercial Code 6774 1639 5478.", IdType.CCC, "6774 1639 5478", None,
     "Chinese Commercial Code"),
    ("Vessel Registration Identification IMO 9187629", IdType.IMO, "9187629", None,
     "Vessel Registration Identification IMO"),
    ("Vessel Registration Identification IMO  8730455", IdType.IMO, "8730455", None,
     "Vessel Registration Identification IMO"),
    ("MMSI 572469210", IdType.MMSI, "572469210", None, "MMSI"),
    ("Legal Entity Number 25340019U0SFT4YC9G79 (Russia)", IdType.LEI, "25340019U0SFT4YC9G79",
     "RU", "Legal Entity Number"),
    ("SWIFT/BIC HAVIGB2L", IdType.SWIFT_BIC, "HAVIGB2L", None, "SWIFT/BIC"),
    ("Cedula No. 16247821 (Colombia)", IdType.NATIONAL_ID, "16247821", "CO", "Cedula No."),
    ("Identification Number 210302198701102136 (China)", IdType.NATIONAL_ID,
     "210302198701102136", "CN", "Identification Number"),
    ("NIT # 800146749-7 (Colombia)", IdType.TAX_ID, "800146749-7", "CO", "NIT #"),
])
def test_identifiers(entry: str, kind: IdType, value: str, country: str | None,
                     label: str) -> None:
    (identifier,) = parse_remarks(entry).identifiers
    assert (identifier.type, identifier.value, identifier.country, identifier.label) == (
        kind, value, country, label)


def test_weak_aliases() -> None:
    remarks = parse_remarks("a.k.a. 'BNC'; f.k.a. 'ANA I'; n.k.a. 'NEW NAME'; "
                            "a.k.a. 'AL-QA'QA'; a.k.a. 'ABU AL-WAFA''.")
    assert [(a.value, a.kind) for a in remarks.aliases] == [
        ("BNC", NameKind.AKA), ("ANA I", NameKind.FKA), ("NEW NAME", NameKind.NKA),
        ("AL-QA'QA", NameKind.AKA), ("ABU AL-WAFA'", NameKind.AKA)]
    assert all(a.quality is NameQuality.WEAK and a.provenance == "remarks"
               for a in remarks.aliases)


def test_countries_gender_and_places() -> None:
    remarks = parse_remarks("DOB 1970; POB Culiacan, Sinaloa, Mexico; nationality Korea, North; "
                            "alt. nationality Bosnia-Herzegovina; citizen Mexico; "
                            "nationality Atlantis; Gender Female; "
                            "nationality possibly Palestinian;arrested 23 Apr 2002.")
    assert remarks.nationalities == ("KP", "BA", "PS")
    assert remarks.citizenships == ("MX",)
    assert remarks.places_of_birth == ("Culiacan, Sinaloa, Mexico",)
    assert remarks.gender == "Female"
    assert remarks.unparsed == ("nationality Atlantis", "arrested 23 Apr 2002")


def test_cmic_dates_and_issuer_names() -> None:
    remarks = parse_remarks(
        "Equity Ticker 002415 CN; Issuer Name Hangzhou Hikvision Digital Technology; "
        "alt. Issuer Name Hikvision; Effective Date (CMIC) 02 Aug 2021; "
        "Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022; Listing Date (CMIC) 03 Jun 2021; "
        "Listing Date (EO 14024 Directive 2): 24 Feb 2022.")
    assert dict(remarks.dates) == {
        "Effective Date (CMIC)": dt.date(2021, 8, 2),
        "Purchase/Sales For Divestment Date (CMIC)": dt.date(2022, 6, 3),
        "Listing Date (CMIC)": dt.date(2021, 6, 3),
        "Listing Date (EO 14024 Directive 2)": dt.date(2022, 2, 24),
    }
    assert remarks.issuer_names == ("Hangzhou Hikvision Digital Technology", "Hikvision")
    assert remarks.aliases == ()


def test_truncated_remarks_drop_the_cut_entry() -> None:
    remarks = parse_remarks("a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjo", truncated=True)
    assert [a.value for a in remarks.aliases] == ["tianyinyin0404"]
    assert remarks.unparsed == ("a.k.a. 'snowsjo",)


@pytest.mark.parametrize("text", ["", "-0- ", None, ";;; ;", "DOB", "a.k.a. ''", "Passport ",
                                  "Equity Ticker", "(China)", "DOB 99 Foo 1960"])
def test_odd_text_never_raises(text: str | None) -> None:
    remarks = parse_remarks(text)
    assert remarks.birth_dates == () and remarks.identifiers == () and remarks.aliases == ()


@given(st.text())
def test_parse_remarks_total(text: str) -> None:
    parse_remarks(text)
    parse_remarks(text, truncated=True)


def test_to_iso2_spellings() -> None:
    assert to_iso2("Democratic People's Republic of Korea") == "KP"
    assert to_iso2("North Macedonia, The Republic of") == "MK"
    assert to_iso2("undetermined") is None
    assert to_iso2("004") is None  # not read as a numeric country code
