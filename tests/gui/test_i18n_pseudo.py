"""The pseudo-locale check (issue #17): under a generated translation in which every string is
bracketed and about 40 % longer, each window and dialog shows no untranslated text (letters
outside the brackets, other than data: prompts, model ids, file names, numbers) and no clipped
text (a widget smaller than its text needs, a label eliding text that does not fit).

The catalogue is made at test time from the code (lupdate, then lrelease), so a new tr() string
is covered without anyone translating it, and a string shown without tr() fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from desktop_app.library.boards import Board
from desktop_app.library.info_text import info_fields
from desktop_app.ui.board_chooser import BoardChooser
from desktop_app.ui.board_list import BoardPanel
from desktop_app.ui.compare_view import CompareView
from desktop_app.ui.error_actions import ErrorAction
from desktop_app.ui.image_info import ImageInfoDialog
from desktop_app.ui.language_choice import LanguageChoice
from desktop_app.ui.message_bar import MessageBar
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.theme import Accent
from desktop_app.ui.viewer import ImageViewer
from tests.gui.i18n_walk import clipped_texts, untranslated, untranslated_texts
from tests.i18n_tools import write_pseudo_qm
from tests.library_helpers import a1111_png, make_result

PROMPTS = ["a red fox in the snow", "a lighthouse at dusk", "a paper boat"]
MODEL = "black-forest-labs/FLUX.1-schnell"


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pseudo_qm(tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_locale(qapp, pseudo_qm) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(pseudo_qm))
    qapp.installTranslator(translator)  # the last installed is asked first
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def entries(library):
    found = []
    for index, prompt in enumerate(PROMPTS):
        found += library.add_result(make_result(prompt, model=MODEL, seed=index + 1,
                                                size=(96, 64)))
    return found


def _data(entries) -> list[str]:
    return [*PROMPTS, MODEL, *(entry.path.name for entry in entries)]


def _settle(qtbot, widget: QWidget) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()


def _assert_translated_and_unclipped(widget: QWidget, data=()) -> None:
    assert untranslated_texts(widget, data) == []
    assert clipped_texts(widget, data) == []


def test_the_viewer(qtbot, pseudo_locale, tasks, entries):
    viewer = ImageViewer(tasks, lambda _id, _step: None, position=lambda _id: (1, 3))
    qtbot.addWidget(viewer)
    _settle(qtbot, viewer)
    with qtbot.waitSignal(viewer.image_loaded, timeout=10000):
        viewer.show_entry(entries[0])
    viewer.set_marks(entries[0].id, favourite=True, stars=3)
    _assert_translated_and_unclipped(viewer, _data(entries))
    assert viewer.windowTitle() == PROMPTS[0]  # data stays as it is
    viewer.delete_current()  # nothing after it: the canvas says so
    assert viewer.canvas.message.startswith("[No more images here.")


def test_the_viewer_canvas_message_when_an_image_cannot_be_opened(qtbot, pseudo_locale, tasks,
                                                                   entries):
    entries[1].path.write_bytes(b"not an image")
    viewer = ImageViewer(tasks, lambda _id, _step: None)
    qtbot.addWidget(viewer)
    _settle(qtbot, viewer)
    viewer.show_entry(entries[1])
    qtbot.waitUntil(lambda: "opened" in viewer.canvas.message, timeout=10000)
    first_line = viewer.canvas.message.split("\n")[0]
    assert not untranslated(first_line, [])


def test_the_compare_view(qtbot, pseudo_locale, tasks, entries):
    view = CompareView(tasks)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    _settle(qtbot, view)
    with qtbot.waitSignal(view.images_loaded, timeout=10000):
        view.set_entries(entries)
    _assert_translated_and_unclipped(view, _data(entries))
    view.toggle_overlay()
    QApplication.processEvents()
    _assert_translated_and_unclipped(view, _data(entries))


def test_the_image_info_dialog(qtbot, pseudo_locale, tasks, tmp_path):
    path = a1111_png(tmp_path / "castle.png")
    dialog = ImageInfoDialog(tasks)
    qtbot.addWidget(dialog)
    _settle(qtbot, dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.show_file(path, can_add=True)
    QApplication.processEvents()
    info = dialog.info
    assert info is not None
    data = [str(path), *(field.value for field in info_fields(info)),
            *(f"{k}: {v}" for k, v in info.settings.items()), *info.settings,
            *(str(v) for v in info.settings.values()), *(block.name for block in info.blocks),
            "PNG"]
    _assert_translated_and_unclipped(dialog, data)
    dialog.show_message(dialog.tr("Copied."))
    _assert_translated_and_unclipped(dialog, data)


def test_the_board_chooser_and_board_panel(qtbot, pseudo_locale, tasks, library, entries):
    chooser = BoardChooser([Board(1, "Keepers", 2), Board(2, "Later", 0)])
    qtbot.addWidget(chooser)
    _settle(qtbot, chooser)
    _assert_translated_and_unclipped(chooser, ["Keepers", "Later"])
    library.boards.create("Keepers")
    panel = BoardPanel(library, tasks)
    qtbot.addWidget(panel)
    panel.resize(260, 400)
    with qtbot.waitSignal(panel.model.modelReset, timeout=10000):
        panel.refresh()
    _settle(qtbot, panel)
    _assert_translated_and_unclipped(panel, ["Keepers"])


def test_message_bars_with_error_actions(qtbot, pseudo_locale):
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.resize(900, 60)
    bar.show_message(bar.tr("Dismiss"), Accent.ERROR,
                     [(ErrorAction.SET_TOKEN.label, lambda: None),
                      (ErrorAction.RETRY.label, lambda: None)])
    _settle(qtbot, bar)
    _assert_translated_and_unclipped(bar)


def test_the_language_choice(qtbot, pseudo_locale):
    choice = LanguageChoice("")
    qtbot.addWidget(choice)
    _settle(qtbot, choice)
    _assert_translated_and_unclipped(choice)  # the language names are each language's own


# -- the checks themselves ---------------------------------------------------------------------

def test_an_untranslated_or_clipped_text_is_caught(qtbot, pseudo_locale):
    window = QWidget()
    layout = QVBoxLayout(window)
    plain = QLabel("Not through tr()")
    squeezed = QLabel(window.tr("[A label squeezed into too little room]"))
    squeezed.setFixedWidth(40)
    wrapped = QLabel("[" + "word " * 60 + "]")
    wrapped.setWordWrap(True)
    wrapped.setFixedHeight(20)
    for label in (plain, squeezed, wrapped):
        layout.addWidget(label)
    qtbot.addWidget(window)
    _settle(qtbot, window)
    assert untranslated_texts(window) == ["QLabel#? text: 'Not through tr()'"]
    clipped = clipped_texts(window)
    assert len(clipped) == 2 and "squeezed" in clipped[0] and "word" in clipped[1]


@pytest.mark.parametrize(("text", "data", "flagged"), [
    ("[Delete image~~~]", [], False),
    ("[Saved to~~] /tmp/x", ["/tmp/x"], False),
    ("a red fox · 1024x1024", ["a red fox"], False),
    ("12 / 340", [], False),
    ("[Open~] folder", [], True),
    ("Loading…", [], True),
])
def test_untranslated_means_letters_outside_brackets_and_data(text, data, flagged):
    assert untranslated(text, data) is flagged
