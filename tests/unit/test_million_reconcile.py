"""#18: reconcile reads the index in keyset chunks, not the whole table at once (a million rows
held together were 380 MiB at the window's start-up), and still checks every row exactly once;
per row it uses str paths and os.stat, with exactly pathlib's answers, and keeps only the
library's own paths for the scan of unindexed files."""

from __future__ import annotations

import errno
import gc
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.library import Library, LibraryQuery, indexer, presence
from desktop_app.library.layout import Layout, is_external
from tests.library_helpers import a1111_png, make_result


def test_reconcile_reads_rows_in_chunks_and_checks_each_once(tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "_RECONCILE_CHUNK", 3)
    outside = tmp_path / "outside"
    outside.mkdir()
    with Library.open(tmp_path / "library") as library:
        with library.transaction() as connection:
            for entry_id in range(1, 11):
                path = outside / f"{entry_id}.png"
                if entry_id % 4:  # every fourth file is gone
                    path.write_bytes(b"not read by reconcile")
                connection.execute(
                    "INSERT INTO images (id, path, sha256, file_sha256, created, source, missing) "
                    "VALUES (?, ?, ?, ?, ?, 'imported', ?)",
                    (entry_id * 7, str(path), f"{entry_id:064x}", f"{entry_id:064x}",
                     float(entry_id), 1 if entry_id == 5 else 0))
        (outside / "5.png").unlink()  # marked missing already and still gone: no change
        statements: list[str] = []
        raw = library._connection().raw()
        raw.set_trace_callback(statements.append)
        report = library.reconcile()
        raw.set_trace_callback(None)
    assert report.checked == 10
    assert report.marked_missing == 2  # ids 28 and 56 (files 4 and 8)
    assert report.found_again == 0
    reads = [s for s in statements if s.startswith("SELECT id, path, missing FROM images")]
    assert len(reads) == 5  # 3 + 3 + 3 + 1 rows, then an empty chunk
    assert all("LIMIT" in s for s in reads)


# --- str paths and os.stat instead of a Path per row: the same answers as pathlib ------------

_NAMES = st.sampled_from([
    "images/2024/01/a.png", "images/2024/01/gone.png", "images/2024/01/a.png/child",
    "images/loop.png", "images/link.png", "images//2024/01/a.png", "./images/2024/01/a.png",
    "images/2024/01/", "images/2024/01/.", "images/./2024/01/a.png", "", ".", "images",
    "bad\udcff.png", "nul\x00.png", "images/2024/01/a.png/", "C:/x.png", "a\\b.png",
])


def _tree(root: Path) -> None:
    folder = root / "images" / "2024" / "01"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.png").write_bytes(b"x")
    (root / "bad\udcff.png").write_bytes(b"x")
    if not (root / "images" / "loop.png").is_symlink():
        (root / "images" / "loop.png").symlink_to("loop.png")
        (root / "images" / "link.png").symlink_to("2024/01/a.png")


@pytest.mark.skipif(os.name != "posix", reason="POSIX names (surrogate escapes, symlinks)")
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_NAMES, absolute=st.booleans(), as_bytes=st.booleans())
def test_each_rows_state_is_what_pathlib_says(tmp_path, name, absolute, as_bytes):
    root = tmp_path / "library"
    _tree(root)
    layout = Layout(root)
    text = f"{root}/{name}" if absolute else name
    stored = os.fsencode(text) if as_bytes else text
    expected = (text, not is_external(stored), layout.absolute(stored).exists())
    assert presence.stored_state(layout, str(root), stored) == expected


def test_a_folder_that_cannot_be_searched_is_an_error_as_with_pathlib(tmp_path, monkeypatch):
    def denied(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(os, "stat", denied)
    with pytest.raises(PermissionError):
        Path(tmp_path / "x.png").exists()
    with pytest.raises(PermissionError):
        presence.file_exists(str(tmp_path / "x.png"))


def test_a_folder_that_cannot_be_searched_is_reported_and_the_rest_reconciled(
        tmp_path, monkeypatch):
    # Before: the PermissionError of one row ended the whole reconcile (no file marked missing,
    # nothing indexed). Now its rows keep their flags, the folder is named once, the rest goes on.
    locked, open_folder = tmp_path / "locked", tmp_path / "open"
    for folder in (locked, open_folder):
        folder.mkdir()
        for number in range(3):
            a1111_png(folder / f"{number}.png", seed=number + (10 if folder == locked else 0))
    with Library.open(tmp_path / "library") as library:
        library.import_folder(locked)
        library.import_folder(open_folder)
        (open_folder / "0.png").unlink()
        real_stat = os.stat

        def stat(path, *args, **kwargs):
            if os.fspath(path).startswith(str(locked) + os.sep):  # root is never refused
                raise PermissionError(errno.EACCES, "Permission denied", path)
            return real_stat(path, *args, **kwargs)

        monkeypatch.setattr(os, "stat", stat)
        report = library.reconcile()
        assert report.marked_missing == 1  # open/0.png, found though locked/ could not be read
        assert [(path, why) for path, why in report.failed if path == locked] == [
            (locked, "its files could not be checked (Permission denied)")]
        assert library.count(LibraryQuery(include_missing=True)) == 6


def test_only_library_paths_are_kept_for_the_scan_of_unindexed_files(tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    a1111_png(outside / "referenced.png")
    seen: list[set[str]] = []
    with Library.open(tmp_path / "library") as library:
        library.import_folder(outside)  # referenced where it is: an absolute stored path
        (inside,) = library.add_result(make_result("kept"))
        stray = library.add_result(make_result("a stray", seed=5))[0]
        with library.transaction() as connection:
            connection.execute("DELETE FROM images WHERE id = ?", (stray.id,))
        real = indexer.Indexer.index_unknown_files

        def spy(self, indexed_paths, favourites=None):
            seen.append(set(indexed_paths))
            return real(self, indexed_paths, favourites)

        monkeypatch.setattr(indexer.Indexer, "index_unknown_files", spy)
        report = library.reconcile()
        assert report.indexed == 1  # the stray file only; neither indexed file again
        assert library.count(LibraryQuery()) == 3
    stored = library_layout_stored(tmp_path / "library", inside.path)
    assert seen[0] == {stored}


def library_layout_stored(root: Path, path: Path) -> str:
    return Layout(root).stored(path)


def test_a_chunk_of_rows_is_smaller_than_the_collectors_first_threshold():
    # Rows freed before a collection never reach the old generation, whose full passes held
    # the GIL 25-34 ms each at a million rows with 5,000-row chunks.
    assert gc.get_threshold()[0] > indexer._RECONCILE_CHUNK
