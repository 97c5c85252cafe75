"""The CLI against the local server over real HTTP: exit codes, messages, files written or not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import paths


def run_cli(args: list[str], server=None, token: str | None = None, stdin: str = ""):
    env = dict(os.environ)
    if server is not None:
        env["NSCALE_BASE_URL"] = server.base_url
        env["NSCALE_SERVICE_TOKEN"] = token if token is not None else server.token
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=120,
    )


def library_files() -> list[Path]:
    images = paths.default_library_dir() / "images"
    return sorted(p for p in images.rglob("*") if p.is_file()) if images.exists() else []


def test_generate_saves_into_the_library_and_prints_paths(server):
    result = run_cli(["generate", "a lighthouse at dusk", "-n", "2", "--size", "256x256"], server)
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.splitlines()]
    assert len(printed) == 2
    assert all(path.is_file() for path in printed)
    assert sorted(printed) == library_files()
    assert server.stats()["last_json"]["size"] == "256x256"


def test_generate_with_out_and_json(server, tmp_path):
    out = tmp_path / "exported"
    result = run_cli(["generate", "two cats", "-n", "2", "--out", str(out), "--json"], server)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["model"] == "black-forest-labs/FLUX.1-schnell"
    assert len(document["images"]) == 2
    for image in document["images"]:
        assert Path(image["path"]).is_file()
        assert Path(image["exported_path"]).parent == out
        assert Path(image["exported_path"]).is_file()
        assert (image["width"], image["height"]) == (512, 512)


@pytest.mark.parametrize(
    ("fault", "exit_code", "words"),
    [
        ({"status": 401}, 3, "401"),
        ({"status": 403, "message": "Scope images:write is required"}, 3, "403"),
        ({"status": 404}, 4, "404"),
        ({"status": 429}, 5, "credit"),
        ({"status": 400, "message": "size is not supported"}, 2, "size is not supported"),
        ({"status": 422, "body_style": "fastapi", "message": "n too large"}, 2, "n too large"),
        ({"kind": "malformed_json"}, 7, "not valid json"),
        ({"kind": "drop"}, 7, ""),
        ({"kind": "not_an_image"}, 7, "image"),
    ],
)
def test_each_failure_has_its_exit_code_and_writes_nothing(server, fault, exit_code, words):
    server.add_faults(fault)
    result = run_cli(["generate", "a red fox"], server)
    assert result.returncode == exit_code, result.stderr
    assert words.lower() in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert library_files() == []


def test_server_errors_are_retried_then_exit_6(server):
    server.add_faults(*[{"status": 500, "body_style": "html"}] * 3)
    result = run_cli(["generate", "a red fox"], server)
    assert result.returncode == 6
    assert "<" not in result.stderr  # no raw HTML
    assert server.stats()["generations"] == 3
    assert library_files() == []


def test_insufficient_credit_is_sent_once(server):
    server.add_faults({"status": 429})
    assert run_cli(["generate", "a red fox"], server).returncode == 5
    assert server.stats()["generations"] == 1


def test_unavailable_then_success_recovers(server):
    server.add_faults({"status": 503, "retry_after": "1"})
    result = run_cli(["generate", "a red fox"], server)
    assert result.returncode == 0, result.stderr
    assert server.stats()["generations"] == 2
    assert len(library_files()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["generate", "   "],
        ["generate", "fox", "--size", "12x12"],
        ["generate", "fox", "--size", "big"],
        ["generate", "fox", "--size", "5000x512"],
        ["generate", "fox", "-n", "0"],
        ["generate", "fox", "-n", "11"],
        ["generate", "fox", "--timeout", "-1"],
    ],
)
def test_invalid_input_is_refused_before_any_request(server, args):
    result = run_cli(args, server)
    assert result.returncode == 2
    assert "error:" in result.stderr
    assert server.stats()["generations"] == 0


def test_missing_token_exits_3_without_a_request(server):
    result = run_cli(["generate", "fox"], server, token="")
    assert result.returncode == 3
    assert "token" in result.stderr.lower()
    assert server.stats()["generations"] == 0


def test_wrong_token_is_never_printed(server):
    secret = "tok-wrong-91b7c3e5"
    result = run_cli(["generate", "fox"], server, token=secret)
    assert result.returncode == 3
    assert secret not in result.stdout + result.stderr


def test_unreachable_server_exits_7():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env_server = type("S", (), {"base_url": f"http://127.0.0.1:{port}/v1", "token": "t"})()
    result = run_cli(["generate", "fox"], env_server)
    assert result.returncode == 7
    assert "127.0.0.1" in result.stderr


def test_plain_http_to_a_remote_host_is_refused():
    result = run_cli(["generate", "fox", "--base-url", "http://images.example.com/v1"],
                     type("S", (), {"base_url": "", "token": "tok"})())
    assert result.returncode == 2
    assert "https://" in result.stderr


def test_models_lists_image_models(server):
    result = run_cli(["models"], server)
    assert result.returncode == 0
    assert "black-forest-labs/FLUX.1-schnell" in result.stdout.splitlines()
    listed = json.loads(run_cli(["models", "--json"], server).stdout)
    assert {"id": "black-forest-labs/FLUX.1-schnell", "price_per_megapixel": 0.0013} in listed


def test_help_documents_exit_codes():
    result = run_cli(["--help"])
    assert result.returncode == 0
    for code in ("0", "2", "3", "4", "5", "6", "7"):
        assert f"\n  {code} " in result.stdout


def test_no_command_is_a_usage_error():
    assert run_cli([]).returncode == 2


def test_every_sent_request_is_recorded_for_usage(server):
    made = run_cli(["generate", "a red fox", "-n", "2", "--size", "1024x1024"], server)
    assert made.returncode == 0
    server.add_faults({"status": 429})
    assert run_cli(["generate", "a red fox"], server).returncode == 5
    assert run_cli(["generate", "   "], server).returncode == 2  # never sent: not recorded
    report = run_cli(["usage", "--by", "model", "--json"], server)
    assert report.returncode == 0, report.stderr
    document = json.loads(report.stdout)
    text = json.dumps(document)
    assert "insufficient_credit" in text
    total = document.get("total") or {}
    assert total.get("requests") == 2
    assert total.get("images") == 2
    assert abs(total.get("megapixels") - 2 * 1.048576) < 1e-6


def test_unwritable_out_folder_is_refused_before_any_request(server, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli(["generate", "fox", "--out", str(blocker / "sub")], server)
    assert result.returncode == 2
    assert "--out" in result.stderr
    assert server.stats()["generations"] == 0
    assert library_files() == []


def test_base_url_without_v1_gets_a_hint(server):
    result = run_cli(["generate", "fox", "--base-url", server.root_url], server)
    assert result.returncode == 4
    assert "/v1" in result.stderr


def test_empty_model_is_refused(server):
    result = run_cli(["generate", "fox", "--model", " "], server)
    assert result.returncode == 2
    assert server.stats()["generations"] == 0


def test_token_clear_without_keyring_says_nothing_was_stored():
    result = run_cli(["token", "clear"])
    assert result.returncode == 0
    assert "no system keyring" in result.stdout.lower()
    assert "removed" not in result.stdout.lower()


def test_damaged_index_is_reported_and_reindexed(server):
    assert run_cli(["generate", "a kept fox", "-n", "2"], server).returncode == 0
    database = paths.default_library_dir() / "library.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.write_bytes(b"this is not a database" * 100)
    result = run_cli(["library", "list", "--json"])
    assert result.returncode == 0, result.stderr
    assert "damaged" in result.stderr
    listed = json.loads(result.stdout)
    assert sorted(item["prompt"] for item in listed) == ["a kept fox", "a kept fox"]
    assert list(database.parent.glob("library.sqlite3.corrupt-*"))


def test_list_marks_images_whose_file_vanished(server):
    printed = run_cli(["generate", "a vanishing fox"], server).stdout.split()
    Path(printed[0]).unlink()
    listed = json.loads(run_cli(["library", "list", "--json"]).stdout)
    assert listed[0]["missing"] is True
    assert " ! " in run_cli(["library", "list"]).stdout


def test_import_reports_unreadable_files_in_plain_words(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "garbage.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"junk" * 10)
    (folder / "text.jpg").write_bytes(b"hello")
    result = run_cli(["library", "import", str(folder)])
    assert result.returncode == 0
    assert "0x" not in result.stderr and "BytesIO" not in result.stderr
    assert "skipped" in result.stderr
