"""Hostile input never crashes a batch or loses a row (names, values, a hostile file end to end).

* every row is accounted for: rows in = rows screened + rows rejected, and each rejected
  row is listed with its reason (``attrs["rejects"]``; the CLI's rejects file);
* hostile names (missing values, numbers, whitespace, control, zero-width and bidi
  characters, combining-mark floods, emoji, mixed scripts, 100k characters, initials,
  two-letter words) neither crash nor stall ``normalize``, ``match`` or ``screen``;
  property tests over arbitrary Unicode check it (time per row: ``benchmarks/hostile.py``);
* ``tests/data/hostile_customers.csv`` runs through ``screening screen`` with the
  counts identity and no traceback. ``python tests/test_hostile.py`` rewrites that file
  from :data:`ROWS`.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening import Screener
from screening.normalize import MAX_NAME_CHARS, name_forms, normalize
from cli_helpers import run_err as run

FIXTURE = Path(__file__).resolve().parent / "data" / "hostile_customers.csv"
HEADER = "customer_id,name,country"
MEGVII = "ofac-cons:33091"

# (customer id, the line as written in the file, expected outcome): "alert" (must alert on MEGVII),
# "screened" (screened, whatever the result), or the start of the reason the row is rejected with.
ROWS: list[tuple[str, str, str]] = [
    ("H01", "H01,Megvii Technology Ltd,CN", "alert"),
    ("H02", "H02,,CN", "missing"),
    ("H03", "H03,   ,CN", "empty"),
    ("H04", "H04,!!! ??? ...,CN", "no letters or digits"),
    ("H05", "H05,12345,US", "screened"),
    ("H06", "H06,Meg\u200bvii Tech\u200bnology Ltd,CN", "alert"),  # zero-width spaces
    ("H07", "H07,\u202eMegvii\u202c \u2066Technology\u2069 Ltd,CN", "alert"),  # bidi controls
    ("H08", "H08,Megvii" + "\u0301" * 2_000 + " Technology Ltd,CN", "alert"),  # a combining-mark flood
    ("H09", "H09,\U0001F600\U0001F525\U0001F680,US", "no letters or digits"),  # emoji only
    ("H10", "H10,\u65f7\u89c6 Megvii \u041c\u0435\u0433\u0432\u0438\u0439 \uba54\uadf8\ube44,CN", "screened"),
    ("H11", "H11,Megvii\x01\x1b[31m Technology\x7f Ltd,CN", "alert"),  # control characters
    ("H12", "H12,A. B. C. D. E. F.,US", "screened"),  # initials only
    ("H13", "H13,Xi Li Wu Ma Bo Yu Li,CN", "screened"),  # two-letter words
    ("H14", "H14,Acme Inc,US,extra", "4 field(s) where the header has 3"),
    ("H15", "H15", "1 field(s) where the header has 3"),
    ("H16", 'H16,"Big" Apple Inc,US', "bad quoting on line 17"),
    ("H17", 'H17,"Acme\nCorp",US', "line break in 'name' (lines 18-19)"),
    ("H18", "H18," + "Megvii " * 800 + ",CN", "screened"),  # 5,600 characters: cut, with a note
    ("H19", "H19,Hangzhou Hikvision Digital Technology Co Ltd,CN", "screened"),
    ("H20", "H20,\uff2d\uff25\uff27\uff36\uff29\uff29 TECHNOLOGY LIMITED,CN", "alert"),  # full-width letters
    ("H21", "H21,Acme\x00Corp,US", "screened"),  # a NUL character
    ("H22", "H22,\u0645\u062d\u0645\u062f \u0639\u0644\u064a,AE", "screened"),  # Arabic
    ("H23", "H23,\u00dcn\u00efc\u00f6d\u00e9 T\u00ebst,DE", "screened"),
    ("H24", "H24,\u0301\u0301\u0301,US", "no letters or digits"),  # combining marks alone
    ("H25", "H25,-0-,US", "screened"),
    ("H26", "H26,NaN,US", "screened"),  # the text NaN is a name; only an empty cell is missing
    ("H27", "H27,\t\t,US", "empty"),
    ("H28", 'H28,"""",US', "no letters or digits"),  # a lone quote character
    ("H29", "H29,Apple Inc,US,", "screened"),  # a trailing comma: nothing lost
    ("H30", "H30,Megvii Technology Ltd,CN", "alert"),
]
MALFORMED = {"H14", "H15", "H16", "H17"}  # the reader cannot tell their id: the rejects file gives the line
SCREENED = {cid for cid, _, outcome in ROWS if outcome in ("alert", "screened")}


