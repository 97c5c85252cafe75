"""`library` sub-commands: list, info, import, path, rebuild and boards over the offline image
library.

Only argument handling and printing live here; all work is done by `desktop_app.library`. Errors
the user can fix (a missing folder, a bad --limit) print one line on stderr and return exit code 2;
nothing here touches the network or the service token.
The board commands live in board_commands.py and opening the library in library_access.py
(issue #13); their names are re-exported here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, fail
from desktop_app.cli.board_commands import (
    _board_command,
    _change_board,
    run_board_add,
    run_board_create,
    run_board_delete,
    run_board_export,
    run_board_remove,
    run_board_rename,
    run_boards,
)
from desktop_app.cli.library_access import _library_dir, _open_library, _report_skipped, _shown
from desktop_app.cli.terminal import safe_text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    library = subparsers.add_parser("library", help="browse, import and repair the image library")
    commands = library.add_subparsers(dest="library_command", metavar="SUBCOMMAND")
    library.set_defaults(func=_run_help(library))

    listing = commands.add_parser("list", help="list images, newest first")
    listing.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="text anywhere in the prompt, any script; neg:WORD and model:WORD search the "
        "negative prompt and the model",
    )
    listing.add_argument("--model", metavar="ID", help="only images made with this model")
    listing.add_argument("--board", metavar="NAME", help="only images on this board")
    listing.add_argument(
        "--generator",
        metavar="TOOL",
        help="only images made with this tool (nscale-studio, a1111, comfyui, ...)",
    )
    listing.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N (default 50; 0 = all)"
    )
    listing.add_argument(
        "--after", type=int, metavar="ID",
        help="the next page: the images listed after image ID (the last of the previous page)",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(func=run_list)

    info = commands.add_parser(
        "info",
        help="show what an image says about how it was made (prompt, model, tool, raw blocks)",
        description="ID is an image's id in the library (see `library list`); FILE any PNG, "
        "JPEG or WebP file, in the library or not.",
    )
    info.add_argument("target", metavar="ID|FILE")
    info.add_argument("--json", action="store_true", help="print a JSON object")
    info.set_defaults(func=run_info)

    importing = commands.add_parser(
        "import",
        help="index PNG/JPEG/WebP images from a folder (A1111, ComfyUI, InvokeAI metadata)",
        description="By default files are indexed where they are; --copy copies them into the "
        "library first, so it keeps working if the folder moves.",
    )
    importing.add_argument("folder", type=Path, metavar="DIR")
    importing.add_argument("--copy", action="store_true", help="copy the files into the library")
    importing.set_defaults(func=run_import)

    where = commands.add_parser("path", help="print the library folder")
    where.set_defaults(func=run_path)

    rebuild = commands.add_parser("rebuild", help="re-create the index from the image files")
    rebuild.set_defaults(func=run_rebuild)

    boards = commands.add_parser("boards", help="list boards with their image counts")
    boards.add_argument("--json", action="store_true", help="print a JSON array")
    boards.set_defaults(func=run_boards)
    board = commands.add_parser("board", help="create, rename, delete and fill boards")
    board_commands = board.add_subparsers(dest="board_command", metavar="ACTION")
    board.set_defaults(func=_run_help(board))
    create = board_commands.add_parser("create", help="create an empty board")
    create.add_argument("name", metavar="NAME")
    create.set_defaults(func=run_board_create)
    rename = board_commands.add_parser("rename", help="rename a board")
    rename.add_argument("name", metavar="OLD")
    rename.add_argument("new_name", metavar="NEW")
    rename.set_defaults(func=run_board_rename)
    delete = board_commands.add_parser("delete", help="delete a board (its images stay)")
    delete.add_argument("name", metavar="NAME")
    delete.set_defaults(func=run_board_delete)
    for verb, run, text in (("add", run_board_add, "put images on a board"),
                            ("remove", run_board_remove, "take images off a board")):
        change = board_commands.add_parser(verb, help=text)
        change.add_argument("name", metavar="NAME")
        change.add_argument("ids", type=int, nargs="+", metavar="ID", help="image ids (see list)")
        change.set_defaults(func=run)
    export = board_commands.add_parser("export", help="copy a board's images into a folder")
    export.add_argument("name", metavar="NAME")
    export.add_argument("folder", type=Path, metavar="DIR")
    export.set_defaults(func=run_board_export)


def _run_help(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return EXIT_USAGE

    return run



def run_list(args: argparse.Namespace) -> int:
    from desktop_app.library import LibraryQuery

    if args.limit is not None and args.limit < 0:
        return fail("--limit must be 0 or more.", EXIT_USAGE)
    library = _open_library()
    try:
        if args.board is not None:
            from desktop_app.library.boards import BoardError

            try:
                library.boards.find(args.board)
            except BoardError as error:
                return fail(safe_text(str(error)), EXIT_USAGE)
        query = LibraryQuery(
            search=args.search or "",
            model=args.model or None,
            generator=args.generator or None,
            board=args.board,
        )
        if args.after is not None:  # keyset pagination (#18): no OFFSET re-reading earlier pages
            from desktop_app.library.pages import page_after

            try:
                ids = page_after(library, query, args.after, args.limit or 2**62)
            except KeyError:
                return fail(f"there is no image {args.after} in the library.", EXIT_USAGE)
        elif args.limit and query.search:  # a search's first page from the newest rows (#18)
            from desktop_app.library.pages import first_page

            ids = first_page(library, query, args.limit)
        else:
            ids = library.query_ids(query, limit=args.limit or None)
        entries = library.get_many(ids)
        rows = [entries[i] for i in ids if i in entries]
    finally:
        library.close()
    if args.json:
        document = [
            {
                "id": e.id,
                "path": str(e.path),  # exact: a non-UTF-8 name is a \udcXX escape
                "created": e.created,
                "prompt": e.prompt,
                "model": e.model,
                "negative_prompt": e.negative_prompt,
                "generator": e.generator,
                "size": e.size_text,
                "format": e.format,
                "bytes": e.bytes,
                "job_id": e.job_id,
                "favourite": e.favourite,
                "source": e.source,
                "sha256": e.sha256,
                "missing": e.missing or not e.path.exists(),
            }
            for e in rows
        ]
        text = json.dumps(document, ensure_ascii=False, indent=2)
        # Only lone surrogates (undecodable name bytes) cannot be UTF-8: written as the JSON
        # escape \udcXX, which a JSON reader turns back into the same surrogate-escaped name.
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace") + b"\n")
        sys.stdout.buffer.flush()
        return EXIT_OK
    for e in rows:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.created))
        prompt = " ".join(e.prompt.split())
        prompt = safe_text(prompt if len(prompt) <= 60 else prompt[:59] + "…")
        star = "!" if e.missing or not e.path.exists() else ("*" if e.favourite else " ")
        print(f"{e.id:>7} {star} {when}  {safe_text(e.size_text):>9}  "
              f"{safe_text(e.model or '-')}  {prompt}")
    return EXIT_OK


# `--json` is exact text for machines, but people pipe it to a terminal too: C1 controls and
# bidi overrides (which json.dumps leaves as they are with ensure_ascii=False) become \\u
# escapes, which every JSON reader turns back into the same text.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _safe_json(document: object) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def run_info(args: argparse.Namespace) -> int:
    from desktop_app.library.info_text import info_document, info_fields, pretty_block
    from desktop_app.library.readers import read_image_info

    target = Path(args.target)
    context: dict[str, object] = {}
    if target.is_file():
        path = target.resolve()
        context = {"path": str(path)}
    elif args.target.isdigit():
        library = _open_library()
        try:
            entry = library.get(int(args.target))
        finally:
            library.close()
        if entry is None:
            return fail(f"No image with id {args.target} in the library.", EXIT_USAGE)
        path = entry.path
        context = {"id": entry.id, "path": str(path)}
        if not path.is_file():
            return fail(f"Image {entry.id} is missing on disk: {_shown(path)}", EXIT_FAILURE)
    else:
        return fail(f"{safe_text(args.target)} is neither a file nor an image id.", EXIT_USAGE)
    try:
        info = read_image_info(path)
    except (OSError, ValueError) as error:
        return fail(f"{_shown(path)} could not be read: {safe_text(error)}", EXIT_FAILURE)
    if args.json:
        print(_safe_json(info_document(info, **context)))
        return EXIT_OK
    if "id" in context:
        print(f"Id: {context['id']}")
    print(f"File: {_shown(path)}")
    for field in info_fields(info):
        print(f"{field.label}: {safe_text(field.value, one_line=False) or '-'}")
    for name, value in info.settings.items():
        print(f"  {safe_text(name)}: {safe_text(value)}")
    for block in info.blocks:
        print(f"\n--- {safe_text(block.name)} ---")
        print(safe_text(pretty_block(block), one_line=False))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    if not folder.is_dir():
        return fail(f"{_shown(folder)} is not a folder.", EXIT_USAGE)
    library = _open_library()
    try:
        report = library.import_folder(folder, copy=args.copy)
    finally:
        library.close()
    how = "copied into the library" if report.copied else "indexed where they are, not copied"
    print(
        f"{report.added} added ({how}); {report.duplicates} duplicates skipped; "
        f"{len(report.failed)} unreadable; {report.found} image files found in {_shown(folder)}"
    )
    _report_skipped(report.failed)
    return EXIT_OK


def run_path(args: argparse.Namespace) -> int:
    print(_shown(_library_dir()))
    return EXIT_OK


def run_rebuild(args: argparse.Namespace) -> int:
    from desktop_app.library import LibraryQuery

    library = _open_library(index_new_files=False)
    try:
        report = library.rebuild()
        total = library.count(LibraryQuery(include_missing=True))
    finally:
        library.close()
    print(
        f"Rebuilt the index: {report.indexed} files indexed, {total} images in the library"
        + (f"; {len(report.failed)} skipped." if report.failed else ".")
    )
    _report_skipped(report.failed)
    return EXIT_OK


__all__ = [
    "_board_command",
    "_change_board",
    "_library_dir",
    "_open_library",
    "_report_skipped",
    "_shown",
    "register",
    "run_board_add",
    "run_board_create",
    "run_board_delete",
    "run_board_export",
    "run_board_remove",
    "run_board_rename",
    "run_boards",
]
