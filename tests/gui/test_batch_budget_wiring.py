"""The Batch dialog's Start goes through the window's spend guard: over a limit, nothing is sent.

The dialog and the guard were built apart (the dialog takes any `spend_check`); this checks the
window hands it the real one, with the figures of the budget window fixture ($1.00 spent today,
$1 per megapixel, so each 512x512 request is $0.2621).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.ui.actions import ActionId
from tests.gui.test_budget_window_guard import budget_window  # noqa: F401 - the fixture


def _refusal(window):
    dialog = window.budget_guard.refusal_dialog
    return dialog if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible() \
        else None


def _start_answering(qtbot, window, button: str):
    answered: list[str] = []
    tries = [0]

    def answer() -> None:
        dialog = _refusal(window)
        if dialog is None:
            tries[0] += 1
            if tries[0] < 250:  # gives up after ~5 s, so no timer outlives the test
                QTimer.singleShot(20, answer)
            return
        answered.append(dialog.text())
        getattr(dialog, button).click()

    QTimer.singleShot(20, answer)
    return answered


def _plan_two(qtbot, window):
    window.action_registry[ActionId.BATCH].trigger()
    dialog = window.batch.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.prompt_edit.setPlainText("a fox\nan owl")  # 2 requests: $0.52 more
    qtbot.waitUntil(lambda: not dialog.is_planning() and dialog.start_button.isEnabled(),
                    timeout=10000)
    return dialog


def test_a_batch_over_the_daily_limit_is_refused_and_sends_nothing(
        budget_window, qtbot, server):  # noqa: F811 - the fixture
    window = budget_window(daily="1.3")  # $1.00 + $0.52 > $1.30
    dialog = _plan_two(qtbot, window)
    answered = _start_answering(qtbot, window, "cancel_button")
    dialog.start_button.click()
    assert answered and "daily limit" in answered[0]
    QApplication.processEvents()
    assert dialog.isVisible()  # nothing started: the plan stays open to be changed
    assert window.jobs.jobs() == []
    assert server.stats()["generations"] == 0


def test_allow_once_starts_the_refused_batch(budget_window, qtbot, server):  # noqa: F811
    window = budget_window(daily="1.3")
    dialog = _plan_two(qtbot, window)
    answered = _start_answering(qtbot, window, "allow_button")
    dialog.start_button.click()
    assert answered
    qtbot.waitUntil(lambda: server.stats()["generations"] == 2, timeout=30000)
