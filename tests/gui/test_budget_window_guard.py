"""The window's spend guard: refusal with the figures, Allow once, the Budget page, "left today".

Spend comes from usage rows put in the test library's index (1 MP of FLUX today = $1.00 at the
price these tests hand the window); limits are set through the CLI's `budget` command or the
Settings > Budget page, which share the settings file. Requests go to the local server, whose
own count of generations says what was really sent.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stdout

import pytest
import shiboken6
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from desktop_app import DEFAULT_MODEL
from desktop_app.cli import main as cli_main
from desktop_app.jobs import JobState
from desktop_app.settings import Settings
from desktop_app.ui import budget_guard
from desktop_app.ui.budget_guard import BudgetStatus
from tests.unit.test_usage_recorder import at, insert_rows

PRICE = 1.0  # $ per megapixel: a 512x512 image is 0.262144 MP = $0.2621
IMAGE_COST = 512 * 512 / 1_000_000 * PRICE


@pytest.fixture
def budget_window(make_window, library, qtbot):
    """A window whose settings file names the test library (so the CLI sees the same spend),
    with $1.00 spent today and prices of $1 per megapixel."""
    settings = Settings.load()
    settings.library_dir = library.root
    settings.prices = {DEFAULT_MODEL: PRICE}  # the user's price wins, in the CLI and the window
    settings.save()
    insert_rows(library.database_path, [
        {"started": at(dt.date.today(), 0, 1), "model": DEFAULT_MODEL, "width": 1000,
         "height": 1000, "n": 1, "images": 1, "status": "ok"},
    ])

    def make(**limits: str):
        if limits:
            assert cli(["budget", *[f"--{k}={v}" for k, v in limits.items()]])[0] == 0
        window = make_window()
        window.budget_guard.refresh()
        qtbot.waitUntil(lambda: _limits_read(window, limits), timeout=10000)
        window.prompt_panel.set_values(prompt="a lighthouse at dusk", model=DEFAULT_MODEL,
                                       size="512x512", count=1)
        return window

    return make


def _limits_read(window, limits: dict[str, str]) -> bool:
    status = window.budget_guard.status
    if status is None:
        return False
    daily = float(limits["daily"]) if "daily" in limits else None
    monthly = float(limits["monthly"]) if "monthly" in limits else None
    return (status.limits.daily, status.limits.monthly) == (daily, monthly) and \
        status.day.spent == pytest.approx(1.0)


def cli(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = cli_main(argv)
    return code, out.getvalue()


def wait_refusal(qtbot, window):
    def shown() -> bool:
        dialog = window.budget_guard.refusal_dialog
        return dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible()

    qtbot.waitUntil(shown, timeout=10000)
    return window.budget_guard.refusal_dialog


def test_over_the_daily_limit_the_window_refuses_with_the_figures_and_sends_nothing(
        budget_window, qtbot, server):
    window = budget_window(daily="1.2")  # $1.00 spent + $0.2621 = $1.26 > $1.20
    window.prompt_panel.generate_button.click()
    dialog = wait_refusal(qtbot, window)
    text = dialog.text()
    assert "daily limit" in text
    for figure in ("Spent today: $1.00", "This request: $0.2621", "Total: $1.26",
                   "Daily limit: $1.20"):
        assert figure in text, text
    assert dialog.text_label.textFormat().name == "PlainText"
    assert dialog.cancel_button.isDefault()  # Enter does not spend past the limit
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    QApplication.processEvents()
    assert window.jobs.jobs() == []
    assert server.stats()["generations"] == 0


def test_allow_once_sends_exactly_the_refused_job_and_the_next_is_checked_again(
        budget_window, qtbot, server):
    window = budget_window(daily="1.2")
    window.prompt_panel.generate_button.click()
    dialog = wait_refusal(qtbot, window)
    with qtbot.waitSignal(window.jobs.job_added, timeout=5000) as added:
        dialog.allow_button.click()
    job = added.args[0]
    qtbot.waitUntil(lambda: job.state.is_final, timeout=20000)
    assert job.state == JobState.DONE, job.error_message
    assert len(window.jobs.jobs()) == 1
    assert server.stats()["generations"] == 1

    window.prompt_panel.generate_button.click()  # still over: asked again, not sent
    again = wait_refusal(qtbot, window)
    assert again is not dialog
    assert "Spent today: $1.26" in again.text()
    again.cancel_button.click()
    QApplication.processEvents()
    assert len(window.jobs.jobs()) == 1
    assert server.stats()["generations"] == 1


def test_within_the_limit_the_job_goes_without_a_question(budget_window, qtbot, server):
    window = budget_window(daily="5", monthly="50")
    with qtbot.waitSignal(window.jobs.job_added, timeout=5000):
        window.prompt_panel.generate_button.click()
    assert window.budget_guard.refusal_dialog is None


def test_jobs_in_flight_count_against_the_limit(budget_window, qtbot, server):
    # $1.00 spent, limit $1.40: one $0.26 job fits, a second one while the first is still
    # running does not, although the usage records do not have the first one yet.
    window = budget_window(daily="1.4")
    window.prompt_panel.set_values(prompt="[fault:slow=3] a slow lighthouse")
    with qtbot.waitSignal(window.jobs.job_added, timeout=5000) as added:
        window.prompt_panel.generate_button.click()
    assert not added.args[0].state.is_final
    window.prompt_panel.generate_button.click()
    dialog = wait_refusal(qtbot, window)
    assert "Jobs still running: $0.2621" in dialog.text()
    dialog.cancel_button.click()
    assert len(window.jobs.jobs()) == 1
    window.jobs.cancel(added.args[0].id)


def test_the_figures_are_read_off_the_gui_thread(budget_window, qtbot, monkeypatch):
    window = budget_window(daily="5")
    threads = []
    original = budget_guard.read_status

    def spy(*args, **kwargs) -> BudgetStatus:
        threads.append(QThread.currentThread())
        return original(*args, **kwargs)

    monkeypatch.setattr(budget_guard, "read_status", spy)
    with qtbot.waitSignal(window.jobs.job_added, timeout=5000):
        window.prompt_panel.generate_button.click()
    assert threads and all(thread is not QApplication.instance().thread() for thread in threads)


def test_remaining_budget_shows_beside_the_estimate_and_follows_jobs(
        budget_window, qtbot, server):
    window = budget_window(daily="5")
    label = window.prompt_panel.cost_label
    qtbot.waitUntil(lambda: label.text() == "≈ $0.2621 · $4.00 left today")
    with qtbot.waitSignal(window.jobs.job_added, timeout=5000) as added:
        window.prompt_panel.generate_button.click()
    job = added.args[0]
    qtbot.waitUntil(lambda: job.state.is_final, timeout=20000)
    qtbot.waitUntil(lambda: label.text() == "≈ $0.2621 · $3.74 left today", timeout=10000)


def test_monthly_limit_tighter_than_the_daily_one_is_the_one_shown(budget_window, qtbot):
    window = budget_window(daily="5", monthly="1.5")
    qtbot.waitUntil(lambda: window.prompt_panel.cost_label.text()
                    == "≈ $0.2621 · $0.5000 left this month")


def test_limits_set_in_the_budget_page_are_what_the_cli_prints(budget_window, qtbot):
    window = budget_window(daily="3")
    dialog = window.dialogs.open_settings()
    page = dialog.budget_page
    dialog.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.status is not None)
    assert page.daily_edit.text() == "3"  # what the CLI set
    assert page.monthly_edit.text() == ""
    assert "Today: $1.00 spent of $3.00, $2.00 left" in page.today_label.text()
    page.daily_edit.setText("2.5")
    page.monthly_edit.setText("$40")
    dialog.save_settings()
    qtbot.waitUntil(lambda: window.budget_guard.status is not None
                    and window.budget_guard.status.limits.daily == 2.5, timeout=10000)
    code, out = cli(["budget", "--json"])
    assert code == 0
    document = json.loads(out)
    assert document["daily"]["limit"] == 2.5
    assert document["monthly"]["limit"] == 40
    assert document["daily"]["spent"] == pytest.approx(1.0)
    # ... and the prompt panel follows the new limit.
    qtbot.waitUntil(lambda: window.prompt_panel.cost_label.text()
                    == "≈ $0.2621 · $1.50 left today")


def test_clearing_a_limit_in_the_page_removes_it_for_the_cli_too(budget_window, qtbot):
    window = budget_window(daily="3", monthly="9")
    dialog = window.dialogs.open_settings()
    page = dialog.budget_page
    qtbot.waitUntil(lambda: page.status is not None)
    page.daily_edit.clear()
    dialog.save_settings()
    qtbot.waitUntil(lambda: window.budget_guard.status.limits.daily is None, timeout=10000)
    document = json.loads(cli(["budget", "--json"])[1])
    assert document["daily"]["limit"] is None and document["monthly"]["limit"] == 9
    qtbot.waitUntil(lambda: window.prompt_panel.cost_label.text()
                    == "≈ $0.2621 · $8.00 left this month")


def test_an_invalid_limit_is_explained_on_the_page_and_nothing_is_saved(budget_window, qtbot):
    window = budget_window(daily="3")
    dialog = window.dialogs.open_settings()
    page = dialog.budget_page
    qtbot.waitUntil(lambda: page.status is not None)
    dialog.tabs.setCurrentIndex(0)
    page.daily_edit.setText("lots")
    dialog.save_settings()
    assert dialog.isVisible() and dialog.tabs.currentWidget() is page
    assert page.daily_error.isVisible() and "US dollars" in page.daily_error.text()
    page.daily_edit.setText("5000000")  # a typo, refused as the CLI refuses it
    dialog.save_settings()
    assert dialog.isVisible() and "1,000,000" in page.daily_error.text()
    assert json.loads(cli(["budget", "--json"])[1])["daily"]["limit"] == 3


def test_spend_check_for_the_batch_dialog_asks_only_over_the_limit(budget_window, qtbot):
    window = budget_window(daily="1.5")
    guard = window.budget_guard
    assert guard.spend_check(0.4) is True  # $1.00 + $0.40 <= $1.50: no question
    assert guard.refusal_dialog is None

    def answer(allow: bool) -> None:
        dialog = guard.refusal_dialog
        assert dialog is not None and dialog.isVisible()
        assert "This request: $0.6000" in dialog.text()
        (dialog.allow_button if allow else dialog.cancel_button).click()

    QTimer.singleShot(0, lambda: answer(False))
    assert guard.spend_check(0.6) is False
    QTimer.singleShot(0, lambda: answer(True))
    assert guard.spend_check(0.6) is True


def test_limits_changed_by_the_cli_while_the_window_is_open_are_honoured(
        budget_window, qtbot, server):
    window = budget_window()  # no limit when the window read them
    assert not window.budget_guard.status.limits.is_set
    assert cli(["budget", "--daily", "1.1"])[0] == 0
    window.budget_guard.refresh()  # what activating the window does
    qtbot.waitUntil(lambda: window.budget_guard.status.limits.daily == 1.1)
    window.prompt_panel.generate_button.click()
    wait_refusal(qtbot, window).cancel_button.click()
    assert server.stats()["generations"] == 0


def test_refusal_text_is_never_markup(budget_window, qtbot):
    window = budget_window(daily="1")
    window.prompt_panel.set_values(prompt='<img src="file:///dev/zero"><b>bold</b>')
    window.prompt_panel.generate_button.click()
    dialog = wait_refusal(qtbot, window)
    labels = [label for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and all(label.textFormat().name == "PlainText" for label in labels)
    dialog.cancel_button.click()



def test_retrying_a_failed_job_over_the_limit_is_refused_too(budget_window, qtbot, server):
    window = budget_window(daily="1.2")
    window.budget_guard.status = None  # (what the guard knew is read again before each job)
    server.add_faults({"status": 500}, {"status": 500}, {"status": 500}, {"status": 500},
                      {"status": 500}, {"status": 500})
    window.prompt_panel.generate_button.click()
    wait_refusal(qtbot, window).allow_button.click()
    qtbot.waitUntil(lambda: bool(window.jobs.jobs()) and window.jobs.jobs()[0].state.is_final,
                    timeout=30000)
    job = window.jobs.jobs()[0]
    assert job.state == JobState.FAILED
    sent = server.stats()["generations"]
    row = window.jobs_panel.row(job.id)
    row.retry_button.click()
    wait_refusal(qtbot, window).cancel_button.click()
    QApplication.processEvents()
    assert job.state == JobState.FAILED
    assert server.stats()["generations"] == sent


def test_spend_check_before_the_first_read_asks_instead_of_guessing(budget_window, qtbot):
    window = budget_window(daily="100")
    guard = window.budget_guard
    guard.status = None  # as just after start-up: nothing read yet

    def answer() -> None:
        dialog = guard.refusal_dialog
        assert dialog is not None and "still being read" in dialog.text()
        dialog.cancel_button.click()

    QTimer.singleShot(0, answer)
    assert guard.spend_check(0.01) is False
    qtbot.waitUntil(lambda: guard.status is not None)  # and it reads them meanwhile
    assert guard.spend_check(0.01) is True


def test_check_estimate_is_the_asynchronous_form_for_a_plan(budget_window, qtbot):
    window = budget_window(daily="1.5")
    sent = []
    window.budget_guard.check_estimate(0.4, lambda: sent.append("small"))
    qtbot.waitUntil(lambda: sent == ["small"])
    window.budget_guard.check_estimate(0.6, lambda: sent.append("large"))
    dialog = wait_refusal(qtbot, window)
    assert "This request: $0.6000" in dialog.text()
    dialog.allow_button.click()
    qtbot.waitUntil(lambda: sent == ["small", "large"])


def test_a_limit_the_cli_set_while_the_window_was_open_can_be_cleared_in_the_page(
        budget_window, qtbot):
    window = budget_window()  # no limits when the window loaded its settings
    assert cli(["budget", "--daily", "4"])[0] == 0
    dialog = window.dialogs.open_settings()
    page = dialog.budget_page
    qtbot.waitUntil(lambda: page.status is not None)
    assert page.daily_edit.text() == "4"  # read from the file, not the window's old copy
    page.daily_edit.clear()
    dialog.save_settings()
    assert window.settings.budget_daily is None  # what the usage view's limit line reads
    qtbot.waitUntil(lambda: json.loads(cli(["budget", "--json"])[1])["daily"]["limit"] is None,
                    timeout=10000)


def test_limits_saved_in_the_page_are_on_the_window_settings_for_the_usage_view(
        budget_window, qtbot):
    window = budget_window()
    dialog = window.dialogs.open_settings()
    page = dialog.budget_page
    qtbot.waitUntil(lambda: page.status is not None)
    page.monthly_edit.setText("25")
    dialog.save_settings()
    assert (window.settings.budget_daily, window.settings.budget_monthly) == (None, 25.0)
    qtbot.waitUntil(lambda: window.budget_guard.status.limits.monthly == 25.0, timeout=10000)
