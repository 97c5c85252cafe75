"""What a person asks for on an image whose file was replaced by a FIFO or a link to a device
(found by the attack2 QA pass).

The library's scans never open such files, but View / Copy image (`viewer.read_image`), Save as
(`image_actions.convert_image`) and Reuse settings (`read_metadata`) opened the path directly: a
FIFO blocked the worker thread forever, /dev/zero and /dev/urandom were read until memory ran
out. Each must now fail at once with an OSError that names the file and the reason.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.library import read_metadata
from desktop_app.ui import image_actions, viewer

ACTIONS: dict[str, Callable[[Path, Path], object]] = {
    "view": lambda path, _out: viewer.read_image(path),
    "save as png": lambda path, out: image_actions.convert_image(path, out / "x.png", "PNG"),
    "save as jpeg": lambda path, out: image_actions.convert_image(path, out / "x.jpg", "JPEG"),
    "reuse settings": lambda path, _out: read_metadata(path),
}


def _release(path: Path) -> None:
    """Give a reader blocked on the FIFO end-of-file, so a regression fails instead of hangs."""
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def _outcome(action: Callable[[], object], fifo: Path | None) -> BaseException | object:
    box: list[object] = []

    def run() -> None:
        try:
            box.append(action())
        except BaseException as error:  # the outcome is what is checked
            box.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    hung = worker.is_alive()
    if hung and fifo is not None:
        _release(fifo)
        worker.join(5)
    assert not hung, "the action blocked on the file"
    return box[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom"])
def test_actions_on_a_special_file_fail_at_once_with_the_reason(qtbot, tmp_path, action, kind):
    path = tmp_path / "image.png"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        if not os.path.exists(kind):
            pytest.skip(f"{kind} does not exist here")
        os.symlink(kind, path)
    out = tmp_path / "out"
    out.mkdir()
    result = _outcome(lambda: ACTIONS[action](path, out), path if kind == "fifo" else None)
    assert isinstance(result, OSError), repr(result)
    assert "image.png" in str(result) and "not an image file" in str(result)
    assert os.listdir(out) == []
