"""Spark in local mode beside the single-process run: the same synthetic customers, the same alerts.

    python benchmarks/spark_bench.py [N] [--masters local[1],local[2]] [--local-workers W]
                                     [--lists-dir DIR] [--seed S] [--threshold T] [--work-dir DIR]
                                     [--no-record]

Generates N synthetic customers (``synthetic.py``, default 1,000,000) into one Parquet
file and screens it against the newest version of every shared list the library can
load (``common.NEWEST``; the bundled starter list when none can be), end to end from the
Parquet file to an alerts Parquet file:

1. single process: ``pd.read_parquet``, ``Screener.screen(workers=1)``, alerts written
   with pyarrow;
2. the local process pool, ``workers=W`` (default: the available cores; 1 to skip);
3. for each Spark master (default ``local[1]`` then ``local[2]``):
   ``spark.read.parquet`` -> ``screening.spark.screen(key="customer_id")`` ->
   ``write.parquet``, timed from the call of ``screen`` (which saves and ships the index)
   to the end of the write; the session's start-up is timed apart. While Spark runs, the
   RSS and CPU time of the JVM and of every Python worker are sampled from ``/proc``
   every 0.25 s.

Every run's alerts are compared with the single-process alerts (same (row, entity) pairs,
names and scores). Two overhead ratios against the single process (1.00 = no overhead;
what Spark adds is the JVM, Arrow transfer, per-worker index loading and task
scheduling): CPU seconds of every process doing the work over the single process's CPU
seconds, which holds up on a shared machine, and core-seconds of wall time,
``seconds x cores / single-process seconds``. Prints a Markdown
report and appends it to ``benchmarks/RESULTS.md`` (``--no-record`` to skip).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from common import (
    DEFAULT_LISTS_DIR, append_section, load_newest, machine_description, markdown_table, revision, utc_now,
)
import synthetic
from screening import DEFAULT_THRESHOLD, Screener
from screening.interfaces.parallel import available_cores
from screening.interfaces.tables import RESULT_SCHEMA

ROW_GROUP = 50_000  # rows per Parquet row group of the customers file
COLUMNS = {"name": "name", "schema": "schema", "country": "country", "birth_date": "birth_date"}


@dataclass
class Run:
    engine: str
    cores: int
    seconds: float
    alerts: int
    same: str  # "yes", or how the alerts differ from the single-process run
    cpu: float  # CPU seconds of every process doing the work
    startup: float | None = None  # Spark session start-up, seconds
    ship: float | None = None  # index save + register, seconds
    jvm_mib: float | None = None  # peak RSS of the JVM
    worker_mib: float | None = None  # peak RSS of the largest Python worker
    workers: int | None = None  # Python worker processes seen
    notes: list[str] = field(default_factory=list)


# --- memory sampling ------------------------------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> dict[int, tuple[int, str, float, float]]:
    """pid -> (parent pid, command line, RSS MiB, CPU seconds) for every live descendant of ``root``."""
    info = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = fields.get("VmRSS", "0 kB").split()[0]
        after_name = stat.rsplit(")", 1)[1].split()  # utime and stime are fields 14 and 15
        cpu = (int(after_name[11]) + int(after_name[12])) / _TICK
        info[int(entry)] = (int(fields.get("PPid", "0").strip()), cmd, int(rss) / 1024, cpu)
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _, _) in info.items():
        children.setdefault(ppid, []).append(pid)
    out, frontier = {}, [root]
    while frontier:
        for child in children.get(frontier.pop(), []):
            out[child] = info[child]
            frontier.append(child)
    return out


class ProcessSampler:
    """Peak RSS of the JVM and of the largest Python worker below this process, and the CPU seconds
    they spent while sampling, from /proc every ``interval`` seconds.

    pyspark starts ``python -m pyspark.daemon``, which forks the Python workers: a worker is
    a process running pyspark.daemon whose parent runs it too. CPU time counts from the
    start for processes already running then (the JVM outlives a SparkContext), from zero
    for those started later; a process that ends loses at most its last ``interval``.
    """

    def __init__(self, interval: float = 0.25):
        self.interval = interval
        self.jvm = 0.0
        self.worker = 0.0
        self.workers: set[int] = set()
        self._start_cpu = {pid: v[3] for pid, v in _descendants(os.getpid()).items()}
        self._last_cpu: dict[int, float] = {}
        self.started = time.perf_counter()
        self.busy: dict[int, tuple[float, float]] = {}  # worker pid -> (first, last) second its CPU time grew
        self._worker_cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def worker_summary(self) -> str:
        """Each Python worker's CPU seconds and the span of the run in which it was busy."""
        parts = [f"{self._worker_cpu[pid]:.0f} CPU s, busy {a:.0f}-{b:.0f} s"
                 for pid, (a, b) in sorted(self.busy.items(), key=lambda kv: kv[1])]
        return "; ".join(parts) or "none busy"

    @property
    def cpu_seconds(self) -> float:
        return sum(cpu - self._start_cpu.get(pid, 0.0) for pid, cpu in self._last_cpu.items())

    def _sample(self) -> None:
        procs = _descendants(os.getpid())
        for pid, (ppid, cmd, rss, cpu) in procs.items():
            self._last_cpu[pid] = cpu
            if Path(cmd.split(" ", 1)[0]).name == "java":
                self.jvm = max(self.jvm, rss)
            elif "pyspark.daemon" in cmd and "pyspark.daemon" in procs.get(ppid, (0, ""))[1]:
                self.worker = max(self.worker, rss)
                self.workers.add(pid)
                if cpu > self._worker_cpu.get(pid, 0.0):
                    now = time.perf_counter() - self.started
                    self.busy[pid] = (self.busy.get(pid, (now, now))[0], now)
                self._worker_cpu[pid] = cpu

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> "ProcessSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