def fixture_text() -> str:
    return "\n".join([HEADER, *(line for _, line, _ in ROWS)]) + "\n"


def line_of(cid: str) -> int:
    """The line a row starts on (the header is line 1; H17's name spans two lines)."""
    line = 2
    for other, text, _ in ROWS:
        if other == cid:
            return line
        line += text.count("\n") + 1
    raise KeyError(cid)


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener()


# --------------------------------------------------------------------------------------------
# The hostile file through `screening screen`
# --------------------------------------------------------------------------------------------


def test_fixture_is_what_rows_describe():
    assert FIXTURE.read_bytes() == fixture_text().encode("utf-8"), "run: python tests/test_hostile.py"


@pytest.mark.parametrize("workers", [1, 2])
def test_hostile_file_every_row_accounted_for(tmp_path, capsys, workers):
    out = tmp_path / "alerts.csv"
    code, err = run(capsys, "screen", FIXTURE, "-o", out, "--id-column", "customer_id", "--workers", workers,
                    "--chunk-size", 7)
    assert code == 1, err
    assert "Traceback" not in err
    n, rejected = len(ROWS), len(ROWS) - len(SCREENED)
    assert f"screened {len(SCREENED)} of {n} rows ({rejected} rejected, listed in " in err

    record = json.loads((tmp_path / "alerts.csv.audit.json").read_text())
    counts = record["counts"]
    assert counts["rows"] == counts["screened"] + counts["rejected"] == n
    assert (counts["screened"], counts["rejected"]) == (len(SCREENED), rejected)
    assert counts["truncated"] == 2  # H08 (the combining marks) and H18
    assert {note["row"] for note in record["notes"]} == {"H08", "H18"}

    rejects = pd.read_csv(tmp_path / "alerts.rejects.csv", dtype=str, keep_default_na=False)
    assert list(rejects.columns) == ["row", "line", "reason", "value"]
    expected = [(cid, outcome) for cid, _, outcome in ROWS if cid not in SCREENED]
    assert len(rejects) == len(expected)
    for (cid, outcome), got in zip(expected, rejects.itertuples()):
        assert got.reason.startswith(outcome), (cid, got.reason)
        assert int(got.line) == line_of(cid)
        assert got.row == ("" if cid in MALFORMED else cid)

    alerts = pd.read_csv(out, dtype=str)
    alerted = set(alerts["row"])
    assert alerted <= SCREENED
    top = alerts.drop_duplicates("row").set_index("row")["entity_id"]
    for cid, _, outcome in ROWS:
        if outcome == "alert":
            assert top.get(cid) == MEGVII, cid


