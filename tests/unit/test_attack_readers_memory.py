"""Attacks on the metadata readers that broke: a huge text chunk cost five times its size.

A 200 MB XMP chunk in an 8x8 PNG made `read_image_info` peak at 1.28 GB: the chunk walk copied
each chunk several times over before capping the text, and the stealth check of a tiny PNG let
Pillow read (and copy) every text chunk on its way to the pixels. Memory is measured with
tracemalloc, as a multiple of the chunk's size, never as time.
"""

from __future__ import annotations

import struct
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from desktop_app.library.readers import read_image_info_bytes
from desktop_app.library.readers.sources import MAX_BLOCK_CHARS, gather
from desktop_app.library.readers.stealth import read_stealth

BIG = 48 << 20  # far above the 8,000,000-character cap of one block


def chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def tiny_png(*extra: bytes) -> bytes:
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
    pixels = chunk(b"IDAT", zlib.compress(b"".join(b"\0" + b"\x80" * 24 for _ in range(8))))
    return b"\x89PNG\r\n\x1a\n" + header + b"".join(extra) + pixels + chunk(b"IEND", b"")


def peak_bytes(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


HUGE_CHUNKS = {
    "tEXt": chunk(b"tEXt", b"parameters\0" + b"a" * BIG),
    "iTXt XMP": chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + b"a" * BIG),
    # Compressed text followed by junk: the compressed stream itself is huge.
    "zTXt": chunk(b"zTXt", b"parameters\0\0" + zlib.compress(b"a" * 1000) + b"\0" * BIG),
}


@pytest.mark.parametrize("kind", list(HUGE_CHUNKS))
def test_a_huge_text_chunk_costs_little_more_than_its_capped_text(kind):
    data = tiny_png(HUGE_CHUNKS[kind])
    assert peak_bytes(lambda: gather(data)) < 1.5 * BIG


def test_the_stealth_check_of_a_tiny_png_never_reads_its_text_chunks():
    data = tiny_png(HUGE_CHUNKS["iTXt XMP"])
    assert peak_bytes(lambda: read_stealth(data, 8, 8)) < 0.5 * BIG


def test_capped_text_is_still_read_and_cut_on_a_character_boundary():
    text = ("é" * (2 * MAX_BLOCK_CHARS + 7)).encode()  # 2 bytes a character: past the byte cut
    info = read_image_info_bytes(tiny_png(chunk(b"tEXt", b"parameters\0" + text)))
    block = info.blocks[0]
    assert block.name == "parameters"
    assert len(block.text) == MAX_BLOCK_CHARS
    assert set(block.text) == {"é"}  # UTF-8 kept, never re-read as Latin-1 after the cut


def test_a_cut_that_lands_mid_character_still_reads_as_utf8():
    """Guards the cut itself (a naive cut would fall back to Latin-1 and garble the text)."""
    # Three-byte characters: 4 * MAX_BLOCK_CHARS is not a multiple of 3, so the cut is mid-char.
    text = ("€" * (4 * MAX_BLOCK_CHARS // 3 + 5)).encode()
    info = read_image_info_bytes(tiny_png(chunk(b"tEXt", b"parameters\0" + text)))
    assert set(info.blocks[0].text) == {"€"}
