"""The Python API: a Screener built once from lists, then ``match`` (one name) and ``screen`` (a DataFrame)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from screening import collector
from screening.countries import to_iso2
from screening.index import store
from screening.index.name_index import NameIndex
from screening.index.store import Packed
from screening.interfaces import notebook
from screening.interfaces.clearances import ClearanceStore, apply_clearances, entity_content_hash
from screening.interfaces.forms_cache import FormsCache, decode_forms, encode_forms
from screening.interfaces.parallel import map_ordered
from screening.interfaces.securities import SecurityMatches, match_security
from screening.interfaces.results import EntityResult
from screening.model import DateOfBirth, Entity, EntityList, Identifier, IdType, Schema
from screening.normalize import MAX_NAME_CHARS, NormalizedName, name_forms
from screening.normalize.chinese import load_pinyin
from screening.normalize.identifiers import id_type
from screening.scoring.batch import BatchResult, screen_batch, search
from screening.scoring.explain import Explanation
from screening.scoring.factors import DOB_TOLERANCE_YEARS, QueryAttributes, QueryValues
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
# Added by screen(..., explain=True): each factor's points, the transliteration, the aligned words, the text.
EXPLAIN_COLUMNS = ["country_points", "birth_date_points", "identifier_points", "transliteration",
                   "aligned_tokens", "explanation"]


class ScreeningInputError(ValueError):
    """The caller's input cannot be screened as given (e.g. a named column is missing)."""


@dataclass(frozen=True)
class Match(EntityResult):
    """One listed entity that matched a query, with its score and the reason for it."""

    entity: Entity
    score: float
    matched_name: str
    name_kind: str
    name_score: float
    _explain: "callable" = field(repr=False, compare=False)





    def explain(self) -> Explanation:
        """Why this matched: the alias, the aligned name parts, the transliteration, and every score
        adjustment.

        ``print(match.explain())`` reads as text; ``match.explain().to_dict()`` is data.
        """
        return self._explain()

    def _repr_html_(self) -> str:
        return notebook.match_html(self)


class Matches(list):
    """The list :meth:`Screener.match` returns: a plain list of :class:`Match`, best first, that
    renders as a table in Jupyter (the matched words highlighted)."""

    def __init__(self, matches: Iterable[Match] = (), query: str | None = None):
        super().__init__(matches)
        self.query = query

    def _repr_html_(self) -> str:
        return notebook.matches_html(self, self.query)


