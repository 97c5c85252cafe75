"""The price editor of Settings > Prices: the user's price per megapixel for each model.

Owns showing every model with a known price (the built-in defaults, the server's list, the
user's own, and the models the window knows of), where each price comes from, and collecting the
prices the user typed (`user_prices()`, what the dialog saves). Prices are estimates for the
usage view and the spend guard; nothing here is sent anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.settings import Settings
from desktop_app.ui.plain_text import display_text, plain_tooltip
from desktop_app.usage import PriceSource, PriceTable


class PriceEditor(QWidget):
    """Edits the user's price per megapixel for each model; `user_prices()` is what to save.

    Shows every model with a known price (defaults, the server's list, the user's) plus any
    `models` passed in, with where its price comes from. A price the user typed wins; "Reset"
    returns a model to the server's or the default price.
    """

    changed = Signal()

    def __init__(
        self,
        user_prices: Mapping[str, float],
        server_prices: Mapping[str, float] | None = None,
        models: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("priceEditor")
        self._user = dict(user_prices)
        self._inherited = PriceTable(server=dict(server_prices or {}))
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("priceTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("USD per megapixel"), self.tr("Source"), ""])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.new_model_edit = QLineEdit()
        self.new_model_edit.setPlaceholderText(self.tr("Model id, e.g. org/model-name"))
        self.add_button = QPushButton(self.tr("Add model"))
        self.add_button.setEnabled(False)
        self.new_model_edit.textChanged.connect(
            lambda text: self.add_button.setEnabled(bool(text.strip()))
        )
        self.add_button.clicked.connect(self._add_typed_model)
        self.new_model_edit.returnPressed.connect(self._add_typed_model)
        note = QLabel(self.tr(
            "Used for spend estimates only. Your price wins over the server's list, which wins "
            "over the built-in defaults."
        ))
        note.setWordWrap(True)
        adding = QHBoxLayout()
        adding.addWidget(self.new_model_edit, 1)
        adding.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(adding)
        layout.addWidget(note)
        names = {*self._inherited.models(), *self._user, *(m for m in models if m.strip())}
        for model in sorted(names, key=str.casefold):
            self._add_row(model)

    def models(self) -> list[str]:
        return [self._model_at(row) for row in range(self.table.rowCount())]

    def user_prices(self) -> dict[str, float]:
        """The prices the user set (to store in `Settings.prices`)."""
        return dict(self._user)

    def set_price(self, model: str, price: float) -> None:
        """Set the user's price for `model` (adding the row if needed), as typing would."""
        row = self._row_of(model)
        if row is None:
            row = self._add_row(model)
        spin = self._spin_at(row)
        spin.setValue(price)
        self._on_value_changed(model, spin.value())

    def reset(self, model: str) -> None:
        self._user.pop(model, None)
        row = self._row_of(model)
        if row is not None:
            self._refresh_row(row)
        self.changed.emit()

    def source_text(self, model: str) -> str:
        row = self._row_of(model)
        item = self.table.item(row, 2) if row is not None else None
        return item.text() if item is not None else ""

    def _model_at(self, row: int) -> str:
        item = self.table.item(row, 0)  # the exact id is the item's data; its text is shown
        model = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return model if isinstance(model, str) else ""

    def _row_of(self, model: str) -> int | None:
        for row in range(self.table.rowCount()):
            if self._model_at(row) == model:
                return row
        return None

    def _spin_at(self, row: int) -> QDoubleSpinBox:
        widget = self.table.cellWidget(row, 1)
        assert isinstance(widget, QDoubleSpinBox)
        return widget

    def _add_typed_model(self) -> None:
        model = self.new_model_edit.text().strip()
        if not model:
            return
        row = self._row_of(model)
        if row is None:
            row = self._add_row(model)
        self.new_model_edit.clear()
        self.table.setCurrentCell(row, 1)
        self._spin_at(row).setFocus()

    def _add_row(self, model: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = _read_only_item(display_text(model, max_lines=1))
        name.setToolTip(plain_tooltip(model))
        name.setData(Qt.ItemDataRole.UserRole, model)
        self.table.setItem(row, 0, name)
        spin = QDoubleSpinBox()
        spin.setDecimals(5)
        spin.setRange(0.0, 10.0)
        spin.setSingleStep(0.0001)
        spin.setPrefix("$ ")
        spin.setKeyboardTracking(False)
        spin.setAccessibleName(self.tr("Price per megapixel for {model}").format(model=model))
        self.table.setCellWidget(row, 1, spin)
        self.table.setItem(row, 2, _read_only_item(""))
        reset = QToolButton()
        reset.setText(self.tr("Reset"))
        reset.setToolTip(self.tr("Use the server's or the default price"))
        reset.clicked.connect(lambda _checked=False, m=model: self.reset(m))
        self.table.setCellWidget(row, 3, reset)
        self._refresh_row(row)
        spin.valueChanged.connect(lambda value, m=model: self._on_value_changed(m, value))
        return row

    def _refresh_row(self, row: int) -> None:
        model = self._model_at(row)
        spin = self._spin_at(row)
        inherited = self._inherited.lookup(model)
        if model in self._user:
            price, source = self._user[model], self.tr("your price")
        elif inherited is not None:
            price = inherited[0]
            source = (self.tr("server") if inherited[1] is PriceSource.SERVER
                      else self.tr("default"))
        else:
            price, source = 0.0, self.tr("no price: enter one")
        spin.blockSignals(True)
        spin.setValue(price)
        spin.blockSignals(False)
        source_item = self.table.item(row, 2)
        if source_item is not None:
            source_item.setText(source)
        reset = self.table.cellWidget(row, 3)
        if reset is not None:
            reset.setEnabled(model in self._user)

    def _on_value_changed(self, model: str, value: float) -> None:
        inherited = self._inherited.price(model)
        if inherited is not None and abs(value - inherited) < 1e-9:
            self._user.pop(model, None)  # typing the inherited price back is not an override
        else:
            self._user[model] = value
        row = self._row_of(model)
        if row is not None:
            self._refresh_row(row)
        self.changed.emit()


def _read_only_item(value: str) -> QTableWidgetItem:
    item = QTableWidgetItem(value)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(plain_tooltip(value))
    return item



class PricesPage(QWidget):
    """Settings > Prices: the price editor as a settings page."""

    def __init__(self, editor: PriceEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        QVBoxLayout(self).addWidget(editor)

    def title(self) -> str:
        return self.tr("Prices")

    def check(self) -> bool:
        return True  # every price the spin boxes allow is valid

    def apply(self, settings: Settings) -> None:
        settings.prices = self.editor.user_prices()
