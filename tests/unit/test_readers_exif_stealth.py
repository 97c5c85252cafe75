"""EXIF UserComment in either UTF-16 byte order (whatever the EXIF header claims) and stealth
info in pixel LSBs: found when present, bounded when hostile, never looked for needlessly.
"""

from __future__ import annotations

import io
import json
import random

import pytest
from PIL import Image

from desktop_app.library.readers import read_image_info_bytes, reading, stealth
from desktop_app.library.readers.exif import decode_user_comment, decode_utf16
from tests import readers_fixtures as fx

ASCII_PARAMS = "a red fox\nNegative prompt: dull\nSteps: 20, Seed: 1, Model: fox_xl"
CJK_PARAMS = "桜の木の下の猫、水彩画\nNegative prompt: 低品質\nSteps: 20, Seed: 1, Model: anime_xl"
PURE_CJK = "桜の木の下の猫"


@pytest.mark.parametrize("text_big_endian", [True, False])
@pytest.mark.parametrize("header_big_endian", [True, False])
@pytest.mark.parametrize("text", [ASCII_PARAMS, CJK_PARAMS])
def test_user_comment_utf16_in_either_order_whatever_the_header_says(
    text: str, text_big_endian: bool, header_big_endian: bool
) -> None:
    comment = fx.user_comment_utf16(text, big_endian=text_big_endian)
    for data in (
        fx.jpeg(exif_bytes=fx.exif(big_endian=header_big_endian, user_comment=comment)),
        fx.webp(exif_bytes=fx.exif(big_endian=header_big_endian, user_comment=comment)),
    ):
        info = read_image_info_bytes(data)
        assert info.prompt == text.split("\n")[0]
        assert info.negative_prompt == text.split("\n")[1].removeprefix("Negative prompt: ")
        assert info.model in ("fox_xl", "anime_xl")
        assert info.generator == "a1111"
        assert [b.text for b in info.blocks if b.name == "EXIF UserComment"] == [text]


@pytest.mark.parametrize("big_endian", [True, False])
def test_text_without_ascii_follows_the_exif_byte_order(big_endian: bool) -> None:
    body = PURE_CJK.encode("utf-16-be" if big_endian else "utf-16-le")
    assert decode_utf16(body, big_endian=big_endian) == PURE_CJK


def test_text_without_ascii_in_the_wrong_order_is_still_read_by_content() -> None:
    body = PURE_CJK.encode("utf-16-be")
    assert decode_utf16(body, big_endian=False) == PURE_CJK


def test_user_comment_prefixes_bom_and_none() -> None:
    assert decode_user_comment(b"ASCII\x00\x00\x00hello", big_endian=False) == "hello"
    assert decode_user_comment(b"\x00" * 8 + "héllo".encode(), big_endian=False) == "héllo"
    bom = b"UNICODE\x00\xff\xfe" + "hi there".encode("utf-16-le")
    assert decode_user_comment(bom, big_endian=True) == "hi there"
    assert decode_user_comment("plain str\x00", big_endian=True) == "plain str"
    assert decode_user_comment(b"UNICODE\x00\x00", big_endian=True) == ""


# --- stealth -----------------------------------------------------------------------------------


@pytest.mark.parametrize("compressed", [False, True])
def test_stealth_parameters_in_alpha_plain_and_gzip(compressed: bool) -> None:
    image = fx.stealth_image(ASCII_PARAMS, compressed=compressed)
    info = read_image_info_bytes(fx.png({}, image=image))
    assert (info.prompt, info.negative_prompt, info.model, info.generator) == (
        "a red fox",
        "dull",
        "fox_xl",
        "a1111",
    )
    assert [(b.name, b.text) for b in info.blocks] == [("Stealth PNG info", ASCII_PARAMS)]


@pytest.mark.parametrize("compressed", [False, True])
def test_stealth_parameters_in_rgb(compressed: bool) -> None:
    image = fx.stealth_image(CJK_PARAMS, compressed=compressed, mode="rgb")
    info = read_image_info_bytes(fx.png({}, image=image.convert("RGB")))
    assert (info.prompt, info.model) == ("桜の木の下の猫、水彩画", "anime_xl")


