"""Every error kind shows its message in the job row with the action from the one table."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app import CONSOLE_URL
from desktop_app.api.errors import ErrorKind
from desktop_app.jobs import JobState
from desktop_app.ui import image_actions
from desktop_app.ui.error_actions import ERROR_ACTIONS, ErrorAction
from desktop_app.ui.theme import Accent
from tests.gui.conftest import single_attempt_client


def run_failing_job(window, qtbot, prompt="a failing job"):
    window.prompt_panel.set_values(prompt=prompt)
    with qtbot.waitSignal(window.jobs.job_failed, timeout=20000) as failed:
        window.prompt_panel.generate_button.click()
    job = failed.args[0]
    assert job.state == JobState.FAILED
    return job, window.jobs_panel.row(job.id)


SERVER_FAULTS = [
    (401, ErrorKind.UNAUTHORIZED, ErrorAction.SET_TOKEN),
    (403, ErrorKind.FORBIDDEN, ErrorAction.SET_TOKEN),
    (429, ErrorKind.INSUFFICIENT_CREDIT, ErrorAction.OPEN_CONSOLE),
    (404, ErrorKind.MODEL_NOT_FOUND, ErrorAction.REFRESH_MODELS),
    (500, ErrorKind.SERVER_ERROR, ErrorAction.RETRY),
    (503, ErrorKind.UNAVAILABLE, ErrorAction.RETRY),
]


@pytest.mark.parametrize(("status", "kind", "action"), SERVER_FAULTS)
def test_server_errors_show_message_and_action_in_the_job_row(
    make_window, qtbot, server, status, kind, action
):
    window = make_window(client_factory=single_attempt_client)
    server.add_faults({"status": status})
    job, row = run_failing_job(window, qtbot)
    assert job.error_kind == kind
    assert row.status_label.text() == job.error_message
    assert f"({status})" in job.error_message or kind == ErrorKind.UNAVAILABLE
    assert row.current_action() == action
    if action == ErrorAction.RETRY:
        assert row.retry_button.isVisible() and not row.action_button.isVisible()
    else:
        assert row.action_button.isVisible() and row.action_button.text() == action.label
    assert "Traceback" not in row.status_label.text()


def test_no_token_offers_set_token_and_the_button_opens_token_settings(make_window, qtbot):
    window = make_window(token=None)
    job, row = run_failing_job(window, qtbot)
    assert job.error_kind == ErrorKind.NO_TOKEN
    assert row.action_button.text() == "Set token…"
    row.action_button.click()
    dialog = window.dialogs.settings.current
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.token_section.token_edit
                    or dialog.isVisible())
    dialog.close()


def test_network_error_offers_retry(make_window, qtbot):
    window = make_window(base_url="http://127.0.0.1:9/v1", client_factory=single_attempt_client)
    job, row = run_failing_job(window, qtbot)
    assert job.error_kind == ErrorKind.NETWORK
    assert row.retry_button.isVisible()


def test_timeout_offers_retry_and_retry_succeeds(make_window, qtbot, server):
    window = make_window(client_factory=single_attempt_client, read_timeout=0.5)
    server.add_faults({"kind": "slow", "seconds": 3})
    job, row = run_failing_job(window, qtbot)
    assert job.error_kind == ErrorKind.TIMEOUT
    assert row.current_action() == ErrorAction.RETRY
    window.clients.connection = (server.base_url, 30.0)
    row.retry_button.click()
    qtbot.waitUntil(lambda: job.state == JobState.DONE, timeout=20000)
    assert job.request.prompt == "a failing job"
    assert window.gallery_model.rowCount() == 1


def test_insecure_transport_offers_open_settings(make_window, qtbot, server):
    window = make_window(base_url="http://example.invalid/v1")
    job, row = run_failing_job(window, qtbot)
    assert job.error_kind == ErrorKind.INSECURE_TRANSPORT
    assert row.action_button.text() == "Open settings"
    row.action_button.click()
    dialog = window.dialogs.settings.current
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_insufficient_credit_button_opens_the_console(make_window, qtbot, server, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(image_actions, "open_url", lambda url: opened.append(url) or True)
    window = make_window(client_factory=single_attempt_client)
    server.add_faults({"status": 429})
    _job, row = run_failing_job(window, qtbot)
    row.action_button.click()
    assert opened == [CONSOLE_URL]
    assert server.stats()["generations"] == 1  # sent once, never retried


def test_model_not_found_button_refreshes_models(make_window, qtbot, server):
    window = make_window(client_factory=single_attempt_client)
    server.add_faults({"status": 404})
    _job, row = run_failing_job(window, qtbot)
    with qtbot.waitSignal(window.model_catalog.models_refreshed, timeout=10000) as refreshed:
        row.action_button.click()
    assert "black-forest-labs/FLUX.1-schnell" in refreshed.args[0]


def test_every_error_kind_has_an_entry_in_the_action_table():
    assert set(ERROR_ACTIONS) == set(ErrorKind)


def test_excepthook_logs_and_shows_a_calm_message(make_window, monkeypatch):
    from desktop_app.app import install_excepthook

    window = make_window()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(lambda: window)
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    bar = window.message_bar
    assert bar.isVisible() and bar.level() == Accent.ERROR
    assert "ValueError" in bar.text() and "Traceback" not in bar.text()
