"""QA of the merged window: a floating banner with long button labels stays readable.

The import question ("Copy into the library" / "Keep where they are") over the 500-pixel grid of
a 1000x700 window left its sentence a column of one or two words, 16 lines tall, beside the
buttons. Buttons that would take much of the bar's width now go on a row under the text.
"""

from __future__ import annotations

from desktop_app.ui.message_bar import MessageBar
from desktop_app.ui.theme import Accent

LONG = ("Import from /tmp/pictures: copy the images into the library folder, so the library "
        "owns them, or keep them where they are and only index them (no disk space used; if "
        "that folder moves, its images show as missing)? Remembered for later imports.")
ACTIONS = [("Copy into the library", lambda: None), ("Keep where they are", lambda: None)]


def _text_width(bar: MessageBar) -> int:
    return bar.findChild(type(bar._text), "messageText").width()


def test_long_buttons_in_a_narrow_bar_go_under_the_text(qtbot) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.resize(480, 240)
    bar.show_message(LONG, Accent.INFO, ACTIONS)
    qtbot.waitUntil(lambda: _text_width(bar) > 300)  # the sentence gets the bar's width
    assert bar.buttons_wrapped()
    # Wide enough: buttons beside the text again; a short message keeps them there.
    bar.resize(1400, 80)
    qtbot.waitUntil(lambda: not bar.buttons_wrapped())
    bar.resize(480, 80)
    bar.show_message("Deleted 3 images.", Accent.INFO, [("Undo", lambda: None)])
    assert not bar.buttons_wrapped()
