"""Tests of the Python API (``Screener.match`` and ``Screener.screen``).

Most tests use the bundled starter list (``Screener()``); the ``ofac`` tests load the real
OFAC files from ``../shared/lists`` and are skipped when those are absent.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import screening
from screening import (
    DEFAULT_THRESHOLD,
    Explanation,
    Schema,
    Screener,
    ScreeningInputError,
    load_list,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers.csv"
REQUIRED_COLUMNS = {"row", "entity_id", "source", "listed_name", "matched_name", "score", "programs"}

MEGVII = "ofac-cons:33091"
CLOUDWALK = "ofac-cons:33112"
HIKVISION = "ofac-cons:30946"
MADURO = "ofac-sdn:22790"  # sdn.csv: 22790,"MADURO MOROS, Nicolas","individual",... DOB 23 Nov 1962
WEAK_NICOLAS = "ofac-sdn:16409"  # MORENO TUBERQUIA, Carlos Antonio; its only "Nicolas" name is the weak a.k.a. 'NICOLAS'


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener()


@pytest.fixture(scope="module")
def customers() -> pd.DataFrame:
    """The example customers, indexed by customer id (string labels, not a RangeIndex)."""
    df = pd.read_csv(EXAMPLES, dtype=str, keep_default_na=False, na_values=[""])
    return df.set_index("customer_id")


def screen_all(screener, df, **kw):
    kw.setdefault("limit", 10)
    return screener.screen(df, name="name", schema="schema", country="country", birth_date="birth_date", **kw)


# --------------------------------------------------------------------------------------------
# match(): the issue's contract
# --------------------------------------------------------------------------------------------


def test_issue_contract_megvii(screener):
    hits = screener.match("Megvii Tech Ltd", schema="Organization", country="CN", limit=10)
    assert hits, "Megvii Tech Ltd must alert"
    top = hits[0]
    assert top.entity_id == MEGVII
    assert 0 <= top.score <= 100
    assert top.listed_name == "MEGVII TECHNOLOGY LIMITED"
    assert top.source == "ofac-cons"
    assert "CMIC-EO13959" in top.programs
    assert top.entity.schema is Schema.ORGANIZATION

    exp = top.explain()
    assert isinstance(exp, Explanation)
    assert exp.matched_name == top.matched_name
    assert exp.listed_name == top.listed_name
    assert exp.query == "Megvii Tech Ltd"
    assert exp.score == pytest.approx(top.score)
    pairs = {(t.listed, t.query) for t in exp.tokens}
    assert {("megvii", "megvii"), ("technology", "technology"), ("ltd", "ltd")} <= pairs
    assert [f.name for f in exp.factors if f.name == "country" and f.points > 0], exp.factors

    text = str(exp)
    assert "MEGVII TECHNOLOGY LIMITED" in text
    assert "megvii" in text and "<-" in text
    assert "country" in text

    d = exp.to_dict()
    assert d["matched_name"] == top.matched_name
    assert d["score"] == pytest.approx(top.score)
    assert any(t["listed"] == "megvii" and t["query"] == "megvii" for t in d["tokens"])
    assert any(f["name"] == "country" for f in d["factors"])


def test_explain_names_the_alias_that_matched(screener):
    # "CHINA AVIATION ENGINE GROUP CO., LTD" is an a.k.a. of AERO ENGINE CORPORATION OF CHINA.
    hits = screener.match("China Aviation Engine Group Co Ltd", schema="Organization", country="CN")
    assert hits and hits[0].entity_id == "ofac-cons:30902"
    assert hits[0].listed_name == "AERO ENGINE CORPORATION OF CHINA"
    top = hits[0]
    assert top.matched_name != top.listed_name  # matched through an alias
    assert top.name_kind == "aka"
    exp = top.explain()
    assert exp.matched_name == top.matched_name
    assert "alias of listed name" in str(exp)


def test_country_conflict_is_explained_and_lowers_the_score(screener):
    agree = screener.match("Megvii Tech Ltd", country="CN")[0]
    other = screener.match("Megvii Tech Ltd", country="FR", threshold=0)[0]
    none = screener.match("Megvii Tech Ltd", threshold=0)[0]
    assert agree.entity_id == other.entity_id == none.entity_id == MEGVII
    assert other.score <= none.score <= agree.score


@pytest.mark.parametrize("name", ["Megvii Tech Ltd", "MEGVII TECHNOLOGY LTD.", "Megvii Technology Limited"])
def test_megvii_spellings_rank_megvii_first_and_alert(screener, name):
    hits = screener.match(name, schema="Organization", country="CN", limit=10)
    assert hits and hits[0].entity_id == MEGVII
    assert hits[0].score >= DEFAULT_THRESHOLD


def test_small_typo_still_alerts(screener):
    hits = screener.match("Cloudwalk Technolgy Co Ltd", schema="Organization", country="CN")
    assert hits and hits[0].entity_id == CLOUDWALK
    assert hits[0].score >= DEFAULT_THRESHOLD
    assert hits[0].score < 100 or hits[0].name_score < 100  # not an exact match


def test_shared_place_and_industry_words_do_not_alert_on_hikvision(screener):
    name = "Hangzhou Digital Technology Co Ltd"
    hits = screener.match(name, schema="Organization", country="CN")
    scores = {h.entity_id: h.score for h in screener.match(name, schema="Organization", country="CN", threshold=0)}
    assert HIKVISION not in {h.entity_id for h in hits}, f"Hikvision scored {scores.get(HIKVISION)}"


@pytest.mark.parametrize("name, country", [("Tencent Holdings Ltd", "KY"), ("Apple Inc", "US"),
                                           ("Siemens AG", "DE"), ("China Merchants Bank Co Ltd", "CN")])
def test_unrelated_names_do_not_alert(screener, name, country):
    assert screener.match(name, schema="Organization", country=country) == []
    assert screener.match(name) == []


def test_default_threshold_applies_when_none(screener):
    for h in screener.match("China Mobile Ltd", threshold=None):
        assert h.score >= DEFAULT_THRESHOLD
    assert screener.match("Hangzhou Digital Technology Co Ltd", threshold=None) == \
        [h for h in screener.match("Hangzhou Digital Technology Co Ltd", threshold=0) if h.score >= DEFAULT_THRESHOLD]


def test_threshold_zero_returns_ranked_candidates(screener):
    hits = screener.match("Megvii Tech Ltd", threshold=0, limit=10)
    assert len(hits) == 10
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert len({h.entity_id for h in hits}) == len(hits)  # one row per entity
    assert hits[0].entity_id == MEGVII
    assert len(screener.match("Megvii Tech Ltd", threshold=0, limit=3)) == 3
    assert [h.entity_id for h in screener.match("Megvii Tech Ltd", threshold=0, limit=3)] == \
        [h.entity_id for h in hits[:3]]


def test_threshold_zero_never_exceeds_limit_or_entity_count(screener):
    hits = screener.match("China Technology Group Co Ltd", threshold=0, limit=1000)
    assert 10 < len(hits) <= screener.entity_count
    assert len({h.entity_id for h in hits}) == len(hits)


def test_threshold_filters(screener):
    all_hits = screener.match("Hangzhou Hikvision", threshold=0, limit=20)
    for t in (30, 60, 90):
        assert [h.entity_id for h in screener.match("Hangzhou Hikvision", threshold=t, limit=20)] == \
            [h.entity_id for h in all_hits if h.score >= t]


def test_schema_filter_person_query_does_not_return_organizations(screener):
    # The starter list holds organizations only.
    assert {e.schema for lst in screener.lists for e in lst} == {Schema.ORGANIZATION}
    assert screener.match("Megvii Technology Ltd", schema="Person") == []
    assert screener.match("Megvii Technology Ltd", schema="Person", threshold=0) == []
    assert screener.match("Megvii Technology Ltd", schema="Organization")[0].entity_id == MEGVII
    assert screener.match("Megvii Technology Ltd", schema=None)[0].entity_id == MEGVII


@pytest.mark.parametrize("name", ["", "   ", "!!!", None, float("nan")])
def test_match_on_unusable_names_returns_nothing(screener, name):
    assert screener.match(name) == []
    assert screener.match(name, threshold=0) == []


def test_match_romanized_chinese_name(screener):
    hits = screener.match("旷视科技有限公司", threshold=0, limit=3)
    assert hits and hits[0].entity_id == MEGVII


def test_package_exports():
    for name in ("DEFAULT_THRESHOLD", "Screener", "ScreeningInputError", "Match", "load_list", "normalize"):
        assert hasattr(screening, name)
    assert issubclass(ScreeningInputError, ValueError)
    assert 0 < DEFAULT_THRESHOLD <= 100


# --------------------------------------------------------------------------------------------
# screen(): the DataFrame contract
# --------------------------------------------------------------------------------------------


def test_screen_contract(screener, customers):
    alerts = screen_all(screener, customers, threshold=None)
    assert isinstance(alerts, pd.DataFrame)
    assert REQUIRED_COLUMNS <= set(alerts.columns)
    assert set(alerts["row"]) <= set(customers.index)  # the input's own labels
    assert (alerts["score"] >= DEFAULT_THRESHOLD).all()
    assert (alerts["score"] <= 100).all()
    top = alerts.drop_duplicates("row").set_index("row")["entity_id"]
    assert top["C-10001"] == MEGVII
    assert top["C-10002"] == MEGVII
    assert top["C-10003"] == HIKVISION
    assert top["C-10008"] == CLOUDWALK
    counts = alerts.attrs["counts"]
    assert counts == {"rows": len(customers), "screened": len(customers), "rejected": 0}


def test_screen_rows_best_first_and_contiguous(screener, customers):
    alerts = screen_all(screener, customers, threshold=0)
    # each input row's results are together and best first
    rows = alerts["row"].tolist()
    seen: list = []
    for r in rows:
        if not seen or seen[-1] != r:
            assert r not in seen, f"results of row {r} are not contiguous"
            seen.append(r)
    for _, group in alerts.groupby("row", sort=False):
        scores = group["score"].tolist()
        assert scores == sorted(scores, reverse=True)
        assert group["entity_id"].is_unique
    # rows come out in input order
    order = [label for label in customers.index if label in set(seen)]
    assert seen == order


def test_screen_threshold_zero_returns_limit_rows_per_input_row(screener):
    df = pd.DataFrame({"name": ["Megvii Tech Ltd", "Cloudwalk Technolgy Co Ltd", "China Mobile Ltd"]},
                      index=["x", "y", "z"])
    for limit in (1, 5, 10):
        alerts = screener.screen(df, threshold=0, limit=limit)
        assert alerts.groupby("row").size().to_dict() == {"x": limit, "y": limit, "z": limit}
    alerts = screener.screen(df, threshold=0, limit=10_000)
    assert (alerts.groupby("row").size() <= screener.entity_count).all()
    assert len(screener.screen(df, threshold=0, limit=10)) > len(screener.screen(df, limit=10))


def test_screen_limit_caps_alerts(screener):
    df = pd.DataFrame({"name": ["China Mobile Ltd"]}, index=["only"])
    assert len(screener.screen(df, limit=10)) >= 2  # China Mobile Ltd and China Mobile Communications Group
    one = screener.screen(df, limit=1)
    assert len(one) == 1
    assert one["entity_id"].iloc[0] == screener.screen(df, limit=10)["entity_id"].iloc[0]


def test_screen_unusable_names_are_counted_not_fatal(screener):
    df = pd.DataFrame({"name": ["Megvii Tech Ltd", np.nan, None, "", "!!!", "   ", 42, "Cloudwalk Technology"]},
                      index=["a", "b", "c", "d", "e", "f", "g", "h"])
    alerts = screener.screen(df)
    assert set(alerts["row"]) == {"a", "h"}
    counts = alerts.attrs["counts"]
    assert counts["rows"] == len(df) == counts["screened"] + counts["rejected"]
    assert counts["screened"] == 2
    assert counts["rejected"] == 6


def test_screen_all_names_unusable(screener):
    df = pd.DataFrame({"name": [None, "", "!!!"]}, index=["a", "b", "c"])
    alerts = screener.screen(df, threshold=0)
    assert len(alerts) == 0
    assert REQUIRED_COLUMNS <= set(alerts.columns)
    assert alerts.attrs["counts"] == {"rows": 3, "screened": 0, "rejected": 3}


@pytest.mark.parametrize("kw, missing", [
    ({"name": "company"}, "company"),
    ({"schema": "kind"}, "kind"),
    ({"country": "cty"}, "cty"),
    ({"birth_date": "dob"}, "dob"),
])
def test_screen_missing_column_raises(screener, kw, missing):
    df = pd.DataFrame({"name": ["Megvii Tech Ltd"]})
    with pytest.raises(ScreeningInputError, match=missing):
        screener.screen(df, **kw)


def test_screen_matches_match_per_row(screener, customers):
    for threshold in (None, 0):
        alerts = screen_all(screener, customers, threshold=threshold, limit=5)
        for label, row in customers.iterrows():
            hits = screener.match(row["name"], schema=row["schema"], country=row["country"],
                                  birth_date=row["birth_date"], limit=5, threshold=threshold)
            expected = [(h.entity_id, h.score) for h in hits]
            got = alerts.loc[alerts["row"] == label, ["entity_id", "score"]]
            assert list(got.itertuples(index=False, name=None)) == expected, label


def test_screen_identical_names_in_many_rows(screener):
    labels = [f"cust-{i}" for i in range(50)]
    df = pd.DataFrame({"name": ["Megvii Tech Ltd"] * 50, "country": ["CN"] * 25 + [None] * 25}, index=labels)
    alerts = screener.screen(df, country="country")
    top = alerts.drop_duplicates("row")
    assert list(top["row"]) == labels
    assert (top["entity_id"] == MEGVII).all()
    assert alerts.attrs["counts"] == {"rows": 50, "screened": 50, "rejected": 0}


def test_screen_chunking_gives_the_same_result(screener, customers):
    whole = screen_all(screener, customers, threshold=0)
    chunked = screen_all(screener, customers, threshold=0, chunk_size=4)
    pd.testing.assert_frame_equal(whole.reset_index(drop=True), chunked.reset_index(drop=True), check_dtype=False)
    assert whole.attrs["counts"] == chunked.attrs["counts"]


def test_screen_row_dtype_does_not_depend_on_chunking(screener, customers):
    whole = screen_all(screener, customers, threshold=0)
    chunked = screen_all(screener, customers, threshold=0, chunk_size=4)
    assert chunked["row"].dtype == whole["row"].dtype


def test_screen_empty_dataframe(screener):
    df = pd.DataFrame({"name": pd.Series(dtype=str), "schema": pd.Series(dtype=str),
                       "country": pd.Series(dtype=str), "birth_date": pd.Series(dtype=str)})
    alerts = screen_all(screener, df, threshold=0)
    assert len(alerts) == 0
    assert REQUIRED_COLUMNS <= set(alerts.columns)
    assert alerts.attrs["counts"] == {"rows": 0, "screened": 0, "rejected": 0}


def test_screen_integer_and_default_index_labels(screener):
    df = pd.DataFrame({"name": ["Apple Inc", "Megvii Tech Ltd"]}, index=[100, 7])
    assert screener.screen(df)["row"].tolist() == [7]
    df = pd.DataFrame({"name": ["Apple Inc", "Megvii Tech Ltd"]})
    assert screener.screen(df)["row"].tolist() == [1]


def test_screen_does_not_modify_input(screener, customers):
    before = customers.copy()
    screen_all(screener, customers, threshold=0)
    pd.testing.assert_frame_equal(customers, before)


def test_screen_person_schema_rows_get_no_organization_alerts(screener, customers):
    alerts = screen_all(screener, customers, threshold=0)
    persons = set(customers.index[customers["schema"] == "Person"])
    assert persons
    assert not persons & set(alerts["row"])


def test_list_loaded_twice_counts_once():
    starter = load_list("starter")
    once = Screener([starter])
    twice = Screener([starter, starter])
    assert twice.entity_count == once.entity_count == len(starter)
    assert [h.entity_id for h in twice.match("China Mobile Ltd")] == [h.entity_id for h in once.match("China Mobile Ltd")]


# --------------------------------------------------------------------------------------------
# The real OFAC files
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ofac(shared_lists) -> Screener:
    return Screener([load_list("ofac-sdn", shared_lists / "ofac_sdn_2023-12"),
                     load_list("ofac-cons", shared_lists / "ofac_consolidated")])


def _entity(screener: Screener, entity_id: str):
    return next(e for e in screener.index.entities if e.entity_id == entity_id)


def test_maduro_listed_id_is_the_sdn_record(ofac):
    entity = _entity(ofac, MADURO)
    assert entity.name == "MADURO MOROS, Nicolas"
    assert entity.schema is Schema.PERSON


@pytest.mark.parametrize("name", ["Nicolas MADURO MOROS", "MADURO MOROS, Nicolas", "nicolas maduro moros"])
def test_ofac_maduro_ranks_first_with_100(ofac, name):
    hits = ofac.match(name)
    assert hits and hits[0].entity_id == MADURO
    assert hits[0].score == 100
    assert hits[0].listed_name == "MADURO MOROS, Nicolas"


def test_ofac_weak_one_word_alias_does_not_make_a_long_name_alert(ofac):
    # Record 16409 has the weak a.k.a. 'NICOLAS'; a longer, different name containing "Nicolas"
    # must not alert on it.
    entity = _entity(ofac, WEAK_NICOLAS)
    assert [(a.value, a.quality.value) for a in entity.aliases if a.value == "NICOLAS"] == [("NICOLAS", "weak")]
    assert WEAK_NICOLAS not in {h.entity_id for h in ofac.match("Nicolas Maduro Moros")}
    assert WEAK_NICOLAS not in {h.entity_id for h in ofac.match("Nicolas Dupont Martin")}


@pytest.mark.parametrize("name, weak_id", [
    ("Manuel Rodriguez Garcia", "ofac-sdn:4108"),  # weak a.k.a. 'MANUEL'
    ("Patricia Gomez Herrera", "ofac-sdn:4108"),  # weak a.k.a. 'PATRICIA'
    ("Lucas Oliveira Santos", "ofac-sdn:4107"),  # weak a.k.a. 'LUCAS'
])
def test_ofac_other_weak_one_word_aliases(ofac, name, weak_id):
    assert weak_id not in {h.entity_id for h in ofac.match(name)}


def test_ofac_birth_date_conflict_scores_lower(ofac):
    def score(birth_date):
        hits = ofac.match("Nicolas Maduro Moros", schema="Person", birth_date=birth_date, threshold=0, limit=5)
        return {h.entity_id: h for h in hits}[MADURO]

    listed = score("1962-11-23")
    year = score("1962")
    conflict = score("1980-01-01")
    assert conflict.score < listed.score
    assert conflict.score < year.score
    assert conflict.score <= score(None).score
    factors = {f.name: f.points for f in conflict.explain().factors}
    assert factors.get("birth date", 0) < 0
    assert {f.name: f.points for f in listed.explain().factors}.get("birth date", 0) > 0


def test_ofac_schema_filter(ofac):
    # FELIX B. MADURO S.A. is an organization on the SDN list.
    org = ofac.match("FELIX B. MADURO S.A.", schema="Organization")
    assert org and org[0].entity_id == "ofac-sdn:19147"
    person = ofac.match("FELIX B. MADURO S.A.", schema="Person", threshold=0, limit=20)
    assert all(h.entity.schema is not Schema.ORGANIZATION for h in person)


def test_ofac_consolidated_megvii_has_the_starter_id(ofac):
    hits = ofac.match("Megvii Tech Ltd", schema="Organization", country="CN")
    assert hits and hits[0].entity_id == MEGVII


def test_ofac_screen_matches_match(ofac):
    df = pd.DataFrame({"name": ["MADURO MOROS, Nicolas", "Nicolas Dupont Martin", "Megvii Tech Ltd", None]},
                      index=["p1", "p2", "o1", "blank"])
    alerts = ofac.screen(df, threshold=0, limit=5)
    for label, name in df["name"].items():
        expected = [(h.entity_id, h.score) for h in ofac.match(name, threshold=0, limit=5)]
        got = list(alerts.loc[alerts["row"] == label, ["entity_id", "score"]].itertuples(index=False, name=None))
        assert got == expected, label
    assert alerts.attrs["counts"] == {"rows": 4, "screened": 3, "rejected": 1}
