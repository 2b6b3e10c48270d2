"""The ``screening`` command line.

Exit codes (so a batch job can tell the outcomes apart):

* 0: ran, no alerts
* 1: ran, alerts found
* 2: failed (bad arguments, unreadable input or list); the reason is printed on one line
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

import pyarrow as pa
from tqdm import tqdm

from screening.interfaces.clearances import ENV_CLEARANCES, ClearanceError, ClearanceStore
from screening.interfaces.forms_cache import FormsCacheError
from screening.interfaces.parallel import available_cores
from screening.interfaces import audit
from screening.interfaces.screener import _VERSION, DEFAULT_THRESHOLD, Screener, ScreeningInputError
from screening.interfaces.tables import (REJECT_COLUMNS, RESULT_SCHEMA, Batch, BatchOutputs, InputTable, TableError,
                                        TableWriter, cut_value, file_sha256)
from screening.model import EntityList
from screening.normalize import MAX_NAME_CHARS
from screening.sources import ListFormatError, UnknownSourceError, default_lists, load_list, snapshots, sources
from screening.sources.diff import diff_lists
from screening.sources.curated import CHINESE_NAMES
from screening.sources.registry import bundled_dir

EXIT_CLEAN, EXIT_ALERTS, EXIT_FAILED = 0, 1, 2
OPTIONAL_COLUMNS = ("schema", "country", "birth_date")


class CliError(Exception):
    """A failure to report on one line, without a traceback."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "limit", 1) < 1:
            raise CliError(f"--limit must be at least 1, not {args.limit}")
        if getattr(args, "threshold", None) is not None and not 0 <= args.threshold <= 100:
            raise CliError(f"--threshold must be between 0 and 100, not {args.threshold:g}")
        return args.run(args)
    except (CliError, TableError, ListFormatError, UnknownSourceError, ScreeningInputError, ClearanceError,
            FormsCacheError) as exc:
        print(f"screening: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("screening: interrupted", file=sys.stderr)
        return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="screening", description="Screen names against sanctions lists.",
                                epilog="exit codes: 0 no alerts, 1 alerts found, 2 failed")
    sub = p.add_subparsers(dest="command", required=True)
    lists_help = ("a list to screen against: SOURCE=PATH (a file or folder as published), or SOURCE alone for "
                  "its current snapshot (see 'lists update'); repeatable; sources: "
                  f"{', '.join(sources())}; default: the bundled starter list")
    store_help = f"snapshot store folder (default: ${snapshots.ENV_STORE}, else the user cache folder)"
    cleared_help = f"the clearance store, a SQLite file (default: ${ENV_CLEARANCES}, else the user data folder)"

    s = sub.add_parser("screen", help="screen a CSV or Parquet file of customers")
    s.add_argument("input", help="customers file (.csv or .parquet)")
    s.add_argument("-o", "--output", required=True, help="alerts file to write (.csv or .parquet)")
    s.add_argument("--list", action="append", default=[], metavar="SOURCE=PATH", help=lists_help)
    s.add_argument("--store", default=None, help=store_help)
    s.add_argument("--since", action="append", default=[], metavar="SOURCE=OLD",
                   help="delta screening: only the entities of SOURCE added or changed since its older version "
                        "OLD (a path, or a snapshot name from the store); repeatable")
    s.add_argument("--threshold", type=float, default=None,
                   help=f"alert threshold 0-100 (default {DEFAULT_THRESHOLD:g})")
    s.add_argument("--limit", type=int, default=10, help="at most this many alerts per customer (default 10)")
    s.add_argument("--name-column", default="name", help="column holding the name (default: name)")
    s.add_argument("--id-column", default=None, help="column whose values label rows in the output "
                   "(default: the 0-based data row number)")
    s.add_argument("--chunk-size", type=int, default=20_000,
                   help="rows read, screened and written at a time; memory grows with it (default 20000)")
    s.add_argument("--workers", type=int, default=available_cores(),
                   help=f"processes screening chunks in parallel (default: the cores available, {available_cores()})")
    s.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar (there is none either when standard error is not a terminal)")
    s.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="local: this machine's cores (default); spark: a Spark job (pip install 'screening[spark]'), "
                        "INPUT and OUTPUT as Parquet paths or URIs Spark can read and write")
    for col in OPTIONAL_COLUMNS:
        s.add_argument(f"--{col.replace('_', '-')}-column", default=None,
                       help=f"column holding the {col.replace('_', ' ')} (default: '{col}' if the file has it)")
    s.add_argument("--cleared", default=None, metavar="PATH", help=cleared_help + "; its cleared alerts are "
                   "left out while the listed entity is unchanged (see 'screening clear')")
    s.add_argument("--show-suppressed", action="store_true",
                   help="with --cleared: keep the cleared alerts in the output, marked in a 'suppressed' column")
    s.add_argument("--forms-cache", default=None, metavar="PATH",
                   help="a file keeping the customers' normalized names between runs (created if missing): a "
                        "nightly job normalizes each name once; the alerts are the same with or without it")
    s.add_argument("--encoding", default=None,
                   help="the CSV input's encoding, a Python codec name such as latin-1, cp1252 or utf-16 (default: "
                        "UTF-8, or UTF-16 / UTF-32 when the file starts with a byte-order mark; other bytes stop the "
                        "run with the line they are on)")
    s.add_argument("--rejects", default=None, metavar="PATH",
                   help="file listing the rows not screened, with their row, line and reason (.csv or .parquet; "
                        "default: <output stem>.rejects.csv beside the output); always written, a header alone "
                        "when every row was screened")
    s.add_argument("--resume", action="store_true",
                   help="resumable run: keep every finished chunk in .<output name>.resume/ beside the output, so "
                        "that after an interruption the same command continues from the last finished chunk; the "
                        "files are then those of an uninterrupted run")
    s.set_defaults(run=_screen)

    m = sub.add_parser("match", help="screen one name and show the matches")
    m.add_argument("name")
    m.add_argument("--list", action="append", default=[], metavar="SOURCE=PATH", help=lists_help)
    m.add_argument("--store", default=None, help=store_help)
    m.add_argument("--schema", default=None, help="Person, Organization, Vessel or Aircraft")
    m.add_argument("--country", default=None, help="country name or ISO code")
    m.add_argument("--birth-date", default=None, help="YYYY, YYYY-MM or YYYY-MM-DD")
    m.add_argument("--threshold", type=float, default=None,
                   help=f"alert threshold 0-100 (default {DEFAULT_THRESHOLD:g}; 0 shows the best candidates)")
    m.add_argument("--limit", type=int, default=10)
    m.add_argument("--explain", action="store_true", help="show why each match scored as it did")
    m.add_argument("--id", action="append", default=[], metavar="TYPE=VALUE", dest="identifiers",
                   help="an identifier of the query, e.g. passport=A1234567 (types: passport, national_id, uscc, "
                        "isin, lei, imo, ccc); repeatable")
    m.set_defaults(run=_match)

    sec = sub.add_parser("security", help="is a security (ISIN, ticker, issuer) under the NS-CMIC investment ban?")
    sec.add_argument("--isin", default=None)
    sec.add_argument("--ticker", default=None, help="exchange ticker, e.g. '0728 HK', 728.HK, 'CHA US'")
    sec.add_argument("--issuer", default=None, help="issuer name (matched like 'screening match')")
    sec.add_argument("--list", action="append", default=[], metavar="SOURCE=PATH", help=lists_help)
    sec.add_argument("--store", default=None, help=store_help)
    sec.add_argument("--threshold", type=float, default=None,
                     help=f"issuer-name threshold 0-100 (default {DEFAULT_THRESHOLD:g})")
    sec.add_argument("--limit", type=int, default=10)
    sec.set_defaults(run=_security)

    cl = sub.add_parser("clear", help="record that an alert (customer ~ listed entity) was reviewed and cleared; "
                                      "later screens with --cleared leave it out while the entity is unchanged")
    cl.add_argument("customer_key", metavar="CUSTOMER_KEY", help="the customer, as the 'row' column of the alerts "
                                                                 "names it (the --id-column value)")
    cl.add_argument("entity_id", metavar="ENTITY_ID", help="the listed entity, e.g. ofac-sdn:36")
    cl.add_argument("--reason", required=True, help="why the alert is a false positive")
    cl.add_argument("--analyst", required=True, help="who cleared it")
    cl.add_argument("--date", default=None, help="date of the review, YYYY-MM-DD (default: today)")
    cl.add_argument("--cleared", default=None, metavar="PATH", help=cleared_help)
    cl.add_argument("--list", action="append", default=[], metavar="SOURCE=PATH",
                    help=lists_help + " (the lists the alerts came from: the entity is hashed as loaded)")
    cl.add_argument("--store", default=None, help=store_help)
    cl.set_defaults(run=_clear)

    cd = sub.add_parser("cleared", help="the clearance store: list or revoke clearances")
    cd_sub = cd.add_subparsers(dest="cleared_command", required=True)
    cdl = cd_sub.add_parser("list", help="list the clearances")
    cdl.add_argument("--cleared", default=None, metavar="PATH", help=cleared_help)
    cdl.add_argument("--customer", default=None, metavar="CUSTOMER_KEY", help="only this customer's")
    cdl.add_argument("--entity", default=None, metavar="ENTITY_ID", help="only this entity's")
    cdl.add_argument("-o", "--output", default=None, help="also write them to a file (.csv or .parquet)")
    cdl.set_defaults(run=_cleared_list)
    cdr = cd_sub.add_parser("revoke", help="delete a clearance: the alert comes back")
    cdr.add_argument("customer_key", metavar="CUSTOMER_KEY")
    cdr.add_argument("entity_id", metavar="ENTITY_ID")
    cdr.add_argument("--cleared", default=None, metavar="PATH", help=cleared_help)
    cdr.set_defaults(run=_cleared_revoke)

    ls = sub.add_parser("lists", help="list sources and loaded lists")
    ls_sub = ls.add_subparsers(dest="lists_command", required=True)
    show = ls_sub.add_parser("show", help="show the known sources and what the given (or default) lists hold")
    show.add_argument("--list", action="append", default=[], metavar="SOURCE=PATH", help=lists_help)
    show.add_argument("--store", default=None, help=store_help)
    show.set_defaults(run=_lists_show)

    up = ls_sub.add_parser("update", help="download lists from their publishers into the snapshot store; "
                                          "a download that fails verification never replaces the current snapshot")
    up.add_argument("sources", nargs="*", metavar="SOURCE",
                    help="sources to update (default: every source with download URLs)")
    up.add_argument("--store", default=None, help=store_help)
    up.add_argument("--force", action="store_true",
                    help="accept a download despite a suspicious drop in entities, a rise in parse problems "
                         "or an older publication date")
    up.add_argument("--max-drop", type=float, default=0.2,
                    help="largest accepted fall in the entity count, as a fraction (default 0.2)")
    up.add_argument("--timeout", type=float, default=30, help="seconds without network progress (default 30)")
    up.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    up.set_defaults(run=_lists_update)

    d = ls_sub.add_parser("diff", help="entities added, removed and changed between two versions of a list")
    d.add_argument("source", metavar="SOURCE")
    d.add_argument("old", metavar="OLD", help="older version: a file or folder, or a snapshot name in the store")
    d.add_argument("new", metavar="NEW", help="newer version, likewise")
    d.add_argument("--store", default=None, help=store_help)
    d.add_argument("-o", "--output", default=None, help="also write one row per change (.csv or .parquet)")
    d.set_defaults(run=_lists_diff)
    return p


