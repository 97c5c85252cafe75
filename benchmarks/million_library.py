"""Synthetic libraries of 10,000 to 1,000,000 images for the `million` benchmark, built in minutes.

Owns making such a library and caching it. Importing a million real files through
`Library.import_folder` would take hours and tens of GB on the runner, so the library is made the
way an index of that size looks from the inside, through the same insert path:

- the schema comes from `Library.open` (the app's own migrations, nothing hand-made);
- rows have the shape the indexer writes (`Library._row_for_file` keys plus the defaults
  `Library._insert` adds) and are inserted with one `executemany` of the same
  `INSERT OR IGNORE INTO images (...) VALUES (:...)` in one transaction, so the FTS triggers, the
  UNIQUE path and every index are maintained by SQLite exactly as on import;
- every row has its own file: a hard link (one directory entry, no data blocks) to one of
  `REAL_FILES` distinct real 256x256 A1111 PNGs (`synthetic.png_bytes`); 80% are outside
  references (absolute paths under `home/source/`, like an import of an existing collection),
  20% are the app's own generated images (relative paths under `images/YYYY/MM/`, jobs of 4
  sharing one `created`), so `reconcile`, `index_new_files` and thumbnails see real files;
- each row has its own `sha256`/`file_sha256` (hashes of its seed, not of the file), so every
  row gets its own thumbnail made from its file on a cold cache, as a real library would;
- prompts: 8 words from `synthetic.WORDS` (the same vocabulary the smaller libraries use),
  a negative prompt on half the rows, five models, five sizes, three generators, 2% favourites,
  0.3% marked missing (their files are not linked).

The decode cost per thumbnail is that of a 256 px PNG, and the page cache holds the 1,000 real
files after the first reads: what the figures measure is the index, the queries and the GUI, not
the disk. Cached under `CACHE_DIR/million-N-vV-schemaS/` (a cache for another schema is rebuilt).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import CACHE_DIR
from benchmarks.synthetic import WORDS, png_bytes

VERSION = 1
REAL_FILES = 1000
GENERATED_SHARE = 0.2
END = 1_796_000_000.0  # 2026-11-29: fixed, so a rebuilt cache is the same library
SPAN_S = 3 * 365 * 86400.0
MODELS = (("black-forest-labs/FLUX.1-schnell", 50),
          ("stabilityai/stable-diffusion-xl-base-1.0", 25), ("sd_xl_base_1.0", 10),
          ("flux1-dev", 8), ("", 7))
SIZES = (("1024x1024", 60), ("512x512", 15), ("768x1344", 10), ("1344x768", 10), ("256x256", 5))
IMPORTED_GENERATORS = (("a1111", 60), ("comfyui", 30), ("unknown", 10))
# What a person types: words, parts of words (the trigram index finds substrings), several words,
# a negative-prompt and a model prefix, 1-2 character terms (answered by LIKE), rare words.
QUERIES = ("castle", "sunset fox", "misty mountain lake", "drag", "neon city night", "watercolor",
           "ancient temple", "whale underwater", "ast", "owl macro", "neg:blurry", "model:flux",
           "ca", "ox", "glacier volcano island", "cathedral dawn fog")


@dataclass(frozen=True)
class MillionLibrary:
    home: Path
    count: int

    @property
    def data_home(self) -> Path:
        return self.home / "data"

    @property
    def root(self) -> Path:
        from desktop_app import APP_ID

        return self.data_home / APP_ID / "library"

    @property
    def database(self) -> Path:
        return self.root / "library.sqlite3"


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in table], [weight for _, weight in table])[0]


def _rows(library: MillionLibrary, real: list[Path], count: int) -> Iterator[dict[str, Any]]:
    """Every row, in id order, its file linked first (one at a time: a million dicts at once
    would be gigabytes)."""
    rng = random.Random(18)
    made: set[Path] = set()
    step = SPAN_S / count
    job = 0
    for seed in range(count):
        generated = rng.random() < GENERATED_SHARE
        prompt = " ".join(rng.choice(WORDS) for _ in range(8))
        width, _, height = _weighted(rng, SIZES).partition("x")
        model = _weighted(rng, MODELS)
        if generated:
            if seed % 4 == 0:
                job += 1
            created = END - SPAN_S + (seed - seed % 4) * step
            local = time.gmtime(created)
            stored = f"images/{local.tm_year:04d}/{local.tm_mon:02d}/gen-{seed:07d}.png"
            target = library.root / stored
        else:
            created = END - SPAN_S + rng.random() * SPAN_S  # files' times: any order
            target = library.home / "source" / f"{seed // 1000:04d}" / f"photo-{seed:07d}.png"
            stored = str(target)
        missing = rng.random() < 0.003
        digest = hashlib.sha256(f"million-{seed}".encode()).hexdigest()
        if not missing:
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            os.link(real[seed % len(real)], target)
        yield {
            "path": stored,
            "sha256": digest,
            "file_sha256": hashlib.sha256(f"file-{seed}".encode()).hexdigest(),
            "created": created,
            "prompt": prompt,
            "negative_prompt": "blurry, low quality" if rng.random() < 0.5 else "",
            "model": model,
            "generator": "nscale-studio" if generated else _weighted(rng, IMPORTED_GENERATORS),
            "width": int(width),
            "height": int(height),
            "format": "png",
            "bytes": 250_000,
            "job_id": f"job-{job}" if generated else None,
            "endpoint_host": "api.nscale.com" if generated else "",
            "latency_s": 3.5 if generated else None,
            "n_index": seed % 4 if generated else 0,
            "source": "generated" if generated else "imported",
            "extra": json.dumps({"tool": "nscale-studio" if generated else "a1111"}),
            "size": f"{width}x{height}",
            "favourite": 1 if rng.random() < 0.02 else 0,
            "missing": 1 if missing else 0,
        }


def build(home: Path, count: int) -> dict[str, float]:
    """Build the library of `count` rows under `home`; returns the seconds each step took."""
    from desktop_app.library import Library

    library = MillionLibrary(home, count)
    timings: dict[str, float] = {}
    began = time.perf_counter()
    real_dir = home / "real"
    real_dir.mkdir(parents=True, exist_ok=True)
    real: list[Path] = []
    for seed in range(REAL_FILES):
        path = real_dir / f"real-{seed:04d}.png"
        path.write_bytes(png_bytes(seed, " ".join(WORDS[(seed + k) % len(WORDS)]
                                                  for k in range(8))))
        real.append(path)
    with Library.open(library.root):
        pass  # the schema, through the app's own migrations
    timings["real_files_s"] = time.perf_counter() - began
    began = time.perf_counter()
    rows = _rows(library, real, count)
    first = next(rows)
    names = list(first)
    sql = (f"INSERT OR IGNORE INTO images ({', '.join(names)}) "  # noqa: S608 - our own keys
           f"VALUES ({', '.join(':' + name for name in names)})")
    connection = sqlite3.connect(library.database, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        # Random hashes go into three indexes: with the default 2 MB page cache every insert
        # would read and spill pages; 400 MB keeps the 1M build in minutes.
        connection.execute("PRAGMA cache_size = -400000")
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(sql, itertools.chain([first], rows))
        connection.execute("COMMIT")
        (inserted,) = connection.execute("SELECT count(*) FROM images").fetchone()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("ANALYZE")
    finally:
        connection.close()
    if inserted != count:
        raise RuntimeError(f"inserted {inserted} rows, wanted {count}")
    timings["rows_links_insert_s"] = time.perf_counter() - began
    return timings


def _schema_version(database: Path) -> int | None:
    if not database.exists():
        return None
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
    finally:
        connection.close()
    return int(version)


def cached(count: int) -> tuple[MillionLibrary, dict[str, float]]:
    """The library of `count` rows from the cache, built first when missing or out of date."""
    from desktop_app.library.schema import SCHEMA_VERSION

    home = CACHE_DIR / f"million-{count}-v{VERSION}-schema{SCHEMA_VERSION}"
    library = MillionLibrary(home, count)
    marker = home / "complete.json"
    if marker.exists() and _schema_version(library.database) == SCHEMA_VERSION:
        return library, {"cached": 1.0}
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    timings = build(home, count)
    marker.write_text(json.dumps({"count": count, "version": VERSION, "schema": SCHEMA_VERSION,
                                  **timings}))
    return library, timings


def written_since_build(library: MillionLibrary) -> None:
    """Remove what a benchmark's writers added (rows past the built ones and their files), so
    the cache stays the library it was built as."""
    connection = sqlite3.connect(library.database, isolation_level=None, timeout=30)
    try:
        rows = connection.execute("SELECT path FROM images WHERE id > ?",
                                  (library.count,)).fetchall()
        connection.execute("DELETE FROM images WHERE id > ?", (library.count,))
        connection.execute("DELETE FROM requests")
    finally:
        connection.close()
    for (stored,) in rows:
        path = Path(stored) if os.path.isabs(stored) else library.root / stored
        path.unlink(missing_ok=True)
