"""AUTOMATIC1111's `parameters` text and the forks that write it (Forge, reForge, SD.Next,
Civitai's generator, TensorArt): prompt, `Negative prompt:` and the `Key: value, ...` settings line.

Owns `parse_parameters` (the text format itself) and `read` (where the text is found: the PNG
`parameters` chunk, EXIF UserComment in JPEG/WebP, a JPEG comment, and which fork wrote it).
"""

from __future__ import annotations

import re

from desktop_app.library.readers import safejson
from desktop_app.library.readers.model import Found
from desktop_app.library.readers.sources import Sources

_NEGATIVE = "Negative prompt:"
_KEY = re.compile(r"\s*([A-Za-z][\w \-/().]{0,60}):\s*")
_SETTINGS_START = re.compile(r"^\s*(Steps|Size|Seed|Sampler|Model|CFG scale|Version):\s")
_CLOSERS = {"[": "]", "{": "}"}
_FORGE_VERSION = re.compile(r"^f\d")
# TensorArt's model store names every model and LoRA like this; nothing else does.
TENSORART_MODEL = re.compile(r"\bEMS-\d+(?:-FP8)?-EMS\b")


def parse_settings_line(line: str) -> dict[str, str]:
    """`Steps: 20, Sampler: Euler a, Lora hashes: "a: 1, b: 2", Civitai resources: [...]`."""
    settings: dict[str, str] = {}
    pos = 0
    while pos < len(line) and len(settings) < 500:
        match = _KEY.match(line, pos)
        if match is None:
            # Not a key: skip to the next comma (tolerates stray text).
            comma = line.find(",", pos)
            if comma < 0:
                break
            pos = comma + 1
            continue
        key = match.group(1).strip()
        pos = match.end()
        value, pos = _value_at(line, pos)
        settings[key] = value.strip()
        while pos < len(line) and line[pos] in ", ":
            pos += 1
    return settings


def _value_at(line: str, pos: int) -> tuple[str, int]:
    if pos < len(line) and line[pos] == '"':
        end = pos + 1
        while end < len(line) and line[end] != '"':
            end += 2 if line[end] == "\\" else 1
        return line[pos + 1 : end].replace('\\"', '"'), end + 1
    if pos < len(line) and line[pos] in _CLOSERS:
        end = _balanced_end(line, pos)
        if end > 0:
            return line[pos : end + 1], end + 1
    comma = line.find(",", pos)
    comma = len(line) if comma < 0 else comma
    return line[pos:comma], comma


def _balanced_end(line: str, pos: int) -> int:
    """Index of the bracket closing the one at `pos` (JSON strings respected), or -1."""
    depth = 0
    in_string = False
    index = pos
    while index < len(line):
        char = line[index]
        if in_string:
            if char == "\\":
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


_KNOWN_KEYS = frozenset(
    {"Steps", "Sampler", "Seed", "CFG scale", "Size", "Model", "Model hash", "Schedule type"}
)


def _is_settings_line(line: str) -> bool:
    if _SETTINGS_START.match(line):
        return True
    settings = parse_settings_line(line)
    return len(settings) >= 3 and not _KNOWN_KEYS.isdisjoint(settings)


def split_parameters(text: str) -> tuple[str, str, dict[str, str]]:
    """(prompt, negative prompt, settings) of an A1111 `parameters` text."""
    lines = text.strip().replace("\r\n", "\n").split("\n")
    settings: dict[str, str] = {}
    # The settings line is the last one, except that extensions (Dynamic Prompts' `Template:`)
    # append lines after a `Steps: ...` line.
    index = next(
        (
            i
            for i in range(len(lines) - 1, max(-1, len(lines) - 12), -1)
            if lines[i].startswith("Steps: ")
        ),
        -1,
    )
    if index < 0 and lines and _is_settings_line(lines[-1]):
        index = len(lines) - 1
    if index >= 0:
        settings = parse_settings_line(lines[index])
        for extra in lines[index + 1 :]:
            key, separator, value = extra.partition(":")
            if separator and key.strip():
                settings.setdefault(key.strip(), value.strip())
        lines = lines[:index]
    prompt_lines: list[str] = []
    negative_lines: list[str] = []
    target = prompt_lines
    for line in lines:
        if target is prompt_lines and line.startswith(_NEGATIVE):
            target = negative_lines
            line = line[len(_NEGATIVE) :]
        target.append(line)
    return "\n".join(prompt_lines).strip(), "\n".join(negative_lines).strip(), settings


def parse_parameters(text: str) -> tuple[str, dict[str, str]]:
    """The positive prompt and the settings line (the older two-value form)."""
    prompt, _negative, settings = split_parameters(text)
    return prompt, settings


def looks_like_parameters(text: str) -> bool:
    """True for A1111-style text: a settings line, or at least a `Negative prompt:` line."""
    stripped = text.strip()
    if not stripped or stripped.startswith("<") or safejson.is_json_text(stripped):
        return False
    lines = stripped.split("\n")
    return _is_settings_line(lines[-1]) or any(line.startswith(_NEGATIVE) for line in lines)


def model_from_settings(settings: dict[str, str]) -> str:
    model = settings.get("Model", "")
    if model:
        return model
    resources = safejson.loads(settings.get("Civitai resources", ""))
    if isinstance(resources, list):
        for resource in resources[:100]:
            if isinstance(resource, dict) and str(resource.get("type", "")).lower() in (
                "checkpoint",
                "model",
            ):
                return safejson.first_text(resource, "modelName", "modelVersionName", "name")
    return ""


def fork_of(text: str, settings: dict[str, str]) -> str:
    """Which A1111-family tool wrote these settings."""
    version = settings.get("Version", "")
    lowered = text.lower()
    if "Civitai resources" in settings or "Civitai metadata" in settings:
        return "civitai"
    if TENSORART_MODEL.search(text) or "tensor.art" in lowered:
        return "tensorart"
    if settings.get("App", "").lower() == "sd.next" or (
        "Backend" in settings and "Pipeline" in settings
    ):
        return "sdnext"
    if "fooocus" in version.lower():
        return "ruinedfooocus" if "ruined" in version.lower() else "fooocus"  # A1111 scheme
    if "reforge" in version.lower():
        return "reforge"
    if _FORGE_VERSION.match(version) or "forge" in version.lower():
        return "forge"
    return "a1111"


def from_text(text: str) -> Found:
    prompt, negative, settings = split_parameters(text)
    return Found(fork_of(text, settings), prompt, negative, model_from_settings(settings), settings)


def read(sources: Sources) -> Found | None:
    for name in ("parameters", "EXIF UserComment", "Comment", "EXIF ImageDescription"):
        text = sources.text(name)
        if text and (name == "parameters" or looks_like_parameters(text)):
            if safejson.is_json_text(text):
                continue  # JSON belongs to another reader (Fooocus, SwarmUI, Gradio...)
            return from_text(text)
    return None
