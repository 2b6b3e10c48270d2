"""Matching quality on the labelled devset, side by side with a plain rapidfuzz baseline.

    python benchmarks/quality.py [--lists-dir DIR] [--devset CSV] [--threshold T]
                                 [--misses FILE] [--no-record]

Screens every devset query in one ``Screener.screen`` call (threshold 0, the 10 best
results per query) and reports per variation category: recall at the default threshold,
recall@1, and recall at the threshold where 1% of the hard negatives alert; then the same
for rapidfuzz ``WRatio`` over the same entities' names. Measures are defined in
``shared/devset/README.md``. The report is printed and appended to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from unidecode import unidecode

from common import (
    DEFAULT_DEVSET, DEFAULT_LISTS_DIR, Universe, append_section, load_universe, machine_description,
    markdown_table, revision, utc_now,
)
import synthetic
from screening import DEFAULT_THRESHOLD, Entity, Screener
from screening.sources import bis_dpl

TOP_K = 10  # the devset finds a positive among a query's 10 best results
ALERT_BUDGET = 0.01  # share of hard negatives allowed to alert at the comparison threshold "T1%"
BASELINE_THRESHOLD = 85.0  # a common WRatio cut-off
QUERY_COLUMNS = ["name", "schema", "country", "birth_date"]
MISS_FIELDS = ["entity_id", "listed_name", "matched_name", "score"]


# --- the devset ---------------------------------------------------------------------------

def read_queries(path: Path) -> pd.DataFrame:
    """The devset indexed by query_id, empty cells as missing values."""
    # keep_default_na=False so that only empty cells become missing, never a name like "NA".
    queries = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("query_id")
    return queries.replace("", None)


def label_queries(queries: pd.DataFrame, universe: Universe) -> pd.DataFrame:
    """Add ``positive``, ``not_loaded`` and ``ids`` (the expected ids as the library names them)."""
    raw = queries["expected"].fillna("").map(lambda s: [i.strip() for i in s.split("|") if i.strip()])
    dpl = dpl_row_ids(universe.paths["bis-dpl"]) if "bis-dpl" in universe.lists else {}
    return queries.assign(
        positive=raw.map(bool),
        # Only a list the library cannot load could find these: not a miss of the matcher.
        not_loaded=raw.map(lambda ids: bool(ids) and all(_source(i) in universe.not_loaded for i in ids)),
        ids=raw.map(lambda ids: tuple(lib_id for i in ids for lib_id in dpl.get(i, (i,)))),
    )


def _source(entity_id: str) -> str:
    return entity_id.split(":", 1)[0]


def dpl_row_ids(dpl_file: Path) -> dict[str, tuple[str, ...]]:
    """Devset DPL id (``bis-dpl:<n>``, n = 1-based data row of dpl.txt) -> the library's entity id.

    The library gives DPL parties stable ids of its own and merges a party's rows (one
    per address); its loader says which entity each data row went into.
    """
    return {f"bis-dpl:{n}": (entity_id,) for n, entity_id in enumerate(bis_dpl.row_entity_ids(dpl_file), start=1)
            if entity_id}


def warn_unknown_ids(labelled: pd.DataFrame, universe: Universe) -> None:
    """Warn about expected ids of loaded sources that no loaded entity has: they can only count as misses."""
    known = {e.entity_id for lst in universe.lists.values() for e in lst}
    unknown = sorted({i for ids in labelled["ids"] for i in ids if _source(i) in universe.lists and i not in known})
    if unknown:
        print(f"warning: expected ids not among the loaded entities: {', '.join(unknown)}", file=sys.stderr)


def universe_entities(universe: Universe) -> list[Entity]:
    """Every loaded entity once; like Screener, the first list holding an id wins."""
    entities: dict[str, Entity] = {}
    for lst in universe.lists.values():
        for entity in lst:
            entities.setdefault(entity.entity_id, entity)
    return list(entities.values())


# --- the two matchers: each returns results (query_id, rank, entity_id, score, ...) and seconds

def screen_library(screener: Screener, queries: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """The library's TOP_K best candidates per query, from one timed ``screen`` call."""
    start = time.perf_counter()
    alerts = screener.screen(queries[QUERY_COLUMNS], name="name", schema="schema", country="country",
                             birth_date="birth_date", limit=TOP_K, threshold=0)
    seconds = time.perf_counter() - start
    # `row` is the input's index label, i.e. the query_id; results come best first within a row.
    results = alerts.rename(columns={"row": "query_id"})
    results["rank"] = results.groupby("query_id", sort=False).cumcount() + 1
    return results, seconds


