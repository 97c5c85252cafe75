"""Desktop notifications for jobs that finish while the window is in the background.

Owns choosing the mechanism and never failing when none is available. It shows nothing while the
window is active: the user already sees the result. In order of preference:

1. Linux with a session bus: the freedesktop notification service
   (`org.freedesktop.Notifications.Notify`) with the app's icon and desktop entry, and a
   "default" action; clicking the notification (`ActionInvoked`) raises the window.
2. A tray balloon (`QSystemTrayIcon.showMessage`), only where a system tray exists.
3. `QApplication.alert`: the taskbar entry asks for attention.

The D-Bus call is made with `jeepney` (pure Python, already a dependency of `keyring` on Linux)
on a worker thread of its own: PySide6's QtDBus cannot marshal a `uint32` argument, and Notify's
`replaces_id` is one (servers that check signatures, GNOME Shell among them, reject an int32).
Signals from the server arrive on jeepney's receiver thread and reach the GUI thread as queued Qt
signals. When the service is missing or fails, the notification falls back to (2) or (3).

Every title and body goes through `notification_text`: prompts and server messages are
untrusted, and a server may render a markup subset.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib import resources
from queue import Queue
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from desktop_app import APP_ID, APP_NAME
from desktop_app.threads import SHUTDOWN_WAIT_MS, worker_thread
from desktop_app.ui.plain_text import notification_text

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
DEFAULT_ACTION = "default"
EXPIRE_MS = 8000
REPLY_TIMEOUT_S = 5.0


def session_bus_available() -> bool:
    """True on Linux/BSD when a session bus address is set and not `disabled:`."""
    if sys.platform.startswith(("win", "darwin")):
        return False
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    return bool(address) and not address.startswith("disabled:")


def notification_icon() -> str:
    """`app_icon` for Notify: the bundled SVG as a file URI, else the icon theme name."""
    path = resources.files("desktop_app.resources") / "app-icon" / f"{APP_ID}.svg"
    try:
        if path.is_file():
            return f"file://{os.fspath(path)}"  # type: ignore[call-overload]
    except (OSError, TypeError):
        pass
    return APP_ID


class _ForwardingQueue(Queue[Any]):
    """What jeepney's receiver thread puts matching signals into: forwards them as a Qt signal."""

    def __init__(self, forward: Any) -> None:
        super().__init__()
        self._forward = forward

    def put_nowait(self, item: Any) -> None:
        self._forward(item)


class FreedesktopSender(QObject):
    """Lives on its own thread: owns the D-Bus connection, sends Notify, relays the signals."""

    sent = Signal(int)  # the server's notification id
    failed = Signal(str, str)  # title, body: the caller shows them another way
    action_invoked = Signal(int, str)  # id, action key
    closed = Signal(int)  # id
    _received = Signal(object)  # a jeepney Message, from the receiver thread to this one

    def __init__(self) -> None:
        super().__init__()
        # Relayed through this object's thread, so `sent` for an id always comes before any
        # signal about it (a server may emit ActionInvoked right after its reply).
        self._received.connect(self._relay, Qt.ConnectionType.QueuedConnection)
        self._connection: Any = None
        self._router: Any = None
        self._filters: list[Any] = []

    def _connect(self) -> Any:
        from jeepney import DBus, MatchRule  # type: ignore[import-untyped]
        from jeepney.io.threading import (  # type: ignore[import-untyped]
            DBusRouter,
            open_dbus_connection,
        )

        connection = open_dbus_connection(bus="SESSION")
        router = DBusRouter(connection)
        queue = _ForwardingQueue(self._received.emit)
        for member in ("ActionInvoked", "NotificationClosed"):
            rule = MatchRule(type="signal", interface=INTERFACE, member=member, path=OBJECT_PATH)
            self._filters.append(router.filter(rule, queue=queue))
            router.send_and_get_reply(DBus().AddMatch(rule), timeout=REPLY_TIMEOUT_S)
        self._connection, self._router = connection, router
        return router

    @Slot(object)
    def _relay(self, message: Any) -> None:
        member = message.header.fields.get(3)  # HeaderFields.member
        body = message.body
        if member == "ActionInvoked" and len(body) >= 2:
            self.action_invoked.emit(int(body[0]), str(body[1]))
        elif member == "NotificationClosed" and body:
            self.closed.emit(int(body[0]))

    @Slot(str, str)
    def send(self, title: str, body: str) -> None:
        from jeepney import DBusAddress, new_method_call
        from jeepney.wrappers import unwrap_msg  # type: ignore[import-untyped]

        try:
            router = self._router or self._connect()
            address = DBusAddress(OBJECT_PATH, bus_name=SERVICE, interface=INTERFACE)
            hints = {"desktop-entry": ("s", APP_ID), "category": ("s", "transfer.complete")}
            call = new_method_call(
                address,
                "Notify",
                "susssasa{sv}i",
                (
                    APP_NAME,
                    0,
                    notification_icon(),
                    title,
                    body,
                    # The default action's label (the click raises the window); translated
                    # here, on this thread: QCoreApplication.translate is thread-safe.
                    [DEFAULT_ACTION, QCoreApplication.translate("notifications", "Show")],
                    hints,
                    EXPIRE_MS,
                ),
            )
            reply = router.send_and_get_reply(call, timeout=REPLY_TIMEOUT_S)
            (notification_id,) = unwrap_msg(reply)
        except Exception as error:  # no service, no bus, a timeout: fall back, never break
            log.info("Desktop notification service unavailable: %s", error)
            self.failed.emit(title, body)
            return
        self.sent.emit(int(notification_id))

    @Slot()
    def stop(self) -> None:
        for handle in self._filters:
            try:
                handle.close()
            except Exception:
                log.debug("Could not remove a D-Bus filter", exc_info=True)
        if self._router is not None:
            self._router.close()
        if self._connection is not None:
            self._connection.close()
        # The filters' queue holds `self._received.emit`: dropped here, on this thread, so no
        # reference cycle is left for the garbage collector to end on an arbitrary thread.
        self._filters.clear()
        self._router = self._connection = None
        QThread.currentThread().quit()  # directly: the GUI thread is waiting for this thread


