"""Prompt history in the prompt box: shell-like recall, a searchable popup, completions, styles.

Owns how the window offers the prompts sent before (`desktop_app.library.history`, its own
database in the library folder that a rebuild never touches):

- Up/Down in the prompt box recall older/newer prompts like a shell, when the prompt is empty,
  unchanged since the last recall (or the prompt just sent), or the cursor is at its very start;
  Down past the newest brings back what was typed before the recall began (`RecallState`).
- Ctrl+H opens the searchable popup (`history_popup.HistoryPopup`); "Insert style" opens it on
  the pinned prompts only and inserts the chosen one at the cursor.
- Typing offers completions from the history (a `QCompleter` over `HistoryListModel`).

Every read and write of the history runs on the window's `TaskRunner`; the GUI thread only
holds lists of prompts. Prompts are untrusted text: every view shows them through
`plain_text.display_text` (one line, escaped, elided), tooltips through `plain_tooltip`. The
generation sequence records each prompt it sends (`generation.generate_and_keep`); `note_sent`
only keeps the in-memory list in step so the prompt is recalled at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QWidget

from desktop_app.api.types import GenerationRequest
from desktop_app.library.history import HistoryEntry, search_history
from desktop_app.ui.history_popup import HistoryPopup, shown_prompt
from desktop_app.ui.plain_text import plain_tooltip
from desktop_app.ui.prompt_panel import PromptPanel
from desktop_app.ui.tasks import TaskRunner

RECALL_LIMIT = 500  # prompts Up/Down and the completer hold in memory
MIN_COMPLETION_CHARS = 2
HISTORY_SHORTCUT = "Ctrl+H"
STYLE_SHORTCUT = "Ctrl+Shift+H"

ModelIndex = QModelIndex | QPersistentModelIndex


class RecallState:
    """Shell-like history navigation over a newest-first list of prompts (no Qt)."""

    def __init__(self) -> None:
        self.prompts: list[str] = []  # newest first, distinct
        self.index = -1  # -1: not recalling; else the index of the prompt shown
        self.draft = ""  # what was in the box when recalling began
        self.shown: str | None = None  # the text the last recall put in the box

    def set_prompts(self, prompts: Sequence[str]) -> None:
        self.prompts = list(dict.fromkeys(prompts))
        self.reset()

    def add(self, prompt: str) -> None:
        """A prompt was just sent: it becomes the newest, and recalling starts over."""
        self.prompts = [prompt, *(p for p in self.prompts if p != prompt)][:RECALL_LIMIT]
        self.reset()
        self.shown = prompt  # the box still holds it: "unchanged", Up recalls the one before

    def reset(self) -> None:
        self.index = -1
        self.draft = ""
        self.shown = None

    def is_unchanged(self, text: str) -> bool:
        return self.shown is not None and text == self.shown

    def older(self, text: str) -> str | None:
        """The prompt before the one shown (starting from `text`); None at the oldest."""
        if not self.is_unchanged(text):
            self.index, self.draft = -1, text
        elif self.index == -1:
            self.draft = text
        index = self.index + 1
        # The box may already hold the newest (just sent): skip what would change nothing.
        while index < len(self.prompts) and self.prompts[index] == text:
            index += 1
        if index >= len(self.prompts):
            return None
        self.index = index
        self.shown = self.prompts[index]
        return self.shown

    def newer(self, text: str) -> str | None:
        """The prompt after the one shown; past the newest, the draft; None when not recalling."""
        if self.index < 0 or not self.is_unchanged(text):
            return None
        self.index -= 1
        if self.index < 0:
            draft, self.shown = self.draft, None
            self.draft = ""
            return draft
        self.shown = self.prompts[self.index]
        return self.shown


class HistoryListModel(QAbstractListModel):
    """Prompts for the completer: shown as one escaped line, completed as the full text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._prompts: list[str] = []

    def set_prompts(self, prompts: Sequence[str]) -> None:
        self.beginResetModel()
        self._prompts = list(prompts)
        self.endResetModel()

    def prompts(self) -> list[str]:
        return list(self._prompts)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._prompts)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._prompts):
            return None
        prompt = self._prompts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_prompt(prompt)
        if role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.UserRole):
            return prompt  # what completion matches and inserts
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(prompt)
        return None


