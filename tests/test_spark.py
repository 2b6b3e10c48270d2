"""Screening on Spark (``screening.spark.screen`` and ``screening screen --engine spark``) gives the
local alerts, row for row.

Spark runs in local mode (``local[2]``), one session for the module. Arrow batches are cut
small (``maxRecordsPerBatch``) and the input is split into several partitions, so the
Spark run screens other chunks than the local one: the alerts must not depend on that.
Skipped, with the reason, when pyspark is not installed or no Java runtime is found.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from screening import Screener, ScreeningInputError, load_list
from screening.interfaces.screener import RESULT_COLUMNS
from screening.interfaces.cli import main
from screening.spark import screen  # needs pyspark only when called

REPO = Path(__file__).resolve().parents[1]
DEVSET = REPO.parent / "shared" / "devset" / "queries.csv"
EXAMPLES = REPO / "examples" / "customers.csv"
# The devset's list universe (shared/devset/README.md), as benchmarks/common.py loads it.
UNIVERSE = {"ofac-sdn": "ofac_sdn_2021", "ofac-cons": "ofac_consolidated", "un": "un/consolidated.xml",
            "bis-dpl": "bis_dpl/dpl.txt"}
COLUMNS = {"schema": "schema", "country": "country", "birth_date": "birth_date"}
SYNTHETIC_ROWS = 4_000


def _java_missing() -> str | None:
    """Why no Java runtime can start Spark, or None when one is there."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return None
    if shutil.which("java"):
        return None
    return "no Java runtime: Spark needs java on PATH or JAVA_HOME (Java 17)"


