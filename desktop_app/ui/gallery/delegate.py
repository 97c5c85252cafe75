"""Painting one gallery cell: the thumbnail or a placeholder, favourite, rating and a caption.

Owns `GalleryDelegate`, the paint path the grid runs for every cell on every scroll step, so it
is written to make few Python calls: what a frame's cells share is looked up once
(`begin_frame`), and each cell's caption (prompt, then rating stars, size and model) is drawn
once into a pixmap cached per (entry, width, selected, favourite, stars), so painting a cell is
two blits and a handful of calls. A changed favourite or rating is another key: a cached caption
is never stale. Entries come from the model directly, never through `QModelIndex.data()`.
"""

from __future__ import annotations

from collections import OrderedDict
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
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.library import LibraryEntry
from desktop_app.ui.gallery.model import GalleryModel
from desktop_app.ui.gallery.roles import caption_detail
from desktop_app.ui.gallery.thumbnail_cache import CELL_IMAGE
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import display_text
from desktop_app.ui.theme import Accent, accent

GRID_SIZE = QSize(CELL_IMAGE + 20, CELL_IMAGE + 54)

Index = QModelIndex | QPersistentModelIndex
CaptionKey = tuple[int, int, bool, bool, int]  # entry id, width, selected, favourite, stars

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
_ELIDE = Qt.TextElideMode.ElideRight
_NO_PEN = Qt.PenStyle.NoPen
_TRANSPARENT = Qt.GlobalColor.transparent
# About 25 KB each at scale 1: a dozen screens of cells.
CAPTION_CACHE_SIZE = 400
STAR = "★"
FAVOURITE_PIXELS = 20


