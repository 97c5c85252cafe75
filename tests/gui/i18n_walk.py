"""Walks a window for the pseudo-locale test: every text a user can see or hear (labels, buttons,
menus and actions, tooltips, accessible names, titles, combo items, tabs, headers, placeholders),
which of them are untranslated (not inside the pseudo translation's brackets), and which are
clipped (a widget smaller than its text needs, a label eliding text that does not fit)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.ui.i18n import LANGUAGE_NAMES

# Shown as they are in every language: the product's name and each language's own name.
ALWAYS_ALLOWED = (APP_NAME, *LANGUAGE_NAMES.values())
_LETTER = re.compile(r"[^\W\d_]")
_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_SIZE = re.compile(r"\d+\s*[x×]\s*\d+")  # image sizes ("1024x1024") are data
_TAG = re.compile(r"<[^>]+>")
ITEM_ROWS = 40  # rows of an item view read for texts (its model may hold thousands)


@dataclass(frozen=True)
class Text:
    where: str
    text: str


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def plain(text: str) -> str:
    """Rich text as read: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", text)) if "<" in text else text


def _without_data(text: str, data: Iterable[str]) -> str:
    text = plain(text)
    for item in sorted({*data, *ALWAYS_ALLOWED}, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    return _SIZE.sub(" ", text)


def is_data(text: str, data: Iterable[str]) -> bool:
    """Only data (prompts, model ids, numbers, sizes): nothing to translate."""
    return not _LETTER.search(_without_data(text, data))


def untranslated(text: str, data: Iterable[str]) -> bool:
    """Letters outside every [bracketed] span once the data is taken out."""
    remaining, previous = _without_data(text, data), None
    while previous != remaining:
        previous, remaining = remaining, _BRACKETED.sub(" ", remaining)
    return bool(_LETTER.search(remaining))


def _standard_button(widget: QWidget) -> bool:
    """A standard button of a button box or message box: Qt's own catalogue translates it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QDialogButtonBox):
            return parent.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
        if isinstance(parent, QMessageBox):
            return parent.standardButton(widget) != QMessageBox.StandardButton.NoButton
        parent = parent.parentWidget()
    return False


def _action_texts(where: str, actions: Iterable[QAction], out: list[Text]) -> None:
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        out.append(Text(f"{where} action", action.text()))
        if action.toolTip() != action.text().replace("&", ""):
            out.append(Text(f"{where} action tooltip", action.toolTip()))
        menu = action.menu()
        if isinstance(menu, QMenu):
            out.append(Text(f"{where} menu title", menu.title()))
            _action_texts(f"{where} > {action.text()}", menu.actions(), out)


def _model_texts(where: str, model: QAbstractItemModel | None, out: list[Text],
                 header: QHeaderView | None = None) -> None:
    if model is None:
        return
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for row in range(min(model.rowCount(QModelIndex()), ITEM_ROWS)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.AccessibleTextRole):
                value = index.data(role)
                if isinstance(value, str):
                    out.append(Text(f"{where} row {row}", value))
    if header is not None and not header.isHidden():
        for section in range(columns):
            if header.isSectionHidden(section):
                continue
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(section, Qt.Orientation.Horizontal, role)
                if isinstance(value, str):
                    out.append(Text(f"{where} header {section}", value))


def visible_texts(top: QWidget) -> list[Text]:
    """Every text of `top` and its shown descendants a user can read or a screen reader says."""
    out: list[Text] = []
    widgets = [top, *(w for w in top.findChildren(QWidget) if w.isVisibleTo(top))]
    for widget in widgets:
        where = _name(widget)
        if widget.isWindow():
            out.append(Text(f"{where} title", widget.windowTitle()))
        out.append(Text(f"{where} tooltip", widget.toolTip()))
        out.append(Text(f"{where} accessible name", widget.accessibleName()))
        out.append(Text(f"{where} accessible description", widget.accessibleDescription()))
        shows_text = isinstance(widget, QLabel) or (
            isinstance(widget, QAbstractButton) and not _standard_button(widget))
        if shows_text:
            out.append(Text(f"{where} text", widget.text()))
        elif isinstance(widget, QGroupBox):
            out.append(Text(f"{where} title", widget.title()))
        elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            out.append(Text(f"{where} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            out += [Text(f"{where} item {i}", widget.itemText(i)) for i in range(widget.count())]
            out += [Text(f"{where} item {i} tooltip", str(widget.itemData(
                i, Qt.ItemDataRole.ToolTipRole) or "")) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                out += [Text(f"{where} tab {i}", widget.tabText(i)),
                        Text(f"{where} tab {i} tooltip", widget.tabToolTip(i))]
        elif isinstance(widget, QAbstractSpinBox):
            out.append(Text(f"{where} special value", widget.specialValueText()))
            if isinstance(widget, QSpinBox):
                out += [Text(f"{where} prefix", widget.prefix()),
                        Text(f"{where} suffix", widget.suffix())]
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            header = getattr(widget, "horizontalHeader", None)
            _model_texts(where, widget.model(), out, header() if callable(header) else None)
        if isinstance(widget, QMenuBar | QToolBar | QMenu):
            _action_texts(where, widget.actions(), out)
    return [text for text in out if text.text and text.text.strip()]


def _shortcut_texts(top: QWidget) -> list[str]:
    """"(Ctrl+C)" after an action's name: key names are Qt's to translate (qtbase: "Strg")."""
    found = []
    for action in top.findChildren(QAction):
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if text:
                found.append(f"({text})")
    return found


def untranslated_texts(top: QWidget, data: Iterable[str] = ()) -> list[str]:
    data = [*data, *_shortcut_texts(top)]
    return sorted({f"{t.where}: {t.text!r}" for t in visible_texts(top)
                   if untranslated(t.text, data)})


# -- clipping ----------------------------------------------------------------------------------

def _label_clipped(label: QLabel) -> bool:
    if label.wordWrap():
        return label.heightForWidth(label.width()) > label.height() + 1
    hint = label.sizeHint()
    return label.width() + 1 < hint.width() or label.height() + 1 < hint.height()


def _combo_clipped(combo: QComboBox, data: list[str]) -> list[str]:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    room = field.width() - (combo.iconSize().width() + 4 if not combo.itemIcon(0).isNull()
                            else 0)
    metrics = combo.fontMetrics()
    return [combo.itemText(i) for i in range(combo.count())
            if not is_data(combo.itemText(i), data)
            and metrics.horizontalAdvance(combo.itemText(i)) > room + 1]


def clipped_texts(top: QWidget, data: Iterable[str] = ()) -> list[str]:
    """Texts that do not fit where they are shown (only widgets on screen now)."""
    data = list(data)
    found: list[str] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        where = _name(widget)
        if isinstance(widget, QLabel) and widget.text() and not is_data(widget.text(), data):
            if _label_clipped(widget):
                found.append(f"{where}: {widget.text()!r} ({widget.width()}x{widget.height()}"
                             f" < {widget.sizeHint().width()}x{widget.sizeHint().height()})")
        elif isinstance(widget, QAbstractButton) and widget.text() \
                and not is_data(widget.text(), data):
            if isinstance(widget, QToolButton) and widget.toolButtonStyle() == \
                    Qt.ToolButtonStyle.ToolButtonIconOnly:
                continue
            if widget.width() + 1 < widget.sizeHint().width():
                found.append(f"{where}: {widget.text()!r} ({widget.width()} < "
                             f"{widget.sizeHint().width()})")
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            found += [f"{where}: item {text!r}" for text in _combo_clipped(widget, data)]
        elif isinstance(widget, QGroupBox) and widget.title():
            if widget.fontMetrics().horizontalAdvance(widget.title()) + 16 > widget.width():
                found.append(f"{where}: title {widget.title()!r}")
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            room = widget.contentsRect().width() - 8
            if widget.fontMetrics().horizontalAdvance(widget.placeholderText()) > room:
                found.append(f"{where}: placeholder {widget.placeholderText()!r}")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                rect = widget.tabRect(i)
                if rect.width() + 1 < widget.tabSizeHint(i).width() or \
                        not widget.rect().contains(rect):
                    found.append(f"{where}: tab {widget.tabText(i)!r}")
        elif isinstance(widget, QHeaderView) and widget.orientation() == \
                Qt.Orientation.Horizontal and widget.model() is not None:
            margin = 2 * widget.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
            sort = widget.isSortIndicatorShown()
            for section in range(widget.count()):
                text = widget.model().headerData(section, Qt.Orientation.Horizontal)
                if widget.isSectionHidden(section) or not isinstance(text, str) or not text:
                    continue
                need = widget.fontMetrics().horizontalAdvance(text) + margin
                if sort and widget.sortIndicatorSection() == section:
                    need += widget.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
                if widget.sectionSize(section) + 1 < need:
                    found.append(f"{where}: header {text!r} ({widget.sectionSize(section)} < "
                                 f"{need})")
        elif isinstance(widget, QToolBar):
            extension = widget.findChild(QToolButton, "qt_toolbar_ext_button")
            if extension is not None and extension.isVisible():
                found.append(f"{where}: actions hidden behind the overflow button")
    return found
