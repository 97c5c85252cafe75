"""The window follows the library when other processes write to it (issue 14, P1.1).

A real second process (the CLI, against the local server) generates into the same library
while the window is open: the grid, the model filter and the usage window follow within a
bounded wait, without a full reset and without reading the index on the GUI thread.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QThread

from desktop_app import paths
from desktop_app.library import Library
from desktop_app.ui.actions import ActionId
from desktop_app.ui.gallery import PAGE_SIZE as PAGE_ROWS
from desktop_app.ui.gallery import MergePlan, merge_plan
from tests.library_helpers import make_result

SDXL = "stabilityai/stable-diffusion-xl-base-1.0"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def library(isolated_home: Path) -> Iterator[Library]:
    # The library the CLI uses too: the default one of the isolated home.
    library = Library.open(paths.default_library_dir())
    yield library
    library.close()


def run_cli(server, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NSCALE_BASE_URL": server.base_url,
           "NSCALE_SERVICE_TOKEN": server.token}
    return subprocess.run([sys.executable, "-m", "desktop_app.cli", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def write_elsewhere(root: Path, code: str) -> None:
    """Run `code` with `library` open on `root`, in another interpreter."""
    script = ("import sys; from pathlib import Path; from desktop_app.library import Library; "
              "from tests.library_helpers import make_result; "
              f"library = Library.open(Path({str(root)!r}))\n{code}\nlibrary.close()")
    subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, check=True, timeout=120)


def model_filter_values(window) -> list[str]:
    combo = window.gallery_panel.filter_bar.model_combo
    return [combo.itemData(i) for i in range(1, combo.count())]


def test_images_generated_by_the_cli_appear_while_the_window_is_open(make_window, qtbot,
                                                                      library, server):
    library.add_result(make_result(prompt="already here", seed=1))
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert SDXL not in model_filter_values(window)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))

    result = run_cli(server, "generate", "a lighthouse drawn by the cli", "-n", "2",
                     "--size", "256x256", "--model", SDXL)
    assert result.returncode == 0, result.stderr

    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10000)
    qtbot.waitUntil(lambda: SDXL in model_filter_values(window), timeout=10000)
    assert "256x256" in [window.gallery_panel.filter_bar.size_combo.itemData(i)
                         for i in range(window.gallery_panel.filter_bar.size_combo.count())]
    qtbot.waitUntil(lambda: model.entry_at(0) is not None and model.entry_at(1) is not None)
    assert {model.entry_at(0).prompt, model.entry_at(1).prompt} == {
        "a lighthouse drawn by the cli"}
    assert model.entry_at(2).prompt == "already here"
    assert resets == []  # merged in place, not reset


def test_selection_is_kept_and_removed_rows_go(make_window, qtbot, library):
    for seed in range(3):
        library.add_result(make_result(prompt=f"image {seed}", seed=seed,
                                       created=1_764_070_320 + seed))
    window = make_window()
    model, view = window.gallery_model, window.gallery_view
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    ids = model.ids()  # newest first: image 2, image 1, image 0
    view.selectionModel().select(model.index(1), QItemSelectionModel.SelectionFlag.Select)
    write_elsewhere(library.root, f"library.delete([{ids[2]}]); "
                    "library.add_result(make_result(prompt='new', seed=9, created=1_764_080_000))")
    qtbot.waitUntil(lambda: model.rowCount() == 3 and ids[2] not in model.ids(), timeout=10000)
    assert model.ids()[1:] == ids[:2]  # the new one on top, the deleted one gone
    assert view.selected_ids() == [ids[1]]  # the same image is still selected


def test_the_live_refresh_reads_the_index_only_off_the_gui_thread(make_window, qtbot, library,
                                                                  monkeypatch):
    window = make_window()
    model = window.gallery_model
    gui = QThread.currentThread()
    on_gui: list[str] = []
    for name in ("data_version", "query_ids", "models", "sizes", "get_many", "thumbnail"):
        original = getattr(Library, name)

        def spy(self, *args, _original=original, _name=name, **kwargs):
            if QThread.currentThread() is gui or threading.current_thread() is \
                    threading.main_thread():
                on_gui.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Library, name, spy)
    with qtbot.waitSignal(model.merged, timeout=10000):
        write_elsewhere(library.root, "library.add_result(make_result(prompt='x', seed=4))")
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    window.action_registry[ActionId.REFRESH_LIBRARY].trigger()  # F5 as well
    with qtbot.waitSignal(model.merged, timeout=10000):
        pass
    assert on_gui == []


def test_f5_refreshes_the_gallery_and_is_in_the_view_menu(make_window, qtbot, library):
    window = make_window()
    model = window.gallery_model
    model.set_watch_interval(0)  # only F5 may find it now
    write_elsewhere(library.root, "library.add_result(make_result(prompt='y', seed=5))")
    assert model.rowCount() == 0
    assert window.action_registry[ActionId.REFRESH_LIBRARY].shortcut().toString() == "F5"
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    assert window.action_registry[ActionId.REFRESH_LIBRARY] in menus["&View"].actions()
    window.action_registry[ActionId.REFRESH_LIBRARY].trigger()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10000)


def test_the_usage_window_follows_generations_made_elsewhere(make_window, qtbot, library,
                                                             server):
    window = make_window()
    usage = window.dialogs.open_usage()
    qtbot.waitUntil(lambda: usage.report() is not None, timeout=10000)
    before = usage.report()
    result = run_cli(server, "generate", "counted", "--size", "256x256")
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: usage.report() is not before
                    and sum(cell.images for cell in usage.report().cells) >= 1, timeout=10000)


@pytest.mark.parametrize(("old", "new", "plan"), [
    ([3, 2, 1], [3, 2, 1], MergePlan((), (), ())),
    ([3, 2, 1], [5, 4, 3, 2, 1], MergePlan((), (5, 4), ())),
    ([1, 2, 3], [1, 2, 3, 4], MergePlan((), (), (4,))),
    ([3, 2, 1], [3, 1], MergePlan((1,), (), ())),
    ([3, 2, 1], [6, 2], MergePlan((0, 2), (6,), ())),
    ([3, 2, 1], [2, 3, 1], None),
    ([3, 2, 1], [3, 7, 1], None),
])
def test_merge_plan(old, new, plan):
    assert merge_plan(old, new) == plan


def test_a_large_selection_and_favourite_read_no_index_on_the_gui_thread(make_window, qtbot,
                                                                        library, monkeypatch):
    for seed in range(PAGE_ROWS + 20):
        library.add_result(make_result(prompt=f"image {seed}", seed=seed,
                                       created=1_764_070_320 + seed))
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_ROWS + 20)
    on_gui: list[str] = []
    for name in ("get", "get_many", "query_ids"):
        original = getattr(Library, name)

        def spy(self, *args, _original=original, _name=name, **kwargs):
            if threading.current_thread() is threading.main_thread():
                on_gui.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Library, name, spy)
    window.gallery_view.selectAll()  # pages beyond the first are not held
    with qtbot.waitCallback(timeout=10000) as done:
        original_done = window.gallery_model.set_favourite_shown

        def shown(ids, favourite):
            original_done(ids, favourite)
            done(favourite)

        monkeypatch.setattr(window.gallery_model, "set_favourite_shown", shown)
        window.action_registry[ActionId.FAVOURITE].trigger()
    assert list(done.args) == [True]
    assert on_gui == []
    assert all(entry.favourite for entry in library.get_many(model.ids()).values())


def test_an_image_added_between_others_keeps_the_selection(make_window, qtbot, library):
    for seed, created in ((1, 1_764_070_100), (2, 1_764_070_300)):
        library.add_result(make_result(prompt=f"image {seed}", seed=seed, created=created))
    window = make_window()
    model, view = window.gallery_model, window.gallery_view
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    newer, older = model.ids()
    view.select_id(older)
    write_elsewhere(library.root, "library.add_result(make_result(prompt='between', seed=3, "
                                  "created=1_764_070_200))")
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10000)
    assert model.ids()[0] == newer and model.ids()[2] == older  # the new one in the middle
    assert view.selected_ids() == [older] and view.current_id() == older
    assert window.gallery_panel.count_label.text().startswith("3 images")


def test_a_model_filter_stays_when_its_last_image_goes_elsewhere(make_window, qtbot, library):
    entry = library.add_result(make_result(prompt="sdxl", seed=1, model=SDXL))[0]
    library.add_result(make_result(prompt="flux", seed=2))
    window = make_window()
    bar = window.gallery_panel.filter_bar
    qtbot.waitUntil(lambda: SDXL in model_filter_values(window))
    bar.model_combo.setCurrentIndex(bar.model_combo.findData(SDXL))
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 1)
    write_elsewhere(library.root, f"library.delete([{entry.id}])")
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 0, timeout=10000)
    assert bar.model_combo.currentData() == SDXL  # not silently switched to All models
    assert window.gallery_model.query.model == SDXL


def test_undo_delete_brings_the_images_back_and_keeps_the_selection(make_window, qtbot,
                                                                   library):
    for seed in range(4):
        library.add_result(make_result(prompt=f"image {seed}", seed=seed,
                                       created=1_764_070_320 + seed))
    window = make_window()
    model, view = window.gallery_model, window.gallery_view
    qtbot.waitUntil(lambda: model.entry_at(3) is not None)
    ids = model.ids()
    view.select_id(ids[1])
    with qtbot.waitSignal(window.library_controller.deleted, timeout=10000):
        window.action_registry[ActionId.DELETE].trigger()
    qtbot.waitUntil(lambda: view.selected_ids() == [ids[2]])  # the next one
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    window.library_controller.undo_delete()
    qtbot.waitUntil(lambda: model.ids() == ids, timeout=10000)
    assert view.selected_ids() == [ids[2]] and resets == []
