"""The compiled index of listed names: columnar arrays built once, searched in batches.

Each row is one distinct name variant of one entity (primary name or alias). The
candidate stage multiplies a sparse (queries x vocabulary) matrix of token
similarities with a sparse (vocabulary x names) matrix of token weight shares. The
product is, for every pair that shares a token, the weighted share of the listed
name that the query covers ("listed cover").

To keep that product sparse, each name leaves its commonest tokens out of it (legal
forms, places, industry words, initials, and words in many entities), most common
first, as long as the share left out stays below ``SAFE_COVER``; that share is added
back to the product as an upper bound. So every pair whose true listed cover is at
least ``SAFE_COVER`` (and at least the caller's ``min_cover``) shares a kept token, is
in the product, and passes: the stage is recall-safe by construction for those
thresholds, not by sampling.

Two refinements keep the bound tight. For the pairs the product finds, the left-out
tokens are looked up, so only the share the query reaches is added. A weak alias pairs
only with words spelled the same, so its tokens are filed under exact rows that only
exact query matches reach.

A query holding initials ("raza m a") can cover a name through them, and through
common words alone. Such queries (and all queries when ``min_cover`` is below
``SAFE_COVER``) are multiplied with the whole matrix, no token left out, and each
initial may add, at ``INITIAL_SIM``, the name's largest share of a token starting
with its letter; so their bound holds too. A pair that shares nothing but initials is
not in the product, and it scores 0 (:mod:`screening.scoring.names`: initials alone make
no match), so none that can alert is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np
import scipy.sparse as sp

from screening.index.attributes import EntityAttributes
from screening.index.query import MAX_TOKENS, QueryBatch, SortedKeys, number_tokens, prepare
from screening.index.store import Packed
from screening.index.vocabulary import INITIAL_SIM, MIN_FUZZY_LEN, Vocabulary
from screening.model import Entity, IdType, Name, NameKind, NameQuality, Schema
from screening.normalize import NormalizedName, TokenClass, ccc, name_forms
from screening.normalize.chinese import is_syllable

# Names whose common tokens could alone reach this listed cover keep those tokens
# in the candidate product (see the module doc).
SAFE_COVER = 0.3
# A token in more entities than this (or a legal form, place or industry word) is "common".
COMMON_DF_FRACTION = 0.002
COMMON_DF_MIN = 40
# Two words are joined into one (or one split into two) only when both and the whole are this long.
MIN_COMPOUND_PART, MIN_COMPOUND = 3, 7
# Classes of the listed words a query may run together: name words, and a title before or after one.
_RUN_TOGETHER = frozenset({TokenClass.WORD, TokenClass.TITLE})
# Query initials are bounded by letter for a-z (normalized tokens are lower case), else as any token.
_LETTERS = 26
# float32 slack so that moving the common share across the comparison never drops a pair.
_ROUNDING = np.float32(1e-6)
# A restricted view of at most this share of the index's names searches only the rows that may
# reach it (see NameIndex.reachable); against a larger one most rows do, and the test costs more
# than it saves (benchmarks, SDN 2023: it saved time at 1% of the names, cost time at 2%).
PRESELECT_UP_TO = 0.015
# Float32 sums of the product may exceed the float64 sums the pre-selection bounds them with.
_BOUND_SLACK = 1e-5
# Queries with this many initials or more may reach any row (their initials may add the most).
_MOST_INITIALS = 3


@dataclass
class _Reach:
    """What a query token must reach for a row to be searched against a restricted view (see
    NameIndex.reachable): listed token ids, initials' letters, the look-up keys of those tokens,
    the listed words two joined query words may be (and their beginnings), and tested tokens."""

    ids: np.ndarray  # (vocabulary,) bool
    letters: frozenset[str]
    keys: frozenset[str]
    long_keys: frozenset[str]  # of the tokens a query token shorter than MIN_FUZZY_LEN may pair with
    joined: frozenset[str]
    prefixes: frozenset[str]
    tokens: dict[str, bool]


@dataclass(frozen=True, slots=True)
class Candidates:
    """Query/name pairs from the candidate stage, with the listed-cover upper bound."""

    query: np.ndarray  # int32 row in the batch
    name: np.ndarray  # int32 row in the index
    cover_bound: np.ndarray  # float32


def _long_enough(a: str, b: str) -> bool:
    """Whether two words are long enough to be one word written apart (or two run together)."""
    return len(a) >= MIN_COMPOUND_PART and len(b) >= MIN_COMPOUND_PART and len(a) + len(b) >= MIN_COMPOUND


def _joinable_pairs(form: NormalizedName) -> list[tuple[tuple[str, str], tuple[TokenClass, TokenClass]]]:
    """The adjacent words of ``form`` (and their classes) that a writer may run together, see
    :meth:`NameIndex.respaced`: name words, or a title and a name word (Amir Ali, Amirali).
    Chinese syllables and Korean syllable keys (upper case) are not among them: their
    romanizations already write them both ways."""
    tokens, classes = form.tokens, form.classes
    return [((a, b), (classes[i], classes[i + 1])) for i, (a, b) in enumerate(zip(tokens, tokens[1:]))
            if _long_enough(a, b) and {classes[i], classes[i + 1]} <= _RUN_TOGETHER
            and TokenClass.WORD in (classes[i], classes[i + 1])
            and (a + b).islower() and not (is_syllable(a) and is_syllable(b))]


def _ccc_names(entity: Entity) -> tuple[Name, ...]:
    """The Chinese names an entity's Chinese Commercial Codes spell, as aliases saying so."""
    return tuple(Name(chars, NameKind.AKA, script="Hani", provenance=f"Chinese Commercial Code {i.value}, decoded")
                 for i in entity.identifiers_of(IdType.CCC) for chars in ccc.decode(i.value))


