"""Rows that are library ids: kept compactly, changed in place, changes announced coalesced.

Owns `IdListModel`, the base of `GalleryModel`: the ids in row order in one `array('q')` (8 bytes
a row, no Python int per row), id -> row without a Python loop over the rows (the row asked
for, the rows on screen, then a memory search of the array's bytes: ~4 ms at a million, where
a dict of every id cost 370 ms on the GUI thread), the row changes (removals in runs,
insertions, a merge plan applied in place, a reorder that keeps the selection on its ids), and
`dataChanged` coalesced to one pass per event-loop turn, clipped to the rows a view shows.
A new query's ids are filled in incrementally (`_fill_ids`): the old rows go in one removal and
the new ones come `FILL_CHUNK` rows per event-loop turn with `beginInsertRows`, never a model
reset, so neither the model nor the view works through a whole million-row list in one turn.
The first rows of a query may come first (`first_rows=True`): they are shown at once and the
whole answer, when it starts with them, only appends the rest.
Subclasses extend `_rows_moved` (rows now mean other ids) and `set_visible_rows`.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QTimer

from desktop_app.ui.gallery.request_queue import MergePlan, row_runs

Index = QModelIndex | QPersistentModelIndex

# Rows a new query's ids are shown in per event-loop turn. The view lays out what it has in
# batches of its own either way; each insertion restarts that layout from the top, so the chunks
# are large (five at a million; measured: 50,000-row chunks made the scroll range complete later
# without a GUI-thread gap shorter than one batched layout step).
FILL_CHUNK = 200_000
# Up to this many ids are looked up one memory search each; more, in one pass over the rows.
_FEW_IDS = 16


def find_rows(ids: array[int], wanted: set[int]) -> dict[int, int]:
    """Rows of the `wanted` ids in `ids` (those present). A few: one C memory search each over
    the array's bytes (no Python per row); many: one pass over the rows."""
    if not wanted or not ids:
        return {}
    if len(wanted) > _FEW_IDS:
        return {entry_id: row for row, entry_id in enumerate(ids) if entry_id in wanted}
    haystack = ids.tobytes()  # one memcpy: bytes can be searched, an array cannot
    found = {}
    for entry_id in wanted:
        try:
            needle = entry_id.to_bytes(ids.itemsize, sys.byteorder, signed=True)
        except OverflowError:
            continue
        at = haystack.find(needle)
        while at >= 0 and at % ids.itemsize:  # only whole items count, not a match across two
            at = haystack.find(needle, at + 1)
        if at >= 0:
            found[entry_id] = at // ids.itemsize
    return found


