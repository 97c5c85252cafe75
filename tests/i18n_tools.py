"""Shared by the translation tests: the update script as a module, the code's tr() literals, and
a pseudo-locale catalogue (every string bracketed and about 40 % longer)."""

from __future__ import annotations

import ast
import importlib.util
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "build_scripts" / "update_translations.py"


def update_script() -> ModuleType:
    """build_scripts/update_translations.py, imported (it is a script, not a package module)."""
    name = "update_translations_under_test"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Literal:
    path: Path
    line: int
    context: str | None  # None: self.tr in a method (the class is the context)
    source: str
    comment: str


@dataclass(frozen=True)
class Violation:
    path: Path
    line: int
    why: str


def _string(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


class _Finder(ast.NodeVisitor):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.classes: list[str] = []
        self.literals: list[Literal] = []
        self.violations: list[Violation] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else (
            func.id if isinstance(func, ast.Name) else "")
        if name == "tr" and isinstance(func, ast.Attribute) and node.args:
            self._record(node, None, node.args[0], node.args[1:])
        elif name == "translate" and len(node.args) >= 2 and _string(node.args[0]) is not None:
            self._record(node, _string(node.args[0]), node.args[1], node.args[2:])
        self.generic_visit(node)

    def _record(self, node: ast.Call, context: str | None, text: ast.expr,
                rest: list[ast.expr]) -> None:
        source = _string(text)
        if source is None:
            self.violations.append(Violation(
                self.path, node.lineno, "the text is not a string literal (lupdate cannot read "
                "it; f-strings, variables and concatenations of calls never reach the .ts)"))
            return
        comment = _string(rest[0]) if rest else ""
        if rest and comment is None and not (isinstance(rest[0], ast.Constant)
                                             and rest[0].value is None):
            self.violations.append(Violation(self.path, node.lineno,
                                             "the disambiguation is not a string literal"))
        if context is not None and len(rest) >= 2 and not isinstance(
                rest[1], ast.Name | ast.Constant):
            # (self.tr takes any count; only translate() trips lupdate's Python parser)
            self.violations.append(Violation(
                self.path, node.lineno, "the count of translate() is an expression: lupdate's "
                "Python parser then drops the whole call (an attribute too); pass a plain name"))
        if context is None:
            if not self.classes:
                self.violations.append(Violation(self.path, node.lineno,
                                                 "tr() outside a class has no context"))
                return
            context = self.classes[-1]
        self.literals.append(Literal(self.path, node.lineno, context, source, comment or ""))


def translatable_literals(root: Path = ROOT / "desktop_app") -> tuple[list[Literal],
                                                                       list[Violation]]:
    literals: list[Literal] = []
    violations: list[Violation] = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "PySide6" not in text:
            continue
        finder = _Finder(path)
        finder.visit(ast.parse(text, filename=str(path)))
        literals += finder.literals
        violations += finder.violations
    return literals, violations


def pseudo(text: str) -> str:
    """"Delete image" -> "[Delete image~~~~~~]": each line bracketed and ~40 % longer (short ones
    more); placeholders,
    %n and & mnemonics stay as they are (they are inside the brackets, untouched)."""
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append(line)
            continue
        stripped = line.rstrip()
        trailing = line[len(stripped):]
        lead = len(stripped) - len(stripped.lstrip())
        body = stripped[lead:]
        # About 40 % longer, and short labels more (German and French often double them:
        # "All models" -> "Tous les modèles"): at least min(length, 8) characters more.
        extra = max(math.ceil(len(body) * 0.4), min(len(body), 8))
        padding = "~" * max(1, extra - 2)
        lines.append(f"{stripped[:lead]}[{body}{padding}]{trailing}")
    return "\n".join(lines)


def write_pseudo_qm(folder: Path) -> Path:
    """Compile a pseudo-locale catalogue of every string in the code; returns the .qm."""
    script = update_script()
    # Merged as a language of its own (every message kept), written as English so that lrelease
    # uses English plural rules (two forms).
    catalogue = script.merge(script.extract(), None, "pseudo")
    for _context, message in catalogue.messages():
        message.translations = [pseudo(message.source)] * (2 if message.numerus else 1)
        message.finished = True
    catalogue.language = "en"
    ts_file = folder / "pseudo_en.ts"
    ts_file.write_text(script.render_ts(catalogue), encoding="utf-8")
    qm_file = folder / "pseudo_en.qm"
    script.compile_qm(ts_file, qm_file)
    return qm_file
