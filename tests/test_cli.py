"""Tests of the ``screening`` command line, run in-process through ``cli.main`` (and once as a subprocess)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from screening import load_list
from screening.interfaces import cli
from screening.interfaces.cli import main
from cli_helpers import assert_one_line_error, read_output, run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers.csv"

# examples/customers.csv: the first ten customers are sanctioned parties (exact names,
# spelling variants, a typo: "Cloudwalk Technolgy"); the rest are clean, including the
# near miss C-10019 "Hangzhou Digital Technology Co Ltd" (Hikvision's place and industry
# words without its trade name) and ordinary people.
MUST_ALERT = {f"C-{n}" for n in range(10001, 10011)}
EXPECTED_TOP = {
    "C-10001": "ofac-cons:33091",  # Megvii Technology Ltd
    "C-10002": "ofac-cons:33091",  # MEGVII TECHNOLOGY LIMITED
    "C-10003": "ofac-cons:30946",  # Hangzhou Hikvision Digital Technology Co Ltd
    "C-10008": "ofac-cons:33112",  # Cloudwalk Technolgy Co Ltd (typo)
    "C-10010": "starter:DAHUA",  # Zhejiang Dahua Technology Co Ltd
}


def all_customer_ids() -> set[str]:
    return set(pd.read_csv(EXAMPLES, dtype=str)["customer_id"])


@pytest.fixture
def clean_csv(tmp_path) -> Path:
    path = tmp_path / "clean.csv"
    pd.DataFrame({"name": ["Apple Inc", "Siemens AG", "Maria Garcia Lopez", "Tencent Holdings Ltd"],
                  "country": ["US", "DE", "ES", "KY"]}).to_csv(path, index=False)
    return path


# --------------------------------------------------------------------------------------------
# screen
# --------------------------------------------------------------------------------------------


def test_screen_example_alerts_on_the_sanctioned_customers_only(tmp_path, capsys):
    out = tmp_path / "alerts.csv"
    code, _, err = run(capsys, "screen", EXAMPLES, "-o", out, "--id-column", "customer_id")
    assert code == 1
    alerts = read_output(out)
    alerted = set(alerts["row"])
    clean = all_customer_ids() - MUST_ALERT
    assert MUST_ALERT <= all_customer_ids()
    assert MUST_ALERT - alerted == set(), "sanctioned customers missed"
    assert alerted & clean == set(), "clean customers alerted"
    top = alerts.drop_duplicates("row").set_index("row")["entity_id"]
    for customer, entity in EXPECTED_TOP.items():
        assert top[customer] == entity
    assert "screened 25 of 25 rows" in err


def test_screen_default_row_labels_are_data_row_numbers(tmp_path, capsys):
    out = tmp_path / "alerts.csv"
    code, _, _ = run(capsys, "screen", EXAMPLES, "-o", out)
    assert code == 1
    rows = set(read_output(out)["row"])
    customers = pd.read_csv(EXAMPLES, dtype=str)
    expected = {str(i) for i, cid in enumerate(customers["customer_id"]) if cid in MUST_ALERT}
    assert rows == expected


def test_screen_output_columns(tmp_path, capsys):
    out = tmp_path / "alerts.csv"
    run(capsys, "screen", EXAMPLES, "-o", out)
    alerts = read_output(out)
    assert {"row", "entity_id", "source", "listed_name", "matched_name", "score", "programs"} <= set(alerts.columns)
    assert alerts["score"].between(0, 100).all()


def test_screen_clean_file_exits_0(tmp_path, capsys, clean_csv):
    out = tmp_path / "alerts.csv"
    code, _, err = run(capsys, "screen", clean_csv, "-o", out)
    assert code == 0
    alerts = read_output(out)
    assert len(alerts) == 0
    assert "row" in alerts.columns  # an empty result still has its header
    assert "0 alerts" in err


def test_screen_threshold_zero_gives_more_rows(tmp_path, capsys):
    default, zero = tmp_path / "default.csv", tmp_path / "zero.csv"
    run(capsys, "screen", EXAMPLES, "-o", default)
    code, _, _ = run(capsys, "screen", EXAMPLES, "-o", zero, "--threshold", "0")
    assert code == 1
    assert len(read_output(zero)) > len(read_output(default))


def test_screen_limit(tmp_path, capsys):
    out = tmp_path / "alerts.csv"
    run(capsys, "screen", EXAMPLES, "-o", out, "--threshold", "0", "--limit", "2")
    assert read_output(out).groupby("row").size().max() == 2


def test_screen_name_column(tmp_path, capsys):
    src = tmp_path / "companies.csv"
    df = pd.read_csv(EXAMPLES, dtype=str).rename(columns={"name": "company_name"})
    df.to_csv(src, index=False)
    out = tmp_path / "alerts.csv"
    code, _, err = run(capsys, "screen", src, "-o", out, "--name-column", "company_name",
                       "--id-column", "customer_id")
    assert code == 1
    assert MUST_ALERT <= set(read_output(out)["row"])
    # without --name-column the default "name" is missing
    code, _, err = run(capsys, "screen", src, "-o", tmp_path / "other.csv")
    assert code == 2
    assert_one_line_error(err, "name", "--name-column")
    assert not (tmp_path / "other.csv").exists()


def test_screen_parquet_in_and_out(tmp_path, capsys):
    src = tmp_path / "customers.parquet"
    pd.read_csv(EXAMPLES, dtype=str).to_parquet(src, index=False)
    out_pq, out_csv = tmp_path / "alerts.parquet", tmp_path / "alerts.csv"
    code, _, _ = run(capsys, "screen", src, "-o", out_pq, "--id-column", "customer_id")
    assert code == 1
    code, _, _ = run(capsys, "screen", EXAMPLES, "-o", out_csv, "--id-column", "customer_id")
    assert code == 1
    from_pq, from_csv = read_output(out_pq), read_output(out_csv)
    assert MUST_ALERT <= set(from_pq["row"])
    assert list(from_pq["row"]) == list(from_csv["row"])
    assert list(from_pq["entity_id"]) == list(from_csv["entity_id"])
    assert list(from_pq["score"]) == pytest.approx(list(from_csv["score"]))


def test_screen_parquet_output_when_clean(tmp_path, capsys, clean_csv):
    out = tmp_path / "alerts.parquet"
    code, _, _ = run(capsys, "screen", clean_csv, "-o", out)
    assert code == 0
    alerts = pd.read_parquet(out)
    assert len(alerts) == 0 and "entity_id" in alerts.columns


def test_screen_rows_without_usable_names(tmp_path, capsys):
    src = tmp_path / "messy.csv"
    pd.DataFrame({"name": ["Megvii Tech Ltd", "", "!!!", "Apple Inc"]}).to_csv(src, index=False)
    out = tmp_path / "alerts.csv"
    code, _, err = run(capsys, "screen", src, "-o", out)
    assert code == 1
    assert set(read_output(out)["row"]) == {"0"}
    assert "screened 2 of 4 rows (2 rejected" in err


@pytest.mark.parametrize("case", [
    "missing input", "missing name column", "missing list path", "list without =", "unknown source",
    "output folder missing", "missing id column", "missing country column", "bad output suffix",
    "empty input file", "list folder of another format",
])
def test_screen_failures_exit_2_with_one_line(tmp_path, capsys, case):
    out = tmp_path / "alerts.csv"
    src = EXAMPLES
    extra: list[str] = []
    fragment = ""
    if case == "missing input":
        src, fragment = tmp_path / "nope.csv", "nope.csv"
    elif case == "missing name column":
        extra, fragment = ["--name-column", "company"], "company"
    elif case == "missing list path":
        extra, fragment = ["--list", "ofac-sdn=/nonexistent"], "/nonexistent"
    elif case == "list without =":
        extra, fragment = ["--list", "garbage"], "garbage"
    elif case == "unknown source":
        extra, fragment = ["--list", f"un-sc={tmp_path}"], "un-sc"
    elif case == "output folder missing":
        out, fragment = tmp_path / "no" / "such" / "alerts.csv", "does not exist"
    elif case == "missing id column":
        extra, fragment = ["--id-column", "cust_no"], "cust_no"
    elif case == "missing country column":
        extra, fragment = ["--country-column", "nation"], "nation"
    elif case == "bad output suffix":
        out, fragment = tmp_path / "alerts.txt", "alerts.txt"
    elif case == "empty input file":
        src = tmp_path / "empty.csv"
        src.write_text("")
        fragment = "empty.csv"
    elif case == "list folder of another format":
        extra, fragment = ["--list", f"ofac-sdn={EXAMPLES.parent}"], "sdn.csv"
    code, _, err = run(capsys, "screen", src, "-o", out, *extra)
    assert code == 2
    assert_one_line_error(err, fragment)
    assert not out.exists()


def test_no_output_file_when_the_list_fails_to_load(tmp_path, capsys):
    out = tmp_path / "alerts.csv"
    code, _, _ = run(capsys, "screen", EXAMPLES, "-o", out, "--list", "ofac-sdn=/nonexistent")
    assert code == 2
    assert list(tmp_path.iterdir()) == []  # neither the output nor a partial file


def test_failed_run_keeps_a_previous_output_file(tmp_path, capsys):
    out = tmp_path / "alerts.csv"
    out.write_text("previous results\n")
    code, _, _ = run(capsys, "screen", EXAMPLES, "-o", out, "--list", "ofac-sdn=/nonexistent")
    assert code == 2
    assert out.read_text() == "previous results\n"
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_interrupted_run_leaves_no_partial_file(tmp_path, capsys, monkeypatch, suffix):
    real = cli.Screener.iter_screen

    def interrupted(self, *args, **kwargs):
        gen = real(self, *args, **kwargs)
        yield next(gen)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.Screener, "iter_screen", interrupted)
    out = tmp_path / f"alerts{suffix}"
    code, _, err = run(capsys, "screen", EXAMPLES, "-o", out)
    assert code == 2
    assert "interrupted" in err
    assert list(tmp_path.iterdir()) == []


def test_csv_output_written_in_chunks_is_complete(tmp_path, capsys, monkeypatch):
    real = cli.Screener.iter_screen
    monkeypatch.setattr(cli.Screener, "iter_screen",
                        lambda self, *a, **kw: real(self, *a, **{**kw, "chunk_size": 3}))
    out = tmp_path / "chunked.csv"
    code, _, _ = run(capsys, "screen", EXAMPLES, "-o", out, "--id-column", "customer_id")
    assert code == 1
    assert set(read_output(out)["row"]) == MUST_ALERT
    # the output, its rejects file and its audit record; no temporary file left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chunked.csv", "chunked.csv.audit.json", "chunked.rejects.csv"]


def test_parquet_output_when_a_chunk_has_no_alerts(tmp_path, capsys):
    src = tmp_path / "big.csv"
    pd.DataFrame({"name": ["Apple Inc"] * 50_000 + ["Megvii Tech Ltd"]}).to_csv(src, index=False)
    out = tmp_path / "alerts.parquet"
    try:
        code, _, _ = run(capsys, "screen", src, "-o", out)
    except Exception as exc:  # noqa: BLE001 -- the bug: an uncaught exception, not an exit code
        pytest.fail(f"screen raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
    assert code == 1
    alerts = pd.read_parquet(out)
    assert alerts["row"].tolist() == ["50000"]
    assert alerts["entity_id"].tolist() == ["ofac-cons:33091"]


def test_argparse_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["screen", str(EXAMPLES)])  # -o is required
    assert exc.value.code == 2
    assert "error" in capsys.readouterr().err


@pytest.mark.parametrize("bad", [["--limit", "0"], ["--limit", "-1"], ["--threshold", "150"]])
def test_out_of_range_arguments_fail(tmp_path, capsys, bad):
    src = tmp_path / "one.csv"
    pd.DataFrame({"name": ["Megvii Tech Ltd"]}).to_csv(src, index=False)
    code, _, err = run(capsys, "screen", src, "-o", tmp_path / "alerts.csv", *bad)
    assert code == 2
    assert_one_line_error(err)


def test_output_file_mode_follows_umask(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        out = tmp_path / "alerts.csv"
        run(capsys, "screen", EXAMPLES, "-o", out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


# --------------------------------------------------------------------------------------------
# match and lists show
# --------------------------------------------------------------------------------------------


def test_match_prints_the_entity_and_exits_1(capsys):
    code, out, _ = run(capsys, "match", "Megvii Tech Ltd")
    assert code == 1
    assert "ofac-cons:33091" in out
    assert "MEGVII TECHNOLOGY LIMITED" in out
    assert "<-" not in out  # no explanation without --explain


def test_match_explain_prints_token_pairs(capsys):
    code, out, _ = run(capsys, "match", "Megvii Tech Ltd", "--country", "CN", "--explain")
    assert code == 1
    assert "ofac-cons:33091" in out
    assert "megvii" in out and "<-" in out
    assert "technology" in out
    assert "country" in out


def test_match_clean_name_exits_0(capsys):
    code, out, _ = run(capsys, "match", "Apple Inc")
    assert code == 0
    assert "no match" in out


def test_match_threshold_zero_lists_candidates(capsys):
    code, out, _ = run(capsys, "match", "Megvii Tech Ltd", "--threshold", "0", "--limit", "5")
    assert code == 1
    assert len([line for line in out.splitlines() if "ofac-cons:" in line or "starter:" in line]) == 5


def test_match_schema_filter(capsys):
    code, out, _ = run(capsys, "match", "Megvii Tech Ltd", "--schema", "Person")
    assert code == 0
    assert "ofac-cons:33091" not in out


def test_match_bad_list_exits_2(capsys):
    code, _, err = run(capsys, "match", "Megvii Tech Ltd", "--list", "ofac-cons=/nonexistent")
    assert code == 2
    assert_one_line_error(err, "/nonexistent")


def test_lists_show(capsys):
    code, out, _ = run(capsys, "lists", "show")
    assert code == 0
    for source in ("ofac-sdn", "ofac-cons", "starter"):
        assert source in out
    count = len(load_list("starter"))
    assert f"{count} entities" in out
    assert f"total: {count} distinct entities" in out


def test_lists_show_bad_list_exits_2(capsys):
    code, _, err = run(capsys, "lists", "show", "--list", "garbage")
    assert code == 2
    assert_one_line_error(err, "garbage")


# --------------------------------------------------------------------------------------------
# Real OFAC consolidated list
# --------------------------------------------------------------------------------------------


def test_list_ofac_consolidated(shared_lists, tmp_path, capsys):
    cons = shared_lists / "ofac_consolidated"
    code, out, _ = run(capsys, "match", "Megvii Tech Ltd", "--list", f"ofac-cons={cons}")
    assert code == 1
    assert "ofac-cons:33091" in out

    code, out, _ = run(capsys, "lists", "show", "--list", f"ofac-cons={cons}")
    assert code == 0
    assert f"{len(load_list('ofac-cons', cons))} entities" in out
    assert "starter" in out  # among the known sources, though not loaded

    dest = tmp_path / "alerts.csv"
    code, _, _ = run(capsys, "screen", EXAMPLES, "-o", dest, "--list", f"ofac-cons={cons}",
                     "--id-column", "customer_id")
    assert code == 1
    alerts = read_output(dest)
    assert set(alerts["source"]) == {"ofac-cons"}
    assert "C-10001" in set(alerts["row"])
    assert not set(alerts["row"]) & (all_customer_ids() - MUST_ALERT)


# --------------------------------------------------------------------------------------------
# The installed console script
# --------------------------------------------------------------------------------------------


def _console_script() -> str:
    exe = shutil.which("screening") or str(Path(sys.executable).with_name("screening"))
    if not Path(exe).exists():
        pytest.skip("the 'screening' console script is not installed")
    return exe


def test_console_script_entry_point(tmp_path):
    exe = _console_script()
    out = tmp_path / "alerts.csv"
    proc = subprocess.run([exe, "screen", str(EXAMPLES), "-o", str(out), "--id-column", "customer_id"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode == 1, proc.stderr
    assert MUST_ALERT <= set(read_output(out)["row"])

    proc = subprocess.run([exe, "screen", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "x.csv")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode == 2
    assert_one_line_error(proc.stderr, "missing.csv")
