"""Usage and estimated spend: every request the app sends, recorded offline, and its cost.

Re-exports the public API. Rows live in the library index (`requests` table); prices per
megapixel come from the user's settings, the server's model list or the defaults, in that order.
No Qt in this package: the CLI and the tests use it without a display.
"""

from desktop_app.usage.pricing import (
    DEFAULT_PRICES,
    ESTIMATE_NOTICE,
    PriceSource,
    PriceTable,
    effective_prices,
    estimate_cost,
    format_cost,
    format_price,
    load_server_prices,
    save_server_prices,
)
from desktop_app.usage.recorder import NOT_SENT_KINDS, record_request, record_sent, set_saved
from desktop_app.usage.report import (
    DailyUsage,
    Grouping,
    UsageFilter,
    UsageReport,
    UsageRow,
    load_usage,
    parse_date,
    recorded_models,
    write_csv,
)

__all__ = [
    "DEFAULT_PRICES",
    "ESTIMATE_NOTICE",
    "NOT_SENT_KINDS",
    "DailyUsage",
    "Grouping",
    "PriceSource",
    "PriceTable",
    "UsageFilter",
    "UsageReport",
    "UsageRow",
    "effective_prices",
    "estimate_cost",
    "format_cost",
    "format_price",
    "load_server_prices",
    "load_usage",
    "parse_date",
    "record_request",
    "record_sent",
    "recorded_models",
    "save_server_prices",
    "set_saved",
    "write_csv",
]