def _load_lists(specs: list[str], store: str | None = None) -> list[EntityList] | None:
    if not specs:
        return None
    out = []
    for spec in specs:
        source, sep, path = spec.partition("=")
        if not source or (sep and not path):
            raise CliError(f"--list {spec!r}: expected SOURCE=PATH or SOURCE, e.g. ofac-sdn=lists/sdn")
        out.append(load_list(source, path) if sep else snapshots.load_current(source, store))
    return out


def _load_version(source: str, version: str, store: str | None) -> EntityList:
    """A list from a path, or from a snapshot of the store named like its folder (``2026-02-27_1a2b3c4d5e6f``)."""
    if Path(version).exists():
        return load_list(source, version)
    return load_list(source, snapshots.snapshot_info(source, version, store).path)


def _screen(args: argparse.Namespace) -> int:
    if args.chunk_size < 1:
        raise CliError(f"--chunk-size must be at least 1, not {args.chunk_size}")
    if args.workers < 1:
        raise CliError(f"--workers must be at least 1, not {args.workers}")
    lists = _load_lists(args.list, args.store)
    screener = Screener(lists)
    only = _delta(lists, args.since, args.store)
    if args.engine == "spark":
        if args.forms_cache:
            raise CliError("--forms-cache is for the local engine: Spark executors normalize their partitions")
        from screening.interfaces.spark import run_cli
        return run_cli(args, screener, only)
    started = audit.now()
    output = Path(args.output)
    rejects_path = Path(args.rejects) if args.rejects else output.with_name(f"{output.stem}.rejects.csv")
    source = InputTable(args.input, args.chunk_size, args.encoding)
    columns = ", ".join(map(str, source.columns))
    for given in (args.id_column, args.name_column):
        if given is not None and given not in source.columns:
            hint = "; use --name-column" if given == args.name_column else ""
            raise CliError(f"{args.input}: no column {given!r} (columns: {columns}){hint}")
    optional = {}
    for col in OPTIONAL_COLUMNS:
        given = getattr(args, f"{col}_column")
        if given is not None and given not in source.columns:
            raise CliError(f"{args.input}: no column {given!r} (columns: {columns})")
        optional[col] = given if given is not None else (col if col in source.columns else None)
    clearance = _clearance_options(args)
    stamp = _file_stamp(source.path)
    input_record = {"path": str(source.path.resolve()), "bytes": stamp[0], "sha256": file_sha256(source.path),
                    "format": "parquet" if source.parquet else "csv", "encoding": source.encoding, "rows": source.rows}
    options = _run_options(args)
    list_records = audit.list_records(screener.lists)
    curated = bundled_dir() / CHINESE_NAMES  # the curated aliases Screener() adds
    list_records.append({"source": "curated-aliases", "path": str(curated), "content_hash": file_sha256(curated)})
    fingerprint = None
    if args.resume:
        fingerprint = {"library_version": _VERSION, "input": input_record, "lists": list_records,
                       "options": {k: v for k, v in options.items() if k not in _NOT_RESULT_OPTIONS}}
    outputs = BatchOutputs(output, rejects_path, fingerprint, _output_schema(args))  # temporary files from here
    try:
        state = outputs.state or {"counts": {"rows": 0, "screened": 0, "rejected": 0}, "alerts": 0, "alerted": 0,
                                  "truncated": 0, "notes": [], "notes_left_off": 0, "started": started, "resumed": []}
        if outputs.restarted:
            print(f"screening: note: the progress kept in {outputs.folder} is for another input, lists or options; "
                  "starting from the first row", file=sys.stderr)
        if outputs.done:
            state["resumed"].append({"at": started, "from_chunk": outputs.done, "rows_done": state["counts"]["rows"]})
            print(f"screening: resuming after {state['counts']['rows']} of {source.rows} rows ({outputs.done} chunks "
                  f"kept in {outputs.folder})", file=sys.stderr)
        screened_columns = [c for c in (args.name_column, args.id_column, *optional.values()) if c]
        pending: deque[Batch] = deque()  # batches read, in the order their results come back

        def frames() -> Iterator[pd.DataFrame]:
            for batch in source.batches(screened_columns, start=outputs.done):
                pending.append(batch)
                yield batch.frame.set_index(args.id_column, drop=False) if args.id_column else batch.frame

        counts = state["counts"]
        show = not args.quiet and sys.stderr.isatty()
        with _terminate_as_interrupt(), \
                tqdm(total=source.rows if show else None, initial=counts["rows"] if show else 0, disable=not show,
                     unit=" rows", unit_scale=True, file=sys.stderr, desc="screening") as bar:
            for frame in screener.iter_screen(frames(), name=args.name_column, limit=args.limit,
                                              threshold=args.threshold, workers=args.workers, only=only, **optional,
                                              **clearance, forms_cache=args.forms_cache):
                batch = pending.popleft()
                live = frame[~frame["suppressed"]] if "suppressed" in frame else frame  # cleared alerts do not count
                state["alerts"] += len(live)
                state["alerted"] += live["row"].nunique()  # an input row lives in one chunk only
                for k, v in frame.attrs["counts"].items():
                    counts[k] = counts.get(k, 0) + v
                counts["rows"] += len(batch.rejects)  # records the file reader could not read
                counts["rejected"] += len(batch.rejects)
                _add_notes(state, batch, frame)
                rejects = _rejected_rows(batch, frame, args.name_column, args.id_column)
                if len(rejects) != frame.attrs["counts"]["rejected"] + len(batch.rejects):
                    raise CliError(f"{args.input}: rows {batch.first_row}-{batch.first_row + batch.rows - 1}: "
                                   "rejected rows without their reasons (a bug: please report it)")
                outputs.write(batch.index, frame.assign(row=frame["row"].astype(str)), rejects, state)
                bar.update(batch.rows)
                bar.set_postfix(alerts=state["alerts"], refresh=False)
        if counts["rows"] != source.rows or _file_stamp(source.path) != stamp:
            raise CliError(f"{args.input}: the file changed while it was being screened ({counts['rows']} rows read, "
                           f"{source.rows} when it was checked); run again")
        if counts["rows"] != counts["screened"] + counts["rejected"]:  # every row is accounted for
            raise CliError(f"{args.input}: {counts['rows']} rows in but {counts['screened']} screened and "
                           f"{counts['rejected']} rejected (a bug: please report it)")
        alerts_file, rejects_file = outputs.finish()
        record = audit.record(
            version=_VERSION, started=state["started"], finished=audit.now(), resumed=state["resumed"],
            input=input_record, lists=list_records, options=options,
            outputs={"alerts": {"path": str(output.resolve()), "sha256": file_sha256(alerts_file)},
                     "rejects": {"path": str(rejects_path.resolve()), "sha256": file_sha256(rejects_file)}},
            counts={**counts, "alerts": state["alerts"], "alerted": state["alerted"], "truncated": state["truncated"]},
            notes=state["notes"], notes_left_off=state["notes_left_off"])
        audit.write(audit.audit_path(output), record)
        outputs.commit()
    except BaseException as exc:
        outputs.abort()
        if args.resume and outputs.done and isinstance(exc, KeyboardInterrupt):
            done = outputs.state["counts"]["rows"]
            print(f"screening: {done} of {source.rows} rows done are kept in {outputs.folder}; "
                  "run the same command with --resume to continue from there", file=sys.stderr)
        raise
    rejected = counts["rejected"]
    print(f"screened {counts['screened']} of {counts['rows']} rows ({rejected} rejected"
          + (f", listed in {rejects_path}" if rejected else ": no usable name")
          + f"); {state['alerts']} alerts on {state['alerted']} rows -> {args.output}", file=sys.stderr)
    if state["truncated"]:
        print(f"screening: note: {state['truncated']} name(s) longer than {MAX_NAME_CHARS} characters were cut to "
              f"{MAX_NAME_CHARS} before screening (see {audit.audit_path(output)})", file=sys.stderr)
    return EXIT_ALERTS if state["alerts"] else EXIT_CLEAN


