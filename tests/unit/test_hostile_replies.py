"""Server messages are plain text, and validation replies keep what was invalid.

A JSON error message can carry markup as easily as an HTML page can; and a 422 in problem+json
shape (Prism on OpenAI's spec, LiteLLM, many frameworks) says what was wrong in a list that a
reader of `title`/`detail` alone would lose.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.api.errors import ErrorKind
from desktop_app.api.replies import error_detail, error_for_status


def body(value: object) -> bytes:
    return json.dumps(value).encode()


HOSTILE = '<img src="file:///dev/zero"><font size=100 color=red>HUGE</font>'


@pytest.mark.parametrize(
    "value",
    [
        {"error": {"message": HOSTILE, "type": "invalid_request_error"}},
        {"error": HOSTILE},
        {"detail": HOSTILE},
        {"detail": [{"loc": ["body", "prompt"], "msg": HOSTILE}]},
        {"message": HOSTILE},
        HOSTILE,
        {"title": HOSTILE, "validation": [{"location": ["body", "size"], "message": HOSTILE}]},
    ],
)
def test_tags_are_stripped_from_json_error_messages(value):
    detail = error_detail(body(value), "application/json")
    assert detail is not None and "HUGE" in detail
    assert "<" not in detail and ">" not in detail


def test_text_that_only_looks_like_comparison_is_not_taken_for_tags():
    detail = error_detail(body({"error": {"message": "width must be < 2048 and > 64"}}))
    assert detail == "width must be < 2048 and > 64"
    page = b"<html><body><p>width must be < 2048 and > 64</p></body></html>"
    assert error_detail(page, "text/html") == "width must be < 2048 and > 64"


def test_entities_are_kept_literally_unless_the_message_is_markup():
    assert error_detail(body({"detail": "use &amp; here"})) == "use &amp; here"
    assert error_detail(body({"detail": "<b>bold</b> &amp; done"})) == "bold & done"


PRISM_422 = {
    "type": "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
    "title": "Invalid request",
    "status": 422,
    "detail": "Your request is not valid and no HTTP validation response was found in the spec, "
              "so Prism is generating this error for you.",
    "validation": [
        {"location": ["body", "size"], "severity": "Error", "code": "pattern",
         "message": "must be WxH"},
        {"location": ["body", "n"], "severity": "Error", "code": "maximum",
         "message": "must be <= 10"},
    ],
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (PRISM_422, "Invalid request: size: must be WxH; n: must be <= 10"),
        ({"title": "Bad Request", "errors": [{"field": "size", "message": "must be WxH"}]},
         "Bad Request: size: must be WxH"),
        ({"errors": [{"pointer": "/size", "detail": "must be WxH"}]}, "size: must be WxH"),
        ({"title": "Your request parameters didn't validate.",
          "invalid_params": [{"name": "size", "reason": "must be WxH"}]},
         "Your request parameters didn't validate: size: must be WxH"),
        ({"message": "The given data was invalid.", "errors": {"size": ["must be WxH"]}},
         "The given data was invalid: size: must be WxH"),
        ({"type": "about:blank", "detail": "Invalid body", "errors": ["size must be WxH"]},
         "Invalid body: size must be WxH"),
    ],
)
def test_a_422_keeps_what_was_invalid(value, expected):
    error = error_for_status(422, body(value), "application/problem+json")
    assert error.kind == ErrorKind.INVALID_REQUEST
    assert error.detail == expected
    assert expected in error.message


def test_a_problem_without_a_list_still_shows_its_detail():
    value = {"type": "about:blank", "title": "Unprocessable", "detail": "size must be WxH"}
    assert error_detail(body(value)) == "size must be WxH"


@given(
    title=st.text(max_size=40),
    items=st.lists(
        st.fixed_dictionaries({"location": st.lists(st.text(max_size=10), max_size=3),
                               "message": st.text(max_size=40)}),
        max_size=8,
    ),
)
def test_any_validation_reply_gives_one_clean_line(title, items):
    detail = error_detail(body({"title": title, "validation": items}))
    if detail is not None:
        assert "\n" not in detail and len(detail) <= 300
        assert not any(ord(char) < 32 for char in detail)
