"""The snapshot store: downloads from a local HTTP server (127.0.0.1, ephemeral port) that
serves the real publisher files from ``../shared/lists``, well and badly (the ``server``
and ``http`` fixtures of ``conftest.py``). No test contacts a real publisher.

Every refused update must leave the store exactly as it was: the same current snapshot,
byte for byte, and no temporary folder.
"""

from __future__ import annotations

import os
import random
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from screening.sources import load_list, snapshots
from screening.sources.files import ListFormatError, UnknownSourceError
from screening.sources.snapshots import SnapshotStoreError, UpdateError

# ---------------------------------------------------------------------------------------
# Files and stores


@pytest.fixture(scope="module")
def un_bytes(shared_lists: Path) -> bytes:
    return (shared_lists / "un" / "consolidated.xml").read_bytes()


@pytest.fixture(scope="module")
def un_template(server, un_bytes: bytes, tmp_path_factory) -> tuple[Path, snapshots.UpdateResult]:
    """A store after one good update of the UN list (copied, never used directly)."""
    store = tmp_path_factory.mktemp("un-template") / "store"
    server.routes = {"/un/consolidated.xml": server.Route(un_bytes)}
    result = snapshots.update("un", store=store, urls=[server.url("/un/consolidated.xml")])
    server.routes = {}
    return store, result


@pytest.fixture()
def un_store(un_template, tmp_path: Path) -> Path:
    """A fresh copy of the template store for one test."""
    store = tmp_path / "store"
    shutil.copytree(un_template[0], store)
    return store


def _state(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for a folder)."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(root.rglob("*"))}


def _no_temp(root: Path) -> None:
    left = [p for p in root.rglob("*") if p.name.startswith(snapshots.TEMP_PREFIX)]
    assert not left, f"temporary files left behind: {left}"


def _cut_un(un_bytes: bytes, keep_individuals: int) -> bytes:
    """The UN file with only the first ``keep_individuals`` individuals (a suspicious drop)."""
    root = ET.fromstring(un_bytes)
    individuals = root.find("INDIVIDUALS")
    for record in list(individuals)[keep_individuals:]:
        individuals.remove(record)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# ---------------------------------------------------------------------------------------
# Good updates


def test_good_update_becomes_current(un_template, shared_lists: Path) -> None:
    store, result = un_template
    reference = load_list("un", shared_lists / "un")
    name = f"2026-02-27_{reference.snapshot.content_hash[:12]}"
    assert result.changed and result.created and result.previous is None and not result.forced
    assert result.snapshot.name == name and result.snapshot.is_current
    assert result.bytes_downloaded == (shared_lists / "un" / "consolidated.xml").stat().st_size
    assert snapshots.current("un", store) == store / "un" / name
    assert (store / "un" / "current").read_text() == name + "\n"
    assert (store / "un" / name / "consolidated.xml").read_bytes() == \
        (shared_lists / "un" / "consolidated.xml").read_bytes()
    assert (store / "un" / name / "consolidated.xml").stat().st_mode & 0o222 == 0  # read-only

    [info] = snapshots.history("un", store)
    assert info.name == name and info.is_current and info.entity_count == 1_003
    assert info.issue_count == len(reference.issues) and info.published.isoformat() == "2026-02-27"
    assert [f.name for f in info.files] == ["consolidated.xml"]

    loaded = snapshots.load_current("un", store)
    assert len(loaded) == 1_003
    assert loaded.snapshot.label == info.label == f"un@2026-02-27#{reference.snapshot.content_hash[:12]}"
    assert "new snapshot" in result.describe() and "1,003 entities" in result.describe()
    _no_temp(store)


def test_identical_update_is_idempotent(un_store: Path, http, un_bytes: bytes) -> None:
    before = _state(un_store)
    http.routes["/un/consolidated.xml"] = http.Route(un_bytes)
    result = snapshots.update("un", store=un_store, urls=[http.url("/un/consolidated.xml")])
    assert not result.changed and not result.created
    assert result.snapshot == result.previous
    assert "unchanged" in result.describe()
    assert _state(un_store) == before
    assert len(snapshots.history("un", un_store)) == 1


