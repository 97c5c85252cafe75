"""#18: import proves a file whole from its container (chunks, CRCs, markers), not by decoding
every pixel. What a full decode refused before is still refused with a clear reason; no pixel is
decoded on import; a file that is whole on the outside but whose pixels fail shows a placeholder
(no thumbnail, no crash); paid images keep their full decode (test_generation.py)."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile, PngImagePlugin

from desktop_app.library import Library, LibraryQuery
from desktop_app.library.image_structure import structure
from desktop_app.library.inspection import UnreadableImage, check_image

EVERYTHING = LibraryQuery()


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _png(size: tuple[int, int] = (48, 32), mode: str = "RGB", prompt: str = "a fox") -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", f"{prompt}\nSteps: 20, Model: m")
    buffer = io.BytesIO()
    Image.effect_noise(size, 50).convert(mode).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def _encoded(format_name: str, size: tuple[int, int] = (40, 24), **options: object) -> bytes:
    buffer = io.BytesIO()
    image = Image.effect_noise(size, 50).convert("RGBA" if format_name == "WEBP" else "RGB")
    image.save(buffer, format_name, **options)
    return buffer.getvalue()


def _bomb_png(width: int, height: int) -> bytes:
    """A tiny file whose header claims `width` x `height`: refused from the header alone."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b""))


