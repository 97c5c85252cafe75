"""Benchmark: the library, the CLI and start-up at 10,000, 100,000 and 1,000,000 images (#18).

Libraries come from `million_library` (built once and cached; `--quick`: 2,000 rows in a
temporary home). For each size, against baselines from the same run:

- the real window as the app starts it (`million_window`, a child per run, alternated with the
  same child on an empty library and with `bare_window`): the library shown after the first
  paint (< 1 s), the window with its library shown and its first paint against the bare PySide6
  window's first paint (<= 1.5x, <= 1.3x), the longest GUI-thread gap at open (first paint until
  2 s after the library is shown) and while the filters change (<= 16 ms), peak RSS (< 500 MiB);
  with the local server, the longest gap while two CLI processes write 4 x 1024 px each;
- search: `Library.query_ids` over `million_library.QUERIES` (words, substrings, several words,
  `neg:`/`model:` prefixes, 1-2 character terms), p95 of all (< 100 ms), against the same FTS5
  MATCH in bare sqlite3; also the first 200 ids through `pages.first_page` (what the CLI and a
  paged caller need: the newest rows read in order when they hold a page of matches);
- `library list --limit 50` in a fresh process, wall clock, median (< 200 ms), against a bare
  interpreter that opens the index with sqlite3 and prints 50 rows; and the next page
  (`--after`, keyset);
- at the largest size, the gallery scroll of `gallery_scroll` (whichever gallery the checkout has)
  and the import throughput of `library_scale` against its bare read + hash + open (>= 0.5x).
"""

from __future__ import annotations

import math
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import library_scale, startup
from benchmarks.harness import (
    PROJECT_ROOT,
    Goal,
    Row,
    isolated_env,
    local_server,
    median,
    run_child,
    startup_ms,
    temporary_home,
)
from benchmarks.million_job import latencies, reply_clock
from benchmarks.million_library import QUERIES, MillionLibrary, build, cached, written_since_build

NAME = "million"
SHOWN_GOAL = Goal("figure", "<", 1000, "ms")
SHOWN_RATIO_GOAL = Goal("ratio", "<=", 1.5)
PAINT_RATIO_GOAL = Goal("ratio", "<=", 1.3)
GAP_GOAL = Goal("figure", "<=", 16, "ms")
RSS_GOAL = Goal("figure", "<", 500, "MiB")
SEARCH_GOAL = Goal("figure", "<", 100, "ms")
LIST_GOAL = Goal("figure", "<", 200, "ms")
IMPORT_GOAL = Goal("ratio", ">=", 0.5)
JOB_GOAL = Goal("figure", "<=", 100, "ms")
SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZE = 2_000
_BARE_LIST = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "rows = c.execute('SELECT id, created, width, height, model, prompt FROM images "
    "WHERE missing = 0 ORDER BY created DESC, id LIMIT 50').fetchall(); "
    "print('\\n'.join(f'{r[0]:>7} {r[1]:.0f} {r[2]}x{r[3]} {r[4]} {r[5][:60]}' for r in rows))"
)


