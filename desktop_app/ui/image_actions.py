"""The blocking halves of the image actions, safe to run on a worker thread, plus two OS seams.

Owns "Save as" (atomically: temp file + rename): a copy in the file's own format is the file's
bytes unchanged; another format is converted with Pillow and gets the same metadata embedded
again through `desktop_app.library.metadata`, so prompt, model and the AI-source label survive.
Also owns the suggested file name, reading an image for "Copy image", and opening a folder in the
file manager. Nothing here touches a widget; `open_folder` and `open_url` are module-level so
tests can replace them instead of launching a real file manager.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

SAVE_FORMATS: dict[str, tuple[str, str]] = {
    # filter label (English; `save_filters()` has the translated ones) -> (Pillow format, ext.)
    "PNG image (*.png)": ("PNG", ".png"),
    "JPEG image (*.jpg *.jpeg)": ("JPEG", ".jpg"),
    "WebP image (*.webp)": ("WEBP", ".webp"),
}


def save_filters() -> list[str]:
    """The Save as dialog's file type filters, translated; the patterns stay as they are."""
    translate = QCoreApplication.translate
    return [
        translate("image_actions", "PNG image ({patterns})").format(patterns="*.png"),
        translate("image_actions", "JPEG image ({patterns})").format(patterns="*.jpg *.jpeg"),
        translate("image_actions", "WebP image ({patterns})").format(patterns="*.webp"),
    ]


def format_for(path: Path, chosen_filter: str = "") -> tuple[str, Path]:
    """The Pillow format for a target path (by extension, else the chosen filter) and the path.

    The filter is recognised by its pattern ("*.jpg"), never by its translated label."""
    found = _EXTENSION_FORMATS.get(path.suffix.lower())
    if found is not None:
        return found, path
    pillow_format, extension = "PNG", ".png"
    patterns = re.findall(r"\*(\.[a-z0-9]+)", chosen_filter.lower())
    if patterns and patterns[0] in _EXTENSION_FORMATS:
        pillow_format, extension = _EXTENSION_FORMATS[patterns[0]], patterns[0]
    return pillow_format, path.with_name(path.name + extension)


_EXTENSION_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
_UNSAFE_NAME = re.compile(r'[^\w\- ,.()]+')
NAME_LENGTH = 60


def suggested_name(prompt: str, n_index: int, fallback: str) -> str:
    """A file name stem from the prompt (file-system safe, about 60 characters) and the index."""
    words = _safe_words(prompt)
    if not words:
        # The file's own name may hold control or bidi characters, or bytes that are not
        # UTF-8 (which Qt's file dialog would silently drop): it is cleaned the same way.
        return _safe_words(fallback) or "image"
    return f"{words} {n_index + 1}"


def _safe_words(text: str) -> str:
    words = " ".join(_UNSAFE_NAME.sub(" ", text).split()).strip(" .")
    if len(words) > NAME_LENGTH:
        cut = words[:NAME_LENGTH]
        words = (cut.rsplit(" ", 1)[0] if " " in cut else cut).strip(" .,")
    return words


def _sniff_format(data: bytes) -> str | None:
    head = data[:12]
    if head.startswith(b"\x89PNG"):
        return "PNG"
    if head.startswith(b"\xff\xd8"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _embedded_info(source: Path, data: bytes) -> Any:
    """What `source` carries, as the library's `EmbeddedInfo`; None when it names no prompt."""
    from desktop_app.library.metadata import EmbeddedInfo, read_metadata_bytes

    metadata = read_metadata_bytes(data)
    if not metadata.prompt and not metadata.model:
        return None  # nothing to carry over; never invent a label for an unlabelled image
    extra = metadata.extra

    def optional(key: str) -> Any:
        value = extra.get(key)
        return value if value not in ("", None) else None

    latency = optional("latency_s")
    return EmbeddedInfo(
        prompt=metadata.prompt,
        model=metadata.model,
        width=metadata.width,
        height=metadata.height,
        n_index=int(extra.get("n_index", 0) or 0),
        created=float(extra.get("created", 0) or source.stat().st_mtime),
        endpoint_host=str(extra.get("endpoint_host", "") or ""),
        request_id=optional("request_id"),
        job_id=optional("job_id"),
        latency_s=float(latency) if latency is not None else None,
        # The hash of the bytes as first received, when known, so the index can match the copy.
        sha256=str(extra.get("sha256") or hashlib.sha256(data).hexdigest()),
    )


def convert_image(source: Path, target: Path, pillow_format: str) -> Path:
    """Write `source` to `target` in `pillow_format` (worker thread), metadata kept.

    Same format: the bytes are copied as they are. Another format: the pixels are converted and
    the metadata the source carries is embedded again in the target's own containers.
    """
    from desktop_app.library.files import read_image_file

    # A regular file only: a FIFO or a link to /dev/zero is refused, never read.
    data = read_image_file(source)
    temp = target.with_name(f".{target.name}.part")
    try:
        if _sniff_format(data) == pillow_format:
            temp.write_bytes(data)
        else:
            from desktop_app.library.metadata import embed_metadata

            image: Image.Image  # an opened file until converted
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                if pillow_format == "JPEG" and image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")  # JPEG has no alpha
                options: dict[str, object] = {}
                if pillow_format in ("JPEG", "WEBP"):
                    options["quality"] = 92
                buffer = io.BytesIO()
                image.save(buffer, pillow_format, **options)
            converted = buffer.getvalue()
            info = _embedded_info(source, data)
            if info is not None:
                converted = embed_metadata(converted, info)
            temp.write_bytes(converted)
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
