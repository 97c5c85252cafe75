"""A batch plan: prompts (from text, CSV or JSON lines, wildcards expanded) x models x sizes x n.

Owns reading a prompt file into rows (each with its line number and its own `model`, `size` and
`n` overrides), the `{red|blue|green}` wildcard expansion (several groups give the cross product,
capped at `MAX_ITEMS`), and the plan those rows make with the defaults: every request it would
send, with its images, megapixels and estimated cost, computed before anything is sent. Bad
input raises `PlanError` naming the line. Pure Python: no Qt, no network, no library.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.api.errors import InvalidInputError
from desktop_app.api.types import MAX_COUNT, MIN_COUNT, GenerationRequest, ImageSize
from desktop_app.library.files import SkippedFile, read_regular_file
from desktop_app.usage.pricing import estimate_cost

MAX_ITEMS = 10_000
# Far above any real prompt list (10,000 prompts of 1,600 characters); keeps a hostile file small.
MAX_PROMPT_FILE_BYTES = 16 * 1024 * 1024
COLUMNS = ("prompt", "model", "size", "n")
# A group is braces holding at least one "|" and no other braces; "{word}" stays as it is.
_WILDCARD = re.compile(r"\{([^{}]*\|[^{}]*)\}")


class PlanError(ValueError):
    """Input that cannot make a plan; `message` says where (file and line) and why."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        self.message = f"line {line}: {message}" if line is not None else message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class PromptRow:
    """One prompt of the input with its own overrides (None = the batch's defaults)."""

    line: int
    prompt: str
    model: str | None = None
    size: ImageSize | None = None
    n: int | None = None


