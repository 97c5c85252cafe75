"""A second launch on the same library raises the running window and exits 0; a crashed
instance's socket does not stop the next start; another library, and `--smoke-test`, start
normally beside a running window. Real app processes, offscreen, in the test's isolated home."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import APP_ID
from desktop_app.ui.single_instance import server_name
from tests.conftest import PROJECT_ROOT


def app_env(isolated_home: Path) -> dict[str, str]:
    # A short runtime folder, as a real one is (/run/user/N): the socket lives there. (pytest's
    # own temp paths can be too long for a socket path; that fallback has its own test.)
    runtime = Path(tempfile.mkdtemp(prefix="nsrt-"))
    os.chmod(runtime, 0o700)
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(runtime),
            "DBUS_SESSION_BUS_ADDRESS": "disabled:"}


def start_reporting_app(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.app_single_instance", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=PROJECT_ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != "ready":
        process.kill()
        pytest.fail(f"the app did not start: {line!r} {process.stderr.read()}")
    return process


def launch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True,
                          text=True, env=env, timeout=120, cwd=PROJECT_ROOT)


@pytest.fixture
def first(isolated_home) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    env = app_env(isolated_home)
    process = start_reporting_app(env)
    yield process, env
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def test_a_second_launch_raises_the_running_window_and_exits_0(first):
    process, env = first
    second = launch(env)
    assert second.returncode == 0, second.stderr
    assert "already open" in second.stdout
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "activated"
    # And again: the running instance keeps listening.
    assert launch(env).returncode == 0
    assert process.stdout.readline().strip() == "activated"
    process.terminate()
    assert process.wait(timeout=30) == 0


def test_smoke_test_runs_beside_a_running_window(first):
    process, env = first
    result = launch(env, "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "startup_ms=" in result.stdout and "already open" not in result.stdout
    assert process.poll() is None


def test_another_library_opens_its_own_window(first, tmp_path):
    process, env = first
    other_config = tmp_path / "other-config"
    other_config.mkdir()
    env = {**env, "XDG_CONFIG_HOME": str(other_config), "XDG_DATA_HOME": str(tmp_path / "d2")}
    other = start_reporting_app(env, "--quit-on-raise")
    try:
        assert process.poll() is None and other.poll() is None
        assert launch(env).returncode == 0  # raises the second one, not the first
        assert other.wait(timeout=30) == 0
        assert process.poll() is None
    finally:
        if other.poll() is None:
            other.kill()


def test_a_crashed_instances_socket_does_not_block_the_next_start(isolated_home):
    env = app_env(isolated_home)
    crashed = start_reporting_app(env)
    crashed.send_signal(signal.SIGKILL)
    crashed.wait(timeout=30)
    sockets = [path for path in Path(env["XDG_RUNTIME_DIR"]).iterdir()
               if path.name.startswith(APP_ID)]
    assert len(sockets) == 1 and sockets[0].is_socket()  # left behind, nobody listening
    restarted = start_reporting_app(env, "--quit-on-raise")  # "ready": it started
    try:
        assert launch(env).returncode == 0
        assert restarted.wait(timeout=30) == 0
    finally:
        if restarted.poll() is None:
            restarted.kill()


def test_the_name_depends_on_user_and_library_and_stays_private(tmp_path, monkeypatch):
    runtime = Path(tempfile.mkdtemp(prefix="rt", dir="/tmp" if Path("/tmp").is_dir() else None))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    one, same = server_name(tmp_path / "lib"), server_name(tmp_path / "x" / ".." / "lib")
    assert one == same and one.startswith(str(runtime))
    assert server_name(tmp_path / "other") != one
    monkeypatch.setattr("desktop_app.ui.instance_name._user", lambda: "someone-else")
    assert server_name(tmp_path / "lib") != one
    runtime.rmdir()


def test_a_runtime_folder_too_deep_for_a_socket_path_falls_back_to_a_plain_name(
        tmp_path, monkeypatch):
    # Before: the socket path passed sockaddr_un's 108 bytes, listening failed, and every
    # launch opened a second window (seen once pytest's temp folders grew a digit).
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    name = server_name(tmp_path / "lib")
    assert "/" not in name and len(os.fsencode(name)) < 100
    assert name == server_name(tmp_path / "lib")


_FIRST_LAUNCH = """
import os, sys
from PySide6.QtWidgets import QApplication
from desktop_app.ui.instance_name import start_or_hand_over
from desktop_app.settings import Settings
from desktop_app.ui.instance_name import server_name
qt_app = QApplication([])
handed_over, listen = start_or_hand_over(qt_app)
print("handed_over", handed_over, "network_before_paint", "PySide6.QtNetwork" in sys.modules)
server = listen()
name = server_name(Settings.load().library_dir)
print("listening", os.path.exists(name), "network_after", "PySide6.QtNetwork" in sys.modules)
if len(sys.argv) > 1:  # then ask a second, same check: it finds this one and hands over
    import subprocess
    second = subprocess.run([sys.executable, "-c", sys.argv[1]], capture_output=True, text=True,
                            timeout=60)
    print("second", second.stdout.split("\\n")[0])
"""


def test_a_first_launch_loads_no_qtnetwork_before_its_window_paints(isolated_home):
    # No socket file: nobody can be listening, so the connect (and QtNetwork, ~10 ms) waits
    # until the function the window calls after its first paint; a second launch still finds
    # the first once it listens.
    env = app_env(isolated_home)
    first = subprocess.run([sys.executable, "-c", _FIRST_LAUNCH, _FIRST_LAUNCH],
                           capture_output=True, text=True, env=env, timeout=120, cwd=PROJECT_ROOT)
    lines = first.stdout.splitlines()
    assert lines[0] == "handed_over False network_before_paint False", first.stderr
    assert lines[1] == "listening True network_after True"
    assert lines[2] == "second handed_over True network_before_paint True"
