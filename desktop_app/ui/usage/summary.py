"""The usage view's words around the figures: the estimate notice and the total line.

Owns the notice that spend is an estimate, the words of the total (estimated spend, requests,
images, megapixels, failures by kind, cancelled: each part translated, counts as Qt plurals) and
`SummaryLabel`, which breaks a long line only at the " · " separators, into the most even lines
that fit.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui.theme import Accent, tinted_background
from desktop_app.usage import UsageRow, format_cost


def summary_parts(total: UsageRow) -> list[str]:
    """The parts of the total line for `total` (one sentence when nothing was recorded)."""
    if total.requests == 0:
        return [QCoreApplication.translate("UsageSummary", "No requests recorded in this range.")]
    if total.spend is None:
        spend = QCoreApplication.translate(
            "UsageSummary", "Estimated spend incomplete: a model has no price")
    else:
        spend = QCoreApplication.translate("UsageSummary", "Estimated spend {amount}").format(
            amount=format_cost(total.spend))
    # Counts as plain names: lupdate's Python parser drops a translate() whose count is
    # `total.failed` (an attribute) or any other expression.
    failed_count, requests, images, cancelled = (
        total.failed, total.requests, total.images, total.cancelled)
    failed = QCoreApplication.translate("UsageSummary", "%Ln failed", "", failed_count)
    if total.failures:
        failed = QCoreApplication.translate("UsageSummary", "{failed} ({kinds})").format(
            failed=failed, kinds=failure_kinds_text(total.failures))
    megapixels = QCoreApplication.translate("UsageSummary", "{megapixels} MP").format(
        megapixels=f"{total.megapixels:,.2f}")
    return [
        spend,
        QCoreApplication.translate("UsageSummary", "%Ln request(s)", "", requests),
        QCoreApplication.translate("UsageSummary", "%Ln image(s)", "", images),
        megapixels,
        failed,
        QCoreApplication.translate("UsageSummary", "%Ln cancelled", "", cancelled),
    ]


def failure_kinds_text(failures: Mapping[str, int]) -> str:
    """"insufficient credit 1, server error 2": the error kinds as recorded (not translated)."""
    return ", ".join(
        f"{kind.replace('_', ' ')} {count}" for kind, count in sorted(failures.items())
    )


class SummaryLabel(QLabel):
    """A label of parts joined by " · " that, when the line does not fit, breaks only at those
    separators, so no single word ("cancelled") is left alone on a line."""

    SEPARATOR = " · "

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts: list[str] = []
        # Still on, for a single part wider than the label.
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # parts name failure kinds from the records

    def set_parts(self, parts: Sequence[str]) -> None:
        self._parts = list(parts)
        self._reflow()

    def full_text(self) -> str:
        return self.SEPARATOR.join(self._parts) if self._parts else self.text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._parts and event.size().width() != event.oldSize().width():
            self._reflow()

    def _reflow(self) -> None:
        text = "\n".join(self._lines(self.contentsRect().width() - 2 * self.margin()))
        if text != self.text():
            self.setText(text)

    def _lines(self, width: int) -> list[str]:
        """The fewest lines that fit, then the most even of those breaks: a greedy fill would
        leave "14 cancelled" alone on the last line, which is what this label is here to avoid."""
        metrics = self.fontMetrics()
        parts = self._parts
        ending = self.SEPARATOR.rstrip()  # a line that goes on below ends in " ·"

        def layout(breaks: tuple[int, ...]) -> list[str]:
            bounds = (0, *breaks, len(parts))
            lines = [self.SEPARATOR.join(parts[a:b]) for a, b in itertools.pairwise(bounds)]
            return [line + ending for line in lines[:-1]] + lines[-1:]

        for count in range(1, len(parts) + 1):
            options = [
                layout(breaks)
                for breaks in itertools.combinations(range(1, len(parts)), count - 1)
            ]
            widths = [max(map(metrics.horizontalAdvance, lines)) for lines in options]
            # A layout fits when every line of more than one part fits; a single part wider
            # than the label is left to word wrap.
            fitting = [
                (widest, lines) for widest, lines in zip(widths, options, strict=True)
                if all(metrics.horizontalAdvance(line) <= width
                       for line in lines if self.SEPARATOR in line)
            ]
            if fitting:
                return min(fitting, key=lambda option: option[0])[1]
        return layout(tuple(range(1, len(parts))))


class EstimateNotice(QLabel):
    """The band above the chart saying that spend is an estimate (the CLI prints the same
    sentence, `usage.ESTIMATE_NOTICE`, untranslated)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr(
            "Spend is an estimate: requests made by this app on this computer, times your "
            "prices per megapixel. Your Nscale bill is the authority."))
        self.setObjectName("estimateNotice")
        self.setWordWrap(True)
        self.setAutoFillBackground(True)
        self.setContentsMargins(8, 6, 8, 6)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), tinted_background(Accent.INFO))
        self.setPalette(palette)


class TotalLabel(SummaryLabel):
    """The total line under the table: bold, selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageTotal")
        bold = QFont(self.font())
        bold.setBold(True)
        self.setFont(bold)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
