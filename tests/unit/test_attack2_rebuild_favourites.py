"""A favourite changed while a rebuild scans the files is kept (found by the attack2 QA pass).

`rebuild()` read the favourites before its scan and wrote that snapshot into the new rows: an
image un-favourited meanwhile (in the window, or another process) came back as a favourite, and
one favourited meanwhile lost its star, while user_state.sqlite3 said otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.library import Library, LibraryQuery
from desktop_app.library.indexer import Indexer
from tests.library_helpers import make_result


@pytest.fixture
def two_handles(tmp_path: Path):
    root = tmp_path / "library"
    first = Library.open(root)
    for seed in range(3):
        first.add_result(
            make_result(prompt=f"image {seed}", seed=seed, created=1_764_070_320 + seed)
        )
    second = Library.open(root)  # another window or CLI process on the same library
    yield first, second
    second.close()
    first.close()


def _during_scan(monkeypatch, library: Library, action) -> None:
    real = Indexer._read_row
    done: list[bool] = []

    def read_row(self: Indexer, path: Path, source: str) -> dict[str, Any]:
        if not done:
            done.append(True)
            action()
        return real(self, path, source)

    monkeypatch.setattr(Indexer, "_read_row", read_row)


def _favourite_prompts(library: Library) -> set[str]:
    ids = library.query_ids(LibraryQuery())
    return {e.prompt for e in library.get_many(ids).values() if e.favourite}


@pytest.mark.parametrize("favourite", [True, False])
def test_a_favourite_changed_during_the_scan_is_what_the_rebuilt_index_shows(
    two_handles, monkeypatch, favourite
):
    rebuilding, other = two_handles
    ids = other.query_ids(LibraryQuery())
    target = other.get_many(ids)[ids[0]]
    other.set_favourite([target.id], not favourite)
    _during_scan(monkeypatch, rebuilding, lambda: other.set_favourite([target.id], favourite))

    rebuilding.rebuild()

    assert (target.prompt in _favourite_prompts(rebuilding)) is favourite
    assert (target.sha256 in rebuilding.user_state.favourites()) is favourite
