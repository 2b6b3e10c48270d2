"""The command line's list commands and batch options: ``lists diff``, ``lists update``,
``--list SOURCE`` from the snapshot store, delta screening with ``--since``, ``--workers`` /
``--chunk-size``, and the progress bar (on a terminal only).

Downloads come from the local HTTP server of ``conftest.py``, which serves the real files
of ``../shared/lists``: the registry's URLs are pointed at it, no test contacts a publisher.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import io
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from screening import Screener
from screening.interfaces.cli import main
from screening.sources import load_list, snapshots
from screening.sources.registry import sources
from screening.sources.snapshots import SnapshotStoreError
from cli_helpers import assert_one_line_error, read_output, run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "customers.csv"
UN_PATH = "/un/consolidated.xml"


def read_customers(path: Path) -> pd.DataFrame:
    """A customers file as the command line reads it."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def state(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for a folder)."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(root.rglob("*"))}


def point_registry(monkeypatch, key: str, urls: list[str]) -> None:
    """The registry entry of ``key`` with ``urls`` instead of the publisher's."""
    monkeypatch.setitem(sources(), key, dataclasses.replace(sources()[key], urls=tuple(urls)))


@pytest.fixture(scope="module")
def sdn_folders(shared_lists: Path) -> tuple[Path, Path]:
    old, new = shared_lists / "ofac_sdn_2021", shared_lists / "ofac_sdn_2023-12"
    if not (old / "sdn.csv").is_file() or not (new / "sdn.csv").is_file():
        pytest.skip(f"SDN publications not found in {shared_lists}")
    return old, new


@pytest.fixture(scope="module")
def un_bytes(shared_lists: Path) -> bytes:
    path = shared_lists / "un" / "consolidated.xml"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path.read_bytes()


@pytest.fixture(scope="module")
def un_update(server, un_bytes, tmp_path_factory):
    """``screening lists update un --store DIR`` run once, the registry pointing at the local server:
    ``(store, exit code, stdout, stderr)``. Tests only read this store (or copy it)."""
    store = tmp_path_factory.mktemp("cli-store") / "store"
    server.routes = {UN_PATH: server.Route(un_bytes)}
    out, err = io.StringIO(), io.StringIO()
    try:
        with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            point_registry(mp, "un", [server.url(UN_PATH)])
            code = main(["lists", "update", "un", "--store", str(store)])
    finally:
        server.routes = {}
    return store, code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def un_snapshot(un_update) -> snapshots.SnapshotInfo:
    store = un_update[0]
    [info] = snapshots.history("un", store)
    return info


@pytest.fixture(scope="module")
def un_customers(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("un-customers") / "customers.csv"
    pd.DataFrame({"customer_id": ["U1", "U2", "U3", "U4"],
                  "name": ["Eric Badege", "Frank Kakolele Bwambale", "Apple Inc", "Rahat Ltd"]}
                 ).to_csv(path, index=False)
    return path


# --------------------------------------------------------------------------------------------
# lists diff


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_lists_diff_counts_and_output_file(sdn_folders, sdn_versions, tmp_path, capsys, suffix):
    old, new = sdn_folders
    dest = tmp_path / f"changes{suffix}"
    code, out, err = run(capsys, "lists", "diff", "ofac-sdn", old, new, "-o", dest)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("ofac-sdn: ofac-sdn@") and " -> ofac-sdn@" in lines[0]
    for word, count in [("added", "5,637"), ("removed", "792"), ("changed", "742"), ("unchanged", "7,442")]:
        assert any(line.split() == [word, count] for line in lines), (word, out)
    assert f"7171 changes -> {dest}" in err

    changes = read_output(dest)
    assert list(changes.columns) == ["entity_id", "change", "fields", "name"]
    assert len(changes) == 5_637 + 792 + 742 == len(changes["entity_id"].unique())
    assert changes["change"].value_counts().to_dict() == {"added": 5_637, "removed": 792, "changed": 742}
    by_id = changes.set_index("entity_id")
    assert by_id.loc["ofac-sdn:17013", "change"] == "added"
    assert by_id.loc["ofac-sdn:1572", "change"] == "removed"
    assert (by_id.loc["ofac-sdn:2677", "change"], by_id.loc["ofac-sdn:2677", "fields"]) == \
        ("changed", "name, aliases, birth_dates, remarks")
    # the same rows as ListDiff.to_frame(), in its order
    expected = sdn_versions[2].to_frame().astype({"change": str})
    assert changes["entity_id"].tolist() == expected["entity_id"].tolist()
    assert changes["change"].tolist() == expected["change"].tolist()
    assert changes["fields"].fillna("").tolist() == expected["fields"].tolist()


def test_lists_diff_without_output_writes_nothing(tmp_path, capsys, monkeypatch, un_update):
    """Two versions by snapshot name from the store; the same snapshot twice: nothing changed."""
    store = un_update[0]
    name = snapshots.current("un", store).name
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "lists", "diff", "un", name, name, "--store", store)
    assert code == 0, err
    assert any(line.split() == ["unchanged", "1,003"] for line in out.splitlines()), out
    assert any(line.split() == ["added", "0"] for line in out.splitlines()), out
    assert list(tmp_path.iterdir()) == []


