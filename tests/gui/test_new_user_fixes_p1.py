"""Fixes from the new user's pass (issue 14, P1): cramped window and undo after Reuse."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt

from desktop_app.ui.actions import ActionId
from tests.library_helpers import make_result


def add_entry(library, prompt: str = "a lighthouse at dusk") -> None:
    library.add_result(make_result(prompt=prompt, seed=3, size=(96, 64)))


def select_first(window) -> None:
    selection = window.gallery_view.selectionModel()
    selection.select(window.gallery_model.index(0), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(window.gallery_model.index(0),
                              QItemSelectionModel.SelectionFlag.NoUpdate)


def undo(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


# -- P1.3: Reuse settings is one undo step, typing after it another ----------------------------


def test_undo_after_reuse_keeps_the_typing_as_its_own_step(make_window, qtbot, library):
    add_entry(library)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    edit = window.prompt_panel.prompt_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "my own draft")
    select_first(window)
    window.action_registry[ActionId.REUSE].trigger()
    assert edit.toPlainText() == "a lighthouse at dusk"
    qtbot.keyClicks(edit, " EXTRA")
    assert edit.toPlainText() == "a lighthouse at dusk EXTRA"
    undo(qtbot, edit)
    assert edit.toPlainText() == "a lighthouse at dusk"  # only the typing went
    undo(qtbot, edit)
    assert edit.toPlainText() == "my own draft"  # then the reuse, as one step


def test_reuse_then_undo_restores_the_draft_in_one_step(make_window, qtbot, library):
    add_entry(library)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    edit = window.prompt_panel.prompt_edit
    qtbot.keyClicks(edit, "draft")
    select_first(window)
    window.action_registry[ActionId.REUSE].trigger()
    undo(qtbot, edit)
    assert edit.toPlainText() == "draft"


# -- P1.2: every control reachable at the window's minimum size -------------------------------


LONG_PROMPT = ("a very long prompt about a castle on a hill with dragons circling the towers "
               "at sunset, oil painting, highly detailed")


def inside(widget, container) -> bool:
    """Whether `widget` is shown and lies wholly inside `container`'s rectangle."""
    if not widget.isVisibleTo(container.window()):
        return False
    top_left = widget.mapTo(container, QPoint(0, 0))
    return container.rect().contains(QRect(top_left, widget.size()))


def test_job_row_buttons_stay_inside_the_panel_at_the_minimum_size(make_window, qtbot):
    from desktop_app.api.types import GenerationRequest, ImageSize

    window = make_window(token="")  # no token: every job fails with "Set token…" and Retry
    minimum = window.minimumSize()
    assert minimum.width() >= 800 and minimum.height() >= 560
    window.resize(minimum)
    qtbot.waitUntil(lambda: window.size() == minimum)
    for _ in range(3):
        window.jobs_controller.generate(GenerationRequest(prompt=LONG_PROMPT,
                                          model="black-forest-labs/FLUX.1-schnell-very-long-id",
                                          size=ImageSize(1280, 720), n=4))
    qtbot.waitUntil(lambda: all(job.state.is_final for job in window.jobs.jobs()), timeout=15000)
    viewport = window.jobs_panel.scroll_area.viewport()
    rows = window.jobs_panel.rows()
    assert len(rows) == 3
    for row in rows:
        row.parentWidget().layout().activate()  # settle heights changed by the failures
        window.jobs_panel.scroll_area.ensureWidgetVisible(row, 0, 0)
        buttons = [row.dismiss_button, row.retry_button, row.action_button]
        assert all(button.isVisibleTo(row) for button in buttons)
        for button in buttons:
            assert inside(button, viewport), (row.objectName(), button.text())
    panel = window.prompt_panel
    for control in (panel.generate_button, panel.model_combo, panel.refresh_button,
                    panel.size_combo, panel.count_spin):
        assert inside(control, window.centralWidget())
    bar = window.gallery_panel.filter_bar
    controls = (bar.search_edit, bar.model_combo, bar.size_combo, bar.date_combo,
                bar.favourites_button, bar.order_combo)
    for control in controls:
        assert inside(control, window.gallery_panel)
    rects = [QRect(control.mapTo(window, QPoint(0, 0)), control.size()) for control in controls]
    for index, rect in enumerate(rects):  # each in its own place: none drawn over another
        assert not any(rect.intersects(other) for other in rects[index + 1:]), controls[index]


def test_a_new_job_row_is_scrolled_into_view(make_window, qtbot):
    from desktop_app.api.types import GenerationRequest, ImageSize

    window = make_window(token="")
    window.resize(window.minimumSize())
    request = GenerationRequest(prompt=LONG_PROMPT, model="black-forest-labs/FLUX.1-schnell",
                                size=ImageSize(512, 512), n=1)
    for _ in range(5):
        window.jobs_controller.generate(request)
    qtbot.waitUntil(lambda: all(job.state.is_final for job in window.jobs.jobs()), timeout=15000)
    scroll = window.jobs_panel.scroll_area
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    assert scroll.verticalScrollBar().value() > 0  # the top row is out of sight now
    job = window.jobs_controller.generate(request)
    row = window.jobs_panel.row(job.id)
    qtbot.waitUntil(lambda: inside(row, scroll.viewport()))
