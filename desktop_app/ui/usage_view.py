"""The Usage window and the price editor: requests, images, megapixels, failures and spend.

Owns the widgets only: a range (preset, since, until), a model filter and a grouping, a stacked
bar chart per day, a sortable table of per-period, per-model figures, a total line, CSV export,
and a clear statement that spend is an estimate. Every figure comes from `desktop_app.usage`; the
query and the CSV file run on one shared worker thread (one `QObject` moved to one `QThread`,
so jobs run in order and never race), never in a slot; a reply from an older query is dropped.
`PriceEditor` edits the user's prices per megapixel for the settings dialog.
"""

from __future__ import annotations

import atexit
import datetime as dt
import itertools
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.library import Library
from desktop_app.settings import Settings
from desktop_app.threads import stop_threads, worker_thread
from desktop_app.ui.plain_text import display_text, plain_tooltip, set_plain_text
from desktop_app.ui.theme import Accent, tinted_background
from desktop_app.ui.usage_chart import UsageChart
from desktop_app.usage import (
    ESTIMATE_NOTICE,
    Grouping,
    PriceSource,
    PriceTable,
    UsageFilter,
    UsageReport,
    UsageRow,
    effective_prices,
    format_cost,
    format_price,
    load_server_prices,
    load_usage,
    recorded_models,
    write_csv,
)

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

ALL_MODELS = "All models"
_PRESETS = ("Last 7 days", "Last 30 days", "This month", "Last 12 months", "All time", "Custom")
_DEFAULT_PRESET = "Last 30 days"
# Read after the "Rows" caption: "Per model", not "By: Model" next to the Model filter.
_GROUPINGS = (("Per day", Grouping.DAY), ("Per week", Grouping.WEEK),
              ("Per month", Grouping.MONTH), ("Per model", Grouping.MODEL))
_CHART_SPEND = "Estimated spend"
_CHART_IMAGES = "Images"


