"""A batch's results as a grid (rows = prompts, columns = models or sizes) and its export."""

from __future__ import annotations

import threading
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop_app.batch.contact_sheet import plan_layout
from desktop_app.ui.batch_grid import Axis
from tests.gui.test_batch_window_group import (
    open_dialog,
    plan_and_start,
    server_models,
    wait_finished,
)

PROMPTS = "a red fox\na <b>blue</b> whale\n霧の港"


def run_3x2(window, qtbot, server):
    models = server_models(open_dialog(window, qtbot))[:2]
    window.batch.dialog.reject()
    group = plan_and_start(window, qtbot, PROMPTS, models=models, sizes=("64x64",),
                           concurrency=2)
    wait_finished(qtbot, group)
    assert group.done == 6
    return group, models


def cells_loaded(model) -> bool:
    return all(isinstance(model.data(model.index(r, c), Qt.ItemDataRole.DecorationRole), QImage)
               for r in range(model.rowCount()) for c in range(model.columnCount()))


def test_the_grid_shows_prompts_by_models_with_thumbnails_loaded_off_the_gui_thread(
    make_window, qtbot, server, monkeypatch
):
    window = make_window(max_running=4)
    group, models = run_3x2(window, qtbot, server)
    threads: list[int] = []
    real = window.library.thumbnail

    def spy(entry_id, size=256):
        threads.append(threading.get_ident())
        return real(entry_id, size)

    monkeypatch.setattr(window.library, "thumbnail", spy)
    row = window.jobs_panel.group_row(group.id)
    assert row.grid_button.isEnabled()
    row.grid_button.click()
    grid = window.batch.grid(group.id)
    assert grid is not None and grid.isVisible()
    model = grid.model
    assert (model.rowCount(), model.columnCount()) == (3, 2)
    horizontal = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)]
    vertical = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert horizontal == models
    assert vertical == ["a red fox", "a <b>blue</b> whale", "霧の港"]  # text, never markup
    qtbot.waitUntil(lambda: cells_loaded(model), timeout=10000)
    assert threads and threading.main_thread().ident not in threads
    for r in range(3):
        for c in range(2):
            item = model.item_at(r, c)
            assert item.item.prompt == vertical[r] and item.item.model == models[c]
    # Columns by size instead: one size, and the models become the "shown for" choice.
    grid.set_axis(Axis.SIZE)
    assert (model.rowCount(), model.columnCount()) == (3, 1)
    assert grid.other_combo.count() == 2 and not grid.other_combo.isHidden()
    grid.other_combo.setCurrentIndex(1)
    assert model.item_at(0, 0).item.model == models[1]


def test_the_grid_follows_a_running_batch_and_shows_states_as_text(make_window, qtbot, server):
    window = make_window()
    server.add_faults({"status": 400})
    group = plan_and_start(window, qtbot, "one\ntwo", concurrency=1)
    wait_finished(qtbot, group)
    grid = window.batch.open_grid(group.id)
    model = grid.model
    assert model.data(model.index(0, 0)) == "failed"
    assert model.data(model.index(1, 0)) == ""  # an image
    window.jobs_panel.group_row(group.id).retry_button.click()
    wait_finished(qtbot, group)
    qtbot.waitUntil(lambda: cells_loaded(model), timeout=10000)


def test_the_contact_sheet_export_writes_a_png_of_the_grid_and_never_overwrites(
    make_window, qtbot, server, tmp_path: Path
):
    window = make_window(max_running=4)
    group, _models = run_3x2(window, qtbot, server)
    grid = window.batch.open_grid(group.id)
    target = tmp_path / "sheets" / "fox.png"
    grid.ask_export_path = lambda: target
    with qtbot.waitSignal(grid.exported, timeout=20000) as first:
        grid.export_button.click()
    assert first.args[0] == target
    with Image.open(target) as sheet:
        layout = plan_layout(3, 2, cell=256, title=True)
        assert sheet.format == "PNG" and sheet.size == (layout.width, layout.height)
    before = target.read_bytes()
    with qtbot.waitSignal(grid.exported, timeout=20000) as second:
        grid.export_button.click()
    assert second.args[0] == tmp_path / "sheets" / "fox (2).png"
    assert target.read_bytes() == before
    assert "fox (2).png" in grid.status_label.text()
