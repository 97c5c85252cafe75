"""Image metadata: embedding ours into received files and reading anyone's back.

Owns the on-file formats: the A1111-style `parameters` text, the `nscale-studio` JSON twin, the
XMP packet (with the IPTC "trained algorithmic media" source type) and EXIF for JPEG/WebP. Files
are never re-encoded: metadata is spliced into the PNG chunk list, the JPEG APP segments or the
WebP RIFF chunks (`library.containers`), so the pixels stay exactly as received. Reading is
`library.readers`' job; this module maps its `ImageInfo` to the library's `ImageMetadata`. Star
ratings written into exported copies are `library.xmp_rating`'s. This module does no database
work and must never write a service token (or anything like one) into a file.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, PngImagePlugin

from desktop_app import APP_ID, __version__
from desktop_app.library import image_structure
from desktop_app.library.containers import (
    PNG_SIGNATURE,
    XMP_JPEG_HEADER,
    XMP_KEY,
    iter_png_chunks,
    itxt,
    jpeg_segment,
    png_text_keyword,
    riff_chunk,
)
from desktop_app.library.readers import ImageInfo, read_image_info, read_image_info_bytes
from desktop_app.library.readers.a1111 import parse_parameters as parse_parameters  # re-export
from desktop_app.library.readers.model import UNKNOWN
from desktop_app.library.readers.ours import twin
from desktop_app.library.readers.reading import info_from_sources
from desktop_app.library.readers.sources import sources_from_image
from desktop_app.library.xmp_rating import with_xmp_rating as with_xmp_rating  # re-export

JSON_KEY = APP_ID  # PNG keyword of the JSON twin chunk
PARAMETERS_KEY = "parameters"  # what A1111 and most tools after it read
DIGITAL_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
_NS_URI = "https://nscale-studio.invalid/ns/1.0/"
_OUR_PNG_KEYS = frozenset({JSON_KEY, PARAMETERS_KEY, XMP_KEY})
_TAG_IMAGE_DESCRIPTION = 0x010E
_TAG_SOFTWARE = 0x0131
_TAG_EXIF_IFD = 0x8769
_TAG_USER_COMMENT = 0x9286
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Pillow refuses a compressed text chunk over 1 MiB unpacked and then fails the whole image, so
# a valid file with a big workflow chunk read as "damaged". Reading allows 16 MiB per chunk (its
# 64 MiB total stays); the library caps what it stores from a file (library.inspection).
MAX_TEXT_CHUNK = image_structure.MAX_TEXT_CHUNK
PngImagePlugin.MAX_TEXT_CHUNK = max(PngImagePlugin.MAX_TEXT_CHUNK, MAX_TEXT_CHUNK)


@dataclass(frozen=True)
class ImageMetadata:
    """What an image file says about itself; `extra` holds the rest (our JSON twin, tool name)."""

    prompt: str
    model: str
    width: int
    height: int
    extra: dict[str, Any] = field(default_factory=dict)
    negative_prompt: str = ""
    generator: str = ""  # a readers.GENERATOR_NAMES id; "" for metadata made by hand

    @property
    def tool(self) -> str:
        """The generator id the prompt came from (nscale-studio, a1111, comfyui...) or ""."""
        return str(self.extra.get("tool", ""))


@dataclass(frozen=True)
class EmbeddedInfo:
    """Everything we write into a file we save. Deliberately has no field for credentials."""

    prompt: str
    model: str
    width: int
    height: int
    n_index: int
    created: float
    endpoint_host: str
    request_id: str | None
    job_id: str | None
    latency_s: float | None
    sha256: str  # of the bytes as received, so a rebuild can restore it

    def parameters_text(self) -> str:
        # Only what is known: Nscale takes no steps/sampler/seed, so none are invented.
        return f"{self.prompt}\nSize: {self.width}x{self.height}, Model: {self.model}"

    def to_json(self) -> str:
        return json.dumps(
            {
                "app": APP_ID,
                "version": __version__,
                "prompt": self.prompt,
                "model": self.model,
                "size": f"{self.width}x{self.height}",
                "n_index": self.n_index,
                "created": self.created,
                "endpoint_host": self.endpoint_host,
                "request_id": self.request_id,
                "job_id": self.job_id,
                "latency_s": self.latency_s,
                "sha256": self.sha256,
            },
            ensure_ascii=False,
        )

    def xmp_packet(self) -> str:
        def attr(text: str) -> str:
            # html.escape, not xml.sax.saxutils: the latter imports urllib and http.client,
            # which the window would pay for at start-up.
            return html.escape(_XML_INVALID.sub("", text), quote=True)

        return (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '  <rdf:Description rdf:about=""\n'
            '    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"\n'
            '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
            f'    xmlns:nscale="{_NS_URI}"\n'
            f'    Iptc4xmpExt:DigitalSourceType="{DIGITAL_SOURCE_TYPE}"\n'
            f'    xmp:CreatorTool="{APP_ID} {__version__}">\n'
            "   <dc:description><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{attr(self.prompt)}</rdf:li>'
            "</rdf:Alt></dc:description>\n"
            f"   <nscale:metadata>{attr(self.to_json())}</nscale:metadata>\n"
            "  </rdf:Description>\n"
            " </rdf:RDF>\n"
            "</x:xmpmeta>\n"
            '<?xpacket end="w"?>'
        )

    def exif_bytes(self) -> bytes:
        """EXIF with ImageDescription (ASCII only) and UserComment (UTF-16, as A1111 writes)."""
        exif = Image.Exif()
        exif[_TAG_IMAGE_DESCRIPTION] = self.parameters_text()
        exif[_TAG_SOFTWARE] = f"{APP_ID} {__version__}"
        text = self.parameters_text().encode("utf-16-be")
        exif.get_ifd(_TAG_EXIF_IFD)[_TAG_USER_COMMENT] = b"UNICODE\x00" + text
        return exif.tobytes()  # starts with b"Exif\0\0"


# --- embedding ---------------------------------------------------------------------------------


def embed_metadata(data: bytes, info: EmbeddedInfo) -> bytes:
    """Return `data` with our metadata spliced in; the image data itself is untouched.

    Unknown or malformed containers come back unchanged: the index still holds the metadata, and
    keeping the image matters more than labelling it.
    """
    try:
        if data.startswith(PNG_SIGNATURE):
            return _embed_png(data, info)
        if data.startswith(b"\xff\xd8"):
            return _embed_jpeg(data, info)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _embed_webp(data, info)
    except (ValueError, struct.error):
        return data
    return data


def _embed_png(data: bytes, info: EmbeddedInfo) -> bytes:
    chunks = iter_png_chunks(data)
    if not chunks or chunks[0][0] != b"IHDR":
        raise ValueError("PNG without IHDR")
    # After IHDR rather than before IEND: readers that stop at the first IDAT (Pillow's
    # Image.open, file browsers) then find the text without decoding the pixels.
    ours = (
        itxt(PARAMETERS_KEY, info.parameters_text())
        + itxt(JSON_KEY, info.to_json())
        + itxt(XMP_KEY, info.xmp_packet())
    )
    parts = [data[: chunks[0][2]], ours]
    for kind, start, end in chunks[1:]:
        is_text = kind in (b"tEXt", b"iTXt", b"zTXt")
        if is_text and png_text_keyword(data, start) in _OUR_PNG_KEYS:
            continue  # replace, never duplicate
        parts.append(data[start:end])
    return b"".join(parts)


def _embed_jpeg(data: bytes, info: EmbeddedInfo) -> bytes:
    pos = 2
    leading: list[bytes] = []  # APP0 (JFIF) must stay first
    kept: list[bytes] = []
    while (
        pos + 4 <= len(data)
        and data[pos] == 0xFF
        and (0xE0 <= data[pos + 1] <= 0xEF or data[pos + 1] == 0xFE)
    ):
        marker = data[pos + 1]
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos : pos + 2 + length]
        payload = segment[4:]
        if marker == 0xE1 and (
            payload.startswith(b"Exif\x00") or payload.startswith(XMP_JPEG_HEADER)
        ):
            pass  # ours replace them
        elif marker == 0xE0 and not kept:
            leading.append(segment)
        else:
            kept.append(segment)
        pos += 2 + length
    ours = jpeg_segment(0xE1, info.exif_bytes()) + jpeg_segment(
        0xE1, XMP_JPEG_HEADER + info.xmp_packet().encode("utf-8")
    )
    return data[:2] + b"".join(leading) + ours + b"".join(kept) + data[pos:]


def _embed_webp(data: bytes, info: EmbeddedInfo) -> bytes:
    chunks: list[tuple[bytes, bytes]] = []
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        if pos + 8 + length > len(data):
            raise ValueError("truncated WebP chunk")
        chunks.append((kind, data[pos + 8 : pos + 8 + length]))
        pos += 8 + length + (length % 2)
    if not chunks:
        raise ValueError("empty WebP")
    chunks = [(k, p) for k, p in chunks if k not in (b"EXIF", b"XMP ")]
    first_kind, first_payload = chunks[0]
    if first_kind == b"VP8X":
        flags = first_payload[0] | 0x08 | 0x04  # EXIF and XMP present
        chunks[0] = (b"VP8X", bytes((flags,)) + first_payload[1:])
    else:
        has_alpha = (
            first_kind == b"VP8L"
            and len(first_payload) >= 5
            and bool(struct.unpack("<I", first_payload[1:5])[0] >> 28 & 1)
        )
        flags = 0x08 | 0x04 | (0x10 if has_alpha else 0)
        size = struct.pack("<I", info.width - 1)[:3] + struct.pack("<I", info.height - 1)[:3]
        chunks.insert(0, (b"VP8X", bytes((flags, 0, 0, 0)) + size))
    exif = info.exif_bytes()
    exif = exif[6:] if exif.startswith(b"Exif\x00\x00") else exif
    chunks.append((b"EXIF", exif))
    chunks.append((b"XMP ", info.xmp_packet().encode("utf-8")))
    body = b"WEBP" + b"".join(riff_chunk(k, p) for k, p in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


# --- reading -----------------------------------------------------------------------------------


def read_metadata(path: Path) -> ImageMetadata:
    """Prompt, model and size of any PNG/JPEG/WebP, from whichever convention it carries.

    Reads the metadata blocks only (no pixel decoding beyond the bounded stealth-info check);
    see `desktop_app.library.readers`. Raises OSError (or PIL's UnidentifiedImageError, a
    subclass) when the file is not an image.
    """
    return metadata_from_info(read_image_info(path))


def read_metadata_bytes(data: bytes) -> ImageMetadata:
    return metadata_from_info(read_image_info_bytes(data))


def metadata_from_image(image: Image.Image) -> ImageMetadata:
    """The same for an image Pillow has opened (its file is re-read from the start)."""
    data = _image_bytes(image)
    if data is not None:
        with contextlib.suppress(OSError):
            return read_metadata_bytes(data)
    return metadata_from_info(info_from_sources(sources_from_image(image)))


def metadata_from_info(info: ImageInfo) -> ImageMetadata:
    """`ImageInfo` in the library's older shape; `extra` holds our JSON twin and the tool."""
    extra: dict[str, Any] = {"format": info.format.lower()}
    prompt = info.prompt
    if info.generator == APP_ID:
        ours = twin(info.blocks)
        if ours is not None:
            extra.update(ours)
            prompt = ours["prompt"] if isinstance(ours.get("prompt"), str) else prompt
    extra["tool"] = "" if info.generator == UNKNOWN else info.generator
    return ImageMetadata(
        prompt,
        info.model,
        info.width,
        info.height,
        extra,
        negative_prompt=info.negative_prompt,
        generator=info.generator,
    )


def _image_bytes(image: Image.Image) -> bytes | None:
    """The bytes of the file behind `image`, when Pillow still holds it."""
    handle = getattr(image, "fp", None)
    if handle is not None:
        try:
            position = handle.tell()
            handle.seek(0)
            data = handle.read()
            handle.seek(position)
        except (OSError, ValueError, AttributeError):
            data = None
        if isinstance(data, bytes) and data:
            return data
    name = getattr(image, "filename", "")
    if isinstance(name, str) and name:
        with contextlib.suppress(OSError):
            return Path(name).read_bytes()
    return None
