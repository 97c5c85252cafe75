"""Opening a library whose index cannot be opened for a reason other than damage, or that lies
on a read-only file system (found by the attack2 QA pass).

A full disk, a read-only mount or too many open files used to be taken for a damaged index: the
index was set aside (or the set-aside failed with a raw OSError). Only real damage may set it
aside; a read-only library is opened for reading.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop_app.library import Library, LibraryQuery, database
from desktop_app.library.storage_errors import StorageError
from tests.library_helpers import make_result


@pytest.mark.parametrize(
    "message", ["database or disk is full", "unable to open database file",
                "attempt to write a readonly database"],
)
def test_an_index_that_cannot_be_opened_is_not_set_aside(tmp_path, monkeypatch, message):
    root = tmp_path / "library"
    library = Library.open(root)
    library.add_result(make_result())
    library.close()

    def failing(connection: object) -> None:
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(Library, "_prepare", staticmethod(failing))
    with pytest.raises(sqlite3.OperationalError):
        Library.open(root)
    assert sorted(p.name for p in root.iterdir() if "corrupt" in p.name) == []
    monkeypatch.undo()
    again = Library.open(root)
    assert again.recovered_from is None
    assert again.count(LibraryQuery()) == 1
    again.close()


class _ReadOnlyStat:
    def __init__(self, real: os.statvfs_result) -> None:
        self._real = real
        self.f_flag = real.f_flag | os.ST_RDONLY

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


@pytest.mark.skipif(not hasattr(os, "statvfs"), reason="POSIX statvfs")
def test_a_library_on_a_read_only_file_system_is_listed_without_writing(tmp_path, monkeypatch):
    root = tmp_path / "library"
    library = Library.open(root)
    library.add_result(make_result())
    library.close()
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{root / 'library.sqlite3'}{suffix}").exists()
    before = sorted(os.listdir(root))
    real = os.statvfs
    monkeypatch.setattr(database.os, "statvfs", lambda path: _ReadOnlyStat(real(path)))

    readonly = Library.open(root)
    try:
        assert readonly.read_only
        ids = readonly.query_ids(LibraryQuery())
        assert len(ids) == 1 and readonly.get_many(ids)[ids[0]].prompt
        assert readonly.index_new_files() is None
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            readonly._connection().execute("DELETE FROM images")
        source = tmp_path / "source"
        source.mkdir()
        with pytest.raises(StorageError, match="read-only"):  # once, not once per file
            readonly.import_folder(source, copy=True)
    finally:
        readonly.close()
    assert sorted(os.listdir(root)) == before  # no -wal / -shm made, nothing set aside
