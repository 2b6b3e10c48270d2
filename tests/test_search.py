"""The search step of a batch (:func:`screening.scoring.batch.search`): units and their
joined-word forms, the rows that have candidates, and scoring a subset of the rows with the
same results as scoring them all."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening import DEFAULT_THRESHOLD, Screener
from screening.normalize import normalize
from screening.scoring.batch import screen_batch, search
from screening.scoring.factors import QueryAttributes, QueryValues
from screening.sources.custom import from_frame

LISTED = [
    {"id": "N1", "name": "NETPOSA TECHNOLOGIES LIMITED", "schema": "Organization"},
    {"id": "N2", "name": "MEGVII TECHNOLOGY", "schema": "Organization"},
    {"id": "N3", "name": "JIHOON PARKSUNG", "schema": "Person"},
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener([from_frame(pd.DataFrame(LISTED), source="test")], curated=False)


def test_adjacent_words_join_into_a_listed_word(screener):
    forms = [normalize(n) for n in ("Net Posa Technologies", "Megvii Net", "Posa Ltd", "Tech Net Posa",
                                    "Ji Hoon Park", "Net")]
    joined = [screener.index.compound(f) for f in forms]
    assert joined[0].tokens == ("netposa",) + forms[0].tokens[2:]
    assert joined[3].tokens == forms[3].tokens[:1] + ("netposa",)
    assert joined[1] is None and joined[2] is None and joined[5] is None
    # Both parts need three letters or more: "ji hoon" does not fuse into JIHOON.
    assert joined[4] is None


def test_a_row_has_candidates_through_any_of_its_forms(screener):
    names = ["Net Posa", "Apple Inc", "Megvii Tech", "Banana Republic"]
    found = search(screener.index, [(normalize(n),) for n in names], DEFAULT_THRESHOLD, 10)
    assert found.has_candidates().tolist() == [True, False, True, False]
    # The joined form is a unit of its row, after the row's own form.
    assert found.unit_row.tolist() == [0, 0, 1, 2, 3]


def test_scoring_some_rows_gives_their_results_in_the_whole_batch(screener):
    names = ["Net Posa Technologies", "Apple Inc", "Megvii Technology", "Netposa", "Megvii"]
    forms = [(normalize(n),) for n in names]
    values = [QueryValues(countries=("CN",)) for _ in names]
    attrs = QueryAttributes.of(values, screener.index.attributes)
    every = screen_batch(screener.index, search(screener.index, forms, 0, 10), attrs, 10, 0)
    rows = np.array([0, 2, 4])
    some = screen_batch(screener.index, search(screener.index, forms, 0, 10).take(rows),
                        QueryAttributes.of([values[i] for i in rows], screener.index.attributes), 10, 0)
    whole = [(int(r), int(e), float(s)) for r, e, s in zip(every.row, every.entity, every.score) if r in rows]
    part = [(int(rows[r]), int(e), float(s)) for r, e, s in zip(some.row, some.entity, some.score)]
    assert part == whole and len(part) >= 3


def test_a_delta_screen_counts_rows_it_did_not_need_to_score(screener):
    customers = pd.DataFrame({"name": ["Netposa Technologies", "Apple Inc", "Megvii Technology", None, "Orange SA"],
                              "birth_date": ["not a date", None, "1980", None, "1990"]})
    alerts = screener.screen(customers, birth_date="birth_date", only=["test:N1"])
    assert alerts["entity_id"].tolist() == ["test:N1"]
    assert alerts.attrs["counts"] == {"rows": 5, "screened": 4, "rejected": 1}


@pytest.fixture(scope="module")
def spaced() -> Screener:
    rows = [{"id": "P1", "name": "HAJIZADEH, Amir Ali", "schema": "Person"},
            {"id": "C1", "name": "TRANS LOGISTIK OOO", "schema": "Organization"},
            {"id": "C2", "name": "ZHONG GUO HANGTIAN", "schema": "Organization"},
            {"id": "P2", "name": "KARIMI, Reza", "aliases": "", "schema": "Person"}]
    return Screener([from_frame(pd.DataFrame(rows), source="test")], curated=False)


def test_a_word_the_list_writes_as_two_is_split(spaced):
    hit = spaced.match("Amirali Hajizadeh")[0]
    assert (hit.entity_id, hit.score) == ("test:P1", 100)
    assert "run together or apart" in hit.explain().transliteration
    assert spaced.match("OOO Translogistik")[0].entity_id == "test:C1"
    # The same letters that no listed name has as two adjacent words stay one word.
    assert spaced.index.split(normalize("Amiralo Hajizadeh")) is None
    assert not spaced.match("Amiralo Hajizadeh")


def test_split_pairs_are_listed_neighbours_but_not_chinese_syllables(spaced):
    # Both orders of a person's name are listed forms (HAJIZADEH Amir / Amir Ali); ZHONG GUO is
    # spaced by the Chinese romanization, not by this rule.
    assert sorted(spaced.index.pairs) == ["amirali", "hajizadehamir", "karimireza", "translogistik"]
    assert spaced.index.pairs["amirali"][0] == ("amir", "ali")


# Names of name words only (and a title before one): a generic word such as SHIPPING is not
# a part a query runs together with a name.
PEOPLE = ["ABDUL RAHMAN KHALIDI", "MOHAMMAD REZA GHORBANI", "NASER ALDIN TEHRANI", "BLUE OCEAN STAR",
          "AMIR HOSSEIN NOURI", "ALI ASGHAR HEJAZI"]


@pytest.fixture(scope="module")
def people() -> Screener:
    rows = [{"id": f"Q{i}", "name": n, "schema": ""} for i, n in enumerate(PEOPLE)]
    return Screener([from_frame(pd.DataFrame(rows), source="test")], curated=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(PEOPLE) - 1), st.integers(0, 1))
def test_running_two_listed_words_together_still_finds_the_name(people, entity, gap):
    """Whichever two neighbouring words of a listed name a customer runs together, the name is
    found at 100 when both parts are long enough, and never scores lower than it would without
    respacing."""
    words = PEOPLE[entity].split()
    query = " ".join(words[:gap] + [words[gap] + words[gap + 1]] + words[gap + 2:])
    hits = {h.entity_id: h.score for h in people.match(query, threshold=0)}
    found = hits.get(f"test:Q{entity}", 0)
    if len(words[gap]) >= 3 and len(words[gap + 1]) >= 3:
        assert found == 100
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(type(people.index), "respaced", lambda self, form: ())
        without = {h.entity_id: h.score for h in people.match(query, threshold=0)}
    assert found >= without.get(f"test:Q{entity}", 0)
