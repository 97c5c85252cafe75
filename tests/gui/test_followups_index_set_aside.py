"""The window says so when the library index is set aside mid-session, not only at open.

`Library.recovered_from` is set by any statement that meets damage; the window showed the
message only when it opened the library, so damage met later (a gallery reload, a job, a
reconcile) was repaired silently and the user never learned their index had been replaced.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.library_helpers import make_result


def _garble_table(database: Path, table: str) -> None:
    """Overwrite the root page of `table` in the (checkpointed) index file with junk."""
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
    ).fetchone()
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    with open(database, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5\x5a" * (page_size // 2))


def test_damage_met_by_a_reload_while_the_window_is_open_is_told(qtbot, make_window, library):
    library.add_result(make_result("before the damage", n=2, seed=40))
    window = make_window()
    assert "set aside" not in window.message_bar.text()
    _garble_table(library.database_path, "images")
    window.library_pane.refresh()
    qtbot.waitUntil(lambda: library.recovered_from is not None, timeout=10000)
    qtbot.waitUntil(lambda: "set aside" in window.message_bar.text(), timeout=10000)
    assert library.recovered_from is not None
    assert library.recovered_from.name in window.message_bar.text()
