"""A local store of downloaded list snapshots: download, verify, keep, switch atomically.

Layout of the store (``default_store()``, or any folder passed as ``store=``)::

    <store>/<source>/<published or 'undated'>_<content hash[:12]>/   one accepted snapshot
                         consolidated.xml                          the files as downloaded
                         snapshot.json                             what, when, from where
    <store>/<source>/current                                       name of the current snapshot

The folder name matches :attr:`ListSnapshot.label <screening.model.ListSnapshot.label>`
of the list loaded from it (``un@2026-02-27#1a2b3c4d5e6f`` lives in
``un/2026-02-27_1a2b3c4d5e6f``), so an alert's provenance leads to the exact files.

:func:`update` downloads every URL of a source into a temporary folder inside the store,
verifies the result (complete transfers, the files load with the source's own parser,
entities with names, no suspicious drop in the entity count or rise in parse problems)
and only then renames it into place and rewrites ``current`` (temporary file +
``os.replace``). Any failure raises :class:`UpdateError` and leaves the store as it was:
the current snapshot stays current, the temporary folder is removed. Accepted snapshots
are never modified (their files are made read-only); older ones stay for audit and
rollback (:func:`set_current`).

>>> from screening.sources import snapshots
>>> result = snapshots.update("un")                       # doctest: +SKIP
>>> print(result.describe())                              # doctest: +SKIP
un: new snapshot 2026-02-27_1a2b3c4d5e6f is current (1,003 entities; no previous snapshot)
>>> un = snapshots.load_current("un")                     # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import http.client
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from screening.model import EntityList
from screening.sources.files import ListFormatError, UnknownSourceError
from screening.sources.registry import sources

ENV_STORE = "SCREENING_LISTS_DIR"
CURRENT = "current"  # the pointer file in each source folder
METADATA = "snapshot.json"  # inside each snapshot folder
TEMP_PREFIX = ".tmp-"
USER_AGENT = "screening-list-update/0.1 (+https://pypi.org/project/screening/)"

_CHUNK = 1 << 16
_SOURCE_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_SNAPSHOT_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}|undated)_[0-9a-f]{12}$")

# Parse problems the loaders report (``EntityList.issues``) are normal in small numbers
# (the Feb 2026 UN file has 4, the Dec 2023 SDN set 1). A download that parses but raises
# many more than the current snapshot had (a garbled side file, a cut last record) is
# refused like a drop in entities: more than ISSUE_ALLOWANCE new issues, or more than
# ISSUE_RATE of the entity count, whichever is larger.
ISSUE_ALLOWANCE = 25
ISSUE_RATE = 0.01

ProgressCallback = Callable[[str, int, "int | None"], None]


# ---------------------------------------------------------------------------------------
# Errors and results


class UpdateError(ListFormatError):
    """A download could not be accepted as the new snapshot; the store is unchanged.

    ``reason`` is a short code for programs: ``url``, ``http``, ``timeout``, ``network``,
    ``truncated``, ``empty``, ``parse``, ``no-entities``, ``no-name``, ``drop``, ``issues``,
    ``older``, ``locked``, ``store``. A subclass of :class:`ListFormatError`, so code that reports list
    problems (the command line) reports these too.
    """

    def __init__(self, message: str, *, source: str = "", reason: str = "", url: str | None = None):
        super().__init__(message)
        self.source = source
        self.reason = reason
        self.url = url


class SnapshotStoreError(ListFormatError):
    """The store holds no usable snapshot where one is needed, or a snapshot was modified."""


@dataclass(frozen=True, slots=True)
class SnapshotFile:
    """One downloaded file of a snapshot."""

    name: str  # file name in the snapshot folder (the URL's last path segment, lower-cased)
    url: str  # where it was downloaded from (the mirror that answered)
    size: int
    sha256: str
    last_modified: str = ""  # HTTP Last-Modified, as sent
    etag: str = ""


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """An accepted snapshot in the store, as its ``snapshot.json`` describes it."""

    source: str
    name: str  # folder name: "<published or 'undated'>_<content_hash[:12]>"
    path: Path
    content_hash: str  # ListSnapshot.content_hash of the list loaded from these files
    files_hash: str  # sha256 over the downloaded files (names and sha256s, sorted by name)
    published: dt.date | None
    entity_count: int
    issue_count: int
    downloaded_at: dt.datetime  # UTC
    files: tuple[SnapshotFile, ...] = ()
    forced: tuple[str, ...] = ()  # checks overridden with force=True when it was accepted
    is_current: bool = False

    @property
    def label(self) -> str:
        """The ListSnapshot label of the list loaded from this snapshot, e.g. ``un@2026-02-27#1a2b3c4d5e6f``."""
        when = self.published.isoformat() if self.published else "undated"
        return f"{self.source}@{when}#{self.content_hash[:12]}"


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """What :func:`update` did.

    ``changed``: the current snapshot is now a different one than before. ``created``: a
    new snapshot folder was written (False when the download equals a snapshot already in
    the store; that snapshot is reused). ``forced``: the suspicious-change checks that
    ``force=True`` overrode (empty when none fired).
    """

    source: str
    snapshot: SnapshotInfo  # the current snapshot after the update
    previous: SnapshotInfo | None  # the current snapshot before it (None on the first update)
    changed: bool
    created: bool
    forced: tuple[str, ...] = ()
    bytes_downloaded: int = 0

    def describe(self) -> str:
        """One line for a log or a terminal."""
        snap, prev = self.snapshot, self.previous
        if not self.changed:
            what = f"unchanged, {snap.name} stays current"
        elif self.created:
            what = f"new snapshot {snap.name} is current"
        else:
            what = f"snapshot {snap.name} (already in the store) is current again"
        was = (f"was {prev.entity_count:,} in {prev.name}" if prev and self.changed
               else "no previous snapshot" if prev is None else "")
        counts = f"{snap.entity_count:,} entities" + (f"; {was}" if was else "")
        line = f"{self.source}: {what} ({counts})"
        if self.forced:
            line += "; accepted with force despite: " + "; ".join(self.forced)
        return line


