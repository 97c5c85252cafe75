"""`token set | clear | status`: manage the service token in the OS keyring.

The token is never an argument (it would land in shell history and `ps`): `set` reads one line
from stdin when stdin is not a terminal, else prompts without echo. `status` names the keyring
backend and says whether a token is set and where from, never the token itself.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys

from desktop_app import TOKEN_ENV_VAR
from desktop_app.cli import EXIT_KEYRING, EXIT_OK, EXIT_USAGE, fail, warn
from desktop_app.cli.terminal import safe_text
from desktop_app.secrets import (
    KeyringUnavailableError,
    PlaintextKeyringError,
    TokenSource,
    TokenStore,
    friendly_backend_name,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    token = subparsers.add_parser(
        "token",
        help="store, remove or inspect the service token (OS keyring)",
        description="Manage the Nscale service token in the OS keyring.",
    )
    actions = token.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    set_parser = actions.add_parser(
        "set", help="store a token (read from stdin, or prompted for without echo)"
    )
    set_parser.add_argument(
        "--allow-plaintext",
        action="store_true",
        help="accept a keyring backend that stores secrets unencrypted in a file",
    )
    set_parser.set_defaults(func=run_set)
    actions.add_parser("clear", help="remove the token from the keyring").set_defaults(
        func=run_clear
    )
    status = actions.add_parser("status", help="say whether a token is set, and where")
    status.add_argument("--json", action="store_true", help="print a JSON document")
    status.set_defaults(func=run_status)


def _read_token() -> str:
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        return getpass.getpass("Nscale service token (input hidden): ")
    return sys.stdin.readline()


def run_set(args: argparse.Namespace) -> int:
    try:
        token = _read_token()
    except EOFError:
        token = ""
    store = TokenStore()
    try:
        store.save(token, allow_plaintext=args.allow_plaintext)
    except ValueError as error:
        return fail(str(error), EXIT_USAGE)
    except PlaintextKeyringError as error:
        return fail(f"{error} (use --allow-plaintext to accept it)", EXIT_KEYRING)
    except KeyringUnavailableError as error:
        return fail(
            f"{error.reason} Export {TOKEN_ENV_VAR} instead (for example from your password "
            "manager).",
            EXIT_KEYRING,
        )
    print("Service token stored in the system keyring.")
    if TOKEN_ENV_VAR in os.environ:
        warn(f"{TOKEN_ENV_VAR} is set and takes precedence over the keyring.")
    return EXIT_OK


def run_clear(args: argparse.Namespace) -> int:
    store = TokenStore()
    try:
        had_keyring = store.clear()
    except KeyringUnavailableError as error:
        return fail(str(error), EXIT_KEYRING)
    if had_keyring:
        print("Service token removed from the system keyring.")
    else:
        print("No system keyring is available, so no token is stored there: nothing to remove.")
    if store.status().source is TokenSource.ENVIRONMENT:
        warn(f"{TOKEN_ENV_VAR} is still set in the environment.")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    status = TokenStore().status()
    if args.json:
        json.dump(
            {
                "token_set": status.is_set,
                "source": status.source.value,
                "keyring_backend": status.backend_name,
                "keyring_usable": status.backend_usable,
                "keyring_plaintext": status.backend_is_plaintext,
                "problem": status.problem,
            },
            sys.stdout,
            indent=2,
        )
        print()
        return EXIT_OK
    if status.is_set:
        print(f"Token: set, from {safe_text(status.source.description)}")
    else:
        print(f"Token: not set (set one with `token set` or {TOKEN_ENV_VAR})")
    usable = "usable" if status.backend_usable else "not usable"
    kind = ", stores secrets unencrypted" if status.backend_is_plaintext else ""
    print(
        f"Keyring backend: {safe_text(friendly_backend_name(status.backend_name))} "
        f"[{safe_text(status.backend_name)}] ({usable}{kind})"
    )
    if status.problem:
        print(f"Problem: {safe_text(status.problem)}")
    return EXIT_OK
