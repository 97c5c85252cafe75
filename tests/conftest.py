"""Fixtures shared by every test: an isolated home and a real local Nscale-compatible server.

Every test runs with all XDG folders pointed at its own temporary directory, no service token in
the environment and the `fail` keyring backend unless it asks for another, so nothing a test does
can touch the developer's real files, keyring or account. The local server is a real process on
127.0.0.1 that the tests reach over real HTTP.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.errors
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A GUI test must never find the developer's session bus or keyring.
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"

TEST_TOKEN = "test-token-3f9a1c"  # a fake token the local server accepts; never a real one

PROJECT_ROOT = Path(__file__).resolve().parent.parent


# pytest-timeout's limit for tests marked slow (bundle builds take minutes on a loaded machine);
# every other test has the `timeout` of pyproject.toml.
SLOW_TEST_TIMEOUT_S = 1500


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("slow") is not None and item.get_closest_marker(
            "timeout"
        ) is None:
            item.add_marker(pytest.mark.timeout(SLOW_TEST_TIMEOUT_S))


def pytest_runtest_teardown(item: pytest.Item) -> None:
    # Once the GUI tests handed garbage collection to the GUI thread (desktop_app.gui_gc), tests
    # that never run an event loop still get the collections that are due, between tests.
    if not gc.isenabled():
        from desktop_app.gui_gc import collect_due

        collect_due()


@dataclass
class LocalServer:
    """A handle on the local Nscale-compatible server process and its control endpoints."""

    base_url: str  # e.g. http://127.0.0.1:PORT/v1
    token: str
    process: subprocess.Popen[str]

    @property
    def root_url(self) -> str:
        return self.base_url.rsplit("/v1", 1)[0]

    def _control(self, path: str, payload: object | None = None) -> object:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            f"{self.root_url}/_control/{path}",
            data=data,
            method="GET" if data is None else "POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.loads(reply.read() or b"null")

    def add_faults(self, *faults: dict[str, object]) -> None:
        """Queue faults; each later API request consumes the next one."""
        self._control("faults", {"faults": list(faults)})

    def reset(self) -> None:
        self._control("reset", {})

    def stats(self) -> dict[str, object]:
        result = self._control("stats")
        assert isinstance(result, dict)
        return result


def start_local_server(token: str = TEST_TOKEN, *extra_args: str) -> LocalServer:
    command = [sys.executable, "-m", "desktop_app.devserver", "--port", "0", "--token", token]
    process = subprocess.Popen(
        [*command, *extra_args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=PROJECT_ROOT,
    )
    assert process.stdout is not None
    first_line = process.stdout.readline().strip()
    if not first_line.startswith("http://127.0.0.1:"):
        process.kill()
        raise RuntimeError(f"local server did not start: {first_line!r}")
    return LocalServer(base_url=first_line, token=token, process=process)


@pytest.fixture(scope="session")
def local_server_process() -> Iterator[LocalServer]:
    server = start_local_server()
    yield server
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture
def server(local_server_process: LocalServer) -> Iterator[LocalServer]:
    """The shared local server, with no queued faults and zeroed counters."""
    local_server_process.reset()
    yield local_server_process
    local_server_process.reset()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("NSCALE_SERVICE_TOKEN", raising=False)
    monkeypatch.delenv("NSCALE_API_KEY", raising=False)
    monkeypatch.delenv("NSCALE_BASE_URL", raising=False)
    # Unless a test installs another, the keyring is the "no keyring" backend.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    previous_keyring = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield home
    keyring.set_keyring(previous_keyring)


@dataclass
class SecretServiceSession:
    """A private D-Bus session bus with an unlocked gnome-keyring Secret Service on it."""

    bus_address: str
    home: Path

    def environment(self) -> dict[str, str]:
        """Variables a subprocess needs to use this Secret Service through keyring."""
        return {
            "DBUS_SESSION_BUS_ADDRESS": self.bus_address,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        }


@contextlib.contextmanager
def running_secret_service(home: Path) -> Iterator[SecretServiceSession]:
    """Start a private session bus and an unlocked gnome-keyring on it; stop both afterwards."""
    import shutil

    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("needs dbus-daemon and gnome-keyring-daemon (apt: dbus gnome-keyring)")
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_RUNTIME_DIR": str(runtime),
        "DISPLAY": "",
    }
    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, env=env, check=True, timeout=30,
    )
    address, pid = bus.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input="test-keyring-password", capture_output=True, text=True, env=env,
            check=True, timeout=30,
        )
        yield SecretServiceSession(bus_address=address, home=home)
    finally:
        # gnome-keyring-daemon leaves when its session bus goes away.
        os.kill(int(pid), 15)


@pytest.fixture(scope="session")
def secret_service_session(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[SecretServiceSession]:
    with running_secret_service(tmp_path_factory.mktemp("keyring-home")) as session:
        yield session


@pytest.fixture
def secret_service(
    secret_service_session: SecretServiceSession, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SecretServiceSession]:
    """This process's keyring is the real Secret Service, emptied before and after the test."""
    from keyring.backends import SecretService

    for name, value in secret_service_session.environment().items():
        monkeypatch.setenv(name, value)
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    for _ in range(2):
        try:
            keyring.delete_password("nscale-studio", "service-token")
        except keyring.errors.PasswordDeleteError:
            break
    yield secret_service_session
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password("nscale-studio", "service-token")
