"""Attacks on the CLI's storage handling that broke: reading usage from a read-only library.

`usage` on a library whose disk went read-only used to say only "Cannot write: it cannot be
opened (a missing folder, permissions, or too many open files)": no file, and a guessed cause.
"""

from __future__ import annotations

import os
import subprocess
import sys

from desktop_app.settings import Settings
from tests.disks import tmpfs

EXIT_STORAGE = 9
NOWHERE = "http://127.0.0.1:9/v1"  # nothing is sent by these commands


def run_cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NSCALE_BASE_URL=NOWHERE, NSCALE_SERVICE_TOKEN="fake-token")
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def test_usage_on_a_read_only_library_names_the_index_and_the_cause():
    library = Settings.load().library_dir
    with tmpfs(library, "3m"):
        assert run_cli(["library", "list"]).returncode == 0  # creates the index
        subprocess.run(["mount", "-o", "remount,ro", str(library)], check=True)
        result = run_cli(["usage"])
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert str(library / "library.sqlite3") in result.stderr
    assert "read-only" in result.stderr
    assert "unexpected" not in result.stderr
