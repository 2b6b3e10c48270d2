"""Speed, memory and candidate-stage recall against every shared list, beside two alternatives.

    python benchmarks/throughput.py [--sizes 10000,100000,1000000] [--quick] [--no-record]
                                    [--lists-dir DIR] [--devset CSV] [--latency-calls N]
                                    [--recall-rows N] [--cdist-rows N]

Loads the newest version of every list source the library can load (``common.NEWEST``;
a source that fails is reported and skipped) into one Screener, then measures:

1. index: build time (``Screener(lists)``), save time and file size, and load time in a
   cold subprocess (only the ``Screener.load`` call, median of 3), with that process's
   time from launch to its first match;
2. batch: synthetic customers (``synthetic.py``) generated in chunks and fed to
   ``Screener.iter_screen`` (bounded memory, as when reading a file in chunks), each size
   in its own subprocess so that its peak memory is its own: rows/s end to end on all
   cores and, for 100k, on one; peak RSS of the main process and of the largest worker,
   and the peak total PSS of the process tree sampled every 0.2 s; the scaling exponent
   log(t_1M / t_100k) / log(10);
3. single lookups: p50 / p99 of ``Screener.match`` on a warm screener, one thread, over
   synthetic names and listed names;
4. candidate-stage recall: every (distinct query form, listed name) pair of the devset
   and of a synthetic batch is name-scored exhaustively with ``score_pairs``; recall is
   the share of pairs that can still alert (name score >= DEFAULT_THRESHOLD -
   factors.MAX_BOOST) that ``NameIndex.candidates`` returns with the settings
   ``screen_batch`` uses;
5. alternatives on the same customers in the same run: rapidfuzz ``process.cdist``
   (``WRatio`` on ``unidecode(name).lower()``, over every listed name and alias, cut-off
   as quality.py's baseline) and character-3-gram TF-IDF with ``sparse_dot_topn`` top 10
   (its cosine threshold set so its devset negatives alert no more often than the
   library's): rows/s, speed ratio, devset recall and negative alert rate.

Prints a Markdown table per part and appends them, with the machine and revision, to
``benchmarks/RESULTS.md`` (``--no-record`` to skip). The machine may be shared with other
processes: the load average at start and end is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from common import (
    DEFAULT_DEVSET, DEFAULT_LISTS_DIR, NEWEST, REPO, NewestLists, append_section, load_newest,
    machine_description, markdown_table, revision, utc_now,
)
import synthetic
from screening import DEFAULT_THRESHOLD, Screener
from screening.interfaces.parallel import available_cores

SCREEN_COLUMNS = {"name": "name", "schema": "schema", "country": "country", "birth_date": "birth_date"}
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)
CHUNK_ROWS = 10_000  # the library's default chunk_size
BATCH_SEED = 0  # synthetic customers of part 2
LATENCY_SEED = 1  # part 3
RECALL_SEED = 2  # part 4
ALT_SEED = 3  # part 5
LISTED_SHARE = 0.1  # share of listed names among the single lookups
WARMUP_CALLS = 200
PAIR_SLICE = 300_000  # pairs name-scored at once in part 4
CDIST_CHUNK = 250  # query rows per cdist call (250 x 80k float32 = 80 MB)
TOP_N = 10
LOAD_RUNS = 3
SAMPLE_SECONDS = 0.2
FIRST_QUERY = ("Megvii Tech Ltd", "Organization", "CN")  # the README's example

# Targets printed next to the figures.
T_ROWS_PER_S = 20_000
T_VS_CDIST = 10.0
T_RSS_GIB = 2.0
T_P50_MS = 0.5
T_P99_MS = 3.0
T_LOAD_S = 1.0
T_BUILD_S = 20.0
T_EXPONENT = 1.05
T_RECALL = 0.999


# --- synthetic customers in chunks -----------------------------------------------------------

_FIELDS = ("name", "schema", "country", "birth_date")


def synthetic_chunks(n: int, seed: int, rows: int) -> Iterator[pd.DataFrame]:
    """``synthetic.generate(n, seed)`` as consecutive frames of ``rows`` rows (index = row number),
    generated block by block so that only one chunk is in memory."""
    buffered: dict[str, list[np.ndarray]] = {k: [] for k in _FIELDS}
    have, block, start = 0, 0, 0
    while start < n:
        take = min(rows, n - start)
        while have < take:
            part = synthetic._block(seed, block)  # the generator's own blocks: same rows as generate()
            block += 1
            for k in _FIELDS:
                buffered[k].append(part[k])
            have += synthetic.BLOCK_SIZE
        columns = {k: np.concatenate(buffered[k]) for k in _FIELDS}
        ids = np.array([f"S{i:07d}" for i in range(start + 1, start + take + 1)], dtype=object)
        yield pd.DataFrame({"customer_id": ids, **{k: v[:take] for k, v in columns.items()}},
                           columns=synthetic.COLUMNS, index=pd.RangeIndex(start, start + take))
        buffered = {k: [v[take:]] for k, v in columns.items()}
        have -= take
        start += take


def chunk_rows(n: int, workers: int) -> int:
    """The library's default chunk size, smaller when n would give a worker fewer than two chunks."""
    if workers <= 1:
        return CHUNK_ROWS
    return max(1_000, min(CHUNK_ROWS, -(-n // (2 * workers))))


# --- subprocesses: cold load, and one batch size each ------------------------------------------

_LOAD_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from screening import Screener
t1 = time.perf_counter()
screener = Screener.load(sys.argv[1])
t2 = time.perf_counter()
hits = screener.match(sys.argv[2], schema=sys.argv[3], country=sys.argv[4])
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "first_match": t3 - t2, "hits": len(hits),
                  "since_launch": time.time() - float(sys.argv[5])}))