# --- the runs -------------------------------------------------------------------------------

def write_alerts(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame.assign(row=frame["row"].astype(str)), schema=RESULT_SCHEMA,
                                 preserve_index=False)
    pq.write_table(table, path)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def local_run(screener: Screener, source: Path, out: Path, workers: int,
              threshold: float) -> tuple[float, float, pd.DataFrame]:
    """Seconds, CPU seconds (this process and its finished pool workers) and the alerts."""
    cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    customers = pd.read_parquet(source).set_index("customer_id", drop=False)
    alerts = screener.screen(customers, threshold=threshold, workers=workers, **COLUMNS)
    write_alerts(alerts, out)
    seconds = time.perf_counter() - start
    return seconds, _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu, alerts


def compare(got: pd.DataFrame, want: pd.DataFrame) -> str:
    """"yes" when both hold the same alerts (row, entity, names, scores), else what differs."""
    key = ["row", "entity_id"]
    a = got.assign(row=got["row"].astype(str)).sort_values(key).reset_index(drop=True)
    b = want.assign(row=want["row"].astype(str)).sort_values(key).reset_index(drop=True)
    if len(a) != len(b):
        return f"no: {len(a):,} alerts vs {len(b):,}"
    cols = list(b.columns)
    diff = (a[cols].astype(str) != b[cols].astype(str)).any(axis=1)
    return "yes" if not diff.any() else f"no: {int(diff.sum()):,} rows differ"