class Screener:
    """Screens names against sanctions lists.

    >>> screener = Screener()                     # the bundled starter list
    >>> hits = screener.match("Megvii Tech Ltd", schema="Organization", country="CN")
    >>> hits[0].entity_id, hits[0].score >= DEFAULT_THRESHOLD
    ('ofac-cons:33091', True)
    """

    birth_date_tolerance: float = DOB_TOLERANCE_YEARS
    """Years two birth dates may be apart and still support a match (see :mod:`screening.scoring.factors`)."""

    def __init__(self, lists: Iterable[EntityList] | None = None, curated: bool = True,
                 birth_date_tolerance: float = DOB_TOLERANCE_YEARS):
        """Build the index of ``lists`` (default: the bundled starter list).

        With ``curated`` (the default), the bundled table of Chinese names
        (``lists/chinese_names.csv``) adds its aliases to the entities it names, with
        their provenance; ``curated=False`` screens the lists exactly as published.
        ``birth_date_tolerance``: years a query's birth date may be from a listed one and
        still count in favour (default 1; one more when either date is *circa*); further
        apart, the dates conflict. It can also be set on the attribute of that name.
        """
        if birth_date_tolerance < 0:
            raise ScreeningInputError(f"birth_date_tolerance must be at least 0 years, not {birth_date_tolerance:g}")
        self.birth_date_tolerance = float(birth_date_tolerance)
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

    def match(self, name: str, schema: str | None = None, country: "str | Iterable[str] | None" = None,
              birth_date: object = None, limit: int = 10, threshold: float | None = None,
              identifiers: "Mapping[IdType | str, object] | Iterable[Identifier] | None" = None) -> "Matches":
        """The listed entities matching one name, best first (at most ``limit``, scores >= ``threshold``).

        ``threshold=None`` means :data:`DEFAULT_THRESHOLD`; ``threshold=0`` returns the best candidates.
        ``country``: a country name or code, or several (nationality, residence, address
        country), e.g. ``["CN", "HK"]``; ``birth_date``: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
        ``DD Mon YYYY``, a range ``A to B``, optionally ``circa ...``, or a date.
        ``identifiers``: the query's identifiers, as ``{type: value}`` (a value may be a list),
        e.g. ``{"passport": "A1234567", "isin": "US1694261033"}``, or as
        :class:`~screening.model.Identifier` objects. An identifier equal to a listed one is
        a strong hit whatever the name score (see :mod:`screening.scoring.factors`).

        >>> hits = Screener().match("China Telecom", identifiers={"uscc": "9111000071093019X7"})
        >>> hits[0].entity_id, hits[0].explain().effect("identifier") > 0
        ('ofac-cons:30882', True)
        """
        threshold = _check_options(limit, threshold)
        forms = _usable_forms(name)
        if not forms:
            return Matches(query=name if isinstance(name, str) else None)
        values = _query_values(schema, _countries(country), birth_date, _identifiers(identifiers))
        attrs = QueryAttributes.of([values], self.index.attributes, self.birth_date_tolerance)
        result = screen_batch(self.index, search(self.index, [forms], threshold, limit), attrs, limit, threshold)
        return Matches((self._match(result, i, name) for i in range(len(result))), query=name)

    def match_security(self, isin: str | None = None, ticker: str | None = None, issuer: str | None = None,
                       threshold: float | None = None, limit: int = 10) -> SecurityMatches:
        """The NS-CMIC entities a security points to: by ISIN, by exchange ticker, by issuer name.

        Give any of the three. Each result (:class:`~screening.interfaces.securities.SecurityMatch`)
        says what matched (``matched_on``), the listed ISIN and tickers that did, the issuer-name
        match (a :class:`Match` with its explanation), the programs, and the dates OFAC prints
        for the ban: ``listing_date``, ``effective_date`` (new purchases prohibited from) and
        ``divestment_date`` (divestment allowed until). ISIN and ticker matches come first
        (score 100), then issuer-name matches by score (at least ``threshold``). See
        :mod:`screening.interfaces.securities`.

        >>> hit = Screener().match_security(ticker="728.HK")[0]
        >>> hit.entity_id, hit.matched_on, hit.tickers, hit.programs
        ('ofac-cons:30882', ('ticker',), ('0728 HK',), ('CMIC-EO13959',))
        """
        _check_options(limit, threshold)
        return match_security(self, isin=isin, ticker=ticker, issuer=issuer, threshold=threshold, limit=limit)

    def entity(self, entity_id: str) -> Entity:
        """The loaded entity with this id (KeyError when none is)."""
        by_id = self.__dict__.get("_by_id")
        if by_id is None:
            by_id = self.__dict__["_by_id"] = {e.entity_id: i for i, e in enumerate(self.index.entities)}
        return self.index.entities[by_id[entity_id]]

    def entity_hash(self, entity_id: str) -> str | None:
        """The content hash of a loaded entity (see :mod:`screening.interfaces.clearances`), None when not loaded."""
        hashes = self.__dict__.setdefault("_hashes", {})
        if entity_id not in hashes:
            try:
                hashes[entity_id] = entity_content_hash(self.entity(entity_id))
            except KeyError:
                hashes[entity_id] = None
        return hashes[entity_id]

    def screen(self, customers: pd.DataFrame, name: str = "name", schema: str | None = None,
               country: "str | list[str] | None" = None, birth_date: str | None = None, limit: int = 10,
               threshold: float | None = None, chunk_size: int = 10_000, workers: int = 1,
               only: "Iterable[str] | ListDiff | None" = None, *,
               identifiers: "Mapping[IdType | str, str] | None" = None, explain: bool = False,
               cleared: "ClearanceStore | str | Path | None" = None, show_suppressed: bool = False,
               forms_cache: "FormsCache | str | Path | None" = None) -> pd.DataFrame:
        """Screen every row of ``customers``; one result row per (input row, listed entity), best first.

        Column arguments name the DataFrame's columns (``schema``, ``country`` and
        ``birth_date`` are optional). ``threshold=None`` means :data:`DEFAULT_THRESHOLD`;
        ``threshold=0`` returns the best ``limit`` candidates of every row (among listed
        names sharing at least one word with it, exactly or within one edit). Rows whose
        name is missing or has no letters or digits are not screened; the result's
        ``attrs["counts"]`` gives rows in, screened and rejected (rows = screened +
        rejected), ``attrs["rejects"]`` says which rows and why, one dict per rejected row
        (``row`` label, ``position`` in ``customers``, ``reason``: ``missing``, ``empty``,
        ``not text (int)``, ``no letters or digits``, ``no usable letters or digits``), and
        ``attrs["notes"]`` the screened rows with a note (``row``, ``position``, ``note``:
        a name longer than :data:`~screening.normalize.MAX_NAME_CHARS` characters is cut
        there before screening). ``pd.DataFrame(alerts.attrs["rejects"])`` tabulates
        them. ``workers`` > 1 screens
        chunks of ``chunk_size`` rows on that many processes (see :meth:`iter_screen`).
        ``only`` screens against some entities alone, e.g. a list diff's added and changed
        ones (its ``screen_ids``) for a nightly delta run (see :meth:`iter_screen`).

        ``country`` may name several columns (nationality, address country ...): a row's
        countries are all of theirs, and a cell may hold several, separated by ``;`` or
        ``|``. ``identifiers`` maps identifier types to the columns holding them, e.g.
        ``{"passport": "passport_no", "national_id": "id_card"}`` (types:
        :class:`~screening.model.IdType` or their values: passport, national_id, uscc,
        isin, lei, imo, ccc); an identifier equal to a listed one is a strong hit whatever
        the name score, and rows are searched by identifier too (see
        :mod:`screening.scoring.factors`). ``explain=True`` adds the columns
        :data:`EXPLAIN_COLUMNS`: each factor's points, the transliteration used, the aligned
        words and the whole explanation as text.

        ``cleared`` (a :class:`~screening.interfaces.clearances.ClearanceStore`, or its path)
        leaves out the alerts an analyst has cleared for that customer (the ``row`` label,
        as text) while the listed entity is unchanged since; a ``clearance`` column says
        when a clearance expired because the entity changed. ``show_suppressed=True`` keeps
        the cleared alerts, marked in a ``suppressed`` column. ``attrs["counts"]["suppressed"]``
        counts them.

        ``forms_cache`` (a :class:`~screening.interfaces.forms_cache.FormsCache`, or its path)
        keeps the customers' normalized names between runs, so a nightly job normalizes each
        name once; the results are the same with or without it.

        >>> customers = pd.DataFrame({"name": ["Megvii Technology Ltd", "Jane Doe"]})
        >>> alerts = Screener().screen(customers)
        >>> alerts[["row", "entity_id"]].values.tolist(), alerts.attrs["counts"]
        ([[0, 'ofac-cons:33091']], {'rows': 2, 'screened': 2, 'rejected': 0})
        """
        frames = list(self.iter_screen(customers, name, schema, country, birth_date, limit, threshold, chunk_size,
                                       workers, only, identifiers=identifiers, explain=explain, cleared=cleared,
                                       show_suppressed=show_suppressed, forms_cache=forms_cache))
        counts = {"rows": 0, "screened": 0, "rejected": 0}
        if cleared is not None:
            counts["suppressed"] = 0
        rejects: list[dict] = []
        notes: list[dict] = []
        for f in frames:
            # positions in the whole input, not in the chunk
            rejects += [{**r, "position": r["position"] + counts["rows"]} for r in f.attrs.get("rejects", ())]
            notes += [{**n, "position": n["position"] + counts["rows"]} for n in f.attrs.get("notes", ())]
            for k in counts:
                counts[k] += f.attrs["counts"][k]
        # A chunk without results has untyped columns (object, not str under pandas 3): leave such
        # chunks out, so the result's dtypes do not depend on chunk_size.
        nonempty = [f for f in frames if len(f)] or frames[:1]
        out = pd.concat(nonempty, ignore_index=True) if frames else _empty_result()
        out.attrs["counts"] = counts
        out.attrs["rejects"], out.attrs["notes"] = rejects, notes
        return out

    def iter_screen(self, customers: pd.DataFrame | Iterable[pd.DataFrame], name: str = "name",
                    schema: str | None = None, country: "str | list[str] | None" = None,
                    birth_date: str | None = None, limit: int = 10, threshold: float | None = None,
                    chunk_size: int = 10_000, workers: int = 1, only: "Iterable[str] | ListDiff | None" = None, *,
                    identifiers: "Mapping[IdType | str, str] | None" = None, explain: bool = False,
                    cleared: "ClearanceStore | str | Path | None" = None,
                    show_suppressed: bool = False,
                    forms_cache: "FormsCache | str | Path | None" = None) -> Iterator[pd.DataFrame]:
        """:meth:`screen` chunk by chunk, so a caller can write results as they come with bounded memory.

        ``customers`` is a DataFrame (cut into chunks of ``chunk_size`` rows) or an
        iterable of DataFrames, e.g. ``pd.read_csv(path, chunksize=100_000)``, screened as
        they come: memory grows with the chunk size, not with the input. With ``workers``
        > 1, chunks are screened on that many processes (see
        :func:`screening.interfaces.parallel.available_cores`); results come in input order.
        Every result frame has ``attrs["counts"]``, ``attrs["rejects"]`` and ``attrs["notes"]``
        for its chunk (positions in the chunk).

        ``only`` (entity ids, or a :class:`~screening.sources.diff.ListDiff`, meaning its
        ``screen_ids``: added entities and those changed where a match can change) restricts
        the search to those entities; their scores are the same as in a full screen, since
        token weights stay those of all the lists.
        The nightly delta run::

            diff = diff_lists(yesterday, today)
            alerts = Screener([today]).screen(customers, only=diff)

        ``identifiers``, ``explain``, ``cleared``, ``show_suppressed`` and ``forms_cache`` are as in
        :meth:`screen`; the clearance store is read once, when the first chunk is screened.
        """
        threshold = _check_options(limit, threshold)
        if chunk_size < 1:
            raise ScreeningInputError(f"chunk_size must be at least 1, not {chunk_size}")
        if workers < 1:
            raise ScreeningInputError(f"workers must be at least 1, not {workers}")
        columns = _Columns.of(name, schema, country, birth_date, identifiers)
        store = ClearanceStore(cleared) if isinstance(cleared, (str, Path)) else cleared
        if isinstance(customers, pd.DataFrame):
            _check_columns(customers, columns.all())
            chunks: Iterable[pd.DataFrame] = (customers.iloc[start:start + chunk_size]
                                              for start in range(0, max(len(customers), 1), chunk_size))
        else:
            chunks = (_check_columns(chunk, columns.all()) for chunk in customers)
        cache = FormsCache(forms_cache) if isinstance(forms_cache, (str, Path)) else forms_cache
        # The stored forms of a chunk's names travel with the chunk; new ones come back with its results.
        jobs = ((chunk, columns, limit, threshold, explain,
                 None if cache is None else cache.lookup(chunk[columns.name].tolist())) for chunk in chunks)
        screener = self if only is None else self._restricted(only)
        if workers > 1:
            load_pinyin()
        frames = map_ordered(_screen_job, screener, jobs, workers)
        clearances = store.snapshot() if store is not None else None
        try:
            for frame in frames:
                if cache is not None:
                    cache.add(frame.attrs.pop("new_forms"))
                yield frame if clearances is None else apply_clearances(frame, clearances, self.entity_hash,
                                                                        show_suppressed)
        finally:
            if cache is not None and cache is not forms_cache:
                cache.close()

    def _restricted(self, only: "Iterable[str] | ListDiff") -> "Screener":
        ids = {only} if isinstance(only, str) else set(only.screen_ids if hasattr(only, "screen_ids") else only)
        position = {e.entity_id: i for i, e in enumerate(self.index.entities)}
        missing = sorted(ids - position.keys())
        if missing:
            raise ScreeningInputError(f"only=: {len(missing)} entity id(s) not in the loaded lists, e.g. "
                                      f"{', '.join(missing[:3])} (screen with the list the diff's new side came from)")
        mask = np.zeros(len(position), dtype=bool)
        mask[[position[i] for i in ids]] = True
        view = Screener.__new__(Screener)
        view.lists, view.index = self.lists, self.index.restricted(mask)
        view.birth_date_tolerance = self.birth_date_tolerance
        return view

    def _screen_chunk(self, chunk: pd.DataFrame, columns: "_Columns", limit: int, threshold: float,
                      explain: bool = False, stored: "dict[str, str] | None" = None) -> pd.DataFrame:
        cache: dict[str, tuple[NormalizedName, ...]] = {}
        new_forms: dict[str, str] = {}
        forms = []
        names = chunk[columns.name].tolist()
        for n in names:
            if not isinstance(n, str):  # missing or not text (and maybe unhashable): nothing to screen
                forms.append(())
                continue
            if n not in cache:
                if stored is not None and n in stored:
                    cache[n] = decode_forms(n, stored[n])
                else:
                    cache[n] = _usable_forms(n)
                    if stored is not None:
                        new_forms[n] = encode_forms(cache[n])
            forms.append(cache[n])
        ok = np.array([bool(f) for f in forms], dtype=bool)
        screened = np.flatnonzero(ok)
        gives_ids = _gives_identifiers(chunk, columns)[screened]
        # A row giving an identifier is matched whatever its name, so even a delta screen searches it.
        found = search(self.index, [forms[i] for i in screened], threshold, limit, always=gives_ids)
        # Only rows with a candidate name or an identifier can have a result: the others' attributes
        # are not read (most rows of a delta screen).
        scored = np.flatnonzero(found.has_candidates() | gives_ids)
        found, rows = found.take(scored), screened[scored]
        column = (lambda col: chunk[col].to_numpy()[rows].tolist() if col is not None else [None] * len(rows))
        per_row = zip(column(columns.schema), zip(*(column(c) for c in columns.countries)) if columns.countries
                      else [()] * len(rows), column(columns.birth_date),
                      zip(*(column(c) for _, c in columns.identifiers)) if columns.identifiers else [()] * len(rows))
        # Each distinct cell value is parsed once per chunk (customer files repeat them).
        schemas, countries_of = _Memo(Schema.parse), _Memo(_countries)
        dobs = _Memo(lambda v: DateOfBirth.parse(_hashable(v)))
        id_kinds = [kind for kind, _ in columns.identifiers]
        values = [QueryValues(schemas(schema), countries_of(countries), dobs(birth_date),
                              _identifiers(list(zip(id_kinds, ids))) if ids else ())
                  for schema, countries, birth_date, ids in per_row]
        attrs = QueryAttributes.of(values, self.index.attributes, self.birth_date_tolerance)
        result = screen_batch(self.index, found, attrs, limit, threshold)
        frame = self._frame(result, chunk.index[rows])
        if explain:
            queries = [names[i] for i in rows]
            frame = _with_explanations(frame, [result.explain(i, self.index, queries[int(result.row[i])])
                                               for i in range(len(result))])
        frame.attrs["counts"] = {"rows": len(chunk), "screened": int(ok.sum()), "rejected": int((~ok).sum())}
        labels = chunk.index.tolist()
        frame.attrs["rejects"] = [{"row": labels[i], "position": i, "reason": _reject_reason(names[i])}
                                  for i in np.flatnonzero(~ok).tolist()]
        frame.attrs["notes"] = [{"row": labels[i], "position": i, "note": _TRUNCATED.format(len(names[i]))}
                                for i in screened.tolist() if len(names[i]) > MAX_NAME_CHARS]
        if stored is not None:
            frame.attrs["new_forms"] = new_forms
        return frame

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
    chunk, columns, limit, threshold, explain, stored = job
    with collector.paused():  # the chunk's objects are short-lived and acyclic
        return screener._screen_chunk(chunk, columns, limit, threshold, explain, stored)


