"""Metadata written into saved images, read back the way other tools read it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from desktop_app.api.types import ImageFormat
from desktop_app.library import Library, read_metadata
from desktop_app.library.metadata import DIGITAL_SOURCE_TYPE, parse_parameters
from tests.conftest import TEST_TOKEN
from tests.library_helpers import a1111_png, comfyui_png, invokeai_png, make_result

PROMPT = 'a "quoted" <cat> & ☃ dog\nsecond line'
MODEL = "stabilityai/stable-diffusion-xl-base-1.0"


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def test_png_carries_parameters_json_twin_and_xmp_readable_by_pillow(library: Library) -> None:
    result = make_result(prompt=PROMPT, model=MODEL, size=(96, 64))
    (entry,) = library.add_result(result, job_id="job-1")
    with Image.open(entry.path) as image:
        info = dict(image.info)  # as other tools see it, without decoding pixels
    assert info["parameters"] == f"{PROMPT}\nSize: 96x64, Model: {MODEL}"
    assert "Steps" not in info["parameters"]  # nothing invented
    twin = json.loads(info["nscale-studio"])
    assert twin["model"] == MODEL and twin["size"] == "96x64" and twin["n_index"] == 0
    assert twin["endpoint_host"] == "127.0.0.1" and twin["request_id"] == "req-123"
    assert twin["job_id"] == "job-1" and twin["latency_s"] == 1.25
    assert twin["created"] == result.created
    assert DIGITAL_SOURCE_TYPE in info["XML:com.adobe.xmp"]
    assert "Iptc4xmpExt:DigitalSourceType" in info["XML:com.adobe.xmp"]


def test_png_pixels_are_the_ones_received(library: Library) -> None:
    result = make_result(seed=5)
    (entry,) = library.add_result(result)
    with Image.open(io.BytesIO(result.images[0].data)) as original, Image.open(entry.path) as saved:
        assert saved.tobytes() == original.tobytes()
    assert (
        entry.sha256
        != library._connection()
        .execute("SELECT file_sha256 FROM images WHERE id = ?", (entry.id,))
        .fetchone()[0]
    )


@pytest.mark.parametrize("image_format", [ImageFormat.JPEG, ImageFormat.WEBP])
def test_jpeg_and_webp_keep_prompt_model_size_in_exif_and_xmp(
    library: Library, image_format: ImageFormat
) -> None:
    result = make_result(prompt=PROMPT, model=MODEL, image_format=image_format, size=(80, 64))
    (entry,) = library.add_result(result)
    assert entry.format == image_format.value
    assert entry.path.suffix == image_format.extension
    with Image.open(entry.path) as image:
        xmp = image.info["xmp"]
        xmp = xmp.decode() if isinstance(xmp, bytes) else xmp
        comment = image.getexif().get_ifd(0x8769)[0x9286]
        image.load()  # still a valid, decodable file
        with Image.open(io.BytesIO(result.images[0].data)) as original:
            assert image.tobytes() == original.tobytes()  # spliced in, never re-encoded
    assert DIGITAL_SOURCE_TYPE in xmp
    assert comment.startswith(b"UNICODE\x00")
    assert comment[8:].decode("utf-16-be") == f"{PROMPT}\nSize: 80x64, Model: {MODEL}"
    metadata = read_metadata(entry.path)
    assert (metadata.prompt, metadata.model, metadata.width, metadata.height) == (
        PROMPT,
        MODEL,
        80,
        64,
    )


def test_no_token_is_ever_written(library: Library) -> None:
    (entry,) = library.add_result(make_result())
    assert TEST_TOKEN.encode() not in entry.path.read_bytes()
    assert b"token" not in entry.path.read_bytes().lower()


def test_reads_a1111_parameters() -> None:
    prompt, settings = parse_parameters(
        "a cat\nwith a hat\nNegative prompt: dog\nSteps: 20, Size: 512x512, Model: sdxl"
    )
    assert prompt == "a cat\nwith a hat"
    assert settings["Model"] == "sdxl" and settings["Size"] == "512x512"


def test_reads_a1111_comfyui_and_invokeai_files(tmp_path: Path) -> None:
    a1111 = read_metadata(a1111_png(tmp_path / "a.png"))
    assert (a1111.prompt, a1111.model, a1111.tool) == (
        "a castle on a hill, sunset",
        "sd_xl_base_1.0",
        "a1111",
    )
    comfy = read_metadata(comfyui_png(tmp_path / "c.png"))
    assert (comfy.prompt, comfy.model, comfy.tool) == (
        "a lighthouse in a storm",
        "dreamshaper_8.safetensors",
        "comfyui",
    )
    invoke = read_metadata(invokeai_png(tmp_path / "i.png"))
    assert (invoke.prompt, invoke.model, invoke.tool) == (
        "an astronaut riding a horse",
        "stable-diffusion-v1-5",
        "invokeai",
    )


def test_broken_foreign_metadata_gives_empty_prompt_not_an_error(tmp_path: Path) -> None:
    from tests.library_helpers import save_png_with_text

    path = save_png_with_text(
        tmp_path / "x.png", {"prompt": "{not json", "invokeai_metadata": "[1, 2"}
    )
    metadata = read_metadata(path)
    assert metadata.prompt == "" and metadata.width == 64


def test_read_metadata_of_a_non_image_raises_oserror(tmp_path: Path) -> None:
    path = tmp_path / "x.png"
    path.write_bytes(b"not an image")
    with pytest.raises(OSError):
        read_metadata(path)