def spark_run(master: str, screener: Screener, source: Path, out: Path, threshold: float,
              want: pd.DataFrame) -> Run:
    from pyspark.sql import SparkSession

    from screening.interfaces import spark as screening_spark

    inside = master[len("local["):-1] if master.startswith("local[") else ""
    cores = int(inside) if inside.isdigit() else (1 if master == "local" else os.cpu_count())
    start = time.perf_counter()
    spark = (SparkSession.builder.master(master).appName("screening-bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", str(cores)).getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - start
    try:
        with ProcessSampler() as memory:
            driver_cpu = _cpu(resource.RUSAGE_THREAD)  # the driver's main thread, not the sampler's
            start = time.perf_counter()
            ship_start = time.perf_counter()
            alerts = screening_spark.screen(spark.read.parquet(str(source)), screener, key="customer_id",
                                            threshold=threshold, **COLUMNS)
            ship = time.perf_counter() - ship_start
            alerts.write.mode("overwrite").parquet(str(out))
            seconds = time.perf_counter() - start
            driver_cpu = _cpu(resource.RUSAGE_THREAD) - driver_cpu
        partitions = spark.read.parquet(str(source)).rdd.getNumPartitions()
    finally:
        spark.stop()
    got = pd.read_parquet(out)
    run = Run(f"Spark {master}", cores, seconds, len(got), compare(got, want), memory.cpu_seconds + driver_cpu,
              startup=startup, ship=ship,
              jvm_mib=memory.jvm, worker_mib=memory.worker, workers=len(memory.workers))
    run.notes.append(f"{partitions} input partitions; Python workers: {memory.worker_summary()}")
    return run


# --- report ---------------------------------------------------------------------------------

def table(runs: list[Run], n: int) -> pd.DataFrame:
    single, single_cpu = runs[0].seconds, runs[0].cpu
    rows = []
    for r in runs:
        rows.append({
            "run": r.engine,
            "cores": r.cores,
            "seconds": f"{r.seconds:.1f}",
            "rows/s": f"{n / r.seconds:,.0f}",
            "speed-up vs single": f"{single / r.seconds:.2f}x",
            "CPU s": f"{r.cpu:.1f}",
            "overhead ratio (CPU)": f"{r.cpu / single_cpu:.2f}",
            "overhead ratio (core-s)": f"{r.seconds * r.cores / single:.2f}",
            "alerts": f"{r.alerts:,}",
            "same alerts": r.same,
            "session start s": "" if r.startup is None else f"{r.startup:.1f}",
            "index ship s": "" if r.ship is None else f"{r.ship:.2f}",
            "JVM peak MiB": "" if r.jvm_mib is None else f"{r.jvm_mib:,.0f}",
            "Python worker peak MiB": "" if r.worker_mib is None else f"{r.worker_mib:,.0f}",
        })
    return pd.DataFrame(rows).set_index("run")


def _java_version() -> str:
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)
        return out.stderr.splitlines()[0] if out.stderr else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not found"


