"""Hostile text in the window: prompts, model ids and server messages are shown, never rendered.

A prompt or message such as `<img src="file:///some/fifo">` must not make Qt open that file, and
`<font size=100>` must not make huge text. The FIFO is the witness: a watcher thread notices
(and releases) any reader that opens it, so a regression fails the test instead of hanging it.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget

from desktop_app.api.types import GenerationRequest
from desktop_app.jobs import JobState
from desktop_app.ui import plain_text
from desktop_app.ui.actions import ActionId
from tests.gui.conftest import single_attempt_client
from tests.library_helpers import make_result


class FifoWatch:
    """A FIFO and a thread that notices when something opens it for reading.

    Opening a FIFO's write end with O_NONBLOCK fails with ENXIO while no reader has it open; when
    it succeeds, a reader is there. The watcher then swaps an empty regular file in (Qt retries
    the load on every layout) and closes its end, which gives the reader end-of-file: the GUI
    thread goes on and the test fails instead of hanging.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self.opened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="fifo-watch", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                if error.errno == errno.ENXIO:
                    continue
                raise
            self.opened += 1
            stand_in = self.path.with_name(self.path.name + ".stand-in")
            stand_in.write_bytes(b"")
            os.replace(stand_in, self.path)
            os.close(fd)
            return

    def stop(self) -> int:
        self._stop.set()
        self._thread.join(timeout=5)
        if self.opened:
            return self.opened
        # One last look, without the thread: nobody may be holding it open now either.
        try:
            os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError as error:
            assert error.errno == errno.ENXIO
        else:
            self.opened += 1
        return self.opened


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[FifoWatch]:
    watch = FifoWatch(tmp_path / "witness.png")
    yield watch
    watch.stop()


def hostile(fifo: FifoWatch) -> str:
    return f'<img src="file://{fifo.path}"><font size=100 color=red>HUGE</font>'


def settle(qtbot, widget: QWidget | None = None) -> None:
    """Let Qt lay out and paint what was just shown."""
    if widget is not None:
        widget.repaint()
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


def show_tooltip(qtbot, text: str, widget: QWidget) -> None:
    QToolTip.showText(widget.mapToGlobal(QPoint(2, 2)), text, widget)
    settle(qtbot)
    QToolTip.hideText()


def labels_showing(marker: str) -> list[QLabel]:
    found = []
    for top in QApplication.topLevelWidgets():
        candidates = [top, *top.findChildren(QLabel)] if isinstance(top, QLabel) else \
            top.findChildren(QLabel)
        found += [label for label in candidates if marker in label.text()]
    return found


def assert_tooltip_is_escaped(tooltip: str, *, quotes_it: bool = True) -> None:
    assert "<img" not in tooltip and "<font" not in tooltip
    assert "&lt;img" in tooltip or not quotes_it


def test_hostile_prompt_model_and_message_are_never_markup_and_open_nothing(
    make_window, qtbot, server, fifo
):
    text = hostile(fifo)
    window = make_window(client_factory=single_attempt_client)

    # A job whose prompt is hostile: its row, the gallery cell and the viewer show it.
    window.prompt_panel.set_values(prompt=text)
    with qtbot.waitSignal(window.jobs.job_finished, timeout=20000) as finished:
        window.prompt_panel.generate_button.click()
    job = finished.args[0]
    assert job.state == JobState.DONE, job.error_message
    row = window.jobs_panel.row(job.id)
    settle(qtbot, row)
    assert_tooltip_is_escaped(row.prompt_label.toolTip())
    show_tooltip(qtbot, row.prompt_label.toolTip(), row.prompt_label)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 1)
    index = window.gallery_model.index(0)
    gallery_tip = window.gallery_model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert_tooltip_is_escaped(gallery_tip)
    show_tooltip(qtbot, gallery_tip, window.gallery_view.viewport())
    viewer = window.dialogs.open_viewer(window.gallery_model.entry_at(0))
    settle(qtbot, viewer)

    # A job that fails with the hostile text in its message (the model id is echoed back).
    window.prompt_panel.set_values(prompt="a calm prompt", model=text)
    with qtbot.waitSignal(window.jobs.job_failed, timeout=20000) as failed:
        window.prompt_panel.generate_button.click()
    failed_job = failed.args[0]
    failed_row = window.jobs_panel.row(failed_job.id)
    settle(qtbot, failed_row)
    assert "<img" in failed_row.status_label.text() or "&lt;img" in failed_row.status_label.text()

    # A server message in the message bar, and a message box.
    server.add_faults({"status": 400, "message": text, "body_style": "text"})
    with qtbot.waitSignal(window.model_catalog.models_refresh_failed, timeout=20000):
        window.model_catalog.refresh_models()
    window.message_bar.show_message(f"Could not do it: {text}")
    settle(qtbot, window)
    # (api/replies.py already took the tags out of that message; the tooltip escapes anyway.)
    assert_tooltip_is_escaped(window.prompt_panel.refresh_button.toolTip(), quotes_it=False)
    box = plain_text.plain_message_box(window, QMessageBox.Icon.Warning, "Oops", text)
    box.show()
    settle(qtbot, box)
    box.close()

    assert fifo.stop() == 0, "something rendered the hostile text as markup and opened the FIFO"
    shown = labels_showing("<img")
    assert len(shown) >= 4  # job row prompt and meta, failed row status, viewer, message bar
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()


