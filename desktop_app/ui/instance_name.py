"""The single-instance check a launch makes before its first paint, without loading QtNetwork.

Owns `server_name` (derived from the user and the resolved library folder: a socket path in the
private runtime directory, else a plain name Qt places itself), `nobody_listens` (a socket path
that does not exist has no instance behind it, so the connect can be skipped) and
`start_or_hand_over`, which app.py calls before building the window. The sockets themselves are
`desktop_app.ui.single_instance` (QtNetwork), imported only when a connect or a listen is due.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app import APP_ID

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


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


def start_or_hand_over(app: QApplication) -> tuple[bool, Callable[[], Any] | None]:
    """(True, None) when an instance already runs on this library and was asked to raise its
    window; else (False, a function that starts listening for later launches and returns the
    InstanceServer, to call once the window has painted), or (False, None) when it cannot tell.

    With a socket path that does not exist nobody can answer, so neither the connect nor
    QtNetwork's import happens before the first paint (`instance_name.nobody_listens`)."""
    try:
        from desktop_app.settings import Settings, use_store
        from desktop_app.ui.instance_name import nobody_listens, server_name
        from desktop_app.ui.settings_store import QtSettingsStore

        use_store(QtSettingsStore.open)
        name = server_name(Settings.load().library_dir)
        if not nobody_listens(name):
            from desktop_app.ui.single_instance import hand_over_to_running_instance

            if hand_over_to_running_instance(name):
                return True, None
    except Exception:  # unreadable settings and the like: build_window reports those
        log.exception("Could not check for a running instance")
        return False, None

    def listen() -> Any:
        from desktop_app.ui.single_instance import InstanceServer

        server = InstanceServer(name, app)
        server.listen()
        return server

    return False, listen
