"""Attack 3: a history another process holds locked does not hold up sending for 30 s.

`record_prompt` runs just before each paid request; it used SQLite's 30 s busy wait, so a
history locked elsewhere (a database browser, a stuck process) delayed every job by 30 s. It
now gives up after `RECORD_BUSY_SECONDS` (the entry is lost and logged; the job goes on).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from desktop_app.api.types import GenerationRequest
from desktop_app.library.history import history_path, record_prompt, search_history

HOLD_SECONDS = 20.0  # far longer than RECORD_BUSY_SECONDS, far shorter than the old 30 s


def test_recording_gives_up_while_another_process_holds_the_history_locked(
        tmp_path: Path) -> None:
    record_prompt(tmp_path, GenerationRequest(prompt="before"))  # the file and its schema
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        connection = sqlite3.connect(history_path(tmp_path), isolation_level=None,
                                     check_same_thread=False)
        connection.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(HOLD_SECONDS)  # released at once when recording returned
        connection.execute("ROLLBACK")
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(10)
    try:
        record_prompt(tmp_path, GenerationRequest(prompt="while locked"))
        gave_up_while_locked = not release.is_set()
    finally:
        release.set()
        holder.join()
    # Without the short wait it blocked until the lock went away and then recorded it.
    prompts = [entry.prompt for entry in search_history(tmp_path, "", 10)]
    assert gave_up_while_locked
    assert prompts == ["before"]
