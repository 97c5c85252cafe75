"""The name Save as suggests for an image with no prompt is cleaned like a prompt (found by the
attack2 QA pass): the file's own name was suggested as it was, terminal escapes, bidi overrides
and undecodable bytes (which Qt's file dialog silently drops) included."""

from __future__ import annotations

import os

from desktop_app.ui import image_actions


def test_a_hostile_file_name_is_cleaned_when_there_is_no_prompt():
    stem = image_actions.suggested_name("", 0, "\x1b]0;title\x07\u202eevil")
    assert stem == "0 title evil"
    undecodable = os.fsdecode(b"bad\xff\xfename")
    assert image_actions.suggested_name("", 0, undecodable) == "bad name"


def test_plain_names_are_kept_and_nothing_usable_becomes_image():
    assert image_actions.suggested_name("", 0, "20261201-213940-9b248e4c-0") == \
        "20261201-213940-9b248e4c-0"
    assert image_actions.suggested_name("", 0, "\x1b\x07") == "image"
