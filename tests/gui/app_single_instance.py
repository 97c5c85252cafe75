"""The real app (`desktop_app.app.main`, as `python -m desktop_app` runs it), reporting for
test_single_instance.py: prints "ready" once its window is shown and listening (its socket file
exists), and "activated" each time something raises and activates the window (then, with
`--quit-on-raise`, quits)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import app
from desktop_app.settings import Settings
from desktop_app.ui.instance_name import server_name
from desktop_app.ui.main_window import MainWindow


def listening() -> bool:
    """The window listens for later launches once it has painted (`start_or_hand_over`)."""
    name = server_name(Settings.load().library_dir)
    return not os.path.isabs(name) or os.path.exists(name)


def main() -> int:
    quit_on_raise = "--quit-on-raise" in sys.argv[1:]
    qt_app = QApplication(sys.argv[:1])
    activate = MainWindow.activateWindow

    def activated(window: MainWindow) -> None:
        activate(window)
        print("activated", flush=True)
        if quit_on_raise:
            QTimer.singleShot(0, window.close)

    MainWindow.activateWindow = activated  # type: ignore[method-assign]

    def ready() -> None:
        windows = [w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible() or not listening():
            QTimer.singleShot(50, ready)
            return
        print("ready", flush=True)

    QTimer.singleShot(0, ready)
    return app.main([])


if __name__ == "__main__":
    raise SystemExit(main())
