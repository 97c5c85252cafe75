"""Attack 3: a prompt file whose line is far longer than any prompt is refused on the worker.

Qt lays out a long line without spaces slowly (a 1 MiB one held the GUI thread for a minute):
such a file never reaches the editor; the dialog says which line and why.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.ui.batch_dialog import MAX_FILE_LINE_CHARS
from tests.gui.test_batch_window_dialog import make_dialog, task_runners  # noqa: F401


def test_a_file_with_one_enormous_line_is_refused_without_filling_the_editor(
        qtbot, tmp_path: Path):
    source = tmp_path / "prompts.txt"
    source.write_text("a fox\n" + "x" * (MAX_FILE_LINE_CHARS * 2) + "\n", encoding="utf-8")
    dialog = make_dialog(qtbot)
    dialog.open_file(source)
    qtbot.waitUntil(lambda: bool(dialog.plan_error), timeout=20000)
    text = dialog.error_label.text()
    assert "line 2" in text and "longer than" in text, text
    assert dialog.prompt_edit.toPlainText() == ""
    assert not dialog.start_button.isEnabled()
    assert dialog.open_button.isEnabled()


def test_a_long_but_real_prompt_line_still_opens(qtbot, tmp_path: Path):
    source = tmp_path / "prompts.jsonl"
    source.write_text('{"prompt": "' + "\\u00e9" * 9000 + '"}\n', encoding="utf-8")
    dialog = make_dialog(qtbot)
    dialog.open_file(source)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
    assert dialog.plan.requests == 1
