"""The one table that maps an error kind to what the window offers the user to do about it.

Owns `ErrorAction` (the buttons a failure can carry, with their translated labels) and
`ERROR_ACTIONS`. Front-end code looks a kind up here and never inspects message text or labels;
the table holds no widgets and runs no action itself (the main window connects each action to the
code that performs it).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication

from desktop_app.api.errors import ErrorKind


class ErrorAction(Enum):
    """A button offered next to an error; `label` is its (translated) caption."""

    SET_TOKEN = "set_token"
    OPEN_CONSOLE = "open_console"
    REFRESH_MODELS = "refresh_models"
    RETRY = "retry"
    OPEN_SETTINGS = "open_settings"
    NONE = "none"

    @property
    def label(self) -> str:
        translate = QCoreApplication.translate
        labels = {
            ErrorAction.SET_TOKEN: translate("error_actions", "Set token…"),
            ErrorAction.OPEN_CONSOLE: translate("error_actions", "Open Nscale console"),
            ErrorAction.REFRESH_MODELS: translate("error_actions", "Refresh models"),
            ErrorAction.RETRY: translate("error_actions", "Retry"),
            ErrorAction.OPEN_SETTINGS: translate("error_actions", "Open settings"),
        }
        return labels.get(self, "")


ERROR_ACTIONS: dict[ErrorKind, ErrorAction] = {
    ErrorKind.NO_TOKEN: ErrorAction.SET_TOKEN,
    ErrorKind.UNAUTHORIZED: ErrorAction.SET_TOKEN,
    ErrorKind.FORBIDDEN: ErrorAction.SET_TOKEN,
    ErrorKind.INSUFFICIENT_CREDIT: ErrorAction.OPEN_CONSOLE,
    ErrorKind.MODEL_NOT_FOUND: ErrorAction.REFRESH_MODELS,
    ErrorKind.NETWORK: ErrorAction.RETRY,
    ErrorKind.SERVER_ERROR: ErrorAction.RETRY,
    ErrorKind.UNAVAILABLE: ErrorAction.RETRY,
    ErrorKind.TIMEOUT: ErrorAction.RETRY,
    ErrorKind.INVALID_RESPONSE: ErrorAction.RETRY,
    ErrorKind.INSECURE_TRANSPORT: ErrorAction.OPEN_SETTINGS,
    ErrorKind.INVALID_REQUEST: ErrorAction.NONE,
    ErrorKind.INVALID_INPUT: ErrorAction.NONE,
    ErrorKind.CANCELLED: ErrorAction.NONE,
}


def action_for(kind: ErrorKind | None) -> ErrorAction:
    """The action for a kind; failures that are not API errors (disk full...) may be retried."""
    if kind is None:
        return ErrorAction.RETRY
    return ERROR_ACTIONS.get(kind, ErrorAction.NONE)
