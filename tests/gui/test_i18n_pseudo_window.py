"""The pseudo-locale check (issue #17) over the main window: menus, toolbar, prompt panel, jobs
(a finished job's row), the board list, the filter bar and the grid with images, the viewer
and the About box. See test_i18n_pseudo.py for the catalogue and the rules."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.settings import Settings
from desktop_app.ui.actions import ActionId
from tests.gui.i18n_walk import clipped_texts, untranslated_texts
from tests.gui.test_i18n_pseudo import pseudo_locale, pseudo_qm  # noqa: F401 - fixtures
from tests.library_helpers import make_result

PROMPTS = ["a red fox in the snow", "a lighthouse at dusk", "a paper boat"]
MODEL = "black-forest-labs/FLUX.1-schnell"


def _data(window, library) -> list[str]:
    models = window.prompt_panel.models()
    return [*PROMPTS, MODEL, *models, *(m.split("/")[-1] for m in models),
            str(library.root), Settings.load().base_url]


def _check(widget, data) -> None:
    QApplication.processEvents()
    assert untranslated_texts(widget, data) == []
    assert clipped_texts(widget, data) == []


def test_the_main_window_with_images_and_a_finished_job(qtbot, pseudo_locale,  # noqa: F811
                                                          make_window, library):
    for index, prompt in enumerate(PROMPTS):
        library.add_result(make_result(prompt, model=MODEL, seed=index + 1, size=(96, 64)))
    window = make_window()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3, timeout=10000)
    window.prompt_panel.prompt_edit.setPlainText(PROMPTS[0])
    with qtbot.waitSignal(window.jobs.job_finished, timeout=20000):
        window.prompt_panel.generate_button.click()
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 4, timeout=10000)
    data = _data(window, library)
    _check(window, data)


def test_the_about_box(qtbot, pseudo_locale, make_window, monkeypatch):  # noqa: F811
    window = make_window()
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(
        QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)))
    window.action_registry[ActionId.ABOUT].trigger()
    [box] = shown
    box.show()
    _check(box, [str(window.library.root)])
    box.close()
