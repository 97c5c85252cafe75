"""Painting one gallery cell: the thumbnail or a placeholder, favourite, rating and a caption.

Owns `GalleryDelegate`, the paint path the grid runs for every cell on every scroll step. A fast
scroll brings cells never painted before in every frame (at a million images, every cell of
every frame), so what a cell costs the first time matters as much as what it costs again; both
are kept to a few C++ calls. What a frame's cells share is looked up once (`begin_frame`). The
only per-entry text, the prompt line, is elided and laid out once into a `QStaticText` cached
per (entry, width): drawing it again is one call in whatever pen the cell's state asks for. The
second line (rating stars, size and model) is the same for many entries, so it is drawn once
into an image cached per (text, stars, width, selected) and shared by every cell that shows it.
The placeholder box stays a filled rounded rectangle: a solid fill is cheaper than blending a
cached image of it. Favourite, stars and the thumbnail are read at every paint, so a change
shows at once; a new palette or font drops every cached part. Entries come from the model
directly, never through `QModelIndex.data()`.
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
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.library import LibraryEntry
from desktop_app.text_safety import ELLIPSIS
from desktop_app.ui.gallery.model import GalleryModel
from desktop_app.ui.gallery.roles import caption_detail
from desktop_app.ui.gallery.thumbnail_cache import CELL_IMAGE
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import display_text
from desktop_app.ui.theme import Accent, accent

GRID_SIZE = QSize(CELL_IMAGE + 20, CELL_IMAGE + 54)

Index = QModelIndex | QPersistentModelIndex
PromptKey = tuple[int, int]  # entry id, width
DetailKey = tuple[str, int, int, bool, float]  # detail text, stars, width, selected, pixel ratio

# Enum members looked up once, and state flags tested as ints: each `Qt.X.Y` access and each
# `&` of two flags goes through Python's enum machinery, dozens of times a frame.
_BASE_ROLE = QPalette.ColorRole.AlternateBase
_TEXT_ROLE = QPalette.ColorRole.Text
_PLACEHOLDER_ROLE = QPalette.ColorRole.PlaceholderText
_HIGHLIGHTED_TEXT_ROLE = QPalette.ColorRole.HighlightedText
_DISABLED = QPalette.ColorGroup.Disabled
_SELECTED_BIT = QStyle.StateFlag.State_Selected.value
_PANEL_BITS = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver).value
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_SMOOTH = QPainter.RenderHint.SmoothPixmapTransform
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_CENTRE = Qt.AlignmentFlag.AlignCenter
_CAPTION_ALIGN = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
_DETAIL_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ELIDE = Qt.TextElideMode.ElideRight
_NO_PEN = Qt.PenStyle.NoPen
_PLAIN = Qt.TextFormat.PlainText
_ARGB = QImage.Format.Format_ARGB32_Premultiplied
_IDENTITY = QTransform()
# Prompt lines (a few hundred bytes each): many screens of cells.
PROMPT_CACHE_SIZE = 2000
# Second lines are shared by every entry of one size, model and rating (about 6 KB each).
DETAIL_CACHE_SIZE = 400
STAR = "★"
FAVOURITE_PIXELS = 20
PLACEHOLDER_INSET = 8


def prompt_text(raw: str, width: int) -> str:
    """The prompt as one line, bounded before it is elided by pixels: shaping a long prompt
    costs per character, and `width` pixels show fewer than `width // 2` of them. A cut is
    marked, so the elided line still ends in an ellipsis."""
    limit = max(8, width // 2)
    line = " ".join(raw[: 4 * limit].split())
    if len(raw) > 4 * limit:
        line += ELLIPSIS
    return display_text(line, max_chars=limit)


class GalleryDelegate(QStyledItemDelegate):
    """Paints one cell: thumbnail (or a placeholder), favourite star and a two-line caption
    whose second line starts with the rating's stars."""

    def __init__(self, model: GalleryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._prompts: OrderedDict[PromptKey, tuple[QStaticText, int]] = OrderedDict()
        self._details: OrderedDict[DetailKey, QImage] = OrderedDict()
        self._favourites: dict[float, QPixmap] = {}  # the favourite mark, per pixel ratio
        self._frame: tuple[Any, ...] | None = None
        # Colours and font the cached parts were drawn in: text, highlighted text, placeholder
        # text, accent, base, font, metrics, line height.
        self._look: tuple[Any, ...] = ()
        self._look_key: tuple[Any, ...] = ()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        grid_size = getattr(option.widget, "gridSize", None)  # the gallery's own grid
        grid = grid_size() if callable(grid_size) else GRID_SIZE
        return grid - QSize(8, 8)

    # -- cached parts -----------------------------------------------------------------------

    def prompt_line(self, entry: LibraryEntry, width: int) -> tuple[QStaticText, int]:
        """The first caption line laid out once (cached by entry and width), and its left
        offset within `width`; drawn in the pen of the cell's state."""
        key = (entry.id, width)
        prompts = self._prompts
        found = prompts.get(key)
        if found is not None:
            prompts.move_to_end(key)
            return found
        font, metrics = self._look[5], self._look[6]
        line = metrics.elidedText(prompt_text(entry.prompt or entry.path.name, width), _ELIDE,
                                  width)
        static = QStaticText(line)
        static.setTextFormat(_PLAIN)  # untrusted text: never rich text
        static.prepare(_IDENTITY, font)
        found = (static, max(0, round((width - static.size().width()) / 2)))
        prompts[key] = found
        if len(prompts) > PROMPT_CACHE_SIZE:
            prompts.popitem(last=False)
        return found

    def detail_line(self, entry: LibraryEntry, stars: int, selected: bool, width: int,
                    ratio: float) -> QImage:
        """The second caption line (stars in the accent colour, then size and model) drawn
        once into an image, shared by every entry that shows the same line."""
        detail = display_text(caption_detail(entry))
        key = (detail, stars, width, selected, ratio)
        details = self._details
        image = details.get(key)
        if image is not None:
            details.move_to_end(key)
            return image
        _text, highlighted, placeholder, warning, _base, font, metrics, line = self._look
        stars_text = STAR * stars + " " if stars else ""
        stars_width = metrics.horizontalAdvance(stars_text)
        detail = metrics.elidedText(detail, _ELIDE, max(0, width - stars_width))
        image = QImage(max(1, round(width * ratio)), max(1, round(line * ratio)), _ARGB)
        image.setDevicePixelRatio(ratio)
        image.fill(0)
        painter = QPainter(image)
        painter.setFont(font)
        # Centred as a whole: the stars, then the details.
        left = max(0, (width - stars_width - metrics.horizontalAdvance(detail)) // 2)
        if stars_text:
            painter.setPen(warning)
            painter.drawText(QRect(left, 0, stars_width, line), _CAPTION_ALIGN, stars_text)
        # PlaceholderText, not disabled text: secondary but still readable.
        painter.setPen(highlighted if selected else placeholder)
        painter.drawText(QRect(left + stars_width, 0, width - left - stars_width, line),
                         _DETAIL_ALIGN, detail)
        painter.end()
        details[key] = image
        if len(details) > DETAIL_CACHE_SIZE:
            details.popitem(last=False)
        return image

    def cached_prompts(self, entry_id: int) -> list[PromptKey]:
        """The keys of one entry's cached prompt lines (what the tests look at)."""
        return [key for key in self._prompts if key[0] == entry_id]

    def cached_details(self) -> list[DetailKey]:
        """The keys of the cached second lines (what the tests look at)."""
        return list(self._details)

    def _favourite_mark(self, ratio: float) -> QPixmap:
        mark = self._favourites.get(ratio)
        if mark is None:
            mark = icon("star-filled").pixmap(QSize(FAVOURITE_PIXELS, FAVOURITE_PIXELS), ratio)
            self._favourites[ratio] = mark
        return mark

    # -- painting ---------------------------------------------------------------------------

    def begin_frame(self, palette: QPalette, metrics: QFontMetrics,
                    font: QFont | None = None, ratio: float = 0.0) -> tuple[Any, ...]:
        """Look up what every cell of one paint event shares, once instead of once a cell.

        Reading `option.palette` or `option.fontMetrics` copies them into new Python objects;
        at dozens of cells a frame those copies were most of the delegate's time. `ratio` is
        the painted device's pixel ratio (0: ask the painter at each cell).
        """
        text = palette.color(_TEXT_ROLE)
        highlighted = palette.color(_HIGHLIGHTED_TEXT_ROLE)
        placeholder = palette.color(_PLACEHOLDER_ROLE)
        warning = accent(Accent.WARNING)
        base = palette.color(_BASE_ROLE)
        font = QFont(font) if font is not None else QFont()
        look_key = (text.rgba(), highlighted.rgba(), placeholder.rgba(), warning.rgba(),
                    base.rgba(), font.key())
        if not self._look or self._look_key != look_key:
            # Drawn in other colours or another font (the icon follows the palette too).
            self._prompts.clear()
            self._details.clear()
            self._favourites.clear()
            self._look_key = look_key
            # Copies: the option's font and metrics go when the paint event ends.
            own_metrics = QFontMetrics(font)
            self._look = (text, highlighted, placeholder, warning, base, font, own_metrics,
                          own_metrics.height())
        look = self._look
        self._frame = frame = (look[0], look[1], look[4], look[5], look[7],
                               palette.color(_DISABLED, _TEXT_ROLE), ratio)
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
        text, highlighted, base, font, line, disabled_text, device_ratio = frame
        row = index.row()
        model = self._model
        entry = model.entry_at(row)
        entry_id = model.id_at(row)
        state = option.state.value
        cell = option.rect
        left = cell.x() + 2
        top = cell.y() + 2
        width = cell.width() - 4
        painter.save()
        if state & _PANEL_BITS:
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
        if not device_ratio:
            device_ratio = painter.device().devicePixelRatioF()
        if image is not None and not image.isNull():
            ratio = image.devicePixelRatio() or 1.0
            image_width = min(CELL_IMAGE, round(image.width() / ratio))
            image_height = min(CELL_IMAGE, round(image.height() / ratio))
            image_left = box_left + (CELL_IMAGE - image_width) // 2
            image_top = box_top + (CELL_IMAGE - image_height) // 2
            # Thumbnails are stored at the drawn size, so this is normally a plain copy; one
            # decoded for another screen (or handed in larger) is scaled, smoothly.
            if (round(image_width * device_ratio) != image.width()
                    or round(image_height * device_ratio) != image.height()):
                painter.setRenderHint(_SMOOTH)
            painter.drawImage(QRect(image_left, image_top, image_width, image_height), image)
            star_right = image_left + image_width - 1
        else:
            painter.setRenderHint(_ANTIALIAS)
            painter.setPen(_NO_PEN)
            painter.setBrush(base)
            side = CELL_IMAGE - 2 * PLACEHOLDER_INSET
            painter.drawRoundedRect(box_left + PLACEHOLDER_INSET, box_top + PLACEHOLDER_INSET,
                                    side, side, 6, 6)
            if entry is not None and entry.missing:
                painter.setPen(disabled_text)
                painter.drawText(QRect(box_left, box_top, CELL_IMAGE, CELL_IMAGE), _CENTRE,
                                 QCoreApplication.translate("GalleryDelegate", "File missing"))
        if entry is not None:
            if entry.favourite:
                painter.drawPixmap(star_right - 24, image_top + 4,
                                   self._favourite_mark(device_ratio))
            selected = bool(state & _SELECTED_BIT)
            caption_width = width - 12
            caption_left = left + 6
            caption_top = box_top + CELL_IMAGE + 5
            static, offset = self.prompt_line(entry, caption_width)
            painter.setFont(font)
            painter.setPen(highlighted if selected else text)
            painter.drawStaticText(caption_left + offset, caption_top, static)
            painter.drawImage(caption_left, caption_top + line,
                              self.detail_line(entry, model.stars_at(row), selected,
                                               caption_width, device_ratio))
        painter.restore()
