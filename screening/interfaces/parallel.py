"""Run chunk jobs on several processes, results in input order, a bounded number in flight.

Normalization is pure Python and holds the GIL, so threads would not use a second
core: batch screening runs chunks on worker processes. On Linux the workers are
forked and share the parent's compiled index copy-on-write (no pickling, instant
start); elsewhere they receive a pickled copy once, when the pool starts.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Chunks queued per worker beyond the one it runs: keeps the workers busy while the
# caller writes results, and bounds memory to a few chunks whatever the input size.
AHEAD_PER_WORKER = 2

_state: Any = None


def available_cores() -> int:
    """The cores this process may run on (the affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def map_ordered(job: Callable[[Any, T], R], state: Any, items: Iterable[T], workers: int) -> Iterator[R]:
    """``job(state, item)`` for every item, in order; on ``workers`` processes when more than one.

    ``state`` (e.g. a Screener) is given to every worker once, not with every item.
    """
    if workers <= 1:
        for item in items:
            yield job(state, item)
        return
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    global _state
    _state = state  # a forked worker inherits it; a spawned one gets it through _init
    init, args = (None, ()) if method == "fork" else (_init, (state,))
    with ProcessPoolExecutor(workers, mp_context=mp.get_context(method), initializer=init, initargs=args) as pool:
        pending: deque[Future] = deque()
        try:
            for item in items:
                pending.append(pool.submit(_run, job, item))
                if len(pending) > workers * (1 + AHEAD_PER_WORKER):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()
            _state = None


def _init(state: Any) -> None:
    global _state
    _state = state


def _run(job: Callable[[Any, T], R], item: T) -> R:
    return job(_state, item)
