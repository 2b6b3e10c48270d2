"""Saving a compiled index (``Screener.save``) and loading it back (``Screener.load``).

A loaded screener must screen and match exactly as the one that was saved, and describe
the same lists; a file that is missing, cut short, not an index, or written by another
version or index format is refused with :class:`IndexFileError` saying why. Saving is
atomic: a failure leaves no file (and no half-written one) behind.
"""

from __future__ import annotations

import pickle
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import screening.interfaces.screener as screener_module
from screening import Screener
from screening.index import store
from screening.index.store import IndexFileError, Packed

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "customers.csv"
COLUMNS = {"name": "name", "schema": "schema", "country": "country", "birth_date": "birth_date"}
NAMES = [
    "Megvii Tech Ltd",
    "旷视科技有限公司",  # Megvii, curated Chinese legal name
    "海康威视",  # Hikvision
    "浙江大华技术股份有限公司",  # Dahua
    "Hai Kang Wei Shi",  # pinyin with spaces
    "Cloudwalk Technolgy Co Ltd",  # typo
    "Jane Doe",  # clean
]


@pytest.fixture(scope="module")
def original() -> Screener:
    return Screener()


@pytest.fixture(scope="module")
def saved(original, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("index") / "starter.index"
    original.save(path)
    return path


@pytest.fixture(scope="module")
def loaded(saved) -> Screener:
    return Screener.load(saved)


@pytest.fixture(scope="module")
def customers() -> pd.DataFrame:
    return pd.read_csv(EXAMPLES, dtype=str, keep_default_na=False, na_values=[""]).set_index("customer_id")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


# --------------------------------------------------------------------------------------------
# A loaded screener screens and matches as the saved one


@pytest.mark.parametrize("threshold", [None, 0])
def test_loaded_screen_equals_original(original, loaded, customers, threshold):
    want = original.screen(customers, threshold=threshold, **COLUMNS)
    got = loaded.screen(customers, threshold=threshold, **COLUMNS)
    assert len(want) > 0
    assert_frame_equal(got, want)
    assert got.attrs["counts"] == want.attrs["counts"]


def test_loaded_screen_on_two_workers(original, loaded, customers):
    want = original.screen(customers, **COLUMNS)
    assert_frame_equal(loaded.screen(customers, chunk_size=4, workers=2, **COLUMNS), want)


@pytest.mark.parametrize("name", NAMES)
def test_loaded_match_equals_original(original, loaded, name):
    for threshold in (None, 0):
        want = original.match(name, threshold=threshold, limit=5)
        got = loaded.match(name, threshold=threshold, limit=5)
        assert [(m.entity_id, m.score, m.matched_name, m.name_kind, m.name_score) for m in got] == \
            [(m.entity_id, m.score, m.matched_name, m.name_kind, m.name_score) for m in want]
        assert got == want  # the entities themselves compare equal
        for g, w in zip(got, want):
            assert str(g.explain()) == str(w.explain())
            assert g.explain().to_dict() == w.explain().to_dict()
    if name != "Jane Doe":
        assert loaded.match(name), f"{name!r} must alert after loading too"


def test_chinese_names_and_explanation_after_loading(loaded):
    [top, *_] = loaded.match("旷视科技有限公司")
    assert top.entity_id == "ofac-cons:33091" and top.score == 100.0
    text = str(loaded.match("Megvii Tech Ltd", country="CN")[0].explain())
    assert "MEGVII TECHNOLOGY LIMITED" in text and "megvii" in text and "<-" in text


def test_loaded_lists_keep_sources_snapshots_and_counts(original, loaded):
    """What ``screening lists show`` prints for a screener: the same after loading."""
    def show(s: Screener):
        return [(lst.source, len(lst), lst.snapshot, lst.snapshot.label, str(lst.snapshot.path),
                 lst.snapshot.content_hash, lst.snapshot.published, tuple(lst.issues)) for lst in s.lists]

    assert show(loaded) == show(original)
    assert loaded.entity_count == original.entity_count > 0
    for old, new in zip(original.lists, loaded.lists):
        assert list(new) == list(old)  # every entity, in order
        first = old.entities[0]
        assert new.get(first.entity_id) == first
    assert [e.entity_id for e in loaded.index.entities] == [e.entity_id for e in original.index.entities]


def test_loaded_screener_saves_again(loaded, original, tmp_path):
    path = tmp_path / "again.index"
    loaded.save(path)
    again = Screener.load(path)
    assert [m.entity_id for m in again.match("Megvii Tech Ltd")] == \
        [m.entity_id for m in original.match("Megvii Tech Ltd")]
    assert again.entity_count == original.entity_count


def test_entities_are_stored_once(original, saved, tmp_path):
    """An entity is in a list and in the index; the file holds its bytes once."""
    lists, index = store.load(saved, screener_module._VERSION)
    by_id = {e.entity_id: i for i, e in enumerate(index.entities)}
    blob = lists[0].entities._blobs[0]
    assert index.entities._blobs[by_id[lists[0].entities[0].entity_id]] is blob

    # without a shared memo the file would be clearly larger
    unshared = tmp_path / "unshared.index"
    packed_lists = tuple(type(lst)(lst.source, lst.snapshot, Packed.of(lst.entities), lst.issues)
                         for lst in original.lists)
    store.save(unshared, screener_module._VERSION, (packed_lists, original.index.packed()))
    assert saved.stat().st_size < 0.9 * unshared.stat().st_size


# --------------------------------------------------------------------------------------------
# Saving is atomic


def test_failed_save_leaves_no_file(original, tmp_path, monkeypatch):
    path = tmp_path / "lists.index"

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pickle, "dump", fail)
    with pytest.raises(OSError, match="disk full"):
        original.save(path)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # no partial file either


