"""PySide6's import hook, without the source scan it runs for every module imported after it.

Once PySide6 is imported, every later import goes through its hook, which reads and tokenizes
the new module's whole source file (`inspect.getsource`) to see whether the text "PySide6"
appears in it: a module that mentions it may opt into `from __feature__ import snake_case`
or `true_property`. 178 modules are imported that way between start-up and the library shown,
33-40 ms of GUI-thread time on the slow machine of #18, much of it in the one event-loop turn
that opens the library. This app never imports `__feature__`, so every module has the default
selection (none) whichever answer the scan gives; `skip_feature_source_scan` gives that answer
without reading any file. It does nothing when the hook is not where PySide6 6.x keeps it.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _uses_pyside(_module: ModuleType) -> bool:
    return True  # "no feature selected": what a module that never imports __feature__ gets


def skip_feature_source_scan() -> bool:
    """Replace the hook's per-module source scan; True when it was found and replaced."""
    import PySide6.QtCore  # noqa: F401 - installs the hook whose check is replaced

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", _uses_pyside)  # noqa: B010 - not in its stubs
    return True
