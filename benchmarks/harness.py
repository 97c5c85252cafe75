"""Shared machinery for the benchmarks: result rows, goals, statistics and child processes.

Owns the `Row` every benchmark returns (a figure next to its baseline measured in the same run,
their ratio and the goal it is judged against), medians, isolated XDG homes for child processes,
starting the local server as a subprocess and running a benchmark part in a child interpreter
that reports one JSON line. It measures nothing itself and never enforces a threshold: whether a
goal is met is reported, never turned into a failing exit code.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = PROJECT_ROOT / "benchmarks" / "results"
CACHE_DIR = RESULTS_DIR / "cache"
BENCH_TOKEN = "bench-token-7d21"  # a fake token the local server accepts; never a real one
RESULT_PREFIX = "BENCH_RESULT="  # a child's one line of JSON, told apart from any other output


@dataclass(frozen=True)
class Goal:
    """What a row is judged against: the ratio or the figure itself, compared with `op`."""

    on: str  # "ratio" | "figure"
    op: str  # "<=" | "<" | ">" | ">="
    value: float
    unit: str = ""

    def text(self) -> str:
        suffix = "x" if self.on == "ratio" else f" {self.unit}".rstrip()
        return f"{self.on} {self.op} {self.value:g}{suffix}"

    def is_met(self, figure: float | None, ratio: float | None) -> bool | None:
        value = ratio if self.on == "ratio" else figure
        if value is None:
            return None
        return {
            "<=": value <= self.value,
            "<": value < self.value,
            ">": value > self.value,
            ">=": value >= self.value,
        }[self.op]


@dataclass
class Row:
    """One line of the results table."""

    benchmark: str
    name: str
    figure: float | None = None
    baseline: float | None = None
    unit: str = "ms"
    baseline_name: str = ""
    goal: Goal | None = None
    samples: int = 0
    note: str = ""
    skipped: bool = False
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.figure is None or not self.baseline:
            return None
        return self.figure / self.baseline

    @property
    def met(self) -> bool | None:
        if self.skipped or self.goal is None:
            return None
        return self.goal.is_met(self.figure, self.ratio)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["goal"] = self.goal.text() if self.goal else None
        data["ratio"] = self.ratio
        data["met"] = self.met
        return data


def skipped(benchmark: str, name: str, note: str, goal: Goal | None = None) -> Row:
    return Row(benchmark=benchmark, name=name, goal=goal, note=note, skipped=True)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """Environment for a child: offscreen Qt, every XDG folder under `home`, no token, no bus."""
    env = dict(os.environ)
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    for name in ("NSCALE_SERVICE_TOKEN", "NSCALE_API_KEY", "NSCALE_BASE_URL"):
        env.pop(name, None)
    # An installed app starts from bytecode: a child that compiled every module at each start
    # (this machine sets PYTHONDONTWRITEBYTECODE) would measure the compiler, not the app.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE_DIR / "pycache")
    env.update(extra)
    return env


@contextlib.contextmanager
def temporary_home(prefix: str = "nscale-bench-") -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)


@dataclass
class LocalServer:
    base_url: str
    token: str
    process: subprocess.Popen[str]


@contextlib.contextmanager
def local_server(*extra_args: str) -> Iterator[LocalServer]:
    """The local Nscale-compatible server as a subprocess, so its work never shares our GIL."""
    command = [sys.executable, "-m", "desktop_app.devserver", "--port", "0",
               "--token", BENCH_TOKEN, *extra_args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, cwd=PROJECT_ROOT)
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline().strip()
        if not first_line.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"local server did not start: {first_line!r}")
        yield LocalServer(base_url=first_line, token=BENCH_TOKEN, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def emit_result(payload: dict[str, Any]) -> None:
    """Called by a child: hand the parent its measurements."""
    print(RESULT_PREFIX + json.dumps(payload), flush=True)


def run_child(module: str, args: Sequence[str], env: dict[str, str],
              timeout: float = 900) -> dict[str, Any]:
    """Run `python -m module args` and return the JSON it reported with `emit_result`."""
    completed = subprocess.run(
        [sys.executable, "-m", module, *args], env=env, cwd=PROJECT_ROOT, capture_output=True,
        text=True, timeout=timeout, check=False,
    )
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX):])
            return result
    tail = (completed.stderr or completed.stdout).strip().splitlines()[-8:]
    raise RuntimeError(f"{module} exited {completed.returncode} without a result: "
                       + " | ".join(tail))


def smoke_figures(command: Sequence[str], env: dict[str, str],
                  timeout: float = 120) -> dict[str, tuple[float, float]]:
    """Run a start-up command to its end; return every `name=N` figure it printed on stdout
    (for the app: `startup_ms` at the first paint, `library_ready_ms` once the library and its
    grid are built), each with the wall-clock ms from launching the process to reading its line
    (interpreter start-up included). Lines that are not `name=number` are ignored."""
    launched = time.perf_counter()
    process = subprocess.Popen(list(command), env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    figures: dict[str, tuple[float, float]] = {}
    try:
        assert process.stdout is not None
        for line in process.stdout:
            wall_ms = (time.perf_counter() - launched) * 1000
            name, separator, value = line.strip().partition("=")
            if not separator or not name.endswith("_ms"):
                continue
            try:
                figures.setdefault(name, (float(value), wall_ms))
            except ValueError:
                continue
        _, stderr = process.communicate(timeout=timeout)
    except BaseException:
        process.kill()
        process.wait()
        raise
    if process.returncode != 0:
        tail = (stderr or "").strip().splitlines()[-5:]
        raise RuntimeError(f"{command[-1]} exited {process.returncode}: " + " | ".join(tail))
    return figures


def startup_ms(command: Sequence[str], env: dict[str, str], key: str = "startup_ms",
               timeout: float = 120) -> tuple[float, float]:
    """Run a start-up command; return the figure `key` (default `startup_ms=N`) it printed and
    the wall-clock ms from launching the process to reading that line."""
    figures = smoke_figures(command, env, timeout)
    if key not in figures:
        raise RuntimeError(f"{command[-1]} printed no {key} (it printed: "
                           f"{', '.join(figures) or 'nothing'})")
    return figures[key]
