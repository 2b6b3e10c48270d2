"""Delta screening: ``Screener.screen(customers, only=diff)`` against the entities a list
diff added or changed, on the real OFAC SDN list (end of 2021 -> December 2023).

The delta run must give exactly the full run's alerts on those entities (same rows, order,
scores and matched names): the restricted index keeps the whole lists' token weights.
The lists and the screener are loaded once per session (``conftest.py``); tests are skipped
when ``../shared/lists`` is absent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from screening import Screener, ScreeningInputError
from screening.index import name_index
from screening.normalize import name_forms
from screening.scoring.batch import search
from screening.scoring.names import score_pairs
from screening.sources.diff import diff_lists

VTB = "ofac-sdn:17013"  # added (designated 2022): VTB BANK PUBLIC JOINT STOCK COMPANY
SBERBANK = "ofac-sdn:17018"  # added: PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA
AL_ZOMOR = "ofac-sdn:2677"  # changed: AL-ZUMAR, Abbud renamed AL-ZOMOR, Abboud Abdul Latif Hassan
IRGC_AF = "ofac-sdn:12055"  # changed: programs only (RUSSIA-EO14024 added)
BANCO_NACIONAL = "ofac-sdn:306"  # unchanged: BANCO NACIONAL DE CUBA
CIMEX = "ofac-sdn:535"  # unchanged
LI_FANGWEI = "ofac-sdn:11447"  # unchanged, with curated Chinese aliases added by the Screener
NORIEGA = "ofac-sdn:1572"  # removed

CUSTOMERS = [
    ("K01", "VTB Bank PJSC"),  # added
    ("K02", "Sberbank of Russia"),  # added
    ("K03", "Abboud Abdul Latif Hassan al-Zomor"),  # changed (new name)
    ("K04", "Islamic Revolutionary Guard Corps Air Force"),  # changed (programs)
    ("K05", "Aum Shinrikyo"),  # changed
    ("K06", "Banco Nacional de Cuba"),  # unchanged
    ("K07", "CIMEX"),  # unchanged
    ("K08", "Aerocaribbean Airlines"),  # unchanged
    ("K09", "Li Fangwei"),  # unchanged (curated aliases)
    ("K10", "Bank of Russia"),  # many partial hits, some added, some not
    ("K11", "Islamic Bank"),
    ("K12", "Apple Inc"),  # clean
    ("K13", "Maria Garcia Lopez"),  # clean
    ("K14", ""),  # rejected: no name
]


@pytest.fixture(scope="module")
def sdn(sdn_versions):
    return sdn_versions


@pytest.fixture(scope="module")
def screener(sdn_2023_screener) -> Screener:
    return sdn_2023_screener


@pytest.fixture(scope="module")
def customers() -> pd.DataFrame:
    return pd.DataFrame(CUSTOMERS, columns=["customer_id", "name"]).set_index("customer_id")


def _restricted(full: pd.DataFrame, ids) -> pd.DataFrame:
    return full[full["entity_id"].isin(ids)].reset_index(drop=True)


def test_the_customers_cover_every_kind_of_entity(sdn, screener, customers):
    """The fixture is meaningful: the full run alerts on added, changed and unchanged entities."""
    _, new, diff = sdn
    assert VTB in diff.added and SBERBANK in diff.added
    assert AL_ZOMOR in diff.changed and IRGC_AF in diff.changed
    assert NORIEGA in diff.removed
    for unchanged in (BANCO_NACIONAL, CIMEX, LI_FANGWEI):
        assert unchanged not in diff.screen_ids and new.get(unchanged) is not None
    full = screener.screen(customers, limit=50)
    alerted = set(full["entity_id"])
    assert {VTB, SBERBANK, AL_ZOMOR, IRGC_AF, BANCO_NACIONAL, CIMEX, LI_FANGWEI} <= alerted
    assert len(alerted - diff.screen_ids) >= 4 and len(alerted & diff.screen_ids) >= 4


@pytest.mark.parametrize("threshold", [None, 60])
def test_delta_equals_the_full_run_restricted_to_the_diff(sdn, screener, customers, threshold):
    _, _, diff = sdn
    full = screener.screen(customers, limit=50, threshold=threshold)
    delta = screener.screen(customers, limit=50, threshold=threshold, only=diff)
    expected = _restricted(full, diff.screen_ids)
    assert len(expected) >= 5
    assert_frame_equal(delta, expected)  # rows, order, scores, matched names
    assert delta.attrs["counts"] == full.attrs["counts"] == {"rows": 14, "screened": 13, "rejected": 1}


def test_unchanged_entities_never_appear(sdn, screener, customers):
    diff = sdn[2]
    delta = screener.screen(customers, limit=50, threshold=0, only=diff)
    assert len(delta) > 100
    assert set(delta["entity_id"]) <= diff.screen_ids
    assert not {BANCO_NACIONAL, CIMEX, LI_FANGWEI} & set(delta["entity_id"])
    top = delta.groupby("row", sort=False).first()["entity_id"]
    assert top["K01"] == VTB and top["K02"] == SBERBANK and top["K03"] == AL_ZOMOR


def test_delta_at_threshold_zero_keeps_the_full_runs_pairs(sdn, screener, customers):
    """With threshold 0 the candidate cut per row differs (fewer competitors in a delta run),
    but every full-run pair on a diff entity is found again, with the same scores."""
    _, _, diff = sdn
    full = _restricted(screener.screen(customers, limit=50, threshold=0), diff.screen_ids)
    delta = screener.screen(customers, limit=50, threshold=0, only=diff)
    merged = full.merge(delta, on=["row", "entity_id"], how="left", suffixes=("", "_delta"),
                        validate="one_to_one")
    assert merged["score_delta"].notna().all()
    assert (merged["score"] == merged["score_delta"]).all()
    assert (merged["name_score"] == merged["name_score_delta"]).all()
    assert (merged["matched_name"] == merged["matched_name_delta"]).all()


def test_delta_on_two_workers(sdn, screener, customers):
    _, _, diff = sdn
    one = screener.screen(customers, limit=50, only=diff)
    two = screener.screen(customers, limit=50, only=diff, workers=2, chunk_size=4)
    assert_frame_equal(two, one)


def test_only_with_plain_ids(sdn, screener, customers):
    _, _, diff = sdn
    with_diff = screener.screen(customers, limit=50, only=diff)
    for ids in (sorted(diff.screen_ids), set(diff.screen_ids), tuple(diff.screen_ids)):
        assert_frame_equal(screener.screen(customers, limit=50, only=ids), with_diff)
    vtb_only = screener.screen(customers, limit=50, only=[VTB])
    assert set(vtb_only["entity_id"]) == {VTB}
    assert "K01" in set(vtb_only["row"])
    full = screener.screen(customers, limit=50)
    assert_frame_equal(vtb_only, _restricted(full, {VTB}))
    # an unchanged entity can be asked for too, by id
    cuba = screener.screen(customers, limit=50, only=[BANCO_NACIONAL])
    assert_frame_equal(cuba, _restricted(full, {BANCO_NACIONAL}))


def test_iter_screen_with_only(sdn, screener, customers):
    _, _, diff = sdn
    frames = list(screener.iter_screen(customers, limit=50, only=diff, chunk_size=5))
    assert len(frames) == 3
    joined = pd.concat([f for f in frames if len(f)], ignore_index=True)
    assert_frame_equal(joined, screener.screen(customers, limit=50, only=diff))


def test_only_an_empty_diff_screens_nothing(sdn, screener, customers):
    """A list diffed with itself has nothing to screen: no alerts, every row still counted."""
    _, new, _ = sdn
    empty = diff_lists(new, new)
    assert empty.screen_ids == frozenset()
    out = screener.screen(customers, only=empty)
    assert len(out) == 0
    assert out.attrs["counts"] == {"rows": 14, "screened": 13, "rejected": 1}


@pytest.mark.parametrize("ids, shown", [
    (["ofac-sdn:999999999"], "ofac-sdn:999999999"),
    ([VTB, "no-such:1"], "no-such:1"),
    ([NORIEGA], NORIEGA),  # removed: not in the new list
])
def test_only_with_unknown_ids_raises(screener, customers, ids, shown):
    with pytest.raises(ScreeningInputError, match="1 entity id\\(s\\) not in the loaded lists") as raised:
        screener.screen(customers, only=ids)
    assert shown in str(raised.value)
    with pytest.raises(ScreeningInputError):
        list(screener.iter_screen(customers, only=ids))


def test_only_with_a_reversed_diff_raises(sdn, screener, customers):
    """A diff from the new list to the old one names entities the new list no longer has."""
    old, new, _ = sdn
    backwards = diff_lists(new, old)
    with pytest.raises(ScreeningInputError, match="792 entity id\\(s\\) not in the loaded lists.*diff's new side"):
        screener.screen(customers, only=backwards)


def test_restricted_index_scores_pairs_as_the_full_index(sdn, screener):
    """NameIndex.restricted: the same vocabulary and weights, so every (query, name) pair scores the same."""
    _, _, diff = sdn
    index = screener.index
    ids = diff.screen_ids  # a property computed on each access: read it once
    mask = np.array([e.entity_id in ids for e in index.entities], dtype=bool)
    view = index.restricted(mask)
    rows = np.flatnonzero(mask[index.name_entity])  # full-index row of each restricted row
    assert len(view) == len(rows) < len(index)
    assert view.vocab is index.vocab and view.entities is index.entities
    assert set(view.name_entity.tolist()) == set(np.flatnonzero(mask).tolist())
    assert all(view.names[k] is index.names[r] for k, r in zip(range(0, len(rows), 97), rows[::97]))
    np.testing.assert_array_equal(view.name_weights, index.name_weights[rows])

    queries = [f for n in ("VTB Bank PJSC", "Abboud al-Zomor", "Sberbank of Russia", "Islamic Bank")
               for f in name_forms(n) if f.tokens]
    batch = index.prepare(queries)
    rng = np.random.default_rng(0)
    picks = rng.choice(len(rows), size=400, replace=False)
    q = np.repeat(np.arange(len(queries)), len(picks)).astype(np.int32)
    k = np.tile(picks, len(queries)).astype(np.int32)
    got = score_pairs(view, batch, q, k)
    want = score_pairs(index, batch, q, rows[k].astype(np.int32))
    np.testing.assert_array_equal(got.score, want.score)
    np.testing.assert_array_equal(got.listed_cover, want.listed_cover)
    np.testing.assert_array_equal(got.query_cover, want.query_cover)
    assert (want.score > 50).any()  # some pairs are real matches, not only noise

    # and the candidate stage finds, among restricted names, what the full index finds
    cand_view = view.candidates(batch, (0.3, 0.3))
    cand_full = index.candidates(batch, (0.3, 0.3))
    full_pairs = {(int(a), int(b)) for a, b in zip(cand_full.query, cand_full.name) if mask[index.name_entity[b]]}
    view_pairs = {(int(a), int(rows[b])) for a, b in zip(cand_view.query, cand_view.name)}
    assert view_pairs == full_pairs and full_pairs


def _variants(name: str, rng: np.random.Generator) -> list[str]:
    """Ways a customer file may write a listed name: as listed, reversed, each word left out, two
    words run together, a word split in two, a word as its initial, a letter dropped."""
    words = name.replace(",", " ").split()
    out = [name, " ".join(reversed(words))]
    out += [" ".join(words[:i] + words[i + 1:]) for i in range(len(words))] if len(words) > 1 else []
    if len(words) > 1:
        i = int(rng.integers(len(words) - 1))
        out.append(" ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2:]))
        out.append(" ".join(words[:i] + [words[i][0] + "."] + words[i + 1:]))
    long = [w for w in words if len(w) > 4]
    if long:
        w = long[int(rng.integers(len(long)))]
        out.append(name.replace(w, w[:2] + w[3:], 1))
        out.append(name.replace(w, w[:len(w) // 2] + " " + w[len(w) // 2:], 1))
    return out


@pytest.mark.parametrize("share", [0.001, 0.005])
def test_preselection_searches_every_row_that_has_a_candidate(sdn, screener, share):
    """NameIndex.reachable, a delta screen's pre-selection, is a superset of the rows whose search
    finds a candidate, at every threshold, for queries close to the view's names and far from them."""
    from screening.scoring.batch import _min_cover

    index = screener.index
    rng = np.random.default_rng(int(share * 1000))
    mask = rng.random(len(index.entities)) < share
    view = index.restricted(mask)
    assert view.reachable([], _min_cover(80.0)) is not None  # a small view pre-selects
    assert index.reachable([], _min_cover(80.0)) is None  # the full index does not
    inside = [index.entities[i] for i in np.flatnonzero(mask)]
    outside = [index.entities[i] for i in rng.choice(len(index.entities), 600, replace=False)]
    names = [v for e in inside for n in e.all_names()[:3] for v in _variants(n.value, rng)]
    names += [v for e in outside for v in _variants(e.name, rng)] + [c for _, c in CUSTOMERS if c]
    forms = [f for f in (tuple(x for x in name_forms(n) if x.tokens) for n in names) if f]
    for threshold in (80.0, 60.0, 0.0):
        reach = view.reachable(forms, _min_cover(threshold))
        found = search(view, forms, threshold, 50, always=np.ones(len(forms), dtype=bool))
        has = found.has_candidates()
        assert has.any() and not (has & ~reach).any(), [names[i] for i in np.flatnonzero(has & ~reach)[:5]]
        if threshold:
            assert reach.mean() < 0.9  # it does leave rows out


@pytest.mark.parametrize("preselect", [0.0, 1.0], ids=["searching every row", "pre-selecting rows"])
def test_delta_with_and_without_preselection(sdn, screener, customers, preselect, monkeypatch):
    """The diff is too large a share of the list for the pre-selection to pay (it is off); forced on,
    the alerts are the same, at a threshold and at threshold 0."""
    monkeypatch.setattr(name_index, "PRESELECT_UP_TO", preselect)
    _, _, diff = sdn
    for threshold in (None, 0):
        full = _restricted(screener.screen(customers, limit=50, threshold=threshold), diff.screen_ids)
        delta = screener.screen(customers, limit=50, threshold=threshold, only=diff)
        if threshold is None:
            assert_frame_equal(delta, full)
        else:  # the candidate cut per row differs at 0 (see above): every full-run pair is found again
            assert set(zip(full["row"], full["entity_id"])) <= set(zip(delta["row"], delta["entity_id"]))
