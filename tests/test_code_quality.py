"""House rules checked mechanically: ruff and mypy are clean, the layer contracts hold, the CLI has
no Qt."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed (it is part of the test extra)")
    return found


def test_ruff_is_clean():
    result = subprocess.run(
        [_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_layer_contracts_hold():
    """The layers point one way; api/, library/, usage/, settings and the CLI import no Qt."""
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean(tmp_path):
    """Zero type errors in desktop_app at the levels pyproject.toml sets ([tool.mypy])."""
    if importlib.util.find_spec("mypy") is None:
        pytest.fail("mypy is not installed (it is part of the test extra)")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), "desktop_app"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("args", [["--help"], ["library", "list"]], ids=["help", "library-list"])
def test_cli_loads_no_qt(args):
    """The import contract sees static imports; this catches Qt loaded any other way."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop_app.cli", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    assert "desktop_app.cli" in imported  # the check sees the CLI's own imports
    assert not [name for name in imported if name.split(".")[0] in {"PySide6", "shiboken6"}]