# ---------------------------------------------------------------------------------------
# Store location and reading


def default_store() -> Path:
    """Where snapshots are kept unless ``store=`` says otherwise.

    ``$SCREENING_LISTS_DIR`` when set; else the user cache folder the way platformdirs
    finds it: ``$XDG_CACHE_HOME/screening/lists`` when that is set, on Windows
    ``%LOCALAPPDATA%\\screening\\Cache\\lists``, on macOS ``~/Library/Caches/screening/lists``,
    elsewhere ``~/.cache/screening/lists``.
    """
    explicit = os.environ.get(ENV_STORE, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "screening" / "lists"
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "").strip()
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "screening" / "Cache" / "lists"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "screening" / "lists"
    return Path.home() / ".cache" / "screening" / "lists"


def _store_root(store: str | Path | None) -> Path:
    return Path(store).expanduser() if store is not None else default_store()


def _source_dir(source_key: str, store: str | Path | None) -> Path:
    if not isinstance(source_key, str) or not _SOURCE_KEY.match(source_key):
        raise UnknownSourceError(f"{source_key!r} is not a list source key (lower-case letters, digits, - . _)")
    return _store_root(store) / source_key


def _current_name(folder: Path) -> str | None:
    pointer = folder / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SnapshotStoreError(f"{pointer}: cannot read ({exc})") from exc
    if not _SNAPSHOT_NAME.match(name):
        raise SnapshotStoreError(f"{pointer}: {name[:60]!r} is not a snapshot name")
    if not (folder / name).is_dir():
        raise SnapshotStoreError(f"{pointer}: names snapshot {name!r}, which is not in {folder}")
    return name


def current(source_key: str, store: str | Path | None = None) -> Path | None:
    """The folder of the current snapshot of ``source_key``, or None when there is none yet.

    Raises SnapshotStoreError when the ``current`` pointer is unreadable or names a missing folder.
    """
    name = _current_name(_source_dir(source_key, store))
    return None if name is None else _source_dir(source_key, store) / name


