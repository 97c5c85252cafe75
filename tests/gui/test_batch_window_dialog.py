"""The Batch dialog: the live plan, errors with their line, Start and the spend check."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.batch import plan as plan_module
from desktop_app.ui.actions import ActionId
from desktop_app.ui.batch_dialog import BatchDialog, PromptFormat
from desktop_app.ui.tasks import TaskRunner

MODELS = ["black-forest-labs/FLUX.1-schnell", "stabilityai/stable-diffusion-xl-base-1.0"]
PRICES = {MODELS[0]: 0.0013, MODELS[1]: 0.003}


_RUNNERS: list[TaskRunner] = []
_HOSTS: list[QWidget] = []


@pytest.fixture(autouse=True)
def task_runners():
    """Every dialog's TaskRunner is shut down (its threads waited for) after the test."""
    yield
    for runner in _RUNNERS:
        runner.shutdown()
    _HOSTS.clear()


def make_dialog(qtbot, spend_check=None, models=MODELS, prices=PRICES) -> BatchDialog:
    tasks = TaskRunner()
    _RUNNERS.append(tasks)
    kwargs = {} if spend_check is None else {"spend_check": spend_check}
    # As in the window, the dialog has a parent (so Qt, not Python's collector, deletes it).
    host = QWidget()
    qtbot.addWidget(host)
    _HOSTS.append(host)
    dialog = BatchDialog(models, prices, tasks, current_model=MODELS[0],
                         current_size="512x512", max_concurrency=4, parent=host, **kwargs)
    dialog.show()
    return dialog


def settled(dialog: BatchDialog) -> bool:
    return not dialog.is_planning()


def test_the_plan_updates_live_as_prompts_models_and_sizes_change(qtbot):
    dialog = make_dialog(qtbot)
    assert not dialog.start_button.isEnabled()
    qtbot.keyClicks(dialog.prompt_edit, "a red fox")
    qtbot.waitUntil(lambda: settled(dialog) and dialog.plan is not None)
    assert dialog.plan.requests == 1
    assert "1 request" in dialog.plan_label.text()
    # 512x512 at $0.0013 / MP
    assert "$0.0003" in dialog.plan_label.text()
    dialog.prompt_edit.appendPlainText("# a comment\n\na {red|blue|green} owl")
    qtbot.waitUntil(lambda: settled(dialog) and dialog.plan is not None
                    and dialog.plan.requests == 4)
    assert "4 request" in dialog.plan_label.text() and "4 image" in dialog.plan_label.text()
    dialog.set_checked(dialog.model_list, MODELS)
    dialog.set_checked(dialog.size_list, ["512x512", "1024x1024"])
    dialog.count_spin.setValue(2)
    qtbot.waitUntil(lambda: settled(dialog) and dialog.plan is not None
                    and dialog.plan.requests == 16)
    plan = dialog.plan
    assert plan.images == 32
    expected = sum(2 * mp * price for mp in (0.262144, 1.048576) for price in PRICES.values())
    assert plan.estimated_cost * 1 == expected * 4 or abs(plan.estimated_cost - expected * 4) < 1e-9
    assert "16 request" in dialog.plan_label.text() and "32 image" in dialog.plan_label.text()
    assert dialog.start_button.isEnabled()


def test_the_plan_is_worked_out_off_the_gui_thread(qtbot, monkeypatch):
    threads: list[int] = []
    real = plan_module.build_plan

    def spy(*args, **kwargs):
        threads.append(threading.get_ident())  # plain ids: no wrapper of a worker's QThread
        return real(*args, **kwargs)

    monkeypatch.setattr("desktop_app.ui.batch_plan_input.build_plan", spy)
    dialog = make_dialog(qtbot)
    dialog.prompt_edit.setPlainText("one\ntwo")
    qtbot.waitUntil(lambda: settled(dialog) and dialog.plan is not None)
    assert threads and threading.main_thread().ident not in threads


def test_an_unknown_price_gives_a_floor_and_names_the_model(qtbot):
    dialog = make_dialog(qtbot, models=[*MODELS, "someone/unpriced"], prices=PRICES)
    dialog.set_checked(dialog.model_list, [MODELS[0], "someone/unpriced"])
    dialog.prompt_edit.setPlainText("a fox")
    qtbot.waitUntil(lambda: settled(dialog) and dialog.plan is not None
                    and dialog.plan.requests == 2)
    assert "at least" in dialog.plan_label.text()
    assert "someone/unpriced" in dialog.plan_label.text()


