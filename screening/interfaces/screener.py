"""The Python API: a Screener built once from lists, then ``match`` (one name) and ``screen`` (a DataFrame)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from screening.countries import to_iso2
from screening.index.attributes import SCHEMA_CODE
from screening.index import store
from screening.index.name_index import NameIndex
from screening.index.store import Packed
from screening.interfaces.parallel import map_ordered
from screening.model import DateOfBirth, Entity, EntityList, Schema
from screening.normalize import NormalizedName, name_forms
from screening.scoring.batch import BatchResult, screen_batch
from screening.scoring.explain import Explanation
from screening.scoring.factors import QueryAttributes
from screening.sources import default_lists, snapshots
from screening.sources import sources as registered_sources
from screening.sources.diff import ListDiff
from screening.sources.curated import curated_aliases, with_curated_aliases

DEFAULT_THRESHOLD = 80.0
"""Scores at or above this alert. 100 = the same name; 80 = the listed name's distinctive
words are all present with small differences; below ~70 usually another party."""

try:
    _VERSION = version("screening")
except PackageNotFoundError:  # running from a source tree that was never installed
    _VERSION = "source"

RESULT_COLUMNS = ["row", "entity_id", "source", "listed_name", "matched_name", "name_kind", "score",
                  "name_score", "programs", "schema", "list_snapshot"]


class ScreeningInputError(ValueError):
    """The caller's input cannot be screened as given (e.g. a named column is missing)."""


@dataclass(frozen=True)
class Match:
    """One listed entity that matched a query, with its score and the reason for it."""

    entity: Entity
    score: float
    matched_name: str
    name_kind: str
    name_score: float
    _explain: "callable" = field(repr=False, compare=False)

    @property
    def entity_id(self) -> str:
        return self.entity.entity_id

    @property
    def listed_name(self) -> str:
        return self.entity.name

    @property
    def source(self) -> str:
        return self.entity.source

    @property
    def programs(self) -> tuple[str, ...]:
        return self.entity.programs

    def explain(self) -> Explanation:
        """Why this matched: the alias, the aligned name parts, and every score adjustment.

        ``print(match.explain())`` reads as text; ``match.explain().to_dict()`` is data.
        """
        return self._explain()


