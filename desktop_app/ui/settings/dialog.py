"""The settings dialog's shell: its pages in tabs, Save and Close, and fitting its height.

Owns the list of pages and saving them together: Save asks every page to `check()` its fields
(each shows its own reasons), and only when all pass does each page `apply()` its values to the
settings, which are written once; a page that fails is brought to the front. The pages are their
own modules beside this one: `general_page.py` (with `token_section.py`) and `price_editor.py`.
A new page is a QWidget with `title()`, `check()` and `apply(settings)`, added to `self.pages` in
`__init__`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from desktop_app.settings import Settings
from desktop_app.ui.settings.general_page import GeneralPage
from desktop_app.ui.settings.price_editor import PriceEditor, PricesPage
from desktop_app.ui.settings.token_section import ListModels, TokenSection
from desktop_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop_app.secrets import TokenStore
    from desktop_app.ui.budget_guard import BudgetGuard


class SettingsPage(Protocol):
    """What the dialog asks of each page (a QWidget)."""

    def title(self) -> str: ...
    def check(self) -> bool: ...
    def apply(self, settings: Settings) -> None: ...


class SettingsDialog(QDialog):
    """Edits settings and the token; `saved` is emitted after the settings file was written."""

    saved = Signal()
    token_changed = Signal()

    def __init__(
        self,
        settings: Settings,
        token_store: TokenStore,
        tasks: TaskRunner,
        list_models: ListModels,
        models: Sequence[str] = (),
        parent: QWidget | None = None,
        *,
        server_prices: Mapping[str, float] | None = None,
        budget_guard: BudgetGuard | None = None,  # Settings > Budget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self._settings = settings

        self.token_section = TokenSection(token_store, tasks, list_models,
                                          lambda: self.general_page.url_to_test())
        self.token_section.token_changed.connect(self.token_changed)
        self.token_section.contents_changed.connect(self._fit_to_contents)
        self.general_page = GeneralPage(settings, self.token_section, models)
        self.prices_page = PricesPage(PriceEditor(settings.prices, server_prices or {}, models))
        # Settings > Budget (the limits the CLI's `budget` sets)
        from desktop_app.ui.budget_page import BudgetPage

        self.budget_page = BudgetPage.for_dialog(tasks, settings, server_prices, budget_guard)
        # The pages, in tab order.
        self.pages: list[SettingsPage] = [self.general_page, self.prices_page, self.budget_page]

        self.tabs = QTabWidget()
        for page in self.pages:
            assert isinstance(page, QWidget)
            self.tabs.addTab(page, page.title())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.save_settings)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.token_section.refresh_status()

    def focus_token(self) -> None:
        """Put the cursor in the token field (Settings opened to set a token)."""
        self.tabs.setCurrentWidget(self.general_page)
        self.token_section.token_edit.setFocus()

    def save_settings(self) -> None:
        """Check every page; if all pass, apply them, write the settings file once, close."""
        results = [page.check() for page in self.pages]  # each page shows its own reasons
        self._fit_to_contents()
        if not all(results):
            failing = next(page for page, ok in zip(self.pages, results, strict=True) if not ok)
            assert isinstance(failing, QWidget)
            self.tabs.setCurrentWidget(failing)  # where the reason is
            return
        for page in self.pages:
            page.apply(self._settings)
        self._settings.save()
        self.saved.emit()
        self.accept()

    def values(self) -> dict[str, Any]:
        return self.general_page.values()

    # -- height -----------------------------------------------------------------------------

    def _fit_to_contents(self) -> None:
        """Re-fit the height to the messages shown now (grow for new lines, shrink when gone)."""
        QTimer.singleShot(0, self, self._apply_fit)  # dropped if the dialog is deleted first

    def _apply_fit(self) -> None:
        layout = self.layout()
        if layout is None:
            return
        layout.invalidate()
        layout.activate()
        # Never narrower than the pages need (the explicit 560 px minimum would otherwise win
        # over the layout's: translated buttons and notices were squeezed and clipped).
        narrowest = max(560, layout.totalMinimumSize().width())
        self.setMinimumWidth(narrowest)
        if self.width() < narrowest:
            self.resize(narrowest, self.height())
        wanted = layout.totalHeightForWidth(max(self.width(), narrowest))
        if wanted < 0:
            wanted = self.sizeHint().height()
        wanted = max(wanted, layout.totalMinimumSize().height())
        # Not shorter by hand either: the wrapped notices were clipped mid-line below this.
        self.setMinimumHeight(wanted)
        if wanted != self.height():
            self.resize(self.width(), wanted)
