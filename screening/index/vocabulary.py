"""The token vocabulary of the listed names: ids, rarity weights, and fuzzy look-up.

Fuzzy look-up uses a deletion neighbourhood (the SymSpell idea): every vocabulary
token of at least ``MIN_FUZZY_LEN`` characters is filed under itself and under each
string obtained by deleting one of its characters. Two tokens within one edit
(insertion, deletion, substitution, or adjacent transposition) share such a key, so
one dictionary probe per key finds every candidate; rapidfuzz then computes the real
distance. The cost per query token is O(length), independent of vocabulary size.

>>> v = Vocabulary.build([(0, ["megvii", "technology"], [False, False]),
...                        (1, ["hikvision", "technology"], [False, False])])
>>> [(v.tokens[i], round(s, 3)) for i, s in v.match("megvi")]
[('megvii', 0.833)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz.distance import OSA

# Shorter tokens only match exactly: one edit in "xi" or "wu" makes another name.
MIN_FUZZY_LEN = 4
# Legal forms carry this fraction of an ordinary token's weight.
LEGAL_WEIGHT = 0.1


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1:] for i in range(len(token))}


class Vocabulary:
    """Distinct tokens of all listed names, with document frequencies and weights."""

    def __init__(self, tokens: list[str], df: np.ndarray, legal: np.ndarray, n_docs: int):
        self.tokens = tokens
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.df = df
        self.legal = legal
        self.n_docs = n_docs
        self.weight = (np.log1p(n_docs / np.maximum(df, 1)) * np.where(legal, LEGAL_WEIGHT, 1.0)).astype(np.float32)
        # A token no listed name contains is as rare as a token can be.
        self.unknown_weight = float(math.log1p(n_docs))
        self._keys: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(tokens):
            if len(t) >= MIN_FUZZY_LEN:
                self._keys[t].append(i)
                for d in _deletions(t):
                    self._keys[d].append(i)
        self._cache: dict[str, tuple[tuple[int, float], ...]] = {}

    @classmethod
    def build(cls, names: Iterable[tuple[int, Sequence[str], Sequence[bool]]]) -> "Vocabulary":
        """A vocabulary from ``(document id, tokens, legal flags)`` triples.

        A document is one listed entity: a token's frequency counts the entities whose
        names contain it, so an entity with twenty aliases does not make its words common.
        """
        docs: dict[str, set[int]] = defaultdict(set)
        legal: dict[str, bool] = {}
        doc_ids: set[int] = set()
        for doc, tokens, flags in names:
            doc_ids.add(doc)
            for t, is_legal in zip(tokens, flags):
                docs[t].add(doc)
                legal[t] = legal.get(t, False) or is_legal
        tokens = sorted(docs)
        return cls(tokens, np.array([len(docs[t]) for t in tokens], dtype=np.int32),
                   np.array([legal[t] for t in tokens], dtype=bool), len(doc_ids))

    def __len__(self) -> int:
        return len(self.tokens)

    def match(self, token: str) -> tuple[tuple[int, float], ...]:
        """Vocabulary ids within one edit of ``token`` (exact only when short), with similarity 0..1."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        found: dict[int, float] = {}
        exact = self.ids.get(token)
        if exact is not None:
            found[exact] = 1.0
        if len(token) >= MIN_FUZZY_LEN:
            for key in _deletions(token) | {token}:
                for i in self._keys.get(key, ()):
                    if i in found:
                        continue
                    other = self.tokens[i]
                    dist = OSA.distance(token, other, score_cutoff=1)
                    if dist <= 1:
                        found[i] = 1.0 - dist / max(len(token), len(other))
        result = tuple(sorted(found.items()))
        if len(self._cache) < 1_000_000:  # bounded: a hostile batch of unique junk must not exhaust memory
            self._cache[token] = result
        return result

    def query_weight(self, token: str, matches: tuple[tuple[int, float], ...], legal: bool) -> float:
        """How much a query token counts: the rarity of the listed token it matches best."""
        if matches:
            best = max(matches, key=lambda m: m[1])[0]
            return float(self.weight[best])
        return self.unknown_weight * (LEGAL_WEIGHT if legal else 1.0)
