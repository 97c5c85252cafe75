"""Hostile and broken files: readers never raise, never loop, never return raw JSON as a prompt.

Random JSON in every block a reader looks at, random ComfyUI-shaped graphs full of cycles and wrong
types, deep nesting, decompression bombs and truncated containers.
"""

from __future__ import annotations

import json
import struct
import zlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.library.readers import ImageInfo, read_image_info_bytes
from desktop_app.library.readers import sources as sources_module
from tests import readers_fixtures as fx

BLOCK_NAMES = (
    "parameters",
    "prompt",
    "workflow",
    "invokeai_metadata",
    "invokeai_graph",
    "sd-metadata",
    "Dream",
    "Comment",
    "Description",
    "Software",
    "Source",
    "fooocus_scheme",
    "use_stable_diffusion_model",
    "negative_prompt",
    "XML:com.adobe.xmp",
    "anything",
)
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                [
                    "prompt",
                    "text",
                    "inputs",
                    "class_type",
                    "positive",
                    "negative",
                    "uc",
                    "c",
                    "model",
                    "nodes",
                    "links",
                    "edges",
                    "image",
                    "caption",
                    "sui_image_params",
                    "v4_prompt",
                    "x",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)
NODE_IDS = st.sampled_from(["1", "2", "3", "4", "5"])
LINKS = st.tuples(NODE_IDS, st.integers(0, 2)).map(list)
GRAPHS = st.dictionaries(
    NODE_IDS,
    st.fixed_dictionaries(
        {
            "class_type": st.sampled_from(
                [
                    "KSampler",
                    "CLIPTextEncode",
                    "Reroute",
                    "ConditioningCombine",
                    "BasicGuider",
                    "CheckpointLoaderSimple",
                    "SaveImage",
                    "Efficient Loader",
                    "Text Concatenate",
                ]
            ),
            "inputs": st.dictionaries(
                st.sampled_from(
                    [
                        "positive",
                        "negative",
                        "conditioning",
                        "text",
                        "text_a",
                        "model",
                        "ckpt_name",
                        "input",
                        "images",
                        "clip_l",
                        "t5xxl",
                        "value",
                    ]
                ),
                LINKS | SCALARS,
                max_size=5,
            ),
        }
    ),
    max_size=5,
)


def _assert_sane(info: ImageInfo) -> None:
    for text in (info.prompt, info.negative_prompt, info.model, info.generator):
        assert isinstance(text, str)
    stripped = info.prompt.strip()
    if stripped[:1] in ("{", "["):
        try:
            json.loads(stripped)
        except ValueError:
            pass
        except RecursionError:
            raise AssertionError("raw (deep) JSON as prompt") from None
        else:
            raise AssertionError(f"raw JSON as prompt: {stripped[:80]}")
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in info.settings.items())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(BLOCK_NAMES), JSON_VALUES, min_size=1, max_size=4))
def test_random_json_in_any_block_never_raises(blocks: dict[str, Any]) -> None:
    chunks = {name: json.dumps(value) for name, value in blocks.items()}
    _assert_sane(read_image_info_bytes(fx.png(chunks)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(BLOCK_NAMES), st.text(max_size=200), max_size=4))
def test_random_text_in_any_block_never_raises(blocks: dict[str, str]) -> None:
    info = read_image_info_bytes(fx.png(blocks))
    assert isinstance(info.prompt, str)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GRAPHS, st.booleans())
def test_random_comfyui_graphs_with_cycles_never_raise(
    graph: dict[str, Any], as_exif: bool
) -> None:
    if as_exif:
        data = fx.webp(exif_bytes=fx.exif(ascii_tags={fx.TAG_MODEL: "prompt:" + json.dumps(graph)}))
    else:
        data = fx.png({"prompt": json.dumps(graph)})
    _assert_sane(read_image_info_bytes(data))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.integers(0, 6),
                "type": st.sampled_from(["KSampler", "CLIPTextEncode", "Reroute", "PrimitiveNode"]),
                "inputs": st.lists(
                    st.fixed_dictionaries(
                        {
                            "name": st.sampled_from(["positive", "", "text"]),
                            "link": st.integers(0, 6) | st.none(),
                        }
                    ),
                    max_size=3,
                ),
                "widgets_values": st.lists(SCALARS, max_size=4) | JSON_VALUES,
            }
        ),
        max_size=6,
    ),
    st.lists(st.lists(st.integers(0, 6), min_size=5, max_size=6), max_size=8),
)
def test_random_ui_workflows_never_raise(nodes: list[Any], links: list[Any]) -> None:
    data = fx.png({"workflow": json.dumps({"nodes": nodes, "links": links})})
    _assert_sane(read_image_info_bytes(data))


def test_deeply_nested_json_is_refused_not_a_recursion_error() -> None:
    deep = "[" * 200_000 + "]" * 200_000
    deep_dict = '{"a":' * 5000 + "1" + "}" * 5000
    info = read_image_info_bytes(
        fx.png({"prompt": deep, "workflow": deep_dict, "parameters": deep_dict, "Comment": deep})
    )
    _assert_sane(info)


def test_decompression_bomb_text_chunk_is_skipped(monkeypatch: Any) -> None:
    monkeypatch.setattr(sources_module, "MAX_BLOCK_CHARS", 100_000)
    bomb = zlib.compress(b"a" * 5_000_000, 9)
    keyword = b"parameters\x00\x00"
    chunk_data = keyword + bomb
    chunk = (
        struct.pack(">I", len(chunk_data))
        + b"zTXt"
        + chunk_data
        + struct.pack(">I", zlib.crc32(b"zTXt" + chunk_data))
    )
    plain = fx.png({"Title": "ok"})
    data = plain[:33] + chunk + plain[33:]  # after IHDR
    info = read_image_info_bytes(data)
    assert [block.name for block in info.blocks] == ["Title"]


def test_truncated_and_lying_png_chunks() -> None:
    data = fx.png({"parameters": "a cat\nSteps: 20"})
    lying = data[:33] + struct.pack(">I", 2**31) + b"tEXt" + b"x" * 10 + data[33:]
    for candidate in (data[:-30], lying):
        try:
            info = read_image_info_bytes(candidate)
        except OSError:
            continue  # Pillow itself may refuse the file: that is an OSError, not a crash
        _assert_sane(info)


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")  # Pillow says so, and goes on
def test_random_bytes_as_exif_and_xmp() -> None:
    for junk in (b"Exif\x00\x00MM\x00*\xff\xff\xff\xff", b"Exif\x00\x00II*\x00" + b"\xff" * 40):
        _assert_sane(read_image_info_bytes(fx.jpeg(exif_bytes=junk, xmp_text="<x" * 1000)))
