"""Set-aside copies of a damaged index are limited to the newest three sets.

Each damage kept `library.sqlite3.corrupt-<time>` plus its -wal/-shm, each the size of the
index: 17 damages left 51 files. After a successful recovery only the newest three sets stay.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.library.database import prune_set_aside
from desktop_app.library.store import Library


def _damage(database: Path) -> None:
    with open(database, "r+b") as handle:
        handle.write(b"garbage, not a database header!!" * 4)


def _set_aside(root: Path) -> list[str]:
    return sorted(path.name for path in root.glob("library.sqlite3.corrupt-*"))


def test_many_damages_keep_only_the_newest_three_sets(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    Library.open(root).close()
    newest: list[Path] = []
    for _ in range(12):  # many in one second: attempts -2 .. -12 sort as numbers, not text
        _damage(root / "library.sqlite3")
        with Library.open(root) as library:
            assert library.recovered_from is not None
            newest.append(library.recovered_from)
            library._connection().execute("SELECT count(*) FROM images")  # leaves a -wal/-shm
    main_files = [name for name in _set_aside(root) if not name.endswith(("-wal", "-shm"))]
    assert sorted(main_files) == sorted(path.name for path in newest[-3:])
    assert len(_set_aside(root)) <= 9


def test_old_sets_go_with_their_side_files_and_other_names_stay(tmp_path: Path) -> None:
    database = tmp_path / "library.sqlite3"
    stamps = ["20250101-000000", "20250102-000000", "20250102-000000-2",
              "20250102-000000-10", "20250103-000000"]
    for stamp in stamps:
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"library.sqlite3.corrupt-{stamp}{suffix}").write_bytes(b"x")
    (tmp_path / "library.sqlite3.corrupt-kept-by-hand").write_bytes(b"x")
    deleted = prune_set_aside(database)
    assert len(deleted) == 6
    left = _set_aside(tmp_path)
    assert "library.sqlite3.corrupt-kept-by-hand" in left
    for stamp in ("20250103-000000", "20250102-000000-10", "20250102-000000-2"):
        for suffix in ("", "-wal", "-shm"):
            assert f"library.sqlite3.corrupt-{stamp}{suffix}" in left
    assert len(left) == 10
