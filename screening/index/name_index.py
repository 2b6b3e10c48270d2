"""The compiled index of listed names: columnar arrays built once, searched in batches.

Each row is one distinct name variant of one entity (primary name or alias). The
candidate stage multiplies a sparse (queries x vocabulary) matrix of token
similarities with a sparse (vocabulary x names) matrix of token weight shares. The
product is, for every pair that shares a token, the weighted share of the listed
name that the query covers ("listed cover").

Very common tokens (legal forms, and words in many entities) are left out of that
product to keep it sparse, and each name's left-out share is added back as an upper
bound. A name whose common tokens alone could reach ``SAFE_COVER`` keeps them in the
product. Hence every pair whose true listed cover is at least ``SAFE_COVER`` (and
at least the caller's ``min_cover``) is returned: the stage is recall-safe by
construction for those thresholds, not by sampling.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from screening.index.attributes import EntityAttributes
from screening.index.query import MAX_TOKENS, QueryBatch, prepare
from screening.index.store import Packed
from screening.index.vocabulary import INITIAL_SIM, Vocabulary
from screening.model import Entity, IdType, Name, NameKind, NameQuality, Schema
from screening.normalize import NormalizedName, TokenClass, ccc, name_forms

# Names whose common tokens could alone reach this listed cover keep those tokens
# in the candidate product (see the module doc).
SAFE_COVER = 0.3
# A token in more entities than this (or a legal form, place or industry word) is "common".
COMMON_DF_FRACTION = 0.002
COMMON_DF_MIN = 40
# A query's adjacent words are joined into a listed word only when both and the whole are this long.
MIN_COMPOUND_PART, MIN_COMPOUND = 3, 7
# float32 slack so that moving the common share across the comparison never drops a pair.
_ROUNDING = np.float32(1e-6)


@dataclass(frozen=True, slots=True)
class Candidates:
    """Query/name pairs from the candidate stage, with the listed-cover upper bound."""

    query: np.ndarray  # int32 row in the batch
    name: np.ndarray  # int32 row in the index
    cover_bound: np.ndarray  # float32


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
        self._build_blocking(valid)

    def _build_blocking(self, valid: np.ndarray) -> None:
        n_names, width = self.name_tokens.shape
        total = self.name_weights.sum(axis=1, keepdims=True)
        share = np.divide(self.name_weights, total, out=np.zeros_like(self.name_weights), where=total > 0)
        common_df = max(COMMON_DF_MIN, int(COMMON_DF_FRACTION * self.vocab.n_docs))
        tok = np.maximum(self.name_tokens, 0)
        common = valid & ((self.vocab.df[tok] > common_df) | (self.name_classes != TokenClass.WORD))
        common_share = np.where(common, share, 0).sum(axis=1)
        # Names that common tokens could carry past SAFE_COVER index every token.
        keep_all = common_share >= SAFE_COVER
        blocking = valid & (~common | keep_all[:, None])
        self.common_share = np.where(keep_all, 0, common_share).astype(np.float32)
        rows = np.repeat(np.arange(n_names), width).reshape(n_names, width)
        # An initial (a one-letter listed token) pairs with any query word starting with its
        # letter: it is filed again in a row of its letter, after the vocabulary's rows, which
        # the query matrix fills from the first letter of every query word.
        initial = blocking & (self.vocab.length[tok] == 1)
        letter = self.vocab.first[tok[initial]]
        self.initial_letters = np.unique(letter)
        self.blocking = sp.csr_matrix(
            (np.concatenate([share[blocking], share[initial]]),
             (np.concatenate([self.name_tokens[blocking],
                              len(self.vocab) + np.searchsorted(self.initial_letters, letter)]),
              np.concatenate([rows[blocking], rows[initial]]))),
            shape=(len(self.vocab) + len(self.initial_letters), n_names), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.names)

    def compound(self, form: NormalizedName) -> NormalizedName | None:
        """``form`` with two adjacent name words joined where the lists write them as one word
        ("Net Posa" -> netposa), or None. Both words need three letters or more and the word
        seven, so initials and the syllables of Chinese or Korean names do not fuse."""
        tokens, classes = form.tokens, form.classes
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            if (min(len(a), len(b)) >= MIN_COMPOUND_PART and len(a) + len(b) >= MIN_COMPOUND
                    and classes[i] is classes[i + 1] is TokenClass.WORD and a + b in self.vocab.ids):
                return NormalizedName(form.original, tokens[:i] + (a + b,) + tokens[i + 2:],
                                      classes[:i] + (TokenClass.WORD,) + classes[i + 2:])
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
        for attr in ("name_entity", "name_weak", "name_tokens", "name_weights", "name_classes", "common_share"):
            setattr(view, attr, getattr(self, attr)[rows])
        view.blocking = self.blocking[:, rows]
        return view

    def packed(self, memo: dict[int, bytes] | None = None) -> "NameIndex":
        """A copy for saving, whose entities and names unpickle one by one when read (see :mod:`.store`)."""
        copy = object.__new__(NameIndex)
        copy.__dict__.update(self.__dict__)
        copy.entities = Packed.of(self.entities, memo)
        copy.names = Packed.of(self.names)
        return copy

    def prepare(self, names: list[NormalizedName]) -> QueryBatch:
        return prepare(names, self.vocab)

    def candidates(self, batch: QueryBatch, min_cover: tuple[float, float], top_k: int | None = None,
                   wide: np.ndarray | None = None) -> Candidates:
        """Pairs whose listed cover may reach ``min_cover`` (for strong names, for weak aliases);
        queries flagged ``wide`` need only SAFE_COVER. With ``top_k``, at most that many per query."""
        sims = self._query_matrix(batch)
        # The sparse product has no duplicate entries; its column order within a row does not matter.
        product = (sims @ self.blocking).tocsr()
        # Compare the product with each name's own need (its common share is added back as
        # the bound), so the filter is one gather and one comparison over the product.
        strong, weak = min_cover
        need = np.where(self.name_weak, weak, strong).astype(np.float32) - self.common_share - _ROUNDING
        keep = product.data >= need[product.indices]
        if wide is not None and wide.any():
            counts = np.diff(product.indptr)
            wide_need = np.float32(SAFE_COVER) - self.common_share - _ROUNDING
            keep |= np.repeat(wide, counts) & (product.data >= wide_need[product.indices])
        pos = np.flatnonzero(keep)
        query = (np.searchsorted(product.indptr, pos, side="right") - 1).astype(np.int32)
        name = product.indices[pos].astype(np.int32)
        bound = np.minimum(product.data[pos] + self.common_share[name], 1.0).astype(np.float32)
        if top_k is not None and len(query) and np.bincount(query).max() > top_k:
            order = np.lexsort((-bound, query))
            query, name, bound = query[order], name[order], bound[order]
            first = np.searchsorted(query, query, side="left")
            rank = np.arange(len(query)) - first
            keep = rank < top_k
            query, name, bound = query[keep], name[keep], bound[keep]
        return Candidates(query, name, bound)

    def _query_matrix(self, batch: QueryBatch) -> sp.csr_matrix:
        """(queries x vocabulary and initials): each query's best similarity to each listed token."""
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
        rows = np.concatenate([rows, q_rows[word][has]])
        cols = np.concatenate([cols, len(self.vocab) + pos[has]])
        vals = np.concatenate([vals, np.full(int(has.sum()), INITIAL_SIM, dtype=np.float32)])
        width = self.blocking.shape[0]
        # Several query tokens may match one listed token: keep the best, not the sum.
        key = rows.astype(np.int64) * width + cols
        order = np.lexsort((-vals, key))
        key, rows, cols, vals = key[order], rows[order], cols[order], vals[order]
        first = np.ones(len(key), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        return sp.csr_matrix((vals[first], (rows[first], cols[first])),
                             shape=(len(batch), width), dtype=np.float32)
