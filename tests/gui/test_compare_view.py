"""The compare view (issue #16): 2-4 images side by side, zoom and pan in step across images of
different sizes (by relative position), plain-text labels, favourite / drop / swap keys and the
A/B overlay of two."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from desktop_app.ui.actions import ActionId
from desktop_app.ui.compare_view import CompareView
from desktop_app.ui.tasks import TaskRunner
from tests.gui.test_library_browser import select_rows
from tests.library_helpers import make_result


def _entries(library, sizes, prompts=None):
    entries = []
    for index, size in enumerate(sizes):
        prompt = (prompts or [])[index] if prompts else f"picture {index}"
        result = make_result(prompt, seed=index + 1, size=size, model=f"model-{index}",
                             created=1_764_070_320 + index)
        entries.extend(library.add_result(result))
    return entries


@pytest.fixture
def compare(qtbot):
    runner = TaskRunner()
    view = CompareView(runner)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    yield view
    view.close()
    runner.shutdown()


def _load(qtbot, view, entries) -> None:
    with qtbot.waitSignal(view.images_loaded, timeout=10000):
        view.set_entries(entries)
    qtbot.waitUntil(lambda: all(p.canvas.has_image() for p in view.panes))


def _close(a: QPointF, b: QPointF) -> bool:
    return abs(a.x() - b.x()) < 1e-6 and abs(a.y() - b.y()) < 1e-6


def test_zoom_and_pan_are_synchronised_by_relative_position(qtbot, library, compare) -> None:
    entries = _entries(library, [(1600, 800), (800, 400), (900, 900)])
    _load(qtbot, compare, entries)
    first, second, third = (pane.canvas for pane in compare.panes)
    assert first.zoom != second.zoom  # each image fitted on its own
    first.set_zoom(first.zoom * 3)
    for other in (second, third):
        assert abs(other.relative_zoom - first.relative_zoom) < 1e-6
        assert not other.is_fit
    assert abs(second.zoom - 2 * first.zoom) < 1e-6  # half the pixels: twice the zoom
    first.pan_by(-60, 25)
    assert not _close(first.relative_centre, QPointF(0.5, 0.5))
    assert _close(second.relative_centre, first.relative_centre)
    # The transform itself: the same share of each image is offset from the centre.
    assert abs(second.offset.x() - first.offset.x() * (second.zoom * 800)
               / (first.zoom * 1600)) < 1e-6
    second.pan_by(10, 0)  # any pane drives the others
    assert _close(first.relative_centre, second.relative_centre)
    compare.fit_all()
    assert all(pane.canvas.is_fit for pane in compare.panes)


def test_two_in_a_row_three_or_four_in_a_grid_with_plain_labels(qtbot, library, compare) -> None:
    entries = _entries(library, [(64, 64)] * 4, ["<b>bold</b> fox", "b\x1b]0;x\x07", "c", "d"])
    _load(qtbot, compare, entries[:2])
    grid = compare.layout()
    positions = [grid.getItemPosition(grid.indexOf(p))[:2] for p in compare.panes]
    assert positions == [(0, 0), (0, 1)]
    label = compare.panes[0].label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().startswith("1: <b>bold</b> fox") and "model-0 · 64x64" in label.text()
    assert compare.panes[1].label.text().startswith("2: b\\x1b]0;x\\x07")  # escapes shown
    _load(qtbot, compare, entries[:3])
    positions = [grid.getItemPosition(grid.indexOf(p))[:2] for p in compare.panes]
    assert positions == [(0, 0), (0, 1), (1, 0)]
    _load(qtbot, compare, entries)
    assert len(compare.panes) == 4


def test_keys_pick_favourite_drop_and_swap(qtbot, library, compare) -> None:
    entries = _entries(library, [(64, 64)] * 3)
    _load(qtbot, compare, entries)
    asked: list[tuple[int, bool]] = []
    compare.favourite_requested.connect(lambda entry_id, on: asked.append((entry_id, on)))
    qtbot.keyClick(compare, Qt.Key.Key_2)
    assert compare.picked == 1
    qtbot.keyClick(compare, Qt.Key.Key_F)
    assert asked == [(entries[1].id, True)]
    assert compare.panes[1].label.text().startswith("2: ★ ")
    qtbot.keyClick(compare, Qt.Key.Key_S)  # swap the picked (2nd) with the 3rd
    assert [e.id for e in compare.entries] == [entries[0].id, entries[2].id, entries[1].id]
    assert compare.picked == 2
    qtbot.keyClick(compare, Qt.Key.Key_D)  # drop it from the set (not from the library)
    assert [e.id for e in compare.entries] == [entries[0].id, entries[2].id]
    assert len(compare.panes) == 2 and library.get(entries[1].id) is not None


def test_ab_overlay_flips_two_images_in_one_canvas_keeping_the_view(
    qtbot, library, compare
) -> None:
    entries = _entries(library, [(300, 200), (600, 400)])
    _load(qtbot, compare, entries)
    compare.panes[0].canvas.set_zoom(compare.panes[0].canvas.zoom * 2)
    compare.panes[0].canvas.pan_by(-40, 0)
    centre = compare.panes[0].canvas.relative_centre
    qtbot.keyClick(compare, Qt.Key.Key_O)
    assert compare.is_overlay and len(compare.panes) == 1
    canvas = compare.panes[0].canvas
    assert compare.panes[0].label.text().startswith("A: ")
    qtbot.keyClick(compare, Qt.Key.Key_Space)
    assert compare.showing_b and compare.panes[0].label.text().startswith("B: picture 1")
    assert compare.panes[0].shown_id == entries[1].id
    assert abs(canvas.relative_zoom - 2) < 1e-6 and _close(canvas.relative_centre, centre)
    qtbot.keyClick(compare, Qt.Key.Key_O)
    assert not compare.is_overlay and len(compare.panes) == 2


def test_c_in_the_grid_compares_the_selection(make_window, qtbot, library) -> None:
    entries = _entries(library, [(64, 64)] * 3)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(2) is not None)
    select_rows(window, 0)
    assert not window.action_registry[ActionId.COMPARE].isEnabled()  # one image: nothing to compare
    select_rows(window, 0, 2)
    window.gallery_view.setFocus()
    qtbot.keyClick(window.gallery_view, Qt.Key.Key_C)
    view = window.dialogs.compare.current
    assert view is not None and view.isVisible()
    assert {e.id for e in view.entries} == {entries[2].id, entries[0].id}
    qtbot.waitUntil(lambda: all(p.canvas.has_image() for p in view.panes))
    qtbot.keyClick(view, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: library.get(view.entries[0].id).favourite)
    view.close()


def test_screenshot_of_the_compare_view(qtbot, library, compare, tmp_path: Path) -> None:
    from dataclasses import replace

    from desktop_app.devserver_images import render_png

    entries = []
    for index, (prompt, size) in enumerate((("a lighthouse on a cliff at dusk", (640, 480)),
                                            ("the same lighthouse, at dawn", (480, 480)),
                                            ("a lighthouse, portrait crop", (512, 768)))):
        result = make_result(prompt, seed=index, size=size, created=1_764_070_320 + index)
        picture = replace(result.images[0], data=render_png(prompt, *size, index))
        entries += library.add_result(replace(result, images=(picture,)))
    _load(qtbot, compare, entries)
    compare.panes[0].canvas.set_zoom(compare.panes[0].canvas.zoom * 1.6)
    compare.panes[0].canvas.pan_by(-40, -30)
    qtbot.wait(50)
    # Looked at, and kept as docs/screenshots/compare.png.
    assert compare.grab().save(str(tmp_path / "compare.png"))
