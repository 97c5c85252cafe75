"""The usage table's model: one row per period and model of a usage report.

Owns the columns, the text each cell shows (translated captions, figures formatted for people),
and the raw value each cell sorts by (`Qt.UserRole`, what the view's sort proxy uses). Model ids
come from servers: they are shown escaped and bounded, with the whole id in the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from desktop_app.ui.plain_text import display_text, plain_tooltip
from desktop_app.usage import UsageRow, format_cost
from desktop_app.usage.pricing import format_price_amount

Index = QModelIndex | QPersistentModelIndex

PERIOD, MODEL, REQUESTS, IMAGES, MEGAPIXELS, FAILED, CANCELLED, PRICE, SPEND = range(9)
COLUMN_COUNT = 9


class UsageTableModel(QAbstractTableModel):
    """Rows of a usage report; DisplayRole is text, UserRole the raw value used for sorting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[UsageRow] = []
        self._titles = (
            self.tr("Period"), self.tr("Model"), self.tr("Requests"), self.tr("Images"),
            self.tr("Megapixels"), self.tr("Failed"), self.tr("Cancelled"),
            self.tr("Price / MP"), self.tr("Est. spend"),
        )

    def set_rows(self, rows: Sequence[UsageRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> UsageRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return self._value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= REQUESTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: UsageRow, column: int) -> str | None:
        if column == FAILED and row.failures:
            kinds = "\n".join(f"{kind.replace('_', ' ')}: {count}"
                              for kind, count in sorted(row.failures.items()))
            return self.tr("Not charged:\n{kinds}").format(kinds=kinds)
        if column == SPEND and row.spend is None:
            return self.tr("No price for this model: set one in Settings > Prices.")
        if column == MODEL:
            return plain_tooltip(row.model)
        return None

    def _text(self, row: UsageRow, column: int) -> str:
        if column == PERIOD:
            return row.period
        if column == MODEL:
            return display_text(row.model, max_lines=1)
        if column == MEGAPIXELS:
            return f"{row.megapixels:,.2f}"
        if column == PRICE:
            if row.price is None:
                return self.tr("unknown")
            return self.tr("{price} / MP").format(price=format_price_amount(row.price))
        if column == SPEND:
            return self.tr("price unknown") if row.spend is None else format_cost(row.spend)
        counts = {REQUESTS: row.requests, IMAGES: row.images, FAILED: row.failed,
                  CANCELLED: row.cancelled}
        return f"{counts[column]:,}"

    @staticmethod
    def _value(row: UsageRow, column: int) -> object:
        values: tuple[object, ...] = (
            row.period, row.model.casefold(), row.requests, row.images, row.megapixels,
            row.failed, row.cancelled, -1.0 if row.price is None else row.price,
            -1.0 if row.spend is None else row.spend,
        )
        return values[column]
