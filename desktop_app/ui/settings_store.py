"""The window's settings store: QSettings on the settings INI file, behind `SettingsStore`.

`app.py` selects it once at start-up (`settings.use_store(QtSettingsStore.open)`), so the window
writes through QSettings (with its lock file and merging) while `Settings` itself stays Qt-free
and the CLI reads the same file with `ini_file.IniFileStore`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop_app import paths
from desktop_app.ini_format import Value as StoreValue


class QtSettingsStore:
    """`SettingsStore` on QSettings(IniFormat) for one explicit file."""

    def __init__(self, path: Path) -> None:
        # An explicit file path (not QSettings' own lookup) so tests and portable setups that move
        # the XDG folders are honoured even after the first QSettings was created in this process.
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    @classmethod
    def open(cls) -> QtSettingsStore:
        return cls(paths.settings_file())

    def get(self, key: str) -> StoreValue | None:
        value = self._settings.value(key)
        if value is None or isinstance(value, str | bytes):
            return value
        if isinstance(value, QByteArray):
            return bytes(value.data())
        if isinstance(value, list | tuple):
            return [item for item in value if isinstance(item, str)]  # as IniFileStore reads
        return str(value)  # a number set earlier in this process (QSettings caches the variant)

    def set(self, key: str, value: StoreValue) -> None:
        self._settings.setValue(key, QByteArray(value) if isinstance(value, bytes) else value)

    def remove(self, key: str) -> None:
        self._settings.remove(key)

    def child_keys(self, group: str) -> list[str]:
        self._settings.beginGroup(group)
        try:
            return list(self._settings.childKeys())
        finally:
            self._settings.endGroup()

    def sync(self) -> None:
        self._settings.sync()
