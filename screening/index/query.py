"""A batch of query names prepared against a vocabulary: columnar token ids and matches.

Every distinct query token is looked up once per batch (and cached by the
vocabulary across batches); the result is a flat table of (query token, listed
token, similarity) keyed by a combined integer, sorted, so later stages look up any
set of token pairs in one vectorized call (:class:`SortedKeys`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd

from screening.index.vocabulary import Vocabulary
from screening.normalize import NormalizedName

# Tokens beyond this many in one name are ignored by the index and scorer.
MAX_TOKENS = 16


class SortedKeys:
    """Distinct int64 keys in ascending order, and where any keys are among them.

    Few keys (a single lookup's) are found by binary search; many by a hash table built on
    first use, which costs more to build but less per key.
    """

    HASH_FROM = 4096  # keys looked up at once

    def __init__(self, keys: np.ndarray):
        self.keys = keys
        self._hash: pd.Index | None = None

    def __len__(self) -> int:
        return len(self.keys)

    def positions(self, wanted: np.ndarray) -> np.ndarray:
        """The position of each wanted key, -1 where absent."""
        if not len(self.keys):
            return np.full(len(wanted), -1, dtype=np.int64)
        if len(wanted) >= self.HASH_FROM:
            if self._hash is None:
                self._hash = pd.Index(self.keys)
            return self._hash.get_indexer(wanted)
        pos = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        return np.where(self.keys[pos] == wanted, pos, -1)


@dataclass(frozen=True, slots=True)
class QueryBatch:
    names: list[NormalizedName]
    tokens: list[str]  # distinct query tokens of the batch
    token_ids: np.ndarray  # (Q, M) int32 into ``tokens``, -1 padded
    token_weights: np.ndarray  # (Q, M) float32, 0 where padded
    match_token: np.ndarray  # (K,) int32 query token id
    match_vocab: np.ndarray  # (K,) int32 vocabulary id
    match_sim: np.ndarray  # (K,) float32 in (0, 1]
    match_key: SortedKeys  # (K,) int64 = match_token * len(vocab) + match_vocab
    token_first: np.ndarray  # (T,) int32 first letter of each distinct query token
    token_len: np.ndarray  # (T,) int32

    @property
    def initial_count(self) -> np.ndarray:
        """(Q,) how many one-letter tokens (initials) each query holds."""
        lengths = np.where(self.token_ids >= 0, self.token_len[self.token_ids], 0)
        return (lengths == 1).sum(axis=1)

    def __len__(self) -> int:
        return len(self.names)

    def token_pair_sims(self, query_tokens: np.ndarray, vocab_ids: np.ndarray, vocab_size: int) -> np.ndarray:
        """Similarity of each (query token, listed token) pair, elementwise; 0 where unmatched or padded."""
        q, v = np.broadcast_arrays(query_tokens, vocab_ids)
        out = np.zeros(q.shape, dtype=np.float32)
        valid = (q >= 0) & (v >= 0)  # padding takes no look-up
        if len(self.match_key) and valid.any():
            pos = self.match_key.positions(q[valid].astype(np.int64) * vocab_size + v[valid])
            out[valid] = np.where(pos >= 0, self.match_sim[pos], np.float32(0))
        return out


# From this many tokens in a batch, pandas' hash table numbers them faster than a dict.
_FACTORIZE_FROM = 256


def number_tokens(flat: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each token's number in ``flat`` and the distinct tokens, in order of first appearance."""
    if len(flat) >= _FACTORIZE_FROM:
        codes, distinct = pd.factorize(np.array(flat, dtype=object))
        return codes, distinct.tolist()
    numbers: dict[str, int] = {}  # a single lookup's few tokens: a dict costs less than pandas' set-up
    return np.array([numbers.setdefault(t, len(numbers)) for t in flat], dtype=np.int64), list(numbers)


def prepare(names: list[NormalizedName], vocab: Vocabulary) -> QueryBatch:
    """Look up every token of ``names`` in ``vocab`` and lay the batch out in arrays."""
    # The tokens of the whole batch as one column, each distinct token numbered once.
    tokens_of = [name.tokens[:MAX_TOKENS] for name in names]
    lengths = np.fromiter(map(len, tokens_of), dtype=np.int64, count=len(names))
    flat = list(chain.from_iterable(tokens_of))
    classes = np.fromiter(chain.from_iterable(name.classes[:MAX_TOKENS] for name in names), dtype=np.int64,
                          count=len(flat))
    codes, tokens = number_tokens(flat)
    rows = np.repeat(np.arange(len(names)), lengths)
    cols = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    ids = np.full((len(names), max(int(lengths.max(initial=0)), 1)), -1, dtype=np.int32)
    ids[rows, cols] = codes
    per_token = [vocab.match(t) for t in tokens]
    rarity = np.array([vocab.query_rarity(m) for m in per_token], dtype=np.float32)
    weights = np.zeros(ids.shape, dtype=np.float32)
    weights[rows, cols] = rarity[codes] * Vocabulary.class_factor(classes)
    counts = np.fromiter(map(len, per_token), dtype=np.int64, count=len(per_token))
    total = int(counts.sum())
    m_tok = np.repeat(np.arange(len(per_token), dtype=np.int32), counts)
    m_voc = np.fromiter((v for ms in per_token for v, _ in ms), dtype=np.int32, count=total)
    m_sim = np.fromiter((s for ms in per_token for _, s in ms), dtype=np.float32, count=total)
    keys = m_tok.astype(np.int64) * len(vocab) + m_voc
    order = np.argsort(keys, kind="stable")  # the candidate stage reads matches grouped by query token
    return QueryBatch(names, tokens, ids, weights, m_tok[order], m_voc[order], m_sim[order], SortedKeys(keys[order]),
                      np.array([ord(t[0]) for t in tokens], dtype=np.int32),
                      np.array([len(t) for t in tokens], dtype=np.int32))
