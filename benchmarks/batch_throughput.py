"""Benchmark 7: `batch` throughput against the local server at concurrency 1, 2, 4 and 8.

One prompt file of N distinct prompts (1,000; 20 with --quick), 64x64, n=1, sent by the real
CLI (`nscale-studio-cli batch --json`) in a child with its own temporary home, against one local
server subprocess that adds 50 ms to each reply (a stand-in for the GPU time a real server
spends, so concurrency has something to overlap). The figure is items per second at K; the
baseline is K=1 in the same run, so the ratio is the speed-up. Each run also reports the most
requests the server counted, which must equal N (no item sent twice).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

from benchmarks.harness import PROJECT_ROOT, Goal, Row, isolated_env, local_server, temporary_home

NAME = "batch_throughput"
LATENCY_S = 0.05
CONCURRENCY = (1, 2, 4, 8)
GOAL = Goal("ratio", ">=", 1.0)


def _server_count(base_url: str) -> int:
    root = base_url.rsplit("/v1", 1)[0]
    with urllib.request.urlopen(f"{root}/_control/stats", timeout=10) as reply:
        return int(json.loads(reply.read())["generations"])


def _reset(base_url: str) -> None:
    root = base_url.rsplit("/v1", 1)[0]
    request = urllib.request.Request(f"{root}/_control/reset", data=b"{}", method="POST")
    with urllib.request.urlopen(request, timeout=10):
        pass


def run(quick: bool) -> list[Row]:
    items = 20 if quick else 1000
    rows: list[Row] = []
    rates: dict[int, float] = {}
    with local_server("--latency", str(LATENCY_S)) as server:
        for concurrency in CONCURRENCY:
            with temporary_home() as home:
                prompts = home / "prompts.txt"
                prompts.write_text("".join(f"benchmark prompt {i}\n" for i in range(items)))
                env = isolated_env(home, NSCALE_BASE_URL=server.base_url,
                                   NSCALE_SERVICE_TOKEN=server.token)
                _reset(server.base_url)
                began = time.perf_counter()
                completed = subprocess.run(
                    [sys.executable, "-m", "desktop_app.cli", "batch", str(prompts), "--size",
                     "64x64", "--concurrency", str(concurrency), "--json"],
                    env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1800,
                    check=False,
                )
                elapsed = time.perf_counter() - began
                if completed.returncode != 0:
                    tail = completed.stderr.strip().splitlines()[-3:]
                    raise RuntimeError(f"batch exited {completed.returncode}: {' | '.join(tail)}")
                done = sum(item["status"] == "done"
                           for item in json.loads(completed.stdout)["items"])
                sent = _server_count(server.base_url)
                rates[concurrency] = done / elapsed
                rows.append(Row(
                    NAME, f"{items} items at concurrency {concurrency}", rates[concurrency],
                    rates[1], unit="items/s", baseline_name="concurrency 1", goal=GOAL,
                    samples=1, details={"seconds": elapsed, "done": done, "server_requests": sent},
                    note="" if sent == items else f"server counted {sent} requests for {items}",
                ))
    return rows
