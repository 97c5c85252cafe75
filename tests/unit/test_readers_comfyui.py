"""ComfyUI graphs: the positive prompt is what the sampler's `positive` input is wired to.

API graphs (the `prompt` chunk) with the routes real workflows take, UI graphs (`workflow`) read
from links and widget values, and the model from whichever loader feeds the sampler.
"""

from __future__ import annotations

import json
from typing import Any

from desktop_app.library.readers import ImageInfo, read_image_info_bytes
from tests import readers_fixtures as fx


def _read(graph: dict[str, Any] | None = None, workflow: dict[str, Any] | None = None) -> ImageInfo:
    chunks = {}
    if graph is not None:
        chunks["prompt"] = json.dumps(graph)
    if workflow is not None:
        chunks["workflow"] = json.dumps(workflow)
    return read_image_info_bytes(fx.png(chunks))


def _node(kind: str, **inputs: Any) -> dict[str, Any]:
    return {"class_type": kind, "inputs": inputs}


CKPT = _node("CheckpointLoaderSimple", ckpt_name="sdxl/juggernautXL_v9.safetensors")


def test_first_text_node_being_the_negative_does_not_make_it_the_prompt() -> None:
    # The positive goes through ControlNet and a conditioning combine: a reader that falls back
    # to "the first text node" returns the negative here.
    graph = {
        "1": _node("CLIPTextEncode", text="worst quality, watermark", clip=["4", 1]),
        "2": _node("CLIPTextEncode", text="a glass teapot on a table", clip=["4", 1]),
        "4": CKPT,
        "5": _node("ControlNetLoader", control_net_name="canny.safetensors"),
        "6": _node(
            "ControlNetApplyAdvanced",
            positive=["8", 0],
            negative=["1", 0],
            control_net=["5", 0],
            image=["9", 0],
            strength=0.8,
        ),
        "8": _node("ConditioningCombine", conditioning_1=["2", 0], conditioning_2=["2", 0]),
        "3": _node(
            "KSampler",
            model=["4", 0],
            positive=["6", 0],
            negative=["6", 1],
            seed=8,
            steps=30,
            cfg=6.0,
            sampler_name="dpmpp_2m",
            scheduler="karras",
        ),
        "10": _node("SaveImage", images=["11", 0]),
        "11": _node("VAEDecode", samples=["3", 0]),
    }
    info = _read(graph)
    assert info.prompt == "a glass teapot on a table"
    assert info.negative_prompt == "worst quality, watermark"
    assert info.model == "sdxl/juggernautXL_v9.safetensors"
    assert info.settings["Steps"] == "30" and info.settings["Sampler"] == "dpmpp_2m"


def test_text_comes_through_reroutes_and_a_primitive_string_node() -> None:
    graph = {
        "20": _node("PrimitiveString", value="a lantern in the fog"),
        "21": _node("Reroute", input=["20", 0]),
        "22": _node("CLIPTextEncode", text=["21", 0], clip=["4", 1]),
        "23": _node("Reroute", input=["22", 0]),
        "24": _node("CLIPTextEncode", text="", clip=["4", 1]),
        "4": CKPT,
        "3": _node("KSampler", model=["4", 0], positive=["23", 0], negative=["24", 0]),
    }
    info = _read(graph)
    assert info.prompt == "a lantern in the fog"
    assert info.negative_prompt == ""


def test_sampler_feeding_the_saved_image_wins_over_a_stray_one() -> None:
    graph = {
        "4": CKPT,
        "1": _node("CLIPTextEncode", text="unused experiment", clip=["4", 1]),
        "2": _node("CLIPTextEncode", text="the real prompt", clip=["4", 1]),
        "0": _node("KSampler", model=["4", 0], positive=["1", 0], negative=["1", 0]),
        "3": _node("KSampler", model=["4", 0], positive=["2", 0], negative=["1", 0]),
        "5": _node("VAEDecode", samples=["3", 0]),
        "6": _node("SaveImage", images=["5", 0]),
    }
    assert _read(graph).prompt == "the real prompt"


