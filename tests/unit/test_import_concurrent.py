"""Two imports of the same files into one library at once keep one row per image (issue #18).

An import reads the library's hashes once, then works through the folder; another process
importing the same files meanwhile used to add every image a second time (with `--copy`, a
second copy on disk too). The check is repeated under the write lock for each batch. The
interleaving is made deterministic here: the second import runs inside the first one's progress
callback, after the first read the hashes and before it wrote a row; then two real CLI
processes race on one folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.library import Library, LibraryQuery
from desktop_app.library import importer as indexer_module
from tests.conftest import PROJECT_ROOT
from tests.library_helpers import image_bytes

ALL = LibraryQuery()
FILES = 12


def _folder(tmp_path: Path, count: int = FILES) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for number in range(count):
        (folder / f"picture-{number}.png").write_bytes(image_bytes(number + 1, (24, 24)))
    return folder


def _copies(library: Library) -> list[Path]:
    return sorted(path for path in (library.images_dir / "imported").rglob("*") if path.is_file())


@pytest.mark.parametrize("copy", [True, False])
def test_an_import_racing_another_keeps_one_row_per_image(tmp_path: Path, copy: bool) -> None:
    folder = _folder(tmp_path)
    first, second = Library.open(tmp_path / "lib"), Library.open(tmp_path / "lib")
    reports = []

    def progress(done: int, _total: int) -> None:
        if done == 1:  # the first import has its hashes and no row yet
            reports.append(second.import_folder(folder, copy=copy))

    try:
        report = first.import_folder(folder, copy=copy, progress=progress)
        (other,) = reports
        assert other.added == FILES
        assert report.added == 0 and report.duplicates == FILES
        assert report.failed == ()
        ids = first.query_ids(ALL)
        assert len(ids) == FILES
        assert len({entry.sha256 for entry in first.get_many(ids).values()}) == FILES
        if copy:  # the first import's copies were removed again: one file per image
            assert len(_copies(first)) == FILES
    finally:
        first.close()
        second.close()


def test_a_dropped_file_racing_another_is_added_once(tmp_path: Path, monkeypatch) -> None:
    folder = _folder(tmp_path, 1)
    (path,) = folder.iterdir()
    first, second = Library.open(tmp_path / "lib"), Library.open(tmp_path / "lib")
    real_write = indexer_module.write_new_file
    raced: list[tuple[object, bool]] = []
    racing = []

    def write_after_the_other(*args, **kwargs):
        if not racing:  # the other process adds the same file between check and insert
            racing.append(True)
            raced.append(second.import_file(path))
        return real_write(*args, **kwargs)

    monkeypatch.setattr(indexer_module, "write_new_file", write_after_the_other)
    try:
        entry, added = first.import_file(path)
        ((other_entry, other_added),) = raced
        assert other_added and not added
        assert entry.id == other_entry.id
        assert len(first.query_ids(ALL)) == 1
        assert len(_copies(first)) == 1
    finally:
        first.close()
        second.close()


def test_two_cli_imports_of_one_folder_at_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 300)
    # The test's isolated home (tests/conftest.py): both processes open its library.
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    command = [sys.executable, "-m", "desktop_app.cli", "library", "import", str(folder),
               "--copy"]
    runs = [subprocess.Popen(command, env=environment, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    library = Library.open(paths.default_library_dir())
    try:
        ids = library.query_ids(ALL)
        assert len(ids) == 300
        assert len({entry.sha256 for entry in library.get_many(ids).values()}) == 300
        assert len(_copies(library)) == 300
    finally:
        library.close()


def test_the_scan_for_files_without_a_row_skips_copies_of_indexed_images(tmp_path: Path) -> None:
    """Another process's import writes its copies before their rows; a process opening the
    library meanwhile used to index them, a second row for an image the import then also
    added (610 rows for 600 images in three racing `--copy` imports)."""
    folder = _folder(tmp_path, 2)
    library = Library.open(tmp_path / "lib")
    try:
        library.import_folder(folder, copy=True)
        assert len(library.query_ids(ALL)) == 2
        imported = library.images_dir / "imported" / "2030" / "01"
        imported.mkdir(parents=True)
        first, second = sorted(folder.iterdir())
        (imported / "in-flight-copy.png").write_bytes(first.read_bytes())  # indexed already
        new_image = image_bytes(99, (24, 24))
        (imported / "new-a.png").write_bytes(new_image)  # two copies of one new image
        (imported / "new-b.png").write_bytes(new_image)
        generated = library.images_dir / "2030" / "01"
        generated.mkdir(parents=True)
        (generated / "saved-twice.png").write_bytes(second.read_bytes())  # not an import copy
        library.reconcile()
        entries = library.get_many(library.query_ids(ALL)).values()
        names = sorted(entry.path.name for entry in entries)
        assert "in-flight-copy.png" not in names
        assert len([name for name in names if name.startswith("new-")]) == 1
        assert "saved-twice.png" in names  # the library's own files may hold the same bytes
        assert len(names) == 4
    finally:
        library.close()
