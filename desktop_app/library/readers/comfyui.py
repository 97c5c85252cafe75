"""ComfyUI: the `prompt` API graph and the `workflow` UI graph, in PNG chunks or EXIF tags.

Owns finding the positive and negative prompt the way the graph means them: start at a sampler (or
guider) that feeds an output, follow its `positive` / `negative` links back through reroutes,
conditioning and ControlNet nodes, custom prompt/string nodes (rgthree, Efficiency, Impact, WAS...)
to the text. Never "the first text node". A workflow-only file is first turned into the same API
shape from its links and widget values (`readers.comfyui_workflow`). All walks are bounded and
cycle-safe: graphs are untrusted.
"""

from __future__ import annotations

import re
from typing import Any

from desktop_app.library.readers import safejson
from desktop_app.library.readers.a1111 import TENSORART_MODEL
from desktop_app.library.readers.comfyui_workflow import MAX_NODES, Graph, workflow_to_api
from desktop_app.library.readers.model import Found
from desktop_app.library.readers.sources import Sources

MAX_DEPTH = 48
# Inputs that hold prompt text, best first; SDXL and Flux encoders have two.
_TEXT_KEYS = (
    "populated_text",  # Impact wildcard processor: the text after wildcards were filled in
    "text",
    "text_g",
    "text_l",
    "t5xxl",
    "clip_l",
    "prompt",
    "string",
    "value",
    "text_positive",
    "positive_prompt",
    "wildcard_text",
)
# Concatenation nodes (WAS Text Concatenate, StringConcatenate...): every part, in order.
_CONCAT_KEY = re.compile(r"^(text|string)_?([a-z]|\d{1,2})$")
_MULTI_ENCODER_KEYS = ("text_g", "text_l", "t5xxl", "clip_l")
_MODEL_KEYS = ("ckpt_name", "unet_name", "model_name", "base_ckpt_name", "model_path", "model")
_NOT_MAIN_MODELS = re.compile(
    r"upscale|lora|vae|clip|controlnet|ipadapter|samloader|yolo|detector|style", re.I
)
_SETTING_KEYS = {
    "seed": "Seed",
    "noise_seed": "Seed",
    "steps": "Steps",
    "cfg": "CFG scale",
    "sampler_name": "Sampler",
    "scheduler": "Scheduler",
    "denoise": "Denoising strength",
    "guidance": "Guidance",
}
_EXIF_PREFIX = re.compile(r"^\s*(prompt|workflow)\s*:\s*", re.I)

# --- finding the graphs ------------------------------------------------------------------------


def graphs(sources: Sources) -> tuple[Graph | None, dict[str, Any] | None]:
    """(API graph, UI workflow) from PNG chunks or `prompt:` / `workflow:` EXIF tags."""
    api = _api_graph(safejson.loads_dict(sources.text("prompt")))
    workflow = _ui_workflow(safejson.loads_dict(sources.text("workflow")))
    for block in sources.blocks:
        if not block.name.startswith("EXIF "):
            continue
        match = _EXIF_PREFIX.match(block.text)
        if match is None:
            continue
        value = safejson.loads_dict(block.text[match.end() :])
        if match.group(1).lower() == "prompt" and api is None:
            api = _api_graph(value)
        elif match.group(1).lower() == "workflow" and workflow is None:
            workflow = _ui_workflow(value)
    return api, workflow


def _api_graph(value: dict[str, Any] | None) -> Graph | None:
    if value is None:
        return None
    graph: Graph = {}
    for key, node in list(value.items())[:MAX_NODES]:
        if isinstance(node, dict) and isinstance(node.get("class_type"), str):
            inputs = node.get("inputs")
            graph[str(key)] = {
                "class_type": node["class_type"],
                "inputs": inputs if isinstance(inputs, dict) else {},
            }
    return graph or None


def _ui_workflow(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None or not isinstance(value.get("nodes"), list):
        return None
    return value


# --- reading a graph ---------------------------------------------------------------------------


def _is_link(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str | int)
        and not isinstance(value[0], bool)
        and isinstance(value[1], int)
    )


