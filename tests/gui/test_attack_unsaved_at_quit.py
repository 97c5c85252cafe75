"""Attack on keeping paid images that broke: quitting the window when the data disk is full.

Paid images the library could not keep are written at quit to <data dir>/unsaved. The data
folder usually sits on the very disk that just filled up, so that write failed too and the images
were lost (logged only). Now the system's temporary folder is tried next, as the CLI does.
"""

from __future__ import annotations

import errno
import tempfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from desktop_app import APP_ID, paths
from desktop_app.library import read_metadata
from desktop_app.library import store as store_module
from tests.disks import IS_ROOT, files_under, remount_read_only
from tests.gui.test_paid_images_window import (  # noqa: F401 (fixtures)
    GENERATIONS,
    generate,
    library,
    library_root,
    png,
    reply,
    tiny,
)
from tests.tiny_http import send_json


def test_quitting_when_the_unsaved_folder_fails_too_keeps_the_images_in_the_temp_folder(
    make_window, qtbot, tiny, library, monkeypatch, tmp_path  # noqa: F811
):
    if not IS_ROOT:
        pytest.skip("needs root: the images folder turns read-only while the request is in flight")

    def read_only_then_reply(request: BaseHTTPRequestHandler) -> None:
        remount_read_only(library.images_dir)
        send_json(reply(png(1), png(2)))(request)

    tiny.routes[GENERATIONS] = read_only_then_reply
    window = make_window(base_url=tiny.root + "/v1")
    job = generate(window, qtbot, 2)
    assert job.has_unsaved_images
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(temp))
    real = store_module.save_result_to_folder

    def full_data_disk(result, folder: Path, job_id=None):  # type: ignore[no-untyped-def]
        if folder.is_relative_to(paths.data_dir()):
            raise OSError(errno.ENOSPC, "No space left on device", str(folder))
        return real(result, folder, job_id)

    monkeypatch.setattr(store_module, "save_result_to_folder", full_data_disk)
    window.close()
    kept = files_under(temp)
    assert len(kept) == 2
    assert all(path.parent.name.startswith(f"{APP_ID}-unsaved-") for path in kept)
    assert {read_metadata(path).prompt for path in kept} == {"a kept lighthouse"}
