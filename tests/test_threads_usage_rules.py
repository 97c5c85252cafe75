"""One way to run background work (#13): no `atexit`, no worker thread held in a module global."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"
THREAD_MAKERS = {"QThread", "worker_thread", "ThreadKeeper", "QThreadPool"}


@functools.cache
def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
            for path in sorted(PACKAGE.rglob("*.py"))]


def _called_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        function = node.func
        if isinstance(function, ast.Name):
            return function.id
        if isinstance(function, ast.Attribute):
            return function.attr
    return None


def test_nothing_registers_an_atexit_handler() -> None:
    offenders = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Import) and any(a.name == "atexit" for a in node.names)) or (
                    isinstance(node, ast.ImportFrom) and node.module == "atexit"):
                offenders.append(path.name)
    assert not offenders  # threads are stopped by their owner's shutdown, not at exit


def test_no_module_global_holds_a_thread_or_its_keeper() -> None:
    offenders = []
    for path, tree in _modules():
        for node in tree.body:  # module level only
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if value is not None and _called_name(value) in THREAD_MAKERS:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
        # A function that rebinds a global and makes a thread keeps it in a module global.
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                inside = list(ast.walk(function))
                if any(isinstance(n, ast.Global) for n in inside) and any(
                    isinstance(n, ast.Call) and _called_name(n) in THREAD_MAKERS for n in inside
                ):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{function.name}")
    assert not offenders
