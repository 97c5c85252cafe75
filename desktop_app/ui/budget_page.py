"""Settings > Budget: the optional daily and monthly limits on estimated spend.

Owns editing the two limits (US dollars, empty = no limit, read the way the CLI's `budget
--daily/--monthly` reads them) and showing what was spent today and this month and what remains.
The limits live in the settings file, where the CLI keeps them; reading them and the spend, and
writing them, run on background tasks (through the window's `BudgetGuard` when there is one, so
the prompt panel's "left today" follows at once). The page never sends anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.settings import Settings
from desktop_app.ui.budget_guard import BudgetGuard, BudgetStatus, read_status, write_limits
from desktop_app.ui.plain_text import set_plain_text
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.theme import Accent, accent
from desktop_app.usage.budget import MAX_LIMIT, BudgetLimits, PeriodSpend, parse_limit
from desktop_app.usage.pricing import format_cost


def limit_text(value: float | None) -> str:
    """A limit as the field shows it: "" for none, "5" or "12.5" (no float noise)."""
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


class BudgetPage(QWidget):
    """Two limit fields and the spend so far; a settings page (`title`, `check`, `apply`)."""

    def __init__(
        self,
        tasks: TaskRunner,
        library_root: Path,
        prices: Mapping[str, float] | Callable[[], Mapping[str, float]],
        guard: BudgetGuard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("budgetPage")
        self._tasks = tasks
        self._library_root = Path(library_root)
        self._prices = prices
        self._guard = guard
        self._loaded: BudgetLimits | None = None  # as read from the settings file
        self.status: BudgetStatus | None = None

        intro = QLabel(self.tr(
            "Before a job or a batch is sent, its estimated cost plus what was spent in the day "
            "or the month is checked against these limits. Over a limit the window asks first "
            "(Allow once); the command line refuses unless given --ignore-budget. Leave a field "
            "empty for no limit."))
        intro.setWordWrap(True)
        self.daily_edit = QLineEdit()
        self.daily_edit.setObjectName("budgetDailyEdit")
        self.daily_edit.setAccessibleName(self.tr("Daily limit in US dollars"))
        self.daily_edit.setPlaceholderText(self.tr("no limit"))
        self.monthly_edit = QLineEdit()
        self.monthly_edit.setObjectName("budgetMonthlyEdit")
        self.monthly_edit.setAccessibleName(self.tr("Monthly limit in US dollars"))
        self.monthly_edit.setPlaceholderText(self.tr("no limit"))
        self.daily_error = self._error_label("budgetDailyError")
        self.monthly_error = self._error_label("budgetMonthlyError")
        self.daily_edit.textChanged.connect(lambda _text: self.daily_error.hide())
        self.monthly_edit.textChanged.connect(lambda _text: self.monthly_error.hide())

        limits_box = QGroupBox(self.tr("Limits (estimated US dollars)"))
        form = QFormLayout(limits_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Each day"), self.daily_edit)
        form.addRow("", self.daily_error)
        form.addRow(self.tr("Each calendar month"), self.monthly_edit)
        form.addRow("", self.monthly_error)

        self.today_label = QLabel(self.tr("Reading the spend so far…"))
        self.today_label.setObjectName("budgetTodayLabel")
        self.month_label = QLabel()
        self.month_label.setObjectName("budgetMonthLabel")
        for label in (self.today_label, self.month_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        notice = QLabel(self.tr(
            "Spend is estimated from the usage records and your prices (Settings, Prices); "
            "your Nscale bill is the authority."))
        notice.setWordWrap(True)
        spend_box = QGroupBox(self.tr("Spent so far"))
        spend_layout = QVBoxLayout(spend_box)
        spend_layout.addWidget(self.today_label)
        spend_layout.addWidget(self.month_label)
        spend_layout.addWidget(notice)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(limits_box)
        layout.addWidget(spend_box)
        layout.addStretch(1)
        self.reload()

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {accent(Accent.ERROR).name()};")
        label.hide()
        return label

    def _current_prices(self) -> dict[str, float]:
        prices = self._prices() if callable(self._prices) else self._prices
        return dict(prices)

    # -- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the limits and the spend (background task) and show them."""
        root, prices = self._library_root, self._current_prices()
        self._tasks.run(lambda: read_status(root, prices), self._show_status,
                        self._show_read_failure, name="budget-page-read", context=self)

    def _show_status(self, status: BudgetStatus) -> None:
        first = self._loaded is None
        self.status = status
        self._loaded = status.limits
        if first:  # never overwrite what the user is typing with a later read
            self.daily_edit.setText(limit_text(status.limits.daily))
            self.monthly_edit.setText(limit_text(status.limits.monthly))
        self.today_label.setText(self._period_line(status.day))
        self.month_label.setText(self._period_line(status.month))

    def _period_line(self, period: PeriodSpend) -> str:
        spent = format_cost(period.spent)
        if period.period == "daily":
            if period.remaining is None:
                return self.tr("Today: {spent} spent, no limit").format(spent=spent)
            return self.tr("Today: {spent} spent of {limit}, {left} left").format(
                spent=spent, limit=format_cost(period.limit), left=format_cost(period.remaining))
        if period.remaining is None:
            return self.tr("This month: {spent} spent, no limit").format(spent=spent)
        return self.tr("This month: {spent} spent of {limit}, {left} left").format(
            spent=spent, limit=format_cost(period.limit), left=format_cost(period.remaining))

    def _show_read_failure(self, error: Exception) -> None:
        set_plain_text(self.today_label, self.tr("The spend so far could not be read: {error}")
                       .format(error=str(error)))
        self.month_label.setText("")

    # -- writing ----------------------------------------------------------------------------

    def limits(self) -> BudgetLimits | None:
        """The limits typed, or None after showing what is wrong next to the field."""
        values: list[float | None] = []
        for edit, error in ((self.daily_edit, self.daily_error),
                            (self.monthly_edit, self.monthly_error)):
            text = edit.text().strip()
            if not text:
                values.append(None)
                continue
            try:
                values.append(parse_limit(text))
            except ValueError:
                set_plain_text(error, self.tr(
                    "A limit is an amount in US dollars from 0 to {most} like 5 or 12.50, "
                    "or empty for no limit.").format(most=f"{MAX_LIMIT:,.0f}"))
                error.show()
                return None
        return BudgetLimits(values[0], values[1])

    def is_valid(self) -> bool:
        return self.limits() is not None

    # -- the settings dialog's page protocol (ui/settings/dialog.py) --------------------------

    @classmethod
    def for_dialog(
        cls,
        tasks: TaskRunner,
        settings: Settings,
        server_prices: Mapping[str, float] | None,
        guard: BudgetGuard | None,
    ) -> BudgetPage:
        """The page as the settings dialog makes it: the window's guard and prices if any."""
        if guard is not None:
            return cls(tasks, settings.library_dir, guard.prices, guard)
        from desktop_app.usage.pricing import effective_prices

        return cls(tasks, settings.library_dir,
                   effective_prices(settings.prices, server_prices or {}))

    def title(self) -> str:
        return self.tr("Budget")

    def check(self) -> bool:
        return self.is_valid()

    def apply(self, settings: Settings) -> None:
        """Put changed limits on `settings` (what the usage view reads), and write them.

        The dialog writes `settings` right after this; the limits are written once more on a
        background task, after that write (never overlapping it) and against the file as it
        is then, so a limit the CLI changed meanwhile cannot survive a "no limit" set here.
        """
        limits = self.limits()
        if limits is None or not self.is_changed():
            return
        settings.budget_daily, settings.budget_monthly = limits.daily, limits.monthly
        self._loaded = limits
        # Not through the page: the dialog (and the page with it) may be gone by then.
        guard, tasks = self._guard, self._tasks
        if guard is not None:
            QTimer.singleShot(0, guard, lambda: guard.save_limits(limits))
        else:
            QTimer.singleShot(0, tasks, lambda: tasks.run(lambda: write_limits(limits),
                                                          name="budget-page-save"))

    def is_changed(self) -> bool:
        limits = self.limits()
        if limits is None:
            return False
        if self._loaded is None:  # not read yet: changed only if the user typed something
            return limits.is_set
        return limits != self._loaded
