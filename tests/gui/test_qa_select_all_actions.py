"""QA: what the window does with a huge selection (issue #18, Select All at a million images).

Select All itself is one range; these check what follows it. Each selection change counted the
selected ids and looked each one up among the held entries (0.5 s at 100,000 rows, a Python
call per row); a favourite of every row looked for each row and marked it changed (0.3 s at
100,000); the end of a delete searched for each deleted id's row, one search of the whole grid
each; undoing a delete inserted its rows one statement each (a search-index savepoint per row).
The limits are lowered here, so a dozen images take the paths a million would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.library import LibraryQuery
from desktop_app.ui import library_controller
from desktop_app.ui.actions import ActionId
from tests.gui.test_library_browser import fill_library

COUNT = 12


def _window_with_all_selected(make_window, qtbot, library, monkeypatch):
    monkeypatch.setattr(library_controller, "HELD_LOOKUP_LIMIT", 3)
    monkeypatch.setattr(library_controller, "LONG_BATCH", 5)
    entries = fill_library(library, COUNT)
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.rowCount() == COUNT and model.entry_at(COUNT - 1) is not None)
    window.gallery_view.selectAll()
    return window, entries


def test_select_all_counts_without_reading_ids_and_checks_favourite_from_held_pages(
        make_window, qtbot, library, monkeypatch) -> None:
    window, entries = _window_with_all_selected(make_window, qtbot, library, monkeypatch)
    model, actions = window.gallery_model, window.action_registry
    reads: list[int] = []
    real_id_at = model.id_at
    monkeypatch.setattr(model, "id_at", lambda row: reads.append(row) or real_id_at(row))
    monkeypatch.setattr(model, "held_entry", lambda _id: reads.append(-1))
    window.library_controller.update_actions()
    assert reads == []  # counted from the ranges, the held pages walked
    assert actions[ActionId.DELETE].isEnabled()
    assert not actions[ActionId.COMPARE].isEnabled()  # twelve selected: not 2-4
    assert not actions[ActionId.FAVOURITE].isChecked()
    monkeypatch.undo()
    window.library_controller.toggle_favourite()
    qtbot.waitUntil(lambda: actions[ActionId.FAVOURITE].isChecked())
    assert all(entry.favourite for entry in library.get_many([e.id for e in entries]).values())
    assert all(model.entry_at(row).favourite for row in range(COUNT))  # the cells show it


def test_a_big_delete_says_it_started_a_repeat_keeps_undo_and_undo_restores_every_row(
        make_window, qtbot, library, monkeypatch) -> None:
    window, entries = _window_with_all_selected(make_window, qtbot, library, monkeypatch)
    controller, bar, model = window.library_controller, window.message_bar, window.gallery_model
    ids = window.gallery_view.selected_ids()
    with qtbot.waitSignal(controller.deleted, timeout=20_000):
        controller.delete_selection()
        assert bar.text() == f"Deleting {COUNT} images…"
    assert model.rowCount() == 0 and library.count(LibraryQuery()) == 0
    assert bar.text() == f"Deleted {COUNT} images." and bar.action_labels() == ["Undo"]
    # Delete pressed again while the first one ran: nothing left to delete, and Undo still
    # restores the first batch.
    controller.delete_selection(ids)
    qtbot.waitUntil(lambda: bar.text() == "Those images were already deleted.")
    assert bar.action_labels() == ["Undo"]
    assert window.action_registry[ActionId.UNDO_DELETE].isEnabled()
    controller.undo_delete()
    assert bar.text() == f"Restoring {COUNT} images…"
    qtbot.waitUntil(lambda: model.rowCount() == COUNT, timeout=20_000)
    assert sorted(library.query_ids(LibraryQuery())) == sorted(e.id for e in entries)
    assert all(entry.path.exists() for entry in library.get_many(ids).values())


def test_undo_restores_in_statements_of_many_rows_and_skips_a_path_indexed_again(
        library) -> None:
    entries = fill_library(library, 3)
    batch = library.delete([e.id for e in entries])
    document = json.loads((batch.trash_dir / "batch.json").read_text(encoding="ascii"))
    assert [row["id"] for row in document] == [e.id for e in entries]
    # Meanwhile the first image's file is back and indexed under a new id: its old row cannot
    # return (the path is taken), the other two do, under their old ids.
    first_original, first_in_trash = next((source, target) for source, target in batch.moves
                                          if source == entries[0].path)
    first_original.write_bytes(first_in_trash.read_bytes())
    library.reconcile()
    (again,) = library.query_ids(LibraryQuery())
    assert again != entries[0].id
    restored = library.undo_delete(batch)
    assert sorted(e.id for e in restored) == sorted(e.id for e in entries[1:])
    back = sorted([again, *(e.id for e in entries[1:])])
    assert sorted(library.query_ids(LibraryQuery())) == back
    # The deleted image stays in the trash (the file in its place is another one), and the
    # trash still says what it is.
    assert first_in_trash.exists()
    document = json.loads((batch.trash_dir / "batch.json").read_text(encoding="ascii"))
    assert [row["id"] for row in document] == [entries[0].id]
    assert library.undo_delete(batch) == []  # a second undo restores nothing more


def test_a_delete_describes_its_batch_before_the_first_file_moves(library,
                                                                  monkeypatch) -> None:
    from desktop_app.library import trash

    entries = fill_library(library, 3)
    described: list[list[int]] = []
    real_replace = trash.os.replace

    def replace(source, target) -> None:
        if Path(target).name != "batch.json":  # a file going into the trash
            document = Path(target).parent / "batch.json"
            described.append([row["id"] for row in json.loads(document.read_text("ascii"))])
        real_replace(source, target)

    monkeypatch.setattr(trash.os, "replace", replace)
    library.delete([e.id for e in entries])
    assert described == [[e.id for e in entries]] * 3


def test_a_batch_document_that_fails_to_write_leaves_no_partial_file(library) -> None:
    from desktop_app.library import trash

    rows = [{"id": index, "path": f"images/{index}.png"} for index in range(1, 1203)]
    rows[700]["path"] = object()  # the second piece cannot be encoded
    folder = library.trash_dir / "batch"
    folder.mkdir(parents=True)
    with pytest.raises((TypeError, ValueError)):
        trash._write_batch_document(folder / "batch.json", rows)
    assert list(folder.iterdir()) == []


def test_deleting_images_another_process_deleted_takes_them_off_the_grid(
        make_window, qtbot, library, monkeypatch) -> None:
    window, entries = _window_with_all_selected(make_window, qtbot, library, monkeypatch)
    window.gallery_model.set_watch_interval(3_600_000)  # the next poll is far away
    library.delete([e.id for e in entries])  # as another process would
    window.library_controller.delete_selection()
    bar, model = window.message_bar, window.gallery_model
    qtbot.waitUntil(lambda: bar.text() == "Those images were already deleted.")
    assert model.rowCount() == 0
    assert bar.action_labels() == []  # nothing of this window's to undo


def test_the_trash_document_of_a_batch_past_one_json_piece_is_one_list(library) -> None:
    from desktop_app.library import trash

    rows = [{"id": index, "path": f"images/{index}.png"} for index in range(1, 1203)]
    path = library.trash_dir / "document.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    trash._write_batch_document(path, rows)
    assert json.loads(path.read_text(encoding="ascii")) == rows
