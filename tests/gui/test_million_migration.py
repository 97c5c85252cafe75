"""#18: an older library index is migrated on a worker thread, never on the GUI thread, when the
window opens its library after the first paint (seconds at a million images)."""

from __future__ import annotations

import sqlite3
import threading

from desktop_app.library import Library, schema
from desktop_app.settings import Settings
from desktop_app.ui.main_window import MainWindow


def test_an_old_index_is_migrated_off_the_gui_thread_before_the_window_opens_it(
        qtbot, monkeypatch):
    settings = Settings.load()
    root = settings.library_dir
    root.mkdir(parents=True, exist_ok=True)
    database = root / "library.sqlite3"
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("BEGIN")
    for target in range(1, 5):  # an index as version 4 left it, with an image in it
        schema._apply(connection, target)
    connection.execute("COMMIT")
    connection.execute("INSERT INTO images (path, sha256, file_sha256, created, prompt, source) "
                       "VALUES ('/elsewhere/a.png', 'a', 'b', 1.0, 'a castle', 'imported')")
    connection.close()

    threads: list[bool] = []
    original = schema._apply

    def recording(connection: sqlite3.Connection, target: int) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        original(connection, target)

    monkeypatch.setattr(schema, "_apply", recording)
    window = MainWindow(settings, None, lambda: Library.open(root), reconcile_at_start=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.background_started, timeout=20000):
        window.show()
    assert threads == [False]  # one migration (4 -> 5), on a worker
    assert window.is_library_ready
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 1, timeout=10000)
    version = window.library._connection().execute("PRAGMA user_version").fetchone()[0]
    assert version == schema.SCHEMA_VERSION
    window.close()