@dataclass(frozen=True)
class PlanItem:
    """One request of the plan."""

    index: int
    line: int
    prompt: str
    model: str
    size: ImageSize
    n: int
    estimated_cost: float | None  # None when the model has no known price

    @property
    def megapixels(self) -> float:
        return self.n * self.size.megapixels

    def request(self) -> GenerationRequest:
        return GenerationRequest(prompt=self.prompt, model=self.model, size=self.size, n=self.n)

    def to_json(self) -> dict[str, object]:
        return {
            "index": self.index,
            "line": self.line,
            "prompt": self.prompt,
            "model": self.model,
            "size": str(self.size),
            "n": self.n,
            "megapixels": round(self.megapixels, 6),
            "estimated_cost": _rounded(self.estimated_cost),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


@dataclass(frozen=True)
class Plan:
    """Every request a batch would send, and its totals."""

    items: tuple[PlanItem, ...]

    @property
    def requests(self) -> int:
        return len(self.items)

    @property
    def images(self) -> int:
        return sum(item.n for item in self.items)

    @property
    def megapixels(self) -> float:
        return sum(item.megapixels for item in self.items)

    @property
    def estimated_cost(self) -> float | None:
        """The sum of the items' costs; None if any item's model has no known price."""
        costs = [item.estimated_cost for item in self.items]
        return None if any(cost is None for cost in costs) else sum(c or 0.0 for c in costs)

    @property
    def known_cost(self) -> float:
        """The sum of the costs that are known (a floor when some prices are unknown)."""
        return sum(item.estimated_cost or 0.0 for item in self.items)

    def unpriced_models(self) -> list[str]:
        return sorted({item.model for item in self.items if item.estimated_cost is None})

    def to_json(self) -> dict[str, object]:
        return {
            "requests": self.requests,
            "images": self.images,
            "megapixels": round(self.megapixels, 6),
            "estimated_cost": _rounded(self.estimated_cost),
            "items": [item.to_json() for item in self.items],
        }


# --- wildcards -------------------------------------------------------------------------------


def wildcard_count(prompt: str) -> int:
    """How many prompts `expand_wildcards(prompt)` gives, without making them."""
    count = 1
    for match in _WILDCARD.finditer(prompt):
        count *= len(match.group(1).split("|"))
    return count


def expand_wildcards(prompt: str, limit: int = MAX_ITEMS) -> list[str]:
    """Every prompt `{a|b}` groups make, in order (the first group varies slowest).

    Raises PlanError (no line) when there would be more than `limit` of them.
    """
    count = wildcard_count(prompt)
    if count > limit:
        raise PlanError(f"the wildcards make {count:,} prompts; at most {limit:,} are allowed.")
    parts = _WILDCARD.split(prompt)
    # split() alternates literal text and group contents: [text, group, text, group, text].
    results = [""]
    for position, part in enumerate(parts):
        if position % 2 == 0:
            results = [prefix + part for prefix in results]
        else:
            results = [prefix + choice for prefix in results for choice in part.split("|")]
    return results


# --- reading rows ----------------------------------------------------------------------------


def parse_text(text: str) -> list[PromptRow]:
    """One prompt per line; blank lines and lines starting with `#` are skipped."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            rows.append(PromptRow(number, stripped))
    return rows


def _row(
    line: int, values: Mapping[str, object], *, from_json: bool = False
) -> PromptRow:
    unknown = sorted(set(values) - set(COLUMNS))
    if unknown:
        what = "key" if from_json else "column"
        raise PlanError(
            f"unknown {what} {unknown[0]!r}; the {what}s are {', '.join(COLUMNS)}.", line
        )
    prompt = values.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise PlanError("the prompt is empty or missing.", line)
    model = values.get("model")
    if model is not None and not isinstance(model, str):
        raise PlanError("model must be text.", line)
    size_value = values.get("size")
    size: ImageSize | None = None
    if size_value not in (None, ""):
        if not isinstance(size_value, str):
            raise PlanError("size must be text like 512x512.", line)
        try:
            size = ImageSize.parse(size_value)
        except InvalidInputError as error:
            raise PlanError(error.message, line) from None
    n = _count(values.get("n"), line)
    return PromptRow(line, prompt.strip(), (model or "").strip() or None, size, n)


def _count(value: object, line: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PlanError(f"n must be a whole number {MIN_COUNT}..{MAX_COUNT}.", line)
    try:
        n = int(value)
    except ValueError:
        raise PlanError(f"n must be a whole number {MIN_COUNT}..{MAX_COUNT}, not {value!r}.",
                        line) from None
    if not MIN_COUNT <= n <= MAX_COUNT:
        raise PlanError(f"n must be between {MIN_COUNT} and {MAX_COUNT} (got {n}).", line)
    return n


def parse_csv(text: str) -> list[PromptRow]:
    """A header row naming the columns (`prompt`, optional `model`, `size`, `n`), then rows."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return []
        names = [name.strip().lower() for name in header]
        if "prompt" not in names:
            raise PlanError("the first row must name the columns and include 'prompt'.", 1)
        unknown = [name for name in names if name not in COLUMNS]
        if unknown:
            raise PlanError(
                f"unknown column {unknown[0]!r}; the columns are {', '.join(COLUMNS)}.", 1
            )
        rows = []
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(names):
                raise PlanError(
                    f"{len(record)} fields where the header has {len(names)}.", line
                )
            rows.append(_row(line, dict(zip(names, record, strict=True))))
    except csv.Error as error:
        raise PlanError(f"not valid CSV: {error}", reader.line_num or 1) from None
    return rows


def parse_jsonl(text: str) -> list[PromptRow]:
    """One JSON object per line (`prompt`, optional `model`, `size`, `n`); blank lines skipped."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as error:
            raise PlanError(f"not valid JSON: {error}", number) from None
        except RecursionError:  # "[[[[…" thousands deep
            raise PlanError("not valid JSON: nested too deeply.", number) from None
        if not isinstance(value, dict):
            raise PlanError("each line must be a JSON object.", number)
        rows.append(_row(number, value, from_json=True))
    return rows


def read_rows(path: Path) -> tuple[list[PromptRow], bytes]:
    """The rows of a prompt file (by extension: .csv, .jsonl/.ndjson, else text) and its bytes."""
    if not os.path.lexists(path):
        raise PlanError("no such file.")
    try:
        # Never blocks on a FIFO and never reads /dev/zero forever: regular files only, capped.
        data = read_regular_file(Path(path), MAX_PROMPT_FILE_BYTES, expected="a prompt file")
    except SkippedFile as skipped:
        raise PlanError(f"cannot read it: {skipped.reason}.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PlanError("the file is not UTF-8 text.", line) from None
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return parse_csv(text), data
    if suffix in (".jsonl", ".ndjson"):
        return parse_jsonl(text), data
    return parse_text(text), data


# --- the plan --------------------------------------------------------------------------------


def build_plan(
    rows: Iterable[PromptRow],
    *,
    models: Sequence[str],
    sizes: Sequence[ImageSize],
    n: int,
    prices: Mapping[str, float],
    limit: int = MAX_ITEMS,
) -> Plan:
    """Each row's prompts (wildcards expanded) x its models x its sizes, `n` images each.

    A row's own model, size or n replaces the batch's list for that row. Raises PlanError
    (with the row's line) for a request that would be refused, or when the plan would have more
    than `limit` items.
    """
    if not models or not sizes:
        raise PlanError("a batch needs at least one model and one size.")
    items: list[PlanItem] = []
    for row in rows:
        row_models = [row.model] if row.model else list(models)
        row_sizes = [row.size] if row.size else list(sizes)
        row_n = row.n if row.n is not None else n
        count = wildcard_count(row.prompt) * len(row_models) * len(row_sizes)
        if len(items) + count > limit:
            raise PlanError(
                f"the plan would have more than {limit:,} requests "
                f"({len(items) + count:,} so far).",
                row.line,
            )
        for prompt in expand_wildcards(row.prompt, limit):
            for model in row_models:
                for size in row_sizes:
                    item = PlanItem(
                        index=len(items),
                        line=row.line,
                        prompt=prompt.strip(),
                        model=model,
                        size=size,
                        n=row_n,
                        estimated_cost=estimate_cost(model, size.width, size.height, row_n,
                                                     prices),
                    )
                    try:
                        item.request().validate()
                    except InvalidInputError as error:
                        raise PlanError(error.message, row.line) from None
                    items.append(item)
    return Plan(tuple(items))
