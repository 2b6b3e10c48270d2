"""Screen a batch of query rows against the index: candidates -> name scores -> factors -> top results.

Everything is computed on arrays for the whole batch. A row may have several name
forms (pinyin and Wade-Giles spellings, see :func:`screening.normalize.name_forms`);
identical forms in a batch are searched and name-scored once, then fanned out to their
rows, where the best form per entity counts and the per-row factors (schema, country,
birth date, identifiers) apply. ``match`` (one name) and ``screen``
(a DataFrame) both run through :func:`search`, then :func:`screen_batch`; between the
two, a screen reads the attributes of the rows that have candidates or identifiers only.

Candidates come from two paths: the names (listed names sharing enough of the query's
words) and the identifiers (entities listing an identifier the row gives, whatever their
names). An identifier pair belongs to its row only, so a row's results never depend on
the other rows of its batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from screening.index.attributes import Ragged
from screening.index.name_index import SAFE_COVER, Candidates, NameIndex
from screening.index.query import QueryBatch
from screening.normalize import NormalizedName
from screening.normalize.forms import describe_form
from screening.scoring import factors
from screening.scoring.explain import Explanation, TokenPair
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
    attrs: QueryAttributes | None = None

    def __len__(self) -> int:
        return len(self.row)

    def explain(self, i: int, index: NameIndex, query: str) -> Explanation:
        """The explanation of result ``i`` (``query``: the row's name as given)."""
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
        if self.attrs is not None:
            values, tolerance = self.attrs.values[int(self.row[i])], self.attrs.birth_date_tolerance
        else:
            values, tolerance = factors.QueryValues(), factors.DOB_TOLERANCE_YEARS
        details = factors.factor_details(entity, values, self.effects.by_name(i), tolerance)
        q_form = tuple(q_tokens)
        l_form = tuple(index.vocab.tokens[v] for v in index.name_tokens[name_row] if v >= 0)
        return Explanation(
            query=query, listed_name=entity.name, matched_name=name.value, name_kind=name.kind.value,
            name_quality=name.quality.value, tokens=tuple(pairs), unmatched_query=unmatched,
            listed_cover=round(float(self.scores.listed_cover[k]), 4),
            query_cover=round(float(self.scores.query_cover[k]), 4),
            name_score=round(float(self.scores.score[k]), 2), factors=details,
            score=round(float(self.score[i]), 2), entity_id=entity.entity_id,
            query_form=" ".join(q_form), transliteration=describe_form(query, q_form),
            listed_form=" ".join(l_form), listed_transliteration=describe_form(name.value, l_form))


@dataclass(frozen=True, slots=True)
class Search:
    """The name candidates of a batch of query rows, found before the rows' attributes are read:
    a row with neither candidates nor identifiers has no result, so its attributes are never needed."""

    batch: QueryBatch  # the distinct query forms
    candidates: Candidates
    unit_row: np.ndarray  # int64: the query row of each (row, form) unit
    unit_query: np.ndarray  # int64: the distinct form (row of ``batch``) of each unit
    rows: int

    def has_candidates(self) -> np.ndarray:
        """(rows,) bool: whether any form of each row has a candidate name."""
        hit = np.zeros(len(self.batch), dtype=bool)
        hit[self.candidates.query] = True
        return np.bincount(self.unit_row[hit[self.unit_query]], minlength=self.rows) > 0

    def take(self, rows: np.ndarray) -> "Search":
        """The search of ``rows`` (ascending positions) alone, as rows 0, 1, ..."""
        if len(rows) == self.rows:
            return self
        renumber = np.full(self.rows, -1, dtype=np.int64)
        renumber[rows] = np.arange(len(rows))
        kept = renumber[self.unit_row] >= 0
        return Search(self.batch, self.candidates, renumber[self.unit_row[kept]], self.unit_query[kept], len(rows))


def search(index: NameIndex, forms: list[tuple[NormalizedName, ...]], threshold: float, limit: int,
           always: np.ndarray | None = None) -> Search:
    """The name candidates of query rows, each given by its name forms, for results at ``threshold``
    (at most ``limit`` per row). Against a restricted view (a delta screen), only the rows that may
    reach its names (:meth:`NameIndex.reachable`) are searched, and those ``always`` marks: the
    others get no unit."""
    reach = index.reachable(forms, _min_cover(threshold))
    searched = (np.arange(len(forms), dtype=np.int64) if reach is None
                else np.flatnonzero(reach if always is None else reach | always))
    # Every (row, form) is a unit, and so is each form with words joined or split as the lists write
    # them (see NameIndex.respaced), after the row's forms: a row's units are contiguous. Units with
    # the same tokens and classes are searched and scored once. Same tokens with other classes weigh
    # differently (a place or a name word), so both key a form.
    given = [form for i in searched.tolist() for form in forms[i]]
    given_row = np.repeat(searched, [len(forms[i]) for i in searched.tolist()])
    respaced = [(i, v) for i, form in enumerate(given) for v in index.respaced(form)]
    every = given + [v for _, v in respaced]
    every_row = np.concatenate([given_row, given_row[np.array([i for i, _ in respaced], dtype=np.int64)]])
    order = np.argsort(every_row, kind="stable")
    units = [every[i] for i in order.tolist()]
    unit_row = every_row[order]
    distinct: dict[tuple[tuple[str, ...], tuple], int] = {}
    unit_query = np.fromiter((distinct.setdefault((f.tokens, f.classes), len(distinct)) for f in units),
                             dtype=np.int64, count=len(units))
    firsts = [units[i] for i in np.unique(unit_query, return_index=True)[1].tolist()]
    batch = index.prepare(firsts)
    return Search(batch, alert_candidates(index, batch, threshold, limit), unit_row, unit_query, len(forms))


def screen_batch(index: NameIndex, found: Search, attrs: QueryAttributes, limit: int,
                 threshold: float) -> BatchResult:
    """Score the rows of a :func:`search` (with their ``attrs``, one per row); keep, per row, the best
    ``limit`` entities scoring at least ``threshold``."""
    batch, cands, unit_row, unit_query = found.batch, found.candidates, found.unit_row, found.unit_query
    n_name_pairs = len(cands.query)
    # Identifier path: (row, distinct query, name) of the entities listing an identifier the row gives.
    id_row, id_query, id_name = _identifier_pairs(index, attrs, unit_row, unit_query)
    if len(id_row):
        cands = Candidates(np.concatenate([cands.query, id_query.astype(np.int32)]),
                           np.concatenate([cands.name, id_name.astype(np.int32)]),
                           np.concatenate([cands.cover_bound, np.ones(len(id_row), dtype=np.float32)]))
    scores = score_pairs(index, batch, cands.query, cands.name)

    # Name path. Best name per (distinct query, entity).
    name_pairs = np.arange(n_name_pairs)
    entity = index.name_entity[cands.name[name_pairs]]
    best = _first_per_group(cands.query[name_pairs], entity, scores.score[name_pairs], cands.name[name_pairs])

    # Fan out to units, then rows: each unit takes the pairs of its distinct query.
    best = best[np.argsort(cands.query[best], kind="stable")]
    per_query = np.bincount(cands.query[best], minlength=len(batch)).astype(np.int64)
    fan = Ragged(np.concatenate([[0], np.cumsum(per_query)]), best)
    unit, pair = fan.expand(unit_query)
    row = unit_row[unit]
    if len(id_row):  # identifier pairs join their own rows only
        row = np.concatenate([row, id_row])
        pair = np.concatenate([pair, n_name_pairs + np.arange(len(id_row))])
    ent = index.name_entity[cands.name[pair]]

    ok = factors.schema_compatible(index.attributes, attrs, row, ent)
    row, pair, ent = row[ok], pair[ok], ent[ok]
    # Best form per (row, entity), by name score: the factors are the same for every form.
    keep = _first_per_group(row, ent, scores.score[pair], cands.name[pair])
    row, pair, ent = row[keep], pair[keep], ent[keep]
    name_score = scores.score[pair]
    effects = factors.effects(index.attributes, attrs, row, ent, name_score)
    final = np.clip(name_score + effects.total, 0, 100).astype(np.float32)

    keep = final >= threshold if threshold > 0 else np.ones(len(final), dtype=bool)
    order = np.lexsort((-final[keep], row[keep]))
    idx = np.flatnonzero(keep)[order]
    rows_sorted = row[idx]
    rank = np.arange(len(idx)) - np.searchsorted(rows_sorted, rows_sorted, side="left")
    idx = idx[rank < limit]

    return BatchResult(
        row=row[idx], entity=ent[idx], name=cands.name[pair[idx]], score=final[idx],
        name_score=name_score[idx], effects=effects.take(idx),
        pair=pair[idx], scores=scores, candidates=cands, batch=batch, attrs=attrs)


def alert_candidates(index: NameIndex, batch: QueryBatch, threshold: float, limit: int = 10,
                     top_k: int | None = MAX_CANDIDATES) -> Candidates:
    """The (query, listed name) pairs worth scoring for alerts at ``threshold``: every pair whose
    name score could reach it once the factors add their most (recall-safe, see
    :mod:`screening.index.name_index`), at most ``top_k`` per query. With threshold 0, the best
    few per requested result."""
    min_cover = _min_cover(threshold)
    if min_cover is not None:
        return index.candidates(batch, min_cover, top_k=top_k)
    return index.candidates(batch, (0.0, 0.0), top_k=max(limit, 1) * CANDIDATES_PER_RESULT)


def _min_cover(threshold: float) -> tuple[float, float] | None:
    """The listed cover (of a strong name, of a weak alias) a pair needs to alert at ``threshold``;
    None for threshold 0, the best names whatever their score."""
    if threshold > 0:
        strong, weak = (max(c, SAFE_COVER) for c in listed_cover_needed(threshold - factors.MAX_BOOST))
        return strong, weak
    return None


def _identifier_pairs(index: NameIndex, attrs: QueryAttributes, unit_row: np.ndarray,
                      unit_query: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, distinct query, name row) for every form of every row and every name (in this index,
    which may be a restricted view) of every entity listing one of the row's identifiers."""
    empty = np.zeros(0, dtype=np.int64)
    codes = attrs.ids.values
    if not len(codes) or not (codes >= 0).any():
        return empty, empty, empty
    rows_with = np.flatnonzero(attrs.ids.count(np.arange(len(attrs.schema))) > 0)
    owner, code = attrs.ids.expand(rows_with)
    listed = code >= 0
    row, code = rows_with[owner[listed]], code[listed].astype(np.int64)
    owners = index.attributes.id_owners
    o2, ent = owners.expand(code)
    row = row[o2]
    # One pair per (row, entity), whichever identifiers led there.
    key = np.unique(row * len(index.attributes.schema) + ent)
    row, ent = key // len(index.attributes.schema), key % len(index.attributes.schema)
    # The entity's names: index rows are grouped by entity, in entity order.
    starts = np.searchsorted(index.name_entity, ent, side="left")
    ends = np.searchsorted(index.name_entity, ent, side="right")
    # Expand each (row, entity) pair to its name rows starts..ends.
    counts = ends - starts
    pair_of_name = np.repeat(np.arange(len(row)), counts)
    name = np.repeat(starts, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    # Each row's units (its forms): units are appended row by row, so a row's units are contiguous.
    per_row = np.bincount(unit_row, minlength=len(attrs.schema))
    unit_starts = np.concatenate([[0], np.cumsum(per_row)])
    u_counts = per_row[row[pair_of_name]]
    n_of = np.repeat(np.arange(len(name)), u_counts)
    unit = (np.repeat(unit_starts[row[pair_of_name]], u_counts) + np.arange(u_counts.sum())
            - np.repeat(np.cumsum(u_counts) - u_counts, u_counts))
    return row[pair_of_name][n_of], unit_query[unit], name[n_of]


def _first_per_group(group: np.ndarray, key: np.ndarray, score: np.ndarray, tie: np.ndarray) -> np.ndarray:
    """Positions of the best-scoring element of each (group, key); among equal scores, the lowest ``tie``
    (a name row: the entity's primary name first), so the choice never depends on the order of the input."""
    order = np.lexsort((tie, -score, group.astype(np.int64) * (int(key.max(initial=0)) + 1) + key))
    g, k = group[order], key[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (g[1:] != g[:-1]) | (k[1:] != k[:-1])
    return order[first]
