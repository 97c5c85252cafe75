"""The `usage` CLI command in a subprocess, with the test's isolated XDG home."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from desktop_app import paths
from desktop_app.library import Library
from tests.conftest import PROJECT_ROOT
from tests.unit.test_usage_recorder import FLUX, SDXL, insert_rows
from tests.unit.test_usage_report import UNKNOWN, fixture_rows


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *args],
        capture_output=True, text=True, timeout=60, cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def recorded() -> None:
    with Library.open() as library:
        path = library.database_path
    assert path.parent == paths.default_library_dir()
    insert_rows(path, fixture_rows())


def test_json_by_model_matches_the_fixture(recorded: None) -> None:
    result = run_cli("usage", "--by", "model", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["by"], document["currency"], document["spend_is_estimate"]) == (
        "model", "USD", True)
    rows = {row["model"]: row for row in document["rows"]}
    assert rows[FLUX]["estimated_spend"] == pytest.approx(0.0095670848, abs=1e-6)
    assert rows[SDXL]["estimated_spend"] == pytest.approx(0.003145728, abs=1e-6)
    assert rows[SDXL]["failures"] == {"insufficient_credit": 1}
    assert rows[SDXL]["cancelled"] == 1
    assert rows[UNKNOWN]["estimated_spend"] is None
    assert document["total"]["requests"] == 10
    assert document["total"]["estimated_spend"] is None


def test_json_with_range_and_model(recorded: None) -> None:
    result = run_cli("usage", "--since", "2026-11-01", "--until", "2026-11-30",
                     "--model", FLUX, "--by", "week", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [row["period"] for row in document["rows"]] == ["2026-W46", "2026-W45"]
    assert document["total"]["estimated_spend"] == pytest.approx(0.0069670848, abs=1e-6)
    assert document["total"]["failed"] == 1


def test_table_output_says_spend_is_an_estimate(recorded: None) -> None:
    result = run_cli("usage", "--by", "month")
    assert result.returncode == 0, result.stderr
    assert "2026-11" in result.stdout and "2027-01" in result.stdout
    assert "total" in result.stdout
    assert "price unknown" in result.stdout
    assert "estimate" in result.stdout
    assert "insufficient_credit 1" in result.stdout


def test_no_library_yet_prints_nothing_recorded() -> None:
    result = run_cli("usage")
    assert result.returncode == 0, result.stderr
    assert "No requests recorded" in result.stdout
    assert not paths.default_library_dir().exists()


@pytest.mark.parametrize("args", [
    ("--since", "2026-02-30"), ("--until", "tomorrow"),
    ("--since", "2026-11-10", "--until", "2026-11-01"),
])
def test_bad_dates_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    result = run_cli("usage", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "error:" in result.stderr


def test_days_follow_the_local_time_zone() -> None:
    instant = dt.datetime(2026, 11, 2, 23, 30, tzinfo=dt.UTC).timestamp()
    with Library.open() as library:
        path = library.database_path
    insert_rows(path, [{"started": instant, "model": FLUX, "width": 1000, "height": 1000,
                        "n": 1, "images": 1, "status": "ok"}])
    days = {}
    for zone in ("UTC", "Asia/Tokyo"):
        result = run_cli("usage", "--json", env={"TZ": zone})
        assert result.returncode == 0, result.stderr
        days[zone] = json.loads(result.stdout)["rows"][0]["period"]
    assert days == {"UTC": "2026-11-02", "Asia/Tokyo": "2026-11-03"}
