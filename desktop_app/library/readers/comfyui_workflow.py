"""ComfyUI's `workflow` UI graph turned into the `prompt` API shape the reader walks.

Owns resolving a UI graph's links to `[node, slot]` inputs, dropping muted and bypassed nodes,
and naming widget values (a table of common nodes, the widget names newer frontends list among
the inputs, or, for an unknown node, a lone string as its text and a model file name as its
model). Bounded: at most `MAX_NODES` nodes and four links per node; graphs are untrusted.
"""

from __future__ import annotations

import re
from typing import Any

from desktop_app.library.readers import safejson

Graph = dict[str, dict[str, Any]]  # node id -> {"class_type": str, "inputs": {name: value}}

MAX_NODES = 5000

# Widget names of common nodes, in `widgets_values` order (UI graphs carry values, not names).
_WIDGETS: dict[str, tuple[str, ...]] = {
    "CLIPTextEncode": ("text",),
    "CLIPTextEncodeSDXL": (
        "width",
        "height",
        "crop_w",
        "crop_h",
        "target_width",
        "target_height",
        "text_g",
        "text_l",
    ),
    "CLIPTextEncodeSDXLRefiner": ("ascore", "width", "height", "text"),
    "CLIPTextEncodeFlux": ("clip_l", "t5xxl", "guidance"),
    "CheckpointLoaderSimple": ("ckpt_name",),
    "CheckpointLoader": ("config_name", "ckpt_name"),
    "UNETLoader": ("unet_name", "weight_dtype"),
    "UnetLoaderGGUF": ("unet_name",),
    "KSampler": (
        "seed",
        "control_after_generate",
        "steps",
        "cfg",
        "sampler_name",
        "scheduler",
        "denoise",
    ),
    "KSamplerAdvanced": (
        "add_noise",
        "noise_seed",
        "control_after_generate",
        "steps",
        "cfg",
        "sampler_name",
        "scheduler",
        "start_at_step",
        "end_at_step",
        "return_with_leftover_noise",
    ),
    "PrimitiveNode": ("value",),
    "PrimitiveString": ("value",),
    "PrimitiveStringMultiline": ("value",),
    "FluxGuidance": ("guidance",),
}


def workflow_to_api(workflow: dict[str, Any]) -> Graph:
    """The API shape of a UI graph: links resolved to [node, slot], widget values named."""
    links: dict[str, tuple[str, int]] = {}
    for link in _as_list(workflow.get("links"))[: MAX_NODES * 4]:
        if isinstance(link, list) and len(link) >= 5:
            links[str(link[0])] = (str(link[1]), _as_int(link[2]))
        elif isinstance(link, dict) and "id" in link:
            links[str(link["id"])] = (str(link.get("origin_id")), _as_int(link.get("origin_slot")))
    graph: Graph = {}
    for node in _as_list(workflow.get("nodes"))[:MAX_NODES]:
        if not isinstance(node, dict) or "id" not in node:
            continue
        if node.get("mode") in (2, 4):  # muted or bypassed: not part of the run
            continue
        kind = safejson.text_of(node.get("type"))
        inputs: dict[str, Any] = _named_widgets(kind, node)
        for entry in _as_list(node.get("inputs")):
            if not isinstance(entry, dict):
                continue
            name = safejson.text_of(entry.get("name")) or "input"  # a Reroute's input is ""
            link = links.get(str(entry.get("link")))
            if link is not None:
                inputs[name] = [link[0], link[1]]
        graph[str(node["id"])] = {"class_type": kind, "inputs": inputs}
    return graph


def _named_widgets(kind: str, node: dict[str, Any]) -> dict[str, Any]:
    values = node.get("widgets_values")
    if isinstance(values, dict):
        return {str(k): v for k, v in list(values.items())[:200]}
    if not isinstance(values, list):
        return {}
    names = _WIDGETS.get(kind)
    if names is None:
        # Newer frontends list every widget among the inputs, in order.
        names = tuple(
            safejson.text_of(entry.get("widget", {}).get("name"))
            for entry in _as_list(node.get("inputs"))
            if isinstance(entry, dict) and isinstance(entry.get("widget"), dict)
        )
    named: dict[str, Any] = {}
    if names and len(names) >= len([v for v in values if not isinstance(v, dict | list)]) - 1:
        named.update(zip(names, values, strict=False))
        return named
    # Unknown node: a lone long string is its text; a model file name is its model.
    strings = [v for v in values[:50] if isinstance(v, str)]
    for value in strings:
        if re.search(r"\.(safetensors|ckpt|gguf|pt|pth|bin)$", value, re.I):
            named.setdefault("ckpt_name" if "loader" in kind.lower() else "file", value)
        elif value.strip():
            named.setdefault("text", value)
    return named


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _as_int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
