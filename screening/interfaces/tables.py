"""Customer tables in and result tables out, CSV or Parquet, a chunk at a time.

Input is read in chunks so a batch of millions of rows never sits in memory at once.
A CSV file is checked whole before any row is screened (its encoding, its quoting, its
row count), so a broken file fails at once with the file, line and problem, never after
hours of screening. Rows that cannot be read as the header says (too many or too few
fields, a stray quote, a line break inside a screened value) do not stop the batch:
they are returned as rejected rows with their line number, so every row is accounted
for.

Output goes to a temporary file beside the target that is renamed into place only when
the run succeeds, so an interrupted run never leaves a file that looks complete. A
resumable run (:class:`BatchOutputs` with ``resume``) keeps each finished chunk's
results and a small progress file in a hidden folder beside the output, so a rerun
continues from the last finished chunk.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from screening.interfaces.screener import RESULT_COLUMNS

# One fixed schema: a chunk without alerts must not write columns of another type.
RESULT_SCHEMA = pa.schema([(c, pa.float64() if c in ("score", "name_score") else pa.string())
                           for c in RESULT_COLUMNS])

REJECT_COLUMNS = ["row", "line", "reason", "value"]
"""The rejects file: the row label (the id column's value, else the 0-based data row number; empty for
a CSV record too broken to know its id), the CSV line the record starts on (empty for Parquet), why
it was not screened, and the value as read (the name, or the raw line of a broken record), cut to
:data:`VALUE_CHARS` characters."""
REJECT_SCHEMA = pa.schema([("row", pa.string()), ("line", pa.int64()), ("reason", pa.string()),
                           ("value", pa.string())])
VALUE_CHARS = 200

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_EOF_IN_QUOTES = "unexpected end of data"  # the csv module's (strict) error for a quote never closed


class TableError(ValueError):
    """A table cannot be read or written; the message names the file (and line) and the problem."""


@dataclass
class Batch:
    """One chunk of an input file: ``rows`` records from data row ``first_row`` on.

    ``frame`` holds the records that could be read (index: 0-based data row numbers over the
    whole file); ``rejects`` those that could not (columns :data:`REJECT_COLUMNS`, ``row``
    the data row number); ``lines`` the line each of ``frame``'s records starts on (CSV), else None.
    """

    index: int
    first_row: int
    rows: int
    frame: pd.DataFrame
    rejects: pd.DataFrame
    lines: np.ndarray | None


class InputTable:
    """A customers file read in chunks of ``chunk_size`` rows (CSV or Parquet), its columns and row
    count known up front, so a batch of millions of rows never sits in memory at once.

    CSV: ``encoding`` (any Python codec name) or, by default, UTF-8, or what a byte-order mark
    says (UTF-8, UTF-16, UTF-32). The whole file is checked on opening: bytes that do not decode,
    a quote never closed, or no header line raise :class:`TableError` with the line.
    """

    def __init__(self, path: str | Path, chunk_size: int, encoding: str | None = None):
        self.path = Path(path)
        if not self.path.is_file():
            raise TableError(f"{path}: no such file")
        self.parquet = self.path.suffix.lower() in (".parquet", ".pq")
        self.chunk_size = chunk_size
        self.encoding: str | None = None
        if self.parquet:
            if encoding is not None:
                raise TableError(f"{path}: --encoding applies to CSV files, not Parquet")
            try:
                self._file = pq.ParquetFile(self.path)
                self.columns = list(self._file.schema_arrow.names)
                self.rows = self._file.metadata.num_rows
            except Exception as exc:  # pyarrow raises many types; the user needs the file and the reason
                raise TableError(f"{path}: cannot read as Parquet ({type(exc).__name__}: {exc})") from exc
        else:
            self.encoding = self._encoding(encoding)
            self._header: list[str] = []
            self.columns, self.rows = self._scan()

    # -- CSV ----------------------------------------------------------------------------

    def _encoding(self, given: str | None) -> str:
        with open(self.path, "rb") as f:
            head = f.read(4096)
        if not head:
            raise TableError(f"{self.path}: empty file (no header line)")
        if given is not None:
            try:
                return codecs.lookup(given).name
            except LookupError:
                raise TableError(f"{self.path}: unknown encoding {given!r} (--encoding takes a Python codec "
                                 "name, e.g. utf-8, latin-1, cp1252, utf-16)") from None
        for bom, name in _BOMS:
            if head.startswith(bom):
                return name
        if head.count(0) * 4 >= len(head):  # text with NUL bytes everywhere: UTF-16/32 without a mark
            raise TableError(f"{self.path}: line 1: not UTF-8 (NUL bytes throughout: UTF-16 without a byte-order "
                             "mark?); give the encoding with --encoding, e.g. --encoding utf-16-le")
        return "utf-8"

    def _records(self, skip_to: int = 0) -> Iterator[tuple[int, int, list[str] | None, str | None, str]]:
        """(first line, last line, fields or None, csv error or None, raw text) of every record, the
        header included; blank lines are not records. Records before line ``skip_to`` are parsed, not
        returned with their raw text."""
        with open(self.path, encoding=self.encoding, errors="strict", newline="") as f:
            tap = _LineTap(f)
            reader = csv.reader(tap, strict=True)
            while True:
                start = tap.count + 1
                try:
                    fields, error = next(reader), None
                except StopIteration:
                    return
                except csv.Error as exc:
                    fields, error = None, str(exc)
                raw = tap.take()
                if fields == []:  # a blank line
                    continue
                yield start, tap.count, fields, error, raw

    def _decode_error(self, exc: UnicodeDecodeError) -> TableError:
        where = _locate_decode_error(self.path, self.encoding)
        if self.encoding in ("utf-8", "utf-8-sig"):
            return TableError(f"{self.path}: {where}: not UTF-8 ({exc.reason}); give the file's encoding with "
                              "--encoding, e.g. --encoding latin-1 or --encoding cp1252")
        return TableError(f"{self.path}: {where}: cannot be read as {self.encoding} ({exc.reason}); "
                          "check --encoding")

    def _scan(self) -> tuple[list[str], int]:
        """The header (duplicates made unique as pandas does: name, name.1) and the data record count;
        raises TableError for what makes the file unreadable as a whole."""
        header = None
        rows = 0
        try:
            for start, _, fields, error, _ in self._records():
                if error == _EOF_IN_QUOTES:
                    raise TableError(f"{self.path}: line {start}: a quote opened on this line is never closed "
                                     "(a stray quote?); the rows from here to the end of the file cannot be read")
                if header is None:
                    if error is not None:
                        raise TableError(f"{self.path}: line {start}: cannot read the header line ({error})")
                    header = fields
                else:
                    rows += 1
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc) from None
        if header is None:
            raise TableError(f"{self.path}: empty file (no header line)")
        self._header = header
        return _unique(header), rows

    def estimated_rows(self) -> int:
        """The number of data rows (exact: the file was read whole on opening)."""
        return self.rows

    def batches(self, screened_columns: Iterable[str] = (), start: int = 0) -> Iterator[Batch]:
        """The file in batches of ``chunk_size`` records, from batch number ``start`` on.

        CSV records that cannot be read as the header says go to the batch's ``rejects``: a wrong
        number of fields (trailing empty fields excepted), bad quoting, a value longer than the csv
        module's field limit, and a line break inside one of ``screened_columns`` (names never hold
        one; a stray quote that swallows the next lines does).
        """
        if self.parquet:
            yield from self._parquet_batches(start)
        else:
            yield from self._csv_batches(tuple(screened_columns), start)

    def _parquet_batches(self, start: int) -> Iterator[Batch]:
        first = 0
        try:
            for i, b in enumerate(self._file.iter_batches(batch_size=self.chunk_size)):
                n = b.num_rows
                if i >= start:
                    frame = b.to_pandas()
                    frame.index = pd.RangeIndex(first, first + n)
                    yield Batch(i, first, n, frame, _rejects_frame([], [], [], []), None)
                first += n
        except Exception as exc:
            raise TableError(f"{self.path}: cannot read after data row {first} ({type(exc).__name__}: {exc})") from exc

    def _csv_batches(self, screened: tuple[str, ...], start: int) -> Iterator[Batch]:
        width = len(self._header)
        positions = [self.columns.index(c) for c in screened if c in self.columns]
        index = row = 0
        good: list[list[str]] = []
        numbers: list[int] = []
        lines: list[int] = []
        bad: tuple[list, list, list, list] = ([], [], [], [])
        header_seen = False
        first = 0
        try:
            for first_line, last_line, fields, error, raw in self._records():
                if not header_seen:
                    header_seen = True
                    continue
                if index >= start:
                    reason = _record_problem(fields, error, width, positions, self.columns, first_line, last_line)
                    if reason is None:
                        if len(fields) > width:
                            fields = fields[:width]
                        good.append(fields)
                        numbers.append(row)
                        lines.append(first_line)
                    else:
                        for column, value in zip(bad, (row, first_line, reason, cut_value(raw.rstrip("\r\n")))):
                            column.append(value)
                row += 1
                if row - first == self.chunk_size:
                    if index >= start:
                        yield self._csv_batch(index, first, good, numbers, lines, bad)
                    index, first = index + 1, row
                    good, numbers, lines, bad = [], [], [], ([], [], [], [])
        except UnicodeDecodeError as exc:  # the file changed since it was checked
            raise self._decode_error(exc) from None
        if row > first and index >= start:
            yield self._csv_batch(index, first, good, numbers, lines, bad)

    def _csv_batch(self, index, first, good, numbers, lines, bad) -> Batch:
        data = {c: [r[i] or None for r in good] for i, c in enumerate(self.columns)}
        frame = pd.DataFrame(data, index=pd.Index(numbers, dtype="int64"), columns=self.columns)
        rows = len(good) + len(bad[0])
        return Batch(index, first, rows, frame, _rejects_frame(*bad), np.array(lines, dtype=np.int64))

    def chunks(self, index_column: str | None = None) -> Iterator[pd.DataFrame]:
        """The readable records, chunk by chunk, labelled by ``index_column``'s values (default: the data
        row number). Rows rejected while reading are left out; :meth:`batches` returns them."""
        for batch in self.batches(() if index_column is None else (index_column,)):
            frame = batch.frame
            yield frame.set_index(index_column, drop=False) if index_column else frame


class _LineTap:
    """The lines of a text file, counted and kept until taken, as the csv reader pulls them."""

    __slots__ = ("_lines", "count", "_kept")

    def __init__(self, f):
        self._lines = iter(f)
        self.count = 0
        self._kept: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.count += 1
        if sum(map(len, self._kept)) < 4 * VALUE_CHARS:  # keep enough to show, not a swallowed file
            self._kept.append(line)
        return line

    def take(self) -> str:
        text = "".join(self._kept)
        self._kept = []
        return text


def _record_problem(fields: list[str] | None, error: str | None, width: int, positions: list[int],
                    columns: list[str], first: int, last: int) -> str | None:
    span = f"lines {first}-{last}" if last > first else f"line {first}"
    if error is not None:
        if "field larger than field limit" in error:
            return f"a value longer than {csv.field_size_limit():,} characters"
        return f"bad quoting on {span} ({error}): a stray quote?"
    if len(fields) > width and not any(fields[width:]):
        fields = fields[:width]  # trailing empty fields (a trailing comma): nothing lost
    if len(fields) != width:
        return f"{len(fields)} field(s) where the header has {width}" + (f" ({span})" if last > first else "")
    if last > first:
        for i in positions:
            if "\n" in fields[i] or "\r" in fields[i]:
                return f"line break in {columns[i]!r} ({span}): a stray quote?"
    return None


def cut_value(text: str) -> str:
    return text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS] + "..."


def _rejects_frame(rows, lines, reasons, values) -> pd.DataFrame:
    return pd.DataFrame({"row": pd.array(rows, dtype="Int64"), "line": pd.array(lines, dtype="Int64"),
                         "reason": pd.array(reasons, dtype=object), "value": pd.array(values, dtype=object)},
                        columns=REJECT_COLUMNS)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            new = f"{n}.{seen[n]}"
            while new in seen:
                seen[n] += 1
                new = f"{n}.{seen[n]}"
            seen[new] = 0
            out.append(new)
        else:
            seen[n] = 0
            out.append(n)
    return out


def _locate_decode_error(path: Path, encoding: str) -> str:
    """Where ``path`` first fails to decode: 'line N' (byte-oriented encodings), else 'byte N'."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    ascii_like = "\n".encode(encoding) == b"\n"
    with open(path, "rb") as f:
        if ascii_like:
            for number, line in enumerate(f, 1):
                try:
                    decoder.decode(line)
                except UnicodeDecodeError as exc:
                    bad = line[max(exc.start, 0):exc.end]
                    return f"line {number} (bytes {bad!r})"
            return "at the end of the file"
        offset = 0
        for block in iter(lambda: f.read(1 << 16), b""):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return f"byte {offset + max(exc.start, 0)}"
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return f"byte {offset} (the end of the file: truncated?)"
    return "somewhere"


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------
# Output


