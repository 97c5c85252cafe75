"""Which indexed files are still on disk: the row-by-row half of reconcile, cheap at a million rows.

Owns the walk over every row of the index (in keyset chunks: the whole table at once was 380 MiB
at a million rows) that says which files vanished, which came back, and which stored paths name
library files (the set a scan for unindexed files compares with). It runs on a worker while the
window draws, so it is plain `str` and `os.stat` per row, not a `Path` (pathlib's parsing was 40%
of 18 s at a million rows), and it holds the GIL only for short steps: one chunk at a time, every
`os.stat` releasing it. What counts as gone is `Path.exists`'s rule, kept exactly
(`file_exists`). No file is opened or read; the caller writes the flags.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field

from desktop_app.library.database import ThreadConnection
from desktop_app.library.files import path_from_database
from desktop_app.library.layout import Layout, is_external

# Path.exists() treats these as "not there" and raises any other error (pathlib, Python 3.11+).
_MISSING_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
_MISSING_WINERRORS = frozenset({21, 123, 1921})  # not ready, invalid name, cannot resolve
_POSIX = os.name == "posix"


def file_exists(path: str) -> bool:
    """`Path(path).exists()` without a Path: a name that cannot be there (no such file, a file
    where a folder should be, a link loop, a name the OS cannot encode) is False; any other
    error (a folder it may not search) is raised, as pathlib raises it."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno in _MISSING_ERRNOS or getattr(error, "winerror", None) in _MISSING_WINERRORS:
            return False
        raise
    except ValueError:  # a NUL in the name
        return False
    return True


def _plain(text: str) -> bool:
    """Whether pathlib would keep `text` as it is (no "//", "." parts or trailing "/")."""
    return not (
        not text or text == "." or "//" in text or "/./" in text or text.startswith("./")
        or text.endswith(("/", "/."))
    )


def stored_state(layout: Layout, root: str, stored: str | bytes) -> tuple[str, bool, bool]:
    """(the stored path as text, whether it names a library file, whether that file exists)
    for one row: the same answers as `layout.absolute(stored).exists()` and `is_external`."""
    text = path_from_database(stored)
    if _POSIX and _plain(text):
        if text.startswith("/"):
            return text, False, file_exists(text)
        return text, True, file_exists(root + "/" + text)
    # Windows, or a name pathlib would normalise: pathlib itself, as before.
    return text, not is_external(text), file_exists(os.fspath(layout.absolute(stored)))


def _is_inside(text: str) -> bool:
    return not text.startswith("/") if _POSIX else not is_external(text)


@dataclass
class Presence:
    """What one pass over the index found."""

    checked: int = 0
    now_missing: list[int] = field(default_factory=list)  # ids whose file is gone
    found_again: list[int] = field(default_factory=list)  # ids marked missing, back on disk
    inside: set[str] = field(default_factory=set)  # stored paths of library files (relative)
    # Folders whose files could not be checked (one may not be searched), with the reason: their
    # rows keep their flags, and the rest of the pass goes on.
    unchecked: dict[str, str] = field(default_factory=dict)


def check_presence(connection: ThreadConnection, layout: Layout, chunk: int) -> Presence:
    """Every row's file checked once, `chunk` rows per statement (keyset order by id)."""
    found = Presence()
    root = os.fspath(layout.root)
    last_id = -(2**63)
    while True:
        rows = connection.execute(
            "SELECT id, path, missing FROM images WHERE id > ? ORDER BY id LIMIT ?",
            (last_id, chunk),
        ).fetchall()
        if not rows:
            return found
        last_id = rows[-1][0]
        found.checked += len(rows)
        for row in rows:
            try:
                text, inside, exists = stored_state(layout, root, row[1])
            except OSError as error:  # EACCES and the like: neither there nor gone
                folder = os.path.dirname(path_from_database(row[1])) or "."
                found.unchecked.setdefault(folder, error.strerror or type(error).__name__)
                continue
            if inside:
                found.inside.add(text)
            if not exists and not row[2]:
                found.now_missing.append(row[0])
            elif exists and row[2]:
                found.found_again.append(row[0])


def inside_paths(connection: ThreadConnection, chunk: int) -> tuple[int, set[str]]:
    """(rows read, the stored paths of those naming a library file), `chunk` rows at a time."""
    paths: set[str] = set()
    count = 0
    last_id = -(2**63)
    while True:
        rows = connection.execute(
            "SELECT id, path FROM images WHERE id > ? ORDER BY id LIMIT ?", (last_id, chunk)
        ).fetchall()
        if not rows:
            return count, paths
        count += len(rows)
        last_id = rows[-1][0]
        for row in rows:
            text = path_from_database(row[1])
            if _is_inside(text):
                paths.add(text)
