"""`nscale-studio-cli library ...` run as a real subprocess against an isolated library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop_app import paths
from desktop_app.library import Library, LibraryQuery
from tests.conftest import PROJECT_ROOT
from tests.library_helpers import a1111_png, make_result


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "library", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
    )


def _seed_library() -> None:
    with Library.open() as library:
        library.add_result(make_result("a red fox in the snow", "flux", seed=1))
        library.add_result(make_result("an owl at night", "sdxl", seed=2))


def test_path_prints_the_library_folder() -> None:
    done = _cli("path")
    assert done.returncode == 0
    assert done.stdout.strip() == str(paths.default_library_dir())


def test_list_searches_filters_and_prints_json() -> None:
    _seed_library()
    done = _cli("list", "--search", "fox", "--json")
    assert done.returncode == 0, done.stderr
    (item,) = json.loads(done.stdout)
    assert item["prompt"] == "a red fox in the snow" and item["size"] == "64x64"
    assert Path(item["path"]).exists()
    done = _cli("list", "--model", "sdxl")
    assert done.returncode == 0 and "an owl at night" in done.stdout and "fox" not in done.stdout
    done = _cli("list", "--search", '"AND *', "--limit", "1")
    assert done.returncode == 0 and done.stderr == ""


def test_import_indexes_a_folder_in_place() -> None:
    folder = paths.data_dir().parent / "downloads"
    folder.mkdir(parents=True)
    a1111_png(folder / "castle.png")
    done = _cli("import", str(folder))
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout and "not copied" in done.stdout
    with Library.open() as library:
        assert library.count(LibraryQuery(search="castle")) == 1


def test_import_of_a_missing_folder_is_invalid_input_without_traceback(tmp_path: Path) -> None:
    done = _cli("import", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "is not a folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_negative_limit_is_invalid_input() -> None:
    done = _cli("list", "--limit", "-1")
    assert done.returncode == 2 and "--limit" in done.stderr and "Traceback" not in done.stderr


def test_rebuild_reindexes_from_files() -> None:
    _seed_library()
    done = _cli("rebuild")
    assert done.returncode == 0, done.stderr
    assert "2 files indexed" in done.stdout
