"""A small bar chart of usage per day, each bar stacked by model, painted with QPainter.

Owns only drawing already-aggregated numbers (QtCharts is not part of PySide6-Essentials): the
bars, a few gridlines with labels, day labels, a legend and a tooltip per bar. It never reads
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

# Colour-blind-friendly qualitative palette (Tableau 10); models keep their colour by position.
SERIES_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)
_MARGIN_LEFT = 64
_MARGIN_RIGHT = 12
_MARGIN_TOP = 28  # the legend
_MARGIN_BOTTOM = 22  # the day labels


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


def short_model_name(model: str) -> str:
    return model.rsplit("/", 1)[-1] or model


class UsageChart(QWidget):
    """Stacked bars: one per day, one segment per model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[dt.date] = []
        self._values: Mapping[dt.date, Mapping[str, float]] = {}
        self._models: list[str] = []
        self._format: Callable[[float], str] = lambda value: f"{value:g}"
        self._axis_format: Callable[[float, int], str] = lambda value, decimals: f"{value:g}"
        self._title = ""
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName("Usage chart")

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
    ) -> None:
        """Show `values[day][model]` for `days`; `value_format` is for tooltips, `axis_format`
        (value, decimals the gridline step needs) for the gridline labels."""
        self._days = list(days)
        self._values = values
        self._models = list(models)
        self._format = value_format
        self._axis_format = axis_format or (lambda value, decimals: f"{value:.{decimals}f}")
        self._title = title
        self.setAccessibleDescription(self.text_summary())
        self.update()

    def text_summary(self) -> str:
        """What the bars show, in words (the chart's accessible description): the title, the
        days covered and each model's total, largest first."""
        totals: dict[str, float] = {}
        for day in self._days:
            for model, value in self._values.get(day, {}).items():
                totals[model] = totals.get(model, 0.0) + value
        if not totals:
            return f"{self._title}: no data" if self._title else "No data"
        ranked = sorted(totals.items(), key=lambda item: -item[1])
        parts = "; ".join(f"{model}: {self._format(value)}" for model, value in ranked)
        span = f"{len(self._days)} day{'s' if len(self._days) != 1 else ''}"
        return display_text(f"{self._title} ({span}). {parts}" if self._title
                            else f"{span}. {parts}", max_lines=1)

    def colour_for(self, model: str) -> QColor:
        index = self._models.index(model) if model in self._models else 0
        return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])

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

        maximum = self._maximum()
        if not self._days or maximum <= 0:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No usage in this range")
            painter.end()
            return

        step, top = axis_scale(maximum)
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

        # Day labels: evenly spaced (every k days), kept inside the plot so the first never
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
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._days[index].isoformat())

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

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._bar_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
                event.ignore()
                return True
            day = self._days[index]
            lines = [day.strftime("%a %Y-%m-%d")]
            for model in self._models:
                amount = self._values.get(day, {}).get(model, 0.0)
                if amount > 0:
                    lines.append(f"{short_model_name(model)}: {self._format(amount)}")
            if len(lines) == 1:
                lines.append("nothing")
            tip = plain_tooltip("\n".join(lines), max_chars=120 * len(lines), max_lines=len(lines))
            QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)
