"""Where the settings dialog used to live: it is the `desktop_app.ui.settings` package now.

Kept so `from desktop_app.ui.settings_dialog import SettingsDialog` (the window, other branches)
still works.
"""

from desktop_app.ui.settings import SettingsDialog

__all__ = ["SettingsDialog"]
