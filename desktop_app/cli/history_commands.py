"""`history`: the prompts sent before, most recent first; `history pin/unpin` for saved styles.

Only argument handling and printing live here; the history is `desktop_app.library.history`
(its own file in the library folder, untouched by a library rebuild). Prompts are untrusted
text: control characters are replaced before they reach a terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from desktop_app.cli import EXIT_OK, EXIT_USAGE, fail
from desktop_app.cli.terminal import safe_text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = subparsers.add_parser(
        "history",
        help="prompts sent before (newest first); pin favourites as styles",
        description="Every prompt sent by the app or the CLI, once each, with how often and "
        "when it was last used and the model, size and count it was last sent with.",
    )
    history.add_argument("--search", default="", metavar="TEXT", help="only prompts with TEXT")
    history.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N (default 50; 0 = all)"
    )
    history.add_argument("--pinned", action="store_true", help="only pinned prompts (styles)")
    history.add_argument("--json", action="store_true", help="print a JSON array")
    history.set_defaults(func=run_history)
    commands = history.add_subparsers(dest="history_command", metavar="SUBCOMMAND")
    for name, pinned in (("pin", True), ("unpin", False)):
        command = commands.add_parser(
            name, help=f"{name} a prompt as a saved style" if pinned else "unpin a prompt"
        )
        command.add_argument("prompt", help="the prompt, exactly")
        command.set_defaults(func=run_pin, pinned=pinned)


def _library_root() -> Path:
    from desktop_app.settings import Settings

    return Settings.load().library_dir


def run_history(args: argparse.Namespace) -> int:
    from desktop_app.library.history import search_history

    if args.limit < 0:
        return fail("--limit must be 0 (all) or more.", EXIT_USAGE)
    entries = search_history(
        _library_root(), args.search, args.limit or None, pinned_only=args.pinned
    )
    if args.json:
        json.dump([entry.to_json() for entry in entries], sys.stdout, indent=2)
        print()
        return EXIT_OK
    for entry in entries:
        when = dt.datetime.fromtimestamp(entry.last_used).strftime("%Y-%m-%d %H:%M")
        pin = "*" if entry.pinned else " "
        print(f"{pin} {when}  {entry.uses:>4}x  {safe_text(entry.prompt)}")
    return EXIT_OK


def run_pin(args: argparse.Namespace) -> int:
    from desktop_app.library.history import set_pinned

    if not args.prompt.strip():
        return fail("the prompt is empty.", EXIT_USAGE)
    if not set_pinned(_library_root(), args.prompt, args.pinned):
        return fail("that prompt is not in the history.", EXIT_USAGE)
    return EXIT_OK
