"""The jobs panel: one compact row per generation job of this session, newest first.

Owns showing each job's state (queued, running with elapsed seconds, waiting to retry after a
503 with the attempt and the countdown, done, failed with its message and the action from the
error table, cancelled) and the per-job buttons (Cancel, Retry now, Retry, the error action,
Save to… for paid images the library could not keep, Dismiss). It reads `Job` objects
and calls `JobQueue` commands; it never runs a job, and what an error action or Save to… does is
decided by whoever handles `error_action_requested` / `save_requested`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.jobs import Job, JobQueue, JobState, describe
from desktop_app.ui.error_actions import ErrorAction, action_for
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import display_text, plain_tooltip, set_plain_text
from desktop_app.ui.theme import Accent, accent

if TYPE_CHECKING:
    from desktop_app.job_groups import JobGroup, JobGroups
    from desktop_app.ui.job_group_row import GroupRow

DISMISS_GRACE_S = 0.5  # a click this soon after a row finished was aimed at Cancel

_STATE_ACCENTS = {
    JobState.DONE: Accent.SUCCESS,
    JobState.FAILED: Accent.ERROR,
    JobState.RUNNING: Accent.INFO,
}


class ElidedLabel(QLabel):
    """A one-line label that shrinks with its row and ends in "…" instead of pushing the row
    (and its buttons) past the panel's edge. Text is drawn as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             rect.width())
        painter.drawText(rect, int(self.alignment()), text)


class JobRow(QFrame):
    """One job: prompt, settings, status line and the buttons that fit its state."""

    def __init__(self, job: Job, panel: JobsPanel) -> None:
        super().__init__()
        self.job = job
        self._panel = panel
        self.setObjectName(f"jobRow{job.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Both text lines elide: a long prompt or model id must never push Retry and × out.
        self.prompt_label = ElidedLabel()
        self.meta_label = ElidedLabel()
        self.meta_label.setEnabled(False)  # the disabled text colour: quieter, theme-aware
        self.status_label = QLabel()
        self.status_label.setObjectName("jobStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_button = QToolButton()
        self.cancel_button.setIcon(icon("cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel this job"))
        self.cancel_button.setAccessibleName(self.tr("Cancel job"))
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(lambda: panel.queue.cancel(self.job.id))
        self.retry_button = QPushButton(icon("retry"), self.tr("Retry"))
        # through the window (error_action_requested), whose spend guard
        # checks a retry like any job it sends.
        self.retry_button.clicked.connect(
            lambda: panel.error_action_requested.emit(self.job.id, ErrorAction.RETRY))
        # While the client waits to send again (a 503, say): skip the rest of the wait.
        self.retry_now_button = QPushButton(icon("retry"), self.tr("Retry now"))
        self.retry_now_button.clicked.connect(lambda: panel.queue.retry_now(self.job.id))
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self._on_action_clicked)
        self.save_button = QPushButton(icon("save"), self.tr("Save to…"))
        self.save_button.setObjectName("saveUnsavedButton")
        self.save_button.setToolTip(
            self.tr("Save the images the library could not keep to a folder"))
        self.save_button.clicked.connect(lambda: panel.save_requested.emit(self.job.id))
        self.dismiss_button = QToolButton()
        self.dismiss_button.setIcon(icon("close"))
        self.dismiss_button.setToolTip(self.tr("Remove from the list"))
        self.dismiss_button.setAccessibleName(self.tr("Remove job from the list"))
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.dismiss)
        self._final_since: float | None = None
        self._failed_at_token = panel.token_epoch  # which token the failure happened with

        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.prompt_label, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.dismiss_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.retry_now_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.update_from_job()

    def current_action(self) -> ErrorAction:
        if self.job.state != JobState.FAILED:
            return ErrorAction.NONE
        action = action_for(self.job.error_kind)
        if action == ErrorAction.SET_TOKEN and self._failed_at_token < self._panel.token_epoch:
            return ErrorAction.RETRY  # a token was set since this failed: retrying is the fix
        return action

    def dismiss(self) -> None:
        """Remove the finished row, unless it finished a moment ago.

        Dismiss takes the place of Cancel when a job ends; a Cancel click that lands just as the
        job finishes must not remove the result the user has not seen yet.
        """
        since = self._final_since
        if since is None or time.monotonic() - since < DISMISS_GRACE_S:
            return
        self._panel.queue.remove(self.job.id)

    def update_from_job(self) -> None:
        job = self.job
        if job.state.is_final and self._final_since is None:
            self._final_since = time.monotonic()
            self._failed_at_token = self._panel.token_epoch
        elif not job.state.is_final:
            self._final_since = None  # retried
        prompt = " ".join(job.request.prompt.split())
        set_plain_text(self.prompt_label, prompt, max_lines=1)
        self.prompt_label.setToolTip(plain_tooltip(job.request.prompt))
        set_plain_text(self.meta_label,
                       f"{job.request.model} · {job.request.size} · ×{job.request.n}", max_lines=1)
        set_plain_text(self.status_label, describe(job))
        # The row as a screen reader announces it: the prompt, then what happens to it.
        self.setAccessibleName(display_text(self.tr("Job: {prompt}").format(prompt=prompt),
                                            max_chars=200, max_lines=1))
        self.setAccessibleDescription(display_text(describe(job), max_lines=2))
        colour = Accent.WARNING if job.saved_to is not None else _STATE_ACCENTS.get(job.state)
        self.status_label.setStyleSheet(f"color: {accent(colour).name()};" if colour else "")
        self.cancel_button.setVisible(not job.state.is_final)
        # Paid images held only in memory: no dismissing them until they are saved.
        self.dismiss_button.setVisible(job.state.is_final and not job.has_unsaved_images)
        self.save_button.setVisible(job.has_unsaved_images)
        self.save_button.setEnabled(not job.is_saving)
        action = self.current_action()
        self.action_button.setVisible(action not in (ErrorAction.NONE, ErrorAction.RETRY))
        self.action_button.setText(action.label)
        self.retry_button.setVisible(job.state in (JobState.FAILED, JobState.CANCELLED))
        self.retry_now_button.setVisible(job.is_waiting_to_retry)

    def _on_action_clicked(self) -> None:
        self._panel.error_action_requested.emit(self.job.id, self.current_action())


