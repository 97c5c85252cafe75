"""The few accent colours the window uses, chosen to read on the current light or dark palette.

Owns only colour choices that the palette has no role for (success, warning, error, favourite
star). Everything else comes from palette roles so the window follows the system theme.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QColor, QGuiApplication, QPalette


class Accent(Enum):
    INFO = ("#1f6feb", "#79b8ff")
    SUCCESS = ("#1a7f37", "#56d364")
    WARNING = ("#9a6700", "#e3b341")
    ERROR = ("#c62828", "#ff7b72")


def is_dark() -> bool:
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def accent(kind: Accent) -> QColor:
    light, dark = kind.value
    return QColor(dark if is_dark() else light)


def tinted_background(kind: Accent) -> QColor:
    """A soft band colour: the accent blended into the window background."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    colour = accent(kind)
    mix = 0.16
    return QColor(
        round(base.red() * (1 - mix) + colour.red() * mix),
        round(base.green() * (1 - mix) + colour.green() * mix),
        round(base.blue() * (1 - mix) + colour.blue() * mix),
    )
