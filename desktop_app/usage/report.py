"""Usage and estimated spend, aggregated from the library's `requests` table.

Owns the read side of usage: one grouped query (per local day, model and status, served by the
`requests_started` index), the roll-up of those cells into days, ISO weeks, months or models,
the spend estimate (charged megapixels x price per megapixel; failed and cancelled requests are
counted but never charged) and the CSV and JSON forms of a report. Day boundaries are the local
time zone's. Pure Python: no Qt; callers keep it off the GUI thread.
The CSV form lives in csv_export.py (issue #13); its names are re-exported here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from desktop_app.usage.csv_export import (
    CSV_HEADER,
    _is_number,
    _spreadsheet_safe,
    csv_records,
    write_csv,
)
from desktop_app.usage.pricing import CURRENCY, find_price
from desktop_app.usage.recorder import STATUS_OK

STATUS_CANCELLED = "cancelled"


class Grouping(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    MODEL = "model"


def parse_date(text: str) -> dt.date:
    """An ISO `YYYY-MM-DD` date; ValueError with a message a person can act on."""
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"Dates must look like 2026-11-25 (YYYY-MM-DD), not {text!r}.") from None


def local_midnight(day: dt.date) -> float:
    """Unix time of 00:00 local time on `day`."""
    return dt.datetime.combine(day, dt.time.min).timestamp()


def period_of(day: dt.date, grouping: Grouping) -> str:
    if grouping is Grouping.DAY:
        return day.isoformat()
    if grouping is Grouping.WEEK:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if grouping is Grouping.MONTH:
        return f"{day.year}-{day.month:02d}"
    return ""


@dataclass(frozen=True)
class UsageFilter:
    """Which requests to count: local dates `since`..`until` (both inclusive) and one model."""

    since: dt.date | None = None
    until: dt.date | None = None
    model: str | None = None

    def bounds(self) -> tuple[float | None, float | None]:
        """[start, end) in unix seconds."""
        start = local_midnight(self.since) if self.since is not None else None
        end = (
            local_midnight(self.until + dt.timedelta(days=1)) if self.until is not None else None
        )
        return start, end


@dataclass(frozen=True)
class DailyUsage:
    """Requests of one model on one local day, as the grouped query returns them."""

    day: dt.date
    model: str
    succeeded: int = 0
    cancelled: int = 0
    images: int = 0  # items the server returned (at most n per request), failures included
    charged_pixels: int = 0  # images x W x H of successful requests
    failures: Mapping[str, int] = field(default_factory=dict)  # ErrorKind value -> count

    @property
    def requests(self) -> int:
        return self.succeeded + self.cancelled + sum(self.failures.values())


@dataclass(frozen=True)
class UsageRow:
    """One line of a report: a period (empty when grouped by model) and a model ("" = all)."""

    period: str
    model: str
    requests: int
    succeeded: int
    cancelled: int
    images: int
    megapixels: float
    failures: Mapping[str, int]
    price: float | None  # $ per megapixel; None when unknown (or several models)
    spend: float | None  # None when a charged model has no known price

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def failures_text(self) -> str:
        return ", ".join(f"{kind} {count}" for kind, count in sorted(self.failures.items()))

    def to_json(self) -> dict[str, object]:
        return {
            "period": self.period or None,
            "model": self.model or None,
            "requests": self.requests,
            "succeeded": self.succeeded,
            "failed": self.failed,
            "cancelled": self.cancelled,
            "failures": dict(sorted(self.failures.items())),
            "images": self.images,
            "megapixels": round(self.megapixels, 6),
            "price_per_megapixel": self.price,
            "estimated_spend": None if self.spend is None else round(self.spend, 6),
        }


def _combine(
    period: str, model: str, cells: Iterable[DailyUsage], prices: Mapping[str, float]
) -> UsageRow:
    succeeded = cancelled = images = 0
    failures: dict[str, int] = defaultdict(int)
    pixels_by_model: dict[str, int] = defaultdict(int)
    for cell in cells:
        succeeded += cell.succeeded
        cancelled += cell.cancelled
        images += cell.images
        pixels_by_model[cell.model] += cell.charged_pixels
        for kind, count in cell.failures.items():
            failures[kind] += count
    spend: float | None = 0.0
    for cell_model, pixels in pixels_by_model.items():
        if pixels == 0:
            continue
        price = find_price(prices, cell_model)
        if price is None or spend is None:
            spend = None
        else:
            spend += pixels / 1_000_000 * price
    return UsageRow(
        period=period,
        model=model,
        requests=succeeded + cancelled + sum(failures.values()),
        succeeded=succeeded,
        cancelled=cancelled,
        images=images,
        megapixels=sum(pixels_by_model.values()) / 1_000_000,
        failures=dict(failures),
        price=find_price(prices, model) if model else None,
        spend=spend,
    )


@dataclass(frozen=True)
class UsageReport:
    """The cells of one query plus the prices to apply; rolls them up on demand."""

    cells: tuple[DailyUsage, ...]
    prices: Mapping[str, float]
    filter: UsageFilter = field(default_factory=UsageFilter)
    elapsed_s: float = 0.0  # time the query took, for the record

    def rows(self, grouping: Grouping) -> list[UsageRow]:
        groups: dict[tuple[str, str], list[DailyUsage]] = defaultdict(list)
        for cell in self.cells:
            groups[(period_of(cell.day, grouping), cell.model)].append(cell)
        rows = [
            _combine(period, model, cells, self.prices)
            for (period, model), cells in groups.items()
        ]
        if grouping is Grouping.MODEL:
            rows.sort(key=lambda row: (-(row.spend or 0.0), -row.requests, row.model.casefold()))
        else:
            # Newest period first, then models alphabetically: the latest spend is on top.
            rows.sort(key=lambda row: row.model.casefold())
            rows.sort(key=lambda row: row.period, reverse=True)
        return rows

    def total(self) -> UsageRow:
        return _combine("total", "", self.cells, self.prices)

    def models(self) -> list[str]:
        return sorted({cell.model for cell in self.cells}, key=str.casefold)

    def days(self) -> list[dt.date]:
        """Every day from the first to the last of the range (or of the data), gaps included."""
        known = [cell.day for cell in self.cells]
        first = self.filter.since or (min(known) if known else None)
        last = self.filter.until or (max(known) if known else None)
        if first is None or last is None or last < first:
            return []
        return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]

    def daily_spend(self) -> dict[dt.date, dict[str, float]]:
        """{day: {model: estimated $}} for models with a known price (a chart's data)."""
        result: dict[dt.date, dict[str, float]] = defaultdict(dict)
        for cell in self.cells:
            price = find_price(self.prices, cell.model)
            if price is not None and cell.charged_pixels:
                day = result[cell.day]
                day[cell.model] = day.get(cell.model, 0.0) + cell.charged_pixels / 1e6 * price
        return dict(result)

    def daily_images(self) -> dict[dt.date, dict[str, float]]:
        """{day: {model: images returned}}."""
        result: dict[dt.date, dict[str, float]] = defaultdict(dict)
        for cell in self.cells:
            if cell.images:
                day = result[cell.day]
                day[cell.model] = day.get(cell.model, 0.0) + cell.images
        return dict(result)

    def to_json(self, grouping: Grouping) -> dict[str, object]:
        return {
            "since": self.filter.since.isoformat() if self.filter.since else None,
            "until": self.filter.until.isoformat() if self.filter.until else None,
            "model": self.filter.model,
            "by": grouping.value,
            "currency": CURRENCY,
            "spend_is_estimate": True,
            "rows": [row.to_json() for row in self.rows(grouping)],
            "total": self.total().to_json(),
        }


# --- reading the table -----------------------------------------------------------------------

# A server that sends more images than `n` is not paid for the extras (the app keeps only n).
_GROUPED = """
SELECT date(started, 'unixepoch', 'localtime') AS day, model, status,
       COUNT(*) AS requests, SUM(MIN(images, n)) AS images,
       SUM(MIN(images, n) * width * height) AS pixels
FROM requests
WHERE started >= ? AND started < ? {model}
GROUP BY day, model, status
"""


@contextlib.contextmanager
def _reader(database_path: Path) -> Iterator[sqlite3.Connection | None]:
    if not database_path.exists():
        yield None  # no library yet: nothing recorded (and do not create one by reading)
        return
    connection = sqlite3.connect(database_path, timeout=30, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 30000")
        connection.execute("PRAGMA query_only = 1")
        yield connection
    finally:
        connection.close()


def _has_table(connection: sqlite3.Connection) -> bool:
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'requests'"
    ).fetchone()
    return found is not None


@dataclass
class _Cell:
    succeeded: int = 0
    cancelled: int = 0
    images: int = 0
    pixels: int = 0
    failures: dict[str, int] = field(default_factory=dict)


def load_usage(
    database_path: Path, usage_filter: UsageFilter, prices: Mapping[str, float]
) -> UsageReport:
    """Run the grouped query for `usage_filter`; raises sqlite3.Error if the index is unreadable.

    An index written before usage was recorded (no `requests` table yet) reads as empty.
    """
    clock = dt.datetime.now().timestamp
    began = clock()
    start, end = usage_filter.bounds()
    parameters: list[object] = [
        start if start is not None else float("-inf"),
        end if end is not None else float("inf"),
    ]
    model_clause = ""
    if usage_filter.model:
        model_clause = "AND model = ?"
        parameters.append(usage_filter.model)
    cells: dict[tuple[dt.date, str], _Cell] = {}
    with _reader(database_path) as connection:
        if connection is not None and _has_table(connection):
            query = _GROUPED.format(model=model_clause)
            for day_text, model, status, requests, images, pixels in connection.execute(
                query, parameters
            ):
                cell = cells.setdefault((dt.date.fromisoformat(day_text), model), _Cell())
                cell.images += int(images or 0)
                if status == STATUS_OK:
                    cell.succeeded += int(requests)
                    cell.pixels += int(pixels or 0)
                elif status == STATUS_CANCELLED:
                    cell.cancelled += int(requests)
                else:
                    cell.failures[str(status)] = cell.failures.get(str(status), 0) + int(requests)
    result = tuple(
        DailyUsage(
            day=day,
            model=model,
            succeeded=cell.succeeded,
            cancelled=cell.cancelled,
            images=cell.images,
            charged_pixels=cell.pixels,
            failures=cell.failures,
        )
        for (day, model), cell in sorted(cells.items())
    )
    return UsageReport(result, dict(prices), usage_filter, elapsed_s=clock() - began)


def recorded_models(database_path: Path) -> list[str]:
    """Every model with at least one recorded request (for a model filter)."""
    with _reader(database_path) as connection:
        if connection is None or not _has_table(connection):
            return []
        rows = connection.execute("SELECT DISTINCT model FROM requests").fetchall()
    return sorted((str(model) for (model,) in rows), key=str.casefold)


__all__ = [
    "CSV_HEADER",
    "STATUS_CANCELLED",
    "DailyUsage",
    "Grouping",
    "UsageFilter",
    "UsageReport",
    "UsageRow",
    "_is_number",
    "_spreadsheet_safe",
    "csv_records",
    "load_usage",
    "local_midnight",
    "parse_date",
    "period_of",
    "recorded_models",
    "write_csv",
]
