"""A hung test never holds the suite for long: pytest-timeout, configured with its thread method.

The thread method dumps every thread's stack and ends the run even when the main thread is stuck
in C++ (a deadlock, a modal event loop), where a signal-based timeout would never fire.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, SLOW_TEST_TIMEOUT_S


def test_every_test_has_a_bounded_timeout(request: pytest.FixtureRequest) -> None:
    assert request.config.pluginmanager.hasplugin("timeout"), "pytest-timeout is not installed"
    assert 0 < float(request.config.getini("timeout")) <= 600
    assert request.config.getini("timeout_method") == "thread"
    assert 0 < SLOW_TEST_TIMEOUT_S <= 1800


def test_a_test_stuck_in_a_blocking_call_ends_the_run_with_its_stack(tmp_path: Path) -> None:
    (tmp_path / "test_stuck.py").write_text(textwrap.dedent("""
        import threading

        def test_stuck():
            lock = threading.Lock()
            lock.acquire()
            lock.acquire()  # never returns
    """))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly",
         # The project's configuration (its timeout method), with a short limit.
         "-c", str(PROJECT_ROOT / "pyproject.toml"), "-o", "timeout=2",
         "--rootdir", str(tmp_path), str(tmp_path / "test_stuck.py")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Timeout" in output and "test_stuck" in output
