"""The token in the settings dialog: consent before a plaintext keyring; a real Secret Service."""

from __future__ import annotations

import keyring
import keyring.backend
import pytest

from desktop_app.secrets import KEYRING_SERVICE, KEYRING_USERNAME, TokenSource, TokenStore
from tests.gui.test_settings_dialog import make_dialog
from tests.keyring_fakes import PlaintextKeyring

TOKEN = "dialog-token-5c1e"


@pytest.fixture
def plaintext_keyring() -> PlaintextKeyring:
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)  # the autouse fixture restores the previous backend
    return backend


def test_plaintext_keyring_asks_in_place_and_stores_only_on_consent(qtbot, plaintext_keyring):
    dialog, store, runner = make_dialog(qtbot)
    assert "unencrypted" in dialog.token_section.token_status.text()
    dialog.token_section.token_edit.setText(TOKEN)
    dialog.token_section.set_button.click()
    qtbot.waitUntil(dialog.token_section.plaintext_box.isVisible)
    assert plaintext_keyring.items == {}  # nothing stored before the user agreed
    assert dialog.token_section.plaintext_allow_button.text() == "Store unencrypted anyway"
    assert dialog.token_section.plaintext_session_button.text() == "Keep for this session only"
    with qtbot.waitSignal(dialog.token_changed):
        dialog.token_section.plaintext_allow_button.click()
    assert plaintext_keyring.items == {(KEYRING_SERVICE, KEYRING_USERNAME): TOKEN}
    assert not dialog.token_section.plaintext_box.isVisible()
    assert dialog.token_section.token_edit.text() == ""
    assert store.status().source == TokenSource.KEYRING
    runner.shutdown()


def test_plaintext_keyring_session_only_keeps_the_file_empty(qtbot, plaintext_keyring):
    dialog, store, runner = make_dialog(qtbot)
    dialog.token_section.token_edit.setText(TOKEN)
    dialog.token_section.set_button.click()
    qtbot.waitUntil(dialog.token_section.plaintext_box.isVisible)
    with qtbot.waitSignal(dialog.token_changed):
        dialog.token_section.plaintext_session_button.click()
    assert plaintext_keyring.items == {}
    assert store.status().source == TokenSource.SESSION
    assert store.resolve().reveal() == TOKEN
    assert not dialog.token_section.plaintext_box.isVisible()
    runner.shutdown()


@pytest.mark.secret_service
def test_token_set_and_cleared_through_a_real_secret_service(qtbot, secret_service):
    dialog, store, runner = make_dialog(qtbot, store=TokenStore())
    assert "Secret Service" in dialog.token_section.token_status.text()
    dialog.token_section.token_edit.setText(TOKEN)
    with qtbot.waitSignal(dialog.token_changed, timeout=10000):
        dialog.token_section.set_button.click()
    # A real secret store needs no consent.
    assert not dialog.token_section.plaintext_box.isVisible()
    assert keyring.get_password(KEYRING_SERVICE, KEYRING_USERNAME) == TOKEN
    qtbot.waitUntil(lambda: "system keyring" in dialog.token_section.token_status.text(),
                    timeout=10000)
    with qtbot.waitSignal(dialog.token_changed, timeout=10000):
        dialog.token_section.clear_button.click()
    assert keyring.get_password(KEYRING_SERVICE, KEYRING_USERNAME) is None
    assert store.resolve() is None
    runner.shutdown()
