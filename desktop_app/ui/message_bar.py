"""An in-window message band: one line of text, optional progress, up to a few action buttons.

Owns showing information, warnings and errors in place (never a stack of modal dialogs): the
first-run token hint, failures with their fix ("Set token…", "Retry"), "Deleted 3 images — Undo",
import progress. It only displays and reports clicks; the owner decides what an action does.
`MessageOverlay` holds the window's bars over the bottom edge of a host widget, so showing or
hiding one never moves any other control (a click aimed at a button lands on that button).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import MAX_MESSAGE_CHARS, set_plain_text
from desktop_app.ui.theme import Accent, tinted_background

_LEVEL_ICONS = {
    Accent.INFO: "info",
    Accent.SUCCESS: "info",
    Accent.WARNING: "warning",
    Accent.ERROR: "error",
}

# Buttons wider than this share of the bar go under the text instead of beside it.
BUTTONS_SHARE = 0.4

MessageAction = tuple[str, Callable[[], object]]  # what the callback returns is ignored


class MessageBar(QFrame):
    """A calm, dismissable band at the top of a window or panel."""

    action_triggered = Signal(str)  # the label of the clicked button
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._level = Accent.INFO
        self._actions: list[MessageAction] = []
        self._buttons: list[QPushButton] = []
        rows = QVBoxLayout(self)
        rows.setContentsMargins(10, 6, 6, 6)
        rows.setSpacing(4)
        layout = QHBoxLayout()
        layout.setSpacing(8)
        self._icon = QLabel()
        self._icon.setFixedSize(20, 20)
        self._text = QLabel()
        self._text.setObjectName("messageText")
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._progress = QProgressBar()
        self._progress.setMaximumWidth(180)
        self._progress.setTextVisible(True)
        self._progress.hide()
        self._button_box = QHBoxLayout()
        self._button_box.setSpacing(6)
        self._close = QToolButton()
        self._close.setIcon(icon("close"))
        self._close.setAutoRaise(True)
        self._close.setToolTip(self.tr("Dismiss"))
        self._close.setAccessibleName(self.tr("Dismiss message"))
        self._close.clicked.connect(self.dismiss)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._progress)
        layout.addLayout(self._button_box)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        # Long button labels in a narrow bar go on a row of their own under the text (beside
        # it they squeezed a sentence into a column one or two words wide).
        self._first_row = layout
        self._second_row = QHBoxLayout()
        self._second_row.setContentsMargins(28, 0, 0, 0)
        self._second_row.addStretch(1)
        self._buttons_wrapped = False
        rows.addLayout(layout)
        rows.addLayout(self._second_row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    # -- API --------------------------------------------------------------------------------

    def show_message(
        self,
        text: str,
        level: Accent = Accent.INFO,
        actions: Sequence[MessageAction] = (),
        *,
        closable: bool = True,
        timeout_ms: int = 0,
    ) -> None:
        self._level = level
        set_plain_text(self._text, text, max_chars=MAX_MESSAGE_CHARS)
        self._actions = list(actions)
        for button in self._buttons:
            self._button_box.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for label, _callback in self._actions:
            button = QPushButton(label)
            button.clicked.connect(self._on_button_clicked)
            self._button_box.addWidget(button)
            self._buttons.append(button)
        self._close.setVisible(closable)
        self._progress.hide()
        self._fit_buttons()
        self._apply_colours()
        self._timer.stop()
        if timeout_ms > 0:
            self._timer.start(timeout_ms)
        self.show()

    def set_progress(self, done: int, total: int) -> None:
        self._progress.setRange(0, max(total, 0))
        self._progress.setValue(min(done, total) if total else 0)
        self._progress.show()

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self._timer.stop()
            self.dismissed.emit()

    def text(self) -> str:
        return self._text.text()

    def level(self) -> Accent:
        return self._level

    def action_labels(self) -> list[str]:
        return [label for label, _callback in self._actions]

    def trigger(self, label: str) -> None:
        """Run the action with this label, as a click would (used by shortcuts and tests)."""
        for index, (action_label, _callback) in enumerate(self._actions):
            if action_label == label:
                self._run(index)
                return

    def _run(self, index: int) -> None:
        label, callback = self._actions[index]
        self.action_triggered.emit(label)
        callback()

    def buttons_wrapped(self) -> bool:
        """Whether the action buttons sit on their own row under the text."""
        return self._buttons_wrapped

    # -- internals --------------------------------------------------------------------------

    def _fit_buttons(self) -> None:
        buttons = sum(b.sizeHint().width() for b in self._buttons)
        buttons += self._button_box.spacing() * max(0, len(self._buttons) - 1)
        wrapped = bool(self._buttons) and buttons > self.width() * BUTTONS_SHARE
        if wrapped == self._buttons_wrapped:
            return
        self._buttons_wrapped = wrapped
        if wrapped:
            self._first_row.removeItem(self._button_box)
            self._second_row.addLayout(self._button_box)
        else:
            self._second_row.removeItem(self._button_box)
            self._first_row.insertLayout(self._first_row.indexOf(self._close), self._button_box)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_buttons()

    def _on_button_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton) and button in self._buttons:
            self._run(self._buttons.index(button))  # by position: two labels may read alike

    def _apply_colours(self) -> None:
        palette = self.palette()
        palette.setColor(self.backgroundRole(), tinted_background(self._level))
        self.setPalette(palette)
        self._icon.setPixmap(icon(_LEVEL_ICONS[self._level]).pixmap(20, 20))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._apply_colours()


class MessageOverlay(QWidget):
    """Message bars floating over the bottom edge of a host widget, outside any layout.

    The host is told how tall the bars are (`height_changed`), so a scroll view can keep its
    last row reachable with a viewport margin; nothing else moves when a bar shows or goes.
    """

    height_changed = Signal(int)  # pixels the bars cover at the host's bottom (0: none)

    MARGIN = 6

    def __init__(self, bars: Sequence[MessageBar], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageOverlay")
        self.bars = list(bars)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for bar in self.bars:
            layout.addWidget(bar)
        self._host: QWidget | None = None
        self._right_inset = 0
        self._covered = 0

    def attach(self, host: QWidget, right_inset: int = 0) -> None:
        """Float over `host` from now on, leaving `right_inset` pixels free on the right (a
        scroll bar there stays usable)."""
        if self._host is not None:
            self._host.removeEventFilter(self)
        self._host = host
        self._right_inset = right_inset
        self.setParent(host)
        host.installEventFilter(self)
        self.show()
        self.reposition()

    def covered_height(self) -> int:
        return self._covered

    def reposition(self) -> None:
        host = self._host
        if host is None:
            return
        width = max(0, host.width() - 2 * self.MARGIN - self._right_inset)
        layout = self._layout
        shown = any(not bar.isHidden() for bar in self.bars)
        if not shown or width == 0:
            height = 0
        elif layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = layout.totalSizeHint().height()
        self.setGeometry(self.MARGIN, max(0, host.height() - height - self.MARGIN), width,
                         height)
        self.raise_()
        covered = height + self.MARGIN if height else 0
        if covered != self._covered:
            self._covered = covered
            self.height_changed.emit(covered)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.reposition()
        return False

    def event(self, event: QEvent) -> bool:
        # A bar shown, hidden or re-worded asks its parent (this) to lay out again.
        if event.type() == QEvent.Type.LayoutRequest:
            result = super().event(event)
            self.reposition()
            return result
        return super().event(event)
