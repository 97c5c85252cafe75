"""Where the GUI thread was when a heartbeat gap grew long: stacks sampled during the stall.

`StallSampler(heartbeat, path)` starts a daemon thread that looks every 2 ms at the heartbeat's
last tick; once the GUI thread has not ticked for `threshold_ms`, it records the GUI thread's
Python stack and the innermost frames of every other thread (`sys._current_frames()`), once per
`threshold_ms` of the stall, so a long gap leaves several samples. The sampler needs the GIL to
look: a GUI thread busy in Python is caught in the act (the switch interval hands the GIL over),
one blocked behind a long C call elsewhere is seen where it waited, next to the thread that held
it. `stop()` writes the samples as JSON lines of {"phase", "gap_ms", "gui", "others"}: what to
read before choosing a fix, not a figure for the tables.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import traceback
from pathlib import Path
from types import FrameType
from typing import Any

SAMPLE_EVERY_S = 0.002


def _frames(frame: FrameType | None, depth: int) -> list[str]:
    summary = traceback.extract_stack(frame, limit=depth) if frame is not None else []
    return [f"{Path(entry.filename).name}:{entry.lineno} {entry.name}" for entry in summary]


class StallSampler:
    """Samples the GUI thread's stack while `heartbeat` has not ticked for `threshold_ms`."""

    def __init__(self, heartbeat: Any, path: Path, threshold_ms: float = 20.0) -> None:
        self._heartbeat = heartbeat
        self._path = path
        self._threshold_s = threshold_ms / 1000
        self._gui = threading.get_ident()
        self._samples: list[dict[str, Any]] = []
        self.phase = ""  # set by the caller: which part of its run a sample belongs to
        self._running = threading.Event()
        self._running.set()
        self._thread = threading.Thread(target=self._watch, name="stall-sampler", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        next_sample_at = 0.0
        while self._running.is_set():
            time.sleep(SAMPLE_EVERY_S)
            if not self._heartbeat._timer.isActive():
                continue
            last = self._heartbeat._last
            now = time.perf_counter()
            stalled = now - last
            if stalled < self._threshold_s:
                next_sample_at = 0.0
                continue
            if now < next_sample_at:
                continue
            next_sample_at = now + self._threshold_s
            frames = sys._current_frames()
            others = {str(ident): _frames(frame, 4) for ident, frame in frames.items()
                      if ident not in (self._gui, threading.get_ident())}
            names = {str(thread.ident): thread.name for thread in threading.enumerate()}
            self._samples.append({
                "phase": self.phase,
                "gap_ms": round(stalled * 1000, 1),
                "gui": _frames(frames.get(self._gui), 12),
                "others": {names.get(ident, ident): stack for ident, stack in others.items()},
            })

    def stop(self) -> int:
        self._running.clear()
        self._thread.join(timeout=1)
        with self._path.open("w", encoding="utf-8") as out:
            for sample in self._samples:
                out.write(json.dumps(sample) + "\n")
        return len(self._samples)
