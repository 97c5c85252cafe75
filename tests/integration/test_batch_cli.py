"""`batch`, `budget` and `history` against real local servers: counted requests, exit codes, files.

Request counts are the servers' own (the local server's `generations` counter, or a tiny server
that records the most requests it had in flight at once), so "nothing was sent" is observed on
the far side of the socket, not inferred from the client.
"""

from __future__ import annotations

import base64
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from PIL import Image

from desktop_app import paths
from tests.conftest import TEST_TOKEN, start_local_server
from tests.tiny_http import TinyServer

CLI = [sys.executable, "-m", "desktop_app.cli"]


def cli_env(base_url: str | None, token: str = TEST_TOKEN) -> dict[str, str]:
    env = dict(os.environ)
    if base_url is not None:
        env["NSCALE_BASE_URL"] = base_url
        env["NSCALE_SERVICE_TOKEN"] = token
    return env


def run_cli(args: list[str], base_url: str | None = None, token: str = TEST_TOKEN):
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env=cli_env(base_url, token), timeout=300,
        stdin=subprocess.DEVNULL,
    )


def prompts_file(tmp_path: Path, count: int, name: str = "prompts.txt") -> Path:
    path = tmp_path / name
    path.write_text("".join(f"prompt number {i}\n" for i in range(count)), encoding="utf-8")
    return path


def journals() -> list[Path]:
    folder = paths.data_dir() / "batches"
    return sorted(folder.glob("*.jsonl")) if folder.exists() else []


def journal_states(path: Path) -> list[str]:
    states = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if "state" in record:
            states.append(record["state"])
    return states


# --- plan only: nothing is sent ------------------------------------------------------------


