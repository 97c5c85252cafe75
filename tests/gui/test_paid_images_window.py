"""The window never pays for an image it cannot keep, and never drops one it paid for.

The library's images folder is a real tmpfs (tests/disks.py) that a test makes read-only before
a job (the job is refused, nothing is sent) or while the request is in flight (the reply's
images stay on the job and the row offers Save to…). Hand-made servers (tests/tiny_http.py)
send more or fewer images than asked.
"""

from __future__ import annotations

import base64
import io
import sqlite3
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from desktop_app.jobs import JobState
from desktop_app.library import Library, read_metadata
from desktop_app.library import store as store_module
from desktop_app.ui.actions import ActionId
from tests.disks import IS_ROOT, files_under, read_only_folder, remount_read_only, tmpfs
from tests.gui.fake_chooser import use_chooser
from tests.tiny_http import TinyServer, send_json

GENERATIONS = "/v1/images/generations"
MODELS = {"data": [{"id": "black-forest-labs/FLUX.1-schnell", "type": "image"}]}


def png(seed: int = 0, size: tuple[int, int] = (64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (seed * 40 % 256, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def reply(*images: bytes) -> dict[str, object]:
    return {"created": 1_764_070_320,
            "data": [{"b64_json": base64.b64encode(i).decode()} for i in images]}


@pytest.fixture
def library_root(isolated_home: Path) -> Path:
    return isolated_home / "library"


@pytest.fixture
def library(library_root: Path) -> Iterator[Library]:
    """Overrides the GUI conftest's: the images folder is its own (tiny) disk when root."""
    images = library_root / "images"
    if IS_ROOT:
        with tmpfs(images, "48m"):
            library = Library.open(library_root)
            yield library
            library.close()
    else:
        library = Library.open(library_root)
        yield library
        library.close()


@pytest.fixture
def tiny() -> Iterator[TinyServer]:
    server = TinyServer()
    server.routes["/v1/models"] = send_json(MODELS)
    yield server
    server.close()


def generate(window, qtbot, count: int, size: str = "64x64"):
    window.prompt_panel.set_values(prompt="a kept lighthouse", size=size, count=count)
    with qtbot.waitSignal(window.jobs.job_added, timeout=2000) as added:
        window.prompt_panel.generate_button.click()
    job = added.args[0]
    qtbot.waitUntil(lambda: job.state.is_final, timeout=20000)
    return job


def usage_rows(library: Library) -> list[dict[str, object]]:
    connection = sqlite3.connect(library.database_path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute("SELECT * FROM requests ORDER BY id")]
    finally:
        connection.close()


# --- more or fewer images than asked ---------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "sent", "note"),
    [(1, 40, "1 requested, 40 returned: kept the first 1."), (3, 1, "3 requested, 1 returned.")],
)
def test_the_job_row_says_when_the_server_sent_another_number(make_window, qtbot, tiny,
                                                              library, count, sent, note):
    tiny.routes[GENERATIONS] = send_json(reply(*[png(i) for i in range(sent)]))
    window = make_window(base_url=tiny.root + "/v1")
    job = generate(window, qtbot, count)
    assert job.state == JobState.DONE, job.error_message
    kept = min(count, sent)
    assert len(job.outcome.entries) == kept
    row = window.jobs_panel.row(job.id)
    assert note in row.status_label.text()
    assert window.gallery_model.rowCount() == kept
    [usage] = usage_rows(library)
    assert (usage["n"], usage["images"], usage["saved"]) == (count, sent, kept)


# --- refused before sending ------------------------------------------------------------------


def test_a_read_only_library_is_refused_with_no_request(make_window, qtbot, server, library):
    window = make_window()
    month_folders = library.images_dir
    # The images folder (its own disk here) becomes read-only, as a failing USB disk does.
    if IS_ROOT:
        remount_read_only(month_folders)
        words = "read-only"
        context = None
    else:
        context = read_only_folder(month_folders)
        words = context.__enter__()
    try:
        job = generate(window, qtbot, 2)
    finally:
        if context is not None:
            context.__exit__(None, None, None)
    assert job.state == JobState.FAILED
    row = window.jobs_panel.row(job.id)
    text = row.status_label.text()
    assert "Nothing was sent" in text and words in text
    assert "unexpected" not in text.lower()
    assert server.stats()["generations"] == 0
    assert usage_rows(library) == []
    assert not row.save_button.isVisible() and row.retry_button.isVisible()


# --- saving fails after the reply arrived ----------------------------------------------------


def test_a_failed_save_keeps_the_images_and_save_to_writes_them(make_window, qtbot, tiny,
                                                                library, tmp_path, monkeypatch):
    if not IS_ROOT:
        pytest.skip("needs root: the images folder turns read-only while the request is in flight")

    def read_only_then_reply(request: BaseHTTPRequestHandler) -> None:
        remount_read_only(library.images_dir)  # passes the check before sending, fails after
        send_json(reply(png(1), png(2)))(request)

    tiny.routes[GENERATIONS] = read_only_then_reply
    window = make_window(base_url=tiny.root + "/v1")
    job = generate(window, qtbot, 2)
    assert job.state == JobState.FAILED
    assert job.has_unsaved_images and len(job.unsaved.images) == 2
    row = window.jobs_panel.row(job.id)
    text = row.status_label.text()
    assert "could not be saved in the library" in text and "read-only" in text
    assert "Save to…" in text
    assert row.save_button.isVisible() and not row.dismiss_button.isVisible()
    window.jobs.clear_finished()
    assert window.jobs_panel.row(job.id) is row  # paid images are never cleared away
    [usage] = usage_rows(library)
    assert (usage["n"], usage["images"], usage["saved"], usage["status"]) == (2, 2, 0, "ok")

    target = tmp_path / "rescued"
    threads: list[object] = []
    real = store_module.save_result_to_folder

    def spy(*args, **kwargs):
        threads.append(QThread.currentThread())
        return real(*args, **kwargs)

    monkeypatch.setattr(store_module, "save_result_to_folder", spy)
    use_chooser(window, folder=target)
    row.save_button.click()
    qtbot.waitUntil(lambda: job.saved_to is not None, timeout=10000)
    written = files_under(target)
    assert len(written) == 2
    assert {read_metadata(path).prompt for path in written} == {"a kept lighthouse"}
    assert threads and threads[0] is not QApplication.instance().thread()  # off the GUI thread
    assert not job.has_unsaved_images
    assert str(target) in row.status_label.text()
    assert not row.save_button.isVisible() and row.dismiss_button.isVisible()
    assert window.message_bar.text().startswith(("Saved 2 images", "Saved 2 image(s)"))


def test_save_to_a_folder_that_fails_keeps_the_images(make_window, qtbot, tiny, library,
                                                      tmp_path, monkeypatch):
    if not IS_ROOT:
        pytest.skip("needs root: the images folder turns read-only while the request is in flight")

    def read_only_then_reply(request: BaseHTTPRequestHandler) -> None:
        remount_read_only(library.images_dir)
        send_json(reply(png(1)))(request)

    tiny.routes[GENERATIONS] = read_only_then_reply
    window = make_window(base_url=tiny.root + "/v1")
    job = generate(window, qtbot, 1)
    row = window.jobs_panel.row(job.id)
    with read_only_folder(tmp_path / "also-read-only") as words:
        use_chooser(window, folder=tmp_path / "also-read-only")
        row.save_button.click()
        qtbot.waitUntil(lambda: "could not be saved" in window.message_bar.text(), timeout=10000)
    assert words in window.message_bar.text()
    assert job.has_unsaved_images and row.save_button.isEnabled()


# --- plain words for disk failures, "unexpected" only for bugs -------------------------------


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(28, "No space left on device", "/lib/images/x.png"), "no space left"),
        (OSError(24, "Too many open files", "/lib/library.sqlite3"), "too many open files"),
        (ValueError("a bug"), "Unexpected ValueError; details are in the log."),
    ],
)
def test_job_failures_that_are_not_api_errors_say_what_happened(make_window, qtbot, error,
                                                               words):
    window = make_window()

    def run(job_id, request, cancel, on_retry=None):
        raise error

    window.jobs._run = run
    job = generate(window, qtbot, 1)
    assert job.state == JobState.FAILED
    text = window.jobs_panel.row(job.id).status_label.text()
    assert words in text
    if isinstance(error, OSError):
        assert error.filename in text and "unexpected" not in text.lower()


