"""Measured figures of Nscale Image Studio, each side by side with a baseline from the same run.

`python -m benchmarks [--quick] [--only NAME ...] [--json PATH]` runs them (see
`docs/benchmarks.md`). One module per benchmark, each exposing `NAME` and `run(quick) -> list[Row]`;
`harness` holds what they share. Benchmarks use the app's public code and the local server as a
subprocess; they never patch the app and never enforce a threshold.
"""

BENCHMARKS: tuple[str, ...] = (
    "startup",
    "responsiveness",
    "live_library",
    "thumbnail",
    "client_overhead",
    "library_scale",
    "bundle",
    "batch_throughput",
    "batch_gui",
    "million",
    "thumbnail_store",
)
