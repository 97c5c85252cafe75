"""Attacks on keeping paid images that broke: a deleted current folder, an odd --out failure.

With the library's disk full after the reply, `fallback_folders` asked for `Path.cwd()` while
building its list, which raised FileNotFoundError before any folder was tried: "unexpected
FileNotFoundError" and both paid images gone (the data folder's `unsaved` would have failed on
the same disk, but the temporary folder was fine). A folder that cannot even be named is now
skipped, and the rest are still tried.
"""

from __future__ import annotations

import argparse
import errno
import io
import tempfile
from pathlib import Path

from PIL import Image

from desktop_app import paths
from desktop_app.api.types import GeneratedImage, GenerationRequest, GenerationResult, ImageFormat
from desktop_app.cli import generate_commands
from desktop_app.cli.generate_commands import fallback_folders
from desktop_app.generation import ResultNotSavedError


def _gone() -> Path:
    raise FileNotFoundError(2, "No such file or directory")


def test_a_deleted_current_folder_is_skipped_not_fatal(monkeypatch):
    monkeypatch.setattr(Path, "cwd", staticmethod(_gone))
    folders = fallback_folders(None)
    assert folders[0].parent == paths.unsaved_images_dir()
    assert folders[-1].parent == Path(tempfile.gettempdir())
    assert len(folders) == 2


def test_no_usable_temporary_folder_is_skipped_not_fatal(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "gettempdir", _gone)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    folders = fallback_folders(out)
    assert folders[0] == out
    assert [folder.parent for folder in folders[1:]] == [paths.unsaved_images_dir(), tmp_path]


def test_a_folder_failing_in_an_unmapped_way_does_not_stop_the_next_one(monkeypatch, tmp_path):
    # --out became a regular file while the request was out: mkdir raised FileExistsError,
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    image = GeneratedImage(buffer.getvalue(), ImageFormat.PNG, 8, 8, 0)
    result = GenerationResult(
        request=GenerationRequest("a fox"), images=(image,), failures=(), created=1_764_070_320,
        latency_s=0.1, endpoint_host="127.0.0.1", request_id=None, items_returned=1,
    )
    out = tmp_path / "out"
    real = generate_commands.save_result_to_folder

    def save(result: GenerationResult, folder: Path, job_id: str | None = None) -> list[Path]:
        if folder == out:
            raise FileExistsError(errno.EEXIST, "File exists", str(out))
        return real(result, folder, job_id)

    monkeypatch.setattr(generate_commands, "save_result_to_folder", save)
    error = ResultNotSavedError(result, OSError(errno.ENOSPC, "No space left on device"))
    args = argparse.Namespace(out=out, json=False)
    code = generate_commands._keep_elsewhere(error, args, "job")
    assert code == 9
    kept = list(paths.unsaved_images_dir().rglob("*.png"))
    assert len(kept) == 1
