"""Image checks: strict base64, magic-byte formats, Pillow verification and the pixel limit.

`check_image` is the client's cheap stage (no pixel decode), `decode_and_preview` the pipeline's
full decode; `verify_image` runs both. Each refusal is tested at the stage that must make it.
"""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from desktop_app.api.errors import ApiError, InvalidResponseError
from desktop_app.api.images import (
    check_image,
    decode_and_preview,
    decode_base64_image,
    detect_format,
    verify_image,
)
from desktop_app.api.types import ImageFormat


def encode(format_name: str, size: tuple[int, int] = (32, 24)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 90)).save(buffer, format=format_name)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims huge dimensions but holds almost no data (a decompression bomb shape)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("format_name", "expected"),
    [("PNG", ImageFormat.PNG), ("JPEG", ImageFormat.JPEG), ("WEBP", ImageFormat.WEBP)],
)
def test_each_accepted_format_is_verified_and_kept_byte_for_byte(format_name, expected):
    data = encode(format_name)
    assert detect_format(data) is expected
    image = verify_image(data, 3)
    assert (image.format, image.width, image.height, image.index) == (expected, 32, 24, 3)
    assert image.data is data


@pytest.mark.parametrize("check", [check_image, verify_image])
@pytest.mark.parametrize("data", [b"", b"GIF89a....", b"just text", encode("BMP")])
def test_other_bytes_are_not_an_image(data, check):
    assert detect_format(data) is None
    with pytest.raises(InvalidResponseError, match="not a PNG, JPEG or WebP"):
        check(data, 0)


@pytest.mark.parametrize("check", [check_image, verify_image])
def test_truncated_png_is_refused(check):
    # For PNG even the cheap stage sees it: the chunk walk runs out of data.
    data = encode("PNG", (256, 256))
    with pytest.raises(InvalidResponseError, match="damaged PNG"):
        check(data[: len(data) // 2], 0)


def test_truncated_jpeg_passes_the_cheap_checks_and_fails_the_full_decode():
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 60).convert("RGB").save(buffer, format="JPEG")
    data = buffer.getvalue()[: len(buffer.getvalue()) * 2 // 3]
    checked = check_image(data, 4)
    assert (checked.format, checked.width, checked.height, checked.index) == (
        ImageFormat.JPEG, 64, 64, 4)
    with pytest.raises(InvalidResponseError, match="Item 5 of the reply is a damaged JPEG"):
        decode_and_preview(checked)
    with pytest.raises(InvalidResponseError, match="damaged JPEG"):
        verify_image(data, 4)
    assert verify_image(data, 4, full=False) == checked


def test_check_image_makes_no_preview_and_decode_and_preview_adds_one():
    data = encode("PNG", (512, 320))
    checked = check_image(data, 1)
    assert checked.preview is None
    decoded = decode_and_preview(checked)
    assert decoded.data is data and decoded == checked  # same image; the preview is extra
    assert decoded.preview is not None and detect_format(decoded.preview) is ImageFormat.JPEG
    assert decode_and_preview(checked, None).preview is None


@pytest.mark.parametrize("check", [check_image, verify_image])
def test_png_with_corrupt_checksum_is_refused(check):
    data = bytearray(encode("PNG"))
    data[40] ^= 0xFF
    with pytest.raises(InvalidResponseError):
        check(bytes(data), 0)


@pytest.mark.parametrize("check", [check_image, verify_image])
def test_image_over_the_pixel_limit_is_refused_without_decoding(check):
    with pytest.raises(InvalidResponseError, match="too large"):
        check(png_header_only(8000, 8000), 0)  # 64 MP > the 40 MP limit


def test_pixel_limit_is_configurable():
    with pytest.raises(InvalidResponseError, match="too large"):
        verify_image(encode("PNG", (100, 100)), 0, max_pixels=5_000)


@pytest.mark.parametrize("check", [check_image, verify_image])
def test_decompression_bomb_far_beyond_pillows_limit_is_an_api_error(check):
    # Pillow itself raises DecompressionBombError here (> 2 x MAX_IMAGE_PIXELS) at open().
    with pytest.raises(InvalidResponseError, match="too large"):
        check(png_header_only(16_000, 16_000), 0, max_pixels=10**12)


@pytest.mark.parametrize("check", [check_image, verify_image])
def test_decompression_bomb_warning_is_an_api_error_not_a_warning(check):
    # Between Pillow's limit and twice it, Pillow only warns; the app must refuse, not warn.
    with pytest.raises(InvalidResponseError, match="too large"):
        check(png_header_only(10_000, 10_000), 0, max_pixels=10**12)


@pytest.mark.parametrize("check", [check_image, verify_image])
def test_zero_sized_image_is_refused(check):
    with pytest.raises(InvalidResponseError):
        check(png_header_only(0, 10), 0)


def test_base64_tolerates_line_breaks_and_data_uri():
    data = encode("PNG")
    text = base64.encodebytes(data).decode()  # wrapped every 76 chars
    assert "\n" in text
    assert decode_base64_image(text) == data
    assert decode_base64_image("data:image/png;base64," + text) == data


@pytest.mark.parametrize(
    "text", ["!!not*base64@@", "QUJD?", "QUJ", "", "   ", "data:image/png,QUJD", None, 42]
)
def test_bad_base64_is_refused(text):
    with pytest.raises(InvalidResponseError):
        decode_base64_image(text)


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=400),
    prefix=st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF1234WEBP"]),
)
def test_arbitrary_bytes_raise_only_api_errors(data, prefix):
    try:
        checked = check_image(prefix + data, 0)
    except ApiError:
        return
    try:
        decode_and_preview(checked)
    except ApiError:
        pass


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text_decodes_or_raises_an_api_error(text):
    try:
        decode_base64_image(text)
    except ApiError:
        pass