def test_a_100k_character_prompt_is_elided_in_labels_and_tooltips(make_window, qtbot, library):
    prompt = "lighthouse\n" + "very " * 20_000  # 100,010 characters, as an imported file may hold
    library.add_result(make_result(prompt=prompt))
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    index = window.gallery_model.index(0)
    entry = window.gallery_model.entry_at(0)
    assert len(entry.prompt) > 10 * plain_text.MAX_TOOLTIP_CHARS  # the full text, for Copy prompt
    tip = window.gallery_model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert len(tip) < 2 * plain_text.MAX_TOOLTIP_CHARS and tip.count("\n") <= 12
    assert len(window.gallery_model.data(index)) <= plain_text.MAX_LABEL_CHARS + 1
    viewer = window.dialogs.open_viewer(entry)
    assert len(viewer.info_label.text()) <= 2 * plain_text.MAX_LABEL_CHARS + 3
    assert len(viewer.windowTitle()) <= 81
    # A job row (the request is refused locally for its length, but the row shows the prompt).
    job = window.jobs.submit(GenerationRequest(prompt=prompt))
    qtbot.waitUntil(lambda: job.state.is_final)
    row = window.jobs_panel.row(job.id)
    assert len(row.prompt_label.text()) <= plain_text.MAX_LABEL_CHARS + 1
    assert len(row.prompt_label.toolTip()) < 2 * plain_text.MAX_TOOLTIP_CHARS
    show_tooltip(qtbot, row.prompt_label.toolTip(), row.prompt_label)


# -- the helper itself ---------------------------------------------------------------------------


def test_set_plain_text_makes_the_label_plain_escaped_and_bounded(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    plain_text.set_plain_text(label, "<b>bold</b>\x1b[2J\u202e" + "x" * 5000)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().startswith("<b>bold</b>\\x1b[2J\\u202e")
    assert len(label.text()) <= plain_text.MAX_LABEL_CHARS + 1 and label.text().endswith("…")
    plain_text.set_plain_text(label, "\n".join(f"line {i}" for i in range(100)))
    assert label.text().count("\n") < plain_text.MAX_LABEL_LINES


def test_plain_tooltip_is_rich_text_that_shows_the_text_literally():
    tip = plain_text.plain_tooltip('<img src="file:///dev/zero"> & <b>x</b>\nsecond line')
    assert QtGui.Qt.mightBeRichText(tip)  # deliberately rich, so the entities render as characters
    assert "<img" not in tip and "&lt;img" in tip and "&amp;" in tip and "\nsecond line" in tip
    assert plain_text.plain_tooltip("") == ""


def test_plain_message_box_is_plain(qtbot):
    box = plain_text.plain_message_box(None, QMessageBox.Icon.Warning, "<b>t</b>", HOSTILE_SAMPLE)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == HOSTILE_SAMPLE


HOSTILE_SAMPLE = '<img src="file:///dev/zero"><font size=100>HUGE</font>'


# The tray icon is never really shown here; offscreen Qt says so.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged", "No Icon set")
def test_notifications_carry_no_markup(qtbot, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    from desktop_app.ui.notifications import Notifier

    shown = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda _self, title, message, *_args: shown.append((title, message)))
    window = QWidget()
    qtbot.addWidget(window)
    notifier = Notifier(window)
    notifier.notify("Studio", f"A job failed: {HOSTILE_SAMPLE}\n" + "x" * 10_000)
    assert notifier.last_method == "tray"
    ((title, message),) = shown
    assert title == "Studio"
    assert "<" not in message and ">" not in message and "HUGE" in message
    assert "\n" not in message and len(message) <= plain_text.MAX_NOTIFICATION_CHARS + 1
    notifier.close()


def test_about_escapes_the_user_given_url_and_folder(make_window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window = make_window()
    window.settings.library_dir = tmp_path / "<img src=x>"
    window.action_registry[ActionId.ABOUT].trigger()
    assert "<img" not in shown[0] and "&lt;img src=x&gt;" in shown[0]
