"""The forms cache: a screen with it gives the same alerts as without, normalizes each name
once across runs, and drops names stored by another normalization."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from cli_helpers import read_output, run, run_err
from screening import Screener
from screening.interfaces import forms_cache as fc
from screening.interfaces import screener as screener_module
from screening.normalize import name_forms

CUSTOMERS = pd.DataFrame({
    "name": ["Megvii Technology Ltd", "旷视科技", "Haikang Weishi", "Teng Chung-hua", "RAZA M.A.", "Jane Doe",
             "Megvii Technology Ltd", "", None, "!!!", "김경옥", "محمد"],
    "country": ["CN", "CN", None, None, None, "US", "CN", None, None, None, None, None],
})


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener()


def test_forms_round_trip():
    for name in CUSTOMERS["name"].dropna():
        forms = tuple(f for f in name_forms(name) if f.tokens)
        assert fc.decode_forms(name, fc.encode_forms(forms)) == forms


def test_same_alerts_cold_warm_and_on_workers(screener, tmp_path):
    path = tmp_path / "forms.db"
    plain = screener.screen(CUSTOMERS, country="country", threshold=0, limit=3)
    cold = screener.screen(CUSTOMERS, country="country", threshold=0, limit=3, forms_cache=path)
    warm = screener.screen(CUSTOMERS, country="country", threshold=0, limit=3, forms_cache=path)
    two = screener.screen(CUSTOMERS, country="country", threshold=0, limit=3, forms_cache=path, workers=2,
                          chunk_size=4)
    for got in (cold, warm, two):
        assert_frame_equal(got, plain)
        assert got.attrs == plain.attrs  # counts, rejects and notes; nothing of the cache leaks out
    with fc.FormsCache(path) as cache:
        # every distinct text name (the empty and punctuation-only ones too), once
        assert len(cache) == CUSTOMERS["name"].dropna().nunique()
        assert cache.lookup(["!!!"]) == {"!!!": ""}


def test_a_warm_cache_normalizes_nothing(screener, tmp_path, monkeypatch):
    path = tmp_path / "forms.db"
    screener.screen(CUSTOMERS, forms_cache=path)
    calls = []
    real = screener_module._usable_forms
    monkeypatch.setattr(screener_module, "_usable_forms", lambda n: calls.append(n) or real(n))
    screener.screen(CUSTOMERS, forms_cache=path)
    assert calls == []
    screener.screen(pd.DataFrame({"name": ["Megvii Technology Ltd", "Hikvision"]}), forms_cache=path)
    assert calls == ["Hikvision"]  # only the new name


def test_another_normalization_drops_the_stored_names(screener, tmp_path):
    path = tmp_path / "forms.db"
    screener.screen(CUSTOMERS, forms_cache=path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'older' WHERE key = 'fingerprint'")
        db.execute("UPDATE forms SET forms = 'wrong\x1f0'")  # what an older normalization might have stored
    with fc.FormsCache(path) as cache:
        assert cache.reset and len(cache) == 0
    assert_frame_equal(screener.screen(CUSTOMERS, forms_cache=path), screener.screen(CUSTOMERS))


def test_a_cache_object_stays_open_for_its_owner(screener, tmp_path):
    with fc.FormsCache(tmp_path / "forms.db") as cache:
        screener.screen(CUSTOMERS, forms_cache=cache)
        screener.screen(CUSTOMERS, forms_cache=cache)
        assert len(cache) > 0
    with pytest.raises(TypeError, match="stays in the process"):
        import pickle
        pickle.dumps(fc.FormsCache(tmp_path / "other.db"))


def test_cli_forms_cache(capsys, tmp_path):
    src = tmp_path / "customers.csv"
    CUSTOMERS.to_csv(src, index=False)
    out_plain, out_cached = tmp_path / "plain.csv", tmp_path / "cached.csv"
    cache = tmp_path / "forms.db"
    assert run(capsys, "screen", str(src), "-o", str(out_plain), "--quiet")[0] == 1
    for _ in range(2):  # cold, then warm
        assert run(capsys, "screen", str(src), "-o", str(out_cached), "--quiet", "--forms-cache", str(cache))[0] == 1
        assert_frame_equal(read_output(out_cached), read_output(out_plain))
    assert cache.is_file()
    code, err = run_err(capsys, "screen", str(src), "-o", str(tmp_path / "s.parquet"), "--engine", "spark",
                        "--forms-cache", str(cache))
    assert code == 2 and "--forms-cache is for the local engine" in err


def test_a_file_that_is_no_database_is_a_clear_error(screener, tmp_path, capsys):
    bad = tmp_path / "forms.db"
    bad.write_bytes(b"not an sqlite database at all" * 100)
    with pytest.raises(fc.FormsCacheError, match="cannot be used as a forms cache"):
        screener.screen(CUSTOMERS, forms_cache=bad)
    src = tmp_path / "customers.csv"
    CUSTOMERS.to_csv(src, index=False)
    code, err = run_err(capsys, "screen", str(src), "-o", str(tmp_path / "out.csv"), "--forms-cache", str(bad))
    assert code == 2 and "cannot be used as a forms cache" in err and "Traceback" not in err
