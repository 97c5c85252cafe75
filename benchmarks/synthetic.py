"""Synthetic images and libraries for the library benchmarks, made fast and reproducibly.

Owns writing small distinct 256x256 PNGs that carry A1111-style `parameters` text (prompt,
settings, model) straight from bytes (zlib + CRC, no Pillow: about 0.3 ms each), and building a
library of N of them through the library's own `import_folder` (files referenced in place). A
library of 100,000 is built once and kept under `benchmarks/results/cache/` keyed by size,
`VERSION` and the library's `SCHEMA_VERSION` (a cache with another schema is rebuilt, never
migrated in the middle of a measurement); bump `VERSION` when what is built, or how the library
imports it, changes. Never touches the user's real library.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import struct
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import CACHE_DIR

VERSION = 2  # 2: rebuilt after the library's import/XMP changes of 2026-11-25
SIDE = 256  # thumbnails are 256 px: smaller sources would make the gallery look cheaper than it is
_VOCABULARY = """
castle fox lighthouse mountain lake forest dragon city harbour desert portrait robot garden sunset
sunrise storm winter autumn spring summer neon misty golden ancient futuristic watercolor oil
sketch photo cinematic macro aerial underwater night dawn river bridge tower cat dog owl horse
whale tiger wolf bear ship train car bicycle market library cathedral temple village valley canyon
glacier volcano island beach cliff meadow orchard vineyard
"""
WORDS: tuple[str, ...] = tuple(_VOCABULARY.split())
SEARCHES = ("castle", "sunset fox", "misty mountain lake", "drag", "neon city night",
            "watercolor", "ancient temple", "whale underwater")


def prompt_for(seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(8))


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def png_bytes(seed: int, prompt: str) -> bytes:
    """A 256x256 RGB PNG: a seeded background with a band, and A1111 `parameters` text."""
    rng = random.Random(seed)
    background = bytes(rng.randrange(256) for _ in range(3))
    band = bytes(rng.randrange(256) for _ in range(3))
    top = rng.randrange(SIDE - 40)
    plain = b"\x00" + background * SIDE
    striped = b"\x00" + band * SIDE
    raw = b"".join(striped if top <= row < top + 40 else plain for row in range(SIDE))
    parameters = (f"{prompt}\nNegative prompt: blurry, low quality\nSteps: 20, Sampler: Euler a, "
                  f"CFG scale: 7, Seed: {seed}, Size: {SIDE}x{SIDE}, Model: sd_xl_base_1.0")
    header = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"tEXt", b"parameters\x00" + parameters.encode("latin-1"))
            + _chunk(b"IDAT", zlib.compress(raw, 1)) + _chunk(b"IEND", b""))


def write_images(folder: Path, count: int, first_seed: int = 0) -> list[Path]:
    """Write `count` distinct PNGs into `folder` (1,000 per subfolder, like dated folders)."""
    written: list[Path] = []
    for seed in range(first_seed, first_seed + count):
        sub = folder / f"{seed // 1000:04d}"
        if seed % 1000 == 0 or not sub.exists():
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"image-{seed:07d}.png"
        path.write_bytes(png_bytes(seed, prompt_for(seed)))
        written.append(path)
    return written


@dataclass(frozen=True)
class SyntheticLibrary:
    """A library under `home` as the app finds it: `home/data/<app id>/library`."""

    home: Path
    source: Path
    count: int

    @property
    def data_home(self) -> Path:
        return self.home / "data"

    @property
    def root(self) -> Path:
        from desktop_app import APP_ID

        return self.data_home / APP_ID / "library"


def build_library(home: Path, count: int) -> tuple[SyntheticLibrary, dict[str, float]]:
    """Write `count` images under `home/source` and import them into a library under `home`."""
    from desktop_app.library import Library

    library = SyntheticLibrary(home=home, source=home / "source", count=count)
    began = time.perf_counter()
    write_images(library.source, count)
    written = time.perf_counter()
    with Library.open(library.root) as opened:
        report = opened.import_folder(library.source)
    if report.added != count:
        raise RuntimeError(f"built a library of {report.added} images, wanted {count} "
                           f"({len(report.failed)} failed)")
    imported = time.perf_counter()
    return library, {"write_s": written - began, "import_s": imported - written}


def _schema_version(root: Path) -> int | None:
    """The index's `PRAGMA user_version`, read-only (opening it through `Library` would migrate)."""
    database = root / "library.sqlite3"
    if not database.exists():
        return None
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
    finally:
        connection.close()
    return int(version)


def cached_library(count: int) -> tuple[SyntheticLibrary, dict[str, float]]:
    """The library of `count` images from the cache, built first if it is not there yet."""
    from desktop_app.library.schema import SCHEMA_VERSION

    home = CACHE_DIR / f"library-{count}-v{VERSION}-schema{SCHEMA_VERSION}"
    marker = home / "complete.json"
    if marker.exists():
        cached = SyntheticLibrary(home=home, source=home / "source", count=count)
        if _schema_version(cached.root) == SCHEMA_VERSION:
            return cached, {"cached": 1.0}
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    library, timings = build_library(home, count)
    marker.write_text(json.dumps({"count": count, "version": VERSION,
                                  "schema": SCHEMA_VERSION, **timings}))
    return library, timings
