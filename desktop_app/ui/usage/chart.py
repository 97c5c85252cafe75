"""A small bar chart of usage per day, week or month, each bar stacked by model, with QPainter.

Owns only drawing already-aggregated numbers (QtCharts is not part of PySide6-Essentials): the
bars, a few gridlines with labels, period labels, a legend, a tooltip per bar, the budget limit
as a labelled dashed line, and the same in words (the accessible description). It never reads
the database or computes figures; `set_data` hands it everything `paintEvent` needs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.ui.plain_text import display_text, plain_tooltip
from desktop_app.ui.theme import Accent, accent
from desktop_app.ui.usage.buckets import ChartBucket, LimitLine
from desktop_app.usage.budget import DAY

# Colour-blind-friendly qualitative palette (Tableau 10); models keep their colour by position.
SERIES_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)
_MARGIN_LEFT = 64
_MARGIN_RIGHT = 12
_MARGIN_TOP = 28  # the legend
_MARGIN_BOTTOM = 22  # the day labels
# A limit far above the tallest bar would squash the bars flat: past this many times the tallest
# bar, the line is pinned to the top of the plot and its label says it is off the scale.
LIMIT_SCALE_FACTOR = 3.0


def _nice_step(maximum: float, ticks: int = 4) -> float:
    """A round gridline step (1, 2 or 5 x 10^k) giving about `ticks` lines up to `maximum`."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def axis_scale(maximum: float, ticks: int = 4) -> tuple[float, float]:
    """(gridline step, axis top) for data up to `maximum`: the top is a whole number of steps and
    at least 8% above the tallest bar, so no bar ever touches the top of the plot."""
    step = _nice_step(maximum, ticks)
    # The tiny epsilon keeps float noise (0.30000000000000004) from adding a whole extra step.
    top = step * math.ceil(maximum * 1.08 / step - 1e-9)
    return step, max(top, step)


def day_label_indices(
    count: int, slot: float, label_width: float, right_margin: float = _MARGIN_RIGHT
) -> list[int]:
    """Which of `count` days (bars `slot` px apart) get a date label `label_width` px wide.

    Every k-th day, counted back from the last (the most recent day is the one people look
    for), with k the smallest of a few calendar-friendly steps whose labels do not touch; the
    first day is added only when it does not collide with its neighbour. Labels are kept inside
    the widget and right of the y-axis labels, so the first one never runs into "$0.000".
    """
    if count <= 0:
        return []
    # The last label is pushed left when it would run off the widget; leave room for that.
    last_shift = max(0.0, label_width / 2 - slot / 2 - right_margin)
    needed = (label_width + last_shift) / max(slot, 1e-6)
    every = next(
        (k for k in (1, 2, 3, 4, 5, 7, 10, 14, 15, 21, 28, 30) if k >= needed),
        30 * math.ceil(needed / 30),
    )
    shown = list(range(count - 1, -1, -every))[::-1]
    # The first label is clamped to the plot's left edge, which moves it right by up to half
    # a label; it may then only join if it still clears the next label.
    if shown[0] != 0:
        first_right = max(0.5 * slot + label_width / 2, label_width)
        next_left = (shown[0] + 0.5) * slot - label_width / 2
        if first_right <= next_left:
            shown.insert(0, 0)
    return shown


def count_text(value: float) -> str:
    """A count for tooltips: 1,234."""
    return f"{value:,.0f}"


