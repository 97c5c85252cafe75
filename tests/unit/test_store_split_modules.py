"""The library and protocol rooms stay split by job (issue #13), and the split moved no name.

Every module of `desktop_app/library` and `desktop_app/api` is under 400 lines or says at its top
why it is not; every name callers import from the old big modules (`library.store`,
`library.metadata`, `api.network`, `api.replies`) still imports from there; the one write
transaction is public and nothing outside the library reaches for a private one.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop_app/library", "desktop_app/api")
LIMIT = 400


def _modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_is_small_or_says_why_at_its_top(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    if source.count("\n") <= LIMIT:
        return
    docstring = ast.get_docstring(ast.parse(source)) or ""
    assert f"{LIMIT} lines" in docstring, f"{path.name}: over {LIMIT} lines with no reason given"


OLD_NAMES = {
    "desktop_app.library.store": [
        "DATABASE_NAME", "FREE_SPACE_MARGIN", "THUMBNAIL_MAX", "DeletedBatch", "ImportReport",
        "Library", "LibraryEntry", "LibraryQuery", "RebuildReport", "ReconcileReport",
        "save_result_to_folder", "write_new_file",
    ],
    "desktop_app.library": [
        "DeletedBatch", "ImageMetadata", "ImportReport", "Library", "LibraryEntry",
        "LibraryQuery", "ReconcileReport", "read_metadata",
    ],
    "desktop_app.library.metadata": [
        "DIGITAL_SOURCE_TYPE", "JSON_KEY", "PARAMETERS_KEY", "XMP_KEY", "EmbeddedInfo",
        "ImageMetadata", "embed_metadata", "metadata_from_image", "metadata_from_info",
        "parse_parameters", "read_metadata", "read_metadata_bytes", "with_xmp_rating",
    ],
    "desktop_app.api.network": [
        "DEFAULT_BACKOFF_BASE", "DEFAULT_CONNECT_TIMEOUT", "DEFAULT_MAX_ATTEMPTS",
        "DEFAULT_MAX_BODY_BYTES", "DEFAULT_MAX_RETRY_AFTER", "DEFAULT_READ_TIMEOUT",
        "MAX_BACKOFF", "RETRY_STATUSES", "OnRetry", "Reply", "RetryNotice", "SecretToken",
        "Transport", "base_url_problem", "check_base_url", "check_token_transport",
        "is_loopback_host", "origin", "retry_reason",
    ],
    "desktop_app.api.replies": [
        "KNOWN_IMAGE_MODELS", "MAX_MESSAGE_CHARS", "ParsedReply", "ReplyItem", "clean_text",
        "error_detail", "error_for_status", "html_to_text", "parse_generation_reply",
        "parse_models_reply", "parse_retry_after",
    ],
}


@pytest.mark.parametrize("module", sorted(OLD_NAMES))
def test_every_name_callers_import_is_still_where_it_was(module: str) -> None:
    found = importlib.import_module(module)
    assert [name for name in OLD_NAMES[module] if not hasattr(found, name)] == []


def test_the_write_transaction_is_public_and_no_caller_uses_a_private_one(tmp_path) -> None:
    from desktop_app.library import Library

    with Library.open(tmp_path / "library") as library, library.transaction() as connection:
        connection.execute("SELECT count(*) FROM images")
    assert not hasattr(Library, "_transaction")
    outside = [
        path for path in (ROOT / "desktop_app").rglob("*.py")
        if "library" not in path.relative_to(ROOT / "desktop_app").parts
        and "._transaction(" in path.read_text(encoding="utf-8")
    ]
    assert outside == []
