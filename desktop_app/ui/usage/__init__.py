"""The Usage window, in parts: range presets (Qt-free), chart buckets and the limit line
(Qt-free), the range box, the table model, the chart, the total line and the dialog.

Re-exports what the window and the tests use.
"""

from desktop_app.ui.usage.buckets import ChartBucket, LimitLine, bucket_values, limit_line
from desktop_app.ui.usage.chart import SERIES_COLOURS, UsageChart, axis_scale, day_label_indices
from desktop_app.ui.usage.ranges import DEFAULT_PRESET, RangePreset
from desktop_app.ui.usage.summary import SummaryLabel, summary_parts
from desktop_app.ui.usage.table_model import UsageTableModel
from desktop_app.ui.usage.view import ChartShows, UsageView

__all__ = [
    "DEFAULT_PRESET",
    "SERIES_COLOURS",
    "ChartBucket",
    "ChartShows",
    "LimitLine",
    "RangePreset",
    "SummaryLabel",
    "UsageChart",
    "UsageTableModel",
    "UsageView",
    "axis_scale",
    "bucket_values",
    "day_label_indices",
    "limit_line",
    "summary_parts",
]
