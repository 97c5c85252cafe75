"""The library reads through the readers: `ImageMetadata` gains negative prompt and generator,
our own files win over any other tool's blocks, and imports get prompts instead of JSON blobs.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from desktop_app import APP_ID
from desktop_app.library import Library, LibraryQuery, read_metadata
from desktop_app.library.metadata import metadata_from_image, read_metadata_bytes
from desktop_app.library.readers import read_image_info
from desktop_app.library.readers.reading import info_from_sources
from desktop_app.library.readers.sources import sources_from_image
from tests import readers_fixtures as fx
from tests.library_helpers import make_result
from tests.unit.test_readers_comfyui import CKPT, _node
from tests.unit.test_readers_formats import CASES, NOVELAI_CHUNKS


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def test_our_own_file_wins_over_every_other_block(library: Library, tmp_path: Path) -> None:
    (entry,) = library.add_result(make_result(prompt="our prompt ", model="our/model"), "job-9")
    with Image.open(entry.path) as image:
        twin = image.info[APP_ID]
    graph = {"1": _node("CLIPTextEncode", text="comfy"), "2": _node("KSampler", positive=["1", 0])}
    data = fx.png(
        {
            "prompt": json.dumps(graph),
            **NOVELAI_CHUNKS,
            "parameters": "someone else's\nSteps: 3, Model: theirs",
            APP_ID: twin,
        }
    )
    metadata = read_metadata_bytes(data)
    assert (metadata.prompt, metadata.model, metadata.tool, metadata.generator) == (
        "our prompt ",  # exactly as typed, trailing space included
        "our/model",
        APP_ID,
        APP_ID,
    )
    assert metadata.extra["job_id"] == "job-9" and metadata.extra["n_index"] == 0
    info = read_image_info(entry.path)
    assert info.generator == APP_ID and info.settings["job_id"] == "job-9"


def test_metadata_carries_negative_prompt_and_generator(tmp_path: Path) -> None:
    path = tmp_path / "forge.png"
    path.write_bytes(CASES["forge-png"].build())
    metadata = read_metadata(path)
    assert metadata.negative_prompt == "blurry, lowres\nmore negative"
    assert (metadata.generator, metadata.tool, metadata.extra["format"]) == (
        "forge",
        "forge",
        "png",
    )


def test_unknown_generator_keeps_tool_empty() -> None:
    metadata = read_metadata_bytes(fx.png({"Title": "holiday"}))
    assert (metadata.prompt, metadata.tool, metadata.generator) == ("", "", "unknown")


def test_import_gets_prompts_not_json_and_not_the_negative(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "others"
    folder.mkdir()
    graph = {
        "1": _node("CLIPTextEncode", text="the negative one", clip=["4", 1]),
        "2": _node("CLIPTextEncode", text="the positive one", clip=["4", 1]),
        "4": CKPT,
        "5": _node("ConditioningCombine", conditioning_1=["2", 0], conditioning_2=["2", 0]),
        "3": _node("KSampler", model=["4", 0], positive=["5", 0], negative=["1", 0]),
    }
    (folder / "comfy.png").write_bytes(fx.png({"prompt": json.dumps(graph)}))
    for name in ("fooocus-png", "swarmui-jpeg-exif", "novelai-webp-exif"):
        suffix = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}[CASES[name].format]
        (folder / f"{name}{suffix}").write_bytes(CASES[name].build())
    report = library.import_folder(folder)
    assert report.added == 4 and not report.failed
    entries = library.get_many(library.query_ids(LibraryQuery())).values()
    assert sorted((e.prompt, e.model) for e in entries) == [
        ("1girl, silver hair, night sky", "NovelAI Diffusion V4 4F49EC75"),
        ("a cozy cabin, 雪", "OfficialStableDiffusion/sd_xl_base_1.0"),
        ("a dragon over a lake", "juggernautXL_v8Rundiffusion"),
        ("the positive one", "sdxl/juggernautXL_v9.safetensors"),
    ]


def test_metadata_from_an_opened_image_without_its_bytes_uses_pillows_blocks() -> None:
    data = CASES["a1111-jpeg-exif-big-endian"].build()
    with Image.open(io.BytesIO(data)) as image:
        info = info_from_sources(sources_from_image(image))
        assert info.prompt.startswith("masterpiece") and info.generator == "a1111"
        image.fp = None  # as after Pillow closed the file it opened itself
        assert metadata_from_image(image).prompt.startswith("masterpiece")
