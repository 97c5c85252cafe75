"""The blocking halves of the image actions, safe to run on a worker thread, plus two OS seams.

Owns converting an image to PNG / JPEG / WebP for "Save as" (atomically: temp file + rename),
reading an image for "Copy image", and opening a folder in the file manager. Nothing here touches
a widget; `open_folder` and `notify_url` are module-level so tests can replace them instead of
launching a real file manager.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

SAVE_FORMATS: dict[str, tuple[str, str]] = {
    # filter label -> (Pillow format, extension)
    "PNG image (*.png)": ("PNG", ".png"),
    "JPEG image (*.jpg *.jpeg)": ("JPEG", ".jpg"),
    "WebP image (*.webp)": ("WEBP", ".webp"),
}


def format_for(path: Path, chosen_filter: str = "") -> tuple[str, Path]:
    """The Pillow format for a target path (by extension, else the chosen filter) and the path."""
    by_extension = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
    found = by_extension.get(path.suffix.lower())
    if found is not None:
        return found, path
    pillow_format, extension = SAVE_FORMATS.get(chosen_filter, ("PNG", ".png"))
    return pillow_format, path.with_name(path.name + extension)


def convert_image(source: Path, target: Path, pillow_format: str) -> Path:
    """Write `source` to `target` in `pillow_format` (worker thread); returns the target."""
    temp = target.with_name(f".{target.name}.part")
    try:
        with Image.open(source) as image:
            image.load()
            if pillow_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")  # JPEG has no alpha
            options: dict[str, object] = {}
            if pillow_format in ("JPEG", "WEBP"):
                options["quality"] = 92
            image.save(temp, pillow_format, **options)
        os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return target


def open_folder(folder: Path) -> bool:
    """Show a folder in the system file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_url(url: str) -> bool:
    return QDesktopServices.openUrl(QUrl(url))
