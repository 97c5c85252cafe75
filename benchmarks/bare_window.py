"""The start-up baseline: a bare PySide6 window, timed the way `desktop_app.app` times itself.

Like `desktop_app/app.py`, the clock starts when this module begins executing (the interpreter's
own start-up is outside both figures), a `QApplication` and a `QMainWindow` of the same size are
built and shown, and `startup_ms=N` is printed once the window's first paint has been done (a
zero-delay timer queued from the first paint event of the window, so the whole first frame,
children included, is finished). With `--timer` it instead reports from a zero-delay timer
queued right after `show()`, which is what `desktop_app/app.py`'s placeholder did (it fires about
a millisecond before the first paint). It must stay as bare as possible: no
project imports, nothing the app does not also have to do.
"""

from __future__ import annotations

import time

_PROCESS_START = time.perf_counter()

import sys  # noqa: E402


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
        print(f"startup_ms={(time.perf_counter() - _PROCESS_START) * 1000:.0f}", flush=True)
        app.quit()

    window = QMainWindow()
    window.setWindowTitle("bare")
    window.setCentralWidget(QLabel("bare"))
    window.resize(900, 600)
    first_paint = FirstPaint()
    if "--timer" in sys.argv[1:]:
        window.show()
        QTimer.singleShot(0, report)
    else:
        window.installEventFilter(first_paint)
        window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
