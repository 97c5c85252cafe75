"""`Library.data_version()` changes with every commit, this process's or another's (issue 14)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop_app.library import Library
from tests.library_helpers import make_result

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_data_version_follows_own_and_other_processes_commits(tmp_path):
    with Library.open(tmp_path / "lib") as library:
        start = library.data_version()
        assert library.data_version() == start  # nothing changed: the same value
        library.add_result(make_result(seed=1))
        after_own = library.data_version()
        assert after_own != start
        script = ("from pathlib import Path; from desktop_app.library import Library; "
                  "from tests.library_helpers import make_result; "
                  f"lib = Library.open(Path({str(library.root)!r})); "
                  "lib.add_result(make_result(seed=2)); lib.close()")
        subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, check=True, timeout=60)
        assert library.data_version() != after_own


def test_data_version_after_close_raises_instead_of_reopening(tmp_path):
    import sqlite3

    import pytest

    library = Library.open(tmp_path / "lib")
    library.close()
    with pytest.raises(sqlite3.ProgrammingError):
        library.data_version()
