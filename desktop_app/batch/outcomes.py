"""What a batch run reports: each item's outcome, progress snapshots and the run's report.

Owns the record types (`ItemOutcome`, `Progress`, `BatchReport`), the status and kind names a
report uses beside the journal's, and which error kinds stop a batch or leave an item unknown.
Plain data, no threads: the runner (runner.py) fills them in, the CLI and the window read them.
Split from runner.py (issue #13); every name here is still importable from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_app.api.errors import ErrorKind
from desktop_app.batch.journal import DONE
from desktop_app.batch.plan import PlanItem

# Every later request would fail the same way (and a 429 may cost money to repeat): stop.
STOPPING_KINDS = frozenset(
    {
        ErrorKind.INSUFFICIENT_CREDIT,
        ErrorKind.UNAUTHORIZED,
        ErrorKind.FORBIDDEN,
        ErrorKind.NO_TOKEN,
        ErrorKind.INSECURE_TRANSPORT,
    }
)
# The request went out but no trustworthy answer came back: it may have been charged.
UNKNOWN_KINDS = frozenset(
    {ErrorKind.TIMEOUT, ErrorKind.NETWORK, ErrorKind.INVALID_RESPONSE, ErrorKind.CANCELLED}
)
SKIPPED = "skipped"  # never attempted: the batch stopped first
UNEXPECTED_KIND = "unexpected"
STORAGE_KIND = "storage"  # the library (or --out) cannot be written
UNKNOWN_MESSAGE = (
    "Sent in an earlier run but never answered; it may have been charged. "
    "Use --retry-unknown to send it again."
)


@dataclass
class ItemOutcome:
    """What happened to one item of the plan, in this run or an earlier one."""

    item: PlanItem
    status: str = SKIPPED
    paths: list[str] = field(default_factory=list)
    exported: list[str] = field(default_factory=list)
    kind: str | None = None  # an ErrorKind value, or "unexpected"
    message: str | None = None
    from_earlier_run: bool = False
    latency_s: float | None = None

    def to_json(self) -> dict[str, object]:
        return {
            **self.item.to_json(),
            "status": self.status,
            "paths": list(self.paths),
            "exported_paths": list(self.exported),
            "error": None if self.kind is None else {"kind": self.kind, "message": self.message},
            "from_earlier_run": self.from_earlier_run,
        }


@dataclass(frozen=True)
class Progress:
    """A snapshot for a progress line: items finished of the total, images, spend, ETA."""

    finished: int
    total: int
    images: int
    spent: float
    failed: int
    eta_s: float | None


@dataclass
class BatchReport:
    """Every item's outcome, the first failure kind seen in this run, and why it stopped."""

    outcomes: list[ItemOutcome]
    first_failure: str | None = None
    stopped_by: str | None = None  # an ErrorKind value that stopped the batch
    interrupted: bool = False
    requests_sent: int = 0
    journal_problem: str | None = None  # why the journal could not be written: the batch stopped

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def all_done(self) -> bool:
        return all(outcome.status == DONE for outcome in self.outcomes)

    @property
    def spent(self) -> float:
        return sum(
            outcome.item.estimated_cost or 0.0
            for outcome in self.outcomes
            if outcome.status == DONE and not outcome.from_earlier_run
        )


def outcomes_by_status(outcomes: Sequence[ItemOutcome]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts
