"""Desktop notifications for jobs that finish while the window is in the background.

Owns choosing the mechanism (a tray balloon via `QSystemTrayIcon.showMessage` when a system tray
exists, else `QApplication.alert` to flash the taskbar entry) and never failing when neither is
available. It shows nothing while the window is active: the user already sees the result.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from desktop_app.ui.plain_text import notification_text

log = logging.getLogger(__name__)


class Notifier:
    """Tells the user about background events without stealing focus."""

    def __init__(self, window: QWidget, app_icon: QIcon | None = None) -> None:
        self._window = window
        self._icon = app_icon
        self._tray: QSystemTrayIcon | None = None
        self.last_method = ""  # "tray", "alert" or "" (nothing shown); tests read it

    def notify(self, title: str, message: str) -> None:
        if self._window.isActiveWindow():
            self.last_method = ""
            return
        try:
            if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
                if self._tray is None:
                    self._tray = QSystemTrayIcon(self._icon or QIcon(), self._window)
                self._tray.show()
                # The message may quote a server or a prompt: never markup, one short line.
                self._tray.showMessage(notification_text(title), notification_text(message),
                                       QSystemTrayIcon.MessageIcon.Information, 8000)
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
