"""The Usage window: requests, images, megapixels, failures and estimated spend, with a chart.

Owns the dialog and its controls: a range (a `RangePreset` kept as item data, with since and
until dates), a model filter (ids as item data), a grouping, what the chart shows; the chart with
the budget limit that matches its bars, the table, the total line, CSV export, and a clear
statement that spend is an estimate. Every figure comes from `desktop_app.usage`. The query and
the CSV file run on the serial task runner it is given (one long-lived thread: jobs run in
order and never race), never in a slot; an answer to an older query, or one arriving after the
view was closed, is dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.library import Library
from desktop_app.settings import Settings
from desktop_app.ui.plain_text import display_text, plain_tooltip, set_plain_text
from desktop_app.ui.tasks import SerialTaskRunner
from desktop_app.ui.usage.buckets import ChartBucket, bucket_values, limit_line
from desktop_app.ui.usage.chart import UsageChart, axis_cost, axis_count, count_text
from desktop_app.ui.usage.range_box import RangeBox
from desktop_app.ui.usage.summary import EstimateNotice, TotalLabel, summary_parts
from desktop_app.ui.usage.table_model import MODEL, PERIOD, UsageTableModel
from desktop_app.usage import (
    Grouping,
    UsageFilter,
    UsageReport,
    effective_prices,
    format_cost,
    load_server_prices,
    load_usage,
    recorded_models,
    write_csv,
)
from desktop_app.usage.budget import BudgetLimits

log = logging.getLogger(__name__)


class ChartShows(Enum):
    SPEND = "spend"
    IMAGES = "images"


class UsageView(QDialog):
    """Usage and estimated spend of this app's requests, from the library index."""

    loaded = Signal()  # a report is on screen
    exported = Signal(str)  # path of the CSV written
    failed = Signal(str)  # a query or an export failed; the message is also shown in the view

    def __init__(
        self,
        library: Library,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        tasks: SerialTaskRunner,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("usageView")
        self.setWindowTitle(self.tr("Usage and estimated spend"))
        self._library = library
        self._settings = settings
        self._tasks = tasks  # serial: queries and exports run in order on one thread
        self._serial = 0  # the latest query: older answers are dropped
        self._epoch = 0  # bumped on close: answers to jobs started before are dropped
        self._is_shut_down = False
        self._report: UsageReport | None = None

        self._build_controls(today)  # today: fixed in tests and screenshots
        self.notice_label = EstimateNotice()
        chart_box = self._build_chart()
        self._build_table()
        self.total_label = TotalLabel()
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
        layout.addLayout(self._controls)
        layout.addWidget(self.notice_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.status_label)
        self.resize(980, 680)

        self.range_box.changed.connect(self.refresh)
        self.model_combo.currentIndexChanged.connect(self.refresh)
        self.grouping_combo.currentIndexChanged.connect(self._show_report)
        self.chart_combo.currentIndexChanged.connect(self._show_chart)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self._choose_export_file)
        self.refresh()

    # -- building -----------------------------------------------------------------------------

    def _build_controls(self, today: dt.date | None) -> None:
        self.range_box = RangeBox(today)
        self.model_combo = QComboBox()
        self.model_combo.addItem(self.tr("All models"), None)
        # Model ids are long: a steady width (the popup shows whole ids), else the longest id
        # made the view wider than the 1000-pixel screens the window itself fits.
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # i18n (H7): never narrower than its translated "All models" (French cut it off).
        self.model_combo.setMinimumContentsLength(max(12, len(self.model_combo.itemText(0)) + 1))
        self.model_combo.currentTextChanged.connect(
            lambda text: self.model_combo.setToolTip(plain_tooltip(text)))
        self.grouping_combo = QComboBox()
        # Read after the "Rows" caption: "Per model", not "By: Model" next to the Model filter.
        for label, grouping in ((self.tr("Per day"), Grouping.DAY),
                                (self.tr("Per week"), Grouping.WEEK),
                                (self.tr("Per month"), Grouping.MONTH),
                                (self.tr("Per model"), Grouping.MODEL)):
            self.grouping_combo.addItem(label, grouping)
        self.chart_combo = QComboBox()
        self.chart_combo.addItem(self.tr("Estimated spend"), ChartShows.SPEND)
        self.chart_combo.addItem(self.tr("Images"), ChartShows.IMAGES)
        self.chart_combo.setAccessibleName(self.tr("Chart shows"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setEnabled(False)

        self._controls = QHBoxLayout()
        self._controls.addWidget(self.range_box)
        for label, widget in ((self.tr("Model"), self.model_combo),
                              (self.tr("Rows"), self.grouping_combo)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            self._controls.addWidget(caption)
            self._controls.addWidget(widget)
        self._controls.addStretch(1)
        self._controls.addWidget(self.refresh_button)
        self._controls.addWidget(self.export_button)

    def _build_chart(self) -> QWidget:
        self.chart = UsageChart()
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_header = QHBoxLayout()
        self.chart_caption = QLabel()
        chart_header.addWidget(self.chart_caption)
        chart_header.addWidget(self.chart_combo)
        chart_header.addStretch(1)
        chart_layout.addLayout(chart_header)
        chart_layout.addWidget(self.chart, 1)
        return chart_box

    def _build_table(self) -> None:
        self.table_model = UsageTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setObjectName("usageTable")
        self.table.setAccessibleName(self.tr("Usage by model"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MODEL, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    # -- what is shown ------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self.range_box.today()

    def set_range(self, since: dt.date | None, until: dt.date | None) -> None:
        """Show `since`..`until` (inclusive); None for both means all time."""
        self.range_box.set_range(since, until)

    def current_filter(self) -> UsageFilter:
        model = self.model_combo.currentData()  # the id; the item's text is for people
        model_id = model if isinstance(model, str) and model else None
        since, until = self.range_box.dates()
        return UsageFilter(since, until, model_id)

    def grouping(self) -> Grouping:
        value = self.grouping_combo.currentData()
        return value if isinstance(value, Grouping) else Grouping.DAY

    def chart_shows(self) -> ChartShows:
        value = self.chart_combo.currentData()
        return value if isinstance(value, ChartShows) else ChartShows.SPEND

    def limits(self) -> BudgetLimits:
        """The spend limits as Settings > Budget and the CLI's `budget` set them."""
        return BudgetLimits(self._settings.budget_daily, self._settings.budget_monthly)

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

        self.status_label.setText(self.tr("Loading…"))
        self._run(
            work,
            lambda result: self._on_loaded(serial, result),
            lambda error: self._on_failed(serial, error),
            name="usage-query",
        )

    def _run(
        self,
        job: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        *,
        name: str,
    ) -> None:
        """Run `job` on the serial runner; its answer is dropped once the view was closed."""
        if self._is_shut_down:
            return
        epoch = self._epoch

        def succeeded(result: object) -> None:
            if epoch == self._epoch:
                on_success(result)

        def failed(error: Exception) -> None:
            if epoch == self._epoch:
                on_failure(error)

        # The view as context: once it is deleted, Qt drops the answer (ui/tasks.py).
        self._tasks.run(job, succeeded, failed, name=name, context=self)

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
        message = self.tr("Could not read the usage records: {error}").format(error=error)
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
            label = (self.tr("All models") if model is None
                     else display_text(model, max_chars=80, max_lines=1))
            self.model_combo.addItem(label, model)
        self.model_combo.setCurrentIndex(max(wanted.index(current), 0))
        self.model_combo.blockSignals(False)

    def report(self) -> UsageReport | None:
        return self._report

    def _show_report(self) -> None:
        report = self._report
        if report is None:
            return
        self.table_model.set_rows(report.rows(self.grouping()))
        self.table.setColumnHidden(PERIOD, self.grouping() is Grouping.MODEL)
        self.total_label.set_parts(summary_parts(report.total()))
        self._show_chart()

    def _show_chart(self) -> None:
        report = self._report
        if report is None:
            return
        bucket = ChartBucket.for_grouping(self.grouping())
        captions = {ChartBucket.DAY: self.tr("Per day, by model:"),
                    ChartBucket.WEEK: self.tr("Per week, by model:"),
                    ChartBucket.MONTH: self.tr("Per month, by model:")}
        self.chart_caption.setText(captions[bucket])
        if self.chart_shows() is ChartShows.IMAGES:
            starts, values = bucket_values(report.days(), report.daily_images(), bucket)
            self.chart.set_data(starts, values, report.models(), count_text,
                                self.tr("Images"), axis_count, bucket=bucket)
        else:
            starts, values = bucket_values(report.days(), report.daily_spend(), bucket)
            self.chart.set_data(starts, values, report.models(), format_cost,
                                self.tr("Estimated spend (USD)"), axis_cost, bucket=bucket,
                                limit=limit_line(self.limits(), bucket))

    # -- export -------------------------------------------------------------------------------

    def _choose_export_file(self) -> None:
        suggested = Path.home() / f"nscale-usage-{self.today().isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export usage as CSV"), str(suggested), self.tr("CSV files (*.csv)")
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
        set_plain_text(self.status_label, self.tr("Exporting to {path}…").format(path=path))

        def done(count: int) -> None:
            set_plain_text(self.status_label, self.tr("Exported %n row(s) to {path}.", "", count)
                           .format(path=path))
            self.exported.emit(str(path))

        def failed(error: Exception) -> None:
            message = self.tr("Could not export to {path}: {error}").format(path=path,
                                                                            error=error)
            set_plain_text(self.status_label, message)
            self.failed.emit(message)

        self._run(lambda: write_csv(path, rows, total), done, failed, name="usage-export")

    # -- lifecycle ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Drop the answers of jobs still running; nothing more arrives. Idempotent."""
        self._is_shut_down = True
        self._epoch += 1

    def done(self, result: int) -> None:
        # Closed, not gone: answers still on their way are dropped; showing it again reloads.
        self._epoch += 1
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A hidden dialog is closed without done(): forget its jobs all the same.
        self._epoch += 1
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous() and self._report is not None:
            self.refresh()  # new requests may have been recorded since the last look

