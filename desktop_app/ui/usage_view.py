"""Where the Usage window used to live: it is the `desktop_app.ui.usage` package now, and the
price editor is beside the settings dialog (`desktop_app.ui.settings.price_editor`).

Kept so `from desktop_app.ui.usage_view import UsageView` (the window, other branches) still
works.
"""

from desktop_app.ui.settings.price_editor import PriceEditor
from desktop_app.ui.usage import UsageView

__all__ = ["PriceEditor", "UsageView"]
