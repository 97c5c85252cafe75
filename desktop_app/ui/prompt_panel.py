"""The prompt panel: prompt text, model, size, count and the Generate button.

Owns collecting and validating what the user asks for and explaining invalid input right next to
the control (no modal dialogs), and the estimated cost of the request next to Generate (from the
prices it is handed, computed by `desktop_app.usage.pricing`). It emits a ready
`GenerationRequest`; it never sends anything, never reads settings files and never touches the
network (model lists and prices are handed to it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import DEFAULT_MODEL
from desktop_app.api.errors import InvalidInputError
from desktop_app.api.types import MAX_COUNT, MIN_COUNT, GenerationRequest, ImageSize
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import plain_tooltip, set_plain_text, shown_as_is
from desktop_app.ui.theme import Accent, accent

SIZE_PRESETS: tuple[str, ...] = (
    "256x256",
    "512x512",
    "768x768",
    "1024x1024",
    "1024x768",
    "768x1024",
    "1344x768",
    "768x1344",
)
DEFAULT_SIZE_TEXT = "512x512"


def preset_label(size: str) -> str:
    """"1024x768 · 4:3": a preset with its aspect ratio, as the size box lists it."""
    width, _, height = size.partition("x")
    divisor = math.gcd(int(width), int(height))
    return f"{size} · {int(width) // divisor}:{int(height) // divisor}"


class _ErrorLabel(QLabel):
    """A small error line under a control; hidden when empty."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.hide()

    def set_error(self, text: str) -> None:
        set_plain_text(self, text)  # may quote what the user typed
        self.setStyleSheet(f"color: {accent(Accent.ERROR).name()};")
        self.setVisible(bool(text))