def _read_info(path: Path, is_current: bool = False) -> SnapshotInfo:
    try:
        meta = json.loads((path / METADATA).read_text(encoding="utf-8"))
        return SnapshotInfo(
            source=meta["source"], name=path.name, path=path, content_hash=meta["content_hash"],
            files_hash=meta["files_hash"],
            published=dt.date.fromisoformat(meta["published"]) if meta.get("published") else None,
            entity_count=int(meta["entity_count"]), issue_count=int(meta.get("issue_count", 0)),
            downloaded_at=dt.datetime.fromisoformat(meta["downloaded_at"]),
            files=tuple(SnapshotFile(**f) for f in meta.get("files", ())),
            forced=tuple(meta.get("forced", ())), is_current=is_current)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SnapshotStoreError(f"{path / METADATA}: not a readable snapshot description ({exc})") from exc


def snapshot_info(source_key: str, name: str, store: str | Path | None = None) -> SnapshotInfo:
    """The stored description of snapshot ``name`` (a folder name from :func:`history`)."""
    folder = _source_dir(source_key, store)
    if not _SNAPSHOT_NAME.match(name) or not (folder / name).is_dir():
        raise SnapshotStoreError(f"no snapshot {name!r} of {source_key!r} in {folder}")
    return _read_info(folder / name, is_current=name == _current_name(folder))


def history(source_key: str, store: str | Path | None = None) -> list[SnapshotInfo]:
    """Every accepted snapshot of ``source_key`` in the store, newest download first.

    Folders without a readable ``snapshot.json`` (not written by :func:`update`) are left out.
    """
    folder = _source_dir(source_key, store)
    if not folder.is_dir():
        return []
    current_name = _current_name(folder)
    out = []
    for path in folder.iterdir():
        if path.is_dir() and _SNAPSHOT_NAME.match(path.name):
            with contextlib.suppress(SnapshotStoreError):
                out.append(_read_info(path, is_current=path.name == current_name))
    return sorted(out, key=lambda s: (s.downloaded_at, s.name), reverse=True)


def load_current(source_key: str, store: str | Path | None = None) -> EntityList:
    """The list of ``source_key`` from its current snapshot.

    Without a snapshot, a source bundled with the library (the starter list) loads its
    own copy; any other source raises SnapshotStoreError saying how to get one.
    """
    # imported here, not at the top: screening.sources may come to import this module
    from screening.sources import load_list

    path = current(source_key, store)
    if path is not None:
        return load_list(source_key, path)
    info = sources().get(source_key)
    if info is None:
        raise UnknownSourceError(f"unknown list source {source_key!r}; known: {', '.join(sorted(sources()))}")
    if info.bundled_path is not None:
        return load_list(source_key)
    raise SnapshotStoreError(
        f"no downloaded snapshot of list source {source_key!r} in {_store_root(store)} and no "
        f"bundled copy; download one first (screening.sources.snapshots.update({source_key!r}))")


def set_current(source_key: str, name: str, store: str | Path | None = None) -> SnapshotInfo:
    """Make snapshot ``name`` (a folder name from :func:`history`) current again: a rollback.

    The files are checked against their recorded sha256 first.
    """
    folder = _source_dir(source_key, store)
    with _locked(folder, source_key):
        info = snapshot_info(source_key, name, store)
        _check_intact(info)
        _write_pointer(folder, name)
    return dataclasses.replace(info, is_current=True)


# ---------------------------------------------------------------------------------------
# Update


