"""One Screener shared by many threads gives the same answers as one thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from screening import Screener

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers.csv"
HOSTILE = ["", "!!!", "Meg\u200bvii Technology", "\u65f7\u89c6\u79d1\u6280", "Kim Kyong Ok", "A. B. C.",
           "Megvii " * 200, "\u0645\u062d\u0645\u062f", "Xi Li Wu Ma"]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener()


def names() -> list[str]:
    return pd.read_csv(EXAMPLES, dtype=str)["name"].tolist() + HOSTILE


def answer(screener: Screener, name: str) -> list[tuple]:
    return [(h.entity_id, h.score, h.matched_name, h.name_score) for h in screener.match(name, threshold=0, limit=5)]


def test_match_from_many_threads(screener):
    queries = names() * 6
    one = [answer(screener, q) for q in queries]
    with ThreadPoolExecutor(max_workers=8) as pool:
        many = list(pool.map(lambda q: answer(screener, q), queries))
    assert many == one


def test_explain_from_many_threads(screener):
    queries = [q for q in names() if screener.match(q)] * 4
    one = [str(screener.match(q)[0].explain()) for q in queries]
    with ThreadPoolExecutor(max_workers=8) as pool:
        many = list(pool.map(lambda q: str(screener.match(q)[0].explain()), queries))
    assert many == one


def test_screen_from_many_threads(screener):
    customers = pd.read_csv(EXAMPLES, dtype=str, keep_default_na=False, na_values=[""])
    frames = [customers.sample(frac=1, random_state=i).reset_index(drop=True) for i in range(12)]

    def screen(df: pd.DataFrame) -> pd.DataFrame:
        return screener.screen(df, name="name", country="country", threshold=0, limit=3, chunk_size=7)

    one = [screen(df) for df in frames]
    with ThreadPoolExecutor(max_workers=6) as pool:
        many = list(pool.map(screen, frames))
    for a, b in zip(one, many):
        pd.testing.assert_frame_equal(a, b)
        assert a.attrs == b.attrs
