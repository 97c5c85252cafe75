"""The usage chart draws the budget limit that matches its bars, and says so in words (#15)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor, QImage

from desktop_app.library import Library
from desktop_app.settings import Settings
from desktop_app.ui.usage.buckets import ChartBucket, LimitLine
from desktop_app.ui.usage.chart import UsageChart
from desktop_app.ui.usage.ranges import RangePreset
from desktop_app.ui.usage.view import ChartShows, UsageView
from desktop_app.usage import Grouping, format_cost
from desktop_app.usage.budget import DAY, MONTH
from tests.gui.test_usage_view import make_view, recorded  # noqa: F401  (the fixture)

# The fixture's spend in the default range: 2026-11-02 $0.0031, 11-03 $0.0031, 11-10 $0.0039.


def limited(daily: float | None = None, monthly: float | None = None) -> Settings:
    settings = Settings()
    settings.budget_daily = daily
    settings.budget_monthly = monthly
    return settings


def row_has_colour(image: QImage, y: int, colour: QColor, x_from: int, x_to: int) -> bool:
    return any(
        QColor(image.pixel(x, row)).name() == colour.name()
        for row in (y - 1, y, y + 1) if 0 <= row < image.height()
        for x in range(x_from, x_to)
    )


def painted(view: UsageView) -> QImage:
    view.show()
    return view.chart.grab().toImage()


def test_a_daily_limit_is_a_labelled_line_on_the_chart_per_day(
    qtbot, recorded: Library  # noqa: F811
) -> None:
    view = make_view(qtbot, recorded, limited(daily=0.0035, monthly=1.0))
    chart = view.chart
    assert chart.limit() == LimitLine(DAY, 0.0035)
    assert chart.limit_text() == f"Daily limit {format_cost(0.0035)}"
    image = painted(view)
    y = chart.limit_y()
    assert y is not None and 28 < y < chart.height() - 22  # inside the plot, on the scale
    assert row_has_colour(image, y, chart.limit_colour(), 64, chart.width() - 12)
    description = chart.accessibleDescription()
    assert f"Daily limit {format_cost(0.0035)}" in description
    assert "exceeded on 1 day" in description  # 2026-11-10 only


def test_a_monthly_limit_is_drawn_on_the_chart_per_month_only(
    qtbot, recorded: Library  # noqa: F811
) -> None:
    view = make_view(qtbot, recorded, limited(daily=0.0035, monthly=0.005))
    view.grouping_combo.setCurrentIndex(view.grouping_combo.findData(Grouping.MONTH))
    chart = view.chart
    assert chart.limit() == LimitLine(MONTH, 0.005)
    assert view.chart_caption.text().startswith("Per month")
    description = chart.accessibleDescription()
    assert f"Monthly limit {format_cost(0.005)}" in description
    assert "exceeded in 1 month" in description  # November: $0.0101
    image = painted(view)
    y = chart.limit_y()
    assert y is not None
    assert row_has_colour(image, y, chart.limit_colour(), 64, chart.width() - 12)

    view.grouping_combo.setCurrentIndex(view.grouping_combo.findData(Grouping.WEEK))
    assert chart.limit() is None and chart.limit_y() is None  # no limit is set per week
    assert "limit" not in chart.accessibleDescription()


def test_no_line_without_a_limit_or_on_the_images_chart(
    qtbot, recorded: Library  # noqa: F811
) -> None:
    view = make_view(qtbot, recorded)
    chart = view.chart
    assert chart.limit() is None
    assert not row_has_colour(painted(view), chart.height() // 2, chart.limit_colour(), 0,
                              chart.width())
    assert "limit" not in chart.accessibleDescription()

    view = make_view(qtbot, recorded, limited(daily=0.0035))
    view.chart_combo.setCurrentIndex(view.chart_combo.findData(ChartShows.IMAGES))
    assert view.chart.limit() is None  # a limit in dollars has no place among image counts


def test_a_limit_far_above_the_bars_is_pinned_to_the_top_and_says_so(qtbot) -> None:
    chart = UsageChart()
    qtbot.addWidget(chart)
    chart.resize(640, 220)
    day = dt.date(2026, 11, 30)
    chart.set_data([day], {day: {"m": 0.01}}, ["m"], format_cost, "Spend",
                   bucket=ChartBucket.DAY, limit=LimitLine(DAY, 5.0))
    assert chart.limit_y() == 28  # the top of the plot: the bars keep their height
    chart.show()
    image = chart.grab().toImage()
    assert row_has_colour(image, 28, chart.limit_colour(), 64, chart.width() - 12)
    assert "Daily limit $5.00, exceeded on 0 day" in chart.accessibleDescription()


@pytest.mark.parametrize("preset", [RangePreset.TODAY, RangePreset.LAST_MONTH])
def test_presets_are_chosen_by_their_value_not_their_label(
    qtbot, recorded: Library, preset: RangePreset  # noqa: F811
) -> None:
    view = make_view(qtbot, recorded)
    with qtbot.waitSignal(view.loaded):
        view.range_box.set_preset(preset)
    bounds = preset.bounds(view.today())
    assert bounds is not None
    assert (view.current_filter().since, view.current_filter().until) == bounds
    with qtbot.waitSignal(view.loaded):
        view.range_box.set_preset(RangePreset.ALL_TIME)
    assert view.current_filter().since is None and not view.range_box.since_edit.isEnabled()