_PUNCTUATION = re.compile(r"[^\w\s]+")


def plain(name: str) -> str:
    """The baseline's normalization: ASCII transliteration, lower case, punctuation as spaces."""
    return " ".join(_PUNCTUATION.sub(" ", unidecode(name).lower()).split())


def screen_baseline(entities: Sequence[Entity], names: pd.Series) -> tuple[pd.DataFrame, float]:
    """The TOP_K entities per query by their best-scoring name under WRatio."""
    start = time.perf_counter()
    owner, choices = [], []
    for i, entity in enumerate(entities):
        for name in entity.all_names():
            if text := plain(name.value):
                owner.append(i)
                choices.append(text)
    matrix = process.cdist([plain(n) for n in names.fillna("")], choices, scorer=fuzz.WRatio, workers=-1,
                           dtype=np.float32)
    # Choices are grouped by entity, so an entity's best name is the max over its group of columns.
    owners = np.asarray(owner)
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    per_entity = np.maximum.reduceat(matrix, starts, axis=1)
    top = np.argsort(-per_entity, axis=1, kind="stable")[:, :TOP_K]
    seconds = time.perf_counter() - start
    k = top.shape[1]
    results = pd.DataFrame({
        "query_id": np.repeat(names.index.to_numpy(), k),
        "rank": np.tile(np.arange(1, k + 1), len(names)),
        "entity_id": [entities[i].entity_id for i in owners[starts][top].ravel()],
        # On the library's 0.01 grid, so both get thresholds the same way.
        "score": np.round(np.take_along_axis(per_entity, top, axis=1).ravel().astype(np.float64), 2),
    })
    return results, seconds


# --- measures -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evaluation:
    """One matcher's figures on the devset."""

    outcomes: pd.DataFrame  # per query, see outcomes()
    threshold: float  # its default threshold
    t1: float  # the threshold at which ALERT_BUDGET of the negatives alert
    counts: pd.DataFrame  # per category, see tally()
    seconds: float


def evaluate(labelled: pd.DataFrame, results: pd.DataFrame, threshold: float, seconds: float) -> Evaluation:
    out = outcomes(labelled, results)
    t1 = threshold_for_alert_rate(out.loc[~out["positive"], "top_score"], ALERT_BUDGET)
    return Evaluation(out, threshold, t1, tally(out, threshold, t1), seconds)


