"""record_request: what one row says, what is skipped, and that DB trouble never reaches the caller.

Also home of the helpers the other usage tests share: bulk rows for benchmarks and screenshots.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import sqlite3
from pathlib import Path

import pytest

from desktop_app.api.errors import (
    CancelledError,
    InsecureTransportError,
    InsufficientCreditError,
    InvalidInputError,
    InvalidResponseError,
    NoTokenError,
    ServerError,
)
from desktop_app.api.types import (
    GeneratedImage,
    GenerationRequest,
    GenerationResult,
    ImageFailure,
    ImageFormat,
    ImageSize,
)
from desktop_app.library import Library
from desktop_app.usage import record_request

FLUX = "black-forest-labs/FLUX.1-schnell"
SDXL = "stabilityai/stable-diffusion-xl-base-1.0"

_INSERT = (
    "INSERT INTO requests (started, model, width, height, n, images, saved, status, latency_s, "
    "endpoint_host, job_id, request_id) VALUES (:started, :model, :width, :height, :n, :images, "
    ":saved, :status, :latency_s, :endpoint_host, :job_id, :request_id)"
)


def at(day: dt.date, hour: int = 12, minute: int = 0) -> float:
    """Unix time of a local wall-clock moment (the report's days are local days)."""
    return dt.datetime.combine(day, dt.time(hour, minute)).timestamp()


def insert_rows(database_path: Path, rows: list[dict[str, object]]) -> None:
    """Bulk rows straight into the table: for 100,000-row measurements and screenshots."""
    connection = sqlite3.connect(database_path)
    with connection:
        connection.executemany(
            _INSERT,
            [{"latency_s": 2.0, "endpoint_host": "inference.api.nscale.com", "job_id": None,
              "request_id": None, "saved": row.get("images", 0), **row} for row in rows],
        )
    connection.close()


def realistic_rows(
    last_day: dt.date, days: int, count: int, seed: int = 7
) -> list[dict[str, object]]:
    """`count` requests over `days` days ending `last_day`: mostly FLUX, some SDXL, a few errors."""
    chooser = random.Random(seed)
    sizes = [(512, 512), (1024, 1024), (768, 1024), (1024, 768)]
    kinds = ["server_error", "timeout", "insufficient_credit", "unavailable", "cancelled"]
    rows: list[dict[str, object]] = []
    for _ in range(count):
        day = last_day - dt.timedelta(days=chooser.randrange(days))
        model = FLUX if chooser.random() < 0.7 else SDXL
        width, height = chooser.choice(sizes)
        n = chooser.choice([1, 1, 2, 4])
        failed = chooser.random() < 0.06
        rows.append({
            "started": at(day, chooser.randrange(8, 23), chooser.randrange(60)),
            "model": model, "width": width, "height": height, "n": n,
            "images": 0 if failed else n,
            "status": chooser.choice(kinds) if failed else "ok",
        })
    return rows


def _request(n: int = 2) -> GenerationRequest:
    return GenerationRequest("a lighthouse at dusk", FLUX, ImageSize(1024, 768), n)


def _image(index: int) -> GeneratedImage:
    return GeneratedImage(b"\x89PNG", ImageFormat.PNG, 1024, 768, index)


def _rows(library: Library) -> list[sqlite3.Row]:
    return library._connection().execute("SELECT * FROM requests ORDER BY id").fetchall()


@pytest.fixture
def library(tmp_path: Path):
    opened = Library.open(tmp_path / "library")
    yield opened
    opened.close()


def test_success_records_every_field(library: Library) -> None:
    request = _request(n=2)
    result = GenerationResult(
        request, (_image(0),), (ImageFailure(1, InvalidResponseError()),), created=1,
        latency_s=3.25, endpoint_host="127.0.0.1:9", request_id="req-1",
    )
    record_request(library, request, result=result, job_id="job-1", started=1_700_000_000.0)
    (row,) = _rows(library)
    assert dict(row) | {"id": 0} == {
        "id": 0, "started": 1_700_000_000.0, "model": FLUX, "width": 1024, "height": 768, "n": 2,
        "images": 2, "saved": 1, "status": "ok", "http_status": 200, "latency_s": 3.25,
        "endpoint_host": "127.0.0.1:9", "job_id": "job-1", "request_id": "req-1",
    }


def test_failure_is_recorded_with_its_kind_and_host(library: Library) -> None:
    record_request(
        library, _request(), error=InsufficientCreditError(status=429), latency_s=0.5,
        started=1_700_000_000.0, endpoint_host="inference.api.nscale.com",
    )
    (row,) = _rows(library)
    assert (row["status"], row["http_status"], row["images"], row["endpoint_host"]) == (
        "insufficient_credit", 429, 0, "inference.api.nscale.com"
    )


def test_cancelled_is_recorded_as_cancelled(library: Library) -> None:
    record_request(library, _request(), error=CancelledError())
    (row,) = _rows(library)
    assert row["status"] == "cancelled"
    assert row["images"] == 0


@pytest.mark.parametrize("error", [InvalidInputError(), NoTokenError(), InsecureTransportError()])
def test_requests_never_sent_are_not_recorded(library: Library, error) -> None:
    record_request(library, _request(), error=error)
    assert _rows(library) == []


def test_started_defaults_to_now_minus_latency(library: Library) -> None:
    before = dt.datetime.now().timestamp()
    record_request(library, _request(), error=ServerError(status=500), latency_s=10.0)
    (row,) = _rows(library)
    assert before - 10.5 < row["started"] <= before - 9.5 + 1.0


def test_database_trouble_is_logged_never_raised(
    library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    library._connection().execute("DROP TABLE requests")
    with caplog.at_level(logging.ERROR, logger="desktop_app.usage.recorder"):
        record_request(library, _request(), error=ServerError())
    assert "Could not record a usage row" in caplog.text


def test_a_closed_library_does_not_raise(
    library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    library.close()
    with caplog.at_level(logging.ERROR, logger="desktop_app.usage.recorder"):
        record_request(library, _request(), error=ServerError())
    assert "Could not record a usage row" in caplog.text


def test_recording_against_the_local_server(server, library: Library) -> None:
    """A real request over HTTP, then the row the job worker / CLI would write."""
    from desktop_app.api.client import NscaleClient

    request = _request(n=1)
    with NscaleClient(server.base_url, server.token) as client:
        started = dt.datetime.now().timestamp()
        result = client.generate(request)
        record_request(library, request, result=result, started=started)
        server.add_faults({"status": 429})
        try:
            client.generate(request)
        except InsufficientCreditError as error:
            record_request(library, request, error=error, endpoint_host=client.endpoint_host)
    ok, credit = _rows(library)
    assert (ok["status"], ok["images"], ok["endpoint_host"]) == ("ok", 1, result.endpoint_host)
    assert ok["endpoint_host"].startswith("127.0.0.1")
    assert (credit["status"], credit["http_status"]) == ("insufficient_credit", 429)
    assert credit["endpoint_host"] == ok["endpoint_host"]
