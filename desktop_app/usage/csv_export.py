"""A usage report as CSV: the header, one record per row (and a total line), written atomically.

Values a spreadsheet would run as a formula (model ids come from servers and users) get a leading
quote. Pure Python, no Qt. Split from report.py (issue #13); the names are still importable there.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.usage.pricing import CURRENCY

if TYPE_CHECKING:
    from desktop_app.usage.report import UsageRow

CSV_HEADER = (
    "period",
    "model",
    "requests",
    "succeeded",
    "failed",
    "cancelled",
    "failures_by_kind",
    "images",
    "megapixels",
    f"price_per_megapixel_{CURRENCY.lower()}",
    f"estimated_spend_{CURRENCY.lower()}",
)


def csv_records(rows: Sequence[UsageRow], total: UsageRow | None = None) -> list[list[str]]:
    records: list[list[str]] = [list(CSV_HEADER)]
    for row in [*rows, *([total] if total is not None else [])]:
        records.append(
            [
                row.period,
                row.model,
                str(row.requests),
                str(row.succeeded),
                str(row.failed),
                str(row.cancelled),
                "; ".join(f"{kind}={count}" for kind, count in sorted(row.failures.items())),
                str(row.images),
                f"{row.megapixels:.6f}",
                "" if row.price is None else f"{row.price:g}",
                "" if row.spend is None else f"{row.spend:.6f}",
            ]
        )
    return records


def write_csv(path: Path, rows: Sequence[UsageRow], total: UsageRow | None = None) -> int:
    """Write the rows (and a total line) atomically; returns the number of rows (no total)."""
    records = csv_records(rows, total)
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            for record in records:
                # Model ids come from servers and users: keep spreadsheets from running formulas.
                writer.writerow([_spreadsheet_safe(value) for value in record])
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return len(rows)


def _spreadsheet_safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _is_number(value) else value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