class Screener:
    """Screens names against sanctions lists.

    >>> screener = Screener()                     # the bundled starter list
    >>> hits = screener.match("Megvii Tech Ltd", schema="Organization", country="CN")
    >>> hits[0].entity_id, hits[0].score >= DEFAULT_THRESHOLD
    ('ofac-cons:33091', True)
    """

    def __init__(self, lists: Iterable[EntityList] | None = None, curated: bool = True):
        """Build the index of ``lists`` (default: the bundled starter list).

        With ``curated`` (the default), the bundled table of Chinese names
        (``lists/chinese_names.csv``) adds its aliases to the entities it names, with
        their provenance; ``curated=False`` screens the lists exactly as published.
        """
        self.lists: tuple[EntityList, ...] = tuple(default_lists() if lists is None else lists)
        if curated:
            table = curated_aliases()
            self.lists = tuple(with_curated_aliases(lst, table) for lst in self.lists)
        entities: dict[str, Entity] = {}
        for lst in self.lists:
            for entity in lst:
                entities.setdefault(entity.entity_id, entity)  # a list loaded twice counts once
        self.index = NameIndex(list(entities.values()))

    @classmethod
    def from_snapshots(cls, sources: Iterable[str] | None = None, store: str | Path | None = None,
                       curated: bool = True) -> "Screener":
        """A Screener on the current snapshots of ``sources`` (see ``screening lists update``).

        Without ``sources``, every source that has a current snapshot in the store; with none
        there, the bundled default lists. A source without a snapshot falls back to its
        bundled copy where it has one, else raises with how to download it.

        >>> screener = Screener.from_snapshots(["ofac-sdn", "un"])   # doctest: +SKIP
        """
        if sources is None:
            sources = [key for key in registered_sources() if snapshots.current(key, store) is not None]
            if not sources:
                return cls(curated=curated)
        return cls([snapshots.load_current(key, store) for key in sources], curated=curated)

    def save(self, path: str | Path) -> None:
        """Save the compiled index (and what lists it holds) to one file, for :meth:`load`.

        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "lists.index")
        >>> Screener().save(path)
        >>> Screener.load(path).match("Megvii Technology")[0].entity_id
        'ofac-cons:33091'
        """
        memo: dict[int, bytes] = {}  # an entity in a list and in the index is stored once
        packed_lists = tuple(EntityList(lst.source, lst.snapshot, Packed.of(lst.entities, memo), lst.issues)
                             for lst in self.lists)
        store.save(path, _VERSION, (packed_lists, self.index.packed(memo)))

    @classmethod
    def load(cls, path: str | Path) -> "Screener":
        """A Screener from a file :meth:`save` wrote, ready to screen in well under a second.

        Raises :class:`screening.index.store.IndexFileError` for a file that is not an
        index or was saved by another version of the library (build and save it again).
        Like any pickle, load only files you saved yourself.
        """
        lists, index = store.load(path, _VERSION)
        screener = cls.__new__(cls)
        screener.lists, screener.index = lists, index
        return screener

    @property
    def entity_count(self) -> int:
        return len(self.index.entities)

    def match(self, name: str, schema: str | None = None, country: str | None = None,
              birth_date: str | None = None, limit: int = 10, threshold: float | None = None) -> list[Match]:
        """The listed entities matching one name, best first (at most ``limit``, scores >= ``threshold``).

        ``threshold=None`` means :data:`DEFAULT_THRESHOLD`; ``threshold=0`` returns the best candidates.
        """
        threshold = _check_options(limit, threshold)
        forms = _usable_forms(name)
        if not forms:
            return []
        attrs = self._query_attributes([schema], [country], [birth_date])
        result = screen_batch(self.index, [forms], attrs, limit, threshold)
        return [self._match(result, i, name) for i in range(len(result))]

    def screen(self, customers: pd.DataFrame, name: str = "name", schema: str | None = None,
               country: str | None = None, birth_date: str | None = None, limit: int = 10,
               threshold: float | None = None, chunk_size: int = 10_000, workers: int = 1,
               only: "Iterable[str] | ListDiff | None" = None) -> pd.DataFrame:
        """Screen every row of ``customers``; one result row per (input row, listed entity), best first.

        Column arguments name the DataFrame's columns (``schema``, ``country`` and
        ``birth_date`` are optional). ``threshold=None`` means :data:`DEFAULT_THRESHOLD`;
        ``threshold=0`` returns the best ``limit`` candidates of every row (among listed
        names sharing at least one word with it, exactly or within one edit). Rows whose
        name is missing or has no letters or digits are not screened; the result's
        ``attrs["counts"]`` gives rows in, screened and rejected. ``workers`` > 1 screens
        chunks of ``chunk_size`` rows on that many processes (see :meth:`iter_screen`).
        ``only`` screens against some entities alone, e.g. a list diff's added and changed
        ones for a nightly delta run (see :meth:`iter_screen`).

        >>> customers = pd.DataFrame({"name": ["Megvii Technology Ltd", "Jane Doe"]})
        >>> alerts = Screener().screen(customers)
        >>> alerts[["row", "entity_id"]].values.tolist(), alerts.attrs["counts"]
        ([[0, 'ofac-cons:33091']], {'rows': 2, 'screened': 2, 'rejected': 0})
        """
        frames = list(self.iter_screen(customers, name, schema, country, birth_date, limit, threshold, chunk_size,
                                       workers, only))
        counts = {"rows": 0, "screened": 0, "rejected": 0}
        for f in frames:
            for k in counts:
                counts[k] += f.attrs["counts"][k]
        # A chunk without results has untyped columns (object, not str under pandas 3): leave such
        # chunks out, so the result's dtypes do not depend on chunk_size.
        nonempty = [f for f in frames if len(f)] or frames[:1]
        out = pd.concat(nonempty, ignore_index=True) if frames else _empty_result()
        out.attrs["counts"] = counts
        return out

    def iter_screen(self, customers: pd.DataFrame | Iterable[pd.DataFrame], name: str = "name",
                    schema: str | None = None, country: str | None = None, birth_date: str | None = None,
                    limit: int = 10, threshold: float | None = None, chunk_size: int = 10_000,
                    workers: int = 1, only: "Iterable[str] | ListDiff | None" = None) -> Iterator[pd.DataFrame]:
        """:meth:`screen` chunk by chunk, so a caller can write results as they come with bounded memory.

        ``customers`` is a DataFrame (cut into chunks of ``chunk_size`` rows) or an
        iterable of DataFrames, e.g. ``pd.read_csv(path, chunksize=100_000)``, screened as
        they come: memory grows with the chunk size, not with the input. With ``workers``
        > 1, chunks are screened on that many processes (see
        :func:`screening.interfaces.parallel.available_cores`); results come in input order.
        Every result frame has ``attrs["counts"]`` for its chunk.

        ``only`` (entity ids, or a :class:`~screening.sources.diff.ListDiff`, meaning its
        added and changed entities) restricts the search to those entities; their scores
        are the same as in a full screen, since token weights stay those of all the lists.
        The nightly delta run::

            diff = diff_lists(yesterday, today)
            alerts = Screener([today]).screen(customers, only=diff)
        """
        threshold = _check_options(limit, threshold)
        if chunk_size < 1:
            raise ScreeningInputError(f"chunk_size must be at least 1, not {chunk_size}")
        if workers < 1:
            raise ScreeningInputError(f"workers must be at least 1, not {workers}")
        columns = (name, schema, country, birth_date)
        if isinstance(customers, pd.DataFrame):
            _check_columns(customers, columns)
            chunks: Iterable[pd.DataFrame] = (customers.iloc[start:start + chunk_size]
                                              for start in range(0, max(len(customers), 1), chunk_size))
        else:
            chunks = (_check_columns(chunk, columns) for chunk in customers)
        jobs = ((chunk, columns, limit, threshold) for chunk in chunks)
        screener = self if only is None else self._restricted(only)
        yield from map_ordered(_screen_job, screener, jobs, workers)

    def _restricted(self, only: "Iterable[str] | ListDiff") -> "Screener":
        ids = set(only.screen_ids if hasattr(only, "screen_ids") else only)
        position = {e.entity_id: i for i, e in enumerate(self.index.entities)}
        missing = sorted(ids - position.keys())
        if missing:
            raise ScreeningInputError(f"only=: {len(missing)} entity id(s) not in the loaded lists, e.g. "
                                      f"{', '.join(missing[:3])} (screen with the list the diff's new side came from)")
        mask = np.zeros(len(position), dtype=bool)
        mask[[position[i] for i in ids]] = True
        view = Screener.__new__(Screener)
        view.lists, view.index = self.lists, self.index.restricted(mask)
        return view

    def _screen_chunk(self, chunk: pd.DataFrame, name: str, schema: str | None, country: str | None,
                      birth_date: str | None, limit: int, threshold: float) -> pd.DataFrame:
        cache: dict[str, tuple[NormalizedName, ...]] = {}
        forms = []
        for n in chunk[name].tolist():
            if n not in cache:
                cache[n] = _usable_forms(n)
            forms.append(cache[n])
        ok = np.array([bool(f) for f in forms], dtype=bool)
        rows = np.flatnonzero(ok)
        column = (lambda col: chunk[col].to_numpy()[rows] if col is not None else [None] * len(rows))
        attrs = self._query_attributes(column(schema), column(country), column(birth_date))
        result = screen_batch(self.index, [forms[i] for i in rows], attrs, limit, threshold)
        frame = self._frame(result, chunk.index[rows])
        frame.attrs["counts"] = {"rows": len(chunk), "screened": int(ok.sum()), "rejected": int((~ok).sum())}
        return frame

    def _query_attributes(self, schemas, countries, birth_dates) -> QueryAttributes:
        attrs = self.index.attributes
        schema_code = {v: SCHEMA_CODE[Schema.parse(v)] for v in set(map(_hashable, schemas))}
        country_code = {v: attrs.country_code(to_iso2(v) if isinstance(v, str) else None)
                        for v in set(map(_hashable, countries))}
        dobs = {v: DateOfBirth.parse(v) for v in set(map(_hashable, birth_dates))}
        return QueryAttributes(
            schema=np.array([schema_code[_hashable(v)] for v in schemas], dtype=np.int8),
            country=np.array([country_code[_hashable(v)] for v in countries], dtype=np.int32),
            dob_start=np.array([d.start.toordinal() if (d := dobs[_hashable(v)]) else -1 for v in birth_dates],
                               dtype=np.int64),
            dob_end=np.array([d.end.toordinal() if (d := dobs[_hashable(v)]) else -1 for v in birth_dates],
                             dtype=np.int64))

    def _match(self, result: BatchResult, i: int, query: str) -> Match:
        entity = self.index.entities[int(result.entity[i])]
        name = self.index.names[int(result.name[i])]
        return Match(entity=entity, score=round(float(result.score[i]), 2), matched_name=name.value,
                     name_kind=name.kind.value, name_score=round(float(result.name_score[i]), 2),
                     _explain=lambda: result.explain(i, self.index, query))

    def _frame(self, result: BatchResult, labels: pd.Index) -> pd.DataFrame:
        entities = self.index.entities
        names = self.index.names
        ent = [entities[i] for i in result.entity.tolist()]
        alias = [names[i] for i in result.name.tolist()]
        return pd.DataFrame({
            "row": labels.take(result.row),  # keeps the index dtype, even when empty
            "entity_id": [e.entity_id for e in ent],
            "source": [e.source for e in ent],
            "listed_name": [e.name for e in ent],
            "matched_name": [a.value for a in alias],
            "name_kind": [a.kind.value for a in alias],
            "score": np.round(result.score.astype(np.float64), 2),
            "name_score": np.round(result.name_score.astype(np.float64), 2),
            "programs": ["; ".join(e.programs) for e in ent],
            "schema": [e.schema.value for e in ent],
            "list_snapshot": [e.snapshot.label if e.snapshot else "" for e in ent],
        }, columns=RESULT_COLUMNS)


