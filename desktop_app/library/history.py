"""Prompt history: every prompt sent, deduplicated, with its count, last use and last settings.

Owns `history.sqlite3` in the library folder, a small database of its own (user state, like
favourites) that a rebuild of the image index never touches. One row per distinct prompt: how
often and when it was last sent, the model, size and count it was last sent with, and whether
the user pinned it as a saved style. `record_prompt` is what the generation sequence calls for
every request it sends; like usage recording it never raises, because history must never cost
the user an image. Each call opens its own short-lived connection, so any thread may call it.
No Qt, no network.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.api.types import GenerationRequest

log = logging.getLogger(__name__)

HISTORY_NAME = "history.sqlite3"
RECORD_BUSY_SECONDS = 2.0  # how long recording a prompt waits for a lock another process holds
SCHEMA_VERSION = 1
DEFAULT_LIMIT = 50

_SCHEMA = """
CREATE TABLE IF NOT EXISTS prompts (
    prompt TEXT PRIMARY KEY,
    uses INTEGER NOT NULL DEFAULT 0,
    first_used REAL NOT NULL,
    last_used REAL NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    size TEXT NOT NULL DEFAULT '',
    n INTEGER NOT NULL DEFAULT 1,
    pinned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS prompts_last_used ON prompts (last_used DESC);
"""

_UPSERT = """
INSERT INTO prompts (prompt, uses, first_used, last_used, model, size, n)
VALUES (:prompt, 1, :now, :now, :model, :size, :n)
ON CONFLICT (prompt) DO UPDATE SET
    uses = uses + 1, last_used = :now, model = :model, size = :size, n = :n
"""

_SEARCH = """
SELECT prompt, uses, first_used, last_used, model, size, n, pinned FROM prompts
WHERE (?1 = '' OR prompt LIKE ?2 ESCAPE '\\') AND (?3 = 0 OR pinned = 1)
ORDER BY last_used DESC, rowid DESC
LIMIT ?4
"""


@dataclass(frozen=True)
class HistoryEntry:
    """One distinct prompt and what it was last sent with."""

    prompt: str
    uses: int
    first_used: float
    last_used: float
    model: str
    size: str
    n: int
    pinned: bool

    def to_json(self) -> dict[str, object]:
        return {
            "prompt": self.prompt,
            "uses": self.uses,
            "first_used": self.first_used,
            "last_used": self.last_used,
            "model": self.model,
            "size": self.size,
            "n": self.n,
            "pinned": self.pinned,
        }


def history_path(library_root: Path) -> Path:
    return Path(library_root) / HISTORY_NAME


@contextlib.contextmanager
def _connect(library_root: Path, *, create: bool = True,
             busy_seconds: float = 30.0) -> Iterator[sqlite3.Connection | None]:
    path = history_path(library_root)
    if not create and not path.exists():
        yield None
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_seconds * 1000)}")
        if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        yield connection
    finally:
        connection.close()


def record_prompt(library_root: Path, request: GenerationRequest, now: float | None = None) -> None:
    """Note that `request`'s prompt is being sent. Never raises: a lost entry is only logged."""
    try:
        # Just before a paid request: a history another process holds locked costs at most
        # RECORD_BUSY_SECONDS of waiting (an entry lost), never 30 s per request.
        with _connect(library_root, busy_seconds=RECORD_BUSY_SECONDS) as connection:
            assert connection is not None
            connection.execute(
                _UPSERT,
                {
                    "prompt": request.prompt,
                    "now": time.time() if now is None else now,
                    "model": request.model.strip(),
                    "size": str(request.size),
                    "n": request.n,
                },
            )
    except Exception:
        log.exception("Could not record the prompt in the history")


def _entry(row: tuple[object, ...]) -> HistoryEntry:
    prompt, uses, first_used, last_used, model, size, n, pinned = row
    return HistoryEntry(
        prompt=str(prompt),
        uses=int(str(uses)),
        first_used=float(str(first_used)),
        last_used=float(str(last_used)),
        model=str(model),
        size=str(size),
        n=int(str(n)),
        pinned=bool(pinned),
    )


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_history(
    library_root: Path,
    text: str = "",
    limit: int | None = DEFAULT_LIMIT,
    *,
    pinned_only: bool = False,
) -> list[HistoryEntry]:
    """Prompts containing `text` (case-insensitive for ASCII), most recently used first."""
    parameters = (text, _like_pattern(text), int(pinned_only), int(limit) if limit else -1)
    with _connect(library_root, create=False) as connection:
        if connection is None:
            return []
        return [_entry(row) for row in connection.execute(_SEARCH, parameters)]


def set_pinned(library_root: Path, prompt: str, pinned: bool) -> bool:
    """Pin (save as a style) or unpin a prompt; pinning an unknown prompt adds it unused.

    Returns False when unpinning a prompt that is not in the history.
    """
    with _connect(library_root) as connection:
        assert connection is not None
        if pinned:
            now = time.time()
            connection.execute(
                "INSERT INTO prompts (prompt, uses, first_used, last_used, pinned) "
                "VALUES (?, 0, ?, ?, 1) ON CONFLICT (prompt) DO UPDATE SET pinned = 1",
                (prompt, now, now),
            )
            return True
        cursor = connection.execute("UPDATE prompts SET pinned = 0 WHERE prompt = ?", (prompt,))
        return cursor.rowcount > 0
