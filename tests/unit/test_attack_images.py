"""Attack on reply image decoding that broke: base64 split into millions of tiny lines.

`decode_base64_image` dropped whitespace with `"".join(text.split())`: a 112 MB reply of
"AB\\n" repeated made 28 million strings (2.2 GB, 15 s) before being refused. Memory is measured
with tracemalloc as a multiple of the text's size, never as time.
"""

from __future__ import annotations

import base64
import io
import tracemalloc

import pytest
from PIL import Image

from desktop_app.api.errors import InvalidResponseError
from desktop_app.api.images import decode_base64_image


def test_base64_in_millions_of_short_lines_costs_about_its_own_size():
    text = "AB\n" * 2_000_000  # 6 MB of text, 2 million "lines"
    tracemalloc.start()
    try:
        decode_base64_image(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(text)


def test_wrapped_base64_still_decodes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    data = buffer.getvalue()
    encoded = base64.b64encode(data).decode()
    wrapped = "\r\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
    assert decode_base64_image(f" {wrapped}\t\n") == data


@pytest.mark.parametrize("text", ["QUJD\u00e9", "QU\u2028JD", "QUJD!"])
def test_anything_but_the_alphabet_and_ascii_whitespace_is_refused(text):
    with pytest.raises(InvalidResponseError, match="not valid base64"):
        decode_base64_image(text)
