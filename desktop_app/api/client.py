"""The Nscale API client: generate images and list models, returning plain data or typed errors.

`NscaleClient` owns one `requests.Session` and the service token (hidden from repr, logs and
errors). It validates requests, sends them through `network.Transport` (security, timeouts,
retries, size caps, cancellation), and turns replies into a `GenerationResult` of checked images
with per-item failures. The checks are the cheap, protocol-level ones (`images.check_image`: base64,
magic bytes, header, pixel limit, PNG checksums); the full pixel decode and the preview are the
generation pipeline's (`generation.generate_and_keep`), done once, before anything is saved.
It is blocking and thread-agnostic: callers run it on a worker thread. It must not import Qt,
touch the library on disk or show anything to the user.

Servers that refuse `response_format` (LiteLLM's default answers 400 naming it): the request is
sent once more without it (a 400 is not charged), and every later request to that base URL in this
process leaves it out (`_NO_RESPONSE_FORMAT`); such servers then answer with `b64_json` or `url`
items, both of which are read.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

import requests

from desktop_app.api.errors import (
    ApiError,
    CancelledError,
    InvalidRequestError,
    InvalidResponseError,
    NoTokenError,
)
from desktop_app.api.images import DEFAULT_MAX_PIXELS, check_image, decode_base64_image
from desktop_app.api.network import (
    DEFAULT_BACKOFF_BASE,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_RETRY_AFTER,
    OnRetry,
    Reply,
    SecretToken,
    Transport,
    check_base_url,
    check_token_transport,
    origin,
)
from desktop_app.api.replies import clean_text, parse_generation_reply, parse_models_reply
from desktop_app.api.types import (
    GeneratedImage,
    GenerationRequest,
    GenerationResult,
    ImageFailure,
    ModelInfo,
)

log = logging.getLogger(__name__)

_T = TypeVar("_T")

FALLBACK_MODELS: tuple[str, ...] = (
    "black-forest-labs/FLUX.1-schnell",
    "stabilityai/stable-diffusion-xl-base-1.0",
)

__all__ = ["FALLBACK_MODELS", "ModelInfo", "NscaleClient", "OnRetry"]

# Base URLs whose server refused `response_format`; shared by every client of this process, so a
# window that makes one client per job learns it once.
_NO_RESPONSE_FORMAT: set[str] = set()
_NO_RESPONSE_FORMAT_LOCK = threading.Lock()


# What one image can take in a reply: an incompressible RGBA PNG is about 4 bytes a pixel, plus
# room for its chunks and the JSON around it.
_BYTES_PER_PIXEL = 4
_BYTES_PER_IMAGE_OVERHEAD = 64 * 1024


def reply_bytes_bound(request: GenerationRequest) -> int:
    """The most bytes an honest reply to `request` can take, base64 included.

    The body cap is raised to this for a generation: ten 4096x4096 images are paid for, and a
    reply that carries them must not be abandoned at the default cap.
    """
    pixels = request.size.width * request.size.height
    per_image = pixels * _BYTES_PER_PIXEL + _BYTES_PER_IMAGE_OVERHEAD
    return request.n * per_image * 4 // 3 + _BYTES_PER_IMAGE_OVERHEAD


def _rejects_response_format(error: ApiError) -> bool:
    """A 400/422 whose server message names `response_format` (the field, not our wording)."""
    if not isinstance(error, InvalidRequestError):
        return False
    return any("response_format" in (text or "") for text in (error.detail, error.message))


class NscaleClient:
    """A blocking client for one Nscale-compatible server and one service token."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        read_timeout: float = 120,
        connect_timeout: float = 10,
        max_attempts: int = 3,
        session: requests.Session | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_pixels: int = DEFAULT_MAX_PIXELS,
        backoff_base: float = DEFAULT_BACKOFF_BASE,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
    ) -> None:
        self.base_url = base_url.strip().rstrip("/")
        self._token = SecretToken(token.strip()) if token and token.strip() else None
        self._owns_session = session is None
        self._max_pixels = max_pixels
        self._transport = Transport(
            session if session is not None else requests.Session(),
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            max_attempts=max_attempts,
            max_body_bytes=max_body_bytes,
            backoff_base=backoff_base,
            max_retry_after=max_retry_after,
        )

    def __repr__(self) -> str:
        state = "set" if self._token is not None else "missing"
        return f"NscaleClient(base_url={self.base_url!r}, token=<{state}>)"

    @property
    def has_token(self) -> bool:
        return self._token is not None

    @property
    def endpoint_host(self) -> str:
        return origin(self.base_url)[1]

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        if self._owns_session:
            self._transport.session.close()

    def __enter__(self) -> NscaleClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- generation -----------------------------------------------------------------------

    def generate(
        self,
        request: GenerationRequest,
        cancel: threading.Event | None = None,
        *,
        on_retry: OnRetry | None = None,
    ) -> GenerationResult:
        """Generate `request.n` images; raise an ApiError if not even one valid image came back.

        At most `request.n` items of the reply are used; `items_returned` says how many came.

        The images are checked but their pixels are not decoded and they carry no preview: a
        caller that keeps them runs `images.decode_and_preview` on each (as `generate_and_keep`
        does), which catches truncated or corrupt pixel data. `on_retry` hears of every retry
        after a 5xx or a failed connection (see `network.RetryNotice`).
        """
        request.validate()
        token = self._checked_token()
        started = time.monotonic()
        reply = self._guarded(lambda: self._post_generation(request, token, cancel, on_retry))
        parsed = self._guarded(lambda: parse_generation_reply(reply.body, limit=request.n))
        images: list[GeneratedImage] = []
        failures: list[ImageFailure] = []
        # A server may send more than asked (10,000 for n=1 was seen): keep the first n, and never
        # decode, check or pay the memory for the others.
        for item in parsed.items[: request.n]:
            if cancel is not None and cancel.is_set():
                raise CancelledError()
            try:
                if item.error is not None:
                    raise item.error
                data = (
                    decode_base64_image(item.b64_json)
                    if item.b64_json is not None
                    else self._download(item.url or "", cancel)
                )
                images.append(check_image(data, item.index, max_pixels=self._max_pixels))
            except CancelledError:
                raise
            except ApiError as error:
                failures.append(ImageFailure(item.index, self._as_invalid_response(error)))
        if not images:
            first = failures[0].error if failures else None
            raise InvalidResponseError(
                f"The server sent no usable image. {first.message}" if first else None
            )
        if failures:
            log.info("%d of %d images in the reply were unusable", len(failures), len(parsed.items))
        request_id = reply.header("x-request-id")
        return GenerationResult(
            request=request,
            images=tuple(images),
            failures=tuple(failures),
            created=parsed.created if parsed.created is not None else int(time.time()),
            latency_s=time.monotonic() - started,
            endpoint_host=self.endpoint_host,
            request_id=clean_text(request_id, 200) or None if request_id else None,
            items_returned=parsed.returned,
        )

    def _post_generation(
        self,
        request: GenerationRequest,
        token: SecretToken,
        cancel: threading.Event | None,
        on_retry: OnRetry | None,
    ) -> Reply:
        body = request.to_json()
        with _NO_RESPONSE_FORMAT_LOCK:
            if self.base_url in _NO_RESPONSE_FORMAT:
                body.pop("response_format", None)

        def send() -> Reply:
            return self._transport.request(
                "POST",
                f"{self.base_url}/images/generations",
                token=token,
                json_body=body,
                cancel=cancel,
                model=request.model.strip(),
                on_retry=on_retry,
                max_body_bytes=reply_bytes_bound(request),
            )

        try:
            return send()
        except ApiError as error:
            if "response_format" not in body or not _rejects_response_format(error):
                raise
        log.info("%s refused response_format; sending again without it", self.endpoint_host)
        with _NO_RESPONSE_FORMAT_LOCK:
            _NO_RESPONSE_FORMAT.add(self.base_url)
        del body["response_format"]
        return send()

    def _download(self, url: str, cancel: threading.Event | None) -> bytes:
        """Fetch an image a reply pointed to; the token goes only to the API's own origin."""
        if url.startswith("data:"):
            return decode_base64_image(url)
        try:
            check_base_url(url)
        except ApiError:
            raise InvalidResponseError("An image URL in the reply is not an http(s) URL.") from None
        same_origin = origin(url) == origin(self.base_url)
        reply = self._guarded(
            lambda: self._transport.request(
                "GET",
                url,
                token=self._token if same_origin else None,
                cancel=cancel,
                retry=False,
                follow_redirects=not same_origin,
                accept="image/*",
            )
        )
        return reply.body

    @staticmethod
    def _as_invalid_response(error: ApiError) -> InvalidResponseError:
        if isinstance(error, InvalidResponseError):
            return error
        return InvalidResponseError(
            f"An image could not be downloaded: {error.message}", status=error.status
        )

    # -- models ---------------------------------------------------------------------------

    def list_model_info(self, cancel: threading.Event | None = None) -> list[ModelInfo]:
        """Every model the server lists, with its price per megapixel when it gives one."""
        token = self._checked_token()
        reply = self._guarded(
            lambda: self._transport.request(
                "GET", f"{self.base_url}/models", token=token, cancel=cancel
            )
        )
        return self._guarded(lambda: parse_models_reply(reply.body))

    def list_models(self, cancel: threading.Event | None = None) -> list[str]:
        """Ids of image models; every id if the server does not say which models make images."""
        infos = self.list_model_info(cancel)
        images = [info.id for info in infos if info.is_image]
        return images or [info.id for info in infos]

    def list_models_or_fallback(
        self, cancel: threading.Event | None = None
    ) -> tuple[list[str], ApiError | None]:
        """The server's image models, or FALLBACK_MODELS with the reason the list is unavailable."""
        try:
            models = self.list_models(cancel)
        except CancelledError:
            raise
        except ApiError as error:
            log.info("model list unavailable (%s); using the built-in list", error.kind.value)
            return list(FALLBACK_MODELS), error
        if not models:
            return list(FALLBACK_MODELS), None
        return models, None

    # -- helpers --------------------------------------------------------------------------

    def _checked_token(self) -> SecretToken:
        check_base_url(self.base_url)
        if self._token is None:
            raise NoTokenError()
        check_token_transport(self.base_url)
        return self._token

    def _guarded(self, action: Callable[[], _T]) -> _T:
        """Run `action`; scrub the token from any error it raises (servers may echo it)."""
        try:
            return action()
        except ApiError as error:
            self._scrub(error)
            raise

    def _scrub(self, error: ApiError) -> None:
        if self._token is None:
            return
        secret = self._token.reveal()
        for name in ("message", "detail"):
            value = getattr(error, name)
            if isinstance(value, str) and secret in value:
                setattr(error, name, value.replace(secret, "<token>"))
        error.args = (error.message,)
