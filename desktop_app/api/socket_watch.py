"""Stopping an HTTP attempt from another thread: its sockets, its deadline and the shut-down switch.

Owns `Watch` (one attempt's sockets and deadline) and the `requests` adapter whose urllib3
connections report their socket to the attempt running on the current thread (`watching`), so
a cancel or a passed deadline can shut the socket down from the watching thread: the blocked
read on the helper thread returns at once and the server sees the client hang up. Proxied
connections are watched too (SOCKS keeps its own pools and is not). No retry or error policy.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import requests
import requests.adapters
import urllib3
import urllib3.connection
import urllib3.connectionpool
import urllib3.poolmanager


class Watch:
    """One attempt's sockets and deadline, and the switch that stops it from another thread.

    The deadline starts as connect + read timeout from the start; once a socket is connected it
    becomes the read timeout from then. Stopping shuts every socket down, which wakes a read
    blocked on it (the read then fails, on the helper thread, where nobody waits any more).
    """

    def __init__(self, deadline: float, read_timeout: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._is_connected = False
        self._is_stopped = False
        self._read_timeout = read_timeout
        self.deadline = deadline

    @property
    def is_stopped(self) -> bool:
        return self._is_stopped

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if not self._is_connected:
                self._is_connected = True
                self.deadline = time.monotonic() + self._read_timeout
            if all(known is not sock for known in self._sockets):
                self._sockets.append(sock)
            stopped = self._is_stopped
        if stopped:
            shut_down(sock)

    def stop(self) -> None:
        with self._lock:
            self._is_stopped = True
            sockets = list(self._sockets)
        for sock in sockets:
            shut_down(sock)


def shut_down(sock: socket.socket) -> None:
    # The plain socket call, also for an SSLSocket: no TLS close_notify from the wrong thread.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


# The attempt a helper thread is running, so the connection classes below can find its Watch.
_current = threading.local()


def _watch_socket(sock: socket.socket | None) -> None:
    watch: Watch | None = getattr(_current, "watch", None)
    if watch is not None:
        watch.add(sock)


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch_socket(self.sock)

    def getresponse(self) -> urllib3.HTTPResponse:  # type: ignore[override]
        _watch_socket(self.sock)  # a kept-alive connection is not connected again
        return super().getresponse()


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch_socket(self.sock)

    def getresponse(self) -> urllib3.HTTPResponse:  # type: ignore[override]
        _watch_socket(self.sock)
        return super().getresponse()


class _WatchedHTTPConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSConnectionPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPConnectionPool, "https": _WatchedHTTPSConnectionPool}


class WatchingAdapter(requests.adapters.HTTPAdapter):
    """The stock adapter, with connections that tell the running attempt about their socket."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_WATCHED_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> urllib3.PoolManager:
        manager: urllib3.PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if type(manager) is urllib3.poolmanager.ProxyManager:  # SOCKS keeps its own pools
            manager.pool_classes_by_scheme = dict(_WATCHED_POOLS)
        return manager


@contextlib.contextmanager
def watching(watch: Watch) -> Iterator[None]:
    """Sockets connected on this thread meanwhile report to `watch`."""
    _current.watch = watch
    try:
        yield
    finally:
        _current.watch = None
