"""API errors in the window's language (issue #17): each kind's standard message is translated
where the jobs panel shows it; in English it reads exactly as api/errors.py (the CLI's) says."""

from __future__ import annotations

import pytest

from desktop_app.api import errors
from desktop_app.jobs import error_message
from desktop_app.ui import i18n

KINDS = [cls for cls in vars(errors).values() if isinstance(cls, type)
         and issubclass(cls, errors.ApiError) and cls is not errors.ApiError]


def test_every_error_kind_has_a_translatable_message():
    assert {cls.kind for cls in KINDS} == set(errors.ErrorKind)


@pytest.mark.parametrize("kind", KINDS, ids=lambda cls: cls.__name__)
def test_in_english_the_message_is_the_api_layers(kind):
    assert error_message(kind()) == kind().message


def test_a_specific_message_is_kept_as_it_is():
    error = errors.ModelNotFoundError("The model acme/x is not offered here.")
    assert error_message(error) == "The model acme/x is not offered here."


def test_german_and_french_messages(qapp):
    for language, expected in (("de", "Das Dienst-Token wurde nicht akzeptiert (401)."),
                               ("fr", "Le jeton de service n’a pas été accepté (401).")):
        translators = i18n.install_translations(qapp, language)
        try:
            assert error_message(errors.UnauthorizedError()).startswith(expected)
        finally:
            for translator in translators:
                qapp.removeTranslator(translator)