class NameIndex:
    """All name variants of the loaded entities, ready for vectorized search."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self.attributes = EntityAttributes(entities)
        rows: list[tuple[int, Name, NormalizedName]] = []
        for ei, entity in enumerate(entities):
            seen: set[tuple[str, ...]] = set()
            for name in entity.all_names() + _ccc_names(entity):
                for form in name_forms(name.value):
                    if form.tokens and form.tokens not in seen:
                        seen.add(form.tokens)
                        rows.append((ei, name, form))
        self.vocab = Vocabulary.build((ei, n.tokens) for ei, _, n in rows)
        self.names: list[Name] = [name for _, name, _ in rows]
        self.name_entity = np.array([ei for ei, _, _ in rows], dtype=np.int32)
        self.name_weak = np.array([name.quality is NameQuality.WEAK for _, name, _ in rows], dtype=bool)
        width = max((min(len(n.tokens), MAX_TOKENS) for _, _, n in rows), default=1)
        self.name_tokens = np.full((len(rows), width), -1, dtype=np.int32)
        classes = np.zeros((len(rows), width), dtype=np.int8)
        for r, (_, _, norm) in enumerate(rows):
            ids = [self.vocab.ids[t] for t in norm.tokens[:MAX_TOKENS]]
            self.name_tokens[r, :len(ids)] = ids
            classes[r, :len(ids)] = norm.classes[:MAX_TOKENS]
        valid = self.name_tokens >= 0
        tok = np.maximum(self.name_tokens, 0)
        person = np.array([entities[ei].schema is Schema.PERSON for ei, _, _ in rows], dtype=bool)[:, None]
        weight = self.vocab.rarity[tok] * Vocabulary.class_factor(classes, person)
        self.name_weights = np.where(valid, weight, 0).astype(np.float32)
        self.name_classes = classes
        # Adjacent name words of strong listed names, by the word they make joined ("amir ali" under
        # amirali): a query writing them as one word is split back (see :meth:`split`).
        self.pairs: dict[str, tuple[tuple[str, str], tuple[TokenClass, TokenClass]]] = {}
        for _, name, norm in rows:
            if name.quality is not NameQuality.WEAK:
                for tokens, classes in _joinable_pairs(norm):
                    self.pairs.setdefault("".join(tokens), (tokens, classes))
        self._build_blocking(valid)
        # A full index, or a large view: every row is searched (see reachable).
        self._preselects = False
        self._reach: dict[tuple[float, float] | None, _Reach] = {}

    def _build_blocking(self, valid: np.ndarray) -> None:
        n_names, width = self.name_tokens.shape
        total = self.name_weights.sum(axis=1, keepdims=True)
        share = np.divide(self.name_weights, total, out=np.zeros_like(self.name_weights), where=total > 0)
        common_df = max(COMMON_DF_MIN, int(COMMON_DF_FRACTION * self.vocab.n_docs))
        tok = np.maximum(self.name_tokens, 0)
        initial = valid & (self.vocab.length[tok] == 1)
        droppable = valid & ((self.vocab.df[tok] > common_df) | (self.name_classes != TokenClass.WORD) | initial)
        # Commonest first: initials (filed under a whole letter), then by entity frequency.
        commonness = np.where(initial, np.iinfo(np.int32).max, self.vocab.df[tok])
        order = np.argsort(np.where(droppable, -commonness.astype(np.int64), 1), axis=1, kind="stable")
        ranked = np.take_along_axis(np.where(droppable, share, np.inf), order, axis=1)
        dropped = np.zeros_like(valid)
        np.put_along_axis(dropped, order, np.cumsum(ranked, axis=1) < SAFE_COVER, axis=1)
        dropped &= droppable
        self.dropped_share = np.where(dropped, share, 0).sum(axis=1).astype(np.float32)
        # A query initial pairs with one listed token starting with its letter: per name, the
        # largest share of such a token, by letter a-z, then of any token.
        first = np.where(valid, self.vocab.first[tok] - ord("a"), -1)
        self.letter_share = np.zeros((n_names, _LETTERS + 2), dtype=np.float32)  # last: zeros, for padding
        for letter in range(_LETTERS):
            self.letter_share[:, letter] = np.where(first == letter, share, 0).max(axis=1)
        self.letter_share[:, _LETTERS] = share.max(axis=1, initial=0)
        # An initial (a one-letter listed token) pairs with any query word starting with its
        # letter: it is filed again in a row of its letter, after the vocabulary's rows, which
        # the query matrix fills from the first letter of every query word.
        self.initial_letters = np.unique(self.vocab.first[tok[initial]])
        self.blocking = self._postings(share, valid & ~dropped, initial & ~dropped)
        self.full_blocking = self._postings(share, valid, initial)
        # Each name's left-out postings, by name: (names x product rows).
        self.left_out = (self.full_blocking - self.blocking).T.tocsr()
        self.left_out.eliminate_zeros()

    def _postings(self, share: np.ndarray, filed: np.ndarray, initial: np.ndarray) -> sp.csr_matrix:
        """(product rows x names) of the ``filed`` token shares: a strong name's under its tokens'
        rows and its initials' letters, a weak alias's under its tokens' exact rows."""
        n_names, width = self.name_tokens.shape
        names = np.broadcast_to(np.arange(n_names)[:, None], (n_names, width))
        weak = np.broadcast_to(self.name_weak[:, None], (n_names, width))
        token_row = np.where(weak, self._exact_offset, 0) + self.name_tokens
        initial &= ~weak
        letter_row = len(self.vocab) + np.searchsorted(self.initial_letters,
                                                       self.vocab.first[self.name_tokens[initial]])
        return sp.csr_matrix(
            (np.concatenate([share[filed], share[initial]]),
             (np.concatenate([token_row[filed], letter_row]), np.concatenate([names[filed], names[initial]]))),
            shape=(self._exact_offset + len(self.vocab), n_names), dtype=np.float32)

    @property
    def _exact_offset(self) -> int:
        """First of the product rows that only an exact spelling reaches (weak aliases pair no other way)."""
        return len(self.vocab) + len(self.initial_letters)

    def __len__(self) -> int:
        return len(self.names)

    def respaced(self, form: NormalizedName) -> tuple[NormalizedName, ...]:
        """``form`` spaced as the lists write its words, when they write them otherwise: two adjacent
        name words joined where a listed word is the two run together ("Net Posa" -> netposa), and
        one word split where a listed name has it as two adjacent words ("Amirali" -> amir ali).
        Parts need three letters or more and the word seven, so initials and most syllables
        neither fuse nor split."""
        return tuple(v for v in (self.compound(form), self.split(form)) if v is not None)

    def compound(self, form: NormalizedName) -> NormalizedName | None:
        """``form`` with the first two adjacent name words joined that the lists write as one word, or None."""
        tokens, classes, ids = form.tokens, form.classes, self.vocab.ids
        for i in range(len(tokens) - 1):  # every form of every customer: cheapest tests first
            a, b = tokens[i], tokens[i + 1]
            if _long_enough(a, b) and a + b in ids and classes[i] is classes[i + 1] is TokenClass.WORD:
                return NormalizedName(form.original, tokens[:i] + (a + b,) + tokens[i + 2:],
                                      classes[:i] + (TokenClass.WORD,) + classes[i + 2:])
        return None

    def split(self, form: NormalizedName) -> NormalizedName | None:
        """``form`` with its first name word split that the lists write as two adjacent words, or None."""
        pairs = self.pairs
        for i, token in enumerate(form.tokens):
            if len(token) >= MIN_COMPOUND and token in pairs and form.classes[i] is TokenClass.WORD:
                tokens, classes = pairs[token]
                return NormalizedName(form.original, form.tokens[:i] + tokens + form.tokens[i + 1:],
                                      form.classes[:i] + classes + form.classes[i + 1:])
        return None

    def restricted(self, entity_mask: np.ndarray) -> "NameIndex":
        """A view searching only the names of the entities where ``entity_mask`` is true.

        Vocabulary, token weights and entity positions are shared with this index, so a
        pair scores exactly as in a full search (for delta screening against a list diff).
        """
        rows = np.flatnonzero(entity_mask[self.name_entity])
        view = object.__new__(NameIndex)
        view.__dict__.update(self.__dict__)
        view.names = [self.names[i] for i in rows]
        for attr in ("name_entity", "name_weak", "name_tokens", "name_weights", "name_classes", "dropped_share",
                     "letter_share", "left_out"):
            setattr(view, attr, getattr(self, attr)[rows])
        view.blocking = self.blocking[:, rows]
        view.full_blocking = self.full_blocking[:, rows]
        view._preselects = len(rows) <= PRESELECT_UP_TO * len(self.names)
        view._reach = {}
        return view

    def reachable(self, forms: list[tuple[NormalizedName, ...]],
                  min_cover: tuple[float, float] | None) -> np.ndarray | None:
        """(rows,) bool: the rows, each given by its forms, that may have a candidate among this
        view's names at ``min_cover`` (None: the best names, whatever their cover); None when
        every row must be searched (a full index or a large view).

        A pair is a candidate only if its product value, plus what the product leaves out (the
        name's left-out share, or what the query's initials may add), reaches the name's
        ``min_cover``: so the query reaches one of the name's largest shares
        (:meth:`_reached_rows`). A row is searched only if a token of its forms (or two adjacent
        tokens joined, or a token split: see :meth:`respaced`) may reach one of those. Against a
        small delta, most rows reach none, and the test costs one look-up per distinct token of
        the batch. It is a superset: the search applies the rest of the rules.
        """
        if not self._preselects:
            return None
        forms_of = [form.tokens for row in forms for form in row]
        form_row = np.repeat(np.arange(len(forms)), [len(f) for f in forms])
        token_form = np.repeat(np.arange(len(forms_of)), np.fromiter(map(len, forms_of), dtype=np.int64,
                                                                      count=len(forms_of)))
        codes, distinct = number_tokens(list(chain.from_iterable(forms_of)))
        size = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))
        # Each form by the initials it holds (see candidates), at most _MOST_INITIALS.
        initials = np.minimum(np.bincount(token_form[size[codes] == 1], minlength=len(forms_of)),
                              _MOST_INITIALS)[token_form]
        if min_cover is None or min(min_cover) < SAFE_COVER:  # every query takes the whole matrix
            initials[:] = _MOST_INITIALS
        hit = np.zeros(len(codes), dtype=bool)
        adjacent = np.flatnonzero(token_form[1:] == token_form[:-1])
        for k in np.unique(initials).tolist():
            reach, part = self._reach_of(min_cover, k), initials == k
            hit |= part & self._distinct_hits(codes, part, lambda c: self._reaches(distinct[c], reach))
            # Two adjacent words joined: only where the first begins a listed word the view reaches.
            left = np.zeros(len(codes), dtype=bool)
            left[adjacent[part[adjacent]]] = True
            begins = self._distinct_hits(codes, left, lambda c: distinct[c] in reach.prefixes)
            left &= begins
            for i in np.flatnonzero(left).tolist():
                hit[i] |= distinct[codes[i]] + distinct[codes[i + 1]] in reach.joined
        return np.bincount(form_row[token_form[hit]], minlength=len(forms)) > 0

    @staticmethod
    def _distinct_hits(codes: np.ndarray, where: np.ndarray, test) -> np.ndarray:
        """(tokens,) bool: ``test`` of each token's code where ``where``, run once per distinct code."""
        used = np.unique(codes[where])
        passed = np.zeros(int(codes.max(initial=-1)) + 1, dtype=bool)
        passed[used] = np.fromiter(map(test, used.tolist()), dtype=bool, count=len(used))
        return passed[codes]

    def _reaches(self, token: str, reach: "_Reach") -> bool:
        """Whether query ``token`` (or the listed pair it splits into) may reach ``reach``'s rows:
        spelled the same, sharing a look-up key (with a listed token long enough for a fuzzy pair),
        by its consonant skeleton, or as a word reaching an initial."""
        hit = reach.tokens.get(token)
        if hit is None:
            i = self.vocab.ids.get(token)
            keys = reach.keys if len(token) >= MIN_FUZZY_LEN else reach.long_keys
            hit = ((i is not None and bool(reach.ids[i]))
                   or not keys.isdisjoint(self.vocab.lookup_keys(token))
                   or any(reach.ids[j] for j in self.vocab.skeleton_ids(token))
                   or (len(token) > 1 and token[0] in reach.letters)
                   or (token in self.pairs and any(self._reaches(p, reach) for p in self.pairs[token][0])))
            if len(reach.tokens) < 1_000_000:  # bounded, as the vocabulary's own cache
                reach.tokens[token] = hit
        return hit

    def _reach_of(self, min_cover: tuple[float, float] | None, initials: int) -> "_Reach":
        reach = self._reach.get((min_cover, initials))
        if reach is None:
            rows = self._reached_rows(min_cover, initials)
            vocab, offset = len(self.vocab), self._exact_offset
            ids = rows[:vocab] | rows[offset:offset + vocab]
            live = np.flatnonzero(ids).tolist()
            keys = {i: self.vocab.lookup_keys(self.vocab.tokens[i]) for i in live}
            every_key = frozenset(k for ks in keys.values() for k in ks)
            # The listed words a joined pair may be to reach these rows: they, or within a look-up key.
            joined = frozenset(w for w in map(self.vocab.tokens.__getitem__, self.vocab.filed_under(every_key) | set(live))
                               if len(w) >= MIN_COMPOUND)
            reach = self._reach[(min_cover, initials)] = _Reach(
                ids, frozenset(map(chr, self.initial_letters[rows[vocab:offset]].tolist())), every_key,
                frozenset(k for i, ks in keys.items() if self.vocab.length[i] >= MIN_FUZZY_LEN for k in ks), joined,
                frozenset(w[:n] for w in joined for n in range(MIN_COMPOUND_PART, len(w) - MIN_COMPOUND_PART + 1)),
                {})
        return reach

    def _reached_rows(self, min_cover: tuple[float, float] | None, initials: int) -> np.ndarray:
        """(product rows,) bool: the rows one of which a query holding ``initials`` initials must
        reach for some name to be a candidate at ``min_cover`` (None, or _MOST_INITIALS: any row).

        Sorted by the most each can add (its share; an initial's, at ``INITIAL_SIM``), a name's
        rows from the first are needed as long as the rows after them could not, all together,
        add up to the cover the name needs beyond what the product leaves out: the name's
        left-out share, or for a query with initials (multiplied with the whole matrix) what
        each initial may add, at most the name's largest share."""
        product = self.blocking if initials == 0 else self.full_blocking
        if min_cover is None or initials >= _MOST_INITIALS:
            return np.diff(product.indptr) > 0
        by_name = product.T.tocsr()
        name = np.repeat(np.arange(by_name.shape[0]), np.diff(by_name.indptr))
        letter = (by_name.indices >= len(self.vocab)) & (by_name.indices < self._exact_offset)
        most = by_name.data.astype(np.float64) * np.where(letter, INITIAL_SIM, 1.0)
        order = np.lexsort((-most, name))
        most, row, name = most[order], by_name.indices[order], name[order]
        # Within each name: the sum of this row's most and the later rows'.
        after = np.append(np.cumsum(most[::-1])[::-1], 0.0)
        from_here = after[:-1] - after[by_name.indptr[1:]][name]
        left_out = (self.dropped_share if initials == 0
                    else INITIAL_SIM * initials * self.letter_share[:, _LETTERS])
        needed = from_here >= (self._need(min_cover) - left_out)[name] - _BOUND_SLACK
        rows = np.zeros(by_name.shape[1], dtype=bool)
        rows[row[needed]] = True
        return rows

    def _need(self, min_cover: tuple[float, float]) -> np.ndarray:
        """(names,) float32: the listed cover each name needs, strong or weak, less the rounding slack."""
        strong, weak = min_cover
        return np.where(self.name_weak, np.float32(weak), np.float32(strong)) - _ROUNDING

    def packed(self, memo: dict[int, bytes] | None = None) -> "NameIndex":
        """A copy for saving, whose entities and names unpickle one by one when read (see :mod:`.store`)."""
        copy = object.__new__(NameIndex)
        copy.__dict__.update(self.__dict__)
        copy.entities = Packed.of(self.entities, memo)
        copy.names = Packed.of(self.names)
        return copy

    def prepare(self, names: list[NormalizedName]) -> QueryBatch:
        return prepare(names, self.vocab)

    def candidates(self, batch: QueryBatch, min_cover: tuple[float, float], top_k: int | None = None) -> Candidates:
        """Pairs whose listed cover may reach ``min_cover`` (for strong names, for weak aliases).
        With ``top_k``, at most that many per query, those of the highest bound."""
        sims = self._query_matrix(batch)
        strong, weak = min_cover
        if len(batch) > _SMALL_PRODUCT:  # many pairs: one look-up table beats a where per pair
            table = self._need(min_cover)

            def need(names: np.ndarray) -> np.ndarray:
                return table[names]
        else:
            def need(names: np.ndarray) -> np.ndarray:
                return np.where(self.name_weak[names], np.float32(weak), np.float32(strong)) - _ROUNDING
        initials = batch.initial_count
        # Below SAFE_COVER (threshold 0: "show the best"), every query takes the whole matrix.
        is_plain = (initials == 0) & (min(min_cover) >= SAFE_COVER)
        plain, wide = np.flatnonzero(is_plain), np.flatnonzero(~is_plain)
        sim_at = SortedKeys(np.repeat(np.arange(len(batch), dtype=np.int64), np.diff(sims.indptr)) * sims.shape[1]
                            + sims.indices)
        query, name, bound = self._pairs(
            sims.take(plain), self.blocking, need, lambda q, n: self.dropped_share[n],
            lambda q, n: self._dropped_slack(sims, sim_at, plain[q], n))
        query = plain[query]
        if len(wide):
            letters = self._initial_letters(batch, wide)
            wq, wn, wb = self._pairs(
                sims.take(wide), self.full_blocking, need, lambda q, n: INITIAL_SIM * initials[wide[q]],
                lambda q, n: self._initial_slack(letters, q, n))
            query, name, bound = (np.concatenate([query, wide[wq]]), np.concatenate([name, wn]),
                                  np.concatenate([bound, wb]))
        if top_k is not None and len(query) and np.bincount(query).max() > top_k:
            order = np.lexsort((-bound, query))
            query, name, bound = query[order], name[order], bound[order]
            first = np.searchsorted(query, query, side="left")
            rank = np.arange(len(query)) - first
            keep = rank < top_k
            query, name, bound = query[keep], name[keep], bound[keep]
        return Candidates(query.astype(np.int32), name, bound)

    @staticmethod
    def _pairs(sims: "QueryMatrix", blocking: sp.csr_matrix, need, most, slack) -> tuple[np.ndarray, ...]:
        """(query row of ``sims``, name, listed-cover bound) of the pairs in ``sims @ blocking`` whose
        product plus ``slack(query, name)`` (what the product leaves out, at most ``most(query, name)``)
        reaches ``need(name)``."""
        query, name, value = _product(sims, blocking)
        near = value + most(query, name) >= need(name)  # the exact slack only where it can matter
        query, name, value = query[near], name[near].astype(np.int32), value[near]
        bound = value + slack(query, name)
        keep = bound >= need(name)
        return query[keep], name[keep], np.minimum(bound[keep], 1.0).astype(np.float32)

    def _dropped_slack(self, sims: "QueryMatrix", sim_at: SortedKeys, query: np.ndarray,
                       name: np.ndarray) -> np.ndarray:
        """The share of each name's left-out tokens that each query reaches, at its similarity
        (``sim_at``: the keys row * columns + column of the entries of ``sims``)."""
        pair, pos = _expand(self.left_out.indptr, name)
        found = sim_at.positions(query[pair].astype(np.int64) * sims.shape[1] + self.left_out.indices[pos])
        reached = np.where(found >= 0, sims.data[found], np.float32(0))
        return np.bincount(pair, weights=self.left_out.data[pos] * reached, minlength=len(name)).astype(np.float32)

    def _initial_slack(self, letters: np.ndarray, query: np.ndarray, name: np.ndarray) -> np.ndarray:
        """What the initials of each query (columns of ``letter_share``) may add to each name's cover."""
        flat, width = self.letter_share.ravel(), self.letter_share.shape[1]
        base = name.astype(np.int64) * width
        total = np.zeros(len(name), dtype=np.float32)
        for column in letters.T:  # one column per initial: few
            total += flat.take(base + column[query])
        return np.where(self.name_weak[name], np.float32(0), INITIAL_SIM * total)

    @staticmethod
    def _initial_letters(batch: QueryBatch, queries: np.ndarray) -> np.ndarray:
        """(queries x most initials) int: the ``letter_share`` column of each query's initials
        (a-z, then any other letter), padded with the column of zeros."""
        tok = batch.token_ids[queries]
        is_initial = (tok >= 0) & (batch.token_len[np.maximum(tok, 0)] == 1)
        letter = batch.token_first[np.maximum(tok, 0)] - ord("a")
        letter = np.where((letter >= 0) & (letter < _LETTERS), letter, _LETTERS)
        # Initials first in each row, so the columns can be cut to the most any query holds.
        order = np.argsort(~is_initial, axis=1, kind="stable")
        letter = np.where(np.take_along_axis(is_initial, order, axis=1), np.take_along_axis(letter, order, axis=1),
                          _LETTERS + 1)
        return letter[:, :max(int(is_initial.sum(axis=1).max(initial=0)), 1)]

    def _query_matrix(self, batch: QueryBatch) -> "QueryMatrix":
        """(queries x product rows): each query's best similarity to each listed token, its initials' letters
        and, where spelled the same, the token's exact row."""
        q_rows, positions = np.nonzero(batch.token_ids >= 0)
        tok = batch.token_ids[q_rows, positions]
        starts = np.searchsorted(batch.match_token, tok, side="left")
        ends = np.searchsorted(batch.match_token, tok, side="right")
        counts = ends - starts
        rows = np.repeat(q_rows, counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        idx = np.repeat(starts, counts) + offsets
        cols = batch.match_vocab[idx]
        vals = batch.match_sim[idx]
        # Every query word of two letters or more reaches the initials of its first letter.
        word = batch.token_len[tok] > 1
        letter = batch.token_first[tok[word]]
        pos = np.minimum(np.searchsorted(self.initial_letters, letter), max(len(self.initial_letters) - 1, 0))
        has = (self.initial_letters[pos] == letter) if len(self.initial_letters) else np.zeros(len(letter), bool)
        exact = vals >= 1
        rows = np.concatenate([rows, q_rows[word][has], rows[exact]])
        cols = np.concatenate([cols, len(self.vocab) + pos[has], self._exact_offset + cols[exact]])
        vals = np.concatenate([vals, np.full(int(has.sum()), INITIAL_SIM, dtype=np.float32), vals[exact]])
        width = self.blocking.shape[0]
        # Several query tokens may match one listed token: keep the best, not the sum.
        key = rows.astype(np.int64) * width + cols
        order = np.lexsort((-vals, key))
        key, rows, cols, vals = key[order], rows[order], cols[order], vals[order]
        first = np.ones(len(key), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        # Sorted by (row, column) already: laid out as CSR directly, no COO conversion.
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[first], minlength=len(batch)))])
        return QueryMatrix(vals[first].astype(np.float32), cols[first], indptr, (len(batch), width))


