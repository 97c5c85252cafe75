"""Builds the QApplication, wires the objects together and runs the event loop.

Owns start-up (arguments, logging, the excepthook, settings, token store, library, main window)
and `--smoke-test`: open the real window, wait until it has been painted, print
`startup_ms=<ms since the process started>`, open the library and its grid (which the window
otherwise does right after its first paint), print `library_ready_ms=<ms>` and exit 0.
Start-up stays lean: heavy modules (keyring, requests, the API client, Pillow and the library,
usage, the viewer, the dialogs) are imported only when first needed, and opening the library,
the keyring probe, the model refresh and the reconcile wait until after the first paint (the
window starts them from a zero-delay timer).

Language: the window's language is chosen and its translations installed right after the
QApplication exists (`desktop_app.ui.i18n`); messages printed to the terminal stay English.

Single instance: a launch (other than `--smoke-test`) on a library that a running instance
already has open raises that window and exits 0 (`desktop_app.ui.instance_name`,
`desktop_app.ui.single_instance`).

Quitting: SIGINT (Ctrl+C in the window's terminal) and SIGTERM ask the Qt loop for a normal quit
(`install_quit_on_signals`); on the way out the window cancels its work and waits a bounded time,
and a worker still stuck after that ends the process with the loop's exit code instead of being
destroyed while it runs (`threads.end_process_if_threads_linger`).
"""

from __future__ import annotations

import time

# Fallback clock for start-up time where the process start cannot be read from the OS.
_MODULE_START = time.perf_counter()

import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from types import TracebackType  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from desktop_app import APP_ID, APP_NAME, __version__  # noqa: E402

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from desktop_app.library import Library
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# The wakeup channel's two ends and its notifier: kept alive as long as the handlers are.
_signal_wakeup: tuple[Any, Any, QObject] | None = None


@dataclass(frozen=True)
class Options:
    smoke_test: bool = False


def _parse_args(argv: list[str]) -> Options:
    if all(arg == "--smoke-test" for arg in argv):  # the usual start: argparse costs ~3 ms
        return Options(smoke_test=bool(argv))
    import argparse

    parser = argparse.ArgumentParser(prog=APP_ID, description=APP_NAME)
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window, wait until it is painted, print startup_ms=N and exit 0",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return Options(smoke_test=parser.parse_args(argv).smoke_test)


def seconds_since_process_start() -> float:
    """Time since the OS started this process (Linux: /proc), else since this module loaded.

    On Linux the start time is field 22 of /proc/self/stat in clock ticks since boot; comparing it
    with CLOCK_BOOTTIME counts the interpreter's own start-up too (10 ms resolution).
    """
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            started_ticks = int(fields[19])  # field 22 overall; 20th after "pid (comm)"
            elapsed = time.clock_gettime(time.CLOCK_BOOTTIME) - started_ticks / os.sysconf(
                "SC_CLK_TCK"
            )
            if 0 <= elapsed < 3600:
                return elapsed
        except (OSError, ValueError, IndexError, AttributeError):
            pass
    return time.perf_counter() - _MODULE_START


def install_excepthook(window_getter: object) -> None:
    """Log unexpected exceptions (e.g. in a slot) and show a calm line instead of dying."""

    def hook(
        kind: type[BaseException], error: BaseException, traceback: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, traceback)
            return
        log.error("Unexpected error", exc_info=(kind, error, traceback))
        window = window_getter() if callable(window_getter) else None
        if window is not None:
            try:
                window.show_unexpected_error(kind.__name__)
            except Exception:
                log.exception("Could not show the error")

    sys.excepthook = hook


