"""The local server with Nagle's algorithm off on its sockets, for latency measurements.

`desktop_app.devserver` writes a reply's headers and body in two sends; with Nagle on, the tail
of the body waits for the client's delayed ACK (about 40 ms on Linux), a stall that is the same
for every client and hides the differences the client benchmark is after. This launcher sets
the standard `disable_nagle_algorithm` switch on the server's handler, then runs the unchanged
`devserver.main`. It changes nothing else and is used only by the benchmarks.
"""

from __future__ import annotations

import sys

from desktop_app import devserver


def main() -> int:
    for value in vars(devserver).values():
        if isinstance(value, type) and issubclass(value, devserver.BaseHTTPRequestHandler):
            value.disable_nagle_algorithm = True
    return devserver.main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
