"""Builders for library tests: synthetic generation results and images in other tools' styles.

Used by the unit and integration tests of `desktop_app.library` and by the crash-test writer
script; everything here is made in memory with Pillow, nothing is downloaded.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image, PngImagePlugin

from desktop_app.api.types import (
    GeneratedImage,
    GenerationRequest,
    GenerationResult,
    ImageFormat,
    ImageSize,
)

_PIL_FORMATS = {ImageFormat.PNG: "PNG", ImageFormat.JPEG: "JPEG", ImageFormat.WEBP: "WEBP"}


def image_bytes(
    seed: int = 0, size: tuple[int, int] = (64, 64), image_format: ImageFormat = ImageFormat.PNG
) -> bytes:
    """A small image whose pixels depend on `seed`, so different seeds give different hashes."""
    image = Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, (seed // 7) % 256))
    image.putpixel((seed % size[0], (seed // size[0]) % size[1]), (255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, _PIL_FORMATS[image_format])
    return buffer.getvalue()


def make_result(
    prompt: str = "a red fox in the snow",
    model: str = "black-forest-labs/FLUX.1-schnell",
    n: int = 1,
    seed: int = 0,
    size: tuple[int, int] = (64, 64),
    image_format: ImageFormat = ImageFormat.PNG,
    created: int = 1_764_070_320,
) -> GenerationResult:
    images = tuple(
        GeneratedImage(
            data=image_bytes(seed * 16 + index, size, image_format),
            format=image_format,
            width=size[0],
            height=size[1],
            index=index,
        )
        for index in range(n)
    )
    return GenerationResult(
        request=GenerationRequest(prompt=prompt, model=model, size=ImageSize(*size), n=n),
        images=images,
        created=created,
        latency_s=1.25,
        endpoint_host="127.0.0.1",
        request_id="req-123",
    )


def save_png_with_text(path: Path, chunks: dict[str, str], seed: int = 0) -> Path:
    """A PNG carrying text chunks the way A1111, ComfyUI and InvokeAI write them (via Pillow)."""
    info = PngImagePlugin.PngInfo()
    for key, value in chunks.items():
        info.add_text(key, value)
    Image.open(io.BytesIO(image_bytes(seed))).save(path, "PNG", pnginfo=info)
    return path


def a1111_png(path: Path, seed: int = 1) -> Path:
    return save_png_with_text(
        path,
        {
            "parameters": "a castle on a hill, sunset\nNegative prompt: blurry\n"
            "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 64x64, "
            'Model hash: abc123, Model: sd_xl_base_1.0, Lora hashes: "x: 1, y: 2"'
        },
        seed,
    )


def comfyui_png(path: Path, seed: int = 2) -> Path:
    graph = {
        "4": {
            "class_type": "CheckpointLoaderSimple",
            "inputs": {"ckpt_name": "dreamshaper_8.safetensors"},
        },
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "bad hands", "clip": ["4", 1]}},
        "7": {
            "class_type": "CLIPTextEncode",
            "inputs": {"text": "a lighthouse in a storm", "clip": ["4", 1]},
        },
        "3": {
            "class_type": "KSampler",
            "inputs": {"model": ["4", 0], "positive": ["7", 0], "negative": ["6", 0], "seed": 1},
        },
    }
    return save_png_with_text(path, {"prompt": json.dumps(graph), "workflow": "{}"}, seed)


def invokeai_png(path: Path, seed: int = 3) -> Path:
    metadata = {
        "positive_prompt": "an astronaut riding a horse",
        "negative_prompt": "",
        "model": {"name": "stable-diffusion-v1-5", "base": "sd-1"},
        "width": 64,
        "height": 64,
    }
    return save_png_with_text(path, {"invokeai_metadata": json.dumps(metadata)}, seed)
