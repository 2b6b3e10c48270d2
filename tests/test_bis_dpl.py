"""BIS Denied Persons List loader, on the two real versions and on small hand-written files.

Row and name counts come from ``../shared/lists/README.md``; the rest was measured on the
files and guards the grouping (one entity per party name) and the id rule (SHA-1 of the
normalized name) against regressions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from screening.model import EntityList, NameKind, Schema
from screening.sources import load_list
from screening.sources.bis_dpl import load, normalized_name, publisher_id, row_entity_ids, schema_of
from screening.sources.files import ListFormatError

HEADER = ('"Name"\t"Street_Address"\t"City"\t"State"\t"Country"\t"Postal_Code"\t"Effective_Date"\t'
          '"Expiration_Date"\t"Standard_Order"\t"Last_Update"\t"Action"\t"FR_Citation"')


@pytest.fixture(scope="module")
def dpl_2019(shared_lists: Path) -> EntityList:
    return load(shared_lists / "bis_dpl" / "dpl.txt")


@pytest.fixture(scope="module")
def dpl_2023(shared_lists: Path) -> EntityList:
    return load(shared_lists / "bis_dpl_2023-11")  # the folder


def _by_name(entities: EntityList, name: str):
    entity = entities.get(f"bis-dpl:{publisher_id(name)}")
    assert entity is not None, f"{name} missing"
    return entity


# ---------------------------------------------------------------------------------------
# Counts


@pytest.mark.parametrize("folder, rows, parties, organizations, countries", [
    ("bis_dpl", 546, 415, 101, 31), ("bis_dpl_2023-11", 665, 545, 99, 35)])
def test_counts(shared_lists: Path, folder: str, rows: int, parties: int, organizations: int,
                countries: int) -> None:
    entities = load(shared_lists / folder)
    row_ids = row_entity_ids(shared_lists / folder / "dpl.txt")
    assert len(row_ids) == rows and None not in row_ids  # every data row went into an entity
    assert len(entities) == len(set(row_ids)) == parties == entities.snapshot.entity_count
    assert [e.entity_id for e in entities] == list(dict.fromkeys(row_ids))  # first-seen order
    assert Counter(e.schema for e in entities) == {Schema.ORGANIZATION: organizations,
                                                   Schema.UNKNOWN: parties - organizations}
    assert len({c for e in entities for c in e.countries}) == countries
    assert all(re.fullmatch(r"bis-dpl:[0-9a-f]{12}", e.entity_id) for e in entities)
    assert all(e.entity_id == f"bis-dpl:{e.publisher_id}" and e.source == "bis-dpl" for e in entities)
    assert all(e.snapshot is entities.snapshot for e in entities)
    assert entities.snapshot.published is None  # the DPL carries no publication date
    assert all(e.listed_on is not None and e.remarks.startswith("Denial order: ") for e in entities)
    # each row's address (street, city) is on its entity
    assert sum(len(e.addresses) for e in entities) <= rows


def test_2019_issues(dpl_2019: EntityList) -> None:
    issues = dpl_2019.issues
    assert "dpl.txt line 326 (data row 325): Last_Update '3017-08-22' is not a possible date; kept as text" \
        in issues
    # State holds a country code (CY: Nicosia, RS: Stavropol) and Country is empty: not the US
    assert sum("State 'CY' is not a US state" in i for i in issues) == 12
    assert sum("State 'RS' is not a US state" in i for i in issues) == 4
    assert "dpl.txt line 481 (data row 480): Country 'NM' is not a country code; country unknown" in issues
    assert len(issues) == 18


def test_2023_issues(dpl_2023: EntityList) -> None:
    assert dpl_2023.issues == (
        "dpl.txt line 26 (data row 25): Last_Update '1023-11-01' is not a possible date; kept as text",
        "dpl.txt line 218 (data row 217): Last_Update '1023-11-01' is not a possible date; kept as text",
        "dpl.txt line 316 (data row 315): Last_Update '3033-09-30' is not a possible date; kept as text",
        "dpl.txt line 593 (data row 592): Country 'NM' is not a country code; country unknown",
    )


# ---------------------------------------------------------------------------------------
# Exact records


def test_party_with_two_orders_and_three_addresses(shared_lists: Path, dpl_2019: EntityList) -> None:
    # Rows 2 (" I. ASH", order of 06/19/2003), 212 and 213 ("I. ASH", order of 03/04/2002)
    row_ids = row_entity_ids(shared_lists / "bis_dpl" / "dpl.txt")
    ash = dpl_2019.get(row_ids[1])
    assert [n for n, i in enumerate(row_ids, start=1) if i == ash.entity_id] == [2, 212, 213]
    assert ash.name == "I. ASH"  # published with a leading space on row 2
    assert ash.schema is Schema.UNKNOWN
    assert [(a.street, a.city, a.country) for a in ash.addresses] == [
        ("UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, "
         "2113 NORTH HIGHWAY 175", "SEAGOVILLE", "US"),
        ("605 TRAIL LAKE DRIVE", "RICHARDSON", "US"),
        ("908 AUDELIA ROAD, SUITE 200 #245", "RICHARDSON", "US")]
    assert ash.addresses[0].remarks == "State: TX; Postal_Code: 75159"
    assert ash.listed_on == dt.date(2002, 3, 4)  # the earlier of the two orders
    assert ash.remarks.count("Denial order: ") == 2
    assert ("Denial order: Effective_Date 06/19/2003, Expiration_Date 06/29/2056, Standard_Order Y; "
            "Last_Update: 2007-01-31; Action: FEDERAL REGISTER NOTICE UPDATED; FR_Citation: 68 F.R. 38290 "
            "6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07") in ash.remarks
    assert "Effective_Date 03/04/2002" in ash.remarks and "Action: 50 YEAR DENIAL" in ash.remarks
    assert ash.countries == ("US",)


def test_organization_with_three_addresses(dpl_2019: EntityList) -> None:
    tetrabal = _by_name(dpl_2019, "TETRABAL CORPORATION, INC")
    assert tetrabal.schema is Schema.ORGANIZATION
    assert [a.street for a in tetrabal.addresses] == [
        "316 CANDLEWOOD PLACE", "605 TRAIL LAKE DRIVE", "908 AUDELIA ROAD, SUITE 200, PMB #245"]
    assert tetrabal.listed_on == dt.date(2001, 9, 6)
    assert tetrabal.remarks.count("Denial order: ") == 1  # one order, FR_Citation typos on its rows
    assert " | " in tetrabal.remarks


def test_leading_space_and_state_without_country(dpl_2019: EntityList) -> None:
    first = dpl_2019.entities[0]  # data row 1: " ADRIAN MANUEL HERNANDEZ", AZ, Country ""
    assert first.name == "ADRIAN MANUEL HERNANDEZ"
    (address,) = first.addresses
    assert (address.street, address.city, address.country, address.country_name) == (
        "3037 S. 69TH DRIVE", "PHONEIX", "US", "")
    assert address.remarks == "State: AZ; Postal_Code: 85043"
    assert first.listed_on == dt.date(2017, 10, 16)
    assert "Expiration_Date 10/13/2020" in first.remarks and "FR_Citation: 82 F.R. 48792 10/20/2017" in first.remarks


def test_state_holding_a_country_code(dpl_2019: EntityList) -> None:
    zadeh = _by_name(dpl_2019, "MANSOUR MOGHTADERI ZADEH")  # data rows 318-321
    assert [(a.city, a.country) for a in zadeh.addresses] == [
        ("1082 NICOSIA", None), ("WINSTON", "US"), ("1687 NICOSIA", None), ("NICOSIA", None)]
    assert [a.remarks for a in zadeh.addresses] == ["State: CY", "State: NC; Postal_Code: 27986",
                                                     "State: CY", "State: CY"]
    assert zadeh.countries == ("US",)


def test_prc_and_devset_row(shared_lists: Path, dpl_2019: EntityList) -> None:
    # The devset names this party bis-dpl:419 (data row 419 of bis_dpl/dpl.txt).
    hu = dpl_2019.get(row_entity_ids(shared_lists / "bis_dpl" / "dpl.txt")[418])
    assert hu.name == "QIANG HU" and hu.countries == ("CN",)
    assert hu.addresses[0].country_name == "PRC"


def test_last_row_without_newline(shared_lists: Path, dpl_2019: EntityList) -> None:
    assert not (shared_lists / "bis_dpl" / "dpl.txt").read_bytes().endswith(b"\n")
    last = dpl_2019.get(row_entity_ids(shared_lists / "bis_dpl" / "dpl.txt")[-1])
    assert last.name == "ZHONGDA JIN" and last.addresses


def test_aliases_packed_into_the_name(dpl_2019: EntityList, dpl_2023: EntityList) -> None:
    sun = next(e for e in dpl_2019 if e.name == "FUYI SUN A/K/A FRANK SUN")
    assert [(a.value, a.kind) for a in sun.aliases] == [("FUYI SUN", NameKind.AKA), ("FRANK SUN", NameKind.AKA)]
    pearl = next(e for e in dpl_2019 if e.name.startswith("PEARL"))
    assert [a.value for a in pearl.aliases] == ["NEI-CHIEN CHU", "PEARL LI"]
    s7 = next(e for e in dpl_2023 if e.name.startswith("SIBERIAN AIRLINES"))
    assert [a.value for a in s7.aliases] == ["SIBERIAN AIRLINES", "S7 AIRLINES"]
    assert s7.schema is Schema.ORGANIZATION


# ---------------------------------------------------------------------------------------
# Stable ids


def test_same_party_same_id_across_versions(dpl_2019: EntityList, dpl_2023: EntityList) -> None:
    # Name and order unchanged between mid-2019 and Nov 2023.
    for name in ("I. ASH", "TETRABAL CORPORATION, INC"):
        old, new = _by_name(dpl_2019, name), _by_name(dpl_2023, name)
        assert old.entity_id == new.entity_id and old.listed_on == new.listed_on
    assert _by_name(dpl_2019, "I. ASH").entity_id == "bis-dpl:7cc7b9c3ca30"
    # A temporary denial order renewed since (new Effective_Date): the id stays too.
    old, new = _by_name(dpl_2019, "MAHAN AIRWAYS"), _by_name(dpl_2023, "MAHAN AIRWAYS")
    assert (old.listed_on, new.listed_on) == (dt.date(2019, 6, 5), dt.date(2023, 10, 31))
    assert old.entity_id == new.entity_id
    # Every party on both versions keeps its id.
    common = {e.name for e in dpl_2019} & {e.name for e in dpl_2023}
    assert len(common) >= 250
    assert all(_by_name(dpl_2019, n).entity_id == _by_name(dpl_2023, n).entity_id for n in common)


def test_publisher_id_rule() -> None:
    import hashlib
    assert publisher_id(" I.  ASH") == hashlib.sha1(b"i. ash").hexdigest()[:12] == "7cc7b9c3ca30"
    assert normalized_name("  Foo\tBAR ") == "foo bar"


@pytest.mark.parametrize("name, schema", [
    ("AVOMAIR LTD.", Schema.ORGANIZATION), ("COTRICOM S.A.", Schema.ORGANIZATION),
    ("AQUA-LOOP COOLING TOWERS, CO.", Schema.ORGANIZATION), ("MAHAN AIRWAYS", Schema.ORGANIZATION),
    ("BAHAR SAFWA GENERAL TRADING", Schema.ORGANIZATION), ("TECHMA GMBH", Schema.ORGANIZATION),
    ("I. ASH", Schema.UNKNOWN), ("JOSEPH ORMOND KIRK, III.", Schema.UNKNOWN),
    ("IHSAN MEDHAT \"SAMMY\" ELASHI", Schema.UNKNOWN), ("GE SONG TAO (GE)", Schema.UNKNOWN),
    ("MARCO COSTA", Schema.UNKNOWN),
])
def test_schema_rule(name: str, schema: Schema) -> None:
    assert schema_of(name) is schema


def test_load_list(shared_lists: Path) -> None:
    entities = load_list("bis-dpl", shared_lists / "bis_dpl" / "dpl.txt")
    assert len(entities) == 415 and entities.source == "bis-dpl"


# ---------------------------------------------------------------------------------------
# Hand-written files


def _row(name: str, street: str = "1 MAIN ST", city: str = "AUSTIN", state: str = "TX", country: str = "",
         effective: str = "01/02/2020", last_update: str = "2020-01-03") -> str:
    values = [name, street, city, state, country, "78701", effective, "01/02/2030", "Y", last_update,
              "FR NOTICE ADDED", "85 F.R. 1 1/3/2020"]
    return "\t".join('"' + v.replace('"', '""') + '"' for v in values)


def test_broken_row_is_reported_and_the_rest_loads(tmp_path: Path) -> None:
    short = "\t".join(_row("BROKEN ROW").split("\t")[:11])
    lines = [HEADER, _row("JANE DOE"), short, _row(" JANE  DOE", street="2 OTHER RD", effective="05/06/2019"),
             _row("ACME TRADING LLC", country="DE", state="", effective="13/45/2020", last_update="3017-08-22")]
    file = tmp_path / "dpl.txt"
    file.write_text("\n".join(lines), encoding="utf-8")  # no newline after the last row
    entities = load(file)
    assert "dpl.txt line 3 (data row 2): expected 12 tab-separated fields, got 11; skipped" in entities.issues
    assert "dpl.txt line 5 (data row 4): Effective_Date '13/45/2020' is not a MM/DD/YYYY date; kept as text" \
        in entities.issues
    assert "dpl.txt line 5 (data row 4): Last_Update '3017-08-22' is not a possible date; kept as text" \
        in entities.issues
    jane, acme = entities
    assert jane.name == "JANE DOE" and jane.schema is Schema.UNKNOWN
    assert [a.street for a in jane.addresses] == ["1 MAIN ST", "2 OTHER RD"]
    assert jane.listed_on == dt.date(2019, 5, 6) and jane.countries == ("US",)
    assert jane.remarks.count("Denial order: ") == 2
    assert acme.schema is Schema.ORGANIZATION and acme.countries == ("DE",)
    assert acme.listed_on is None and "Effective_Date 13/45/2020" in acme.remarks
    assert "Last_Update: 3017-08-22" in acme.remarks
    assert row_entity_ids(tmp_path) == [jane.entity_id, None, jane.entity_id, acme.entity_id]


def test_quoted_quotes_and_blank_name(tmp_path: Path) -> None:
    file = tmp_path / "dpl.txt"
    file.write_text("\n".join([HEADER, _row('IHSAN "SAMMY" ELASHI'), _row("  ")]) + "\n", encoding="utf-8")
    entities = load(file)
    assert [e.name for e in entities] == ['IHSAN "SAMMY" ELASHI']
    assert "dpl.txt line 3 (data row 2): no Name; skipped" in entities.issues


def test_not_a_dpl_file(tmp_path: Path) -> None:
    file = tmp_path / "dpl.txt"
    file.write_text("name,country\nACME,CN\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="not a BIS Denied Persons List"):
        load(file)
    file.write_text("", encoding="utf-8")
    with pytest.raises(ListFormatError, match="dpl.txt"):
        load(file)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="dpl.txt"):
        load(tmp_path)
