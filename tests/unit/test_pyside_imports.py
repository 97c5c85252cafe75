"""PySide6's import hook no longer reads every imported module's source (#18 start-up)."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

from desktop_app.ui.pyside_imports import skip_feature_source_scan


def test_a_module_imported_after_pyside_is_not_read_and_works(tmp_path: Path,
                                                               monkeypatch) -> None:
    assert skip_feature_source_scan()  # found where PySide6 6.x keeps it
    (tmp_path / "late_module_for_hook_test.py").write_text(
        "from PySide6.QtCore import QObject, Signal\n"
        "class Sender(QObject):\n"
        "    said = Signal(str)\n", encoding="utf-8")
    reads: list[object] = []
    real = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: reads.append(obj) or real(obj))
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        module = importlib.import_module("late_module_for_hook_test")
        heard: list[str] = []
        sender = module.Sender()
        sender.said.connect(heard.append)
        sender.said.emit("plain")
        assert heard == ["plain"]
        assert sender.objectName() == ""  # methods keep their Qt names: no snake_case
        assert reads == []
    finally:
        sys.modules.pop("late_module_for_hook_test", None)