def test_import_screening_does_not_need_pyspark():
    code = ("import sys; sys.modules['pyspark'] = None; import screening, screening.spark; "
            "assert 'pyspark' not in {m.split('.')[0] for m in sys.modules if sys.modules[m] is not None}; "
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


@pytest.fixture(scope="module")
def spark():
    """One local[2] session for the module; skips the test when pyspark or Java is missing."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        pytest.skip('pyspark is not installed (pip install -e ".[test,spark]"), so Spark cannot be tested')
    if _java_missing():
        pytest.skip(_java_missing())

    # The Python workers must run this interpreter (with screening importable), not python3 on PATH.
    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pyspark's note on pandas 3
        session = (SparkSession.builder.master("local[2]").appName("screening-tests")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.shuffle.partitions", "2")
                   .config("spark.default.parallelism", "2")
                   .config("spark.sql.execution.arrow.maxRecordsPerBatch", "700")
                   .config("spark.sql.files.maxPartitionBytes", "48k")  # small files still split
                   .config("spark.driver.memory", "1g")
                   .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(autouse=True)
def _quiet_pandas3_warnings():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=FutureWarning, module="pyspark")
        warnings.filterwarnings("ignore", message=".*does not yet fully support pandas.*")
        warnings.filterwarnings("ignore", message="The copy keyword is deprecated", module="pyspark")
        yield


@pytest.fixture(scope="module")
def universe_screener() -> Screener:
    """The devset's lists when ../shared/lists has them, else the bundled starter list."""
    folder = REPO.parent / "shared" / "lists"
    if not all((folder / rel).exists() for rel in UNIVERSE.values()):
        return Screener()
    return Screener([load_list(source, folder / rel) for source, rel in UNIVERSE.items()])


@pytest.fixture(scope="module")
def synthetic_batch() -> pd.DataFrame:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import synthetic
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return synthetic.generate(SYNTHETIC_ROWS, seed=7)


def local_alerts(screener: Screener, frame: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """The local screen with ``row`` as the string Spark gives it."""
    out = screener.screen(frame, **kwargs)
    return out.assign(row=out["row"].astype(str)).reset_index(drop=True)


def assert_same_alerts(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Row for row, in order (input order, best first within a row), the same values."""
    assert list(got.columns) == RESULT_COLUMNS
    got = got.reset_index(drop=True)
    assert len(got) == len(want)
    # Where they differ, show the first differing key (row, entity) before the full comparison.
    key = ["row", "entity_id"]
    assert got[key].values.tolist() == want[key].values.tolist()
    assert_frame_equal(got, want, check_dtype=False)


def in_local_order(got: pd.DataFrame, want: pd.DataFrame) -> pd.DataFrame:
    """``got`` with its input rows in the order ``want`` has them (a row's alerts kept in their order).

    After a shuffle, or read back from a folder of part files, Spark's partitions come in
    another order; each input row's alerts stay together and best first.
    """
    position = {row: i for i, row in enumerate(dict.fromkeys(want["row"]))}
    rank = got["row"].map(position)
    assert rank.notna().all(), f"rows the local run did not alert on: {sorted(set(got['row'][rank.isna()]))[:5]}"
    return got.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


def _spark_frame(spark, frame: pd.DataFrame, tmp_path: Path, partitions: int = 3):
    """``frame`` as Spark reads it from a Parquet file, in ``partitions`` partitions (order kept)."""
    path = tmp_path / "customers.parquet"
    frame.to_parquet(path, index=False, row_group_size=max(1, len(frame) // partitions))
    return spark.read.option("mergeSchema", "false").parquet(str(path)), path


# --- the Spark schema ---------------------------------------------------------------------------

def test_result_schema_is_fixed(spark, tmp_path):
    frame, _ = _spark_frame(spark, pd.DataFrame({"name": ["Jane Doe", None, "!!!"]}), tmp_path)
    out = screen(frame, Screener())
    assert out.columns == RESULT_COLUMNS
    types = {f.name: f.dataType.simpleString() for f in out.schema.fields}
    assert types == {c: ("double" if c in ("score", "name_score") else "string") for c in RESULT_COLUMNS}
    assert out.count() == 0  # no alerts: still the schema, no error on empty batches


# --- the same alerts as a local run ------------------------------------------------------------

@pytest.fixture(scope="module")
def devset() -> pd.DataFrame:
    if not DEVSET.is_file():
        pytest.skip(f"devset not found: {DEVSET} does not exist, so the devset queries cannot be compared")
    queries = pd.read_csv(DEVSET, dtype=str, keep_default_na=False, na_values=[""])
    return queries[["query_id", "name", "schema", "country", "birth_date"]]


def test_devset_alerts_equal_local(spark, universe_screener, devset):
    frame = spark.createDataFrame(devset)  # two partitions: other chunks than the local run's one
    assert frame.rdd.getNumPartitions() > 1
    got = screen(frame, universe_screener, key="query_id", **COLUMNS).toPandas()
    want = local_alerts(universe_screener, devset.set_index("query_id"), **COLUMNS)
    assert len(want) > 100
    assert_same_alerts(got, want)


def test_devset_candidates_equal_local(spark, universe_screener, devset):
    """threshold=0: the 10 best candidates of every query and their scores, down to the weakest.

    Far below the threshold, a candidate's score can depend on the other queries screened
    in the same chunk (locally too, with another ``chunk_size``): 邓中华 (dev0397) scores
    36.65 against 邓炳强 (TANG, Chris) when "Teng Chung-hua" (dev0172) is in its chunk and
    39.95 otherwise. So here Spark gets the local run's chunk: one partition, one batch.
    """
    frame = spark.createDataFrame(devset).coalesce(1)
    got = screen(frame, universe_screener, key="query_id", threshold=0, **COLUMNS).toPandas()
    want = local_alerts(universe_screener, devset.set_index("query_id"), threshold=0, **COLUMNS)
    assert len(want) > len(devset)
    assert_same_alerts(got, want)


def test_synthetic_batch_equals_local_by_key(spark, universe_screener, synthetic_batch, tmp_path):
    frame, _ = _spark_frame(spark, synthetic_batch, tmp_path)
    frame = frame.repartition(4)  # a shuffle: order changes, the key keeps the labels
    got = screen(frame, universe_screener, key="customer_id", threshold=0, limit=5, **COLUMNS).toPandas()
    want = local_alerts(universe_screener, synthetic_batch.set_index("customer_id"), threshold=0, limit=5,
                        **COLUMNS)
    assert len(want) > SYNTHETIC_ROWS // 2  # threshold 0: the best candidates of most rows
    assert_same_alerts(in_local_order(got, want), want)


def test_synthetic_batch_row_numbers_equal_local(spark, universe_screener, synthetic_batch, tmp_path):
    """Without a key, ``row`` is the 0-based row number, as the local screen of a RangeIndex frame."""
    frame, _ = _spark_frame(spark, synthetic_batch, tmp_path, partitions=5)
    assert frame.rdd.getNumPartitions() > 1
    got = screen(frame, universe_screener, threshold=0, limit=3, **COLUMNS).toPandas()
    want = local_alerts(universe_screener, synthetic_batch, threshold=0, limit=3, **COLUMNS)
    assert_same_alerts(got, want)


def test_only_screens_the_given_entities(spark, tmp_path):
    customers = pd.read_csv(EXAMPLES, dtype=str, keep_default_na=False, na_values=[""])
    screener = Screener()
    only = {"ofac-cons:33091"}  # Megvii
    frame = spark.createDataFrame(customers)
    got = screen(frame, screener, key="customer_id", only=only, **COLUMNS).toPandas()
    want = local_alerts(screener, customers.set_index("customer_id"), only=only, **COLUMNS)
    assert set(got["entity_id"]) == only
    assert_same_alerts(got, want)


def test_bad_arguments_fail_on_the_driver(spark):
    frame = spark.createDataFrame(pd.DataFrame({"name": ["Megvii"]}))
    with pytest.raises(ScreeningInputError, match="'full_name' not in the input"):
        screen(frame, Screener(), name="full_name")
    with pytest.raises(ScreeningInputError, match="key column 'id'"):
        screen(frame, Screener(), key="id")
    with pytest.raises(ScreeningInputError, match="threshold"):
        screen(frame, Screener(), threshold=120)


def test_index_ships_once_per_content(spark, tmp_path):
    from screening.interfaces import spark as spark_module

    frame = spark.createDataFrame(pd.DataFrame({"name": ["Megvii Technology"]}))
    screener = Screener()
    first = spark_module.ship(spark, screener)
    assert spark_module.ship(spark, screener) == first  # same index, same file: registered once
    assert screen(frame, screener).toPandas()["entity_id"].tolist() == ["ofac-cons:33091"]


# --- the command line --------------------------------------------------------------------------

def test_cli_engine_spark_equals_local_engine(spark, synthetic_batch, tmp_path, capsys):
    # A few sanctioned names among the synthetic customers, so that there are alerts.
    examples = pd.read_csv(EXAMPLES, dtype=str, keep_default_na=False)
    batch = pd.concat([synthetic_batch.head(1500), examples[synthetic_batch.columns]], ignore_index=True)
    source = tmp_path / "in.parquet"
    batch.to_parquet(source, index=False, row_group_size=400)
    for id_args in ([], ["--id-column", "customer_id"]):
        local_out, spark_out = tmp_path / "local.parquet", tmp_path / "spark.parquet"
        assert main(["screen", str(source), "-o", str(local_out), "--workers", "1", "-q", *id_args]) == 1
        assert main(["screen", "--engine", "spark", str(source), "-o", str(spark_out), "-q", *id_args]) == 1
        err = capsys.readouterr().err
        assert f"-> {spark_out}" in err
        want = pd.read_parquet(local_out)
        got = spark.read.parquet(str(spark_out)).toPandas()  # a folder of part files
        assert len(want) >= 10
        assert_same_alerts(in_local_order(got, want), want)


def test_cli_engine_spark_errors(spark, tmp_path, capsys):
    source = tmp_path / "in.parquet"
    pd.DataFrame({"full_name": ["Megvii"]}).to_parquet(source, index=False)
    assert main(["screen", "--engine", "spark", str(tmp_path / "missing.parquet"), "-o",
                 str(tmp_path / "out.parquet")]) == 2
    assert "cannot read with Spark" in capsys.readouterr().err
    assert main(["screen", "--engine", "spark", str(source), "-o", str(tmp_path / "out.parquet")]) == 2
    assert "no column 'name'" in capsys.readouterr().err
    assert main(["screen", "--engine", "spark", str(source), "-o", str(tmp_path / "out.csv"),
                 "--name-column", "full_name"]) == 2
    assert "writes Parquet" in capsys.readouterr().err
    assert main(["screen", "--engine", "spark", str(source), "-o", str(tmp_path / "out.parquet"),
                 "--name-column", "full_name", "--resume"]) == 2
    assert "--resume: not available with --engine spark" in capsys.readouterr().err
