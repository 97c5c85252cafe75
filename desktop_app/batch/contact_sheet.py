"""A batch's results as one contact-sheet PNG: rows of prompts, columns of models or sizes.

Owns the layout (a header row of column labels, a label column of row labels, one square cell
per result, scaled down so the sheet stays a size image viewers open), drawing the label text
(wrapped to its box and ended with "…" when it does not fit, control characters removed) with a
font that can show CJK prompts when one is installed, and falling back to Pillow's own font
when none is, and encoding the PNG. The caller hands over the labels (already translated) and
each cell's image data (thumbnail bytes or a Pillow image) or a short note for a cell without
one. Pure Pillow: no Qt, no library, no disk writes.
"""

from __future__ import annotations

import io
import os
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
CellImage = bytes | Image.Image

MAX_SIDE = 16_000  # px; beyond this most viewers (and browsers) refuse or crawl
MIN_CELL = 48
MAX_LABEL_LINES = 4
BACKGROUND = (255, 255, 255)
TEXT = (20, 20, 20)
QUIET_TEXT = (110, 110, 110)
EMPTY_CELL = (236, 236, 236)
RULE = (210, 210, 210)

# Fonts that cover CJK first, then broad Latin ones; the first that exists is used.
_FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/YuGothR.ttc",
    "C:/Windows/Fonts/malgun.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/System/Library/Fonts/Helvetica.ttc",
    "C:/Windows/Fonts/arial.ttf",
)


class SheetTooLargeError(ValueError):
    """Even with the smallest cells the sheet would be larger than `MAX_SIDE` on a side."""


@dataclass(frozen=True)
class SheetLayout:
    """Where everything goes, in pixels."""

    cell: int
    label_width: int
    header_height: int
    title_height: int
    padding: int
    rows: int
    columns: int

    @property
    def width(self) -> int:
        return self.label_width + self.columns * (self.cell + self.padding) + self.padding

    @property
    def height(self) -> int:
        return (self.title_height + self.header_height
                + self.rows * (self.cell + self.padding) + self.padding)

    def cell_origin(self, row: int, column: int) -> tuple[int, int]:
        x = self.label_width + self.padding + column * (self.cell + self.padding)
        y = self.title_height + self.header_height + self.padding + row * (self.cell
                                                                           + self.padding)
        return x, y


def font_candidates() -> list[Path]:
    """The font files tried, in order (an override in $NSCALE_STUDIO_SHEET_FONT first)."""
    override = os.environ.get("NSCALE_STUDIO_SHEET_FONT")
    paths = [Path(override)] if override else []
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
        paths += [windows / "msyh.ttc", windows / "arial.ttf"]
    return [*paths, *(Path(candidate) for candidate in _FONT_CANDIDATES)]


@lru_cache(maxsize=8)
def load_font(size: int) -> Font:
    """The first candidate font that loads at `size` px, else Pillow's built-in font."""
    for path in font_candidates():
        try:
            if path.is_file():
                return ImageFont.truetype(str(path), size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size)
    except (TypeError, OSError, ImportError):  # an old Pillow, or one built without FreeType
        return ImageFont.load_default()


