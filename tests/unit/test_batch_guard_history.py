"""The journal's durable states, the spend guard's figures and the prompt history store."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop_app.api.types import GenerationRequest, ImageSize
from desktop_app.batch.journal import DONE, FAILED, SENT, UNKNOWN, Journal, batch_key
from desktop_app.library import Library
from desktop_app.library.history import record_prompt, search_history, set_pinned
from desktop_app.settings import Settings
from desktop_app.usage.budget import (
    BudgetLimits,
    check_budget,
    parse_limit,
    period_spend,
    refusal_for,
)
from tests.unit.test_usage_recorder import FLUX, at, insert_rows

PRICES = {FLUX: 0.0013}

# --- journal ---------------------------------------------------------------------------------


def test_batch_key_changes_with_content_and_options_only():
    key = batch_key(b"a\n", {"models": ["m"], "n": 1})
    assert key == batch_key(b"a\n", {"n": 1, "models": ["m"]})
    assert key != batch_key(b"b\n", {"models": ["m"], "n": 1})
    assert key != batch_key(b"a\n", {"models": ["m"], "n": 2})


def test_journal_reads_back_the_last_state_of_each_item_and_skips_a_torn_line():
    journal = Journal.load("k", 4, resume=False)
    journal.start("prompts.txt")
    journal.record_sent(0)
    journal.record_done(0, ["/lib/a.png"])
    journal.record_sent(1)
    journal.record_sent(2)
    journal.record_outcome(2, FAILED, "server_error", "boom")
    journal.record_sent(3)
    journal.record_outcome(3, UNKNOWN, "timeout", "no answer")
    with open(journal.path, "a", encoding="utf-8") as stream:
        stream.write('{"item": 1, "state": "do')  # killed mid-write

    again = Journal.load("k", 4, resume=True)
    assert {i: r.state for i, r in again.records.items()} == {
        0: DONE, 1: SENT, 2: FAILED, 3: UNKNOWN,
    }
    assert again.records[0].paths == ["/lib/a.png"]
    assert again.records[2].kind == "server_error"
    assert again.runs == 1


def test_sent_is_on_disk_before_the_call_returns():
    journal = Journal.load("k2", 1, resume=False)
    journal.start()
    journal.record_sent(0)
    lines = journal.path.read_text().splitlines()
    assert json.loads(lines[-1])["state"] == SENT


def test_a_batch_that_is_not_resumed_starts_its_journal_over():
    journal = Journal.load("k3", 2, resume=False)
    journal.start()
    journal.record_done(0, ["x"])
    fresh = Journal.load("k3", 2, resume=False)
    assert fresh.had_records and fresh.records == {}
    fresh.start()
    assert Journal.load("k3", 2, resume=True).records == {}


# --- budget ----------------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path):
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


TODAY = dt.date(2026, 11, 20)


def spend_rows(library):
    # 1 MP of FLUX each: $0.0013 today, $0.0026 earlier this month, $1.30 last month.
    insert_rows(library.database_path, [
        {"started": at(TODAY, 9), "model": FLUX, "width": 1000, "height": 1000, "n": 1,
         "images": 1, "status": "ok"},
        {"started": at(TODAY, 10), "model": FLUX, "width": 1000, "height": 1000, "n": 1,
         "images": 0, "status": "server_error"},  # failures are not charged
        {"started": at(dt.date(2026, 11, 2), 9), "model": FLUX, "width": 1000, "height": 1000,
         "n": 2, "images": 2, "status": "ok"},
        {"started": at(dt.date(2026, 10, 30), 9), "model": FLUX, "width": 1000,
         "height": 1000, "n": 1000, "images": 1000, "status": "ok"},
    ])


def test_period_spend_sums_the_day_and_the_month_from_usage_records(library):
    spend_rows(library)
    day, month = period_spend(BudgetLimits(daily=0.01), library.database_path, PRICES, TODAY)
    assert day.spent == pytest.approx(0.0013)
    assert month.spent == pytest.approx(0.0039)
    assert day.remaining == pytest.approx(0.0087)
    assert month.remaining is None


def test_check_budget_refuses_when_spent_plus_estimate_passes_a_limit(library):
    spend_rows(library)
    limits = BudgetLimits(daily=0.002, monthly=1.0)
    assert check_budget(limits, 0.0007, library.database_path, PRICES, TODAY) is None
    refusal = check_budget(limits, 0.0008, library.database_path, PRICES, TODAY)
    assert refusal is not None and refusal.period.period == "daily"
    assert "$0.0013 spent" in refusal.message and "$0.0020" in refusal.message
    monthly = check_budget(BudgetLimits(monthly=0.004), 0.0002, library.database_path, PRICES,
                           TODAY)
    assert monthly is not None and monthly.period.period == "monthly"
    assert check_budget(BudgetLimits(), 1e9, library.database_path, PRICES, TODAY) is None


def test_refusal_for_requests_prices_them_like_the_plan(library):
    request = GenerationRequest("a", FLUX, ImageSize(1000, 1000), 2)  # $0.0026
    assert refusal_for([request], BudgetLimits(daily=0.003), library.database_path, PRICES,
                       TODAY) is None
    assert refusal_for([request, request], BudgetLimits(daily=0.003), library.database_path,
                       PRICES, TODAY) is not None


def test_limits_are_settings_that_survive_a_reload():
    settings = Settings.load()
    assert (settings.budget_daily, settings.budget_monthly) == (None, None)
    settings.budget_daily, settings.budget_monthly = 2.5, 40.0
    settings.save()
    loaded = Settings.load()
    assert (loaded.budget_daily, loaded.budget_monthly) == (2.5, 40.0)
    loaded.budget_daily = None
    loaded.save()
    assert Settings.load().budget_daily is None


@pytest.mark.parametrize("text", ["-1", "abc", "nan", "inf", ""])
def test_parse_limit_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueError, match="US dollars"):
        parse_limit(text)


def test_parse_limit_refuses_a_limit_that_could_never_refuse_anything():
    assert parse_limit("1000000") == 1_000_000
    with pytest.raises(ValueError, match="at most"):
        parse_limit("99999999999999999999")


# --- history ---------------------------------------------------------------------------------


def test_history_deduplicates_counts_and_keeps_the_last_settings(tmp_path):
    record_prompt(tmp_path, GenerationRequest("a cat", "m/one", ImageSize(512, 512), 1), now=10)
    record_prompt(tmp_path, GenerationRequest("the sea", "m/one", ImageSize(512, 512), 1), now=20)
    record_prompt(tmp_path, GenerationRequest("a cat", "m/two", ImageSize(256, 256), 3), now=30)
    entries = search_history(tmp_path)
    assert [entry.prompt for entry in entries] == ["a cat", "the sea"]
    cat = entries[0]
    assert (cat.uses, cat.first_used, cat.last_used) == (2, 10, 30)
    assert (cat.model, cat.size, cat.n) == ("m/two", "256x256", 3)


def test_history_search_is_literal_and_limited(tmp_path):
    for i, prompt in enumerate(["100% red", "1000 reds", "blue_sky", "blueXsky"]):
        record_prompt(tmp_path, GenerationRequest(prompt), now=i)
    assert [e.prompt for e in search_history(tmp_path, "0%")] == ["100% red"]
    assert [e.prompt for e in search_history(tmp_path, "e_s")] == ["blue_sky"]
    assert [e.prompt for e in search_history(tmp_path, "RED")] == ["1000 reds", "100% red"]
    assert len(search_history(tmp_path, "", limit=2)) == 2
    assert len(search_history(tmp_path, "", limit=None)) == 4


def test_pinned_prompts_are_saved_styles(tmp_path):
    record_prompt(tmp_path, GenerationRequest("a cat"), now=1)
    assert set_pinned(tmp_path, "a cat", True)
    assert set_pinned(tmp_path, "watercolour, soft light", True)  # a style never sent
    assert {e.prompt for e in search_history(tmp_path, pinned_only=True)} == {
        "a cat", "watercolour, soft light",
    }
    assert set_pinned(tmp_path, "a cat", False)
    assert not set_pinned(tmp_path, "never seen", False)
    assert [e.prompt for e in search_history(tmp_path, pinned_only=True)] == [
        "watercolour, soft light"
    ]


def test_recording_never_raises_and_reading_a_missing_history_creates_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    record_prompt(blocker, GenerationRequest("a"))  # logged, not raised
    assert search_history(tmp_path / "nowhere") == []
    assert not (tmp_path / "nowhere").exists()