def test_failed_save_keeps_the_previous_file(original, saved, tmp_path, monkeypatch):
    path = tmp_path / "lists.index"
    path.write_bytes(saved.read_bytes())
    before = path.read_bytes()

    def fail_midway(obj, f, *args, **kwargs):
        f.write(b"\x80\x05partial bytes")
        raise KeyboardInterrupt

    monkeypatch.setattr(pickle, "dump", fail_midway)
    with pytest.raises(KeyboardInterrupt):
        original.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []
    assert Screener.load(path).entity_count == original.entity_count


def test_unpicklable_payload_leaves_no_file(tmp_path):
    path = tmp_path / "bad.index"
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        store.save(path, "v", (lambda: None,))  # a lambda cannot be pickled
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------------
# Refused files


def test_missing_file(tmp_path):
    path = tmp_path / "nothing.index"
    with pytest.raises(IndexFileError, match="no such index file") as raised:
        Screener.load(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize("content", [
    pytest.param(b"", id="empty"),
    pytest.param(b"customer_id,name\nC-1,Megvii\n", id="csv-text"),
    pytest.param(pickle.dumps({"lists": [], "index": None}), id="other-pickle"),
    pytest.param(pickle.dumps(("screening-index", 1)), id="short-header"),
])
def test_not_an_index_file(tmp_path, content):
    path = tmp_path / "x.index"
    path.write_bytes(content)
    with pytest.raises(IndexFileError, match="not a screening index file") as raised:
        Screener.load(path)
    assert str(raised.value).startswith(str(path))
    assert "\n" not in str(raised.value)


def test_a_folder_is_not_an_index_file(tmp_path):
    with pytest.raises(IndexFileError, match="a folder, not an index file"):
        Screener.load(tmp_path)


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_truncated_file(saved, tmp_path, keep):
    data = saved.read_bytes()
    path = tmp_path / "cut.index"
    path.write_bytes(data[:int(len(data) * keep)])
    with pytest.raises(IndexFileError, match="damaged index file") as raised:
        Screener.load(path)
    assert "truncated" in str(raised.value) or "Ran out of input" in str(raised.value)


def test_file_of_another_library_version(original, tmp_path, monkeypatch):
    path = tmp_path / "old.index"
    monkeypatch.setattr(screener_module, "_VERSION", "0.0.1-old")
    original.save(path)
    monkeypatch.undo()
    with pytest.raises(IndexFileError) as raised:
        Screener.load(path)
    message = str(raised.value)
    assert "written by screening 0.0.1-old" in message
    assert f"this is screening {screener_module._VERSION}" in message
    assert "build the index again" in message


def test_file_of_another_index_format(original, tmp_path, monkeypatch):
    path = tmp_path / "old-format.index"
    monkeypatch.setattr(store, "FORMAT", store.FORMAT + 1)
    original.save(path)
    monkeypatch.undo()
    with pytest.raises(IndexFileError, match=rf"index format {store.FORMAT + 1}\); this is .*\(format {store.FORMAT}\)"):
        Screener.load(path)


def test_file_of_another_version_whose_classes_changed(tmp_path, monkeypatch):
    module = types.ModuleType("screening_removed_module")

    class OldLayout:  # stands for a class of an older library version, since renamed
        pass

    OldLayout.__module__ = module.__name__
    OldLayout.__qualname__ = "OldLayout"
    module.OldLayout = OldLayout
    monkeypatch.setitem(sys.modules, module.__name__, module)
    path = tmp_path / "old.index"
    store.save(path, "0.0.1-old", (OldLayout(),))
    monkeypatch.delitem(sys.modules, module.__name__)
    with pytest.raises(IndexFileError, match="written by screening 0.0.1-old"):
        Screener.load(path)


# --------------------------------------------------------------------------------------------
# Packed: a read-only sequence unpickled on first access


def test_packed_is_a_read_only_sequence():
    items = ["a", ("b", 2), {"c": 3}, None, 5.0]
    packed = Packed.of(items)
    assert len(packed) == 5
    assert packed[0] == "a" and packed[4] == 5.0 and packed[3] is None
    assert packed[-1] == 5.0 and packed[-5] == "a"
    assert packed[1:3] == items[1:3] and packed[::-1] == items[::-1] and packed[-2:] == items[-2:]
    assert packed[10:] == []
    assert list(packed) == items and ("b", 2) in packed and packed.index({"c": 3}) == 2
    assert packed[1] is packed[1]  # unpickled once, then cached
    for bad in (5, 100):
        with pytest.raises(IndexError):
            packed[bad]
    with pytest.raises(TypeError):
        packed[0] = "z"  # type: ignore[index]
    assert pickle.loads(pickle.dumps(packed))[:] == items
    assert len(Packed.of([])) == 0 and list(Packed.of([])) == []


def test_packed_negative_index_out_of_range():
    packed = Packed.of(["a", "b", "c"])
    with pytest.raises(IndexError):
        packed[-4]


def test_packed_shares_blobs_through_a_memo():
    shared, other = ("shared", 1), ("other", 2)
    memo: dict[int, bytes] = {}
    first = Packed.of([shared, other], memo)
    second = Packed.of([other, shared], memo)
    assert first._blobs[0] is second._blobs[1] and first._blobs[1] is second._blobs[0]
    assert Packed.of([shared])._blobs[0] is not first._blobs[0]  # without the memo: a copy
    with_memo = pickle.dumps((first, second))
    without = pickle.dumps((Packed.of([shared, other]), Packed.of([other, shared])))
    assert len(with_memo) < len(without)
    a, b = pickle.loads(with_memo)  # the sharing survives a save and a load
    assert a._blobs[0] is b._blobs[1]
    assert list(a) == [shared, other] and list(b) == [other, shared]
