"""Plain data that travels between layers: requests, decoded images and results.

All of it is frozen dataclasses with no Qt and no I/O, so signals, the library and the CLI can
pass them around safely between threads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from desktop_app import DEFAULT_MODEL
from desktop_app.api.errors import ApiError, InvalidInputError

MIN_SIDE = 64
MAX_SIDE = 4096
MIN_COUNT = 1
MAX_COUNT = 10
MAX_PROMPT_CHARS = 10_000

_SIZE_PATTERN = re.compile(r"^\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*$")


@dataclass(frozen=True, order=True)
class ImageSize:
    width: int
    height: int

    @classmethod
    def parse(cls, text: str) -> ImageSize:
        """Parse "WxH"; raise InvalidInputError with a message that says what is allowed."""
        match = _SIZE_PATTERN.match(text or "")
        if not match:
            raise InvalidInputError(f"Size must look like 512x512 (width x height), not {text!r}.")
        size = cls(int(match.group(1)), int(match.group(2)))
        size.validate()
        return size

    def validate(self) -> None:
        for side in (self.width, self.height):
            if not MIN_SIDE <= side <= MAX_SIDE:
                raise InvalidInputError(
                    f"Width and height must be between {MIN_SIDE} and {MAX_SIDE} pixels "
                    f"(got {self.width}x{self.height})."
                )

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1_000_000

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"


DEFAULT_SIZE = ImageSize(512, 512)


@dataclass(frozen=True)
class GenerationRequest:
    """What the user asked for. `validate()` refuses bad input before anything is sent."""

    prompt: str
    model: str = DEFAULT_MODEL
    size: ImageSize = DEFAULT_SIZE
    n: int = 1

    def validate(self) -> None:
        if not self.prompt or not self.prompt.strip():
            raise InvalidInputError("The prompt is empty: describe the image you want.")
        if len(self.prompt) > MAX_PROMPT_CHARS:
            raise InvalidInputError(f"The prompt is longer than {MAX_PROMPT_CHARS} characters.")
        if not self.model or not self.model.strip():
            raise InvalidInputError("Choose a model.")
        # A lone surrogate (a bad byte from argv, "\ud800" in JSON) is sent fine as JSON but
        # cannot be stored in the library's index: refuse it before the request is paid for.
        for what, text in (("prompt", self.prompt), ("model id", self.model)):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as error:
                raise InvalidInputError(
                    f"The {what} holds text that is not valid Unicode "
                    f"(character {error.start + 1}); retype or remove it."
                ) from None
        self.size.validate()
        if not MIN_COUNT <= self.n <= MAX_COUNT:
            raise InvalidInputError(
                f"The number of images must be between {MIN_COUNT} and {MAX_COUNT} (got {self.n})."
            )

    def to_json(self) -> dict[str, object]:
        return {
            "model": self.model.strip(),
            "prompt": self.prompt,
            "size": str(self.size),
            "n": self.n,
            "response_format": "b64_json",
        }


# Longest side of a preview (`api.images`); the library's thumbnail cache uses the same number,
# so a preview made there is exactly the thumbnail it would otherwise make from the saved file.
# Here, not beside the decoding, so the library can name it without importing Pillow.
PREVIEW_PIXELS = 256


class ImageFormat(Enum):
    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"

    @property
    def extension(self) -> str:
        return {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}[self.value]

    @property
    def mime_type(self) -> str:
        return f"image/{self.value}"


@dataclass(frozen=True)
class GeneratedImage:
    """One verified image from a reply: the bytes exactly as received, checked by Pillow."""

    data: bytes = field(repr=False)
    format: ImageFormat
    width: int
    height: int
    index: int  # position in the reply's data[]
    # A <= 256 px JPEG (PNG if the image has alpha) made by `images.decode_and_preview` from the
    # one full decode of the pipeline, so the library caches the thumbnail without decoding the
    # image again; None until then (the client only checks headers).
    preview: bytes | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class ImageFailure:
    """An item of a reply that could not be turned into a valid image."""

    index: int
    error: ApiError


@dataclass(frozen=True)
class GenerationResult:
    request: GenerationRequest
    images: tuple[GeneratedImage, ...]
    failures: tuple[ImageFailure, ...] = ()
    created: int = 0  # server's unix time, or ours when it sent none
    latency_s: float = 0.0  # request sent -> whole reply decoded
    endpoint_host: str = ""
    request_id: str | None = None  # the server's x-request-id, if it sent one
    # Items in the reply's data[], which may be more or fewer than request.n (only the first n
    # are kept); 0 when not known, then len(images) + len(failures).
    items_returned: int = 0


@dataclass(frozen=True)
class ModelInfo:
    """A model the server lists, with its price if the server publishes one."""

    id: str
    price_per_megapixel: float | None = None  # USD; None when the server gives no price
    is_image: bool | None = None  # None when the server does not say what the model does
