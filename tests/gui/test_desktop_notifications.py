"""Freedesktop notifications over a real private session bus, to a notification server started
by the test (tests/fake_notification_server.py): the Notify call and its arguments, the click
that raises the window, and the fallback when the bus has no notification service."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from desktop_app import APP_ID, APP_NAME
from desktop_app.ui import plain_text
from desktop_app.ui.notifications import Notifier
from tests.conftest import PROJECT_ROOT

HOSTILE = '<img src="file:///dev/zero"><b>bold</b> prompt\nsecond line'


@pytest.fixture
def session_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private session bus; this process's DBUS_SESSION_BUS_ADDRESS points at it."""
    if shutil.which("dbus-daemon") is None:
        if os.environ.get("NSCALE_CI"):
            pytest.fail("dbus-daemon is missing (apt: dbus); CI installs it")
        pytest.skip("needs dbus-daemon (apt: dbus)")
    started = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, check=True, timeout=30,
    )
    address, pid = started.stdout.split()[:2]
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    os.kill(int(pid), signal.SIGTERM)


def start_server(address: str, record: Path, *, click: bool) -> subprocess.Popen[str]:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address,
           "FAKE_NOTIFY_CLICK": "1" if click else "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fake_notification_server", str(record)],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )
    assert server.stdout is not None
    assert server.stdout.readline().strip() == "ready"
    return server


def recorded_calls(record: Path) -> list[dict]:
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text("utf-8").splitlines() if line]


@pytest.fixture
def background_window(qtbot, monkeypatch) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(window, "isActiveWindow", lambda: False)
    return window


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_notify_call_and_a_click_raises_the_window(session_bus, background_window, qtbot,
                                                   tmp_path, monkeypatch):
    record = tmp_path / "calls.jsonl"
    server = start_server(session_bus, record, click=True)
    activated: list[bool] = []
    monkeypatch.setattr(background_window, "activateWindow", lambda: activated.append(True))
    notifier = Notifier(background_window)
    try:
        notifier.notify(APP_NAME, f"A job failed: {HOSTILE}")
        assert notifier.last_method == "dbus"
        qtbot.waitUntil(lambda: len(recorded_calls(record)) == 1, timeout=15000)
        # The server clicked it: ActionInvoked(id, "default") raises and activates the window.
        qtbot.waitUntil(lambda: activated == [True], timeout=15000)
        qtbot.waitUntil(lambda: not notifier._ids, timeout=15000)  # NotificationClosed seen
    finally:
        notifier.close()
        server.terminate()
        server.wait(timeout=10)
    (call,) = recorded_calls(record)
    assert call["signature"] == "susssasa{sv}i"  # replaces_id really is a uint32
    app_name, replaces_id, icon, summary, body, actions, hints, expire = call["args"]
    assert (app_name, replaces_id, summary) == (APP_NAME, 0, APP_NAME)
    assert icon.startswith("file://") and icon.endswith(f"{APP_ID}.svg")
    assert Path(icon.removeprefix("file://")).is_file()
    assert "<" not in body and ">" not in body and "\n" not in body and "bold" in body
    assert len(body) <= plain_text.MAX_NOTIFICATION_CHARS + 1
    assert actions[0] == "default"
    assert dict(hints)["desktop-entry"] == ["s", APP_ID]  # a{sv}: (signature, value)
    assert expire > 0


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_another_apps_click_does_not_raise_the_window(session_bus, background_window, qtbot,
                                                      tmp_path, monkeypatch):
    from jeepney import DBusAddress, new_signal
    from jeepney.io.blocking import open_dbus_connection

    record = tmp_path / "calls.jsonl"
    server = start_server(session_bus, record, click=False)
    activated: list[bool] = []
    monkeypatch.setattr(background_window, "activateWindow", lambda: activated.append(True))
    notifier = Notifier(background_window)
    try:
        notifier.notify(APP_NAME, "2 new images ready.")
        qtbot.waitUntil(lambda: len(notifier._ids) == 1, timeout=15000)
        (ours,) = notifier._ids
        emitter = DBusAddress("/org/freedesktop/Notifications",
                              interface="org.freedesktop.Notifications")
        with open_dbus_connection(bus="SESSION") as other:
            other.send(new_signal(emitter, "ActionInvoked", "us", (ours + 100, "default")))
            other.send(new_signal(emitter, "ActionInvoked", "us", (ours, "default")))
        qtbot.waitUntil(lambda: activated == [True], timeout=15000)
        qtbot.wait(200)
        assert activated == [True]  # only the signal for our id raised it
    finally:
        notifier.close()
        server.terminate()
        server.wait(timeout=10)


def test_a_bus_without_a_notification_service_falls_back(session_bus, background_window,
                                                         qtbot, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    notifier = Notifier(background_window)
    try:
        notifier.notify(APP_NAME, "1 new image ready.")
        assert notifier.last_method == "dbus"
        qtbot.waitUntil(lambda: notifier.last_method == "alert", timeout=15000)
        notifier.notify(APP_NAME, "again")  # the bus had no service: straight to the fallback
        assert notifier.last_method == "alert"
    finally:
        notifier.close()


def test_no_session_bus_uses_the_fallback_at_once(background_window, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    notifier = Notifier(background_window)
    notifier.notify(APP_NAME, "1 new image ready.")
    assert notifier.last_method == "alert"
    notifier.close()
