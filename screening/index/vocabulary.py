"""The token vocabulary of the listed names: ids, rarity, weights, and fuzzy look-up.

A token's weight is its rarity (inverse document frequency over entities) times a
factor for the part of the name it is in that place (a legal form, a place, an industry
word: see :mod:`screening.normalize.name_parts`); the class belongs to the occurrence,
not the token ("xian" is part of the legal form in "youxian gongsi", a name elsewhere).

Fuzzy look-up uses a deletion neighbourhood (the SymSpell idea): every vocabulary
token of at least ``MIN_FUZZY_LEN`` characters is filed under itself and under each
string obtained by deleting one of its characters. Two tokens within one edit
(insertion, deletion, substitution, or adjacent transposition) share such a key, so
one dictionary probe per key finds every candidate; rapidfuzz then computes the real
distance. The cost per query token is O(length), independent of vocabulary size.
The same is done for the tokens' transliteration folds (:func:`~screening.normalize.
translit.fold`: Aleksei ~ Alexei ~ Aleksey), whose matches count slightly less than
the same spelling: ``FOLD_SIM`` times the folded similarity. A query token from Arabic
script, a consonant skeleton (:mod:`screening.normalize.arabic`), matches every listed
token with that skeleton at ``SKELETON_SIM``.

>>> v = Vocabulary.build([(0, ["megvii", "technology"]), (1, ["hikvision", "technology"])])
>>> [(v.tokens[i], round(s, 3)) for i, s in v.match("megvi")]  # one edit, or a doubled letter
[('megvii', 0.95)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz.distance import OSA

from screening.normalize import TokenClass
from screening.normalize.arabic import SKELETON_MARK, latin_skeleton
from screening.normalize.chinese import is_syllable
from screening.normalize.translit import fold

# Two tokens match fuzzily only if one is this long, and neither is shorter than
# MIN_PAIR_LEN: one edit in "xi" or "wu" makes another name, but Adl / Adel is a spelling.
MIN_FUZZY_LEN = 4
MIN_PAIR_LEN = 3
# A match through transliteration folding counts this much of the folded similarity.
FOLD_SIM = 0.95
# An initial ("S.") paired with a name it abbreviates ("Samir").
INITIAL_SIM = 0.8
# An Arabic-script token and a listed Latin token with its consonant skeleton: the
# vowels are unknown, so a little below a fold. (Grading it by the skeleton's length,
# 0.7 for one consonant up to 0.92 for four, lost three devset variants and kept the
# one false alert, Amr Diab ~ DIABY, Oumar.)
SKELETON_SIM = 0.9
# The share of its rarity weight a token keeps, by class. Places and industry words
# matter only for companies (a person may be called Jordan or Hunter).
CLASS_WEIGHT = {TokenClass.WORD: 1.0, TokenClass.LEGAL: 0.1, TokenClass.PLACE: 0.3, TokenClass.GENERIC: 0.35,
                TokenClass.PATRONYMIC: 0.3, TokenClass.TITLE: 0.1}
PERSON_CLASS_WEIGHT = {**CLASS_WEIGHT, TokenClass.PLACE: 1.0, TokenClass.GENERIC: 1.0}
_FACTORS = np.array([[CLASS_WEIGHT[TokenClass(c)] for c in range(len(TokenClass))],
                     [PERSON_CLASS_WEIGHT[TokenClass(c)] for c in range(len(TokenClass))]], dtype=np.float32)


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1:] for i in range(len(token))}


def _similarity(a: str, b: str) -> float:
    """1 - edits / length for tokens within one edit; 0 otherwise."""
    dist = OSA.distance(a, b, score_cutoff=1)
    return 1.0 - dist / max(len(a), len(b)) if dist <= 1 else 0.0


class Vocabulary:
    """Distinct tokens of all listed names, with document frequencies and weights."""

    def __init__(self, tokens: list[str], df: np.ndarray, n_docs: int):
        self.tokens = tokens
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.df = df
        self.n_docs = n_docs
        self.rarity = np.log1p(n_docs / np.maximum(df, 1)).astype(np.float32)
        # First letter and length of each token, for pairing initials with names.
        self.first = np.array([ord(t[0]) for t in tokens], dtype=np.int32)
        self.length = np.array([len(t) for t in tokens], dtype=np.int32)
        # A token no listed name contains is as rare as a token can be.
        self.unknown_rarity = float(math.log1p(n_docs))
        self._keys: dict[str, list[int]] = defaultdict(list)
        self._folded = [fold(t) for t in tokens]
        for i, t in enumerate(tokens):
            for key in self.lookup_keys(t):
                self._keys[key].append(i)
        # Arabic-script queries arrive as consonant skeletons (see normalize.arabic); every
        # listed Latin token is filed under its own.
        self._skeletons: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(tokens):
            skeleton = latin_skeleton(t)
            if skeleton:
                self._skeletons[SKELETON_MARK + skeleton].append(i)
        self._skeletons = dict(self._skeletons)
        self._cache: dict[str, tuple[tuple[int, float], ...]] = {}

    @classmethod
    def build(cls, names: Iterable[tuple[int, Sequence[str]]]) -> "Vocabulary":
        """A vocabulary from ``(document id, tokens)`` pairs.

        A document is one listed entity: a token's frequency counts the entities whose
        names contain it, so an entity with twenty aliases does not make its words common.
        """
        docs: dict[str, set[int]] = defaultdict(set)
        doc_ids: set[int] = set()
        for doc, tokens in names:
            doc_ids.add(doc)
            for t in tokens:
                docs[t].add(doc)
        tokens = sorted(docs)
        return cls(tokens, np.array([len(docs[t]) for t in tokens], dtype=np.int32), len(doc_ids))

    @staticmethod
    def class_factor(classes: np.ndarray, person: np.ndarray | bool = False) -> np.ndarray:
        """The share of its rarity each occurrence keeps, by its class (and whether a person's name)."""
        return _FACTORS[np.asarray(person, dtype=np.int8), classes]

    def __len__(self) -> int:
        return len(self.tokens)

    @staticmethod
    def lookup_keys(token: str) -> set[str]:
        """The keys a query ``token`` is looked up under, and a listed one filed under: itself, its
        fold and their one-letter deletions; none for a short token or a Chinese syllable (cheng is
        not a typo of chang), which match only as spelled."""
        if len(token) < MIN_PAIR_LEN or is_syllable(token):
            return set()
        folded = fold(token)
        return {token, folded} | _deletions(token) | _deletions(folded)

    def filed_under(self, keys: Iterable[str]) -> set[int]:
        """The ids of the listed tokens filed under any of ``keys``."""
        return {i for key in keys for i in self._keys.get(key, ())}

    def skeleton_ids(self, token: str) -> Sequence[int]:
        """The ids of the listed tokens whose consonant skeleton is ``token`` (one from Arabic script)."""
        return self._skeletons.get(token, ())

    def match(self, token: str) -> tuple[tuple[int, float], ...]:
        """Vocabulary ids within one edit of ``token`` (exact only when short), with similarity 0..1."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        found: dict[int, float] = {}
        exact = self.ids.get(token)
        if exact is not None:
            found[exact] = 1.0
        keys = self.lookup_keys(token)
        folded = fold(token) if keys else token
        for key in keys:
            for i in self._keys.get(key, ()):
                if i in found or max(len(token), len(self.tokens[i])) < MIN_FUZZY_LEN:
                    continue
                sim = _similarity(token, self.tokens[i])
                sim = max(sim, FOLD_SIM * _similarity(folded, self._folded[i]))
                if sim > 0:
                    found[i] = sim
        for i in self.skeleton_ids(token):
            found[i] = max(found.get(i, 0.0), SKELETON_SIM)
        result = tuple(sorted(found.items()))
        if len(self._cache) < 1_000_000:  # bounded: a hostile batch of unique junk must not exhaust memory
            self._cache[token] = result
        return result

    def query_rarity(self, matches: tuple[tuple[int, float], ...]) -> float:
        """How rare a query token is: as the listed token it matches best, or, matching none,
        as rare as a token can be."""
        if matches:
            return float(self.rarity[max(matches, key=lambda m: m[1])[0]])
        return self.unknown_rarity