def check_target(target: Path) -> bool:
    """Whether ``target`` is Parquet (else CSV); raises TableError for a suffix or folder that cannot work."""
    if target.suffix.lower() not in (".csv", ".parquet", ".pq"):
        raise TableError(f"{target}: output must end in .csv or .parquet")
    if not target.parent.is_dir():
        raise TableError(f"{target}: folder {target.parent} does not exist")
    return target.suffix.lower() != ".csv"


def _temporary(target: Path, suffix: str = ".partial") -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # as an ordinary open() would, not mkstemp's 0600
    return Path(tmp)


class TableWriter:
    """Writes table chunks (columns as in ``schema``) to a temporary file beside the target; renames it
    into place only on success, so an interrupted run never leaves a file that looks complete."""

    def __init__(self, target: Path, schema: pa.Schema = RESULT_SCHEMA):
        self.parquet = check_target(target)
        self.target = target
        self.tmp = _temporary(target)
        self.schema = schema
        self._pq_writer = None
        self._wrote_header = False
        self._finished = False

    def write(self, frame: pd.DataFrame) -> None:
        if self.parquet:
            if self._pq_writer is None:
                self._pq_writer = pq.ParquetWriter(self.tmp, self.schema)
            self._pq_writer.write_table(_table(frame, self.schema))
        else:
            frame.to_csv(self.tmp, mode="a", header=not self._wrote_header, index=False)
            self._wrote_header = True

    def write_file(self, part: Path) -> None:
        """Append a part that :func:`write_part` wrote (the same format as the target)."""
        if self.parquet:
            if self._pq_writer is None:
                self._pq_writer = pq.ParquetWriter(self.tmp, self.schema)
            self._pq_writer.write_table(pq.read_table(part, schema=self.schema))
        else:
            with open(self.tmp, "ab") as out, open(part, "rb") as f:
                shutil.copyfileobj(f, out)
            self._wrote_header = True

    def finish(self) -> Path:
        """Complete the temporary file (not yet in place) and return its path."""
        if not self._finished:
            if self._pq_writer is not None:
                self._pq_writer.close()
            elif self.parquet:
                pq.write_table(self.schema.empty_table(), self.tmp)
            if not self.parquet and not self._wrote_header:
                pd.DataFrame(columns=self.schema.names).to_csv(self.tmp, index=False)
            self._finished = True
        return self.tmp

    def commit(self) -> None:
        self.finish()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        if self._pq_writer is not None and not self._finished:
            try:
                self._pq_writer.close()
            except Exception:  # noqa: BLE001 -- the file is being thrown away
                pass
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()
        else:
            self.commit()


