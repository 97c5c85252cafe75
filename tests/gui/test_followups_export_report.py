"""The window's export reports say which files were skipped and why.

"Exported 2 images" was all the window said even when some selected images were not written
(a file gone, a named pipe in its place): now "Exported 1 of 2 images to F; skipped: name
(reason)", for Export selection and for a board's export alike.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.ui.actions import ActionId
from tests.gui.fake_chooser import use_chooser
from tests.gui.test_library_browser import fill_library, select_rows

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def test_export_selection_names_a_skipped_pipe(make_window, qtbot, library, tmp_path,
                                               monkeypatch):
    entries = fill_library(library, 2)
    window = make_window()
    target = tmp_path / "export"
    target.mkdir()
    use_chooser(window, folder=target)
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(1) is not None)
    select_rows(window, 0, 1)
    piped = entries[0]
    piped.path.unlink()
    os.mkfifo(piped.path)  # still "exists" when the export is planned
    with qtbot.waitSignal(window.transfers.exported) as exported:
        window.action_registry[ActionId.EXPORT].trigger()
    assert len(exported.args[0]) == 1
    text = window.message_bar.text()
    assert f"Exported 1 of 2 images to {target}; skipped: " in text
    assert f"{piped.path.name} (a named pipe, not an image file)" in text


def test_a_board_export_names_a_missing_file(make_window, qtbot, library, tmp_path: Path):
    entries = fill_library(library, 2)
    library.boards.create("Send")
    library.add_to_board("Send", [entry.id for entry in entries])
    window = make_window()
    panel = window.sorting.board_panel
    qtbot.waitUntil(lambda: any(board.name == "Send" for board in panel.model.boards()))
    entries[1].path.unlink()
    panel.ask_folder = lambda: tmp_path / "out"
    send = next(board for board in panel.model.boards() if board.name == "Send")
    panel.export_interactively(send)
    qtbot.waitUntil(lambda: "Exported 1 of 2 images" in window.message_bar.text())
    assert f"skipped: {entries[1].path.name} (" in window.message_bar.text()
