"""What the window knows about the service: the token's status, the model list and the prices.

Owns checking the token (off the GUI thread), the no-token banner, refreshing the model list
(keyring, network and price-cache work on a worker; the outcome reported in the message bar or,
for an offline start, only in the refresh button's tooltip), the cached server prices and the
prices the prompt panel estimates with. Talks to the prompt panel only through its public
methods (`set_models`, `set_refresh_busy`, `set_refresh_note`, `set_prices`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop_app import CONSOLE_URL
from desktop_app.api.errors import ErrorKind
from desktop_app.settings import Settings
from desktop_app.ui.error_actions import ErrorAction, action_for
from desktop_app.ui.theme import Accent

if TYPE_CHECKING:
    from desktop_app.secrets import TokenStatus
    from desktop_app.ui.client_provider import ClientProvider
    from desktop_app.ui.jobs_panel import JobsPanel
    from desktop_app.ui.message_bar import MessageBar
    from desktop_app.ui.prompt_panel import PromptPanel
    from desktop_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# A start-up model refresh that fails for these reasons (offline, on a plane) is not news: the
# cached list keeps working and the reason goes to the refresh button's tooltip and the log.
QUIET_STARTUP_KINDS = frozenset({ErrorKind.NETWORK, ErrorKind.TIMEOUT})

RefreshResult = tuple[list[str], dict[str, float], Any]  # models, prices, the ApiError or None


class ModelCatalog(QObject):
    """Token status, model list and prices for one main window."""

    models_refreshed = Signal(object)  # list[str]
    models_refresh_failed = Signal(object)  # the ApiError or exception
    prices_changed = Signal()  # the effective prices changed (the budget guard re-prices)

    def __init__(self, settings: Settings, clients: ClientProvider, tasks: TaskRunner,
                 prompt_panel: PromptPanel, jobs_panel: JobsPanel, message_bar: MessageBar,
                 token_bar: MessageBar, run_error_action: Callable[[ErrorAction], None],
                 parent: QObject) -> None:
        super().__init__(parent)
        self._settings = settings
        self._clients = clients
        self._tasks = tasks
        self._prompt = prompt_panel
        self._jobs_panel = jobs_panel
        self._bar = message_bar
        self._token_bar = token_bar
        self._run_error_action = run_error_action
        self.token_status: TokenStatus | None = None
        self.server_prices: dict[str, float] = {}  # from GET /models, or the cached copy
        self.refreshes_running = 0

    # -- the token --------------------------------------------------------------------------

    def check_token(self, *, at_startup: bool = False) -> None:
        """Find out (off the GUI thread) whether a token is set; refresh models if it is."""
        store = self._clients.token_store
        self._tasks.run(store.status, lambda status: self._on_token_status(status, at_startup),
                        name="token-status")

    def _on_token_status(self, status: TokenStatus, at_startup: bool = False) -> None:
        self.token_status = status
        if status.is_set:
            self._token_bar.dismiss()
            self._jobs_panel.token_changed()
            self.refresh_models(quiet_offline=at_startup)
            return
        from desktop_app.ui.image_actions import open_url

        self._token_bar.show_message(
            self.tr("No service token is set. Create one in the Nscale console, then paste it "
                    "with “Set token…”. Browsing and managing your library works without one."),
            Accent.INFO,
            [(self.tr("Set token…"), lambda: self._run_error_action(ErrorAction.SET_TOKEN)),
             (self.tr("Open Nscale console"), lambda: open_url(CONSOLE_URL))],
            closable=True,
        )

    # -- the model list ---------------------------------------------------------------------

    def refresh_models(self, *, quiet_offline: bool = False) -> None:
        """Ask the server for its models and prices (worker). Failures are reported in place,
        except an offline start-up (`quiet_offline`): that only updates the button's tooltip."""
        clients = self._clients
        cancel = self._tasks.cancel_event  # set on quit: the request ends at once

        def work() -> RefreshResult:
            from desktop_app.api.errors import ApiError, CancelledError
            from desktop_app.usage.pricing import load_server_prices, save_server_prices

            try:
                infos = clients.model_infos(cancel)
            except CancelledError:
                raise
            except ApiError as error:
                return [], load_server_prices(), error
            prices = save_server_prices(infos) or load_server_prices()
            images = [info.id for info in infos if info.is_image]
            return images or [info.id for info in infos], prices, None

        self.refreshes_running += 1
        if not quiet_offline:
            # Asked for (the button, the menu, new settings): say it is under way.
            self._prompt.set_refresh_busy(True)
            self._bar.show_message(self.tr("Refreshing the model list…"), Accent.INFO,
                                   closable=False)
            self._bar.set_progress(0, 0)  # busy: no count to show
        self._tasks.run(work, lambda result: self._on_models(result, quiet_offline),
                        self._on_models_failed, name="list-models")

    def _on_models(self, result: RefreshResult, quiet_offline: bool = False) -> None:
        self.refreshes_running -= 1
        self._prompt.set_refresh_busy(False)
        models, prices, error = result
        self.set_server_prices(prices)
        if error is None:
            count = len(models)
            if not models:
                from desktop_app.api.client import FALLBACK_MODELS

                models = list(FALLBACK_MODELS)
            self._prompt.set_models(models)
            self._prompt.set_refresh_note(None)
            self._settings.cached_models = list(models)
            if not quiet_offline:
                if count:
                    text = self.tr("Model list refreshed: %n model(s).", "", count)
                else:
                    text = self.tr("Model list refreshed: no image models; the built-in list "
                                   "is kept.")
                self._bar.show_message(text, Accent.SUCCESS, timeout_ms=5000)
            self.models_refreshed.emit(models)
            return
        # Keep what the user had: the cached list, else the built-in one.
        if not self._settings.cached_models:
            from desktop_app.api.client import FALLBACK_MODELS

            self._prompt.set_models([*FALLBACK_MODELS, *self._prompt.models()])
        log.info("The model list could not be loaded (%s): %s", error.kind.value, error.message)
        self._prompt.set_refresh_note(
            self.tr("Last attempt failed: {reason} Using the saved list.").format(
                reason=error.message))
        if not (quiet_offline and error.kind in QUIET_STARTUP_KINDS):
            action = action_for(error.kind)
            if action in (ErrorAction.NONE, ErrorAction.RETRY):
                action = ErrorAction.REFRESH_MODELS  # retrying this request is a refresh
            self._bar.show_message(
                self.tr("The model list could not be loaded: {reason} Using the saved "
                        "list.").format(reason=error.message),
                Accent.WARNING,
                [(action.label, lambda: self._run_error_action(action))],
            )
        self.models_refresh_failed.emit(error)

    def _on_models_failed(self, error: Exception) -> None:
        self.refreshes_running -= 1
        self._prompt.set_refresh_busy(False)
        log.warning("The model list could not be loaded: %r", error)
        self._bar.show_message(
            self.tr("The model list could not be loaded: {reason}").format(reason=error),
            Accent.WARNING, [(self.tr("Refresh models"), self.refresh_models)])
        self.models_refresh_failed.emit(error)

    # -- prices -----------------------------------------------------------------------------

    def settings_saved(self) -> None:
        """After Settings > Save: new connection, new prices, a fresh model list."""
        self._clients.settings_changed()
        self.update_prices()
        self.refresh_models()

    def load_cached_prices(self) -> None:
        def work() -> dict[str, float]:
            from desktop_app.usage.pricing import load_server_prices

            return load_server_prices()

        def loaded(prices: dict[str, float]) -> None:
            if not self.server_prices:  # a fresh list from the server may have come first
                self.set_server_prices(prices)

        self._tasks.run(work, loaded, name="load-prices")

    def set_server_prices(self, prices: dict[str, float]) -> None:
        self.server_prices = dict(prices)
        self.update_prices()

    def effective_prices(self) -> dict[str, float]:
        """The prices estimates use: the user's, over the server's, over the defaults."""
        from desktop_app.usage.pricing import effective_prices

        return effective_prices(self._settings.prices, self.server_prices)

    def update_prices(self) -> None:
        self._prompt.set_prices(self.effective_prices())
        self.prices_changed.emit()