# Options that do not change a run's results: a resumed run may differ in them (the input and output
# paths as typed, too: the fingerprint has the input's resolved path and hash, and the output names the folder).
_NOT_RESULT_OPTIONS = frozenset({"workers", "quiet", "resume", "input", "output"})


def _run_options(args: argparse.Namespace) -> dict:
    """The run's options for the audit record (and the resume fingerprint), the effective threshold included."""
    options = {k: v for k, v in sorted(vars(args).items()) if not callable(v)}
    options["threshold"] = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    return json.loads(json.dumps(options, default=str))


def _file_stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _rejected_rows(batch: Batch, frame: pd.DataFrame, name_column: str, id_column: str | None) -> pd.DataFrame:
    """A chunk's rows that were not screened, in input order: those the reader could not read (their id
    unknown with --id-column) and those without a usable name (see REJECT_COLUMNS)."""
    unread = batch.rejects
    positions = [r["position"] for r in frame.attrs.get("rejects", ())]
    names = batch.frame[name_column].to_numpy()[positions] if positions else []
    table = pd.DataFrame({
        "order": list(unread["row"]) + batch.frame.index[positions].tolist(),
        "row": ([None] * len(unread) if id_column else [str(r) for r in unread["row"]])
        + [str(r["row"]) for r in frame.attrs.get("rejects", ())],
        "line": pd.array(list(unread["line"]) + ([int(batch.lines[p]) for p in positions] if batch.lines is not None
                                                 else [None] * len(positions)), dtype="Int64"),
        "reason": list(unread["reason"]) + [r["reason"] for r in frame.attrs.get("rejects", ())],
        "value": list(unread["value"]) + ["" if _missing(v) else cut_value(str(v)) for v in names],
    })
    return table.sort_values("order", kind="stable").drop(columns="order")[REJECT_COLUMNS].reset_index(drop=True)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _add_notes(state: dict, batch: Batch, frame: pd.DataFrame) -> None:
    for n in frame.attrs.get("notes", ()):
        state["truncated"] += 1
        if len(state["notes"]) < audit.MAX_NOTES:
            line = int(batch.lines[n["position"]]) if batch.lines is not None else None
            state["notes"].append({"row": str(n["row"]), "line": line, "note": n["note"]})
        else:
            state["notes_left_off"] += 1


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler's time limit, ``kill``) ends the run like Ctrl-C: temporary files removed, a
    resumable run's finished chunks kept. Only in this process's main thread; worker processes forked
    meanwhile keep the default."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pid = os.getpid()

    def handler(signum, frame):
        if os.getpid() != pid:  # a forked worker: die as by default
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _delta(lists: list[EntityList] | None, since: list[str], store: str | None) -> set[str] | None:
    """The ids of the entities of ``lists`` (None: the default lists) added or changed since the given older
    versions, or None (screen all).

    The diff compares the lists as loaded, not the Screener's copies with curated aliases added (an
    entity with curated aliases would otherwise count as changed in every delta run)."""
    if not since:
        return None
    lists = default_lists() if lists is None else lists
    ids: set[str] = set()
    for spec in since:
        source, sep, old = spec.partition("=")
        if not sep or not source or not old:
            raise CliError(f"--since {spec!r}: expected SOURCE=OLD, e.g. ofac-sdn=snapshots/sdn-2021")
        new = [lst for lst in lists if lst.source == source]
        if not new:
            raise CliError(f"--since {spec!r}: no list of source {source!r} is loaded (give it with --list)")
        diff = diff_lists(_load_version(source, old, store), new[0])
        print(diff.summary(), file=sys.stderr)
        ids |= diff.screen_ids
    return ids


