"""Settings > General: the service token, the endpoint, the generation defaults, the library.

Owns the endpoint and default fields and the interface language (`LanguageChoice`), checking
them before they are saved (a URL the client would refuse, a size that does not parse: said under
the field, nothing saved), the note that `NSCALE_BASE_URL` overrides the saved endpoint, and the
library folder with an Open button. The token box is `TokenSection`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import BASE_URL_ENV_VAR
from desktop_app.api.types import MAX_COUNT, MIN_COUNT, ImageSize
from desktop_app.settings import BASE_URL_FROM_ENVIRONMENT, Settings, effective_base_url
from desktop_app.ui.icons import icon
from desktop_app.ui.language_choice import LanguageChoice
from desktop_app.ui.plain_text import set_plain_text, shown_as_is
from desktop_app.ui.prompt_panel import SIZE_PRESETS
from desktop_app.ui.settings.token_section import TokenSection
from desktop_app.ui.theme import Accent, accent


def open_folder(url: QUrl) -> bool:
    """Open a folder in the file manager; a seam tests replace."""
    return QDesktopServices.openUrl(url)


class GeneralPage(QWidget):
    """The first tab: `token_section`, then the Generation and Library boxes."""

    def __init__(
        self,
        settings: Settings,
        token_section: TokenSection,
        models: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.token_section = token_section

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
            set_plain_text(self.base_url_note, self.tr(
                "In use now: {url}, from the {variable} environment variable, which overrides "
                "the URL saved here.").format(url=effective_url, variable=BASE_URL_ENV_VAR))
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
        generation_box = QGroupBox(self.tr("Generation"))
        form = QFormLayout(generation_box)
        # Wrapped messages must get the rows they need, never a squeezed, overlapping one.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Endpoint base URL"), self.base_url_edit)
        form.addRow("", self.base_url_error)
        form.addRow("", self.base_url_note)
        form.addRow(self.tr("Default model"), self.model_combo)
        form.addRow(self.tr("Default size"), self.size_combo)
        form.addRow("", self.size_error)
        form.addRow(self.tr("Default number of images"), self.count_spin)
        # i18n (H7): the interface language, applied at the next start (ui/language_choice.py).
        self.language_choice = LanguageChoice(settings.language)
        form.addRow(self.tr("Language"), self.language_choice)

        self.library_edit = QLineEdit(str(settings.library_dir))
        self.library_edit.setReadOnly(True)
        open_button = QPushButton(icon("folder"), self.tr("Open"))
        open_button.clicked.connect(
            lambda: open_folder(QUrl.fromLocalFile(str(self._settings.library_dir)))
        )
        library_box = QGroupBox(self.tr("Library"))
        library_row = QHBoxLayout(library_box)
        library_row.addWidget(self.library_edit, 1)
        library_row.addWidget(open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(token_section)
        layout.addWidget(generation_box)
        layout.addWidget(library_box)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("General")

    def url_to_test(self) -> tuple[str, str]:
        """The URL the app would use (the environment's when it overrides, else the field's)
        and how to name it in the result."""
        effective, source = effective_base_url(self._settings)
        if source == BASE_URL_FROM_ENVIRONMENT:
            return effective.strip(), self.tr("{url} (from {variable})").format(
                url=effective.strip(), variable=BASE_URL_ENV_VAR)
        typed = self.base_url_edit.text().strip()
        return typed, typed

    def check(self) -> bool:
        """Whether the fields can be saved; the reasons are shown under the fields if not."""
        from desktop_app.api.network import base_url_problem

        error_style = f"color: {accent(Accent.ERROR).name()};"
        valid = True
        problem = base_url_problem(self._base_url())
        if problem is not None:
            set_plain_text(self.base_url_error, problem)
            self.base_url_error.setStyleSheet(error_style)
            self.base_url_error.show()
            valid = False
        else:
            self.base_url_error.hide()
        try:
            ImageSize.parse(self.size_combo.currentText().strip())
        except Exception as error:
            set_plain_text(self.size_error, str(error))
            self.size_error.setStyleSheet(error_style)
            self.size_error.show()
            valid = False
        else:
            self.size_error.hide()
        return valid

    def apply(self, settings: Settings) -> None:
        """Copy the (checked) fields into `settings`."""
        settings.base_url = self._base_url()
        settings.default_model = self.model_combo.currentText().strip() or settings.default_model
        settings.default_size = self.size_combo.currentText().strip().replace(" ", "").lower()
        settings.default_count = self.count_spin.value()
        settings.language = self.language_choice.language()  # i18n (H7)

    def _base_url(self) -> str:
        return self.base_url_edit.text().strip().rstrip("/")

    def values(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url_edit.text(),
            "default_model": self.model_combo.currentText(),
            "default_size": self.size_combo.currentText(),
            "default_count": self.count_spin.value(),
        }
