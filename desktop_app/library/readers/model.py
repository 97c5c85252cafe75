"""The plain data the readers hand out: raw blocks, the parsed image info and generator names.

Owns `RawBlock`, `ImageInfo`, the stable generator ids with their display names, and `Found`, the
partial result one tool reader returns before the dispatcher adds size and blocks. No parsing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Stable ids (stored in the index, never translated) -> names for people.
GENERATOR_NAMES: dict[str, str] = {
    "nscale-studio": "Nscale Image Studio",
    "a1111": "AUTOMATIC1111 Web UI",
    "forge": "Stable Diffusion WebUI Forge",
    "reforge": "reForge",
    "sdnext": "SD.Next",
    "civitai": "Civitai generator",
    "tensorart": "TensorArt",
    "comfyui": "ComfyUI",
    "invokeai": "InvokeAI",
    "novelai": "NovelAI",
    "fooocus": "Fooocus",
    "ruinedfooocus": "RuinedFooocus",
    "swarmui": "SwarmUI",
    "easydiffusion": "Easy Diffusion",
    "drawthings": "Draw Things",
    "midjourney": "Midjourney",
    "gradio": "Gradio / Hugging Face Space",
    "unknown": "Unknown",
}
UNKNOWN = "unknown"


@dataclass(frozen=True)
class RawBlock:
    """One metadata block as found in the file: its name and its decoded text, unformatted."""

    name: str  # "parameters", "prompt", "workflow", "EXIF UserComment", "XMP", "Comment", ...
    text: str


@dataclass(frozen=True)
class ImageInfo:
    """What an image says about how it was made; empty strings where it says nothing."""

    prompt: str  # positive prompt; never raw JSON
    negative_prompt: str
    model: str
    width: int
    height: int
    generator: str  # a GENERATOR_NAMES key
    format: str  # "PNG", "JPEG", "WEBP" (or Pillow's name for anything else)
    settings: dict[str, str]  # steps, sampler, seed, cfg... as found, values as text
    blocks: tuple[RawBlock, ...]

    @property
    def generator_name(self) -> str:
        return GENERATOR_NAMES.get(self.generator, self.generator)


@dataclass
class Found:
    """What one tool reader recovered; the dispatcher completes it into an `ImageInfo`."""

    generator: str
    prompt: str = ""
    negative_prompt: str = ""
    model: str = ""
    settings: dict[str, str] = field(default_factory=dict)
