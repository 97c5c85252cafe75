"""The Batch dialog: prompts (typed, pasted or from a file) x models x sizes x n, priced first.

Owns collecting a batch's inputs (the prompt text in one of the CLI's three formats: lines of
text, CSV or JSON lines; the models and sizes ticked; n; how many requests at once), working out
the plan with `batch.plan` (the CLI's very rules) on a worker after each change, and showing it
live: requests, images, megapixels and the estimated cost from the prices it is handed (the
window's price precedence), or the plan's error as plain text naming the line. Start is enabled
only for a plan of at least one request that matches what the controls show; before it starts,
`spend_check(estimate)` is asked (the spend guard, which may ask the user), and only a True
answer emits `start_requested`. It sends nothing and reads no file on the GUI thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.api.errors import InvalidInputError
from desktop_app.api.types import MAX_COUNT, MIN_COUNT, ImageSize
from desktop_app.batch.plan import Plan
from desktop_app.ui.batch_plan_input import (
    MAX_FILE_LINE_CHARS,
    PLAN_DELAY_MS,
    PlanInput,
    PromptFormat,
    SpendCheck,
    allow_any_spend,
    compute_plan,
    format_for,
    plan_or_error,
    read_prompt_file,
    text_or_error,
)
from desktop_app.ui.plain_text import display_text, plain_tooltip, set_plain_text
from desktop_app.ui.prompt_panel import SIZE_PRESETS
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.text_fit import fit_placeholder
from desktop_app.ui.theme import Accent, accent
from desktop_app.usage.pricing import format_cost

# Moved to batch_plan_input.py (issue #13); re-exported so the old import paths keep working.
__all__ = [
    "MAX_FILE_LINE_CHARS",
    "PLAN_DELAY_MS",
    "BatchDialog",
    "PlanInput",
    "PromptFormat",
    "SpendCheck",
    "allow_any_spend",
    "compute_plan",
    "format_for",
    "plan_or_error",
    "read_prompt_file",
    "text_or_error",
]


class BatchDialog(QDialog):
    """Collects a batch and starts it once its plan is known and the spend check agrees."""

    start_requested = Signal(object, int)  # Plan, concurrency

    def __init__(
        self,
        models: Sequence[str],
        prices: Mapping[str, float],
        tasks: TaskRunner,
        spend_check: SpendCheck = allow_any_spend,
        *,
        current_model: str | None = None,
        current_size: str | None = None,
        max_concurrency: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batchDialog")
        self.setWindowTitle(self.tr("Batch"))
        self._prices = dict(prices)
        self._tasks = tasks
        self._spend_check = spend_check
        self._serials = itertools.count(1)
        self._serial = 0  # the latest plan asked for; older answers are dropped
        self.plan: Plan | None = None  # the plan for what the controls show, once known
        self.plan_error = ""
        self.source_path: Path | None = None

        self.format_combo = QComboBox()
        self.format_combo.setObjectName("batchFormat")
        self.format_combo.setAccessibleName(self.tr("Prompt format"))
        self.format_combo.addItem(self.tr("One prompt per line"), PromptFormat.TEXT)
        self.format_combo.addItem(self.tr("CSV (prompt, model, size, n)"), PromptFormat.CSV)
        self.format_combo.addItem(self.tr("JSON lines"), PromptFormat.JSONL)
        self.open_button = QPushButton(self.tr("Open file…"))
        self.open_button.setObjectName("batchOpenFile")
        self.open_button.clicked.connect(self.choose_file)
        self.file_label = QLabel()
        self.file_label.setObjectName("batchFileName")
        self.file_label.setEnabled(False)
        self.prompt_edit = QPlainTextEdit()
        self.prompt_edit.setObjectName("batchPrompts")
        self.prompt_edit.setAccessibleName(self.tr("Prompts"))
        self.prompt_edit.setPlaceholderText(self.tr(
            "One prompt per line. Blank lines and lines starting with # are skipped; "
            "{red|blue} makes one prompt for each choice."))
        self.prompt_edit.setTabChangesFocus(True)

        self.model_list = QListWidget()
        self.model_list.setObjectName("batchModels")
        self.model_list.setAccessibleName(self.tr("Models"))
        for model in dict.fromkeys(m for m in models if m):
            self._add_check(self.model_list, model, model, model == current_model)
        if current_model is None and self.model_list.count():
            self.model_list.item(0).setCheckState(Qt.CheckState.Checked)
        self.size_list = QListWidget()
        self.size_list.setObjectName("batchSizes")
        self.size_list.setAccessibleName(self.tr("Sizes"))
        for preset in SIZE_PRESETS:
            self._add_check(self.size_list, preset, preset, preset == (current_size or "512x512"))
        self.other_sizes_edit = QLineEdit()
        self.other_sizes_edit.setObjectName("batchOtherSizes")
        self.other_sizes_edit.setAccessibleName(self.tr("Other sizes"))
        self.other_sizes_edit.setPlaceholderText(self.tr("Other sizes, e.g. 1280x720, 640x480"))
        fit_placeholder(self.other_sizes_edit)  # i18n (H7): the whole hint in every language
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("batchCount")
        self.count_spin.setAccessibleName(self.tr("Images per request"))
        self.count_spin.setRange(MIN_COUNT, MAX_COUNT)
        self.concurrency_spin = QSpinBox()
        self.concurrency_spin.setObjectName("batchConcurrency")
        self.concurrency_spin.setAccessibleName(self.tr("Requests at once"))
        self.concurrency_spin.setRange(1, max(1, max_concurrency))
        self.concurrency_spin.setValue(max(1, min(2, max_concurrency)))
        self.concurrency_spin.setToolTip(self.tr(
            "How many of the batch's requests may be in flight at once (the window runs at "
            "most %n job(s) at a time).", "", max(1, max_concurrency)))

        self.plan_label = QLabel()
        self.plan_label.setObjectName("batchPlan")
        self.plan_label.setWordWrap(True)
        self.plan_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setObjectName("batchPlanError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(f"color: {accent(Accent.ERROR).name()};")
        self.error_label.hide()

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("Start"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("batchStart")
        self.start_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        source = QHBoxLayout()
        source.addWidget(self.format_combo)
        source.addWidget(self.open_button)
        source.addWidget(self.file_label, 1)
        choices = QHBoxLayout()
        for title, widget in ((self.tr("Models"), self.model_list),
                              (self.tr("Sizes"), self.size_list)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(widget, 1)
            if widget is self.size_list:
                column.addWidget(self.other_sizes_edit)
            choices.addLayout(column, 1)
        form = QFormLayout()
        form.addRow(self.tr("Images per request"), self.count_spin)
        form.addRow(self.tr("Requests at once"), self.concurrency_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(self.prompt_edit, 2)
        layout.addLayout(choices, 1)
        layout.addLayout(form)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(720, 640)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PLAN_DELAY_MS)
        self._timer.timeout.connect(self.update_plan)
        self.prompt_edit.textChanged.connect(self._inputs_changed)
        self.format_combo.currentIndexChanged.connect(self._inputs_changed)
        self.model_list.itemChanged.connect(self._inputs_changed)
        self.size_list.itemChanged.connect(self._inputs_changed)
        self.other_sizes_edit.textChanged.connect(self._inputs_changed)
        self.count_spin.valueChanged.connect(self._inputs_changed)
        self._show_plan()
        self.prompt_edit.setFocus()

    # -- the controls -----------------------------------------------------------------------

    @staticmethod
    def _add_check(widget: QListWidget, text: str, value: str, checked: bool) -> None:
        item = QListWidgetItem(display_text(text, max_chars=120, max_lines=1))
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setToolTip(plain_tooltip(value))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        widget.addItem(item)

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [str(widget.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(widget.count())
                if widget.item(row).checkState() == Qt.CheckState.Checked]

    def set_checked(self, widget: QListWidget, values: Sequence[str]) -> None:
        """Tick exactly `values` in the model or size list."""
        for row in range(widget.count()):
            item = widget.item(row)
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in values
                               else Qt.CheckState.Unchecked)

    def checked_models(self) -> list[str]:
        return self._checked(self.model_list)

    def checked_sizes(self) -> list[str]:
        return self._checked(self.size_list)

    def set_format(self, prompt_format: PromptFormat) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(prompt_format))

    def plan_input(self) -> PlanInput:
        """The controls' values; InvalidInputError for a size in "Other sizes" that is wrong."""
        sizes = [ImageSize.parse(text) for text in self.checked_sizes()]
        for text in self.other_sizes_edit.text().replace(";", ",").split(","):
            if text.strip():
                sizes.append(ImageSize.parse(text.strip().lower().replace(" ", "")))
        return PlanInput(
            text=self.prompt_edit.toPlainText(),
            format=self.format_combo.currentData(),
            models=tuple(self.checked_models()),
            sizes=tuple(dict.fromkeys(sizes)),
            n=self.count_spin.value(),
            prices=self._prices,
        )

    # -- the plan ---------------------------------------------------------------------------

    def _inputs_changed(self, *_args: object) -> None:
        self.plan = None  # what is shown no longer matches the controls
        self.start_button.setEnabled(False)
        self._timer.start()

    def is_planning(self) -> bool:
        """A plan is asked for or being worked out; Start waits for it."""
        return self._timer.isActive() or self._serial != 0

    def update_plan(self) -> None:
        """Work out the plan for the controls' values on a worker; newer asks win."""
        self._timer.stop()
        self.plan = None
        try:
            spec = self.plan_input()
        except InvalidInputError as error:
            self._serial = 0
            self._show_error(error.message)
            return
        serial = self._serial = next(self._serials)
        self._tasks.run(lambda: plan_or_error(spec),
                        lambda plan: self._on_plan(serial, plan),
                        lambda error: self._on_plan_failed(serial, error),
                        name="batch-plan", context=self)

    def _on_plan(self, serial: int, plan: Plan | str) -> None:
        if serial != self._serial:
            return
        self._serial = 0
        if isinstance(plan, str):
            self._show_error(plan)
            return
        self.plan, self.plan_error = plan, ""
        self._show_plan()

    def _on_plan_failed(self, serial: int, error: Exception) -> None:
        if serial != self._serial:
            return
        self._serial = 0
        self._show_error(self.tr("Unexpected {kind}.").format(kind=type(error).__name__))

    def _show_error(self, message: str) -> None:
        self.plan = None
        self.plan_error = message
        set_plain_text(self.error_label, self.tr("No plan: {error}").format(error=message),
                       max_lines=4)
        self.error_label.show()
        self.plan_label.clear()
        self.start_button.setEnabled(False)

    def plan_text(self, plan: Plan) -> str:
        if not plan.requests:
            return self.tr("No prompts yet.")
        summary = self.tr("%n request(s)", "", plan.requests)
        images = self.tr("%n image(s)", "", plan.images)
        if plan.estimated_cost is not None:
            cost = self.tr("≈ {cost}").format(cost=format_cost(plan.estimated_cost))
        else:
            cost = self.tr("≈ at least {cost}; no price is known for {models}").format(
                cost=format_cost(plan.known_cost), models=", ".join(plan.unpriced_models()))
        return self.tr("{requests} · {images} · {megapixels} MP · {cost}").format(
            requests=summary, images=images, megapixels=f"{plan.megapixels:,.2f}", cost=cost)

    def _show_plan(self) -> None:
        plan = self.plan
        self.error_label.hide()
        set_plain_text(self.plan_label, self.plan_text(plan) if plan is not None
                       else self.tr("No prompts yet."), max_lines=3)
        self.start_button.setEnabled(plan is not None and plan.requests > 0)

    # -- the file ---------------------------------------------------------------------------

    def ask_open_path(self) -> Path | None:
        """The prompt file to open; a seam tests replace."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a prompt file"), "",
            self.tr("Prompt files (*.txt *.csv *.jsonl *.ndjson);;All files (*)"))
        return Path(name) if name else None

    def choose_file(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        """Read `path` on a worker; its text replaces the prompts, in the format its name says."""
        self.open_button.setEnabled(False)
        self._tasks.run(lambda: text_or_error(path),
                        lambda result: self._on_file_read(path, *result),
                        lambda error: self._on_file_failed(path, type(error).__name__),
                        name="batch-file", context=self)

    def _on_file_read(self, path: Path, text: str, error: str) -> None:
        self.open_button.setEnabled(True)
        if error:
            self._on_file_failed(path, error)
            return
        self.source_path = path
        set_plain_text(self.file_label, path.name, max_chars=80, max_lines=1)
        self.file_label.setToolTip(plain_tooltip(str(path)))
        self.format_combo.blockSignals(True)
        self.set_format(format_for(path))
        self.format_combo.blockSignals(False)
        self.prompt_edit.setPlainText(text)
        self.update_plan()

    def _on_file_failed(self, path: Path, message: str) -> None:
        self.open_button.setEnabled(True)
        self._show_error(self.tr("{file}: {error}").format(file=path.name, error=message))

    # -- starting ---------------------------------------------------------------------------

    def start(self) -> None:
        """Ask the spend check with the estimate; start only if it agrees."""
        plan = self.plan
        if plan is None or not plan.requests or self.is_planning():
            return
        estimate = plan.estimated_cost if plan.estimated_cost is not None else plan.known_cost
        if not self._spend_check(estimate):
            return  # the guard said why; the dialog stays for a smaller plan
        self.start_requested.emit(plan, self.concurrency_spin.value())
        self.accept()