def test_start_is_disabled_for_an_empty_or_invalid_plan(qtbot):
    dialog = make_dialog(qtbot)
    dialog.prompt_edit.setPlainText("# only a comment\n\n")
    qtbot.waitUntil(lambda: settled(dialog) and dialog.plan is not None)
    assert dialog.plan.requests == 0 and not dialog.start_button.isEnabled()
    dialog.prompt_edit.setPlainText("a fox")
    qtbot.waitUntil(lambda: settled(dialog) and dialog.start_button.isEnabled())
    dialog.set_checked(dialog.model_list, [])  # no model ticked
    qtbot.waitUntil(lambda: settled(dialog) and bool(dialog.plan_error))
    assert not dialog.start_button.isEnabled()
    assert "at least one model" in dialog.error_label.text()
    dialog.set_checked(dialog.model_list, [MODELS[0]])
    dialog.other_sizes_edit.setText("12x12")  # too small for the API
    qtbot.waitUntil(lambda: settled(dialog) and bool(dialog.plan_error))
    assert not dialog.start_button.isEnabled()
    # Typing makes the shown plan stale at once: Start waits for the new one.
    dialog.other_sizes_edit.clear()
    qtbot.waitUntil(lambda: settled(dialog) and dialog.start_button.isEnabled())
    dialog.prompt_edit.appendPlainText("another")
    assert not dialog.start_button.isEnabled()


def test_an_invalid_csv_file_shows_its_line_as_plain_text(qtbot, tmp_path: Path):
    source = tmp_path / "prompts.csv"
    source.write_text('prompt,n\n"<b>a fox</b>",2\n"an owl",99\n', encoding="utf-8")
    dialog = make_dialog(qtbot)
    dialog.ask_open_path = lambda: source
    dialog.open_button.click()
    qtbot.waitUntil(lambda: settled(dialog) and bool(dialog.plan_error), timeout=5000)
    assert dialog.format_combo.currentData() == PromptFormat.CSV
    assert dialog.error_label.textFormat() == Qt.TextFormat.PlainText
    assert "line 3" in dialog.error_label.text()
    assert not dialog.start_button.isEnabled()
    assert dialog.file_label.text() == "prompts.csv"


def test_a_jsonl_file_with_overrides_makes_its_plan(qtbot, tmp_path: Path):
    source = tmp_path / "prompts.jsonl"
    source.write_text('{"prompt": "a fox", "size": "256x256", "n": 3}\n\n'
                      '{"prompt": "an owl"}\n', encoding="utf-8")
    dialog = make_dialog(qtbot)
    dialog.open_file(source)
    qtbot.waitUntil(lambda: settled(dialog) and dialog.plan is not None, timeout=5000)
    assert dialog.format_combo.currentData() == PromptFormat.JSONL
    assert [(str(i.size), i.n) for i in dialog.plan.items] == [("256x256", 3), ("512x512", 1)]


def test_a_file_that_is_not_utf8_names_the_line(qtbot, tmp_path: Path):
    source = tmp_path / "prompts.txt"
    source.write_bytes(b"one\ntwo\n\xff\xfe three\n")
    dialog = make_dialog(qtbot)
    dialog.open_file(source)
    qtbot.waitUntil(lambda: bool(dialog.plan_error), timeout=5000)
    assert "line 3" in dialog.error_label.text() and "UTF-8" in dialog.error_label.text()


def test_start_asks_the_spend_check_with_the_estimate_and_a_no_starts_nothing(qtbot):
    asked: list[float] = []
    answer = [False]

    def spend_check(estimate: float) -> bool:
        asked.append(estimate)
        return answer[0]

    dialog = make_dialog(qtbot, spend_check=spend_check)
    started: list[tuple[object, int]] = []
    dialog.start_requested.connect(lambda plan, k: started.append((plan, k)))
    dialog.prompt_edit.setPlainText("a fox\nan owl")
    dialog.concurrency_spin.setValue(3)
    qtbot.waitUntil(lambda: settled(dialog) and dialog.start_button.isEnabled())
    dialog.start_button.click()
    assert asked == [dialog.plan.estimated_cost] and asked[0] > 0
    assert started == [] and dialog.isVisible()
    answer[0] = True
    dialog.start_button.click()
    assert len(asked) == 2
    assert started and started[0][0].requests == 2 and started[0][1] == 3
    assert not dialog.isVisible()


def test_the_batch_action_opens_the_dialog_with_the_windows_models(make_window, qtbot):
    window = make_window()
    assert window.action_registry[ActionId.BATCH].shortcut().toString() == "Ctrl+Shift+B"
    file_menu = window.menuBar().actions()[0].menu()
    assert window.action_registry[ActionId.BATCH] in file_menu.actions()
    window.action_registry[ActionId.BATCH].trigger()
    dialog = window.batch.dialog
    qtbot.waitUntil(dialog.isVisible)
    models = [dialog.model_list.item(i).data(Qt.ItemDataRole.UserRole)
              for i in range(dialog.model_list.count())]
    assert models == window.prompt_panel.models()
    assert dialog.checked_models() == [window.prompt_panel.current_model()]
    assert dialog.checked_sizes() == [window.prompt_panel.current_size_text()]
    assert dialog.concurrency_spin.maximum() == window.jobs.max_running


def test_a_fifo_chosen_as_prompt_file_is_refused_instead_of_blocking_the_worker(
    qtbot, tmp_path: Path
):
    import os

    fifo = tmp_path / "prompts.txt"
    os.mkfifo(fifo)
    dialog = make_dialog(qtbot)
    dialog.open_file(fifo)
    qtbot.waitUntil(lambda: bool(dialog.plan_error), timeout=5000)
    assert "prompts.txt" in dialog.error_label.text()
    assert dialog.open_button.isEnabled()
