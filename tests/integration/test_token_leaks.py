"""A unique token goes through generate -> library -> export -> logs and is found nowhere.

Every file under the isolated XDG folders (settings, library index, images, thumbnails, logs),
every exported file and every captured output is searched for the token, raw and base64-encoded.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.api.client import NscaleClient
from desktop_app.api.errors import ApiError
from desktop_app.api.types import GenerationRequest, ImageSize
from tests.conftest import start_local_server


def forms_of(token: str) -> list[bytes]:
    raw = token.encode()
    return [raw, base64.b64encode(raw)]


def files_containing(folder: Path, needles: list[bytes]) -> list[Path]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(needle in data for needle in needles):
                hits.append(path)
    return hits


@pytest.fixture
def unique_server(tmp_path):
    token = "tok-leakcheck-" + os.urandom(8).hex()
    server = start_local_server(token)
    yield server
    server.process.terminate()
    server.process.wait(timeout=10)


def test_token_appears_in_no_file_and_no_output(unique_server, isolated_home, tmp_path, caplog):
    token = unique_server.token
    env = {
        **os.environ,
        "NSCALE_BASE_URL": unique_server.base_url,
        "NSCALE_SERVICE_TOKEN": token,
    }
    out_dir = tmp_path / "exported"
    outputs: list[str] = []

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "desktop_app.cli", "-v", *args],
            input=stdin, capture_output=True, text=True, env=env, timeout=120,
        )
        outputs.extend([result.stdout, result.stderr])
        return result

    assert cli("generate", "a leak hunt", "-n", "2", "--out", str(out_dir)).returncode == 0
    assert cli("generate", "a jpeg too", "--json").returncode == 0
    assert cli("models", "--json").returncode == 0
    assert cli("library", "list", "--json").returncode == 0
    assert cli("token", "status").returncode == 0
    # failures write logs too: unauthorized (server echoes nothing), 500s, 429, dropped connection
    unique_server.add_faults({"status": 500}, {"status": 500}, {"status": 500})
    assert cli("generate", "server error").returncode == 6
    unique_server.add_faults({"status": 429})
    assert cli("generate", "no credit").returncode == 5
    unique_server.add_faults({"kind": "drop"})
    assert cli("generate", "dropped").returncode == 7
    unique_server.add_faults({"status": 401})
    assert cli("generate", "refused").returncode == 3

    # the in-process client, with logging captured at DEBUG
    caplog.set_level("DEBUG")
    with NscaleClient(unique_server.base_url, token, backoff_base=0.01) as client:
        client.generate(GenerationRequest("in process", size=ImageSize(128, 128)))
        unique_server.add_faults({"status": 403, "message": f"token {token} lacks a scope"})
        with pytest.raises(ApiError) as caught:
            client.generate(GenerationRequest("echoed", size=ImageSize(128, 128)))
        outputs.extend([str(caught.value), repr(caught.value), repr(client)])

    needles = forms_of(token)
    assert files_containing(isolated_home, needles) == []
    assert files_containing(out_dir, needles) == []
    assert list(out_dir.iterdir()), "the export wrote files"
    log_files = list(isolated_home.rglob("*.log"))
    assert log_files, "the CLI writes a log file"
    for text in [*outputs, caplog.text]:
        assert token not in text
    # the check above is only meaningful if the token really was used
    assert unique_server.stats()["last_headers"]["authorization"] == f"Bearer {token}"
