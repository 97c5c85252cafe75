"""`usage` command: requests, images, megapixels, failures and estimated spend, offline.

Only argument handling and printing live here; the figures come from `desktop_app.usage`, read
from the library index (never the network). Bad dates print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys

from desktop_app.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, fail
from desktop_app.cli.terminal import safe_text
from desktop_app.library.storage_errors import storage_error


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    usage = subparsers.add_parser(
        "usage",
        help="requests, images and estimated spend recorded on this computer",
        description="Usage of the image API by this app, from the local library index. Spend is "
        "an estimate (megapixels of successful requests x price per megapixel); failed and "
        "cancelled requests are counted but not charged. Your Nscale bill is the authority.",
    )
    usage.add_argument("--since", metavar="DATE", help="first day, YYYY-MM-DD (local time)")
    usage.add_argument("--until", metavar="DATE", help="last day, YYYY-MM-DD, inclusive")
    usage.add_argument("--model", metavar="ID", help="only requests for this model")
    usage.add_argument(
        "--by",
        choices=["day", "week", "month", "model"],
        default="day",
        help="group by local day, ISO week, month or model (default: day)",
    )
    usage.add_argument("--json", action="store_true", help="print one JSON document")
    usage.set_defaults(func=run_usage)


def _table(rows: list[list[str]], numeric_from: int) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            value.rjust(width) if i >= numeric_from else value.ljust(width)
            for i, (value, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def run_usage(args: argparse.Namespace) -> int:
    from desktop_app.library.store import DATABASE_NAME
    from desktop_app.settings import Settings
    from desktop_app.usage import (
        ESTIMATE_NOTICE,
        Grouping,
        UsageFilter,
        effective_prices,
        format_cost,
        load_server_prices,
        load_usage,
        parse_date,
    )
    from desktop_app.usage.report import UsageRow

    try:
        since = parse_date(args.since) if args.since is not None else None
        until = parse_date(args.until) if args.until is not None else None
    except ValueError as error:
        return fail(str(error), EXIT_USAGE)
    if since is not None and until is not None and until < since:
        return fail(f"--until {until} is before --since {since}.", EXIT_USAGE)

    settings = Settings.load()
    prices = effective_prices(settings.prices, load_server_prices())
    database = settings.library_dir / DATABASE_NAME
    grouping = Grouping(args.by)
    try:
        report = load_usage(database, UsageFilter(since, until, args.model or None), prices)
    except sqlite3.Error as error:
        mapped = storage_error(error, database)
        if mapped is None:
            raise
        # SQLite needs to write beside the index even to read it (WAL): say which file and why.
        return fail(f"The usage log in {database} cannot be read. {mapped.message}", EXIT_STORAGE)

    if args.json:
        json.dump(report.to_json(grouping), sys.stdout, indent=2)
        print()
        return EXIT_OK

    rows = report.rows(grouping)
    if not rows:
        print("No requests recorded in this range.")
        return EXIT_OK

    def cells(row: UsageRow, first: str) -> list[str]:
        return [
            safe_text(first),
            safe_text(row.model or "all models"),
            str(row.requests),
            str(row.images),
            f"{row.megapixels:.2f}",
            str(row.failed),
            str(row.cancelled),
            format_cost(row.spend),
        ]

    header = ["PERIOD", "MODEL", "REQUESTS", "IMAGES", "MP", "FAILED", "CANCELLED", "EST. SPEND"]
    lines = [header]
    lines += [cells(row, row.period or "-") for row in rows]
    lines.append(cells(report.total(), "total"))
    if grouping is Grouping.MODEL:
        lines = [line[1:] for line in lines]
    print(_table(lines, numeric_from=1 if grouping is Grouping.MODEL else 2))
    failures = report.total().failures_text()
    if failures:
        print(f"\nFailures by kind: {safe_text(failures)}")
    print(f"\n{ESTIMATE_NOTICE}")
    return EXIT_OK
