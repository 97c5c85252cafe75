"""Running the local server: `DevServer` in a process, and the command line.

Owns the listening socket (loopback by default, port 0 = any free port), serving on a daemon
thread, stopping (waits that are under way end early, the port is released), and the command line
of `python -m desktop_app.devserver`, whose first stdout line is the base URL: test fixtures and
scripts read exactly that line.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from http.server import ThreadingHTTPServer
from typing import Any

from desktop_app.devserver.faults import FAULT_HELP, FaultSpecError, parse_fault
from desktop_app.devserver.handler import handler_for
from desktop_app.devserver.state import DEFAULT_MODELS, DEFAULT_TOKEN, ServerState


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a slow or kept-alive connection never holds up exit
    allow_reuse_address = True


class DevServer:
    """The local server as a Python object: `start()` serves on a background thread."""

    def __init__(self, token: str = DEFAULT_TOKEN, host: str = "127.0.0.1", port: int = 0,
                 *, latency: float = 0.0, models: dict[str, float] | None = None,
                 faults: Sequence[str | dict[str, Any]] = ()) -> None:
        self._state = ServerState(
            token=token, models=dict(models or DEFAULT_MODELS), latency=latency
        )
        self._server = _Server((host, port), handler_for(self._state))
        self._thread: threading.Thread | None = None
        self.token = token
        self.add_faults(*faults)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        host = str(host)
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/v1"

    @property
    def root_url(self) -> str:
        return self.base_url.removesuffix("/v1")

    def start(self) -> DevServer:
        self._thread = threading.Thread(target=self._server.serve_forever, name="devserver",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._state.stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def add_faults(self, *specs: str | dict[str, Any]) -> None:
        """Queue faults; each later /v1 request consumes the next one."""
        self._state.queue_faults([parse_fault(spec) for spec in specs])

    def reset(self) -> None:
        """Clear queued faults and counters."""
        self._state.reset()

    def stats(self) -> dict[str, Any]:
        return self._state.stats()


def parse_models(values: Sequence[str]) -> dict[str, float]:
    """`--models` values (`ID[=PRICE]`, comma-separated, repeatable) as id -> price."""
    models: dict[str, float] = {}
    for value in values:
        for item in value.split(","):
            model_id, _, price = item.strip().partition("=")
            if model_id:
                models[model_id] = float(price) if price else 0.002
    return models


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app.devserver",
        description=("A local Nscale-compatible image server for tests and demos. Prints its base "
                     "URL as the first line of stdout, then serves until SIGINT/SIGTERM."),
        epilog=FAULT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=0, help="port (default: 0 = any free port)")
    parser.add_argument("--token", default=DEFAULT_TOKEN,
                        help=f"the bearer token the server accepts (default: {DEFAULT_TOKEN})")
    parser.add_argument("--latency", type=float, default=0.0, metavar="S",
                        help="extra seconds before every /v1 reply (default: 0)")
    parser.add_argument("--fault", action="append", default=[], metavar="SPEC",
                        help="queue a fault at start (JSON or shorthand such as 503); repeatable")
    parser.add_argument("--models", action="append", default=[], metavar="ID[=PRICE]",
                        help="replace the model list (comma-separated; price per megapixel)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        models = parse_models(args.models) if args.models else None
        server = DevServer(token=args.token, host=args.host, port=args.port,
                           latency=args.latency, models=models, faults=args.fault)
    except (FaultSpecError, ValueError) as error:
        parser.error(str(error))
    except OSError as error:
        print(f"devserver: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1

    finished = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        finished.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server.start()
    # The base URL must be the first line: test fixtures and scripts read exactly that.
    print(server.base_url, flush=True)
    print(f"token: {args.token}", flush=True)
    finished.wait()
    server.stop()
    print("devserver: stopped", file=sys.stderr)
    return 0
