"""Benchmark 4: the app's `NscaleClient` against the official `openai` SDK, same local server.

Both clients make sequential n=1, 256x256 generations of the same prompt (the server caches the
picture, so its work is the same for both) against one local server subprocess, interleaved in
small batches so drifts in machine load hit both alike. The figure is the median latency of a
whole call, reply decoded to image bytes (the SDK's result is base64-decoded by hand; the app's
client also runs its cheap image checks, `images.check_image`: magic bytes, Pillow header parse,
pixel limit, PNG chunk CRCs, which are part of what it costs). The full pixel decode and preview
belong to the generation pipeline, not the client, and are measured by the `thumbnail`
benchmark. If the app's client is slower, a cProfile of its calls names where the time goes.
"""

from __future__ import annotations

import base64
import cProfile
import io
import pstats
import time
from collections.abc import Callable

from benchmarks.harness import Goal, Row, local_server, median

NAME = "client_overhead"
GOAL = Goal("ratio", "<=", 1.0)
PROMPT = "a lighthouse on a cliff at dusk"
MODEL = "black-forest-labs/FLUX.1-schnell"
BATCH = 10
QUICK_GENERATIONS = 20


def _timed(call: Callable[[], bytes]) -> float:
    began = time.perf_counter()
    data = call()
    elapsed = (time.perf_counter() - began) * 1000
    if not data.startswith(b"\x89PNG"):
        raise RuntimeError("a generation returned no PNG")
    return elapsed


def _profile(call: Callable[[], bytes], calls: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        call()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(18)
    return out.getvalue()


def run(quick: bool) -> list[Row]:
    import openai

    from desktop_app.api.client import NscaleClient
    from desktop_app.api.types import GenerationRequest, ImageSize

    generations = QUICK_GENERATIONS if quick else 200
    request = GenerationRequest(prompt=PROMPT, model=MODEL, size=ImageSize(256, 256), n=1)
    with local_server() as server:
        app_client = NscaleClient(server.base_url, server.token, max_attempts=1)
        sdk_client = openai.OpenAI(base_url=server.base_url, api_key=server.token, max_retries=0)

        def app_call() -> bytes:
            return app_client.generate(request).images[0].data

        def sdk_call() -> bytes:
            reply = sdk_client.images.generate(model=MODEL, prompt=PROMPT, size="256x256", n=1,
                                               response_format="b64_json")
            assert reply.data and reply.data[0].b64_json
            return base64.b64decode(reply.data[0].b64_json)

        try:
            for _ in range(3):  # warm-up: connections, imports, the server's picture cache
                app_call()
                sdk_call()
            app_ms: list[float] = []
            sdk_ms: list[float] = []
            batches = max(1, generations // BATCH)
            for batch in range(batches):
                pairs = ((app_call, app_ms), (sdk_call, sdk_ms))
                for call, samples in pairs if batch % 2 == 0 else pairs[::-1]:
                    samples.extend(_timed(call) for _ in range(BATCH))
            profile = ""
            if median(app_ms) > median(sdk_ms):
                profile = _profile(app_call, 10 if quick else 50)
        finally:
            app_client.close()
            sdk_client.close()
    row = Row(NAME, f"{generations} sequential 256px generations", median(app_ms), median(sdk_ms),
              baseline_name="openai SDK", goal=GOAL, samples=len(app_ms),
              details={"app_ms": app_ms, "sdk_ms": sdk_ms})
    if profile:
        row.details["app_profile"] = profile
        row.note = "app client slower: cProfile of its calls is in the JSON (details.app_profile)"
    return [row]
