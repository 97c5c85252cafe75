"""What the local server's handler threads share: models, faults, counters, the request log.

Owns `ServerState`, one object per server behind one lock: the token and models it serves, the
queued faults, how many requests each endpoint has seen, the headers and JSON body of the last
request (`GET /_control/stats` reports them), and the images kept for `response_format: url`.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from desktop_app.devserver.faults import Fault

DEFAULT_TOKEN = "dev-token"  # a fake token for local use; never a real one
KEPT_FILES = 64  # images kept for `response_format: url`; older ones 404

# Prices are US dollars per megapixel of output, as quoted by third parties (see nscale-api.md).
DEFAULT_MODELS: dict[str, float] = {
    "black-forest-labs/FLUX.1-schnell": 0.0013,
    "stabilityai/stable-diffusion-xl-base-1.0": 0.003,
}

Endpoint = Literal["generations", "models"]


@dataclass
class ServerState:
    """Everything the handler threads share, behind one lock."""

    token: str
    models: dict[str, float]
    latency: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    faults: deque[Fault] = field(default_factory=deque)
    generations: int = 0
    models_requests: int = 0
    last_headers: dict[str, str] = field(default_factory=dict)
    last_json: Any = None
    files: OrderedDict[str, bytes] = field(default_factory=OrderedDict)
    stopping: threading.Event = field(default_factory=threading.Event)

    def reset(self) -> None:
        """Forget queued faults, counters and the last request (kept files stay)."""
        with self.lock:
            self.faults.clear()
            self.generations = 0
            self.models_requests = 0
            self.last_headers = {}
            self.last_json = None

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {
                "generations": self.generations,
                "models": self.models_requests,
                "last_headers": dict(self.last_headers),
                "last_json": self.last_json,
                "queued_faults": len(self.faults),
            }

    def queue_faults(self, faults: Iterable[Fault]) -> int:
        """Queue parsed faults behind the others; returns how many are queued now."""
        with self.lock:
            self.faults.extend(faults)
            return len(self.faults)

    def begin_request(
        self, endpoint: Endpoint, headers: dict[str, str], body_json: Any = None
    ) -> Fault | None:
        """Count a /v1 request, log its headers (and a generation's body), take the next fault."""
        with self.lock:
            if endpoint == "generations":
                self.generations += 1
                self.last_json = body_json
            else:
                self.models_requests += 1
            self.last_headers = headers
            return self.faults.popleft() if self.faults else None

    def keep_file(self, data: bytes) -> str:
        """Keep an image for `GET /files/<id>.png`; returns its id (the oldest are dropped)."""
        file_id = uuid.uuid4().hex
        with self.lock:
            self.files[file_id] = data
            while len(self.files) > KEPT_FILES:
                self.files.popitem(last=False)
        return file_id

    def file(self, file_id: str) -> bytes | None:
        with self.lock:
            return self.files.get(file_id)
