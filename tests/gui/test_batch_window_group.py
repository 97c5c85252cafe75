"""A batch in the window runs through the job queue as one group (issue 15, window half).

Every test talks to a real server on 127.0.0.1: the session's local server (its request counter
is the server-side truth) or, for the concurrency bound, a tiny server that counts requests in
flight.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest
from PIL import Image

from desktop_app.api.errors import ErrorKind
from desktop_app.job_groups import ItemState, JobGroup, StopReason
from desktop_app.ui.error_actions import ErrorAction
from tests.tiny_http import TinyServer


def open_dialog(window, qtbot):
    dialog = window.batch.open_dialog()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def server_models(dialog) -> list[str]:
    from PySide6.QtCore import Qt

    return [str(dialog.model_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(dialog.model_list.count())]


def plan_and_start(window, qtbot, text: str, *, models=None, sizes=("64x64",), n=1,
                   concurrency=1) -> JobGroup:
    dialog = open_dialog(window, qtbot)
    dialog.set_checked(dialog.model_list, models or server_models(dialog)[:1])
    dialog.set_checked(dialog.size_list, [])
    dialog.other_sizes_edit.setText(", ".join(sizes))
    dialog.count_spin.setValue(n)
    dialog.concurrency_spin.setValue(concurrency)
    dialog.prompt_edit.setPlainText(text)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.is_planning(), timeout=5000)
    assert dialog.start_button.isEnabled()
    with qtbot.waitSignal(window.batch.groups.group_added, timeout=2000) as added:
        dialog.start_button.click()
    return added.args[0]


def shown(widget) -> bool:
    """Not hidden by its row (the row itself may not be laid out yet)."""
    return not widget.isHidden()


def wait_finished(qtbot, group: JobGroup, timeout: int = 30000) -> None:
    qtbot.waitUntil(lambda: group.is_finished, timeout=timeout)


def test_a_3x2_batch_runs_as_one_group_and_the_server_saw_exactly_the_planned_requests(
    make_window, qtbot, server
):
    window = make_window(max_running=4)
    models = server_models(open_dialog(window, qtbot))[:2]
    window.batch.dialog.reject()
    assert len(models) == 2
    group = plan_and_start(window, qtbot, "a red fox\na blue whale\n# not a prompt\n\na grey owl",
                           models=models, concurrency=2)
    assert group.total == 6
    wait_finished(qtbot, group)
    assert group.done == 6, [(i.state, i.message) for i in group.items]
    assert server.stats()["generations"] == 6
    assert group.spent == pytest.approx(group.plan.known_cost)
    # One row for the group; its items have no rows of their own.
    panel = window.jobs_panel
    row = panel.group_row(group.id)
    assert row is not None and row.status_label.text().startswith("6 of 6 done")
    assert panel.rows() == []
    assert not shown(row.cancel_all_button) and not shown(row.retry_button)
    # The images are in the library grid, and the finished jobs left the queue's memory.
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 6)
    qtbot.waitUntil(lambda: window.jobs.jobs() == [])
    # The items list is a model over the group, collapsible.
    assert not shown(row.items_view)
    row.items_button.click()
    assert shown(row.items_view) and row.items_model.rowCount() == 6
    assert row.items_model.index(0, 0).data().startswith("done")


class InFlightServer:
    """A tiny image server that answers slowly and records the most requests in flight."""

    def __init__(self, delay: float = 0.2) -> None:
        self.lock = threading.Lock()
        self.in_flight = self.most = self.total = 0
        self.delay = delay
        self.tiny = TinyServer()
        self.tiny.routes["/v1/images/generations"] = self.generate
        self.tiny.routes["/v1/models"] = self.models

    @staticmethod
    def models(request: BaseHTTPRequestHandler) -> None:
        body = json.dumps({"data": [{"id": "black-forest-labs/FLUX.1-schnell",
                                     "object": "model"}]}).encode()
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def generate(self, request: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.in_flight += 1
            self.total += 1
            self.most = max(self.most, self.in_flight)
        try:
            time.sleep(self.delay)  # holds the request open so others overlap it
            buffer = io.BytesIO()
            Image.new("RGB", (64, 64), (30, 90, 200)).save(buffer, "PNG")
            body = json.dumps({"created": 1, "data": [
                {"b64_json": base64.b64encode(buffer.getvalue()).decode()}]}).encode()
            request.send_response(200)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        finally:
            with self.lock:
                self.in_flight -= 1


def test_at_most_k_of_the_groups_requests_are_in_flight_server_side(make_window, qtbot):
    observed = InFlightServer()
    try:
        window = make_window(base_url=observed.tiny.root + "/v1", max_running=4)
        group = plan_and_start(window, qtbot, "\n".join(f"prompt {i}" for i in range(8)),
                               models=["black-forest-labs/FLUX.1-schnell"], concurrency=2)
        wait_finished(qtbot, group)
        assert group.done == 8, [(i.state, i.message) for i in group.items]
        assert observed.total == 8
        assert observed.most <= 2
        assert observed.most == 2  # the bound is reached, not only respected by sending one
    finally:
        observed.tiny.close()


@pytest.mark.parametrize(
    ("status", "kind", "action"),
    [(429, ErrorKind.INSUFFICIENT_CREDIT, ErrorAction.OPEN_CONSOLE),
     (401, ErrorKind.UNAUTHORIZED, ErrorAction.SET_TOKEN),
     (403, ErrorKind.FORBIDDEN, ErrorAction.SET_TOKEN)],
)
def test_a_stopping_failure_stops_the_whole_group_and_nothing_further_is_sent(
    make_window, qtbot, server, status, kind, action
):
    window = make_window()
    server.add_faults({"status": status})
    group = plan_and_start(window, qtbot, "\n".join(f"prompt {i}" for i in range(5)),
                           concurrency=1)
    wait_finished(qtbot, group)
    assert server.stats()["generations"] == 1
    assert group.stop_reason == StopReason.FAILURE and group.stopped_kind == kind
    assert [item.state for item in group.items] == [ItemState.FAILED] + [ItemState.NOT_SENT] * 4
    row = window.jobs_panel.group_row(group.id)
    assert "Nothing further was sent" in row.stop_label.text()
    assert shown(row.action_button) and row.action_button.text() == action.label
    assert shown(row.retry_button)


def test_with_two_in_flight_a_429_lets_the_other_finish_but_sends_no_more(
    make_window, qtbot, server
):
    window = make_window(max_running=2)
    server.add_faults({"status": 429})
    group = plan_and_start(window, qtbot, "\n".join(f"prompt {i}" for i in range(6)),
                           concurrency=2)
    wait_finished(qtbot, group)
    assert server.stats()["generations"] <= 2
    assert group.stopped_kind == ErrorKind.INSUFFICIENT_CREDIT
    assert group.count(ItemState.NOT_SENT) >= 4


def test_cancel_all_sends_nothing_more_and_cancels_what_is_in_flight(make_window, qtbot, server):
    window = make_window(max_running=2)
    server.add_faults({"kind": "slow", "seconds": 10}, {"kind": "slow", "seconds": 10})
    group = plan_and_start(window, qtbot, "\n".join(f"prompt {i}" for i in range(6)),
                           concurrency=2)
    # Both requests are at the server (which holds them) before Cancel all.
    qtbot.waitUntil(lambda: server.stats()["generations"] == 2, timeout=8000)
    assert group.in_flight == 2
    row = window.jobs_panel.group_row(group.id)
    assert shown(row.cancel_all_button)
    row.cancel_all_button.click()
    wait_finished(qtbot, group, timeout=8000)
    assert group.stop_reason == StopReason.CANCELLED
    assert group.count(ItemState.CANCELLED) == 2 and group.count(ItemState.NOT_SENT) == 4
    assert server.stats()["generations"] == 2
    assert "Cancelled" in row.stop_label.text()
    assert not shown(row.cancel_all_button) and shown(row.retry_button)


def test_retry_failed_resends_only_the_failed_items(make_window, qtbot, server):
    window = make_window()
    # A refused request that does not stop the batch (400), for the second item only.
    server.add_faults({"kind": "slow", "seconds": 0}, {"status": 400})
    group = plan_and_start(window, qtbot, "first\nsecond\nthird\nfourth", concurrency=1)
    wait_finished(qtbot, group)
    assert [item.state for item in group.items] == [
        ItemState.DONE, ItemState.FAILED, ItemState.DONE, ItemState.DONE]
    assert server.stats()["generations"] == 4
    row = window.jobs_panel.group_row(group.id)
    assert shown(row.retry_button)
    row.retry_button.click()
    wait_finished(qtbot, group)
    assert group.done == 4
    assert server.stats()["generations"] == 5
    assert server.stats()["last_json"]["prompt"] == "second"
    assert not shown(row.retry_button)


def test_group_jobs_never_wait_inside_the_queue_so_a_429_leaves_none_to_start(
    make_window, qtbot, server
):
    """K=2 on a queue that runs one job at a time: a second job handed to the queue would wait
    there, and the queue would start it (send it) the moment the 429 freed the slot, before the
    group heard of the 429. The group hands over only what starts at once."""
    window = make_window(max_running=1)
    server.add_faults({"status": 429})
    dialog = open_dialog(window, qtbot)
    assert dialog.concurrency_spin.maximum() == 1  # the dialog caps K at the queue's limit
    dialog.reject()
    from desktop_app.api.types import ImageSize
    from desktop_app.batch.plan import build_plan, parse_text

    plan = build_plan(parse_text("one\ntwo\nthree"), models=[server_models(dialog)[0]],
                      sizes=[ImageSize(64, 64)], n=1, prices={})
    group = window.batch.start(plan, 2)
    wait_finished(qtbot, group)
    assert server.stats()["generations"] == 1
    assert group.max_in_flight_seen == 1
    assert [item.state for item in group.items] == [ItemState.FAILED] + [ItemState.NOT_SENT] * 2


def test_paid_images_the_library_could_not_keep_stop_the_group_and_get_a_save_row(
    make_window, qtbot, server, library, monkeypatch
):
    import errno

    window = make_window()
    real = library.add_result
    calls = [0]

    def full_disk_once(*args, **kwargs):
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "add_result", full_disk_once)
    group = plan_and_start(window, qtbot, "one\ntwo\nthree\nfour", concurrency=1)
    wait_finished(qtbot, group)
    # The second reply was paid for but not kept: nothing further is sent (every later item
    # would meet the same disk), and its job gets a row of its own with Save to….
    assert server.stats()["generations"] == 2
    assert [item.state for item in group.items] == [
        ItemState.DONE, ItemState.FAILED, ItemState.NOT_SENT, ItemState.NOT_SENT]
    failed_job = window.jobs.job(group.items[1].job_id)
    assert failed_job is not None and failed_job.has_unsaved_images
    row = window.jobs_panel.row(failed_job.id)
    assert row is not None and not row.save_button.isHidden()
    assert group.stop_reason == StopReason.FAILURE
