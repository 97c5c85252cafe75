"""The interface language: which one to use, and installing its translations at start-up.

Owns choosing the language (the Settings override if it names a language we ship, else the
system's: `LANGUAGE` / `LC_ALL` / `LC_MESSAGES` / `LANG` as gettext reads them on Linux and BSD,
`QLocale.system().uiLanguages()` on Windows and macOS; anything we do not ship means English) and
installing two catalogues for it on the application: Qt's own `qtbase_<lang>.qm` from the folder
PySide6 ships them in (standard buttons, file and message dialogs, context menus of line edits)
and the app's `nscale_studio_<lang>.qm` from `desktop_app.resources/translations`. A missing or
unreadable catalogue is logged and skipped: the window then shows English, it never fails to start.
The choice is made once per process; a new choice in Settings applies at the next start.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app.settings import SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)

ENGLISH = "en"
CATALOGUE = "nscale_studio"  # resources/translations/nscale_studio_<lang>.qm
# The names a language choice shows: each in its own language (as GNOME and KDE list them), so a
# user who cannot read the current language still finds theirs. Not translated on purpose.
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français"}
# The variables gettext reads for messages, in its order of precedence (LANGUAGE is a list).
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_code(tag: str) -> str | None:
    """The language part of a locale name or BCP 47 tag ("de_DE.UTF-8@euro", "fr-CA" -> "de",
    "fr"); None for "", "C" and "POSIX" (no language: the default)."""
    tag = tag.strip().split(".", 1)[0].split("@", 1)[0]
    if not tag or tag.upper() in ("C", "POSIX"):
        return None
    code = tag.replace("-", "_").split("_", 1)[0].lower()
    return code if code.isalpha() else None


def environment_languages(environ: Mapping[str, str]) -> list[str]:
    """The languages the environment asks for, best first, as gettext reads them.

    `LANGUAGE` (a colon-separated list) comes first, unless the locale itself is "C"/"POSIX",
    which gettext takes as "no translation"; then the first of LC_ALL, LC_MESSAGES, LANG set.
    """
    locale_name = next((environ[name] for name in _LOCALE_VARIABLES if environ.get(name)), "")
    locale_language = language_code(locale_name)
    wanted: list[str] = []
    if locale_name and locale_language is None:
        return wanted  # LANG=C: untranslated, whatever LANGUAGE says
    for tag in environ.get("LANGUAGE", "").split(":"):
        code = language_code(tag)
        if code is not None:
            wanted.append(code)
    if locale_language is not None:
        wanted.append(locale_language)
    return wanted


def system_languages(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[str]:
    """The user's preferred languages, best first (codes such as "de")."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin")):
        # The OS setting; QLocale reads it (Windows: the UI language list, macOS: AppleLanguages).
        tags: Iterable[str] = QLocale.system().uiLanguages()
        return [code for code in (language_code(tag) for tag in tags) if code is not None]
    return environment_languages(environ)


def choose_language(override: str, preferred: Sequence[str]) -> str:
    """The language to show: the override if we ship it, else the first preferred one we ship,
    else English. Never fails, whatever the inputs hold."""
    if override in SUPPORTED_LANGUAGES:
        return override
    for code in preferred:
        if code == ENGLISH or code in SUPPORTED_LANGUAGES:
            return code  # an English user who also reads German still gets English
    return ENGLISH


def translations_dir() -> Path:
    """The folder with the app's compiled catalogues: the checkout's resources/translations when
    this code runs from one, else `desktop_app.resources` (a real folder in wheels and the
    PyInstaller bundle). The checkout wins so a worktree never reads another tree's catalogues
    through an editable install's mapping."""
    checkout = Path(__file__).resolve().parents[2] / "resources" / "translations"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("desktop_app.resources") / "translations"))


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def _load(app: QCoreApplication, path: Path) -> QTranslator | None:
    translator = QTranslator(app)  # owned by the app: lives as long as the translations are used
    if not path.is_file() or not translator.load(str(path)):
        log.warning("No translations loaded from %s", path)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's and the app's catalogues for `language` (anything we do not ship: English).

    English has a catalogue too, with only its plural forms ("%n image(s)" -> "1 image"); Qt's
    own strings are English without one. Returns the translators installed (possibly fewer: a
    missing file means that part stays in English).
    """
    if language not in SUPPORTED_LANGUAGES:
        language = ENGLISH
    installed = [_load(app, translations_dir() / f"{CATALOGUE}_{language}.qm")]
    if language != ENGLISH:
        installed.insert(0, _load(app, qt_translations_dir() / f"qtbase_{language}.qm"))
    return [translator for translator in installed if translator is not None]


def saved_override() -> str:
    """The language chosen in Settings ("" = the system's); "" when the settings cannot be read
    (the window reports those itself, later)."""
    try:
        from desktop_app.settings import Settings

        return Settings.load().language
    except Exception:
        log.exception("Could not read the language setting")
        return ""


def install_app_translations(app: QCoreApplication) -> str:
    """Choose the language (Settings, then the system) and install it; returns its code."""
    language = choose_language(saved_override(), system_languages())
    try:
        install_translations(app, language)
        if QLocale.system().language() != QLocale(language).language():
            # Numbers and dates as the chosen language writes them (an English window on a C
            # or German locale), not as the unrelated system locale would.
            QLocale.setDefault(QLocale(language))
    except Exception:  # a broken catalogue never keeps the window from starting
        log.exception("Could not install the %s translations", language)
        return ENGLISH
    return language
