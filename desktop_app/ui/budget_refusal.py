"""The spend guard's refusal dialog: the figures as plain text, *Allow once* and *Don't send* (the
default button, so Enter never spends past a limit). Split from budget_guard.py (issue #13).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class BudgetRefusalDialog(QDialog):
    """"Over budget": the figures as plain text, *Allow once* and *Don't send*."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetRefusalDialog")
        self.setWindowTitle(self.tr("Over budget"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.text_label = QLabel()
        self.text_label.setObjectName("budgetRefusalText")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setText(text)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.allow_button = QPushButton(self.tr("Allow once"))
        self.allow_button.setObjectName("allowOnceButton")
        self.cancel_button = QPushButton(self.tr("Don't send"))
        self.cancel_button.setObjectName("dontSendButton")
        buttons.addButton(self.allow_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Safe default: Enter (or Escape) does not spend past the limit.
        self.allow_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_label)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.text_label.text()