class _Walker:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.budget = 20_000  # node visits for one file, whatever the graph's shape

    def text(self, link: Any, role: str, depth: int = 0, seen: frozenset[str] = frozenset()) -> str:
        """The prompt text that `link` (a [node, slot] pair) carries for `role`."""
        if not _is_link(link) or depth > MAX_DEPTH or self.budget <= 0:
            return ""
        self.budget -= 1
        node_id = str(link[0])
        node = self.graph.get(node_id)
        if node is None or node_id in seen:
            return ""
        seen = seen | {node_id}
        inputs: dict[str, Any] = node["inputs"]
        if "zeroout" in node["class_type"].lower():
            return ""  # Flux's "no negative": it zeroes the positive's conditioning
        # Nodes with both inputs (Efficient Loader, ControlNet apply) pass each role through.
        for key in (role, f"{role}_prompt", f"text_{role}"):
            value = inputs.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
            if _is_link(value):
                found = self.text(value, role, depth + 1, seen)
                if found:
                    return found
        found = self._own_text(inputs, depth, seen)
        if found:
            return found
        # Pass-through nodes: conditioning combine/set-area, guidance, reroutes, switches.
        for key, value in inputs.items():
            if not _is_link(value) or key in ("clip", "model", "vae", "negative", "positive"):
                continue
            if any(part in key.lower() for part in ("cond", "input", "any", "text", "string")):
                found = self.text(value, role, depth + 1, seen)
                if found:
                    return found
        return ""

    def _own_text(self, inputs: dict[str, Any], depth: int, seen: frozenset[str]) -> str:
        present = [key for key in _MULTI_ENCODER_KEYS if key in inputs]
        if len(present) >= 2:
            parts: list[str] = []
            for key in present:
                part = self._value_text(inputs[key], depth, seen)
                if part and part not in parts:
                    parts.append(part)
            return "\n".join(parts)
        for key in _TEXT_KEYS:
            if key in inputs:
                found = self._value_text(inputs[key], depth, seen)
                if found:
                    return found
        concat = sorted(key for key in inputs if _CONCAT_KEY.match(key))
        if concat:
            delimiter = inputs.get("delimiter", inputs.get("separator", ", "))
            delimiter = delimiter.replace("\\n", "\n") if isinstance(delimiter, str) else ", "
            parts = [self._value_text(inputs[key], depth, seen) for key in concat[:26]]
            return delimiter.join(part for part in parts if part)
        return ""

    def _value_text(self, value: Any, depth: int, seen: frozenset[str]) -> str:
        if isinstance(value, str):
            return value.strip()
        if _is_link(value):
            return self.text(value, "text", depth + 1, seen)
        return ""

    def model(self, link: Any, depth: int = 0, seen: frozenset[str] = frozenset()) -> str:
        if not _is_link(link) or depth > MAX_DEPTH or self.budget <= 0:
            return ""
        self.budget -= 1
        node_id = str(link[0])
        node = self.graph.get(node_id)
        if node is None or node_id in seen:
            return ""
        inputs = node["inputs"]
        found = _model_name(node)
        if found:
            return found
        for key in ("model", "base_model", "unet", "ckpt", "input"):
            if key in inputs:
                found = self.model(inputs[key], depth + 1, seen | {node_id})
                if found:
                    return found
        return ""


def _model_name(node: dict[str, Any]) -> str:
    kind = node["class_type"]
    if _NOT_MAIN_MODELS.search(kind) and "checkpoint" not in kind.lower():
        return ""
    for key in _MODEL_KEYS:
        value = node["inputs"].get(key)
        if isinstance(value, dict):  # pysssss loaders: {"content": name, "image": ...}
            value = value.get("content")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _samplers(graph: Graph) -> list[str]:
    """Nodes taking a positive conditioning, those that feed an output first."""
    samplers = [
        key
        for key, node in graph.items()
        if _is_link(node["inputs"].get("positive"))
        or ("guider" in node["class_type"].lower() and _is_link(node["inputs"].get("conditioning")))
    ]
    upstream = _upstream_of_outputs(graph)

    def rank(key: str) -> tuple[bool, bool]:
        node = graph[key]
        # Real samplers denoise a model; ControlNet-apply and loader nodes only pass text on.
        kind = node["class_type"].lower()
        is_sampler = "model" in node["inputs"] or "sampler" in kind or "guider" in kind
        return key not in upstream, not is_sampler

    return sorted(samplers, key=rank)


def _upstream_of_outputs(graph: Graph) -> set[str]:
    outputs = [
        key
        for key, node in graph.items()
        if re.search(r"save|preview|output", node["class_type"], re.I)
    ]
    seen: set[str] = set()
    stack = list(outputs)
    while stack and len(seen) < MAX_NODES:
        key = stack.pop()
        if key in seen or key not in graph:
            continue
        seen.add(key)
        stack.extend(str(v[0]) for v in graph[key]["inputs"].values() if _is_link(v))
    return seen


def read_graph(graph: Graph) -> Found:
    walker = _Walker(graph)
    prompt = negative = model = ""
    settings: dict[str, str] = {}
    for key in _samplers(graph):
        inputs = graph[key]["inputs"]
        positive_link = inputs.get("positive", inputs.get("conditioning"))
        prompt = walker.text(positive_link, "positive")
        if not prompt:
            continue
        negative = walker.text(inputs.get("negative"), "negative")
        model = walker.model(inputs.get("model")) or walker.model(inputs.get("guider"))
        for name, label in _SETTING_KEYS.items():
            text = safejson.text_of(inputs.get(name))
            if text:
                settings[label] = text
        for name in ("noise", "sampler", "sigmas"):  # SamplerCustomAdvanced's parts
            part = graph.get(str(inputs[name][0])) if _is_link(inputs.get(name)) else None
            for sub_name, label in _SETTING_KEYS.items():
                text = safejson.text_of(part["inputs"].get(sub_name)) if part else ""
                if text:
                    settings.setdefault(label, text)
        break
    if not model:
        model = next((name for node in graph.values() if (name := _model_name(node))), "")
    return Found("comfyui", prompt, negative, model, settings)


def _is_tensorart(graph: Graph, model: str) -> bool:
    return bool(TENSORART_MODEL.search(model)) or any(
        node["class_type"] == "ECHOCheckpointLoaderSimple" for node in graph.values()
    )


def read(sources: Sources) -> Found | None:
    api, workflow = graphs(sources)
    if api is None and workflow is None:
        return None
    found = read_graph(api) if api is not None else Found("comfyui")
    if workflow is not None and not (found.prompt and found.model):
        from_ui = read_graph(workflow_to_api(workflow))
        found.prompt = found.prompt or from_ui.prompt
        found.negative_prompt = found.negative_prompt or from_ui.negative_prompt
        found.model = found.model or from_ui.model
        for key, value in from_ui.settings.items():
            found.settings.setdefault(key, value)
    if _is_tensorart(api or {}, found.model):
        found.generator = "tensorart"  # TensorArt runs ComfyUI graphs too
    return found
