"""Benchmark: do per-file opens dominate reading cached thumbnails? (#18's thumbnail-store question)

The library keeps one file per cached thumbnail (`library.thumbnails`). #18 asks whether a pack
or a SQLite blob store for the 256 px thumbnails (one file open per thousand images) would be
faster, *if per-file opens dominate*. This measures it on what a scroll really reads: N distinct
256 px JPEG thumbnails written by the library's own `write_thumbnail` into its own layout, then,
interleaved round by round, per thumbnail:

- the app's read: `Thumbnails.get` (the `.jpg` then `.png` lookup, one open + read per file);
- the same bytes from one SQLite table (`key TEXT PRIMARY KEY, data BLOB`, one connection, one
  `SELECT` per thumbnail: the blob store's best case);
- the decode that follows either way (`QImage.loadFromData`, as the gallery's workers do).

The page cache is warm (the files were just written, as after a first scroll); a cold disk
makes opens dearer but also reads, for both stores. Goal: none — the figures decide whether a
blob store is worth its cost (a second copy of a cache, a writer lock shared with the index).
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from benchmarks.harness import Row, median, temporary_home

NAME = "thumbnail_store"
ROUNDS = 5


def _thumbnails(count: int) -> list[bytes]:
    """`count` distinct 256 px JPEG thumbnails, made as the library makes them."""
    from PIL import Image

    from desktop_app.api.images import make_preview

    generator = random.Random(18)
    base = Image.radial_gradient("L").resize((512, 512)).convert("RGB")
    made = []
    for number in range(count):
        tint = (generator.randrange(256), generator.randrange(256), generator.randrange(256))
        image = Image.blend(base, Image.new("RGB", base.size, tint), 0.5)
        image.putpixel((number % 512, number // 512 % 512), (number % 256, 0, 0))
        made.append(make_preview(image, 256))
    return made


def _per_thumbnail_ms(total_s: float, count: int) -> float:
    return total_s * 1000 / count


def run(quick: bool) -> list[Row]:
    from PySide6.QtGui import QImage

    from desktop_app.library.thumbnails import Thumbnails, write_thumbnail

    count = 200 if quick else 2_000
    datas = _thumbnails(min(count, 40))
    with temporary_home() as home:
        store = Thumbnails(home / "thumbnails")
        keys = [f"{number:064x}" for number in range(count)]
        bases = [store.base(key, 256) for key in keys]
        for number, base in enumerate(bases):
            write_thumbnail(base, datas[number % len(datas)])
        database = sqlite3.connect(home / "thumbnails.db")
        database.execute("CREATE TABLE thumbs (key TEXT PRIMARY KEY, data BLOB) WITHOUT ROWID")
        with database:
            database.executemany("INSERT INTO thumbs VALUES (?, ?)",
                                 ((key, datas[n % len(datas)]) for n, key in enumerate(keys)))
        missing_source = Path(home / "no-such-image.png")
        files_s, blobs_s, decode_s = [], [], []
        for _ in range(ROUNDS):
            order = list(range(count))
            random.shuffle(order)  # a scroll reads them in no order the disk prefers
            began = time.perf_counter()
            read = [store.get(bases[n], missing_source, 256) for n in order]
            files_s.append(time.perf_counter() - began)
            began = time.perf_counter()
            from_blobs = [database.execute("SELECT data FROM thumbs WHERE key = ?",
                                           (keys[n],)).fetchone()[0] for n in order]
            blobs_s.append(time.perf_counter() - began)
            assert read == from_blobs
            began = time.perf_counter()
            for data in read:
                QImage().loadFromData(data)
            decode_s.append(time.perf_counter() - began)
        database.close()
    file_ms = _per_thumbnail_ms(median(files_s), count)
    blob_ms = _per_thumbnail_ms(median(blobs_s), count)
    decode_ms = _per_thumbnail_ms(median(decode_s), count)
    share = file_ms / (file_ms + decode_ms)
    return [
        Row(NAME, f"cached thumbnail read, one file each ({count} x 256 px JPEG)", file_ms,
            blob_ms, baseline_name="one SQLite blob table", samples=ROUNDS,
            note=f"the read is {share:.0%} of read + decode; decode {decode_ms:.3g} ms each"),
        Row(NAME, "decode of a cached thumbnail (QImage.loadFromData)", decode_ms,
            samples=ROUNDS),
    ]
