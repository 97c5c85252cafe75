"""The pseudo-locale check (issue #17) over the settings dialog (every page), the usage view, the
Batch dialog, the budget refusal and the prompt history: no untranslated and no clipped text.
See test_i18n_pseudo.py for the catalogue and the rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import DEFAULT_MODEL
from desktop_app.api.types import GenerationRequest, ImageSize
from desktop_app.library.history import record_prompt
from desktop_app.settings import Settings
from desktop_app.ui.batch_dialog import BatchDialog
from desktop_app.ui.budget_guard import BudgetRefusalDialog
from desktop_app.ui.history_popup import HistoryPopup
from desktop_app.ui.tasks import SerialTaskRunner, TaskRunner
from desktop_app.ui.usage.view import UsageView
from tests.gui.i18n_walk import clipped_texts, untranslated_texts
from tests.gui.test_i18n_pseudo import pseudo_locale, pseudo_qm  # noqa: F401 - fixtures
from tests.gui.test_settings_dialog import make_dialog
from tests.gui.test_usage_view import TODAY
from tests.unit.test_usage_recorder import FLUX, SDXL, insert_rows
from tests.unit.test_usage_report import UNKNOWN, fixture_rows

MODELS = [FLUX, SDXL]


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def _check(widget: QWidget, data=()) -> None:
    QApplication.processEvents()
    assert untranslated_texts(widget, data) == []
    assert clipped_texts(widget, data) == []


def test_the_settings_dialog_on_every_page(qtbot, pseudo_locale, library):  # noqa: F811
    settings = Settings.load()
    settings.library_dir = library.root
    dialog, store, runner = make_dialog(qtbot, settings)
    qtbot.waitUntil(lambda: dialog.token_section.token_status.text() != "")
    status = store.status()
    data = [str(library.root), settings.base_url, settings.default_model, *MODELS,
            status.backend_name, dialog.token_section.token_status.text().split("[")[0]]
    from desktop_app.ui.settings.token_section import friendly_backend

    data.append(friendly_backend(status.backend_name))
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        qtbot.wait(300)  # a page reads its figures on a worker (Budget: the spend so far)
        _check(dialog, data)
    runner.shutdown()


def test_the_usage_view(qtbot, pseudo_locale, library):  # noqa: F811
    insert_rows(library.database_path, fixture_rows())
    runner = SerialTaskRunner("usage-pseudo")
    view = UsageView(library, Settings(budget_daily=0.01), tasks=runner, today=TODAY)
    qtbot.addWidget(view, before_close_func=lambda _view: runner.shutdown())
    view.resize(1280, 800)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.show()
    _check(view, [FLUX, SDXL, UNKNOWN])


def test_the_batch_dialog(qtbot, pseudo_locale, tasks):  # noqa: F811
    host = QWidget()
    qtbot.addWidget(host)
    dialog = BatchDialog(MODELS, {FLUX: 0.0013}, tasks, current_model=FLUX,
                         current_size="512x512", max_concurrency=4, parent=host)
    dialog.show()
    qtbot.keyClicks(dialog.prompt_edit, "a red fox")
    qtbot.waitUntil(lambda: not dialog.is_planning() and dialog.plan is not None)
    _check(dialog, [*MODELS, "a red fox"])


def test_the_budget_refusal(qtbot, pseudo_locale):  # noqa: F811
    dialog = BudgetRefusalDialog(QWidget().tr("[Over the limit~~~]"))
    qtbot.addWidget(dialog)
    dialog.show()
    _check(dialog)


def test_the_prompt_history(qtbot, pseudo_locale, tasks, library):  # noqa: F811
    prompts = ["a red fox in snow", "a blue whale at night"]
    for when, prompt in enumerate(prompts, start=1):
        request = GenerationRequest(prompt, DEFAULT_MODEL, ImageSize.parse("512x512"), 1)
        record_prompt(library.root, request, now=1_700_000_000 + when)
    popup = HistoryPopup(tasks, library.root)
    qtbot.addWidget(popup)
    popup.show()
    qtbot.waitUntil(lambda: not popup.is_searching and popup.model.rowCount() == 2)
    _check(popup, [*prompts, DEFAULT_MODEL])
