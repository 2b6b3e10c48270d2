"""Screen a batch of query rows against the index: candidates -> name scores -> factors -> top results.

Everything is computed on arrays for the whole batch. A row may have several name
forms (pinyin and Wade-Giles spellings, see :func:`screening.normalize.name_forms`);
identical forms in a batch are searched and name-scored once, then fanned out to their
rows, where the best form per entity counts and the per-row factors (schema, country,
birth date) apply. ``match`` (one name) and ``screen``
(a DataFrame) both run through :func:`screen_batch`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from screening.index.attributes import Ragged
from screening.index.name_index import SAFE_COVER, Candidates, NameIndex
from screening.index.query import QueryBatch
from screening.normalize import NormalizedName
from screening.scoring import factors
from screening.scoring.explain import Explanation, Factor, TokenPair
from screening.scoring.factors import FactorEffects, QueryAttributes
from screening.scoring.names import NameScores, listed_cover_needed, score_pairs

# With a threshold, at most this many listed names per distinct query go to exact
# scoring (a cap against pathological queries; far above any real name's candidates).
MAX_CANDIDATES = 400
# With threshold 0 ("show me the best"), candidates per requested result.
CANDIDATES_PER_RESULT = 8


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Results for a batch: one entry per (query row, entity), best first within each row."""

    row: np.ndarray  # int64 query row in the batch
    entity: np.ndarray  # int32 entity position in the index
    name: np.ndarray  # int32 name row in the index (the alias form that matched)
    score: np.ndarray  # float32 final score 0..100
    name_score: np.ndarray  # float32 name-only score
    effects: FactorEffects
    pair: np.ndarray  # position in ``scores`` of the (distinct query form, name) pair
    scores: NameScores
    candidates: Candidates
    batch: QueryBatch

    def __len__(self) -> int:
        return len(self.row)

    def explain(self, i: int, index: NameIndex, query: str) -> Explanation:
        """The explanation of result ``i``."""
        k = int(self.pair[i])
        name_row = int(self.name[i])
        q_tokens = self.batch.names[int(self.candidates.query[k])].tokens
        partner = self.scores.partner[k]
        pairs = []
        for pos, vid in enumerate(index.name_tokens[name_row]):
            if vid < 0:
                break
            a = int(partner[pos])
            pairs.append(TokenPair(index.vocab.tokens[vid], q_tokens[a] if a >= 0 else None,
                                   round(float(self.scores.token_sim[k, pos]), 3),
                                   round(float(index.name_weights[name_row, pos]), 3)))
        used = {int(a) for a in partner if a >= 0}
        unmatched = tuple(t for a, t in enumerate(q_tokens) if a not in used)
        name = index.names[name_row]
        entity = index.entities[int(self.entity[i])]
        effects = []
        for label, points in (("country", self.effects.country[i]), ("birth date", self.effects.birth_date[i])):
            if points:
                detail = "agrees with the listing" if points > 0 else "conflicts with the listing"
                effects.append(Factor(label, float(points), detail))
        return Explanation(
            query=query, listed_name=entity.name, matched_name=name.value, name_kind=name.kind.value,
            name_quality=name.quality.value, tokens=tuple(pairs), unmatched_query=unmatched,
            listed_cover=round(float(self.scores.listed_cover[k]), 4),
            query_cover=round(float(self.scores.query_cover[k]), 4),
            name_score=round(float(self.scores.score[k]), 2), factors=tuple(effects),
            score=round(float(self.score[i]), 2))


def screen_batch(index: NameIndex, forms: list[tuple[NormalizedName, ...]], attrs: QueryAttributes,
                 limit: int, threshold: float) -> BatchResult:
    """Screen query rows, each given by its name forms (with per-row ``attrs``); keep, per row,
    the best ``limit`` entities scoring at least ``threshold``."""
    # Every (row, form) is a unit; units with the same tokens are searched and scored once.
    distinct: dict[tuple[str, ...], int] = {}
    firsts: list[NormalizedName] = []
    unit_row, unit_query = [], []
    for r, row_forms in enumerate(forms):
        for form in row_forms:
            q = distinct.setdefault(form.tokens, len(distinct))
            if q == len(firsts):
                firsts.append(form)
            unit_row.append(r)
            unit_query.append(q)
    batch = index.prepare(firsts)

    if threshold > 0:
        min_cover = tuple(max(c, SAFE_COVER) for c in listed_cover_needed(threshold - factors.MAX_BOOST))
        # An initial's pairing is not in the candidate product's bound; search those queries wider.
        cands = index.candidates(batch, min_cover, top_k=MAX_CANDIDATES, wide=batch.has_initial)
    else:
        cands = index.candidates(batch, (0.0, 0.0), top_k=max(limit, 1) * CANDIDATES_PER_RESULT)
    scores = score_pairs(index, batch, cands.query, cands.name)

    # Best name per (distinct query, entity).
    entity = index.name_entity[cands.name]
    best = _first_per_group(cands.query, entity, scores.score)

    # Fan out to units, then rows: each unit takes the pairs of its distinct query.
    best = best[np.argsort(cands.query[best], kind="stable")]
    per_query = np.bincount(cands.query[best], minlength=len(distinct)).astype(np.int64)
    fan = Ragged(np.concatenate([[0], np.cumsum(per_query)]), best)
    unit, pair = fan.expand(np.asarray(unit_query, dtype=np.int64))
    row = np.asarray(unit_row, dtype=np.int64)[unit]
    ent = index.name_entity[cands.name[pair]]

    ok = factors.schema_compatible(index.attributes, attrs, row, ent)
    row, pair, ent = row[ok], pair[ok], ent[ok]
    # Best form per (row, entity), by name score: the factors are the same for every form.
    keep = _first_per_group(row, ent, scores.score[pair])
    row, pair, ent = row[keep], pair[keep], ent[keep]
    effects = factors.effects(index.attributes, attrs, row, ent)
    name_score = scores.score[pair]
    final = np.clip(name_score + effects.total, 0, 100).astype(np.float32)

    keep = final >= threshold if threshold > 0 else np.ones(len(final), dtype=bool)
    order = np.lexsort((-final[keep], row[keep]))
    idx = np.flatnonzero(keep)[order]
    rows_sorted = row[idx]
    rank = np.arange(len(idx)) - np.searchsorted(rows_sorted, rows_sorted, side="left")
    idx = idx[rank < limit]

    return BatchResult(
        row=row[idx], entity=ent[idx], name=cands.name[pair[idx]], score=final[idx],
        name_score=name_score[idx],
        effects=FactorEffects(effects.country[idx], effects.birth_date[idx]),
        pair=pair[idx], scores=scores, candidates=cands, batch=batch)


def _first_per_group(group: np.ndarray, key: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Positions of the best-scoring element of each (group, key)."""
    order = np.lexsort((-score, key, group))
    g, k = group[order], key[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (g[1:] != g[:-1]) | (k[1:] != k[:-1])
    return order[first]
