"""Migrating an older library index on a worker before the window opens it (#18).

Owns one decision at start-up: if the index in the library folder was written by an older
version, its schema migration (index builds, an FTS rebuild: seconds at a million images) runs on
a `TaskRunner` thread, and the window's after-first-paint work resumes when it is done, so the
GUI thread never waits for it. Success or failure, the window then opens the library as before
(`Library.open` finds the index current, or reports what stopped the migration). Each index is
tried once per process, so a migration that cannot run (a read-only disk) never loops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
_attempted: set[Path] = set()


def migrate_first(tasks: Any, library_dir: Path, resume: Callable[[], None]) -> bool:
    """Start migrating the index of `library_dir` on a `tasks` worker if it is older than this
    code, and call `resume()` on the GUI thread once that ended; False when there is nothing to
    migrate (or it was tried already), and `resume` is not called."""
    from desktop_app.library.schema import migrate_database, needs_migration
    from desktop_app.library.store import DATABASE_NAME

    database = Path(library_dir) / DATABASE_NAME
    if database in _attempted or not needs_migration(database):
        return False
    _attempted.add(database)

    def failed(error: Exception) -> None:
        log.warning("Migrating %s on a worker failed (the open reports it): %r", database, error)
        resume()

    tasks.run(lambda: migrate_database(database), lambda _started_at: resume(), failed,
              name="migrate-library")
    return True
