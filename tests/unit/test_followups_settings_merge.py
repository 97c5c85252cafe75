"""Saving settings loaded earlier keeps what another process changed in the meantime.

The window holds the `Settings` it loaded at start and saves it at close and from the settings
dialog. `save()` wrote every key, so a budget set meanwhile with the CLI's `budget --daily 5` was
put back to the window's stale value (no limit) when the window closed. A save now writes only
the keys whose values changed since the object was loaded.
"""

from __future__ import annotations

from desktop_app.cli import main
from desktop_app.settings import Settings


def test_a_budget_set_by_the_cli_survives_the_window_saving_its_old_settings(capsys) -> None:
    window = Settings.load()
    assert window.budget_daily is None
    assert main(["budget", "--daily", "5"]) == 0
    window.last_model = "flux-schnell"
    window.save()
    again = Settings.load()
    assert again.budget_daily == 5.0
    assert again.last_model == "flux-schnell"


def test_what_this_object_changed_is_still_written_over_the_other_process() -> None:
    first, second = Settings.load(), Settings.load()
    second.budget_daily = 3.0
    second.prices = {"flux-schnell": 0.01}
    second.save()
    first.budget_daily = 7.0  # changed here too: the later save wins for this key
    first.save()
    again = Settings.load()
    assert again.budget_daily == 7.0
    assert again.prices == {"flux-schnell": 0.01}  # not changed by `first`: kept


def test_a_setting_changed_back_and_saved_twice_is_written_each_time() -> None:
    settings = Settings.load()
    settings.default_count = 3
    settings.save()
    other = Settings.load()
    other.default_count = 2
    other.save()
    settings.default_count = 1  # differs from what `settings` last saved (3)
    settings.save()
    assert Settings.load().default_count == 1
