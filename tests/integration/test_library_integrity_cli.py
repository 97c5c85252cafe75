"""The CLI over a library with hostile files, crash debris and a damaged index (issue #11 §3):
every command finishes, reports what it skipped by name, and loses no image."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.library import Library, LibraryQuery
from tests.conftest import PROJECT_ROOT
from tests.integration.test_cli import run_cli
from tests.library_helpers import image_bytes, make_result
from tests.unit.test_library_integrity import garble_table

EVERYTHING = LibraryQuery(include_missing=True)
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and byte names")


def _library(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "library", *args],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
    )


def _seed(count: int = 3) -> Library:
    library = Library.open()
    for seed in range(count):
        library.add_result(make_result(f"picture {seed}", seed=seed), job_id=str(seed))
    return library


@posix_only
def test_rebuild_with_a_fifo_and_a_device_link_finishes_and_names_them() -> None:
    with _seed() as library:
        os.mkfifo(library.images_dir / "trap.png")
        (library.images_dir / "zero.png").symlink_to("/dev/zero")
    done = _library("rebuild")
    assert done.returncode == 0, done.stderr
    assert "3 files indexed" in done.stdout and "2 skipped" in done.stdout
    assert "trap.png: a named pipe" in done.stderr and "zero.png: a device" in done.stderr
    with Library.open() as library:
        assert library.count(EVERYTHING) == 3


@posix_only
def test_import_with_a_non_utf8_name_indexes_all_and_shows_it_readably(tmp_path: Path) -> None:
    for offset, copy in ((0, ()), (100, ("--copy",))):
        folder = tmp_path / f"downloads-{offset}"
        folder.mkdir()
        for seed in range(4):
            (folder / f"{seed}.png").write_bytes(image_bytes(offset + seed + 60))
        with open(os.fsencode(folder) + b"/bad\xff.png", "wb") as handle:
            handle.write(image_bytes(offset + 70))
        os.mkfifo(folder / "pipe.png")
        done = _library("import", str(folder), *copy)
        assert done.returncode == 0, done.stderr
        assert "5 added" in done.stdout and "1 unreadable" in done.stdout
        assert "pipe.png: a named pipe" in done.stderr
    listed = _library("list", "--json", "--limit", "0")
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert len(items) == 10  # 5 referenced where they are, 5 copied into the library
    raw = [os.fsencode(item["path"]) for item in items]
    assert sum(path.endswith(b"/downloads-0/bad\xff.png") for path in raw) == 1
    assert sum(path.endswith(b"/bad\xff.png") for path in raw) == 2  # the copy keeps its name
    assert all(os.path.exists(path) for path in raw)


@posix_only
def test_import_of_a_folder_whose_own_name_is_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/t\xe9l\xe9chargements"
    os.mkdir(folder)
    with open(folder + b"/a.png", "wb") as handle:
        handle.write(image_bytes(80))
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "library", "import", folder],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout and "t\ufffdl\ufffdchargements" in done.stdout


def test_list_finds_images_that_landed_without_a_row() -> None:
    with _seed(2) as library:
        (entry,) = library.add_result(make_result("saved just before a crash", seed=9))
        library._connection().execute("DELETE FROM images WHERE id = ?", (entry.id,))
    done = _library("list", "--json")
    assert done.returncode == 0, done.stderr
    prompts = [item["prompt"] for item in json.loads(done.stdout)]
    assert "saved just before a crash" in prompts and len(prompts) == 3
    again = _library("list")
    assert again.returncode == 0 and again.stderr == ""  # nothing new: nothing said, nothing read


def test_generate_on_a_damaged_index_keeps_and_indexes_every_image(server) -> None:
    with _seed() as library:
        database = library.database_path
    garble_table(database, "images")
    result = run_cli(["generate", "after the damage", "-n", "2"], server)
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.splitlines()]
    assert len(printed) == 2 and all(path.is_file() for path in printed)
    assert list(paths.default_library_dir().glob("library.sqlite3.corrupt-*"))
    with Library.open() as library:
        assert library.count(EVERYTHING) == 5
        assert library.count(LibraryQuery(search="damage")) == 2
        (requests,) = library._connection().execute("SELECT count(*) FROM requests").fetchone()
        assert requests == 1


def test_rebuild_on_a_damaged_index_works() -> None:
    with _seed() as library:
        database = library.database_path
    garble_table(database, "images")
    done = _library("rebuild")
    assert done.returncode == 0, done.stderr
    assert "3 images in the library" in done.stdout
