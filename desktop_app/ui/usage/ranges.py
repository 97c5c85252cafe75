"""The usage view's date-range presets and their date arithmetic; pure Python, no Qt.

Owns which presets exist (`RangePreset`), which one a new view starts with, and the inclusive
local dates each one stands for on a given day. The view keeps the preset as its combo box's
item data and shows a translated label beside it: display text is never the key.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum


class RangePreset(Enum):
    TODAY = "today"
    LAST_7_DAYS = "last-7-days"
    LAST_30_DAYS = "last-30-days"
    THIS_MONTH = "this-month"
    LAST_MONTH = "last-month"
    LAST_12_MONTHS = "last-12-months"
    ALL_TIME = "all-time"
    CUSTOM = "custom"

    @property
    def has_dates(self) -> bool:
        """Whether the range is bounded (every preset but all time)."""
        return self is not RangePreset.ALL_TIME

    def bounds(self, today: dt.date) -> tuple[dt.date, dt.date] | None:
        """The first and last day (both inclusive) on `today`; None for all time and custom
        (custom keeps whatever dates the user typed)."""
        if self is RangePreset.TODAY:
            return today, today
        if self is RangePreset.LAST_7_DAYS:
            return today - dt.timedelta(days=6), today
        if self is RangePreset.LAST_30_DAYS:
            return today - dt.timedelta(days=29), today
        if self is RangePreset.THIS_MONTH:
            return today.replace(day=1), today
        if self is RangePreset.LAST_MONTH:
            last = today.replace(day=1) - dt.timedelta(days=1)
            return last.replace(day=1), last
        if self is RangePreset.LAST_12_MONTHS:
            return today - dt.timedelta(days=364), today
        return None


DEFAULT_PRESET = RangePreset.LAST_30_DAYS


def ordered(since: dt.date, until: dt.date) -> tuple[dt.date, dt.date]:
    """The two dates earliest first (a user may pick them the wrong way round)."""
    return (until, since) if until < since else (since, until)
