"""The settings dialog: token (masked, keyring or session only), connection test, defaults."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from desktop_app.secrets import TokenSource, TokenStore
from desktop_app.settings import Settings
from desktop_app.ui.main_window import default_client_factory
from desktop_app.ui.settings import SettingsDialog
from desktop_app.ui.tasks import TaskRunner


def list_models(base_url, token):
    client = default_client_factory(base_url, token, 10.0)
    try:
        return client.list_models()
    finally:
        client.close()


def make_dialog(qtbot, settings=None, store=None):
    runner = TaskRunner()
    store = store or TokenStore()
    dialog = SettingsDialog(settings or Settings.load(), store, runner, list_models)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.token_section.status() is not None)
    return dialog, store, runner


def test_token_is_masked_with_a_show_toggle(qtbot):
    dialog, _store, runner = make_dialog(qtbot)
    dialog.token_section.token_edit.setText("secret-value")
    assert dialog.token_section.token_edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.token_section.show_token_button.click()
    assert dialog.token_section.token_edit.echoMode() == QLineEdit.EchoMode.Normal
    dialog.token_section.show_token_button.click()
    assert dialog.token_section.token_edit.echoMode() == QLineEdit.EchoMode.Password
    runner.shutdown()


def test_unusable_keyring_is_explained_and_session_only_works(qtbot):
    dialog, store, runner = make_dialog(qtbot)
    # The test keyring is the "fail" backend: explained up front, with the way out offered.
    assert "No system keyring" in dialog.token_section.token_problem.text()
    assert dialog.token_section.session_button.isVisible()
    assert "No token is set" in dialog.token_section.token_status.text()
    dialog.token_section.token_edit.setText("session-token-1234")
    dialog.token_section.set_button.click()
    qtbot.waitUntil(lambda: "session only" in dialog.token_section.token_problem.text())
    assert store.resolve() is None
    with qtbot.waitSignal(dialog.token_changed):
        dialog.token_section.session_button.click()
    qtbot.waitUntil(lambda: "this session only" in dialog.token_section.token_status.text())
    assert store.status().source == TokenSource.SESSION
    assert store.resolve().reveal() == "session-token-1234"
    assert dialog.token_section.token_edit.text() == ""  # not left lying around in the widget
    with qtbot.waitSignal(dialog.token_changed):
        dialog.token_section.clear_button.click()
    assert store.resolve() is None
    runner.shutdown()


def test_environment_token_source_is_shown(qtbot, monkeypatch):
    monkeypatch.setenv("NSCALE_SERVICE_TOKEN", "from-the-environment")
    dialog, _store, runner = make_dialog(qtbot)
    assert "NSCALE_SERVICE_TOKEN" in dialog.token_section.token_status.text()
    assert "from-the-environment" not in dialog.token_section.token_status.text()
    runner.shutdown()


def test_connection_test_succeeds_and_fails_in_place(qtbot, server):
    settings = Settings.load()
    settings.base_url = server.base_url
    dialog, _store, runner = make_dialog(qtbot, settings)
    dialog.token_section.token_edit.setText(server.token)
    dialog.token_section.test_button.click()
    qtbot.waitUntil(lambda: dialog.token_section.test_result.text().startswith("Connected"),
                    timeout=10000)
    dialog.token_section.token_edit.setText("wrong-token-value")
    dialog.token_section.test_button.click()
    qtbot.waitUntil(lambda: "failed" in dialog.token_section.test_result.text(),
                    timeout=10000)
    assert "401" in dialog.token_section.test_result.text()
    assert "wrong-token-value" not in dialog.token_section.test_result.text()
    runner.shutdown()


def test_saving_validates_in_place_and_writes_settings(qtbot):
    dialog, _store, runner = make_dialog(qtbot)
    dialog.general_page.base_url_edit.setText("ftp://example.com")
    dialog.save_settings()
    assert dialog.general_page.base_url_error.isVisible()
    assert dialog.isVisible()
    # The token must not travel in clear.
    dialog.general_page.base_url_edit.setText("http://example.com/v1")
    dialog.save_settings()
    assert dialog.general_page.base_url_error.isVisible()
    assert "http://" in dialog.general_page.base_url_error.text()
    dialog.general_page.base_url_edit.setText("https://example.com/v1/")
    dialog.general_page.size_combo.setCurrentText("9000x10")
    dialog.save_settings()
    assert dialog.general_page.size_error.isVisible()
    assert "4096" in dialog.general_page.size_error.text()
    dialog.general_page.size_combo.setCurrentText("768x1024")
    dialog.general_page.count_spin.setValue(3)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_settings()
    loaded = Settings.load()
    assert loaded.base_url == "https://example.com/v1"
    assert (loaded.default_size, loaded.default_count) == ("768x1024", 3)
    assert dialog.general_page.library_edit.isReadOnly()
    runner.shutdown()
