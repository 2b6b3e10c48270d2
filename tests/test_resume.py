"""Interrupted batches: ``screening screen --resume`` continues from the last finished chunk and
writes the same files as an uninterrupted run; an interrupted run never leaves a file that
looks complete.

The interruption is simulated in-process (a KeyboardInterrupt after some chunks) and done
for real once: a subprocess killed with SIGKILL, then resumed; SIGTERM stops a run like Ctrl-C.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from screening.interfaces import cli
from cli_helpers import run_err as run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers.csv"


def customers(tmp_path: Path) -> Path:
    """The example customers twice over, with rows to reject in several chunks."""
    rows = pd.read_csv(EXAMPLES, dtype=str, keep_default_na=False)[["customer_id", "name", "country"]]
    lines = ["customer_id,name,country"]
    for i, (cid, name, country) in enumerate(rows.values.tolist() * 2):
        lines.append(f'R{i},"{name}",{country}')
        if i % 9 == 4:
            lines.append(f"X{i},,CN")          # no name
            lines.append(f"Y{i},Acme,US,extra")  # a broken record
    path = tmp_path / "customers.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def interrupt_after(monkeypatch, chunks: int) -> None:
    real = cli.Screener.iter_screen

    def interrupted(self, *args, **kwargs):
        for i, frame in enumerate(real(self, *args, **kwargs)):
            if i == chunks:
                raise KeyboardInterrupt
            yield frame

    monkeypatch.setattr(cli.Screener, "iter_screen", interrupted)


def count_chunks(monkeypatch) -> list[int]:
    screened: list[int] = []
    real = cli.Screener._screen_chunk

    def counted(self, chunk, *args, **kwargs):
        screened.append(len(chunk))
        return real(self, chunk, *args, **kwargs)

    monkeypatch.setattr(cli.Screener, "_screen_chunk", counted)
    return screened


def outputs(folder: Path, name: str) -> dict[str, bytes]:
    stem = name.rsplit(".", 1)[0]
    return {"alerts": (folder / name).read_bytes(), "rejects": (folder / f"{stem}.rejects.csv").read_bytes()}


@pytest.mark.parametrize("suffix, workers", [(".csv", 1), (".parquet", 2)])
def test_resumed_run_gives_the_same_files(tmp_path, capsys, monkeypatch, suffix, workers):
    src = customers(tmp_path)
    args = ["screen", src, "--id-column", "customer_id", "--chunk-size", "7", "--workers", str(workers)]
    ref = tmp_path / "ref"
    ref.mkdir()
    code, _ = run(capsys, *args, "-o", ref / f"alerts{suffix}")
    assert code == 1
    total_rows = json.loads((ref / f"alerts{suffix}.audit.json").read_text())["counts"]["rows"]
    chunks = -(-total_rows // 7)

    work = tmp_path / "work"
    work.mkdir()
    out = work / f"alerts{suffix}"
    with monkeypatch.context() as m:
        interrupt_after(m, 3)
        code, err = run(capsys, *args, "-o", out, "--resume")
    assert code == 2
    assert "21 of" in err and "--resume" in err and "interrupted" in err
    # nothing that looks complete: only the hidden resume folder with its finished chunks
    assert [p.name for p in work.iterdir()] == [f".alerts{suffix}.resume"]
    progress = json.loads((work / f".alerts{suffix}.resume" / "progress.json").read_text())
    assert progress["chunks_done"] == 3

    screened = count_chunks(monkeypatch)  # seen in this process only: with workers > 1, in the workers
    code, err = run(capsys, *args, "-o", out, "--resume")
    assert code == 1, err
    assert f"resuming after 21 of {total_rows} rows" in err
    if workers == 1:
        assert len(screened) == chunks - 3  # the finished chunks were not screened again
    assert sorted(p.name for p in work.iterdir()) == sorted(p.name for p in ref.iterdir())  # no resume folder
    if suffix == ".csv":
        assert outputs(work, out.name) == outputs(ref, out.name)
    else:
        pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(ref / out.name))
        assert outputs(work, out.name)["rejects"] == outputs(ref, out.name)["rejects"]
    got = json.loads((work / f"alerts{suffix}.audit.json").read_text())
    want = json.loads((ref / f"alerts{suffix}.audit.json").read_text())
    assert got["counts"] == want["counts"]
    assert got["counts"]["rows"] == got["counts"]["screened"] + got["counts"]["rejected"] == total_rows
    assert [r["from_chunk"] for r in got["resumed"]] == [3]
    if suffix == ".csv":
        assert got["outputs"]["alerts"]["sha256"] == want["outputs"]["alerts"]["sha256"]


def test_resume_with_other_options_starts_over(tmp_path, capsys, monkeypatch):
    src = customers(tmp_path)
    out = tmp_path / "alerts.csv"
    args = ["screen", src, "-o", out, "--chunk-size", "7", "--workers", "1", "--resume"]
    with monkeypatch.context() as m:
        interrupt_after(m, 2)
        assert run(capsys, *args)[0] == 2
    screened = count_chunks(monkeypatch)
    code, err = run(capsys, *args, "--threshold", "60")
    assert code == 1
    assert "is for another input, lists or options; starting from the first row" in err
    rows = json.loads((tmp_path / "alerts.csv.audit.json").read_text())["counts"]["rows"]
    assert len(screened) == -(-rows // 7)  # every chunk


def test_resume_after_the_input_changed_starts_over(tmp_path, capsys, monkeypatch):
    src = customers(tmp_path)
    out = tmp_path / "alerts.csv"
    args = ["screen", src, "-o", out, "--chunk-size", "7", "--workers", "1", "--resume", "--id-column", "customer_id"]
    with monkeypatch.context() as m:
        interrupt_after(m, 2)
        assert run(capsys, *args)[0] == 2
    with open(src, "a") as f:
        f.write("Z1,Megvii Technology Ltd,CN\n")
    code, err = run(capsys, *args)
    assert code == 1
    assert "starting from the first row" in err
    assert "Z1" in set(pd.read_csv(out, dtype=str)["row"])


def test_interrupted_run_without_resume_keeps_nothing(tmp_path, capsys, monkeypatch):
    src = customers(tmp_path)
    out = tmp_path / "out" / "alerts.csv"
    out.parent.mkdir()
    with monkeypatch.context() as m:
        interrupt_after(m, 2)
        code, err = run(capsys, "screen", src, "-o", out, "--chunk-size", "7", "--workers", "1")
    assert code == 2 and "--resume" not in err
    assert list(out.parent.iterdir()) == []
    screened = count_chunks(monkeypatch)  # a later --resume has nothing to resume: it starts at row 0
    code, err = run(capsys, "screen", src, "-o", out, "--chunk-size", "7", "--workers", "1", "--resume")
    assert code == 1 and "resuming" not in err and len(screened) > 2


def test_a_run_without_resume_removes_stale_progress(tmp_path, capsys, monkeypatch):
    src = customers(tmp_path)
    out = tmp_path / "out" / "alerts.csv"
    out.parent.mkdir()
    with monkeypatch.context() as m:
        interrupt_after(m, 2)
        run(capsys, "screen", src, "-o", out, "--chunk-size", "7", "--workers", "1", "--resume")
    assert (out.parent / ".alerts.csv.resume").is_dir()
    assert run(capsys, "screen", src, "-o", out, "--workers", "1")[0] == 1
    assert sorted(p.name for p in out.parent.iterdir()) == ["alerts.csv", "alerts.csv.audit.json",
                                                            "alerts.rejects.csv"]


# --------------------------------------------------------------------------------------------
# A real process, stopped and killed
# --------------------------------------------------------------------------------------------


def _big_input(path: Path, rows: int) -> None:
    rng = random.Random(7)
    words = ["Golden", "River", "Trading", "Global", "Holdings", "Star", "Ocean", "Pacific", "Dragon", "Harbor",
             "United", "Eastern", "Logistics", "Shipping", "Capital", "Maria", "Chen", "Garcia", "Ivanov", "Kim"]
    lines = ["customer_id,name"]
    for i in range(rows):
        name = "Megvii Technology Ltd" if i % 997 == 0 else " ".join(rng.sample(words, 3)) + f" {i}"
        lines.append(f"K{i},{name}" if i % 500 != 250 else f"K{i},Broken,Row")
    path.write_text("\n".join(lines) + "\n")


def _start(src: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "screening.interfaces.cli", "screen", str(src), "-o", str(out),
                             "--id-column", "customer_id", "--chunk-size", "40", "--workers", "1", "--resume"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stop_after(proc: subprocess.Popen, progress: Path, chunks: int, sig: int) -> int:
    """Send ``sig`` once ``chunks`` more chunks are done; the chunks done then."""
    start = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            done = json.loads(progress.read_text())["chunks_done"]
        except (OSError, ValueError, KeyError):
            done = 0
        start = done if start is None and done else start
        if start is not None and done >= start + chunks:
            proc.send_signal(sig)
            proc.wait(30)
            return done
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be stopped: {proc.stderr.read()}")
        time.sleep(0.005)
    proc.kill()
    pytest.fail("no progress within 60 s")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_stops_like_ctrl_c(tmp_path, capsys, monkeypatch):
    """SIGTERM (a scheduler's time limit) removes the temporary files and keeps the finished chunks."""
    src = customers(tmp_path)
    out = tmp_path / "out" / "alerts.csv"
    out.parent.mkdir()
    real = cli.Screener.iter_screen

    def terminated(self, *args, **kwargs):
        for i, frame in enumerate(real(self, *args, **kwargs)):
            if i == 2:
                os.kill(os.getpid(), signal.SIGTERM)
            yield frame

    previous = signal.getsignal(signal.SIGTERM)
    with monkeypatch.context() as m:
        m.setattr(cli.Screener, "iter_screen", terminated)
        code, err = run(capsys, "screen", src, "-o", out, "--chunk-size", "7", "--workers", "1", "--resume")
    assert signal.getsignal(signal.SIGTERM) == previous  # the handler is the run's alone
    assert code == 2 and "interrupted" in err and "--resume" in err
    assert [p.name for p in out.parent.iterdir()] == [".alerts.csv.resume"]
    code, err = run(capsys, "screen", src, "-o", out, "--chunk-size", "7", "--workers", "1", "--resume")
    assert code == 1 and "resuming after 14 of" in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_killed_process_resumes_to_the_same_files(tmp_path, capsys):
    src = tmp_path / "customers.csv"
    _big_input(src, 4_000)
    ref = tmp_path / "ref"
    ref.mkdir()
    assert run(capsys, "screen", src, "-o", ref / "alerts.csv", "--id-column", "customer_id",
               "--chunk-size", "40", "--workers", "1")[0] == 1

    work = tmp_path / "work"
    work.mkdir()
    out = work / "alerts.csv"
    proc = _start(src, out)  # SIGKILL: no clean-up at all
    killed_at = _stop_after(proc, work / ".alerts.csv.resume" / "progress.json", 3, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    # nothing that looks complete: at most hidden temporary files beside the resume folder
    assert all(p.name.startswith(".") for p in work.iterdir()), list(work.iterdir())

    code, err = run(capsys, "screen", src, "-o", out, "--id-column", "customer_id", "--chunk-size", "40",
                    "--workers", "1", "--resume")  # in-process, to save an interpreter's start
    assert code == 1, err
    assert f"resuming after {killed_at * 40} of 4000 rows" in err
    assert outputs(work, "alerts.csv") == outputs(ref, "alerts.csv")
    assert not (work / ".alerts.csv.resume").exists()
    record = json.loads((work / "alerts.csv.audit.json").read_text())
    assert [r["from_chunk"] for r in record["resumed"]] == [killed_at]
    assert record["counts"]["rows"] == 4_000 == record["counts"]["screened"] + record["counts"]["rejected"]