def test_sdxl_encoder_text_g_and_text_l_and_lora_chain_to_the_checkpoint() -> None:
    graph = {
        "4": CKPT,
        "5": _node("LoraLoader", model=["4", 0], clip=["4", 1], lora_name="detail.safetensors"),
        "1": _node(
            "CLIPTextEncodeSDXL",
            text_g="a fox, golden hour",
            text_l="a fox, golden hour",
            width=1024,
            height=1024,
            clip=["5", 1],
        ),
        "2": _node("CLIPTextEncodeSDXL", text_g="blurry", text_l="lowres", clip=["5", 1]),
        "3": _node(
            "KSamplerAdvanced", model=["5", 0], positive=["1", 0], negative=["2", 0], noise_seed=77
        ),
    }
    info = _read(graph)
    assert info.prompt == "a fox, golden hour"  # identical parts are not repeated
    assert info.negative_prompt == "blurry\nlowres"
    assert info.model == "sdxl/juggernautXL_v9.safetensors"
    assert info.settings["Seed"] == "77"


def test_flux_guider_graph_with_unet_loader() -> None:
    graph = {
        "10": _node("UNETLoader", unet_name="flux1-dev.safetensors", weight_dtype="fp8"),
        "11": _node("DualCLIPLoader", clip_name1="t5xxl.safetensors", clip_name2="clip_l"),
        "12": _node("ModelSamplingFlux", model=["10", 0], max_shift=1.15),
        "6": _node(
            "CLIPTextEncodeFlux",
            clip_l="a paper boat",
            t5xxl="a paper boat on a river",
            guidance=3.5,
            clip=["11", 0],
        ),
        "26": _node("FluxGuidance", conditioning=["6", 0], guidance=3.5),
        "22": _node("CFGGuider", model=["12", 0], positive=["26", 0], negative=["27", 0], cfg=1),
        "27": _node("ConditioningZeroOut", conditioning=["6", 0]),
        "25": _node("RandomNoise", noise_seed=1234),
        "13": _node("SamplerCustomAdvanced", noise=["25", 0], guider=["22", 0]),
        "8": _node("VAEDecode", samples=["13", 0]),
        "9": _node("SaveImage", images=["8", 0]),
    }
    info = _read(graph)
    assert info.prompt == "a paper boat on a river\na paper boat"
    assert info.negative_prompt == ""  # zeroed, not the positive again
    assert info.model == "flux1-dev.safetensors"
    assert info.generator == "comfyui"


def test_basic_guider_without_negative() -> None:
    graph = {
        "10": _node("UNETLoader", unet_name="flux1-schnell.safetensors"),
        "6": _node("CLIPTextEncode", text="a paper crane", clip=["11", 0]),
        "22": _node("BasicGuider", model=["10", 0], conditioning=["6", 0]),
        "13": _node("SamplerCustomAdvanced", guider=["22", 0]),
    }
    info = _read(graph)
    assert (info.prompt, info.negative_prompt, info.model) == (
        "a paper crane",
        "",
        "flux1-schnell.safetensors",
    )


def test_common_custom_nodes_rgthree_efficiency_impact_was() -> None:
    graph = {
        "1": _node(
            "Efficient Loader",
            ckpt_name="dreamshaper_8.safetensors",
            positive=["7", 0],
            negative="bad hands, extra fingers",
            vae_name="Baked VAE",
        ),
        "5": _node(
            "ImpactWildcardProcessor",
            wildcard_text="a __animal__ in a hat",
            populated_text="a cat in a hat",
            mode="fixed",
        ),
        "6": _node("Text Multiline", text="studio lighting"),
        "7": _node("Text Concatenate", text_a=["5", 0], text_b=["6", 0], delimiter=", "),
        "2": _node(
            "KSampler (Efficient)", model=["1", 0], positive=["1", 1], negative=["1", 2], seed=3
        ),
    }
    info = _read(graph)
    assert info.prompt == "a cat in a hat, studio lighting"
    assert info.negative_prompt == "bad hands, extra fingers"
    assert info.model == "dreamshaper_8.safetensors"

    rgthree = {
        "4": CKPT,
        "1": _node(
            "Power Prompt (rgthree)", prompt="a lighthouse, oil painting", opt_clip=["4", 1]
        ),
        "2": _node("Power Prompt - Simple (rgthree)", prompt="people", opt_clip=["4", 1]),
        "3": _node("KSampler", model=["4", 0], positive=["1", 0], negative=["2", 0]),
    }
    info = _read(rgthree)
    assert (info.prompt, info.negative_prompt) == ("a lighthouse, oil painting", "people")


