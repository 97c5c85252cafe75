"""A journal that is damaged or cannot be written never leads to a request it cannot account for.

Before: a journal with bytes that are not UTF-8 made `--resume` crash with UnicodeDecodeError; a
torn last line swallowed the next run's first record; a journal that could not be written
mid-batch killed the worker threads with a traceback.
"""

from __future__ import annotations

import json

from desktop_app import DEFAULT_MODEL
from desktop_app.api.client import NscaleClient
from desktop_app.api.types import ImageSize
from desktop_app.batch.journal import DONE, SENT, Journal, JournalError
from desktop_app.batch.plan import PromptRow, build_plan
from desktop_app.batch.runner import BatchRunner
from desktop_app.library import Library


def _plan(count: int):
    rows = [PromptRow(i + 1, f"prompt {i}") for i in range(count)]
    return build_plan(rows, models=[DEFAULT_MODEL], sizes=[ImageSize(64, 64)], n=1, prices={})


def test_bytes_that_are_not_utf8_spoil_only_their_line() -> None:
    journal = Journal.load("damaged", 3, resume=False)
    journal.start()
    journal.record_sent(0)
    journal.record_done(0, ["/a.png"])
    with journal.path.open("ab") as stream:
        stream.write(b'\xff\xfe{"item":1,"state":"sent"}\n')
    resumed = Journal.load("damaged", 3, resume=True)
    assert resumed.state(0) == DONE


def test_a_torn_last_line_does_not_swallow_the_next_record() -> None:
    journal = Journal.load("torn", 3, resume=False)
    journal.start()
    journal.record_sent(0)
    with journal.path.open("ab") as stream:
        stream.write(b'{"item":1,"sta')  # a kill in mid-write
    resumed = Journal.load("torn", 3, resume=True)
    resumed.start()
    resumed.record_sent(2)
    lines = journal.path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1]) == {"item": 2, "state": SENT, "t": json.loads(lines[-1])["t"]}
    again = Journal.load("torn", 3, resume=True)
    assert again.state(2) == SENT
    assert again.runs == 2  # the second run's header was not glued onto the torn line


def test_a_journal_that_cannot_be_written_stops_the_batch_before_the_next_request(
    server, tmp_path, monkeypatch
) -> None:
    plan = _plan(4)
    journal = Journal.load("unwritable", plan.requests, resume=False)
    journal.start()
    real_sent = journal.record_sent
    calls = []

    def record_sent(item: int) -> None:
        calls.append(item)
        if len(calls) > 1:
            raise JournalError("the batch journal cannot be used: No space left on device")
        real_sent(item)

    monkeypatch.setattr(journal, "record_sent", record_sent)
    library = Library.open(tmp_path / "lib")
    try:
        report = BatchRunner(
            plan, journal, library, lambda: NscaleClient(server.base_url, server.token),
            concurrency=1,
        ).run()
    finally:
        library.close()
    assert server.stats()["generations"] == 1  # the one that was journalled, and no other
    assert report.requests_sent == 1
    assert report.journal_problem is not None and "No space left" in report.journal_problem
    assert report.stopped_by == "storage"
    assert report.outcomes[0].status == DONE


def test_a_journal_where_a_file_is_in_the_way_says_so(tmp_path, monkeypatch) -> None:
    from desktop_app import paths

    folder = paths.data_dir() / "batches"
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")
    journal = Journal.load("blocked", 1, resume=False)
    try:
        journal.start()
    except JournalError as error:
        assert "in the way" in str(error)
    else:
        raise AssertionError("start() wrote a journal where a file is in the way")