def _env(home: Path, **extra: str) -> dict[str, str]:
    """`isolated_env`, with Python's bytecode cache allowed: an installed app has its modules
    compiled (pip, the bundle), while this machine sets PYTHONDONTWRITEBYTECODE=1, which makes
    every fresh process compile the app's sources again (~65 ms of a `library list`)."""
    env = isolated_env(home, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_bytecode() -> None:
    """Compile the app and the benchmarks once, so the children start as an install would."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "desktop_app", "benchmarks"],
                   cwd=PROJECT_ROOT, env=env, capture_output=True, check=False, timeout=300)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def _window_runs(library: MillionLibrary, runs: int, server: Any,
                 quick: bool = False) -> dict[str, list[Any]]:
    """The window child on the library and on an empty home, and the bare window, alternated."""
    samples: dict[str, list[Any]] = {"lib": [], "empty": [], "bare": []}
    for index in range(runs):
        order = ["lib", "empty", "bare"]
        if index % 2:
            order.reverse()
        for label in order:
            with temporary_home() as tmp:
                if label == "bare":
                    samples["bare"].append(startup_ms(startup.BARE_COMMAND, _env(tmp))[0])
                    continue
                extra = {"XDG_DATA_HOME": str(library.data_home)} if label == "lib" else {}
                args = ["--quick"] if quick else []
                if server is not None and index == 0:  # the writers once per size: slow
                    args += ["--base-url", server.base_url, "--token", server.token]
                try:
                    samples[label].append(run_child(
                        "benchmarks.million_window", [*args, "--timeout", "120"],
                        _env(tmp, **extra), timeout=900))
                finally:
                    if label == "lib" and "--base-url" in args:
                        written_since_build(library)
    return samples


def _first_rows_row(size: str, lib: list[Any]) -> list[Row]:
    """The first screen of rows painted (the gallery shows a query's first page before all its
    ids are in), after the first paint: what the user waits for to see the library."""
    first = [r["marks"]["first_rows_shown_ms"] - r["marks"]["first_paint_ms"] for r in lib
             if "first_rows_shown_ms" in r["marks"]]
    if not first:
        return []
    return [Row(NAME, f"first screen of rows shown after the first paint, {size}",
                median(first), goal=SHOWN_GOAL, samples=len(first),
                note="the grid's first paint with rows; the row above waits for every id",
                details={"lib": first})]


def _window_rows(count: int, samples: dict[str, list[Any]]) -> list[Row]:
    size = f"{count:,} images"
    lib, empty, bare = samples["lib"], samples["empty"], samples["bare"]

    def marks(runs: list[Any], key: str) -> list[float]:
        return [run["marks"][key] for run in runs]

    shown_after = [r["marks"]["library_shown_ms"] - r["marks"]["first_paint_ms"] for r in lib]
    empty_after = [r["marks"]["library_shown_ms"] - r["marks"]["first_paint_ms"] for r in empty]
    ids_after = [r["marks"]["ids_loaded_ms"] - r["marks"]["library_opened_ms"] for r in lib]
    opened_after = [r["marks"]["library_opened_ms"] - r["marks"]["first_paint_ms"] for r in lib]
    runs = len(lib)
    rows = [
        Row(NAME, f"library shown after the first paint, {size}", median(shown_after),
            median(empty_after), baseline_name="same window, empty library", goal=SHOWN_GOAL,
            samples=runs,
            note=f"of which the library open + gallery build on the GUI thread "
                 f"{median(opened_after):.0f} ms, then the ids arrive {median(ids_after):.0f} "
                 f"ms later ({lib[0]['rows']:,} rows)",
            details={"lib": shown_after, "empty": empty_after}),
        *_first_rows_row(size, lib),
        Row(NAME, f"window with its library shown vs bare window, {size}",
            median(marks(lib, "library_shown_ms")), median(bare), goal=SHOWN_RATIO_GOAL,
            baseline_name="bare PySide6 window", samples=runs,
            note="both since the OS started the process"),
        Row(NAME, f"first paint vs bare window, {size}", median(marks(lib, "first_paint_ms")),
            median(bare), goal=PAINT_RATIO_GOAL, baseline_name="bare PySide6 window",
            samples=runs),
        Row(NAME, f"longest GUI gap at open (ids arrive, reconcile), {size}",
            median([r["open"]["max"] for r in lib]), median([r["open"]["max"] for r in empty]),
            baseline_name="same window, empty library", goal=GAP_GOAL, samples=runs,
            note=f"first paint until 2 s after shown; worst "
                 f"{max(r['open']['max'] for r in lib):.0f} ms; five longest of run 1: "
                 + ", ".join(f"{gap:.0f}" for gap in lib[0]["open_top"]),
            details={"lib": [r["open"] for r in lib]}),
    ]
    worst = [max(g["max"] for g in r["filters"].values()) for r in lib]
    worst_empty = [max(g["max"] for g in r["filters"].values()) for r in empty]
    by_filter = {name: max(r["filters"][name]["max"] for r in lib) for name in lib[0]["filters"]}
    rows.append(Row(
        NAME, f"longest GUI gap while the filters change, {size}", median(worst),
        median(worst_empty), baseline_name="same window, empty library", goal=GAP_GOAL,
        samples=runs,
        note="worst per filter: " + ", ".join(f"{k} {v:.0f}" for k, v in by_filter.items())
             + "; ids in " + ", ".join(f"{v:.0f}" for v in lib[0]["filter_ms"].values()) + " ms",
        details={"filters": [r["filters"] for r in lib],
                 "filter_ms": [r["filter_ms"] for r in lib]},
    ))
    rows.append(Row(NAME, f"peak RSS of the window with the library open, {size}",
                    max(r["rss_peak_mib"] for r in lib), max(r["rss_peak_mib"] for r in empty),
                    unit="MiB", baseline_name="same window, empty library", goal=RSS_GOAL,
                    samples=runs))
    written = [r["writers"] for r in lib if r["writers"]]
    written_empty = [r["writers"] for r in empty if r["writers"]]
    if written and written_empty:
        result = written[0]
        rows.append(Row(
            NAME, f"longest GUI gap while 2 CLI processes write, {size}",
            result["gaps"]["max"], written_empty[0]["gaps"]["max"],
            baseline_name="same writers, empty library", goal=GAP_GOAL, samples=1,
            note=f"shown {result['shown_after_last_write_ms']:.0f} ms after the last writer "
                 f"ended (shown: {result['shown']}); five longest: "
                 + ", ".join(f"{gap:.0f}" for gap in result["top"])
                 + (f"; a writer failed: {result['failures'][0]}" if result["failures"] else ""),
            details={"lib": result, "empty": written_empty[0]}))
    return rows


def _search_rows(library: MillionLibrary, repeats: int) -> list[Row]:
    from desktop_app.library import Library, LibraryQuery
    from desktop_app.library.pages import first_page
    from desktop_app.library.search import SEARCH_COLUMNS, parse_search

    full: list[float] = []
    paged: list[float] = []
    bare_ms: list[float] = []
    per_query: dict[str, list[float]] = {text: [] for text in QUERIES}
    hits: dict[str, int] = {}
    bare = sqlite3.connect(library.database)
    with Library.open(library.root) as opened:
        opened.query_ids(LibraryQuery(search="warm"))
        for _ in range(repeats):
            for text in QUERIES:
                query = LibraryQuery(search=text)
                began = time.perf_counter()
                hits[text] = len(opened.query_ids(query))
                full.append((time.perf_counter() - began) * 1000)
                per_query[text].append(full[-1])
                began = time.perf_counter()
                first_page(opened, query, 200)
                paged.append((time.perf_counter() - began) * 1000)
                match = parse_search(text, SEARCH_COLUMNS[:1]).match
                began = time.perf_counter()
                if match is not None:
                    bare.execute("SELECT rowid FROM images_fts WHERE images_fts MATCH ?",
                                 (match,)).fetchall()
                bare_ms.append((time.perf_counter() - began) * 1000)
    bare.close()
    slowest = sorted(per_query, key=lambda text: -median(per_query[text]))[:4]
    size = f"{library.count:,} images"
    return [
        Row(NAME, f"search p95, all ids in order, {size} ({len(QUERIES)} queries)", p95(full),
            p95(bare_ms), baseline_name="bare FTS5 MATCH, no order", goal=SEARCH_GOAL,
            samples=len(full),
            note=f"median {median(full):.1f} ms; slowest: "
                 + ", ".join(f"{t!r} {median(per_query[t]):.0f} ms ({hits[t]:,} hits)"
                             for t in slowest),
            details={"hits": hits, "per_query_ms": per_query}),
        Row(NAME, f"search p95, first 200 ids (`pages.first_page`), {size}", p95(paged),
            p95(bare_ms),
            baseline_name="bare FTS5 MATCH, no order", goal=SEARCH_GOAL, samples=len(paged),
            note=f"median {median(paged):.1f} ms"),
    ]


def _wall_ms(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    completed = subprocess.run(command, env=env, cwd=PROJECT_ROOT, capture_output=True,
                               text=True, timeout=120, check=False)
    elapsed = (time.perf_counter() - began) * 1000
    if completed.returncode != 0:
        raise RuntimeError(f"{command[2:]} exited {completed.returncode}: "
                           + completed.stderr.strip()[-300:])
    return elapsed


def _list_rows(library: MillionLibrary, runs: int) -> list[Row]:
    from desktop_app.library import Library, LibraryQuery

    with Library.open(library.root) as opened:
        last = opened.query_ids(LibraryQuery(), limit=50)[-1]
    cli = [sys.executable, "-m", "desktop_app.cli", "library", "list", "--limit", "50"]
    bare = [sys.executable, "-c", _BARE_LIST, str(library.database)]
    samples: dict[str, list[float]] = {"cli": [], "after": [], "bare": []}
    with temporary_home() as tmp:
        env = _env(tmp, XDG_DATA_HOME=str(library.data_home))
        _wall_ms(cli, env)  # the first run builds the folder-count cache, as any first run does
        for index in range(runs):
            order = ["cli", "after", "bare"]
            if index % 2:
                order.reverse()
            for label in order:
                command = {"cli": cli, "after": [*cli, "--after", str(last)], "bare": bare}[label]
                samples[label].append(_wall_ms(command, env))
    size = f"{library.count:,} images"
    return [
        Row(NAME, f"`library list --limit 50`, fresh process, {size}", median(samples["cli"]),
            median(samples["bare"]), baseline_name="bare python + sqlite3, 50 rows",
            goal=LIST_GOAL, samples=runs, note=f"worst {max(samples['cli']):.0f} ms",
            details=samples),
        Row(NAME, f"`library list --limit 50 --after ID` (next page, keyset), {size}",
            median(samples["after"]), median(samples["bare"]),
            baseline_name="bare python + sqlite3, 50 rows", goal=LIST_GOAL, samples=runs),
    ]


def _import_row(count: int) -> Row:
    measured = library_scale._import_row(count)
    return Row(NAME, f"import throughput, {count:,} small A1111 PNGs", measured.figure,
               measured.baseline, unit="images/s", baseline_name=measured.baseline_name,
               goal=IMPORT_GOAL, samples=1, note=measured.note)


def _job_row(library: MillionLibrary, server: Any, jobs: int) -> Row:
    """`million_job` on the library and on an empty home, the reply clock in between."""
    found: dict[str, list[float]] = {}
    failures: list[str] = []
    for label in ("lib", "empty"):
        with reply_clock(server.base_url) as (clock, proxied), temporary_home() as tmp:
            extra = {"XDG_DATA_HOME": str(library.data_home)} if label == "lib" else {}
            if label == "empty":  # the window needs an image to show before the job
                build(tmp / "seed", 10)
                extra = {"XDG_DATA_HOME": str(tmp / "seed" / "data")}
            try:
                result = run_child(
                    "benchmarks.million_job",
                    ["--base-url", proxied, "--token", server.token,
                     "--jobs", str(jobs)], _env(tmp, **extra), timeout=600)
            finally:
                if label == "lib":
                    written_since_build(library)
        found[label] = latencies(result["painted"], clock.big_reply_ends)
        failures += result["failures"]
    lib, empty = found["lib"], found["empty"]
    return Row(NAME, f"job latency: last byte of a 4x1024px reply to 4 thumbnails painted, "
                     f"{library.count:,} images",
               median(lib) if lib else None, median(empty) if empty else None,
               baseline_name="same window, 10-image library", goal=JOB_GOAL, samples=len(lib),
               note=(f"worst {max(lib):.0f} ms" if lib else "NOT MEASURED")
                    + (f"; {failures[0]}" if failures else ""),
               details=found)


def _size_rows(library: MillionLibrary, runs: int, repeats: int, server: Any,
               scroll_steps: int) -> list[Row]:
    rows = _window_rows(library.count, _window_runs(library, runs, server, quick=runs == 1))
    rows += _search_rows(library, repeats)
    rows += _list_rows(library, runs)
    if scroll_steps:
        rows += library_scale._scroll_rows(library, scroll_steps)  # type: ignore[arg-type]
    return rows


def run(quick: bool, sizes: tuple[int, ...] = SIZES) -> list[Row]:
    compile_bytecode()
    if quick:
        with temporary_home() as home:
            library = MillionLibrary(Path(home), QUICK_SIZE)
            build(library.home, QUICK_SIZE)
            rows = _size_rows(library, 1, 1, None, 0)
        return [*rows, _import_row(200)]
    rows: list[Row] = []
    with local_server() as server:
        for count in sizes:
            library, timings = cached(count)
            largest = count == max(sizes)
            size_rows = _size_rows(library, 3, 3, server, 600 if largest else 0)
            if largest:
                size_rows.append(_job_row(library, server, 5))
            if "cached" not in timings:
                size_rows[0].details["built"] = timings
            rows += size_rows
    rows.append(_import_row(10_000))
    return rows


if __name__ == "__main__":  # `python -m benchmarks.million 100000`: one size, table printed
    from benchmarks.__main__ import format_table

    chosen = tuple(int(arg) for arg in sys.argv[1:]) or SIZES
    print(format_table(run(False, chosen)))
