"""A Ctrl+C that lands while the batch runner is still starting its workers stops the batch cleanly.

`Thread.start()` waits for the new thread to begin; under load the first worker is already
sending by then. The interrupt must be handled like any other first Ctrl+C (stop sending, keep
what is in flight), not escape `run()` and abandon paid replies (the CLI then said only
"interrupted").
"""

from __future__ import annotations

import threading

import pytest

from desktop_app import DEFAULT_MODEL
from desktop_app.api.client import NscaleClient
from desktop_app.api.types import ImageSize
from desktop_app.batch import runner as runner_module
from desktop_app.batch.journal import Journal
from desktop_app.batch.plan import PromptRow, build_plan
from desktop_app.batch.runner import BatchRunner
from desktop_app.library import Library

ITEMS = 6


def test_ctrl_c_while_a_worker_is_being_started_keeps_what_was_sent(
    server, tmp_path, monkeypatch
):
    runner: BatchRunner | None = None
    starts = 0

    class InterruptedStart(threading.Thread):
        def start(self) -> None:
            nonlocal starts
            starts += 1
            super().start()
            if starts == 2:
                # The signal arrives as the second worker's start returns, both already sending.
                for _ in range(2000):
                    if runner is not None and runner.report.requests_sent >= 2:
                        break
                    threading.Event().wait(0.005)
                raise KeyboardInterrupt

    monkeypatch.setattr(runner_module.threading, "Thread", InterruptedStart)
    server.add_faults(*({"kind": "slow", "seconds": 0.3} for _ in range(2)))
    plan = build_plan([PromptRow(i + 1, f"p{i}") for i in range(ITEMS)], models=[DEFAULT_MODEL],
                      sizes=[ImageSize(64, 64)], n=1, prices={})
    journal = Journal.load("interrupted-start", plan.requests, resume=False)
    journal.start()
    notes: list[str] = []
    library = Library.open(tmp_path / "lib")
    try:
        runner = BatchRunner(
            plan, journal, library, lambda: NscaleClient(server.base_url, server.token),
            concurrency=2, on_interrupt=lambda: notes.append("again"),
        )
        try:
            report = runner.run()
        except KeyboardInterrupt:
            pytest.fail("the Ctrl+C escaped BatchRunner.run(): in-flight replies abandoned")
    finally:
        library.close()
    assert report.interrupted and notes == ["again"]
    sent = server.stats()["generations"]
    assert report.requests_sent == sent < ITEMS
    assert report.count("done") == sent
    assert report.count("skipped") == ITEMS - sent
