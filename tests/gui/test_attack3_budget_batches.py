"""Attack 3: a running batch's items not yet in the queue still count against the spend limit.

A batch feeds its items into the job queue a few at a time; the spend guard counted only what
was in the queue, so a single job (or a second batch) sent while a batch ran could pass a limit
the batch's remaining items would then overrun. Figures as in the budget window fixture: $1.00
spent today, $0.2621 per 512x512 request.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.ui.actions import ActionId
from tests.gui.test_batch_budget_wiring import _refusal, _start_answering
from tests.gui.test_budget_window_guard import IMAGE_COST, budget_window, cli  # noqa: F401


def _start_slow_batch(qtbot, window, count: int):
    window.action_registry[ActionId.BATCH].trigger()
    dialog = window.batch.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.prompt_edit.setPlainText("\n".join(f"item {i} [fault:slow=2]" for i in range(count)))
    dialog.concurrency_spin.setValue(1)
    qtbot.waitUntil(lambda: not dialog.is_planning() and dialog.start_button.isEnabled(),
                    timeout=10000)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    return next(iter(window.batch.groups))


def test_a_running_batchs_waiting_items_count_as_in_flight(
        budget_window, qtbot, server):  # noqa: F811 - the fixture
    window = budget_window(daily="2.5")  # $1.00 + 5 x $0.2621 = $2.31 fits
    group = _start_slow_batch(qtbot, window, 5)
    assert group.is_running
    assert window.budget_guard.in_flight() == pytest.approx(5 * IMAGE_COST)
    group.cancel_all()
    qtbot.waitUntil(lambda: group.is_finished, timeout=20000)


def test_a_single_job_during_a_batch_is_refused_when_the_batch_would_overrun(
        budget_window, qtbot, server):  # noqa: F811 - the fixture
    window = budget_window(daily="2.5")
    group = _start_slow_batch(qtbot, window, 5)
    answered = _start_answering(qtbot, window, "cancel_button")
    window.prompt_panel.generate_button.click()  # $1.00 + $1.31 + $0.26 = $2.57 > $2.50
    qtbot.waitUntil(lambda: bool(answered), timeout=10000)
    assert "daily limit" in answered[0]
    assert [job.group_id for job in window.jobs.jobs()] == [group.id]  # no single job queued
    group.cancel_all()
    qtbot.waitUntil(lambda: group.is_finished and _refusal(window) is None, timeout=20000)


def test_retry_failed_asks_the_spend_guard_after_the_limit_was_lowered_from_the_cli(
        budget_window, qtbot, server):  # noqa: F811 - the fixture
    window = budget_window(daily="2")
    window.action_registry[ActionId.BATCH].trigger()
    dialog = window.batch.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.prompt_edit.setPlainText("refused [fault:400]")
    qtbot.waitUntil(lambda: not dialog.is_planning() and dialog.start_button.isEnabled(),
                    timeout=10000)
    dialog.start_button.click()
    group = next(iter(window.batch.groups))
    qtbot.waitUntil(lambda: group.is_finished, timeout=20000)
    assert group.failed == 1 and group.can_retry
    sent = server.stats()["generations"]
    assert cli(["budget", "--daily=1.1"])[0] == 0  # another terminal, mid-session
    window.budget_guard.refresh()
    qtbot.waitUntil(lambda: window.budget_guard.status.limits.daily == 1.1, timeout=10000)
    answered = _start_answering(qtbot, window, "cancel_button")
    assert group.retry_failed() == 0
    assert answered and "daily limit" in answered[0]
    assert group.failed == 1
    assert server.stats()["generations"] == sent


def test_a_limit_set_from_the_cli_after_the_last_read_still_stops_the_next_click(
        budget_window, qtbot, server):  # noqa: F811 - the fixture
    window = budget_window()  # no limit, as read at start
    assert not window.budget_guard.status.limits.is_set
    assert cli(["budget", "--daily=1.1"])[0] == 0  # a terminal; the window is not told
    answered = _start_answering(qtbot, window, "cancel_button")
    window.prompt_panel.generate_button.click()  # $1.00 + $0.26 > $1.10
    qtbot.waitUntil(lambda: bool(answered), timeout=10000)
    assert "daily limit" in answered[0]
    assert window.jobs.jobs() == []
    assert server.stats()["generations"] == 0


def test_coming_back_to_the_batch_dialog_reads_a_limit_set_from_the_cli(
        budget_window, qtbot, server):  # noqa: F811 - the fixture
    window = budget_window()  # no limit, as read at start
    window.action_registry[ActionId.BATCH].trigger()
    dialog = window.batch.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.prompt_edit.setPlainText("a fox\nan owl")
    qtbot.waitUntil(lambda: not dialog.is_planning() and dialog.start_button.isEnabled(),
                    timeout=10000)
    assert cli(["budget", "--daily=1.1"])[0] == 0  # in a terminal, then back to the dialog
    app = QGuiApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    qtbot.waitUntil(lambda: window.budget_guard.status.limits.daily == 1.1, timeout=10000)
    answered = _start_answering(qtbot, window, "cancel_button")
    dialog.start_button.click()
    assert answered and "daily limit" in answered[0]
    assert window.jobs.jobs() == [] and server.stats()["generations"] == 0