def update(source_key: str, *, store: str | Path | None = None, urls: Sequence[str] | None = None,
           force: bool = False, max_drop: float = 0.2, timeout: float = 30,
           progress: bool | ProgressCallback | None = None) -> UpdateResult:
    """Download the current publication of ``source_key``, verify it, and make it current.

    * ``urls``: the files to download (default: the registry's ``urls``). Each is saved
      under its last path segment, lower-cased (``.../exports/SDN.CSV`` -> ``sdn.csv``), the
      names the loaders expect. URLs that give the same file name are mirrors: they are
      tried in order and the first complete download is kept.
    * ``timeout``: seconds without network progress (connect or read) before giving up.
    * ``progress``: True draws a tqdm bar per file on stderr; a callable is called as
      ``progress(file_name, bytes_so_far, total_or_None)``.
    * Verification: every transfer complete (HTTP 200, as many bytes as Content-Length
      announced, no broken chunked encoding); ``load_list(source_key, folder)`` succeeds;
      at least one entity, every entity with a name. With ``force=False`` also: the entity
      count did not fall by more than ``max_drop`` (a fraction) against the current
      snapshot, and the parser did not report many more problems than it did for the
      current snapshot (see ``ISSUE_ALLOWANCE``), and it was not published before the
      current snapshot (where the list gives a date). ``force=True`` overrides only these.

    Returns an :class:`UpdateResult`. Raises :class:`UpdateError` (store unchanged) when the
    download cannot be accepted, UnknownSourceError for an unknown source key.
    KeyboardInterrupt during a download also leaves the store unchanged and propagates.
    """
    info = sources().get(source_key)
    if info is None:
        raise UnknownSourceError(f"unknown list source {source_key!r}; known: {', '.join(sorted(sources()))}")
    wanted = tuple(urls) if urls is not None else info.urls
    if not wanted:
        raise UpdateError(f"{source_key}: no download URL (the registry lists none for this source)",
                          source=source_key, reason="url")
    if not 0 <= max_drop <= 1:
        raise ValueError(f"max_drop must be a fraction between 0 and 1, not {max_drop!r}")
    groups = _url_groups(source_key, wanted)

    folder = _source_dir(source_key, store)
    created_dirs = _make_dirs(folder)
    try:
        with _locked(folder, source_key):
            _remove_stale_temps(folder)
            return _update_locked(source_key, folder, groups, force=force, max_drop=max_drop,
                                  timeout=timeout, progress=progress)
    except BaseException:
        for d in reversed(created_dirs):  # a first update that failed leaves no empty folders
            with contextlib.suppress(OSError):
                d.rmdir()
        raise


def _update_locked(source_key: str, folder: Path, groups: dict[str, list[str]], *,
                   force: bool, max_drop: float, timeout: float,
                   progress: bool | ProgressCallback | None) -> UpdateResult:
    from screening.sources import load_list  # see load_current

    previous_name = _current_name(folder)
    previous = _read_info(folder / previous_name, is_current=True) if previous_name else None
    temp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=folder))
    try:
        files = [_download_group(source_key, name, group, temp, timeout, progress)
                 for name, group in groups.items()]
        files_hash = _files_hash(files)
        total = sum(f.size for f in files)

        same = _find_by_files_hash(folder, files_hash)
        if same is not None:  # identical to a snapshot already accepted: reuse it, no parse
            _check_intact(same)
            if same.name == previous_name:
                return UpdateResult(source_key, dataclasses.replace(same, is_current=True), previous,
                                    changed=False, created=False, bytes_downloaded=total)
            forced = _suspicious(source_key, previous, same.entity_count, same.issue_count, (),
                                 same.published, force, max_drop)
            _write_pointer(folder, same.name)
            return UpdateResult(source_key, dataclasses.replace(same, is_current=True), previous,
                                changed=True, created=False, forced=forced, bytes_downloaded=total)

        try:
            lst = load_list(source_key, temp)
        except UnknownSourceError:  # a registry entry without a parser: nothing to verify with
            raise
        except ListFormatError as exc:
            raise UpdateError(f"{source_key}: the download does not load as this list: "
                              f"{_strip_temp(str(exc), temp)}", source=source_key, reason="parse") from exc
        except (ValueError, OSError, UnicodeError) as exc:  # a parser's unexpected failure is a refusal too
            raise UpdateError(f"{source_key}: the download does not load ({type(exc).__name__}: "
                              f"{_strip_temp(str(exc), temp)})", source=source_key, reason="parse") from exc
        _check_required(source_key, lst)
        forced = _suspicious(source_key, previous, len(lst), len(lst.issues), lst.issues,
                             lst.snapshot.published, force, max_drop)

        published = lst.snapshot.published
        name = f"{published.isoformat() if published else 'undated'}_{lst.snapshot.content_hash[:12]}"
        downloaded_at = dt.datetime.now(dt.timezone.utc)
        meta = {
            "source": source_key, "name": name, "content_hash": lst.snapshot.content_hash,
            "files_hash": files_hash, "published": published.isoformat() if published else None,
            "entity_count": len(lst), "issue_count": len(lst.issues),
            "downloaded_at": downloaded_at.isoformat(),
            "files": [dataclasses.asdict(f) for f in files],
            "forced": list(forced), "issues": [_strip_temp(i, temp) for i in lst.issues],
        }
        _write_metadata(temp, meta)
        _seal(temp)

        final = folder / name
        created = True
        if final.exists():
            # The parser sees the same list (same content hash) though some downloaded byte
            # differs, e.g. in a file it does not read: keep the snapshot already accepted.
            created = False
        else:
            try:
                os.rename(temp, final)
            except OSError as exc:
                if not final.exists():
                    raise UpdateError(f"{source_key}: cannot move the snapshot into {final} ({exc})",
                                      source=source_key, reason="store") from exc
                created = False
            _fsync_dir(folder)
        _write_pointer(folder, name)
        snapshot = _read_info(final, is_current=True)
        return UpdateResult(source_key, snapshot, previous, changed=name != previous_name,
                            created=created, forced=forced, bytes_downloaded=total)
    finally:
        if temp.exists():
            _remove_tree(temp)


