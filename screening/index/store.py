"""Saving a compiled index to one file and loading it back fast.

The arrays load at disk speed; what is slow to unpickle is tens of thousands of small
Python objects (entities, names). Those are stored pickled one by one
(:class:`Packed`) and unpickled when first read: screening needs them only for the
rows it reports, so a loaded index screens at once.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

T = TypeVar("T")
_MISSING = object()

# Bumped whenever a stored object's layout changes; a file of another format is refused.
FORMAT = 6  # 2: identifier codes and circa flags in the entity attributes; 3: initials in the blocking matrix;
# 4: per-name dropped tokens and the whole matrix for queries with initials; 5: listed word pairs (respacing);
# 6: new transliteration folds (the vocabulary stores each token's fold)
_MAGIC = "screening-index"


class IndexFileError(ValueError):
    """A saved index cannot be loaded: not an index file, or written by another library version."""


class Packed(Sequence[T]):
    """A read-only sequence of objects kept pickled one by one, unpickled on first access."""

    def __init__(self, blobs: list[bytes]):
        self._blobs = blobs
        self._cache: dict[int, T] = {}

    @classmethod
    def of(cls, items: Iterable[T], memo: dict[int, bytes] | None = None) -> "Packed[T]":
        """Pack ``items``; sequences packed with one ``memo`` share the bytes of the objects they
        share, and so store them once in a file."""
        memo = {} if memo is None else memo
        blobs = []
        for item in items:
            blob = memo.get(id(item))
            if blob is None:
                blob = memo[id(item)] = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            blobs.append(blob)
        return cls(blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = range(len(self._blobs))[i]  # IndexError for a bad i, as a list; negative i counted from the end
        item = self._cache.get(i, _MISSING)
        if item is _MISSING:
            item = self._cache[i] = pickle.loads(self._blobs[i])
        return item

    def __reduce__(self):
        return (Packed, (self._blobs,))


def save(path: str | Path, version: str, payload: Any) -> None:
    """Write ``payload`` (objects whose big collections are :class:`Packed`) to ``path`` atomically."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent or ".")
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # as an ordinary open() would, not mkstemp's 0600
    try:
        with os.fdopen(fd, "wb") as f:
            # The header is a pickle of its own, read before the payload: a file of another
            # version is recognized as such even when its classes no longer unpickle.
            pickle.dump((_MAGIC, FORMAT, version), f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(payload, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: str | Path, version: str) -> Any:
    """The payload saved at ``path``; :class:`IndexFileError` if it is not an index of this version.

    Only load index files you wrote yourself: like any pickle, a crafted file can run code.
    """
    path = Path(path)
    try:
        with open(path, "rb") as f:
            try:
                header = pickle.load(f)
            except Exception as exc:
                raise IndexFileError(f"{path}: not a screening index file ({type(exc).__name__}: {exc})") from exc
            if not (isinstance(header, tuple) and len(header) == 3 and header[0] == _MAGIC):
                raise IndexFileError(f"{path}: not a screening index file")
            _, fmt, saved_version = header
            if fmt != FORMAT or saved_version != version:
                raise IndexFileError(f"{path}: written by screening {saved_version} (index format {fmt}); this is "
                                     f"screening {version} (format {FORMAT}): build the index again and save it")
            try:
                return pickle.load(f)
            except Exception as exc:
                raise IndexFileError(f"{path}: damaged index file ({type(exc).__name__}: {exc}); "
                                     "build the index again and save it") from exc
    except FileNotFoundError:
        raise IndexFileError(f"{path}: no such index file") from None
    except IsADirectoryError:
        raise IndexFileError(f"{path}: a folder, not an index file") from None
