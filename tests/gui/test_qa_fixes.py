"""Fixes from the second QA pass of the window: each test fails without its fix."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QItemSelectionModel

from desktop_app.library import read_metadata
from desktop_app.library.metadata import DIGITAL_SOURCE_TYPE
from desktop_app.ui import image_actions
from desktop_app.ui.actions import ActionId
from tests.gui.fake_chooser import use_chooser
from tests.library_helpers import make_result


def add_entries(library, count: int = 1, prompt: str = "a red fox in the snow") -> list:
    entries = []
    for index in range(count):
        result = make_result(prompt=prompt, seed=index + 1, size=(96, 64),
                             created=1_764_070_320 + index * 60)
        entries.extend(library.add_result(result))
    return entries


def select_rows(window, *rows: int) -> None:
    selection = window.gallery_view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(window.gallery_model.index(row), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(window.gallery_model.index(rows[0]),
                              QItemSelectionModel.SelectionFlag.NoUpdate)


def save_copy(window, qtbot, monkeypatch, target: Path, chosen: str = "") -> Path:
    use_chooser(window, save=(target, chosen))
    with qtbot.waitSignal(window.library_controller.saved_copy, timeout=10000) as saved:
        window.action_registry[ActionId.SAVE_AS].trigger()
    return saved.args[0]


# -- 1. Save as keeps metadata ----------------------------------------------------------------


def test_save_as_png_copies_the_bytes_unchanged(make_window, qtbot, library, tmp_path,
                                                monkeypatch):
    entry = add_entries(library)[0]
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    path = save_copy(window, qtbot, monkeypatch, tmp_path / "copy.png")
    assert path.read_bytes() == entry.path.read_bytes()
    with Image.open(path) as image:
        assert "parameters" in image.info and "nscale-studio" in image.info


def test_save_as_another_format_embeds_the_same_metadata(make_window, qtbot, library, tmp_path,
                                                         monkeypatch):
    entry = add_entries(library)[0]
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    for name in ("copy.jpg", "copy.webp"):
        path = save_copy(window, qtbot, monkeypatch, tmp_path / name)
        metadata = read_metadata(path)
        assert metadata.prompt == entry.prompt and metadata.model == entry.model
        assert metadata.tool == "nscale-studio"
        assert metadata.extra.get("sha256") == entry.sha256
        assert DIGITAL_SOURCE_TYPE.encode() in path.read_bytes()
        assert b"Model: " + entry.model.encode() in path.read_bytes()  # A1111 parameters


def test_conversion_runs_off_the_gui_thread(make_window, qtbot, library, tmp_path, monkeypatch):
    from PySide6.QtCore import QThread

    add_entries(library)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    threads = []
    original = image_actions.convert_image

    def spy(*args):
        threads.append(QThread.currentThread())
        return original(*args)

    monkeypatch.setattr(image_actions, "convert_image", spy)
    save_copy(window, qtbot, monkeypatch, tmp_path / "copy.webp")
    assert threads and threads[0] is not window.thread()


def test_suggested_file_name_comes_from_the_prompt(make_window, qtbot, library, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.ui.choosers import QtChooser

    prompt = "a red fox / in the snow: <at> dawn, " + "very " * 30 + "detailed"
    entry = add_entries(library, prompt=prompt)[0]
    window = make_window()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (asked.append(args[2]), ("", ""))[1])
    assert QtChooser(window).save_path(entry) is None
    name = Path(asked[0]).name
    assert name.startswith("a red fox in the snow at dawn, very")
    assert name.endswith(" 1.png") and len(name) <= 70
    assert not any(char in name for char in "/:<>")
    assert image_actions.suggested_name("", 0, "internal") == "internal"


# -- 2, 3, 4, 7. Settings dialog ----------------------------------------------------------------


def settings_dialog(qtbot, settings=None):
    from tests.gui.test_settings_dialog import make_dialog

    return make_dialog(qtbot, settings)


def test_environment_token_is_said_to_win_and_a_saved_token_is_not_in_use_yet(qtbot,
                                                                              monkeypatch):
    from desktop_app.secrets import TokenSource

    monkeypatch.setenv("NSCALE_SERVICE_TOKEN", "from-the-environment")
    dialog, store, runner = settings_dialog(qtbot)
    note = dialog.token_section.env_token_note
    assert note.isVisible()
    assert "NSCALE_SERVICE_TOKEN" in note.text() and "precedence" in note.text()
    assert "only once that variable is unset" in note.text()
    dialog.token_section.token_edit.setText("typed-in-settings-1234")
    # Hidden, but the Set path needs a keyring; session works.
    dialog.token_section.session_button.click()
    qtbot.waitUntil(lambda: dialog.token_section.token_saved_note.isVisible())
    assert "not in use yet" in dialog.token_section.token_saved_note.text()
    assert store.status().source == TokenSource.ENVIRONMENT
    monkeypatch.delenv("NSCALE_SERVICE_TOKEN")
    assert store.resolve().reveal() == "typed-in-settings-1234"
    runner.shutdown()


def test_without_the_environment_token_there_is_no_precedence_note(qtbot):
    dialog, _store, runner = settings_dialog(qtbot)
    assert not dialog.token_section.env_token_note.isVisible()
    dialog.token_section.token_edit.setText("typed-in-settings-1234")
    dialog.token_section.session_button.click()
    qtbot.waitUntil(lambda: dialog.token_section.token_saved_note.isVisible())
    assert "in use now" in dialog.token_section.token_saved_note.text()
    runner.shutdown()


def test_keep_for_session_hides_the_keyring_warning_and_names_the_backend(qtbot):
    dialog, _store, runner = settings_dialog(qtbot)
    assert dialog.token_section.token_problem.isVisible()
    assert dialog.token_section.session_button.isVisible()
    assert "Keyring backend: none" in dialog.token_section.token_status.text()
    assert "keyring.backends" not in dialog.token_section.token_status.text()
    dialog.token_section.token_edit.setText("session-token-1234")
    with qtbot.waitSignal(dialog.token_changed):
        dialog.token_section.session_button.click()
    qtbot.waitUntil(lambda: dialog.token_section.token_status.text().startswith(
        "Kept for this session only"))
    assert not dialog.token_section.token_problem.isVisible()
    assert not dialog.token_section.session_button.isVisible()
    runner.shutdown()


def test_base_url_error_wraps_without_overlapping_and_the_dialog_refits(qtbot, monkeypatch):
    monkeypatch.setenv("NSCALE_BASE_URL", "http://127.0.0.1:8797/v1")
    dialog, _store, runner = settings_dialog(qtbot)
    dialog.resize(560, dialog.height())
    before = dialog.height()
    dialog.general_page.base_url_edit.setText("http://example.com/v1")
    dialog.save_settings()
    error, note = dialog.general_page.base_url_error, dialog.general_page.base_url_note
    assert error.wordWrap()
    qtbot.waitUntil(lambda: dialog.height() > before)
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()))
    assert error.geometry().bottom() < note.geometry().top()
    assert note.height() >= note.heightForWidth(note.width())
    grown = dialog.height()
    dialog.general_page.base_url_edit.setText("https://example.com/v1")
    dialog.general_page.size_combo.setCurrentText("banana")
    dialog.save_settings()
    assert not error.isVisible()
    qtbot.waitUntil(lambda: dialog.height() < grown)  # shrinks back when the message goes
    runner.shutdown()


def test_connection_test_uses_the_environment_url_and_says_so(qtbot, server, monkeypatch):
    from desktop_app.settings import Settings

    monkeypatch.setenv("NSCALE_BASE_URL", server.base_url)
    settings = Settings.load()
    settings.base_url = "https://unreachable.invalid/v1"
    dialog, _store, runner = settings_dialog(qtbot, settings)
    dialog.token_section.token_edit.setText(server.token)
    before = server.stats()["models"]
    dialog.token_section.test_button.click()
    qtbot.waitUntil(lambda: dialog.token_section.test_result.text().startswith("Connected"),
                    timeout=10000)
    assert server.base_url in dialog.token_section.test_result.text()
    assert "NSCALE_BASE_URL" in dialog.token_section.test_result.text()
    assert server.stats()["models"] == before + 1
    runner.shutdown()


# -- 5. Show in folder without a file manager -------------------------------------------------


def test_show_in_folder_without_a_file_manager_shows_the_path(make_window, qtbot, library,
                                                              monkeypatch):
    from PySide6.QtGui import QGuiApplication

    entry = add_entries(library)[0]
    monkeypatch.setattr(image_actions, "open_folder", lambda _folder: False)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    window.action_registry[ActionId.SHOW_FOLDER].trigger()
    assert window.message_bar.isVisible()
    assert "Couldn't open a file manager" in window.message_bar.text()
    assert str(entry.path) in window.message_bar.text()
    window.message_bar.trigger("Copy path")
    assert QGuiApplication.clipboard().text() == str(entry.path)


def test_open_log_folder_without_a_file_manager_shows_the_path(make_window, monkeypatch):
    from desktop_app.logs import log_file

    monkeypatch.setattr(image_actions, "open_folder", lambda _folder: False)
    window = make_window()
    window.action_registry[ActionId.LOG_FOLDER].trigger()
    assert str(log_file().parent) in window.message_bar.text()
    assert "Copy path" in window.message_bar.action_labels()


# -- 6. 401 at start-up offers "Set token…" ----------------------------------------------------


def test_unauthorized_at_start_offers_set_token(make_window, qtbot):
    from tests.gui.conftest import single_attempt_client

    window = make_window(token="not-the-right-token", client_factory=single_attempt_client)
    assert window.message_bar.action_labels() == ["Set token…"]
    window.message_bar.trigger("Set token…")
    dialog = window.dialogs.settings.current
    assert dialog is not None and dialog.isVisible()
    dialog.close()


# -- 8. Favourite reflects state; the filter says it is on ---------------------------------------


def test_favourite_action_is_checked_when_all_selected_are_favourites(make_window, qtbot,
                                                                      library):
    add_entries(library, 2)
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.entry_at(1) is not None)
    select_rows(window, 0)
    action = window.action_registry[ActionId.FAVOURITE]
    assert action.isCheckable() and not action.isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: model.entry_at(0).favourite)
    assert action.isChecked()
    select_rows(window, 0, 1)  # one of two is a favourite: not checked, choosing marks both
    assert not action.isChecked()
    select_rows(window, 0)
    assert action.isChecked()
    action.trigger()  # checked -> toggles off
    qtbot.waitUntil(lambda: not model.entry_at(0).favourite)
    assert not action.isChecked()


def test_count_line_says_when_a_filter_is_active(make_window, qtbot, library):
    add_entries(library, 2)
    window = make_window()
    panel = window.gallery_panel
    assert panel.count_label.text() == "2 images"
    button = panel.filter_bar.favourites_button
    assert ":checked" in button.styleSheet()
    button.setChecked(True)
    qtbot.waitUntil(lambda: panel.count_label.text() == "0 images · filtered")
    button.setChecked(False)
    qtbot.waitUntil(lambda: panel.count_label.text() == "2 images")


# -- 9, 10. Jobs panel: a late Cancel click does not dismiss; Clear finished only when useful ------


def test_a_click_as_the_job_finishes_does_not_dismiss_it(make_window, qtbot):
    from tests.gui.test_generation import generate, wait_final

    window = make_window()
    panel = window.jobs_panel
    assert not panel.clear_button.isVisible()
    job = generate(window, qtbot, count=1)
    wait_final(qtbot, job)
    row = panel.row(job.id)
    assert row.dismiss_button.isVisible() and panel.clear_button.isVisible()
    row.dismiss_button.click()  # lands right after the row turned final: aimed at Cancel
    assert panel.row(job.id) is not None and job in window.jobs.jobs()
    row._final_since -= 1.0  # as if the row had been finished for a second
    row.dismiss_button.click()
    assert panel.row(job.id) is None
    assert not panel.clear_button.isVisible()


def test_escape_in_the_search_box_clears_it(make_window, qtbot):
    from PySide6.QtCore import Qt

    window = make_window()
    edit = window.gallery_panel.filter_bar.search_edit
    edit.setFocus()
    edit.setText("whale")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == ""


def test_reuse_settings_keeps_the_typed_prompt_on_the_undo_stack(make_window, qtbot, library):
    entry = add_entries(library)[0]
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    select_rows(window, 0)
    edit = window.prompt_panel.prompt_edit
    edit.setPlainText("my unsaved idea")
    window.action_registry[ActionId.REUSE].trigger()
    assert edit.toPlainText() == entry.prompt
    assert "Settings reused" in window.message_bar.text()
    edit.undo()
    assert edit.toPlainText() == "my unsaved idea"
