"""The prompt history popup (Ctrl+H) and its styles variant ("Insert style").

Owns the searchable list of prompts sent before: type to filter (each search a background task,
stale answers dropped), Enter uses the prompt, *Use with its settings* also restores the model,
size and count it was last sent with, and *Pin as style* / *Unpin* keeps a prompt as a saved
style, listed first. The styles variant lists only pinned prompts and inserts the chosen one at
the cursor. Prompts are untrusted text: rows show them as one escaped, elided line of plain
text, tooltips through `plain_tooltip`. The popup only emits what was chosen; the prompt box is
`prompt_history.PromptHistory`'s.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.library.history import HistoryEntry, search_history, set_pinned
from desktop_app.text_safety import one_line
from desktop_app.ui.plain_text import display_text, plain_tooltip
from desktop_app.ui.tasks import TaskRunner

POPUP_LIMIT = 300  # rows the popup shows for one search
SEARCH_DELAY_MS = 120

ModelIndex = QModelIndex | QPersistentModelIndex


def pinned_first(entries: Sequence[HistoryEntry]) -> list[HistoryEntry]:
    """Pinned prompts (styles) first, each group in the order given (most recent first)."""
    return sorted(entries, key=lambda entry: not entry.pinned)


def shown_prompt(prompt: str, max_chars: int = 200) -> str:
    """A prompt as one list row shows it: one line, controls escaped, elided."""
    return display_text(one_line(prompt), max_chars=max_chars, max_lines=1)

class HistoryTableModel(QAbstractTableModel):
    """The popup's rows: prompt, uses, last use and the settings it was last sent with."""

    COLUMNS = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> HistoryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def entries(self) -> list[HistoryEntry]:
        return list(self._entries)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Prompt"), self.tr("Used"), self.tr("Last used"),
                self.tr("Last settings"))[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                text = shown_prompt(entry.prompt)
                return f"★ {text}" if entry.pinned else text
            if column == 1:
                return self.tr("%n time(s)", "", entry.uses) if entry.uses else self.tr("never")
            if column == 2:
                if not entry.uses:
                    return ""
                return dt.datetime.fromtimestamp(entry.last_used).strftime("%Y-%m-%d %H:%M")
            return self.settings_text(entry)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return plain_tooltip(entry.prompt)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and entry.model:
            return plain_tooltip(entry.model)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            if not entry.pinned:
                return shown_prompt(entry.prompt)
            return self.tr("Pinned style: {prompt}").format(prompt=shown_prompt(entry.prompt))
        if role == Qt.ItemDataRole.UserRole:
            return entry
        return None

    def settings_text(self, entry: HistoryEntry) -> str:
        """"FLUX.1-schnell · 512x512 · ×2": the model's own name (its id in the tooltip)."""
        if not entry.model:
            return ""
        name = entry.model.rsplit("/", 1)[-1] or entry.model
        return self.tr("{model} · {size} · ×{count}").format(
            model=display_text(name, max_chars=40, max_lines=1), size=entry.size,
            count=entry.n)


class HistoryPopup(QDialog):
    """Ctrl+H: search the prompts sent before, use one (with its settings), pin styles."""

    prompt_chosen = Signal(object, bool)  # HistoryEntry, with its settings
    style_inserted = Signal(object)  # HistoryEntry, inserted at the cursor

    def __init__(
        self,
        tasks: TaskRunner,
        library_root: Path,
        parent: QWidget | None = None,
        *,
        styles_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stylesPopup" if styles_only else "historyPopup")
        self.setWindowTitle(self.tr("Insert a style") if styles_only else self.tr("Prompt history"))
        self._tasks = tasks
        self._root = library_root
        self.styles_only = styles_only
        self._serials = itertools.count(1)
        self._latest = 0
        self.is_searching = False

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("historySearch")
        self.search_edit.setAccessibleName(self.tr("Search the prompt history"))
        self.search_edit.setPlaceholderText(self.tr("Type to filter…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.model = HistoryTableModel(self)
        self.view = QTreeView()
        self.view.setObjectName("historyList")
        self.view.setAccessibleName(self.tr("Prompts sent before"))
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda _index: self.use_current())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("historyEmpty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.hide()

        buttons = QDialogButtonBox()
        if styles_only:
            self.use_button = QPushButton(self.tr("Insert at cursor"))
            self.settings_button = None
        else:
            self.use_button = QPushButton(self.tr("Use prompt"))
            self.settings_button = QPushButton(self.tr("Use with its settings"))
            self.settings_button.setObjectName("historyUseSettings")
            self.settings_button.setToolTip(self.tr(
                "The prompt and the model, size and number of images it was last sent with"))
            self.settings_button.clicked.connect(lambda: self.use_current(with_settings=True))
            buttons.addButton(self.settings_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.use_button.setObjectName("historyUse")
        self.use_button.clicked.connect(lambda: self.use_current())
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.pin_button = QPushButton(self.tr("Pin as style"))
        self.pin_button.setObjectName("historyPin")
        self.pin_button.clicked.connect(self.toggle_pin)
        buttons.addButton(self.pin_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        # Enter (in the search field too) uses the prompt; no other button takes it over.
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.use_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(720, 420)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.view.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._update_buttons())
        self._update_buttons()
        self.search()

    # -- searching --------------------------------------------------------------------------

    def search(self) -> None:
        """Search the history for the filter text (background task); stale answers dropped."""
        self._search_timer.stop()
        serial = self._latest = next(self._serials)
        text, root, styles_only = self.search_edit.text(), self._root, self.styles_only
        self.is_searching = True

        def work() -> list[HistoryEntry]:
            return pinned_first(search_history(root, text, POPUP_LIMIT, pinned_only=styles_only))

        def done(entries: list[HistoryEntry]) -> None:
            if serial == self._latest:
                self._show(entries)

        def failed(error: Exception) -> None:
            if serial == self._latest:
                self.is_searching = False
                self._show_empty(self.tr("The history could not be read: {error}").format(
                    error=str(error)))

        self._tasks.run(work, done, failed, name="history-search", context=self)

    def _show(self, entries: list[HistoryEntry]) -> None:
        selected = self.current_entry()
        self.model.set_entries(entries)
        self.is_searching = False
        if entries:
            row = next((i for i, entry in enumerate(entries)
                        if selected is not None and entry.prompt == selected.prompt), 0)
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.empty_label.hide()
        elif self.search_edit.text():
            self._show_empty(self.tr("No prompt in the history contains that."))
        elif self.styles_only:
            self._show_empty(self.tr(
                "No saved styles yet: pin a prompt in the history (Ctrl+H) to keep it here."))
        else:
            self._show_empty(self.tr("No prompts yet: every prompt you send is kept here."))
        self._update_buttons()

    def _show_empty(self, text: str) -> None:
        self.empty_label.setText(display_text(text))
        self.empty_label.show()

    # -- choosing ---------------------------------------------------------------------------

    def current_entry(self) -> HistoryEntry | None:
        index = self.view.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def use_current(self, *, with_settings: bool = False) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if self.styles_only:
            self.style_inserted.emit(entry)
        else:
            self.prompt_chosen.emit(entry, with_settings)
        self.accept()

    def toggle_pin(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        root, pinned = self._root, not entry.pinned
        self.pin_button.setEnabled(False)

        def done(_result: object) -> None:
            # Shown at once; the search after it brings the list order up to date.
            self.model.set_entries([replace(e, pinned=pinned) if e.prompt == entry.prompt else e
                                    for e in self.model.entries()])
            self.search()

        self._tasks.run(lambda: set_pinned(root, entry.prompt, pinned), done,
                        lambda _error: self._update_buttons(), name="history-pin", context=self)

    def _update_buttons(self) -> None:
        entry = self.current_entry()
        has_entry = entry is not None
        self.use_button.setEnabled(has_entry)
        if self.settings_button is not None:
            self.settings_button.setEnabled(has_entry and bool(entry and entry.model))
        self.pin_button.setEnabled(has_entry)
        self.pin_button.setText(self.tr("Unpin") if entry is not None and entry.pinned
                                else self.tr("Pin as style"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down/Page keys in the search field move through the list, so the hands stay there.
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
                               Qt.Key.Key_PageDown):
                forwarded = QKeyEvent(event.type(), event.key(), event.modifiers())
                self.view.keyPressEvent(forwarded)
                return True
        return super().eventFilter(watched, event)