def test_progress_callback(un_store: Path, http, un_bytes: bytes) -> None:
    calls: list[tuple[str, int, int | None]] = []
    http.routes["/un/CONSOLIDATED.XML"] = http.Route(un_bytes)
    snapshots.update("un", store=un_store, urls=[http.url("/un/CONSOLIDATED.XML")],
                     progress=lambda *a: calls.append(a))
    assert calls[-1] == ("consolidated.xml", len(un_bytes), len(un_bytes))
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)


# ---------------------------------------------------------------------------------------
# Refused updates leave the store untouched


@pytest.mark.parametrize("route, reason, words", [
    pytest.param({"content_length": 3_000_000, "send": None}, "truncated", "incomplete transfer",
                 id="content-length-larger-than-body"),
    pytest.param({"send": 500_000}, "truncated", "500,000 of 2,030,620 bytes",
                 id="connection-closed-mid-body"),
    pytest.param({"chunked": True, "send": 500_000}, "truncated", "interrupted",
                 id="chunked-transfer-interrupted"),
    pytest.param({"content_length": None, "send": 500_000}, "parse", "malformed XML",
                 id="no-length-closed-mid-body"),
    pytest.param({"status": 500}, "http", "HTTP 500", id="http-500"),
    pytest.param({"stall_before": True}, "timeout", "no answer within 0.5 s", id="slow-server"),
    pytest.param({"stall_after": 100_000}, "timeout", "stalled for 0.5 s after 100,000 bytes",
                 id="transfer-stalls"),
    pytest.param({"body": b""}, "empty", "empty file", id="empty-body"),
    pytest.param({"body": random.Random(0).randbytes(200_000)}, "parse", "does not load",
                 id="garbage-bytes"),
    pytest.param({"body": b"<html><body>Service unavailable</body></html>"}, "parse", "not the UN",
                 id="html-page"),
])
def test_refused_update_leaves_store_untouched(un_store: Path, http, un_bytes: bytes, route: dict,
                                                reason: str, words: str) -> None:
    before = _state(un_store)
    current = snapshots.current("un", un_store)
    http.routes["/un/consolidated.xml"] = http.Route(**{"body": un_bytes, **route})
    with pytest.raises(UpdateError) as raised:
        snapshots.update("un", store=un_store, urls=[http.url("/un/consolidated.xml")], timeout=0.5)
    assert raised.value.reason == reason, str(raised.value)
    assert words in str(raised.value)
    assert str(raised.value).startswith("un: ")
    assert snapshots.current("un", un_store) == current
    assert _state(un_store) == before
    _no_temp(un_store)


def test_interrupted_download_leaves_store_untouched(un_store: Path, http, un_bytes: bytes) -> None:
    """Ctrl-C (KeyboardInterrupt) in the middle of a transfer propagates; nothing is left behind."""
    before = _state(un_store)
    http.routes["/un/consolidated.xml"] = http.Route(un_bytes)

    def interrupt(name: str, done: int, total: int | None) -> None:
        if done > 200_000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        snapshots.update("un", store=un_store, urls=[http.url("/un/consolidated.xml")], progress=interrupt)
    assert _state(un_store) == before
    _no_temp(un_store)


