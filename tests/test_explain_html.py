"""Explanations as data (``Match.explain()``, ``screen(..., explain=True)``) and as HTML for Jupyter."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from screening import Explanation, Screener
from screening.interfaces.screener import EXPLAIN_COLUMNS, Matches, RESULT_COLUMNS
from screening.scoring.explain import highlight

MEGVII = "ofac-cons:33091"
HIKVISION = "ofac-cons:30946"


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener()


def test_explanation_structure(screener):
    m = screener.match("Megvii Tech Ltd", schema="Organization", country="CN")[0]
    e = m.explain()
    assert isinstance(e, Explanation)
    assert (e.entity_id, e.listed_name, e.matched_name, e.name_kind) == (MEGVII, "MEGVII TECHNOLOGY LIMITED",
                                                                         "MEGVII TECHNOLOGY LIMITED", "primary")
    pairs = {t.listed: (t.query, t.similarity) for t in e.tokens}
    assert pairs["megvii"] == ("megvii", 1.0) and pairs["technology"] == ("technology", 1.0)
    assert all(t.weight > 0 for t in e.tokens)
    assert e.tokens[0].weight > e.tokens[-1].weight  # the trade name weighs more than the legal form
    assert e.transliteration == "as written (Latin script)"
    assert [(f.name, f.points) for f in e.factors] == [("schema", 0.0), ("country", 2.0)]
    assert e.score == m.score and e.name_score == m.name_score
    data = e.to_dict()
    json.dumps(data)  # plain data
    assert data["factors"][1] == {"name": "country", "points": 2.0, "detail": e.factors[1].detail}


def test_alias_and_transliteration_of_a_chinese_query(screener):
    m = next(h for h in screener.match("杭州海康威视数字技术股份有限公司") if h.entity_id == HIKVISION)
    e = m.explain()
    assert e.matched_name != e.listed_name  # the curated Chinese alias matched
    assert e.transliteration.startswith("Chinese characters read as pinyin")
    assert "hangzhou" in e.query_form
    text = str(e)
    assert "alias of listed name" in text and "query read as" in text


def test_factor_effects_visible_in_text(screener):
    e = screener.match("Megvii Technology", country="RU", threshold=0)[0].explain()
    assert "country -4.0: RU: not among the listed countries" in str(e)
    assert e.effect("country") == -4.0 and e.effect("birth date") == 0


def test_screen_explain_columns_agree_with_match(screener):
    df = pd.DataFrame({"name": ["Megvii Tech Ltd", "海康威视", "Jane Doe"], "country": ["RU", "CN", None]},
                      index=["a", "b", "c"])
    out = screener.screen(df, country="country", explain=True)
    assert list(out.columns) == RESULT_COLUMNS + EXPLAIN_COLUMNS
    assert type(out) is pd.DataFrame
    for _, r in out.iterrows():
        m = {h.entity_id: h for h in screener.match(df.loc[r.row, "name"], country=df.loc[r.row, "country"])}[
            r.entity_id]
        e = m.explain()
        assert r.explanation == str(e)
        assert r.country_points == e.effect("country")
        assert r.transliteration == e.transliteration
    a = out[out.row == "a"].iloc[0]
    assert a.country_points == -4.0 and "megvii<-megvii (1.00" in a.aligned_tokens
    assert out[out.row == "b"].iloc[0].transliteration.startswith("Chinese characters")
    plain = screener.screen(df, country="country")
    assert list(plain.columns) == RESULT_COLUMNS  # explain columns only on request
    assert out[RESULT_COLUMNS].equals(plain)


def test_screen_explain_on_an_empty_result(screener):
    out = screener.screen(pd.DataFrame({"name": ["Jane Doe"]}), explain=True)
    assert out.empty and set(EXPLAIN_COLUMNS) <= set(out.columns)


def test_match_returns_a_plain_list_that_renders(screener):
    hits = screener.match("Megvii Technology Limited")
    assert isinstance(hits, list) and isinstance(hits, Matches)
    assert hits == list(hits)
    html = hits._repr_html_()
    assert "<table>" in html and "<mark>MEGVII</mark>" in html and MEGVII in html
    assert screener.match("Jane Doe") == [] and "no match" in screener.match("Jane Doe")._repr_html_()


def test_match_html_highlights_the_matched_words_only(screener):
    m = screener.match("Hikvision Digital", threshold=0)[0]
    html = m._repr_html_()
    assert m.entity_id in html and "CMIC-EO13959" in html
    e = m.explain()
    explanation_html = e._repr_html_()
    assert "<mark>" in explanation_html
    assert "factor" in explanation_html or not e.factors


def test_highlight():
    assert highlight("MEGVII TECHNOLOGY LIMITED", {"megvii", "technology"}) == \
        "<mark>MEGVII</mark> <mark>TECHNOLOGY</mark> LIMITED"
    assert highlight("<script>", set()) == "&lt;script&gt;"
    assert highlight("北京旷视", {"kuang", "shi"}) == "北京<mark>旷视</mark>"
    assert highlight("Xi'an Aircraft", {"xian"}) == "<mark>Xi&#x27;an</mark> Aircraft"


def test_html_escapes_names():
    from screening.model import Entity, EntityList, ListSnapshot, Schema
    e = Entity("t:1", "t", "1", Schema.ORGANIZATION, "ACME <b>BOLD</b> TRADING")
    s = Screener([EntityList("t", ListSnapshot("t", "m", "0" * 64), (e,))], curated=False)
    html = s.match("Acme Bold Trading", threshold=0)._repr_html_()
    assert "<b>BOLD</b>" not in html and "&lt;b&gt;" in html
