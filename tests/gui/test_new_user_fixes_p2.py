"""Fixes from the new user's pass through the window (issue 14, P2): each fails without its fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from desktop_app.ui.actions import ActionId
from desktop_app.ui.theme import Accent
from tests.gui.fake_chooser import use_chooser
from tests.library_helpers import make_result


def add_entries(library, count: int = 1, **kwargs) -> list:
    entries = []
    for index in range(count):
        entries.extend(library.add_result(make_result(seed=index + 1, size=(96, 64),
                                                      created=1_764_070_320 + index, **kwargs)))
    return entries


def global_rect(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


# -- banners do not move the layout -----------------------------------------------------------


def test_a_banner_moves_no_control(make_window, qtbot, library):
    add_entries(library, 3)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3)
    window.message_bar.dismiss()
    window.token_bar.dismiss()
    qtbot.wait(20)
    watched = [window.prompt_panel.prompt_edit, window.prompt_panel.generate_button,
               window.gallery_panel.filter_bar.search_edit, window.jobs_panel]
    before = [global_rect(widget) for widget in watched]
    first_cell = window.gallery_view.visualRect(window.gallery_model.index(0))
    window.message_bar.show_message("Deleted 3 images.", Accent.INFO, [("Undo", lambda: None)])
    window.token_bar.show_message("No service token is set. " * 4, Accent.INFO,
                                  [("Set token…", lambda: None)])
    qtbot.waitUntil(lambda: window.token_bar.isVisible())
    qtbot.wait(50)  # layouts settle
    assert window.message_bar.isVisible() and window.token_bar.isVisible()
    assert [global_rect(widget) for widget in watched] == before
    assert window.gallery_view.visualRect(window.gallery_model.index(0)) == first_cell
    # The bars are on screen, inside the window, and the grid leaves room under its last row.
    for bar in (window.message_bar, window.token_bar):
        assert window.rect().contains(global_rect(bar))
    assert window.gallery_view.viewportMargins().bottom() > 0
    window.message_bar.dismiss()
    window.token_bar.dismiss()
    qtbot.waitUntil(lambda: window.message_overlay.covered_height() == 0)
    assert [global_rect(widget) for widget in watched] == before


# -- keyboard: Ctrl+Return anywhere in the prompt panel, Ctrl+F, Esc in search ---------------


def test_ctrl_return_generates_from_any_control_of_the_prompt_panel(make_window, qtbot):
    window = make_window()
    panel = window.prompt_panel
    panel.prompt_edit.setPlainText("a kite over the dunes")
    requests = []
    panel.generate_requested.disconnect()
    panel.generate_requested.connect(requests.append)
    controls = [panel.prompt_edit, panel.model_combo, panel.size_combo, panel.count_spin,
                panel.generate_button, panel.refresh_button]
    for control in controls:
        control.setFocus()
        qtbot.waitUntil(control.hasFocus)
        qtbot.keyClick(control, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(requests) == len(controls)
    assert panel.prompt_edit.toPlainText() == "a kite over the dunes"  # no new line typed


def test_ctrl_f_focuses_search_and_esc_clears_it_and_gives_focus_back(make_window, qtbot,
                                                                     library):
    add_entries(library, 2)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2)
    search = window.gallery_panel.filter_bar.search_edit
    window.prompt_panel.prompt_edit.setFocus()
    qtbot.waitUntil(window.prompt_panel.prompt_edit.hasFocus)
    qtbot.keyClick(window.prompt_panel.prompt_edit, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "fox")
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    qtbot.waitUntil(window.gallery_view.hasFocus)


# -- quitting with unfinished jobs asks -------------------------------------------------------


def test_quitting_with_a_running_job_asks_and_wait_keeps_the_window(make_window, qtbot,
                                                                    monkeypatch):
    from desktop_app.api.types import GenerationRequest, ImageSize

    window = make_window()
    asked: list[int] = []
    answer = {"quit": False}

    def ask(unfinished: int) -> bool:
        asked.append(unfinished)
        return answer["quit"]

    monkeypatch.setattr(window, "ask_quit_with_jobs", ask)
    request = GenerationRequest(prompt="[fault:slow=3] a slow one", model="black-forest-labs/"
                                "FLUX.1-schnell", size=ImageSize(256, 256), n=1)
    job = window.jobs_controller.generate(request)
    window.jobs_controller.generate(request)
    qtbot.waitUntil(lambda: window.jobs.job(job.id).state.value == "running")
    assert window.close() is False  # "Wait"
    assert asked and asked[-1] >= 1
    assert window.isVisible() and not window.jobs.job(job.id).state.is_final
    answer["quit"] = True
    assert window.close() is True  # "Quit anyway"


def test_quitting_with_no_unfinished_job_does_not_ask(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(window, "ask_quit_with_jobs", lambda _n: pytest.fail("asked"))
    assert window.close() is True


# -- filters: Clear filters, what hides everything, combos wide enough -------------------------


def test_an_empty_result_names_the_filters_and_clear_filters_brings_all_back(make_window, qtbot,
                                                                            library):
    add_entries(library, 3, prompt="a red fox")
    window = make_window()
    panel = window.gallery_panel
    bar = panel.filter_bar
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3)
    assert not bar.clear_button.isVisible()
    bar.favourites_button.setChecked(True)
    bar.search_edit.setText("<b>zebra</b>")
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 0
                    and panel.empty_label.isVisible(), timeout=5000)
    text = panel.empty_label.text()
    assert "search “<b>zebra</b>”" in text and "favourites only" in text
    assert panel.empty_label.textFormat() == Qt.TextFormat.PlainText
    assert bar.clear_button.isVisible()
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3)
    assert bar.search_edit.text() == "" and not bar.favourites_button.isChecked()
    assert not bar.clear_button.isVisible() and not panel.empty_label.isVisible()


def test_filter_boxes_are_wide_enough_for_their_items(make_window, qtbot, library):
    library.add_result(make_result(prompt="wide", seed=1, size=(1280, 720),
                                   model="stabilityai/stable-diffusion-xl-base-1.0"))
    window = make_window()
    bar = window.gallery_panel.filter_bar
    qtbot.waitUntil(lambda: bar.size_combo.count() == 2)
    bar.size_combo.setCurrentIndex(1)
    qtbot.wait(20)
    text_width = bar.size_combo.fontMetrics().horizontalAdvance("1280x720")
    assert bar.size_combo.width() > text_width + 20  # the text plus the arrow
    model_text = bar.model_combo.fontMetrics().horizontalAdvance(
        "stable-diffusion-xl-base-1.0")
    assert bar.model_combo.view().minimumWidth() >= model_text


# -- import: asks copy or reference once, names unreadable files, Show imported, moved folder ---


def picture_folder(tmp_path, name: str = "elsewhere", count: int = 2, broken: bool = False):
    from tests.library_helpers import image_bytes

    folder = tmp_path / name
    folder.mkdir()
    for seed in range(count):
        (folder / f"picture-{seed}.png").write_bytes(image_bytes(seed + 200))
    if broken:
        (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    return folder


def test_the_first_import_asks_copy_or_reference_and_remembers(make_window, qtbot, tmp_path,
                                                               library):
    window = make_window()
    first = picture_folder(tmp_path, "first")
    window.transfers.import_folder(first)
    assert "copy the images into the library" in window.message_bar.text()
    assert window.message_bar.action_labels() == ["Copy into the library",
                                                  "Keep where they are"]
    assert window.gallery_model.rowCount() == 0  # nothing happens before the answer
    with qtbot.waitSignal(window.library_controller.imported, timeout=10000) as imported:
        window.message_bar.trigger("Copy into the library")
    assert imported.args[0].copied and imported.args[0].added == 2
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2)
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    assert library.root in window.gallery_model.entry_at(0).path.parents
    from tests.library_helpers import image_bytes

    second = tmp_path / "second"
    second.mkdir()
    (second / "new.png").write_bytes(image_bytes(999))
    with qtbot.waitSignal(window.library_controller.imported, timeout=10000) as imported:
        window.transfers.import_folder(second)  # not asked again
    assert imported.args[0].copied


def test_the_import_report_lists_unreadable_files_and_shows_imported(make_window, qtbot,
                                                                     tmp_path, library,
                                                                     monkeypatch):
    library.add_result(make_result(prompt="generated before", seed=50))
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 1)
    folder = picture_folder(tmp_path, broken=True)
    with qtbot.waitSignal(window.library_controller.imported, timeout=10000):
        window.transfers.import_folder(folder)
        window.message_bar.trigger("Keep where they are")
    assert "1 could not be read" in window.message_bar.text()
    assert "Details…" in window.message_bar.action_labels()
    shown = use_chooser(window).details
    window.message_bar.trigger("Details…")
    assert shown and str(folder / "broken.png") in shown[0][2]
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3)
    window.message_bar.trigger("Show imported")
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2)
    bar = window.gallery_panel.filter_bar
    assert bar.clear_button.isVisible()
    bar.clear_filters()
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3)


def test_a_moved_import_folder_is_reported_once(make_window, qtbot, tmp_path):
    window = make_window()
    folder = picture_folder(tmp_path, "holiday")
    with qtbot.waitSignal(window.library_controller.imported, timeout=10000):
        window.transfers.import_folder(folder)
        window.message_bar.trigger("Keep where they are")
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2)
    folder.rename(tmp_path / "holiday-moved")
    window.message_bar.dismiss()
    with qtbot.waitSignal(window.transfers.reconciled, timeout=10000):
        window.transfers.reconcile_library()
    assert window.message_bar.isVisible()
    assert window.message_bar.text().startswith(("2 images could not be found",
                                                 "2 image(s) could not be found"))
    assert str(folder) in window.message_bar.text()
    window.message_bar.dismiss()
    with qtbot.waitSignal(window.transfers.reconciled, timeout=10000):
        window.transfers.reconcile_library()
    assert not window.message_bar.isVisible()  # said once, not at every reconcile


# -- token and models ---------------------------------------------------------------------------


def test_setting_a_token_without_a_keyring_says_it_was_not_saved(make_window, qtbot):
    window = make_window(token="")  # the test keyring is the "no keyring" backend
    dialog = window.dialogs.open_token_settings()
    qtbot.waitUntil(lambda: dialog.token_section.token_status.text().startswith("No token is set"),
                    timeout=10000)  # the dialog's own first look at the keyring is done
    dialog.token_section.token_edit.setText("a-token-123")
    dialog.token_section.set_button.click()
    # (The dialog may already say there is no keyring; the answer to Set must say more.)
    qtbot.waitUntil(lambda: dialog.token_section.token_problem.text().startswith(
        "The token was not saved."),
                    timeout=10000)
    assert dialog.token_section.token_problem.isVisible()
    assert dialog.token_section.session_button.isVisible()  # and the way out is offered
    dialog.close()


def test_after_a_token_is_set_failed_jobs_offer_retry(make_window, qtbot, server):
    from desktop_app.api.types import GenerationRequest, ImageSize
    from desktop_app.ui.error_actions import ErrorAction

    window = make_window(token="")
    job = window.jobs_controller.generate(GenerationRequest(
        prompt="a lighthouse", model="black-forest-labs/FLUX.1-schnell",
        size=ImageSize(256, 256), n=1))
    qtbot.waitUntil(lambda: window.jobs.job(job.id).state.is_final, timeout=10000)
    row = window.jobs_panel.row(job.id)
    assert row.current_action() == ErrorAction.SET_TOKEN
    assert row.action_button.isVisibleTo(row) and row.action_button.text() == "Set token…"
    dialog = window.dialogs.open_token_settings()
    dialog.token_section.token_edit.setText(server.token)
    dialog.token_section.session_button.show()
    dialog.token_section.session_button.click()  # no keyring here: kept for this session
    qtbot.waitUntil(lambda: row.current_action() == ErrorAction.RETRY, timeout=10000)
    assert not row.action_button.isVisibleTo(row)
    assert row.retry_button.isVisibleTo(row)
    dialog.close()


def test_refresh_models_shows_progress_then_how_many(make_window, qtbot):
    window = make_window()
    with qtbot.waitSignal(window.model_catalog.models_refreshed, timeout=10000):
        window.prompt_panel.refresh_button.click()
        assert "Refreshing the model list" in window.message_bar.text()
        assert not window.prompt_panel.refresh_button.isEnabled()
    assert window.message_bar.text() in ("Model list refreshed: 2 models.",
                                         "Model list refreshed: 2 model(s).")
    assert window.prompt_panel.refresh_button.isEnabled()


# -- export: confirmed folders only, overwrite asks, last folder remembered, prompt names -------


def select_all(window) -> None:
    window.gallery_view.selectAll()


def export(window, qtbot, folder, monkeypatch, answers=()):
    """Export the selection to `folder`; returns (written paths or None, questions asked)."""
    asked: list[str] = []
    replies = list(answers)
    use_chooser(window, folder=folder,
                confirm=lambda title, _text, _label: (asked.append(title), replies.pop(0))[1])
    written: list = []
    window.transfers.exported.connect(written.append)
    window.action_registry[ActionId.EXPORT].trigger()
    def settled() -> bool:
        refused = window.message_bar.isVisible() and window.message_bar.level() == Accent.ERROR
        answered = bool(answers) and not replies and not answers[-1]  # a "no" ends it
        return bool(written) or refused or answered

    qtbot.waitUntil(settled, timeout=10000)
    qtbot.wait(200)  # a write, if one was (wrongly) started, would have finished
    window.transfers.exported.disconnect(written.append)
    return (written[0] if written else None), asked


def test_export_to_a_folder_that_does_not_exist_writes_nothing(make_window, qtbot, library,
                                                              tmp_path, monkeypatch):
    add_entries(library, 2, prompt="a castle")
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(1) is not None)
    select_all(window)
    missing = tmp_path / "typed" / "wrongly"
    before = set(tmp_path.rglob("*"))
    written, _asked = export(window, qtbot, missing, monkeypatch)
    assert written is None
    assert "not an existing folder" in window.message_bar.text()
    assert not missing.exists() and set(tmp_path.rglob("*")) == before


def test_export_to_the_file_system_root_asks_first(make_window, qtbot, library, monkeypatch):
    from desktop_app.ui import export as export_module

    add_entries(library, 1)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_all(window)
    writes: list = []
    monkeypatch.setattr(export_module, "write_export", lambda plan: writes.append(plan) or [])
    from pathlib import Path

    written, asked = export(window, qtbot, Path("/"), monkeypatch, answers=[False])
    assert asked == ["Export to the top of the file system?"]
    assert writes == [] and written is None


def test_export_asks_before_names_clash_and_names_files_from_the_prompt(make_window, qtbot,
                                                                       library, tmp_path,
                                                                       monkeypatch):
    add_entries(library, 2, prompt="a castle on a hill")
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(1) is not None)
    select_all(window)
    target = tmp_path / "out"
    target.mkdir()
    written, asked = export(window, qtbot, target, monkeypatch)
    assert asked == [] and len(written) == 2
    assert all(path.name.startswith("a castle on a hill") for path in written)
    names = sorted(path.name for path in target.iterdir())
    written, asked = export(window, qtbot, target, monkeypatch, answers=[False])
    assert asked == ["Files with these names exist"] and written is None
    assert sorted(path.name for path in target.iterdir()) == names  # cancelled: nothing new
    written, asked = export(window, qtbot, target, monkeypatch, answers=[True])
    assert len(written) == 2 and not {path.name for path in written} & set(names)
    assert len(list(target.iterdir())) == 4  # kept both, nothing replaced


def test_export_opens_where_the_last_export_went(make_window, qtbot, library, tmp_path,
                                                 monkeypatch):
    add_entries(library, 1)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_all(window)
    target = tmp_path / "chosen"
    target.mkdir()
    # The names clash the second time: keep both.
    chooser = use_chooser(window, folder=target, confirm=True)
    with qtbot.waitSignal(window.transfers.exported, timeout=10000):
        window.action_registry[ActionId.EXPORT].trigger()
    with qtbot.waitSignal(window.transfers.exported, timeout=10000):
        window.action_registry[ActionId.EXPORT].trigger()
    assert chooser.folders_asked[0][1] is None
    assert chooser.folders_asked[1][1] == target