def _to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def preset_range(name: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    if name == "Last 7 days":
        return today - dt.timedelta(days=6), today
    if name == "Last 30 days":
        return today - dt.timedelta(days=29), today
    if name == "This month":
        return today.replace(day=1), today
    if name == "Last 12 months":
        return today - dt.timedelta(days=364), today
    return None, None


class UsageTableModel(QAbstractTableModel):
    """Rows of a usage report; DisplayRole is text, UserRole the raw value used for sorting."""

    COLUMNS = ("Period", "Model", "Requests", "Images", "Megapixels", "Failed", "Cancelled",
               "Price / MP", "Est. spend")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[UsageRow] = []

    def set_rows(self, rows: Sequence[UsageRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> UsageRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
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
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 5 and row.failures:
                return "Not charged:\n" + "\n".join(
                    f"{kind.replace('_', ' ')}: {count}" for kind, count in
                    sorted(row.failures.items())
                )
            if column == 8 and row.spend is None:
                return "No price for this model: set one in Settings > Prices."
            if column == 1:
                return plain_tooltip(row.model)
        return None

    @staticmethod
    def _text(row: UsageRow, column: int) -> str:
        if column == 0:
            return row.period
        if column == 1:
            return display_text(row.model, max_lines=1)
        if column == 2:
            return f"{row.requests:,}"
        if column == 3:
            return f"{row.images:,}"
        if column == 4:
            return f"{row.megapixels:,.2f}"
        if column == 5:
            return f"{row.failed:,}"
        if column == 6:
            return f"{row.cancelled:,}"
        if column == 7:
            return format_price(row.price) if row.price is not None else "unknown"
        return format_cost(row.spend)

    @staticmethod
    def _value(row: UsageRow, column: int) -> object:
        values: tuple[object, ...] = (
            row.period, row.model.casefold(), row.requests, row.images, row.megapixels,
            row.failed, row.cancelled, -1.0 if row.price is None else row.price,
            -1.0 if row.spend is None else row.spend,
        )
        return values[column]


class _UsageWorker(QObject):
    """Runs the view's jobs (queries, CSV files) one at a time on the view's thread."""

    succeeded = Signal(int, object)  # job id, result
    failed = Signal(int, object)  # job id, exception

    @Slot(int, object)
    def run(self, job_id: int, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except Exception as error:
            self.failed.emit(job_id, error)
        else:
            self.succeeded.emit(job_id, result)


_job_ids = itertools.count(1)
_shared: tuple[QThread, _UsageWorker] | None = None


def _shared_worker() -> _UsageWorker:
    """The one usage worker thread of the process, started on first use.

    It outlives any view (a view may be deleted while a query runs; its connections then go
    with it) and is stopped when the application quits or, failing that, when Python exits.
    """
    global _shared
    if _shared is None:
        worker = _UsageWorker()
        thread = worker_thread(worker, "usage")
        thread.start()
        _shared = (thread, worker)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(stop_worker_thread)
        atexit.register(stop_worker_thread)
    return _shared[1]


def stop_worker_thread() -> None:
    """Let the running query finish (milliseconds) and stop the usage thread, waiting a bounded
    time; idempotent."""
    global _shared
    if _shared is None:
        return
    thread, worker = _shared
    if stop_threads([thread]):
        return  # still running: keep the references (threads.py); the app's exit handles it
    _shared = None
    # Dropping the last references deletes both here, after the thread ended (threads.py).
    del thread, worker


class SummaryLabel(QLabel):
    """A label of parts joined by " · " that, when the line does not fit, breaks only at those
    separators, so no single word ("cancelled") is left alone on a line."""

    SEPARATOR = " · "

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts: list[str] = []
        # Still on, for a single part wider than the label.
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # parts name failure kinds from the records

    def set_parts(self, parts: Sequence[str]) -> None:
        self._parts = list(parts)
        self._reflow()

    def full_text(self) -> str:
        return self.SEPARATOR.join(self._parts) if self._parts else self.text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._parts and event.size().width() != event.oldSize().width():
            self._reflow()

    def _reflow(self) -> None:
        text = "\n".join(self._lines(self.contentsRect().width() - 2 * self.margin()))
        if text != self.text():
            self.setText(text)

    def _lines(self, width: int) -> list[str]:
        """The fewest lines that fit, then the most even of those breaks: a greedy fill would
        leave "14 cancelled" alone on the last line, which is what this label is here to avoid."""
        metrics = self.fontMetrics()
        parts = self._parts
        ending = self.SEPARATOR.rstrip()  # a line that goes on below ends in " ·"

        def layout(breaks: tuple[int, ...]) -> list[str]:
            bounds = (0, *breaks, len(parts))
            lines = [self.SEPARATOR.join(parts[a:b]) for a, b in itertools.pairwise(bounds)]
            return [line + ending for line in lines[:-1]] + lines[-1:]

        for count in range(1, len(parts) + 1):
            options = [
                layout(breaks)
                for breaks in itertools.combinations(range(1, len(parts)), count - 1)
            ]
            widths = [max(map(metrics.horizontalAdvance, lines)) for lines in options]
            # A layout fits when every line of more than one part fits; a single part wider
            # than the label is left to word wrap.
            fitting = [
                (widest, lines) for widest, lines in zip(widths, options, strict=True)
                if all(metrics.horizontalAdvance(line) <= width
                       for line in lines if self.SEPARATOR in line)
            ]
            if fitting:
                return min(fitting, key=lambda option: option[0])[1]
        return layout(tuple(range(1, len(parts))))


class UsageView(QDialog):
    """Usage and estimated spend of this app's requests, from the library index."""

    _submitted = Signal(int, object)  # job id, callable: runs on the worker thread
    loaded = Signal()  # a report is on screen
    exported = Signal(str)  # path of the CSV written
    failed = Signal(str)  # a query or an export failed; the message is also shown in the view

    def __init__(
        self,
        library: Library,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("usageView")
        self.setWindowTitle("Usage and estimated spend")
        self._library = library
        self._settings = settings
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._is_shut_down = False
        worker = _shared_worker()
        self._submitted.connect(worker.run)
        worker.succeeded.connect(self._on_job_succeeded)
        worker.failed.connect(self._on_job_failed)
        self._today = today  # fixed in tests and screenshots; None means the real date
        self._serial = 0
        self._report: UsageReport | None = None

        # -- controls ------------------------------------------------------------------------
        self.preset_combo = QComboBox()
        self.preset_combo.addItems(_PRESETS)
        self.since_edit = QDateEdit()
        self.until_edit = QDateEdit()
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.model_combo = QComboBox()
        self.model_combo.addItem(ALL_MODELS, None)
        # Model ids are long: a steady width (the popup shows whole ids), else the longest id
        # made the view wider than the 1000-pixel screens the window itself fits.
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(12)
        self.model_combo.currentTextChanged.connect(
            lambda text: self.model_combo.setToolTip(plain_tooltip(text)))
        self.grouping_combo = QComboBox()
        for label, grouping in _GROUPINGS:
            self.grouping_combo.addItem(label, grouping)
        self.chart_combo = QComboBox()
        self.chart_combo.addItems([_CHART_SPEND, _CHART_IMAGES])
        self.chart_combo.setAccessibleName("Chart shows")
        self.refresh_button = QPushButton("Refresh")
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setEnabled(False)

        controls = QHBoxLayout()
        for label, widget in (("Range", self.preset_combo), ("From", self.since_edit),
                              ("to", self.until_edit), ("Model", self.model_combo),
                              ("Rows", self.grouping_combo)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            controls.addWidget(caption)
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.export_button)

        self.notice_label = QLabel(ESTIMATE_NOTICE)
        self.notice_label.setObjectName("estimateNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setAutoFillBackground(True)
        self.notice_label.setContentsMargins(8, 6, 8, 6)
        palette = self.notice_label.palette()
        palette.setColor(self.notice_label.backgroundRole(), tinted_background(Accent.INFO))
        self.notice_label.setPalette(palette)

        # -- chart ---------------------------------------------------------------------------
        self.chart = UsageChart()
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_header = QHBoxLayout()
        chart_header.addWidget(QLabel("Per day, by model:"))
        chart_header.addWidget(self.chart_combo)
        chart_header.addStretch(1)
        chart_layout.addLayout(chart_header)
        chart_layout.addWidget(self.chart, 1)

        # -- table ---------------------------------------------------------------------------
        self.table_model = UsageTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setObjectName("usageTable")
        self.table.setAccessibleName("Usage by model")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

        self.total_label = SummaryLabel()
        self.total_label.setObjectName("usageTotal")
        bold = QFont(self.total_label.font())
        bold.setBold(True)
        self.total_label.setFont(bold)
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setObjectName("usageStatus")
        self.status_label.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(chart_box)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.notice_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.status_label)
        self.resize(980, 680)

        self._apply_preset(_DEFAULT_PRESET)
        self.preset_combo.setCurrentText(_DEFAULT_PRESET)
        self.preset_combo.currentTextChanged.connect(self._on_preset_changed)
        self.since_edit.dateChanged.connect(self._on_date_edited)
        self.until_edit.dateChanged.connect(self._on_date_edited)
        self.model_combo.currentIndexChanged.connect(self.refresh)
        self.grouping_combo.currentIndexChanged.connect(self._show_report)
        self.chart_combo.currentIndexChanged.connect(self._show_chart)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self._choose_export_file)
        self.refresh()

    # -- range --------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _apply_preset(self, name: str) -> None:
        since, until = preset_range(name, self.today())
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(True)
        if since is not None and until is not None:
            self.since_edit.setDate(_to_qdate(since))
            self.until_edit.setDate(_to_qdate(until))
        is_all = name == "All time"
        self.since_edit.setEnabled(not is_all)
        self.until_edit.setEnabled(not is_all)
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(False)

    def _on_preset_changed(self, name: str) -> None:
        if name != "Custom":
            self._apply_preset(name)
            self.refresh()

    def _on_date_edited(self) -> None:
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentText("Custom")
        self.preset_combo.blockSignals(False)
        self.refresh()

    def set_range(self, since: dt.date | None, until: dt.date | None) -> None:
        """Show `since`..`until` (inclusive); None for both means all time."""
        self.preset_combo.blockSignals(True)
        if since is None and until is None:
            self.preset_combo.setCurrentText("All time")
            self._apply_preset("All time")
        else:
            self.preset_combo.setCurrentText("Custom")
            self._apply_preset("Custom")
            for edit, day in ((self.since_edit, since), (self.until_edit, until)):
                edit.blockSignals(True)
                edit.setDate(_to_qdate(day or self.today()))
                edit.blockSignals(False)
        self.preset_combo.blockSignals(False)
        self.refresh()

    def current_filter(self) -> UsageFilter:
        model = self.model_combo.currentData()  # the id; the item's text is for people
        model_id = model if isinstance(model, str) and model else None
        if self.preset_combo.currentText() == "All time":
            return UsageFilter(model=model_id)
        since = _from_qdate(self.since_edit.date())
        until = _from_qdate(self.until_edit.date())
        if until < since:
            since, until = until, since
        return UsageFilter(since, until, model_id)

    def grouping(self) -> Grouping:
        value = self.grouping_combo.currentData()
        return value if isinstance(value, Grouping) else Grouping.DAY

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Query again off the GUI thread; a reply from an older query is dropped."""
        self._serial += 1
        serial = self._serial
        usage_filter = self.current_filter()
        user_prices = dict(self._settings.prices)
        database = self._library.database_path

        def work() -> tuple[UsageReport, list[str]]:
            prices = effective_prices(user_prices, load_server_prices())
            return load_usage(database, usage_filter, prices), recorded_models(database)

        self.status_label.setText("Loading…")
        self._run(
            work,
            lambda result: self._on_loaded(serial, result),
            lambda error: self._on_failed(serial, error),
        )

    def _run(
        self,
        job: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        if self._is_shut_down:
            return
        job_id = next(_job_ids)
        self._callbacks[job_id] = (on_success, on_failure)
        self._submitted.emit(job_id, job)

    @Slot(int, object)
    def _on_job_succeeded(self, job_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if callbacks is not None:
            callbacks[0](result)

    @Slot(int, object)
    def _on_job_failed(self, job_id: int, error: Exception) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if callbacks is not None:
            callbacks[1](error)

    def _on_loaded(self, serial: int, result: tuple[UsageReport, list[str]]) -> None:
        if serial != self._serial:
            return
        report, models = result
        self._report = report
        self._set_models(models)
        self.status_label.setText("")
        self.export_button.setEnabled(True)
        self._show_report()
        log.debug("usage query took %.1f ms", report.elapsed_s * 1000)
        self.loaded.emit()

    def _on_failed(self, serial: int, error: Exception) -> None:
        if serial != self._serial:
            return
        log.error("Could not read usage: %r", error)
        message = f"Could not read the usage records: {error}"
        set_plain_text(self.status_label, message)
        self.failed.emit(message)

    def _set_models(self, models: Iterable[str]) -> None:
        # Model ids come from servers: each item shows the id escaped and bounded, and keeps
        # the exact id as its data (what the filter uses).
        current = self.model_combo.currentData()
        wanted: list[str | None] = [None, *dict.fromkeys(models)]
        if current not in wanted:
            wanted.append(current)
        existing = [self.model_combo.itemData(i) for i in range(self.model_combo.count())]
        if existing == wanted:
            return
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for model in wanted:
            label = ALL_MODELS if model is None else display_text(model, max_chars=80,
                                                                  max_lines=1)
            self.model_combo.addItem(label, model)
        self.model_combo.setCurrentIndex(max(wanted.index(current), 0))
        self.model_combo.blockSignals(False)

    def report(self) -> UsageReport | None:
        return self._report

    def _show_report(self) -> None:
        report = self._report
        if report is None:
            return
        rows = report.rows(self.grouping())
        self.table_model.set_rows(rows)
        self.table.setColumnHidden(0, self.grouping() is Grouping.MODEL)
        total = report.total()
        if total.requests == 0:
            self.total_label.set_parts(["No requests recorded in this range."])
        else:
            failures = f" ({_kinds_text(total.failures)})" if total.failures else ""
            spend = format_cost(total.spend)
            if total.spend is None:
                spend = "incomplete: a model has no price"
            self.total_label.set_parts([
                f"Estimated spend {spend}", f"{total.requests:,} requests",
                f"{total.images:,} images", f"{total.megapixels:,.2f} MP",
                f"{total.failed:,} failed{failures}", f"{total.cancelled:,} cancelled",
            ])
        self._show_chart()

    def _show_chart(self) -> None:
        report = self._report
        if report is None:
            return
        if self.chart_combo.currentText() == _CHART_IMAGES:
            self.chart.set_data(report.days(), report.daily_images(), report.models(),
                                _count_text, "Images", _axis_count)
        else:
            self.chart.set_data(report.days(), report.daily_spend(), report.models(),
                                format_cost, "Estimated spend (USD)", _axis_cost)

    # -- export -------------------------------------------------------------------------------

    def _choose_export_file(self) -> None:
        suggested = Path.home() / f"nscale-usage-{self.today().isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export usage as CSV", str(suggested), "CSV files (*.csv)"
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        """Write the rows on screen (and the total) to `path`, off the GUI thread."""
        report = self._report
        if report is None:
            return
        rows = report.rows(self.grouping())
        total = report.total()
        set_plain_text(self.status_label, f"Exporting to {path}…")

        def done(count: int) -> None:
            set_plain_text(self.status_label, f"Exported {count} rows to {path}.")
            self.exported.emit(str(path))

        def failed(error: Exception) -> None:
            message = f"Could not export to {path}: {error}"
            set_plain_text(self.status_label, message)
            self.failed.emit(message)

        self._run(lambda: write_csv(path, rows, total), done, failed)

    # -- lifecycle ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Drop the callbacks of jobs still running; nothing more arrives. Idempotent."""
        self._is_shut_down = True
        self._callbacks.clear()

    def done(self, result: int) -> None:
        # Closed, not gone: answers still on their way are dropped; showing it again reloads.
        self._callbacks.clear()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A hidden dialog is closed without done(): forget its jobs all the same.
        self._callbacks.clear()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous() and self._report is not None:
            self.refresh()  # new requests may have been recorded since the last look


def _count_text(value: float) -> str:
    return f"{value:,.0f}"


def _axis_count(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _axis_cost(value: float, decimals: int) -> str:
    return f"${value:,.{max(2, decimals)}f}"


def _kinds_text(failures: Mapping[str, int]) -> str:
    return ", ".join(
        f"{kind.replace('_', ' ')} {count}" for kind, count in sorted(failures.items())
    )


# --- prices ----------------------------------------------------------------------------------


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
        self.table.setHorizontalHeaderLabels(["Model", "USD per megapixel", "Source", ""])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.new_model_edit = QLineEdit()
        self.new_model_edit.setPlaceholderText("Model id, e.g. org/model-name")
        self.add_button = QPushButton("Add model")
        self.add_button.setEnabled(False)
        self.new_model_edit.textChanged.connect(
            lambda text: self.add_button.setEnabled(bool(text.strip()))
        )
        self.add_button.clicked.connect(self._add_typed_model)
        self.new_model_edit.returnPressed.connect(self._add_typed_model)
        note = QLabel(
            "Used for spend estimates only. Your price wins over the server's list, which wins "
            "over the built-in defaults."
        )
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
        item = self.table.item(row, 0)
        return item.text() if item is not None else ""

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
        name = _read_only_item(model)
        self.table.setItem(row, 0, name)
        spin = QDoubleSpinBox()
        spin.setDecimals(5)
        spin.setRange(0.0, 10.0)
        spin.setSingleStep(0.0001)
        spin.setPrefix("$ ")
        spin.setKeyboardTracking(False)
        spin.setAccessibleName(f"Price per megapixel for {model}")
        self.table.setCellWidget(row, 1, spin)
        self.table.setItem(row, 2, _read_only_item(""))
        reset = QToolButton()
        reset.setText("Reset")
        reset.setToolTip("Use the server's or the default price")
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
            price, source = self._user[model], "your price"
        elif inherited is not None:
            price = inherited[0]
            source = "server" if inherited[1] is PriceSource.SERVER else "default"
        else:
            price, source = 0.0, "no price: enter one"
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


__all__ = ["PriceEditor", "UsageTableModel", "UsageView"]
