"""The gallery as a package (issue #13): one job per module, the old import names still work.

`desktop_app/ui/gallery.py` (1,585 lines) became `desktop_app/ui/gallery/`; everything the app,
the tests and the benchmarks imported from `desktop_app.ui.gallery` still resolves there.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desktop_app" / "ui" / "gallery"
OLD_PUBLIC_NAMES = (
    "THUMBNAIL_PIXELS", "CELL_IMAGE", "GRID_SIZE", "PAGE_SIZE", "WATCH_INTERVAL_MS",
    "LAYOUT_BATCH", "MAX_PAGES_HELD", "THUMBNAIL_CACHE_BYTES", "THUMBNAIL_CACHE_SIZE",
    "RequestQueue", "MergePlan", "merge_plan", "scaled_thumbnail", "PageRequests",
    "ThumbnailRequests", "FilterOptions", "LibraryWorker", "GalleryModel", "caption_detail",
    "GalleryDelegate", "GalleryView", "DATE_RANGES", "FilterBar", "EMPTY_LIBRARY_TEXT",
    "GalleryPanel",
)
EXPECTED_MODULES = {"request_queue", "loader", "model", "thumbnail_cache", "delegate", "view",
                    "filter_bar", "panel"}


def test_every_name_imported_from_the_old_module_still_resolves() -> None:
    import desktop_app.ui.gallery as gallery

    missing = [name for name in OLD_PUBLIC_NAMES if not hasattr(gallery, name)]
    assert missing == []
    assert set(OLD_PUBLIC_NAMES) <= set(gallery.__all__)


def test_the_package_has_one_module_per_part_each_small_and_documented() -> None:
    modules = {path.stem: path for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    assert set(modules) >= EXPECTED_MODULES
    for name, path in modules.items():
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 400, f"{name}.py has grown past 400 lines"
        docstring = ast.get_docstring(ast.parse(text))
        assert docstring and "Owns" in docstring, f"{name}.py does not say what it owns"
    assert not (ROOT / "desktop_app" / "ui" / "gallery.py").exists()


def test_the_package_is_shipped() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"]
    assert "desktop_app.ui.gallery" in listed


def test_the_model_does_not_start_threads_in_its_constructor() -> None:
    # The loader's threads start in start() (the panel calls it), never while constructing.
    tree = ast.parse((PACKAGE / "model.py").read_text(encoding="utf-8"))
    model = next(node for node in tree.body
                 if isinstance(node, ast.ClassDef) and node.name == "GalleryModel")
    init = next(node for node in model.body
                if isinstance(node, ast.FunctionDef) and node.name == "__init__")
    calls = {node.func.attr for node in ast.walk(init)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    assert not calls & {"start", "worker_thread"}
