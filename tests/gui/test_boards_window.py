"""The board list beside the grid (issue #16): counts, "All images" / "Uncategorised", filtering
the grid, create / rename / delete, dropping images onto a board, the "Add to board" chooser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.library import LibraryQuery
from desktop_app.library.boards import Board
from desktop_app.ui.actions import ActionId
from desktop_app.ui.board_chooser import BoardChooser
from desktop_app.ui.board_list import (
    IDS_MIME,
    BoardCounts,
    BoardListModel,
    BoardScope,
    image_ids_mime,
)
from tests.gui.test_library_browser import fill_library, select_rows


def _rows(panel) -> list[tuple[str, int | None]]:
    model = panel.model
    return [(model.index(r).data(), model.index(r).data(Qt.ItemDataRole.UserRole + 1))
            for r in range(model.rowCount())]


def _wait_rows(qtbot, panel, expected) -> None:
    qtbot.waitUntil(lambda: _rows(panel) == expected, timeout=5000)


def test_model_lists_all_uncategorised_and_boards_with_counts_and_accepts_id_drops() -> None:
    model = BoardListModel()
    model.set_counts(BoardCounts((Board(3, "Cats", 2), Board(5, "<b>Dogs</b>", 0)), 7, 5))
    assert [model.index(r).data() for r in range(4)] == [
        "All images", "Uncategorised", "Cats", "<b>Dogs</b>"]
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDropEnabled
    # A name is text, never markup: tooltips auto-detect rich text, so it is escaped there.
    tooltip = model.index(3).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Dogs&lt;/b&gt;: 0 images" in tooltip and "<b>" not in tooltip
    assert model.flags(model.index(2)) & Qt.ItemFlag.ItemIsDropEnabled
    dropped: list[tuple[int, list[int]]] = []
    model.images_dropped.connect(lambda board, ids: dropped.append((board, ids)))
    mime = image_ids_mime([11, 12])
    action = Qt.DropAction.CopyAction
    assert not model.canDropMimeData(mime, action, -1, -1, model.index(1))
    assert not model.canDropMimeData(QMimeData(), action, -1, -1, model.index(2))
    model.dropMimeData(mime, action, -1, -1, model.index(3))
    assert dropped == [(5, [11, 12])]
    assert not model.dropMimeData(mime, action, -1, -1, QModelIndex())


def test_scope_applies_board_uncategorised_and_rating_to_the_filter_query() -> None:
    query = LibraryQuery(search="fox", model="m")
    assert BoardScope(board_id=4, min_rating=3).apply(query) == LibraryQuery(
        search="fox", model="m", board=4, min_rating=3)
    assert BoardScope(uncategorised=True).apply(query).uncategorised


def test_board_list_filters_the_grid_and_keeps_the_search(make_window, qtbot, library) -> None:
    entries = fill_library(library, 4)
    library.boards.create("Foxes")
    library.add_to_board("Foxes", [entries[0].id])
    library.boards.create("Mixed")
    library.add_to_board("Mixed", [entries[0].id, entries[1].id, entries[2].id])
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 4), ("Uncategorised", 1), ("Foxes", 1),
                              ("Mixed", 3)])
    model = window.gallery_model
    panel.select_row(3)  # Mixed
    qtbot.waitUntil(lambda: model.rowCount() == 3 and not model.is_loading)
    assert model.query.board == panel.model.boards()[1].id
    window.gallery_panel.filter_bar.search_edit.setText("fox")
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.is_loading)
    assert model.query.board is not None and model.query.search == "fox"  # both apply
    window.gallery_panel.filter_bar.search_edit.setText("")
    panel.select_row(1)  # Uncategorised
    qtbot.waitUntil(lambda: model.ids() == [entries[3].id])
    panel.select_row(0)
    qtbot.waitUntil(lambda: model.rowCount() == 4)


def test_create_rename_delete_from_the_panel(make_window, qtbot, library) -> None:
    entries = fill_library(library, 2)
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 2)])
    panel.ask_name = lambda title, text="": "Keepers"
    panel.new_board()
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 2), ("Keepers", 0)])
    assert panel.scope.board_id == panel.model.boards()[0].id  # the new board is selected
    panel.add_ids(panel.model.boards()[0].id, [entries[0].id])
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 1), ("Keepers", 1)])
    qtbot.waitUntil(lambda: window.gallery_model.ids() == [entries[0].id])
    board = panel.model.boards()[0]
    panel.ask_name = lambda title, text="": "Best"
    panel.rename_interactively(board)
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 1), ("Best", 1)])
    panel.ask_delete = lambda board: True
    panel.delete_interactively(panel.model.boards()[0])
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 2)])
    assert panel.scope == BoardScope()  # the deleted board's view falls back to all images
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2)
    assert library.count(LibraryQuery()) == 2


def test_a_duplicate_name_is_reported_not_raised(make_window, qtbot, library) -> None:
    library.boards.create("Keepers")
    window = make_window()
    panel = window.sorting.board_panel
    panel.create_board("keepers")
    qtbot.waitUntil(lambda: "already exists" in window.message_bar.text())


def test_dropping_gallery_images_onto_a_board_adds_them(make_window, qtbot, library) -> None:
    entries = fill_library(library, 3)
    library.boards.create("Drop here")
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 3), ("Uncategorised", 3), ("Drop here", 0)])
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(1) is not None)
    dragged = window.gallery_model.mimeData([window.gallery_model.index(0),
                                             window.gallery_model.index(1)])
    assert dragged.hasFormat(IDS_MIME) and dragged.hasUrls()  # still droppable on a file manager
    panel.model.dropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, panel.model.index(2))
    _wait_rows(qtbot, panel, [("All images", 3), ("Uncategorised", 1), ("Drop here", 2)])
    assert set(library.query_ids(LibraryQuery(board="Drop here"))) == {
        entries[2].id, entries[1].id}


def test_b_adds_the_selection_to_a_chosen_or_new_board(make_window, qtbot, library) -> None:
    entries = fill_library(library, 3)
    library.boards.create("Existing")
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 3), ("Uncategorised", 3), ("Existing", 0)])
    select_rows(window, 0, 1)
    answers = iter(["Existing", "Brand new"])
    window.sorting.ask_board = lambda parent=None: next(answers)
    window.gallery_view.setFocus()
    qtbot.keyClick(window.gallery_view, Qt.Key.Key_B)
    _wait_rows(qtbot, panel, [("All images", 3), ("Uncategorised", 1), ("Existing", 2)])
    select_rows(window, 2)
    window.action_registry[ActionId.ADD_TO_BOARD].trigger()
    _wait_rows(qtbot, panel, [("All images", 3), ("Uncategorised", 0), ("Brand new", 1),
                              ("Existing", 2)])
    assert library.query_ids(LibraryQuery(board="Brand new")) == [entries[0].id]
    # Shift+B takes the selection off the board shown.
    panel.select_row(3)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2
                    and not window.gallery_model.is_loading)
    select_rows(window, 0)
    window.action_registry[ActionId.REMOVE_FROM_BOARD].trigger()
    _wait_rows(qtbot, panel, [("All images", 3), ("Uncategorised", 1), ("Brand new", 1),
                              ("Existing", 1)])
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 1)


def test_delete_and_undo_in_the_window_restore_board_counts(make_window, qtbot, library) -> None:
    entries = fill_library(library, 2)
    library.boards.create("Kept")
    library.add_to_board("Kept", [e.id for e in entries])
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 0), ("Kept", 2)])
    window.library_controller.delete_selection([entries[0].id])
    _wait_rows(qtbot, panel, [("All images", 1), ("Uncategorised", 0), ("Kept", 1)])
    window.library_controller.undo_delete()
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 0), ("Kept", 2)])


def test_chooser_picks_a_match_or_the_typed_new_name(qtbot) -> None:
    chooser = BoardChooser([Board(1, "Keepers"), Board(2, "Portraits")])
    qtbot.addWidget(chooser)
    assert chooser.chosen_name() == "Keepers"
    chooser.name_edit.setText("port")
    assert chooser.chosen_name() == "Portraits"
    chooser.name_edit.setText("  Landscapes ")
    assert chooser.chosen_name() == "Landscapes"


def test_screenshot_of_the_board_list(make_window, qtbot, library, tmp_path: Path) -> None:
    entries = fill_library(library, 5)
    for name, members in (("Keepers", entries[:3]), ("Portfolio", entries[1:2]),
                          ("To print", entries[3:4])):
        library.boards.create(name)
        library.add_to_board(name, [e.id for e in members])
    window = make_window()
    window.resize(1400, 760)
    panel = window.sorting.board_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)
    panel.select_row(2)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3)
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(2) is not None)
    qtbot.wait(300)
    QApplication.processEvents()
    # Looked at, and kept as docs/screenshots/boards.png.
    assert window.grab().save(str(tmp_path / "boards.png"))


def test_export_a_board_from_its_menu(make_window, qtbot, library, tmp_path: Path) -> None:
    entries = fill_library(library, 3)
    library.boards.create("Send")
    library.add_to_board("Send", [entries[0].id, entries[2].id])
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 3), ("Uncategorised", 1), ("Send", 2)])
    panel.ask_folder = lambda: tmp_path / "out"
    panel.export_interactively(panel.model.boards()[0])
    qtbot.waitUntil(lambda: "Exported 2 images" in window.message_bar.text())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        e.path.name for e in (entries[0], entries[2]))


def test_the_board_list_width_is_remembered(make_window, qtbot, library) -> None:
    window = make_window()
    window.resize(1400, 760)
    splitter = window.sorting.splitter
    qtbot.waitUntil(lambda: splitter.sizes()[0] > 0)
    splitter.setSizes([260, 700])
    wanted = splitter.sizes()[0]
    window.save_state()
    again = make_window()
    again.resize(1400, 760)
    qtbot.waitUntil(lambda: again.sorting.splitter.sizes()[0] == wanted)
