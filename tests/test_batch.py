"""Batch screening at scale: chunks, iterables of chunks and worker processes.

``Screener.screen(df, workers=N)`` must give exactly the frame a single process gives
(rows, order, scores, dtypes, ``attrs["counts"]``), whatever the chunking; ``iter_screen``
takes a DataFrame or any iterable of DataFrames (e.g. ``pd.read_csv(..., chunksize=n)``).
Uses the bundled starter list and ``examples/customers.csv`` (tiled to a few hundred rows).
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from screening import Screener, ScreeningInputError
from screening.interfaces import parallel

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers.csv"
COLUMNS = {"name": "name", "schema": "schema", "country": "country", "birth_date": "birth_date"}


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener()


def _read_examples() -> pd.DataFrame:
    return pd.read_csv(EXAMPLES, dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def customers() -> pd.DataFrame:
    """300 rows: the 25 example customers 12 times, as given, upper-cased, or with a word added;
    a RangeIndex (as ``pd.read_csv`` gives)."""
    base = _read_examples()
    parts = []
    for k in range(12):
        part = base.copy()
        part["customer_id"] = part["customer_id"] + f"-{k}"
        if k % 3 == 1:
            part["name"] = part["name"].str.upper()
        elif k % 3 == 2:
            part["name"] = part["name"] + f" Holding {k}"
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    assert len(frame) == 300
    return frame


def _counts(frame: pd.DataFrame) -> dict:
    return frame.attrs["counts"]


# --------------------------------------------------------------------------------------------
# Worker processes give the single-process result


@pytest.mark.parametrize("threshold", [None, 0], ids=["default-threshold", "threshold-0"])
def test_two_workers_equal_one(screener, customers, threshold):
    kw = dict(COLUMNS, threshold=threshold, limit=5, chunk_size=23)  # 14 chunks, the last of 1 row
    one = screener.screen(customers, workers=1, **kw)
    two = screener.screen(customers, workers=2, **kw)
    assert len(one) > 100
    assert_frame_equal(two, one)  # rows, order, scores and dtypes
    assert _counts(two) == _counts(one) == {"rows": 300, "screened": 300, "rejected": 0}
    # input order is kept: row labels appear in the order of the input
    first_seen = list(dict.fromkeys(two["row"]))
    assert first_seen == sorted(first_seen)


def test_two_workers_with_string_labels_and_rejected_rows(screener, customers):
    frame = customers.copy()
    frame.loc[[5, 77, 290], "name"] = [None, "", "!!!"]
    frame = frame.set_index("customer_id")
    one = screener.screen(frame, workers=1, chunk_size=31, **COLUMNS)
    two = screener.screen(frame, workers=2, chunk_size=31, **COLUMNS)
    assert_frame_equal(two, one)
    assert _counts(two) == {"rows": 300, "screened": 297, "rejected": 3}
    assert set(two["row"]) <= set(frame.index)


def test_chunk_size_does_not_change_the_result(screener, customers):
    """One chunk or many (some without any alert): the same frame, dtypes included."""
    whole = screener.screen(customers, **COLUMNS)
    for chunk_size in (7, 23, 299):
        chunked = screener.screen(customers, chunk_size=chunk_size, **COLUMNS)
        assert_frame_equal(chunked, whole, obj=f"chunk_size={chunk_size}")
        assert _counts(chunked) == _counts(whole)


# --------------------------------------------------------------------------------------------
# Iterables of DataFrames


def test_iter_screen_over_read_csv_chunks(screener, customers, tmp_path):
    """A generator of chunks with a RangeIndex continuing across chunks (as ``read_csv(chunksize=)``
    gives) yields, chunk by chunk, what one DataFrame gives."""
    path = tmp_path / "customers.csv"
    customers.to_csv(path, index=False)
    whole = screener.screen(customers, **COLUMNS)

    for workers in (1, 2):
        reader = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], chunksize=40)
        frames = list(screener.iter_screen(reader, workers=workers, **COLUMNS))
        assert len(frames) == 8  # one result frame per input chunk, in order
        assert [_counts(f)["rows"] for f in frames] == [40] * 7 + [20]
        for i, f in enumerate(frames):
            assert f["row"].between(40 * i, 40 * i + 39).all()  # labels stay the data row numbers
        joined = pd.concat([f for f in frames if len(f)], ignore_index=True)
        assert_frame_equal(joined, whole)
        assert joined["row"].tolist() == whole["row"].tolist()
        assert sum(_counts(f)["screened"] for f in frames) == _counts(whole)["screened"] == 300


def test_screen_accepts_a_generator_of_chunks(screener, customers):
    whole = screener.screen(customers, **COLUMNS)
    chunks = (customers.iloc[start:start + 50] for start in range(0, len(customers), 50))
    from_chunks = screener.screen(chunks, workers=2, **COLUMNS)
    assert_frame_equal(from_chunks, whole)
    assert _counts(from_chunks) == _counts(whole)


def test_iter_screen_of_a_dataframe_chunks_it(screener, customers):
    frames = list(screener.iter_screen(customers, chunk_size=100, **COLUMNS))
    assert [_counts(f)["rows"] for f in frames] == [100, 100, 100]


# --------------------------------------------------------------------------------------------
# Bad input and failures


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_chunk_raises_screening_input_error(screener, customers, workers):
    good = customers.iloc[:30]
    bad = customers.iloc[30:60].drop(columns=["country"])
    chunks = iter([good, bad, customers.iloc[60:90]])
    results = screener.iter_screen(chunks, workers=workers, **COLUMNS)
    with pytest.raises(ScreeningInputError, match="column 'country' not in the input"):
        list(results)
    with pytest.raises(ScreeningInputError, match="column 'country'"):
        screener.screen(iter([good, bad]), workers=workers, **COLUMNS)


def test_a_bad_chunk_after_good_ones_yields_those_first(screener, customers):
    chunks = iter([customers.iloc[:30], customers.iloc[30:60].rename(columns={"name": "full_name"})])
    results = screener.iter_screen(chunks, **COLUMNS)
    first = next(results)
    assert _counts(first)["rows"] == 30
    with pytest.raises(ScreeningInputError, match="column 'name'"):
        next(results)


@pytest.mark.parametrize("option, value", [("workers", 0), ("workers", -1), ("chunk_size", 0), ("chunk_size", -5)])
def test_workers_and_chunk_size_must_be_positive(screener, customers, option, value):
    with pytest.raises(ScreeningInputError, match=f"{option} must be at least 1"):
        screener.screen(customers, **COLUMNS, **{option: value})
    with pytest.raises(ScreeningInputError, match=f"{option} must be at least 1"):
        list(screener.iter_screen(customers, **COLUMNS, **{option: value}))


def test_an_exception_in_a_worker_reaches_the_caller(screener, customers):
    """A value the screening code cannot handle (a list where a country is expected) fails
    inside the worker process; the caller gets that exception, and the pool is not left hanging."""
    bad = customers.astype({"country": object})
    bad.at[250, "country"] = ["CN"]  # in the 11th chunk of 23 rows
    started = time.monotonic()
    with pytest.raises(TypeError, match="unhashable"):
        screener.screen(bad, chunk_size=23, workers=2, **COLUMNS)
    assert time.monotonic() - started < 30
    assert parallel._state is None  # the shared state of the pool is released
    # the screener still works, on several processes too
    again = screener.screen(customers.iloc[:50], chunk_size=10, workers=2, **COLUMNS)
    assert_frame_equal(again, screener.screen(customers.iloc[:50], **COLUMNS))


def test_closing_the_iterator_early_stops_the_workers(screener, customers):
    results = screener.iter_screen(customers, chunk_size=10, workers=2, **COLUMNS)
    first = next(results)
    assert _counts(first)["rows"] == 10
    results.close()  # a caller that stops reading (e.g. after an error writing results)
    assert parallel._state is None


def test_a_rows_candidates_do_not_depend_on_the_other_rows(shared_lists):
    """Forms with the same tokens but other classes (a place, a name word) weigh differently:
    one row's scores, even below the threshold, must not change with its chunk's other rows."""
    from screening import load_list

    screener = Screener([load_list("ofac-sdn", shared_lists / "ofac_sdn_2021")])
    names = ["邓中华", "Teng Chung-hua", "Deng Zhonghua", "Beijing Zhonghua Trading", "Zhong Hua"]
    together = screener.screen(pd.DataFrame({"name": names}), threshold=0, limit=10)
    for i, name in enumerate(names):
        alone = screener.screen(pd.DataFrame({"name": [name]}, index=[i]), threshold=0, limit=10)
        mine = together[together["row"] == i]
        assert alone[["entity_id", "score"]].values.tolist() == mine[["entity_id", "score"]].values.tolist(), name
