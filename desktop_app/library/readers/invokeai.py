"""InvokeAI, every generation of its format: `invokeai_metadata` (v3+), `invokeai_graph`, the v2
`sd-metadata` JSON and the v1 `Dream` command line.

Owns reading each of them. v1/v2 prompts carry the negative inline in square brackets
(`a cat [blurry, ugly]`); those become the negative prompt.
"""

from __future__ import annotations

import re
from typing import Any

from desktop_app.library.readers import safejson
from desktop_app.library.readers.model import Found
from desktop_app.library.readers.sources import Sources

_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
_DREAM = re.compile(
    r'^\s*"(?P<prompt>.*)"\s*(?P<flags>(?:\s-[A-Za-z]\S*(?:\s+[^-\s]\S*)?)*)\s*$', re.S
)
_DREAM_FLAGS = {
    "-s": "Steps",
    "-S": "Seed",
    "-W": "Width",
    "-H": "Height",
    "-C": "CFG scale",
    "-A": "Sampler",
    "-m": "Model",
    "-f": "Strength",
    "-G": "Face restoration",
    "-U": "Upscale",
}
_SETTINGS_V3 = {
    "seed": "Seed",
    "steps": "Steps",
    "cfg_scale": "CFG scale",
    "scheduler": "Scheduler",
    "generation_mode": "Mode",
    "app_version": "Version",
    "strength": "Strength",
    "guidance": "Guidance",
}


def split_brackets(prompt: str) -> tuple[str, str]:
    """InvokeAI v1/v2: `[...]` groups are the negative prompt."""
    negative = ", ".join(part.strip() for part in _BRACKETED.findall(prompt) if part.strip())
    positive = re.sub(r"\s{2,}", " ", _BRACKETED.sub("", prompt)).strip(" ,")
    return positive, negative


def _model_name(value: Any) -> str:
    if isinstance(value, dict):
        return safejson.first_text(value, "name", "model_name", "key")
    return safejson.text_of(value)


def read_v3(data: dict[str, Any]) -> Found:
    settings = {
        label: text
        for key, label in _SETTINGS_V3.items()
        if (text := safejson.text_of(data.get(key)))
    }
    return Found(
        "invokeai",
        safejson.text_of(data.get("positive_prompt")),
        safejson.text_of(data.get("negative_prompt")),
        _model_name(data.get("model")),
        settings,
    )


def read_graph(data: dict[str, Any]) -> Found:
    """An `invokeai_graph`: follow edges into the denoiser's positive/negative conditioning."""
    raw_nodes = data.get("nodes")
    if isinstance(raw_nodes, list):
        raw_nodes = {str(n.get("id")): n for n in raw_nodes[:5000] if isinstance(n, dict)}
    nodes: dict[str, dict[str, Any]] = (
        {str(k): v for k, v in list(raw_nodes.items())[:5000] if isinstance(v, dict)}
        if isinstance(raw_nodes, dict)
        else {}
    )
    sources_of: dict[tuple[str, str], str] = {}
    for edge in data.get("edges", [])[:20000] if isinstance(data.get("edges"), list) else []:
        if not isinstance(edge, dict):
            continue
        source, destination = edge.get("source"), edge.get("destination")
        if isinstance(source, dict) and isinstance(destination, dict):
            sources_of[(str(destination.get("node_id")), str(destination.get("field")))] = str(
                source.get("node_id")
            )

    def text_of_node(node_id: str, depth: int = 0) -> str:
        node = nodes.get(node_id)
        if node is None or depth > 32:
            return ""
        for field in ("prompt", "value", "string", "text"):
            text = safejson.text_of(node.get(field))
            if text:
                return text
            upstream = sources_of.get((node_id, field))
            if upstream is not None:
                text = text_of_node(upstream, depth + 1)
                if text:
                    return text
        for (target, field), upstream in list(sources_of.items())[:20000]:
            if target == node_id and "conditioning" in field:
                text = text_of_node(upstream, depth + 1)
                if text:
                    return text
        return ""

    prompt = negative = ""
    for (_target, field), source in sources_of.items():
        if field == "positive_conditioning" and not prompt:
            prompt = text_of_node(source)
        elif field == "negative_conditioning" and not negative:
            negative = text_of_node(source)
    model = ""
    for node in nodes.values():
        if "model_loader" in safejson.text_of(node.get("type")):
            model = _model_name(node.get("model"))
            if model:
                break
    return Found("invokeai", prompt, negative, model)


def read_v2(data: dict[str, Any]) -> Found:
    image = data.get("image")
    image = image if isinstance(image, dict) else {}
    raw_prompt = image.get("prompt")
    if isinstance(raw_prompt, list):
        parts = [part for part in raw_prompt[:100] if isinstance(part, dict)]
        raw_prompt = " ".join(safejson.text_of(part.get("prompt")) for part in parts)
    prompt, negative = split_brackets(safejson.text_of(raw_prompt))
    settings = safejson.scalar_settings(image, frozenset({"prompt"}))
    return Found(
        "invokeai", prompt, negative, safejson.first_text(data, "model_weights", "model"), settings
    )


def read_dream(text: str) -> Found | None:
    match = _DREAM.match(text)
    if match is None:
        return None
    prompt, negative = split_brackets(match.group("prompt"))
    settings: dict[str, str] = {}
    tokens = match.group("flags").split()
    for index, token in enumerate(tokens):
        label = _DREAM_FLAGS.get(token)
        if label and index + 1 < len(tokens) and not tokens[index + 1].startswith("-"):
            settings[label] = tokens[index + 1]
    return Found("invokeai", prompt, negative, settings.get("Model", ""), settings)


def read(sources: Sources) -> Found | None:
    data = safejson.loads_dict(sources.text("invokeai_metadata"))
    if data is not None:
        found = read_v3(data)
        if not found.prompt:
            graph = safejson.loads_dict(sources.text("invokeai_graph"))
            if graph is not None:
                found.prompt = read_graph(graph).prompt
        return found
    graph = safejson.loads_dict(sources.text("invokeai_graph"))
    if graph is not None:
        return read_graph(graph)
    data = safejson.loads_dict(sources.text("sd-metadata"))
    if data is not None:
        return read_v2(data)
    dream = sources.text("Dream")
    if dream:
        return read_dream(dream)
    return None
