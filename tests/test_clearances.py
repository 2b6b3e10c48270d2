"""The good-guy list: clearances stored in SQLite, suppressing alerts while the listed entity is unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from screening import ClearanceStore, Screener, load_list
from screening.interfaces.cli import main
from screening.interfaces.clearances import ClearanceError, default_path, entity_content_hash
from screening.model import EntityList, Identifier, IdType, Name, NameKind
from screening.sources.diff import diff_lists

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers.csv"
MEGVII = "ofac-cons:33091"
HIKVISION = "ofac-cons:30946"


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener()


@pytest.fixture
def store(tmp_path) -> ClearanceStore:
    return ClearanceStore(tmp_path / "cleared.sqlite")


@pytest.fixture(scope="module")
def customers() -> pd.DataFrame:
    return pd.DataFrame({"name": ["Megvii Technology Ltd", "MEGVII TECHNOLOGY LIMITED", "Hikvision", "Jane Doe"]},
                        index=["C-1", "C-2", "C-3", "C-4"])


def with_changed(screener: Screener, entity_id: str, **changes) -> Screener:
    """A screener over the same lists, one entity changed as a new publication would change it."""
    lists = []
    for lst in screener.lists:
        entities = tuple(dataclasses.replace(e, **{k: f(e) for k, f in changes.items()})
                         if e.entity_id == entity_id else e for e in lst.entities)
        lists.append(EntityList(lst.source, lst.snapshot, entities, lst.issues))
    return Screener(lists, curated=False)  # the lists already carry the curated aliases


# --------------------------------------------------------------------------------------------
# the content hash
# --------------------------------------------------------------------------------------------

def test_hash_is_stable_and_ignores_order_provenance_and_snapshot(screener):
    e = screener.entity(MEGVII)
    h = entity_content_hash(e)
    assert len(h) == 64 and h == entity_content_hash(e)
    reordered = dataclasses.replace(e, aliases=tuple(reversed(e.aliases)), snapshot=None,
                                    countries=tuple(reversed(e.countries)))
    assert entity_content_hash(reordered) == h
    renumbered = dataclasses.replace(e, aliases=tuple(dataclasses.replace(a, provenance="elsewhere")
                                                      for a in e.aliases))
    assert entity_content_hash(renumbered) == h


@pytest.mark.parametrize("field, change", [
    ("aliases", lambda e: e.aliases + (Name("MEGVII HOLDINGS", NameKind.AKA),)),
    ("identifiers", lambda e: e.identifiers + (Identifier(IdType.ISIN, "KYG596691041"),)),
    ("programs", lambda e: e.programs + ("SDGT",)),
    ("name", lambda e: e.name + " INC"),
    ("countries", lambda e: e.countries + ("HK",)),
])
def test_hash_changes_with_the_content(screener, field, change):
    e = screener.entity(MEGVII)
    assert entity_content_hash(dataclasses.replace(e, **{field: change(e)})) != entity_content_hash(e)


def test_hash_equal_for_the_same_record_loaded_twice(shared_lists):
    a = load_list("ofac-cons", shared_lists / "ofac_consolidated").get(MEGVII)
    b = load_list("ofac-cons", shared_lists / "ofac_consolidated").get(MEGVII)
    assert a is not b and entity_content_hash(a) == entity_content_hash(b)


# --------------------------------------------------------------------------------------------
# the store
# --------------------------------------------------------------------------------------------

def test_clear_list_revoke_and_persistence(screener, store):
    c = store.clear("C-1", screener.entity(MEGVII), reason="Megvy Bakery, Vienna", analyst="jdoe",
                    cleared_on="2025-03-01")
    assert (c.customer_key, c.entity_id, c.analyst, c.cleared_on) == ("C-1", MEGVII, "jdoe", dt.date(2025, 3, 1))
    assert c.listed_name == "MEGVII TECHNOLOGY LIMITED"
    again = ClearanceStore(store.path)  # another process, later
    assert again.list() == [c]
    assert again.get("C-1", MEGVII) == c and len(again) == 1
    # clearing the pair again replaces it
    store.clear("C-1", screener.entity(MEGVII), reason="second review", analyst="asmith")
    assert [x.analyst for x in again.list()] == ["asmith"]
    assert again.revoke("C-1", MEGVII) and not again.revoke("C-1", MEGVII)
    assert store.list() == []


def test_filters_and_frame(screener, store):
    store.clear("C-1", screener.entity(MEGVII), "r", "a")
    store.clear("C-2", screener.entity(MEGVII), "r", "a")
    store.clear(7, screener.entity(HIKVISION), "r", "a")  # keys are text: 7 -> "7"
    assert [c.customer_key for c in store.list(entity_id=MEGVII)] == ["C-1", "C-2"]
    assert [c.entity_id for c in store.list(customer_key=7)] == [HIKVISION]
    frame = store.to_frame(entity_id=MEGVII)
    assert list(frame["customer_key"]) == ["C-1", "C-2"] and "entity_hash" in frame


@pytest.mark.parametrize("kw", [dict(reason="", analyst="a"), dict(reason="r", analyst="  "),
                                dict(reason="r", analyst="a", cleared_on="01/02/2025")])
def test_a_clearance_needs_reason_analyst_and_a_valid_date(screener, store, kw):
    with pytest.raises(ClearanceError):
        store.clear("C-1", screener.entity(MEGVII), **kw)
    with pytest.raises(ClearanceError):
        store.clear("C-1", MEGVII, reason="r", analyst="a")  # the entity itself is needed, for its hash


def test_store_from_a_newer_library_is_refused(tmp_path):
    path = tmp_path / "c.sqlite"
    ClearanceStore(path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(ClearanceError, match="newer version"):
        ClearanceStore(path)


def test_default_path_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREENING_CLEARANCES", str(tmp_path / "x.sqlite"))
    assert default_path() == tmp_path / "x.sqlite"
    assert ClearanceStore().path == tmp_path / "x.sqlite"
    monkeypatch.delenv("SCREENING_CLEARANCES")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == tmp_path / "screening" / "clearances.sqlite"


# --------------------------------------------------------------------------------------------
# suppression in screen()
# --------------------------------------------------------------------------------------------

def test_cleared_alert_is_suppressed_for_that_customer_only(screener, store, customers):
    before = screener.screen(customers)
    assert {("C-1", MEGVII), ("C-2", MEGVII)} <= set(zip(before.row, before.entity_id))
    store.clear("C-1", screener.entity(MEGVII), "not the listed party", "jdoe")
    after = screener.screen(customers, cleared=store)
    pairs = set(zip(after.row, after.entity_id))
    assert ("C-1", MEGVII) not in pairs and ("C-2", MEGVII) in pairs
    assert len(after) == len(before) - 1
    assert after.attrs["counts"]["suppressed"] == 1
    assert (after["clearance"] == "").all()
    # the store may be given by its path too
    assert len(screener.screen(customers, cleared=str(store.path))) == len(after)


def test_show_suppressed_marks_instead_of_dropping(screener, store, customers):
    store.clear("C-1", screener.entity(MEGVII), "not the listed party", "jdoe", cleared_on="2025-01-02")
    shown = screener.screen(customers, cleared=store, show_suppressed=True)
    assert len(shown) == len(screener.screen(customers))
    row = shown[(shown.row == "C-1") & (shown.entity_id == MEGVII)].iloc[0]
    assert bool(row.suppressed) and row.clearance == "cleared by jdoe on 2025-01-02: not the listed party"
    assert shown["suppressed"].sum() == 1 and shown.attrs["counts"]["suppressed"] == 1


def test_clearance_expires_when_the_entity_changes(screener, store, customers):
    store.clear("C-1", screener.entity(MEGVII), "not the listed party", "jdoe")
    for field, change in [("aliases", lambda e: e.aliases + (Name("MEGVII HOLDINGS", NameKind.AKA),)),
                          ("identifiers", lambda e: e.identifiers + (Identifier(IdType.ISIN, "KYG596691041"),)),
                          ("programs", lambda e: e.programs + ("SDGT",))]:
        changed = with_changed(screener, MEGVII, **{field: change})
        out = changed.screen(customers, cleared=store)
        back = out[(out.row == "C-1") & (out.entity_id == MEGVII)]
        assert len(back) == 1, field
        assert back.iloc[0].clearance.startswith("clearance expired, the listed entity changed"), field
        assert out.attrs["counts"]["suppressed"] == 0
    # an unchanged entity in the rebuilt lists is still cleared
    same = with_changed(screener, HIKVISION, programs=lambda e: e.programs)
    assert ("C-1", MEGVII) not in set(zip(*[same.screen(customers, cleared=store)[c] for c in ("row", "entity_id")]))


def test_integer_row_labels_and_chunks(screener, store):
    df = pd.DataFrame({"name": ["Megvii Technology Ltd"] * 5})
    store.clear(3, screener.entity(MEGVII), "r", "a")
    out = screener.screen(df, cleared=store, chunk_size=2)
    assert sorted(out.row) == [0, 1, 2, 4]
    assert out.attrs["counts"] == {"rows": 5, "screened": 5, "rejected": 0, "suppressed": 1}


def test_real_list_change_brings_the_alert_back(shared_lists, tmp_path):
    old = load_list("ofac-sdn", shared_lists / "ofac_sdn_2021")
    new = load_list("ofac-sdn", shared_lists / "ofac_sdn_2023-12")
    diff = diff_lists(old, new)
    changed = next(c for c in diff.changes if c.change.value == "changed" and "aliases" in c.fields
                   and "name" not in c.fields and c.new.schema.value == "Person" and len(c.name) > 12)
    unchanged_id = next(e.entity_id for e in new if e.entity_id not in diff.screen_ids and old.get(e.entity_id)
                        and e.schema.value == "Person" and len(e.name) > 12)
    s_old, s_new = Screener([old], curated=False), Screener([new], curated=False)
    store = ClearanceStore(tmp_path / "c.sqlite")
    df = pd.DataFrame({"name": [changed.name, s_new.entity(unchanged_id).name]}, index=["k1", "k2"])
    alerts = s_old.screen(df)
    assert {("k1", changed.entity_id), ("k2", unchanged_id)} <= set(zip(alerts.row, alerts.entity_id))
    store.clear("k1", s_old.entity(changed.entity_id), "reviewed", "jdoe")
    store.clear("k2", s_old.entity(unchanged_id), "reviewed", "jdoe")
    assert s_old.screen(df, cleared=store).query("row in ['k1', 'k2'] and entity_id in @ids",
                                                 local_dict={"ids": [changed.entity_id, unchanged_id]}).empty
    out = s_new.screen(df, cleared=store)
    pairs = set(zip(out.row, out.entity_id))
    assert ("k1", changed.entity_id) in pairs  # the entity changed (a new alias): back for review
    assert ("k2", unchanged_id) not in pairs  # unchanged: still cleared


# --------------------------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------------------------

def test_cli_clear_list_screen_revoke(tmp_path, capsys):
    store = tmp_path / "cleared.sqlite"
    out_csv = tmp_path / "alerts.csv"
    common = ["--id-column", "customer_id", "-q", "--workers", "1"]
    assert main(["screen", str(EXAMPLES), "-o", str(out_csv), *common]) == 1
    first = pd.read_csv(out_csv, dtype=str)
    assert ("C-10001", MEGVII) in set(zip(first.row, first.entity_id))

    assert main(["clear", "C-10001", MEGVII, "--reason", "Megvy Bakery", "--analyst", "jdoe",
                 "--date", "2025-02-03", "--cleared", str(store)]) == 0
    assert "cleared C-10001 ~ ofac-cons:33091" in capsys.readouterr().out
    assert main(["cleared", "list", "--cleared", str(store)]) == 0
    listed = capsys.readouterr().out
    assert "C-10001\tofac-cons:33091\t2025-02-03\tjdoe" in listed

    assert main(["screen", str(EXAMPLES), "-o", str(out_csv), *common, "--cleared", str(store)]) == 1
    after = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    assert ("C-10001", MEGVII) not in set(zip(after.row, after.entity_id))
    assert len(after) == len(first) - 1 and "clearance" in after

    out_pq = tmp_path / "alerts.parquet"
    assert main(["screen", str(EXAMPLES), "-o", str(out_pq), *common, "--cleared", str(store),
                 "--show-suppressed"]) == 1
    shown = pd.read_parquet(out_pq)
    assert len(shown) == len(first) and shown["suppressed"].dtype == bool
    assert shown[shown.suppressed].row.tolist() == ["C-10001"]

    assert main(["cleared", "revoke", "C-10001", MEGVII, "--cleared", str(store)]) == 0
    assert main(["cleared", "revoke", "C-10001", MEGVII, "--cleared", str(store)]) == 2
    capsys.readouterr()


def test_cli_only_cleared_alerts_exit_clean(tmp_path, capsys):
    source = tmp_path / "one.csv"
    pd.DataFrame({"customer_id": ["K1"], "name": ["Megvii Technology Ltd"]}).to_csv(source, index=False)
    store = tmp_path / "c.sqlite"
    assert main(["clear", "K1", MEGVII, "--reason", "r", "--analyst", "a", "--cleared", str(store)]) == 0
    args = ["screen", str(source), "-o", str(tmp_path / "o.csv"), "--id-column", "customer_id", "-q",
            "--workers", "1", "--cleared", str(store)]
    assert main(args) == 0
    assert main(args + ["--show-suppressed"]) == 0  # shown, but cleared: no alert
    assert "0 alerts" in capsys.readouterr().err


def test_cli_errors(tmp_path, capsys):
    store = str(tmp_path / "c.sqlite")
    assert main(["clear", "K1", "ofac-cons:0", "--reason", "r", "--analyst", "a", "--cleared", store]) == 2
    assert "no such entity" in capsys.readouterr().err
    assert main(["clear", "K1", MEGVII, "--reason", " ", "--analyst", "a", "--cleared", store]) == 2
    assert "reason" in capsys.readouterr().err
    assert main(["screen", str(EXAMPLES), "-o", str(tmp_path / "o.csv"), "-q", "--show-suppressed"]) == 2
    assert "--show-suppressed needs --cleared" in capsys.readouterr().err


def test_suppression_with_worker_processes(screener, store, customers):
    store.clear("C-2", screener.entity(MEGVII), "r", "a")
    serial = screener.screen(customers, cleared=store, explain=True)
    parallel = screener.screen(customers, cleared=store, explain=True, workers=2, chunk_size=1)
    assert serial.equals(parallel)
    assert ("C-2", MEGVII) not in set(zip(parallel.row, parallel.entity_id))
    assert parallel.attrs["counts"]["suppressed"] == 1
