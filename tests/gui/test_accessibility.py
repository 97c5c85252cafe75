"""Every interactive control of the main window and its dialogs has an accessible name.

Walks each window's widgets through QAccessible, as a screen reader sees them, and fails on an
interactive widget (button, combo, line edit, text edit, spin box, list/tree/table view, slider)
with no name. A combo box needs a name of its own: on Linux QAccessible reports a combo's current
text as its name, which says what is chosen, not what it chooses (a form label that is its buddy
counts: screen readers announce that relation). The gallery's items say
their prompt, model, size and favourite mark; the usage chart has a text summary.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from desktop_app.jobs import JobState
from tests.library_helpers import make_result

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView,
               QAbstractSlider, QPlainTextEdit, QTextEdit)


def _is_qt_internal(widget: QWidget) -> bool:
    """Parts Qt names itself: a combo's popup and line edit, a spin box's line edit, a line
    edit's clear/action buttons, scroll bars, toolbar/menubar extension buttons."""
    if isinstance(widget, (QScrollBar, QHeaderView)) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _is_qt_internal(widget):
            continue
        if not widget.isVisibleTo(root) and widget is not root:
            continue  # shown only in states this walk does not reach (checked where shown)
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name).strip() if interface is not None else ""
        if isinstance(widget, QComboBox):
            # Its own name, or a label for it (QFormLayout rows: the "labelled-by" relation).
            labelled = any(label.buddy() is widget for label in root.findChildren(QLabel))
            name = widget.accessibleName().strip() or ("labelled" if labelled else "")
        if not name:
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in "
                f"{type(widget.parentWidget()).__name__} (tooltip {widget.toolTip()!r})"
            )
    return missing


def fill_library(library, count: int = 3) -> list:
    entries = []
    for index in range(count):
        result = make_result(prompt=f"a <b>lighthouse</b> number {index}", seed=index + 1,
                             size=(96, 64), created=1_764_070_320 + index * 60)
        entries.extend(library.add_result(result))
    return entries


def test_main_window_with_jobs_and_images_has_no_unnamed_control(make_window, qtbot, library):
    fill_library(library)
    window = make_window()
    window.prompt_panel.set_values(prompt="a lighthouse at dusk")
    with qtbot.waitSignal(window.jobs.job_finished, timeout=20000) as finished:
        window.prompt_panel.generate_button.click()
    assert finished.args[0].state == JobState.DONE
    window.prompt_panel.size_combo.setCurrentIndex(window.prompt_panel.size_combo.count() - 1)
    assert unnamed_controls(window) == [], unnamed_controls(window)
    row = window.findChild(QWidget, f"jobRow{finished.args[0].id}")
    interface = QAccessible.queryAccessibleInterface(row)
    assert interface.text(QAccessible.Text.Name) == "Job: a lighthouse at dusk"
    assert interface.text(QAccessible.Text.Description)


def test_gallery_items_say_prompt_model_size_and_favourite(make_window, qtbot, library):
    entries = fill_library(library, 2)
    library.set_favourite([entries[0].id], True)
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.entry_at(1) is not None)
    texts = {model.index(row).data(Qt.ItemDataRole.AccessibleTextRole): row for row in (0, 1)}
    assert set(texts) == {"a <b>lighthouse</b> number 0", "a <b>lighthouse</b> number 1"}
    favourite_row = texts["a <b>lighthouse</b> number 0"]
    description = model.index(favourite_row).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert entries[0].model in description and "96×64" in description.replace("x", "×")
    assert description.endswith("favourite")
    other = model.index(1 - favourite_row).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "favourite" not in other
    view = QAccessible.queryAccessibleInterface(window.gallery_view)
    assert view.text(QAccessible.Text.Name) == "Image library"


def test_dialogs_and_viewer_have_no_unnamed_control(make_window, qtbot, library):
    fill_library(library)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    settings = window.dialogs.open_settings()
    qtbot.waitUntil(settings.isVisible)
    assert unnamed_controls(settings) == [], unnamed_controls(settings)
    settings.close()
    usage = window.dialogs.open_usage()
    qtbot.waitUntil(usage.isVisible)
    assert unnamed_controls(usage) == [], unnamed_controls(usage)
    chart = QAccessible.queryAccessibleInterface(usage.chart)
    assert chart.text(QAccessible.Text.Name) == "Usage chart"
    qtbot.waitUntil(lambda: usage.chart.text_summary() not in ("", "No data"))
    assert chart.text(QAccessible.Text.Description) == usage.chart.text_summary()
    viewer = window.dialogs.open_viewer(window.gallery_model.entry_at(0))
    qtbot.waitUntil(viewer.isVisible)
    assert unnamed_controls(viewer) == [], unnamed_controls(viewer)
    assert QAccessible.queryAccessibleInterface(viewer).text(QAccessible.Text.Name)
    viewer.close()
    usage.close()
    from desktop_app.ui.board_chooser import BoardChooser

    chooser = BoardChooser([], window)
    qtbot.addWidget(chooser)
    chooser.show()
    assert unnamed_controls(chooser) == [], unnamed_controls(chooser)
    chooser.close()
