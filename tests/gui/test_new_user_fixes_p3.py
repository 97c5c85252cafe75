"""Polish from the new user's pass through the window (issue 14, P3)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui.actions import ActionId
from tests.library_helpers import make_result


def test_size_presets_show_their_aspect_ratio_and_custom_fits_its_hint(make_window, qtbot):
    window = make_window()
    panel = window.prompt_panel
    combo = panel.size_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "1024x768 · 4:3" in texts and "512x512 · 1:1" in texts and "768x1344 · 4:7" in texts
    combo.setCurrentIndex(texts.index("1024x768 · 4:3"))
    assert panel.current_size_text() == "1024x768"
    panel.set_values(size="768x1024")
    assert combo.currentText() == "768x1024 · 3:4"
    panel.set_values(size="1280x720")
    assert combo.currentText() == "Custom…" and panel.current_size_text() == "1280x720"
    edit = panel.custom_size_edit
    edit.clear()
    qtbot.waitUntil(edit.isVisible)
    assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.placeholderText())


def test_an_imported_plain_png_has_no_dangling_separator(make_window, qtbot, library, tmp_path):
    from desktop_app.ui.gallery import caption_detail
    from tests.library_helpers import image_bytes

    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "holiday.png").write_bytes(image_bytes(77, (80, 60)))
    library.import_folder(folder)
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    entry = model.entry_at(0)
    assert entry.model == ""
    assert caption_detail(entry) == "80x60"
    tooltip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "holiday.png\n80x60<" in tooltip and "·" not in tooltip


def test_after_a_delete_the_next_image_is_selected(make_window, qtbot, library):
    for seed in range(3):
        library.add_result(make_result(prompt=f"image {seed}", seed=seed,
                                       created=1_764_070_320 + seed))
    window = make_window()
    model, view = window.gallery_model, window.gallery_view
    qtbot.waitUntil(lambda: model.entry_at(2) is not None)
    ids = model.ids()
    view.select_id(ids[1])
    with qtbot.waitSignal(window.library_controller.deleted, timeout=10000):
        window.action_registry[ActionId.DELETE].trigger()
    assert model.ids() == [ids[0], ids[2]]
    assert view.selected_ids() == [ids[2]] and view.current_id() == ids[2]
    with qtbot.waitSignal(window.library_controller.deleted, timeout=10000):
        # The last one: the one before it is selected.
        window.action_registry[ActionId.DELETE].trigger()
    assert view.selected_ids() == [ids[0]]


def test_the_prompt_draft_survives_a_restart(make_window, qtbot):
    window = make_window()
    window.prompt_panel.prompt_edit.setFocus()
    qtbot.keyClicks(window.prompt_panel.prompt_edit, "a harbour at night, ")
    window.prompt_panel.prompt_edit.insertPlainText("夜の港")
    window.close()
    again = make_window()
    assert again.prompt_panel.prompt_edit.toPlainText() == "a harbour at night, 夜の港"


def tab_walk(qtbot, start, steps: int) -> list:
    from PySide6.QtWidgets import QApplication

    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = [start]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_order_follows_the_layout_and_reaches_the_job_rows(make_window, qtbot, library):
    from desktop_app.api.types import GenerationRequest, ImageSize

    library.add_result(make_result(seed=1))
    window = make_window(token="")  # jobs fail: each row has Set token…, Retry and ×
    jobs = [window.jobs_controller.generate(GenerationRequest(prompt=f"job {i}", model="m/x",
                                              size=ImageSize(256, 256), n=1)) for i in range(2)]
    qtbot.waitUntil(lambda: all(job.state.is_final for job in window.jobs.jobs()), timeout=10000)
    panel, rows = window.prompt_panel, window.jobs_panel
    newest, older = rows.row(jobs[1].id), rows.row(jobs[0].id)
    expected = [panel.prompt_edit, panel.model_combo, panel.refresh_button, panel.size_combo,
                panel.count_spin, panel.generate_button, rows.clear_button,
                newest.dismiss_button, newest.action_button, newest.retry_button,
                older.dismiss_button, older.action_button, older.retry_button,
                window.sorting.board_panel.view]  # then the library pane, from its left
    assert tab_walk(qtbot, panel.prompt_edit, len(expected) - 1) == expected


def test_keyboard_focus_on_generate_is_visible(make_window, qtbot):
    window = make_window()
    button = window.prompt_panel.generate_button
    window.prompt_panel.count_spin.setFocus()
    qtbot.waitUntil(window.prompt_panel.count_spin.hasFocus)
    unfocused = button.grab().toImage()
    qtbot.keyClick(window.prompt_panel.count_spin, Qt.Key.Key_Tab)  # keyboard focus, drawn
    qtbot.waitUntil(button.hasFocus)
    assert button.grab().toImage() != unfocused


def test_usage_says_per_model_when_grouped_by_model(make_window, qtbot):
    from desktop_app.usage.report import Grouping

    window = make_window()
    usage = window.dialogs.open_usage()
    combo = usage.grouping_combo
    combo.setCurrentIndex(combo.findData(Grouping.MODEL))
    assert combo.currentText() == "Per model"
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Per day", "Per week", "Per month", "Per model"]
    usage.close()
