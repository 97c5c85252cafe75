"""The settings dialog as a shell over its pages, and the price editor beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.settings import Settings
from desktop_app.ui.actions import ActionId
from desktop_app.ui.settings import GeneralPage, PriceEditor, PricesPage, SettingsDialog
from tests.gui.test_settings_dialog import make_dialog

HOSTILE = "org/evil\nsecond line\x07\u202e<b>bold</b>"


def test_the_price_editor_shows_a_model_id_escaped_and_keeps_it_exact(qtbot) -> None:
    editor = PriceEditor({HOSTILE: 0.01})
    qtbot.addWidget(editor)
    assert HOSTILE in editor.models()  # the exact id, from the item's data
    row = editor.models().index(HOSTILE)
    shown = editor.table.item(row, 0).text()
    assert "\n" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert editor.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == HOSTILE
    editor.set_price(HOSTILE, 0.02)  # found by its id, not by the text shown
    assert editor.user_prices() == {HOSTILE: 0.02}
    assert editor.table.rowCount() == len(set(editor.models()))


def test_the_dialog_lists_its_pages_in_tab_order(qtbot) -> None:
    dialog, _store, runner = make_dialog(qtbot)
    from desktop_app.ui.budget_page import BudgetPage  # budget-history's page

    assert [type(page) for page in dialog.pages] == [GeneralPage, PricesPage, BudgetPage]
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "General", "Prices", "Budget"]
    runner.shutdown()


def test_nothing_is_applied_when_one_page_does_not_check(qtbot, monkeypatch) -> None:
    settings = Settings()
    settings.prices = {"acme/model": 0.5}
    dialog, _store, runner = make_dialog(qtbot, settings)
    saved: list[bool] = []
    monkeypatch.setattr(Settings, "save", lambda self, store=None: saved.append(True))
    dialog.prices_page.editor.set_price("acme/model", 0.25)
    dialog.general_page.base_url_edit.setText("not a url")
    dialog.tabs.setCurrentWidget(dialog.prices_page)
    dialog.save_settings()
    assert dialog.tabs.currentWidget() is dialog.general_page  # where the reason is shown
    assert dialog.general_page.base_url_error.isVisibleTo(dialog)
    assert settings.prices == {"acme/model": 0.5}  # the valid Prices page was not applied
    assert not saved and dialog.isVisible()
    dialog.general_page.base_url_edit.setText("https://inference.api.nscale.com/v1")
    dialog.save_settings()
    assert settings.prices == {"acme/model": 0.25} and saved == [True]
    runner.shutdown()


def test_focus_token_shows_the_general_page_and_the_token_field(qtbot) -> None:
    dialog, _store, runner = make_dialog(qtbot)
    dialog.tabs.setCurrentWidget(dialog.prices_page)
    dialog.activateWindow()
    dialog.focus_token()
    assert dialog.tabs.currentWidget() is dialog.general_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.token_section.token_edit
                    or not dialog.isActiveWindow())
    runner.shutdown()


def test_the_old_import_paths_still_work() -> None:
    from desktop_app.ui.settings_dialog import SettingsDialog as FromShim
    from desktop_app.ui.usage import UsageView
    from desktop_app.ui.usage_view import PriceEditor as OldPriceEditor
    from desktop_app.ui.usage_view import UsageView as OldUsageView

    assert FromShim is SettingsDialog
    assert OldUsageView is UsageView and OldPriceEditor is PriceEditor


def test_saving_settings_redraws_an_open_usage_view_with_the_new_limit(make_window, qtbot):
    from desktop_app.ui.usage.buckets import LimitLine
    from desktop_app.usage.budget import DAY

    window = make_window()
    window.action_registry[ActionId.USAGE].trigger()
    view = window.dialogs.usage.current
    qtbot.waitUntil(lambda: view.report() is not None, timeout=10000)
    assert view.chart.limit() is None
    window.settings.budget_daily = 2.5  # as Settings > Budget would set it
    dialog = window.dialogs.open_settings()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        dialog.save_settings()
    assert view.chart.limit() == LimitLine(DAY, 2.5)
    view.close()