@dataclass(frozen=True)
class _Columns:
    """The input columns a screen reads: the name, and the optional secondary values."""

    name: str
    schema: str | None
    countries: tuple[str, ...]
    birth_date: str | None
    identifiers: tuple[tuple[IdType, str], ...]  # (type, column)

    @classmethod
    def of(cls, name, schema, country, birth_date, identifiers) -> "_Columns":
        countries = () if country is None else (country,) if isinstance(country, str) else tuple(country)
        ids = []
        for kind, col in (dict(identifiers) if identifiers else {}).items():
            try:
                ids.append((id_type(kind), col))
            except ValueError as exc:
                raise ScreeningInputError(f"identifiers: {exc}") from None
        return cls(name, schema, countries, birth_date, tuple(ids))

    def all(self) -> tuple[str | None, ...]:
        return (self.name, self.schema, *self.countries, self.birth_date, *(c for _, c in self.identifiers))


def _with_explanations(frame: pd.DataFrame, explanations: list[Explanation]) -> pd.DataFrame:
    """``frame`` with the :data:`EXPLAIN_COLUMNS` of its rows' explanations."""
    return frame.assign(
        country_points=[e.effect("country") for e in explanations],
        birth_date_points=[e.effect("birth date") for e in explanations],
        identifier_points=[e.effect("identifier") for e in explanations],
        transliteration=[e.transliteration for e in explanations],
        aligned_tokens=["; ".join(f"{t.listed}<-{t.query if t.query is not None else '-'} "
                                  f"({t.similarity:.2f}, w {t.weight:.2f})" for t in e.tokens)
                        for e in explanations],
        explanation=[str(e) for e in explanations],
    ).astype({"country_points": float, "birth_date_points": float, "identifier_points": float})


