"""The one typed settings object. QSettings (an INI file under the config dir) lives behind it.

Everything the user can change and the window remembers goes through `Settings`; keys are named
here and nowhere else. The service token is deliberately not a setting: it lives in the OS keyring
(see `secrets.py`) and must never be written to this file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop_app import BASE_URL_ENV_VAR, DEFAULT_BASE_URL, DEFAULT_MODEL, paths
from desktop_app.api.errors import InvalidInputError
from desktop_app.api.types import DEFAULT_SIZE, MAX_COUNT, MIN_COUNT, ImageSize

_BASE_URL = "api/base_url"
_READ_TIMEOUT = "api/read_timeout"
_DEFAULT_MODEL = "generation/default_model"
_DEFAULT_SIZE = "generation/default_size"
_DEFAULT_COUNT = "generation/default_count"
_LAST_MODEL = "generation/last_model"
_LAST_SIZE = "generation/last_size"
_LAST_COUNT = "generation/last_count"
_CACHED_MODELS = "models/cached"
_LIBRARY_DIR = "library/dir"
_PRICES = "pricing"  # group: one key per model id (escaped), value in $ per megapixel
_WINDOW = "window"  # group: geometry, splitter and header states as bytes

DEFAULT_READ_TIMEOUT = 120.0
BASE_URL_FROM_ENVIRONMENT = "environment"
BASE_URL_FROM_SETTINGS = "settings"


def _open_store() -> QSettings:
    # An explicit file path (not QSettings' own lookup) so tests and portable setups that move the
    # XDG folders are honoured even after the first QSettings was created in this process.
    return QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)


def _escape_model(model_id: str) -> str:
    # QSettings treats "/" as a group separator; model ids are "org/name".
    return model_id.replace("%", "%25").replace("/", "%2F")


def _unescape_model(key: str) -> str:
    return key.replace("%2F", "/").replace("%25", "%")


def _as_int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _as_float(value: object, default: float) -> float:
    try:
        number = float(str(value))
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def _as_size(value: object, default: str) -> str:
    try:
        return str(ImageSize.parse(str(value)))
    except InvalidInputError:
        return default


def _as_price(value: object) -> float | None:
    """A price of 0 is real (a free model); negative or unreadable prices are dropped."""
    try:
        number = float(str(value))
    except (TypeError, ValueError):
        return None
    return number if number >= 0 and number == number else None


def _as_str_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if str(item)]
    return []


@dataclass
class Settings:
    """User settings and remembered choices, loaded from and saved to one INI file."""

    base_url: str = DEFAULT_BASE_URL
    read_timeout: float = DEFAULT_READ_TIMEOUT
    default_model: str = DEFAULT_MODEL
    default_size: str = str(DEFAULT_SIZE)
    default_count: int = 1
    last_model: str = ""
    last_size: str = ""
    last_count: int = 0
    cached_models: list[str] = field(default_factory=list)
    library_dir: Path = field(default_factory=paths.default_library_dir)
    prices: dict[str, float] = field(default_factory=dict)  # user-edited $ per megapixel

    @classmethod
    def load(cls) -> Settings:
        store = _open_store()
        defaults = cls()
        library_dir = str(store.value(_LIBRARY_DIR, "") or "")
        prices: dict[str, float] = {}
        store.beginGroup(_PRICES)
        for key in store.childKeys():
            price = _as_price(store.value(key))
            if price is not None:
                prices[_unescape_model(key)] = price
        store.endGroup()
        count = _as_int(store.value(_DEFAULT_COUNT, 1), 1)
        return cls(
            base_url=str(store.value(_BASE_URL, defaults.base_url) or defaults.base_url),
            read_timeout=_as_float(store.value(_READ_TIMEOUT, DEFAULT_READ_TIMEOUT), 120.0),
            default_model=str(store.value(_DEFAULT_MODEL, DEFAULT_MODEL) or DEFAULT_MODEL),
            default_size=_as_size(store.value(_DEFAULT_SIZE), defaults.default_size),
            default_count=count if MIN_COUNT <= count <= MAX_COUNT else 1,
            last_model=str(store.value(_LAST_MODEL, "") or ""),
            last_size=str(store.value(_LAST_SIZE, "") or ""),
            last_count=_as_int(store.value(_LAST_COUNT, 0), 0),
            cached_models=_as_str_list(store.value(_CACHED_MODELS, [])),
            library_dir=Path(library_dir) if library_dir else paths.default_library_dir(),
            prices=prices,
        )

    def save(self) -> None:
        store = _open_store()
        store.setValue(_BASE_URL, self.base_url)
        store.setValue(_READ_TIMEOUT, self.read_timeout)
        store.setValue(_DEFAULT_MODEL, self.default_model)
        store.setValue(_DEFAULT_SIZE, self.default_size)
        store.setValue(_DEFAULT_COUNT, self.default_count)
        store.setValue(_LAST_MODEL, self.last_model)
        store.setValue(_LAST_SIZE, self.last_size)
        store.setValue(_LAST_COUNT, self.last_count)
        store.setValue(_CACHED_MODELS, list(self.cached_models))
        if self.library_dir == paths.default_library_dir():
            store.remove(_LIBRARY_DIR)
        else:
            store.setValue(_LIBRARY_DIR, str(self.library_dir))
        store.remove(_PRICES)
        store.beginGroup(_PRICES)
        for model_id, price in self.prices.items():
            store.setValue(_escape_model(model_id), price)
        store.endGroup()
        store.sync()

    @staticmethod
    def window_state(key: str) -> bytes | None:
        value = _open_store().value(f"{_WINDOW}/{key}")
        if isinstance(value, QByteArray):
            return bytes(value.data())
        if isinstance(value, bytes | bytearray):
            return bytes(value)
        return None

    @staticmethod
    def set_window_state(key: str, value: bytes) -> None:
        store = _open_store()
        store.setValue(f"{_WINDOW}/{key}", QByteArray(value))
        store.sync()


def effective_base_url(settings: Settings) -> tuple[str, str]:
    """The base URL to use and where it came from ("environment" or "settings").

    `NSCALE_BASE_URL` wins over the saved setting, for the window as for the CLI, so the README's
    `export NSCALE_BASE_URL=...` works whichever front end is started afterwards.
    """
    from_env = os.environ.get(BASE_URL_ENV_VAR, "").strip()
    if from_env:
        return from_env, BASE_URL_FROM_ENVIRONMENT
    return settings.base_url, BASE_URL_FROM_SETTINGS
