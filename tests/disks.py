"""Tiny, full and read-only disks for storage-failure tests.

As root, a folder becomes a real tmpfs (`mount -t tmpfs -o size=...`), which can be filled to the
last page or remounted read-only, so the kernel gives the app the very errors a user meets
(ENOSPC, EROFS). Without root there are no mounts; `read_only_folder` then falls back to
`chmod 0o500`, which an unprivileged process cannot write through (EACCES), and the tests that
need a full disk skip, saying why. Every mount is undone in a `finally`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=30)


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "3m") -> Iterator[Path]:
    """`folder` as a tmpfs of `size` for the duration (root only; others skip)."""
    if not IS_ROOT:
        pytest.skip("needs root to mount a tmpfs (a small disk that can really fill up)")
    folder.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


def remount_read_only(folder: Path) -> None:
    _run("mount", "-o", "remount,ro", str(folder))


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[str]:
    """Make `folder` (empty) unwritable; yields the words the app should use for it.

    Root: a tmpfs remounted read-only ("read-only"). Others: chmod 0o500 ("permission denied").
    """
    if IS_ROOT:
        with tmpfs(folder, "1m"):
            remount_read_only(folder)
            yield "read-only"
        return
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o500)
    try:
        yield "permission denied"
    finally:
        folder.chmod(0o755)


def fill(mount: Path, leave_bytes: int) -> Path:
    """Fill the file system of `mount` until only about `leave_bytes` are free."""
    filler = mount / "filler.bin"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for chunk in (1 << 20, 1 << 12):
            block = b"\xa5" * chunk
            while True:
                try:
                    os.write(descriptor, block)
                except OSError:
                    break
        size = os.fstat(descriptor).st_size
        os.ftruncate(descriptor, max(0, size - leave_bytes))
    finally:
        os.close(descriptor)
    return filler


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
