"""Batch plans: prompt files in three formats, wildcard expansion, per-row overrides and cost."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.api.types import ImageSize
from desktop_app.batch.plan import (
    MAX_ITEMS,
    PlanError,
    PromptRow,
    build_plan,
    expand_wildcards,
    parse_csv,
    parse_jsonl,
    parse_text,
    read_rows,
    wildcard_count,
)

PRICES = {"acme/a": 0.01, "acme/b": 0.002}
S512 = ImageSize(512, 512)
S256 = ImageSize(256, 256)

word = st.text(alphabet="abcdefghij xyz", min_size=1, max_size=6)


def plan_of(rows, models=("acme/a",), sizes=(S512,), n=1, **kwargs):
    return build_plan(rows, models=list(models), sizes=list(sizes), n=n, prices=PRICES, **kwargs)


# --- wildcards -------------------------------------------------------------------------------


def test_one_group_expands_to_each_alternative_in_order():
    assert expand_wildcards("a {red|blue|green} fox") == ["a red fox", "a blue fox", "a green fox"]


def test_several_groups_make_the_cross_product_first_group_slowest():
    assert expand_wildcards("{a|b}-{1|2}") == ["a-1", "a-2", "b-1", "b-2"]


def test_braces_without_a_bar_stay_as_they_are():
    assert expand_wildcards("a {literal} and {unclosed") == ["a {literal} and {unclosed"]


def test_an_expansion_over_the_cap_is_refused_before_it_is_made():
    prompt = "{a|b|c|d|e|f|g|h|i|j}" * 5  # 100,000 prompts
    with pytest.raises(PlanError, match="100,000 prompts"):
        expand_wildcards(prompt)


@given(st.lists(st.lists(word, min_size=2, max_size=4), min_size=0, max_size=4), word)
def test_expansion_count_is_the_product_of_group_sizes_and_each_choice_appears(groups, tail):
    prompt = "".join("{" + "|".join(g) + "}" for g in groups) + "<" + tail
    expanded = expand_wildcards(prompt)
    assert len(expanded) == wildcard_count(prompt) == math.prod(len(g) for g in groups)
    assert all(text.endswith("<" + tail) for text in expanded)
    if groups:
        firsts = {text for text in expanded if text.startswith(groups[0][0])}
        assert firsts  # the first alternative of the first group leads some prompts


@given(st.text(alphabet="ab{}| \n", max_size=30))
def test_expansion_never_fails_below_the_cap_and_never_returns_nothing(prompt):
    assert len(expand_wildcards(prompt)) >= 1


# --- text, CSV, JSON lines -------------------------------------------------------------------


def test_text_skips_blank_lines_and_comments_and_keeps_line_numbers():
    rows = parse_text("# header\n\n  a cat  \n   # indented comment\nthe sea\n")
    assert rows == [PromptRow(3, "a cat"), PromptRow(5, "the sea")]


@given(st.lists(st.text(alphabet="abc #\t", max_size=8), max_size=10))
def test_text_rows_are_exactly_the_non_blank_non_comment_lines(lines):
    rows = parse_text("\n".join(lines))
    expected = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    assert [row.prompt for row in rows] == expected


def test_csv_columns_override_the_defaults_for_their_row():
    rows = parse_csv('prompt,model,size,n\n"a, cat",acme/b,256x256,3\nthe sea,,,\n')
    assert rows == [PromptRow(2, "a, cat", "acme/b", S256, 3), PromptRow(3, "the sea")]
    plan = plan_of(rows, models=("acme/a", "acme/b"), sizes=(S512,), n=2)
    assert [(i.prompt, i.model, i.size, i.n) for i in plan.items] == [
        ("a, cat", "acme/b", S256, 3),
        ("the sea", "acme/a", S512, 2),
        ("the sea", "acme/b", S512, 2),
    ]


def test_csv_unknown_column_names_line_one():
    with pytest.raises(PlanError, match=r"line 1: unknown column 'seed'"):
        parse_csv("prompt,seed\na,1\n")


def test_csv_without_a_prompt_column_is_refused():
    with pytest.raises(PlanError, match="line 1"):
        parse_csv("text\na\n")


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("prompt,size\na,512x512\nb,big\n", 3, "Size must look like"),
        ("prompt,size\na,9999x512\n", 2, "between 64 and 4096"),
        ("prompt,n\na,11\n", 2, "n must be between"),
        ("prompt,n\na,two\n", 2, "whole number"),
        ("prompt,n\na,1,extra\n", 2, "3 fields"),
        ("prompt,n\n,1\n", 2, "prompt is empty"),
        ('prompt\n"unclosed\n', 2, "not valid CSV"),
    ],
)
def test_bad_csv_rows_name_their_line(body, line, words):
    with pytest.raises(PlanError) as caught:
        parse_csv(body)
    assert caught.value.message.startswith(f"line {line}:")
    assert words in caught.value.message


def test_jsonl_keys_override_and_bad_lines_name_their_line():
    rows = parse_jsonl('{"prompt": "a", "n": 2}\n\n{"prompt": "b", "size": "256x256"}\n')
    assert rows == [PromptRow(1, "a", n=2), PromptRow(3, "b", size=S256)]
    with pytest.raises(PlanError, match=r"line 2: not valid JSON"):
        parse_jsonl('{"prompt": "a"}\n{oops\n')
    with pytest.raises(PlanError, match=r"line 1: unknown key 'seed'"):
        parse_jsonl('{"prompt": "a", "seed": 1}\n')
    with pytest.raises(PlanError, match=r"line 1: n must be"):
        parse_jsonl('{"prompt": "a", "n": true}\n')
    with pytest.raises(PlanError, match=r"line 1: each line must be a JSON object"):
        parse_jsonl('["a"]\n')


@given(
    st.lists(
        st.fixed_dictionaries(
            {"prompt": st.text(alphabet="abc xyz", min_size=1, max_size=10).filter(str.strip)},
            optional={"n": st.integers(1, 10), "size": st.sampled_from(["64x64", "512x256"]),
                      "model": st.sampled_from(["acme/a", "acme/b"])},
        ),
        max_size=8,
    )
)
def test_jsonl_round_trips_every_field(records):
    rows = parse_jsonl("\n".join(json.dumps(record) for record in records))
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row.prompt == record["prompt"].strip()
        assert row.n == record.get("n")
        assert row.model == record.get("model")
        assert (str(row.size) if row.size else None) == record.get("size")


def test_read_rows_picks_the_format_by_extension_and_reports_unreadable_files(tmp_path):
    (tmp_path / "p.csv").write_text("prompt\na\n")
    (tmp_path / "p.jsonl").write_text('{"prompt": "b"}\n')
    (tmp_path / "p.txt").write_text("\ufeffc\n")
    assert read_rows(tmp_path / "p.csv")[0] == [PromptRow(2, "a")]
    assert read_rows(tmp_path / "p.jsonl")[0] == [PromptRow(1, "b")]
    assert read_rows(tmp_path / "p.txt")[0] == [PromptRow(1, "c")]  # the BOM is not the prompt
    with pytest.raises(PlanError, match="no such file"):
        read_rows(tmp_path / "missing.txt")
    (tmp_path / "bad.txt").write_bytes(b"ok\n\xff\xfe\n")
    with pytest.raises(PlanError, match="line 2: the file is not UTF-8"):
        read_rows(tmp_path / "bad.txt")


# --- the plan and its cost -------------------------------------------------------------------


def test_plan_is_prompts_times_models_times_sizes_with_totals_and_cost():
    plan = plan_of(
        [PromptRow(1, "{a|b} cat")], models=("acme/a", "acme/b"), sizes=(S512, S256), n=2
    )
    assert plan.requests == 8
    assert plan.images == 16
    mp = 2 * (512 * 512 + 256 * 256) / 1e6
    assert plan.megapixels == pytest.approx(4 * mp)  # two prompts x two models
    assert plan.estimated_cost == pytest.approx(2 * (mp * 0.01 + mp * 0.002))
    assert [item.index for item in plan.items] == list(range(8))
    document = plan.to_json()
    assert set(document) == {"requests", "images", "megapixels", "estimated_cost", "items"}
    assert document["items"][0]["prompt"] == "a cat"


def test_a_model_without_a_price_makes_the_estimate_unknown_but_keeps_the_floor():
    plan = plan_of([PromptRow(1, "a")], models=("acme/a", "other/x"))
    assert plan.estimated_cost is None
    assert plan.known_cost == pytest.approx(0.262144 * 0.01)
    assert plan.unpriced_models() == ["other/x"]


def test_user_prices_win_over_the_defaults_in_the_estimate():
    from desktop_app.usage import effective_prices

    prices = effective_prices({"black-forest-labs/FLUX.1-schnell": 1.0})
    plan = build_plan([PromptRow(1, "a")], models=["black-forest-labs/FLUX.1-schnell"],
                      sizes=[ImageSize(1000, 1000)], n=1, prices=prices)
    assert plan.estimated_cost == pytest.approx(1.0)


def test_a_plan_over_the_item_cap_is_refused_with_the_line():
    rows = [PromptRow(1, "x"), PromptRow(7, "{a|b|c}")]
    with pytest.raises(PlanError, match=r"line 7: the plan would have more than 3 requests"):
        plan_of(rows, limit=3)
    assert MAX_ITEMS == 10_000


def test_a_wildcard_alternative_that_leaves_the_prompt_blank_names_the_line():
    with pytest.raises(PlanError, match="line 4: The prompt is empty"):
        plan_of([PromptRow(4, "{ |x}")])


@settings(max_examples=50)
@given(
    st.lists(st.integers(1, 3), min_size=1, max_size=4),
    st.integers(1, 3),
    st.integers(1, 2),
    st.integers(1, 10),
)
def test_plan_size_and_images_follow_the_product(groups, models, sizes, n):
    prompt = " ".join("{" + "|".join(f"w{i}" for i in range(count)) + "}" for count in groups)
    plan = plan_of(
        [PromptRow(1, prompt)],
        models=[f"acme/{chr(97 + i)}" for i in range(models)],
        sizes=[S512, S256][:sizes],
        n=n,
    )
    assert plan.requests == math.prod(groups) * models * sizes
    assert plan.images == plan.requests * n