def _url_groups(source_key: str, urls: Sequence[str]) -> dict[str, list[str]]:
    """URLs by target file name, in order; URLs with one file name are mirrors of each other."""
    groups: dict[str, list[str]] = {}
    for url in urls:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UpdateError(f"{source_key}: {url!r} is not an http(s) URL", source=source_key,
                              reason="url", url=url)
        name = urllib.parse.unquote(parts.path.rsplit("/", 1)[-1]).strip().lower()
        if (not name or name in (".", "..", METADATA, CURRENT) or name.startswith(TEMP_PREFIX)
                or any(c in name for c in '/\\:\0')):
            raise UpdateError(f"{source_key}: {url!r} does not end in a usable file name",
                              source=source_key, reason="url", url=url)
        groups.setdefault(name, []).append(url)
    return groups


def _download_group(source_key: str, name: str, urls: list[str], temp: Path, timeout: float,
                    progress: bool | ProgressCallback | None) -> SnapshotFile:
    errors: list[UpdateError] = []
    for url in urls:
        try:
            return _download(source_key, url, temp / name, timeout, progress)
        except UpdateError as exc:
            errors.append(exc)
            with contextlib.suppress(FileNotFoundError):
                (temp / name).unlink()
    if len(errors) == 1:
        raise errors[0]
    raise UpdateError(f"{source_key}: every mirror of {name} failed: " + "; ".join(str(e) for e in errors),
                      source=source_key, reason=errors[-1].reason, url=errors[-1].url)


