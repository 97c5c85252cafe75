"""A prompt file that is not a regular, reasonably small file is refused at once, never read.

Before: `batch FIFO` blocked forever waiting for a writer and `batch /dev/zero` read until memory
ran out. Each case runs on a daemon thread with a deadline, so a regression fails instead of
hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop_app.batch.plan import MAX_PROMPT_FILE_BYTES, PlanError, read_rows


def _refusal(path: Path) -> str:
    outcome: list[BaseException | object] = []

    def read() -> None:
        try:
            outcome.append(read_rows(path))
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    assert outcome, f"reading {path} did not return within 10 s"
    error = outcome[0]
    assert isinstance(error, PlanError), error
    return str(error)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "prompts.txt"
    os.mkfifo(fifo)
    assert "named pipe" in _refusal(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused() -> None:
    assert "device" in _refusal(Path("/dev/zero"))


def test_a_folder_a_missing_file_and_a_huge_file_are_refused(tmp_path: Path) -> None:
    assert "folder" in _refusal(tmp_path)
    assert "no such file" in _refusal(tmp_path / "missing.txt")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(MAX_PROMPT_FILE_BYTES + 1)
    assert "larger than" in _refusal(huge)


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("a lighthouse\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    rows, data = read_rows(link)
    assert [row.prompt for row in rows] == ["a lighthouse"]
    assert data == b"a lighthouse\n"


def test_the_dry_run_summary_says_one_request_not_one_requests(tmp_path: Path) -> None:
    prompts = tmp_path / "one.txt"
    prompts.write_text("a lighthouse\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "batch", str(prompts), "--dry-run"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "1 request, 1 image," in done.stdout
