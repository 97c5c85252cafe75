"""The results grid is the library browser: whole library, search, filters and image actions."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop_app.library import LibraryQuery
from desktop_app.ui import image_actions
from desktop_app.ui.actions import ActionId
from tests.gui.fake_chooser import use_chooser
from tests.library_helpers import image_bytes, make_result

SDXL = "stabilityai/stable-diffusion-xl-base-1.0"


def fill_library(library, count: int = 3) -> list:
    """`count` entries, one per result, each newer than the one before."""
    entries = []
    prompts = ["a red fox in the snow", "a blue whale at night", "a green forest path",
               "an orange sunset", "a purple mountain"]
    for index in range(count):
        model = SDXL if index == 1 else "black-forest-labs/FLUX.1-schnell"
        result = make_result(prompt=prompts[index % len(prompts)], model=model, seed=index + 1,
                             size=(96, 64), created=1_764_070_320 + index * 60)
        entries.extend(library.add_result(result))
    return entries


def select_rows(window, *rows: int) -> None:
    view = window.gallery_view
    selection = view.selectionModel()
    selection.clearSelection()
    for row in rows:
        index = window.gallery_model.index(row)
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(window.gallery_model.index(rows[0]),
                              QItemSelectionModel.SelectionFlag.NoUpdate)


def test_first_run_without_token_explains_and_browses_the_library(
    make_window, qtbot, library, server
):
    entries = fill_library(library, 3)
    window = make_window(token=None)
    assert window.token_bar.isVisible()
    assert "service token" in window.token_bar.text()
    assert window.token_bar.action_labels()[0] == "Set token…"
    model = window.gallery_model
    assert model.rowCount() == 3
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    assert model.entry_at(0).id == entries[-1].id  # newest first
    assert server.stats()["models"] == 0  # no network at start without a token
    window.token_bar.trigger("Set token…")
    assert window.dialogs.settings.current.isVisible()
    window.dialogs.settings.current.close()


def test_with_a_token_the_model_list_is_refreshed_in_the_background(make_window, qtbot):
    window = make_window()
    qtbot.waitUntil(lambda: SDXL in window.prompt_panel.models())
    assert not window.token_bar.isVisible()
    assert SDXL in window.settings.cached_models


def test_search_filters_and_order(make_window, qtbot, library):
    fill_library(library, 3)
    window = make_window()
    model = window.gallery_model
    bar = window.gallery_panel.filter_bar
    bar.search_edit.setText("whale")
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.query.search == "whale")
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    assert "whale" in model.entry_at(0).prompt
    bar.search_edit.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    qtbot.waitUntil(lambda: bar.model_combo.findData(SDXL) >= 0)
    bar.model_combo.setCurrentIndex(bar.model_combo.findData(SDXL))
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.query.model == SDXL)
    bar.model_combo.setCurrentIndex(0)
    bar.order_combo.setCurrentIndex(1)  # oldest first
    qtbot.waitUntil(lambda: model.rowCount() == 3 and not model.query.newest_first)
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    assert model.entry_at(0).prompt == "a red fox in the snow"
    bar.date_combo.setCurrentIndex(1)  # today: the test entries are from 2025
    qtbot.waitUntil(lambda: model.query.created_from is not None and model.rowCount() == 0)


def test_favourite_toggle_and_favourites_filter(make_window, qtbot, library):
    fill_library(library, 3)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    entry_id = window.gallery_model.id_at(0)
    window.action_registry[ActionId.FAVOURITE].trigger()
    qtbot.waitUntil(lambda: window.gallery_model.entry(entry_id).favourite)
    assert library.get(entry_id).favourite
    window.gallery_panel.filter_bar.favourites_button.setChecked(True)
    qtbot.waitUntil(lambda: window.gallery_model.query.favourites_only
                    and window.gallery_model.rowCount() == 1)


def test_delete_with_undo_bar_and_ctrl_z(make_window, qtbot, library):
    fill_library(library, 3)
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    select_rows(window, 0, 1)
    with qtbot.waitSignal(window.library_controller.deleted):
        window.action_registry[ActionId.DELETE].trigger()
    assert model.rowCount() == 1
    assert library.count(LibraryQuery()) == 1
    assert window.message_bar.action_labels() == ["Undo"]
    window.message_bar.trigger("Undo")
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    # Again, undone with the keyboard this time.
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    select_rows(window, 2)
    with qtbot.waitSignal(window.library_controller.deleted):
        window.action_registry[ActionId.DELETE].trigger()
    assert model.rowCount() == 2
    window.activateWindow()
    window.action_registry[ActionId.UNDO_DELETE].trigger()
    qtbot.waitUntil(lambda: model.rowCount() == 3)


def test_export_selection_to_a_folder(make_window, qtbot, library, tmp_path, monkeypatch):
    fill_library(library, 3)
    window = make_window()
    target = tmp_path / "export"
    target.mkdir()
    use_chooser(window, folder=target)
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(1) is not None)
    select_rows(window, 0, 1)
    with qtbot.waitSignal(window.transfers.exported) as exported:
        window.action_registry[ActionId.EXPORT].trigger()
    assert len(exported.args[0]) == 2
    assert len(list(target.iterdir())) == 2
    assert "Exported 2 images" in window.message_bar.text()


def test_import_folder_on_a_worker_with_progress(make_window, qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for seed in range(5):
        (folder / f"picture-{seed}.png").write_bytes(image_bytes(seed + 100))
    window = make_window()
    use_chooser(window, folder=folder)
    progress_seen: list[tuple[int, int]] = []
    original = window.message_bar.set_progress
    monkeypatch.setattr(window.message_bar, "set_progress",
                        lambda done, total: (progress_seen.append((done, total)),
                                             original(done, total)))
    with qtbot.waitSignal(window.library_controller.imported, timeout=10000) as imported:
        window.action_registry[ActionId.IMPORT].trigger()
        window.message_bar.trigger("Keep where they are")  # the first import asks, in the bar
    assert imported.args[0].added == 5
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 5)
    assert window.message_bar.text().startswith(("Imported 5 images", "Imported 5 image(s)"))
    assert window.gallery_model.rowCount() == 5


def test_drag_data_carries_a_file_url(make_window, qtbot, library):
    entries = fill_library(library, 2)
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    mime = model.mimeData([model.index(0)])
    urls = mime.urls()
    assert len(urls) == 1 and urls[0].isLocalFile()
    assert Path(urls[0].toLocalFile()) == entries[-1].path
    assert "text/uri-list" in model.mimeTypes()


def test_image_actions_copy_save_as_reuse_and_show_in_folder(
    make_window, qtbot, library, tmp_path, monkeypatch
):
    fill_library(library, 2)
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    select_rows(window, 0)
    entry = model.entry_at(0)
    clipboard = QGuiApplication.clipboard()

    window.action_registry[ActionId.COPY_PROMPT].trigger()
    assert clipboard.text() == entry.prompt

    with qtbot.waitSignal(window.library_controller.clipboard_updated):
        window.action_registry[ActionId.COPY_IMAGE].trigger()
    assert clipboard.image().width() == entry.width

    target = tmp_path / "copy.webp"
    chooser = use_chooser(window, save=(target, ""))
    with qtbot.waitSignal(window.library_controller.saved_copy):
        window.action_registry[ActionId.SAVE_AS].trigger()
    with Image.open(target) as saved:
        assert saved.format == "WEBP" and saved.size == (entry.width, entry.height)
    jpeg_target = tmp_path / "copy"
    jpeg_filter = "JPEG image (*.jpg *.jpeg)"
    chooser.save_answer = (jpeg_target, jpeg_filter)
    with qtbot.waitSignal(window.library_controller.saved_copy) as saved_jpeg:
        window.action_registry[ActionId.SAVE_AS].trigger()
    assert saved_jpeg.args[0].suffix == ".jpg"

    opened: list[Path] = []
    monkeypatch.setattr(image_actions, "open_folder", lambda folder: opened.append(folder))
    window.action_registry[ActionId.SHOW_FOLDER].trigger()
    assert opened == [entry.path.parent]

    window.prompt_panel.set_values(prompt="something else", size="1024x1024")
    window.action_registry[ActionId.REUSE].trigger()
    panel = window.prompt_panel
    assert panel.prompt_edit.toPlainText() == entry.prompt
    assert panel.current_model() == entry.model
    assert panel.current_size_text() == "96x64"  # a custom size, filled in for the user


def test_viewer_navigation_zoom_and_escape(make_window, qtbot, library):
    fill_library(library, 3)
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.entry_at(2) is not None)
    select_rows(window, 0)
    window.gallery_view.setFocus()
    with qtbot.waitSignal(window.gallery_view.activated):
        qtbot.keyClick(window.gallery_view, Qt.Key.Key_Return)
    viewer = window.dialogs.viewer
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(lambda: viewer.canvas.has_image())
    assert viewer.entry.id == model.id_at(0)
    with qtbot.waitSignal(viewer.image_loaded):
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.entry.id == model.id_at(1)
    assert window.gallery_view.current_id() == model.id_at(1)
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # past the end: stays on the last
    assert viewer.entry.id == model.id_at(2)
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.entry.id == model.id_at(1)
    qtbot.waitUntil(lambda: viewer.canvas.has_image())
    viewer.canvas.actual_size()
    assert viewer.canvas.zoom == 1.0 and not viewer.canvas.is_fit
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Plus)
    assert viewer.canvas.zoom > 1.0
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Minus)
    assert abs(viewer.canvas.zoom - 1.0) < 1e-9
    viewer.canvas.set_zoom(16.0)  # larger than the window: there is room to pan (#16 clamps)
    before = viewer.canvas.offset
    qtbot.mousePress(viewer.canvas, Qt.MouseButton.LeftButton, pos=viewer.canvas.rect().center())
    qtbot.mouseMove(viewer.canvas, viewer.canvas.rect().center() + viewer.canvas.rect().topLeft()
                    + type(viewer.canvas.rect().center())(30, 20))
    qtbot.mouseRelease(viewer.canvas, Qt.MouseButton.LeftButton)
    assert viewer.canvas.offset != before
    viewer.canvas.fit()
    assert viewer.canvas.is_fit
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()
    assert QApplication.activeModalWidget() is None


def test_reconcile_in_the_background_hides_files_deleted_behind_the_apps_back(
    make_window, qtbot, library
):
    entries = fill_library(library, 3)
    window = make_window()
    assert window.gallery_model.rowCount() == 3
    entries[0].path.unlink()
    with qtbot.waitSignal(window.transfers.reconciled, timeout=10000) as reconciled:
        window.transfers.reconcile_library()
    assert reconciled.args[0].marked_missing == 1
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2)
    assert window.gallery_model.row_of(entries[0].id) is None