def _match(args: argparse.Namespace) -> int:
    identifiers = []
    for spec in args.identifiers:
        kind, sep, value = spec.partition("=")
        if not sep or not kind.strip() or not value.strip():
            raise CliError(f"--id {spec!r}: expected TYPE=VALUE, e.g. passport=A1234567")
        identifiers.append((kind.strip(), value.strip()))
    screener = Screener(_load_lists(args.list, args.store))
    hits = screener.match(args.name, schema=args.schema, country=args.country, birth_date=args.birth_date,
                          limit=args.limit, threshold=args.threshold, identifiers=identifiers or None)
    if not hits:
        print(f"no match for {args.name!r} at threshold "
              f"{DEFAULT_THRESHOLD if args.threshold is None else args.threshold:g}")
    for h in hits:
        print(f"{h.score:6.1f}  {h.entity_id:<20} {h.listed_name}  [{'; '.join(h.programs)}]"
              + (f"  (matched {h.matched_name!r})" if h.matched_name != h.listed_name else ""))
        if args.explain:
            print("\n".join("        " + line for line in str(h.explain()).splitlines()))
    return EXIT_ALERTS if hits else EXIT_CLEAN


def _output_schema(args: argparse.Namespace) -> pa.Schema:
    """The alerts file's columns: the result columns, plus the clearance columns with --cleared."""
    extra = []
    if getattr(args, "cleared", None):
        extra.append(pa.field("clearance", pa.string()))
        if args.show_suppressed:
            extra.append(pa.field("suppressed", pa.bool_()))
    return pa.schema(list(RESULT_SCHEMA) + extra)


