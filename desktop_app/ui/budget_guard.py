"""The window's spend guard: checks a job's estimate against the daily and monthly limits.

Owns, for the window, what `desktop_app.usage.budget` computes for the CLI: the limits (read from
the settings file, where the CLI's `budget` command keeps them, so both front ends share one
source of truth), the estimated spend so far in the day and the month (from the usage records),
and the decision before a job is sent. All of that is disk work, so it runs on the window's
`TaskRunner`; the GUI thread only compares numbers. Jobs already queued or running are not in
the usage records yet: their estimates are added to the spend ("in flight"), so five quick
clicks cannot overrun a limit that one would not.

Over a limit the guard shows the figures (plain text) with *Allow once* and *Don't send*;
*Allow once* sends exactly the job that was refused. Two entry points:

- `check(requests, send)` / `check_estimate(estimate, send)`: the window's path, asynchronous.
  Reads the figures afresh on a background task (always: a limit may have been set from the
  CLI since the last read), then calls `send()` on the GUI thread when within budget or
  allowed once.
- `spend_check(estimate) -> bool`: for dialogs that need an answer now (the batch dialog's
  `spend_check: Callable[[float], bool]`). It never touches the disk: it uses the figures last
  read (refreshed at start, after every job, when limits or prices change and when the window
  is activated) plus the jobs in flight; over a limit it asks modally and returns True only for
  *Allow once*.

It never sends anything itself and never writes usage; limits are written only by `save_limits`
(on a background task). No widget here shows untrusted text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QWidget,
)

from desktop_app.api.types import GenerationRequest
from desktop_app.jobs import Job, JobQueue
from desktop_app.ui.budget_refusal import (
    BudgetRefusalDialog,
)
from desktop_app.ui.tasks import TaskRunner
from desktop_app.usage.budget import DAY, BudgetLimits, PeriodSpend, estimate_requests
from desktop_app.usage.pricing import format_cost

log = logging.getLogger(__name__)

# A rounding margin, as in usage.budget.check_budget.
_EPSILON = 1e-12


@dataclass(frozen=True)
class BudgetStatus:
    """The limits as saved and the estimated spend of the current day and month."""

    limits: BudgetLimits
    day: PeriodSpend
    month: PeriodSpend

    @property
    def periods(self) -> tuple[PeriodSpend, PeriodSpend]:
        return (self.day, self.month)


@dataclass(frozen=True)
class Overrun:
    """Why a job is refused: the period whose limit it passes and every figure of the sum."""

    period: PeriodSpend
    in_flight: float  # estimated cost of jobs queued or running, not yet in the usage records
    estimate: float  # this job (or batch)

    @property
    def total(self) -> float:
        return self.period.spent + self.in_flight + self.estimate


def read_status(library_root: Path, prices: Mapping[str, float]) -> BudgetStatus:
    """Worker thread: the saved limits and the spend so far (the CLI's `budget` figures)."""
    from desktop_app.library.store import DATABASE_NAME
    from desktop_app.settings import Settings
    from desktop_app.usage.budget import period_spend

    settings = Settings.load()  # fresh: the CLI may have changed the limits meanwhile
    limits = BudgetLimits(settings.budget_daily, settings.budget_monthly)
    day, month = period_spend(limits, Path(library_root) / DATABASE_NAME, prices)
    return BudgetStatus(limits, day, month)


def write_limits(limits: BudgetLimits) -> None:
    """Worker thread: save the limits where the CLI's `budget --daily/--monthly` saves them."""
    from desktop_app.settings import Settings

    settings = Settings.load()
    settings.budget_daily = limits.daily
    settings.budget_monthly = limits.monthly
    settings.save()  # writes only the keys that changed: the rest stays as the file has it


def find_overrun(status: BudgetStatus, estimate: float, in_flight: float) -> Overrun | None:
    """The first period (day, then month) whose limit spent + in flight + estimate passes."""
    for period in status.periods:
        if period.limit is None:
            continue
        if period.spent + in_flight + estimate > period.limit + _EPSILON:
            return Overrun(period, in_flight, estimate)
    return None


def tightest_remaining(status: BudgetStatus, in_flight: float = 0.0) -> PeriodSpend | None:
    """The limited period with the least left after the jobs in flight (None: no limit)."""
    best: PeriodSpend | None = None
    best_left = 0.0
    for period in status.periods:
        if period.limit is None:
            continue
        left = period.limit - period.spent - in_flight
        if best is None or left < best_left:
            best, best_left = period, left
    if best is None:
        return None
    return PeriodSpend(best.period, best.since, best.limit, best.spent + in_flight)


def remaining_text(status: BudgetStatus | None, in_flight: float = 0.0) -> str:
    """"$4.20 left today" / "$12.00 left this month" for the tightest limit; "" without one."""
    period = None if status is None else tightest_remaining(status, in_flight)
    if period is None or period.remaining is None:
        return ""
    left = format_cost(period.remaining)
    if period.period == DAY:
        return QCoreApplication.translate("BudgetGuard", "{amount} left today").format(
            amount=left)
    return QCoreApplication.translate("BudgetGuard", "{amount} left this month").format(
        amount=left)


def overrun_text(overrun: Overrun) -> str:
    """The refusal's figures, one per line (plain text; every value is a number we computed)."""
    period = overrun.period
    if period.period == DAY:
        heading = QCoreApplication.translate(
            "BudgetGuard", "This would take today's estimated spend past your daily limit.")
        spent = QCoreApplication.translate("BudgetGuard", "Spent today: {amount}")
        limit = QCoreApplication.translate("BudgetGuard", "Daily limit: {amount}")
    else:
        heading = QCoreApplication.translate(
            "BudgetGuard", "This would take this month's estimated spend past your monthly limit.")
        spent = QCoreApplication.translate("BudgetGuard", "Spent this month: {amount}")
        limit = QCoreApplication.translate("BudgetGuard", "Monthly limit: {amount}")
    lines = [heading, "", spent.format(amount=format_cost(period.spent))]
    if overrun.in_flight > 0:
        lines.append(QCoreApplication.translate(
            "BudgetGuard", "Jobs still running: {amount}").format(
                amount=format_cost(overrun.in_flight)))
    lines.append(QCoreApplication.translate("BudgetGuard", "This request: {amount}").format(
        amount=format_cost(overrun.estimate)))
    lines.append(QCoreApplication.translate("BudgetGuard", "Total: {amount}").format(
        amount=format_cost(overrun.total)))
    lines.append(limit.format(amount=format_cost(period.limit)))
    lines.append("")
    lines.append(QCoreApplication.translate(
        "BudgetGuard", "Estimates from your prices; change the limits in Settings, Budget."))
    return "\n".join(lines)


class BudgetGuard(QObject):
    """Decides, before the window sends a job, whether it fits the budget (see module doc)."""

    status_changed = Signal(object)  # BudgetStatus, after every successful read
    remaining_changed = Signal(str)  # remaining_text(): "$4.20 left today", or ""
    refused = Signal(object)  # Overrun (or None when the figures could not be read)

    def __init__(
        self,
        tasks: TaskRunner,
        jobs: JobQueue,
        library_root: Callable[[], Path],
        prices: Callable[[], Mapping[str, float]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._jobs = jobs
        self._library_root = library_root
        self._prices = prices
        self._window = parent
        self.status: BudgetStatus | None = None  # last figures read; None until the first
        self.refusal_dialog: BudgetRefusalDialog | None = None  # the latest one shown
        self._remaining = ""
        # Jobs that ended since the last read began: {job id: request}, counted as in flight.
        self._settling: dict[int, GenerationRequest] = {}
        # The estimate of what will be queued later (a running batch's waiting items, priced
        # as its plan was): set by the window.
        self.waiting_cost: Callable[[], float] = lambda: 0.0
        jobs.job_added.connect(lambda _job: self._announce_remaining())
        jobs.job_changed.connect(self._on_job_changed)
        jobs.job_removed.connect(lambda _id: self._announce_remaining())
        # Back from a terminal where `budget --daily` was run: read the limits again.
        parent.installEventFilter(self)
        # ...also when the user comes back to one of the window's dialogs (the Batch dialog
        # asks `spend_check`, which uses the figures last read); the main window is not
        # activated then.
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)

    # -- figures ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the limits and the spend again (background task); emits `status_changed`."""
        self._read(lambda _status: None,
                   lambda error: log.warning("Could not read the budget: %r", error),
                   name="budget-status")

    def save_limits(self, limits: BudgetLimits,
                    on_saved: Callable[[], None] | None = None,
                    on_failed: Callable[[Exception], None] | None = None) -> None:
        """Write the limits (background task), then read the figures again."""

        def saved(_result: object) -> None:
            self.refresh()
            if on_saved is not None:
                on_saved()

        self._tasks.run(lambda: write_limits(limits), saved, on_failed,
                        name="budget-save", context=self)

    def in_flight(self) -> float:
        """Estimated cost of the jobs not in the usage records as last read.

        Jobs queued or running, a running batch's items still waiting for a slot, and jobs that
        ended after that read began (their outcome may or may not be in it: counted, so never
        too little).
        """
        requests = [job.request for job in self._jobs.jobs() if not job.state.is_final]
        requests.extend(self._settling.values())
        return self.estimate(requests) + self.waiting_cost()

    def estimate(self, requests: Iterable[GenerationRequest]) -> float:
        """Estimated cost of `requests` (a model with no known price counts as zero, as in the
        CLI's check)."""
        prices = self._prices()
        return sum(estimate_requests([request], prices) or 0.0 for request in requests)

    def prices(self) -> dict[str, float]:
        """The prices estimates use now (the window's, precedence applied)."""
        return dict(self._prices())

    @property
    def remaining(self) -> str:
        return self._remaining

    # -- the checks -------------------------------------------------------------------------

    def check(self, requests: Sequence[GenerationRequest], send: Callable[[], object]) -> None:
        """Call `send()` (GUI thread) once `requests` are known to fit, or are allowed once."""
        self.check_estimate(self.estimate(requests), send)

    def check_estimate(self, estimate: float, send: Callable[[], object]) -> None:
        """`check` for an estimate already made (a batch plan's): fresh figures, then `send()`."""
        estimate = max(estimate, 0.0)
        # Always read afresh, even when no limit was set as last read: `budget --daily` in a
        # terminal, then a click on Generate, would otherwise send before the new limit is seen.

        def checked(fresh: BudgetStatus) -> None:
            overrun = find_overrun(fresh, estimate, self.in_flight())
            if overrun is None:
                send()
            else:
                self._ask(overrun_text(overrun), overrun, send)

        def unreadable(error: Exception) -> None:
            log.warning("Could not read the budget before sending: %r", error)
            text = QCoreApplication.translate(
                "BudgetGuard",
                "The spend so far could not be read, so the budget cannot be checked: {error}"
            ).format(error=str(error))
            self._ask(text, None, send)

        self._read(checked, unreadable, name="budget-check")

    def spend_check(self, estimate: float) -> bool:
        """True when `estimate` fits the budget as last read, or the user allows it once.

        For the batch dialog (`spend_check: Callable[[float], bool]`): call it on the GUI
        thread just before starting; it reads nothing from disk and asks modally only when the
        estimate (plus the jobs in flight) passes a limit.
        """
        status = self.status
        if status is None:
            text = QCoreApplication.translate(
                "BudgetGuard", "The budget figures are still being read; the spend so far is "
                "not known yet. Send anyway, or try again in a moment.")
            self.refresh()
            return self._ask_now(text, None)
        overrun = find_overrun(status, max(estimate, 0.0), self.in_flight())
        if overrun is None:
            return True
        return self._ask_now(overrun_text(overrun), overrun)

    # -- internals --------------------------------------------------------------------------

    def _dialog(self, text: str) -> BudgetRefusalDialog:
        parent = self._window.window() if isinstance(self._window, QWidget) else None
        dialog = BudgetRefusalDialog(text, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _object=None: self._forget_dialog(dialog))
        self.refusal_dialog = dialog
        return dialog

    def _forget_dialog(self, dialog: BudgetRefusalDialog) -> None:
        if self.refusal_dialog is dialog:
            self.refusal_dialog = None

    def _ask(self, text: str, overrun: Overrun | None, send: Callable[[], object]) -> None:
        dialog = self._dialog(text)
        dialog.accepted.connect(send)  # Allow once: this job, exactly once
        self.refused.emit(overrun)
        dialog.open()

    def _ask_now(self, text: str, overrun: Overrun | None) -> bool:
        dialog = self._dialog(text)
        self.refused.emit(overrun)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _read(self, on_status: Callable[[BudgetStatus], None],
              on_failure: Callable[[Exception], None], *, name: str) -> None:
        root, prices = self._library_root(), dict(self._prices())
        settled = set(self._settling)  # ended before this read began: in its figures

        def done(status: BudgetStatus) -> None:
            for job_id in settled:
                self._settling.pop(job_id, None)
            self._set_status(status)
            on_status(status)

        self._tasks.run(lambda: read_status(root, prices), done, on_failure,
                        name=name, context=self)

    def _set_status(self, status: BudgetStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
        self._announce_remaining()

    def _announce_remaining(self) -> None:
        text = remaining_text(self.status, self.in_flight())
        if text != self._remaining:
            self._remaining = text
            self.remaining_changed.emit(text)

    def _on_job_changed(self, job: Job) -> None:
        if job.state.is_final and job.id not in self._settling:
            self._settling[job.id] = job.request
            self.refresh()  # its cost is in the usage records now
        self._announce_remaining()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and watched is self._window:
            self.refresh()
        return False