def install_quit_on_signals(app: QApplication, request_quit: Callable[[], None]) -> None:
    """Make SIGINT and SIGTERM call `request_quit` on the GUI thread, from the Qt loop.

    Python runs its signal handlers only between bytecodes, and an idle Qt loop runs none, so by
    itself Ctrl+C would wait until something else woke Python. Instead, the C-level handler writes
    the signal number to a pipe (a socket pair on Windows, where the wakeup needs a socket)
    (`signal.set_wakeup_fd`), which wakes a QSocketNotifier on the loop at once; its slot reads
    the byte and asks for the quit.
    """
    global _signal_wakeup
    from PySide6.QtCore import QSocketNotifier

    reader, writer, read = _wakeup_channel()
    try:
        signal.set_wakeup_fd(_fileno(writer), warn_on_full_buffer=False)
    except ValueError:  # not the main thread (an embedding host): leave signals to it
        _close(reader)
        _close(writer)
        return
    for name in ("SIGINT", "SIGTERM"):
        signum = getattr(signal, name, None)
        if signum is not None:
            # A Python-level handler is needed for the wakeup byte; the work is in the slot.
            signal.signal(signum, lambda _signum, _frame: None)
    notifier = QSocketNotifier(_fileno(reader), QSocketNotifier.Type.Read, app)

    def on_wakeup() -> None:
        try:
            received = read(64)
        except OSError:
            return
        if received:
            log.info("Quitting on signal %s", ", ".join(str(number) for number in received))
            request_quit()

    notifier.activated.connect(on_wakeup)
    _signal_wakeup = (reader, writer, notifier)


def _wakeup_channel() -> tuple[Any, Any, Callable[[int], bytes]]:
    """(reader, writer, read) for the signal wakeup, both ends non-blocking: an `os.pipe` where
    the wakeup takes any descriptor (the socket module is not needed at start-up), else a socket
    pair."""
    if sys.platform != "win32":
        reader, writer = os.pipe()
        os.set_blocking(reader, False)
        os.set_blocking(writer, False)
        return reader, writer, lambda size: os.read(reader, size)
    import socket

    reader_socket, writer_socket = socket.socketpair()
    reader_socket.setblocking(False)
    writer_socket.setblocking(False)
    return reader_socket, writer_socket, reader_socket.recv


def _fileno(end: Any) -> int:
    return end if isinstance(end, int) else int(end.fileno())


def _close(end: Any) -> None:
    if isinstance(end, int):
        os.close(end)
    else:
        end.close()


