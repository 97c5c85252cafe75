"""Painting one gallery cell: the thumbnail or a placeholder, favourite, stars and a caption.

Owns `GalleryDelegate`, the paint path the grid runs for every cell on every scroll step, so it
is written to make few Python calls: what a frame's cells share is looked up once
(`begin_frame`), elided captions are cached per (entry, width, state), the stars of a rating are
one cached strip pixmap per count. Entries come from the model directly, never through
`QModelIndex.data()`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.library import LibraryEntry
from desktop_app.ui.gallery.model import GalleryModel
from desktop_app.ui.gallery.roles import caption_detail
from desktop_app.ui.gallery.thumbnail_cache import CELL_IMAGE
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import display_text

GRID_SIZE = QSize(CELL_IMAGE + 20, CELL_IMAGE + 54)

Index = QModelIndex | QPersistentModelIndex

# Enum members looked up once: each `Qt.X.Y` access goes through Python's enum machinery, and
# the delegate paints dozens of cells per frame while the user scrolls.
_BASE_ROLE = QPalette.ColorRole.AlternateBase
_TEXT_ROLE = QPalette.ColorRole.Text
_PLACEHOLDER_ROLE = QPalette.ColorRole.PlaceholderText
_HIGHLIGHTED_TEXT_ROLE = QPalette.ColorRole.HighlightedText
_DISABLED = QPalette.ColorGroup.Disabled
_SELECTED = QStyle.StateFlag.State_Selected
_PANEL_STATES = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_SMOOTH = QPainter.RenderHint.SmoothPixmapTransform
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_CENTRE = Qt.AlignmentFlag.AlignCenter
_CAPTION_ALIGN = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
_DETAIL_ALIGN = Qt.AlignmentFlag.AlignHCenter
_ELIDE = Qt.TextElideMode.ElideRight
_NO_PEN = Qt.PenStyle.NoPen
_CAPTION_CACHE_SIZE = 2048
STAR_PIXELS = 14  # one star of a rating, drawn over the thumbnail's bottom-left corner


class GalleryDelegate(QStyledItemDelegate):
    """Paints one cell: thumbnail (or a placeholder), favourite star, rating and a caption."""

    def __init__(self, model: GalleryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        # Elided caption and detail per (entry, width, favourite, stars): eliding is the
        # costliest part of a cell, and the same cells are painted again on every scroll step.
        # A changed favourite or rating is another key, so a cached caption is never stale.
        self._captions: dict[tuple[int, int, bool, int], tuple[str, str]] = {}
        self._star_strips: dict[tuple[int, float], QPixmap] = {}
        self._frame: tuple[Any, ...] | None = None

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = option.widget
        grid = view.gridSize() if isinstance(view, QListView) else GRID_SIZE
        return grid - QSize(8, 8)

    def caption(self, entry: LibraryEntry, stars: int, metrics: QFontMetrics,
                width: int) -> tuple[str, str]:
        """The cell's two elided caption lines (cached)."""
        # Keyed by id, not by the entry: hashing a frozen dataclass hashes every field.
        key = (entry.id, width, entry.favourite, stars)
        texts = self._captions.get(key)
        if texts is None:
            # Bounded before eliding by pixels: a cell shows a few dozen characters at most.
            caption = display_text(" ".join((entry.prompt or entry.path.name).split()))
            detail = display_text(caption_detail(entry))
            texts = (metrics.elidedText(caption, _ELIDE, width),
                     metrics.elidedText(detail, _ELIDE, width))
            if len(self._captions) >= _CAPTION_CACHE_SIZE:
                self._captions.clear()
            self._captions[key] = texts
        return texts

    def cached_caption(self, entry_id: int) -> list[tuple[tuple[int, int, bool, int],
                                                          tuple[str, str]]]:
        """The cached captions of one entry (key, texts): what the tests look at."""
        return [(key, texts) for key, texts in self._captions.items() if key[0] == entry_id]

    def star_strip(self, stars: int, ratio: float) -> QPixmap:
        """`stars` filled stars on a dark rounded backdrop, made once per count and scale."""
        key = (stars, ratio)
        strip = self._star_strips.get(key)
        if strip is None:
            width, height = stars * STAR_PIXELS + 6, STAR_PIXELS + 4
            strip = QPixmap(round(width * ratio), round(height * ratio))
            strip.setDevicePixelRatio(ratio)
            strip.fill(Qt.GlobalColor.transparent)
            painter = QPainter(strip)
            painter.setRenderHint(_ANTIALIAS)
            painter.setPen(_NO_PEN)
            painter.setBrush(QColor(0, 0, 0, 150))
            painter.drawRoundedRect(0, 0, width, height, 4, 4)
            star = icon("star-filled")
            for number in range(stars):
                star.paint(painter, QRect(3 + number * STAR_PIXELS, 2, STAR_PIXELS,
                                          STAR_PIXELS))
            painter.end()
            self._star_strips[key] = strip
        return strip

    def begin_frame(self, palette: QPalette, metrics: QFontMetrics) -> tuple[Any, ...]:
        """Look up what every cell of one paint event shares, once instead of once a cell.

        Reading `option.palette` or `option.fontMetrics` copies them into new Python objects;
        at dozens of cells a frame those copies were most of the delegate's time.
        """
        self._frame = frame = (
            palette.color(_BASE_ROLE),
            palette.color(_TEXT_ROLE),
            palette.color(_HIGHLIGHTED_TEXT_ROLE),
            palette.color(_PLACEHOLDER_ROLE),
            palette.color(_DISABLED, _TEXT_ROLE),
            metrics,
            metrics.height(),
        )
        return frame

    def end_frame(self) -> None:
        self._frame = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Entries come from the model directly (no QModelIndex.data()): cheaper, and immune to
        # the PySide6 6.12 None-refcount bug on Python 3.11.
        frame = self._frame
        if frame is None:  # painted outside the view's paint event (e.g. a drag pixmap)
            frame = self.begin_frame(option.palette, option.fontMetrics)
            self._frame = None
        base, text, highlighted_text, placeholder, disabled_text, metrics, line = frame
        row = index.row()
        model = self._model
        entry = model.entry_at(row)
        entry_id = model.id_at(row)
        state = option.state
        cell = option.rect
        left = cell.x() + 2
        top = cell.y() + 2
        width = cell.width() - 4
        painter.save()
        painter.setRenderHint(_SMOOTH)
        painter.setRenderHint(_ANTIALIAS)
        if state & _PANEL_STATES:
            widget = option.widget
            if widget is not None:
                # Only selected or hovered cells have a panel; skipping the rest saves a copy.
                panel = QStyleOptionViewItem(option)
                panel.rect = QRect(left, top, width, cell.height() - 4)
                widget.style().drawPrimitive(_PANEL, panel, painter, widget)
        box_left = left + (width - CELL_IMAGE) // 2
        box_top = top + 6
        image = model.thumbnail(entry_id, row) if entry_id is not None else None
        star_right = box_left + CELL_IMAGE - 1
        image_top, image_left, image_bottom = box_top, box_left, box_top + CELL_IMAGE
        if image is not None and not image.isNull():
            # Thumbnails are stored at the drawn size, so this is a plain copy, not a scale.
            ratio = image.devicePixelRatio() or 1.0
            image_width = min(CELL_IMAGE, round(image.width() / ratio))
            image_height = min(CELL_IMAGE, round(image.height() / ratio))
            image_left = box_left + (CELL_IMAGE - image_width) // 2
            image_top = box_top + (CELL_IMAGE - image_height) // 2
            painter.drawImage(QRect(image_left, image_top, image_width, image_height), image)
            star_right = image_left + image_width - 1
            image_bottom = image_top + image_height
        else:
            painter.setPen(_NO_PEN)
            painter.setBrush(base)
            painter.drawRoundedRect(
                box_left + 8, box_top + 8, CELL_IMAGE - 16, CELL_IMAGE - 16, 6, 6
            )
            if entry is not None and entry.missing:
                painter.setPen(disabled_text)
                painter.drawText(QRect(box_left, box_top, CELL_IMAGE, CELL_IMAGE), _CENTRE,
                                 QCoreApplication.translate("GalleryDelegate", "File missing"))
        if entry is not None:
            if entry.favourite:
                icon("star-filled").paint(painter, QRect(star_right - 24, image_top + 4, 20, 20))
            stars = model.stars_at(row)
            if stars > 0:
                strip = self.star_strip(min(stars, 5), painter.device().devicePixelRatioF())
                strip_height = STAR_PIXELS + 4
                painter.drawPixmap(image_left + 4, image_bottom - strip_height - 4, strip)
            selected = bool(state & _SELECTED)
            text_rect = QRect(left + 6, box_top + CELL_IMAGE + 5, width - 12, line)
            caption, detail = self.caption(entry, stars, metrics, width - 12)
            painter.setPen(highlighted_text if selected else text)
            painter.drawText(text_rect, _CAPTION_ALIGN, caption)
            # PlaceholderText, not disabled text: secondary but still readable.
            painter.setPen(highlighted_text if selected else placeholder)
            text_rect.translate(0, line)
            painter.drawText(text_rect, _DETAIL_ALIGN, detail)
        painter.restore()
