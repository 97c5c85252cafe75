"""One window per library: a second launch on the same library raises the running window.

Owns the rendezvous between instances. The first instance listens on a local socket
(`QLocalServer`: a Unix socket in the user's private runtime directory, a named pipe on Windows)
whose name is derived from the user and the resolved library folder. A later launch connects
first; if someone answers, it sends `raise`, waits briefly for `ok` and exits 0, and the running
instance shows, raises and activates its window. Nothing else is ever read from the socket, and
only the same user can connect (`UserAccessOption`).

A socket left behind by a crashed instance accepts no connection: the new instance removes it and
listens itself. `--smoke-test` never takes part (app.py skips this module), so tests and
benchmarks that start the app many times keep working next to a running window.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from desktop_app.ui.instance_name import server_name as server_name  # re-exported

log = logging.getLogger(__name__)

RAISE = b"raise\n"
ACK = b"ok\n"
CONNECT_TIMEOUT_MS = 500
REPLY_TIMEOUT_MS = 2000


def raise_window(window: QWidget) -> None:
    """Bring `window` to the front as far as the platform allows."""
    if window.isMinimized():
        window.showNormal()
    else:
        window.show()
    window.raise_()
    window.activateWindow()


def hand_over_to_running_instance(name: str) -> bool:
    """True when an instance listens on `name` and was asked to raise its window.

    Blocks for at most CONNECT_TIMEOUT_MS + REPLY_TIMEOUT_MS, before any window exists.
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False  # nobody there (or a stale socket file): this instance starts
    socket.write(RAISE)
    socket.flush()
    socket.waitForBytesWritten(REPLY_TIMEOUT_MS)
    answered = socket.waitForReadyRead(REPLY_TIMEOUT_MS) and socket.readAll().data() == ACK
    if not answered:
        log.warning("The running instance did not answer; not starting a second one")
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches; emits `raise_requested` when one asks."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        if self._server.listen(self.name):
            return True
        # A socket file left by a crashed instance (nobody answered hand_over): remove, retry.
        QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        log.warning("Cannot listen for second launches: %s", self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            client.readyRead.connect(lambda client=client: self._on_ready(client))
            client.disconnected.connect(client.deleteLater)

    def _on_ready(self, client: QLocalSocket) -> None:
        data = client.read(len(RAISE)).data()
        if data == RAISE:
            client.write(ACK)
            client.flush()
            self.raise_requested.emit()
        client.disconnectFromServer()
