"""Logging set-up: a rotating log file in the user log dir, with every secret redacted.

`register_secret()` adds a value (the service token) that must never reach a log record; the
redaction filter also masks anything shaped like a bearer header. Handlers added here carry the
filter, so a careless `log.debug(headers)` anywhere still cannot leak the token.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from pathlib import Path

from desktop_app import APP_ID, paths

LOG_FILE_NAME = f"{APP_ID}.log"
MASK = "***"

_BEARER_PATTERN = re.compile(
    r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?(?:bearer\s+)?|bearer\s+)[^\s'\",}]+"
)
_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def register_secret(value: str) -> None:
    """Make sure `value` is masked in every log record from now on."""
    if value and len(value) >= 4:
        with _secrets_lock:
            _secrets.add(value)


def redact(text: str) -> str:
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, MASK)
    return _BEARER_PATTERN.sub(lambda match: match.group(1) + MASK, text)


class RedactionFilter(logging.Filter):
    """Rewrites each record's final message with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Format the traceback now, redacted, so the handler never formats the raw one.
            cleaned_exc = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
            record.exc_text = cleaned_exc
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.msg = cleaned
        record.args = None
        return True


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO, *, to_file: bool = True) -> None:
    """Configure the root logger once: redacted rotating file (and nothing on stdout)."""
    root = logging.getLogger()
    if any(isinstance(f, RedactionFilter) for h in root.handlers for f in h.filters):
        return
    root.setLevel(level)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    if to_file:
        try:
            log_file().parent.mkdir(parents=True, exist_ok=True)
            handlers.append(
                logging.handlers.RotatingFileHandler(
                    log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8"
                )
            )
        except OSError:
            handlers.append(logging.NullHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactionFilter())
        root.addHandler(handler)
    logging.captureWarnings(True)
