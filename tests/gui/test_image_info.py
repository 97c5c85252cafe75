"""The Image info dialog (#12): parsed fields, raw blocks with Copy, plain text only, reading off
the GUI thread, Ctrl+I on the selected image, and a file dropped on the window (Add to library,
Reuse settings)."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from desktop_app.library import LibraryQuery
from desktop_app.ui import image_info
from desktop_app.ui.actions import ActionId
from desktop_app.ui.image_info import ImageInfoDialog
from desktop_app.ui.tasks import TaskRunner
from tests.library_helpers import a1111_png, comfyui_png, make_result, save_png_with_text

HOSTILE = '<img src="file:///etc/passwd"><b>bold</b> &amp; <a href="x">link</a>'


@pytest.fixture
def dialog(qtbot) -> ImageInfoDialog:
    runner = TaskRunner()
    dialog = ImageInfoDialog(runner)
    qtbot.addWidget(dialog)
    yield dialog
    runner.shutdown()


def _open(qtbot, dialog: ImageInfoDialog, path: Path, **options: bool) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show_file(path, **options)


def _field(dialog: ImageInfoDialog, key: str) -> str:
    view = dialog.field_views[key]
    return view.text() if isinstance(view, QLabel) else view.toPlainText()


def test_fields_and_every_block_are_shown_graphs_pretty_printed(qtbot, dialog, tmp_path):
    path = comfyui_png(tmp_path / "comfy.png")
    _open(qtbot, dialog, path)
    assert _field(dialog, "prompt") == "a lighthouse in a storm"
    assert _field(dialog, "negative_prompt") == "bad hands"
    assert _field(dialog, "model") == "dreamshaper_8.safetensors"
    assert _field(dialog, "size") == "64x64"
    assert _field(dialog, "generator") == "ComfyUI"
    assert _field(dialog, "format") == "PNG"
    assert "Seed: 1" in dialog.settings_view.toPlainText()
    names = [title.text() for title, _copy, _view in dialog.block_views]
    assert names == ["prompt", "workflow"]
    graph_text = dialog.block_views[0][2].toPlainText()
    assert graph_text.startswith('{\n  "4": {\n    "class_type": "CheckpointLoaderSimple"')
    assert json.loads(graph_text)["7"]["inputs"]["text"] == "a lighthouse in a storm"
    assert dialog.reuse_button.isEnabled()
    assert not dialog.add_button.isVisible()  # only for a dropped file


def test_copy_puts_the_blocks_text_on_the_clipboard(qtbot, dialog, tmp_path):
    path = a1111_png(tmp_path / "a1111.png")
    _open(qtbot, dialog, path)
    (_title, copy, view) = dialog.block_views[0]
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == view.toPlainText()
    assert QGuiApplication.clipboard().text().startswith("a castle on a hill, sunset\nNegative")


def test_hostile_markup_is_shown_literally(qtbot, dialog, tmp_path):
    path = save_png_with_text(
        tmp_path / "hostile.png",
        {
            "parameters": f"{HOSTILE}\nNegative prompt: {HOSTILE}\nSteps: 20, Model: <b>m</b>",
            HOSTILE[:60]: HOSTILE,
        },
    )
    _open(qtbot, dialog, path)
    assert _field(dialog, "prompt") == HOSTILE
    assert _field(dialog, "negative_prompt") == HOSTILE
    assert _field(dialog, "model") == "<b>m</b>"
    labels = [view for view in dialog.field_views.values() if isinstance(view, QLabel)]
    labels += [title for title, _copy, _view in dialog.block_views]
    labels += [dialog.file_label, dialog.status_label, dialog.message_label]
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    block_texts = {title.text(): view.toPlainText() for title, _copy, view in dialog.block_views}
    assert block_texts[HOSTILE[:60]] == HOSTILE


def test_the_file_is_read_off_the_gui_thread(qtbot, dialog, tmp_path, monkeypatch):
    threads: list[threading.Thread] = []
    real = image_info.read_image_info

    def recording(path: Path):
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(image_info, "read_image_info", recording)
    _open(qtbot, dialog, a1111_png(tmp_path / "a.png"))
    assert threads and threads[0] is not threading.main_thread()
    assert _field(dialog, "prompt") == "a castle on a hill, sunset"


def test_an_unreadable_file_says_so(qtbot, dialog, tmp_path):
    path = tmp_path / "not-an-image.png"
    path.write_bytes(b"hello")
    _open(qtbot, dialog, path, can_add=True)
    assert "could not be read" in dialog.status_label.text()
    assert not dialog.add_button.isEnabled() and not dialog.reuse_button.isEnabled()


def test_reuse_takes_the_prompt_and_an_offered_model_and_names_what_was_left(tmp_path):
    info = image_info.load_info(a1111_png(tmp_path / "a.png")).info
    plan = image_info.reuse_plan(info, ["sd_xl_base_1.0", "flux"])
    assert (plan.prompt, plan.model) == ("a castle on a hill, sunset", "sd_xl_base_1.0")
    assert "negative prompt" in plan.message()
    assert "Steps, Sampler, CFG scale, Seed, Model hash, Lora hashes" in plan.message()
    elsewhere = image_info.reuse_plan(info, ["flux"])
    assert elsewhere.model is None
    assert "the model 'sd_xl_base_1.0' (this endpoint does not offer it)" in elsewhere.message()
    assert elsewhere.message().startswith("Reused the prompt. Not applicable here:")


# --- in the window ------------------------------------------------------------------------------


def _drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(window.rect().center(), actions, mime, buttons, modifiers)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(window.rect().center()), actions, mime, buttons, modifiers)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()


def test_ctrl_i_opens_the_selected_images_info(make_window, qtbot, library):
    (entry,) = library.add_result(make_result("a red fox in the snow", "flux"))
    window = make_window()
    assert window.action_registry[ActionId.INFO].shortcut() == QKeySequence("Ctrl+I")
    assert window.action_registry[ActionId.IMPORT].shortcut() == QKeySequence("Ctrl+Shift+I")
    window.gallery_view.select_id(entry.id)
    window.gallery_view.setFocus()
    assert window.action_registry[ActionId.INFO].isEnabled()
    window.action_registry[ActionId.INFO].trigger()
    dialog = window.dialogs.info.current
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=10_000)
    assert dialog.isVisible() and dialog.path == entry.path
    assert _field(dialog, "prompt") == "a red fox in the snow"
    assert _field(dialog, "generator") == "Nscale Image Studio"
    assert not dialog.add_button.isVisible()


def test_a_dropped_file_opens_its_info_and_add_to_library_indexes_it(
    make_window, qtbot, library, tmp_path
):
    window = make_window()
    path = comfyui_png(tmp_path / "dropped.png")
    _drop(window, path)
    dialog = window.dialogs.info.current
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=10_000)
    assert dialog.isVisible() and dialog.path == path
    assert dialog.add_button.isVisible() and dialog.add_button.isEnabled()
    assert library.count(LibraryQuery()) == 0
    with qtbot.waitSignal(window.library_controller.imported, timeout=10_000):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    (entry_id,) = library.query_ids(LibraryQuery(search="lighthouse"))
    entry = library.get(entry_id)
    assert entry is not None
    assert (entry.generator, entry.negative_prompt) == ("comfyui", "bad hands")
    assert entry.path != path and entry.path.is_relative_to(library.root)  # copied in
    assert dialog.message_label.text() == "Added to the library."
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 1)
    assert library.generators() == ["comfyui"]
    # Dropped again: found, not duplicated.
    _drop(window, path)
    qtbot.waitUntil(lambda: dialog.info is not None and dialog.add_button.isEnabled())
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message_label.text() == "Already in the library.")
    assert library.count(LibraryQuery()) == 1


def test_reuse_settings_from_a_dropped_file_fills_the_prompt_panel(
    make_window, qtbot, tmp_path
):
    window = make_window()
    panel = window.prompt_panel
    panel.set_models(["flux", "sd_xl_base_1.0"])
    panel.set_values(prompt="my own text", model="flux")
    _drop(window, a1111_png(tmp_path / "a.png"))
    dialog = window.dialogs.info.current
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=10_000)
    qtbot.mouseClick(dialog.reuse_button, Qt.MouseButton.LeftButton)
    assert panel.prompt_edit.toPlainText() == "a castle on a hill, sunset"  # not the negative
    assert panel.current_model() == "sd_xl_base_1.0"
    assert dialog.message_label.text().startswith("Reused the prompt and the model.")
    assert "negative prompt" in dialog.message_label.text()
    panel.set_models(["flux"])
    panel.set_values(model="flux")
    qtbot.mouseClick(dialog.reuse_button, Qt.MouseButton.LeftButton)
    assert panel.current_model() == "flux"
    assert "'sd_xl_base_1.0' (this endpoint does not offer it)" in dialog.message_label.text()


def test_reuse_settings_on_another_tools_image_skips_a_model_the_endpoint_lacks(
    make_window, qtbot, library, tmp_path
):
    folder = tmp_path / "downloads"
    folder.mkdir()
    a1111_png(folder / "castle.png")
    library.import_folder(folder)
    window = make_window()
    panel = window.prompt_panel
    panel.set_models(["flux"])
    panel.set_values(prompt="mine", model="flux")
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    window.gallery_view.select_id(window.gallery_model.id_at(0))
    window.action_registry[ActionId.REUSE].trigger()
    assert panel.prompt_edit.toPlainText() == "a castle on a hill, sunset"
    assert panel.current_model() == "flux"  # not sd_xl_base_1.0, which this endpoint lacks
    assert "Not applicable here: the model 'sd_xl_base_1.0'" in window.message_bar.text()
    panel.set_models(["flux", "sd_xl_base_1.0"])
    window.action_registry[ActionId.REUSE].trigger()
    assert panel.current_model() == "sd_xl_base_1.0"
    assert "Not applicable" not in window.message_bar.text()


def test_a_second_file_never_shows_the_first_files_fields(qtbot, dialog, tmp_path):
    _open(qtbot, dialog, comfyui_png(tmp_path / "comfy.png"))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    _open(qtbot, dialog, broken)
    assert "could not be read" in dialog.status_label.text()
    assert _field(dialog, "prompt") == "" and _field(dialog, "model") == ""
    assert dialog.block_views == [] and dialog.info is None


def test_a_huge_block_shows_its_start_and_copy_copies_all_of_it(qtbot, dialog, tmp_path):
    huge = "x" * (image_info.DISPLAY_CHARS + 5000)
    path = save_png_with_text(tmp_path / "huge.png", {"parameters": "a fox", "notes": huge})
    _open(qtbot, dialog, path)
    (_title, copy, view) = dialog.block_views[-1]
    assert len(view.toPlainText()) < len(huge) + 100
    # The count is written as the interface language writes numbers ("5,000", "5000", "5.000").
    assert re.search(r"\n… 5\D?000 more characters; Copy copies all\.$", view.toPlainText())
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == huge


def test_controls_and_bidi_overrides_are_visible_and_copy_keeps_them(qtbot, dialog, tmp_path):
    text = "evil\u202egnp.exe\x1b[2J"
    path = save_png_with_text(tmp_path / "bidi.png", {"parameters": f"{text}\nSteps: 1"})
    _open(qtbot, dialog, path)
    assert _field(dialog, "prompt") == "evil\\u202egnp.exe\\x1b[2J"
    (_title, copy, view) = dialog.block_views[0]
    assert "\u202e" not in view.toPlainText() and "\x1b" not in view.toPlainText()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == f"{text}\nSteps: 1"
