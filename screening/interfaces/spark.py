"""Screening on Apache Spark: the alerts of a local run, for customer bases beyond one machine.

>>> from screening import Screener
>>> from screening.spark import screen                                   # doctest: +SKIP
>>> customers = spark.read.parquet("hdfs:///data/customers.parquet")     # doctest: +SKIP
>>> alerts = screen(customers, Screener(), name="name", key="customer_id",
...                 schema="schema", country="country", birth_date="birth_date")  # doctest: +SKIP
>>> alerts.write.parquet("hdfs:///data/alerts.parquet")                  # doctest: +SKIP

:func:`screen` returns a Spark DataFrame with the columns of the local
``Screener.screen`` (:data:`~screening.interfaces.screener.RESULT_COLUMNS`), typed as
:data:`~screening.interfaces.tables.RESULT_SCHEMA` (``row`` a string, the scores doubles),
one row per (input row, listed entity), best first within each input row, in the input's
order. It is built with ``mapInPandas``: Spark hands each task its partition as Arrow
record batches (``spark.sql.execution.arrow.maxRecordsPerBatch`` rows, 10,000 by default,
as the local ``chunk_size``), and each batch is screened by the same vectorized code as a
local chunk. A row's alerts do not depend on the rows screened with it, so the alerts are
the local run's, row for row, however Spark splits the input.

How the index reaches the executors
-----------------------------------
The driver saves the compiled index with :meth:`Screener.save` to a local file named by
its content hash and registers it with ``SparkContext.addFile`` (on Spark Connect:
``SparkSession.addArtifacts(file=True)``). Each executor fetches the file once, on its
first task, into its working folder; each Python worker of the executor loads it with
:meth:`Screener.load` on its first batch (well under a second: the entities are unpickled
only for the rows reported) and keeps it in a module global keyed by the file name, so
the later tasks of that (reused, Spark's default) worker start screening at once. The
task closure holds only the file name and the screening options, never the index.

This rather than a broadcast variable: a broadcast of the saved bytes would also travel
once per executor, but it is held in the executor JVM's storage memory and handed to
each Python worker as bytes to unpickle, so a worker would hold both the bytes and the
index, and ``Screener.load`` reads a file anyway. ``addFile`` keeps the JVM heap out of
it and gives each worker a plain local file. The file records the library version that
wrote it: an executor with another version installed refuses it
(:class:`~screening.index.store.IndexFileError`) rather than screening differently.

Row labels
----------
The local ``row`` column is the input's index label. A Spark DataFrame has no index, so:

* ``key="customer_id"`` (recommended on a cluster): ``row`` is that column's value, cast
  to a string by Spark; stable however the data is split or re-read. The local run that
  gives the same alerts is ``screener.screen(frame.set_index("customer_id"))``.
* ``key=None`` (the default): ``row`` is the row's 0-based position in the DataFrame's
  partition order, as a string. A small job first counts the rows of each partition; each
  task then numbers its rows from its partition's offset. For a DataFrame read from one
  Parquet or CSV file this is the data row number, exactly as the local command line
  labels rows without ``--id-column`` (and as ``Screener.screen`` on a frame with a
  default ``RangeIndex``). Where the partition order is not deterministic (after a
  shuffle, a union of files read in size order), name a key.

pyspark is an optional extra (``pip install "screening[spark]"``); it is imported only when
this module's functions run, so ``import screening`` (and ``import screening.spark``)
never needs it.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import shutil
import sys
import tempfile
import warnings
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from screening.interfaces.screener import RESULT_COLUMNS, Screener, ScreeningInputError, _check_options
from screening.interfaces.tables import RESULT_SCHEMA

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

    from screening.sources.diff import ListDiff

INSTALL_HINT = 'pyspark is not installed: pip install "screening[spark]"'

# Internal column names: the input is projected onto these before screening, so that no
# caller's column name can collide with the row label.
_KEY = "__screening_key"
_NAME, _SCHEMA, _COUNTRY, _BIRTH_DATE = "__screening_name", "__screening_schema", "__screening_country", \
    "__screening_birth_date"


def _require_pyspark():
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc


def result_schema():
    """The output's Spark schema: :data:`~screening.interfaces.tables.RESULT_SCHEMA` as Spark types."""
    _require_pyspark()
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    types = {pa.string(): StringType(), pa.float64(): DoubleType()}
    return StructType([StructField(f.name, types[f.type], True) for f in RESULT_SCHEMA])


