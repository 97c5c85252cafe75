"""`generate` and `models`: the CLI's way to make images and list the server's models.

Input is validated, and the library checked for room, before any request is sent. Images are
saved into the library (and, with --out, also copied into a folder, metadata included); nothing
is written when the request fails. When the reply arrived but the library could not keep it,
the paid images are written to --out, else to a fallback folder the message names (exit 9).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop_app import APP_ID, DEFAULT_MODEL, paths
from desktop_app.api.errors import InvalidInputError, ModelNotFoundError
from desktop_app.api.types import DEFAULT_SIZE, GenerationRequest, GenerationResult, ImageSize
from desktop_app.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, fail, warn
from desktop_app.cli.budget_commands import add_ignore_budget_option, refuse_if_over_budget
from desktop_app.cli.common import add_base_url_option, make_client
from desktop_app.cli.terminal import safe_text
from desktop_app.generation import ResultNotSavedError, count_note, generate_and_keep
from desktop_app.library.storage_errors import StorageError, storage_error
from desktop_app.library.store import save_result_to_folder
from desktop_app.settings import Settings
from desktop_app.usage import save_server_prices


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    generate = subparsers.add_parser(
        "generate",
        help="generate images and save them into the library",
        description="Generate images from a prompt. Prints one saved path per line.",
    )
    generate.add_argument("prompt", help="what the image should show")
    generate.add_argument("--model", metavar="ID", help=f"model id (default: {DEFAULT_MODEL})")
    generate.add_argument(
        "--size", metavar="WxH", help=f"image size, 64..4096 per side (default: {DEFAULT_SIZE})"
    )
    generate.add_argument("-n", type=int, default=None, metavar="N", help="images, 1..10")
    generate.add_argument("--out", type=Path, metavar="DIR", help="also copy the images here")
    add_base_url_option(generate)
    generate.add_argument(
        "--timeout", type=float, metavar="S", help="read timeout in seconds (default: 120)"
    )
    generate.add_argument("--json", action="store_true", help="print one JSON document")
    add_ignore_budget_option(generate)
    generate.set_defaults(func=run_generate)

    models = subparsers.add_parser("models", help="list the server's image models")
    add_base_url_option(models)
    models.add_argument("--json", action="store_true", help="print a JSON document")
    models.set_defaults(func=run_models)


def _request_from(args: argparse.Namespace, settings: Settings) -> GenerationRequest:
    size = ImageSize.parse(args.size) if args.size is not None else ImageSize.parse(
        settings.default_size
    )
    request = GenerationRequest(
        prompt=args.prompt,
        model=(args.model or settings.default_model or DEFAULT_MODEL).strip(),
        size=size,
        n=args.n if args.n is not None else settings.default_count,
    )
    request.validate()
    return request


def unwritable_folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot receive files, checked before a (paid) request is sent."""
    if folder.exists():
        if not folder.is_dir():
            return "exists and is not a folder."
        return None if os.access(folder, os.W_OK | os.X_OK) else "is not writable."
    parent = folder.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return f"cannot be created ({parent} is not a folder)."
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot be created ({parent} is not writable)."
    return None


def run_generate(args: argparse.Namespace) -> int:
    from desktop_app.library import Library

    settings = Settings.load()
    if args.timeout is not None and not 0 < args.timeout <= 3600:
        return fail("--timeout must be more than 0 and at most 3600 seconds.", EXIT_USAGE)
    if args.model is not None and not args.model.strip():
        return fail("--model is empty: give a model id (see `models`).", EXIT_USAGE)
    try:
        request = _request_from(args, settings)
    except InvalidInputError as error:
        return fail(error.message, EXIT_USAGE)
    if args.out is not None and (problem := unwritable_folder_problem(args.out)):
        return fail(f"--out {args.out}: {problem}", EXIT_USAGE)

    if (code := refuse_if_over_budget(settings, [request], ignore=args.ignore_budget)) is not None:
        return code
    try:
        library = Library.open(settings.library_dir)
    except (OSError, sqlite3.Error) as error:
        mapped = storage_error(error, settings.library_dir)
        if mapped is None:
            raise
        return fail(
            f"Nothing was sent: the library in {settings.library_dir} cannot be opened. "
            f"{mapped.message}",
            EXIT_STORAGE,
        )
    job_id = uuid.uuid4().hex
    try:
        with make_client(args, settings, read_timeout=args.timeout) as client:
            try:
                result, entries = generate_and_keep(client, library, request, job_id=job_id)
            except ModelNotFoundError as error:
                raise _with_base_url_hint(error, client.base_url) from None
            except ResultNotSavedError as error:
                return _keep_elsewhere(error, args, job_id)
        if note := count_note(result):
            warn(note)
        for failure in result.failures:
            warn(f"image {failure.index + 1} was not saved: {failure.error.message}")
        exported: list[Path] = []
        if args.out is not None:
            try:
                args.out.mkdir(parents=True, exist_ok=True)
                exported = library.export([entry.id for entry in entries], args.out)
            except OSError as error:
                mapped = storage_error(error, args.out)
                if mapped is None:
                    raise
                for entry in entries:
                    print(safe_text(entry.path))
                return fail(
                    f"The images are in the library (paths above) but could not be copied to "
                    f"--out. {mapped.message}",
                    EXIT_STORAGE,
                )
    finally:
        library.close()

    shown = exported or [entry.path for entry in entries]
    if args.json:
        document = _document(request, result)
        document["images"] = [
            {
                "id": entry.id,
                "path": str(entry.path),
                "exported_path": str(exported[i]) if exported else None,
                "width": entry.width,
                "height": entry.height,
                "format": entry.format,
                "bytes": entry.bytes,
                "sha256": entry.sha256,
            }
            for i, entry in enumerate(entries)
        ]
        json.dump(document, sys.stdout, indent=2)
        print()
    else:
        for path in shown:
            print(safe_text(path))
    return EXIT_OK