def outcomes(labelled: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    """Per query: category, positive, not_loaded; hit_rank and hit_score, the best rank and best
    score of an expected id among the results (NaN if none); top_score (NaN without results)."""
    expected = labelled["ids"].explode().dropna().rename("entity_id").reset_index()
    hits = (results.merge(expected, on=["query_id", "entity_id"])
            .groupby("query_id").agg(hit_rank=("rank", "min"), hit_score=("score", "max")))
    top = results.groupby("query_id")["score"].max().rename("top_score")
    return labelled[["category", "positive", "not_loaded"]].join(hits).join(top)


def threshold_for_alert_rate(top_scores: pd.Series, rate: float) -> float:
    """The smallest threshold on the 0.01 score grid at which at most ``rate`` of the queries alert."""
    allowed = math.floor(rate * len(top_scores) + 1e-9)  # 166 negatives at 1%: one may alert
    scores = np.sort(top_scores.dropna().to_numpy())[::-1]
    if len(scores) <= allowed:
        return 0.0
    return round(float(scores[allowed]) + 0.01, 2)  # just above the first score that must not alert


def tally(out: pd.DataFrame, threshold: float, t1: float) -> pd.DataFrame:
    """Counts per category, then "all positives" and "all negatives": n, counted (lists loaded),
    scored (counted positives), found / found_t1 / top1, negatives, alerts / alerts_t1."""
    scored = out["positive"] & ~out["not_loaded"]
    negative = ~out["positive"]
    flags = pd.DataFrame({
        "n": True,
        "counted": ~out["not_loaded"],
        "scored": scored,
        "found": scored & (out["hit_score"] >= threshold),
        "top1": scored & (out["hit_rank"] == 1),
        "found_t1": scored & (out["hit_score"] >= t1),
        "negatives": negative,
        "alerts": negative & (out["top_score"] >= threshold),
        "alerts_t1": negative & (out["top_score"] >= t1),
    }, index=out.index).astype(int)
    by_category = flags.groupby(out["category"]).sum().sort_values("n", ascending=False, kind="stable")
    is_positive = by_category.index.isin(set(out.loc[out["positive"], "category"]))
    return pd.concat([
        by_category[is_positive], flags[out["positive"]].sum().rename("all positives").to_frame().T,
        by_category[~is_positive], flags[negative].sum().rename("all negatives").to_frame().T,
    ]).rename_axis("category")


# --- the report -----------------------------------------------------------------------------

def share(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}% ({k}/{n})" if n else ""


def fmt(threshold: float) -> str:
    return f"{threshold:g}"


def quality_table(ev: Evaluation) -> pd.DataFrame:
    c = ev.counts
    return pd.DataFrame({
        "n": c["n"],
        "counted": c["counted"],
        f"recall@{fmt(ev.threshold)}": [share(k, n) for k, n in zip(c["found"], c["scored"])],
        "recall@1": [share(k, n) for k, n in zip(c["top1"], c["scored"])],
        f"recall@{fmt(ev.t1)} (T1%)": [share(k, n) for k, n in zip(c["found_t1"], c["scored"])],
        f"alerts@{fmt(ev.threshold)}": [share(k, n) for k, n in zip(c["alerts"], c["negatives"])],
        f"alerts@{fmt(ev.t1)} (T1%)": [share(k, n) for k, n in zip(c["alerts_t1"], c["negatives"])],
    }, index=c.index)


def comparison_table(lib: Evaluation, base: Evaluation) -> pd.DataFrame:
    """Recall per positive row, alert rate per negative row, for both matchers at both thresholds."""
    def at(ev: Evaluation, found: str, alerts: str) -> list[str]:
        c = ev.counts
        return [share(f, s) if s else share(a, n)
                for f, s, a, n in zip(c[found], c["scored"], c[alerts], c["negatives"])]

    return pd.DataFrame({
        "counted": lib.counts["counted"],
        f"library @{fmt(lib.threshold)} (default)": at(lib, "found", "alerts"),
        f"baseline @{fmt(base.threshold)}": at(base, "found", "alerts"),
        f"library @{fmt(lib.t1)} (T1%)": at(lib, "found_t1", "alerts_t1"),
        f"baseline @{fmt(base.t1)} (T1%)": at(base, "found_t1", "alerts_t1"),
    }, index=lib.counts.index)


def not_loaded_lines(labelled: pd.DataFrame) -> list[str]:
    """One line per category with positives only unloaded lists could find."""
    missing = labelled[labelled["not_loaded"]]
    return [f"- list not loaded, {category}: {len(group)} "
            f"({'; '.join(f'{q}: {e}' for q, e in group['expected'].items())})"
            for category, group in missing.groupby("category")]


def summary_lines(ev: Evaluation, queries: int) -> list[str]:
    total, neg = ev.counts.loc["all positives"], ev.counts.loc["all negatives"]
    return [
        f"- recall over all positives @{fmt(ev.threshold)}: {share(total['found'], total['scored'])}; "
        f"negatives alerting @{fmt(ev.threshold)}: {share(neg['alerts'], neg['negatives'])}",
        f"- T1% (smallest threshold with <= {ALERT_BUDGET:.0%} of negatives alerting): {fmt(ev.t1)}; "
        f"recall there: {share(total['found_t1'], total['scored'])}; "
        f"negatives alerting: {share(neg['alerts_t1'], neg['negatives'])}",
        f"- time: {ev.seconds:.2f} s for {queries} queries ({queries / ev.seconds:.0f} queries/s)",
    ]


def render(args: argparse.Namespace, universe: Universe, screener: Screener, labelled: pd.DataFrame,
           lib: Evaluation, base: Evaluation) -> str:
    n, positives = len(labelled), int(labelled["positive"].sum())
    loaded = ", ".join(f"{s} {len(lst):,} entities ({universe.paths[s]})" for s, lst in universe.lists.items())
    skipped = "; ".join(f"{s}: {why}" for s, why in universe.not_loaded.items()) or "none"
    threshold = fmt(DEFAULT_THRESHOLD) + ("" if args.threshold is None else f" (this run: {fmt(lib.threshold)})")
    lines = [
        f"- machine: {machine_description()}",
        f"- revision: {revision()}",
        f"- devset: {args.devset}, {n} queries ({positives} positive, {n - positives} negative)",
        f"- lists loaded: {loaded}; {screener.entity_count:,} distinct entities",
        f"- lists not loaded: {skipped}",
        f"- DEFAULT_THRESHOLD: {threshold}",
        "",
        "### Library (`Screener.screen`, one call, threshold=0, limit=10)",
        "",
        markdown_table(quality_table(lib)),
        "",
        *not_loaded_lines(labelled),
        *summary_lines(lib, n),
        "",
        f"### Baseline (rapidfuzz `WRatio` on `unidecode(name).lower()`, best name per entity, "
        f"threshold {fmt(base.threshold)})",
        "",
        markdown_table(quality_table(base)),
        "",
        *summary_lines(base, n),
        "",
        "### Side by side (recall; alert rate on the negative rows)",
        "",
        markdown_table(comparison_table(lib, base)),
    ]
    return "\n".join(lines)


def write_misses(path: Path, labelled: pd.DataFrame, ev: Evaluation, results: pd.DataFrame) -> None:
    """CSV of positives not found and negatives alerting at the default threshold, with their top 3 results."""
    out = ev.outcomes
    missed = out["positive"] & ~out["not_loaded"] & ~(out["hit_score"] >= ev.threshold)
    alerting = ~out["positive"] & (out["top_score"] >= ev.threshold)
    rows = labelled.loc[missed | alerting, [*QUERY_COLUMNS, "category", "expected"]].assign(
        outcome=np.where(missed[missed | alerting], "missed", "alert"),
        # where the expected entity did rank, if anywhere in the top 10: the tuning signal
        expected_rank=out["hit_rank"], expected_score=out["hit_score"])
    top3 = [results[results["rank"] == r].set_index("query_id")[MISS_FIELDS].add_prefix(f"top{r}_") for r in (1, 2, 3)]
    rows.join(top3).to_csv(path, index_label="query_id")


# --- entry point ----------------------------------------------------------------------------

def synthetic_alert_rate(screener: Screener, n: int, threshold: float) -> str:
    """The share of a synthetic customer base of ordinary (unlisted) names that alerts.

    The generator holds no listed party, but common names can coincide with listed
    persons' names; those alerts are real name-only false positives, not defects of
    the generator.
    """
    customers = synthetic.generate(n)
    start = time.perf_counter()
    alerts = screener.screen(customers, name="name", schema="schema", country="country",
                             birth_date="birth_date", limit=1, threshold=threshold)
    seconds = time.perf_counter() - start
    rows = alerts["row"].nunique()
    by_schema = customers.loc[alerts["row"].unique(), "schema"].value_counts().to_dict()
    return (f"### Synthetic customer base (benchmarks/synthetic.py, {n:,} rows, seed 0)\n\n"
            f"- rows alerting at {threshold:g}: {rows:,} = {rows / n:.2%} (by schema: {by_schema})\n"
            f"- time: {seconds:.1f} s ({n / seconds:,.0f} rows/s, one process)")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists-dir", type=Path, default=DEFAULT_LISTS_DIR, help="folder of the list files")
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="labelled queries CSV")
    parser.add_argument("--threshold", type=float, help="the library's threshold (default: DEFAULT_THRESHOLD)")
    parser.add_argument("--misses", type=Path, help="write misses and false alerts at the threshold to this CSV")
    parser.add_argument("--no-record", action="store_true", help="do not append the report to RESULTS.md")
    parser.add_argument("--synthetic", type=int, default=100_000, metavar="N",
                        help="also screen N synthetic (unlisted) customers and report the share alerting "
                             "(default 100000; 0 to skip)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    universe = load_universe(args.lists_dir)
    if not universe.lists:
        print(f"no list of the devset universe could be loaded from {args.lists_dir}", file=sys.stderr)
        return 1
    labelled = label_queries(read_queries(args.devset), universe)
    warn_unknown_ids(labelled, universe)
    screener = Screener(universe.lists.values())
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold

    lib_results, lib_seconds = screen_library(screener, labelled)
    lib = evaluate(labelled, lib_results, threshold, lib_seconds)
    base_results, base_seconds = screen_baseline(universe_entities(universe), labelled["name"])
    base = evaluate(labelled, base_results, BASELINE_THRESHOLD, base_seconds)

    report = render(args, universe, screener, labelled, lib, base)
    if args.synthetic:
        report += "\n\n" + synthetic_alert_rate(screener, args.synthetic, threshold)
    print(report)
    if args.misses:
        write_misses(args.misses, labelled, lib, lib_results)
    if not args.no_record:
        append_section(f"quality.py — {utc_now()}", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