def _screen_job(screener: Screener, job: tuple) -> pd.DataFrame:
    chunk, (name, schema, country, birth_date), limit, threshold = job
    return screener._screen_chunk(chunk, name, schema, country, birth_date, limit, threshold)


def _check_columns(frame: pd.DataFrame, columns: tuple[str | None, ...]) -> pd.DataFrame:
    for col in columns:
        if col is not None and col not in frame.columns:
            raise ScreeningInputError(
                f"column {col!r} not in the input (columns: {', '.join(map(str, frame.columns))})")
    return frame


def _usable_forms(name: object) -> tuple[NormalizedName, ...]:
    """The name's forms that have tokens; empty when the name has no usable text."""
    if not isinstance(name, str):
        return ()
    return tuple(f for f in name_forms(name) if f.tokens)


def _check_options(limit: int, threshold: float | None) -> float:
    """The effective threshold, after checking both options are in range."""
    if not isinstance(limit, (int, np.integer)) or limit < 1:
        raise ScreeningInputError(f"limit must be a whole number of at least 1, not {limit!r}")
    threshold = DEFAULT_THRESHOLD if threshold is None else float(threshold)
    if not 0 <= threshold <= 100:
        raise ScreeningInputError(f"threshold must be between 0 and 100, not {threshold:g}")
    return threshold


def _hashable(value: object) -> object:
    """Missing values of any kind (None, NaN, NaT) as None, so they key one dict entry."""
    return None if value is None or (isinstance(value, float) and value != value) or value is pd.NaT else value


def _empty_result() -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in RESULT_COLUMNS})
