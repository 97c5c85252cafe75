"""`IniFileStore`: the settings INI file read and written without Qt (the CLI's store).

The window writes the same file through QSettings, so the format is QSettings' own
(`ini_format.py`). Values this store did not change are written back byte for byte. Writes re-read
the file first and apply only this store's own changes (QSettings merges the same way), then
replace the file atomically; QSettings' `.lock` file is not taken, which is safe while the window
is the only routine writer (the CLI only reads settings).
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
from pathlib import Path

from desktop_app.ini_format import Value, decode_value, encode_value, parse, render

log = logging.getLogger(__name__)


def _remove(entries: dict[str, bytes], key: str) -> None:
    if not key:
        entries.clear()
        return
    prefix = key + "/"
    for name in [name for name in entries if name == key or name.startswith(prefix)]:
        del entries[name]


def _read(path: Path) -> dict[str, bytes]:
    try:
        return parse(path.read_bytes())
    except FileNotFoundError:
        return {}


def _write_atomically(path: Path, data: bytes) -> None:
    path = Path(os.path.realpath(path))  # a symlinked settings file stays a symlink (as in Qt)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp_name, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


class IniFileStore:
    """Settings in one QSettings-compatible INI file; changes reach the disk on `sync()`.

    A file that exists but cannot be read reads as empty (as with QSettings, the defaults apply),
    and `sync()` then raises `OSError` rather than replace settings it could not see.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        try:
            self._entries = _read(path)
        except OSError as error:
            log.warning("Settings file %s cannot be read, using defaults: %s", path, error)
            self._entries = {}
        self._changes: list[tuple[str, bytes | None]] = []  # (key, encoded value or None=remove)

    def get(self, key: str) -> Value | None:
        raw = self._entries.get(key)
        return None if raw is None else decode_value(raw)

    def set(self, key: str, value: Value) -> None:
        encoded = encode_value(value)
        self._entries[key] = encoded
        self._changes.append((key, encoded))

    def remove(self, key: str) -> None:
        _remove(self._entries, key)
        self._changes.append((key, None))

    def child_keys(self, group: str) -> list[str]:
        prefix = group.strip("/") + "/" if group.strip("/") else ""
        names = {key[len(prefix):] for key in self._entries if key.startswith(prefix)}
        return sorted(name for name in names if name and "/" not in name)

    def sync(self) -> None:
        if not self._changes:
            return
        entries = _read(self._path)
        for key, encoded in self._changes:
            if encoded is None:
                _remove(entries, key)
            else:
                entries[key] = encoded
        _write_atomically(self._path, render(entries))
        self._entries = entries
        self._changes = []
