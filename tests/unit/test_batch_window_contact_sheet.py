"""The contact sheet: layout size, labels drawn, CJK font when present, clean fallbacks."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFont

from desktop_app.batch import contact_sheet
from desktop_app.batch.contact_sheet import (
    BACKGROUND,
    SheetTooLargeError,
    clean_label,
    contact_sheet_png,
    load_font,
    plan_layout,
    render_contact_sheet,
    wrap_label,
)


def png(colour: tuple[int, int, int], size: tuple[int, int] = (64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def region_is_blank(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    crop = image.crop(box)
    return ImageChops.difference(crop, Image.new("RGB", crop.size, BACKGROUND)).getbbox() is None


@pytest.fixture(autouse=True)
def fresh_fonts():
    load_font.cache_clear()
    yield
    load_font.cache_clear()


def test_a_3x2_sheet_has_the_layouts_size_and_each_image_in_its_cell():
    cells = {(row, column): png((200, 40 * row, 90 * column))
             for row in range(3) for column in range(2)}
    sheet = Image.open(io.BytesIO(contact_sheet_png(
        ["a red fox", "a blue whale", "a grey owl"], ["model-a", "model-b"], cells,
        cell_size=128, title="Batch 1")))
    layout = plan_layout(3, 2, cell=128, title=True)
    assert sheet.format == "PNG" and sheet.size == (layout.width, layout.height)
    sheet = sheet.convert("RGB")
    for (row, column) in cells:
        x, y = layout.cell_origin(row, column)
        # The 64 px image is centred in its 128 px cell.
        assert sheet.getpixel((x + 64, y + 64)) == (200, 40 * row, 90 * column)


def test_labels_are_drawn_in_the_header_and_the_label_column():
    layout = plan_layout(2, 2, cell=96)
    with_labels = render_contact_sheet(["a red fox", "an owl"], ["model-a", "model-b"], {},
                                       cell_size=96)
    without = render_contact_sheet(["", ""], ["", ""], {}, cell_size=96)
    header = (layout.label_width, 0, layout.width, layout.header_height)
    label_column = (0, layout.header_height, layout.label_width, layout.height)
    assert not region_is_blank(with_labels, header)
    assert not region_is_blank(with_labels, label_column)
    assert region_is_blank(without, label_column)


def test_a_cell_without_an_image_shows_its_note():
    layout = plan_layout(1, 1, cell=128)
    x, y = layout.cell_origin(0, 0)
    noted = render_contact_sheet(["p"], ["m"], {(0, 0): None}, notes={(0, 0): "failed"},
                                 cell_size=128)
    empty = render_contact_sheet(["p"], ["m"], {(0, 0): None}, cell_size=128)
    box = (x, y, x + 128, y + 128)
    assert ImageChops.difference(noted.crop(box), empty.crop(box)).getbbox() is not None


def test_undecodable_cell_data_is_an_empty_cell_not_a_failure():
    sheet = render_contact_sheet(["p"], ["m"], {(0, 0): b"not an image"}, cell_size=64)
    assert sheet.size == (plan_layout(1, 1, cell=64).width, plan_layout(1, 1, cell=64).height)


def test_a_cjk_font_is_used_when_one_is_installed():
    cjk = [p for p in contact_sheet.font_candidates() if "CJK" in p.name and p.is_file()]
    if not cjk:
        pytest.skip("no CJK font installed (apt: fonts-noto-cjk)")
    font = load_font(16)
    assert isinstance(font, ImageFont.FreeTypeFont) and "CJK" in font.path
    # Two different ideographs draw two different shapes (not the same missing-glyph box).
    first = font.getmask("猫").getbbox()
    second = font.getmask("一").getbbox()
    assert first != second


def test_without_any_font_file_the_builtin_font_is_used(monkeypatch):
    monkeypatch.setattr(contact_sheet, "font_candidates", lambda: [Path("/nonexistent.ttf")])
    font = load_font(14)
    assert font is not None
    sheet = render_contact_sheet(["霧の港 at dawn"], ["model"], {}, cell_size=64)
    assert sheet.size[0] > 0


def test_labels_wrap_and_end_in_an_ellipsis_and_lose_control_characters():
    font = load_font(14)
    assert clean_label("a\x1b[31mred\nfox\u202e") == "a [31mred fox"
    lines = wrap_label("word " * 200, font, 120, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 120 for line in lines)
    # CJK text has no spaces: it still wraps.
    cjk = wrap_label("霧の港" * 40, font, 100, max_lines=2)
    assert len(cjk) == 2 and cjk[-1].endswith("…")
    assert wrap_label("short", font, 200) == ["short"]


def test_cells_shrink_for_a_big_batch_and_a_huge_one_is_refused():
    layout = plan_layout(200, 4, cell=256)
    assert layout.height <= contact_sheet.MAX_SIDE and layout.cell < 256
    with pytest.raises(SheetTooLargeError):
        plan_layout(5000, 4, cell=256)
