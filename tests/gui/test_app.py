"""Start-up, remembered choices, inline validation and notifications of the whole window."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from desktop_app.jobs import JobState
from tests.conftest import PROJECT_ROOT


def run_smoke_test(command: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60,
                          cwd=PROJECT_ROOT)


def test_smoke_test_opens_the_real_window_and_reports_startup_time():
    result = run_smoke_test([sys.executable, "-m", "desktop_app", "--smoke-test"])
    assert result.returncode == 0, result.stderr
    match = re.fullmatch(r"startup_ms=(\d+)\nlibrary_ready_ms=(\d+)\n", result.stdout)
    assert match, result.stdout
    assert 0 < int(match.group(1)) <= int(match.group(2)) < 20_000
    assert "Traceback" not in result.stderr


def installed_launcher(name: str) -> str:
    """The console script pip installed beside this interpreter (`.venv/bin`, or `Scripts` on
    Windows), found even when that folder is not on PATH, as under `.ci/run`."""
    folder = Path(sys.executable).parent  # not resolved: a venv's python is often a symlink
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    assert found, f"{name} is not installed beside {sys.executable}: run pip install -e ."
    return found


def test_smoke_test_works_through_the_launcher():
    result = run_smoke_test([installed_launcher("nscale-studio"), "--smoke-test"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("startup_ms=")


def test_invalid_input_is_explained_next_to_the_control(make_window, qtbot):
    window = make_window()
    panel = window.prompt_panel
    panel.prompt_edit.setPlainText("   ")
    panel.generate_button.click()
    assert panel.prompt_error.isVisible() and "Describe" in panel.prompt_error.text()
    assert window.jobs.jobs() == []
    panel.prompt_edit.setPlainText("a cat")
    assert not panel.prompt_error.isVisible()
    panel.set_values(size="5000x64")
    assert panel.custom_size_edit.isVisible()
    panel.generate_button.click()
    assert panel.size_error.isVisible() and "4096" in panel.size_error.text()
    panel.custom_size_edit.setText("1280 by 720")
    panel.generate_button.click()
    assert "512x512" in panel.size_error.text()
    panel.model_combo.setCurrentText("")
    panel.generate_button.click()
    assert panel.model_error.isVisible()
    assert window.jobs.jobs() == []
    assert (panel.count_spin.minimum(), panel.count_spin.maximum()) == (1, 10)


def test_size_presets_and_default(make_window):
    window = make_window()
    combo = window.prompt_panel.size_combo
    items = [combo.itemData(i) for i in range(combo.count())]
    assert items == ["256x256", "512x512", "768x768", "1024x1024", "1024x768", "768x1024",
                     "1344x768", "768x1344", None]  # None: Custom…
    assert combo.itemText(combo.count() - 1) == "Custom…"
    assert window.prompt_panel.current_size_text() == "512x512"
    assert window.prompt_panel.count_spin.value() == 1


def test_last_choices_geometry_and_splitters_are_remembered(make_window, qtbot):
    window = make_window()
    window.prompt_panel.set_values(model="stabilityai/stable-diffusion-xl-base-1.0",
                                   size="768x1344", count=3)
    window.resize(760, 560)  # the offscreen screen is 800x600
    window.main_splitter.setSizes([300, 700])
    sizes = window.main_splitter.sizes()
    geometry = window.geometry()
    window.close()
    again = make_window()
    panel = again.prompt_panel
    assert panel.current_model() == "stabilityai/stable-diffusion-xl-base-1.0"
    assert panel.current_size_text() == "768x1344"
    assert panel.count_spin.value() == 3
    assert again.geometry().size() == geometry.size()
    assert again.main_splitter.sizes() == sizes


def test_a_desktop_notification_when_the_window_is_not_active(make_window, qtbot, monkeypatch):
    window = make_window()
    monkeypatch.setattr(window, "isActiveWindow", lambda: False)
    window.prompt_panel.set_values(prompt="in the background")
    with qtbot.waitSignal(window.jobs.job_finished, timeout=20000) as finished:
        window.prompt_panel.generate_button.click()
    assert finished.args[0].state == JobState.DONE
    assert window.notifier.last_method in ("tray", "alert")


def test_no_notification_while_the_window_is_active(make_window, qtbot, monkeypatch):
    window = make_window()
    monkeypatch.setattr(window, "isActiveWindow", lambda: True)
    window.prompt_panel.set_values(prompt="in the foreground")
    with qtbot.waitSignal(window.jobs.job_finished, timeout=20000):
        window.prompt_panel.generate_button.click()
    assert window.notifier.last_method == ""