class JobsPanel(QWidget):
    """A scrollable list of `JobRow`s that follows a `JobQueue`."""

    error_action_requested = Signal(int, object)  # job id, ErrorAction
    save_requested = Signal(int)  # job id: "Save to…" its unsaved images
    group_grid_requested = Signal(int)  # group id: open a batch's results as a grid

    def __init__(self, queue: JobQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self._rows: dict[int, JobRow] = {}
        self._group_rows: dict[int, GroupRow] = {}  # batches (job_group_row.GroupRow)
        self._groups: JobGroups | None = None
        self.token_epoch = 0  # bumped when a token is set: older failures offer Retry
        title = QLabel(self.tr("Jobs"))
        title.setObjectName("jobsTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear finished"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(queue.clear_finished)
        self.clear_button.hide()  # shown once a job has finished
        self.empty_label = QLabel(self.tr("No jobs yet. Write a prompt and press Generate."))
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(4)
        self._list_layout.addWidget(self.empty_label)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("jobsScroll")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the rows' buttons
        self.scroll_area = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._list)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)

        # Running rows show elapsed seconds; one timer for all of them, only while any runs.
        self._ticker = QTimer(self)
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self._tick)

        queue.job_added.connect(self._on_job_added)
        queue.job_changed.connect(self._on_job_changed)
        queue.job_removed.connect(self._on_job_removed)

    def token_changed(self) -> None:
        """A token was set: rows that failed for want of one offer Retry instead."""
        self.token_epoch += 1
        for row in self._rows.values():
            row.update_from_job()

    def row(self, job_id: int) -> JobRow | None:
        return self._rows.get(job_id)

    def rows(self) -> list[JobRow]:
        return list(self._rows.values())

    # -- batches: one row per group; its jobs get no row of their own unless they hold
    # paid images the library could not keep (their row offers Save to…).

    def attach_groups(self, groups: JobGroups) -> None:
        """Show a row for every batch of `groups`, from now on."""
        if self._groups is groups:
            return
        self._groups = groups
        for group in groups:
            self._on_group_added(group)
        groups.group_added.connect(self._on_group_added)
        groups.group_removed.connect(self._on_group_removed)

    def group_row(self, group_id: int) -> GroupRow | None:
        return self._group_rows.get(group_id)

    def _on_group_added(self, group: JobGroup) -> None:
        from desktop_app.ui.job_group_row import GroupRow

        row = GroupRow(group)
        self._group_rows[group.id] = row
        row.grid_requested.connect(self.group_grid_requested)
        row.error_action_requested.connect(self.error_action_requested)
        row.dismissed.connect(self._dismiss_group)
        self._list_layout.insertWidget(0, row)
        self._update_tab_order()
        self.empty_label.hide()
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(row, 0, 0))

    def _dismiss_group(self, group_id: int) -> None:
        if self._groups is not None:
            self._groups.remove(group_id)

    def _on_group_removed(self, group_id: int) -> None:
        row = self._group_rows.pop(group_id, None)
        if row is not None:
            self._list_layout.removeWidget(row)
            row.deleteLater()
        self.empty_label.setVisible(not self._rows and not self._group_rows)

    def _on_job_added(self, job: Job) -> None:
        if job.group_id is not None and not job.has_unsaved_images:
            return  # shown by its group's row
        row = JobRow(job, self)
        self._rows[job.id] = row
        self._list_layout.insertWidget(0, row)
        self._update_tab_order()
        self.empty_label.hide()
        self._update_ticker()
        self._update_clear_button()
        # The new row goes on top, which may be scrolled out of sight: bring it in once the
        # layout has given it a place.
        QTimer.singleShot(0, self, lambda: self._scroll_to(job.id))

    def _update_tab_order(self) -> None:
        """Tab walks the rows top to bottom (newest first, as shown), right after the header;
        rows made later would otherwise come after every other panel."""
        previous: QWidget = self.clear_button
        group_rows = set(self._group_rows.values())
        for position in range(self._list_layout.count()):  # the order shown
            layout_item = self._list_layout.itemAt(position)
            row = layout_item.widget() if layout_item is not None else None
            if isinstance(row, JobRow):
                controls: list[QWidget] = [row.cancel_button, row.dismiss_button,
                                           row.save_button, row.action_button,
                                           row.retry_now_button, row.retry_button]
            elif row in group_rows:
                controls = row.buttons()
            else:
                continue
            for widget in controls:
                QWidget.setTabOrder(previous, widget)
                previous = widget

    def _scroll_to(self, job_id: int) -> None:
        row = self._rows.get(job_id)
        if row is not None:
            self._list_layout.activate()
            self.scroll_area.ensureWidgetVisible(row, 0, 0)

    def _update_clear_button(self) -> None:
        self.clear_button.setVisible(any(row.job.state.is_final for row in self._rows.values()))

    def _on_job_changed(self, job: Job) -> None:
        row = self._rows.get(job.id)
        if row is None and job.group_id is not None and job.has_unsaved_images:
            self._on_job_added(job)  # a batch item whose paid images need Save to…
            return
        if row is not None:
            row.job = job
            row.update_from_job()
        self._update_ticker()
        self._update_clear_button()

    def _on_job_removed(self, job_id: int) -> None:
        row = self._rows.pop(job_id, None)
        if row is not None:
            self._list_layout.removeWidget(row)
            row.deleteLater()
        self.empty_label.setVisible(not self._rows and not self._group_rows)
        self._update_ticker()
        self._update_clear_button()

    def _update_ticker(self) -> None:
        running = any(row.job.state == JobState.RUNNING for row in self._rows.values())
        if running and not self._ticker.isActive():
            self._ticker.start()
        elif not running:
            self._ticker.stop()

    def _tick(self) -> None:
        for row in self._rows.values():
            if row.job.state == JobState.RUNNING:
                set_plain_text(row.status_label, describe(row.job))
                row.retry_now_button.setVisible(row.job.is_waiting_to_retry)
