"""What the gallery's workers are asked to do, and how a re-read differs from what is shown.

Owns the pending-load queue shared by the GUI thread and one worker (`RequestQueue`) and the
merge plan that turns the ids on screen into a fresh query's ids without a reset (`merge_plan`).
Pure Python, no Qt: the worker side and the plan run on background threads.
"""

from __future__ import annotations

import threading
from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

_Payload = TypeVar("_Payload")


class RequestQueue(Generic[_Payload]):
    """Pending loads shared by the GUI thread (adds, prunes) and one worker (takes, in order).

    The worker pulls instead of receiving one queued call per request, so a request pruned
    when the user scrolls away is never run, and a fast scroll cannot bury the current screen
    under thousands of stale calls. `add` says when the worker must be woken: only if it is
    not already draining the queue.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[int, _Payload] = {}
        self._is_draining = False
        self._is_closed = False

    def add(self, key: int, payload: _Payload) -> bool:
        """Queue `payload` under `key`; True if the worker has to be woken up."""
        with self._lock:
            if self._is_closed:
                return False
            self._items[key] = payload
            if self._is_draining:
                return False
            self._is_draining = True
            return True

    def take(self) -> tuple[int, _Payload] | None:
        """The oldest request, or None (and the worker counts as asleep) when there is none."""
        with self._lock:
            if not self._items:
                self._is_draining = False
                return None
            key = next(iter(self._items))
            return key, self._items.pop(key)

    def retain(self, keep: Container[int]) -> list[int]:
        """Drop every request whose key is not in `keep`; returns the dropped keys."""
        with self._lock:
            dropped = [key for key in self._items if key not in keep]
            for key in dropped:
                del self._items[key]
            return dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def close(self) -> None:
        """Refuse further requests and drop the queued ones (shutdown)."""
        with self._lock:
            self._is_closed = True
            self._items.clear()

    @property
    def is_closed(self) -> bool:
        return self._is_closed

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


# Page number -> (layout, ids of the page); entry id -> (box in device pixels, pixel ratio).
PageRequests = RequestQueue[tuple[int, list[int]]]
ThumbnailRequests = RequestQueue[tuple[int, float]]


@dataclass(frozen=True)
class MergePlan:
    """How the ids of a fresh query differ from the ones shown, when the rows kept their order.

    `removed` are rows of the old ids (ascending); `prepended` and `appended` the new ids that
    go before and after the kept ones. Anything else (rows that moved) has no plan.
    """

    removed: tuple[int, ...]
    prepended: tuple[int, ...]
    appended: tuple[int, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.removed or self.prepended or self.appended)


def merge_plan(old: Sequence[int], new: Sequence[int]) -> MergePlan | None:
    """The plan that turns `old` into `new`, or None when kept rows changed order.

    Runs on the reader thread: O(n) set work the GUI thread never does.
    """
    if old == new:
        return MergePlan((), (), ())
    new_set = set(new)
    old_set = set(old)
    removed = tuple(row for row, entry_id in enumerate(old) if entry_id not in new_set)
    kept = [entry_id for entry_id in old if entry_id in new_set]
    start = 0
    while start < len(new) and new[start] not in old_set:
        start += 1
    end = start + len(kept)
    if list(new[start:end]) != kept or any(entry_id in old_set for entry_id in new[end:]):
        return None
    return MergePlan(removed, tuple(new[:start]), tuple(new[end:]))


def row_runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Rows (any order) as contiguous (first, last) runs, bottom run first: removing them in
    this order leaves the rows of the runs still to go where they were."""
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows), reverse=True):
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1])
        else:
            runs.append((row, row))
    return runs