class PromptPanel(QWidget):
    """Collects one request; emits `generate_requested` when it is valid."""

    generate_requested = Signal(object)  # GenerationRequest
    refresh_models_requested = Signal()
    values_changed = Signal()  # model, size or count changed (for remembering them)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt_edit = QPlainTextEdit()
        self.prompt_edit.setObjectName("promptEdit")
        self.prompt_edit.setAccessibleName(self.tr("Prompt"))
        self.prompt_edit.setAccessibleDescription(
            self.tr("Describe the image; Ctrl+Enter generates"))
        self.prompt_edit.setPlaceholderText(
            self.tr("Describe the image you want…  (Ctrl+Enter generates)")
        )
        self.prompt_edit.setTabChangesFocus(True)
        self.prompt_error = _ErrorLabel()

        self.model_combo = QComboBox()
        self.model_combo.setObjectName("modelCombo")
        self.model_combo.setAccessibleName(self.tr("Model"))
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model_combo.setMinimumContentsLength(18)
        self.model_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line_edit = self.model_combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(
                self.tr("model id, e.g. {model}").format(model=DEFAULT_MODEL))
        self.model_combo.addItem(DEFAULT_MODEL)
        self.refresh_button = QToolButton()
        self.refresh_button.setIcon(icon("refresh"))
        self.refresh_button.setToolTip(self.tr("Refresh the model list from the server"))
        self.refresh_button.setAccessibleName(self.tr("Refresh models"))
        self.refresh_button.setAccessibleDescription(
            self.tr("Refresh the model list from the server"))
        self.refresh_button.clicked.connect(self.refresh_models_requested)
        self.model_error = _ErrorLabel()

        self.size_combo = QComboBox()
        self.size_combo.setObjectName("sizeCombo")
        self.size_combo.setAccessibleName(self.tr("Size"))
        for preset in SIZE_PRESETS:  # shown with the ratio; the item data is the size itself
            self.size_combo.addItem(preset_label(preset), preset)
        self.size_combo.addItem(self.tr("Custom…"), None)
        self.size_combo.setCurrentIndex(self.size_combo.findData(DEFAULT_SIZE_TEXT))
        self.custom_size_edit = QLineEdit()
        self.custom_size_edit.setObjectName("customSizeEdit")
        self.custom_size_edit.setAccessibleName(self.tr("Custom size"))
        self.custom_size_edit.setAccessibleDescription(
            self.tr("Width x height in pixels, e.g. 1280x720"))
        self.custom_size_edit.setPlaceholderText(self.tr("W x H, e.g. 1280x720"))
        # Wide enough for its placeholder, which is the only hint of the format.
        metrics = self.custom_size_edit.fontMetrics()
        self.custom_size_edit.setMinimumWidth(
            metrics.horizontalAdvance(self.custom_size_edit.placeholderText()) + 24)
        self.custom_size_edit.hide()
        self.size_error = _ErrorLabel()

        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("countSpin")
        self.count_spin.setAccessibleName(self.tr("Number of images"))
        self.count_spin.setRange(MIN_COUNT, MAX_COUNT)
        self.count_spin.setValue(1)
        self.count_spin.setToolTip(
            self.tr("How many images ({least}–{most})").format(least=MIN_COUNT, most=MAX_COUNT))

        self.generate_button = QPushButton(icon("generate"), self.tr("Generate"))
        self.generate_button.setObjectName("generateButton")
        # Bold, not "default": Fusion draws a default button exactly as a focused one, so
        # keyboard focus on Generate was invisible.
        font = self.generate_button.font()
        font.setBold(True)
        self.generate_button.setFont(font)
        self.generate_button.setToolTip(self.tr("Generate (Ctrl+Enter)"))
        self.generate_button.clicked.connect(self.submit)
        self.cost_label = QLabel()
        self.cost_label.setObjectName("costLabel")
        self.cost_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._prices: Mapping[str, float] | None = None  # None until the window hands them over
        self._budget_note = ""  # "$4.20 left today", after the estimate

        model_row = QHBoxLayout()
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(self.refresh_button)
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_combo)
        size_row.addWidget(self.custom_size_edit)
        size_row.addStretch(1)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_spin)
        count_row.addStretch(1)
        count_row.addWidget(self.cost_label)
        count_row.addWidget(self.generate_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Model"), model_row)
        form.addRow("", self.model_error)
        form.addRow(self.tr("Size"), size_row)
        form.addRow("", self.size_error)
        form.addRow(self.tr("Images"), count_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt_edit, 1)
        layout.addWidget(self.prompt_error)
        layout.addLayout(form)

        # Ctrl+Enter generates from any control of the panel (plain Enter in the prompt still
        # makes a new line); the keypad's Enter as well as Return.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)

        self.size_combo.currentIndexChanged.connect(self._on_size_choice_changed)
        self.custom_size_edit.textChanged.connect(lambda _text: self.size_error.set_error(""))
        self.prompt_edit.textChanged.connect(lambda: self.prompt_error.set_error(""))
        self.model_combo.currentTextChanged.connect(self._on_model_changed)
        self.count_spin.valueChanged.connect(lambda _value: self.values_changed.emit())
        self.values_changed.connect(self._update_cost)
        self.custom_size_edit.textChanged.connect(lambda _text: self._update_cost())

    # -- values -----------------------------------------------------------------------------

    def set_models(self, models: Sequence[str]) -> None:
        """Replace the model list, keeping whatever the user has typed or chosen."""
        current = self.current_model()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        # The item's text is the id sent back: an id with control or bidi characters, or one
        # too long to show, is not offered (it can still be typed).
        self.model_combo.addItems([m for m in dict.fromkeys(models) if shown_as_is(m)])
        self.model_combo.setCurrentText(current)
        self.model_combo.blockSignals(False)
        self._show_model_start()

    def _show_model_start(self) -> None:
        # A narrow box shows where a long id begins ("black-forest-labs/…"), not its tail.
        line_edit = self.model_combo.lineEdit()
        if line_edit is not None and not line_edit.hasFocus():
            line_edit.setCursorPosition(0)

    def set_prices(self, prices: Mapping[str, float]) -> None:
        """Prices per megapixel by model (precedence already applied); updates the estimate."""
        self._prices = dict(prices)
        self._update_cost()

    def cost_estimate(self) -> float | None:
        """The estimated cost of what the controls describe; None when it cannot be known."""
        if self._prices is None:
            return None
        from desktop_app.usage.pricing import estimate_cost

        try:
            size = ImageSize.parse(self.current_size_text())
        except InvalidInputError:
            return None
        return estimate_cost(self.current_model(), size.width, size.height,
                             self.count_spin.value(), self._prices)

    def set_budget_note(self, text: str) -> None:
        """What is left of the budget ("$4.20 left today"), shown after the estimate; "" = none."""
        self._budget_note = text
        self._update_cost()

    def _show_cost(self, estimate: str) -> None:  # "≈ $0.012 · $4.20 left today"
        self.cost_label.setText(" · ".join(part for part in (estimate, self._budget_note) if part))

    def _update_cost(self) -> None:
        if self._prices is None:
            self._show_cost("")
            return
        from desktop_app.usage.pricing import find_price, format_cost, format_price_amount

        model = self.current_model()
        try:
            ImageSize.parse(self.current_size_text())
        except InvalidInputError:
            model = ""
        if not model:
            self._show_cost("")
            self.cost_label.setToolTip("")
            return
        price = find_price(self._prices, model)
        self._show_cost(f"≈ {format_cost(self.cost_estimate())}")
        if price is None:
            self.cost_label.setToolTip(plain_tooltip(self.tr(
                "No price is known for {model}, so no estimate. Add one in Settings, Prices."
            ).format(model=model)))
        else:
            self.cost_label.setToolTip(plain_tooltip(self.tr(
                "Estimated cost of this request: images × megapixels × {price} / MP for {model}. "
                "An estimate from your prices; your Nscale bill is the authority."
            ).format(price=format_price_amount(price), model=model)))

    def models(self) -> list[str]:
        return [self.model_combo.itemText(i) for i in range(self.model_combo.count())]

    def current_model(self) -> str:
        return self.model_combo.currentText().strip()

    def current_size_text(self) -> str:
        preset = self.size_combo.currentData()
        if preset is None:
            return self.custom_size_edit.text().strip()
        return str(preset)

    # -- for the window (#13: it calls these instead of reaching into the controls) --------

    def current_count(self) -> int:
        return self.count_spin.value()

    def draft(self) -> str:
        """The prompt as typed (remembered at quit)."""
        return self.prompt_edit.toPlainText()

    def set_refresh_busy(self, busy: bool) -> None:
        """A model refresh is under way: its button waits."""
        self.refresh_button.setEnabled(not busy)

    def set_refresh_note(self, note: str | None) -> None:
        """Why the last refresh failed (plain text) in the button's tooltip; None: no note."""
        tooltip = self.tr("Refresh the model list from the server")
        self.refresh_button.setToolTip(plain_tooltip(f"{tooltip}\n{note}") if note else tooltip)

    def set_values(
        self,
        *,
        prompt: str | None = None,
        model: str | None = None,
        size: str | None = None,
        count: int | None = None,
    ) -> None:
        """Fill the controls (reuse settings, restore last choices); None leaves one as it is."""
        if prompt is not None and prompt != self.prompt_edit.toPlainText():
            # One edit block through the cursor, not setPlainText: the old text stays on the
            # undo stack, so Ctrl+Z brings back what the user had typed.
            cursor = self.prompt_edit.textCursor()
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(prompt)
            cursor.endEditBlock()
            # QTextDocument merges a typed insertion into the previous one while the document
            # counts as modified; marking it unmodified here makes typing after the reuse its
            # own undo step instead of being undone together with the reuse.
            self.prompt_edit.document().setModified(False)
            self.prompt_edit.setTextCursor(cursor)
        if model:
            self.model_combo.setCurrentText(model)
            self._show_model_start()
        if size:
            normalised = size.replace(" ", "").lower()
            if normalised in SIZE_PRESETS:
                self.size_combo.setCurrentIndex(self.size_combo.findData(normalised))
            else:
                self.size_combo.setCurrentIndex(self.size_combo.count() - 1)  # Custom…
                self.custom_size_edit.setText(normalised)
        if count is not None and MIN_COUNT <= count <= MAX_COUNT:
            self.count_spin.setValue(count)

    def set_draft(self, text: str) -> None:
        """The prompt as it was left last time (start-up): not an undoable edit."""
        self.prompt_edit.setPlainText(text)
        self.prompt_edit.moveCursor(QTextCursor.MoveOperation.End)

    def build_request(self) -> GenerationRequest | None:
        """The request the controls describe, or None after showing what is wrong where."""
        valid = True
        prompt = self.prompt_edit.toPlainText()
        size: ImageSize | None = None
        try:
            size = ImageSize.parse(self.current_size_text())
        except InvalidInputError as error:
            self.size_error.set_error(error.message)
            valid = False
        else:
            self.size_error.set_error("")
        if not prompt.strip():
            self.prompt_error.set_error(self.tr("Describe the image you want first."))
            valid = False
        if not self.current_model():
            self.model_error.set_error(self.tr("Choose a model or type a model id."))
            valid = False
        if not valid or size is None:
            return None
        request = GenerationRequest(
            prompt=prompt.strip(), model=self.current_model(), size=size, n=self.count_spin.value()
        )
        try:
            request.validate()
        except InvalidInputError as error:
            self.prompt_error.set_error(error.message)
            return None
        return request

    def submit(self) -> None:
        request = self.build_request()
        if request is not None:
            self.generate_requested.emit(request)

    def focus_prompt(self) -> None:
        self.prompt_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- internals --------------------------------------------------------------------------

    def _on_size_choice_changed(self, _index: int) -> None:
        is_custom = self.size_combo.currentData() is None
        self.custom_size_edit.setVisible(is_custom)
        self.size_error.set_error("")
        if is_custom:
            self.custom_size_edit.setFocus()
        self.values_changed.emit()

    def _on_model_changed(self, _text: str) -> None:
        self.model_error.set_error("")
        self.values_changed.emit()
