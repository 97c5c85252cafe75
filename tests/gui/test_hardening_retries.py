"""Retries are visible: a job row says why it waits, for how long, which attempt comes next, and
offers Retry now, which cuts the wait short.

Against the local server: `[fault:503=20]` in a prompt answers every attempt with 503 and
`Retry-After: 20`; a queued fault answers only the next request so, and the retry succeeds.
The tests finish far sooner than the 20 s waits would allow only because Retry now skipped them.
"""

from __future__ import annotations

from desktop_app.jobs import JobState
from tests.gui.test_generation import generate

WAIT_LIMIT_MS = 10_000  # half of one Retry-After: the wait was skipped, not sat out


def status(window, job) -> str:
    return window.jobs_panel.row(job.id).status_label.text()


def test_a_busy_server_shows_the_reason_the_wait_and_the_attempt(make_window, qtbot, server):
    window = make_window()
    job = generate(window, qtbot, prompt="a harbour [fault:503=20]")
    qtbot.waitUntil(lambda: "attempt 2 of 3" in status(window, job), timeout=WAIT_LIMIT_MS)
    text = status(window, job)
    assert text.startswith("Server busy (503) — retrying in ")
    assert any(f"retrying in {seconds} s" in text for seconds in range(15, 21))
    row = window.jobs_panel.row(job.id)
    assert row.retry_now_button.isVisible()
    assert not row.retry_button.isVisible()

    row.retry_now_button.click()
    qtbot.waitUntil(lambda: "attempt 3 of 3" in status(window, job), timeout=WAIT_LIMIT_MS)
    assert server.stats()["generations"] == 2
    row.retry_now_button.click()
    qtbot.waitUntil(lambda: job.state.is_final, timeout=WAIT_LIMIT_MS)
    assert job.state == JobState.FAILED
    assert server.stats()["generations"] == 3
    assert not row.retry_now_button.isVisible()


def test_retry_now_after_one_busy_answer_brings_the_images(make_window, qtbot, server):
    window = make_window()
    server.add_faults({"status": 503, "retry_after": "20"})
    job = generate(window, qtbot, prompt="a lighthouse at dusk")
    row = window.jobs_panel.row(job.id)
    qtbot.waitUntil(row.retry_now_button.isVisible, timeout=WAIT_LIMIT_MS)
    assert "Server busy (503)" in status(window, job)
    row.retry_now_button.click()
    qtbot.waitUntil(lambda: job.state.is_final, timeout=WAIT_LIMIT_MS)
    assert job.state == JobState.DONE, job.error_message
    assert server.stats()["generations"] == 2


def test_cancel_during_the_wait_cancels_the_job(make_window, qtbot, server):
    window = make_window()
    job = generate(window, qtbot, prompt="a harbour [fault:503=20]")
    qtbot.waitUntil(lambda: job.is_waiting_to_retry, timeout=WAIT_LIMIT_MS)
    window.jobs_panel.row(job.id).cancel_button.click()
    qtbot.waitUntil(lambda: job.state.is_final, timeout=WAIT_LIMIT_MS)
    assert job.state == JobState.CANCELLED
    assert server.stats()["generations"] == 1