def _png_with_broken_pixels() -> bytes:
    """Half the zlib stream under a correct CRC: only a decode can see it."""
    data = _png((64, 64))
    start = data.index(b"IDAT") - 4
    (length,) = struct.unpack(">I", data[start : start + 4])
    payload = data[start + 8 : start + 8 + length][: length // 2]
    return data[:start] + _chunk(b"IDAT", payload) + data[start + 12 + length :]


def _with_bad_crc(data: bytes, kind: bytes) -> bytes:
    at = data.index(kind)
    (length,) = struct.unpack(">I", data[at - 4 : at])
    damaged = bytearray(data)
    damaged[at + 4 + length] ^= 0x55
    return bytes(damaged)


def _reasons(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {path.name: reason for path, reason in report.failed}


def _import(tmp_path: Path, files: dict[str, bytes]):  # type: ignore[no-untyped-def]
    folder = tmp_path / "incoming"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    library = Library.open(tmp_path / "library")
    return library, library.import_folder(folder)


def test_damaged_files_are_refused_on_import_each_with_a_clear_reason(tmp_path: Path) -> None:
    png = _png()
    jpeg = _encoded("JPEG")
    webp = _encoded("WEBP")
    library, report = _import(tmp_path, {
        "cut.png": png[: len(png) - 20],
        "cut-header.png": png[:20],
        "bad-idat-crc.png": _with_bad_crc(png, b"IDAT"),
        "bad-text-crc.png": _with_bad_crc(png, b"tEXt"),
        "no-iend.png": png[: png.index(b"IEND") - 4],
        "bomb.png": _bomb_png(100_000, 100_000),
        "text.png": b"just some words, not an image at all",
        "cut.jpg": jpeg[: len(jpeg) * 2 // 3],
        "no-eoi.jpg": jpeg[:-2],
        "cut.webp": webp[: len(webp) - 7],
        "good.png": png,
    })
    with library:
        reasons = _reasons(report)
        assert report.added == 1 and library.count(EVERYTHING) == 1
    assert reasons == {
        "cut.png": "truncated PNG (the file ends inside a chunk)",
        "cut-header.png": "truncated PNG (the file ends inside a chunk)",
        "bad-idat-crc.png": "damaged PNG (bad checksum in its IDAT chunk)",
        "bad-text-crc.png": "damaged PNG (bad checksum in its tEXt chunk)",
        "no-iend.png": "truncated PNG (the file ends before its last chunk)",
        "bomb.png": "image too large to open safely (100000x100000 pixels)",
        "text.png": "not a PNG, JPEG or WebP image",
        "cut.jpg": "truncated JPEG (the file ends inside its image data)",
        "no-eoi.jpg": "truncated JPEG (the file ends inside its image data)",
        "cut.webp": "truncated WebP (the file ends before its last chunk)",
    }


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_fifo_a_device_and_a_huge_file_are_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.library import files

    folder = tmp_path / "incoming"
    folder.mkdir()
    os.mkfifo(folder / "pipe.png")
    (folder / "zero.png").symlink_to("/dev/zero")
    (folder / "huge.png").write_bytes(_png() + b"\0" * 4096)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 4096)
    with Library.open(tmp_path / "library") as library:
        report = library.import_folder(folder)
    reasons = _reasons(report)
    assert report.added == 0
    assert reasons["pipe.png"] == "a named pipe, not an image file"
    assert reasons["zero.png"] == "a device (a symbolic link to it), not an image file"
    assert reasons["huge.png"] == "larger than 4 KiB"


def test_a_png_import_decodes_no_pixels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (Only a lossless file without a prompt is decoded: its prompt may be hidden in its pixels,
    # `readers.stealth`.) JPEG and WebP are decoded, at a thumbnail's scale for a JPEG.
    def no_decoding(self: ImageFile.ImageFile) -> object:
        raise AssertionError("import decoded pixels")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    library, report = _import(tmp_path, {"a.png": _png(), "b.png": _png(mode="RGBA")})
    with library:
        assert (report.added, report.failed) == (2, ())


def test_a_png_stream_cut_under_a_good_checksum_is_refused(tmp_path: Path) -> None:
    broken = _png_with_broken_pixels()
    with pytest.raises(OSError):  # really undecodable
        Image.open(io.BytesIO(broken)).load()
    library, report = _import(tmp_path, {"broken.png": broken})
    with library:
        assert report.added == 0
        assert [reason for _, reason in report.failed] == [
            "truncated PNG (its image data ends before its last row)"]


def test_a_file_damaged_after_import_shows_a_placeholder(tmp_path: Path) -> None:
    library, report = _import(tmp_path, {"later-broken.png": _png()})
    with library:
        assert report.added == 1
        (entry_id,) = library.query_ids(EVERYTHING)
        library.get(entry_id).path.write_bytes(_png_with_broken_pixels())  # bit rot, say
        assert library.thumbnail(entry_id) is None  # the gallery paints its placeholder
        assert library.thumbnail(entry_id) is None  # and asking again is just as calm


def _rechunked(data: bytes, replace: dict[bytes, bytes], insert_before_iend: bytes = b"") -> bytes:
    """`data` (a PNG) with chunk payloads replaced by kind, checksums made right again."""
    out, pos = [data[:8]], 8
    while pos < len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        kind = data[pos + 4 : pos + 8]
        payload = replace.get(kind, data[pos + 8 : pos + 8 + length])
        if kind == b"IEND":
            out.append(insert_before_iend)
        out.append(_chunk(kind, payload))
        pos += 12 + length
    return b"".join(out)


def _raw_rgb_png(width: int, height: int, rows: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows))
            + _chunk(b"IEND", b""))


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        # A second IHDR: decoders take the last, so an 8x8 first one hid a 13000x13000 bomb.
        ("two-ihdr", lambda: _rechunked(_bomb_png(8, 8), {}, _chunk(
            b"IHDR", struct.pack(">IIBBBBB", 13000, 13000, 8, 2, 0, 0, 0))),
         "damaged PNG (a second IHDR header chunk)"),
        ("garbage-zlib", lambda: _rechunked(_png(), {b"IDAT": b"\x78\x9c" + bytes(range(200))}),
         "damaged PNG (its image data cannot be inflated)"),
        ("bad-filter", lambda: _raw_rgb_png(2, 2, b"\x00" + b"\x01" * 6 + b"\x07" + b"\x02" * 6),
         "damaged PNG (its image data has an invalid row filter)"),
        ("few-rows", lambda: _raw_rgb_png(2, 3, (b"\x00" + b"\x05" * 6) * 2),
         "truncated PNG (its image data ends before its last row)"),
        ("ztxt-bomb", lambda: _rechunked(_png(), {}, _chunk(
            b"zTXt", b"comment\0\0" + zlib.compress(b" " * (PngImagePlugin.MAX_TEXT_CHUNK + 1)))),
         "damaged image (its text metadata is too large to read safely)"),
    ],
)
def test_pngs_no_decoder_would_open_are_refused(name: str, make, reason: str) -> None:
    data = make()
    with pytest.raises(UnreadableImage) as refused:
        check_image(data)
    assert refused.value.reason == reason