def _download(source_key: str, url: str, target: Path, timeout: float,
              progress: bool | ProgressCallback | None) -> SnapshotFile:
    """Stream ``url`` into ``target``; an UpdateError for anything short of a complete 200."""
    def fail(reason: str, what: str, exc: BaseException | None = None) -> UpdateError:
        err = UpdateError(f"{source_key}: {url}: {what}", source=source_key, reason=reason, url=url)
        if exc is not None:
            err.__cause__ = exc
        return err

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    digest = hashlib.sha256()
    received = 0
    expected: int | None = None
    bar = None
    answered = False
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answered = True
            if response.status != 200:
                raise fail("http", f"HTTP {response.status} {response.reason} (expected 200)")
            length = response.headers.get("Content-Length")
            if length is not None:
                try:
                    expected = int(length)
                except ValueError:
                    raise fail("http", f"bad Content-Length {length[:40]!r}") from None
            bar = _progress_bar(progress, target.name, expected)
            with open(target, "xb") as out:
                while True:
                    chunk = response.read1(_CHUNK)  # what has arrived, up to _CHUNK
                    if not chunk:
                        break
                    out.write(chunk)
                    digest.update(chunk)
                    received += len(chunk)
                    if bar is not None:
                        bar(received)
                out.flush()
                os.fsync(out.fileno())
            last_modified = response.headers.get("Last-Modified", "")
            etag = response.headers.get("ETag", "")
    except UpdateError:
        raise
    except urllib.error.HTTPError as exc:
        raise fail("http", f"HTTP {exc.code} {exc.reason}", exc) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise fail("timeout", f"no answer within {timeout:g} s", exc) from exc
        raise fail("network", f"cannot connect ({exc.reason})", exc) from exc
    except TimeoutError as exc:
        if not answered:
            raise fail("timeout", f"no answer within {timeout:g} s", exc) from exc
        raise fail("timeout", f"transfer stalled for {timeout:g} s after {received:,} bytes", exc) from exc
    except http.client.IncompleteRead as exc:
        raise fail("truncated", f"transfer interrupted after {received:,} bytes "
                                f"(the connection closed inside a chunk)", exc) from exc
    except (http.client.HTTPException, OSError) as exc:
        raise fail("network", f"transfer failed after {received:,} bytes "
                              f"({type(exc).__name__}: {exc})", exc) from exc
    finally:
        if bar is not None:
            bar(None)
    if expected is not None and received != expected:
        raise fail("truncated", f"incomplete transfer: {received:,} of {expected:,} bytes "
                                f"(Content-Length) received")
    if received == 0:
        raise fail("empty", "empty file")
    return SnapshotFile(name=target.name, url=url, size=received, sha256=digest.hexdigest(),
                        last_modified=last_modified, etag=etag)


def _progress_bar(progress: bool | ProgressCallback | None, name: str,
                  total: int | None) -> Callable[[int | None], None] | None:
    """A function of bytes so far (None: done) feeding tqdm or the caller's callback."""
    if not progress:
        return None
    if callable(progress):
        def report(done: int | None) -> None:
            if done is not None:
                progress(name, done, total)
        return report
    from tqdm import tqdm

    bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=name, leave=False)
    shown = 0

    def advance(done: int | None) -> None:
        nonlocal shown
        if done is None:
            bar.close()
            return
        bar.update(done - shown)
        shown = done
    return advance


def _files_hash(files: Sequence[SnapshotFile]) -> str:
    digest = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.name):
        digest.update(f"{f.name}\0{f.sha256}\n".encode())
    return digest.hexdigest()


def _find_by_files_hash(folder: Path, files_hash: str) -> SnapshotInfo | None:
    current_name = _current_name(folder)
    for path in sorted(folder.iterdir()):
        if path.is_dir() and _SNAPSHOT_NAME.match(path.name):
            with contextlib.suppress(SnapshotStoreError):
                info = _read_info(path, is_current=path.name == current_name)
                if info.files_hash == files_hash:
                    return info
    return None


def _check_intact(info: SnapshotInfo) -> None:
    """Raise SnapshotStoreError when a stored file no longer has its recorded sha256."""
    for f in info.files:
        path = info.path / f.name
        try:
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            raise SnapshotStoreError(f"{path}: snapshot file unreadable ({exc})") from exc
        if digest.hexdigest() != f.sha256:
            raise SnapshotStoreError(f"{path}: modified since it was downloaded (sha256 differs)")


def _check_required(source_key: str, lst: EntityList) -> None:
    if len(lst) == 0:
        raise UpdateError(f"{source_key}: the download holds no entity", source=source_key,
                          reason="no-entities")
    nameless = [e.entity_id for e in lst if not e.name.strip()]
    if nameless:
        raise UpdateError(f"{source_key}: {len(nameless):,} entit{'y has' if len(nameless) == 1 else 'ies have'} "
                          f"no name ({', '.join(nameless[:5])}{', ...' if len(nameless) > 5 else ''})",
                          source=source_key, reason="no-name")


