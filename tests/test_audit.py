"""The audit record every ``screening screen`` writes beside its output (``<output>.audit.json``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from screening import Screener
from screening.interfaces import audit
from cli_helpers import run_err as run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers.csv"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def messy(tmp_path) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text("customer_id,name,country\nC1,Megvii Technology Ltd,CN\nC2,,US\nC3,Apple Inc,US\n"
                    "C4,Acme,US,extra\nC5,Megvii Tech,CN\n")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_record_beside_the_output(tmp_path, capsys, messy, suffix):
    out = tmp_path / f"alerts{suffix}"
    code, _ = run(capsys, "screen", messy, "-o", out, "--id-column", "customer_id", "--threshold", "75",
                  "--workers", "1")
    assert code == 1
    path = tmp_path / f"alerts{suffix}.audit.json"
    assert path == audit.audit_path(out)
    record = json.loads(path.read_text())
    assert record["format"] == "screening-audit/1"
    assert record["library_version"]
    started, finished = (dt.datetime.fromisoformat(record[k]) for k in ("started", "finished"))
    assert started <= finished and started.tzinfo is not None
    assert record["resumed"] == []

    assert record["input"] == {"path": str(messy.resolve()), "bytes": messy.stat().st_size, "sha256": sha256(messy),
                               "format": "csv", "encoding": "utf-8", "rows": 5}
    assert record["outputs"]["alerts"] == {"path": str(out.resolve()), "sha256": sha256(out)}
    rejects = tmp_path / "alerts.rejects.csv"
    assert record["outputs"]["rejects"] == {"path": str(rejects.resolve()), "sha256": sha256(rejects)}

    starter = Screener().lists[0].snapshot
    lists = {entry["source"]: entry for entry in record["lists"]}
    assert lists["starter"]["content_hash"] == starter.content_hash
    assert lists["starter"]["published"] == (starter.published.isoformat() if starter.published else None)
    assert lists["starter"]["label"] == starter.label
    assert lists["starter"]["entity_count"] == len(Screener().lists[0])
    assert len(lists["curated-aliases"]["content_hash"]) == 64

    options = record["options"]
    assert options["threshold"] == 75.0 and options["limit"] == 10 and options["id_column"] == "customer_id"
    assert options["name_column"] == "name" and options["chunk_size"] == 20_000

    counts = record["counts"]
    alerts = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out, dtype=str)
    assert counts == {"rows": 5, "screened": 3, "rejected": 2, "alerted": alerts["row"].nunique(),
                      "alerts": len(alerts), "suppressed": 0, "truncated": 0}
    assert record["notes"] == [] and record["notes_left_off"] == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_default_threshold_is_recorded(tmp_path, capsys, messy):
    out = tmp_path / "alerts.csv"
    run(capsys, "screen", messy, "-o", out, "--workers", "1")
    assert json.loads(audit.audit_path(out).read_text())["options"]["threshold"] == 80.0


def test_no_record_when_the_run_fails(tmp_path, capsys, messy):
    out = tmp_path / "alerts.csv"
    code, _ = run(capsys, "screen", messy, "-o", out, "--list", "ofac-sdn=/nonexistent")
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.csv"]


def test_a_failed_run_leaves_the_previous_record(tmp_path, capsys, messy):
    out = tmp_path / "alerts.csv"
    run(capsys, "screen", messy, "-o", out, "--workers", "1")
    before = audit.audit_path(out).read_bytes()
    code, _ = run(capsys, "screen", messy, "-o", out, "--name-column", "nope")
    assert code == 2
    assert audit.audit_path(out).read_bytes() == before


def test_notes_for_truncated_names(tmp_path, capsys):
    src = tmp_path / "long.csv"
    src.write_text("name\n" + "Megvii " * 100 + "\n" + "Apple Inc\n" + "x" * 1_000 + "\n")
    out = tmp_path / "alerts.csv"
    code, err = run(capsys, "screen", src, "-o", out, "--workers", "1")
    assert code in (0, 1)
    assert "2 name(s) longer than 500 characters were cut to 500" in err
    record = json.loads(audit.audit_path(out).read_text())
    assert record["counts"]["truncated"] == 2
    assert [(n["row"], n["line"]) for n in record["notes"]] == [("0", 2), ("2", 4)]
    assert "1,000" in record["notes"][1]["note"]


def test_record_format(tmp_path):
    rec = audit.record(version="1", started="a", finished="b", input={}, outputs={}, lists=[], options={},
                       counts={"rows": 3, "screened": 2, "rejected": 1, "alerted": 1, "alerts": 2},
                       notes=[{"row": str(i)} for i in range(audit.MAX_NOTES + 5)], notes_left_off=2)
    assert rec["counts"] == {"rows": 3, "screened": 2, "rejected": 1, "alerted": 1, "alerts": 2, "suppressed": 0,
                             "truncated": 0}
    assert len(rec["notes"]) == audit.MAX_NOTES and rec["notes_left_off"] == 7
    path = tmp_path / "x.audit.json"
    audit.write(path, rec)
    assert json.loads(path.read_text()) == rec
    assert [p.name for p in tmp_path.iterdir()] == ["x.audit.json"]


def test_suppressed_count_with_a_clearance_store(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    src.write_text("customer_id,name\nC1,Megvii Technology Ltd\nC2,Megvii Technology Ltd\n")
    store = tmp_path / "cleared.sqlite"
    assert run(capsys, "clear", "C1", "ofac-cons:33091", "--reason", "another party", "--analyst", "me",
               "--cleared", store)[0] == 0
    out = tmp_path / "alerts.csv"
    code, _ = run(capsys, "screen", src, "-o", out, "--id-column", "customer_id", "--cleared", store,
                  "--workers", "1")
    assert code == 1
    counts = json.loads(audit.audit_path(out).read_text())["counts"]
    assert (counts["alerts"], counts["alerted"], counts["suppressed"]) == (1, 1, 1)
