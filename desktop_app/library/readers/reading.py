"""The one entry point: read any image's metadata with every tool reader, best evidence first.

Owns the order the readers are tried in (our own files first, then tools whose blocks are
unambiguous, then the A1111 text convention, then generic JSON/XMP), filling gaps from later
readers, and completing the result into an `ImageInfo`. Catches nothing it did not expect to
see: every reader is written to never raise on hostile input, and the tests prove it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from desktop_app.library.readers import a1111, comfyui, invokeai, ours
from desktop_app.library.readers.model import UNKNOWN, Found, ImageInfo
from desktop_app.library.readers.sources import Sources, gather

Reader = Callable[[Sources], Found | None]

_XMP_DESCRIPTION = re.compile(r"<dc:description>.*?<rdf:li[^>]*>(.*?)</rdf:li>", re.S)


def _xmp_description(sources: Sources) -> Found | None:
    match = _XMP_DESCRIPTION.search(sources.text("XMP") or "")
    if match is None:
        return None
    return Found(UNKNOWN, html.unescape(match.group(1)).strip())


def readers() -> tuple[Reader, ...]:
    """Tool readers, most specific first."""
    return (
        invokeai.read,
        comfyui.read,
        a1111.read,
        _xmp_description,
    )


def read_image_info(path: Path) -> ImageInfo:
    """Everything `path` says about how it was made; raises OSError when it is not an image."""
    return read_image_info_bytes(path.read_bytes())


def read_image_info_bytes(data: bytes) -> ImageInfo:
    """As `read_image_info`, for bytes already in memory."""
    return info_from_sources(gather(data))


def info_from_sources(sources: Sources) -> ImageInfo:
    found = ours.read(sources)
    if found is None:
        found = _best(sources)
    return ImageInfo(
        prompt=found.prompt,
        negative_prompt=found.negative_prompt,
        model=found.model,
        width=sources.width,
        height=sources.height,
        generator=found.generator,
        format=sources.format,
        settings=dict(found.settings),
        blocks=tuple(sources.blocks),
    )


def _best(sources: Sources) -> Found:
    best: Found | None = None
    for reader in readers():
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
