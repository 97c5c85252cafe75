"""Fixes from the second QA pass of the window: each test fails without its fix."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QItemSelectionModel

from desktop_app.library import read_metadata
from desktop_app.library.metadata import DIGITAL_SOURCE_TYPE
from desktop_app.ui import image_actions
from tests.library_helpers import make_result


def add_entries(library, count: int = 1, prompt: str = "a red fox in the snow") -> list:
    entries = []
    for index in range(count):
        result = make_result(prompt=prompt, seed=index + 1, size=(96, 64),
                             created=1_764_070_320 + index * 60)
        entries.extend(library.add_result(result))
    return entries


def select_rows(window, *rows: int) -> None:
    selection = window.gallery_view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(window.gallery_model.index(row), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(window.gallery_model.index(rows[0]),
                              QItemSelectionModel.SelectionFlag.NoUpdate)


def save_copy(window, qtbot, monkeypatch, target: Path, chosen: str = "") -> Path:
    monkeypatch.setattr(window, "ask_save_path", lambda _entry: (target, chosen))
    with qtbot.waitSignal(window.saved_copy, timeout=10000) as saved:
        window.save_as_action.trigger()
    return saved.args[0]


# -- 1. Save as keeps metadata ----------------------------------------------------------------


def test_save_as_png_copies_the_bytes_unchanged(make_window, qtbot, library, tmp_path,
                                                monkeypatch):
    entry = add_entries(library)[0]
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    path = save_copy(window, qtbot, monkeypatch, tmp_path / "copy.png")
    assert path.read_bytes() == entry.path.read_bytes()
    with Image.open(path) as image:
        assert "parameters" in image.info and "nscale-studio" in image.info


def test_save_as_another_format_embeds_the_same_metadata(make_window, qtbot, library, tmp_path,
                                                         monkeypatch):
    entry = add_entries(library)[0]
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    for name in ("copy.jpg", "copy.webp"):
        path = save_copy(window, qtbot, monkeypatch, tmp_path / name)
        metadata = read_metadata(path)
        assert metadata.prompt == entry.prompt and metadata.model == entry.model
        assert metadata.tool == "nscale-studio"
        assert metadata.extra.get("sha256") == entry.sha256
        assert DIGITAL_SOURCE_TYPE.encode() in path.read_bytes()
        assert b"Model: " + entry.model.encode() in path.read_bytes()  # A1111 parameters


def test_conversion_runs_off_the_gui_thread(make_window, qtbot, library, tmp_path, monkeypatch):
    from PySide6.QtCore import QThread

    add_entries(library)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    threads = []
    original = image_actions.convert_image

    def spy(*args):
        threads.append(QThread.currentThread())
        return original(*args)

    monkeypatch.setattr(image_actions, "convert_image", spy)
    save_copy(window, qtbot, monkeypatch, tmp_path / "copy.webp")
    assert threads and threads[0] is not window.thread()


def test_suggested_file_name_comes_from_the_prompt(make_window, qtbot, library, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    prompt = "a red fox / in the snow: <at> dawn, " + "very " * 30 + "detailed"
    entry = add_entries(library, prompt=prompt)[0]
    window = make_window()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (asked.append(args[2]), ("", ""))[1])
    assert window.ask_save_path(entry) is None
    name = Path(asked[0]).name
    assert name.startswith("a red fox in the snow at dawn, very")
    assert name.endswith(" 1.png") and len(name) <= 70
    assert not any(char in name for char in "/:<>")
    assert image_actions.suggested_name("", 0, "internal") == "internal"
