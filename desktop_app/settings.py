"""The one typed settings object, its keys and their validation; where they are stored is pluggable.

Everything the user can change and the window remembers goes through `Settings`; keys are named
here and nowhere else. The values live in one INI file (`paths.settings_file()`) behind a small
`SettingsStore` protocol: the Qt-free `IniFileStore` (`ini_file.py`, QSettings' INI dialect)
by default, so the CLI never imports Qt, and a QSettings-backed store that the window selects at
start-up with `use_store` (`ui/settings_store.py`). The service token is deliberately not a
setting: it lives in the OS keyring (see `secrets.py`) and must never be written to this file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from desktop_app import BASE_URL_ENV_VAR, DEFAULT_BASE_URL, DEFAULT_MODEL, paths
from desktop_app.api.errors import InvalidInputError
from desktop_app.api.types import DEFAULT_SIZE, MAX_COUNT, MIN_COUNT, ImageSize
from desktop_app.ini_file import IniFileStore
from desktop_app.ini_format import Value as StoreValue


class SettingsStore(Protocol):
    """Strings, string lists and bytes under `group/key` names, as QSettings keeps them."""

    def get(self, key: str) -> StoreValue | None: ...

    def set(self, key: str, value: StoreValue) -> None: ...

    def remove(self, key: str) -> None:
        """Removes the key and every key in the group of that name."""

    def child_keys(self, group: str) -> list[str]: ...

    def sync(self) -> None:
        """Writes the changes made through this store to the file."""


def _open_ini_store() -> SettingsStore:
    # The path is looked up on every call so tests and portable setups that move the XDG folders
    # are honoured.
    return IniFileStore(paths.settings_file())


_store_factory: Callable[[], SettingsStore] = _open_ini_store


def use_store(factory: Callable[[], SettingsStore]) -> None:
    """Selects, for this process, how settings are opened (the window picks QSettings once).

    Both stores read and write the same file in the same format, so the choice changes only who
    does the writing, never what is read.
    """
    global _store_factory
    _store_factory = factory


def open_store() -> SettingsStore:
    return _store_factory()


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
_BUDGET_DAILY = "budget/daily"  # estimated USD a day; absent = no limit
_BUDGET_MONTHLY = "budget/monthly"
_LANGUAGE = "interface/language"  # "de", "fr", "en"; absent = the system's language
_WINDOW = "window"  # group: geometry, splitter and header states as bytes

DEFAULT_READ_TIMEOUT = 120.0
BASE_URL_FROM_ENVIRONMENT = "environment"
BASE_URL_FROM_SETTINGS = "settings"
# The interface languages the app ships (ui/i18n.py installs them); "" in `language` = the system's.
SUPPORTED_LANGUAGES = ("en", "de", "fr")


def _escape_model(model_id: str) -> str:
    # QSettings treats "/" as a group separator; model ids are "org/name".
    return model_id.replace("%", "%25").replace("/", "%2F")


def _unescape_model(key: str) -> str:
    return key.replace("%2F", "/").replace("%25", "%")


def _as_text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _number_text(number: float) -> str:
    # As QSettings writes a float: "120", not "120.0" (both read back the same).
    return str(int(number)) if number.is_integer() else repr(number)


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


def _as_language(value: object) -> str:
    """A language we ship, else "" (the system's): a code a later version added reads as unset."""
    return value if isinstance(value, str) and value in SUPPORTED_LANGUAGES else ""


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
    budget_daily: float | None = None  # estimated USD; None = no limit
    budget_monthly: float | None = None
    language: str = ""  # the interface language ("de"...); "" follows the system
    # What load() (or the last save()) found, as written: save() writes only the keys whose
    # value differs, so what another process (the CLI's `budget`) changed meanwhile survives.
    _saved: dict[str, object] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, store: SettingsStore | None = None) -> Settings:
        own_file = store is None  # the app's settings file: save() then writes only changes
        store = open_store() if store is None else store
        defaults = cls()
        library_dir = _as_text(store.get(_LIBRARY_DIR))
        prices: dict[str, float] = {}
        for key in store.child_keys(_PRICES):
            price = _as_price(store.get(f"{_PRICES}/{key}"))
            if price is not None:
                prices[_unescape_model(key)] = price
        count = _as_int(store.get(_DEFAULT_COUNT), 1)
        settings = cls(
            base_url=_as_text(store.get(_BASE_URL)) or defaults.base_url,
            read_timeout=_as_float(store.get(_READ_TIMEOUT), DEFAULT_READ_TIMEOUT),
            default_model=_as_text(store.get(_DEFAULT_MODEL)) or DEFAULT_MODEL,
            default_size=_as_size(store.get(_DEFAULT_SIZE), defaults.default_size),
            default_count=count if MIN_COUNT <= count <= MAX_COUNT else 1,
            last_model=_as_text(store.get(_LAST_MODEL)),
            last_size=_as_text(store.get(_LAST_SIZE)),
            last_count=_as_int(store.get(_LAST_COUNT), 0),
            cached_models=_as_str_list(store.get(_CACHED_MODELS)),
            library_dir=Path(library_dir) if library_dir else paths.default_library_dir(),
            prices=prices,
            budget_daily=_as_price(store.get(_BUDGET_DAILY)),
            budget_monthly=_as_price(store.get(_BUDGET_MONTHLY)),
            language=_as_language(store.get(_LANGUAGE)),
        )
        if own_file:
            settings._saved = settings._as_written()
        return settings

    def _as_written(self) -> dict[str, object]:
        """Each key (the prices as one group) with the value save() stores; None = removed."""
        library_dir = None if self.library_dir == paths.default_library_dir() else self.library_dir
        return {
            _BASE_URL: self.base_url,
            _READ_TIMEOUT: _number_text(self.read_timeout),
            _DEFAULT_MODEL: self.default_model,
            _DEFAULT_SIZE: self.default_size,
            _DEFAULT_COUNT: str(self.default_count),
            _LAST_MODEL: self.last_model,
            _LAST_SIZE: self.last_size,
            _LAST_COUNT: str(self.last_count),
            _CACHED_MODELS: list(self.cached_models),
            _LIBRARY_DIR: None if library_dir is None else str(library_dir),
            _PRICES: {_escape_model(model): _number_text(price)
                      for model, price in self.prices.items()},
            _BUDGET_DAILY: None if self.budget_daily is None else _number_text(self.budget_daily),
            _BUDGET_MONTHLY: (None if self.budget_monthly is None
                              else _number_text(self.budget_monthly)),
            _LANGUAGE: _as_language(self.language) or None,
        }

    def save(self, store: SettingsStore | None = None) -> None:
        """Write the keys changed since load() or the last save() of the app's settings file
        (every key to an explicit `store`, or for an object not loaded from the file); the
        file's other keys stay as another process may have left them."""
        own_file = store is None
        store = open_store() if store is None else store
        written = self._as_written()
        before = (self._saved or {}) if own_file else {}
        for key, value in written.items():
            if key in before and before[key] == value:
                continue
            if key == _PRICES:
                assert isinstance(value, dict)
                store.remove(_PRICES)
                for model_key, price in value.items():
                    store.set(f"{_PRICES}/{model_key}", price)
            elif value is None:
                store.remove(key)
            else:
                assert isinstance(value, str | list)
                store.set(key, value)
        store.sync()
        if own_file:
            self._saved = written

    @staticmethod
    def window_state(key: str, store: SettingsStore | None = None) -> bytes | None:
        value = (open_store() if store is None else store).get(f"{_WINDOW}/{key}")
        return value if isinstance(value, bytes) else None

    @staticmethod
    def set_window_state(key: str, value: bytes, store: SettingsStore | None = None) -> None:
        store = open_store() if store is None else store
        store.set(f"{_WINDOW}/{key}", bytes(value))
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
