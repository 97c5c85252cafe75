"""`python -m benchmarks --slow N`: a clear refusal where it cannot slow the run, and the
slowdown recorded in the results when it can (the cgroup itself is faked: CI may not have one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import benchmarks.__main__ as cli
from benchmarks import slow_machine
from benchmarks.harness import Row


def test_a_factor_below_one_is_refused():
    with pytest.raises(slow_machine.SlowMachineError, match="at least 1"):
        slow_machine.enter(0.5)


def test_no_cpu_controller_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(slow_machine, "_CGROUP_V1", tmp_path / "none")
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "cgroup.controllers").write_text("memory pids\n")
    monkeypatch.setattr(slow_machine, "_CGROUP_V2", tmp_path / "v2")
    with pytest.raises(slow_machine.SlowMachineError, match="no cgroup CPU controller"):
        slow_machine.enter(3)


def test_the_quota_is_written_as_one_third_of_a_three_ms_period(monkeypatch, tmp_path):
    root = tmp_path / "cpu"
    root.mkdir()
    (root / "cpu.cfs_quota_us").write_text("-1\n")
    monkeypatch.setattr(slow_machine, "_CGROUP_V1", root)
    pinned: list[set[int]] = []
    monkeypatch.setattr(slow_machine.os, "sched_setaffinity",
                        lambda _pid, cpus: pinned.append(cpus))
    monkeypatch.setattr(slow_machine.os, "sched_getaffinity", lambda _pid: {1, 0})
    description, group = slow_machine.enter(3)
    assert (group / "cpu.cfs_quota_us").read_text() == "1000\n"
    assert (group / "cpu.cfs_period_us").read_text() == "3000\n"
    assert pinned == [{0}] and "3x slower" in description


def test_main_refuses_with_exit_2_when_it_cannot_slow(monkeypatch, capsys):
    def refuse(_factor: float) -> tuple[str, Path]:
        raise slow_machine.SlowMachineError("no cgroup CPU controller is mounted")

    monkeypatch.setattr(slow_machine, "enter", refuse)
    assert cli.main(["--slow", "3", "--only", "startup"]) == 2
    assert "--slow: no cgroup CPU controller" in capsys.readouterr().err


def test_the_slowdown_is_in_the_results_and_the_cgroup_is_left(monkeypatch, tmp_path):
    left: list[Path] = []
    monkeypatch.setattr(slow_machine, "enter", lambda _f: ("one CPU, 3x slower", tmp_path))
    monkeypatch.setattr(slow_machine, "leave", left.append)
    monkeypatch.setattr(cli.importlib, "import_module", lambda _name: _FakeBenchmark())
    out = tmp_path / "r.json"
    assert cli.main(["--slow", "3", "--only", "startup", "--json", str(out)]) == 0
    assert json.loads(out.read_text())["slowed"] == "one CPU, 3x slower"
    assert left == [tmp_path]


class _FakeBenchmark:
    @staticmethod
    def run(_quick: bool) -> list[Row]:
        return [Row("startup", "fake", figure=1.0, unit="ms")]
