"""Damage met again while the library re-indexes after damage (found by the attack2 QA pass).

`library rebuild` on an index that was being overwritten with garbage failed with "unexpected
ProgrammingError: Cannot operate on a closed database": the re-index after the first recovery
met the damage again, the second recovery replaced the thread's connection, and the statement
that had noticed the first damage then ran on the closed one.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from desktop_app.library.database import ConnectionPool


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x INTEGER)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    connection.close()


def _damage(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"garbage, not a database header!!" * 4)


def test_a_statement_survives_damage_met_again_during_the_reindex(tmp_path):
    path = tmp_path / "index.sqlite3"
    _fresh(path)
    replaced: list[str] = []

    def on_damaged(error: sqlite3.DatabaseError) -> None:
        replaced.append(str(error))
        _fresh(path)

    pool = ConnectionPool(path, lambda: sqlite3.connect(path, isolation_level=None),
                          on_damaged, threading.RLock())
    pool.recovery_enabled = True
    reindexed: list[int] = []

    def reindex() -> None:
        if reindexed:
            return  # the library's re-index runs once at a time
        reindexed.append(1)
        _damage(path)  # the fresh index is damaged again before the re-index reads it
        pool.connection().execute("SELECT count(*) FROM t")

    pool.after_recovery = reindex
    _damage(path)
    rows = pool.connection().execute("SELECT x FROM t").fetchall()
    assert [tuple(row) for row in rows] == [(1,)]
    assert len(replaced) == 2
    pool.close()
