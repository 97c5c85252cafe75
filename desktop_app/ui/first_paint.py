"""Call back once after a widget's first paint: the one "after the window is on screen" hook.

Used by the window (to start the keyring, models, prices and reconcile after the first paint) and
by `app.py --smoke-test` (to measure start-up). The callback runs from a zero-delay timer queued
by the first Paint event, so it runs after that paint (and its flush to screen) completes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaintFilter(QObject):
    def __init__(self, callback: Callable[[], None], parent: QObject | None) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None],
                      parent: QObject | None = None) -> QObject:
    """Install the watcher on `widget`; keep the returned object alive (or give a `parent`)."""
    watcher = _FirstPaintFilter(callback, parent)
    widget.installEventFilter(watcher)
    return watcher
