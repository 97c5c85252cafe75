"""Model ids in drop-down lists are shown escaped and bounded (found by the attack2 QA pass).

Model ids come from servers and from imported files. The gallery's model filter and the usage
view's model filter listed them raw (a bidi override reordered the item, `\\x1b]0;t\\x07` went
into the item as is, a 100,000-character id made a 100,000-character item), and the prompt
panel and settings offered them in an editable combo box whose text is the id sent back.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox

from desktop_app.ui.gallery import FilterBar
from desktop_app.ui.prompt_panel import PromptPanel
from desktop_app.ui.settings import SettingsDialog
from tests.gui.test_usage_view import make_view
from tests.unit.test_usage_recorder import insert_rows
from tests.unit.test_usage_report import fixture_rows

RTL = "evil/\u202eRTL\x1b]0;title\x07"
LONG = "evil/" + "L" * 100_000
BAD = ("\u202e", "\x1b", "\x07")


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def assert_shown_safely(texts: list[str]) -> None:
    for text in texts:
        assert len(text) <= 81, len(text)
        assert not any(char in text for char in BAD), text


def test_the_gallery_model_filter_escapes_and_keeps_the_exact_id(qtbot):
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_options([RTL, LONG, "black-forest-labs/FLUX.1-schnell"], ["64x64"])
    assert_shown_safely(items(bar.model_combo))
    assert "FLUX.1-schnell" in items(bar.model_combo)
    bar.model_combo.setCurrentIndex(1)
    assert bar.query().model == RTL  # the filter still uses the exact id


def test_the_usage_model_filter_escapes_and_keeps_the_exact_id(qtbot, library):
    rows = fixture_rows()
    insert_rows(library.database_path,
                [dict(rows[0], model=RTL), dict(rows[1], model=LONG), *rows])
    view = make_view(qtbot, library)
    shown = items(view.model_combo)
    assert_shown_safely(shown)
    index = next(i for i in range(view.model_combo.count())
                 if view.model_combo.itemData(i) == RTL)
    with qtbot.waitSignal(view.loaded):
        view.model_combo.setCurrentIndex(index)
    assert view.current_filter().model == RTL


def test_editable_model_lists_do_not_offer_ids_that_cannot_be_shown(qtbot):
    panel = PromptPanel()
    qtbot.addWidget(panel)
    panel.set_models([RTL, LONG, "black-forest-labs/FLUX.1-schnell"])
    assert items(panel.model_combo) == ["black-forest-labs/FLUX.1-schnell"]


def test_the_settings_dialog_does_not_offer_them_either(qtbot):
    from desktop_app.secrets import TokenStore
    from desktop_app.settings import Settings
    from desktop_app.ui.tasks import TaskRunner

    settings = dataclasses.replace(Settings(), default_model="black-forest-labs/FLUX.1-schnell")
    runner = TaskRunner()
    dialog = SettingsDialog(settings, TokenStore(), runner, lambda url, token: [],
                            models=[RTL, LONG, "other/model"])
    qtbot.addWidget(dialog)
    assert_shown_safely(items(dialog.general_page.model_combo))
    assert "other/model" in items(dialog.general_page.model_combo)
