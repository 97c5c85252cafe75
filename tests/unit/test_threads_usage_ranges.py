"""The usage view's Qt-free parts: range presets (date arithmetic), chart buckets, limit lines."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.ui.usage.buckets import ChartBucket, LimitLine, bucket_values, limit_line
from desktop_app.ui.usage.ranges import DEFAULT_PRESET, RangePreset, ordered
from desktop_app.usage import Grouping
from desktop_app.usage.budget import DAY, MONTH, BudgetLimits

D = dt.date


@pytest.mark.parametrize(("preset", "today", "expected"), [
    (RangePreset.TODAY, D(2026, 11, 12), (D(2026, 11, 12), D(2026, 11, 12))),
    (RangePreset.LAST_7_DAYS, D(2026, 11, 12), (D(2026, 11, 6), D(2026, 11, 12))),
    (RangePreset.LAST_7_DAYS, D(2026, 3, 2), (D(2026, 2, 24), D(2026, 3, 2))),
    (RangePreset.LAST_30_DAYS, D(2026, 11, 12), (D(2026, 10, 14), D(2026, 11, 12))),
    (RangePreset.THIS_MONTH, D(2026, 11, 12), (D(2026, 11, 1), D(2026, 11, 12))),
    (RangePreset.THIS_MONTH, D(2026, 11, 1), (D(2026, 11, 1), D(2026, 11, 1))),
    (RangePreset.LAST_MONTH, D(2026, 11, 12), (D(2026, 10, 1), D(2026, 10, 31))),
    (RangePreset.LAST_MONTH, D(2026, 1, 31), (D(2025, 12, 1), D(2025, 12, 31))),
    (RangePreset.LAST_MONTH, D(2024, 3, 15), (D(2024, 2, 1), D(2024, 2, 29))),  # leap year
    (RangePreset.LAST_12_MONTHS, D(2026, 11, 12), (D(2025, 11, 13), D(2026, 11, 12))),
])
def test_each_preset_covers_its_days_inclusive(preset, today, expected) -> None:
    assert preset.bounds(today) == expected
    assert preset.has_dates


def test_all_time_and_custom_have_no_dates_of_their_own() -> None:
    assert RangePreset.ALL_TIME.bounds(D(2026, 11, 12)) is None
    assert not RangePreset.ALL_TIME.has_dates
    assert RangePreset.CUSTOM.bounds(D(2026, 11, 12)) is None  # keeps the dates typed
    assert RangePreset.CUSTOM.has_dates


def test_the_default_is_the_last_30_days_and_dates_are_put_in_order() -> None:
    assert DEFAULT_PRESET is RangePreset.LAST_30_DAYS
    assert ordered(D(2026, 11, 12), D(2026, 11, 1)) == (D(2026, 11, 1), D(2026, 11, 12))
    assert ordered(D(2026, 11, 1), D(2026, 11, 12)) == (D(2026, 11, 1), D(2026, 11, 12))


def test_the_chart_follows_the_rows_and_keeps_days_per_model() -> None:
    assert ChartBucket.for_grouping(Grouping.DAY) is ChartBucket.DAY
    assert ChartBucket.for_grouping(Grouping.WEEK) is ChartBucket.WEEK
    assert ChartBucket.for_grouping(Grouping.MONTH) is ChartBucket.MONTH
    assert ChartBucket.for_grouping(Grouping.MODEL) is ChartBucket.DAY


def test_buckets_start_on_monday_or_the_first_and_are_named_like_the_table() -> None:
    thursday = D(2026, 11, 12)
    assert ChartBucket.WEEK.start_of(thursday) == D(2026, 11, 9)
    assert ChartBucket.MONTH.start_of(thursday) == D(2026, 11, 1)
    assert ChartBucket.DAY.start_of(thursday) == thursday
    assert ChartBucket.WEEK.label(D(2026, 11, 9)) == "2026-W46"
    assert ChartBucket.MONTH.label(D(2026, 11, 1)) == "2026-11"
    assert ChartBucket.DAY.label(thursday) == "2026-11-12"
    assert ChartBucket.WEEK.label(D(2025, 12, 29)) == "2026-W01"  # ISO year, not calendar


def test_bucket_values_sum_per_model_and_keep_empty_buckets() -> None:
    days = [D(2026, 10, 30) + dt.timedelta(days=i) for i in range(35)]  # Oct 30 .. Dec 3
    values = {D(2026, 10, 30): {"a": 1.0}, D(2026, 10, 31): {"a": 2.0, "b": 0.5},
              D(2026, 11, 5): {"b": 1.5}}
    starts, totals = bucket_values(days, values, ChartBucket.MONTH)
    assert starts == [D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 1)]
    assert totals == {D(2026, 10, 1): {"a": 3.0, "b": 0.5}, D(2026, 11, 1): {"b": 1.5}}
    starts, _ = bucket_values(days, values, ChartBucket.DAY)
    assert starts == days


@pytest.mark.parametrize(("limits", "bucket", "expected"), [
    (BudgetLimits(daily=5.0, monthly=100.0), ChartBucket.DAY, LimitLine(DAY, 5.0)),
    (BudgetLimits(daily=5.0, monthly=100.0), ChartBucket.MONTH, LimitLine(MONTH, 100.0)),
    (BudgetLimits(daily=5.0, monthly=100.0), ChartBucket.WEEK, None),  # no weekly limit
    (BudgetLimits(daily=None, monthly=100.0), ChartBucket.DAY, None),
    (BudgetLimits(daily=5.0, monthly=None), ChartBucket.MONTH, None),
    (BudgetLimits(daily=0.0), ChartBucket.DAY, LimitLine(DAY, 0.0)),  # 0 is a limit
    (BudgetLimits(), ChartBucket.DAY, None),
])
def test_the_limit_line_matches_the_bars(limits, bucket, expected) -> None:
    assert limit_line(limits, bucket) == expected