def test_suspicious_drop_refused_unless_forced(un_store: Path, http, un_bytes: bytes) -> None:
    old = snapshots.current("un", un_store)
    old_state = _state(old)
    cut = _cut_un(un_bytes, keep_individuals=50)  # 50 + 273 of 1,003 entities
    http.routes["/un/consolidated.xml"] = http.Route(cut)
    url = http.url("/un/consolidated.xml")
    before = _state(un_store)
    with pytest.raises(UpdateError) as raised:
        snapshots.update("un", store=un_store, urls=[url])
    assert raised.value.reason == "drop"
    assert "from 1,003 to 323" in str(raised.value) and "force=True" in str(raised.value)
    assert _state(un_store) == before
    _no_temp(un_store)

    # a larger max_drop does not let a 68% drop through either
    with pytest.raises(UpdateError):
        snapshots.update("un", store=un_store, urls=[url], max_drop=0.5)

    result = snapshots.update("un", store=un_store, urls=[url], force=True)
    assert result.changed and result.created and result.forced
    assert "fell from 1,003 to 323" in result.forced[0]
    assert result.previous.path == old
    assert snapshots.current("un", un_store) == result.snapshot.path != old
    assert len(snapshots.load_current("un", un_store)) == 323
    assert _state(old) == old_state  # the previous snapshot stays, unchanged
    history = snapshots.history("un", un_store)
    assert [h.name for h in history] == [result.snapshot.name, old.name]
    assert [h.is_current for h in history] == [True, False]
    assert history[0].forced == result.forced
    _no_temp(un_store)

    # roll back by hand; then the old content served again switches back without a parse
    assert snapshots.set_current("un", old.name, un_store).is_current
    assert snapshots.current("un", un_store) == old
    again = snapshots.update("un", store=un_store, urls=[url], force=True)
    assert again.changed and not again.created and again.snapshot.name == result.snapshot.name


def test_older_publication_refused_unless_forced(un_store: Path, http, un_bytes: bytes) -> None:
    stale = un_bytes.replace(b'dateGenerated="2026-02-27', b'dateGenerated="2025-12-01', 1)
    http.routes["/un/consolidated.xml"] = http.Route(stale)
    url = http.url("/un/consolidated.xml")
    before = _state(un_store)
    with pytest.raises(UpdateError, match="published 2025-12-01, before the current") as raised:
        snapshots.update("un", store=un_store, urls=[url])
    assert raised.value.reason == "older"
    assert _state(un_store) == before
    result = snapshots.update("un", store=un_store, urls=[url], force=True)
    assert result.snapshot.name.startswith("2025-12-01_") and result.snapshot.is_current


def test_refused_first_update_leaves_no_trace(tmp_path: Path, http) -> None:
    http.routes["/un/consolidated.xml"] = http.Route(b"", status=500)
    store = tmp_path / "new-store"
    with pytest.raises(UpdateError):
        snapshots.update("un", store=store, urls=[http.url("/un/consolidated.xml")])
    assert not store.exists()
    assert snapshots.current("un", store) is None and snapshots.history("un", store) == []


# ---------------------------------------------------------------------------------------
# Several files (OFAC SDN) and mirrors (BIS DPL)


def test_ofac_sdn_several_files(tmp_path: Path, http, shared_lists: Path) -> None:
    folder = shared_lists / "ofac_sdn_2021"
    names = ["SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV"]  # as OFAC serves them
    for n in names:
        http.routes[f"/exports/{n}"] = http.Route((folder / n.lower()).read_bytes())
    urls = [http.url(f"/exports/{n}") for n in names]
    store = tmp_path / "store"

    result = snapshots.update("ofac-sdn", store=store, urls=urls)
    snap = result.snapshot
    assert snap.name.startswith("undated_") and snap.entity_count == 8_976
    assert sorted(f.name for f in snap.files) == ["add.csv", "alt.csv", "sdn.csv", "sdn_comments.csv"]
    assert sorted(p.name for p in snap.path.iterdir()) == \
        ["add.csv", "alt.csv", "sdn.csv", "sdn_comments.csv", "snapshot.json"]
    assert snapshots.load_current("ofac-sdn", store).snapshot.label == snap.label
    before = _state(store)

    # one file failing refuses the whole set
    http.routes["/exports/ALT.CSV"] = http.Route(b"", status=500)
    with pytest.raises(UpdateError, match=r"ALT\.CSV: HTTP 500") as raised:
        snapshots.update("ofac-sdn", store=store, urls=urls)
    assert raised.value.reason == "http" and raised.value.url == urls[1]
    assert _state(store) == before
    _no_temp(store)

    # a garbled side file still "loads" (sdn.csv is fine), with hundreds of parse problems
    http.routes["/exports/ALT.CSV"] = http.Route((folder / "alt.csv").read_bytes())
    http.routes["/exports/ADD.CSV"] = http.Route(random.Random(1).randbytes(100_000))
    with pytest.raises(UpdateError) as raised:
        snapshots.update("ofac-sdn", store=store, urls=urls)
    assert raised.value.reason == "issues", str(raised.value)
    assert "add.csv line" in str(raised.value)
    assert _state(store) == before
    _no_temp(store)


