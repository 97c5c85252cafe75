"""Where things are inside a library folder, and how the index stores a file's path.

Owns the folder's shape (`images/YYYY/MM/` for generated images, `images/imported/YYYY/MM/` for
copied imports, `.trash/`, `thumbnails/`, `library.sqlite3`) and the rule for stored paths: a
file inside the library is stored relative to its root (the folder can be moved), a file outside
it (an import made without copying) by its absolute path. No file or database work.
"""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.library.files import path_from_database

DATABASE_NAME = "library.sqlite3"


class Layout:
    """The paths of the library at `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.images_dir = root / "images"
        self.trash_dir = root / ".trash"
        self.thumbnails_dir = root / "thumbnails"
        self.database_path = root / DATABASE_NAME

    def absolute(self, stored: str | bytes) -> Path:
        path = Path(path_from_database(stored))
        return path if path.is_absolute() else self.root / path

    def stored(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def is_inside(self, path: Path) -> bool:
        return not Path(self.stored(path)).is_absolute()

    def month_folder(self, created: float) -> Path:
        """Where an image generated at `created` (unix seconds, local time) is saved."""
        local = time.localtime(created)
        return self.images_dir / time.strftime("%Y", local) / time.strftime("%m", local)

    def imported_folder(self, created: float) -> Path:
        """Where an import copied into the library goes, by the image's creation time."""
        local = time.localtime(created)
        return self.images_dir / "imported" / time.strftime("%Y/%m", local)


def is_external(stored: str | bytes) -> bool:
    """Whether a stored path names a file outside the library (an absolute path)."""
    return Path(path_from_database(stored)).is_absolute()
