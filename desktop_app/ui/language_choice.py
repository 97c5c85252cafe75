"""The Settings row that picks the interface language: "System default" or one we ship.

Owns the combo box (item data is the language code, "" for the system's; the shown names are
each language's own name, so they are never translated) and the note that the choice applies at
the next start. `desktop_app.ui.i18n` reads the saved choice when the app starts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from desktop_app.settings import SUPPORTED_LANGUAGES
from desktop_app.ui.i18n import LANGUAGE_NAMES


class LanguageChoice(QWidget):
    """A language box and a one-line note under it."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageChoice")
        self.combo = QComboBox()
        self.combo.setObjectName("languageCombo")
        self.combo.setAccessibleName(self.tr("Interface language"))
        self.combo.addItem(self.tr("System default"), "")
        for code in SUPPORTED_LANGUAGES:
            self.combo.addItem(LANGUAGE_NAMES[code], code)
        found = self.combo.findData(language)
        self.combo.setCurrentIndex(found if found >= 0 else 0)
        self.note = QLabel(self.tr("Takes effect the next time the app starts."))
        self.note.setObjectName("languageNote")
        self.note.setWordWrap(True)
        self.note.setEnabled(False)  # the quieter, theme-aware colour
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)

    def language(self) -> str:
        """The chosen code ("de"...), or "" for the system's language."""
        return str(self.combo.currentData() or "")
