"""Fixtures for the window tests: a real library in the test's home, a window on the local server.

The window talks to the session's local Nscale-compatible server over real HTTP. Error tests use
a client with a single attempt so one queued fault maps to one failure; everything else uses the
app's own client factory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app import gui_gc
from desktop_app.api.client import NscaleClient
from desktop_app.library import Library
from desktop_app.secrets import TokenStore
from desktop_app.settings import Settings
from desktop_app.ui.main_window import MainWindow, default_client_factory

# The offscreen platform cannot resize windows to their size hints and says so on every top-level
# window; that is a property of the test platform, not a problem of the app.
SERVER_TOKEN = "<the local server's token>"  # a marker, not a token
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def single_attempt_client(base_url: str, token: str | None, read_timeout: float) -> Any:
    return NscaleClient(base_url, token, read_timeout=read_timeout, max_attempts=1)


@pytest.fixture(scope="session", autouse=True)
def english_catalogue(qapp: Any) -> Iterator[None]:
    """As the app does at start (ui/i18n.py): English plural forms ("1 image", "2 images")."""
    from desktop_app.ui.i18n import install_translations

    translators = install_translations(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def garbage_collected_on_the_gui_thread(qapp: Any) -> Iterator[None]:
    """As in the app (desktop_app.gui_gc): cycles are collected only on the GUI thread."""
    collector = gui_gc.install(qapp)
    yield
    collector.collect_due()  # also between tests that never run the event loop


@pytest.fixture(autouse=True)
def quit_without_a_modal_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a window with jobs still running answers "Quit anyway" instead of asking.

    pytest-qt closes every window at teardown; a test that ends while a job it started is still
    running (likely on a loaded machine) would otherwise sit in the modal question forever.
    Tests of the question replace `ask_quit_with_jobs` on their window.
    """
    monkeypatch.setattr(MainWindow, "ask_quit_with_jobs", lambda _self, _unfinished: True)


@pytest.fixture
def library(isolated_home: Path) -> Iterator[Library]:
    library = Library.open(isolated_home / "library")
    yield library
    library.close()


@pytest.fixture
def make_window(qtbot, server, library, monkeypatch) -> Callable[..., MainWindow]:
    """Build a shown main window pointed at the local server (token in the environment)."""

    def make(
        *,
        token: str | None = SERVER_TOKEN,
        base_url: str | None = None,
        max_running: int = 2,
        client_factory: Callable[..., Any] = default_client_factory,
        read_timeout: float = 30.0,
    ) -> MainWindow:
        if token == SERVER_TOKEN:
            token = server.token
        if token:
            monkeypatch.setenv("NSCALE_SERVICE_TOKEN", token)
        else:
            monkeypatch.delenv("NSCALE_SERVICE_TOKEN", raising=False)
        settings = Settings.load()
        settings.base_url = base_url or server.base_url
        settings.read_timeout = read_timeout
        settings.library_dir = library.root
        window = MainWindow(
            settings,
            TokenStore(),
            library,
            client_factory=client_factory,
            max_running=max_running,
            reconcile_at_start=False,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(
            lambda: window.model_catalog.token_status is not None
            and not window.gallery_model.is_loading
        )
        # The first model refresh must be over before a test queues faults for its requests.
        qtbot.waitUntil(lambda: window.model_catalog.refreshes_running == 0, timeout=10000)
        return window

    return make
