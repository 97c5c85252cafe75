"""Benchmark 3: per-image cost of the app's decode + check + thumbnail pipeline vs bare Pillow.

For each 1024x1024 PNG from `devserver_images.render_png`, times what the app really runs per
image, step by step: `NscaleClient.generate`'s `decode_base64_image` + `check_image` (the cheap
checks: header, pixel limit, PNG chunk CRCs), then `generate_and_keep`'s `decode_result` (the one
full decode, `decode_and_preview`, which makes the 256 px preview from those pixels) and
`Library.add_result` (the durable save, plus writing the preview as the cached thumbnail, timed
apart), then the job worker's `Library.thumbnail` (a cache read) -> `QImage`. Interleaved with
the baseline: Pillow `open` + `thumbnail((256, 256))` of the same PNG bytes. Each app run saves a
distinct file (its `created` differs), so no earlier run's thumbnail can answer for it.
"""

from __future__ import annotations

import base64
import io
import time
from pathlib import Path

from benchmarks.harness import Goal, Row, median, temporary_home

NAME = "thumbnail"
GOAL = Goal("ratio", "<=", 1.2)
STEPS = ("base64", "check", "decode+preview", "save", "thumbnail write", "thumbnail",
         "qimage")
# The durable save (write + fsync of the image and its index row) is shown apart: Pillow
# saves nothing, so the goal compares the rest with it.
GOAL_STEPS = tuple(step for step in STEPS if step != "save")


def _bare(png: bytes) -> float:
    from PIL import Image

    began = time.perf_counter()
    with Image.open(io.BytesIO(png)) as image:
        image.thumbnail((256, 256))
    return (time.perf_counter() - began) * 1000


def _app(b64: str, library_root: Path, library: object, created: int) -> dict[str, float]:
    from PySide6.QtGui import QImage

    from desktop_app.api.images import DEFAULT_MAX_PIXELS, check_image, decode_base64_image
    from desktop_app.api.types import GenerationRequest, GenerationResult, ImageSize
    from desktop_app.generation import decode_result

    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[step] = (now - clock) * 1000
        clock = now

    data = decode_base64_image(b64)
    lap("base64")
    checked = check_image(data, 0, max_pixels=DEFAULT_MAX_PIXELS)  # as the client calls it
    lap("check")
    request = GenerationRequest(prompt="benchmark", size=ImageSize(checked.width, checked.height))
    received = GenerationResult(request=request, images=(checked,), created=created,
                                endpoint_host="127.0.0.1")
    result = decode_result(received)
    lap("decode+preview")
    (image,) = result.images
    assert image.preview is not None
    entries = library.add_result(result, job_id="bench")  # type: ignore[attr-defined]
    lap("save")
    # add_result writes the preview as the cached thumbnail; time that write on its own.
    times["thumbnail write"] = _cache_thumbnail_ms.pop()
    times["save"] -= times["thumbnail write"]
    thumbnail = library.thumbnail(entries[0].id, size=256)  # type: ignore[attr-defined]
    lap("thumbnail")
    # The job worker's thumbnail() is exactly this; done by hand to time the two steps apart.
    qimage = QImage()
    qimage.loadFromData(thumbnail or b"")
    lap("qimage")
    assert not qimage.isNull()
    assert thumbnail == image.preview, "the thumbnail was not the cached preview"
    return times


_cache_thumbnail_ms: list[float] = []


def _time_thumbnail_writes(library: object) -> None:
    """Wrap the library's (private) preview-caching step so its cost shows as its own step."""
    original = library._cache_thumbnail  # type: ignore[attr-defined]

    def timed(*args: object) -> None:
        began = time.perf_counter()
        original(*args)
        _cache_thumbnail_ms.append((time.perf_counter() - began) * 1000)

    library._cache_thumbnail = timed  # type: ignore[attr-defined]


def run(quick: bool) -> list[Row]:
    from desktop_app.devserver_images import render_png
    from desktop_app.library import Library

    images = 3 if quick else 12
    repeats = 2 if quick else 3
    pngs = [render_png(f"benchmark picture {index}", 1024, 1024, index) for index in range(images)]
    app_runs: dict[str, list[float]] = {step: [] for step in STEPS}
    pipeline: list[float] = []
    total: list[float] = []
    bare: list[float] = []
    created = 1_700_000_000
    with temporary_home() as tmp:
        library = Library.open(tmp / "library")
        _time_thumbnail_writes(library)
        try:
            _app(base64.b64encode(pngs[0]).decode(), tmp, library, created)  # warm-up: imports
            _bare(pngs[0])
            for repeat in range(repeats):
                for png in pngs:
                    b64 = base64.b64encode(png).decode()
                    created += 1
                    if repeat % 2:
                        bare.append(_bare(png))
                    times = _app(b64, tmp, library, created)
                    if not repeat % 2:
                        bare.append(_bare(png))
                    for step in STEPS:
                        app_runs[step].append(times[step])
                    pipeline.append(sum(times[s] for s in GOAL_STEPS))
                    total.append(sum(times.values()))
        finally:
            library.close()
    samples = len(bare)
    baseline = median(bare)
    size_kib = sum(len(p) for p in pngs) / len(pngs) / 1024
    rows = [
        Row(NAME, "decode+check+preview+thumbnail+QImage per 1024px PNG", median(pipeline),
            baseline,
            baseline_name="Pillow open+thumbnail(256)", goal=GOAL, samples=samples,
            note=f"PNGs average {size_kib:.0f} KiB; excludes the durable save (shown apart)"),
        Row(NAME, "whole per-image worker cost incl. save", median(total), baseline,
            baseline_name="Pillow open+thumbnail(256)", samples=samples),
    ]
    for step in STEPS:
        rows.append(Row(NAME, f"  step: {step}", median(app_runs[step]), baseline,
                        baseline_name="Pillow open+thumbnail(256)", samples=samples))
    return rows
