"""The local server's placeholder pictures under their old module name.

They live in `desktop_app.devserver.images` now; this name stays for the benchmarks and tests
that import `render_png` from here (`benchmarks/thumbnail.py`).
"""

from __future__ import annotations

from desktop_app.devserver.images import render_image, render_png

__all__ = ["render_image", "render_png"]
