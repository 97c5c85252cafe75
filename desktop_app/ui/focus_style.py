"""A visible keyboard-focus ring on buttons, drawn over the platform style.

Fusion (Qt's style on Linux) marks the focused button with the same highlight frame it gives the
default button, so focus on Generate (the default) cannot be seen at all, and an auto-raised tool
button shows only a faint tint. `FocusRingStyle` is a `QProxyStyle` that lets the base style draw
as usual and then, when a push button or tool button has keyboard focus, strokes a 2 px ring in
the palette's highlight colour inside its rectangle. It changes nothing else; app.py installs it
where the base style is Fusion (Windows and macOS styles draw their own focus).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

_FOCUSED = QStyle.StateFlag.State_HasFocus
_KEYBOARD = QStyle.StateFlag.State_KeyboardFocusChange
_CE_PUSH_BUTTON = QStyle.ControlElement.CE_PushButton
_CC_TOOL_BUTTON = QStyle.ComplexControl.CC_ToolButton
RING_WIDTH = 2.0


def _shows_focus(option: QStyleOption) -> bool:
    # Keyboard focus only: a mouse click that focuses a button should not ring it.
    state = option.state
    return bool(state & _FOCUSED) and bool(state & _KEYBOARD)


def draw_focus_ring(painter: QPainter, option: QStyleOption) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), RING_WIDTH)
    painter.setPen(pen)
    painter.setBrush(QPalette().brush(QPalette.ColorRole.NoRole))
    inset = RING_WIDTH / 2 + 0.5
    painter.drawRoundedRect(QRectF(option.rect).adjusted(inset, inset, -inset, -inset), 3, 3)
    painter.restore()


class FocusRingStyle(QProxyStyle):
    """The base style, plus a focus ring on keyboard-focused push and tool buttons."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == _CE_PUSH_BUTTON and _shows_focus(option):
            draw_focus_ring(painter, option)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control == _CC_TOOL_BUTTON and _shows_focus(option):
            draw_focus_ring(painter, option)


def install_focus_ring(app: QApplication) -> bool:
    """Wrap the application's style in `FocusRingStyle` when it is Fusion; True if it did."""
    if app.style().name().lower() != "fusion" or isinstance(app.style(), FocusRingStyle):
        return False
    app.setStyle(FocusRingStyle(app.style().name()))
    return True