def axis_count(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def axis_cost(value: float, decimals: int) -> str:
    """A gridline's dollars, with at least cents."""
    return f"${value:,.{max(2, decimals)}f}"


def short_model_name(model: str) -> str:
    return model.rsplit("/", 1)[-1] or model


class UsageChart(QWidget):
    """Stacked bars: one per day (or week, or month), one segment per model; and the limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[dt.date] = []  # each bar's first day
        self._values: Mapping[dt.date, Mapping[str, float]] = {}
        self._models: list[str] = []
        self._format: Callable[[float], str] = lambda value: f"{value:g}"
        self._axis_format: Callable[[float, int], str] = lambda value, decimals: f"{value:g}"
        self._title = ""
        self._bucket = ChartBucket.DAY
        self._limit: LimitLine | None = None
        self._limit_label_rect = QRectF()  # where the limit's label was painted last
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Usage chart"))

    def sizeHint(self) -> QSize:
        return QSize(640, 220)

    def set_data(
        self,
        days: Sequence[dt.date],
        values: Mapping[dt.date, Mapping[str, float]],
        models: Sequence[str],
        value_format: Callable[[float], str],
        title: str = "",
        axis_format: Callable[[float, int], str] | None = None,
        *,
        bucket: ChartBucket = ChartBucket.DAY,
        limit: LimitLine | None = None,
    ) -> None:
        """Show `values[start][model]` for the bars starting on `days` (`bucket` says how long
        a bar is); `value_format` is for tooltips and the limit, `axis_format` (value, decimals
        the gridline step needs) for the gridline labels; `limit` is drawn as a line."""
        self._days = list(days)
        self._values = values
        self._models = list(models)
        self._format = value_format
        self._axis_format = axis_format or (lambda value, decimals: f"{value:.{decimals}f}")
        self._title = title
        self._bucket = bucket
        self._limit = limit
        self.setAccessibleDescription(self.text_summary())
        self.update()

    def limit(self) -> LimitLine | None:
        return self._limit

    def limit_text(self) -> str:
        """The limit line's label ("Daily limit $5.00"), "" without a limit."""
        if self._limit is None:
            return ""
        amount = self._format(self._limit.amount)
        if self._limit.period == DAY:
            return self.tr("Daily limit {amount}").format(amount=amount)
        return self.tr("Monthly limit {amount}").format(amount=amount)

    def text_summary(self) -> str:
        """What the bars show, in words (the chart's accessible description): the title, the
        periods covered, each model's total, largest first, and the limit line."""
        totals: dict[str, float] = {}
        for day in self._days:
            for model, value in self._values.get(day, {}).items():
                totals[model] = totals.get(model, 0.0) + value
        limit = self._limit_summary()
        if not totals:
            empty = (self.tr("{title}: no data").format(title=self._title) if self._title
                     else self.tr("No data"))
            return f"{empty} {limit}".strip()
        ranked = sorted(totals.items(), key=lambda item: -item[1])
        parts = "; ".join(f"{model}: {self._format(value)}" for model, value in ranked)
        count = len(self._days)
        if self._bucket is ChartBucket.WEEK:
            span = self.tr("%n week(s)", "", count)
        elif self._bucket is ChartBucket.MONTH:
            span = self.tr("%n month(s)", "", count)
        else:
            span = self.tr("%n day(s)", "", count)
        heading = (self.tr("{title} ({span}).").format(title=self._title, span=span)
                   if self._title else self.tr("{span}.").format(span=span))
        # The limit before the models: a long list of models is what gets cut.
        return display_text(" ".join(part for part in (heading, limit, parts) if part),
                            max_lines=1)

    def _limit_summary(self) -> str:
        if self._limit is None:
            return ""
        over = sum(
            1 for day in self._days
            if sum(self._values.get(day, {}).values()) > self._limit.amount + 1e-12
        )
        if self._limit.period == DAY:
            return self.tr("Daily limit {amount}, exceeded on %n day(s).", "", over).format(
                amount=self._format(self._limit.amount))
        return self.tr("Monthly limit {amount}, exceeded in %n month(s).", "", over).format(
            amount=self._format(self._limit.amount))

    def colour_for(self, model: str) -> QColor:
        index = self._models.index(model) if model in self._models else 0
        return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])

    @staticmethod
    def limit_colour() -> QColor:
        return accent(Accent.ERROR)

    def _plot_area(self) -> QRectF:
        return QRectF(
            _MARGIN_LEFT,
            _MARGIN_TOP,
            max(1, self.width() - _MARGIN_LEFT - _MARGIN_RIGHT),
            max(1, self.height() - _MARGIN_TOP - _MARGIN_BOTTOM),
        )

    def _maximum(self) -> float:
        totals = [sum(self._values.get(day, {}).values()) for day in self._days]
        return max(totals, default=0.0)

    def _limit_on_scale(self) -> bool:
        return self._limit is not None and (
            self._limit.amount <= LIMIT_SCALE_FACTOR * self._maximum())

    def _scale_maximum(self) -> float:
        """What the axis must reach: the tallest bar, and the limit when it is on the scale."""
        maximum = self._maximum()
        if self._limit is not None and self._limit_on_scale():
            maximum = max(maximum, self._limit.amount)
        return maximum

    def limit_y(self) -> int | None:
        """Where the limit line is painted (pixels from the top), None when none is drawn."""
        maximum = self._scale_maximum()
        if self._limit is None or not self._days or self._maximum() <= 0:
            return None
        area = self._plot_area()
        if not self._limit_on_scale():
            return int(area.top())
        _step, top = axis_scale(maximum)
        return int(area.bottom() - self._limit.amount * area.height() / top)

    def _bar_at(self, x: float) -> int | None:
        area = self._plot_area()
        if not self._days or not area.left() <= x < area.right():
            return None
        index = int((x - area.left()) / (area.width() / len(self._days)))
        return index if 0 <= index < len(self._days) else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(40)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        area = self._plot_area()
        metrics = painter.fontMetrics()

        if not self._days or self._maximum() <= 0:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No usage in this range"))
            painter.end()
            return

        step, top = axis_scale(self._scale_maximum())
        decimals = max(0, -math.floor(math.log10(step)))
        scale = area.height() / top

        # Gridlines and their labels.
        value = 0.0
        while value <= top + step / 2:
            y = area.bottom() - value * scale
            painter.setPen(QPen(grid, 1))
            painter.drawLine(int(area.left()), int(y), int(area.right()), int(y))
            painter.setPen(text)
            label_rect = QRectF(0, y - metrics.height() / 2, _MARGIN_LEFT - 6, metrics.height())
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._axis_format(value, decimals),
            )
            value += step

        # Bars, stacked in model order so each model sits at the same level every day.
        slot = area.width() / len(self._days)
        gap = 1.0 if slot < 6 else max(1.0, slot * 0.2)
        bars: list[QRectF] = []
        for index, day in enumerate(self._days):
            x = area.left() + index * slot + gap / 2
            base = area.bottom()
            for model in self._models:
                amount = self._values.get(day, {}).get(model, 0.0)
                if amount <= 0:
                    continue
                height = amount * scale
                painter.fillRect(
                    QRectF(x, base - height, max(1.0, slot - gap), height), self.colour_for(model)
                )
                base -= height
            if base < area.bottom():
                bars.append(QRectF(x, base, max(1.0, slot - gap), area.bottom() - base))

        self._paint_limit(painter, area, bars)

        # Period labels: evenly spaced (every k bars), kept inside the plot so the first never
        # runs into the "$0.000" gridline label on its left.
        painter.setPen(text)
        label_width = metrics.horizontalAdvance("2026-11-25") + 12
        for index in day_label_indices(len(self._days), slot, label_width):
            centre = area.left() + (index + 0.5) * slot
            rect = QRectF(
                centre - label_width / 2, area.bottom() + 3, label_width, metrics.height()
            )
            rect.moveLeft(
                max(area.left(), min(rect.left(), self.width() - label_width))
            )
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                             self._bucket.label(self._days[index]))

        # Legend: the title, then a swatch and the short name of each model.
        x = area.left()
        y = (_MARGIN_TOP - metrics.height()) / 2
        if self._title:
            painter.drawText(QPoint(int(x), int(y + metrics.ascent())), self._title)
            x += metrics.horizontalAdvance(self._title) + 16
        for model in self._models:
            name = short_model_name(model)
            swatch = metrics.height() * 0.7
            painter.fillRect(
                QRectF(x, y + (metrics.height() - swatch) / 2, swatch, swatch),
                self.colour_for(model),
            )
            x += swatch + 4
            painter.setPen(text)
            painter.drawText(QPoint(int(x), int(y + metrics.ascent())), name)
            x += metrics.horizontalAdvance(name) + 14
        painter.end()

    def _paint_limit(self, painter: QPainter, area: QRectF, bars: Sequence[QRectF]) -> None:
        """The limit as a dashed line across the plot, labelled at one end, above or below it:
        the first of those places that covers no bar (else above, on the right)."""
        y = self.limit_y()
        if y is None:
            return
        colour = self.limit_colour()
        pen = QPen(colour, 2)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(int(area.left()), y, int(area.right()), y)
        label = self.limit_text()
        if not self._limit_on_scale():
            label = self.tr("{limit} (above the chart)").format(limit=label)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(label) + 8
        height = metrics.height()
        places = [QRectF(left, top, width, height)
                  for left in (area.right() - width, area.left() + 2)
                  for top in (y - height - 2, y + 3) if area.top() <= top <= area.bottom() - height]
        rect = next((place for place in places if not any(place.intersects(bar) for bar in bars)),
                    places[0] if places else QRectF(area.right() - width, y + 3, width, height))
        self._limit_label_rect = rect
        painter.fillRect(rect, self.palette().color(QPalette.ColorRole.Base))
        painter.setPen(colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._bar_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
                event.ignore()
                return True
            day = self._days[index]
            heading = (day.strftime("%a %Y-%m-%d") if self._bucket is ChartBucket.DAY
                       else self._bucket.label(day))
            lines = [heading]
            for model in self._models:
                amount = self._values.get(day, {}).get(model, 0.0)
                if amount > 0:
                    lines.append(f"{short_model_name(model)}: {self._format(amount)}")
            if len(lines) == 1:
                lines.append(self.tr("nothing"))
            if self._limit is not None:
                lines.append(self.limit_text())
            tip = plain_tooltip("\n".join(lines), max_chars=120 * len(lines), max_lines=len(lines))
            QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)
