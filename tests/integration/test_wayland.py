"""The real window on a real Wayland compositor (weston's headless backend) through Qt's native
wayland platform: the smoke test and one generation against the local server.

CI installs weston (.ci/run); there a missing weston fails these tests instead of skipping them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.wayland

SOCKET = "wl-test"


@pytest.fixture(scope="module")
def wayland_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A headless weston on a private XDG_RUNTIME_DIR; yields that directory."""
    if shutil.which("weston") is None:
        if os.environ.get("NSCALE_CI"):
            pytest.fail("weston is missing (apt: weston); CI installs it")
        pytest.skip("needs weston (apt: weston)")
    runtime = tmp_path_factory.mktemp("wl-run")
    runtime.chmod(0o700)
    log_file = runtime / "weston.log"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    with open(log_file, "w") as log:
        compositor = subprocess.Popen(
            ["weston", "--backend=headless-backend.so", f"--socket={SOCKET}", "--idle-time=0"],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while not (runtime / SOCKET).exists():
        if compositor.poll() is not None or time.monotonic() > deadline:
            compositor.kill()
            pytest.fail(f"weston did not start: {log_file.read_text(errors='replace')}")
        time.sleep(0.05)
    yield runtime
    compositor.terminate()
    try:
        compositor.wait(timeout=10)
    except subprocess.TimeoutExpired:
        compositor.kill()


def wayland_env(runtime: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),
        "WAYLAND_DISPLAY": SOCKET,
        "QT_QPA_PLATFORM": "wayland",
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",
    }
    env.pop("DISPLAY", None)  # no X fallback: the wayland plugin or nothing
    return env


def test_smoke_test_on_native_wayland(wayland_runtime):
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--smoke-test"],
        capture_output=True, text=True, env=wayland_env(wayland_runtime), timeout=120,
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stderr
    figures = dict(line.split("=", 1) for line in result.stdout.split() if "=" in line)
    assert int(figures["startup_ms"]) > 0 and int(figures["library_ready_ms"]) > 0
    assert "Could not load the Qt platform plugin" not in result.stderr
    assert "Failed to create wl_display" not in result.stderr


def test_a_generation_on_native_wayland(wayland_runtime, server):
    env = {
        **wayland_env(wayland_runtime),
        "NSCALE_BASE_URL": server.base_url,
        "NSCALE_SERVICE_TOKEN": server.token,
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.integration.wayland_generation", "a lighthouse on wayland"],
        capture_output=True, text=True, env=env, timeout=120, cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform=wayland state=DONE images=1" in result.stdout, result.stdout + result.stderr
    assert server.stats()["generations"] >= 1
