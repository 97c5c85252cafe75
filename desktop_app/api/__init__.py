"""The Nscale image-generation protocol: requests, replies, errors and image decoding.

This package owns everything that crosses the wire. It must not import Qt widgets or anything
from `desktop_app.ui`, so the CLI, the tests and the benchmarks use it without a display.
"""
