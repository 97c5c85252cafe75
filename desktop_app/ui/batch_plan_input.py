"""What the Batch dialog plans from: the prompt formats, reading a prompt file on a worker (regular
files only, no line over 100,000 characters), and the plan or the error to show. No widgets.
Split from batch_dialog.py (issue #13); every name is still importable from there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from desktop_app.api.types import ImageSize
from desktop_app.batch.plan import (
    MAX_PROMPT_FILE_BYTES,
    Plan,
    PlanError,
    build_plan,
    parse_csv,
    parse_jsonl,
    parse_text,
)
from desktop_app.library.files import SkippedFile, read_regular_file

PLAN_DELAY_MS = 150  # typing pauses this long before the plan is worked out again
# The longest line a prompt file may have to be shown in the editor: far above a prompt
# (10,000 characters, six times that as JSON escapes), far below what Qt lays out in a blink
# (a 1 MiB line without spaces held the GUI thread for a minute).
MAX_FILE_LINE_CHARS = 100_000

SpendCheck = Callable[[float], bool]


def allow_any_spend(_estimate: float) -> bool:
    """The spend check when no budget guard is wired: every plan may start."""
    return True


class PromptFormat(Enum):
    TEXT = "text"
    CSV = "csv"
    JSONL = "jsonl"


def format_for(path: Path) -> PromptFormat:
    """The format `batch.plan.read_rows` (the CLI) reads a file of this name in."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return PromptFormat.CSV
    if suffix in (".jsonl", ".ndjson"):
        return PromptFormat.JSONL
    return PromptFormat.TEXT


@dataclass(frozen=True)
class PlanInput:
    """What the dialog's controls say, copied on the GUI thread for the worker."""

    text: str
    format: PromptFormat
    models: tuple[str, ...]
    sizes: tuple[ImageSize, ...]
    n: int
    prices: Mapping[str, float]


def compute_plan(spec: PlanInput) -> Plan:
    """The plan for `spec`; PlanError names the line when the input is bad."""
    parse = {PromptFormat.TEXT: parse_text, PromptFormat.CSV: parse_csv,
             PromptFormat.JSONL: parse_jsonl}[spec.format]
    rows = parse(spec.text)
    if not rows:
        return Plan(())
    return build_plan(rows, models=spec.models, sizes=spec.sizes, n=spec.n, prices=spec.prices)


def plan_or_error(spec: PlanInput) -> Plan | str:
    """Worker thread: the plan, or the PlanError's message (returned, not raised: nothing of
    the worker's frames travels back to the GUI thread with a traceback)."""
    try:
        return compute_plan(spec)
    except PlanError as error:
        return str(error)


def text_or_error(path: Path) -> tuple[str, str]:
    """Worker thread: (the file's text, "") or ("", why it cannot be used)."""
    try:
        return read_prompt_file(path), ""
    except PlanError as error:
        return "", str(error)


def read_prompt_file(path: Path) -> str:
    """A prompt file's text, read as the CLI reads it (regular files only, at most
    `MAX_PROMPT_FILE_BYTES`: a FIFO or /dev/zero never blocks the worker); PlanError, with the
    line when the file is not UTF-8 or a line is too long to show, otherwise."""
    if not os.path.lexists(path):
        raise PlanError("no such file.")
    try:
        data = read_regular_file(path, MAX_PROMPT_FILE_BYTES, expected="a prompt file")
    except SkippedFile as skipped:
        raise PlanError(f"cannot read it: {skipped.reason}.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PlanError("the file is not UTF-8 text.", line) from None
    for number, line_text in enumerate(text.splitlines(), start=1):
        if len(line_text) > MAX_FILE_LINE_CHARS:
            raise PlanError(f"the line is longer than {MAX_FILE_LINE_CHARS:,} characters; "
                            "no prompt is that long.", number)
    return text
