"""Window wiring: NSCALE_BASE_URL, a calm offline start, menus, cost estimate, usage recording,
the viewer stepping onto an unfetched page, and what waits until after the first paint."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from desktop_app.api.errors import ErrorKind
from desktop_app.jobs import JobState
from desktop_app.library import Library
from desktop_app.settings import Settings, effective_base_url
from desktop_app.ui import image_actions
from desktop_app.ui.actions import ActionId
from desktop_app.ui.main_window import MainWindow
from desktop_app.usage import UsageFilter, load_usage
from tests.gui.conftest import single_attempt_client
from tests.gui.test_errors import run_failing_job
from tests.gui.test_generation import generate, wait_final

CLOSED_PORT_URL = "http://127.0.0.1:9/v1"
REFRESH_TOOLTIP = "Refresh the model list from the server"  # the refresh button's own tooltip


# -- the base URL -----------------------------------------------------------------------------


def test_effective_base_url_prefers_the_environment(monkeypatch):
    settings = Settings(base_url="https://saved.example/v1")
    assert effective_base_url(settings) == ("https://saved.example/v1", "settings")
    monkeypatch.setenv("NSCALE_BASE_URL", " http://127.0.0.1:8765/v1 ")
    assert effective_base_url(settings) == ("http://127.0.0.1:8765/v1", "environment")


def test_the_cli_resolves_the_base_url_the_same_way(monkeypatch):
    import argparse

    from desktop_app.cli.common import resolve_base_url

    settings = Settings(base_url="https://saved.example/v1")
    monkeypatch.setenv("NSCALE_BASE_URL", "http://127.0.0.1:8765/v1")
    assert resolve_base_url(argparse.Namespace(base_url=None), settings) == (
        "http://127.0.0.1:8765/v1"
    )
    assert resolve_base_url(argparse.Namespace(base_url="http://x.test/v1"), settings) == (
        "http://x.test/v1"
    )


def test_window_generates_against_the_url_from_the_environment(
    make_window, qtbot, server, monkeypatch
):
    monkeypatch.setenv("NSCALE_BASE_URL", server.base_url)
    # The saved URL points nowhere: only the environment can make this job succeed.
    window = make_window(base_url=CLOSED_PORT_URL)
    job = generate(window, qtbot)
    wait_final(qtbot, job)
    assert job.state == JobState.DONE, job.error_message


def test_settings_dialog_says_the_environment_overrides_the_saved_url(
    make_window, qtbot, server, monkeypatch
):
    monkeypatch.setenv("NSCALE_BASE_URL", server.base_url)
    window = make_window(base_url="https://saved.example/v1")
    dialog = window.dialogs.open_settings()
    assert dialog.general_page.base_url_note.isVisible()
    assert "NSCALE_BASE_URL" in dialog.general_page.base_url_note.text()
    assert server.base_url in dialog.general_page.base_url_note.text()
    assert dialog.general_page.base_url_edit.text() == "https://saved.example/v1"
    dialog.close()


def test_settings_dialog_shows_no_override_note_without_the_variable(make_window):
    window = make_window()
    dialog = window.dialogs.open_settings()
    assert not dialog.general_page.base_url_note.isVisible()
    dialog.close()


# -- a calm offline start ---------------------------------------------------------------------


def test_offline_start_keeps_the_cached_models_without_a_warning_bar(make_window, qtbot):
    cached = ["org/cached-model-a", "org/cached-model-b"]
    settings = Settings.load()
    settings.cached_models = cached
    settings.save()
    window = make_window(base_url=CLOSED_PORT_URL, client_factory=single_attempt_client)
    assert not window.message_bar.isVisible()
    assert window.prompt_panel.models()[:2] == cached
    tooltip = window.prompt_panel.refresh_button.toolTip()
    assert "Last attempt failed" in tooltip and "could not reach" in tooltip.lower()


def test_user_refresh_while_offline_reports_in_place(make_window, qtbot):
    window = make_window(base_url=CLOSED_PORT_URL, client_factory=single_attempt_client)
    with qtbot.waitSignal(window.model_catalog.models_refresh_failed, timeout=10000) as failed:
        window.prompt_panel.refresh_button.click()
    assert failed.args[0].kind == ErrorKind.NETWORK
    assert window.message_bar.isVisible()
    assert "model list could not be loaded" in window.message_bar.text()


def test_unauthorized_at_start_still_shows_the_bar(make_window, qtbot):
    window = make_window(token="not-the-right-token", client_factory=single_attempt_client)
    assert window.message_bar.isVisible()
    assert "model list could not be loaded" in window.message_bar.text()


def test_a_successful_refresh_restores_the_plain_tooltip(make_window, qtbot):
    window = make_window()
    assert window.prompt_panel.refresh_button.toolTip() == REFRESH_TOOLTIP
    assert not window.message_bar.isVisible()


# -- menus ------------------------------------------------------------------------------------


def test_help_menu_opens_the_log_folder(make_window, monkeypatch):
    from desktop_app.logs import log_file

    opened = []
    monkeypatch.setattr(image_actions, "open_folder", opened.append)
    window = make_window()
    window.action_registry[ActionId.LOG_FOLDER].trigger()
    assert opened == [log_file().parent]


def test_about_names_the_app_and_version(make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop_app import __version__

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: shown.append(text))
    window = make_window()
    window.action_registry[ActionId.ABOUT].trigger()
    assert shown and __version__ in shown[0] and window.settings.base_url in shown[0]


def test_tools_menu_opens_the_usage_view(make_window, qtbot):
    window = make_window()
    window.action_registry[ActionId.USAGE].trigger()
    view = window.dialogs.usage.current
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.report() is not None, timeout=10000)
    view.close()


def test_settings_dialog_embeds_the_price_editor_and_saves_user_prices(make_window, qtbot):
    window = make_window()
    model = window.prompt_panel.current_model()
    dialog = window.dialogs.open_settings()
    dialog.prices_page.editor.set_price(model, 0.5)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_settings()
    assert Settings.load().prices[model] == pytest.approx(0.5)
    # The estimate next to Generate now uses the user's price.
    window.prompt_panel.set_values(size="1024x1024", count=2)
    assert window.prompt_panel.cost_estimate() == pytest.approx(2 * 1.048576 * 0.5)


# -- cost estimate ----------------------------------------------------------------------------


def test_cost_estimate_follows_model_size_and_count(make_window, qtbot):
    window = make_window()
    panel = window.prompt_panel
    # Prices arrive after the first paint (cached file, then the server's list).
    qtbot.waitUntil(lambda: panel.cost_label.text() != "")
    panel.set_values(model="black-forest-labs/FLUX.1-schnell", size="1024x1024", count=1)
    one = panel.cost_estimate()
    assert one is not None and one > 0
    assert "estimate" in panel.cost_label.toolTip().lower()
    panel.set_values(count=3)
    assert panel.cost_estimate() == pytest.approx(3 * one)
    panel.set_values(size="512x512")
    assert panel.cost_estimate() == pytest.approx(3 * one / 4)
    assert panel.cost_label.text().startswith("≈ $")
    panel.set_values(model="org/model-without-a-price")
    assert panel.cost_estimate() is None
    assert "price unknown" in panel.cost_label.text()


def test_cached_server_prices_win_over_the_defaults_even_offline(make_window, qtbot):
    from desktop_app.api.types import ModelInfo
    from desktop_app.usage.pricing import save_server_prices

    model = "black-forest-labs/FLUX.1-schnell"
    save_server_prices([ModelInfo(model, price_per_megapixel=0.25)])
    window = make_window(base_url=CLOSED_PORT_URL, client_factory=single_attempt_client)
    panel = window.prompt_panel
    panel.set_values(model=model, size="1000x1000", count=2)
    qtbot.waitUntil(lambda: window.model_catalog.server_prices.get(model) == 0.25)
    assert panel.cost_estimate() == pytest.approx(2 * 1.0 * 0.25)
    assert panel.cost_label.text() == "≈ $0.5000"


# -- usage ------------------------------------------------------------------------------------


def test_success_and_insufficient_credit_are_both_recorded(
    make_window, qtbot, server, library: Library
):
    window = make_window(client_factory=single_attempt_client)
    job = generate(window, qtbot, count=2)
    wait_final(qtbot, job)
    assert job.state == JobState.DONE, job.error_message
    server.add_faults({"status": 429})
    failed_job, _row = run_failing_job(window, qtbot)
    assert failed_job.error_kind == ErrorKind.INSUFFICIENT_CREDIT
    report = load_usage(library.database_path, UsageFilter(), {})
    total = report.total()
    assert total.requests == 2
    cells = report.cells
    assert sum(cell.succeeded for cell in cells) == 1
    assert sum(cell.failures.get("insufficient_credit", 0) for cell in cells) == 1
    assert sum(cell.images for cell in cells) == 2


def test_a_cancelled_job_is_recorded_as_cancelled(make_window, qtbot, server, library: Library):
    window = make_window(client_factory=single_attempt_client)
    server.add_faults({"kind": "slow", "seconds": 5})
    job = generate(window, qtbot)
    qtbot.waitUntil(lambda: job.state == JobState.RUNNING)
    window.jobs.cancel(job.id)
    wait_final(qtbot, job)
    assert job.state == JobState.CANCELLED
    cells = load_usage(library.database_path, UsageFilter(), {}).cells
    assert sum(cell.cancelled for cell in cells) == 1


def test_usage_is_recorded_on_the_worker_thread(make_window, qtbot, monkeypatch):
    import desktop_app.generation as generation

    threads: list[bool] = []
    original = generation.record_request

    def spy(*args, **kwargs):
        threads.append(QThread.currentThread() is QApplication.instance().thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(generation, "record_request", spy)
    window = make_window()
    job = generate(window, qtbot)
    wait_final(qtbot, job)
    assert threads == [False]


# -- the viewer -------------------------------------------------------------------------------


def test_viewer_reads_an_unfetched_neighbour_on_a_worker(make_window, qtbot, library, monkeypatch):
    window = make_window()
    job = generate(window, qtbot, count=2)
    wait_final(qtbot, job)
    model = window.gallery_model
    first, second = model.entry_at(0), model.entry_at(1)
    assert first is not None and second is not None
    viewer = window.dialogs.open_viewer(first)
    qtbot.waitUntil(viewer.canvas.has_image, timeout=10000)
    # Pretend the neighbour's page was never fetched: the navigator only knows its id.
    monkeypatch.setattr(model, "entry_at", lambda row: None)
    gui_thread = threading.current_thread()
    reads: list[bool] = []
    original_get = library.get

    def get(entry_id):
        reads.append(threading.current_thread() is gui_thread)
        return original_get(entry_id)

    monkeypatch.setattr(library, "get", get)
    viewer._fetch_entry = library.get
    with qtbot.waitSignal(viewer.image_loaded, timeout=10000) as loaded:
        viewer.show_next()
    assert loaded.args[0] == second.id
    assert viewer.entry is not None and viewer.entry.id == second.id
    assert reads == [False]
    viewer.close()


# -- start-up ---------------------------------------------------------------------------------


def test_library_keyring_and_models_wait_for_the_first_paint(qtbot, server, library,
                                                               monkeypatch):
    monkeypatch.setenv("NSCALE_SERVICE_TOKEN", server.token)
    settings = Settings.load()
    settings.base_url = server.base_url
    opened: list[bool] = []

    def open_library() -> Library:
        opened.append(True)
        return library

    window = MainWindow(settings, None, open_library, reconcile_at_start=False)
    qtbot.addWidget(window)
    # Built but not painted: no library, no token store, no model refresh yet.
    assert opened == [] and not window.is_library_ready
    assert not window.clients.has_token_store
    assert window.model_catalog.refreshes_running == 0 and window.model_catalog.token_status is None
    with qtbot.waitSignal(window.background_started, timeout=5000):
        window.show()
    assert opened == [True]
    # The grid sits beside the board list (#16), both where the placeholder stood.
    assert window.main_splitter.widget(1).isAncestorOf(window.gallery_panel)
    catalog = window.model_catalog
    qtbot.waitUntil(lambda: catalog.token_status is not None and catalog.token_status.is_set)
    qtbot.waitUntil(lambda: window.model_catalog.refreshes_running == 0, timeout=10000)
    job = generate(window, qtbot)
    wait_final(qtbot, job)
    assert job.state == JobState.DONE, job.error_message
    assert window.gallery_model.rowCount() == 1
    window.close()


def test_a_library_that_cannot_be_opened_is_reported_in_the_window(qtbot):
    def open_library() -> Library:
        raise OSError("Permission denied: library.sqlite3")

    window = MainWindow(Settings.load(), None, open_library, reconcile_at_start=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.background_started, timeout=5000):
        window.show()
    assert window.message_bar.isVisible()
    assert "could not be opened" in window.message_bar.text()
    assert "Permission denied" in window.message_bar.text()
    window.close()


def test_window_has_the_app_icon(make_window):
    window = make_window()
    assert not window.windowIcon().isNull()


def test_a_damaged_library_index_is_reported_in_the_window(qtbot, isolated_home):
    root = isolated_home / "damaged-library"
    root.mkdir()
    (root / "library.sqlite3").write_bytes(b"not a database at all" * 50)

    def open_library() -> Library:
        return Library.open(root)

    window = MainWindow(Settings.load(), None, open_library, reconcile_at_start=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.background_started, timeout=5000):
        window.show()
    assert "damaged" in window.message_bar.text()
    assert "re-indexed" in window.message_bar.text()
    window.close()
    window.close_library()
