"""The batch runner against the local server: storage failures stop it, paid images are kept."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from desktop_app import DEFAULT_MODEL, paths
from desktop_app.api.client import NscaleClient
from desktop_app.api.types import ImageSize
from desktop_app.batch import runner as runner_module
from desktop_app.batch.journal import DONE, NOT_SENT, Journal
from desktop_app.batch.plan import PromptRow, build_plan
from desktop_app.batch.runner import BatchRunner
from desktop_app.generation import ResultNotSavedError, decode_result
from desktop_app.library import Library
from desktop_app.library.storage_errors import StorageError, StorageProblem


def run_two_items(server, tmp_path, name: str, export_to: Path | None = None):
    plan = build_plan([PromptRow(1, "a"), PromptRow(2, "b")], models=[DEFAULT_MODEL],
                      sizes=[ImageSize(64, 64)], n=2, prices={})
    journal = Journal.load(name, plan.requests, resume=False)
    journal.start()
    library = Library.open(tmp_path / "lib")
    try:
        report = BatchRunner(
            plan, journal, library, lambda: NscaleClient(server.base_url, server.token),
            concurrency=1, export_to=export_to,
        ).run()
    finally:
        library.close()
    return report


@pytest.mark.parametrize("with_out", [False, True])
def test_paid_images_the_library_could_not_keep_are_written_elsewhere(
    server, tmp_path, monkeypatch, with_out
):
    def generate_but_fail_to_keep(client, library, request, **kwargs):
        result = decode_result(client.generate(request))
        raise ResultNotSavedError(result, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(runner_module, "generate_and_keep", generate_but_fail_to_keep)
    out = tmp_path / "out" if with_out else None
    report = run_two_items(server, tmp_path, f"unsaved-{with_out}", out)
    first = report.outcomes[0]
    assert first.status == DONE and len(first.paths) == 2
    expected = out if out is not None else paths.unsaved_images_dir() / f"unsaved-{with_out}"
    assert all(Path(p).is_file() and Path(p).parent == expected for p in first.paths)
    assert "could not be saved in the library" in (first.message or "")
    assert report.stopped_by == "storage"
    assert report.outcomes[1].status == "skipped"  # a full disk stops the batch
    assert server.stats()["generations"] == 1
    assert Journal.load(f"unsaved-{with_out}", 2, resume=True).records[0].paths == first.paths


def test_a_library_without_room_stops_the_batch_before_anything_is_sent(
    server, tmp_path, monkeypatch
):
    def no_room(self, needed):
        raise StorageError(StorageProblem.NO_SPACE, tmp_path)

    monkeypatch.setattr(Library, "check_room_for", no_room)
    report = run_two_items(server, tmp_path, "no-room")
    assert [o.status for o in report.outcomes] == [NOT_SENT, "skipped"]
    assert report.stopped_by == "storage"
    assert server.stats()["generations"] == 0