def _gives_identifiers(chunk: pd.DataFrame, columns: "_Columns") -> np.ndarray:
    """(rows,) bool: whether a row has a value in any identifier column."""
    if not columns.identifiers:
        return np.zeros(len(chunk), dtype=bool)
    return chunk[[c for _, c in columns.identifiers]].notna().any(axis=1).to_numpy()


def _countries(value: object) -> tuple[str, ...]:
    """ISO codes of a country value: one name or code, several separated by ``;`` or ``|``, or a list
    of such values; what is not a country is left out."""
    items = value if isinstance(value, (list, tuple)) else [value]
    out: dict[str, None] = {}
    for item in items:
        if not isinstance(item, str):
            continue
        for part in item.replace("|", ";").split(";"):
            code = to_iso2(part.strip())
            if code:
                out.setdefault(code)
    return tuple(out)


def _identifiers(value: object) -> tuple[Identifier, ...]:
    """Query identifiers from ``{type: value or values}``, ``[(type, value), ...]`` or Identifier objects."""
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for item in items:
        if isinstance(item, Identifier):
            out.append(item)
            continue
        try:
            kind, given = item
            kind = id_type(kind)
        except ValueError as exc:
            raise ScreeningInputError(f"identifiers: {exc}") from None
        values = given if isinstance(given, (list, tuple, set)) else [given]
        for v in values:
            if v is None or (isinstance(v, float) and v != v):
                continue
            for part in str(v).replace("|", ";").split(";"):
                if part.strip():
                    out.append(Identifier(kind, part.strip()))
    return tuple(out)