def test_export_to_a_read_only_folder_says_so_in_the_message_bar(make_window, qtbot, library,
                                                                  tmp_path, monkeypatch):
    from tests.library_helpers import make_result

    library.add_result(make_result(n=2))
    window = make_window()
    target = tmp_path / "read-only-export"
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(1) is not None)
    window.gallery_view.selectAll()
    with read_only_folder(target) as words:
        use_chooser(window, folder=target)
        window.action_registry[ActionId.EXPORT].trigger()
        qtbot.waitUntil(lambda: "could not be exported" in window.message_bar.text(),
                        timeout=10000)
    text = window.message_bar.text()
    assert words in text and str(target) in text
    assert "Errno" not in text


def test_quitting_with_unsaved_images_writes_them_to_the_fallback_folder(make_window, qtbot,
                                                                         tiny, library):
    if not IS_ROOT:
        pytest.skip("needs root: the images folder turns read-only while the request is in flight")
    from desktop_app import paths

    def read_only_then_reply(request: BaseHTTPRequestHandler) -> None:
        remount_read_only(library.images_dir)
        send_json(reply(png(1), png(2)))(request)

    tiny.routes[GENERATIONS] = read_only_then_reply
    window = make_window(base_url=tiny.root + "/v1")
    job = generate(window, qtbot, 2)
    assert job.has_unsaved_images
    window.close()
    kept = files_under(paths.unsaved_images_dir())
    assert len(kept) == 2
    assert {read_metadata(path).prompt for path in kept} == {"a kept lighthouse"}