class PromptHistory(QObject):
    """Wires the history into a prompt panel: recall keys, completions, the popups."""

    loaded = Signal()  # the in-memory list was (re)loaded from the history

    def __init__(
        self,
        panel: PromptPanel,
        tasks: TaskRunner,
        library_root: Callable[[], Path],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._panel = panel
        self._tasks = tasks
        self._library_root = library_root
        self._window = parent
        self.recall = RecallState()
        self.popup: HistoryPopup | None = None
        self.edit = panel.prompt_edit
        self.edit.installEventFilter(self)

        self.completion_model = HistoryListModel(self)
        self.completer = QCompleter(self.completion_model, self)
        self.completer.setObjectName("promptCompleter")
        self.completer.setWidget(self.edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        self.completer.setMaxVisibleItems(8)
        self._completion_popup().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.completer.activated[QModelIndex].connect(self._on_completion)  # type: ignore[index]
        self._completion_popup().installEventFilter(self)  # after QCompleter's: runs first

        self.history_action = QAction(self.tr("Prompt history…"), parent)
        self.history_action.setObjectName("promptHistoryAction")
        self.history_action.setShortcut(QKeySequence(HISTORY_SHORTCUT))
        self.history_action.triggered.connect(lambda _checked=False: self.open_popup())
        self.style_action = QAction(self.tr("Insert style…"), parent)
        self.style_action.setObjectName("insertStyleAction")
        self.style_action.setShortcut(QKeySequence(STYLE_SHORTCUT))
        self.style_action.triggered.connect(lambda _checked=False: self.open_styles())
        parent.addAction(self.history_action)
        parent.addAction(self.style_action)
        # Back from a terminal where the CLI sent prompts: load the list again.
        parent.installEventFilter(self)

    def _completion_popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # QCompleter always has one
        return popup

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the prompts sent before (background task) for recall and completion."""
        root = self._library_root()

        def work() -> list[str]:
            return [entry.prompt for entry in search_history(root, "", RECALL_LIMIT)
                    if entry.uses > 0]

        self._tasks.run(work, self._set_prompts, name="history-load", context=self)

    def _set_prompts(self, prompts: list[str]) -> None:
        shown = self.recall.shown
        self.recall.set_prompts(prompts)
        self.recall.shown = shown  # a reload must not end "unchanged" for the box's text
        self.completion_model.set_prompts(self.recall.prompts)
        self.loaded.emit()

    def note_sent(self, request: GenerationRequest) -> None:
        """A prompt is being sent (the job records it): recall and complete it from now on."""
        self.recall.add(request.prompt)
        self.completion_model.set_prompts(self.recall.prompts)

    # -- recall -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.WindowActivate and watched is self._window
                and self.recall.index < 0):  # never in the middle of a recall
            self.reload()
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if watched is self.edit:
                return self._on_key(event)
            if watched is self._completion_popup():
                return self._on_popup_key(event)
        return super().eventFilter(watched, event)

    def _on_popup_key(self, event: QKeyEvent) -> bool:
        # Ahead of QCompleter's own filter, which hands Return to the editor first (a new line
        # in a QPlainTextEdit) and completes only what the editor ignores.
        popup = self._completion_popup()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            index = popup.currentIndex()
            popup.hide()
            if index.isValid():
                self._on_completion(index)
            return True
        if event.key() == Qt.Key.Key_Escape:
            popup.hide()
            return True
        if (event.text() and event.text().isprintable()) or event.key() == Qt.Key.Key_Backspace:
            # QCompleter hands the key to the editor; the list then follows the new text.
            QTimer.singleShot(0, self, self.offer_completions)
        return False

    def _on_key(self, event: QKeyEvent) -> bool:
        popup = self._completion_popup()
        if popup.isVisible():
            return self._on_popup_key(event)
        key = event.key()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        if plain and key == Qt.Key.Key_Up:
            return self.recall_older()
        if plain and key == Qt.Key.Key_Down:
            return self.recall_newer()
        if (event.text() and event.text().isprintable()) or key == Qt.Key.Key_Backspace:
            QTimer.singleShot(0, self, self.offer_completions)  # after the key changed the text
        return False

    def _can_recall_older(self, text: str) -> bool:
        return (not text or self.recall.is_unchanged(text)
                or self.edit.textCursor().position() == 0)

    def recall_older(self) -> bool:
        """Up: the prompt before; True when the key was used for that."""
        text = self.edit.toPlainText()
        if not self._can_recall_older(text):
            return False
        prompt = self.recall.older(text)
        if prompt is None:
            return self.recall.index >= 0  # at the oldest: stay there
        self._put(prompt)
        return True

    def recall_newer(self) -> bool:
        """Down: the prompt after (past the newest, what was typed); True when used."""
        prompt = self.recall.newer(self.edit.toPlainText())
        if prompt is None:
            return False
        self._put(prompt)
        return True

    def _put(self, text: str) -> None:
        self._panel.set_values(prompt=text)  # one undoable edit
        self.edit.moveCursor(QTextCursor.MoveOperation.End)

    # -- completion -------------------------------------------------------------------------

    def offer_completions(self) -> None:
        """Show the prompts that start with what is typed (when there are any)."""
        text = self.edit.toPlainText()
        cursor = self.edit.textCursor()
        popup = self._completion_popup()
        if (len(text.strip()) < MIN_COMPLETION_CHARS or "\n" in text
                or cursor.position() != len(text) or self.recall.is_unchanged(text)):
            popup.hide()
            return
        self.completer.setCompletionPrefix(text)
        count = self.completer.completionCount()
        if count == 0 or (count == 1 and self.completer.currentCompletion() == text):
            popup.hide()
            return
        rect = self.edit.cursorRect()
        rect.setWidth(max(320, self.edit.viewport().width() - rect.x()))
        self.completer.complete(rect)

    def _on_completion(self, index: QModelIndex) -> None:
        prompt = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(prompt, str):
            self._put(prompt)
            self._completion_popup().hide()

    # -- popups -----------------------------------------------------------------------------

    def open_popup(self, *, styles_only: bool = False) -> HistoryPopup:
        """The history popup (Ctrl+H), or the styles one; one at a time."""
        if self.popup is not None:
            self.popup.close()
        popup = HistoryPopup(self._tasks, self._library_root(), self._window,
                             styles_only=styles_only)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.prompt_chosen.connect(self._use_entry)
        popup.style_inserted.connect(self._insert_style)
        popup.destroyed.connect(lambda _object=None, p=popup: self._forget_popup(p))
        popup.finished.connect(lambda _result: self.edit.setFocus())
        self.popup = popup
        popup.open()
        popup.search_edit.setFocus()
        return popup

    def open_styles(self) -> HistoryPopup:
        """"Insert style": the pinned prompts; the chosen one goes in at the cursor."""
        return self.open_popup(styles_only=True)

    def _forget_popup(self, popup: HistoryPopup) -> None:
        if self.popup is popup:
            self.popup = None

    def _use_entry(self, entry: HistoryEntry, with_settings: bool) -> None:
        if with_settings and entry.model:
            self._panel.set_values(prompt=entry.prompt, model=entry.model, size=entry.size,
                                   count=entry.n)
        else:
            self._panel.set_values(prompt=entry.prompt)
        self.recall.reset()
        self.edit.moveCursor(QTextCursor.MoveOperation.End)

    def _insert_style(self, entry: HistoryEntry) -> None:
        cursor = self.edit.textCursor()
        before = self.edit.toPlainText()[: cursor.position()]
        text = entry.prompt
        if before and not before[-1].isspace() and not text[:1].isspace():
            text = (", " if not before.rstrip().endswith(",") else " ") + text
        cursor.insertText(text)  # an undoable edit at the cursor
        self.edit.setTextCursor(cursor)
