"""The ``screening`` command line.

Exit codes (so a batch job can tell the outcomes apart):

* 0: ran, no alerts
* 1: ran, alerts found
* 2: failed (bad arguments, unreadable input or list); the reason is printed on one line
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow as pa
from tqdm import tqdm

from screening.interfaces.parallel import available_cores
from screening.interfaces.screener import DEFAULT_THRESHOLD, Screener, ScreeningInputError
from screening.interfaces.tables import InputTable, TableError, TableWriter
from screening.model import EntityList
from screening.sources import ListFormatError, UnknownSourceError, load_list, snapshots, sources
from screening.sources.diff import diff_lists

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
    except (CliError, TableError, ListFormatError, UnknownSourceError, ScreeningInputError) as exc:
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
    for col in OPTIONAL_COLUMNS:
        s.add_argument(f"--{col.replace('_', '-')}-column", default=None,
                       help=f"column holding the {col.replace('_', ' ')} (default: '{col}' if the file has it)")
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
    m.set_defaults(run=_match)

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
    screener = Screener(_load_lists(args.list, args.store))
    only = _delta(screener, args.since, args.store)
    source = InputTable(args.input, args.chunk_size)
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
    counts = {"rows": 0, "screened": 0, "rejected": 0}
    alerts = alerted_rows = 0
    show = not args.quiet and sys.stderr.isatty()
    with TableWriter(Path(args.output)) as writer, \
            tqdm(total=source.estimated_rows() if show else None, disable=not show, unit=" rows",
                 unit_scale=True, file=sys.stderr, desc="screening") as bar:
        for frame in screener.iter_screen(source.chunks(args.id_column), name=args.name_column, limit=args.limit,
                                          threshold=args.threshold, workers=args.workers, only=only, **optional):
            writer.write(frame.assign(row=frame["row"].astype(str)))
            alerts += len(frame)
            alerted_rows += frame["row"].nunique()  # an input row lives in one chunk only
            for k in counts:
                counts[k] += frame.attrs["counts"][k]
            bar.update(frame.attrs["counts"]["rows"])
            bar.set_postfix(alerts=alerts, refresh=False)
    print(f"screened {counts['screened']} of {counts['rows']} rows ({counts['rejected']} rejected: no usable name); "
          f"{alerts} alerts on {alerted_rows} rows -> {args.output}", file=sys.stderr)
    return EXIT_ALERTS if alerts else EXIT_CLEAN


def _delta(screener: Screener, since: list[str], store: str | None) -> set[str] | None:
    """The ids of the entities added or changed since the given older versions, or None (screen all)."""
    if not since:
        return None
    ids: set[str] = set()
    for spec in since:
        source, sep, old = spec.partition("=")
        if not sep or not source or not old:
            raise CliError(f"--since {spec!r}: expected SOURCE=OLD, e.g. ofac-sdn=snapshots/sdn-2021")
        new = [lst for lst in screener.lists if lst.source == source]
        if not new:
            raise CliError(f"--since {spec!r}: no list of source {source!r} is loaded (give it with --list)")
        diff = diff_lists(_load_version(source, old, store), new[0])
        print(diff.summary(), file=sys.stderr)
        ids |= diff.screen_ids
    return ids


def _match(args: argparse.Namespace) -> int:
    screener = Screener(_load_lists(args.list, args.store))
    hits = screener.match(args.name, schema=args.schema, country=args.country, birth_date=args.birth_date,
                          limit=args.limit, threshold=args.threshold)
    if not hits:
        print(f"no match for {args.name!r} at threshold "
              f"{DEFAULT_THRESHOLD if args.threshold is None else args.threshold:g}")
    for h in hits:
        print(f"{h.score:6.1f}  {h.entity_id:<20} {h.listed_name}  [{'; '.join(h.programs)}]"
              + (f"  (matched {h.matched_name!r})" if h.matched_name != h.listed_name else ""))
        if args.explain:
            print("\n".join("        " + line for line in str(h.explain()).splitlines()))
    return EXIT_ALERTS if hits else EXIT_CLEAN


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
    if failed:
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
