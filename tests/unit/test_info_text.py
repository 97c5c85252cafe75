"""What the Image info views show (library/info_text.py): field order, settings lines, raw blocks
pretty-printed only when they are JSON, and the JSON document of `library info --json`."""

from __future__ import annotations

import json

from desktop_app.library.info_text import (
    generator_name,
    info_document,
    info_fields,
    pretty_block,
    settings_text,
)
from desktop_app.library.readers import ImageInfo, RawBlock

GRAPH = {"3": {"class_type": "KSampler", "inputs": {"positive": ["7", 0]}}}


def _info(**changes: object) -> ImageInfo:
    values: dict[str, object] = {
        "prompt": "a fox",
        "negative_prompt": "blurry",
        "model": "sdxl",
        "width": 64,
        "height": 32,
        "generator": "comfyui",
        "format": "PNG",
        "settings": {"Steps": "20", "Seed": "1"},
        "blocks": (RawBlock("prompt", json.dumps(GRAPH)), RawBlock("parameters", "a fox\n")),
    }
    values.update(changes)
    return ImageInfo(**values)  # type: ignore[arg-type]


def test_fields_in_display_order_with_the_tools_name() -> None:
    fields = [(field.key, field.label, field.value) for field in info_fields(_info())]
    assert fields == [
        ("prompt", "Prompt", "a fox"),
        ("negative_prompt", "Negative prompt", "blurry"),
        ("model", "Model", "sdxl"),
        ("size", "Size", "64x32"),
        ("generator", "Tool", "ComfyUI"),
        ("format", "Format", "PNG"),
    ]
    assert info_fields(_info(width=0, height=0))[3].value == ""
    assert settings_text(_info()) == "Steps: 20\nSeed: 1"


def test_unknown_generator_ids_are_shown_as_they_are() -> None:
    assert generator_name("a1111") == "AUTOMATIC1111 Web UI"
    assert generator_name("some-new-tool") == "some-new-tool"
    assert generator_name("") == "Unknown"


def test_only_json_blocks_are_reformatted() -> None:
    graph, parameters = _info().blocks
    assert pretty_block(graph) == json.dumps(GRAPH, indent=2)
    assert pretty_block(parameters) == "a fox\n"  # exactly as found
    assert pretty_block(RawBlock("x", "{not json")) == "{not json"
    deep = "[" * 100_000 + "]" * 100_000
    assert pretty_block(RawBlock("x", deep)) == deep  # too deep to parse: as found
    assert pretty_block(RawBlock("x", '{"名前": "初音ミク"}')) == '{\n  "名前": "初音ミク"\n}'


def test_the_json_document_puts_context_first_and_keeps_blocks_raw() -> None:
    document = info_document(_info(), id=7, path="/x.png")
    assert list(document)[:2] == ["id", "path"]
    assert document["generator_name"] == "ComfyUI"
    assert document["blocks"][0] == {"name": "prompt", "text": json.dumps(GRAPH)}
    assert json.loads(json.dumps(document)) == document
