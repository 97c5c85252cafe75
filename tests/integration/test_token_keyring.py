"""The token end to end through a real Secret Service (gnome-keyring on a private D-Bus bus)."""

from __future__ import annotations

import os
import subprocess
import sys

import keyring
import pytest

from desktop_app.secrets import KeyringUnavailableError, TokenSource, TokenStore
from tests.conftest import running_secret_service

pytestmark = pytest.mark.secret_service

TOKEN = "tok-secret-service-51c2d7"


def run_cli(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=60,
    )


def test_cli_set_status_clear_through_secret_service(secret_service) -> None:
    env = {**os.environ, **secret_service.environment()}
    stored = run_cli(["token", "set"], env, stdin=TOKEN + "\n")
    assert stored.returncode == 0, stored.stderr
    assert TOKEN not in stored.stdout + stored.stderr
    # keyring in this process reads back exactly what the CLI stored
    assert keyring.get_password("nscale-studio", "service-token") == TOKEN

    status = run_cli(["token", "status"], env)
    assert status.returncode == 0
    assert "SecretService" in status.stdout
    assert "set, from the system keyring" in status.stdout
    assert TOKEN not in status.stdout + status.stderr

    cleared = run_cli(["token", "clear"], env)
    assert cleared.returncode == 0
    assert keyring.get_password("nscale-studio", "service-token") is None
    assert "not set" in run_cli(["token", "status"], env).stdout


def test_secret_tool_sees_what_the_app_stored(secret_service) -> None:
    TokenStore().save(TOKEN)
    found = subprocess.run(
        ["secret-tool", "lookup", "service", "nscale-studio", "username", "service-token"],
        capture_output=True, text=True, env={**os.environ, **secret_service.environment()},
        timeout=30,
    )
    if found.returncode == 127:
        pytest.skip("secret-tool is not installed")
    assert found.stdout.strip() == TOKEN


def test_environment_overrides_the_keyring(secret_service, monkeypatch) -> None:
    store = TokenStore()
    store.save(TOKEN)
    monkeypatch.setenv("NSCALE_SERVICE_TOKEN", "tok-from-environment")
    assert store.resolve().reveal() == "tok-from-environment"
    assert store.status().source is TokenSource.ENVIRONMENT


def test_locked_collection_is_reported(tmp_path, monkeypatch) -> None:
    import secretstorage
    from keyring.backends import SecretService

    # A bus of its own: unlocking again needs a prompt, which a headless session cannot show.
    with running_secret_service(tmp_path / "locked-home") as session:
        for name, value in session.environment().items():
            monkeypatch.setenv(name, value)
        keyring.set_keyring(SecretService.Keyring())
        store = TokenStore()
        store.save(TOKEN)
        connection = secretstorage.dbus_init()
        secretstorage.get_default_collection(connection).lock()
        status = store.status()
        assert not status.is_set
        assert status.problem and "locked" in status.problem
        with pytest.raises(KeyringUnavailableError, match="locked"):
            store.save(TOKEN)
        connection.close()


def test_cli_without_keyring_explains_and_exits_8() -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = run_cli(["token", "set"], env, stdin=TOKEN + "\n")
    assert result.returncode == 8
    assert "keyring" in result.stderr.lower()
    assert TOKEN not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