def test_lists_diff_unknown_version_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "lists", "diff", "un", "2020-01-01_000000000000", "nowhere",
                       "--store", tmp_path)
    assert code == 2
    assert_one_line_error(err, "2020-01-01_000000000000")


# --------------------------------------------------------------------------------------------
# lists update, and the snapshot used by match and screen


def test_lists_update_succeeds(un_update, un_snapshot, shared_lists):
    store, code, out, err = un_update
    assert code == 0, err
    assert err == ""  # no progress bar: standard error is not a terminal
    assert out.strip().splitlines() == [
        f"un: new snapshot {un_snapshot.name} is current (1,003 entities; no previous snapshot)"]
    assert un_snapshot.is_current and snapshots.current("un", store) == un_snapshot.path
    reference = load_list("un", shared_lists / "un")
    assert un_snapshot.label == reference.snapshot.label  # the label of the published file's content
    assert un_snapshot.content_hash == reference.snapshot.content_hash


def test_match_uses_the_snapshot(un_update, capsys):
    store = un_update[0]
    code, out, err = run(capsys, "match", "Frank Kakolele Bwambale", "--list", "un", "--store", store)
    assert code == 1, err
    assert "un:CDi.002" in out and "FRANK KAKOLELE BWAMBALE" in out
    assert "ofac-cons:" not in out  # only the UN list is loaded


def test_screen_uses_the_snapshot(un_update, un_snapshot, un_customers, tmp_path, capsys):
    store = un_update[0]
    dest = tmp_path / "alerts.csv"
    code, _, err = run(capsys, "screen", un_customers, "-o", dest, "--list", "un", "--store", store,
                       "--id-column", "customer_id")
    assert code == 1, err
    alerts = read_output(dest)
    assert {"U1", "U2"} <= set(alerts["row"]) and "U3" not in set(alerts["row"])
    assert set(alerts["source"]) == {"un"}
    assert set(alerts["list_snapshot"]) == {un_snapshot.label}
    assert un_snapshot.label == f"un@2026-02-27#{un_snapshot.name.split('_')[1]}"  # names the folder


def test_list_source_without_snapshot_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "match", "Eric Badege", "--list", "un", "--store", tmp_path)
    assert code == 2
    assert_one_line_error(err, "no downloaded snapshot of list source 'un'")


def test_failing_update_exits_2_and_leaves_the_store(un_update, http, tmp_path, capsys, monkeypatch):
    store = tmp_path / "store"
    shutil.copytree(un_update[0], store)
    before = state(store)
    http.routes[UN_PATH] = http.Route(b"Internal Server Error", status=500)
    point_registry(monkeypatch, "un", [http.url(UN_PATH)])
    code, out, err = run(capsys, "lists", "update", "un", "--store", store)
    assert code == 2
    assert out == ""
    assert_one_line_error(err, "un: ", "HTTP 500")
    assert state(store) == before
    assert http.requests == [UN_PATH]


def test_update_of_several_sources_reports_each(un_update, http, tmp_path, capsys, monkeypatch, shared_lists):
    """One source failing does not stop the others; the summary names how many failed."""
    store = tmp_path / "store"
    shutil.copytree(un_update[0], store)
    http.routes[UN_PATH] = http.Route(b"", status=500)
    http.routes["/dpl/dpl.txt"] = http.Route((shared_lists / "bis_dpl_2023-11" / "dpl.txt").read_bytes())
    point_registry(monkeypatch, "un", [http.url(UN_PATH)])
    point_registry(monkeypatch, "bis-dpl", [http.url("/dpl/dpl.txt")])
    code, out, err = run(capsys, "lists", "update", "un", "bis-dpl", "--store", store, "--quiet")
    assert code == 2
    assert out.startswith("bis-dpl: new snapshot ") and "545 entities" in out
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in err, err
    assert lines[0].startswith("screening: error: un: ") and "HTTP 500" in lines[0]
    assert lines[1].startswith("screening: 1 of 2 source(s) not updated")
    assert snapshots.current("bis-dpl", store) is not None
    assert (store / "un" / "current").read_bytes() == (un_update[0] / "un" / "current").read_bytes()