"""


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])])
    return env


def cold_load(index_path: Path) -> dict[str, float]:
    """Screener.load in a fresh interpreter (the file is in the page cache: it was just written)."""
    name, schema, country = FIRST_QUERY
    out = subprocess.run([sys.executable, "-c", _LOAD_CHILD, str(index_path), name, schema, country,
                          repr(time.time())], capture_output=True, text=True, env=_child_env(), cwd=REPO)
    if out.returncode != 0:
        raise RuntimeError(f"cold-load child failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _tree(pid: int) -> list[int]:
    """pid and all its descendants (Linux /proc)."""
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in os.listdir(f"/proc/{pids[i]}/task"):
                with open(f"/proc/{pids[i]}/task/{task}/children") as f:
                    pids.extend(int(p) for p in f.read().split())
        except OSError:
            pass
        i += 1
    return pids


def _proc_kib(pid: int, path: str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/{path}") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


@dataclass
class BatchRun:
    n: int
    workers: int
    chunk: int
    result: dict  # what the child reported
    peak_pss_kib: int  # peak of the tree's summed PSS, sampled (0 when /proc cannot tell)
    peak_rss_sum_kib: int  # peak of the tree's summed RSS, sampled (shared pages counted in every process)

    @property
    def seconds(self) -> float:
        return self.result["seconds"]

    @property
    def rows_per_s(self) -> float:
        return self.n / self.seconds


def batch_in_subprocess(index_path: Path, n: int, workers: int, chunk: int) -> BatchRun:
    """Screen n synthetic customers in a child process, sampling its process tree's memory."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child-batch", str(index_path),
                                 str(n), str(workers), str(chunk)], stdout=out, stderr=err, env=_child_env(),
                                cwd=REPO)
        peak_pss = peak_rss = 0
        while proc.poll() is None:
            pids = _tree(proc.pid)
            peak_pss = max(peak_pss, sum(_proc_kib(p, "smaps_rollup", "Pss:") for p in pids))
            peak_rss = max(peak_rss, sum(_proc_kib(p, "status", "VmRSS:") for p in pids))
            time.sleep(SAMPLE_SECONDS)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"batch child for n={n} failed ({proc.returncode}):\n{err.read()[-3000:]}")
        result = json.loads(out.read().strip().splitlines()[-1])
    return BatchRun(n, workers, chunk, result, peak_pss, peak_rss)


def child_batch(index_path: str, n: int, workers: int, chunk: int) -> None:
    """The batch child: load the index, screen synthetic chunks as they are generated, report JSON."""
    start = time.perf_counter()
    screener = Screener.load(index_path)
    load_seconds = time.perf_counter() - start
    gen = [0.0]

    def chunks() -> Iterator[pd.DataFrame]:
        it = synthetic_chunks(n, BATCH_SEED, chunk)
        while True:
            t = time.perf_counter()
            frame = next(it, None)
            gen[0] += time.perf_counter() - t
            if frame is None:
                return
            yield frame

    counts = {"rows": 0, "screened": 0, "rejected": 0}
    alerts = alert_rows = 0
    start = time.perf_counter()
    for frame in screener.iter_screen(chunks(), **SCREEN_COLUMNS, chunk_size=chunk, workers=workers):
        for k in counts:
            counts[k] += frame.attrs["counts"][k]
        alerts += len(frame)
        alert_rows += frame["row"].nunique()
    seconds = time.perf_counter() - start
    print(json.dumps({
        **counts, "alerts": alerts, "alert_rows": alert_rows, "seconds": seconds, "gen_seconds": gen[0],
        "load_seconds": load_seconds,
        "maxrss_self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "maxrss_children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }))


# --- part 3: single lookups -----------------------------------------------------------------

def latency(screener: Screener, calls: int) -> dict[str, np.ndarray]:
    """Milliseconds per ``match`` call, by kind of name (synthetic / listed), in one thread."""
    rng = np.random.default_rng(LATENCY_SEED)
    n_listed = round(calls * LISTED_SHARE)
    customers = synthetic.generate(calls - n_listed + WARMUP_CALLS, LATENCY_SEED)
    queries = [(r.name, r.schema, r.country or None, "synthetic") for r in customers.itertuples()]
    warmup, queries = queries[:WARMUP_CALLS], queries[WARMUP_CALLS:]
    entities = screener.index.entities
    for i in rng.choice(len(entities), size=n_listed, replace=False):
        e = entities[int(i)]
        queries.append((e.name, e.schema.value, None, "listed"))
    queries = [queries[i] for i in rng.permutation(len(queries))]
    for name, schema, country, _ in warmup:
        screener.match(name, schema=schema, country=country)
    ms = np.empty(len(queries))
    hits = np.zeros(len(queries), dtype=bool)
    clock = time.perf_counter_ns
    for i, (name, schema, country, _) in enumerate(queries):
        t = clock()
        found = screener.match(name, schema=schema, country=country)
        ms[i] = (clock() - t) / 1e6
        hits[i] = bool(found)
    kind = np.array([q[3] for q in queries])
    return {"all": ms, "synthetic": ms[kind == "synthetic"], "listed": ms[kind == "listed"],
            "listed_hits": hits[kind == "listed"]}


# --- part 4: candidate-stage recall ---------------------------------------------------------

_RECALL_STATE: tuple | None = None


