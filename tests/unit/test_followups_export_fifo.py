"""`Library.export` never blocks on a FIFO swapped in for an image, and says what it skipped.

It checked `is_file()` and then opened the path: a named pipe put in place between the two
blocked the export (a worker thread, and the window waiting on it) until something wrote to the
pipe. It now reads through `files.read_regular_file` (non-blocking open, checked on the
descriptor), and reports each file it left out with the reason.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from desktop_app.library.store import Library
from tests.library_helpers import make_result

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _unblock(fifo: Path) -> None:
    """Let a reader blocked on `fifo` go (a writer that closes at once gives it EOF)."""
    try:
        descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return  # nobody is reading it
    os.close(descriptor)


def test_a_fifo_swapped_in_after_the_check_does_not_block_the_export(tmp_path, monkeypatch):
    with Library.open(tmp_path / "lib") as library:
        kept, swapped = library.add_result(make_result("two foxes", n=2, seed=50))
        swapped.path.unlink()
        os.mkfifo(swapped.path)
        # The swap lands between any check by name and the open: a check by name sees a file.
        monkeypatch.setattr(Path, "is_file", lambda self: True)
        skipped: list[tuple[Path, str]] = []
        written: list[Path] = []
        worker = threading.Thread(
            target=lambda: written.extend(
                library.export([kept.id, swapped.id], tmp_path / "out", skipped)),
            daemon=True,
        )
        worker.start()
        worker.join(60)
        blocked = worker.is_alive()
        _unblock(swapped.path)
        worker.join(60)
        assert not blocked, "the export blocked on the named pipe"
        assert [path.name for path in written] == [kept.path.name]
        assert skipped == [(swapped.path, "a named pipe, not an image file")]


def test_a_missing_file_is_reported_with_its_reason(tmp_path):
    with Library.open(tmp_path / "lib") as library:
        (gone,) = library.add_result(make_result("a lost owl", seed=51))
        gone.path.unlink()
        skipped: list[tuple[Path, str]] = []
        assert library.export([gone.id], tmp_path / "out", skipped) == []
        assert [path for path, _reason in skipped] == [gone.path]
        assert "vanished" in skipped[0][1]