class IdListModel(QAbstractListModel):
    """A flat list model whose rows are ids."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = array("q")
        self._first_rows = False  # the rows are the first of a query whose rest is to come
        self._ids_version = 0  # bumped whenever the ids change, so stale merge plans are redone
        self._visible: range | None = None  # None until a view says: then everything counts
        self._dirty: list[tuple[int, int]] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush_changes)
        self._fill: array[int] | None = None  # ids still to be inserted, from _fill_at on
        self._fill_at = 0
        self._fill_done: Callable[[], None] | None = None
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_next)

    # -- reading ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        # Qt calls this for every index() it makes: keep it to one C++ call and a len().
        return 0 if parent.isValid() else len(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, entry_id: int, hint: int = -1) -> int | None:
        """The row of `entry_id`: `hint` if it is there, else the rows on screen, else a
        memory search of every row (never a Python loop over them)."""
        ids = self._ids
        if 0 <= hint < len(ids) and ids[hint] == entry_id:
            return hint
        visible = self._visible
        if visible:
            try:
                return ids.index(entry_id, min(visible.start, len(ids)),
                                 min(visible.stop, len(ids)))
            except ValueError:
                pass
        return find_rows(ids, {entry_id}).get(entry_id)

    def rows_of(self, entry_ids: Iterable[int]) -> dict[int, int]:
        """id -> row of those `entry_ids` that are shown."""
        return find_rows(self._ids, set(entry_ids))

    def ids(self) -> list[int]:
        return self._ids.tolist()

    def ids_in(self, runs: Iterable[range]) -> list[int]:
        """The ids of the rows in `runs` (step-1 ranges), in order: a slice of the array each,
        no Python call per row (Select All at a million rows is one slice)."""
        ids = self._ids
        found: list[int] = []
        for run in runs:
            found += ids[max(run.start, 0) : run.stop].tolist()
        return found

    def ids_array(self) -> array[int]:
        """A copy of the ids in row order (one memcpy), for a worker to compare with."""
        return array("q", self._ids)

    @property
    def ids_version(self) -> int:
        """Bumped whenever the rows change: merge plans made before are redone."""
        return self._ids_version

    # -- changing the rows ------------------------------------------------------------------

    def _rows_moved(self) -> None:
        """Rows now mean other ids (subclasses drop what they held by row)."""
        self._ids_version += 1
        self._first_rows = False
        self._dirty.clear()

    @property
    def is_filling(self) -> bool:
        """Whether rows of a new query are still being inserted."""
        return self._fill is not None

    def _fill_ids(self, ids: array[int], done: Callable[[], None], *,
                  first_rows: bool = False) -> None:
        """Show `ids` instead of the current rows, incrementally; `done` once all are in.

        `first_rows`: these are only the first rows of the query; its whole answer comes in
        a later call, which keeps them when it starts with them and appends the rest."""
        self._cancel_fill()
        start = 0
        shown = len(self._ids)
        if self._first_rows and shown <= len(ids):
            with memoryview(ids) as new, memoryview(self._ids) as old:
                if new[:shown] == old:
                    start = shown  # the first rows are on screen already
        if not start:
            if self._ids:
                self.beginRemoveRows(QModelIndex(), 0, len(self._ids) - 1)
                self._ids = array("q")
                self.endRemoveRows()
            self._rows_moved()
        self._first_rows = first_rows
        self._fill, self._fill_at, self._fill_done = ids, start, done
        self._fill_next()

    def _fill_next(self) -> None:
        ids = self._fill
        if ids is None:
            return
        start = self._fill_at
        stop = min(len(ids), start + FILL_CHUNK)
        self._fill_at = stop  # first: a slot of rowsInserted may change what is still to come
        if stop > start:
            self._insert_ids(len(self._ids), ids[start:stop])  # a slice of an array: a memcpy
            self._ids_version += 1
        if self._fill is not ids:
            return  # replaced or cancelled by a slot of rowsInserted
        if self._fill_at < len(ids):
            self._fill_timer.start()  # the rest in the next turns
            return
        done = self._fill_done
        self._cancel_fill()
        if done is not None:
            done()

    def _cancel_fill(self) -> None:
        self._fill_timer.stop()
        self._fill, self._fill_at, self._fill_done = None, 0, None

    def _remove_rows(self, rows: Sequence[int]) -> None:
        # Contiguous runs go in one beginRemoveRows each, from the bottom up.
        for first, last in row_runs(rows):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self.endRemoveRows()

    def _insert_ids(self, row: int, ids: Sequence[int]) -> None:
        self.beginInsertRows(QModelIndex(), row, row + len(ids) - 1)
        self._ids[row:row] = ids if isinstance(ids, array) else array("q", ids)
        self.endInsertRows()

    def remove_ids(self, ids: Iterable[int]) -> None:
        removed = set(ids)
        if self._fill is not None:  # not inserted yet: never inserted now
            rest = self._fill[self._fill_at:]
            for first, last in row_runs(list(find_rows(rest, removed).values())):
                del rest[first : last + 1]
            self._fill = rest
            self._fill_at = 0
            if not self._fill_timer.isActive():
                self._fill_timer.start()
        rows = list(self.rows_of(removed).values())
        if not rows:
            return
        self._remove_rows(rows)
        self._rows_moved()
        self._forget(removed)

    def _forget(self, ids: set[int]) -> None:
        """Removed ids: nothing held for them is shown again (subclasses)."""

    def apply_merge(self, ids: array[int], plan: MergePlan | None) -> None:
        """The re-read `ids`, by `plan` (rows removed and added in place) or, when rows moved,
        as a layout change that keeps the selection on its ids."""
        if plan is None:
            self._replace_ids_keeping_selection(ids)
            return
        if plan.removed:
            self._remove_rows(plan.removed)
        if plan.prepended:
            self._insert_ids(0, plan.prepended)
        if plan.appended:
            self._insert_ids(len(self._ids), plan.appended)
        if self._ids != ids:  # belt and braces: the plan always leads here
            self._replace_ids_keeping_selection(ids)
            return
        # Entries may have changed in place too (a favourite set elsewhere): fetch the pages
        # on screen again, showing the held ones meanwhile.
        self._rows_moved()
        if self._ids:
            self._mark_changed(0, len(self._ids) - 1)

    def _replace_ids_keeping_selection(self, ids: array[int]) -> None:
        """Rows moved: a layout change that carries persistent indexes (selection, current
        item) to the rows where their ids are now."""
        self._cancel_fill()
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        persistent = self.persistentIndexList()
        held = [old_ids[row] if 0 <= (row := index.row()) < len(old_ids) else None
                for index in persistent]
        self._ids = ids
        self._rows_moved()
        # Only the ids persistent indexes hold are looked up: no id -> row of every row.
        new_rows = find_rows(ids, {entry_id for entry_id in held if entry_id is not None})
        moved = []
        for entry_id in held:
            new_row = new_rows.get(entry_id) if entry_id is not None else None
            moved.append(self.index(new_row) if new_row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # -- what is on screen, and coalesced updates -------------------------------------------

    def set_visible_rows(self, rows: range) -> None:
        """The rows a view shows (with a small margin): only these are announced."""
        self._visible = rows

    def _mark_changed(self, first: int, last: int) -> None:
        visible = self._visible
        if visible is not None:
            first = max(first, visible.start)
            last = min(last, visible.stop - 1)
            if first > last:
                return
        self._dirty.append((first, last))
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush_changes(self) -> None:
        # One pass per event-loop turn: a burst of pages and thumbnails repaints once. Clipped
        # again here: the view may have scrolled since the rows were marked.
        dirty, self._dirty = self._dirty, []
        visible = self._visible
        start, stop = (visible.start, visible.stop) if visible is not None else (0, len(self._ids))
        stop = min(stop, len(self._ids))
        ranges = [(max(first, start), min(last, stop - 1)) for first, last in dirty]
        ranges = [(first, last) for first, last in ranges if first <= last]
        if len(ranges) > 8:
            ranges = [(min(first for first, _ in ranges), max(last for _, last in ranges))]
        for first, last in ranges:
            self.dataChanged.emit(self.index(first), self.index(last))

    def stop_announcing(self) -> None:
        self._flush_timer.stop()
        self._cancel_fill()
