"""Customer tables in and result tables out, CSV or Parquet, a chunk at a time.

Input is read in chunks so a batch of millions of rows never sits in memory at once;
output goes to a temporary file beside the target that is renamed into place only when
the run succeeds, so an interrupted run never leaves a file that looks complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from screening.interfaces.screener import RESULT_COLUMNS

# One fixed schema: a chunk without alerts must not write columns of another type.
RESULT_SCHEMA = pa.schema([(c, pa.float64() if c in ("score", "name_score") else pa.string())
                           for c in RESULT_COLUMNS])


class TableError(ValueError):
    """A table cannot be read or written; the message names the file and the problem."""


class InputTable:
    """A customers file read in chunks of ``chunk_size`` rows (CSV or Parquet), its columns known
    up front, so a batch of millions of rows never sits in memory at once."""

    def __init__(self, path: str, chunk_size: int):
        self.path = Path(path)
        if not self.path.is_file():
            raise TableError(f"{path}: no such file")
        self.parquet = self.path.suffix.lower() in (".parquet", ".pq")
        self.chunk_size = chunk_size
        try:
            if self.parquet:
                self._file = pq.ParquetFile(self.path)
                self.columns = list(self._file.schema_arrow.names)
            else:
                self.columns = list(self._read_csv(nrows=0).columns)
        except Exception as exc:  # pandas and pyarrow raise many types; the user needs the file and the reason
            raise TableError(f"{path}: cannot read ({type(exc).__name__}: {exc})") from exc

    def _read_csv(self, **kwargs):
        return pd.read_csv(self.path, dtype=str, keep_default_na=False, na_values=[""], **kwargs)

    def estimated_rows(self) -> int:
        """The row count (Parquet) or the lines after the header (CSV: a guess if values hold line breaks),
        for a progress bar."""
        if self.parquet:
            return self._file.metadata.num_rows
        with open(self.path, "rb") as f:
            lines = sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
        return max(lines - 1, 0)

    def chunks(self, index_column: str | None) -> Iterator[pd.DataFrame]:
        start = 0
        try:
            if self.parquet:
                parts = (b.to_pandas() for b in self._file.iter_batches(batch_size=self.chunk_size))
            else:
                parts = self._read_csv(chunksize=self.chunk_size)
            for chunk in parts:
                # Row labels are data row numbers across the whole file (or the id column).
                chunk.index = pd.RangeIndex(start, start + len(chunk))
                start += len(chunk)
                yield chunk.set_index(index_column, drop=False) if index_column else chunk
        except Exception as exc:
            raise TableError(f"{self.path}: cannot read after data row {start} ({type(exc).__name__}: {exc})") from exc


class TableWriter:
    """Writes table chunks (columns as in ``schema``) to a temporary file beside the target; renames it
    into place only on success, so an interrupted run never leaves a file that looks complete."""

    def __init__(self, target: Path, schema: pa.Schema = RESULT_SCHEMA):
        if target.suffix.lower() not in (".csv", ".parquet", ".pq"):
            raise TableError(f"{target}: output must end in .csv or .parquet")
        if not target.parent.is_dir():
            raise TableError(f"{target}: folder {target.parent} does not exist")
        self.target = target
        self.parquet = target.suffix.lower() != ".csv"
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # as an ordinary open() would, not mkstemp's 0600
        self.schema = schema
        self._pq_writer = None
        self._wrote_header = False

    def write(self, frame: pd.DataFrame) -> None:
        if self.parquet:
            table = pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False)
            if self._pq_writer is None:
                self._pq_writer = pq.ParquetWriter(self.tmp, self.schema)
            self._pq_writer.write_table(table)
        else:
            frame.to_csv(self.tmp, mode="a", header=not self._wrote_header, index=False)
            self._wrote_header = True

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._pq_writer is not None:
            self._pq_writer.close()
        if exc_type is not None:
            self.tmp.unlink(missing_ok=True)
            return
        if self.parquet and self._pq_writer is None:
            pq.write_table(self.schema.empty_table(), self.tmp)
        elif not self.parquet and not self._wrote_header:
            pd.DataFrame(columns=self.schema.names).to_csv(self.tmp, index=False)
        os.replace(self.tmp, self.target)
