"""QA of the merged window: every control a screen reader reaches in the main window has a name.

The prompt panel's fields sit in row layouts (so their form labels are no buddies), the filter
bar's boxes and the board list's list and rating box had no label at all: a screen reader said
only "combo box" for each of the six filter boxes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.gui.test_library_browser import fill_library


def _unnamed(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    fields: list[QWidget] = [
        *root.findChildren(QComboBox), *root.findChildren(QLineEdit),
        *root.findChildren(QAbstractItemView), *root.findChildren(QAbstractSpinBox),
        *root.findChildren(QPlainTextEdit), *root.findChildren(QAbstractButton)]
    missing = []
    for widget in fields:
        if not widget.isVisibleTo(root) or widget.objectName().startswith("qt_"):
            continue  # hidden, or Qt's own (a toolbar's extension button)
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox, QLineEdit)):
            continue  # a combo's or spin box's own line edit, a line edit's icon button
        if isinstance(widget, QAbstractItemView) and isinstance(widget.parent(), QWidget) \
                and widget.window() is not root:
            continue  # a combo's popup list
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            continue
        if widget.accessibleName() or id(widget) in buddies:
            continue
        missing.append(f"{type(widget).__name__}#{widget.objectName()} {widget.toolTip()!r} "
                       f"{type(widget.parent()).__name__}")
    return missing


def test_the_main_window_controls_have_accessible_names(make_window, qtbot, library) -> None:
    fill_library(library, 2)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2)
    window.prompt_panel.size_combo.setCurrentIndex(window.prompt_panel.size_combo.count() - 1)
    assert _unnamed(window) == []


def test_job_rows_and_banners_name_their_icon_buttons(make_window, qtbot, library) -> None:
    window = make_window(token=None)  # the no-token banner shows, with its close button
    qtbot.waitUntil(lambda: window.token_bar.isVisible())
    window.prompt_panel.prompt_edit.setPlainText("[fault:slow=5] a slow one")
    window.prompt_panel.submit()
    qtbot.waitUntil(lambda: len(window.jobs_panel.rows()) == 1)
    try:
        assert _unnamed(window) == []  # the running job's cancel button
    finally:
        window.quit_without_asking()  # closing with a running job would ask
