"""Settings round-trip through the INI file; bad values fall back to defaults; no token inside."""

from __future__ import annotations

from desktop_app import paths
from desktop_app.settings import Settings


def test_round_trip():
    settings = Settings.load()
    settings.base_url = "http://127.0.0.1:9/v1"
    settings.cached_models = ["a/b", "c"]
    settings.prices = {"black-forest-labs/FLUX.1-schnell": 0.0013, "free/model": 0.0}
    settings.last_count = 3
    settings.save()
    loaded = Settings.load()
    assert loaded.base_url == "http://127.0.0.1:9/v1"
    assert loaded.cached_models == ["a/b", "c"]
    assert loaded.prices == {"black-forest-labs/FLUX.1-schnell": 0.0013, "free/model": 0.0}
    assert loaded.last_count == 3


def test_garbage_values_fall_back_to_defaults():
    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text(
        "[api]\nread_timeout=soon\n[generation]\ndefault_count=99\ndefault_size=banana\n"
        "[pricing]\nx=-1\ny=abc\n"
    )
    loaded = Settings.load()
    assert loaded.default_size == "512x512"
    assert loaded.read_timeout == 120.0
    assert loaded.default_count == 1
    assert loaded.prices == {}


def test_window_state_round_trip():
    Settings.set_window_state("geometry", b"\x00\x01binary")
    assert Settings.window_state("geometry") == b"\x00\x01binary"
    assert Settings.window_state("missing") is None
