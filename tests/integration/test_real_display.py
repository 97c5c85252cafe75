"""The real window on a real X server (Xvfb) through Qt's xcb platform, as a user would start it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.xvfb


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("needs Xvfb (apt: xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        number = reader.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not report a display number")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def run_app(display: str, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )


def test_window_opens_and_paints_on_a_real_x_server(x_display):
    result = run_app(x_display, "--smoke-test")
    assert result.returncode == 0, result.stderr
    figures = dict(line.split("=", 1) for line in result.stdout.split() if "=" in line)
    assert int(figures["startup_ms"]) > 0
    assert "Could not load the Qt platform plugin" not in result.stderr
