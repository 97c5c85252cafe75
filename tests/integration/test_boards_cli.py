"""`library boards` / `library board ...` / `library list --board` (issue #16): a round trip
through the CLI, exit 2 for an unknown board, board names as plain text in a terminal."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop_app.library import Library, LibraryQuery
from tests.conftest import PROJECT_ROOT
from tests.library_helpers import make_result


def _library(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "library", *args],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
    )


def _seed() -> dict[str, int]:
    with Library.open() as library:
        ids: dict[str, int] = {}
        for seed, prompt in enumerate(("a red fox", "a blue owl", "a red barn")):
            (entry,) = library.add_result(make_result(prompt, seed=seed,
                                                      model=f"model-{seed % 2}"))
            ids[prompt] = entry.id
        return ids


def _ok(*args: str) -> str:
    done = _library(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_boards_round_trip_through_the_cli() -> None:
    ids = _seed()
    fox, owl, barn = ids["a red fox"], ids["a blue owl"], ids["a red barn"]
    assert "Created board Reds" in _ok("board", "create", "Reds")
    _ok("board", "create", "Birds")
    assert "Added 2 image(s)" in _ok("board", "add", "Reds", str(fox), str(barn))
    _ok("board", "add", "birds", str(owl), str(fox))
    assert json.loads(_ok("boards", "--json")) == [
        {"id": 2, "name": "Birds", "count": 2}, {"id": 1, "name": "Reds", "count": 2}]
    listed = json.loads(_ok("list", "--board", "Reds", "--json"))
    assert {row["id"] for row in listed} == {fox, barn}
    listed = json.loads(_ok("list", "--board", "Reds", "--search", "fox", "--json"))
    assert [row["id"] for row in listed] == [fox]
    listed = json.loads(_ok("list", "--board", "Birds", "--model", "model-1", "--json"))
    assert [row["id"] for row in listed] == [owl]
    assert "Removed 1 image(s)" in _ok("board", "remove", "Reds", str(barn))
    _ok("board", "rename", "Reds", "Foxes")
    human = _ok("boards")
    assert human.splitlines() == ["      2  Birds", "      1  Foxes"]
    assert "its images stay" in _ok("board", "delete", "Birds")
    with Library.open() as library:
        assert library.count(LibraryQuery()) == 3
        assert [b.name for b in library.board_list()] == ["Foxes"]


def test_unknown_board_is_exit_2_with_a_clear_message() -> None:
    ids = _seed()
    for args in (("list", "--board", "Nope"), ("board", "add", "Nope", str(ids["a red fox"])),
                 ("board", "remove", "Nope", "1"), ("board", "rename", "Nope", "New"),
                 ("board", "delete", "Nope")):
        done = _library(*args)
        assert done.returncode == 2, args
        assert "There is no board named 'Nope'" in done.stderr, args
        assert done.stdout == ""


def test_bad_names_duplicates_and_unknown_ids_are_exit_2() -> None:
    ids = _seed()
    _ok("board", "create", "Keep")
    for args, text in ((("board", "create", "keep"), "already exists"),
                       (("board", "create", "   "), "cannot be empty"),
                       (("board", "create", "a\x1b[2Jb"), "control characters"),
                       (("board", "add", "Keep", str(ids["a red fox"]), "999999"), "999999")):
        done = _library(*args)
        assert done.returncode == 2 and text in done.stderr, (args, done.stderr)
    with Library.open() as library:
        assert library.board_list()[0].count == 0  # the bad id changed nothing


def test_board_names_are_escaped_in_human_output(tmp_path: Path) -> None:
    _seed()
    with Library.open() as library:
        board = library.boards.create("Safe")
        state_file = library.user_state.path
    # A name written by something other than this app (the file is the user's) is still shown
    # as text: the escape sequence is visible, never sent to the terminal.
    with contextlib.closing(sqlite3.connect(state_file)) as connection, connection:
        connection.execute("UPDATE boards SET name = ? WHERE id = ?",
                           ("x\x1b]0;owned\x07", board.id))
    human = _ok("boards")
    assert "\x1b" not in human and "\x07" not in human
    assert "x\\x1b]0;owned\\x07" in human
    exported = _ok("board", "export", "x\x1b]0;owned\x07", str(tmp_path / "out"))
    assert "\x1b" not in exported and "Exported 0 image(s)" in exported
