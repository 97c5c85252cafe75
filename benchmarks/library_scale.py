"""Benchmark 5: the library at 10,000 and 100,000 images (500 with --quick).

For each size: the app's `library_ready_ms` (the smoke test's moment the library is open and its
gallery built, right after the first paint) with that library in its data folder (against the
same app with an empty home, interleaved), FTS search latency through `Library.query_ids`
(against the same FTS5 MATCH in bare sqlite3 on the same database), and, in a child process
(`gallery_scroll`), the longest GUI-thread gap and the peak RSS while the real gallery scrolls
the whole library. Separately, import throughput: `Library.import_folder` of 10,000 small A1111
PNGs (200 with --quick) into a fresh library, against a bare read + sha256 + Pillow open of the
same files. Libraries are synthetic (`synthetic`); the 100,000 one is cached.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import time
from pathlib import Path

from benchmarks import startup
from benchmarks.harness import (
    Goal,
    Row,
    isolated_env,
    median,
    run_child,
    smoke_figures,
    temporary_home,
)
from benchmarks.synthetic import (
    SEARCHES,
    SyntheticLibrary,
    build_library,
    cached_library,
    write_images,
)

NAME = "library_scale"
OPEN_GOAL = Goal("figure", "<", 1000, "ms")
SEARCH_GOAL = Goal("figure", "<", 100, "ms")
IMPORT_GOAL = Goal("figure", ">", 333, "images/s")
RSS_GOAL = Goal("figure", "<", 400, "MiB")
GAP_GOAL = Goal("figure", "<=", 16, "ms")
# Shorter than a trigram: the library answers these with LIKE scans (library/search.py).
SHORT_SEARCHES = ("ca", "猫", "ox")


def _open_rows(library: SyntheticLibrary, runs: int) -> list[Row]:
    samples = _measure_open(library, runs)
    return [Row(NAME, f"open to library shown, {library.count:,} images",
                median(samples["lib"]), median(samples["empty"]),
                baseline_name="app, empty library", goal=OPEN_GOAL, samples=runs,
                note=f"library_ready_ms (library opened, gallery built, after the first paint); "
                     f"first paint alone {median(samples['lib_paint']):.0f} ms vs "
                     f"{median(samples['empty_paint']):.0f} ms empty",
                details=samples)]


def _measure_open(library: SyntheticLibrary, runs: int) -> dict[str, list[float]]:
    """`library_ready_ms` of the app with the library and with an empty home, interleaved: the
    moment the user sees the library (the window paints first, the library opens right after)."""
    samples: dict[str, list[float]] = {"lib": [], "empty": [], "lib_paint": [], "empty_paint": []}
    for index in range(runs + 1):
        order = ("lib", "empty") if index % 2 == 0 else ("empty", "lib")
        for label in order:
            with temporary_home() as tmp:
                extra = {"XDG_DATA_HOME": str(library.data_home)} if label == "lib" else {}
                figures = smoke_figures(startup.APP_COMMAND, isolated_env(tmp, **extra))
            if index:  # the first round only warms the disk cache
                for key, sample in (("library_ready_ms", label), ("startup_ms", f"{label}_paint")):
                    if key not in figures:
                        raise RuntimeError(f"the smoke test printed no {key}: {sorted(figures)}")
                    samples[sample].append(figures[key][0])
    return samples


def _search_row(library: SyntheticLibrary, repeats: int) -> Row:
    from desktop_app.library import Library, LibraryQuery
    from desktop_app.library.search import fts_query

    app_ms: list[float] = []
    bare_ms: list[float] = []
    hits: dict[str, int] = {}
    bare = sqlite3.connect(library.root / "library.sqlite3")
    with Library.open(library.root) as opened:
        opened.query_ids(LibraryQuery(search="warm"))  # connection, page cache
        for _ in range(repeats):
            for text in SEARCHES:
                began = time.perf_counter()
                ids = opened.query_ids(LibraryQuery(search=text))
                app_ms.append((time.perf_counter() - began) * 1000)
                hits[text] = len(ids)
                began = time.perf_counter()
                bare.execute("SELECT rowid FROM images_fts WHERE images_fts MATCH ?",
                             (fts_query(text),)).fetchall()
                bare_ms.append((time.perf_counter() - began) * 1000)
    bare.close()
    return Row(NAME, f"FTS search, {library.count:,} images (median of {len(SEARCHES)} queries)",
               median(app_ms), median(bare_ms), baseline_name="bare sqlite3 FTS5 MATCH",
               goal=SEARCH_GOAL, samples=len(app_ms),
               note=f"worst {max(app_ms):.1f} ms; hits per query {min(hits.values()):,}-"
                    f"{max(hits.values()):,}",
               details={"hits": hits})


def _short_search_row(library: SyntheticLibrary, repeats: int) -> Row:
    from desktop_app.library import Library, LibraryQuery

    app_ms: list[float] = []
    bare_ms: list[float] = []
    hits: dict[str, int] = {}
    bare = sqlite3.connect(library.root / "library.sqlite3")
    sql = ("SELECT id FROM images WHERE missing = 0 AND prompt LIKE ? ORDER BY created DESC, id")
    with Library.open(library.root) as opened:
        opened.query_ids(LibraryQuery(search="warm"))
        for _ in range(repeats):
            for text in SHORT_SEARCHES:
                began = time.perf_counter()
                hits[text] = len(opened.query_ids(LibraryQuery(search=text)))
                app_ms.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                bare.execute(sql, (f"%{text}%",)).fetchall()
                bare_ms.append((time.perf_counter() - began) * 1000)
    bare.close()
    return Row(NAME, f"1-2 character search (LIKE), {library.count:,} images "
                     f"(median of {len(SHORT_SEARCHES)} queries)",
               median(app_ms), median(bare_ms), baseline_name="bare sqlite3 LIKE, same order",
               goal=SEARCH_GOAL, samples=len(app_ms),
               note=f"worst {max(app_ms):.1f} ms; hits per query "
                    + ", ".join(f"{text} {count:,}" for text, count in hits.items()),
               details={"hits": hits})


def _scroll_rows(library: SyntheticLibrary, steps: int) -> list[Row]:
    with temporary_home() as tmp:
        result = run_child("benchmarks.gallery_scroll",
                           ["--root", str(library.root), "--steps", str(steps)],
                           isolated_env(tmp))
    count = f"{library.count:,}"
    note = (f"{steps} scroll-bar steps every 16 ms in {result['scroll_s']:.1f} s; "
            f"{result['rows']:,} rows, reached end: {result['at_end']}; ids loaded in "
            f"{result['load_ms']:.0f} ms; p99 gap {result['scroll']['p99']:.1f} ms")
    paint = result.get("paint")
    if paint:  # the GUI thread's CPU time per frame: what a slower machine multiplies
        note += (f"; paint CPU per frame p50 {paint['cpu_p50']:.1f} / p99 {paint['cpu_p99']:.1f}"
                 f" / max {paint['cpu_max']:.1f} ms over {paint['count']} frames; CPU per "
                 f"heartbeat gap max {result['scroll']['cpu_max']:.1f} ms")
    return [
        Row("responsiveness", f"longest GUI gap scrolling the gallery, {count} images",
            result["scroll"]["max"], result["idle"]["max"],
            baseline_name="idle heartbeat, same duration", goal=GAP_GOAL, samples=1, note=note,
            details=result),
        Row(NAME, f"peak RSS scrolling the gallery, {count} images", result["rss_peak_mib"],
            result["rss_before_mib"], unit="MiB", baseline_name="same process before the library",
            goal=RSS_GOAL, samples=1),
    ]


def _bare_index(files: list[Path]) -> None:
    from PIL import Image

    for path in files:
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        with Image.open(path) as image:
            image.info.get("parameters")


def _import_row(count: int) -> Row:
    from desktop_app.library import Library

    with temporary_home() as tmp:
        files = write_images(tmp / "source", count, first_seed=10_000_000)
        subprocess.run(["sync"], check=False)
        _bare_index(files[: min(50, count)])  # warm-up: imports, page cache
        began = time.perf_counter()
        _bare_index(files)
        bare_s = time.perf_counter() - began
        with Library.open(tmp / "library") as library:
            began = time.perf_counter()
            report = library.import_folder(tmp / "source")
            app_s = time.perf_counter() - began
    return Row(NAME, f"import throughput, {count:,} small A1111 PNGs", report.added / app_s,
               count / bare_s, unit="images/s", baseline_name="read+sha256+Pillow open",
               goal=IMPORT_GOAL, samples=1,
               note=f"added {report.added:,} of {count:,}; ratio < 1 means slower than baseline")


def run(quick: bool) -> list[Row]:
    rows: list[Row] = []
    if quick:
        with temporary_home() as home:
            library, _ = build_library(home, 500)
            rows += _open_rows(library, 2)
            rows.append(_search_row(library, 2))
            rows.append(_short_search_row(library, 2))
            rows += _scroll_rows(library, 40)
        rows.append(_import_row(200))
        return rows
    for count in (10_000, 100_000):
        library, timings = cached_library(count)
        rows += _open_rows(library, 5)
        rows.append(_search_row(library, 5))
        rows.append(_short_search_row(library, 5))
        rows += _scroll_rows(library, 600)
        if "import_s" in timings:
            rows[-1].details["built"] = timings
    rows.append(_import_row(10_000))
    return rows
