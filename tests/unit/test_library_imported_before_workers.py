"""The GUI thread imports the library package before any worker thread starts (#18 order).

Workers (the prompt history and budget reads, jobs, the gallery loader) import from
`desktop_app.library`; when one of them was the first to import it while the GUI thread did
too, the two deadlocked on the import locks and the window hung (a smoke test, about 1 run in
10). Since #18 the window no longer imports the library before its first paint (it was most of
what start-up imported); it imports it right after, before it starts any work
(`ui/deferred_parts.load_worker_packages`). Both halves are checked in a fresh process that
starts the window the way the app does: nothing heavy before the first paint, and every
worker thread made after the library package was loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, sys
import desktop_app.threads as threads

made = []
original = threads.worker_thread

def spy(worker, name, **kwargs):
    made.append([name, "desktop_app.library.store" in sys.modules])
    return original(worker, name, **kwargs)

threads.worker_thread = spy
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app import gui_gc
from desktop_app.app import build_window
from desktop_app.ui.first_paint import after_first_paint

app = QApplication(sys.argv[:1])
gui_gc.install(app)
window = build_window()
HEAVY = ("desktop_app.library", "desktop_app.usage", "PIL", "sqlite3", "logging.handlers")
at_paint = {}

def first_paint():
    at_paint.update({name: name in sys.modules for name in HEAVY})

def done():
    QTimer.singleShot(300, app.quit)  # a few of the background tasks start meanwhile

watcher = after_first_paint(window.centralWidget(), first_paint)
window.background_started.connect(done)
QTimer.singleShot(60000, app.quit)
window.show()
app.exec()
window.shutdown()
window.close_library()
print("RESULT" + json.dumps({"at_paint": at_paint, "made": made}))
"""


def test_nothing_heavy_before_the_first_paint_and_the_library_before_any_worker(
        tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DBUS_SESSION_BUS_ADDRESS="disabled:",
               HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_STATE_HOME=str(tmp_path / "state"),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("NSCALE_SERVICE_TOKEN", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, env=env)
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
    result = json.loads(line[len("RESULT"):])
    assert result["at_paint"] and not any(result["at_paint"].values()), result["at_paint"]
    assert result["made"], "no worker thread started after the first paint"
    late = [name for name, library_loaded in result["made"] if not library_loaded]
    assert not late, f"threads started before the library package was loaded: {late}"
