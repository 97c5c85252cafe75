"""Every tool's metadata format, in every container the tool writes, read back by the readers.

Each case builds its file from the format description (tests/readers_fixtures.py) and asserts
prompt, negative prompt, model, size and tool. The ComfyUI graph walk, EXIF byte orders, stealth
info and hostile input have their own test files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from desktop_app.library.readers import GENERATOR_NAMES, read_image_info_bytes
from tests import readers_fixtures as fx

A1111_TEXT = (
    "masterpiece, a castle on a hill, (sunset:1.2)\nsecond line of the prompt\n"
    "Negative prompt: blurry, lowres\nmore negative\n"
    "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234, Size: 64x48, "
    'Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Lora hashes: "detail: 1a2b, x: 3c4d", '
    "Version: v1.10.1"
)
A1111_PROMPT = "masterpiece, a castle on a hill, (sunset:1.2)\nsecond line of the prompt"
A1111_NEGATIVE = "blurry, lowres\nmore negative"


@dataclass(frozen=True)
class Case:
    build: Callable[[], bytes]
    prompt: str
    negative: str
    model: str
    generator: str
    format: str = "PNG"


def _a1111_with(settings_tail: str) -> str:
    return A1111_TEXT.replace("Version: v1.10.1", settings_tail)


CIVITAI_RESOURCES = json.dumps(
    [
        {"type": "checkpoint", "modelName": "Pony Diffusion V6 XL", "modelVersionName": "V6"},
        {"type": "lora", "modelName": "Detail Tweaker", "weight": 0.8},
    ]
)
CIVITAI_TEXT = (
    "a fox in the snow\nNegative prompt: text, watermark\n"
    "Steps: 25, CFG scale: 5, Sampler: Euler a, Seed: 99, Clip skip: 2, "
    f"Civitai resources: {CIVITAI_RESOURCES}, Civitai metadata: {{}}"
)
COMFY_GRAPH = {
    "4": {
        "class_type": "CheckpointLoaderSimple",
        "inputs": {"ckpt_name": "juggernaut.safetensors"},
    },
    "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "ugly", "clip": ["4", 1]}},
    "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "a red barn", "clip": ["4", 1]}},
    "3": {
        "class_type": "KSampler",
        "inputs": {"model": ["4", 0], "positive": ["7", 0], "negative": ["6", 0], "seed": 5},
    },
    "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0]}},
    "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0]}},
}
NOVELAI_COMMENT = {
    "prompt": "1girl, silver hair, night sky",
    "steps": 28,
    "height": 48,
    "width": 64,
    "scale": 5.0,
    "seed": 424242,
    "sampler": "k_euler_ancestral",
    "noise_schedule": "karras",
    "uc": "lowres, bad anatomy",
    "v4_prompt": {
        "caption": {
            "base_caption": "1girl, silver hair, night sky",
            "char_captions": [{"char_caption": "girl, smiling", "centers": [{"x": 0.5}]}],
        }
    },
    "v4_negative_prompt": {"caption": {"base_caption": "lowres, bad anatomy"}},
}
NOVELAI_CHUNKS = {
    "Title": "NovelAI generated image",
    "Description": "1girl, silver hair, night sky",
    "Software": "NovelAI",
    "Source": "NovelAI Diffusion V4 4F49EC75",
    "Generation time": "3.1",
    "Comment": json.dumps(NOVELAI_COMMENT),
}
NOVELAI_V4_ONLY = {  # newer exports: the prompt only in the v4 captions
    **NOVELAI_COMMENT,
    "prompt": None,
    "uc": None,
}
SWARM_JSON = json.dumps(
    {
        "sui_image_params": {
            "prompt": "a cozy cabin, 雪",
            "negativeprompt": "people",
            "model": "OfficialStableDiffusion/sd_xl_base_1.0",
            "seed": 7,
            "steps": 30,
            "cfgscale": 6.5,
            "width": 64,
            "height": 48,
            "swarm_version": "0.9.4",
        },
        "sui_extra_data": {"date": "2025-01-01", "generation_time": "1.2 sec"},
    }
)
FOOOCUS_JSON = json.dumps(
    {
        "adm_guidance": "(1.5, 0.8, 0.3)",
        "base_model": "juggernautXL_v8Rundiffusion",
        "base_model_hash": "aeb7e9e689",
        "full_negative_prompt": ["(worst quality:1.2)", "unrealistic"],
        "full_prompt": ["a dragon over a lake", "cinematic, highly detailed"],
        "guidance_scale": 4,
        "negative_prompt": "unrealistic",
        "performance": "Speed",
        "prompt": "a dragon over a lake",
        "resolution": "(64, 48)",
        "sampler": "dpmpp_2m_sde_gpu",
        "scheduler": "karras",
        "seed": "12345",
        "steps": 30,
        "styles": "['Fooocus V2']",
        "version": "Fooocus v2.5.5",
    }
)
FOOOCUS_OLD_JSON = json.dumps(
    {
        "Prompt": "a dragon over a lake",
        "Negative Prompt": "unrealistic",
        "Base Model": "juggernautXL_v8Rundiffusion.safetensors",
        "Sampler": "dpmpp_2m_sde_gpu",
        "Seed": 12345,
        "Version": "v2.1.865",
    }
)
RUINED_JSON = json.dumps(
    {
        "Prompt": "a neon city",
        "Negative": "blur",
        "steps": 30,
        "cfg": 7.0,
        "width": 64,
        "height": 48,
        "seed": 1,
        "sampler_name": "dpmpp_2m",
        "scheduler": "karras",
        "base_model_name": "sd_xl_base_1.0_0.9vae.safetensors",
        "loras": [],
        "start_step": 0,
        "denoise": None,
        "software": "RuinedFooocus",
    }
)
INVOKE_V3 = json.dumps(
    {
        "generation_mode": "txt2img",
        "positive_prompt": "an astronaut riding a horse",
        "negative_prompt": "cartoon",
        "width": 64,
        "height": 48,
        "seed": 3,
        "steps": 30,
        "cfg_scale": 7.5,
        "scheduler": "euler",
        "model": {"key": "abc", "name": "stable-diffusion-v1-5", "base": "sd-1", "type": "main"},
        "app_version": "4.2.0",
    }
)
INVOKE_GRAPH = json.dumps(
    {
        "id": "graph",
        "nodes": {
            "main_model_loader": {
                "type": "main_model_loader",
                "id": "main_model_loader",
                "model": {"model_name": "dreamshaper-8", "base_model": "sd-1"},
            },
            "neg": {"type": "compel", "id": "neg", "prompt": "ugly, blurry"},
            "pos": {"type": "compel", "id": "pos", "prompt": "a lighthouse at dawn"},
            "denoise": {"type": "denoise_latents", "id": "denoise", "steps": 30},
        },
        "edges": [
            {
                "source": {"node_id": "neg", "field": "conditioning"},
                "destination": {"node_id": "denoise", "field": "negative_conditioning"},
            },
            {
                "source": {"node_id": "pos", "field": "conditioning"},
                "destination": {"node_id": "denoise", "field": "positive_conditioning"},
            },
        ],
    }
)
INVOKE_V2 = json.dumps(
    {
        "model": "stable diffusion",
        "model_weights": "stable-diffusion-1.5",
        "model_hash": "cc6cb27103417325ff94f52b7a5d2dde45a7515b25c255d8e396c90014281516",
        "app_id": "invoke-ai/InvokeAI",
        "app_version": "2.2.4",
        "image": {
            "prompt": [{"prompt": "a fantasy forest [dark, gloomy]", "weight": 1.0}],
            "steps": 50,
            "cfg_scale": 7.5,
            "height": 48,
            "width": 64,
            "seed": 42,
            "sampler": "k_lms",
            "type": "txt2img",
        },
    }
)
ED_CHUNKS = {
    "prompt": "a watercolor fox",
    "negative_prompt": "photo",
    "seed": "30000",
    "use_stable_diffusion_model": "sd-v1-4",
    "num_inference_steps": "25",
    "guidance_scale": "7.5",
    "sampler_name": "euler_a",
    "width": "64",
    "height": "48",
}
DRAW_THINGS_JSON = json.dumps(
    {
        "c": "a koi pond, ukiyo-e",
        "uc": "modern",
        "model": "flux_1_schnell_q5p.ckpt",
        "sampler": "Euler A Trailing",
        "seed": 1918,
        "steps": 4,
        "scale": 1,
        "size": "64x48",
    }
)
MIDJOURNEY_DESCRIPTION = (
    "a cyberpunk street at night, rain --ar 4:3 --v 6.1 --stylize 250 "
    "Job ID: 1c5b4fc4-58bd-4b9e-9c11-2a7e9f1b7c3d"
)
GRADIO_JSON = json.dumps(
    {
        "prompt": "a bowl of ramen",
        "negative_prompt": "blurry",
        "model": "stabilityai/sdxl-turbo",
        "seed": 0,
        "guidance_scale": 0,
    }
)


def _exif_comment(text: str, *, big_endian: bool, exif_order_big: bool | None = None) -> bytes:
    return fx.exif(
        big_endian=big_endian if exif_order_big is None else exif_order_big,
        user_comment=fx.user_comment_utf16(text, big_endian=big_endian),
    )


CASES: dict[str, Case] = {
    # A1111 and its forks
    "a1111-png": Case(
        lambda: fx.png({"parameters": A1111_TEXT}),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "a1111",
    ),
    "a1111-png-compressed-itxt": Case(
        lambda: fx.png({"parameters": A1111_TEXT + " ✓"}, compressed=True),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "a1111",
    ),
    "a1111-jpeg-exif-big-endian": Case(
        lambda: fx.jpeg(exif_bytes=_exif_comment(A1111_TEXT, big_endian=True)),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "a1111",
        "JPEG",
    ),
    "a1111-webp-exif-little-endian": Case(
        lambda: fx.webp(exif_bytes=_exif_comment(A1111_TEXT, big_endian=False)),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "a1111",
        "WEBP",
    ),
    "a1111-jpeg-comment": Case(
        lambda: fx.jpeg(comment=A1111_TEXT),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "a1111",
        "JPEG",
    ),
    "a1111-png-exif-chunk": Case(
        lambda: fx.png_with_exif(_exif_comment(A1111_TEXT, big_endian=True)),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "a1111",
    ),
    "forge-png": Case(
        lambda: fx.png({"parameters": _a1111_with("Version: f2.0.1v1.10.1-previous-313-g0d4a3e2")}),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "forge",
    ),
    "reforge-png": Case(
        lambda: fx.png({"parameters": _a1111_with("Version: reForge v1.10.1-RC")}),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "reforge",
    ),
    "sdnext-png": Case(
        lambda: fx.png(
            {"parameters": _a1111_with("Backend: Diffusers, Pipeline: StableDiffusionXLPipeline")}
        ),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "sdnext",
    ),
    "civitai-jpeg": Case(
        lambda: fx.jpeg(exif_bytes=_exif_comment(CIVITAI_TEXT, big_endian=False)),
        "a fox in the snow",
        "text, watermark",
        "Pony Diffusion V6 XL",
        "civitai",
        "JPEG",
    ),
    "tensorart-png": Case(
        lambda: fx.png(
            {"parameters": A1111_TEXT.replace("Model: sd_xl_base_1.0", "Model: EMS-1045417-EMS")}
        ),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "EMS-1045417-EMS",
        "tensorart",
    ),
    "sdnext-app-png": Case(
        lambda: fx.png({"parameters": _a1111_with("App: SD.Next, Version: 2f1d3b4")}),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "sdnext",
    ),
    "tensorart-comfyui-png": Case(
        lambda: fx.png(
            {
                "prompt": json.dumps(
                    {
                        **COMFY_GRAPH,
                        "4": {
                            "class_type": "ECHOCheckpointLoaderSimple",
                            "inputs": {"ckpt_name": "EMS-838355-EMS.safetensors"},
                        },
                    }
                )
            }
        ),
        "a red barn",
        "ugly",
        "EMS-838355-EMS.safetensors",
        "tensorart",
    ),
    # ComfyUI
    "comfyui-png": Case(
        lambda: fx.png({"prompt": json.dumps(COMFY_GRAPH), "workflow": "{}"}),
        "a red barn",
        "ugly",
        "juggernaut.safetensors",
        "comfyui",
    ),
    "comfyui-webp-exif": Case(
        lambda: fx.webp(
            exif_bytes=fx.exif(
                ascii_tags={
                    fx.TAG_MODEL: "prompt:" + json.dumps(COMFY_GRAPH),
                    fx.TAG_MAKE: "workflow:" + json.dumps({"nodes": [], "links": []}),
                }
            )
        ),
        "a red barn",
        "ugly",
        "juggernaut.safetensors",
        "comfyui",
        "WEBP",
    ),
    "comfyui-image-saver-webp": Case(
        lambda: fx.webp(
            exif_bytes=fx.exif(
                ascii_tags={fx.TAG_IMAGE_DESCRIPTION: "Prompt:" + json.dumps(COMFY_GRAPH)},
                user_comment=fx.user_comment_utf16(A1111_TEXT, big_endian=False),
            )
        ),
        "a red barn",
        "ugly",
        "juggernaut.safetensors",
        "comfyui",
        "WEBP",
    ),
    # InvokeAI, every generation
    "invokeai-v3": Case(
        lambda: fx.png({"invokeai_metadata": INVOKE_V3, "invokeai_graph": INVOKE_GRAPH}),
        "an astronaut riding a horse",
        "cartoon",
        "stable-diffusion-v1-5",
        "invokeai",
    ),
    "invokeai-graph-only": Case(
        lambda: fx.png({"invokeai_graph": INVOKE_GRAPH}),
        "a lighthouse at dawn",
        "ugly, blurry",
        "dreamshaper-8",
        "invokeai",
    ),
    "invokeai-v2-sd-metadata": Case(
        lambda: fx.png({"sd-metadata": INVOKE_V2, "Dream": '"x" -s 1'}),
        "a fantasy forest",
        "dark, gloomy",
        "stable-diffusion-1.5",
        "invokeai",
    ),
    "invokeai-v1-dream": Case(
        lambda: fx.png(
            {"Dream": '"a cat on a mat [blurry]" -s 50 -S 42 -W 64 -H 48 -C 7.5 -A k_lms'}
        ),
        "a cat on a mat",
        "blurry",
        "",
        "invokeai",
    ),
    # NovelAI
    "novelai-png": Case(
        lambda: fx.png(NOVELAI_CHUNKS),
        "1girl, silver hair, night sky",
        "lowres, bad anatomy",
        "NovelAI Diffusion V4 4F49EC75",
        "novelai",
    ),
    "novelai-png-v4-captions-only": Case(
        lambda: fx.png(
            {**NOVELAI_CHUNKS, "Description": "", "Comment": json.dumps(NOVELAI_V4_ONLY)}
        ),
        "1girl, silver hair, night sky",
        "lowres, bad anatomy",
        "NovelAI Diffusion V4 4F49EC75",
        "novelai",
    ),
    "novelai-webp-exif": Case(
        lambda: fx.webp(
            exif_bytes=fx.exif(
                ascii_tags={fx.TAG_IMAGE_DESCRIPTION: NOVELAI_CHUNKS["Description"]},
                user_comment=b"UNICODE\x00" + json.dumps(NOVELAI_CHUNKS).encode("utf-16-le"),
            )
        ),
        "1girl, silver hair, night sky",
        "lowres, bad anatomy",
        "NovelAI Diffusion V4 4F49EC75",
        "novelai",
        "WEBP",
    ),
    "novelai-jpeg-exif-ascii": Case(
        lambda: fx.jpeg(
            exif_bytes=fx.exif(
                user_comment=b"ASCII\x00\x00\x00" + json.dumps(NOVELAI_CHUNKS).encode("utf-8")
            )
        ),
        "1girl, silver hair, night sky",
        "lowres, bad anatomy",
        "NovelAI Diffusion V4 4F49EC75",
        "novelai",
        "JPEG",
    ),
    "novelai-webp-xmp": Case(
        lambda: fx.webp(xmp_text=fx.xmp({}, user_comment=json.dumps(NOVELAI_CHUNKS))),
        "1girl, silver hair, night sky",
        "lowres, bad anatomy",
        "NovelAI Diffusion V4 4F49EC75",
        "novelai",
        "WEBP",
    ),
    "novelai-jpeg-xmp-comment-only": Case(
        lambda: fx.jpeg(xmp_text=fx.xmp({"dc:description": json.dumps(NOVELAI_COMMENT)})),
        "1girl, silver hair, night sky",
        "lowres, bad anatomy",
        "",
        "novelai",
        "JPEG",
    ),
    "novelai-png-stealth-alpha": Case(
        lambda: fx.png(
            {},
            image=fx.stealth_image(json.dumps(NOVELAI_CHUNKS), compressed=True, size=(200, 160)),
        ),
        "1girl, silver hair, night sky",
        "lowres, bad anatomy",
        "NovelAI Diffusion V4 4F49EC75",
        "novelai",
    ),
    # Fooocus
    "fooocus-png": Case(
        lambda: fx.png({"parameters": FOOOCUS_JSON, "fooocus_scheme": "fooocus"}),
        "a dragon over a lake",
        "unrealistic",
        "juggernautXL_v8Rundiffusion",
        "fooocus",
    ),
    "fooocus-jpeg-exif": Case(
        lambda: fx.jpeg(exif_bytes=_exif_comment(FOOOCUS_JSON, big_endian=False)),
        "a dragon over a lake",
        "unrealistic",
        "juggernautXL_v8Rundiffusion",
        "fooocus",
        "JPEG",
    ),
    "fooocus-a1111-scheme-png": Case(
        lambda: fx.png(
            {"parameters": _a1111_with("Version: Fooocus v2.5.5"), "fooocus_scheme": "a1111"}
        ),
        A1111_PROMPT,
        A1111_NEGATIVE,
        "sd_xl_base_1.0",
        "fooocus",
    ),
    "fooocus-old-png": Case(
        lambda: fx.png({"parameters": FOOOCUS_OLD_JSON}),
        "a dragon over a lake",
        "unrealistic",
        "juggernautXL_v8Rundiffusion.safetensors",
        "fooocus",
    ),
    "ruinedfooocus-png": Case(
        lambda: fx.png({"parameters": RUINED_JSON}),
        "a neon city",
        "blur",
        "sd_xl_base_1.0_0.9vae.safetensors",
        "ruinedfooocus",
    ),
    # SwarmUI
    "swarmui-png": Case(
        lambda: fx.png({"parameters": SWARM_JSON}),
        "a cozy cabin, 雪",
        "people",
        "OfficialStableDiffusion/sd_xl_base_1.0",
        "swarmui",
    ),
    "swarmui-jpeg-exif": Case(
        lambda: fx.jpeg(exif_bytes=_exif_comment(SWARM_JSON, big_endian=False)),
        "a cozy cabin, 雪",
        "people",
        "OfficialStableDiffusion/sd_xl_base_1.0",
        "swarmui",
        "JPEG",
    ),
    "swarmui-webp-exif-wrong-order": Case(
        lambda: fx.webp(
            exif_bytes=_exif_comment(SWARM_JSON, big_endian=True, exif_order_big=False)
        ),
        "a cozy cabin, 雪",
        "people",
        "OfficialStableDiffusion/sd_xl_base_1.0",
        "swarmui",
        "WEBP",
    ),
    # Others
    "easydiffusion-png": Case(
        lambda: fx.png(ED_CHUNKS),
        "a watercolor fox",
        "photo",
        "sd-v1-4",
        "easydiffusion",
    ),
    "easydiffusion-jpeg-json": Case(
        lambda: fx.jpeg(exif_bytes=_exif_comment(json.dumps(ED_CHUNKS), big_endian=False)),
        "a watercolor fox",
        "photo",
        "sd-v1-4",
        "easydiffusion",
        "JPEG",
    ),
    "drawthings-png": Case(
        lambda: fx.png(
            {
                "XML:com.adobe.xmp": fx.xmp(
                    {"dc:description": "a koi pond, ukiyo-e\nSteps: 4"},
                    creator_tool="Draw Things",
                    user_comment=DRAW_THINGS_JSON,
                )
            }
        ),
        "a koi pond, ukiyo-e",
        "modern",
        "flux_1_schnell_q5p.ckpt",
        "drawthings",
    ),
    "drawthings-jpeg": Case(
        lambda: fx.jpeg(
            xmp_text=fx.xmp({}, creator_tool="Draw Things", user_comment=DRAW_THINGS_JSON)
        ),
        "a koi pond, ukiyo-e",
        "modern",
        "flux_1_schnell_q5p.ckpt",
        "drawthings",
        "JPEG",
    ),
    "midjourney-png": Case(
        lambda: fx.png({"Author": "someone", "Description": MIDJOURNEY_DESCRIPTION}),
        "a cyberpunk street at night, rain",
        "",
        "Midjourney v6.1",
        "midjourney",
    ),
    "midjourney-jpeg-xmp": Case(
        lambda: fx.jpeg(xmp_text=fx.xmp({"dc:description": MIDJOURNEY_DESCRIPTION})),
        "a cyberpunk street at night, rain",
        "",
        "Midjourney v6.1",
        "midjourney",
        "JPEG",
    ),
    "midjourney-jpeg-iptc": Case(
        lambda: fx.with_iptc_caption(fx.jpeg(), MIDJOURNEY_DESCRIPTION),
        "a cyberpunk street at night, rain",
        "",
        "Midjourney v6.1",
        "midjourney",
        "JPEG",
    ),
    "midjourney-webp-xmp": Case(
        lambda: fx.webp(xmp_text=fx.xmp({"dc:description": MIDJOURNEY_DESCRIPTION})),
        "a cyberpunk street at night, rain",
        "",
        "Midjourney v6.1",
        "midjourney",
        "WEBP",
    ),
    "gradio-png": Case(
        lambda: fx.png({"parameters": GRADIO_JSON}),
        "a bowl of ramen",
        "blurry",
        "stabilityai/sdxl-turbo",
        "gradio",
    ),
    "unknown-json-chunk": Case(
        lambda: fx.png(
            {
                "generation_data": json.dumps(
                    {"input": {"positive": "a tiny robot", "negative": "rust"}}
                )
            }
        ),
        "a tiny robot",
        "rust",
        "",
        "unknown",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_reads_prompt_negative_model_size_and_tool(name: str) -> None:
    case = CASES[name]
    info = read_image_info_bytes(case.build())
    assert (info.prompt, info.negative_prompt, info.model, info.generator) == (
        case.prompt,
        case.negative,
        case.model,
        case.generator,
    )
    assert (info.width, info.height, info.format) == (*_size_of(name), case.format)
    assert info.generator in GENERATOR_NAMES
    assert info.blocks, "the raw blocks are kept for the info view"
    assert not info.prompt.lstrip().startswith(("{", "[")), "raw JSON is never the prompt"


def _size_of(name: str) -> tuple[int, int]:
    return (200, 160) if "stealth" in name else fx.SIZE


def test_unknown_blocks_are_kept_in_file_order_for_the_info_view() -> None:
    data = fx.png({"Software": "PaintTool", "parameters": A1111_TEXT, "my_tool.settings": "x=1"})
    info = read_image_info_bytes(data)
    assert [(b.name, b.text) for b in info.blocks] == [
        ("Software", "PaintTool"),
        ("parameters", A1111_TEXT),
        ("my_tool.settings", "x=1"),
    ]
    assert info.settings["Model hash"] == "31e35c80fc" and info.settings["Steps"] == "28"
    assert info.settings["Lora hashes"] == "detail: 1a2b, x: 3c4d"


def test_json_text_is_searched_never_stored_as_the_prompt() -> None:
    nested = json.dumps({"meta": {"Comment": json.dumps({"positive_prompt": "deep inside"})}})
    info = read_image_info_bytes(fx.png({"parameters": nested}))
    assert info.prompt == "deep inside"
    info = read_image_info_bytes(fx.png({"Description": json.dumps({"nothing": "here"})}))
    assert info.prompt == ""


def test_a1111_text_edge_cases() -> None:
    from desktop_app.library.readers.a1111 import split_parameters

    assert split_parameters("just a prompt") == ("just a prompt", "", {})
    # A last prompt line that merely has colons is not a settings line.
    assert split_parameters("a cat\nstyle: anime, mood: dark, light: soft")[0] == (
        "a cat\nstyle: anime, mood: dark, light: soft"
    )
    prompt, negative, settings = split_parameters(
        "a {red|blue} car\nNegative prompt: rust\nSteps: 20, Seed: 5\n"
        "Template: a {red|blue} car\nNegative Template: rust"
    )
    assert (prompt, negative) == ("a {red|blue} car", "rust")
    assert settings["Template"] == "a {red|blue} car" and settings["Seed"] == "5"
    assert split_parameters("Negative prompt: only negative\nSteps: 1")[:2] == ("", "only negative")
    _, _, settings = split_parameters('p\nSteps: 2, Hires prompt: "a, \\"b\\"", Size: 1x1')
    assert settings["Hires prompt"] == 'a, "b"' and settings["Size"] == "1x1"