def test_mirrors_and_progress_bar(tmp_path: Path, http, shared_lists: Path, capsys) -> None:
    """URLs with one file name are mirrors: the first that answers wins (BIS serves dpl.txt twice)."""
    http.routes["/mirror-2/dpl.txt"] = http.Route((shared_lists / "bis_dpl_2023-11" / "dpl.txt").read_bytes())
    urls = [http.url("/mirror-1/dpl.txt"), http.url("/mirror-2/dpl.txt")]
    result = snapshots.update("bis-dpl", store=tmp_path, urls=urls, progress=True)
    assert http.requests == ["/mirror-1/dpl.txt", "/mirror-2/dpl.txt"]
    assert result.snapshot.entity_count == 545
    assert [f.url for f in result.snapshot.files] == [urls[1]]
    assert "dpl.txt" in capsys.readouterr().err  # the tqdm bar

    http.routes.clear()
    with pytest.raises(UpdateError, match="every mirror of dpl.txt failed") as raised:
        snapshots.update("bis-dpl", store=tmp_path, urls=urls)
    assert raised.value.reason == "http"


# ---------------------------------------------------------------------------------------
# Loading, errors, location


def test_load_current_without_snapshot(tmp_path: Path) -> None:
    assert len(snapshots.load_current("starter", tmp_path)) == len(load_list("starter"))  # bundled
    with pytest.raises(SnapshotStoreError, match="no downloaded snapshot of list source 'un'"):
        snapshots.load_current("un", tmp_path)
    assert issubclass(UpdateError, ListFormatError) and issubclass(SnapshotStoreError, ListFormatError)


def test_bad_requests(tmp_path: Path) -> None:
    with pytest.raises(UpdateError, match="no download URL"):
        snapshots.update("starter", store=tmp_path)
    with pytest.raises(UpdateError, match="not an http"):
        snapshots.update("un", store=tmp_path, urls=["file:///etc/passwd"])
    with pytest.raises(UpdateError, match="usable file name"):
        snapshots.update("un", store=tmp_path, urls=["http://127.0.0.1:9/lists/"])
    with pytest.raises(UnknownSourceError, match="unknown list source"):
        snapshots.update("no-such-list", store=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_corrupt_pointer_is_reported(un_store: Path) -> None:
    with pytest.raises(SnapshotStoreError, match="no snapshot"):
        snapshots.set_current("un", "2020-01-01_000000000000", un_store)
    (un_store / "un" / "current").write_text("2020-01-01_000000000000\n")
    with pytest.raises(SnapshotStoreError, match="not in"):
        snapshots.current("un", un_store)


@pytest.mark.skipif(os.name != "posix", reason="the update lock uses POSIX flock")
def test_concurrent_update_refused(un_store: Path, http, un_bytes: bytes) -> None:
    import fcntl

    before = _state(un_store)
    http.routes["/un/consolidated.xml"] = http.Route(un_bytes)
    fd = os.open(un_store / "un", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running update holds it
        with pytest.raises(UpdateError, match="another update of this source is running") as raised:
            snapshots.update("un", store=un_store, urls=[http.url("/un/consolidated.xml")])
        assert raised.value.reason == "locked"
    finally:
        os.close(fd)
    assert _state(un_store) == before and http.requests == []


def test_default_store(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SCREENING_LISTS_DIR", str(tmp_path / "mine"))
    assert snapshots.default_store() == tmp_path / "mine"
    monkeypatch.delenv("SCREENING_LISTS_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert snapshots.default_store() == tmp_path / "cache" / "screening" / "lists"
    monkeypatch.delenv("XDG_CACHE_HOME")
    if os.name == "posix" and os.uname().sysname == "Linux":
        monkeypatch.setenv("HOME", str(tmp_path))
        assert snapshots.default_store() == tmp_path / ".cache" / "screening" / "lists"
