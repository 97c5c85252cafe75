"""The window's module loads the library package on the importing (GUI) thread.

Workers (the prompt history and budget reads) import from `desktop_app.library`; when one of
them was the first to import it while the GUI thread did too, the two deadlocked on the import
locks and the window hung (a smoke test, about 1 run in 10). Loading it with the window's module
means no worker is ever first.
"""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_main_window_loads_the_library_package() -> None:
    code = ("import sys\nimport desktop_app.ui.main_window\n"
            "print('desktop_app.library.store' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
