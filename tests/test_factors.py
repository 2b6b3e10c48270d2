"""Secondary factors: schema, country, date of birth and identifiers, each in both directions.

A small in-memory list makes every case exact: each test compares a query with and without
one secondary value, so the difference is that factor's effect alone.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from screening import IdType, Identifier, Schema, Screener, ScreeningInputError
from screening.model import DateOfBirth, Entity, EntityList, ListSnapshot
from screening.scoring import factors
from screening.scoring.factors import (
    COUNTRY_CONFLICT, COUNTRY_MATCH, DOB_CONFLICT, DOB_MATCH, DOB_NEAR, ID_CONFLICT, ID_MATCH_FLOOR,
)


def _entity(pid: str, schema: Schema, name: str, **kw) -> Entity:
    return Entity(f"test:{pid}", "test", pid, schema, name, **kw)


ENTITIES = [
    _entity("1", Schema.PERSON, "IVANOV, Sergei Petrovich", countries=("RU",),
            birth_dates=(DateOfBirth(dt.date(1962, 11, 23), dt.date(1962, 11, 23), text="23 Nov 1962"),),
            identifiers=(Identifier(IdType.PASSPORT, "7203456789", "RU", "Passport"),
                         Identifier(IdType.NATIONAL_ID, "1234-5678", "RU", "National ID No."))),
    _entity("2", Schema.PERSON, "KOVALENKO, Dmitri", countries=("UA",),
            birth_dates=(DateOfBirth.year(1970, circa=True, text="circa 1970"),)),
    _entity("3", Schema.PERSON, "HASSAN, Omar Ali",
            birth_dates=(DateOfBirth(dt.date(1960, 1, 1), dt.date(1962, 12, 31), text="1960 to 1962"),)),
    _entity("4", Schema.PERSON, "ZHANG, Lei", identifiers=(Identifier(IdType.CCC, "1728 4320"),)),
    _entity("5", Schema.VESSEL, "OCEAN STAR", countries=("PA",),
            identifiers=(Identifier(IdType.IMO, "9123456", label="Vessel Registration Identification IMO"),)),
    _entity("6", Schema.ORGANIZATION, "NORTHWIND TRADING LLC", countries=("AE", "TR"),
            identifiers=(Identifier(IdType.LEI, "5493001KJTIIGC8Y1R12"),)),
    _entity("7", Schema.ORGANIZATION, "RED RIVER ELECTRONICS CO., LTD.", countries=("CN",),
            identifiers=(Identifier(IdType.USCC, "91110000MA005UCQ5P", "CN"), Identifier(IdType.ISIN, "CNE1000031W9"))),
    _entity("8", Schema.UNKNOWN, "SEA BREEZE"),
    _entity("9", Schema.ORGANIZATION, "OCEAN STAR SHIPPING LIMITED", countries=("GR",)),
    _entity("10", Schema.PERSON, "PETROV, Nikolai", countries=("BY",)),
    _entity("11", Schema.ORGANIZATION, "GOLDEN HARBOUR LOGISTICS", countries=("SG",)),
    _entity("12", Schema.PERSON, "AL-RASHID, Yusuf", birth_dates=(DateOfBirth.year(1975),)),
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    snapshot = ListSnapshot("test", "memory", "0" * 64, entity_count=len(ENTITIES))
    return Screener([EntityList("test", snapshot, tuple(ENTITIES))], curated=False)


def hit(screener: Screener, name: str, entity_id: str, **kw):
    """The match of ``entity_id`` for ``name`` (threshold 0, so every effect is visible), or None."""
    kw.setdefault("threshold", 0)
    kw.setdefault("limit", 20)
    return {h.entity_id: h for h in screener.match(name, **kw)}.get(entity_id)


def effect(match, factor: str) -> float:
    return match.explain().effect(factor)


def factor_names(match) -> set[str]:
    return {f.name for f in match.explain().factors}


# --------------------------------------------------------------------------------------------
# country
# --------------------------------------------------------------------------------------------

def test_country_agreement_raises_and_conflict_lowers(screener):
    base = hit(screener, "Sergei Ivanov", "test:1")
    agree = hit(screener, "Sergei Ivanov", "test:1", country="Russia")
    conflict = hit(screener, "Sergei Ivanov", "test:1", country="FR")
    assert agree.score == pytest.approx(min(100, base.score + COUNTRY_MATCH))
    assert conflict.score == pytest.approx(base.score + COUNTRY_CONFLICT)
    assert effect(agree, "country") == COUNTRY_MATCH and effect(conflict, "country") == COUNTRY_CONFLICT
    assert "among the listed countries (RU)" in next(f.detail for f in agree.explain().factors
                                                     if f.name == "country")


def test_country_missing_on_either_side_is_neutral(screener):
    base = hit(screener, "Omar Ali Hassan", "test:3")
    with_country = hit(screener, "Omar Ali Hassan", "test:3", country="EG")  # the listing has no country
    assert with_country.score == base.score
    detail = next(f for f in with_country.explain().factors if f.name == "country")
    assert detail.points == 0 and "gives no country" in detail.detail
    assert "country" not in factor_names(base)  # the query gave none: not a factor at all
    unreadable = hit(screener, "Sergei Ivanov", "test:1", country="Atlantis")  # not a country: neutral
    assert unreadable.score == hit(screener, "Sergei Ivanov", "test:1").score


def test_any_of_several_query_countries_agrees(screener):
    both = hit(screener, "Northwind Trading", "test:6", country=["FR", "TR"])
    assert effect(both, "country") == COUNTRY_MATCH
    cell = hit(screener, "Northwind Trading", "test:6", country="FR; Turkey")
    assert effect(cell, "country") == COUNTRY_MATCH
    none = hit(screener, "Northwind Trading", "test:6", country=["FR", "DE"])
    assert effect(none, "country") == COUNTRY_CONFLICT


def test_screen_reads_several_country_columns(screener):
    df = pd.DataFrame({"name": ["Northwind Trading LLC", "Northwind Trading LLC"],
                       "nationality": ["FR", "FR"], "address": ["TR", None]})
    out = screener.screen(df, country=["nationality", "address"], threshold=0, explain=True)
    points = out[out.entity_id == "test:6"].set_index("row")["country_points"]
    assert points[0] == COUNTRY_MATCH and points[1] == COUNTRY_CONFLICT


# --------------------------------------------------------------------------------------------
# date of birth
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("birth_date, expected", [
    ("1962-11-23", DOB_MATCH),  # exact
    ("23 Nov 1962", DOB_MATCH),  # as lists write it
    ("1962", DOB_MATCH),  # year only, overlapping the exact listed date
    ("1962-11", DOB_MATCH),
    ("1963-06-01", DOB_NEAR),  # within a year
    ("1961", DOB_NEAR),  # the year before
    ("1960", DOB_CONFLICT),  # two years apart
    ("1980-01-01", DOB_CONFLICT),
])
def test_exact_listed_date(screener, birth_date, expected):
    m = hit(screener, "Sergei Ivanov", "test:1", birth_date=birth_date)
    assert effect(m, "birth date") == expected
    assert m.score == pytest.approx(min(100, max(0, hit(screener, "Sergei Ivanov", "test:1").score + expected)))


@pytest.mark.parametrize("birth_date, expected", [
    ("1970-05-05", DOB_MATCH),
    ("1968", DOB_NEAR),  # circa widens the tolerance to two years
    ("1972-12-31", DOB_NEAR),
    ("1967", DOB_CONFLICT),
])
def test_circa_listed_year(screener, birth_date, expected):
    assert effect(hit(screener, "Dmitri Kovalenko", "test:2", birth_date=birth_date), "birth date") == expected


@pytest.mark.parametrize("birth_date, expected", [
    ("1961-07-01", DOB_MATCH),  # inside the listed range
    ("1963", DOB_NEAR),
    ("1958-06-30", DOB_CONFLICT),
    ("1955 to 1960", DOB_MATCH),  # a query range overlapping the listed one
    ("circa 1958", DOB_NEAR),  # a circa query widens it too
])
def test_listed_range(screener, birth_date, expected):
    assert effect(hit(screener, "Omar Ali Hassan", "test:3", birth_date=birth_date), "birth date") == expected


def test_birth_date_missing_on_either_side_is_neutral(screener):
    base = hit(screener, "Nikolai Petrov", "test:10")
    given = hit(screener, "Nikolai Petrov", "test:10", birth_date="1950-01-01")  # the listing has no date
    assert given.score == base.score
    factor = next(f for f in given.explain().factors if f.name == "birth date")
    assert factor.points == 0 and "gives no date of birth" in factor.detail
    assert hit(screener, "Sergei Ivanov", "test:1", birth_date="not a date").score == \
        hit(screener, "Sergei Ivanov", "test:1").score


def test_birth_date_tolerance_is_configurable(screener):
    strict = Screener(screener.lists, curated=False, birth_date_tolerance=0)
    loose = Screener(screener.lists, curated=False, birth_date_tolerance=3)
    assert effect(hit(strict, "Sergei Ivanov", "test:1", birth_date="1963-06-01"), "birth date") == DOB_CONFLICT
    assert effect(hit(loose, "Sergei Ivanov", "test:1", birth_date="1960"), "birth date") == DOB_NEAR
    with pytest.raises(ScreeningInputError):
        Screener(screener.lists, birth_date_tolerance=-1)


def test_conflicting_birth_date_stops_an_exact_name_alerting(screener):
    assert hit(screener, "Yusuf Al-Rashid", "test:12", threshold=None)
    assert not hit(screener, "Yusuf Al-Rashid", "test:12", threshold=None, birth_date="1990-02-02")
    assert hit(screener, "Yusuf Al-Rashid", "test:12", threshold=None, birth_date="1976-03-03")


# --------------------------------------------------------------------------------------------
# schema
# --------------------------------------------------------------------------------------------

def test_person_query_does_not_alert_on_a_vessel(screener):
    assert not hit(screener, "Ocean Star", "test:5", schema="Person")
    assert not hit(screener, "Ocean Star", "test:5", schema="Organization")
    assert hit(screener, "Ocean Star", "test:5", schema="Vessel").score == 100


def test_unknown_query_schema_compares_with_all(screener):
    found = {h.entity_id for h in screener.match("Ocean Star", threshold=0, limit=20)}
    assert {"test:5", "test:9"} <= found


def test_unknown_listed_schema_compares_with_every_query(screener):
    for schema in ("Person", "Organization", "Vessel"):
        m = hit(screener, "Sea Breeze", "test:8", schema=schema)
        assert m and m.score == 100
        assert "schema" in factor_names(m)


# --------------------------------------------------------------------------------------------
# identifiers
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("entity_id, kind, value", [
    ("test:1", "passport", "7203 456789"),
    ("test:1", IdType.NATIONAL_ID, "12345678"),
    ("test:7", "uscc", "91110000ma005ucq5p"),
    ("test:7", "isin", "CNE1000031W9"),
    ("test:6", "lei", "5493001KJTIIGC8Y1R12"),
    ("test:5", "imo", "IMO 9123456"),
    ("test:4", "ccc", "1728 4320"),
])
def test_identifier_match_is_a_strong_hit_whatever_the_name(screener, entity_id, kind, value):
    m = hit(screener, "Completely Different Name", entity_id, threshold=None, identifiers={kind: value})
    assert m is not None, "an identifier match must be found and alert, even with no shared name word"
    assert m.name_score < 50
    assert m.score >= ID_MATCH_FLOOR
    assert effect(m, "identifier") > 0
    assert "is listed" in next(f.detail for f in m.explain().factors if f.name == "identifier")


def test_identifier_match_adds_to_a_good_name_score(screener):
    base = hit(screener, "Red River Electronics Co Ltd", "test:7")
    boosted = hit(screener, "Red River Electronics Co Ltd", "test:7", identifiers={"uscc": "91110000MA005UCQ5P"})
    assert boosted.score > base.score or base.score == 100
    assert effect(boosted, "identifier") >= factors.ID_MATCH_MIN


def test_conflicting_identifier_of_the_same_type_lowers(screener):
    base = hit(screener, "Sergei Petrovich Ivanov", "test:1")
    conflict = hit(screener, "Sergei Petrovich Ivanov", "test:1", identifiers={"passport": "9999999"})
    assert conflict.score == pytest.approx(base.score + ID_CONFLICT)
    assert "differs from the listed 7203456789" in next(f.detail for f in conflict.explain().factors
                                                        if f.name == "identifier")


def test_identifier_of_a_type_the_listing_lacks_is_neutral(screener):
    base = hit(screener, "Nikolai Petrov", "test:10")
    other = hit(screener, "Nikolai Petrov", "test:10", identifiers={"passport": "1111111"})
    assert other.score == base.score and effect(other, "identifier") == 0
    # a type the listing has not, beside one it has: the passport conflict alone counts
    m = hit(screener, "Sergei Petrovich Ivanov", "test:1", identifiers={"passport": "1", "lei": "X"})
    assert effect(m, "identifier") == ID_CONFLICT


def test_one_matching_identifier_outweighs_another_conflicting(screener):
    m = hit(screener, "Sergei Ivanov", "test:1", identifiers=[Identifier(IdType.PASSPORT, "000"),
                                                              Identifier(IdType.NATIONAL_ID, "1234 5678")])
    assert effect(m, "identifier") > 0


def test_unknown_identifier_type_is_an_input_error(screener):
    with pytest.raises(ScreeningInputError, match="unknown identifier type"):
        screener.match("x", identifiers={"shoe size": "42"})
    with pytest.raises(ScreeningInputError, match="unknown identifier type"):
        screener.screen(pd.DataFrame({"name": ["x"], "p": ["1"]}), identifiers={"shoe size": "p"})


def test_screen_identifier_columns_and_no_leak_between_rows(screener):
    # Two rows with the same name: only the one carrying the IMO number gets the vessel through it.
    df = pd.DataFrame({"name": ["Blue Lagoon", "Blue Lagoon", "Sergei Ivanov"],
                       "imo": ["9123456", None, None], "passport": [None, None, "7203456789"]},
                      index=["a", "b", "c"])
    out = screener.screen(df, identifiers={"imo": "imo", IdType.PASSPORT: "passport"}, threshold=0, limit=20)
    by_row = out.groupby("row")["entity_id"].apply(set)
    assert "test:5" in by_row["a"]
    assert "test:5" not in by_row.get("b", set())
    top = out[out.row == "c"].iloc[0]
    assert top.entity_id == "test:1" and top.score == 100
    # each row's result equals match() on that row alone
    for label, row in df.iterrows():
        ids = {k: v for k, v in (("imo", row.imo), ("passport", row.passport)) if v}
        expected = [(h.entity_id, h.score) for h in screener.match(row["name"], identifiers=ids, threshold=0,
                                                                     limit=20)]
        got = list(out[out.row == label][["entity_id", "score"]].itertuples(index=False, name=None))
        assert got == expected


def test_identifier_path_respects_the_schema_filter_and_only(screener):
    assert not hit(screener, "Anything", "test:5", schema="Person", identifiers={"imo": "9123456"})
    df = pd.DataFrame({"name": ["Anything"], "imo": ["9123456"]})
    assert screener.screen(df, identifiers={"imo": "imo"}, only=["test:1"]).empty
    assert list(screener.screen(df, identifiers={"imo": "imo"}, only=["test:5"]).entity_id) == ["test:5"]


def test_identifier_spellings_meet():
    from screening.normalize.identifiers import identifier_key
    assert identifier_key(IdType.PASSPORT, "ab-123 456") == identifier_key(IdType.PASSPORT, "AB123456")
    assert identifier_key(IdType.IMO, "IMO No. 9123456") == "9123456"
    assert identifier_key(IdType.TICKER, "0941.HK") == identifier_key(IdType.TICKER, "941 HK")
    assert identifier_key(IdType.PASSPORT, " - ") is None


# --------------------------------------------------------------------------------------------
# explanations and real data
# --------------------------------------------------------------------------------------------

def test_every_factor_the_query_gave_is_explained(screener):
    m = hit(screener, "Sergei Ivanov", "test:1", schema="Person", country="RU", birth_date="1962",
            identifiers={"passport": "7203456789"})
    names = [f.name for f in m.explain().factors]
    assert names == ["schema", "country", "birth date", "identifier"]
    text = str(m.explain())
    assert "country +2.0" in text and "birth date +4.0" in text and "identifier +" in text


def test_ofac_circa_birth_year(shared_lists):
    from screening import load_list
    sdn = load_list("ofac-sdn", shared_lists / "ofac_sdn_2023-12")
    circa = next(e for e in sdn if any(d.circa for d in e.birth_dates) and e.schema is Schema.PERSON
                 and len(e.birth_dates) == 1 and e.birth_dates[0].start.year == e.birth_dates[0].end.year)
    year = circa.birth_dates[0].start.year
    screener = Screener([sdn], curated=False)

    def points(birth_date):
        m = hit(screener, circa.name, circa.entity_id, birth_date=birth_date, schema="Person")
        return effect(m, "birth date")

    assert points(str(year)) == DOB_MATCH
    assert points(str(year + 2)) == DOB_NEAR  # circa: two years
    assert points(str(year + 4)) == DOB_CONFLICT
