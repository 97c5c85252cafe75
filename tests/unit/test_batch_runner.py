"""The batch runner against the local server: a reply the library could not keep is not lost."""

from __future__ import annotations

from pathlib import Path

from desktop_app import DEFAULT_MODEL
from desktop_app.api.client import NscaleClient
from desktop_app.api.types import ImageSize
from desktop_app.batch import runner as runner_module
from desktop_app.batch.journal import DONE, Journal
from desktop_app.batch.plan import PromptRow, build_plan
from desktop_app.batch.runner import BatchRunner, unsaved_dir
from desktop_app.library import Library


class NotKept(Exception):
    """Stands for the generation sequence's 'reply arrived but the library could not save it'."""

    def __init__(self, result: object) -> None:
        super().__init__("disk full")
        self.result = result


def test_paid_images_the_library_could_not_keep_are_written_elsewhere(server, tmp_path,
                                                                      monkeypatch):
    def generate_but_fail_to_keep(client, library, request, **kwargs):
        raise NotKept(client.generate(request))

    monkeypatch.setattr(runner_module, "generate_and_keep", generate_but_fail_to_keep)
    plan = build_plan([PromptRow(1, "a"), PromptRow(2, "b")], models=[DEFAULT_MODEL],
                      sizes=[ImageSize(64, 64)], n=2, prices={})
    journal = Journal.load("unsaved", plan.requests, resume=False)
    journal.start()
    library = Library.open(tmp_path / "lib")
    try:
        report = BatchRunner(
            plan, journal, library,
            lambda: NscaleClient(server.base_url, server.token),
            concurrency=1,
        ).run()
    finally:
        library.close()
    first = report.outcomes[0]
    assert first.status == DONE and len(first.paths) == 2
    assert all(Path(p).is_file() and Path(p).parent.parent == unsaved_dir() for p in first.paths)
    assert "could not keep" in (first.message or "")
    assert report.stopped_by == "unexpected"
    assert report.outcomes[1].status == "skipped"  # a full disk stops the batch
    assert server.stats()["generations"] == 1
    assert Journal.load("unsaved", 2, resume=True).records[0].paths == first.paths
