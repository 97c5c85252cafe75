"""Room for translated text: widgets whose size does not follow their text by themselves.

A line edit's size hint ignores its placeholder, so a hint that fits in English is cut off once
translated (German and French run 20-40 % longer). `fit_placeholder` makes the edit at least as
wide as its placeholder; the pseudo-locale test (tests/gui/test_i18n_pseudo*.py) finds the
places that need it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

# The frame, the text margins and the clear button's room, in pixels.
_LINE_EDIT_CHROME = 28


def fit_placeholder(edit: QLineEdit) -> None:
    """At least as wide as the placeholder text (set it first)."""
    width = edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + _LINE_EDIT_CHROME
    edit.setMinimumWidth(max(edit.minimumWidth(), width))
