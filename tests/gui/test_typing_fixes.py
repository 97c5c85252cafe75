"""Bugs the type checker found in the widgets, each pinned by the behaviour it broke."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from desktop_app.ui.usage.chart import UsageChart


def test_hovering_a_usage_bar_shows_its_day_and_models(qtbot) -> None:
    """QHelpEvent has `pos()`, not `position()`: the tooltip raised AttributeError instead."""
    chart = UsageChart()
    qtbot.addWidget(chart)
    chart.resize(640, 220)
    day = dt.date(2026, 11, 30)
    chart.set_data([day], {day: {"black-forest-labs/FLUX.1-schnell": 0.25}},
                   ["black-forest-labs/FLUX.1-schnell"], lambda value: f"${value:.2f}")
    chart.show()
    qtbot.waitExposed(chart)
    middle = QPoint(chart.width() // 2, chart.height() // 2)
    hover = QHelpEvent(QEvent.Type.ToolTip, middle, chart.mapToGlobal(middle))

    assert chart.event(hover) is True
    assert "2026-11-30" in QToolTip.text()
    assert "$0.25" in QToolTip.text()
    QToolTip.hideText()
