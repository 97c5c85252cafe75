"""QA: an import's copies indexed by another process meanwhile stay on disk (issue #18).

Every CLI command opening the library indexes image files under images/ that have no row
(`index_new_files`). With `--copy`, an import writes its copies first and inserts their rows a
batch later, so a second process starting in between indexed those copies as its own rows; the
import then found the hashes present, counted its images as duplicates and deleted "its" copies,
leaving rows that name no file (three CLI imports of one folder at once: 75 of 600 rows).
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.library import Library, LibraryQuery
from desktop_app.library import importer as importer_module
from tests.library_helpers import image_bytes

FILES = 8


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for number in range(FILES):
        (folder / f"picture-{number}.png").write_bytes(image_bytes(number + 1, (24, 24)))
    return folder


def test_copies_another_process_indexed_are_kept(tmp_path: Path, monkeypatch) -> None:
    folder = _folder(tmp_path)
    first, second = Library.open(tmp_path / "lib"), Library.open(tmp_path / "lib")
    real_sync = importer_module.sync_files
    scans = []

    def sync_then_another_process_opens(paths) -> None:
        real_sync(paths)
        if not scans:  # the copies are on disk, their rows not yet inserted
            scans.append(second.index_new_files())

    monkeypatch.setattr(importer_module, "sync_files", sync_then_another_process_opens)
    try:
        report = first.import_folder(folder, copy=True)
        assert scans[0] is not None and scans[0].indexed == FILES
        assert report.added == 0 and report.duplicates == FILES
        entries = first.get_many(first.query_ids(LibraryQuery())).values()
        assert len(entries) == FILES
        assert all(entry.path.is_file() for entry in entries)
        copies = [path for path in (first.images_dir / "imported").rglob("*") if path.is_file()]
        assert len(copies) == FILES
    finally:
        first.close()
        second.close()


def test_a_dropped_file_another_process_indexed_is_kept(tmp_path: Path, monkeypatch) -> None:
    folder = _folder(tmp_path)
    path = folder / "picture-0.png"
    first, second = Library.open(tmp_path / "lib"), Library.open(tmp_path / "lib")
    real_write = importer_module.write_new_file

    def write_then_another_process_opens(*args, **kwargs):
        written = real_write(*args, **kwargs)
        second.index_new_files()
        return written

    monkeypatch.setattr(importer_module, "write_new_file", write_then_another_process_opens)
    try:
        entry, added = first.import_file(path)
        assert not added
        assert entry.path.is_file()
        assert len(first.query_ids(LibraryQuery())) == 1
    finally:
        first.close()
        second.close()