def test_hostile_file_with_a_100k_name_as_a_command(tmp_path):
    """End to end in a fresh interpreter, the hostile file plus a 100,000-character name: no traceback."""
    src = tmp_path / "hostile.csv"
    src.write_text(fixture_text() + "H31," + "Megvii Technology " * 5_556 + ",CN\n", encoding="utf-8")
    out = tmp_path / "alerts.parquet"
    proc = subprocess.run([sys.executable, "-m", "screening.interfaces.cli", "screen", str(src), "-o", str(out),
                           "--id-column", "customer_id", "--workers", "1"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert re.search(rf"^screened {len(SCREENED) + 1} of {len(ROWS) + 1} rows \(", proc.stderr, re.M), proc.stderr
    record = json.loads((tmp_path / "alerts.parquet.audit.json").read_text())
    assert record["counts"]["rows"] == record["counts"]["screened"] + record["counts"]["rejected"]
    assert any(n["row"] == "H31" and "truncated to 500" in n["note"] for n in record["notes"])
    rejects = pd.read_csv(tmp_path / "alerts.rejects.csv", dtype=str, keep_default_na=False)
    assert "H31" not in set(rejects["row"])  # screened, on its first 500 characters
    assert len(pd.read_parquet(out)) == record["counts"]["alerts"]


# --------------------------------------------------------------------------------------------
# Hostile values through Screener.screen and match
# --------------------------------------------------------------------------------------------

HOSTILE_VALUES = {
    "none": (None, "missing"),
    "nan": (np.nan, "missing"),
    "pd.NA": (pd.NA, "missing"),
    "int": (42, "not text (int)"),
    "float": (3.5, "not text (float)"),
    "bytes": (b"Megvii", "not text (bytes)"),
    "list": (["Megvii"], "not text (list)"),
    "empty": ("", "empty"),
    "whitespace": (" \t\n\u3000 ", "empty"),
    "punctuation": ("!!! --- ???", "no letters or digits"),
    "emoji": ("\U0001F600\U0001F525", "no letters or digits"),
    "zero-width only": ("\u200b\u200c\u200d\u2060\ufeff", "no letters or digits"),
    "control only": ("\x00\x01\x1b\x7f", "no letters or digits"),
    "combining only": ("\u0301" * 50, "no letters or digits"),
    "megvii": ("Megvii Technology Ltd", None),
    "zero-width": ("M\u200be\u200bg\u200bv\u200bi\u200bi Technology", None),
    "bidi": ("\u202eMegvii\u202c Technology", None),
    "soft hyphen": ("Meg\u00advii Technology", None),
    "combining flood": ("Megvii" + "\u0301" * 100_000, None),
    "100k characters": ("Megvii Technology " * 5_556, None),
    "100k letter": ("x" * 100_000, None),
    "mixed scripts": ("Megvii \u65f7\u89c6 \u041c\u0435\u0433\u0432\u0438\u0439 \u0645\u064a\u063a \ubc15", None),
    "initials": ("A. B. C. D. E. F. G. H.", None),
    "two-letter words": (" ".join(["Li", "Wu", "Ma", "Bo", "Yu"] * 50), None),
    "CCC digits": ("1728 4320 " * 2_000, None),
    "control inside": ("Megvii\x00\x1b[0m Technology", None),
}


def test_screen_rejects_every_unusable_value_with_its_reason(screener):
    names = [v for v, _ in HOSTILE_VALUES.values()]
    # object dtype: pandas' string dtype would refuse some values (bytes, lists, lone surrogates)
    df = pd.Series(names, dtype=object, index=[f"r{i}" for i in range(len(names))]).to_frame("name")
    alerts = screener.screen(df, chunk_size=5)
    counts = alerts.attrs["counts"]
    assert counts["rows"] == counts["screened"] + counts["rejected"] == len(names)
    want = {f"r{i}": reason for i, (_, reason) in enumerate(HOSTILE_VALUES.values()) if reason is not None}
    got = {r["row"]: r["reason"] for r in alerts.attrs["rejects"]}
    assert got == want
    assert all(df.index[r["position"]] == r["row"] for r in alerts.attrs["rejects"])  # positions in the input
    assert counts["rejected"] == len(want)
    noted = {n["row"] for n in alerts.attrs["notes"]}
    long = {f"r{i}" for i, (v, reason) in enumerate(HOSTILE_VALUES.values())
            if reason is None and len(v) > MAX_NAME_CHARS}
    assert noted == long
    assert all("truncated to 500 characters" in n["note"] for n in alerts.attrs["notes"])
    # the evasions still alert: zero-width, bidi and soft hyphens are ignored, a combining flood is cut
    alerted = set(alerts.loc[alerts["entity_id"] == MEGVII, "row"])
    keys = list(HOSTILE_VALUES)
    for key in ("megvii", "zero-width", "bidi", "soft hyphen", "combining flood", "control inside"):
        assert f"r{keys.index(key)}" in alerted, key


def test_iter_screen_chunks_carry_their_rejects(screener):
    df = pd.DataFrame({"name": ["Megvii Technology", None, "", "Apple Inc", "!!!"]})
    frames = list(screener.iter_screen(df, chunk_size=2))
    assert [f.attrs["rejects"] for f in frames] == [
        [{"row": 1, "position": 1, "reason": "missing"}],
        [{"row": 2, "position": 0, "reason": "empty"}],
        [{"row": 4, "position": 0, "reason": "no letters or digits"}],
    ]
    whole = screener.screen(df, chunk_size=2)
    assert [r["position"] for r in whole.attrs["rejects"]] == [1, 2, 4]
    assert pd.DataFrame(whole.attrs["rejects"]).columns.tolist() == ["row", "position", "reason"]


def test_pd_concat_of_result_chunks_still_works(screener):
    df = pd.DataFrame({"name": ["Megvii Technology", None, "Hikvision"]})
    frames = list(screener.iter_screen(df, chunk_size=1, threshold=0))
    assert len(pd.concat(frames)) == sum(map(len, frames))  # attrs hold plain data, not DataFrames


@pytest.mark.parametrize("key", list(HOSTILE_VALUES))
def test_match_never_raises_on_a_hostile_value(screener, key):
    value, reason = HOSTILE_VALUES[key]
    hits = screener.match(value, threshold=0)
    if reason is not None:
        assert hits == []
    assert all(0 <= h.score <= 100 for h in hits)


def test_zero_width_and_bidi_characters_do_not_split_words():
    plain = normalize("Megvii Technology").tokens
    for text in ("Meg\u200bvii Tech\u200cnology", "\u202eMegvii\u202c \u2067Technology\u2069",
                 "Meg\u00advii\ufeff Technology", "M\u2060egvii Technology\u200e"):
        assert normalize(text).tokens == plain, repr(text)


def test_long_names_are_cut_in_bounded_work():
    """A 100k-character name is cut to MAX_NAME_CHARS before any per-character work."""
    for text in ("Megvii " * 20_000, "x" * 100_000, "\u65f7" * 100_000, "a\u0301" * 50_000, "1728 " * 25_000):
        for form in name_forms(text):
            assert len(form.text) <= MAX_NAME_CHARS


# --------------------------------------------------------------------------------------------
# Properties over arbitrary Unicode
# --------------------------------------------------------------------------------------------

TOKEN = re.compile(r"[a-z0-9]+")
KEY = re.compile(r"\S+")  # other forms hold keys of their own (Korean upper case, Arabic skeletons =mhmd)
names = st.text(alphabet=st.characters(codec=None), max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names)
def test_normalize_any_text(text):
    n = normalize(text)
    assert all(TOKEN.fullmatch(t) for t in n.tokens)
    assert len(n.text) <= MAX_NAME_CHARS
    assert normalize(n.text).tokens == n.tokens  # idempotent on its own output
    for form in name_forms(text):
        assert all(KEY.fullmatch(t) for t in form.tokens)
        assert len(form.text) <= 2 * MAX_NAME_CHARS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(names)
def test_match_any_text(screener, text):
    hits = screener.match(text, threshold=0, limit=5)
    scores = [h.score for h in hits]
    assert all(0 <= s <= 100 for s in scores)
    assert scores == sorted(scores, reverse=True)


values = st.one_of(names, st.none(), st.just(math.nan), st.integers(), st.floats(allow_nan=True),
                   st.sampled_from(["Megvii Technology Ltd", "Hikvision", "", "  ", "!!!"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(values, max_size=25), st.integers(min_value=1, max_value=10))
def test_screen_any_values_accounts_for_every_row(screener, column, chunk_size):
    df = pd.Series(column, dtype=object).to_frame("name")  # object dtype: lone surrogates are values too
    alerts = screener.screen(df, chunk_size=chunk_size, threshold=0, limit=3)
    counts = alerts.attrs["counts"]
    assert counts["rows"] == counts["screened"] + counts["rejected"] == len(column)
    rejected = [r["position"] for r in alerts.attrs["rejects"]]
    assert len(rejected) == counts["rejected"] and rejected == sorted(set(rejected))
    assert not set(alerts["row"]) & set(rejected)  # a rejected row has no result
    assert alerts["score"].between(0, 100).all()


if __name__ == "__main__":  # pragma: no cover
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_bytes(fixture_text().encode("utf-8"))
    print(FIXTURE)
