"""Attack on usage truthfulness that broke: kill -9 of the CLI while the server generates.

The server had the request (and, on Nscale, charges for it), but the usage log had no row: it
was written only once the reply arrived. 30 random kills left 16 rows for 27 generations. Now a
row is written before sending and replaced by the outcome, so a killed request stays counted.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler

from desktop_app import paths
from tests.tiny_http import TinyServer

GENEROUS_S = 60.0


def test_a_cli_killed_while_the_server_generates_leaves_an_interrupted_usage_row():
    got_request = threading.Event()
    release = threading.Event()

    def never_answers(request: BaseHTTPRequestHandler) -> None:
        got_request.set()
        release.wait(GENEROUS_S)

    server = TinyServer()
    server.routes["/v1/images/generations"] = never_answers
    env = dict(os.environ, NSCALE_BASE_URL=server.root + "/v1", NSCALE_SERVICE_TOKEN="fake-token")
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_app.cli", "generate", "a fox", "--size", "64x64"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        assert got_request.wait(GENEROUS_S), "the CLI never sent its request"
        process.send_signal(signal.SIGKILL)
        process.wait(GENEROUS_S)
    finally:
        release.set()
        if process.poll() is None:
            process.kill()
        server.close()
    connection = sqlite3.connect(paths.default_library_dir() / "library.sqlite3")
    rows = connection.execute("SELECT n, images, saved, status FROM requests").fetchall()
    connection.close()
    assert rows == [(1, 0, 0, "interrupted")]