class _EarlyRecords(logging.Handler):
    """Holds what is logged before the first paint; the log file is set up right after it
    (`desktop_app.logs` with `logging.handlers` is ~7 ms of start-up), and gets these first."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold_early_records() -> _EarlyRecords | None:
    """Keep the records logged from now until `start_logging`; None when logging is configured
    already (tests, an embedding host): then records go where it sends them."""
    root = logging.getLogger()
    if root.handlers:
        return None
    holder = _EarlyRecords()
    root.addHandler(holder)
    root.setLevel(logging.INFO)  # setup_logging's level: INFO records are not lost meanwhile
    return holder


def start_logging(holder: _EarlyRecords | None) -> None:
    """Set up the log file (`logs.setup_logging`) and hand it the held records; runs once."""
    from desktop_app.logs import setup_logging

    root = logging.getLogger()
    if holder is not None:
        root.removeHandler(holder)
    setup_logging()
    if holder is not None:
        records, holder.records = holder.records, []
        for record in records:
            root.handle(record)


def build_window() -> MainWindow:
    from desktop_app.ui.pyside_imports import skip_feature_source_scan

    skip_feature_source_scan()  # before the window's modules are imported
    from desktop_app.settings import Settings, use_store
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings_store import QtSettingsStore

    use_store(QtSettingsStore.open)
    settings = Settings.load()
    library_dir = settings.library_dir

    def open_library() -> Library:
        from desktop_app.library import Library

        return Library.open(library_dir)

    # No TokenStore and no library yet: the window makes both right after its first paint.
    return MainWindow(settings, None, open_library)


def freeze_startup_objects() -> None:
    import gc

    gc.freeze()


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    early_records = hold_early_records()
    try:
        return _run(args, early_records)
    finally:
        start_logging(early_records)  # a no-op when the first paint did it


def _run(args: Options, early_records: _EarlyRecords | None) -> int:
    from desktop_app.ui.pyside_imports import skip_feature_source_scan

    skip_feature_source_scan()  # every module imported from here on: no source read
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from desktop_app import gui_gc

    gui_gc.install(app)  # cycles holding Qt objects are never freed on a worker thread
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    # The .desktop file's basename ("nscale-studio"): Wayland and docks match windows by it.
    app.setDesktopFileName(APP_ID)
    from desktop_app.ui.focus_style import install_focus_ring

    install_focus_ring(app)  # Fusion shows no focus on the default button (Generate)
    from desktop_app.ui.i18n import install_app_translations

    install_app_translations(app)  # Settings' language, else the system's; before any widget

    start_listening: Callable[[], Any] | None = None
    if not args.smoke_test:  # the smoke test (tests, benchmarks) runs beside a real window
        from desktop_app.ui.instance_name import start_or_hand_over

        handed_over, start_listening = start_or_hand_over(app)
        if handed_over:
            print(f"{APP_NAME} is already open on this library: its window was raised.")
            return 0

    window_holder: list[MainWindow] = []
    install_excepthook(lambda: window_holder[0] if window_holder else None)
    try:
        window = build_window()
    except Exception as error:
        log.exception("The window could not be built")
        from desktop_app.text_safety import escape_controls

        print(f"{APP_NAME} could not start: {escape_controls(str(error), keep='')}",
              file=sys.stderr)
        if not args.smoke_test:
            # Started from a menu there is no terminal: say it where the user looks.
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QMessageBox

            from desktop_app.ui.plain_text import plain_message_box

            plain_message_box(
                None,
                QMessageBox.Icon.Critical,
                APP_NAME,
                QCoreApplication.translate(
                    "app", "{app} could not start: {reason}\n\nDetails are in the log file."
                ).format(app=APP_NAME, reason=error),
            ).exec()
        return 1
    window_holder.append(window)
    # Dialogs and the viewer inherit the app icon (resources/app-icon/nscale-studio.svg).
    app.setWindowIcon(window.windowIcon())
    app.aboutToQuit.connect(window.shutdown)

    def quit_on_signal() -> None:
        # A normal quit without questions (a signal cannot answer one): keep the window's state,
        # then leave the loop; main() shuts the workers down below.
        window.quit_without_asking()  # app.quit() closes the window, which would ask
        try:
            window.save_state()
        except Exception:
            log.exception("Could not save the window state")
        app.quit()

    install_quit_on_signals(app, quit_on_signal)
    # Everything built during start-up lives as long as the window. Moving it out of the
    # collector's reach keeps full collections short, so they cannot stall scrolling.
    window.background_started.connect(freeze_startup_objects)

    from desktop_app.ui.first_paint import after_first_paint

    central = window.centralWidget()
    assert central is not None  # MainWindow sets its central widget when it is built
    # After the window's own after-first-paint work (which opens the library), not before it.
    log_watcher = after_first_paint(
        central, lambda: QTimer.singleShot(0, lambda: start_logging(early_records)))
    instance_servers: list[Any] = []
    listen_watcher: object | None = None  # held, as the other watchers, until the loop ends
    if start_listening is not None:
        listen_for_launches = start_listening

        def listen() -> None:
            from desktop_app.ui.single_instance import raise_window

            server = listen_for_launches()
            server.raise_requested.connect(lambda: raise_window(window))
            instance_servers.append(server)

        listen_watcher = after_first_paint(central, lambda: QTimer.singleShot(0, listen))
    watcher: object | None = None
    if args.smoke_test:
        def report() -> None:
            print(f"startup_ms={seconds_since_process_start() * 1000:.0f}", flush=True)
            # The library and its grid come right after the first paint; prove they open too.
            window.ensure_library()
            print(f"library_ready_ms={seconds_since_process_start() * 1000:.0f}", flush=True)
            window.close()
            app.quit()

        watcher = after_first_paint(central, report)
    window.show()
    exit_code = 1
    try:
        exit_code = app.exec()
    finally:
        for server in instance_servers:
            server.close()
        window.shutdown()
        window.close_library()
        del watcher, log_watcher, listen_watcher
    from desktop_app.threads import end_process_if_threads_linger

    end_process_if_threads_linger(exit_code)
    return exit_code
