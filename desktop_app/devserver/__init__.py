"""A local Nscale-compatible image server for tests, demos and benchmarks.

Owns the imitation of Nscale's serverless image API (`POST /v1/images/generations`,
`GET /v1/models`) on a loopback port, plus the fault injection that lets tests and demos make it
misbehave on purpose (error statuses in several body styles, malformed or truncated replies, slow
or huge replies, redirects, bad images). It is a stand-in, not a product: it must never talk to
the network beyond its own socket, never log the Authorization header, and never import the app's
client, so the client can be tested against it honestly. `docs/devserver.md` documents the
contract; `python -m desktop_app.devserver --help` summarises it.

Modules: `state` (models, fault queue, counters, request log), `faults` (fault specs, prompt
markers, the control endpoint's body), `protocol` (validation, error bodies), `handler` (HTTP,
one method per route), `images` (placeholder pictures), `server` (`DevServer`, the command
line).
"""

from __future__ import annotations

from desktop_app.devserver.faults import (
    DRIP_BYTES,
    FAULT_HELP,
    Fault,
    FaultSpecError,
    parse_fault,
    prompt_fault,
)
from desktop_app.devserver.images import render_image, render_png
from desktop_app.devserver.protocol import (
    DEFAULT_SIZE,
    MAX_N,
    MAX_REQUEST_BYTES,
    MAX_SIDE,
    MIN_SIDE,
)
from desktop_app.devserver.server import DevServer, build_parser, main, parse_models
from desktop_app.devserver.state import DEFAULT_MODELS, DEFAULT_TOKEN, KEPT_FILES, ServerState

__all__ = [
    "DEFAULT_MODELS",
    "DEFAULT_SIZE",
    "DEFAULT_TOKEN",
    "DRIP_BYTES",
    "FAULT_HELP",
    "KEPT_FILES",
    "MAX_N",
    "MAX_REQUEST_BYTES",
    "MAX_SIDE",
    "MIN_SIDE",
    "DevServer",
    "Fault",
    "FaultSpecError",
    "ServerState",
    "build_parser",
    "main",
    "parse_fault",
    "parse_models",
    "prompt_fault",
    "render_image",
    "render_png",
]
