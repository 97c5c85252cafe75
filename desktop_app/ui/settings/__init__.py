"""The settings dialog and its pages: the shell (`dialog.py`), General (`general_page.py`, with
the token box in `token_section.py`) and Prices (`price_editor.py`)."""

from desktop_app.ui.settings.dialog import SettingsDialog, SettingsPage
from desktop_app.ui.settings.general_page import GeneralPage
from desktop_app.ui.settings.price_editor import PriceEditor, PricesPage
from desktop_app.ui.settings.token_section import TokenSection

__all__ = ["GeneralPage", "PriceEditor", "PricesPage", "SettingsDialog", "SettingsPage",
           "TokenSection"]