def _clearance_options(args: argparse.Namespace) -> dict:
    """``screen``'s clearance options as ``iter_screen`` keywords."""
    if args.show_suppressed and not args.cleared:
        raise CliError("--show-suppressed needs --cleared PATH (the clearance store)")
    if not args.cleared:
        return {}
    return {"cleared": ClearanceStore(args.cleared), "show_suppressed": args.show_suppressed}


def _security(args: argparse.Namespace) -> int:
    if not (args.isin or args.ticker or args.issuer):
        raise CliError("give --isin, --ticker or --issuer")
    screener = Screener(_load_lists(args.list, args.store))
    hits = screener.match_security(isin=args.isin, ticker=args.ticker, issuer=args.issuer,
                                   threshold=args.threshold, limit=args.limit)
    if not hits:
        print("no NS-CMIC entity matches this security")
    for h in hits:
        print(f"{h.score:6.1f}  {h.entity_id:<20} {h.listed_name}  [{'; '.join(h.programs)}]  "
              f"matched on: {', '.join(h.matched_on)}")
        if h.isin:
            print(f"        ISIN {h.isin}")
        if h.tickers:
            print(f"        ticker {', '.join(h.tickers)}")
        if h.issuer is not None:
            print(f"        issuer name {h.issuer.matched_name!r} ({h.issuer.score:.1f})")
        print(f"        listed {h.listing_date or 'not given'}; effective {h.effective_date or 'not given'}; "
              f"divestment by {h.divestment_date or 'not given'}")
        for note in h.notes:
            print(f"        note: {note}")
    return EXIT_ALERTS if hits else EXIT_CLEAN


