"""The CLI never pays for an image it cannot keep, and never drops one it paid for.

Real HTTP against hand-made servers (tests/tiny_http.py) that send more or fewer images than
asked, or that fill the library's disk while the request is in flight, and against the local
server; real small and read-only disks from tests/disks.py.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from PIL import Image

from desktop_app import paths
from desktop_app.library import read_metadata
from tests.disks import files_under, fill, read_only_folder, tmpfs
from tests.tiny_http import TinyServer, send_json

EXIT_STORAGE = 9
GENERATIONS = "/v1/images/generations"


FAKE_TOKEN = "fake-token-for-a-tiny-server"  # never a real one


def run_cli(
    args: list[str], base_url: str, token: str = FAKE_TOKEN, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NSCALE_BASE_URL=base_url, NSCALE_SERVICE_TOKEN=token)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *args],
        capture_output=True, text=True, env=env, timeout=120, cwd=cwd,
        check=False,
    )


def png(size: tuple[int, int] = (8, 8), noisy: bool = False) -> bytes:
    image = (
        Image.effect_noise(size, 80).convert("RGB") if noisy else Image.new("RGB", size, "teal")
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def reply(*images: bytes) -> dict[str, object]:
    return {"created": 1_764_070_320, "data": [{"b64_json": base64.b64encode(i).decode()}
                                               for i in images]}


def library_dir() -> Path:
    return paths.default_library_dir()


def usage_rows() -> list[dict[str, object]]:
    connection = sqlite3.connect(library_dir() / "library.sqlite3")
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute("SELECT * FROM requests ORDER BY id")]
    finally:
        connection.close()


def generation_count(server: TinyServer) -> int:
    return sum(1 for path, _headers in server.seen if path == GENERATIONS)


@pytest.fixture
def tiny() -> Iterator[TinyServer]:
    server = TinyServer()
    yield server
    server.close()


# --- more or fewer images than asked ---------------------------------------------------------


def test_a_reply_with_many_images_for_n1_keeps_one_and_charges_one(tiny):
    tiny.routes[GENERATIONS] = send_json(reply(*[png()] * 500))
    result = run_cli(["generate", "a fox", "-n", "1", "--size", "64x64"], tiny.root + "/v1")
    assert result.returncode == 0, result.stderr
    assert "1 requested, 500 returned: kept the first 1." in result.stderr
    assert len(result.stdout.splitlines()) == 1
    assert len(files_under(library_dir() / "images")) == 1
    [row] = usage_rows()
    assert (row["n"], row["images"], row["saved"]) == (1, 500, 1)  # what was asked, what came
    usage = run_cli(["usage", "--json"], tiny.root + "/v1")
    total = json.loads(usage.stdout)["total"]
    assert total["images"] == 1  # spend follows what was requested, not the 500
    assert total["megapixels"] == pytest.approx(64 * 64 / 1e6)


def test_fewer_images_than_asked_are_kept_and_said(tiny):
    tiny.routes[GENERATIONS] = send_json(reply(png()))
    result = run_cli(["generate", "a fox", "-n", "3", "--size", "64x64"], tiny.root + "/v1")
    assert result.returncode == 0, result.stderr
    assert "3 requested, 1 returned." in result.stderr
    assert len(files_under(library_dir() / "images")) == 1
    [row] = usage_rows()
    assert (row["n"], row["images"], row["saved"]) == (3, 1, 1)


# --- refused before sending ------------------------------------------------------------------


def test_a_read_only_images_folder_is_refused_before_any_request(server):
    assert run_cli(["generate", "warm up"], server.base_url, server.token).returncode == 0
    server.reset()
    images = library_dir() / "images"
    for path in files_under(images):
        path.unlink()
    for folder in sorted((p for p in images.rglob("*") if p.is_dir()), reverse=True):
        folder.rmdir()
    with read_only_folder(images) as words:
        result = run_cli(["generate", "a red fox", "-n", "2"], server.base_url, server.token)
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert "Nothing was sent" in result.stderr and words in result.stderr
    assert str(images) in result.stderr
    assert "unexpected" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert server.stats()["generations"] == 0
    assert len(usage_rows()) == 1  # only the warm-up: a refused request is not a request


def test_a_read_only_library_is_refused_before_any_request(server, tmp_path):
    library = library_dir()
    with tmpfs(library, "48m"):
        assert run_cli(["generate", "warm up"], server.base_url, server.token).returncode == 0
        server.reset()
        subprocess.run(["mount", "-o", "remount,ro", str(library)], check=True)
        result = run_cli(["generate", "a red fox"], server.base_url, server.token)
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert "Nothing was sent" in result.stderr and "read-only" in result.stderr
    assert "unexpected" not in result.stderr
    assert server.stats()["generations"] == 0


def test_a_nearly_full_disk_is_refused_before_any_request(server):
    with tmpfs(library_dir(), "3m"):
        result = run_cli(["generate", "a red fox"], server.base_url, server.token)
        assert files_under(library_dir() / "images") == []
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert "Nothing was sent" in result.stderr and "Not enough free space" in result.stderr
    assert server.stats()["generations"] == 0


# --- the disk fills up while the request is in flight ----------------------------------------


def _fill_then_reply(mount: Path, images: list[bytes]):
    body = reply(*images)

    def handler(request: BaseHTTPRequestHandler) -> None:
        fill(mount, 96 * 1024)  # room for the usage row, not for the images
        send_json(body)(request)

    return handler


@pytest.mark.parametrize("with_out", [False, True])
def test_disk_full_after_the_reply_keeps_the_images_and_usage_is_truthful(tiny, tmp_path,
                                                                         with_out):
    images = [png((256, 256), noisy=True), png((320, 256), noisy=True)]
    out = tmp_path / "out"
    args = ["generate", "a paid fox", "-n", "2", "--size", "256x256"]
    with tmpfs(library_dir(), "48m") as mount:
        tiny.routes[GENERATIONS] = _fill_then_reply(mount, images)
        result = run_cli([*args, *(["--out", str(out)] if with_out else [])],
                         tiny.root + "/v1", cwd=tmp_path)
        debris = [p for p in files_under(mount) if p.name != "filler.bin"
                  and not p.name.startswith(("library.sqlite3", "user_state.sqlite3",
                                             "history.sqlite3"))]
        rows = usage_rows()
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "unexpected" not in result.stderr
    assert "could not be saved in the library" in result.stderr
    assert "no space left" in result.stderr
    kept = [Path(line) for line in result.stdout.splitlines()]
    assert len(kept) == 2 and all(path.is_file() and path.stat().st_size for path in kept)
    folder = kept[0].parent
    assert str(folder) in result.stderr  # the message names where they went
    if with_out:
        assert folder == out
    else:
        assert folder.parent == paths.unsaved_images_dir()
    assert {read_metadata(path).prompt for path in kept} == {"a paid fox"}
    assert debris == []  # no image, no 0-byte or partial temp file in the library
    [row] = rows
    assert (row["n"], row["images"], row["saved"], row["status"]) == (2, 2, 0, "ok")
    assert generation_count(tiny) == 1


def test_exit_code_9_is_documented_in_help():
    result = subprocess.run([sys.executable, "-m", "desktop_app.cli", "--help"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert "9  the library or an output folder cannot be written" in result.stdout
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "9 the library or an\noutput folder cannot be written" in readme


def test_any_command_on_a_read_only_library_says_so_with_exit_9(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "a.png").write_bytes(png())
    library = library_dir()
    with tmpfs(library, "3m"):
        assert run_cli(["library", "list"], "http://127.0.0.1:9/v1").returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(library)], check=True)
        result = run_cli(["library", "import", str(source), "--copy"], "http://127.0.0.1:9/v1")
    assert result.returncode == EXIT_STORAGE, result.stderr
    assert "read-only" in result.stderr and str(library) in result.stderr
    assert "unexpected" not in result.stderr and "Errno" not in result.stderr


def test_an_out_folder_on_the_same_full_disk_falls_back_and_says_so(tiny, tmp_path):
    images = [png((256, 256), noisy=True), png((320, 256), noisy=True)]
    with tmpfs(library_dir(), "48m") as mount:
        out = mount / "exports"  # passes the check before sending, then the disk is full
        tiny.routes[GENERATIONS] = _fill_then_reply(mount, images)
        result = run_cli(["generate", "a paid fox", "-n", "2", "--size", "256x256",
                          "--out", str(out)], tiny.root + "/v1", cwd=tmp_path)
        left_in_out = files_under(out)
    assert result.returncode == EXIT_STORAGE, result.stderr
    kept = [Path(line) for line in result.stdout.splitlines()]
    assert len(kept) == 2 and kept[0].parent.parent == paths.unsaved_images_dir()
    assert f"Cannot write to {out}: no space left" in result.stderr
    assert left_in_out == []  # all or none: no half-copied result in --out
