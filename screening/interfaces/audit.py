"""The audit record of a batch: what was screened, against which lists, with which options, and what
came out, so a decision can be traced and reproduced months later.

``screening screen`` writes it next to its output as ``<output>.audit.json`` (e.g.
``alerts.csv.audit.json``), atomically like the output. Its fields:

* ``format``: ``"screening-audit/1"``; ``library_version``;
* ``started``, ``finished``: UTC times (ISO 8601); ``resumed``: the times and chunks a resumed
  run continued from (empty for a run in one go);
* ``input``: path, size in bytes, ``sha256``, format, CSV encoding;
* ``outputs``: path and ``sha256`` of the alerts file and of the rejects file;
* ``lists``: one entry per list screened against: ``source``, ``path``, ``published``,
  ``content_hash`` (sha256 of the files read), ``label`` (as in the alerts' ``list_snapshot``),
  ``entity_count`` and the number of ``issues`` (records the parser skipped or repaired); and
  one with source ``curated-aliases``: the curated alias table's path and sha256;
* ``options``: the effective ``threshold`` and every option of the run (columns, limit, chunk size,
  delta lists, ...);
* ``counts``: ``rows`` (in), ``screened``, ``rejected`` (rows = screened + rejected), ``alerted``
  (rows with at least one alert), ``alerts`` (alert rows written), ``suppressed`` (alerts left out
  by a good-guy list or clearance; 0 when none is used) and ``truncated`` (names cut to
  :data:`screening.normalize.MAX_NAME_CHARS` characters before screening, screened all the same);
* ``notes``: per-row notes such as a truncated name (row, note), at most :data:`MAX_NOTES` of them,
  with ``notes_left_off`` counting the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from pathlib import Path

from screening.model import EntityList

FORMAT = "screening-audit/1"
SUFFIX = ".audit.json"
MAX_NOTES = 1_000


def audit_path(output: str | Path) -> Path:
    """Where the audit record of a batch writing ``output`` goes: ``<output>.audit.json``."""
    output = Path(output)
    return output.with_name(output.name + SUFFIX)


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def list_records(lists: Iterable[EntityList]) -> list[dict]:
    """Each list's snapshot (source, path, publication date, content hash, counts), for the record."""
    out = []
    for lst in lists:
        snap = lst.snapshot
        out.append({"source": lst.source, "path": snap.path,
                    "published": snap.published.isoformat() if snap.published else None,
                    "content_hash": snap.content_hash, "label": snap.label,
                    "entity_count": len(lst), "issues": len(lst.issues)})
    return out


def record(*, version: str, started: str, finished: str, input: dict, outputs: dict,
           lists: list[dict], options: dict, counts: dict, notes: list, notes_left_off: int = 0,
           resumed: list | None = None) -> dict:
    """The audit record (a plain dict, as written); ``counts`` needs rows, screened, rejected,
    alerted and alerts; ``suppressed`` and ``truncated`` default to 0, other counts are kept."""
    first = ("rows", "screened", "rejected", "alerted", "alerts")
    counts = {**{k: counts[k] for k in first}, "suppressed": counts.get("suppressed", 0),
              "truncated": counts.get("truncated", 0), **{k: v for k, v in counts.items() if k not in first}}
    return {
        "format": FORMAT,
        "library_version": version,
        "started": started,
        "finished": finished,
        "resumed": resumed or [],
        "input": input,
        "outputs": outputs,
        "lists": lists,
        "options": options,
        "counts": counts,
        "notes": notes[:MAX_NOTES],
        "notes_left_off": notes_left_off + max(len(notes) - MAX_NOTES, 0),
    }


def temporary(path: Path, data: dict) -> Path:
    """``data`` as JSON in a temporary file beside ``path`` (renamed into place by :func:`commit`)."""
    tmp = path.with_name(f".{path.name}.partial")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False, default=str)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    return tmp


def write(path: Path, data: dict) -> None:
    """Write the record atomically: a temporary file beside ``path``, renamed into place."""
    os.replace(temporary(path, data), path)
