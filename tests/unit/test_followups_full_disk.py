"""A completely full disk reads "no space left", not "input/output error".

With 0 bytes free SQLite cannot create the index's -shm file and reports SQLITE_IOERR, so even
`library list` said "Cannot write: the disk reported an input/output error". An I/O-class error
is now checked against the free space of the disk concerned (the library root at the CLI).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop_app.cli import main
from desktop_app.library.storage_errors import StorageProblem, storage_error
from desktop_app.settings import Settings
from tests.disks import fill, tmpfs

EXIT_STORAGE = 9


def _statvfs(free_bytes: int):
    def statvfs(_path: object) -> SimpleNamespace:
        return SimpleNamespace(f_bavail=free_bytes // 4096, f_frsize=4096, f_flag=0)

    return statvfs


def _disk_io_error() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 4618  # SQLITE_IOERR_SHMOPEN
    return error


def test_an_io_error_on_a_full_disk_is_no_space(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(os, "statvfs", _statvfs(0))
    mapped = storage_error(_disk_io_error(), near=tmp_path / "library")
    assert mapped is not None and mapped.problem is StorageProblem.NO_SPACE
    assert "no space left" in mapped.message and str(tmp_path / "library") in mapped.message
    eio = storage_error(OSError(errno.EIO, "Input/output error", str(tmp_path / "x.png")))
    assert eio is not None and eio.problem is StorageProblem.NO_SPACE


def test_an_io_error_with_space_left_stays_an_io_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(os, "statvfs", _statvfs(10 * 1024 * 1024))
    mapped = storage_error(_disk_io_error(), near=tmp_path)
    assert mapped is not None and mapped.problem is StorageProblem.IO
    assert storage_error(_disk_io_error()).problem is StorageProblem.IO  # no path: no check


@pytest.mark.skipif(not hasattr(os, "statvfs"), reason="statvfs is POSIX")
def test_library_list_on_a_disk_with_no_byte_free_says_no_space(capsys) -> None:
    library = Settings.load().library_dir
    with tmpfs(library, "1m"):
        assert main(["library", "list"]) == 0  # creates the index
        for side in ("library.sqlite3-wal", "library.sqlite3-shm"):
            (library / side).unlink(missing_ok=True)
        fill(library, 0)
        capsys.readouterr()
        code = main(["library", "list"])
        err = capsys.readouterr().err
    assert code == EXIT_STORAGE, err
    assert "no space left" in err and "input/output" not in err