def test_screener_from_snapshots(un_update, un_snapshot, tmp_path):
    store = un_update[0]
    screener = Screener.from_snapshots(store=store)  # every source with a snapshot there: un
    assert [lst.source for lst in screener.lists] == ["un"]
    assert screener.lists[0].snapshot.label == un_snapshot.label and screener.entity_count == 1_003
    assert screener.match("Eric Badege")[0].entity_id == "un:CDi.001"

    mixed = Screener.from_snapshots(["un", "starter"], store=store)  # starter: its bundled copy
    assert [lst.source for lst in mixed.lists] == ["un", "starter"]

    assert [lst.source for lst in Screener.from_snapshots(store=tmp_path).lists] == ["starter"]  # nothing there
    with pytest.raises(SnapshotStoreError, match="no downloaded snapshot of list source 'ofac-sdn'"):
        Screener.from_snapshots(["ofac-sdn"], store=tmp_path)


# --------------------------------------------------------------------------------------------
# Delta screening: --since


DELTA_NAMES = [
    "VTB Bank PJSC",  # added
    "Sberbank of Russia",  # added
    "Abboud Abdul Latif Hassan al-Zomor",  # changed
    "Islamic Revolutionary Guard Corps Air Force",  # changed (programs)
    "Banco Nacional de Cuba",  # unchanged
    "CIMEX",  # unchanged
    "Li Fangwei",  # unchanged; the Screener adds curated Chinese aliases to it
    "Apple Inc",  # clean
]


def test_since_writes_only_alerts_on_added_and_changed_entities(sdn_folders, sdn_versions, sdn_2023_screener,
                                                                tmp_path, capsys):
    old, new = sdn_folders
    diff = sdn_versions[2]
    ids = diff.screen_ids
    customers = tmp_path / "customers.csv"
    pd.DataFrame({"name": DELTA_NAMES}).to_csv(customers, index=False)
    dest = tmp_path / "delta.csv"
    code, _, err = run(capsys, "screen", customers, "-o", dest, "--list", f"ofac-sdn={new}",
                       "--since", f"ofac-sdn={old}", "--workers", "1")
    assert code == 1, err
    # the diff's summary, as `lists diff` prints it
    assert any(line.split() == ["changed", "742"] for line in err.splitlines()), err
    assert any(line.split() == ["unchanged", "7,442"] for line in err.splitlines()), err

    delta = read_output(dest)
    assert set(delta["entity_id"]) <= ids
    assert {"ofac-sdn:17013", "ofac-sdn:17018", "ofac-sdn:2677", "ofac-sdn:12055"} <= set(delta["entity_id"])

    # the full run (as the command line screens, limit 10), restricted to the diff's entities
    full = sdn_2023_screener.screen(read_customers(customers), limit=10)
    assert {"ofac-sdn:306", "ofac-sdn:535", "ofac-sdn:11447"} <= set(full["entity_id"])  # unchanged ones alert
    expected = full[full["entity_id"].isin(ids)].assign(row=lambda f: f["row"].astype(str))
    expected_path = tmp_path / "expected.csv"
    expected.to_csv(expected_path, index=False)
    assert_frame_equal(delta, read_output(expected_path))


def test_since_the_same_snapshot_alerts_on_nothing(un_update, un_customers, tmp_path, capsys):
    store = un_update[0]
    name = snapshots.current("un", store).name
    dest = tmp_path / "delta.csv"
    code, _, err = run(capsys, "screen", un_customers, "-o", dest, "--list", "un", "--store", store,
                       "--since", f"un={name}")
    assert code == 0, err
    assert any(line.split() == ["unchanged", "1,003"] for line in err.splitlines()), err
    assert len(read_output(dest)) == 0


@pytest.mark.parametrize("since, fragment", [
    ("ofac-sdn", "expected SOURCE=OLD"),
    ("ofac-sdn=somewhere", "no list of source 'ofac-sdn' is loaded"),
])
def test_since_errors_exit_2(tmp_path, capsys, since, fragment):
    code, _, err = run(capsys, "screen", EXAMPLES, "-o", tmp_path / "x.csv", "--since", since)
    assert code == 2
    assert_one_line_error(err, fragment)
    assert not (tmp_path / "x.csv").exists()


# --------------------------------------------------------------------------------------------
# --workers and --chunk-size


