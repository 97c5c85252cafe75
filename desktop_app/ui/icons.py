"""Action icons from the SVG files in `desktop_app.resources/icons`, tinted to the palette.

Owns loading the SVG sources (once, lazily), tinting `currentColor` with the current palette's
text colour so the same file reads well in light and dark themes, and rendering at the exact
device pixel size so icons stay crisp on HiDPI screens. It must only be used on the GUI thread
(it paints `QPixmap`s) and holds no application state.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer


@cache
def _svg_source(name: str) -> bytes:
    return (resources.files("desktop_app.resources") / "icons" / f"{name}.svg").read_bytes()


def _tint_colour(mode: QIcon.Mode) -> str:
    palette = QGuiApplication.palette()
    group = (
        QPalette.ColorGroup.Disabled
        if mode == QIcon.Mode.Disabled
        else QPalette.ColorGroup.Normal
    )
    role = (
        QPalette.ColorRole.HighlightedText
        if mode == QIcon.Mode.Selected
        else QPalette.ColorRole.WindowText
    )
    return palette.color(group, role).name()


class _SvgIconEngine(QIconEngine):
    """Renders one tinted SVG at whatever size and scale Qt asks for, with a small cache."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name
        self._cache: dict[tuple[int, int, str, float], QPixmap] = {}

    def _render(self, painter: QPainter, rect: QRectF, mode: QIcon.Mode) -> None:
        colour = _tint_colour(mode)
        source = _svg_source(self._name).replace(b"currentColor", colour.encode())
        renderer = QSvgRenderer(source)
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.55)
        renderer.render(painter, rect)

    def paint(
        self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State
    ) -> None:
        self._render(painter, QRectF(rect), mode)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        scale = max(scale, 1.0)
        key = (size.width(), size.height(), f"{mode}{_tint_colour(mode)}", scale)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        pixmap = QPixmap(round(size.width() * scale), round(size.height() * scale))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._render(painter, QRectF(QPoint(0, 0), pixmap.size().toSizeF()), mode)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        if len(self._cache) > 32:
            self._cache.clear()
        self._cache[key] = pixmap
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._name)


_icons: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg`, tinted to follow the palette."""
    found = _icons.get(name)
    if found is None:
        found = QIcon(_SvgIconEngine(name))
        _icons[name] = found
    return found


def app_icon() -> QIcon | None:
    """The window icon made by packaging, if it is there; None otherwise."""
    path = resources.files("desktop_app.resources") / "app-icon" / "nscale-studio.svg"
    if not path.is_file():
        return None
    return QIcon(str(path))
