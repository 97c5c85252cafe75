"""What the usage chart's bars stand for: days, ISO weeks or months; and which budget limit
belongs on such a chart. Pure Python, no Qt.

Owns rolling the report's per-day figures up into the chart's buckets (each bucket is named by
its first day, in order, gaps included) and choosing the limit line: the daily limit on a chart
per day, the monthly limit on a chart per month, none per week (no limit is set per week).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from desktop_app.usage import Grouping
from desktop_app.usage.budget import DAY, MONTH, BudgetLimits

Values = Mapping[dt.date, Mapping[str, float]]


class ChartBucket(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @classmethod
    def for_grouping(cls, grouping: Grouping) -> ChartBucket:
        """The chart follows the table's rows; rows per model keep bars per day."""
        if grouping is Grouping.WEEK:
            return cls.WEEK
        if grouping is Grouping.MONTH:
            return cls.MONTH
        return cls.DAY

    def start_of(self, day: dt.date) -> dt.date:
        if self is ChartBucket.WEEK:
            return day - dt.timedelta(days=day.weekday())  # ISO weeks start on Monday
        if self is ChartBucket.MONTH:
            return day.replace(day=1)
        return day

    def label(self, start: dt.date) -> str:
        """The bucket's name as the table writes the period (2026-11-25, 2026-W48, 2026-11)."""
        if self is ChartBucket.WEEK:
            year, week, _ = start.isocalendar()
            return f"{year}-W{week:02d}"
        if self is ChartBucket.MONTH:
            return f"{start.year}-{start.month:02d}"
        return start.isoformat()


def bucket_values(
    days: Sequence[dt.date], values: Values, bucket: ChartBucket
) -> tuple[list[dt.date], dict[dt.date, dict[str, float]]]:
    """(bucket starts in order, {start: {model: sum}}) for per-day `values` over `days`."""
    starts = list(dict.fromkeys(bucket.start_of(day) for day in days))
    totals: dict[dt.date, dict[str, float]] = {}
    for day in days:
        for model, value in values.get(day, {}).items():
            cell = totals.setdefault(bucket.start_of(day), {})
            cell[model] = cell.get(model, 0.0) + value
    return starts, totals


@dataclass(frozen=True)
class LimitLine:
    """A budget limit drawn across the chart: `period` is budget.DAY or budget.MONTH."""

    period: str
    amount: float


def limit_line(limits: BudgetLimits, bucket: ChartBucket) -> LimitLine | None:
    """The limit that matches the chart's bars, if it is set."""
    if bucket is ChartBucket.DAY and limits.daily is not None:
        return LimitLine(DAY, limits.daily)
    if bucket is ChartBucket.MONTH and limits.monthly is not None:
        return LimitLine(MONTH, limits.monthly)
    return None
