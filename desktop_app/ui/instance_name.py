"""The single-instance rendezvous's name, and whether anybody can be listening on it (no Qt).

Owns `server_name` (derived from the user and the resolved library folder: a socket path in the
private runtime directory, else a plain name Qt places itself) and `nobody_listens`, the check
that lets a launch skip QtNetwork before its first paint: a socket path that does not exist
has no instance behind it (`desktop_app.ui.single_instance` does the rest).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
from pathlib import Path

from desktop_app import APP_ID


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


MAX_SOCKET_PATH_BYTES = 100


def server_name(library_dir: Path) -> str:
    """The socket name (or, where a private runtime directory exists, its full path)."""
    try:
        resolved = library_dir.expanduser().resolve()
    except OSError:
        resolved = library_dir.expanduser().absolute()
    user = _user()
    digest = hashlib.sha256(f"{user}\0{resolved}".encode("utf-8", "surrogateescape")).hexdigest()
    name = f"{APP_ID}-{digest[:20]}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not sys.platform.startswith("win") and runtime and Path(runtime).is_dir():
        path = str(Path(runtime) / name)
        # A local socket's path must fit sockaddr_un (108 bytes on Linux, 104 on macOS); a
        # longer one cannot be listened on, and every launch would open a second window.
        if len(os.fsencode(path)) <= MAX_SOCKET_PATH_BYTES:
            return path
    # Elsewhere Qt puts the socket in the temp folder (a pipe on Windows): keep users apart.
    return f"{name}-{hashlib.sha256(user.encode()).hexdigest()[:8]}"


def nobody_listens(name: str) -> bool:
    """True when `name` is a socket path and no file is there: no instance can answer, so the
    connect (and QtNetwork's import) can wait until after the first paint. A plain name (no
    runtime directory, Windows' pipes) cannot be checked without connecting: False."""
    return os.path.isabs(name) and not os.path.lexists(name)
