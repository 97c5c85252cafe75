"""The jobs panel's row for a batch: progress, spend and the group's commands.

Owns how one `JobGroup` looks in the jobs panel: a title, a progress bar of finished items, the
figures (done / total, failed, in flight, spend so far against the estimate), why it stopped
(a 429, a refused token, Cancel all) as plain text with the error's action, the buttons
(Cancel all, Retry failed, Show grid, the error action, dismiss) and a collapsible list of the
items with their states (a model over the group, not a widget per item, so a 1,000-item batch
costs one row). It reads the group and calls its commands; it never runs a job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.job_groups import ItemState, JobGroup, StopReason
from desktop_app.ui.error_actions import ErrorAction, action_for
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import display_text, plain_tooltip, set_plain_text
from desktop_app.ui.theme import Accent, accent
from desktop_app.usage.pricing import format_cost

if TYPE_CHECKING:
    from desktop_app.job_groups import GroupItem

ITEMS_LIST_HEIGHT = 160
UPDATE_INTERVAL_MS = 100

_ModelIndex = QModelIndex | QPersistentModelIndex


class GroupItemsModel(QAbstractListModel):
    """One line per item of a group: its number, prompt, settings and state."""

    def __init__(self, group: JobGroup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = group
        group.item_changed.connect(self._on_item_changed)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._group.total

    def state_text(self, group_item: GroupItem) -> str:
        state = group_item.state
        if state == ItemState.PENDING:
            return self.tr("waiting")
        if state == ItemState.SUBMITTED:
            return self.tr("running")
        if state == ItemState.DONE:
            return self.tr("done: %n image(s)", "", len(group_item.entry_ids))
        if state == ItemState.CANCELLED:
            return self.tr("cancelled")
        if state == ItemState.NOT_SENT:
            return self.tr("not sent")
        return self.tr("failed: {message}").format(message=group_item.message)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self._group.total:
            return None
        group_item = self._group.item(index.row())
        plan_item = group_item.item
        if role == Qt.ItemDataRole.DisplayRole:
            line = self.tr("{state} — {number}. {prompt} · {model} · {size} · ×{n}").format(
                number=index.row() + 1, prompt=" ".join(plan_item.prompt.split()),
                model=plan_item.model, size=str(plan_item.size), n=plan_item.n,
                state=self.state_text(group_item))
            return display_text(line, max_chars=300, max_lines=1)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{plan_item.prompt}\n{self.state_text(group_item)}")
        if role == Qt.ItemDataRole.ForegroundRole:
            if group_item.state == ItemState.FAILED:
                return accent(Accent.ERROR)
            if group_item.state == ItemState.DONE:
                return accent(Accent.SUCCESS)
        return None

    def _on_item_changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)


class GroupRow(QFrame):
    """One batch in the jobs panel."""

    grid_requested = Signal(int)  # group id
    error_action_requested = Signal(int, object)  # job id, ErrorAction
    dismissed = Signal(int)  # group id

    def __init__(self, group: JobGroup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.setObjectName(f"groupRow{group.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel()
        self.title_label.setObjectName("groupTitle")
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.progress = QProgressBar()
        self.progress.setObjectName("groupProgress")
        self.progress.setRange(0, max(1, group.total))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setAccessibleName(self.tr("Batch progress"))
        self.status_label = QLabel()
        self.status_label.setObjectName("groupStatus")
        self.status_label.setWordWrap(True)
        self.stop_label = QLabel()
        self.stop_label.setObjectName("groupStopped")
        self.stop_label.setWordWrap(True)
        self.stop_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_all_button = QPushButton(icon("cancel"), self.tr("Cancel all"))
        self.cancel_all_button.setObjectName("groupCancelAll")
        self.cancel_all_button.setToolTip(
            self.tr("Send nothing more and cancel the requests in flight"))
        self.cancel_all_button.clicked.connect(group.cancel_all)
        self.retry_button = QPushButton(icon("retry"), self.tr("Retry failed"))
        self.retry_button.setObjectName("groupRetryFailed")
        self.retry_button.setToolTip(self.tr(
            "Send again the items that failed, were cancelled or were never sent; "
            "finished items are not sent again"))
        self.retry_button.clicked.connect(group.retry_failed)
        self.grid_button = QPushButton(icon("image"), self.tr("Show grid"))
        self.grid_button.setObjectName("groupShowGrid")
        self.grid_button.clicked.connect(lambda: self.grid_requested.emit(self.group.id))
        self.action_button = QPushButton()
        self.action_button.setObjectName("groupErrorAction")
        self.action_button.clicked.connect(self._on_action_clicked)
        self.items_button = QToolButton()
        self.items_button.setObjectName("groupItemsToggle")
        self.items_button.setText(self.tr("Items"))
        self.items_button.setCheckable(True)
        self.items_button.setAutoRaise(True)
        self.items_button.setToolTip(self.tr("Show or hide every item of the batch"))
        self.dismiss_button = QToolButton()
        self.dismiss_button.setIcon(icon("close"))
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(self.tr("Remove the batch from the list"))
        self.dismiss_button.setAccessibleName(self.tr("Remove batch from the list"))
        self.dismiss_button.clicked.connect(lambda: self.dismissed.emit(self.group.id))
        self.items_model = GroupItemsModel(group, self)
        self.items_view = QListView()
        self.items_view.setObjectName("groupItems")
        self.items_view.setAccessibleName(self.tr("Items of the batch"))
        self.items_view.setModel(self.items_model)
        self.items_view.setUniformItemSizes(True)
        self.items_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.items_view.setMaximumHeight(ITEMS_LIST_HEIGHT)
        self.items_view.hide()
        self.items_button.toggled.connect(self.items_view.setVisible)

        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.items_button)
        top.addWidget(self.dismiss_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.grid_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.stop_label)
        layout.addWidget(self.items_view)
        layout.addLayout(buttons)
        # While a batch runs, the row is redrawn at most every UPDATE_INTERVAL_MS (a thousand
        # items would otherwise relayout the panel a few thousand times); the final state and
        # every stop show at once.
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(UPDATE_INTERVAL_MS)
        self._throttle.timeout.connect(self._on_throttle_over)
        self._is_stale = False
        group.changed.connect(self._on_group_changed)
        self.update_from_group()

    def buttons(self) -> list[QWidget]:
        return [self.items_button, self.dismiss_button, self.action_button, self.grid_button,
                self.retry_button, self.cancel_all_button]

    def current_action(self) -> ErrorAction:
        group = self.group
        if group.stop_reason != StopReason.FAILURE or group.is_running:
            return ErrorAction.NONE
        action = action_for(group.stopped_kind)
        return ErrorAction.NONE if action == ErrorAction.RETRY else action

    def status_text(self) -> str:
        group = self.group
        plan = group.plan
        estimate = format_cost(plan.estimated_cost if plan.estimated_cost is not None
                               else plan.known_cost)
        parts = [self.tr("{done} of {total} done").format(done=group.done, total=group.total)]
        if group.failed:
            parts.append(self.tr("%n failed", "", group.failed))
        not_sent = group.count(ItemState.NOT_SENT)
        if not_sent:
            parts.append(self.tr("%n not sent", "", not_sent))
        if group.in_flight:
            parts.append(self.tr("%n in flight", "", group.in_flight))
        parts.append(self.tr("spent ≈ {spent} of ≈ {estimate}").format(
            spent=format_cost(group.spent), estimate=estimate))
        return self.tr(" · ").join(parts)

    def stop_text(self) -> str:
        group = self.group
        if group.stop_reason == StopReason.CANCELLED:
            return self.tr("Cancelled: nothing further was sent.")
        if group.stop_reason == StopReason.FAILURE:
            return self.tr("Stopped: {message} Nothing further was sent.").format(
                message=group.stopped_message or self.tr("a request failed."))
        return ""

    def update_from_group(self) -> None:
        self._is_stale = False
        group = self.group
        self.title_label.setText(self.tr("Batch: %n request(s)", "", group.total))
        finished = group.total - group.count(ItemState.PENDING, ItemState.SUBMITTED)
        self.progress.setValue(finished)
        set_plain_text(self.status_label, self.status_text())
        stop = self.stop_text()
        set_plain_text(self.stop_label, stop)
        self.stop_label.setVisible(bool(stop))
        colour = accent(Accent.ERROR if group.stop_reason == StopReason.FAILURE
                        else Accent.WARNING)
        self.stop_label.setStyleSheet(f"color: {colour.name()};")
        self.setAccessibleName(self.tr("Batch: %n request(s)", "", group.total))
        self.setAccessibleDescription(display_text(self.status_text(), max_lines=2))
        running = group.is_running
        self.cancel_all_button.setVisible(running)
        self.retry_button.setVisible(group.can_retry)
        self.grid_button.setEnabled(group.done > 0)
        self.dismiss_button.setVisible(not running)
        action = self.current_action()
        self.action_button.setVisible(action != ErrorAction.NONE)
        self.action_button.setText(action.label)

    def _on_group_changed(self) -> None:
        group = self.group
        if self._throttle.isActive() and group.is_running and group.stop_reason is None:
            self._is_stale = True
            return
        self.update_from_group()
        self._throttle.start()

    def _on_throttle_over(self) -> None:
        if self._is_stale:
            self.update_from_group()

    def _on_action_clicked(self) -> None:
        job_id = self.group.stopped_job_id
        if job_id is not None:
            self.error_action_requested.emit(job_id, self.current_action())
