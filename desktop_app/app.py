"""Builds the QApplication, wires the objects together and runs the event loop.

Placeholder until the window issue lands: it opens an empty main window and supports
`--smoke-test` (print start-up time once the window has been painted, then exit 0).
"""

from __future__ import annotations

import time

_PROCESS_START = time.perf_counter()

import argparse  # noqa: E402
import sys  # noqa: E402

from desktop_app import APP_ID, APP_NAME, __version__  # noqa: E402


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=APP_ID, description=APP_NAME)
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window, wait until it is painted, print startup_ms=N and exit 0",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = QMainWindow()
    window.setWindowTitle(APP_NAME)
    window.setCentralWidget(QLabel(APP_NAME))
    window.resize(900, 600)
    window.show()
    if args.smoke_test:
        def report() -> None:
            elapsed_ms = (time.perf_counter() - _PROCESS_START) * 1000
            print(f"startup_ms={elapsed_ms:.0f}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)
    return app.exec()
