"""`--slow N`: run the benchmarks as on a machine N times slower than this one (Linux, as root).

The frame-budget goals of #18 are judged on a slow laptop (a bare PySide6 window about 3x this
machine's), and the slowest machine we have is this one. So the run itself is slowed: this
process, and every child it starts (they inherit both), is put on **one CPU** with a CPU-time
quota of 1/N of it, in periods of 3 ms (a cgroup's CFS bandwidth: cgroup v1 `cpu` controller or
cgroup v2 `cpu.max`). A lone thread then gets 1 ms of CPU in every 3 ms at N = 3, i.e. it
runs N times slower, delayed by at most one period's remainder (2 ms) at a time; two busy
threads share that one slowed CPU, which is harsher than a slow two-core laptop (each of its
threads has a core of its own). Baselines are slowed alike, so ratios keep their meaning; the
absolute gaps are what the slow machine would show. The bare window's start-up in the same run
(the `startup` rows) says how slow the run really was: compare it with the issue's 286 ms.
"""

from __future__ import annotations

import os
from pathlib import Path

PERIOD_US = 3_000  # short periods: a throttled thread waits at most one period's remainder
_CGROUP_V1 = Path("/sys/fs/cgroup/cpu")
_CGROUP_V2 = Path("/sys/fs/cgroup")


class SlowMachineError(RuntimeError):
    """The slowdown could not be set up here (not Linux, not root, no CPU controller)."""


def enter(factor: float) -> tuple[str, Path]:
    """Slow this process and its future children by `factor`; return what was set (for the
    results file) and the cgroup, for `leave`. Raises `SlowMachineError` with the reason."""
    if factor < 1:
        raise SlowMachineError("the slowdown factor must be at least 1")
    if not hasattr(os, "sched_setaffinity"):
        raise SlowMachineError("--slow needs Linux (CPU affinity and cgroups)")
    quota = max(1_000, round(PERIOD_US / factor))  # the kernel's smallest quota is 1 ms
    period = round(quota * factor)
    name = f"nscale-bench-slow-{os.getpid()}"
    try:
        if (_CGROUP_V1 / "cpu.cfs_quota_us").exists():
            group = _CGROUP_V1 / name
            group.mkdir(exist_ok=True)
            (group / "cpu.cfs_period_us").write_text(f"{period}\n")
            (group / "cpu.cfs_quota_us").write_text(f"{quota}\n")
            (group / "cgroup.procs").write_text(f"{os.getpid()}\n")
        elif "cpu" in (_CGROUP_V2 / "cgroup.controllers").read_text().split():
            group = _CGROUP_V2 / name
            group.mkdir(exist_ok=True)
            (group / "cpu.max").write_text(f"{quota} {period}\n")
            (group / "cgroup.procs").write_text(f"{os.getpid()}\n")
        else:
            raise SlowMachineError("no cgroup CPU controller is mounted")
    except OSError as error:
        raise SlowMachineError(f"cannot set a CPU quota ({error.strerror or error}); "
                               "--slow needs root and a writable cgroup") from error
    first_cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {first_cpu})
    return (f"one CPU (#{first_cpu}), {quota} us of CPU per {period} us period "
            f"({factor:g}x slower), cgroup {group}"), group


def leave(group: Path) -> None:
    """Back to the parent cgroup, and the run's cgroup removed (it is empty once the children
    have ended; one left behind by a crash is harmless and named by its pid)."""
    try:
        (group.parent / "cgroup.procs").write_text(f"{os.getpid()}\n")
        group.rmdir()
    except OSError:
        pass
