"""The one way the window shows untrusted text: as plain text, escaped, bounded.

Prompts (typed, or read from any imported image), model ids, file names, paths and every message
that came from a server are untrusted. Qt's default `AutoText` renders a string that looks like
HTML, so `<img src="file:///dev/zero">` in a label or tooltip makes the GUI thread open that file,
and a 100,000-character prompt makes a tooltip taller than any screen. Every label, tooltip,
message box, notification and window title that can hold such text goes through this module:

- `set_plain_text(label, text)`: the label's format is `PlainText`, the text is escaped and elided.
- `plain_tooltip(text) -> str`: tooltips have no per-tooltip format and auto-detect rich text, so
  this builds deliberate rich text from `html.escape`d text (entities render, tags never do).
- `plain_message_box(parent, icon, title, text) -> QMessageBox`: a box with `PlainText` format.
- `display_text(text) -> str`: escaped and elided, for item-model display roles, window titles
  and `QPainter.drawText` (which never renders markup but can be handed 100,000 characters).
- `notification_text(text) -> str`: one short line that no notification server can read as markup.
- `shown_as_is(text) -> bool`: whether a value can be shown unescaped (model ids in editable
  combo boxes, where the shown text is the value sent back).

Control characters and bidi overrides become visible escapes (`desktop_app.text_safety`); the
full text stays available where the user asks for it (Copy prompt). Fixed UI strings written in
this code base (button captions, static explanations, deliberate links) do not need this module.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_app.text_safety import elided, escape_controls, one_line

MAX_LABEL_CHARS = 500
MAX_LABEL_LINES = 6
MAX_TOOLTIP_CHARS = 800
MAX_TOOLTIP_LINES = 12
MAX_MESSAGE_CHARS = 1200
MAX_MESSAGE_LINES = 20
MAX_NOTIFICATION_CHARS = 200


def display_text(
    text: str, *, max_chars: int = MAX_LABEL_CHARS, max_lines: int = MAX_LABEL_LINES
) -> str:
    """`text` with controls as visible escapes, cut to `max_lines` lines and `max_chars` (+ "…")."""
    # Only the head is escaped: the rest of a huge string is never looked at.
    return elided(escape_controls(text[: max_chars + 1]), max_chars, max_lines)


def set_plain_text(
    label: QLabel,
    text: str,
    *,
    max_chars: int = MAX_LABEL_CHARS,
    max_lines: int = MAX_LABEL_LINES,
) -> None:
    """Show `text` in `label` as plain text, escaped and elided."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(display_text(text, max_chars=max_chars, max_lines=max_lines))


def plain_tooltip(
    text: str, *, max_chars: int = MAX_TOOLTIP_CHARS, max_lines: int = MAX_TOOLTIP_LINES
) -> str:
    """Tooltip markup that shows `text` literally (escaped, elided, line breaks kept); "" stays "".

    Pass the result to `setToolTip` or return it from a model's `ToolTipRole`.
    """
    if not text:
        return ""
    shown = html.escape(display_text(text, max_chars=max_chars, max_lines=max_lines))
    return f"<p style='white-space:pre-wrap'>{shown}</p>"


def plain_message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A message box showing `text` as plain text; the caller shows it (`exec()` or `open()`)."""
    box = QMessageBox(icon, display_text(title, max_chars=120, max_lines=1), "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(display_text(text, max_chars=MAX_MESSAGE_CHARS, max_lines=MAX_MESSAGE_LINES))
    return box


def shown_as_is(text: str, *, max_chars: int = 200) -> bool:
    """Whether `text` shows exactly as it is on one line: no control or bidi character, no line
    break, at most `max_chars` characters.

    For places where the shown text is also the value (an editable combo box of model ids):
    an item that would have to be escaped or cut is better not offered there at all.
    """
    return len(text) <= max_chars and escape_controls(text, keep="") == text


def notification_text(text: str, *, max_chars: int = MAX_NOTIFICATION_CHARS) -> str:
    """One short line for a desktop notification, with no character a server reads as markup.

    Notification servers may parse the body as markup (freedesktop "body-markup") or show it
    literally, and the sender cannot tell which; without "<" and ">" no tag can exist either way.
    """
    line = display_text(one_line(text), max_chars=max_chars, max_lines=1)
    return line.replace("<", "‹").replace(">", "›")


__all__ = [
    "MAX_LABEL_CHARS",
    "MAX_LABEL_LINES",
    "MAX_MESSAGE_CHARS",
    "MAX_TOOLTIP_CHARS",
    "MAX_TOOLTIP_LINES",
    "display_text",
    "notification_text",
    "plain_message_box",
    "plain_tooltip",
    "set_plain_text",
    "shown_as_is",
]
