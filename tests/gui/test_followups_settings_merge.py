"""The window's QSettings store, too, keeps a budget the CLI set while the window was open."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop_app import settings as settings_module
from desktop_app.settings import Settings
from desktop_app.ui.settings_store import QtSettingsStore


def test_closing_the_window_keeps_the_budget_the_cli_set_meanwhile(make_window, monkeypatch):
    monkeypatch.setattr(settings_module, "_store_factory", QtSettingsStore.open)
    window = make_window()
    assert window.settings.budget_daily is None
    done = subprocess.run([sys.executable, "-m", "desktop_app.cli", "budget", "--daily", "5"],
                          capture_output=True, text=True, env=dict(os.environ), timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    window.close()  # saves the window's settings (remembered model, size, count)
    assert Settings.load(QtSettingsStore.open()).budget_daily == 5.0