@dataclass(frozen=True, slots=True)
class QueryMatrix:
    """A (queries x product rows) CSR matrix as its arrays: a single lookup makes several, and
    scipy's set-up of each would cost more than the lookup's arithmetic."""

    data: np.ndarray  # float32
    indices: np.ndarray  # column of each entry, ascending within a row
    indptr: np.ndarray
    shape: tuple[int, int]

    def take(self, rows: np.ndarray) -> "QueryMatrix":
        """The matrix of ``rows`` (in that order)."""
        if len(rows) == self.shape[0]:  # every row: a single lookup's usual case
            return self
        _, pos = _expand(self.indptr, rows)
        indptr = np.concatenate([[0], np.cumsum(self.indptr[rows + 1] - self.indptr[rows])])
        return QueryMatrix(self.data[pos], self.indices[pos], indptr, (len(rows), self.shape[1]))


def _expand(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For CSR rows ``rows``: (which of ``rows``, position in the CSR arrays) of each of their entries."""
    starts, counts = indptr[rows], indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(len(rows)), counts)
    return owner, np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())


# Up to this many queries, the product is summed in numpy: scipy's set-up costs more than a single
# lookup's whole product.
_SMALL_PRODUCT = 8


def _product(sims: "QueryMatrix", blocking: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The non-zero entries of ``sims @ blocking`` as (row, column, value) arrays."""
    if sims.shape[0] > _SMALL_PRODUCT:
        # The sparse product has no duplicate entries; its column order within a row does not matter.
        product = (sp.csr_matrix((sims.data, sims.indices, sims.indptr), shape=sims.shape) @ blocking).tocsr()
        return np.repeat(np.arange(product.shape[0]), np.diff(product.indptr)), product.indices, product.data
    entry, pos = _expand(blocking.indptr, sims.indices)
    query = np.repeat(np.arange(sims.shape[0]), np.diff(sims.indptr))[entry]
    keys, group = np.unique(query.astype(np.int64) * blocking.shape[1] + blocking.indices[pos], return_inverse=True)
    value = np.bincount(group, weights=blocking.data[pos] * sims.data[entry], minlength=len(keys))
    return keys // blocking.shape[1], (keys % blocking.shape[1]).astype(np.int32), value.astype(np.float32)