def clean_label(text: str) -> str:
    """One line of text: control characters (and newlines) become spaces, runs collapse."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
                      for ch in text)
    return " ".join(cleaned.split())


def wrap_label(text: str, font: Font, width: int, max_lines: int = MAX_LABEL_LINES) -> list[str]:
    """`text` in lines no wider than `width`, at most `max_lines`; the last ends in "…" if cut.

    Breaks at spaces where it can and anywhere else when it must (CJK text has no spaces).
    """
    text = clean_label(text)
    if not text:
        return []
    lines: list[str] = []
    current = ""
    for position, char in enumerate(text):
        candidate = current + char
        if current and font.getlength(candidate) > width:
            split = current.rfind(" ")
            if split > 0 and char != " ":
                lines.append(current[:split])
                current = current[split + 1:] + char
            else:
                lines.append(current.rstrip())
                current = char.lstrip()
            if len(lines) == max_lines:
                rest = (current + text[position + 1:]).strip()
                if rest:
                    lines[-1] = _ellipsised(lines[-1], font, width)
                return lines
        else:
            current = candidate
    if current.strip():
        lines.append(current.strip())
    return lines[:max_lines]


def _ellipsised(line: str, font: Font, width: int) -> str:
    while line and font.getlength(line + "…") > width:
        line = line[:-1]
    return line.rstrip() + "…"


def plan_layout(
    rows: int, columns: int, *, cell: int = 256, label_width: int = 260, title: bool = False
) -> SheetLayout:
    """The layout for `rows` x `columns` cells, with cells shrunk until it fits `MAX_SIDE`."""
    padding = 8
    header = 72
    title_height = 44 if title else 0
    cell = max(MIN_CELL, cell)
    while True:
        layout = SheetLayout(cell, label_width, header, title_height, padding, rows, columns)
        if layout.width <= MAX_SIDE and layout.height <= MAX_SIDE:
            return layout
        if cell <= MIN_CELL:
            raise SheetTooLargeError(
                f"{rows} rows x {columns} columns do not fit one sheet of at most "
                f"{MAX_SIDE} px a side."
            )
        cell = max(MIN_CELL, int(cell * 0.8))


def _open_cell(data: CellImage | None) -> Image.Image | None:
    if data is None:
        return None
    if isinstance(data, Image.Image):
        return data.convert("RGB")
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "WEBP"]) as image:
            return image.convert("RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def _draw_lines(draw: ImageDraw.ImageDraw, lines: Sequence[str], font: Font,
                box: tuple[int, int, int, int], fill: tuple[int, int, int],
                centre: bool = False) -> None:
    left, top, right, bottom = box
    line_height = int(getattr(font, "size", 11) * 1.25) + 1
    total = line_height * len(lines)
    y = top + max(0, (bottom - top - total) // 2)
    for line in lines:
        x = left
        if centre:
            x = left + max(0, int((right - left - font.getlength(line)) // 2))
        draw.text((x, y), line, font=font, fill=fill)
        y += line_height


def render_contact_sheet(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    cells: Mapping[tuple[int, int], CellImage | None],
    *,
    notes: Mapping[tuple[int, int], str] | None = None,
    title: str = "",
    cell_size: int = 256,
) -> Image.Image:
    """The sheet as an RGB image. `cells[(row, column)]` is a cell's image (or None);
    `notes[(row, column)]` the text shown in a cell that has none ("failed", say)."""
    layout = plan_layout(len(row_labels), len(column_labels), cell=cell_size,
                         title=bool(title))
    sheet = Image.new("RGB", (layout.width, layout.height), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    label_font = load_font(max(11, min(16, layout.cell // 12)))
    title_font = load_font(20)
    pad = layout.padding
    if title:
        lines = wrap_label(title, title_font, layout.width - 2 * pad, max_lines=1)
        _draw_lines(draw, lines, title_font, (pad, 0, layout.width - pad, layout.title_height),
                    TEXT)
    header_top = layout.title_height
    for column, label in enumerate(column_labels):
        x, _ = layout.cell_origin(0, column)
        lines = wrap_label(label, label_font, layout.cell, max_lines=3)
        _draw_lines(draw, lines, label_font,
                    (x, header_top, x + layout.cell, header_top + layout.header_height), TEXT,
                    centre=True)
    draw.line([(0, header_top + layout.header_height - 1),
               (layout.width, header_top + layout.header_height - 1)], fill=RULE)
    notes = notes or {}
    for row, label in enumerate(row_labels):
        _, y = layout.cell_origin(row, 0)
        lines = wrap_label(label, label_font, layout.label_width - 2 * pad,
                           max_lines=max(1, min(MAX_LABEL_LINES, layout.cell // 20)))
        _draw_lines(draw, lines, label_font, (pad, y, layout.label_width - pad, y + layout.cell),
                    TEXT)
        for column in range(len(column_labels)):
            x, y = layout.cell_origin(row, column)
            image = _open_cell(cells.get((row, column)))
            if image is None:
                draw.rectangle([x, y, x + layout.cell - 1, y + layout.cell - 1], fill=EMPTY_CELL)
                note = notes.get((row, column), "")
                note_lines = wrap_label(note, label_font, layout.cell - 2 * pad, max_lines=3)
                _draw_lines(draw, note_lines, label_font,
                            (x + pad, y, x + layout.cell - pad, y + layout.cell), QUIET_TEXT,
                            centre=True)
                continue
            image.thumbnail((layout.cell, layout.cell))
            sheet.paste(image, (x + (layout.cell - image.width) // 2,
                                y + (layout.cell - image.height) // 2))
    return sheet


def contact_sheet_png(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    cells: Mapping[tuple[int, int], CellImage | None],
    **options: object,
) -> bytes:
    """`render_contact_sheet` encoded as PNG bytes."""
    image = render_contact_sheet(row_labels, column_labels, cells, **options)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
