"""The one error hierarchy for everything that can go wrong talking to an image server.

Each failure has a kind (`ErrorKind`) and a short message a person can act on. Front ends map
kinds to actions (the window) or exit codes (the CLI) in one table each; nobody matches on
message text. Messages never contain the service token or a raw response body.
"""

from __future__ import annotations

from enum import Enum


class ErrorKind(Enum):
    INVALID_INPUT = "invalid_input"  # refused locally, before any request was sent
    NO_TOKEN = "no_token"
    INSECURE_TRANSPORT = "insecure_transport"
    INVALID_REQUEST = "invalid_request"  # 400 / 422
    UNAUTHORIZED = "unauthorized"  # 401
    FORBIDDEN = "forbidden"  # 403
    MODEL_NOT_FOUND = "model_not_found"  # 404
    INSUFFICIENT_CREDIT = "insufficient_credit"  # 429 on Nscale: never a rate limit
    SERVER_ERROR = "server_error"  # 500 and other 5xx
    UNAVAILABLE = "unavailable"  # 502 / 503 / 504
    NETWORK = "network"
    TIMEOUT = "timeout"
    INVALID_RESPONSE = "invalid_response"
    CANCELLED = "cancelled"


_DEFAULT_MESSAGES: dict[ErrorKind, str] = {
    ErrorKind.INVALID_INPUT: "The request is not valid.",
    ErrorKind.NO_TOKEN: (
        "No service token is set. Create one in the Nscale console, then add it in Settings "
        "(or with the command nscale-studio-cli token set, or the NSCALE_SERVICE_TOKEN "
        "environment variable)."
    ),
    ErrorKind.INSECURE_TRANSPORT: (
        "Refusing to send the service token over plain http:// to a non-local host. "
        "Use an https:// base URL (plain http:// is allowed only for 127.0.0.1 / localhost)."
    ),
    ErrorKind.INVALID_REQUEST: "The server rejected the request.",
    ErrorKind.UNAUTHORIZED: "The service token was not accepted (401). Check or replace it.",
    ErrorKind.FORBIDDEN: "The service token is not allowed to do this (403).",
    ErrorKind.MODEL_NOT_FOUND: "The model was not found or is unavailable (404).",
    ErrorKind.INSUFFICIENT_CREDIT: (
        "Insufficient credit (429). Top up your Nscale account; the request was not retried."
    ),
    ErrorKind.SERVER_ERROR: "The server failed to process the request (500). Try again later.",
    ErrorKind.UNAVAILABLE: "The service is temporarily unavailable. Try again shortly.",
    ErrorKind.NETWORK: "Could not reach the server. Check the network and the base URL.",
    ErrorKind.TIMEOUT: "The server did not answer in time.",
    ErrorKind.INVALID_RESPONSE: "The server sent a reply the app could not understand.",
    ErrorKind.CANCELLED: "Cancelled.",
}

# Kinds worth sending again: the server may succeed next time and nothing was charged.
RETRYABLE_KINDS = frozenset({ErrorKind.SERVER_ERROR, ErrorKind.UNAVAILABLE, ErrorKind.NETWORK})


class ApiError(Exception):
    """A failure of one request, with a kind and a short human message."""

    kind: ErrorKind = ErrorKind.INVALID_RESPONSE

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        detail: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.message = message or _DEFAULT_MESSAGES[self.kind]
        self.status = status
        self.detail = detail  # the server's own (cleaned, capped) message, if any
        self.retry_after = retry_after  # seconds the server asked us to wait, if it did
        super().__init__(self.message)

    @property
    def is_retryable(self) -> bool:
        return self.kind in RETRYABLE_KINDS

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind.value!r}, status={self.status!r})"


class InvalidInputError(ApiError):
    kind = ErrorKind.INVALID_INPUT


class NoTokenError(ApiError):
    kind = ErrorKind.NO_TOKEN


class InsecureTransportError(ApiError):
    kind = ErrorKind.INSECURE_TRANSPORT


class InvalidRequestError(ApiError):
    kind = ErrorKind.INVALID_REQUEST


class UnauthorizedError(ApiError):
    kind = ErrorKind.UNAUTHORIZED


class ForbiddenError(ApiError):
    kind = ErrorKind.FORBIDDEN


class ModelNotFoundError(ApiError):
    kind = ErrorKind.MODEL_NOT_FOUND


class InsufficientCreditError(ApiError):
    kind = ErrorKind.INSUFFICIENT_CREDIT


class ServerError(ApiError):
    kind = ErrorKind.SERVER_ERROR


class UnavailableError(ApiError):
    kind = ErrorKind.UNAVAILABLE


class NetworkError(ApiError):
    kind = ErrorKind.NETWORK


class RequestTimeoutError(ApiError):
    kind = ErrorKind.TIMEOUT


class InvalidResponseError(ApiError):
    kind = ErrorKind.INVALID_RESPONSE


class CancelledError(ApiError):
    kind = ErrorKind.CANCELLED


ERROR_CLASSES: dict[ErrorKind, type[ApiError]] = {
    cls.kind: cls
    for cls in (
        InvalidInputError,
        NoTokenError,
        InsecureTransportError,
        InvalidRequestError,
        UnauthorizedError,
        ForbiddenError,
        ModelNotFoundError,
        InsufficientCreditError,
        ServerError,
        UnavailableError,
        NetworkError,
        RequestTimeoutError,
        InvalidResponseError,
        CancelledError,
    )
}