@pytest.mark.parametrize("check", [check_image, verify_image])
def test_a_bit_flip_inside_png_pixel_data_is_refused_by_its_crc(check):
    # Flips chosen so that the pixels still decode (Pillow never reads the zlib checksum): only
    # the chunk CRC check can catch them, so dropping it would make this test fail. It runs in
    # the client's cheap stage, which never decodes, so nothing else could catch them there.
    data = encode("PNG", (256, 256))
    idat = data.index(b"IDAT") + 4
    caught_only_by_crc = 0
    for offset in range(idat + 40, len(data) - 16, 97):
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        if not _decodes(bytes(flipped)):
            continue  # the decode alone catches this one
        caught_only_by_crc += 1
        with pytest.raises(InvalidResponseError, match="damaged PNG"):
            check(bytes(flipped), 0)
    assert caught_only_by_crc > 0


def _decodes(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (OSError, ValueError, SyntaxError):
        return False
    return True


@pytest.mark.parametrize(
    ("size", "expected"),
    [((1024, 640), (256, 160)), ((200, 300), (171, 256)), ((64, 48), (64, 48))],
)
def test_preview_is_a_jpeg_of_at_most_256_px_from_the_same_pixels(size, expected):
    source = Image.new("RGB", size, (200, 30, 90))
    buffer = io.BytesIO()
    source.save(buffer, format="PNG")
    image = verify_image(buffer.getvalue(), 0)
    assert image.preview is not None and detect_format(image.preview) is ImageFormat.JPEG
    with Image.open(io.BytesIO(image.preview)) as preview:
        assert preview.size == expected
        red, green, blue = preview.convert("RGB").getpixel((expected[0] // 2, expected[1] // 2))
        assert abs(red - 200) < 8 and abs(green - 30) < 8 and abs(blue - 90) < 8


def test_preview_keeps_alpha_as_png():
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 300), (10, 20, 30, 100)).save(buffer, format="PNG")
    image = verify_image(buffer.getvalue(), 0)
    assert image.preview is not None and detect_format(image.preview) is ImageFormat.PNG
    with Image.open(io.BytesIO(image.preview)) as preview:
        assert preview.mode == "RGBA" and preview.size == (256, 256)


def test_preview_can_be_left_out():
    assert verify_image(encode("JPEG"), 0, preview_size=None).preview is None
