"""The "Add to board" chooser: pick a board by typing part of its name, or type a new one.

Owns only the dialog; the caller adds the images (creating the board if the name is new) through
`ui.board_list.BoardPanel`. Names are shown as escaped plain text by the board list's model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListView, QVBoxLayout, QWidget

from desktop_app.library.boards import Board
from desktop_app.ui.board_list import (
    BOARD,
    KIND_ROLE,
    NAME_ROLE,
    BoardCounts,
    BoardDelegate,
    BoardListModel,
)
from desktop_app.ui.text_fit import fit_placeholder


class BoardChooser(QDialog):
    """"Add to board": type to filter the boards, or a new name to create one; Enter picks."""

    def __init__(self, boards: Sequence[Board], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardChooser")
        self.setWindowTitle(self.tr("Add to board"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Board name"))
        self.name_edit.setPlaceholderText(self.tr("Board name (a new name creates a board)"))
        fit_placeholder(self.name_edit)  # the whole hint in any language (German was cut off)
        names = BoardListModel(self)
        names.set_counts(BoardCounts(tuple(boards), 0, 0))
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(names)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._proxy.setFilterKeyColumn(0)
        self._proxy.setFilterRole(KIND_ROLE)
        self._proxy.setFilterFixedString(BOARD)
        self._boards = list(boards)
        self.list_view = QListView()
        self.list_view.setAccessibleName(self.tr("Boards"))
        self.list_view.setModel(self._proxy)
        self.list_view.setItemDelegate(BoardDelegate(self.list_view))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(buttons)
        self.name_edit.textChanged.connect(self._filter)
        self.list_view.doubleClicked.connect(lambda _index: self.accept())
        self.name_edit.installEventFilter(self)
        self._filter("")

    def _filter(self, text: str) -> None:
        wanted = " ".join(text.split()).casefold()
        for row in range(self._proxy.rowCount()):
            name = str(self._proxy.index(row, 0).data(NAME_ROLE)).casefold()
            self.list_view.setRowHidden(row, bool(wanted) and wanted not in name)
        visible = [r for r in range(self._proxy.rowCount()) if not self.list_view.isRowHidden(r)]
        exact = [r for r in visible
                 if str(self._proxy.index(r, 0).data(NAME_ROLE)).casefold() == wanted]
        pick = exact[0] if exact else visible[0] if visible else None
        if pick is None or (wanted and not exact and not visible):
            self.list_view.clearSelection()
            self.list_view.setCurrentIndex(QModelIndex())
        else:
            self.list_view.setCurrentIndex(self._proxy.index(pick, 0))

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if watched is self.name_edit and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.list_view.setFocus()
            self.list_view.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def chosen_name(self) -> str:
        """The board picked in the list, else the typed name (a new board)."""
        typed = " ".join(self.name_edit.text().split())
        index = self.list_view.currentIndex()
        if index.isValid() and not self.list_view.isRowHidden(index.row()):
            name = str(index.data(NAME_ROLE))
            if not typed or typed.casefold() in name.casefold():
                return name
        return typed
