"""Helpers for tests that run the ``screening`` command line in-process (tests/ is on pytest's pythonpath)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from screening.interfaces.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of ``screening *argv``."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_err(capsys, *argv) -> tuple[int, str]:
    """Exit code and standard error of ``screening *argv``."""
    code, _, err = run(capsys, *argv)
    return code, err


def assert_one_line_error(err: str, *fragments: str) -> None:
    """``err`` is one ``screening: error:`` line, no traceback, holding every fragment."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("screening: error: "), err
    assert "Traceback" not in err
    for f in fragments:
        assert f in lines[0], (f, err)


def read_output(path: Path) -> pd.DataFrame:
    """An alerts file as written (CSV or Parquet), row labels as text."""
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype={"row": str})
