"""What the gallery's workers are asked to do, and how a re-read differs from what is shown.

Owns the pending-load queue shared by the GUI thread and one worker (`RequestQueue`) and the
merge plan that turns the ids on screen into a fresh query's ids without a reset (`merge_plan`).
Pure Python, no Qt: the worker side and the plan run on background threads.
"""

from __future__ import annotations

import threading
from array import array
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


# Ids per C call when the reader builds a set or compares arrays: each call holds the GIL, and
# the GUI thread waits for it; a set of a million ids in one call held it ~300 ms.
_SET_CHUNK = 16_384


def _as_ids(ids: Sequence[int]) -> array[int]:
    return ids if isinstance(ids, array) and ids.typecode == "q" else array("q", ids)


def _common_prefix(old: memoryview, new: memoryview) -> int:
    """How many leading ids `old` and `new` share: a binary search of slice compares (views,
    no copies), so a million rows cost ~20 short C calls, never a Python loop over every row."""
    low, high = 0, min(len(old), len(new))
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(old: memoryview, new: memoryview, limit: int) -> int:
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle :] == new[len(new) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def _chunked_set(ids: array[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(ids), _SET_CHUNK):
        found.update(ids[start : start + _SET_CHUNK])
    return found


# Rows the walk looks ahead for where a run of removals or new top rows ends; past that, sets.
_LOOKAHEAD = 4096
_MAX_WALKED = 1024  # removed rows the walk finds one run at a time before it gives up


def _walk(old: array[int], new: array[int], top: bool) -> tuple[list[int], int] | None:
    """(removed rows of `old`, new ids leading `new`) when `new` is `old` with a few runs of
    rows removed (and, at the `top` of the whole list, new ids first); None when that is not
    what happened. Shared runs are skipped by slice compares, a gap by a bounded index()."""
    removed: list[int] = []
    old_at = new_at = leading = 0
    with memoryview(old) as old_view, memoryview(new) as new_view:
        while old_at < len(old) and new_at < len(new):
            run = _common_prefix(old_view[old_at:], new_view[new_at:])
            old_at, new_at = old_at + run, new_at + run
            if old_at == len(old) or new_at == len(new):
                break
            stop = min(len(old), old_at + 1 + _LOOKAHEAD)
            try:
                found = old.index(new[new_at], old_at + 1, stop)
            except ValueError:
                found = -1
            if found >= 0:
                if len(removed) > _MAX_WALKED:
                    return None  # removals all over: sets are quicker
                removed.extend(range(old_at, found))
                old_at = found
                continue
            if not (top and old_at == 0 and new_at == leading):
                return None
            stop = min(len(new), new_at + 1 + _LOOKAHEAD)
            try:
                leading = new_at = new.index(old[0], new_at + 1, stop)
            except ValueError:
                return None
    removed.extend(range(old_at, len(old)))
    if top and old_at == 0 and new_at == 0:
        leading = len(new)  # nothing kept: every new id leads
    return removed, leading


def _by_sets(old: array[int], new: array[int], top: bool) -> tuple[list[int], int]:
    new_set = _chunked_set(new)
    old_set = _chunked_set(old)
    removed = [row for row, entry_id in enumerate(old) if entry_id not in new_set]
    leading = 0
    if top:
        while leading < len(new) and new[leading] not in old_set:
            leading += 1
    return removed, leading


def merge_plan(old: Sequence[int], new: Sequence[int]) -> MergePlan | None:
    """The plan that turns `old` into `new`, or None when kept rows changed order.

    Runs on the reader thread. The rows both share at the top and at the bottom are found by
    slice compares; the rows between are walked run by run (a few removals, new images at the
    top), or, when that fails, go through sets built in small chunks: a million rows never hold
    the GIL in one long call, which the GUI thread would wait for.
    """
    old, new = _as_ids(old), _as_ids(new)
    if old == new:
        return MergePlan((), (), ())
    with memoryview(old) as old_view, memoryview(new) as new_view:
        prefix = _common_prefix(old_view, new_view)
        suffix = _common_suffix(old_view, new_view, min(len(old), len(new)) - prefix)
    old_middle = old[prefix : len(old) - suffix]
    new_middle = new[prefix : len(new) - suffix]
    found = _walk(old_middle, new_middle, prefix == 0)
    if found is None or len(found[0]) > _MAX_WALKED:
        found = _by_sets(old_middle, new_middle, prefix == 0)
    removed_middle, start = found
    removed = tuple(prefix + row for row in removed_middle)
    # What stays of `old`, in order, must be `new` between the new top and bottom ids.
    kept = array("q", old[:prefix])
    at = 0
    for row in removed_middle:
        kept += old_middle[at:row]
        at = row + 1
    kept += old_middle[at:]
    kept += old[len(old) - suffix :]
    end = start + len(kept)
    with memoryview(new) as new_view, memoryview(kept) as kept_view:
        if new_view[start:end] != kept_view:
            return None
    added = (*new[:start], *new[end:])
    gone = {old[row] for row in removed}
    if any(entry_id in gone for entry_id in added):
        return None  # removed here and added there: it moved
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
