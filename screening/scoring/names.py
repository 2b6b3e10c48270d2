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

The score is 100 for identical token sets and 0 when no token pairs up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from screening.index.name_index import NameIndex
from screening.index.query import QueryBatch

LISTED_EXPONENT = 0.7
WEAK_EXPONENT = 0.4
# An initial ("S.") paired with a name it abbreviates ("Samir").
INITIAL_SIM = 0.8


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
    q_w = batch.token_weights[query]
    l_tok = index.name_tokens[name]  # (P, L)
    l_w = index.name_weights[name]
    sims = batch.token_pair_sims(q_tok[:, :, None], l_tok[:, None, :], len(index.vocab))
    sims = _with_initials(sims, batch, q_tok, index, l_tok)
    sims = np.where(index.name_weak[name][:, None, None] & (sims < 1), np.float32(0), sims)
    partner, listed_sim, query_sim = _align(sims, l_w)
    l_total = l_w.sum(axis=1)
    q_total = q_w.sum(axis=1)
    listed_cover = np.divide((l_w * listed_sim).sum(axis=1), l_total, out=np.zeros_like(l_total), where=l_total > 0)
    query_cover = np.divide((q_w * query_sim).sum(axis=1), q_total, out=np.zeros_like(q_total), where=q_total > 0)
    exponent = np.where(index.name_weak[name], WEAK_EXPONENT, LISTED_EXPONENT).astype(np.float32)
    score = 100.0 * listed_cover ** exponent * query_cover ** (1.0 - exponent)
    return NameScores(score.astype(np.float32), listed_cover, query_cover, partner, listed_sim)


def _with_initials(sims: np.ndarray, batch: QueryBatch, q_tok: np.ndarray, index: NameIndex,
                   l_tok: np.ndarray) -> np.ndarray:
    """Let a one-letter token on either side pair with a longer token starting with that letter."""
    q_first, q_len = batch.token_first[q_tok], batch.token_len[q_tok]
    l_first, l_len = index.vocab.first[l_tok], index.vocab.length[l_tok]
    q_first, q_len = np.where(q_tok >= 0, q_first, -1), np.where(q_tok >= 0, q_len, 0)
    l_first, l_len = np.where(l_tok >= 0, l_first, -2), np.where(l_tok >= 0, l_len, 0)
    same = q_first[:, :, None] == l_first[:, None, :]
    initial = same & (((q_len[:, :, None] == 1) & (l_len[:, None, :] > 1))
                      | ((l_len[:, None, :] == 1) & (q_len[:, :, None] > 1)))
    return np.where(initial, np.maximum(sims, INITIAL_SIM), sims).astype(np.float32)


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
