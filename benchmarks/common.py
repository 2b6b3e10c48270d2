"""Helpers shared by the benchmark scripts: where the shared data lives, the devset list
universe, a description of the machine and revision measured, and RESULTS.md sections."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import screening
import screening.sources
from screening import EntityList, UnknownSourceError, load_list

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_LISTS_DIR = SHARED / "lists"
DEFAULT_DEVSET = SHARED / "devset" / "queries.csv"
RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"

# The universe the devset's expected ids refer to (shared/devset/README.md): source key
# -> path under the lists folder. Sources the library cannot load yet are reported, not fatal.
UNIVERSE: dict[str, str] = {
    "ofac-sdn": "ofac_sdn_2021",
    "ofac-cons": "ofac_consolidated",
    "un": "un/consolidated.xml",
    "bis-dpl": "bis_dpl/dpl.txt",
}

RESULTS_HEADER = """\
# Benchmark results

Each benchmark script in `benchmarks/` appends a dated section here when run without
`--no-record`, giving the machine, library version and git commit it measured.

* `quality.py`: matching quality on the labelled devset (`shared/devset/queries.csv`)
  screened against the devset's list universe. Per variation category: recall at the
  default threshold (an expected id among a query's 10 best results with score >= threshold),
  recall@1 (the best result is expected), and the alert rate of the hard negatives; then
  the threshold at which 1% of the negatives alert and the recall there. The same figures
  for a plain rapidfuzz `WRatio` baseline are given side by side.
"""


@dataclass(frozen=True)
class Universe:
    """The devset's lists as far as the library can load them."""

    lists: dict[str, EntityList]  # source -> loaded list
    not_loaded: dict[str, str]  # source -> why the library could not load it
    paths: dict[str, Path]  # source -> the file or folder it was (or would be) loaded from


def load_universe(lists_dir: Path) -> Universe:
    """Load every source of the devset universe the library supports.

    A source the library has no loader for yet (UnknownSourceError) is marked not loaded,
    so the benchmark picks up new loaders without changes; a broken file still fails.
    """
    lists, not_loaded, paths = {}, {}, {}
    for source, rel in UNIVERSE.items():
        paths[source] = lists_dir / rel
        try:
            lists[source] = load_list(source, paths[source])
        except UnknownSourceError as exc:
            not_loaded[source] = str(exc)
    return Universe(lists, not_loaded, paths)


# The newest usable version of every source in the shared lists folder (see its README.md),
# in the order they are given to Screener (the first list holding an id wins). Where a newer
# folder exists but is not used, the comment says why.
NEWEST: dict[str, str] = {
    "ofac-sdn": "ofac_sdn_2023-12",  # 2024-05 is sdn.csv alone (no aliases, addresses); 2021 is older
    "ofac-cons": "ofac_consolidated",
    "un": "un/consolidated.xml",
    "bis-dpl": "bis_dpl_2023-11/dpl.txt",  # bis_dpl/ is mid-2019
    "uk-ofsi": "uk_ofsi_conlist_2025-04",
    "uk-fcdo": "uk_fcdo_sanctions_list_2025-11",
    "eu": "eu_fsf_2026-08_excerpt",  # a 5-entity excerpt: the full EU list is not in the folder
    "csl": "trade_gov_csl_2023-11_sample",  # 4,226 rows; the 2025-06 sample has 13 rows, the 2019 one 115
    "ofac-sdn-xml": "ofac_sdn_advanced_excerpt",  # 4 parties, ids ofac-sdn:<n> as in the CSV files
}


@dataclass(frozen=True)
class NewestLists:
    """The newest lists as far as the library can load them."""

    lists: dict[str, EntityList]  # source -> loaded list, in NEWEST order
    failed: dict[str, str]  # source -> why it was not loaded (no loader registered, or the error)
    paths: dict[str, Path]  # source -> the file or folder it was (or would be) loaded from
    seconds: dict[str, float]  # source -> seconds load_list took
    unmapped: tuple[str, ...]  # sources the library can load that have no entry in NEWEST


def load_newest(lists_dir: Path) -> NewestLists:
    """Load every source of NEWEST; a source that fails (unknown key, bad file, any error) is
    reported in ``failed`` and skipped, so a benchmark never stops on one list."""
    lists, failed, paths, seconds = {}, {}, {}, {}
    for source, rel in NEWEST.items():
        paths[source] = lists_dir / rel
        start = time.perf_counter()
        try:
            lists[source] = load_list(source, paths[source])
        except UnknownSourceError:
            failed[source] = "no loader registered in screening.sources"
        except Exception as exc:  # noqa: BLE001 - reported, never fatal
            failed[source] = f"{type(exc).__name__}: {exc}"
        seconds[source] = time.perf_counter() - start
    known = getattr(screening.sources, "_LOADERS", {})
    unmapped = tuple(sorted(set(known) - set(NEWEST)))
    return NewestLists(lists, failed, paths, seconds, unmapped)


def machine_description() -> str:
    """CPU model, architecture, CPU count and total memory, e.g. for a RESULTS.md section."""
    cpu = platform.processor() or _cpuinfo_model() or "unknown CPU"
    return f"{cpu} ({platform.machine()}), {os.cpu_count()} CPUs, {_total_memory_gib():.1f} GiB RAM"


def _cpuinfo_model() -> str:
    """The model name from /proc/cpuinfo: platform.processor() is empty on most Linux systems."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def _total_memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20  # the value is in kB
    except OSError:
        pass
    return float("nan")


def revision() -> str:
    """Library version and git commit, with "+dirty" when the work tree has changes."""
    commit = _git("rev-parse", "--short", "HEAD") or "no commit"
    if _git("status", "--porcelain"):
        commit += "+dirty"
    return f"screening {screening.__version__}, git {commit}"


def _git(*args: str) -> str:
    """Output of a git command in the repository, "" when git or the commit is unavailable."""
    try:
        out = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.stdout.strip()


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def append_section(title: str, body: str, path: Path = RESULTS_MD) -> None:
    """Append ``## title`` and ``body`` to RESULTS.md, creating it with its header if absent."""
    text = path.read_text(encoding="utf-8") if path.exists() else RESULTS_HEADER
    path.write_text(f"{text.rstrip()}\n\n## {title}\n\n{body.rstrip()}\n", encoding="utf-8")


def markdown_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (index as the first column); cells are printed with str()."""
    header = [str(frame.index.name or ""), *map(str, frame.columns)]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * len(frame.columns)]
    for label, row in frame.iterrows():
        lines.append("| " + " | ".join([str(label), *map(str, row)]) + " |")
    return "\n".join(lines)
