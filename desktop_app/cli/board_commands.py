"""`library boards` sub-commands: list the boards, create, rename, delete, add, remove, export.

Only argument handling and printing; the work is `Library`'s (library/boards.py). A bad or
unknown board name prints one line on stderr and returns exit code 2.
Split from library_commands.py (issue #13), which registers these and re-exports them.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.cli import EXIT_OK, EXIT_USAGE, fail
from desktop_app.cli.library_access import _open_library, _shown
from desktop_app.cli.terminal import safe_text

if TYPE_CHECKING:
    from desktop_app.library import Library


def _board_command(work: Callable[[Library], str | None]) -> int:
    """Run one board change; a bad or unknown board name is exit 2 with the reason."""
    from desktop_app.library.boards import BoardError

    library = _open_library(index_new_files=False)
    try:
        message = work(library)
    except BoardError as error:
        return fail(safe_text(str(error)), EXIT_USAGE)
    finally:
        library.close()
    if message:
        print(message)
    return EXIT_OK


def run_boards(args: argparse.Namespace) -> int:
    library = _open_library()
    try:
        boards = library.board_list()
    finally:
        library.close()
    if args.json:
        document = [{"id": b.id, "name": b.name, "count": b.count} for b in boards]
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return EXIT_OK
    for board in boards:
        print(f"{board.count:>7}  {safe_text(board.name)}")
    return EXIT_OK


def run_board_create(args: argparse.Namespace) -> int:
    return _board_command(
        lambda library: f"Created board {safe_text(library.boards.create(args.name).name)}."
    )


def run_board_rename(args: argparse.Namespace) -> int:
    def work(library: Library) -> str:
        old = library.boards.find(args.name).name
        new = library.boards.rename(args.name, args.new_name).name
        return f"Renamed board {safe_text(old)} to {safe_text(new)}."

    return _board_command(work)


def run_board_delete(args: argparse.Namespace) -> int:
    def work(library: Library) -> str:
        board = library.boards.delete(args.name)
        return f"Deleted board {safe_text(board.name)} (its images stay in the library)."

    return _board_command(work)


def _change_board(args: argparse.Namespace, adding: bool) -> int:
    from desktop_app.library.boards import BoardError

    def work(library: Library) -> str:
        board = library.boards.find(args.name)
        ids = list(dict.fromkeys(args.ids))
        known = library.get_many(ids)
        unknown = [str(i) for i in ids if i not in known]
        if unknown:
            raise BoardError(f"No image with id {', '.join(unknown)} in the library; "
                             "nothing was changed.")
        if adding:
            changed = library.add_to_board(board.id, ids)
            return (f"Added {changed} image(s) to {safe_text(board.name)} "
                    f"({len(ids) - changed} already on it).")
        changed = library.remove_from_board(board.id, ids)
        return f"Removed {changed} image(s) from {safe_text(board.name)}."

    return _board_command(work)


def run_board_add(args: argparse.Namespace) -> int:
    return _change_board(args, adding=True)


def run_board_remove(args: argparse.Namespace) -> int:
    return _change_board(args, adding=False)


def run_board_export(args: argparse.Namespace) -> int:
    def work(library: Library) -> str:
        board = library.boards.find(args.name)
        written = library.export_board(board.id, args.folder)
        where = _shown(args.folder)
        return f"Exported {len(written)} image(s) from {safe_text(board.name)} to {where}."

    return _board_command(work)