def screen(customers: "DataFrame", screener: Screener, name: str = "name", schema: str | None = None,
           country: str | None = None, birth_date: str | None = None, key: str | None = None, limit: int = 10,
           threshold: float | None = None, only: "Iterable[str] | ListDiff | None" = None) -> "DataFrame":
    """Screen every row of a Spark DataFrame; a Spark DataFrame of alerts with the local ``screen``'s columns.

    The arguments are those of :meth:`Screener.screen` (``schema``, ``country`` and
    ``birth_date`` name optional columns; ``threshold=None`` means ``DEFAULT_THRESHOLD``;
    ``only`` restricts to some entities for a delta run), plus ``key``: the column whose
    values become ``row`` (see the module docstring; default: the row's 0-based position).
    Nothing is screened until an action runs (``write``, ``count``, ``toPandas``); the
    index is saved and registered with Spark now, and ``key=None`` counts the rows of each
    partition now (one small job).
    """
    _require_pyspark()
    from pyspark.sql import functions as F

    threshold = _check_options(limit, threshold)
    given = {"name": name, "schema": schema, "country": country, "birth_date": birth_date, "key": key}
    for what, col in given.items():
        if col is not None and col not in customers.columns:
            raise ScreeningInputError(f"{what} column {col!r} not in the input "
                                      f"(columns: {', '.join(customers.columns)})")
    if only is not None:
        screener = screener._restricted(only)

    projected = [F.col(_quoted(name)).cast("string").alias(_NAME)]
    columns = [_NAME, None, None, None]
    for i, (col, alias) in enumerate([(schema, _SCHEMA), (country, _COUNTRY), (birth_date, _BIRTH_DATE)], start=1):
        if col is not None:
            projected.append(F.col(_quoted(col)).cast("string").alias(alias))
            columns[i] = alias
    if key is not None:
        projected.append(F.col(_quoted(key)).cast("string").alias(_KEY))
    frame = customers.select(*projected)

    offsets = None if key is not None else partition_offsets(frame)
    file_name = ship(customers.sparkSession, screener)
    run = functools.partial(_screen_partitions, file_name=file_name, columns=tuple(columns), keyed=key is not None,
                            offsets=offsets, limit=limit, threshold=threshold)
    return frame.mapInPandas(run, result_schema())


def partition_offsets(frame: "DataFrame") -> dict[int, int]:
    """Partition index -> the number of rows in the partitions before it (one job counting rows per partition)."""
    from pyspark.sql import functions as F

    counts = dict(frame.select(F.spark_partition_id().alias("p")).groupBy("p").count().collect())
    offsets, total = {}, 0
    for p in sorted(counts):
        offsets[p] = total
        total += counts[p]
    return offsets


def _quoted(column: str) -> str:
    """A column name as a Spark column reference, so that dots and spaces are taken literally."""
    return "`" + column.replace("`", "``") + "`"


# --- driver side: shipping the index ----------------------------------------------------------

_SHIP_DIR: Path | None = None
_SHIPPED: set[tuple[str, str]] = set()  # (Spark application or session id, file name) already registered
_SAVED: "weakref.WeakKeyDictionary[Screener, Path]" = weakref.WeakKeyDictionary()  # screener -> its saved file


