"""The benchmarks still run: `python -m benchmarks --quick` exits 0 and writes valid JSON.

No figure is judged here (the machines are shared and noisy); this only proves that every
benchmark runs end to end against the current code, so a change that breaks one is noticed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def test_quick_benchmarks_run_and_write_json(tmp_path):
    out = tmp_path / "quick.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=240, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    results = json.loads(out.read_text())
    assert results["quick"] is True
    names = {row["benchmark"] for row in results["rows"]}
    assert {"startup", "responsiveness", "thumbnail", "client_overhead", "library_scale",
            "bundle"} <= names
    measured = [row for row in results["rows"] if not row["skipped"]]
    assert measured, "every benchmark skipped"
    for row in measured:
        assert row["figure"] is not None and row["figure"] > 0, row
    assert completed.stdout.startswith("| benchmark")
