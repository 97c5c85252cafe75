"""Every on-disk location the app uses, derived from platformdirs in one place.

Nothing else in the project builds a path under the user's home; tests redirect all of these by
pointing the XDG variables (or their platform equivalents) at a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from desktop_app import APP_ID


def _dirs() -> platformdirs.PlatformDirs:
    # Built on each call so a changed environment (tests, portable mode) is honoured.
    return platformdirs.PlatformDirs(appname=APP_ID, appauthor=False)


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def settings_file() -> Path:
    return config_dir() / "settings.ini"


def log_dir() -> Path:
    return Path(_dirs().user_log_dir)


def cache_dir() -> Path:
    return Path(_dirs().user_cache_dir)


def default_library_dir() -> Path:
    return data_dir() / "library"


def unsaved_images_dir() -> Path:
    """Where the CLI writes paid images the library could not keep (one subfolder per request)."""
    return data_dir() / "unsaved"


def quit_fallback_folders(name: str) -> list[Path]:
    """Where the window writes, at quit, paid images the library could not keep, first choice
    first: `name` under `unsaved_images_dir()`, else in the system's temporary folder (the data
    folder is often on the very disk that just filled up). A job's row names the same places."""
    import tempfile

    folders = [unsaved_images_dir() / name]
    try:
        folders.append(Path(tempfile.gettempdir()) / f"{APP_ID}-unsaved-{name}")
    except OSError:  # no usable temporary folder at all (a full disk): that one is no choice
        pass
    return folders