def ship(spark: "SparkSession", screener: Screener) -> str:
    """Save ``screener``'s index to a local file named by its content hash and register it with Spark
    (once per application); the file name for :func:`executor_screener`.

    A screener is saved once per driver process (screeners do not change once built); the
    file stays until the process ends, since the DataFrames that read it are lazy.
    """
    global _SHIP_DIR
    if _SHIP_DIR is None:
        _SHIP_DIR = Path(tempfile.mkdtemp(prefix="screening-spark-"))
        atexit.register(shutil.rmtree, _SHIP_DIR, True)
    path = _SAVED.get(screener)
    if path is None or not path.exists():
        tmp = _SHIP_DIR / f"screener-{os.getpid()}.partial"
        screener.save(tmp)
        digest = hashlib.sha256()
        with open(tmp, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        path = _SHIP_DIR / f"screening-{digest.hexdigest()[:20]}.index"
        os.replace(tmp, path)
        _SAVED[screener] = path
    file_name = path.name
    app = _application_id(spark)
    if (app, file_name) not in _SHIPPED:
        if _is_connect(spark):
            spark.addArtifacts(str(path), file=True)
        else:
            spark.sparkContext.addFile(str(path))
        _SHIPPED.add((app, file_name))
    return file_name


def _is_connect(spark: "SparkSession") -> bool:
    return type(spark).__module__.startswith("pyspark.sql.connect")


def _application_id(spark: "SparkSession") -> str:
    if _is_connect(spark):
        return f"connect:{spark.session_id}"
    return spark.sparkContext.applicationId


# --- executor side ------------------------------------------------------------------------------

_LOADED: dict[str, Screener] = {}  # file name -> the index loaded in this Python worker
_MAX_LOADED = 2  # a long-lived worker that sees new indexes keeps only the latest few


def executor_screener(file_name: str) -> Screener:
    """The Screener in the shipped file ``file_name``, loaded once per Python worker."""
    screener = _LOADED.get(file_name)
    if screener is None:
        from pyspark import SparkFiles

        screener = Screener.load(SparkFiles.get(file_name))
        while len(_LOADED) >= _MAX_LOADED:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[file_name] = screener
    return screener


def _screen_partitions(batches: Iterator[pd.DataFrame], file_name: str, columns: tuple, keyed: bool,
                       offsets: dict[int, int] | None, limit: int, threshold: float) -> Iterator[pd.DataFrame]:
    """mapInPandas body: one partition's Arrow batches in, their alerts out (RESULT_COLUMNS, row as str)."""
    screener = executor_screener(file_name)
    start = 0
    if not keyed:
        from pyspark import TaskContext

        start = offsets.get(TaskContext.get().partitionId(), 0)

    def labelled() -> Iterator[pd.DataFrame]:
        nonlocal start
        for batch in batches:
            if keyed:
                batch.index = pd.Index(batch[_KEY].to_numpy(dtype=object))
            else:
                batch.index = pd.RangeIndex(start, start + len(batch))
                start += len(batch)
            yield batch

    name, schema, country, birth_date = columns
    for frame in screener.iter_screen(labelled(), name=name, schema=schema, country=country,
                                      birth_date=birth_date, limit=limit, threshold=threshold):
        if len(frame):
            rows = frame["row"].to_numpy(dtype=object)
            frame["row"] = [None if v is None or v != v else str(v) for v in rows]
            yield frame[RESULT_COLUMNS]


# --- the command line's --engine spark ---------------------------------------------------------

def run_cli(args, screener: Screener, only: set[str] | None) -> int:
    """``screening screen --engine spark``: see :func:`_run_cli`."""
    with warnings.catch_warnings():
        # pyspark 4 warns on every pandas conversion that it does not fully support pandas 3;
        # the conversions used here (strings and doubles through Arrow) are tested under it.
        warnings.filterwarnings("ignore", message=".*does not yet fully support pandas.*")
        warnings.filterwarnings("ignore", message="The copy keyword is deprecated", module="pyspark")
        return _run_cli(args, screener, only)


def _run_cli(args, screener: Screener, only: set[str] | None) -> int:
    """``screening screen --engine spark INPUT -o OUTPUT``: read INPUT with Spark, screen, write OUTPUT.

    INPUT is a Parquet file or folder (or a CSV file with a header, when its name ends in
    ``.csv``) and OUTPUT a Parquet folder, at any path or URI the Spark session can read
    and write (local paths in local mode; ``hdfs://``, ``s3a://``, ``abfss://``, ``dbfs:/``
    on a cluster). The session is the active one (``spark-submit``, Databricks) or a new
    one whose master comes from the usual Spark configuration (``--master`` of
    ``spark-submit``, ``PYSPARK_SUBMIT_ARGS``, ``spark-defaults.conf``; else
    ``local[*]``). ``--chunk-size`` and ``--workers`` do not apply: Spark's partitions and
    Arrow batches split the work. The local engine's ``--cleared``, ``--show-suppressed``,
    ``--resume``, ``--rejects`` and ``--encoding`` are refused (exit 2). Exit code 1 when
    there are alerts, as locally.
    """
    try:
        _require_pyspark()
    except ImportError as exc:
        raise ScreeningInputError(f"--engine spark: {exc}") from None
    from pyspark.errors import AnalysisException
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    local_only = [flag for attr, flag in (("cleared", "--cleared"), ("show_suppressed", "--show-suppressed"),
                                          ("resume", "--resume"), ("rejects", "--rejects"), ("encoding", "--encoding"))
                  if getattr(args, attr, None)]
    if local_only:
        raise ScreeningInputError(f"{', '.join(local_only)}: not available with --engine spark (local engine only)")
    if str(args.output).lower().endswith(".csv"):
        raise ScreeningInputError(f"{args.output}: --engine spark writes Parquet (a folder of part files); "
                                  "name the output e.g. alerts.parquet")
    show = not args.quiet and sys.stderr.isatty()
    existing = SparkSession.getActiveSession()
    builder = SparkSession.builder.appName("screening").config("spark.ui.showConsoleProgress", str(show).lower())
    spark = builder.getOrCreate()
    if existing is None:  # a session of our own: keep Spark's warnings off the command line's output
        spark.sparkContext.setLogLevel("ERROR")
    master = "Spark Connect" if _is_connect(spark) else spark.sparkContext.master
    if master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # Local mode: the Python workers run this interpreter (which has screening installed),
        # not whichever python3 is first on PATH (pyspark's default).
        spark.sparkContext.pythonExec = sys.executable
    try:
        reader = spark.read.option("header", True).csv if str(args.input).lower().endswith(".csv") \
            else spark.read.parquet
        customers = reader(str(args.input))
    except AnalysisException as exc:
        raise ScreeningInputError(f"{args.input}: cannot read with Spark ({_first_line(exc)})") from None
    present = set(customers.columns)
    listed = ", ".join(customers.columns)
    for given in (args.id_column, args.name_column):
        if given is not None and given not in present:
            hint = "; use --name-column" if given == args.name_column else ""
            raise ScreeningInputError(f"{args.input}: no column {given!r} (columns: {listed}){hint}")
    optional = {}
    for col in ("schema", "country", "birth_date"):
        given = getattr(args, f"{col}_column")
        if given is not None and given not in present:
            raise ScreeningInputError(f"{args.input}: no column {given!r} (columns: {listed})")
        optional[col] = given if given is not None else (col if col in present else None)
    alerts = screen(customers, screener, name=args.name_column, key=args.id_column, limit=args.limit,
                    threshold=args.threshold, only=only, **optional)
    try:
        alerts.write.mode("overwrite").parquet(str(args.output))
    except AnalysisException as exc:
        raise ScreeningInputError(f"{args.output}: cannot write with Spark ({_first_line(exc)})") from None
    written = spark.read.parquet(str(args.output)).agg(F.count(F.lit(1)).alias("alerts"),
                                                       F.countDistinct("row").alias("rows")).first()
    rows = customers.count()
    print(f"screened {rows} rows on Spark ({master}); {written['alerts']} alerts on "
          f"{written['rows']} rows -> {args.output}", file=sys.stderr)
    return 1 if written["alerts"] else 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
