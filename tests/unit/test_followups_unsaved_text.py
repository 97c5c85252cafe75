"""A job row's "at quit they are written to ..." names every folder the quit path tries.

The row used to name only `<data dir>/unsaved`, while the window's quit path also falls back to
the system's temporary folder (the data folder is often on the disk that just filled up). Both
now come from `paths.quit_fallback_folders`.
"""

from __future__ import annotations

import errno
import io
import tempfile
from pathlib import Path

from PIL import Image

from desktop_app import paths
from desktop_app.api.types import GeneratedImage, GenerationRequest, GenerationResult, ImageFormat
from desktop_app.generation import ResultNotSavedError
from desktop_app.jobs import failure_message


def _result() -> GenerationResult:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    image = GeneratedImage(buffer.getvalue(), ImageFormat.PNG, 8, 8, 0)
    return GenerationResult(
        request=GenerationRequest("a fox"), images=(image,), failures=(), created=1_764_070_320,
        latency_s=0.1, endpoint_host="127.0.0.1", request_id=None, items_returned=1,
    )


def test_the_row_names_the_temporary_folder_too_in_the_quit_order():
    error = ResultNotSavedError(_result(), OSError(errno.ENOSPC, "No space left on device"))
    text = failure_message(error, 1)
    data, temp = str(paths.unsaved_images_dir()), tempfile.gettempdir()
    assert f"written to {data} (or {temp} if that cannot be written)" in text


def test_the_quit_path_tries_the_folders_the_row_names():
    folders = paths.quit_fallback_folders("20260101-000000-job-3")
    assert [folder.parent for folder in folders] == [
        paths.unsaved_images_dir(), Path(tempfile.gettempdir())
    ]