def test_the_text_limits_are_pillows() -> None:
    from desktop_app.library import image_structure

    assert image_structure.MAX_TEXT_CHUNK == PngImagePlugin.MAX_TEXT_CHUNK  # as the app sets it
    assert image_structure._MAX_TEXT_MEMORY == PngImagePlugin.MAX_TEXT_MEMORY


def test_an_interlaced_png_has_its_rows_counted_pass_by_pass() -> None:
    data = _encoded("PNG", size=(13, 11), interlace=1)
    assert check_image(data).metadata.width == 13
    start = data.index(b"IDAT") - 4
    (length,) = struct.unpack(">I", data[start : start + 4])
    rows = zlib.decompress(data[start + 8 : start + 8 + length])
    cut = _rechunked(data, {b"IDAT": zlib.compress(rows[:-3])})
    with pytest.raises(UnreadableImage, match="ends before its last row"):
        check_image(cut)


def test_a_jpeg_without_quantization_tables_and_one_of_endless_segments_are_refused() -> None:
    jpeg = _encoded("JPEG")
    start = jpeg.index(b"\xff\xdb")
    (length,) = struct.unpack(">H", jpeg[start + 2 : start + 4])
    no_tables = jpeg[:start] + jpeg[start + 2 + length :]
    while b"\xff\xdb" in no_tables[: no_tables.index(b"\xff\xda")]:
        start = no_tables.index(b"\xff\xdb")
        (length,) = struct.unpack(">H", no_tables[start + 2 : start + 4])
        no_tables = no_tables[:start] + no_tables[start + 2 + length :]
    with pytest.raises(UnreadableImage, match="no quantization table"):
        check_image(no_tables)
    comments = b"\xff\xfe\x00\x02" * 10_001  # empty comment segments, walked in Python
    with pytest.raises(UnreadableImage, match="too many header segments"):
        check_image(jpeg[:2] + comments + jpeg[2:])


