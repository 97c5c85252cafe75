"""generate_and_keep over real HTTP: each image decoded once before saving, usage always recorded.

The client only checks images cheaply (header, size, checksums); these tests pin down that the
shared pipeline does the full decode before anything is written, so a reply whose pixel data is
corrupt never becomes a file, and that the preview made from that decode is the cached thumbnail.
Replies the local server cannot be made to send (pixel data that is corrupt behind valid
checksums) come from a small canned HTTP server in this file: still real HTTP, no mocks.
"""

from __future__ import annotations

import base64
import io
import sqlite3
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from desktop_app.api import errors
from desktop_app.api.client import NscaleClient
from desktop_app.api.types import GenerationRequest, GenerationResult, ImageSize
from desktop_app.generation import generate_and_keep
from desktop_app.library import Library, LibraryQuery
from tests.conftest import TEST_TOKEN, LocalServer
from tests.tiny_http import TinyServer, send_json

REQUEST = GenerationRequest("a lighthouse at dusk", size=ImageSize(128, 96))
PAIR = GenerationRequest("two boats", size=ImageSize(64, 64), n=2)


# --- helpers --------------------------------------------------------------------------------


def noise(format_name: str, size: tuple[int, int] = (64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, format=format_name)
    return buffer.getvalue()


def png_with_truncated_pixels() -> bytes:
    """A PNG whose IDAT holds half its zlib stream, under a correct CRC: only a decode sees it."""
    data = noise("PNG")
    start = data.index(b"IDAT") - 4
    (length,) = struct.unpack(">I", data[start : start + 4])
    payload = data[start + 8 : start + 8 + length][: length // 2]
    crc = struct.pack(">I", zlib.crc32(b"IDAT" + payload) & 0xFFFFFFFF)
    chunk = struct.pack(">I", len(payload)) + b"IDAT" + payload + crc
    return data[:start] + chunk + data[start + 12 + length :]


def truncated_jpeg() -> bytes:
    data = noise("JPEG")
    return data[: len(data) * 2 // 3]


def canned_reply(images: list[bytes]) -> TinyServer:
    """A real HTTP server that answers every generation with one fixed reply of `images`."""
    reply = {
        "created": 1_700_000_000,
        "data": [{"b64_json": base64.b64encode(image).decode()} for image in images],
    }
    server = TinyServer()
    server.routes["/v1/images/generations"] = send_json(reply)
    return server


@pytest.fixture
def canned() -> Iterator[list[TinyServer]]:
    servers: list[TinyServer] = []
    yield servers
    for running in servers:
        running.close()


def client_for(servers: list[TinyServer], *images: bytes) -> NscaleClient:
    running = canned_reply(list(images))
    servers.append(running)
    return NscaleClient(f"{running.root}/v1", TEST_TOKEN, max_attempts=1)


class CancelledOnArrival(NscaleClient):
    """The real client, with the user pressing Cancel the moment the reply has arrived."""

    def __init__(self, server: LocalServer, cancel: threading.Event) -> None:
        super().__init__(server.base_url, server.token, max_attempts=1)
        self._cancel_on_arrival = cancel

    def generate(
        self, request: GenerationRequest, cancel: threading.Event | None = None, **options: Any
    ) -> GenerationResult:
        result = super().generate(request, cancel, **options)
        self._cancel_on_arrival.set()
        return result


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened = Library.open(tmp_path / "library")
    yield opened
    opened.close()


def usage_rows(library: Library) -> list[sqlite3.Row]:
    return library._connection().execute("SELECT * FROM requests ORDER BY id").fetchall()


def image_files(library: Library) -> list[Path]:
    return [path for path in library.images_dir.rglob("*") if path.is_file()]


# --- success --------------------------------------------------------------------------------


def test_success_saves_each_image_with_its_preview_cached_as_the_thumbnail(server, library):
    with NscaleClient(server.base_url, server.token) as client:
        result, entries = generate_and_keep(client, library, PAIR, job_id="job-1")
    assert len(entries) == len(result.images) == 2 and result.failures == ()
    assert len(image_files(library)) == 2
    for entry, image in zip(entries, result.images, strict=True):
        assert image.preview is not None
        cached = library.thumbnail_path(entry.id)
        assert cached is not None
        # Cached by add_result from the pipeline's one decode, before anyone asked for it.
        assert cached.with_suffix(".jpg").read_bytes() == image.preview
        assert library.thumbnail(entry.id) == image.preview
    (row,) = usage_rows(library)
    assert (row["status"], row["images"], row["saved"], row["job_id"]) == ("ok", 2, 2, "job-1")


def test_preview_size_none_leaves_the_thumbnail_to_the_library(server, library):
    with NscaleClient(server.base_url, server.token) as client:
        result, (entry,) = generate_and_keep(client, library, REQUEST, job_id="j",
                                             preview_size=None)
    assert result.images[0].preview is None
    assert library.thumbnail(entry.id) is not None  # made from the saved file instead


# --- images the full decode refuses ---------------------------------------------------------


@pytest.mark.parametrize("corrupt", [png_with_truncated_pixels, truncated_jpeg])
def test_corrupt_pixel_data_is_a_failure_and_never_a_file(canned, library, corrupt):
    data = corrupt()
    with client_for(canned, data) as client:
        # The client's cheap checks let it through (valid header and checksums) ...
        assert len(client.generate(REQUEST).images) == 1
        # ... so only the pipeline's decode stands between it and the library.
        with pytest.raises(errors.InvalidResponseError, match="no usable image") as caught:
            generate_and_keep(client, library, REQUEST, job_id="job-2")
    assert "damaged" in caught.value.message
    assert image_files(library) == []
    assert library.count(LibraryQuery()) == 0
    (row,) = usage_rows(library)
    assert (row["status"], row["images"], row["saved"]) == ("invalid_response", 1, 0)


def test_one_corrupt_image_of_two_is_a_failure_and_the_other_is_kept(canned, library):
    with client_for(canned, noise("PNG"), png_with_truncated_pixels()) as client:
        result, entries = generate_and_keep(client, library, PAIR, job_id="job-3")
    assert [image.index for image in result.images] == [0]
    assert [failure.index for failure in result.failures] == [1]
    assert isinstance(result.failures[0].error, errors.InvalidResponseError)
    assert "Item 2" in result.failures[0].error.message
    assert len(entries) == 1 and len(image_files(library)) == 1
    (row,) = usage_rows(library)
    assert (row["status"], row["images"], row["saved"]) == ("ok", 2, 1)


def test_partially_bad_reply_keeps_one_file_and_records_one_failure(server, library):
    server.add_faults({"kind": "partial_bad"})
    with NscaleClient(server.base_url, server.token) as client:
        result, entries = generate_and_keep(client, library, PAIR, job_id="job-4")
    assert [image.index for image in result.images] == [0]
    assert [failure.index for failure in result.failures] == [1]
    assert len(entries) == 1 and len(image_files(library)) == 1
    (row,) = usage_rows(library)
    assert (row["status"], row["images"], row["saved"]) == ("ok", 2, 1)


# --- failures and cancellation --------------------------------------------------------------


def test_a_refused_request_is_recorded_and_writes_nothing(server, library):
    server.add_faults({"status": 429})
    with NscaleClient(server.base_url, server.token) as client:
        with pytest.raises(errors.InsufficientCreditError):
            generate_and_keep(client, library, REQUEST, job_id="job-5")
    assert image_files(library) == []
    (row,) = usage_rows(library)
    assert (row["status"], row["http_status"], row["endpoint_host"]) == (
        "insufficient_credit",
        429,
        "127.0.0.1",
    )


def test_cancel_after_the_reply_records_it_and_writes_no_file(server, library):
    cancel = threading.Event()
    with CancelledOnArrival(server, cancel) as client:
        with pytest.raises(errors.CancelledError):
            generate_and_keep(client, library, PAIR, job_id="job-6", cancel=cancel)
    assert server.stats()["generations"] == 1
    assert image_files(library) == []
    assert library.count(LibraryQuery()) == 0
    # The server made (and charged for) the images: the request counts although none was kept.
    (row,) = usage_rows(library)
    assert (row["status"], row["images"], row["job_id"]) == ("ok", 2, "job-6")