def _clear(args: argparse.Namespace) -> int:
    store = ClearanceStore(args.cleared)
    screener = Screener(_load_lists(args.list, args.store))
    try:
        entity = screener.entity(args.entity_id)
    except KeyError:
        raise CliError(f"{args.entity_id}: no such entity in the loaded lists (give the lists the alert came "
                       "from with --list)") from None
    c = store.clear(args.customer_key, entity, reason=args.reason, analyst=args.analyst, cleared_on=args.date)
    print(f"cleared {c.customer_key} ~ {c.entity_id} ({c.listed_name}) by {c.analyst} on {c.cleared_on}: "
          f"{c.reason} [entity hash {c.entity_hash[:12]}] -> {store.path}")
    return EXIT_CLEAN


def _cleared_list(args: argparse.Namespace) -> int:
    store = ClearanceStore(args.cleared)
    found = store.list(args.customer, args.entity)
    for c in found:
        print(f"{c.customer_key}\t{c.entity_id}\t{c.cleared_on}\t{c.analyst}\t{c.entity_hash[:12]}\t"
              f"{c.listed_name}\t{c.reason}")
    print(f"{len(found)} clearance(s) in {store.path}", file=sys.stderr)
    if args.output:
        frame = store.to_frame(args.customer, args.entity).astype(str)
        with TableWriter(Path(args.output), pa.schema([(c, pa.string()) for c in frame.columns])) as writer:
            writer.write(frame)
    return EXIT_CLEAN