def _score_range(bounds: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, int]:
    """Name scores of flat pairs [start, stop) (pair k = query k // names, name k % names) at or
    above the floor, and the count of pairs scoring above 0."""
    from screening.scoring.names import score_pairs

    index, batch, floor = _RECALL_STATE
    n_names = len(index)
    keys, scores, positive = [], [], 0
    for s in range(bounds[0], bounds[1], PAIR_SLICE):
        k = np.arange(s, min(s + PAIR_SLICE, bounds[1]), dtype=np.int64)
        sc = score_pairs(index, batch, (k // n_names).astype(np.int32), (k % n_names).astype(np.int32)).score
        keep = sc >= floor
        keys.append(k[keep])
        scores.append(sc[keep])
        positive += int((sc > 0).sum())
    return np.concatenate(keys), np.concatenate(scores), positive


def exhaustive_scores(index, batch, floor: float, workers: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Every (query, name) pair of the batch scored; pairs at or above ``floor`` returned as flat keys."""
    global _RECALL_STATE
    total = len(batch) * len(index)
    step = PAIR_SLICE * 4
    ranges = [(s, min(s + step, total)) for s in range(0, total, step)]
    _RECALL_STATE = (index, batch, floor)
    try:
        import multiprocessing as mp
        if workers > 1 and "fork" in mp.get_all_start_methods():
            with mp.get_context("fork").Pool(workers) as pool:  # forked workers share the index
                parts = pool.map(_score_range, ranges, chunksize=1)
        else:
            parts = [_score_range(r) for r in ranges]
    finally:
        _RECALL_STATE = None
    if not parts:
        return np.empty(0, np.int64), np.empty(0, np.float32), 0
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            sum(p[2] for p in parts))


@dataclass
class Recall:
    label: str
    rows: int
    forms: int
    pairs: int  # forms x names, all scored
    positive: int  # pairs scoring above 0
    candidates: int  # pairs the candidate stage returned
    by_floor: dict[float, tuple[int, int]]  # floor -> (exhaustive pairs at or above, of which returned)
    misses: list[str] = field(default_factory=list)  # the best-scoring missed pairs
    causes: dict[str, int] = field(default_factory=dict)  # missed pairs (at the floor) by what they hold
    exhaustive_seconds: float = 0.0
    candidate_seconds: float = 0.0


def candidate_recall(screener: Screener, label: str, names: Sequence[str], workers: int) -> Recall:
    """Candidate-stage recall for the distinct forms of ``names``, formed as screen_batch forms them."""
    from screening.normalize import name_forms
    from screening.scoring import factors
    from screening.scoring.batch import MAX_CANDIDATES, alert_candidates

    index = screener.index
    distinct: dict[tuple[str, ...], object] = {}
    for name in names:
        if isinstance(name, str):
            for form in name_forms(name):
                if form.tokens:  # as Screener: forms without tokens are not screened
                    distinct.setdefault(form.tokens, form)
    batch = index.prepare(list(distinct.values()))
    floor = DEFAULT_THRESHOLD - factors.MAX_BOOST
    n_names = len(index)

    start = time.perf_counter()
    cands = alert_candidates(index, batch, DEFAULT_THRESHOLD)  # as screen_batch searches
    candidate_seconds = time.perf_counter() - start
    cand_keys = cands.query.astype(np.int64) * n_names + cands.name

    start = time.perf_counter()
    keys, scores, positive = exhaustive_scores(index, batch, floor, workers)
    exhaustive_seconds = time.perf_counter() - start

    found = np.isin(keys, cand_keys)
    by_floor = {}
    for f in (floor, DEFAULT_THRESHOLD):
        sel = scores >= f
        by_floor[f] = (int(sel.sum()), int((sel & found).sum()))
    misses, causes = [], {}
    lost = np.flatnonzero(~found)
    if len(lost):
        uncapped = alert_candidates(index, batch, DEFAULT_THRESHOLD, top_k=None)
        uncapped_keys = uncapped.query.astype(np.int64) * n_names + uncapped.name
        lost_q, lost_name = np.divmod(keys[lost], n_names)
        l_tok = index.name_tokens[lost_name]
        listed_initial = ((l_tok >= 0) & (index.vocab.length[np.maximum(l_tok, 0)] == 1)).any(axis=1)
        query_initial = batch.initial_count[lost_q] > 0
        capped = np.isin(keys[lost], uncapped_keys)
        causes = {
            f"cut by top_k={MAX_CANDIDATES}": int(capped.sum()),
            "listed name holds a one-letter token": int((~capped & listed_initial).sum()),
            "query holds a one-letter token": int((~capped & ~listed_initial & query_initial).sum()),
            "neither": int((~capped & ~listed_initial & ~query_initial).sum()),
        }
        for j in np.argsort(-scores[lost], kind="stable"):
            q, nm = int(lost_q[j]), int(lost_name[j])
            why = f"cut by top_k={MAX_CANDIDATES}" if capped[j] else "not in the candidate product"
            text = f"'{batch.names[q].text}' ~ '{index.names[nm].value}' name score {scores[lost[j]]:.1f} ({why})"
            if text not in misses:  # the same listed text may be several entities' names
                misses.append(text)
            if len(misses) == 5:
                break
    return Recall(label, len(names), len(batch), len(batch) * n_names, positive, len(cand_keys), by_floor, misses,
                  causes, exhaustive_seconds, candidate_seconds)


# --- part 5: the alternatives -----------------------------------------------------------------

@dataclass
class Choices:
    """Every listed name and alias of the loaded entities, normalized the alternatives' way."""

    texts: list[str]
    owner: np.ndarray  # entity position per text
    entity_ids: list[str]
    seconds: float


def listed_choices(lists: NewestLists) -> Choices:
    from quality import plain

    start = time.perf_counter()
    entities: dict[str, object] = {}
    for lst in lists.lists.values():  # like Screener: the first list holding an id wins
        for entity in lst:
            entities.setdefault(entity.entity_id, entity)
    texts, owner = [], []
    for i, entity in enumerate(entities.values()):
        for name in entity.all_names():
            if text := plain(name.value):
                texts.append(text)
                owner.append(i)
    return Choices(texts, np.asarray(owner, dtype=np.int64), list(entities), time.perf_counter() - start)


def _pairs(rows: np.ndarray, entities: np.ndarray, n_entities: int) -> np.ndarray:
    """Distinct (row, entity) keys."""
    return np.unique(rows.astype(np.int64) * n_entities + entities)


def cdist_alerts(choices: Choices, names: Sequence[str], cutoff: float) -> np.ndarray:
    """What a competent user writes with rapidfuzz: WRatio of every query against every listed name
    (all cores), alerts = distinct (row, entity) with a name scoring at least ``cutoff``."""
    from quality import plain
    from rapidfuzz import fuzz, process

    queries = [plain(n) if isinstance(n, str) else "" for n in names]
    keys = []
    for s in range(0, len(queries), CDIST_CHUNK):
        matrix = process.cdist(queries[s:s + CDIST_CHUNK], choices.texts, scorer=fuzz.WRatio, score_cutoff=cutoff,
                               workers=-1, dtype=np.float32)
        r, c = np.nonzero(matrix >= cutoff)
        keys.append(_pairs(r + s, choices.owner[c], len(choices.entity_ids)))
    return np.unique(np.concatenate(keys)) if keys else np.empty(0, np.int64)


class Tfidf:
    """Character-3-gram TF-IDF of the listed names (words padded with a space on both sides, as
    scikit-learn's ``char_wb``; smooth idf, l2 rows), matched with ``sparse_dot_topn``."""

    def __init__(self, choices: Choices, threads: int):
        start = time.perf_counter()
        self.choices, self.threads = choices, threads
        self.vocab: dict[str, int] = {}
        counts = self._counts(choices.texts, grow=True)
        df = np.bincount(counts.indices, minlength=len(self.vocab))
        self.idf = (np.log((1 + counts.shape[0]) / (1 + df)) + 1).astype(np.float32)
        self.names_t = self._weigh(counts).T.tocsr()  # (grams x names)
        self.seconds = time.perf_counter() - start

    @staticmethod
    def _grams(text: str) -> list[str]:
        out = []
        for word in text.split():
            padded = f" {word} "
            out.extend(padded[i:i + 3] for i in range(len(padded) - 2))
        return out

    def _counts(self, texts: Sequence[str], grow: bool = False):
        import scipy.sparse as sp

        rows, cols = [], []
        vocab = self.vocab
        for r, text in enumerate(texts):
            for g in self._grams(text):
                c = vocab.get(g)
                if c is None:
                    if not grow:
                        continue
                    c = vocab[g] = len(vocab)
                rows.append(r)
                cols.append(c)
        data = np.ones(len(rows), dtype=np.float32)
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(len(texts), len(vocab)), dtype=np.float32)
        matrix.sum_duplicates()
        return matrix

    def _weigh(self, counts):
        import scipy.sparse as sp

        weighted = counts @ sp.diags(self.idf[:counts.shape[1]])
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        return (sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ weighted).tocsr().astype(
            np.float32)

    def top(self, names: Sequence[str], threshold: float):
        """(queries x listed names) holding each query's TOP_N best cosines above ``threshold``."""
        from quality import plain
        from sparse_dot_topn import sp_matmul_topn

        queries = self._weigh(self._counts([plain(n) if isinstance(n, str) else "" for n in names]))
        return sp_matmul_topn(queries, self.names_t, top_n=TOP_N, threshold=threshold, sort=True,
                              n_threads=self.threads)

    def alerts(self, names: Sequence[str], threshold: float) -> np.ndarray:
        """Distinct (row, entity) keys with a cosine of at least ``threshold``."""
        m = self.top(names, threshold - 1e-6).tocoo()  # sp_matmul_topn keeps values above the threshold
        return _pairs(m.row, self.choices.owner[m.col], len(self.choices.entity_ids))

    def results(self, queries: pd.DataFrame) -> pd.DataFrame:
        """quality.py's results layout for the devset: (query_id, rank, entity_id, score 0..100), best
        name per entity among the TOP_N best names."""
        m = self.top(queries["name"].tolist(), 0.0).tocoo()
        frame = pd.DataFrame({"q": m.row, "entity": self.choices.owner[m.col],
                              "score": np.round(m.data.astype(np.float64) * 100, 2)})
        frame = frame.sort_values(["q", "score"], ascending=[True, False], kind="stable").drop_duplicates(["q", "entity"])
        frame["rank"] = frame.groupby("q").cumcount() + 1
        return pd.DataFrame({"query_id": queries.index.to_numpy()[frame["q"].to_numpy()],
                             "rank": frame["rank"].to_numpy(),
                             "entity_id": [self.choices.entity_ids[i] for i in frame["entity"]],
                             "score": frame["score"].to_numpy()})


# --- the devset, labelled against the loaded lists -----------------------------------------------

def labelled_devset(path: Path, lists_dir: Path, known: set[str]) -> pd.DataFrame:
    """The devset with quality.py's columns; ``not_loaded`` marks positives none of whose expected
    ids is among the loaded entities (e.g. parties delisted since the devset's 2021 SDN list)."""
    from quality import dpl_row_ids, read_queries

    queries = read_queries(path)
    raw = queries["expected"].fillna("").map(lambda s: [i.strip() for i in s.split("|") if i.strip()])
    dpl_file = lists_dir / "bis_dpl" / "dpl.txt"  # the devset's DPL ids are row numbers of this file
    dpl = dpl_row_ids(dpl_file) if dpl_file.exists() else {}
    ids = raw.map(lambda ids: tuple(lib for i in ids for lib in dpl.get(i, (i,))))
    return queries.assign(positive=raw.map(bool), ids=ids,
                          not_loaded=raw.map(bool) & ~ids.map(lambda ids: any(i in known for i in ids)))


@dataclass
class DevsetFigures:
    threshold: float
    found: int
    counted: int
    alerts: int
    negatives: int

    @property
    def recall(self) -> float:
        return self.found / self.counted if self.counted else float("nan")

    @property
    def alert_rate(self) -> float:
        return self.alerts / self.negatives if self.negatives else float("nan")


def devset_figures(labelled: pd.DataFrame, results: pd.DataFrame, threshold: float) -> DevsetFigures:
    from quality import outcomes

    out = outcomes(labelled, results)
    counted = out["positive"] & ~out["not_loaded"]
    negative = ~out["positive"]
    return DevsetFigures(threshold, int((counted & (out["hit_score"] >= threshold)).sum()), int(counted.sum()),
                         int((negative & (out["top_score"] >= threshold)).sum()), int(negative.sum()))


def negative_top_scores(labelled: pd.DataFrame, results: pd.DataFrame) -> pd.Series:
    from quality import outcomes

    out = outcomes(labelled, results)
    return out.loc[~out["positive"], "top_score"]


# --- formatting -----------------------------------------------------------------------------------

def pct(x: float, digits: int = 1) -> str:
    return "n/a" if math.isnan(x) else f"{100 * x:.{digits}f}%"


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB" if kib else "n/a"


def met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def table(rows: list[dict], index: str) -> str:
    return markdown_table(pd.DataFrame(rows).set_index(index))


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"
    except OSError:
        return "n/a"


# --- entry point ------------------------------------------------------------------------------------

def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists-dir", type=Path, default=DEFAULT_LISTS_DIR, help="folder of the list files")
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="labelled queries CSV")
    parser.add_argument("--sizes", help="batch sizes, comma separated (default 10000,100000,1000000)")
    parser.add_argument("--quick", action="store_true",
                        help="sizes 10000,100000 and smaller samples for recall (300 rows) and cdist (200 rows)")
    parser.add_argument("--latency-calls", type=int, default=10_000, help="single lookups timed (default 10000)")
    parser.add_argument("--recall-rows", type=int, help="synthetic rows for the candidate recall (default 2000)")
    parser.add_argument("--cdist-rows", type=int,
                        help="synthetic rows screened by rapidfuzz cdist (default 2000: it screens ~10 rows/s here)")
    parser.add_argument("--no-record", action="store_true", help="do not append the report to RESULTS.md")
    args = parser.parse_args(argv)
    sizes = args.sizes or ",".join(map(str, QUICK_SIZES if args.quick else DEFAULT_SIZES))
    args.sizes = sorted({int(s.replace("_", "")) for s in sizes.split(",") if s.strip()})
    args.recall_rows = args.recall_rows or (300 if args.quick else 2_000)
    args.cdist_rows = args.cdist_rows or (200 if args.quick else 2_000)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--child-batch"]:
        child_batch(argv[1], int(argv[2]), int(argv[3]), int(argv[4]))
        return 0
    args = parse_args(argv)
    cores = available_cores()
    started = utc_now()
    load_before = load_average()
    sections: list[str] = []
    targets: list[dict] = []

    def emit(title: str, lines: Sequence[str]) -> None:
        text = f"### {title}\n\n" + "\n".join(lines)
        print(text + "\n", flush=True)
        sections.append(text)

    def target(what: str, goal: str, measured: str, ok: bool | None) -> None:
        targets.append({"target": what, "goal": goal, "measured": measured, "met": met(ok)})

    # --- lists -----------------------------------------------------------------------------------
    lists = load_newest(args.lists_dir)
    if not lists.lists:
        print(f"no list could be loaded from {args.lists_dir}: {lists.failed}", file=sys.stderr)
        return 1
    rows = [{"source": s, "path": str(lists.paths[s].relative_to(args.lists_dir)),
             "entities": f"{len(lists.lists[s]):,}" if s in lists.lists else "-",
             "issues": len(lists.lists[s].issues) if s in lists.lists else "-",
             "load s": f"{lists.seconds[s]:.2f}",
             "status": "loaded" if s in lists.lists else f"skipped: {lists.failed[s]}"} for s in NEWEST]
    build_start = time.perf_counter()
    screener = Screener(lists.lists.values())
    build_s = time.perf_counter() - build_start
    emit("Lists (all loaded together)", [
        table(rows, "source"), "",
        f"- {sum(map(len, lists.lists.values())):,} entities in the lists, {screener.entity_count:,} distinct "
        f"(an id in two lists counts once, the first wins), {len(screener.index):,} indexed name forms",
        "- one folder per source, its newest usable version (`common.NEWEST`): OFAC SDN 2023-12 (2024-05 is "
        "sdn.csv alone, 2021 older), DPL 2023-11 (not 2019), CSL 2023-11 sample of 4,226 rows (the 2025-06 "
        "sample has 13), EU and OFAC advanced XML are the only excerpts there are",
        f"- sources the library knows without a folder here: {', '.join(lists.unmapped) or 'none'} "
        f"(starter is the bundled sample, custom a firm's own list)",
    ])
    print(f"loaded: {', '.join(f'{s} {len(l):,}' for s, l in lists.lists.items())}; "
          f"skipped: {lists.failed or 'none'}", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="screening-bench-") as tmp:
        # --- 1. index --------------------------------------------------------------------------
        index_path = Path(tmp) / "lists.index"
        start = time.perf_counter()
        screener.save(index_path)
        save_s = time.perf_counter() - start
        size = index_path.stat().st_size
        loads = [cold_load(index_path) for _ in range(LOAD_RUNS)]
        med = {k: statistics.median(r[k] for r in loads) for k in ("import", "load", "first_match", "since_launch")}
        emit("1. Index", [table([
            {"step": "build: Screener(lists)", "time": f"{build_s:.2f} s", "target": f"<= {T_BUILD_S:g} s",
             "met": met(build_s <= T_BUILD_S)},
            {"step": "save: screener.save(path)", "time": f"{save_s:.2f} s ({size / 2**20:.1f} MiB file)",
             "target": "", "met": ""},
            {"step": "load: Screener.load(path), cold process", "time": f"{med['load']:.3f} s",
             "target": f"<= {T_LOAD_S:g} s", "met": met(med["load"] <= T_LOAD_S)},
            {"step": "  first match after the load", "time": f"{med['first_match']:.3f} s", "target": "", "met": ""},
            {"step": "  import screening", "time": f"{med['import']:.3f} s", "target": "", "met": ""},
            {"step": "  process launch to first match", "time": f"{med['since_launch']:.3f} s", "target": "",
             "met": ""},
        ], "step"), "",
            f"- cold load: median of {LOAD_RUNS} fresh interpreters (each: `import screening`, `Screener.load`, "
            f"then `match({FIRST_QUERY[0]!r})` -> {loads[0]['hits']} hit(s)); load times "
            f"{', '.join(format(r['load'], '.3f') for r in loads)} s; the file was in the page cache",
        ])
        target("index build", f"<= {T_BUILD_S:g} s", f"{build_s:.1f} s", build_s <= T_BUILD_S)
        target("index load (cold process)", f"<= {T_LOAD_S:g} s", f"{med['load']:.2f} s", med["load"] <= T_LOAD_S)

        # --- 2. batch --------------------------------------------------------------------------
        runs: list[BatchRun] = []
        for n in args.sizes:
            runs.append(batch_in_subprocess(index_path, n, cores, chunk_rows(n, cores)))
            print(f"batch {n:,} on {cores} workers: {runs[-1].rows_per_s:,.0f} rows/s", file=sys.stderr)
            if n == 100_000 and cores > 1:
                runs.append(batch_in_subprocess(index_path, n, 1, chunk_rows(n, 1)))
                print(f"batch {n:,} on 1 worker: {runs[-1].rows_per_s:,.0f} rows/s", file=sys.stderr)
        # Part 5 times a screener as a batch job gets it: loaded, its token-match cache empty
        # (forked workers fill their own copies, which end with them).
        loaded = Screener.load(index_path)
    batch_rows = []
    for r in runs:
        res = r.result
        batch_rows.append({
            "rows": f"{r.n:,}", "workers": r.workers, "chunk": f"{r.chunk:,}", "seconds": f"{r.seconds:.1f}",
            "rows/s": f"{r.rows_per_s:,.0f}", f">= {T_ROWS_PER_S:,}": met(r.rows_per_s >= T_ROWS_PER_S),
            "rows alerting": f"{res['alert_rows']:,} ({res['alert_rows'] / r.n:.2%})",
            "peak RSS main": mib(res["maxrss_self_kib"]), "peak RSS worker": (
                mib(res["maxrss_children_kib"]) if r.workers > 1 else "-"),
            "peak PSS total": mib(r.peak_pss_kib),
            f"<= {T_RSS_GIB:g} GiB": met(max(r.peak_pss_kib, res["maxrss_self_kib"]) <= T_RSS_GIB * 2**20),
            "generating input": f"{res['gen_seconds']:.1f} s",
        })
    by = {(r.n, r.workers): r for r in runs}
    lines = [table(batch_rows, "rows"), ""]
    exponent = None
    if (100_000, cores) in by and (1_000_000, cores) in by:
        exponent = math.log(by[1_000_000, cores].seconds / by[100_000, cores].seconds) / math.log(10)
        lines.append(f"- scaling exponent log(t_1M / t_100k) / log(10) on {cores} workers: {exponent:.3f} "
                     f"(target <= {T_EXPONENT}: {met(exponent <= T_EXPONENT)})")
    else:
        lines.append("- scaling exponent: needs sizes 100000 and 1000000")
    if (100_000, cores) in by and (100_000, 1) in by:
        lines.append(f"- 100k: {cores} workers vs 1: {by[100_000, cores].rows_per_s / by[100_000, 1].rows_per_s:.2f}x")
    lines += [
        f"- each size in its own process: it loads the saved index (not timed), then screens synthetic customers "
        f"(`synthetic.py`, seed {BATCH_SEED}) generated chunk by chunk into `Screener.iter_screen` "
        f"(threshold {DEFAULT_THRESHOLD:g}, limit 10, name/schema/country/birth_date); rows/s is end to end, "
        f"input generation included (column 'generating input', done in the main process between chunks)",
        "- peak RSS main / worker: ru_maxrss of the process and of its largest forked worker (a worker's RSS "
        "counts the index pages it shares with the main process); peak PSS total: the process tree's summed "
        f"proportional set size, sampled every {SAMPLE_SECONDS} s (shared pages counted once), used for the "
        "memory target together with the main process's peak RSS",
    ]
    emit("2. Batch screening", lines)
    largest = max((r for r in runs if r.workers == cores), key=lambda r: r.n)
    target(f"batch rows/s ({largest.n:,} rows, {cores} workers)", f">= {T_ROWS_PER_S:,}",
           f"{largest.rows_per_s:,.0f}", largest.rows_per_s >= T_ROWS_PER_S)
    if (1_000_000, cores) in by:
        r = by[1_000_000, cores]
        peak = max(r.peak_pss_kib, r.result["maxrss_self_kib"])
        target("peak memory, 1M rows", f"<= {T_RSS_GIB:g} GiB", f"{peak / 2**20:.2f} GiB", peak <= T_RSS_GIB * 2**20)
    else:
        target("peak memory, 1M rows", f"<= {T_RSS_GIB:g} GiB", "not run", None)
    target("scaling exponent 100k -> 1M", f"<= {T_EXPONENT}", f"{exponent:.3f}" if exponent else "not run",
           None if exponent is None else exponent <= T_EXPONENT)

    # --- 3. single lookups -----------------------------------------------------------------------
    lat = latency(screener, args.latency_calls)

    def lat_row(kind: str, ms: np.ndarray) -> dict:
        return {"names": kind, "calls": f"{len(ms):,}", "p50 ms": f"{np.percentile(ms, 50):.3f}",
                "p90 ms": f"{np.percentile(ms, 90):.3f}", "p99 ms": f"{np.percentile(ms, 99):.3f}",
                "max ms": f"{ms.max():.1f}", "mean ms": f"{ms.mean():.3f}"}

    p50, p99 = np.percentile(lat["all"], [50, 99])
    emit("3. Single lookups (`Screener.match`, warm, one thread)", [
        table([lat_row("all", lat["all"]), lat_row("synthetic", lat["synthetic"]),
               lat_row("listed", lat["listed"])], "names"), "",
        f"- targets: p50 <= {T_P50_MS} ms ({met(p50 <= T_P50_MS)}), p99 <= {T_P99_MS} ms ({met(p99 <= T_P99_MS)})",
        f"- names: synthetic customers (seed {LATENCY_SEED}) with their schema and country, and "
        f"{LISTED_SHARE:.0%} primary names of random loaded entities with their schema "
        f"({lat['listed_hits'].mean():.1%} of those alert on themselves or another); "
        f"{WARMUP_CALLS} untimed calls first; default threshold, limit 10",
    ])
    target("single lookup p50", f"<= {T_P50_MS} ms", f"{p50:.3f} ms", p50 <= T_P50_MS)
    target("single lookup p99", f"<= {T_P99_MS} ms", f"{p99:.3f} ms", p99 <= T_P99_MS)

    # --- 4. candidate-stage recall -------------------------------------------------------------------
    from quality import read_queries
    from screening.scoring import factors

    devset_names = read_queries(args.devset)["name"].tolist()
    recall_runs = [candidate_recall(screener, f"devset ({args.devset.name})", devset_names, cores),
                   candidate_recall(screener, f"synthetic (seed {RECALL_SEED})",
                                    synthetic.generate(args.recall_rows, RECALL_SEED)["name"].tolist(), cores)]
    floor = DEFAULT_THRESHOLD - factors.MAX_BOOST
    rec_rows, miss_lines = [], []
    for rc in recall_runs:
        (n74, f74), (n80, f80) = rc.by_floor[floor], rc.by_floor[DEFAULT_THRESHOLD]
        rec_rows.append({
            "query set": rc.label, "rows": f"{rc.rows:,}", "distinct forms": f"{rc.forms:,}",
            "pairs scored": f"{rc.pairs:,}", "pairs > 0": f"{rc.positive:,}",
            "candidates": f"{rc.candidates:,} ({rc.candidates / max(rc.forms, 1):.1f}/form)",
            f"recall, name score >= {floor:g}": f"{pct(f74 / n74 if n74 else float('nan'), 2)} ({f74:,}/{n74:,})",
            f"recall, name score >= {DEFAULT_THRESHOLD:g}":
                f"{pct(f80 / n80 if n80 else float('nan'), 2)} ({f80:,}/{n80:,})",
            f">= {T_RECALL:.1%}": met(n74 == 0 or f74 / n74 >= T_RECALL),
            "exhaustive s": f"{rc.exhaustive_seconds:.0f}",
        })
        if rc.causes:
            miss_lines.append(f"- {rc.label}: {n74 - f74} missed pairs: "
                              + "; ".join(f"{why}: {k}" for why, k in rc.causes.items() if k))
        miss_lines += [f"  - e.g. {m}" for m in rc.misses]
    emit("4. Candidate-stage recall", [
        table(rec_rows, "query set"), "",
        f"- every (distinct query form, listed name form) pair name-scored with `score_pairs` (slices of "
        f"{PAIR_SLICE:,} pairs on {cores} processes); recall = share of pairs with a name score >= "
        f"DEFAULT_THRESHOLD - MAX_BOOST = {floor:g} (the lowest that can still alert) that "
        f"`alert_candidates` (the search screen_batch makes) returns",
        *(miss_lines or ["- no pair missed"]),
    ])
    worst = min((rc.by_floor[floor][1] / rc.by_floor[floor][0] for rc in recall_runs if rc.by_floor[floor][0]),
                default=float("nan"))
    target("candidate recall (name score >= floor)", f">= {T_RECALL:.1%}", pct(worst, 2),
           None if math.isnan(worst) else worst >= T_RECALL)

    # --- 5. alternatives -----------------------------------------------------------------------------------
    from quality import BASELINE_THRESHOLD, screen_baseline, screen_library, threshold_for_alert_rate

    choices = listed_choices(lists)
    tfidf = Tfidf(choices, cores)
    known = {e.entity_id for e in screener.index.entities}
    devset = labelled_devset(args.devset, args.lists_dir, known)
    lib_results, _ = screen_library(screener, devset)
    lib_dev = devset_figures(devset, lib_results, DEFAULT_THRESHOLD)
    entities_by_id = {e.entity_id: e for lst in lists.lists.values() for e in lst}
    base_entities = [entities_by_id[i] for i in choices.entity_ids]
    base_results, _ = screen_baseline(base_entities, devset["name"])
    cdist_dev = devset_figures(devset, base_results, BASELINE_THRESHOLD)
    tfidf_results = tfidf.results(devset)
    t_tfidf = threshold_for_alert_rate(negative_top_scores(devset, tfidf_results), lib_dev.alert_rate)
    tfidf_dev = devset_figures(devset, tfidf_results, t_tfidf)
    t_cdist = threshold_for_alert_rate(negative_top_scores(devset, base_results), lib_dev.alert_rate)
    cdist_cal = devset_figures(devset, base_results, t_cdist)

    customers = synthetic.generate(max(100_000, args.cdist_rows), ALT_SEED)
    speed: list[tuple[str, int, float, int]] = []  # (matcher, rows, seconds, rows alerting)

    def timed(label: str, n: int, fn) -> None:
        start = time.perf_counter()
        keys = fn(customers.iloc[:n])
        speed.append((label, n, time.perf_counter() - start, len(np.unique(keys))))
        print(f"{label}, {n:,} rows: {n / speed[-1][2]:,.0f} rows/s", file=sys.stderr)

    def library(frame: pd.DataFrame) -> np.ndarray:
        alerts = loaded.screen(frame, **SCREEN_COLUMNS, workers=cores, chunk_size=chunk_rows(len(frame), cores))
        return alerts["row"].to_numpy()

    for n in (10_000, 100_000):
        timed("library", n, library)
        timed("tfidf", n, lambda f: tfidf.alerts(f["name"].tolist(), t_tfidf / 100) // len(choices.entity_ids))
    timed("cdist", args.cdist_rows,
          lambda f: cdist_alerts(choices, f["name"].tolist(), BASELINE_THRESHOLD) // len(choices.entity_ids))
    lib_speed = {n: n / s for label, n, s, _ in speed if label == "library"}
    labels = {
        "library": f"library `Screener.screen` @{DEFAULT_THRESHOLD:g}, {cores} workers",
        "cdist": f"rapidfuzz `cdist` WRatio @{BASELINE_THRESHOLD:g}, workers=-1",
        "tfidf": f"TF-IDF char 3-grams + sp_matmul_topn top {TOP_N} @{t_tfidf / 100:.2f}, {cores} threads",
    }
    dev = {"library": lib_dev, "cdist": cdist_dev, "tfidf": tfidf_dev}
    alt_rows = []
    for label, n, s, alerting in speed:
        reference = lib_speed.get(n, lib_speed[10_000])
        d = dev[label]
        alt_rows.append({
            "matcher": labels[label], "rows": f"{n:,}", "rows/s": f"{n / s:,.0f}",
            "library speed-up": "1.0x" if label == "library" else f"{reference / (n / s):,.1f}x",
            "devset recall": f"{pct(d.recall)} ({d.found}/{d.counted})",
            "devset negatives alerting": f"{pct(d.alert_rate)} ({d.alerts}/{d.negatives})",
            "synthetic rows alerting": f"{alerting / n:.2%}",
        })
    cdist_speed = next(n / s for label, n, s, _ in speed if label == "cdist")
    tfidf_speed = {n: n / s for label, n, s, _ in speed if label == "tfidf"}
    vs_cdist = lib_speed[10_000] / cdist_speed
    vs_tfidf = min(lib_speed[n] / tfidf_speed[n] for n in tfidf_speed)
    emit("5. Library vs alternatives (same customers, same run)", [
        table(alt_rows, "matcher"), "",
        f"- customers: synthetic, seed {ALT_SEED}; the first 10,000 / 100,000 rows; cdist on the first "
        f"{args.cdist_rows:,} rows only (10,000 rows not measured: too slow for one run), its speed-up is against "
        f"the library's 10,000-row rate; the library is a freshly loaded screener, as in part 2 but in this "
        f"process; each matcher's time covers normalizing the queries, matching and collecting "
        f"(row, entity) alerts; preparing the listed names is not timed (alternatives: {choices.seconds:.1f} s "
        f"normalizing {len(choices.texts):,} names of {len(choices.entity_ids):,} entities, TF-IDF fit "
        f"{tfidf.seconds:.1f} s; library index build {build_s:.1f} s)",
        f"- devset recall: an expected id among the 10 best entities scoring >= the matcher's threshold, over the "
        f"{lib_dev.counted} positives with an expected id among the loaded entities (of "
        f"{int(devset['positive'].sum())}; the others were delisted or renumbered since the devset's lists); "
        f"all lists loaded, so these are not quality.py's figures",
        f"- TF-IDF threshold {t_tfidf / 100:.2f}: the lowest cosine (0.01 grid) at which no more devset negatives "
        f"alert than the library's {lib_dev.alerts}/{lib_dev.negatives}; cdist at the same alert rate "
        f"(WRatio >= {t_cdist:g}): recall {pct(cdist_cal.recall)}, negatives alerting {pct(cdist_cal.alert_rate)}",
        f"- library vs cdist: {vs_cdist:,.1f}x (target >= {T_VS_CDIST:g}x: {met(vs_cdist >= T_VS_CDIST)}); "
        f"vs TF-IDF: {vs_tfidf:.2f}x at worst (target > 1: {met(vs_tfidf > 1)})",
    ])
    target("speed vs rapidfuzz cdist", f">= {T_VS_CDIST:g}x", f"{vs_cdist:,.1f}x", vs_cdist >= T_VS_CDIST)
    target("speed vs TF-IDF", "> 1x", f"{vs_tfidf:.2f}x", vs_tfidf > 1)

    # --- targets and record --------------------------------------------------------------------------------------
    emit("Targets", [table(targets, "target")])
    header = [
        f"- machine: {machine_description()}; {cores} cores available to this process",
        f"- revision: {revision()}",
        f"- started {started}; load average at start {load_before}, at end {load_average()} "
        f"(other processes may share the machine: rates are lower bounds)",
        f"- lists: {', '.join(f'{s} {len(l):,}' for s, l in lists.lists.items())}"
        + (f"; skipped: {'; '.join(f'{s} ({why})' for s, why in lists.failed.items())}" if lists.failed else ""),
        f"- options: sizes {', '.join(f'{n:,}' for n in args.sizes)}; latency calls {args.latency_calls:,}; "
        f"recall rows {args.recall_rows:,}; cdist rows {args.cdist_rows:,}",
    ]
    print("\n".join(header))
    if not args.no_record:
        append_section(f"throughput.py — {utc_now()}", "\n".join(header) + "\n\n" + "\n\n".join(sections))
        print("appended to benchmarks/RESULTS.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
