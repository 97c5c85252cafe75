"""Temp files a crash left in the library's image folders: kept, recovered or removed.

Owns what happens to ".STEM.PID.THREAD.tmp" files (`library.files.temp_path`) that no writer
finished: one whose writer may still be running is left alone; one whose writer is gone (its
pid is in the name) or that is older than any writer needs may hold a whole image that was paid
for, so a complete, verified one gets its final name (never overwriting anything) and is indexed
by the scan that follows; only incomplete ones are removed. No database work.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from desktop_app.library.files import (
    TEMP_SUFFIX,
    SkippedFile,
    is_temp_name,
    name_lock,
    read_regular_file,
)
from desktop_app.library.inspection import UnreadableImage, check_image

STALE_TEMP_S = 3600.0  # a writer needs milliseconds; older temp files are debris of a crash
_EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}


def tidy_temp_files(images_dir: Path) -> tuple[int, int, int]:
    """(skipped, removed, recovered) temp files under `images_dir` of writers that died or
    never finished."""
    skipped = removed = recovered = 0
    now = time.time()
    for directory, _, names in os.walk(images_dir):
        for name in names:
            if not is_temp_name(name):
                continue
            path = Path(directory) / name
            try:
                stale = now - path.lstat().st_mtime > STALE_TEMP_S
            except OSError:
                continue
            if not stale and not writer_is_gone(name):
                skipped += 1  # may belong to a writer that is still running
                continue
            try:
                data = read_regular_file(path)
                image_format = check_image(data).format
            except (SkippedFile, UnreadableImage):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
                continue
            if adopt_temp(path, temp_stem(name), _EXTENSIONS[image_format]):
                recovered += 1
    return skipped, removed, recovered


def adopt_temp(temp: Path, stem: str, extension: str) -> bool:
    """Give a complete temp file its final name without overwriting anything."""
    with name_lock:
        for attempt in range(1, 10_000):
            target = temp.with_name(stem + (f"-{attempt}" if attempt > 1 else "") + extension)
            try:
                os.link(temp, target)  # fails if the name is taken: never overwrites
            except FileExistsError:
                continue
            except OSError:  # no hard links here (some file systems): check, then rename
                if os.path.lexists(target):
                    continue
                try:
                    os.replace(temp, target)
                except OSError:
                    return False
                return True
            with contextlib.suppress(OSError):
                temp.unlink()
            return True
    return False  # pragma: no cover - ten thousand identical names


def temp_stem(name: str) -> str:
    """The final file stem a temp file was written for: ".STEM.PID.THREAD.tmp" -> "STEM"."""
    parts = name[1 : -len(TEMP_SUFFIX)].rsplit(".", 2)
    return parts[0] if len(parts) == 3 and parts[0] else "recovered"


def writer_is_gone(name: str) -> bool:
    """Whether the process that wrote temp file `name` has ended (POSIX; else: unknown)."""
    parts = name[1 : -len(TEMP_SUFFIX)].rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit() or os.name != "posix":
        return False  # os.kill(pid, 0) would end the process on Windows
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists, owned by someone else
    return False