def _cleared_revoke(args: argparse.Namespace) -> int:
    store = ClearanceStore(args.cleared)
    if not store.revoke(args.customer_key, args.entity_id):
        raise CliError(f"no clearance of {args.customer_key} ~ {args.entity_id} in {store.path}")
    print(f"revoked the clearance of {args.customer_key} ~ {args.entity_id} in {store.path}")
    return EXIT_CLEAN


def _lists_show(args: argparse.Namespace) -> int:
    print("Known sources:")
    width = max(map(len, sources()))
    for key, info in sources().items():
        print(f"  {key:<{width}} {info.title}" + ("  [bundled default]" if info.default else ""))
    screener = Screener(_load_lists(args.list, args.store))
    print("\nLoaded:")
    for lst in screener.lists:
        snap = lst.snapshot
        print(f"  {lst.source:<{width}} {len(lst):>6} entities  {str(snap.published or 'undated'):<10}  "
              f"sha256 {snap.content_hash[:16]}  {snap.path}")
        for issue in lst.issues:
            print(f"      note: {issue}")
    print(f"  total: {screener.entity_count} distinct entities")
    return EXIT_CLEAN


def _lists_update(args: argparse.Namespace) -> int:
    wanted = args.sources or [key for key, info in sources().items() if info.urls]
    failed = 0
    for key in wanted:
        try:
            result = snapshots.update(key, store=args.store, force=args.force, max_drop=args.max_drop,
                                      timeout=args.timeout, progress=not args.quiet and sys.stderr.isatty())
            print(result.describe())
        except ListFormatError as exc:  # UpdateError and parse failures: the current snapshot stays
            failed += 1
            print(f"screening: error: {exc}", file=sys.stderr)
    if failed and len(wanted) > 1:  # one source: its error line says it all
        print(f"screening: {failed} of {len(wanted)} source(s) not updated; their current snapshots stay in use",
              file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_CLEAN


def _lists_diff(args: argparse.Namespace) -> int:
    diff = diff_lists(_load_version(args.source, args.old, args.store),
                      _load_version(args.source, args.new, args.store))
    print(diff.summary())
    if args.output:
        changes = diff.to_frame().astype({"change": str})
        with TableWriter(Path(args.output), pa.schema([(c, pa.string()) for c in changes.columns])) as writer:
            writer.write(changes)
        print(f"{len(diff)} changes -> {args.output}", file=sys.stderr)
    return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