def _suspicious(source_key: str, previous: SnapshotInfo | None, count: int, issue_count: int,
                issues: Sequence[str], published: dt.date | None, force: bool,
                max_drop: float) -> tuple[str, ...]:
    """The suspicious-change findings; raises UpdateError for the first unless ``force``."""
    findings: list[tuple[str, str]] = []
    if previous is not None and previous.published and published and published < previous.published:
        findings.append(("older", (f"it was published {published.isoformat()}, before the current "
                                  f"snapshot ({previous.published.isoformat()}): a stale copy?")))
    if previous is not None and previous.entity_count > 0:
        drop = (previous.entity_count - count) / previous.entity_count
        if drop > max_drop:
            findings.append(("drop", (f"entity count fell from {previous.entity_count:,} to {count:,} "
                                      f"({drop:.0%}, more than max_drop {max_drop:.0%})")))
    base = previous.issue_count if previous is not None else 0
    allowed = base + max(ISSUE_ALLOWANCE, int(ISSUE_RATE * count))
    if issue_count > allowed:
        sample = "; ".join(i[:160] for i in issues[:3])
        findings.append(("issues", f"the parser reported {issue_count:,} problems (at most {allowed:,} "
                                   f"accepted{f', the current snapshot had {base:,}' if previous else ''})"
                                   + (f", e.g. {sample}" if sample else "")))
    if findings and not force:
        reason, text = findings[0]
        others = "".join(f"; also {t}" for _, t in findings[1:])
        raise UpdateError(f"{source_key}: suspicious download refused: {text}{others}. "
                          f"Check the publisher; update with force=True to accept it anyway",
                          source=source_key, reason=reason)
    return tuple(text for _, text in findings)


# ---------------------------------------------------------------------------------------
# File system


def _make_dirs(folder: Path) -> list[Path]:
    """mkdir -p, returning the folders it created (outermost first)."""
    missing = []
    p = folder
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UpdateError(f"cannot create the snapshot store folder {folder} ({exc})",
                          source=folder.name, reason="store") from exc
    return list(reversed(missing))


@contextlib.contextmanager
def _locked(folder: Path, source_key: str) -> Iterator[None]:
    """An exclusive lock on the source folder (POSIX flock; no lock where flock is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    if not folder.is_dir():
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise UpdateError(f"{source_key}: another update of this source is running ({folder} is locked)",
                              source=source_key, reason="locked") from exc
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove_stale_temps(folder: Path) -> None:
    """Temporary folders of updates killed before they could clean up (we hold the lock)."""
    try:
        import fcntl  # noqa: F401  only safe to remove when the lock excludes a running update
    except ImportError:  # pragma: no cover
        return
    for path in folder.iterdir():
        if not path.name.startswith(TEMP_PREFIX):
            continue
        if path.is_dir():
            _remove_tree(path)
        else:
            path.unlink(missing_ok=True)


def _remove_tree(path: Path) -> None:
    def writable_then_retry(func, p, _exc):  # read-only files on Windows
        with contextlib.suppress(OSError):
            os.chmod(p, 0o700)
            func(p)
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=writable_then_retry)
    else:  # pragma: no cover
        shutil.rmtree(path, onerror=writable_then_retry)


def _write_metadata(folder: Path, meta: dict) -> None:
    with open(folder / METADATA, "x", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())


def _seal(folder: Path) -> None:
    """Make the snapshot's files read-only: an accepted snapshot is never modified."""
    for path in folder.iterdir():
        os.chmod(path, 0o444)


def _write_pointer(folder: Path, name: str) -> None:
    """Point ``current`` at ``name`` atomically (temporary file, fsync, os.replace)."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + "current-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, folder / CURRENT)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _strip_temp(text: str, temp: Path) -> str:
    """Messages name the downloaded file, not the temporary folder it sat in."""
    return text.replace(str(temp) + os.sep, "").replace(str(temp), "(download)")


__all__ = [
    "ENV_STORE", "SnapshotFile", "SnapshotInfo", "SnapshotStoreError", "UpdateError", "UpdateResult",
    "current", "default_store", "history", "load_current", "set_current", "snapshot_info", "update",
]