def test_workers_and_chunks_give_the_default_output(tmp_path, capsys):
    default, chunked = tmp_path / "default.csv", tmp_path / "chunked.csv"
    code, _, err = run(capsys, "screen", EXAMPLES, "-o", default)
    assert code == 1, err
    code, _, err2 = run(capsys, "screen", EXAMPLES, "-o", chunked, "--workers", "2", "--chunk-size", "3")
    assert code == 1, err2
    assert chunked.read_bytes() == default.read_bytes()
    assert err2 == err.replace(str(default), str(chunked))  # the same summary line

    # row labels are data row numbers across chunks (0-based, the header not counted)
    alerts = read_output(chunked)
    names = read_customers(EXAMPLES)["name"]
    rows = alerts["row"].astype(int)
    assert rows.max() > 3  # labels beyond the first chunk
    top = alerts.drop_duplicates("row").set_index(rows.drop_duplicates().values)
    expected_top = {"Megvii Technology Ltd": "ofac-cons:33091",
                    "Hangzhou Hikvision Digital Technology Co Ltd": "ofac-cons:30946",
                    "Zhejiang Dahua Technology Co Ltd": "starter:DAHUA"}
    found = {names[r]: top.loc[r, "entity_id"] for r in top.index if names[r] in expected_top}
    assert found == expected_top

    parquet = tmp_path / "chunked.parquet"
    code, _, _ = run(capsys, "screen", EXAMPLES, "-o", parquet, "--workers", "2", "--chunk-size", "4")
    assert code == 1
    assert_frame_equal(read_output(parquet), alerts, check_dtype=False)


@pytest.mark.parametrize("option, value", [("--workers", "0"), ("--chunk-size", "0")])
def test_workers_and_chunk_size_must_be_positive(tmp_path, capsys, option, value):
    code, _, err = run(capsys, "screen", EXAMPLES, "-o", tmp_path / "x.csv", option, value)
    assert code == 2
    assert_one_line_error(err, f"{option} must be at least 1")


# --------------------------------------------------------------------------------------------
# Progress bar: only on a terminal, and not with --quiet


def _start(args: list[str], tty: bool, tmp_path: Path):
    """Start the command line in a subprocess, its standard error a pseudo-terminal or a pipe."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.pop("SCREENING_LISTS_DIR", None)
    cmd = [sys.executable, "-m", "screening.interfaces.cli", *args]
    if not tty:
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=tmp_path, env=env), None
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a 120-column terminal
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave,
                            cwd=tmp_path, env=env)
    os.close(slave)
    return proc, master


def _finish(proc: subprocess.Popen, master: int | None) -> tuple[int, str]:
    """Wait for the process; its standard error as text."""
    if master is None:
        _, err = proc.communicate(timeout=120)
        return proc.returncode, err.decode()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode()


RATE = re.compile(r"\d+(\.\d+)?\s*k?\s*rows/s|s/\s*rows")
SUMMARY = re.compile(r"^screened 25 of 25 rows \(0 rejected: no usable name\); \d+ alerts on 10 rows -> ")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_progress_bar_only_on_a_terminal(tmp_path):
    base = ["screen", str(EXAMPLES), "--workers", "1"]
    runs = {  # started together, to keep the test short
        "tty": _start([*base, "-o", "tty.csv"], True, tmp_path),
        "quiet": _start([*base, "-o", "quiet.csv", "--quiet"], True, tmp_path),
        "pipe": _start([*base, "-o", "pipe.csv"], False, tmp_path),
    }
    results = {name: _finish(*started) for name, started in runs.items()}
    for name, (code, err) in results.items():
        assert code == 1, (name, err)
        assert "Traceback" not in err, (name, err)

    code, err = results["tty"]
    assert "screening:" in err and "rows" in err and "|" in err, err
    assert RATE.search(err), err
    assert "25.0/25.0" in err or "25/25" in err, err
    last = err.replace("\r\n", "\n").split("\n")
    assert SUMMARY.match([line for line in last if line.strip()][-1].split("\r")[-1]), err

    for name in ("quiet", "pipe"):
        err = results[name][1].replace("\r\n", "\n")
        lines = err.strip().splitlines()
        assert len(lines) == 1 and SUMMARY.match(lines[0]), (name, err)
        assert "\r" not in err and not RATE.search(err) and "|" not in err, (name, err)

    outputs = [(tmp_path / f"{n}.csv").read_bytes() for n in ("tty", "quiet", "pipe")]
    assert outputs[0] == outputs[1] == outputs[2]
