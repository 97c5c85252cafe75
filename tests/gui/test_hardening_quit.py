"""Quitting with work in flight: Ctrl+C, SIGTERM and closing the window all exit cleanly.

Each test runs the real app in a subprocess (offscreen, in the test's isolated home, with the
local server's token and URL in the environment, as test_app.py's smoke test does) with a job
whose reply drips one byte a second for an hour (`[fault:drip=1]`). Before the fixes, SIGINT was
ignored and closing the window aborted with "QThread: Destroyed while thread is still running".
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, LocalServer

DRIVER = Path(__file__).with_name("app_with_running_job.py")
DRIP_PROMPT = "a slow reply [fault:drip=1]"
GENEROUS_S = 60  # far less than the hour the dripping reply would take


def start_app(server: LocalServer, *extra: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NSCALE_BASE_URL": server.base_url,
        "NSCALE_SERVICE_TOKEN": server.token,
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    return subprocess.Popen(
        [sys.executable, str(DRIVER), DRIP_PROMPT, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=PROJECT_ROOT,
    )


def wait_until_the_job_runs(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    seen = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == "job running":
                seen.set()

    threading.Thread(target=read, daemon=True).start()
    if not seen.wait(GENEROUS_S):
        process.kill()
        pytest.fail(f"the job never started: {process.communicate()[1]}")


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        _, stderr = process.communicate(timeout=GENEROUS_S)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        pytest.fail(f"the app did not exit: {stderr}")
    return process.returncode, stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_quits_the_window_cleanly_while_a_job_runs(server, signum):
    process = start_app(server)
    wait_until_the_job_runs(process)
    process.send_signal(signum)
    code, stderr = finish(process)
    assert code == 0, stderr
    assert "QThread: Destroyed" not in stderr
    assert "Traceback" not in stderr


def test_closing_the_window_while_a_job_runs_exits_cleanly(server):
    process = start_app(server, "--close")
    wait_until_the_job_runs(process)
    code, stderr = finish(process)
    assert code == 0, stderr
    assert "QThread: Destroyed" not in stderr
    assert "Traceback" not in stderr
