"""The settings dialog: service token, endpoint, generation defaults, prices, the library folder.

Owns editing these values and explaining where the token lives (environment, keyring backend,
this session only), what to do when the keyring cannot be used (including asking, in place,
before a plaintext keyring backend is used), that `NSCALE_BASE_URL` overrides the saved endpoint,
and the user's prices per megapixel (the usage package's `PriceEditor`). Every keyring call and
the connection test run on background tasks; the dialog only shows results. It never writes the
token to the settings file and never shows it unless the user asks to.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import BASE_URL_ENV_VAR, CONSOLE_URL, TOKEN_ENV_VAR
from desktop_app import secrets as token_secrets
from desktop_app.api.types import MAX_COUNT, MIN_COUNT, ImageSize
from desktop_app.secrets import (
    KeyringUnavailableError,
    PlaintextKeyringError,
    TokenSource,
    TokenStatus,
)
from desktop_app.settings import BASE_URL_FROM_ENVIRONMENT, Settings, effective_base_url
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import set_plain_text, shown_as_is
from desktop_app.ui.prompt_panel import SIZE_PRESETS
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.theme import Accent, accent, tinted_background
from desktop_app.ui.usage_view import PriceEditor

if TYPE_CHECKING:
    from desktop_app.secrets import TokenStore

ListModels = Callable[[str, str | None], list[str]]  # (base URL, token or None) -> model ids


def friendly_backend(name: str) -> str:
    """The keyring backend as people call it; the raw name if `secrets` has no friendly one."""
    friendly = getattr(token_secrets, "friendly_backend_name", None)
    return friendly(name) if callable(friendly) else (name or "none")


def token_from_environment() -> bool:
    """Whether `NSCALE_SERVICE_TOKEN` is set (it wins over any token stored here)."""
    return bool(os.environ.get(TOKEN_ENV_VAR, "").strip())


def open_folder(url: QUrl) -> bool:
    """Open a folder in the file manager; a seam tests replace."""
    return QDesktopServices.openUrl(url)


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
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setMinimumWidth(560)
        self._settings = settings
        self._store = token_store
        self._tasks = tasks
        self._list_models = list_models
        self._status: TokenStatus | None = None

        # -- token ----------------------------------------------------------------------------
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("tokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText("Paste a service token from the Nscale console")
        self.show_token_button = QToolButton()
        self.show_token_button.setText("Show")
        self.show_token_button.setCheckable(True)
        self.show_token_button.toggled.connect(self._on_show_toggled)
        self.set_button = QPushButton(icon("token"), "Set")
        self.set_button.clicked.connect(lambda: self.save_token(session_only=False))
        self.clear_button = QPushButton("Clear")
        self.clear_button.clicked.connect(self.clear_token)
        self.test_button = QPushButton("Test connection")
        self.test_button.clicked.connect(self.test_connection)
        self.session_button = QPushButton("Keep for this session only")
        self.session_button.setObjectName("sessionOnlyButton")
        self.session_button.clicked.connect(lambda: self.save_token(session_only=True))
        self.session_button.hide()
        # Asked in place when the only keyring writes secrets to a plain file.
        self.plaintext_box = QWidget()
        self.plaintext_box.setObjectName("plaintextWarning")
        self.plaintext_box.setAutoFillBackground(True)
        band = self.plaintext_box.palette()
        band.setColor(QPalette.ColorRole.Window, tinted_background(Accent.WARNING))
        self.plaintext_box.setPalette(band)
        self.plaintext_text = QLabel(
            "The only keyring available here stores secrets unencrypted in a plain file "
            "(anyone who can read your files can read the token). Store it there anyway, or "
            "keep it for this session only?"
        )
        self.plaintext_text.setWordWrap(True)
        self.plaintext_allow_button = QPushButton("Store unencrypted anyway")
        self.plaintext_allow_button.setObjectName("storeUnencryptedButton")
        self.plaintext_allow_button.clicked.connect(
            lambda: self.save_token(session_only=False, allow_plaintext=True)
        )
        self.plaintext_session_button = QPushButton("Keep for this session only")
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
        self.token_status = QLabel("Checking where the token is kept…")
        self.token_status.setObjectName("tokenStatus")
        self.token_status.setWordWrap(True)
        self.token_problem = QLabel()
        self.token_problem.setObjectName("tokenProblem")
        self.token_problem.setWordWrap(True)
        self.token_problem.hide()
        self.env_token_note = QLabel(
            f"The {TOKEN_ENV_VAR} environment variable is set, so its token is in use and takes "
            "precedence over one set here. A token you set or keep here is stored, but used "
            "only once that variable is unset."
        )
        self.env_token_note.setObjectName("envTokenNote")
        self.env_token_note.setWordWrap(True)
        self.env_token_note.setStyleSheet(f"color: {accent(Accent.WARNING).name()};")
        self.env_token_note.hide()
        self.token_saved_note = QLabel()
        self.token_saved_note.setObjectName("tokenSavedNote")
        self.token_saved_note.setWordWrap(True)
        self.token_saved_note.hide()
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.test_result.hide()
        console_link = QLabel(
            f'Get a service token in the <a href="{CONSOLE_URL}">Nscale console</a>.'
        )
        console_link.setOpenExternalLinks(True)

        token_row = QHBoxLayout()
        token_row.addWidget(self.token_edit, 1)
        token_row.addWidget(self.show_token_button)
        token_buttons = QHBoxLayout()
        token_buttons.addWidget(self.set_button)
        token_buttons.addWidget(self.clear_button)
        token_buttons.addWidget(self.test_button)
        token_buttons.addStretch(1)
        token_box = QGroupBox("Service token")
        token_layout = QVBoxLayout(token_box)
        token_layout.addLayout(token_row)
        token_layout.addLayout(token_buttons)
        token_layout.addWidget(self.token_status)
        token_layout.addWidget(self.env_token_note)
        token_layout.addWidget(self.token_saved_note)
        token_layout.addWidget(self.token_problem)
        token_layout.addWidget(self.session_button, 0, Qt.AlignmentFlag.AlignLeft)
        token_layout.addWidget(self.plaintext_box)
        token_layout.addWidget(self.test_result)
        token_layout.addWidget(console_link)

        # -- connection and defaults --------------------------------------------------------
        self.base_url_edit = QLineEdit(settings.base_url)
        self.base_url_edit.setObjectName("baseUrlEdit")
        self.base_url_error = QLabel()
        self.base_url_error.setObjectName("baseUrlError")
        self.base_url_error.setWordWrap(True)
        self.base_url_error.hide()
        self.base_url_note = QLabel()
        self.base_url_note.setObjectName("baseUrlNote")
        self.base_url_note.setWordWrap(True)
        effective_url, url_source = effective_base_url(settings)
        if url_source == BASE_URL_FROM_ENVIRONMENT:
            set_plain_text(
                self.base_url_note,
                f"In use now: {effective_url}, from the {BASE_URL_ENV_VAR} environment "
                "variable, which overrides the URL saved here."
            )
            self.base_url_note.setStyleSheet(f"color: {accent(Accent.WARNING).name()};")
        else:
            self.base_url_note.hide()
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        offered = [m for m in dict.fromkeys(models) if shown_as_is(m)]  # as in the prompt panel
        self.model_combo.addItems(list(dict.fromkeys([*offered, settings.default_model])))
        self.model_combo.setCurrentText(settings.default_model)
        self.size_combo = QComboBox()
        self.size_combo.setEditable(True)
        self.size_combo.addItems(SIZE_PRESETS)
        self.size_combo.setCurrentText(settings.default_size)
        self.size_error = QLabel()
        self.size_error.setWordWrap(True)
        self.size_error.hide()
        self.count_spin = QSpinBox()
        self.count_spin.setRange(MIN_COUNT, MAX_COUNT)
        self.count_spin.setValue(settings.default_count)
        general_box = QGroupBox("Generation")
        general = QFormLayout(general_box)
        # Wrapped messages must get the rows they need, never a squeezed, overlapping one.
        general.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        general.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        general.addRow("Endpoint base URL", self.base_url_edit)
        general.addRow("", self.base_url_error)
        general.addRow("", self.base_url_note)
        general.addRow("Default model", self.model_combo)
        general.addRow("Default size", self.size_combo)
        general.addRow("", self.size_error)
        general.addRow("Default number of images", self.count_spin)

        self.library_edit = QLineEdit(str(settings.library_dir))
        self.library_edit.setReadOnly(True)
        open_button = QPushButton(icon("folder"), "Open")
        open_button.clicked.connect(
            lambda: open_folder(QUrl.fromLocalFile(str(self._settings.library_dir)))
        )
        library_box = QGroupBox("Library")
        library_row = QHBoxLayout(library_box)
        library_row.addWidget(self.library_edit, 1)
        library_row.addWidget(open_button)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.save_settings)
        buttons.rejected.connect(self.reject)
        self.price_editor = PriceEditor(settings.prices, server_prices or {}, models)
        general_page = QWidget()
        general_layout = QVBoxLayout(general_page)
        general_layout.addWidget(token_box)
        general_layout.addWidget(general_box)
        general_layout.addWidget(library_box)
        general_layout.addStretch(1)
        prices_page = QWidget()
        prices_layout = QVBoxLayout(prices_page)
        prices_layout.addWidget(self.price_editor)
        self.tabs = QTabWidget()
        self.tabs.addTab(general_page, "General")
        self.tabs.addTab(prices_page, "Prices")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.refresh_status()

    # -- token ------------------------------------------------------------------------------

    def focus_token(self) -> None:
        """Set token…: the cursor in the token field (#13: the window no longer reaches in)."""
        self.token_edit.setFocus()

    def refresh_status(self) -> None:
        self._tasks.run(self._store.status, self._show_status, self._show_failure,
                        name="token-status", context=self)

    def _show_status(self, status: TokenStatus) -> None:
        self._status = status
        backend = friendly_backend(status.backend_name)
        if status.source == TokenSource.ENVIRONMENT:
            text = f"A token is set, from {status.source.description}."
        elif status.source == TokenSource.SESSION:
            text = (f"Kept for this session only: the token is in memory and forgotten when the "
                    f"app quits. Keyring backend: {backend}.")
        elif status.is_set:
            text = f"A token is set, from {status.source.description}. Keyring backend: {backend}."
        else:
            text = f"No token is set. Keyring backend: {backend}."
        if status.backend_is_plaintext:
            text += " (This backend stores secrets unencrypted.)"
        set_plain_text(self.token_status, text)
        self.env_token_note.setVisible(status.source == TokenSource.ENVIRONMENT)
        # The keyring warning is about where a token could go; once one is kept for the session
        # (or the environment provides it) the warning and its button only distract.
        if status.problem and status.source not in (TokenSource.ENVIRONMENT, TokenSource.SESSION):
            self._show_problem(
                f"{status.problem} You can keep a token for this session only; it is "
                "forgotten when the app quits."
            )
        else:
            self.token_problem.hide()
            self.session_button.hide()
            self.plaintext_box.hide()
        self._fit_to_contents()

    def _fit_to_contents(self) -> None:
        """Re-fit the height to the messages shown now (grow for new lines, shrink when gone)."""
        QTimer.singleShot(0, self, self._apply_fit)  # dropped if the dialog is deleted first

    def _apply_fit(self) -> None:
        layout = self.layout()
        if layout is None:
            return
        layout.invalidate()
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width())
        if wanted < 0:
            wanted = self.sizeHint().height()
        wanted = max(wanted, layout.totalMinimumSize().height())
        # Not shorter by hand either: the wrapped notices were clipped mid-line below this.
        self.setMinimumHeight(wanted)
        if wanted != self.height():
            self.resize(self.width(), wanted)

    def _show_problem(self, text: str) -> None:
        set_plain_text(self.token_problem, text)
        self.token_problem.setStyleSheet(f"color: {accent(Accent.WARNING).name()};")
        self.token_problem.show()
        self.session_button.show()
        self.plaintext_box.hide()
        self._fit_to_contents()

    def _show_failure(self, error: Exception) -> None:
        set_plain_text(self.token_problem, str(error))
        self.token_problem.setStyleSheet(f"color: {accent(Accent.ERROR).name()};")
        self.token_problem.show()
        self._fit_to_contents()

    def _on_show_toggled(self, shown: bool) -> None:
        self.token_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )
        self.show_token_button.setText("Hide" if shown else "Show")

    def save_token(self, *, session_only: bool, allow_plaintext: bool = False) -> None:
        token = self.token_edit.text()
        if not token.strip():
            self._show_failure(ValueError("Paste a token first."))
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
                self._fit_to_contents()
            elif isinstance(error, KeyringUnavailableError):
                # Said first, so nobody takes the explanation for a note on a saved token.
                self._show_problem(f"The token was not saved. {error}")
            else:
                self._show_failure(error)

        self._tasks.run(
            lambda: store.save(token, session_only=session_only, allow_plaintext=allow_plaintext),
            saved, failed, name="token-save", context=self,
        )

    def _confirm_saved(self, source: object) -> None:
        where = ("Kept for this session only" if source == TokenSource.SESSION
                 else "Stored in the system keyring")
        if token_from_environment():
            set_plain_text(
                self.token_saved_note,
                f"{where}, but not in use yet: the {TOKEN_ENV_VAR} environment variable takes "
                "precedence until it is unset."
            )
            self.token_saved_note.setStyleSheet(f"color: {accent(Accent.WARNING).name()};")
        else:
            set_plain_text(self.token_saved_note, f"{where}; it is in use now.")
            self.token_saved_note.setStyleSheet(f"color: {accent(Accent.SUCCESS).name()};")
        self.token_saved_note.show()
        self._fit_to_contents()

    def clear_token(self) -> None:
        self.token_saved_note.hide()

        def cleared(_result: object) -> None:
            self.token_changed.emit()
            self.refresh_status()

        self._tasks.run(self._store.clear, cleared, self._show_failure, name="token-clear",
                        context=self)

    def url_to_test(self) -> tuple[str, str]:
        """The URL the app would use (the environment's when it overrides, else the field's)
        and how to name it in the result."""
        effective, source = effective_base_url(self._settings)
        if source == BASE_URL_FROM_ENVIRONMENT:
            return effective.strip(), f"{effective.strip()} (from {BASE_URL_ENV_VAR})"
        typed = self.base_url_edit.text().strip()
        return typed, typed

    def test_connection(self) -> None:
        base_url, tested = self.url_to_test()
        typed = self.token_edit.text().strip() or None
        store = self._store
        list_models = self._list_models
        self.test_button.setEnabled(False)
        set_plain_text(self.test_result, f"Testing {tested}…")
        self.test_result.setStyleSheet("")
        self.test_result.show()
        self._fit_to_contents()

        def work() -> list[str]:
            token = typed
            if token is None:
                stored = store.resolve()
                token = stored.reveal() if stored is not None else None
            return list_models(base_url, token)

        def succeeded(models: list[str]) -> None:
            self.test_button.setEnabled(True)
            set_plain_text(
                self.test_result,
                f"Connected to {tested}: the server lists {len(models)} image models."
            )
            self.test_result.setStyleSheet(f"color: {accent(Accent.SUCCESS).name()};")
            self._fit_to_contents()

        def failed(error: Exception) -> None:
            self.test_button.setEnabled(True)
            set_plain_text(self.test_result, f"Connection to {tested} failed: {error}")
            self.test_result.setStyleSheet(f"color: {accent(Accent.ERROR).name()};")
            self._fit_to_contents()

        self._tasks.run(work, succeeded, failed, name="test-connection", context=self)

    # -- settings ---------------------------------------------------------------------------

    def save_settings(self) -> None:
        base_url = self.base_url_edit.text().strip().rstrip("/")
        size_text = self.size_combo.currentText().strip()
        valid = True
        error_style = f"color: {accent(Accent.ERROR).name()};"
        from desktop_app.api.network import base_url_problem

        problem = base_url_problem(base_url)
        if problem is not None:
            set_plain_text(self.base_url_error, problem)
            self.base_url_error.setStyleSheet(error_style)
            self.base_url_error.show()
            valid = False
        else:
            self.base_url_error.hide()
        try:
            ImageSize.parse(size_text)
        except Exception as error:
            set_plain_text(self.size_error, str(error))
            self.size_error.setStyleSheet(error_style)
            self.size_error.show()
            valid = False
        else:
            self.size_error.hide()
        self._fit_to_contents()
        if not valid:
            return
        settings = self._settings
        settings.base_url = base_url
        settings.default_model = self.model_combo.currentText().strip() or settings.default_model
        settings.default_size = size_text.replace(" ", "").lower()
        settings.default_count = self.count_spin.value()
        settings.prices = self.price_editor.user_prices()
        settings.save()
        self.saved.emit()
        self.accept()

    def values(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url_edit.text(),
            "default_model": self.model_combo.currentText(),
            "default_size": self.size_combo.currentText(),
            "default_count": self.count_spin.value(),
        }