def _other_busy_processes() -> str:
    """Processes outside this benchmark that used CPU in the last second, e.g. another benchmark."""
    mine = set(_descendants(os.getpid())) | {os.getpid()}
    before = {pid: v for pid, v in _descendants(1).items() if pid not in mine}
    time.sleep(1.0)
    after = _descendants(1)
    busy = [(after[pid][3] - v[3], v[1]) for pid, v in before.items() if pid in after and after[pid][3] - v[3] > 0.2]
    return ", ".join(f"{cmd.strip()[:60]} ({share:.0%} of a core)" for share, cmd in sorted(busy, reverse=True)[:4])


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1_000_000, help="synthetic customers (default 1000000)")
    parser.add_argument("--masters", default="local[1],local[2]",
                        help="comma-separated Spark masters to run, in order (default local[1],local[2])")
    parser.add_argument("--local-workers", type=int, default=available_cores(),
                        help="also run the local process pool with this many workers (default: the available "
                             "cores; 1 to skip)")
    parser.add_argument("--lists-dir", type=Path, default=DEFAULT_LISTS_DIR, help="folder of the list files")
    parser.add_argument("--seed", type=int, default=0, help="synthetic seed (default 0)")
    parser.add_argument("--threshold", type=float, default=None, help="alert threshold (default DEFAULT_THRESHOLD)")
    parser.add_argument("--work-dir", type=Path, default=None, help="folder for the Parquet files (default: a temp "
                        "folder, removed at the end)")
    parser.add_argument("--no-record", action="store_true", help="do not append the report to RESULTS.md")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import pyspark
    except ImportError:
        print('spark_bench.py needs pyspark: pip install -e ".[spark]"', file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore", message=".*does not yet fully support pandas.*")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local mode: workers run this interpreter
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    load_start = _load()

    newest = load_newest(args.lists_dir)
    screener = Screener(newest.lists.values()) if newest.lists else Screener()
    lists_line = (", ".join(f"{k} {len(v):,}" for k, v in newest.lists.items()) if newest.lists
                  else "the bundled starter list (no shared list could be loaded)")

    work = args.work_dir or Path(tempfile.mkdtemp(prefix="spark-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        source = work / "customers.parquet"
        start = time.perf_counter()
        # Row groups of 50,000 rows: Spark splits a Parquet file at row groups, so that a file written
        # as one row group (pyarrow's default up to 1Mi rows) would be one task however many cores.
        synthetic.generate(args.n, args.seed).to_parquet(source, index=False, row_group_size=ROW_GROUP)
        gen_seconds = time.perf_counter() - start
        index_file = work / "lists.index"
        screener.save(index_file)
        index_mib = index_file.stat().st_size / 2**20
        print(f"{args.n:,} customers -> {source} ({source.stat().st_size / 2**20:.0f} MiB) in {gen_seconds:.1f} s; "
              f"index {screener.entity_count:,} entities, {index_mib:.1f} MiB", file=sys.stderr)

        seconds, cpu, want = local_run(screener, source, work / "alerts-single.parquet", 1, threshold)
        runs = [Run("single process (workers=1)", 1, seconds, len(want), "yes", cpu)]
        print(f"single process: {seconds:.1f} s, {len(want):,} alerts", file=sys.stderr)
        if args.local_workers > 1:
            seconds, cpu, got = local_run(screener, source, work / "alerts-pool.parquet", args.local_workers,
                                          threshold)
            runs.append(Run(f"process pool (workers={args.local_workers})", args.local_workers, seconds, len(got),
                            compare(got, want), cpu))
            print(f"process pool: {seconds:.1f} s", file=sys.stderr)
        for i, master in enumerate(m.strip() for m in args.masters.split(",") if m.strip()):
            run = spark_run(master, screener, source, work / f"alerts-spark-{i}", threshold, want)
            runs.append(run)
            print(f"{run.engine}: {run.seconds:.1f} s (+{run.startup:.1f} s start-up), same alerts: {run.same}",
                  file=sys.stderr)
    finally:
        if args.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)

    notes = [f"- {r.engine}: {r.workers} Python worker(s) seen, {'; '.join(r.notes)}" for r in runs if r.workers]
    others = _other_busy_processes()
    if others:
        notes.append(f"- other processes busy on the machine at the end: {others}")
    report = "\n".join([
        f"- machine: {machine_description()}",
        f"- revision: {revision()}",
        f"- pyspark {pyspark.__version__}, {_java_version()}; pandas {pd.__version__}, pyarrow {pa.__version__}",
        f"- load average at start: {load_start}; at end: {_load()} (the machine may be shared)",
        f"- customers: benchmarks/synthetic.py, {args.n:,} rows, seed {args.seed}, one Parquet file in row groups "
        f"of {ROW_GROUP:,} rows (generated in {gen_seconds:.1f} s, not counted)",
        f"- lists: {lists_line}; {screener.entity_count:,} distinct entities; saved index {index_mib:.1f} MiB",
        f"- threshold {threshold:g}, limit 10; each run reads the Parquet file and writes its alerts as Parquet",
        "- Spark: `screening.spark.screen(spark.read.parquet(...), screener, key=\"customer_id\")` then "
        "`write.parquet`, timed from the `screen` call (index saved and shipped) to the end of the write; "
        "session start-up apart",
        "- overhead ratio (CPU) = CPU seconds of every process doing the work (driver, JVM, Python workers, pool "
        "workers) / the single process's CPU seconds; overhead ratio (core-s) = seconds x cores / single-process "
        "seconds; 1.00: no overhead. The CPU ratio holds up better on a shared machine",
        *notes,
        "",
        markdown_table(table(runs, args.n)),
    ])
    print(report)
    if not args.no_record:
        append_section(f"spark_bench.py — {utc_now()}", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