class _Memo(dict):
    """``memo(x)``: ``fn(x)``, computed once per distinct x (a cell must be hashable: text, a number, a date)."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __call__(self, key):
        try:
            return self[key]
        except KeyError:
            value = self[key] = self.fn(key)
            return value


def _query_values(schema: object, countries: tuple[str, ...], birth_date: object,
                  identifiers: tuple[Identifier, ...]) -> QueryValues:
    return QueryValues(Schema.parse(schema), countries, DateOfBirth.parse(_hashable(birth_date)), identifiers)


def _check_columns(frame: pd.DataFrame, columns: tuple[str | None, ...]) -> pd.DataFrame:
    for col in columns:
        if col is not None and col not in frame.columns:
            raise ScreeningInputError(
                f"column {col!r} not in the input (columns: {', '.join(map(str, frame.columns))})")
    return frame


_TRUNCATED = f"too long: truncated to {MAX_NAME_CHARS} characters (of {{:,}}) before screening"


def _reject_reason(name: object) -> str:
    """Why a name without usable forms is not screened (see :meth:`Screener.iter_screen`)."""
    if _hashable(name) is None or name is pd.NA:
        return "missing"
    if not isinstance(name, str):
        return f"not text ({type(name).__name__})"
    if not name.strip():
        return "empty"
    if not any(c.isalnum() for c in name[:MAX_NAME_CHARS]):
        return "no letters or digits"
    return "no usable letters or digits"  # e.g. only characters no romanization covers


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
