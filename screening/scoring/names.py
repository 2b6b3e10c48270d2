"""Name score of query/listed-name pairs, computed for many pairs at once.

For each pair the tokens are aligned one-to-one, greedily by similarity (ties go to
the heavier listed token). Two covers follow:

* listed cover: the weighted share of the listed name's tokens that found a partner
  (weights are token rarity in the lists, legal forms count a tenth), so a name is
  only matched when its distinctive words are there;
* query cover: the same share on the query side, so extra words in the query cost
  something, but less.

``score = 100 * listed_cover ** e * query_cover ** (1 - e)`` with ``e = LISTED_EXPONENT``,
except for weak aliases (OFAC's "weak a.k.a.", UN/EU "low quality"), often a single
common word: for them ``e = WEAK_EXPONENT``, so the query must be about that alias and
little else ("Nicolas Maduro Moros" does not alert on a weak alias "NICOLAS"), and their
words pair only when spelled the same (a weak "RID" is not "Reed").

The score is 100 for identical token sets, and 0 when no word (two letters or more on
both sides) pairs up: initials alone do not make a match.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from screening.index.name_index import NameIndex
from screening.index.query import MAX_TOKENS, QueryBatch
from screening.index.vocabulary import INITIAL_SIM

LISTED_EXPONENT = 0.7
WEAK_EXPONENT = 0.4


@dataclass(frozen=True, slots=True)
class NameScores:
    """Scores of pairs ``(query[i], name[i])`` with the alignment that produced them."""

    score: np.ndarray  # (P,) float32, 0..100
    listed_cover: np.ndarray  # (P,)
    query_cover: np.ndarray  # (P,)
    partner: np.ndarray  # (P, L) int8: for each listed token position, the query position aligned to it, or -1
    token_sim: np.ndarray  # (P, L) float32 similarity of each listed token to its partner


def listed_cover_needed(score: float) -> tuple[float, float]:
    """The least listed cover a pair needs to reach ``score`` (the query cover is at most 1),
    for a strong name and for a weak alias."""
    base = max(score, 0.0) / 100.0
    return min(1.0, base ** (1.0 / LISTED_EXPONENT)), min(1.0, base ** (1.0 / WEAK_EXPONENT))


def score_pairs(index: NameIndex, batch: QueryBatch, query: np.ndarray, name: np.ndarray) -> NameScores:
    """Align and score every pair ``(batch query[i], index name[i])``."""
    q_tok = batch.token_ids[query]  # (P, M)
    l_tok = index.name_tokens[name]  # (P, L)
    n_pairs, width = l_tok.shape
    score = np.zeros(n_pairs, dtype=np.float32)
    listed_cover = np.zeros(n_pairs, dtype=np.float32)
    query_cover = np.zeros(n_pairs, dtype=np.float32)
    partner = np.full((n_pairs, width), -1, dtype=np.int8)
    token_sim = np.zeros((n_pairs, width), dtype=np.float32)
    # The (pairs x query tokens x listed tokens) grid is cut to each pair's own lengths,
    # rounded up to a few sizes: most names have 2-4 words, a few have 16.
    q_size = np.searchsorted(_SIZES, (q_tok >= 0).sum(axis=1))
    l_size = np.searchsorted(_SIZES, (l_tok >= 0).sum(axis=1))
    if n_pairs <= _ONE_GRID:  # few pairs (a single lookup): one grid costs less than several calls
        q_size[:], l_size[:] = q_size.max(initial=0), l_size.max(initial=0)
    bucket = q_size * len(_SIZES) + l_size
    for b in np.unique(bucket):
        sel = np.flatnonzero(bucket == b)
        m, w = _SIZES[b // len(_SIZES)], _SIZES[b % len(_SIZES)]
        s, lc, qc, pa, ts = _score(index, batch, q_tok[sel, :m], query[sel], l_tok[sel, :w], name[sel])
        score[sel], listed_cover[sel], query_cover[sel] = s, lc, qc
        partner[sel, :w], token_sim[sel, :w] = pa, ts
    return NameScores(score, listed_cover, query_cover, partner, token_sim)


# Grid sizes the pairs are bucketed into; up to _ONE_GRID pairs share one grid.
_SIZES = np.array([2, 4, 8, MAX_TOKENS])
_ONE_GRID = 256


def _score(index: NameIndex, batch: QueryBatch, q_tok: np.ndarray, query: np.ndarray, l_tok: np.ndarray,
           name: np.ndarray) -> tuple[np.ndarray, ...]:
    q_w = batch.token_weights[query, :q_tok.shape[1]]
    l_w = index.name_weights[name, :l_tok.shape[1]]
    sims = batch.token_pair_sims(q_tok[:, :, None], l_tok[:, None, :], len(index.vocab))
    q_len = np.where(q_tok >= 0, batch.token_len[q_tok], 0)
    l_len = np.where(l_tok >= 0, index.vocab.length[l_tok], 0)
    some = np.flatnonzero((q_len == 1).any(axis=1) | (l_len == 1).any(axis=1))  # pairs with an initial
    if len(some):
        sims[some] = _with_initials(sims[some], batch, q_tok[some], index, l_tok[some], q_len[some], l_len[some])
    weak = index.name_weak[name]
    sims[weak] = np.where(sims[weak] < 1, np.float32(0), sims[weak])
    partner, listed_sim, query_sim = _align(sims, l_w)
    l_total = _row_sum(l_w)
    q_total = _row_sum(q_w)
    listed_cover = np.divide(_row_sum(l_w * listed_sim), l_total, out=np.zeros_like(l_total), where=l_total > 0)
    query_cover = np.divide(_row_sum(q_w * query_sim), q_total, out=np.zeros_like(q_total), where=q_total > 0)
    exponent = np.where(weak, WEAK_EXPONENT, LISTED_EXPONENT).astype(np.float32)
    score = 100.0 * listed_cover ** exponent * query_cover ** (1.0 - exponent)
    score = score.astype(np.float32)
    if len(some):  # without initials, every pairing is a word's
        score[some] = np.where(_shares_a_word(q_len[some], l_len[some], partner[some]), score[some], 0)
    return score, listed_cover, query_cover, partner, listed_sim


def _shares_a_word(q_len: np.ndarray, l_len: np.ndarray, partner: np.ndarray) -> np.ndarray:
    """(P,) whether a word (two letters or more on both sides) pairs up: initials confirm a name
    but do not make one ("K D Vladimirovich" is not KNEZEVIC, Dusan)."""
    partner_len = np.take_along_axis(q_len, np.maximum(partner, 0).astype(np.intp), axis=1)
    return ((partner >= 0) & (l_len > 1) & (partner_len > 1)).any(axis=1)


def _row_sum(x: np.ndarray) -> np.ndarray:
    """Row sums added left to right, so a pair's score is the same to the last bit whatever width its
    grid is padded to (numpy's pairwise ``sum`` groups the terms by the row length)."""
    total = np.zeros(x.shape[0], dtype=x.dtype)
    for column in x.T:
        total += column
    return total


def _with_initials(sims: np.ndarray, batch: QueryBatch, q_tok: np.ndarray, index: NameIndex, l_tok: np.ndarray,
                   q_len: np.ndarray, l_len: np.ndarray) -> np.ndarray:
    """``sims`` (of pairs holding an initial) where a one-letter token on either side may pair with a
    longer token starting with that letter."""
    q_first = np.where(q_tok >= 0, batch.token_first[q_tok], -1)
    l_first = np.where(l_tok >= 0, index.vocab.first[l_tok], -2)
    same = q_first[:, :, None] == l_first[:, None, :]
    initial = same & (((q_len[:, :, None] == 1) & (l_len[:, None, :] > 1))
                      | ((l_len[:, None, :] == 1) & (q_len[:, :, None] > 1)))
    return np.where(initial, np.maximum(sims, INITIAL_SIM), sims)


def _align(sims: np.ndarray, listed_weight: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Greedy one-to-one alignment on a (P, M, L) similarity grid, all pairs at once."""
    n_pairs, m, width = sims.shape
    partner = np.full((n_pairs, width), -1, dtype=np.int8)
    listed_sim = np.zeros((n_pairs, width), dtype=np.float32)
    query_sim = np.zeros((n_pairs, m), dtype=np.float32)
    if n_pairs == 0:
        return partner, listed_sim, query_sim
    # Rank by similarity; among equals, the rarer listed token pairs first.
    key = np.where(sims > 0, sims + 1e-4 * listed_weight[:, None, :], 0).astype(np.float32)
    live = np.arange(n_pairs)
    for _ in range(min(m, width)):
        flat = key[live].reshape(len(live), -1)
        best = flat.argmax(axis=1)
        found = flat[np.arange(len(live)), best] > 0
        live = live[found]
        if not len(live):
            break
        best = best[found]
        a, b = best // width, best % width
        s = sims[live, a, b]
        partner[live, b] = a
        listed_sim[live, b] = s
        query_sim[live, a] = s
        key[live, a, :] = 0
        key[live, :, b] = 0
    return partner, listed_sim, query_sim
