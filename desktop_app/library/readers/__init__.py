"""Readers for the metadata every major image-generation tool writes into PNG, JPEG and WebP.

Public API: `read_image_info(path)` / `read_image_info_bytes(data)` return an `ImageInfo` (prompt,
negative prompt, model, size, generating tool, settings and every raw block), `GENERATOR_NAMES`
maps the stable generator ids to display names. One module per tool family; `sources` finds the
blocks, `reading` decides. Pure Python on Pillow: no Qt, no database, no pixel decoding except the
bounded stealth-info check. Hostile files never make a reader raise; a non-image raises OSError.
"""

from desktop_app.library.readers.model import GENERATOR_NAMES, ImageInfo, RawBlock
from desktop_app.library.readers.reading import read_image_info, read_image_info_bytes

__all__ = [
    "GENERATOR_NAMES",
    "ImageInfo",
    "RawBlock",
    "read_image_info",
    "read_image_info_bytes",
]