def test_dry_run_prints_the_plan_and_sends_nothing(server, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("# a comment\na {red|blue} fox\n\nthe sea\n", encoding="utf-8")
    result = run_cli(
        ["batch", str(source), "--dry-run", "--json", "--size", "512x512", "--size", "256x256",
         "-n", "2"],
        server.base_url,
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert (plan["requests"], plan["images"]) == (6, 12)
    assert plan["megapixels"] == pytest.approx(3 * 2 * (512 * 512 + 256 * 256) / 1e6)
    assert plan["estimated_cost"] == pytest.approx(plan["megapixels"] * 0.0013, abs=1e-6)
    assert [item["prompt"] for item in plan["items"][::2]] == ["a red fox", "a blue fox",
                                                               "the sea"]
    assert server.stats()["generations"] == 0
    assert journals() == []


def test_max_spend_refuses_before_any_request(server, tmp_path):
    source = prompts_file(tmp_path, 5)
    result = run_cli(["batch", str(source), "--max-spend", "0.001"], server.base_url)
    assert result.returncode == 2, result.stderr
    assert "over --max-spend" in result.stderr and "Nothing was sent" in result.stderr
    assert server.stats()["generations"] == 0
    assert journals() == []


def test_max_spend_with_an_unpriced_model_is_refused(server, tmp_path):
    source = prompts_file(tmp_path, 1)
    result = run_cli(["batch", str(source), "--model", "acme/unpriced", "--max-spend", "5"],
                     server.base_url)
    assert result.returncode == 2
    assert "no price is known for acme/unpriced" in result.stderr
    assert server.stats()["generations"] == 0


@pytest.mark.parametrize(
    ("name", "body", "words"),
    [
        ("p.csv", "prompt,seed\na,1\n", "p.csv: line 1: unknown column 'seed'"),
        ("p.csv", "prompt,size\na,512x512\nb,huge\n", "line 3: Size must look like"),
        ("p.jsonl", '{"prompt": "a"}\n{"prompt": "b", "n": 99}\n', "line 2: n must be"),
        ("p.txt", "# only a comment\n", "no prompts in the file"),
    ],
)
def test_bad_input_names_the_line_exits_2_and_sends_nothing(server, tmp_path, name, body, words):
    source = tmp_path / name
    source.write_text(body, encoding="utf-8")
    result = run_cli(["batch", str(source)], server.base_url)
    assert result.returncode == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert server.stats()["generations"] == 0


def test_unreadable_file_and_bad_size_option_exit_2(server, tmp_path):
    missing = run_cli(["batch", str(tmp_path / "missing.txt")], server.base_url)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    bad_size = run_cli(["batch", str(prompts_file(tmp_path, 1)), "--size", "12"], server.base_url)
    assert bad_size.returncode == 2 and "--size" in bad_size.stderr
    assert server.stats()["generations"] == 0


# --- sending ---------------------------------------------------------------------------------


def test_batch_keeps_every_image_and_reports_each_item(server, tmp_path):
    source = tmp_path / "p.jsonl"
    source.write_text('{"prompt": "a cat", "n": 2}\n{"prompt": "a dog", "size": "256x256"}\n',
                      encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["batch", str(source), "--json", "--out", str(out)], server.base_url)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [item["status"] for item in document["items"]] == ["done", "done"]
    assert [len(item["paths"]) for item in document["items"]] == [2, 1]
    for item in document["items"]:
        assert all(Path(path).is_file() for path in item["paths"] + item["exported_paths"])
    assert len(list(out.iterdir())) == 3
    assert server.stats()["generations"] == 2
    assert "2 done of 2" in result.stderr


def test_other_failures_are_recorded_and_the_batch_goes_on(server, tmp_path):
    server.add_faults({"status": 400, "message": "size is not supported"})
    result = run_cli(["batch", str(prompts_file(tmp_path, 4)), "--json", "--concurrency", "1"],
                     server.base_url)
    assert result.returncode == 2  # the first failure's exit code
    document = json.loads(result.stdout)
    statuses = [item["status"] for item in document["items"]]
    assert statuses == ["failed", "done", "done", "done"]
    assert document["items"][0]["error"]["kind"] == "invalid_request"
    assert server.stats()["generations"] == 4
    assert "item 1 (line 1" in result.stderr and "size is not supported" in result.stderr


@pytest.mark.parametrize(("status", "code"), [(429, 5), (401, 3), (403, 3)])
def test_429_and_refused_tokens_stop_the_whole_batch(server, tmp_path, status, code):
    server.add_faults({"status": status})
    result = run_cli(["batch", str(prompts_file(tmp_path, 20)), "--json", "--concurrency", "2"],
                     server.base_url)
    assert result.returncode == code, result.stderr
    sent = server.stats()["generations"]
    assert 1 <= sent <= 2  # at most the requests already in flight
    document = json.loads(result.stdout)
    assert document["stopped_by"] in {"insufficient_credit", "unauthorized", "forbidden"}
    assert sum(item["status"] == "skipped" for item in document["items"]) >= 18
    assert "nothing further was sent" in result.stderr


class InFlightServer:
    """A tiny image server that answers slowly and records the most requests in flight at once."""

    def __init__(self, delay: float = 0.15) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most = 0
        self.total = 0
        self.delay = delay
        self.tiny = TinyServer()
        self.tiny.routes["/v1/images/generations"] = self.generate

    def generate(self, request: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.in_flight += 1
            self.total += 1
            self.most = max(self.most, self.in_flight)
        try:
            time.sleep(self.delay)  # holds this request open so others overlap it
            buffer = io.BytesIO()
            Image.new("RGB", (64, 64), (200, 30, 30)).save(buffer, "PNG")
            body = json.dumps({"created": 1, "data": [
                {"b64_json": base64.b64encode(buffer.getvalue()).decode()}
            ]}).encode()
            request.send_response(200)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        finally:
            with self.lock:
                self.in_flight -= 1


@pytest.mark.parametrize("concurrency", [1, 3])
def test_at_most_k_requests_are_in_flight_server_side(tmp_path, concurrency):
    observed = InFlightServer()
    try:
        result = run_cli(
            ["batch", str(prompts_file(tmp_path, 9)), "--size", "64x64",
             "--concurrency", str(concurrency)],
            observed.tiny.root + "/v1",
        )
        assert result.returncode == 0, result.stderr
        assert observed.total == 9
        assert observed.most <= concurrency
        if concurrency > 1:
            assert observed.most > 1  # the bound is reached, not just respected by running one
    finally:
        observed.tiny.close()


def test_sigkill_then_resume_never_sends_more_than_the_plan(tmp_path):
    slow = start_local_server(TEST_TOKEN, "--latency", "0.6")
    try:
        source = prompts_file(tmp_path, 8)
        args = ["batch", str(source), "--size", "64x64", "--concurrency", "2"]
        process = subprocess.Popen(
            [*CLI, *args], env=cli_env(slow.base_url), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            # Kill once some items are done and others have been journalled as sent.
            while time.monotonic() < deadline:
                found = journals()
                states = journal_states(found[0]) if found else []
                if states.count("done") >= 2 and states.count("sent") > states.count("done"):
                    break
                time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=30)
        before = slow.stats()["generations"]
        assert before < 8

        resumed = run_cli([*args, "--resume", "--json"], slow.base_url)
        document = json.loads(resumed.stdout)
        statuses = [item["status"] for item in document["items"]]
        assert slow.stats()["generations"] <= 8
        assert "unknown" in statuses  # in flight at the kill: not resent
        assert resumed.returncode == 1
        assert "--retry-unknown" in resumed.stderr
        assert statuses.count("done") + statuses.count("unknown") == 8
        for item in document["items"]:
            if item["status"] == "done":
                assert item["paths"] and all(Path(p).is_file() for p in item["paths"])

        # An unknown item may not have reached the server (killed between journal and send):
        # only --retry-unknown sends those again, and only those.
        sent_before_retry = slow.stats()["generations"]
        retried = run_cli([*args, "--resume", "--retry-unknown", "--json"], slow.base_url)
        assert retried.returncode == 0, retried.stderr
        assert all(item["status"] == "done" for item in json.loads(retried.stdout)["items"])
        assert slow.stats()["generations"] == sent_before_retry + statuses.count("unknown")
    finally:
        slow.process.terminate()
        slow.process.wait(timeout=10)


def test_resume_skips_done_items(server, tmp_path):
    source = prompts_file(tmp_path, 3)
    assert run_cli(["batch", str(source)], server.base_url).returncode == 0
    again = run_cli(["batch", str(source), "--resume", "--json"], server.base_url)
    assert again.returncode == 0
    assert all(item["from_earlier_run"] for item in json.loads(again.stdout)["items"])
    assert server.stats()["generations"] == 3


# --- budget ----------------------------------------------------------------------------------


def test_budget_refuses_generate_and_batch_unless_ignored(server, tmp_path):
    assert run_cli(["generate", "first"], server.base_url).returncode == 0
    assert run_cli(["budget", "--daily", "0.0005"]).returncode == 0
    shown = json.loads(run_cli(["budget", "--json"]).stdout)
    assert shown["daily"]["limit"] == 0.0005
    assert shown["daily"]["spent"] == pytest.approx(0.262144 * 0.0013, abs=1e-6)
    assert shown["monthly"]["limit"] is None

    refused = run_cli(["generate", "second"], server.base_url)
    assert refused.returncode == 2
    assert "daily budget" in refused.stderr and "--ignore-budget" in refused.stderr
    batch = run_cli(["batch", str(prompts_file(tmp_path, 2))], server.base_url)
    assert batch.returncode == 2 and "daily budget" in batch.stderr
    assert server.stats()["generations"] == 1

    allowed = run_cli(["generate", "second", "--ignore-budget"], server.base_url)
    assert allowed.returncode == 0, allowed.stderr
    assert run_cli(["budget", "--clear"]).returncode == 0
    assert run_cli(["generate", "third"], server.base_url).returncode == 0
    assert server.stats()["generations"] == 3


def test_budget_alone_prints_limits_spent_and_remaining():
    assert run_cli(["budget", "--monthly", "10"]).returncode == 0
    result = run_cli(["budget"])
    assert result.returncode == 0
    assert "no limit" in result.stdout and "$10.00" in result.stdout and "left" in result.stdout
    assert run_cli(["budget", "--daily", "-3"]).returncode == 2


# --- history ---------------------------------------------------------------------------------


def test_history_recalls_searches_and_survives_a_library_rebuild(server, tmp_path):
    for prompt in ("a red fox", "the sea at night", "a red fox"):
        assert run_cli(["generate", prompt, "--size", "64x64"], server.base_url).returncode == 0
    entries = json.loads(run_cli(["history", "--json"]).stdout)
    assert [(e["prompt"], e["uses"]) for e in entries] == [("a red fox", 2),
                                                           ("the sea at night", 1)]
    assert entries[0]["size"] == "64x64"
    found = json.loads(run_cli(["history", "--search", "SEA", "--json"]).stdout)
    assert [e["prompt"] for e in found] == ["the sea at night"]

    assert run_cli(["library", "rebuild"]).returncode == 0
    after = json.loads(run_cli(["history", "--json", "--limit", "1"]).stdout)
    assert [e["prompt"] for e in after] == ["a red fox"]


def test_history_pin_and_control_characters_in_prompts(server):
    assert run_cli(["generate", "evil \x1b[31mred", "--size", "64x64"],
                   server.base_url).returncode == 0
    shown = run_cli(["history"])
    assert "\x1b" not in shown.stdout and "evil" in shown.stdout
    assert run_cli(["history", "pin", "evil \x1b[31mred"]).returncode == 0
    pinned = json.loads(run_cli(["history", "--pinned", "--json"]).stdout)
    assert [e["prompt"] for e in pinned] == ["evil \x1b[31mred"]
    assert run_cli(["history", "unpin", "not there"]).returncode == 2


def _sigint_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_sending_but_keeps_what_was_in_flight(tmp_path):
    # Slow enough that a loaded machine, where this test may not run for a second or two,
    # still sends its Ctrl+C while the first requests are in flight (at 0.8 s the whole batch
    # once ended before the signal arrived).
    slow = start_local_server(TEST_TOKEN, "--latency", "3")
    try:
        args = ["batch", str(prompts_file(tmp_path, 8)), "--size", "64x64", "--concurrency", "2",
                "--json"]
        process = subprocess.Popen(
            [*CLI, *args], env=cli_env(slow.base_url), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
            # A shell's background job inherits SIGINT ignored, and Python keeps it ignored:
            # the CLI must get Ctrl+C as a terminal would send it, wherever the suite runs.
            preexec_fn=_sigint_as_in_a_terminal,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            found = journals()
            if found and journal_states(found[0]).count("sent") >= 2:
                break
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 130, stderr
        assert "Ctrl+C again" in stderr
        document = json.loads(stdout)
        statuses = [item["status"] for item in document["items"]]
        sent = slow.stats()["generations"]
        assert document["requests_sent"] == sent < 8
        # Every request that went out finished and its images were kept.
        assert statuses.count("done") == sent, (stderr, document["items"][:3])
        assert statuses.count("skipped") == 8 - sent
    finally:
        slow.process.terminate()
        slow.process.wait(timeout=10)


def test_progress_goes_to_a_terminal_only(server, tmp_path):
    import pty

    source = prompts_file(tmp_path, 3)
    quiet = run_cli(["batch", str(source), "--size", "64x64"], server.base_url)
    assert "items," not in quiet.stderr  # not a terminal: no progress line
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [*CLI, "batch", str(source), "--size", "64x64"], env=cli_env(server.base_url),
            stdout=subprocess.DEVNULL, stderr=follower, stdin=subprocess.DEVNULL,
        )
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        process.wait(timeout=60)
    finally:
        os.close(leader)
    text = seen.decode(errors="replace")
    assert "3/3 items, 3 images" in text and "spent" in text


def test_control_characters_in_prompts_never_reach_the_terminal(server, tmp_path):
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"prompt": "evil \x1b]0;owned\x07 \u202eprompt",
                                  "model": "acme/\x1b[2Jx"}) + "\n", encoding="utf-8")
    plan = run_cli(["batch", str(source), "--dry-run"], server.base_url)
    assert plan.returncode == 0
    sent = run_cli(["batch", str(source)], server.base_url)  # the model is unknown: a 404
    assert sent.returncode == 4
    for text in (plan.stdout, sent.stdout, sent.stderr):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "evil" in plan.stdout and "acme/" in sent.stderr
