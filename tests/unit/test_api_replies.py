"""Reply parsing: error bodies of every shape, status mapping, Retry-After, successes, models."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.api import errors
from desktop_app.api.replies import (
    MAX_MESSAGE_CHARS,
    clean_text,
    error_detail,
    error_for_status,
    parse_generation_reply,
    parse_models_reply,
    parse_retry_after,
)

# --- error bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (
            b'{"error": {"message": "Bad size", "type": "x", "code": "y"}}',
            "application/json",
            "Bad size",
        ),
        (b'{"error": "plain error text"}', "application/json", "plain error text"),
        (b'{"detail": "Model is loading"}', "application/json", "Model is loading"),
        (
            b'{"detail": [{"loc": ["body", "n"], "msg": "must be <= 4"}, {"msg": "second"}]}',
            "application/json",
            "n: must be <= 4; second",
        ),
        (b'{"message": "top level message"}', "application/json", "top level message"),
        (b"upstream connect error", "text/plain", "upstream connect error"),
        (
            b"<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>",
            "text/html",
            "502 Bad Gateway: nginx",
        ),
        (
            b"<html><body><script>var x=1;</script><p>Service\n\n  down</p></body></html>",
            "text/html",
            "Service down",
        ),
        (b"", "application/json", None),
        (b"   \n", None, None),
        (b'{"unrelated": 1}', "application/json", None),
    ],
)
def test_error_detail_reads_every_known_shape(body, content_type, expected):
    assert error_detail(body, content_type) == expected


def test_error_detail_never_returns_markup_or_control_characters():
    body = b"<div>\x1b[31mred\x07</div><b>bold</b>"
    detail = error_detail(body, "text/html")
    assert detail == "[31mred bold"
    assert "<" not in detail and "\x1b" not in detail and "\x07" not in detail


def test_error_detail_is_capped():
    body = json.dumps({"error": {"message": "word " * 500}}).encode()
    detail = error_detail(body)
    assert detail is not None
    assert len(detail) <= MAX_MESSAGE_CHARS
    assert detail.endswith("…")


def test_clean_text_collapses_whitespace():
    assert clean_text("  a\tb\r\n\nc  ") == "a b c"


# --- status mapping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, errors.InvalidRequestError),
        (422, errors.InvalidRequestError),
        (401, errors.UnauthorizedError),
        (403, errors.ForbiddenError),
        (404, errors.ModelNotFoundError),
        (409, errors.InvalidRequestError),
        (429, errors.InsufficientCreditError),
        (500, errors.ServerError),
        (501, errors.ServerError),
        (502, errors.UnavailableError),
        (503, errors.UnavailableError),
        (504, errors.UnavailableError),
        (302, errors.InvalidResponseError),
    ],
)
def test_status_maps_to_error_kind(status, error_class):
    error = error_for_status(status, b"")
    assert type(error) is error_class
    assert error.status == status
    assert error.message


def test_400_carries_the_servers_message():
    error = error_for_status(400, b'{"error": {"message": "`n` must be 1..4"}}')
    assert error.detail == "`n` must be 1..4"
    assert "`n` must be 1..4" in error.message


def test_403_includes_the_servers_message():
    error = error_for_status(403, b'{"detail": "scope images:write required"}')
    assert "scope images:write required" in error.message


def test_404_names_the_model():
    error = error_for_status(404, b"", model="acme/nope")
    assert "acme/nope" in error.message


def test_retry_after_is_attached_to_the_error():
    error = error_for_status(503, b"", retry_after="7")
    assert error.retry_after == 7.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3.0),
        ("0.5", 0.5),
        ("-4", 0.0),
        ("", None),
        (None, None),
        ("soon", None),
        ("inf", None),
        ("nan", None),
    ],
)
def test_parse_retry_after_seconds(value, expected):
    assert parse_retry_after(value) == expected


def test_parse_retry_after_http_date():
    now = 1_700_000_000.0  # Tue, 14 Nov 2023 22:13:20 GMT
    assert parse_retry_after("Tue, 14 Nov 2023 22:13:30 GMT", now=now) == pytest.approx(10.0)
    assert parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now=now) == 0.0


# --- success replies ------------------------------------------------------------------------


def test_generation_reply_ignores_unknown_fields_and_keeps_items_in_order():
    body = json.dumps(
        {
            "created": 1700000000,
            "usage": {"x": 1},
            "data": [{"b64_json": "QUJD", "revised_prompt": "x"}, {"url": "https://h/i.png"}],
        }
    ).encode()
    parsed = parse_generation_reply(body)
    assert parsed.created == 1700000000
    assert [(item.index, item.b64_json, item.url) for item in parsed.items] == [
        (0, "QUJD", None),
        (1, None, "https://h/i.png"),
    ]


@pytest.mark.parametrize("created", [None, "yesterday", True, -5])
def test_generation_reply_created_is_optional(created):
    payload: dict[str, object] = {"data": [{"b64_json": "QUJD"}]}
    if created is not None:
        payload["created"] = created
    assert parse_generation_reply(json.dumps(payload).encode()).created is None


def test_an_item_without_image_becomes_an_item_error():
    parsed = parse_generation_reply(b'{"data": [{"b64_json": "QUJD"}, {"foo": 1}, 7]}')
    assert parsed.items[0].error is None
    assert isinstance(parsed.items[1].error, errors.InvalidResponseError)
    assert isinstance(parsed.items[2].error, errors.InvalidResponseError)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'{"data": {"b64_json": "x"}}',
        b'{"data": []}',
        b'{"created": 1}',
        b"\xff\xfe",
        b'"just a string"',
    ],
)
def test_bad_generation_reply_is_invalid_response(body):
    with pytest.raises(errors.InvalidResponseError):
        parse_generation_reply(body)


# --- model lists ----------------------------------------------------------------------------


def test_models_openai_shape_with_pricing_and_type():
    body = json.dumps(
        {
            "object": "list",
            "data": [
                {
                    "id": "black-forest-labs/FLUX.1-schnell",
                    "type": "image",
                    "pricing": {"input": 0, "output": 0.0013},
                },
                {"id": "meta/llama", "type": "chat", "pricing": {"input": 0.1, "output": "0.2"}},
            ],
        }
    ).encode()
    models = parse_models_reply(body)
    assert [(m.id, m.price_per_megapixel, m.is_image) for m in models] == [
        ("black-forest-labs/FLUX.1-schnell", 0.0013, True),
        ("meta/llama", 0.2, False),
    ]


def test_models_plain_list_of_strings_and_objects():
    models = parse_models_reply(b'["a/sdxl-turbo", {"id": "b/other"}, {"name": "c"}, 3, {}]')
    assert [(m.id, m.is_image) for m in models] == [
        ("a/sdxl-turbo", True),
        ("b/other", None),
        ("c", None),
    ]


def test_models_bad_prices_are_ignored():
    body = b'{"data": [{"id": "m", "pricing": {"output": "free"}}, {"id": "n", "pricing": -1}]}'
    assert [m.price_per_megapixel for m in parse_models_reply(body)] == [None, None]


@pytest.mark.parametrize("body", [b"{}", b'{"data": 5}', b"nope", b"7"])
def test_unknown_model_list_shape_is_invalid_response(body):
    with pytest.raises(errors.InvalidResponseError):
        parse_models_reply(body)


# --- nothing but ApiError escapes -----------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "data",
                    "created",
                    "b64_json",
                    "url",
                    "error",
                    "detail",
                    "message",
                    "msg",
                    "loc",
                    "id",
                    "pricing",
                    "output",
                    "type",
                    "models",
                ]
            )
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)
bodies = st.binary(max_size=300) | json_values.map(lambda value: json.dumps(value).encode())


@settings(max_examples=300, deadline=None)
@given(body=bodies)
def test_parsers_raise_only_api_errors(body):
    for parse in (parse_generation_reply, parse_models_reply):
        try:
            parse(body)
        except errors.ApiError:
            pass


@settings(max_examples=300, deadline=None)
@given(
    status=st.integers(min_value=100, max_value=999),
    body=bodies,
    content_type=st.none() | st.text(max_size=30),
    retry_after=st.none() | st.text(max_size=40) | st.integers().map(str),
)
def test_error_for_status_always_returns_a_clean_api_error(status, body, content_type, retry_after):
    error = error_for_status(status, body, content_type, retry_after=retry_after, model="m")
    assert isinstance(error, errors.ApiError)
    assert len(error.message) < 600
    assert not any(ord(char) < 32 for char in error.message)
    assert error.retry_after is None or error.retry_after >= 0
