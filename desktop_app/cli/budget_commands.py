"""`budget`: show or set the daily and monthly spend limits; and the check before sending.

Only argument handling and printing live here; the figures come from `desktop_app.usage.budget`
(estimated spend from the local usage records, never the network). `refuse_if_over_budget` is
the one call `generate` and `batch` make before sending anything: over a limit it prints the
figures on stderr and returns exit code 2, unless the user passed --ignore-budget.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from desktop_app.api.types import GenerationRequest
from desktop_app.cli import EXIT_OK, EXIT_USAGE, fail
from desktop_app.settings import Settings

IGNORE_HELP = "send even if it takes the estimated spend past a daily or monthly budget"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    budget = subparsers.add_parser(
        "budget",
        help="show or set daily and monthly limits on estimated spend",
        description="Without options: the limits, the estimated spend today and this month, and "
        "what remains. With --daily/--monthly: set a limit (USD, estimated like `usage`); "
        "--clear removes both. `generate` and `batch` refuse (exit 2) to send a request that "
        "would take the spend past a limit, unless given --ignore-budget.",
    )
    budget.add_argument("--daily", metavar="USD", help="limit for each local day")
    budget.add_argument("--monthly", metavar="USD", help="limit for each calendar month")
    budget.add_argument("--clear", action="store_true", help="remove both limits")
    budget.add_argument("--json", action="store_true", help="print one JSON document")
    budget.set_defaults(func=run_budget)


def add_ignore_budget_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ignore-budget", action="store_true", help=IGNORE_HELP)


def _database(settings: Settings) -> Path:
    from desktop_app.library.store import DATABASE_NAME

    return settings.library_dir / DATABASE_NAME


def _prices(settings: Settings) -> dict[str, float]:
    from desktop_app.usage import effective_prices, load_server_prices

    return effective_prices(settings.prices, load_server_prices())


def refuse_if_over_budget(
    settings: Settings, requests: Iterable[GenerationRequest], *, ignore: bool
) -> int | None:
    """None when `requests` fit the budget (or `ignore`); else prints why and returns 2."""
    from desktop_app.usage.budget import BudgetLimits, refusal_for

    limits = BudgetLimits(settings.budget_daily, settings.budget_monthly)
    if ignore or not limits.is_set:
        return None
    refusal = refusal_for(requests, limits, _database(settings), _prices(settings))
    if refusal is None:
        return None
    return fail(
        f"{refusal.message} Nothing was sent. Pass --ignore-budget to send anyway, or change "
        "the limit with `budget`.",
        EXIT_USAGE,
    )


def run_budget(args: argparse.Namespace) -> int:
    from desktop_app.usage import ESTIMATE_NOTICE, format_cost
    from desktop_app.usage.budget import BudgetLimits, parse_limit, period_spend

    if args.clear and (args.daily is not None or args.monthly is not None):
        return fail("--clear cannot be combined with --daily or --monthly.", EXIT_USAGE)
    settings = Settings.load()
    try:
        daily = parse_limit(args.daily) if args.daily is not None else None
        monthly = parse_limit(args.monthly) if args.monthly is not None else None
    except ValueError as error:
        return fail(str(error), EXIT_USAGE)
    if args.clear or daily is not None or monthly is not None:
        if args.clear:
            settings.budget_daily = settings.budget_monthly = None
        if daily is not None:
            settings.budget_daily = daily
        if monthly is not None:
            settings.budget_monthly = monthly
        settings.save()

    limits = BudgetLimits(settings.budget_daily, settings.budget_monthly)
    periods = period_spend(limits, _database(settings), _prices(settings))
    if args.json:
        document = {
            "currency": "USD",
            "spend_is_estimate": True,
            **{period.period: period.to_json() for period in periods},
        }
        json.dump(document, sys.stdout, indent=2)
        print()
        return EXIT_OK
    for period in periods:
        limit = "no limit" if period.limit is None else format_cost(period.limit)
        remaining = "" if period.remaining is None else f", {format_cost(period.remaining)} left"
        label = "today" if period.period == "daily" else "this month"
        print(f"{period.period:<8} {limit:>12}  {format_cost(period.spent)} spent {label}"
              f"{remaining}")
    print(f"\n{ESTIMATE_NOTICE}")
    return EXIT_OK
