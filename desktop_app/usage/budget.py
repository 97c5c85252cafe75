"""The spend guard: optional daily and monthly limits on estimated spend, checked before sending.

Owns what a limit is (US dollars, estimated like the usage report: charged megapixels x price
per megapixel), the spend so far in the current local day and calendar month (from the usage
records in the library index), and the one check both front ends call before a job or a batch:
`check_budget` says which limit the new estimate would take past, with the figures. An estimate
of None (a model with no known price) counts as zero. Pure Python: no Qt, no network.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop_app.api.types import GenerationRequest
from desktop_app.usage.pricing import estimate_cost, format_cost
from desktop_app.usage.report import UsageFilter, load_usage

DAY = "daily"
MONTH = "monthly"


@dataclass(frozen=True)
class BudgetLimits:
    """Estimated-USD limits; None = no limit for that period."""

    daily: float | None = None
    monthly: float | None = None

    @property
    def is_set(self) -> bool:
        return self.daily is not None or self.monthly is not None


MAX_LIMIT = 1_000_000.0


def parse_limit(text: str) -> float:
    """A limit in US dollars ("5", "12.50", "$3"); ValueError saying what is allowed."""
    try:
        value = float(text.strip().lstrip("$"))
    except (ValueError, AttributeError):
        raise ValueError(f"A limit is an amount in US dollars like 5 or 12.50, not {text!r}.") \
            from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"A limit must be 0 or more US dollars, not {text!r}.")
    if value > MAX_LIMIT:
        # A typo (an extra row of zeros), not a limit: it would never refuse anything.
        raise ValueError(f"A limit can be at most ${MAX_LIMIT:,.0f}, not {text!r}.")
    return value


@dataclass(frozen=True)
class PeriodSpend:
    """One period's limit, what was spent in it and what remains (None without a limit)."""

    period: str  # DAY or MONTH
    since: dt.date
    limit: float | None
    spent: float

    @property
    def remaining(self) -> float | None:
        return None if self.limit is None else max(0.0, self.limit - self.spent)

    def to_json(self) -> dict[str, object]:
        return {
            "period": self.period,
            "since": self.since.isoformat(),
            "limit": self.limit,
            "spent": round(self.spent, 6),
            "remaining": None if self.remaining is None else round(self.remaining, 6),
        }


@dataclass(frozen=True)
class BudgetRefusal:
    """Why a request is refused: the period, its limit, the spend so far and the estimate."""

    period: PeriodSpend
    estimate: float

    @property
    def message(self) -> str:
        limit = self.period.limit or 0.0
        return (
            f"Over the {self.period.period} budget: {format_cost(self.period.spent)} spent "
            f"since {self.period.since.isoformat()} + {format_cost(self.estimate)} estimated "
            f"= {format_cost(self.period.spent + self.estimate)}, over the limit of "
            f"{format_cost(limit)}."
        )


def spent_since(database_path: Path, since: dt.date, prices: Mapping[str, float]) -> float:
    """Estimated spend of requests from local day `since` on (models without a price: 0)."""
    report = load_usage(database_path, UsageFilter(since=since), prices)
    return sum(sum(models.values()) for models in report.daily_spend().values())


def period_spend(
    limits: BudgetLimits,
    database_path: Path,
    prices: Mapping[str, float],
    today: dt.date | None = None,
) -> list[PeriodSpend]:
    """The day's and the month's spend and limits (both, whether a limit is set or not)."""
    today = today or dt.date.today()
    month_start = today.replace(day=1)
    month_spent = spent_since(database_path, month_start, prices)
    day_spent = spent_since(database_path, today, prices) if month_spent else 0.0
    return [
        PeriodSpend(DAY, today, limits.daily, day_spent),
        PeriodSpend(MONTH, month_start, limits.monthly, month_spent),
    ]


def check_budget(
    limits: BudgetLimits,
    estimate: float | None,
    database_path: Path,
    prices: Mapping[str, float],
    today: dt.date | None = None,
) -> BudgetRefusal | None:
    """The first limit that spend so far + `estimate` would exceed, or None when within budget."""
    if not limits.is_set:
        return None
    cost = estimate or 0.0
    for period in period_spend(limits, database_path, prices, today):
        if period.limit is not None and period.spent + cost > period.limit + 1e-12:
            return BudgetRefusal(period, cost)
    return None


def estimate_requests(
    requests: Iterable[GenerationRequest], prices: Mapping[str, float]
) -> float | None:
    """The estimated cost of `requests`; None if any model has no known price."""
    total = 0.0
    unknown = False
    for request in requests:
        cost = estimate_cost(
            request.model, request.size.width, request.size.height, request.n, prices
        )
        if cost is None:
            unknown = True
        else:
            total += cost
    return None if unknown else total


def refusal_for(
    requests: Iterable[GenerationRequest],
    limits: BudgetLimits,
    database_path: Path,
    prices: Mapping[str, float],
    today: dt.date | None = None,
) -> BudgetRefusal | None:
    """`check_budget` for the requests a job or a batch is about to send (the window's call)."""
    if not limits.is_set:
        return None
    return check_budget(limits, estimate_requests(requests, prices), database_path, prices, today)