def test_stealth_in_lossless_webp() -> None:
    image = fx.stealth_image(ASCII_PARAMS, compressed=True)
    info = read_image_info_bytes(fx.webp(image=image, lossless=True))
    assert (info.prompt, info.format) == ("a red fox", "WEBP")


def test_stealth_length_beyond_the_image_or_the_cap_is_ignored() -> None:
    too_long = fx.stealth_image("x" * 10, compressed=False, declared_bits=8 * 10**6)
    assert read_image_info_bytes(fx.png({}, image=too_long)).prompt == ""
    over_cap = fx.stealth_image("x", compressed=False, declared_bits=2**32 - 8)
    assert read_image_info_bytes(fx.png({}, image=over_cap)).prompt == ""
    odd = fx.stealth_image("x", compressed=True, declared_bits=13)
    assert read_image_info_bytes(fx.png({}, image=odd)).prompt == ""


def test_corrupt_gzip_payload_is_ignored() -> None:
    image = fx.stealth_image("", compressed=True, payload=b"\x1f\x8b not really gzip at all")
    info = read_image_info_bytes(fx.png({}, image=image))
    assert (info.prompt, info.generator) == ("", "unknown")


def test_no_pixel_decoding_when_the_blocks_already_name_a_prompt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("stealth check ran although the metadata was found")

    monkeypatch.setattr(reading, "read_stealth", refuse)
    info = read_image_info_bytes(fx.png({"parameters": ASCII_PARAMS}))
    assert info.prompt == "a red fox"


def test_images_over_the_pixel_cap_are_not_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    image = fx.stealth_image(ASCII_PARAMS, compressed=False)
    data = fx.png({}, image=image)
    monkeypatch.setattr(stealth, "MAX_PIXELS", image.width * image.height - 1)
    assert read_image_info_bytes(data).prompt == ""


@pytest.mark.parametrize("mode", ["RGBA", "RGB"])
def test_first_column_shortcut_matches_pillow_for_every_png_filter(mode: str) -> None:
    rng = random.Random(7)
    image = Image.new(mode, (9, 130))
    image.putdata(
        [
            tuple(rng.choice((0, 1, 127, 128, 254, 255, rng.randrange(256))) for _ in mode)
            for _ in range(9 * 130)
        ]
    )
    data = fx.png_with_filters(image)  # rows filtered None, Sub, Up, Average, Paeth in turn
    with Image.open(io.BytesIO(data)) as decoded:
        assert decoded.tobytes() == image.tobytes()  # the hand-made file is a valid PNG
    column = stealth.first_column(data, 130)
    assert column is not None
    assert [tuple(pixel) for pixel in column] == [image.getpixel((0, y)) for y in range(130)]


@pytest.mark.parametrize("mode", ["alpha", "rgb"])
def test_tall_png_signature_is_found_from_the_first_column(mode: str) -> None:
    image = fx.stealth_image(ASCII_PARAMS, compressed=True, mode=mode, size=(30, 400))
    image = image if mode == "alpha" else image.convert("RGB")
    data = fx.png({}, image=image)
    assert stealth.first_column_signature(data) is True
    assert read_image_info_bytes(data).prompt == "a red fox"


def test_tall_png_without_signature_is_never_fully_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("decoded a file whose first column has no signature")

    monkeypatch.setattr(stealth, "_read_mode", refuse)
    for mode in ("RGBA", "RGB"):
        data = fx.png({}, image=Image.new(mode, (300, 400), (1, 2, 3, 4)[: len(mode)]))
        assert stealth.first_column_signature(data) is False
        assert read_image_info_bytes(data).prompt == ""


def test_novelai_stealth_json_is_expanded_into_its_chunks() -> None:
    chunks = {
        "Software": "NovelAI",
        "Source": "Stable Diffusion XL C1E1DE52",
        "Description": "short",
        "Comment": json.dumps({"prompt": "long prompt", "uc": "neg", "steps": 28}),
    }
    image = fx.stealth_image(json.dumps(chunks), compressed=True, size=(120, 100))
    info = read_image_info_bytes(fx.png({}, image=image))
    assert (info.prompt, info.negative_prompt, info.model, info.generator) == (
        "long prompt",
        "neg",
        "Stable Diffusion XL C1E1DE52",
        "novelai",
    )
