"""The window writes settings through QSettings; its state bytes cross to the Qt-free store."""

from __future__ import annotations

import pytest

from desktop_app import app, paths
from desktop_app import settings as settings_module
from desktop_app.ini_file import IniFileStore
from desktop_app.settings import Settings, open_store
from desktop_app.ui.settings_store import QtSettingsStore

MODEL = "stabilityai/stable-diffusion-xl-base-1.0"  # a known one: unknown ids widen the window


def test_the_window_is_built_on_the_qsettings_store(monkeypatch):
    monkeypatch.setattr(settings_module, "_store_factory", settings_module._store_factory)
    built = []
    monkeypatch.setattr("desktop_app.ui.main_window.MainWindow",
                        lambda *args, **kwargs: built.append(args) or "window")
    assert app.build_window() == "window"
    assert isinstance(open_store(), QtSettingsStore)
    assert isinstance(built[0][0], Settings)


@pytest.mark.parametrize(("saved_by", "restored_by"), [
    (QtSettingsStore.open, QtSettingsStore.open),
    (QtSettingsStore.open, lambda: IniFileStore(paths.settings_file())),
    (lambda: IniFileStore(paths.settings_file()), QtSettingsStore.open),
], ids=["qt-qt", "qt-ini", "ini-qt"])
def test_geometry_and_splitters_survive_either_store(make_window, monkeypatch, saved_by,
                                                     restored_by):
    monkeypatch.setattr(settings_module, "_store_factory", saved_by)
    window = make_window()
    window.prompt_panel.set_values(model=MODEL, size="768x1344", count=4)
    window.resize(760, 560)  # the offscreen screen is 800x600
    window.main_splitter.setSizes([300, 700])
    sizes, size = window.main_splitter.sizes(), window.geometry().size()
    window.close()
    geometry = Settings.window_state("main/geometry")
    assert geometry and b"\x00" in geometry  # real binary state, not text
    monkeypatch.setattr(settings_module, "_store_factory", restored_by)
    again = make_window()
    assert again.geometry().size() == size
    assert again.main_splitter.sizes() == sizes
    assert again.prompt_panel.current_model() == MODEL
    assert again.prompt_panel.count_spin.value() == 4
