"""The start-up baseline: a bare PySide6 window, timed the way `desktop_app.app` times itself.

Like `desktop_app/app.py`, the clock is the time since the OS started the process (Linux:
/proc/self/stat, so the interpreter's own start-up counts; elsewhere since this module began), a
`QApplication` and a `QMainWindow` of the same size are built and shown, and `startup_ms=N` is
printed from a zero-delay timer queued by the first Paint event of the central widget, i.e. once
the first frame is done. With `--timer` it instead reports from a zero-delay timer queued right
after `show()`, which is what the app's first placeholder did (about a millisecond before the
first paint). It must stay as bare as possible: no
project imports, nothing the app does not also have to do.
"""

from __future__ import annotations

import time

_PROCESS_START = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402


def seconds_since_process_start() -> float:
    """The same clock as `desktop_app.app.seconds_since_process_start`, copied to stay bare."""
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
            elapsed = time.clock_gettime(time.CLOCK_BOOTTIME) - started
            if 0 <= elapsed < 3600:
                return elapsed
        except (OSError, ValueError, IndexError):
            pass
    return time.perf_counter() - _PROCESS_START


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        print(f"startup_ms={seconds_since_process_start() * 1000:.0f}", flush=True)
        app.quit()

    window = QMainWindow()
    window.setWindowTitle("bare")
    central = QLabel("bare")
    window.setCentralWidget(central)
    window.resize(900, 600)
    first_paint = FirstPaint()
    if "--timer" in sys.argv[1:]:
        window.show()
        QTimer.singleShot(0, report)
    else:
        central.installEventFilter(first_paint)
        window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
