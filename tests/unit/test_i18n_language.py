"""Choosing the interface language (issue #17): the system's (gettext's variables on Linux, the
OS list elsewhere), an override from Settings that wins, and English for anything we do not ship."""

from __future__ import annotations

import pytest

from desktop_app.settings import SUPPORTED_LANGUAGES, Settings
from desktop_app.ui import i18n


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANGUAGE": "fr:de", "LANG": "de_DE.UTF-8"}, "fr"),
    ({"LANGUAGE": "es:de", "LANG": "es_ES.UTF-8"}, "de"),  # gettext walks the list
    ({"LC_ALL": "fr_CA.UTF-8", "LANG": "de_DE.UTF-8"}, "fr"),
    ({"LC_MESSAGES": "de_AT@euro", "LANG": "fr_FR.UTF-8"}, "de"),
    ({"LANG": "en_GB.UTF-8", "LANGUAGE": "en_GB:de"}, "en"),  # English first stays English
    ({"LANG": "C.UTF-8", "LANGUAGE": "de"}, "en"),  # gettext ignores LANGUAGE under C
    ({"LANG": "xx_YY.UTF-8"}, "en"),
    ({"LANG": "pt_BR.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANGUAGE": ":::", "LANG": "!!"}, "en"),
])
def test_the_system_language_on_linux(environ, expected):
    preferred = i18n.system_languages(environ, platform="linux")
    assert i18n.choose_language("", preferred) == expected


def test_the_override_wins_over_the_system():
    preferred = i18n.system_languages({"LANG": "de_DE.UTF-8"}, platform="linux")
    assert i18n.choose_language("fr", preferred) == "fr"
    assert i18n.choose_language("en", preferred) == "en"


def test_an_unknown_override_falls_back_to_the_system_then_english():
    assert i18n.choose_language("klingon", ["de"]) == "de"
    assert i18n.choose_language("klingon", ["xx"]) == "en"


def test_windows_and_macos_ask_the_os_not_the_environment(monkeypatch):
    class FakeLocale:
        def uiLanguages(self):
            return ["fr-CA", "en-US"]

    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: FakeLocale()))
    for platform in ("win32", "darwin"):
        preferred = i18n.system_languages({"LANG": "de_DE.UTF-8"}, platform=platform)
        assert i18n.choose_language("", preferred) == "fr"


@pytest.mark.parametrize(("tag", "code"), [
    ("de_DE.UTF-8", "de"), ("fr-CA", "fr"), ("de_AT@euro", "de"), ("C", None), ("POSIX", None),
    ("", None), ("  ", None), ("12", None),
])
def test_language_codes_from_locale_names(tag, code):
    assert i18n.language_code(tag) == code


def test_the_language_setting_round_trips_and_unknown_values_read_as_system(isolated_home):
    settings = Settings.load()
    assert settings.language == ""
    settings.language = "de"
    settings.save()
    assert Settings.load().language == "de"
    settings.language = ""
    settings.save()
    assert Settings.load().language == ""


def test_a_language_from_a_later_version_reads_as_the_system_default(isolated_home):
    from desktop_app import paths

    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text("[interface]\nlanguage=tlh\n", encoding="utf-8")
    assert Settings.load().language == ""


def test_supported_languages_are_the_shipped_catalogues():
    assert set(SUPPORTED_LANGUAGES) == {"en", "de", "fr"}
    for code in SUPPORTED_LANGUAGES:
        assert (i18n.translations_dir() / f"nscale_studio_{code}.qm").is_file()
