"""Settings > General > Service token: set, clear and test the token, and say where it lives.

Owns the token controls and what they say: where the token comes from (environment, keyring
backend, this session only), what to do when the keyring cannot be used (including asking, in
place, before a plaintext keyring backend is used), that `NSCALE_SERVICE_TOKEN` wins over a
stored token, and the connection test. Every keyring call and the test run on background tasks;
the section only shows results. It never writes the token to the settings file and never shows
it unless the user asks to.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import CONSOLE_URL, TOKEN_ENV_VAR
from desktop_app import secrets as token_secrets
from desktop_app.secrets import (
    KeyringUnavailableError,
    PlaintextKeyringError,
    TokenSource,
    TokenStatus,
)
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import set_plain_text
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.text_fit import fit_placeholder
from desktop_app.ui.theme import Accent, accent, tinted_background

if TYPE_CHECKING:
    from desktop_app.secrets import TokenStore

ListModels = Callable[[str, str | None], list[str]]  # (base URL, token or None) -> model ids
UrlToTest = Callable[[], tuple[str, str]]  # () -> (base URL, how to name it in the result)


def friendly_backend(name: str) -> str:
    """The keyring backend as people call it; the raw name if `secrets` has no friendly one."""
    friendly = getattr(token_secrets, "friendly_backend_name", None)
    return friendly(name) if callable(friendly) else (name or "none")


def token_from_environment() -> bool:
    """Whether `NSCALE_SERVICE_TOKEN` is set (it wins over any token stored here)."""
    return bool(os.environ.get(TOKEN_ENV_VAR, "").strip())


class TokenSection(QGroupBox):
    """The service token box; `token_changed` after a token was set or cleared."""

    token_changed = Signal()
    contents_changed = Signal()  # a message appeared or went: the dialog re-fits its height

    def __init__(
        self,
        token_store: TokenStore,
        tasks: TaskRunner,
        list_models: ListModels,
        url_to_test: UrlToTest,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Service token"))
        self._store = token_store
        self._tasks = tasks
        self._list_models = list_models
        self._url_to_test = url_to_test
        self._status: TokenStatus | None = None

        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("tokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("Paste a service token from the Nscale console"))
        fit_placeholder(self.token_edit)  # i18n (H7): the whole hint in every language
        self.show_token_button = QToolButton()
        self.show_token_button.setText(self.tr("Show"))
        self.show_token_button.setCheckable(True)
        self.show_token_button.toggled.connect(self._on_show_toggled)
        self.set_button = QPushButton(icon("token"), self.tr("Set"))
        self.set_button.clicked.connect(lambda: self.save_token(session_only=False))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear_token)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.session_button = QPushButton(self.tr("Keep for this session only"))
        self.session_button.setObjectName("sessionOnlyButton")
        self.session_button.clicked.connect(lambda: self.save_token(session_only=True))
        self.session_button.hide()
        self._build_plaintext_box()
        self.token_status = self._message("tokenStatus", hidden=False)
        self.token_status.setText(self.tr("Checking where the token is kept…"))
        self.token_problem = self._message("tokenProblem")
        self.env_token_note = self._message("envTokenNote")
        self.env_token_note.setText(self.tr(
            "The {variable} environment variable is set, so its token is in use and takes "
            "precedence over one set here. A token you set or keep here is stored, but used "
            "only once that variable is unset.").format(variable=TOKEN_ENV_VAR))
        self.env_token_note.setStyleSheet(f"color: {accent(Accent.WARNING).name()};")
        self.token_saved_note = self._message("tokenSavedNote")
        self.test_result = self._message("testResult")
        console_link = QLabel(self.tr(
            'Get a service token in the <a href="{url}">Nscale console</a>.').format(
                url=CONSOLE_URL))
        console_link.setOpenExternalLinks(True)

        token_row = QHBoxLayout()
        token_row.addWidget(self.token_edit, 1)
        token_row.addWidget(self.show_token_button)
        token_buttons = QHBoxLayout()
        token_buttons.addWidget(self.set_button)
        token_buttons.addWidget(self.clear_button)
        token_buttons.addWidget(self.test_button)
        token_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(token_row)
        layout.addLayout(token_buttons)
        layout.addWidget(self.token_status)
        layout.addWidget(self.env_token_note)
        layout.addWidget(self.token_saved_note)
        layout.addWidget(self.token_problem)
        layout.addWidget(self.session_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.plaintext_box)
        layout.addWidget(self.test_result)
        layout.addWidget(console_link)

    @staticmethod
    def _message(name: str, *, hidden: bool = True) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        if hidden:
            label.hide()
        return label

    def _build_plaintext_box(self) -> None:
        """The question asked in place when the only keyring writes secrets to a plain file."""
        self.plaintext_box = QWidget()
        self.plaintext_box.setObjectName("plaintextWarning")
        self.plaintext_box.setAutoFillBackground(True)
        band = self.plaintext_box.palette()
        band.setColor(QPalette.ColorRole.Window, tinted_background(Accent.WARNING))
        self.plaintext_box.setPalette(band)
        self.plaintext_text = QLabel(self.tr(
            "The only keyring available here stores secrets unencrypted in a plain file "
            "(anyone who can read your files can read the token). Store it there anyway, or "
            "keep it for this session only?"
        ))
        self.plaintext_text.setWordWrap(True)
        self.plaintext_allow_button = QPushButton(self.tr("Store unencrypted anyway"))
        self.plaintext_allow_button.setObjectName("storeUnencryptedButton")
        self.plaintext_allow_button.clicked.connect(
            lambda: self.save_token(session_only=False, allow_plaintext=True)
        )
        self.plaintext_session_button = QPushButton(self.tr("Keep for this session only"))
        self.plaintext_session_button.setObjectName("plaintextSessionButton")
        self.plaintext_session_button.clicked.connect(lambda: self.save_token(session_only=True))
        plaintext_layout = QVBoxLayout(self.plaintext_box)
        plaintext_layout.setContentsMargins(8, 6, 8, 6)
        plaintext_layout.addWidget(self.plaintext_text)
        plaintext_buttons = QHBoxLayout()
        plaintext_buttons.addWidget(self.plaintext_allow_button)
        plaintext_buttons.addWidget(self.plaintext_session_button)
        plaintext_buttons.addStretch(1)
        plaintext_layout.addLayout(plaintext_buttons)
        self.plaintext_box.hide()

    def status(self) -> TokenStatus | None:
        """The last status read from the token store (None until the first answer)."""
        return self._status

    # -- status -----------------------------------------------------------------------------

    def refresh_status(self) -> None:
        self._tasks.run(self._store.status, self._show_status, self._show_failure,
                        name="token-status", context=self)

    def _source_text(self, source: TokenSource) -> str:
        """Where the token comes from, in the window's language (`TokenSource.description` is
        the CLI's English)."""
        if source == TokenSource.ENVIRONMENT:
            return self.tr("the {variable} environment variable").format(variable=TOKEN_ENV_VAR)
        if source == TokenSource.SESSION:
            return self.tr("this session only (kept in memory)")
        if source == TokenSource.KEYRING:
            return self.tr("the system keyring")
        return self.tr("nowhere")

    def _show_status(self, status: TokenStatus) -> None:
        self._status = status
        backend = friendly_backend(status.backend_name)
        where = self._source_text(status.source)  # i18n (H7): secrets.py's is English
        if status.source == TokenSource.ENVIRONMENT:
            text = self.tr("A token is set, from {where}.").format(where=where)
        elif status.source == TokenSource.SESSION:
            text = self.tr("Kept for this session only: the token is in memory and forgotten "
                           "when the app quits. Keyring backend: {backend}.").format(
                               backend=backend)
        elif status.is_set:
            text = self.tr("A token is set, from {where}. Keyring backend: {backend}.").format(
                where=where, backend=backend)
        else:
            text = self.tr("No token is set. Keyring backend: {backend}.").format(
                backend=backend)
        if status.backend_is_plaintext:
            text = self.tr("{status} (This backend stores secrets unencrypted.)").format(
                status=text)
        set_plain_text(self.token_status, text)
        self.env_token_note.setVisible(status.source == TokenSource.ENVIRONMENT)
        # The keyring warning is about where a token could go; once one is kept for the session
        # (or the environment provides it) the warning and its button only distract.
        if status.problem and status.source not in (TokenSource.ENVIRONMENT, TokenSource.SESSION):
            self._show_problem(self.tr(
                "{problem} You can keep a token for this session only; it is forgotten when "
                "the app quits.").format(problem=status.problem))
        else:
            self.token_problem.hide()
            self.session_button.hide()
            self.plaintext_box.hide()
        self.contents_changed.emit()

    def _show_problem(self, text: str) -> None:
        set_plain_text(self.token_problem, text)
        self.token_problem.setStyleSheet(f"color: {accent(Accent.WARNING).name()};")
        self.token_problem.show()
        self.session_button.show()
        self.plaintext_box.hide()
        self.contents_changed.emit()

    def _show_failure(self, error: Exception) -> None:
        set_plain_text(self.token_problem, str(error))
        self.token_problem.setStyleSheet(f"color: {accent(Accent.ERROR).name()};")
        self.token_problem.show()
        self.contents_changed.emit()

    def _on_show_toggled(self, shown: bool) -> None:
        self.token_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )
        self.show_token_button.setText(self.tr("Hide") if shown else self.tr("Show"))

    # -- set, clear, test -------------------------------------------------------------------

    def save_token(self, *, session_only: bool, allow_plaintext: bool = False) -> None:
        token = self.token_edit.text()
        if not token.strip():
            self._show_failure(ValueError(self.tr("Paste a token first.")))
            return
        store = self._store
        self.plaintext_box.hide()
        self.token_saved_note.hide()

        def saved(source: object) -> None:
            self.token_edit.clear()
            self.token_problem.hide()
            self.session_button.hide()
            self._confirm_saved(source)
            self.token_changed.emit()
            self.refresh_status()

        def failed(error: Exception) -> None:
            if isinstance(error, PlaintextKeyringError):
                # Ask in place; nothing is stored until the user picks one of the two buttons.
                self.token_problem.hide()
                self.session_button.hide()
                self.plaintext_box.show()
                self.plaintext_allow_button.setFocus()
                self.contents_changed.emit()
            elif isinstance(error, KeyringUnavailableError):
                # Said first, so nobody takes the explanation for a note on a saved token.
                self._show_problem(self.tr("The token was not saved. {error}").format(
                    error=error))
            else:
                self._show_failure(error)

        self._tasks.run(
            lambda: store.save(token, session_only=session_only, allow_plaintext=allow_plaintext),
            saved, failed, name="token-save", context=self,
        )

    def _confirm_saved(self, source: object) -> None:
        session = source == TokenSource.SESSION
        if token_from_environment():
            text = (self.tr("Kept for this session only, but not in use yet: the {variable} "
                            "environment variable takes precedence until it is unset.")
                    if session else
                    self.tr("Stored in the system keyring, but not in use yet: the {variable} "
                            "environment variable takes precedence until it is unset."))
            set_plain_text(self.token_saved_note, text.format(variable=TOKEN_ENV_VAR))
            self.token_saved_note.setStyleSheet(f"color: {accent(Accent.WARNING).name()};")
        else:
            set_plain_text(self.token_saved_note,
                           self.tr("Kept for this session only; it is in use now.") if session
                           else self.tr("Stored in the system keyring; it is in use now."))
            self.token_saved_note.setStyleSheet(f"color: {accent(Accent.SUCCESS).name()};")
        self.token_saved_note.show()
        self.contents_changed.emit()

    def clear_token(self) -> None:
        self.token_saved_note.hide()

        def cleared(_result: object) -> None:
            self.token_changed.emit()
            self.refresh_status()

        self._tasks.run(self._store.clear, cleared, self._show_failure, name="token-clear",
                        context=self)

    def test_connection(self) -> None:
        base_url, tested = self._url_to_test()
        typed = self.token_edit.text().strip() or None
        store = self._store
        list_models = self._list_models
        self.test_button.setEnabled(False)
        set_plain_text(self.test_result, self.tr("Testing {url}…").format(url=tested))
        self.test_result.setStyleSheet("")
        self.test_result.show()
        self.contents_changed.emit()

        def work() -> list[str]:
            token = typed
            if token is None:
                stored = store.resolve()
                token = stored.reveal() if stored is not None else None
            return list_models(base_url, token)

        def succeeded(models: list[str]) -> None:
            self.test_button.setEnabled(True)
            set_plain_text(self.test_result, self.tr(
                "Connected to {url}: the server lists %n image model(s).", "", len(models))
                .format(url=tested))
            self.test_result.setStyleSheet(f"color: {accent(Accent.SUCCESS).name()};")
            self.contents_changed.emit()

        def failed(error: Exception) -> None:
            self.test_button.setEnabled(True)
            set_plain_text(self.test_result, self.tr("Connection to {url} failed: {error}")
                           .format(url=tested, error=error))
            self.test_result.setStyleSheet(f"color: {accent(Accent.ERROR).name()};")
            self.contents_changed.emit()

        self._tasks.run(work, succeeded, failed, name="test-connection", context=self)
