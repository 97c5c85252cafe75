"""What went wrong on disk, in plain words: the one mapping of OS and SQLite failures for every UI.

Owns `StorageProblem` (no space, read-only, permission denied, too many open files, damaged or
busy index, ...), `StorageError` (a problem, the path it concerns and a sentence a person can
act on) and `storage_error`, which turns an `OSError` or `sqlite3.Error` into one, or returns
None for failures that are not storage conditions (those are bugs: the caller logs them). The
CLI maps a `StorageError` to its exit code and the window shows its message; neither inspects
error text. Codes are read from `errno` and SQLite's result codes, never from message strings.
No Qt.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import Enum
from pathlib import Path


class StorageProblem(Enum):
    NO_SPACE = "no space left on the device"
    READ_ONLY = "the file system is read-only"
    PERMISSION = "permission denied"
    TOO_MANY_FILES = "too many open files"
    DAMAGED = "the library index is damaged"
    BUSY = "the library index is busy (another program is writing to it)"
    NOT_A_FOLDER = "it is not a folder"
    IO = "the disk reported an input/output error"
    CANNOT_OPEN = "it cannot be opened (a missing folder, permissions, or too many open files)"


_ERRNO_PROBLEMS: dict[int, StorageProblem] = {
    errno.ENOSPC: StorageProblem.NO_SPACE,
    errno.EDQUOT: StorageProblem.NO_SPACE,
    errno.EROFS: StorageProblem.READ_ONLY,
    errno.EACCES: StorageProblem.PERMISSION,
    errno.EPERM: StorageProblem.PERMISSION,
    errno.EMFILE: StorageProblem.TOO_MANY_FILES,
    errno.ENFILE: StorageProblem.TOO_MANY_FILES,
    errno.ENOTDIR: StorageProblem.NOT_A_FOLDER,
    errno.EIO: StorageProblem.IO,
}

# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26
_SQLITE_PROBLEMS: dict[int, StorageProblem] = {
    _SQLITE_PERM: StorageProblem.PERMISSION,
    _SQLITE_BUSY: StorageProblem.BUSY,
    _SQLITE_LOCKED: StorageProblem.BUSY,
    _SQLITE_READONLY: StorageProblem.READ_ONLY,
    _SQLITE_IOERR: StorageProblem.IO,
    _SQLITE_CORRUPT: StorageProblem.DAMAGED,
    _SQLITE_FULL: StorageProblem.NO_SPACE,
    _SQLITE_NOTADB: StorageProblem.DAMAGED,
}


class StorageError(Exception):
    """A disk or index failure, with the path it concerns and a message a person can act on."""

    def __init__(
        self, problem: StorageProblem, path: Path | None, message: str | None = None
    ) -> None:
        self.problem = problem
        self.path = path
        self.message = message or describe(problem, path)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def with_message(self, message: str) -> StorageError:
        """The same problem, told in the words of the operation that met it."""
        return StorageError(self.problem, self.path, message)


def describe(problem: StorageProblem, path: Path | None) -> str:
    where = f" to {path}" if path is not None else ""
    return f"Cannot write{where}: {problem.value}."


# Free space below this counts as "none left" (SQLite's -shm alone needs 32 KiB).
NEARLY_FULL_BYTES = 64 * 1024


def storage_error(
    error: BaseException,
    path: Path | None = None,
    *,
    prefer_path: bool = False,
    near: Path | None = None,
) -> StorageError | None:
    """`error` as a StorageError if it is a storage condition; None if it is something else.

    `path` is used when the error carries none (SQLite errors never do), or always with
    `prefer_path` (a folder says more than the name of a temp file inside it). An input/output
    error on a (nearly) full disk is "no space left": on a disk with 0 bytes free SQLite cannot
    create its -shm file and says only "disk I/O error". The disk looked at is that of `path`,
    else of `near` (a folder on the disk concerned, e.g. the library root; one statvfs call).
    """
    mapped = _mapped(error, path, prefer_path)
    if mapped is None or mapped.problem is not StorageProblem.IO:
        return mapped
    where = mapped.path or near
    if _no_space_at(where):
        return StorageError(StorageProblem.NO_SPACE, where)
    return mapped


def _no_space_at(path: Path | None) -> bool:
    """Whether the file system of `path` (or of its nearest existing parent) is (nearly) full."""
    if path is None or not hasattr(os, "statvfs"):
        return False
    for folder in (path, *path.parents):
        try:
            probe = os.statvfs(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return False
        return probe.f_bavail * probe.f_frsize < NEARLY_FULL_BYTES
    return False


def _mapped(error: BaseException, path: Path | None, prefer_path: bool) -> StorageError | None:
    if isinstance(error, StorageError):
        return error
    if isinstance(error, OSError):
        problem = _ERRNO_PROBLEMS.get(error.errno or -1)
        if problem is None:
            return None
        if error.filename and not (prefer_path and path is not None):
            path = Path(os.fsdecode(error.filename))
        return StorageError(problem, path)
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if not isinstance(code, int):
            return None
        primary = code & 0xFF
        if primary == _SQLITE_CANTOPEN:
            # SQLite cannot tell why it could not open the file; the folder usually can.
            problem = _folder_problem(path) or StorageProblem.CANNOT_OPEN
        else:
            found = _SQLITE_PROBLEMS.get(primary)
            if found is None:
                return None
            problem = found
        return StorageError(problem, path)
    return None


def _folder_problem(path: Path | None) -> StorageProblem | None:
    if path is None or not hasattr(os, "statvfs"):
        return None
    folder = path if path.is_dir() else path.parent
    try:
        probe = os.statvfs(folder)
    except OSError as error:
        return _ERRNO_PROBLEMS.get(error.errno or -1)
    if probe.f_flag & os.ST_RDONLY:
        return StorageProblem.READ_ONLY
    return None
