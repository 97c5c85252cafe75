"""Prompt history in the prompt box: Up/Down recall, the Ctrl+H popup, completions, styles.

The history is the library folder's `history.sqlite3`, seeded here with `record_prompt` (what the
generation sequence calls for every request) or filled by real jobs against the local server.
Keys are sent with qtbot to the widgets that have them.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QStyledItemDelegate

from desktop_app import DEFAULT_MODEL
from desktop_app.api.types import GenerationRequest, ImageSize
from desktop_app.jobs import JobState
from desktop_app.library.history import record_prompt, search_history
from desktop_app.ui import history_popup, prompt_history
from desktop_app.ui.prompt_history import RecallState
from tests.gui.conftest import OFFSCREEN_NOISE
from tests.gui.test_hostile_text import FifoWatch, assert_tooltip_is_escaped, settle, show_tooltip

# The completer's popup asks the offscreen platform for the keyboard, which it cannot give.
completer_noise = pytest.mark.qt_log_ignore(
    OFFSCREEN_NOISE + r"|This plugin does not support grabbing the keyboard")

PROMPTS = ("a red fox in snow", "a blue whale at night", "a green forest path")


def seed(library, prompts=PROMPTS, *, size: str = "512x512", n: int = 1) -> None:
    for when, prompt in enumerate(prompts, start=1):  # the last one is the newest
        request = GenerationRequest(prompt, DEFAULT_MODEL, ImageSize.parse(size), n)
        record_prompt(library.root, request, now=1_700_000_000 + when)


def history_window(make_window, qtbot, library):
    window = make_window()
    with qtbot.waitSignal(window.prompt_history.loaded, timeout=10000):
        window.prompt_history.reload()
    window.prompt_panel.set_draft("")
    window.prompt_panel.focus_prompt()
    return window


def key(qtbot, widget, which, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, which, modifier)


def open_popup(qtbot, window):
    key(qtbot, window.prompt_panel.prompt_edit, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.prompt_history.popup is not None
                    and window.prompt_history.popup.isVisible())
    popup = window.prompt_history.popup
    qtbot.waitUntil(lambda: not popup.is_searching)
    return popup


# -- Up / Down -------------------------------------------------------------------------------


def test_up_and_down_recall_like_a_shell_and_down_past_the_newest_restores_the_draft(
        make_window, qtbot, library):
    seed(library)
    window = history_window(make_window, qtbot, library)
    edit = window.prompt_panel.prompt_edit
    seen = []
    for _ in range(4):  # one more than there are: stays at the oldest
        key(qtbot, edit, Qt.Key.Key_Up)
        seen.append(edit.toPlainText())
    assert seen == ["a green forest path", "a blue whale at night", "a red fox in snow",
                    "a red fox in snow"]
    key(qtbot, edit, Qt.Key.Key_Down)
    assert edit.toPlainText() == "a blue whale at night"
    key(qtbot, edit, Qt.Key.Key_Down)
    key(qtbot, edit, Qt.Key.Key_Down)
    assert edit.toPlainText() == ""  # what was there before: nothing

    qtbot.keyClicks(edit, "half typed")
    key(qtbot, edit, Qt.Key.Key_Up)  # the cursor is at the end of a changed prompt: no recall
    assert edit.toPlainText() == "half typed"
    key(qtbot, edit, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, edit, Qt.Key.Key_Up)  # at the very start: recall
    assert edit.toPlainText() == "a green forest path"
    key(qtbot, edit, Qt.Key.Key_Down)
    assert edit.toPlainText() == "half typed"


def test_editing_a_recalled_prompt_ends_the_recall(make_window, qtbot, library):
    seed(library)
    window = history_window(make_window, qtbot, library)
    edit = window.prompt_panel.prompt_edit
    key(qtbot, edit, Qt.Key.Key_Up)
    qtbot.keyClicks(edit, ", oil painting")
    key(qtbot, edit, Qt.Key.Key_Down)
    key(qtbot, edit, Qt.Key.Key_Up)
    assert edit.toPlainText() == "a green forest path, oil painting"
    edit.undo()  # a recall is one undoable edit
    assert edit.toPlainText() == "a green forest path"


def test_a_prompt_sent_from_the_window_is_recorded_and_recalled(make_window, qtbot, library):
    seed(library)
    window = history_window(make_window, qtbot, library)
    panel = window.prompt_panel
    panel.set_values(prompt="a lighthouse at dusk", size="256x256", count=2)
    with qtbot.waitSignal(window.jobs.job_added, timeout=5000) as added:
        panel.generate_button.click()
    job = added.args[0]
    qtbot.waitUntil(lambda: job.state.is_final, timeout=20000)
    assert job.state == JobState.DONE, job.error_message
    newest = search_history(library.root, limit=1)[0]  # written by the job, on its thread
    assert (newest.prompt, newest.size, newest.n) == ("a lighthouse at dusk", "256x256", 2)
    # The box still holds the prompt just sent: Up goes to the one before it.
    key(qtbot, panel.prompt_edit, Qt.Key.Key_Up)
    assert panel.prompt_edit.toPlainText() == "a green forest path"
    key(qtbot, panel.prompt_edit, Qt.Key.Key_Down)
    assert panel.prompt_edit.toPlainText() == "a lighthouse at dusk"


def test_recall_state_skips_the_prompt_already_in_the_box():
    state = RecallState()
    state.set_prompts(["c", "b", "a"])
    assert state.older("c") == "b"  # "c" is in the box already
    assert state.newer("b") == "c"
    assert state.newer("c") == "c"  # past the newest: the draft, which was "c"
    assert state.newer("c") is None


# -- the popup -------------------------------------------------------------------------------


def test_ctrl_h_opens_a_searchable_popup_and_enter_uses_the_prompt(make_window, qtbot, library):
    seed(library, size="768x768", n=3)
    window = history_window(make_window, qtbot, library)
    window.prompt_panel.set_values(size="256x256", count=1)
    popup = open_popup(qtbot, window)
    assert [entry.prompt for entry in popup.model.entries()] == list(reversed(PROMPTS))
    assert popup.model.index(0, 1).data() == "1 time"  # the English plural form
    assert popup.model.index(0, 3).data() == "FLUX.1-schnell · 768x768 · ×3"
    assert popup.use_button.isDefault() and not popup.settings_button.isDefault()
    qtbot.keyClicks(popup.search_edit, "WHALE")
    qtbot.waitUntil(lambda: [e.prompt for e in popup.model.entries()]
                    == ["a blue whale at night"], timeout=5000)
    key(qtbot, popup.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(popup) or not popup.isVisible())
    assert window.prompt_panel.prompt_edit.toPlainText() == "a blue whale at night"
    # Enter takes the prompt only; "Use with its settings" is the button for the rest.
    assert window.prompt_panel.current_size_text() == "256x256"
    assert window.prompt_panel.count_spin.value() == 1


def test_the_popup_restores_the_settings_the_prompt_was_last_sent_with(
        make_window, qtbot, library):
    seed(library, ["a tall tower"], size="768x1024", n=3)
    window = history_window(make_window, qtbot, library)
    panel = window.prompt_panel
    panel.set_values(size="256x256", count=1)
    popup = open_popup(qtbot, window)
    qtbot.waitUntil(lambda: popup.settings_button.isEnabled())
    popup.settings_button.click()
    assert panel.prompt_edit.toPlainText() == "a tall tower"
    assert (panel.current_size_text(), panel.count_spin.value()) == ("768x1024", 3)
    assert panel.current_model() == DEFAULT_MODEL


def test_down_in_the_search_field_moves_through_the_list(make_window, qtbot, library):
    seed(library)
    window = history_window(make_window, qtbot, library)
    popup = open_popup(qtbot, window)
    key(qtbot, popup.search_edit, Qt.Key.Key_Down)
    assert popup.current_entry().prompt == "a blue whale at night"
    key(qtbot, popup.search_edit, Qt.Key.Key_Return)
    assert window.prompt_panel.prompt_edit.toPlainText() == "a blue whale at night"


def test_history_is_read_off_the_gui_thread(make_window, qtbot, library, monkeypatch):
    seed(library)
    window = history_window(make_window, qtbot, library)
    threads = []
    original = prompt_history.search_history

    def spy(*args, **kwargs):
        threads.append(QThread.currentThread())
        return original(*args, **kwargs)

    monkeypatch.setattr(prompt_history, "search_history", spy)  # recall and completion
    monkeypatch.setattr(history_popup, "search_history", spy)  # the popup
    with qtbot.waitSignal(window.prompt_history.loaded, timeout=10000):
        window.prompt_history.reload()
    open_popup(qtbot, window)
    assert len(threads) >= 2  # the reload and the popup's first search
    assert all(thread is not QApplication.instance().thread() for thread in threads)


# -- styles ----------------------------------------------------------------------------------


def test_a_pinned_style_is_listed_first_inserted_at_the_cursor_and_survives_a_rebuild(
        make_window, qtbot, library):
    seed(library)
    window = history_window(make_window, qtbot, library)
    popup = open_popup(qtbot, window)
    key(qtbot, popup.search_edit, Qt.Key.Key_Down)
    key(qtbot, popup.search_edit, Qt.Key.Key_Down)
    assert popup.current_entry().prompt == "a red fox in snow"
    popup.pin_button.click()
    qtbot.waitUntil(lambda: popup.model.entries()[0].prompt == "a red fox in snow"
                    and popup.model.entries()[0].pinned, timeout=5000)
    assert popup.model.index(0, 0).data().startswith("★ ")
    assert popup.pin_button.text() == "Unpin"
    popup.close()

    library.rebuild()  # the image index is made again; the history is user state
    assert [e.prompt for e in search_history(library.root, pinned_only=True)] == [
        "a red fox in snow"]

    edit = window.prompt_panel.prompt_edit
    window.prompt_panel.set_values(prompt="a cat")
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    window.prompt_history.style_action.trigger()
    qtbot.waitUntil(lambda: window.prompt_history.popup is not None
                    and window.prompt_history.popup.styles_only)
    styles = window.prompt_history.popup
    qtbot.waitUntil(lambda: not styles.is_searching)
    assert [e.prompt for e in styles.model.entries()] == ["a red fox in snow"]
    key(qtbot, styles.search_edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == "a cat, a red fox in snow"


def test_unpinning_in_the_popup_persists(make_window, qtbot, library):
    from desktop_app.library.history import set_pinned

    seed(library)
    set_pinned(library.root, "a blue whale at night", True)
    window = history_window(make_window, qtbot, library)
    popup = open_popup(qtbot, window)
    assert popup.current_entry().prompt == "a blue whale at night"  # pinned: first
    popup.pin_button.click()
    qtbot.waitUntil(lambda: not popup.model.entries()[0].pinned, timeout=5000)
    assert search_history(library.root, pinned_only=True) == []


# -- completion ------------------------------------------------------------------------------


@completer_noise
def test_typing_offers_completions_from_the_history(make_window, qtbot, library):
    seed(library)
    window = history_window(make_window, qtbot, library)
    edit = window.prompt_panel.prompt_edit
    completer = window.prompt_history.completer
    qtbot.keyClicks(edit, "a bl")
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    shown = completer.completionModel()
    assert shown.rowCount() == 1
    assert shown.index(0, 0).data() == "a blue whale at night"
    popup = completer.popup()
    popup.setCurrentIndex(shown.index(0, 0))
    key(qtbot, popup, Qt.Key.Key_Return)
    assert edit.toPlainText() == "a blue whale at night"


@completer_noise
def test_no_completion_for_what_matches_nothing(make_window, qtbot, library):
    seed(library)
    window = history_window(make_window, qtbot, library)
    qtbot.keyClicks(window.prompt_panel.prompt_edit, "zz")
    settle(qtbot)
    assert not window.prompt_history.completer.popup().isVisible()


# -- hostile text ----------------------------------------------------------------------------


@completer_noise
def test_hostile_prompts_are_plain_text_in_the_popup_and_the_completer(
        make_window, qtbot, library, tmp_path):
    fifo = FifoWatch(tmp_path / "witness.png")
    hostile = f'<img src="file://{fifo.path}"><font size=100 color=red>HUGE</font>\x1b[31m'
    seed(library, [hostile])
    window = history_window(make_window, qtbot, library)
    popup = open_popup(qtbot, window)
    shown = popup.model.index(0, 0).data()
    assert shown.startswith("<img src=") and "\x1b" not in shown  # literal, controls escaped
    assert type(popup.view.itemDelegate()) is QStyledItemDelegate  # draws text, never markup
    tooltip = popup.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert_tooltip_is_escaped(tooltip)
    settle(qtbot, popup)
    show_tooltip(qtbot, tooltip, popup.view)
    popup.close()

    edit = window.prompt_panel.prompt_edit
    completer = window.prompt_history.completer
    qtbot.keyClicks(edit, "<im")
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    assert completer.completionModel().index(0, 0).data().startswith("<img src=")
    settle(qtbot, completer.popup())
    assert fifo.stop() == 0  # nothing opened the file a rendered <img> would load


@completer_noise
def test_the_completions_follow_what_is_typed_while_they_are_shown(make_window, qtbot, library):
    seed(library, ["a red fox", "a red barn", "a blue whale"])
    window = history_window(make_window, qtbot, library)
    edit = window.prompt_panel.prompt_edit
    completer = window.prompt_history.completer
    qtbot.keyClicks(edit, "a r")
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    assert completer.completionModel().rowCount() == 2
    qtbot.keyClicks(completer.popup(), "ed f")  # the keys reach the popup while it is shown
    qtbot.waitUntil(lambda: completer.completionModel().rowCount() == 1)
    assert edit.toPlainText() == "a red f"
    key(qtbot, completer.popup(), Qt.Key.Key_Escape)
    assert not completer.popup().isVisible()
    assert edit.toPlainText() == "a red f"
