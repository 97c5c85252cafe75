"""Attack 3: a prompt with a lone surrogate is refused before it is sent (it could not be kept)."""

from __future__ import annotations

import pytest

from desktop_app.api.errors import InvalidInputError
from desktop_app.api.types import GenerationRequest, ImageSize
from desktop_app.batch.plan import PlanError, build_plan, parse_jsonl


def test_a_lone_surrogate_prompt_is_refused_before_sending() -> None:
    with pytest.raises(InvalidInputError, match="not valid Unicode"):
        GenerationRequest(prompt="bad \udcff byte").validate()


def test_a_jsonl_surrogate_prompt_makes_no_plan() -> None:
    rows = parse_jsonl('{"prompt": "lone \\ud800 half"}\n')
    with pytest.raises(PlanError, match="line 1"):
        build_plan(rows, models=("m",), sizes=(ImageSize(512, 512),), n=1, prices={})


def test_ordinary_unicode_still_passes() -> None:
    GenerationRequest(prompt="日本語 🎨 ‮rtl").validate()


def test_deeply_nested_jsonl_is_a_plan_error_naming_the_line() -> None:
    with pytest.raises(PlanError, match="line 2: not valid JSON"):
        parse_jsonl('{"prompt": "ok"}\n{"prompt": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
