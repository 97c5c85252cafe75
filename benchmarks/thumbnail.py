"""Benchmark 3: per-image cost of the app's decode + verify + thumbnail pipeline vs bare Pillow.

For each 1024x1024 PNG from `devserver_images.render_png`, times what the job worker really runs
per image (`NscaleClient.generate`'s `decode_base64_image` + `verify_image`, then
`GenerationService`'s `Library.add_result` and `thumbnail` -> `QImage`), step by step, interleaved
with the baseline: Pillow `open` + `thumbnail((256, 256))` of the same PNG bytes. Each app run
saves a distinct file (its `created` differs), so the thumbnail cache never answers for it.
"""

from __future__ import annotations

import base64
import io
import time
from pathlib import Path

from benchmarks.harness import Goal, Row, median, temporary_home

NAME = "thumbnail"
GOAL = Goal("ratio", "<=", 1.2)
STEPS = ("base64", "verify", "save", "thumbnail", "qimage")


def _bare(png: bytes) -> float:
    from PIL import Image

    began = time.perf_counter()
    with Image.open(io.BytesIO(png)) as image:
        image.thumbnail((256, 256))
    return (time.perf_counter() - began) * 1000


def _app(b64: str, library_root: Path, library: object, created: int) -> dict[str, float]:
    from PySide6.QtGui import QImage

    from desktop_app.api.images import decode_base64_image, verify_image
    from desktop_app.api.types import GenerationRequest, GenerationResult, ImageSize
    from desktop_app.jobs import GenerationService

    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[step] = (now - clock) * 1000
        clock = now

    data = decode_base64_image(b64)
    lap("base64")
    image = verify_image(data, 0)
    lap("verify")
    request = GenerationRequest(prompt="benchmark", size=ImageSize(image.width, image.height))
    result = GenerationResult(request=request, images=(image,), created=created,
                              endpoint_host="127.0.0.1")
    entries = library.add_result(result, job_id="bench")  # type: ignore[attr-defined]
    lap("save")
    thumbnail = library.thumbnail(entries[0].id, size=256)  # type: ignore[attr-defined]
    lap("thumbnail")
    # GenerationService.thumbnail is exactly this; done by hand to time the two steps apart.
    qimage = QImage()
    qimage.loadFromData(thumbnail or b"")
    lap("qimage")
    assert not qimage.isNull() and GenerationService is not None
    return times


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
                    pipeline.append(sum(times[s] for s in STEPS if s != "save"))
                    total.append(sum(times.values()))
        finally:
            library.close()
    samples = len(bare)
    baseline = median(bare)
    size_kib = sum(len(p) for p in pngs) / len(pngs) / 1024
    rows = [
        Row(NAME, "decode+verify+thumbnail+QImage per 1024px PNG", median(pipeline), baseline,
            baseline_name="Pillow open+thumbnail(256)", goal=GOAL, samples=samples,
            note=f"PNGs average {size_kib:.0f} KiB; excludes the durable save (shown apart)"),
        Row(NAME, "whole per-image worker cost incl. save", median(total), baseline,
            baseline_name="Pillow open+thumbnail(256)", samples=samples),
    ]
    for step in STEPS:
        rows.append(Row(NAME, f"  step: {step}", median(app_runs[step]), baseline,
                        baseline_name="Pillow open+thumbnail(256)", samples=samples))
    return rows
