"""The library's plain records: an indexed image, a view of the index, and the reports of the
operations that change it (delete, import, reconcile, rebuild).

Frozen dataclasses only, handed between the library and its callers (window, CLI, jobs); no
database, file or image work here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.library.search import PROMPT


@dataclass(frozen=True)
class LibraryEntry:
    """One image in the index."""

    id: int
    path: Path
    sha256: str
    created: float
    prompt: str
    model: str
    width: int
    height: int
    format: str
    bytes: int
    job_id: str | None
    endpoint_host: str
    latency_s: float | None
    favourite: bool
    missing: bool
    n_index: int
    source: str  # "generated" | "imported"
    negative_prompt: str = ""
    generator: str = "unknown"  # which tool made it: a readers.GENERATOR_NAMES key

    @property
    def size_text(self) -> str:
        return f"{self.width}x{self.height}"


@dataclass(frozen=True)
class LibraryQuery:
    """A view of the library. `search` is user text; it is escaped, never parsed as FTS syntax.

    `created_from` is inclusive, `created_to` exclusive (unix seconds).
    """

    search: str = ""
    # Columns a search term without a `neg:` / `model:` prefix looks in (library.search).
    search_in: tuple[str, ...] = (PROMPT,)
    model: str | None = None
    generator: str | None = None
    size: str | None = None
    created_from: float | None = None
    created_to: float | None = None
    favourites_only: bool = False
    newest_first: bool = True
    include_missing: bool = False
    source: str | None = None  # "generated" | "imported" | None for both
    board: int | str | None = None  # a board's id or name (`library.boards`); unknown: empty
    uncategorised: bool = False  # only images on no board
    min_rating: int = 0  # only images rated at least this many stars


@dataclass(frozen=True)
class DeletedBatch:
    """What `undo_delete` needs: the removed rows and where their files went."""

    batch_id: str
    trash_dir: Path
    rows: tuple[dict[str, Any], ...] = field(repr=False)
    moves: tuple[tuple[Path, Path], ...] = field(repr=False)  # (original, in trash)
    boards: tuple[tuple[int, str], ...] = field(default=(), repr=False)  # (board id, sha256)

    @property
    def ids(self) -> list[int]:
        return [int(row["id"]) for row in self.rows]


@dataclass(frozen=True)
class ImportReport:
    folder: Path
    copied: bool  # True: files copied into the library; False: indexed where they are
    found: int = 0
    added: int = 0
    duplicates: int = 0
    failed: tuple[tuple[Path, str], ...] = ()
    cancelled: bool = False


@dataclass(frozen=True)
class ReconcileReport:
    checked: int = 0
    marked_missing: int = 0
    found_again: int = 0
    indexed: int = 0  # files in images_dir that had no row
    temp_files_skipped: int = 0
    temp_files_removed: int = 0
    failed: tuple[tuple[Path, str], ...] = ()  # (file or folder, why it was not indexed)
    temp_files_recovered: int = 0  # complete images left in temp files by a crash, now indexed


@dataclass(frozen=True)
class RebuildReport:
    indexed: int = 0  # library files indexed by the rebuild
    failed: tuple[tuple[Path, str], ...] = ()  # (file or folder, why it was not indexed)
    temp_files_recovered: int = 0