def test_a_webp_cut_under_a_fixed_up_riff_header_is_refused() -> None:
    webp = _encoded("WEBP", size=(64, 64))
    cut = bytearray(webp[: len(webp) * 2 // 3])
    struct.pack_into("<I", cut, 4, len(cut) - 8)  # RIFF size fixed up
    chunk_length = struct.unpack_from("<I", cut, 16)[0]
    struct.pack_into("<I", cut, 16, min(chunk_length, len(cut) - 20))  # and its chunk's
    with pytest.raises(UnreadableImage):
        check_image(bytes(cut))


_VALID = {
    "png rgb": lambda: _png(),
    "png rgba": lambda: _png(mode="RGBA"),
    "png palette": lambda: _png(mode="P"),
    "png grey": lambda: _png(mode="L"),
    "png interlaced": lambda: _encoded("PNG", interlace=1),
    "jpeg": lambda: _encoded("JPEG"),
    "jpeg progressive": lambda: _encoded("JPEG", progressive=True),
    "jpeg optimized restart": lambda: _encoded("JPEG", optimize=True, restart_marker_blocks=1),
    "jpeg with exif": lambda: _encoded("JPEG", exif=Image.Exif().tobytes()),
    "webp lossy": lambda: _encoded("WEBP"),
    "webp lossless": lambda: _encoded("WEBP", lossless=True),
    "webp animated": lambda: _animated_webp(),
}


def _animated_webp() -> bytes:
    frames = [Image.effect_noise((30, 20), 40 + i).convert("RGB") for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


@pytest.mark.parametrize("kind", sorted(_VALID))
def test_whole_files_pass_with_the_size_pillow_reads(kind: str) -> None:
    data = _VALID[kind]()
    found = structure(data)
    with Image.open(io.BytesIO(data)) as image:
        assert (found.problem, found.width, found.height) == (None, *image.size)
    assert check_image(data + b"trailing bytes after the end").format == found.format


@pytest.mark.parametrize("kind", sorted(_VALID))
def test_every_cut_of_a_whole_file_is_refused(kind: str) -> None:
    data = _VALID[kind]()
    for end in range(0, len(data), max(1, len(data) // 300)):
        with pytest.raises(UnreadableImage):
            check_image(data[:end])


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")  # Pillow says so, and goes on
@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(_VALID)), st.integers(0, 10_000), st.integers(0, 255))
def test_a_damaged_byte_never_crashes_the_check(kind: str, at: int, value: int) -> None:
    data = bytearray(_VALID[kind]())
    data[at % len(data)] = value
    try:
        checked = check_image(bytes(data))
    except UnreadableImage as error:
        assert error.reason
    else:
        assert checked.format in ("png", "jpeg", "webp")


def _walked_text(blocks: list[tuple[str, str]], names: tuple[str, ...]) -> str | None:
    """`Sources.text` as it was: a walk over the blocks for every lookup."""
    for name in names:
        for block_name, text in blocks:
            if block_name == name:
                return text
    lowered = {name.lower() for name in names}
    for block_name, text in blocks:
        if block_name.lower() in lowered:
            return text
    return None


_BLOCK_NAMES = st.sampled_from(["parameters", "Parameters", "PARAMETERS", "prompt", "Prompt",
                                "workflow", "Comment", "comment", "XMP", "Dream", ""])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_BLOCK_NAMES, st.text(max_size=3)), max_size=8),
    st.lists(st.tuples(_BLOCK_NAMES, st.text(max_size=3)), max_size=3),
    st.lists(st.tuples(_BLOCK_NAMES, st.lists(_BLOCK_NAMES, min_size=1, max_size=3)), max_size=6),
)
def test_indexed_block_lookup_gives_what_the_walk_gave(before, after, lookups) -> None:
    from desktop_app.library.readers.sources import Sources

    sources = Sources("PNG", 1, 1, "RGB", b"")
    blocks: list[tuple[str, str]] = []
    for name, text in before:
        sources.add(name, text)
        blocks.append((name, text))
    for index, (_, names) in enumerate(lookups):
        assert sources.text(*names) == _walked_text(blocks, tuple(names))
        if index < len(after):  # blocks added after a lookup count too
            sources.add(*after[index])
            blocks.append(after[index])


@pytest.mark.parametrize("window", [2, 3, 7, 64])
def test_the_scan_data_is_searched_a_window_at_a_time_with_the_same_answers(
    window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.library import image_structure

    monkeypatch.setattr(image_structure, "_SCAN_WINDOW", window)
    for kind in ("jpeg", "jpeg progressive", "jpeg optimized restart"):
        data = _VALID[kind]()
        assert structure(data).problem is None
        cut = structure(data[:-2]).problem
        assert cut == "truncated JPEG (the file ends inside its image data)"
        # A marker split across two windows is still found: fill bytes before the EOI.
        assert structure(data[:-2] + b"\xff" * window + b"\xd9").problem is None


def test_junk_between_jpeg_headers_is_skipped_as_decoders_skip_it() -> None:
    data = _encoded("JPEG")
    after_app0 = 4 + int.from_bytes(data[4:6], "big")  # SOI, then APP0's marker and length
    padded = data[:after_app0] + b"\x00\x00 junk \xff\x00" + data[after_app0:]
    with Image.open(io.BytesIO(padded)) as image:
        image.load()  # Pillow reads it (libjpeg warns about extraneous bytes)
    assert structure(padded).problem is None
    assert check_image(padded).format == "jpeg"
