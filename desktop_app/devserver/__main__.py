"""`python -m desktop_app.devserver`: the local server from the command line (see `server.main`)."""

from __future__ import annotations

import sys

from desktop_app.devserver.server import main

if __name__ == "__main__":
    sys.exit(main())
