"""`desktop_app.text_safety`: eliding and control escaping, the rules both front ends share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.text_safety import ELLIPSIS, elided, escape_controls, one_line


def test_short_text_is_unchanged():
    assert elided("a lighthouse", 20, 2) == "a lighthouse"
    assert elided("x" * 20, 20) == "x" * 20


def test_long_text_is_cut_with_an_ellipsis():
    assert elided("x" * 21, 20) == "x" * 20 + ELLIPSIS


def test_extra_lines_are_cut():
    assert elided("one\ntwo\nthree", 100, 2) == "one\ntwo" + ELLIPSIS


def test_one_line_collapses_every_kind_of_line_break():
    assert one_line(" a\nb\r\nc\u2028d\x85e\tf ") == "a b c d e f"


@given(text=st.text(), max_chars=st.integers(1, 50), max_lines=st.integers(1, 5))
def test_elided_is_always_bounded(text, max_chars, max_lines):
    shown = elided(text, max_chars, max_lines)
    assert len(shown) <= max_chars + 1
    assert shown.count("\n") < max_lines


@given(text=st.text())
def test_escaped_text_has_no_control_or_bidi_character(text):
    shown = escape_controls(text, keep="")
    assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in shown)
    bidi = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert not any(char in shown for char in bidi)
    assert escape_controls(shown, keep="") == shown  # escaping twice changes nothing
