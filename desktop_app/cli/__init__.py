"""The command-line companion: `python -m desktop_app.cli` / `nscale-studio-cli`.

An argparse front end over the same core as the window (API client, token store, library). Each
sub-command lives in its own module and registers itself here. This module owns the one table that
maps error kinds to exit codes, and the rule that a failure prints one clear line on stderr, never a
traceback, and writes no file.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop_app import APP_ID, APP_NAME, __version__
from desktop_app.api.errors import ApiError, ErrorKind
from desktop_app.cli.terminal import safe_text

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_UNAUTHORIZED = 3
EXIT_MODEL_NOT_FOUND = 4
EXIT_INSUFFICIENT_CREDIT = 5
EXIT_SERVER = 6
EXIT_NETWORK = 7
EXIT_KEYRING = 8
EXIT_STORAGE = 9
EXIT_INTERRUPTED = 130

EXIT_CODES: dict[ErrorKind, int] = {
    ErrorKind.INVALID_INPUT: EXIT_USAGE,
    ErrorKind.INVALID_REQUEST: EXIT_USAGE,
    ErrorKind.INSECURE_TRANSPORT: EXIT_USAGE,
    ErrorKind.NO_TOKEN: EXIT_UNAUTHORIZED,
    ErrorKind.UNAUTHORIZED: EXIT_UNAUTHORIZED,
    ErrorKind.FORBIDDEN: EXIT_UNAUTHORIZED,
    ErrorKind.MODEL_NOT_FOUND: EXIT_MODEL_NOT_FOUND,
    ErrorKind.INSUFFICIENT_CREDIT: EXIT_INSUFFICIENT_CREDIT,
    ErrorKind.SERVER_ERROR: EXIT_SERVER,
    ErrorKind.UNAVAILABLE: EXIT_SERVER,
    ErrorKind.NETWORK: EXIT_NETWORK,
    ErrorKind.TIMEOUT: EXIT_NETWORK,
    ErrorKind.INVALID_RESPONSE: EXIT_NETWORK,
    ErrorKind.CANCELLED: EXIT_INTERRUPTED,
}

EXIT_CODE_HELP = """\
exit codes:
  0  success
  2  invalid input or usage (blank prompt, bad size or count, rejected request, unsafe base URL)
  3  unauthorized: no token, or the token was refused (401/403)
  4  model not found (404)
  5  insufficient credit (429; never retried)
  6  server error or unavailable after retries (5xx)
  7  network error, timeout or invalid response
  8  the system keyring cannot store or remove the token
  9  the library or an output folder cannot be written (no space left, read-only, permission
     denied, too many open files, damaged index); images that were paid for are written to
     --out or a fallback folder the message names
  130 interrupted

The service token comes from NSCALE_SERVICE_TOKEN, else the OS keyring (see `token set`).
The base URL comes from --base-url, else NSCALE_BASE_URL, else the saved setting, else Nscale's.
"""


def fail(message: str, code: int) -> int:
    """Print one line on stderr and return `code`: the single way commands report failure.

    `message` may quote a server, a prompt or a path: its control characters are escaped."""
    print(f"{APP_ID}-cli: error: {safe_text(message)}", file=sys.stderr)
    return code


def fail_with(error: ApiError) -> int:
    message = error.message
    if error.detail and error.detail not in message:
        message = f"{message} Server said: {error.detail}"
    return fail(message, EXIT_CODES.get(error.kind, EXIT_FAILURE))


def warn(message: str) -> None:
    print(f"{APP_ID}-cli: warning: {safe_text(message)}", file=sys.stderr)


# Which module registers each sub-command. A command line that names one only imports that
# module (#18): importing them all (the batch runner, requests, the API client, the keyring) cost
# ~250 ms of a `library list`, more than the listing. Help and unknown commands import them all.
_COMMAND_MODULES: dict[str, str] = {
    "generate": "generate_commands",
    "models": "generate_commands",
    "token": "token_commands",
    "library": "library_commands",
    "batch": "batch_commands",
    "budget": "budget_commands",
    "history": "history_commands",
    "usage": "usage_commands",
}
_MODULE_ORDER = ("generate_commands", "token_commands", "library_commands", "batch_commands",
                 "budget_commands", "history_commands", "usage_commands")


def _named_command(argv: Sequence[str]) -> str | None:
    """The sub-command `argv` names (its first word that is not an option), if it is one."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in _COMMAND_MODULES else None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every sub-command, or with only `command`'s module registered."""
    import importlib

    parser = argparse.ArgumentParser(
        prog=f"{APP_ID}-cli",
        description=f"{APP_NAME}: generate images with Nscale and manage the local library.",
        epilog=EXIT_CODE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = _MODULE_ORDER if command is None else (_COMMAND_MODULES[command],)
    for name in wanted:
        try:
            module = importlib.import_module(f"desktop_app.cli.{name}")
        except ImportError:
            if name != "usage_commands":  # optional, as before
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_named_command(words))
    args = parser.parse_args(words)
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from desktop_app.logs import RedactionFilter, setup_logging

    setup_logging(logging.DEBUG if args.verbose else logging.INFO)
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.addFilter(RedactionFilter())
        logging.getLogger().addHandler(handler)
    try:
        return int(args.func(args))
    except ApiError as error:
        return fail_with(error)
    except BrokenPipeError:
        return EXIT_OK  # e.g. `... | head`: the reader left, nothing went wrong here
    except KeyboardInterrupt:
        return fail("interrupted", EXIT_INTERRUPTED)
    except Exception as error:
        # A full disk, a read-only library, a damaged index: plain words and exit 9. Anything
        # else is a bug.
        from desktop_app.library.storage_errors import storage_error

        mapped = storage_error(error, near=_library_folder())
        if mapped is not None:
            return fail(mapped.message, EXIT_STORAGE)
        return _unexpected(error, args.command)


def _library_folder() -> Path | None:
    """The library folder, for telling a full disk from an I/O error; None if unknown."""
    try:
        from desktop_app.settings import Settings

        return Settings.load().library_dir
    except Exception:  # unreadable settings: the error is reported without the space check
        return None


def _unexpected(error: BaseException, command: str) -> int:
    """A bug, not a user error: keep the details in the (redacted) log, not on the terminal."""
    from desktop_app.logs import log_file

    logging.getLogger(__name__).error("unexpected failure in %s", command, exc_info=error)
    return fail(f"unexpected {type(error).__name__}; details are in {log_file()}", EXIT_FAILURE)
