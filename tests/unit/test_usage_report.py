"""Usage figures against a hand-computed fixture: megapixels, spend, failures, periods, CSV.

The fixture's numbers were worked out by hand (see the comments); the report must match them
exactly (to float rounding). Failed and cancelled requests are counted but never charged.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from desktop_app.library import Library
from desktop_app.usage import (
    DEFAULT_PRICES,
    Grouping,
    UsageFilter,
    load_usage,
    parse_date,
    recorded_models,
    write_csv,
)
from tests.unit.test_usage_recorder import FLUX, SDXL, at, insert_rows, realistic_rows

UNKNOWN = "acme/unpriced-model"
A, B, C = dt.date(2026, 11, 2), dt.date(2026, 11, 3), dt.date(2026, 11, 10)  # W45, W45, W46
D, E = dt.date(2026, 12, 1), dt.date(2027, 1, 1)  # W49; 2027-01-01 is in ISO week 2026-W53


def fixture_rows() -> list[dict[str, object]]:
    ok = "ok"
    return [
        # FLUX $0.0013/MP: 2 x 1024x1024 = 2.097152 MP -> $0.0027262976
        {"started": at(A, 10), "model": FLUX, "width": 1024, "height": 1024, "n": 2,
         "images": 2, "status": ok},
        # 512x512 = 0.262144 MP -> $0.0003407872
        {"started": at(A, 11), "model": FLUX, "width": 512, "height": 512, "n": 1,
         "images": 1, "status": ok},
        # a failure: counted, not charged
        {"started": at(A, 12), "model": FLUX, "width": 1024, "height": 1024, "n": 4,
         "images": 0, "status": "server_error"},
        # SDXL $0.003/MP: 1.048576 MP -> $0.003145728
        {"started": at(B, 9), "model": SDXL, "width": 1024, "height": 1024, "n": 1,
         "images": 1, "status": ok},
        {"started": at(B, 9, 30), "model": SDXL, "width": 1024, "height": 1024, "n": 2,
         "images": 0, "status": "cancelled"},
        # late evening, local time: still day C. 3 MP -> $0.0039
        {"started": at(C, 23, 30), "model": FLUX, "width": 1000, "height": 1000, "n": 3,
         "images": 3, "status": ok},
        {"started": at(C, 23, 59), "model": SDXL, "width": 1000, "height": 1000, "n": 1,
         "images": 0, "status": "insufficient_credit"},
        # just after local midnight: day D. 1 MP -> $0.0013
        {"started": at(D, 0, 1), "model": FLUX, "width": 1000, "height": 1000, "n": 1,
         "images": 1, "status": ok},
        # a model with no price: 1 MP, spend unknown
        {"started": at(D, 10), "model": UNKNOWN, "width": 1000, "height": 1000, "n": 1,
         "images": 1, "status": ok},
        # 1 MP -> $0.0013
        {"started": at(E, 10), "model": FLUX, "width": 1000, "height": 1000, "n": 1,
         "images": 1, "status": ok},
    ]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    with Library.open(tmp_path / "library") as library:
        path = library.database_path
    insert_rows(path, fixture_rows())
    return path


def test_totals_match_the_hand_computed_figures(database: Path) -> None:
    total = load_usage(database, UsageFilter(), DEFAULT_PRICES).total()
    assert (total.requests, total.succeeded, total.failed, total.cancelled) == (10, 7, 2, 1)
    assert total.images == 10
    assert total.megapixels == pytest.approx(2.097152 + 0.262144 + 1.048576 + 3 + 1 + 1 + 1)
    assert total.failures == {"server_error": 1, "insufficient_credit": 1}
    assert total.spend is None  # one charged model has no price: the total is not claimed


def test_spend_per_model_excludes_failures_and_cancellations(database: Path) -> None:
    rows = {row.model: row for row in load_usage(
        database, UsageFilter(), DEFAULT_PRICES).rows(Grouping.MODEL)}
    flux, sdxl, unknown = rows[FLUX], rows[SDXL], rows[UNKNOWN]
    assert flux.spend == pytest.approx(0.0027262976 + 0.0003407872 + 0.0039 + 0.0013 + 0.0013)
    assert flux.megapixels == pytest.approx(2.097152 + 0.262144 + 3 + 1 + 1)
    assert (flux.requests, flux.failures, flux.price) == (6, {"server_error": 1}, 0.0013)
    assert sdxl.spend == pytest.approx(0.003145728)
    assert (sdxl.requests, sdxl.cancelled, sdxl.failures) == (3, 1, {"insufficient_credit": 1})
    assert (unknown.spend, unknown.price, unknown.megapixels) == (None, None, 1.0)
    # Sorted by spend, most expensive first; unknown spend last.
    assert [row.model for row in load_usage(
        database, UsageFilter(), DEFAULT_PRICES).rows(Grouping.MODEL)] == [FLUX, SDXL, UNKNOWN]


def test_a_model_whose_requests_all_failed_costs_nothing_even_without_a_price(
    database: Path,
) -> None:
    report = load_usage(database, UsageFilter(since=C, until=C, model=SDXL), {})
    (row,) = report.rows(Grouping.DAY)
    assert (row.requests, row.failed, row.spend, row.megapixels) == (1, 1, 0.0, 0.0)


def test_days_are_local_days_and_weeks_are_iso_weeks(database: Path) -> None:
    report = load_usage(database, UsageFilter(), DEFAULT_PRICES)
    days = [(row.period, row.model) for row in report.rows(Grouping.DAY)]
    assert days == [
        ("2027-01-01", FLUX), ("2026-12-01", UNKNOWN), ("2026-12-01", FLUX),
        ("2026-11-10", FLUX), ("2026-11-10", SDXL), ("2026-11-03", SDXL),
        ("2026-11-02", FLUX),
    ]
    weeks = {(row.period, row.model): row for row in report.rows(Grouping.WEEK)}
    assert sorted({period for period, _ in weeks}) == [
        "2026-W45", "2026-W46", "2026-W49", "2026-W53"
    ]
    assert weeks[("2026-W45", FLUX)].spend == pytest.approx(0.0027262976 + 0.0003407872)
    assert weeks[("2026-W45", SDXL)].requests == 2
    months = {(row.period, row.model): row for row in report.rows(Grouping.MONTH)}
    assert months[("2026-11", FLUX)].spend == pytest.approx(
        0.0027262976 + 0.0003407872 + 0.0039)
    assert months[("2026-12", FLUX)].spend == pytest.approx(0.0013)
    assert months[("2027-01", FLUX)].spend == pytest.approx(0.0013)


def test_since_and_until_are_inclusive_local_dates(database: Path) -> None:
    total = load_usage(database, UsageFilter(since=C, until=D), DEFAULT_PRICES).total()
    # C 23:30 and 23:59 are in; D 00:01 and D 10:00 are in; nothing from A, B or E.
    assert total.requests == 4
    assert load_usage(database, UsageFilter(since=D), DEFAULT_PRICES).total().requests == 3
    assert load_usage(database, UsageFilter(until=A), DEFAULT_PRICES).total().requests == 3


def test_model_filter_and_recorded_models(database: Path) -> None:
    total = load_usage(database, UsageFilter(model=FLUX), DEFAULT_PRICES).total()
    assert total.requests == 6
    assert total.spend == pytest.approx(0.0027262976 + 0.0003407872 + 0.0039 + 0.0013 + 0.0013)
    assert recorded_models(database) == [UNKNOWN, FLUX, SDXL]


def test_user_prices_change_the_estimate(database: Path) -> None:
    prices = {**DEFAULT_PRICES, FLUX: 0.01, UNKNOWN: 0.5}
    total = load_usage(database, UsageFilter(), prices).total()
    flux_mp = 2.097152 + 0.262144 + 3 + 1 + 1
    assert total.spend == pytest.approx(flux_mp * 0.01 + 1.048576 * 0.003 + 1 * 0.5)


def test_missing_database_or_table_reads_as_empty(tmp_path: Path) -> None:
    missing = tmp_path / "nothing" / "library.sqlite3"
    assert load_usage(missing, UsageFilter(), DEFAULT_PRICES).rows(Grouping.DAY) == []
    assert not missing.exists()  # reading must not create a library
    old = tmp_path / "old.sqlite3"
    sqlite3.connect(old).close()  # an index from before usage was recorded
    assert load_usage(old, UsageFilter(), DEFAULT_PRICES).total().requests == 0
    assert recorded_models(old) == []


def test_report_days_cover_the_range_with_gaps(database: Path) -> None:
    report = load_usage(database, UsageFilter(since=A, until=B + dt.timedelta(days=2)), {})
    assert report.days() == [A, B, B + dt.timedelta(days=1), B + dt.timedelta(days=2)]


def test_csv_export_has_a_header_rows_and_a_total(database: Path, tmp_path: Path) -> None:
    report = load_usage(database, UsageFilter(until=B), DEFAULT_PRICES)
    path = tmp_path / "usage.csv"
    written = write_csv(path, report.rows(Grouping.DAY), report.total())
    with path.open(newline="", encoding="utf-8") as stream:
        records = list(csv.reader(stream))
    assert written == 2
    assert records == [
        ["period", "model", "requests", "succeeded", "failed", "cancelled", "failures_by_kind",
         "images", "megapixels", "price_per_megapixel_usd", "estimated_spend_usd"],
        ["2026-11-03", SDXL, "2", "1", "0", "1", "", "1", "1.048576", "0.003", "0.003146"],
        ["2026-11-02", FLUX, "3", "2", "1", "0", "server_error=1", "3", "2.359296", "0.0013",
         "0.003067"],
        ["total", "", "5", "3", "1", "1", "server_error=1", "4", "3.407872", "", "0.006213"],
    ]
    assert not list(tmp_path.glob(".usage.csv.*"))  # no temp file left behind


def test_csv_neutralises_spreadsheet_formulas(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library") as library:
        path = library.database_path
    insert_rows(path, [{"started": at(A), "model": "=HYPERLINK(1)", "width": 64, "height": 64,
                        "n": 1, "images": 1, "status": "ok"}])
    report = load_usage(path, UsageFilter(), {})
    write_csv(tmp_path / "x.csv", report.rows(Grouping.MODEL))
    assert "'=HYPERLINK(1)" in (tmp_path / "x.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["2026-13-01", "yesterday", "", "25/11/2026"])
def test_bad_dates_are_refused_with_the_expected_format(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date(text)


def test_100k_requests_aggregate_fast(tmp_path: Path) -> None:
    """The view loads off the GUI thread anyway; this bounds how long a refresh takes."""
    with Library.open(tmp_path / "library") as library:
        path = library.database_path
    insert_rows(path, realistic_rows(dt.date(2026, 11, 25), days=365, count=100_000))
    began = time.perf_counter()
    report = load_usage(path, UsageFilter(), DEFAULT_PRICES)
    rows = report.rows(Grouping.DAY)
    elapsed = time.perf_counter() - began
    assert report.total().requests == 100_000
    assert len(rows) > 300
    month = load_usage(path, UsageFilter(since=dt.date(2026, 11, 1)), DEFAULT_PRICES)
    assert 0 < month.total().requests < 20_000
    assert elapsed < 2.0, f"100,000 rows took {elapsed:.2f} s"