def _table(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def write_part(path: Path, frame: pd.DataFrame, parquet: bool, schema: pa.Schema, header: bool) -> None:
    """One chunk's rows in a file of its own, as :class:`TableWriter` would append them, written
    under a temporary name and renamed (so a part on disk is always whole)."""
    tmp = path.with_name(path.name + ".tmp")
    if parquet:
        pq.write_table(_table(frame, schema), tmp)
    else:
        frame.to_csv(tmp, header=header, index=False)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


class BatchOutputs:
    """The two files of a batch, the alerts and the rejected rows, written chunk by chunk and put in
    place together only when the whole batch succeeded.

    With ``resume`` (a JSON-able fingerprint of the run: input hash, lists, options), every finished
    chunk's results are kept as parts in a hidden folder beside the output (``.<output
    name>.resume/``) with ``progress.json``; a later run with the same fingerprint starts after
    the last finished chunk (:attr:`done`, with the totals so far in :attr:`state`), and its
    final files are byte for byte those of an uninterrupted run. A run whose fingerprint differs
    (another input, lists or options) starts over.
    """

    PROGRESS = "progress.json"

    def __init__(self, output: Path, rejects: Path, resume: dict | None = None, schema: pa.Schema = RESULT_SCHEMA):
        self.output, self.rejects, self.schema = output, rejects, schema
        self.parquet = check_target(output)
        self.rejects_parquet = check_target(rejects)
        if output.resolve() == rejects.resolve():
            raise TableError(f"{rejects}: the rejects file cannot be the output file")
        self.folder = output.parent / f".{output.name}.resume"
        self.fingerprint = resume
        self.done = 0
        self.state: dict = {}
        self.restarted = False  # progress was there but for another run
        self._writers: tuple[TableWriter, TableWriter] | None = None
        if resume is None:
            self._writers = (TableWriter(output, schema), TableWriter(rejects, REJECT_SCHEMA))
            return
        progress = self._progress()
        if progress is not None and progress.get("fingerprint") == _jsonable(resume):
            self.done, self.state = int(progress["chunks_done"]), progress["state"]
        else:
            self.restarted = progress is not None
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(exist_ok=True)

    def _progress(self) -> dict | None:
        try:
            return json.loads((self.folder / self.PROGRESS).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _part(self, kind: str, index: int) -> Path:
        return self.folder / f"{kind}-{index:07d}.part"

    def write(self, index: int, alerts: pd.DataFrame, rejects: pd.DataFrame, state: dict) -> None:
        """Chunk ``index``'s alerts and rejected rows; ``state``: the run's totals after it (kept for a resume)."""
        if self._writers is not None:
            self._writers[0].write(alerts)
            self._writers[1].write(rejects)
            return
        write_part(self._part("alerts", index), alerts, self.parquet, self.schema, header=index == 0)
        write_part(self._part("rejects", index), rejects, self.rejects_parquet, REJECT_SCHEMA, header=index == 0)
        progress = {"fingerprint": _jsonable(self.fingerprint), "chunks_done": index + 1, "state": state}
        tmp = self.folder / (self.PROGRESS + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(progress, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.folder / self.PROGRESS)
        self.done, self.state = index + 1, state

    def finish(self) -> tuple[Path, Path]:
        """Both files complete under temporary names (not yet in place): (alerts, rejects)."""
        if self._writers is None:
            self._writers = (TableWriter(self.output, self.schema), TableWriter(self.rejects, REJECT_SCHEMA))
            for i in range(self.done):
                self._writers[0].write_file(self._part("alerts", i))
                self._writers[1].write_file(self._part("rejects", i))
        return self._writers[0].finish(), self._writers[1].finish()

    def commit(self) -> None:
        """Put the rejects, then the alerts, in place; drop the resume folder (this run's or a stale one)."""
        self.finish()
        self._writers[1].commit()
        self._writers[0].commit()
        if (self.folder / self.PROGRESS).exists() or self.fingerprint is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def abort(self) -> None:
        """Remove the temporary files; a resumable run keeps its finished chunks for the next run."""
        if self._writers is not None:
            for w in self._writers:
                w.abort()


def _jsonable(value):
    return json.loads(json.dumps(value, default=str))