def _document(request: GenerationRequest, result: GenerationResult) -> dict[str, Any]:
    return {
        "prompt": request.prompt,
        "model": request.model,
        "size": str(request.size),
        "n": request.n,
        "returned": result.items_returned or len(result.images) + len(result.failures),
        "created": result.created,
        "latency_s": round(result.latency_s, 3),
        "request_id": result.request_id,
        "images": [],
        "failures": [
            {"index": failure.index, "kind": failure.error.kind.value,
             "message": failure.error.message}
            for failure in result.failures
        ],
    }


def fallback_folders(out: Path | None) -> list[Path]:
    """Where paid images the library could not keep go, in order: --out, else a folder under
    the app's data folder, the current folder, the system's temporary folder."""
    first = [out] if out is not None else []
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{APP_ID}-unsaved-{stamp}-{os.getpid()}"
    folders = [*first, paths.unsaved_images_dir() / f"{stamp}-{os.getpid()}"]
    # Either can fail (a deleted current folder; no writable temporary folder on a full disk):
    # that folder is then no candidate, and the others are still tried.
    for where in (Path.cwd, lambda: Path(tempfile.gettempdir())):
        try:
            folders.append(where() / name)
        except OSError:
            continue
    return folders


def _keep_elsewhere(error: ResultNotSavedError, args: argparse.Namespace, job_id: str) -> int:
    """Write the paid images the library could not keep to the first folder that takes them."""
    result = error.result
    if note := count_note(result):
        warn(note)
    for failure in result.failures:
        warn(f"image {failure.index + 1} was not usable: {failure.error.message}")
    problems: list[str] = []
    for folder in fallback_folders(args.out):
        created = not folder.exists()
        try:
            written = save_result_to_folder(result, folder, job_id)
        except (OSError, StorageError) as write_error:
            mapped = storage_error(write_error, folder)
            if created:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            # Whatever went wrong with this folder, the next one may still take the images.
            reason = getattr(write_error, "strerror", None) or type(write_error).__name__
            problems.append(
                mapped.message if mapped is not None else f"Cannot write to {folder}: {reason}."
            )
            continue
        if args.json:
            document = _document(result.request, result)
            document["saved_in_library"] = False
            document["images"] = [
                {"id": None, "path": str(path), "width": image.width, "height": image.height,
                 "format": image.format.value, "bytes": path.stat().st_size}
                for path, image in zip(written, result.images, strict=True)
            ]
            json.dump(document, sys.stdout, indent=2)
            print()
        else:
            for path in written:
                print(safe_text(path))
        tried = f" ({' '.join(problems)})" if problems else ""
        return fail(
            f"{error.message} They were written to {folder} instead{tried}; "
            f"`{APP_ID}-cli library import --copy {folder}` adds them to the library later.",
            EXIT_STORAGE,
        )
    return fail(
        f"{error.message} They could not be written anywhere else either: {problems[-1]}",
        EXIT_STORAGE,
    )


def _with_base_url_hint(error: ModelNotFoundError, base_url: str) -> ModelNotFoundError:
    # A base URL without its version segment makes every route a 404, which reads like a
    # missing model; OpenAI-compatible APIs live under /v1.
    if urlsplit(base_url).path.rstrip("/").endswith("/v1"):
        return error
    return ModelNotFoundError(
        f"{error.message} The base URL {base_url} does not end in /v1; "
        "OpenAI-compatible APIs usually live under /v1.",
        status=error.status,
        detail=error.detail,
    )


def run_models(args: argparse.Namespace) -> int:
    settings = Settings.load()
    with make_client(args, settings) as client:
        infos = client.list_model_info()
    save_server_prices(infos)
    image_models = [info for info in infos if info.is_image] or list(infos)
    if args.json:
        json.dump(
            [
                {"id": info.id, "price_per_megapixel": info.price_per_megapixel}
                for info in image_models
            ],
            sys.stdout,
            indent=2,
        )
        print()
    else:
        for info in image_models:
            print(safe_text(info.id))
    return EXIT_OK
