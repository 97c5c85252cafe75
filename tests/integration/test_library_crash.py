"""Crash consistency: a process saving images is killed with SIGKILL at random moments.

Afterwards the library must open, every row must point at a complete file whose bytes match the
index, every complete image file must be indexed after reconcile, and half-written temp files
must never be taken for images.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from desktop_app.library import Library, LibraryQuery
from tests.conftest import PROJECT_ROOT

WRITER = Path(__file__).with_name("library_writer.py")
KILLS = 50

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _start_writer(root: Path, offset: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(root), str(offset)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # blocks until the library is open and the loop begins
    if line.strip() != "ready":
        process.kill()
        pytest.fail(
            f"writer did not start: {line!r} {process.stderr.read() if process.stderr else ''}"
        )
    return process


def test_sigkill_while_saving_never_corrupts_the_library(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    rng = random.Random(20261125)  # reproducible "random moments"
    for round_number in range(KILLS):
        process = _start_writer(root, offset=round_number * 1_000_000)
        # Let it save for a short, random while (mid-file, mid-rename, mid-transaction...).
        deadline = time.monotonic() + rng.uniform(0.0, 0.12)
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.002)
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        process.stderr.close()

    library = Library.open(root)
    try:
        everything = LibraryQuery(include_missing=True)
        ids_before = library.query_ids(everything)
        assert ids_before, "the writers saved nothing: the test proves nothing"
        for entry_id in ids_before:
            assert library.verify(entry_id), f"row {entry_id} points at a bad file"
        report = library.reconcile()
        assert report.marked_missing == 0 and report.failed == ()

        ids = library.query_ids(everything)
        entries = library.get_many(ids)
        assert not any(entry.missing for entry in entries.values())
        assert all(library.verify(entry_id) for entry_id in ids)
        indexed = {entry.path for entry in entries.values()}
        on_disk = {
            path
            for path in library.images_dir.rglob("*")
            if path.is_file() and not path.name.startswith(".")
        }
        assert indexed == on_disk  # every complete file has a row, and no temp file does
        for path in on_disk:
            with Image.open(path) as image:
                image.load()  # complete, decodable
        assert not any(path.name.startswith(".") for path in indexed)
        # Rows recovered by reconcile carry the same metadata as ones saved normally.
        for entry in entries.values():
            assert entry.prompt.startswith("crash test ") and entry.job_id
    finally:
        library.close()
