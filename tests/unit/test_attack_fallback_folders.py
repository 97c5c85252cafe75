"""Attack on keeping paid images that broke: the CLI's current folder had been deleted.

With the library's disk full after the reply, `fallback_folders` asked for `Path.cwd()` while
building its list, which raised FileNotFoundError before any folder was tried: "unexpected
FileNotFoundError" and both paid images gone (the data folder's `unsaved` would have failed on
the same disk, but the temporary folder was fine). A folder that cannot even be named is now
skipped, and the rest are still tried.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop_app import paths
from desktop_app.cli.generate_commands import fallback_folders


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