def test_workflow_only_file_is_read_from_links_and_widget_values() -> None:
    workflow = {
        "last_node_id": 12,
        "links": [
            [1, 4, 0, 3, 0, "MODEL"],
            [4, 7, 0, 3, 2, "CONDITIONING"],  # negative encoder -> sampler.negative
            [5, 12, 0, 3, 1, "CONDITIONING"],  # reroute -> sampler.positive
            [6, 6, 0, 12, 0, "*"],  # positive encoder -> reroute
            [9, 10, 0, 6, 1, "STRING"],  # primitive -> positive encoder's text
        ],
        "nodes": [
            {
                "id": 7,
                "type": "CLIPTextEncode",
                "widgets_values": ["text, watermark"],
                "inputs": [{"name": "clip", "link": 3}],
            },
            {
                "id": 4,
                "type": "CheckpointLoaderSimple",
                "widgets_values": ["v1-5-pruned-emaonly.safetensors"],
            },
            {
                "id": 6,
                "type": "CLIPTextEncode",
                "widgets_values": ["stale widget text"],
                "inputs": [
                    {"name": "clip", "link": 2},
                    {"name": "text", "link": 9, "widget": {"name": "text"}},
                ],
            },
            {
                "id": 10,
                "type": "PrimitiveNode",
                "widgets_values": ["a snowy owl", "fixed"],
                "outputs": [{"name": "STRING", "links": [9], "widget": {"name": "text"}}],
            },
            {"id": 12, "type": "Reroute", "inputs": [{"name": "", "type": "*", "link": 6}]},
            {
                "id": 3,
                "type": "KSampler",
                "widgets_values": [156680208700286, "randomize", 20, 8, "euler", "normal", 1],
                "inputs": [
                    {"name": "model", "link": 1},
                    {"name": "positive", "link": 5},
                    {"name": "negative", "link": 4},
                    {"name": "latent_image", "link": 2},
                ],
            },
            {"id": 11, "type": "CLIPTextEncode", "mode": 4, "widgets_values": ["bypassed"]},
        ],
    }
    info = _read(workflow=workflow)
    assert info.prompt == "a snowy owl"
    assert info.negative_prompt == "text, watermark"
    assert info.model == "v1-5-pruned-emaonly.safetensors"
    assert info.settings["Steps"] == "20" and info.settings["Sampler"] == "euler"
    assert info.generator == "comfyui"
    assert {block.name for block in info.blocks} == {"workflow"}


def test_graph_with_a_cycle_and_wrong_types_gives_what_it_can() -> None:
    graph = {
        "1": _node("ConditioningCombine", conditioning_1=["2", 0], conditioning_2=[None, "x"]),
        "2": _node("ConditioningCombine", conditioning_1=["1", 0]),
        "3": _node("KSampler", model=["9", 0], positive=["1", 0], negative=["3", 0]),
        "4": {"class_type": 5, "inputs": []},
        "5": ["not", "a", "node"],
        "6": _node("CheckpointLoaderSimple", ckpt_name=["x", 0]),
    }
    info = _read(graph)
    assert (info.prompt, info.negative_prompt, info.model) == ("", "", "")
    assert info.generator == "comfyui"
