"""The one entry point: read any image's metadata with every tool reader, best evidence first.

Owns the order the readers are tried in (our own files first, then tools whose blocks are
unambiguous, then the A1111 text convention, then generic JSON/XMP), filling gaps from later
readers, and completing the result into an `ImageInfo`. Catches nothing it did not expect to
see: every reader is written to never raise on hostile input, and the tests prove it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from desktop_app.library.readers import (
    a1111,
    comfyui,
    fooocus,
    invokeai,
    novelai,
    others,
    ours,
    safejson,
    swarmui,
)
from desktop_app.library.readers.model import UNKNOWN, Found, ImageInfo, RawBlock
from desktop_app.library.readers.sources import Sources, gather
from desktop_app.library.readers.stealth import read_stealth

Reader = Callable[[Sources], Found | None]
STEALTH_BLOCK = "Stealth PNG info"

# Most specific first: blocks only one tool writes, then A1111's text, then the generic guesses.
READERS: tuple[Reader, ...] = (
    invokeai.read,
    comfyui.read,
    swarmui.read,
    fooocus.read,
    novelai.read,
    others.read_easydiffusion,
    others.read_drawthings,
    others.read_midjourney,
    a1111.read,
    others.read_json,
    others.read_named_text,
    others.read_xmp_description,
)


def read_image_info(path: Path) -> ImageInfo:
    """Everything `path` says about how it was made; raises OSError when it is not an image
    (or not a regular file: a FIFO or a link to /dev/zero is never read)."""
    from desktop_app.library.files import read_image_file

    return read_image_info_bytes(read_image_file(path))


def read_image_info_bytes(data: bytes) -> ImageInfo:
    """As `read_image_info`, for bytes already in memory."""
    return info_from_sources(gather(data))


def info_from_sources(sources: Sources) -> ImageInfo:
    found = ours.read(sources) or _best(sources)
    if not found.prompt and sources.data:
        hidden = read_stealth(sources.data, sources.width, sources.height)
        if hidden is not None:
            sources.add(STEALTH_BLOCK, hidden)
            from_stealth = _best(_stealth_sources(sources, hidden))
            if from_stealth.prompt or from_stealth.model:
                found = from_stealth
    return ImageInfo(
        prompt=_never_json(found.prompt),
        negative_prompt=_never_json(found.negative_prompt),
        model=found.model,
        width=sources.width,
        height=sources.height,
        generator=found.generator,
        format=sources.format,
        settings=dict(found.settings),
        blocks=tuple(sources.blocks),
    )


def _never_json(text: str) -> str:
    """Raw JSON is never a prompt: the prompt inside it, or nothing."""
    if not safejson.is_json_text(text):
        return text
    return others.search_json(safejson.loads(text)).prompt


def _stealth_sources(sources: Sources, hidden: str) -> Sources:
    """The hidden text as blocks readers know: a chunk set (NovelAI) or `parameters` (A1111)."""
    chunks = safejson.loads_dict(hidden)
    if chunks is not None and any(isinstance(value, str) for value in chunks.values()):
        blocks = [
            RawBlock(str(key), value if isinstance(value, str) else "")
            for key, value in list(chunks.items())[:100]
        ]
        if not any(block.name == "parameters" for block in blocks) and "Comment" not in chunks:
            blocks.append(RawBlock("parameters", hidden))
    else:
        blocks = [RawBlock("parameters", hidden)]
    return replace(sources, blocks=blocks, data=b"")


def _best(sources: Sources) -> Found:
    best: Found | None = None
    for reader in READERS:
        found = reader(sources)
        if found is None:
            continue
        if best is None:
            best = found
        else:  # a later convention fills what the first one lacked, never overrides it
            best.prompt = best.prompt or found.prompt
            best.negative_prompt = best.negative_prompt or found.negative_prompt
            best.model = best.model or found.model
            for key, value in found.settings.items():
                best.settings.setdefault(key, value)
        if best.prompt and best.model:
            break
    return best if best is not None else Found(UNKNOWN)