class Notifier(QObject):
    """Tells the user about background events without stealing focus."""

    _send_requested = Signal(str, str)
    _stop_requested = Signal()

    def __init__(
        self, window: QWidget, app_icon: QIcon | None = None, *, use_dbus: bool | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._icon = app_icon
        self._tray: QSystemTrayIcon | None = None
        self._use_dbus = session_bus_available() if use_dbus is None else use_dbus
        self._sender: FreedesktopSender | None = None
        self._thread: QThread | None = None
        self._ids: set[int] = set()
        # "dbus", "tray", "alert" or "" (nothing shown); tests read it. "dbus" means the call
        # was handed to the sender; a failure there replaces it with the fallback's name.
        self.last_method = ""

    def notify(self, title: str, message: str) -> None:
        if self._window.isActiveWindow():
            self.last_method = ""
            return
        title, message = notification_text(title), notification_text(message)
        if self._use_dbus:
            self._ensure_sender()
            self.last_method = "dbus"
            self._send_requested.emit(title, message)
            return
        self._fallback(title, message)

    def _ensure_sender(self) -> None:
        if self._sender is not None:
            return
        sender = FreedesktopSender()
        thread = worker_thread(sender, "notifications")
        self._send_requested.connect(sender.send)
        self._stop_requested.connect(sender.stop)
        # Slots of this object, so all of them run on the GUI thread in the order they came.
        sender.sent.connect(self._on_sent)
        sender.failed.connect(self._on_dbus_failed)
        sender.action_invoked.connect(self._on_action)
        sender.closed.connect(self._on_closed)
        self._sender, self._thread = sender, thread
        thread.start()

    @Slot(int)
    def _on_sent(self, notification_id: int) -> None:
        self._ids.add(notification_id)

    @Slot(int)
    def _on_closed(self, notification_id: int) -> None:
        self._ids.discard(notification_id)

    @Slot(str, str)
    def _on_dbus_failed(self, title: str, message: str) -> None:
        self._use_dbus = False  # no service on this session: do not ask again
        self._fallback(title, message)

    @Slot(int, str)
    def _on_action(self, notification_id: int, action: str) -> None:
        if notification_id not in self._ids or action not in (DEFAULT_ACTION, "Show"):
            return  # another application's notification, or an action we did not offer
        self.raise_window()

    def raise_window(self) -> None:
        window = self._window
        if window.isMinimized():
            window.showNormal()
        else:
            window.show()
        window.raise_()
        window.activateWindow()

    def _fallback(self, title: str, message: str) -> None:
        try:
            if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
                if self._tray is None:
                    self._tray = QSystemTrayIcon(self._icon or QIcon(), self._window)
                    self._tray.messageClicked.connect(self.raise_window)
                self._tray.show()
                self._tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information,
                                       EXPIRE_MS)
                self.last_method = "tray"
            else:
                QApplication.alert(self._window)
                self.last_method = "alert"
        except Exception:  # a notification is a courtesy; it must never break the app
            log.exception("Could not show a notification")
            self.last_method = ""

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()
        thread = self._thread
        if thread is not None:
            self._stop_requested.emit()  # closes the connection there, then quits the thread
            if not thread.wait(SHUTDOWN_WAIT_MS):
                log.warning("The notification thread did not stop")
                return  # keep the references: destroying a running thread aborts
            self._sender = self._thread = None