class GalleryDelegate(QStyledItemDelegate):
    """Paints one cell: thumbnail (or a placeholder), favourite star and a two-line caption
    whose second line starts with the rating's stars."""

    def __init__(self, model: GalleryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._captions: OrderedDict[CaptionKey, QPixmap] = OrderedDict()
        self._favourites: dict[float, QPixmap] = {}  # the favourite mark, per pixel ratio
        self._frame: tuple[Any, ...] | None = None
        self._look: tuple[Any, ...] = ()  # colours and font the cached captions were drawn in
        self._look_key: tuple[Any, ...] = ()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = option.widget
        grid = view.gridSize() if isinstance(view, QListView) else GRID_SIZE
        return grid - QSize(8, 8)

    # -- cached parts -----------------------------------------------------------------------

    def caption_texts(self, entry: LibraryEntry, stars: int, metrics: QFontMetrics,
                      width: int) -> tuple[str, str]:
        """The caption's two lines, elided to `width` (the second after the stars)."""
        # Bounded before eliding by pixels: a cell shows a few dozen characters at most.
        caption = display_text(" ".join((entry.prompt or entry.path.name).split()))
        detail = display_text(caption_detail(entry))
        star_width = metrics.horizontalAdvance(STAR * stars + " ") if stars else 0
        return (metrics.elidedText(caption, _ELIDE, width),
                metrics.elidedText(detail, _ELIDE, max(0, width - star_width)))

    def caption(self, entry: LibraryEntry, stars: int, selected: bool, width: int,
                ratio: float) -> QPixmap:
        """The cell's caption drawn once into a pixmap (cached by entry, width and state)."""
        key = (entry.id, width, selected, entry.favourite, stars)
        captions = self._captions
        pixmap = captions.get(key)
        if pixmap is not None:
            captions.move_to_end(key)
            return pixmap
        text, highlighted, placeholder, font, metrics, line = self._look
        caption, detail = self.caption_texts(entry, stars, metrics, width)
        pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(2 * line * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(_TRANSPARENT)
        painter = QPainter(pixmap)
        painter.setFont(font)
        painter.setPen(highlighted if selected else text)
        painter.drawText(QRect(0, 0, width, line), _CAPTION_ALIGN, caption)
        # The second line, centred as a whole: stars (in the accent colour), then the details.
        stars_text = STAR * stars + " " if stars else ""
        stars_width = metrics.horizontalAdvance(stars_text)
        left = max(0, (width - stars_width - metrics.horizontalAdvance(detail)) // 2)
        if stars_text:
            painter.setPen(accent(Accent.WARNING))
            painter.drawText(QRect(left, line, stars_width, line), _CAPTION_ALIGN, stars_text)
        # PlaceholderText, not disabled text: secondary but still readable.
        painter.setPen(highlighted if selected else placeholder)
        painter.drawText(QRect(left + stars_width, line, width - left - stars_width, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        painter.end()
        captions[key] = pixmap
        while len(captions) > CAPTION_CACHE_SIZE:
            captions.popitem(last=False)
        return pixmap

    def cached_captions(self, entry_id: int) -> list[CaptionKey]:
        """The keys of one entry's cached captions (what the tests look at)."""
        return [key for key in self._captions if key[0] == entry_id]

    def _favourite_mark(self, ratio: float) -> QPixmap:
        mark = self._favourites.get(ratio)
        if mark is None:
            mark = icon("star-filled").pixmap(QSize(FAVOURITE_PIXELS, FAVOURITE_PIXELS), ratio)
            self._favourites[ratio] = mark
        return mark

    # -- painting ---------------------------------------------------------------------------

    def begin_frame(self, palette: QPalette, metrics: QFontMetrics,
                    font: QFont | None = None) -> tuple[Any, ...]:
        """Look up what every cell of one paint event shares, once instead of once a cell.

        Reading `option.palette` or `option.fontMetrics` copies them into new Python objects;
        at dozens of cells a frame those copies were most of the delegate's time.
        """
        text = palette.color(_TEXT_ROLE)
        highlighted = palette.color(_HIGHLIGHTED_TEXT_ROLE)
        placeholder = palette.color(_PLACEHOLDER_ROLE)
        font = QFont(font) if font is not None else QFont()
        look_key = (text.rgba(), highlighted.rgba(), placeholder.rgba(), font.key())
        if not self._look or self._look_key != look_key:
            self._captions.clear()  # drawn in other colours or another font
            self._favourites.clear()  # the icon follows the palette too
            self._look_key = look_key
            # Copies: the option's font and metrics go when the paint event ends.
            own_metrics = QFontMetrics(font)
            self._look = (text, highlighted, placeholder, font, own_metrics, own_metrics.height())
        self._frame = frame = (palette.color(_BASE_ROLE), palette.color(_DISABLED, _TEXT_ROLE))
        return frame

    def end_frame(self) -> None:
        self._frame = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Entries come from the model directly (no QModelIndex.data()): cheaper, and immune to
        # the PySide6 6.12 None-refcount bug on Python 3.11.
        frame = self._frame
        if frame is None:  # painted outside the view's paint event (e.g. a drag pixmap)
            frame = self.begin_frame(option.palette, option.fontMetrics, option.font)
            self._frame = None
        base, disabled_text = frame
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
        image_top = box_top
        if image is not None and not image.isNull():
            # Thumbnails are stored at the drawn size, so this is a plain copy, not a scale.
            ratio = image.devicePixelRatio() or 1.0
            image_width = min(CELL_IMAGE, round(image.width() / ratio))
            image_height = min(CELL_IMAGE, round(image.height() / ratio))
            image_left = box_left + (CELL_IMAGE - image_width) // 2
            image_top = box_top + (CELL_IMAGE - image_height) // 2
            painter.drawImage(QRect(image_left, image_top, image_width, image_height), image)
            star_right = image_left + image_width - 1
        else:
            painter.setRenderHint(_ANTIALIAS)
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
            device_ratio = painter.device().devicePixelRatioF()
            if entry.favourite:
                painter.drawPixmap(star_right - 24, image_top + 4,
                                   self._favourite_mark(device_ratio))
            caption = self.caption(entry, model.stars_at(row), bool(state & _SELECTED),
                                   width - 12, device_ratio)
            painter.drawPixmap(left + 6, box_top + CELL_IMAGE + 5, caption)
        painter.restore()

