"""The local server as a package: old import names still work, and every package is shipped."""

from __future__ import annotations

import tomllib
from pathlib import Path

import desktop_app

ROOT = Path(__file__).resolve().parents[2]


def test_every_desktop_app_package_is_in_the_explicit_setuptools_list():
    """pyproject lists packages by hand: one missing there is missing from the wheel."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    package_root = Path(desktop_app.__file__).parent
    found = {
        ".".join(("desktop_app", *init.parent.relative_to(package_root).parts))
        for init in package_root.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert "desktop_app.devserver" in found
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_the_names_tests_and_benchmarks_import_still_resolve():
    from desktop_app.devserver import DRIP_BYTES, DevServer, parse_fault
    from desktop_app.devserver.faults import DRIP_BYTES as drip_bytes
    from desktop_app.devserver.images import render_png
    from desktop_app.devserver.server import DevServer as server_class
    from desktop_app.devserver_images import render_png as old_render_png

    assert DevServer is server_class
    assert drip_bytes == DRIP_BYTES
    assert old_render_png is render_png
    assert parse_fault("503=2") == {"status": 503, "retry_after": "2", "kind": "status"}
