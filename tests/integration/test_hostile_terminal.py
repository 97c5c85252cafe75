"""The CLI's human output never passes a control character to the terminal; `--json` stays exact.

A prompt read from any imported image can hold `\\x1b]0;title\\x07` (retitles the terminal),
`\\x1b[2J` (clears it), NUL, BEL, C1 controls or a right-to-left override. Each command runs as
a real subprocess against an isolated library.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.terminal import safe_text
from desktop_app.library import Library
from desktop_app.usage.recorder import record_request
from tests.conftest import PROJECT_ROOT
from tests.library_helpers import make_result
from tests.tiny_http import TinyServer, send_json

HOSTILE = ("retitle\x1b]0;pwned\x07 clear\x1b[2J nul\x00 bel\x07 c1\x9b31m "
           "rlo\u202egnp.exe lri\u2066x\u2069")
HOSTILE_MODEL = "org/model\x1b[31m\u202e\x07"
# What may never reach a terminal raw from untrusted text (the tab and newline of our own
# layout are fine; the hostile strings above carry none).
RAW = ["\x1b", "\x07", "\x00", "\x9b", "\u202e", "\u2066", "\u2069"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *args],
        capture_output=True, text=True, errors="surrogateescape", timeout=60, cwd=PROJECT_ROOT,
        env={**os.environ, "NSCALE_SERVICE_TOKEN": "test-token"},
    )


def assert_no_raw_controls(text: str) -> None:
    found = [char for char in RAW if char in text]
    assert not found, f"raw {found!r} in {text!r}"


@pytest.fixture
def hostile_library() -> str:
    """A library holding one image whose prompt and model are hostile; returns the stored prompt."""
    with Library.open() as library:
        result = make_result(prompt=HOSTILE, model=HOSTILE_MODEL)
        (entry,) = library.add_result(result)
        record_request(library, result.request, result=result)
        return entry.prompt


def test_library_list_escapes_controls_and_json_keeps_them(hostile_library: str) -> None:
    done = run_cli("library", "list")
    assert done.returncode == 0, done.stderr
    assert_no_raw_controls(done.stdout)
    assert "\\x1b]0;pwned\\x07" in done.stdout and "org/model\\x1b[31m\\u202e" in done.stdout
    done = run_cli("library", "list", "--json")
    assert done.returncode == 0, done.stderr
    (item,) = json.loads(done.stdout)
    assert item["prompt"] == hostile_library and item["model"] == HOSTILE_MODEL
    assert "\x1b" not in done.stdout  # JSON escapes C0 controls itself


def test_usage_table_escapes_model_names(hostile_library: str) -> None:
    done = run_cli("usage", "--by", "model")
    assert done.returncode == 0, done.stderr
    assert_no_raw_controls(done.stdout)
    assert "org/model\\x1b[31m" in done.stdout
    done = run_cli("usage", "--by", "model", "--json")
    assert [row["model"] for row in json.loads(done.stdout)["rows"]] == [HOSTILE_MODEL]


def test_error_lines_on_stderr_escape_what_they_quote(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "out\x1b]0;pwned\x07\u202e"
    not_a_folder.write_bytes(b"")
    done = run_cli("generate", "a lighthouse", "--out", str(not_a_folder))
    assert done.returncode == 2
    assert "is not a folder" in done.stderr
    assert_no_raw_controls(done.stderr)
    assert done.stderr.count("\n") == 1  # one line, as every failure


def test_models_from_a_hostile_server_are_printed_escaped() -> None:
    server = TinyServer()
    server.routes["/v1/models"] = send_json(
        {"data": [{"id": f"flux-{HOSTILE}", "type": "image"}]}
    )
    try:
        done = run_cli("models", "--base-url", f"{server.root}/v1")
    finally:
        server.close()
    assert done.returncode == 0, done.stderr
    assert "flux-" in done.stdout
    assert_no_raw_controls(done.stdout)


def test_library_import_reports_skipped_file_names_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "bad\x1b[2J\u202e.png").write_bytes(b"not a png")
    done = run_cli("library", "import", str(folder))
    assert done.returncode == 0, done.stderr
    assert "bad\\x1b[2J\\u202e.png" in done.stderr
    assert_no_raw_controls(done.stdout + done.stderr)


@pytest.mark.parametrize(
    ("text", "one_line", "shown"),
    [
        ("a\x1b[2Jb", True, "a\\x1b[2Jb"),
        ("bell\x07 nul\x00 del\x7f c1\x9b", True, "bell\\x07 nul\\x00 del\\x7f c1\\x9b"),
        ("two\nlines\tand tab", True, "two\\nlines\\tand tab"),
        ("two\nlines\tand tab", False, "two\nlines\tand tab"),
        ("carriage\rreturn", False, "carriage\\rreturn"),
        ("rlo\u202eabc lre\u202a pdi\u2069 lrm\u200e alm\u061c", True,
         "rlo\\u202eabc lre\\u202a pdi\\u2069 lrm\\u200e alm\\u061c"),
        ("line\u2028separator", True, "line\\u2028separator"),
        ("name-\udcff.png", True, "name-\\xff.png"),  # an undecodable byte of a file name
        ("日本語 · émoji 🎨 עברית", True, "日本語 · émoji 🎨 עברית"),
        (Path("/tmp/x\x1by"), True, "/tmp/x\\x1by"),
    ],
)
def test_safe_text_makes_controls_visible_and_leaves_text_alone(text, one_line, shown) -> None:
    assert safe_text(text, one_line=one_line) == shown
