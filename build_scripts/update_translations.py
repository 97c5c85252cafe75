#!/usr/bin/env python3
"""Extracts the window's translatable strings into the .ts files and compiles them to .qm.

    python build_scripts/update_translations.py            # update the .ts files, then the .qm
    python build_scripts/update_translations.py --check    # exit 1 if a .ts or .qm is not current
    python build_scripts/update_translations.py --release  # only compile the .qm files

It owns `resources/translations/nscale_studio_<lang>.ts` (the sources translators edit, in Qt
Linguist or a text editor) and the `.qm` files compiled from them, which are committed: a source
checkout, `pip install -e .`, a wheel, the PyInstaller bundle and the .deb then all find them
with no build step, and the suite fails when one is not current (tests/unit/test_i18n_*.py).

`pyside6-lupdate` does the extraction (every `self.tr(...)` and `QCoreApplication.translate(...)`
in the Qt modules of desktop_app/), always into a fresh file with no source locations, so diffs
show only changed strings. The merge with the existing translations is done here rather than by
lupdate, for one reason: lupdate's Python parser marks `QCoreApplication.translate(ctx, "%n ...",
"", count)` as a plural only when the count is a number literal, and a merge would then drop the
translated plural forms. So every message whose source holds `%n` (or `%Ln`) is a plural here,
with as many forms as the language has; messages that vanished from the code are dropped; a
changed message starts unfinished.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "desktop_app"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
CATALOGUE = "nscale_studio"
LANGUAGES = ("de", "fr")  # translated in full
# English needs a catalogue too, for plurals only: "%n image(s)" becomes "1 image" / "2 images".
# Its forms are derived from the source ("(s)" dropped / kept) unless someone edited them.
ENGLISH = "en"
ALL_CATALOGUES = (*LANGUAGES, ENGLISH)
# Plural forms per language, as Qt counts them (German: 1 | other; French: 0-1 | other).
PLURAL_FORMS = {"de": 2, "fr": 2, "en": 2}


@dataclass
class Message:
    source: str
    comment: str = ""
    translations: list[str] = field(default_factory=lambda: [""])
    finished: bool = False

    @property
    def numerus(self) -> bool:
        return "%n" in self.source or "%Ln" in self.source

    @property
    def key(self) -> tuple[str, str]:
        return self.source, self.comment


@dataclass
class Catalogue:
    language: str
    contexts: dict[str, list[Message]] = field(default_factory=dict)

    def messages(self) -> list[tuple[str, Message]]:
        return [(name, message) for name, items in self.contexts.items() for message in items]

    def find(self, context: str, key: tuple[str, str]) -> Message | None:
        return next((m for m in self.contexts.get(context, []) if m.key == key), None)


def _tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (a venv's bin/), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (it ships the tool)")
    return found


def qt_sources() -> list[Path]:
    """The modules that can hold translatable strings: those that import Qt."""
    return sorted(
        path for path in SOURCE_DIR.rglob("*.py")
        if "__pycache__" not in path.parts and "PySide6" in path.read_text(encoding="utf-8")
    )


def read_ts(path: Path) -> Catalogue:
    root = ET.parse(path).getroot()  # noqa: S314 - our own files or lupdate's output
    catalogue = Catalogue(language=(root.get("language") or "").split("_")[0])
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        items = catalogue.contexts.setdefault(name, [])
        for element in context.iter("message"):
            translation = element.find("translation")
            forms = [""]
            finished = False
            if translation is not None:
                numerus_forms = translation.findall("numerusform")
                forms = ([form.text or "" for form in numerus_forms] if numerus_forms
                         else [translation.text or ""])
                finished = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            items.append(Message(
                source=element.findtext("source") or "",
                comment=element.findtext("comment") or "",
                translations=forms,
                finished=finished,
            ))
    return catalogue


def extract(sources: list[Path] | None = None) -> Catalogue:
    """Run lupdate over the Qt modules into a fresh file and read what it found."""
    sources = qt_sources() if sources is None else sources
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "extracted_en.ts"
        listing = Path(folder) / "sources.lst"
        listing.write_text("\n".join(str(path) for path in sources) + "\n", encoding="utf-8")
        result = subprocess.run(
            [_tool("pyside6-lupdate"), f"@{listing}", "-locations", "none", "-no-obsolete",
             "-source-language", "en", "-target-language", "en", "-silent", "-ts", str(target)],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0 or not target.exists():
            raise SystemExit(f"lupdate failed:\n{result.stdout}\n{result.stderr}")
        return read_ts(target)


def english_forms(source: str) -> list[str]:
    """"%n image(s)" -> ["%n image", "%n images"]; a source without "(s)" serves for both."""
    return [re.sub(r"\((s|es)\)", "", source), re.sub(r"\((s|es)\)", r"\1", source)]


def merge(extracted: Catalogue, previous: Catalogue | None, language: str) -> Catalogue:
    """The extracted messages with the translations `previous` had for them."""
    forms = PLURAL_FORMS.get(language, 2)
    merged = Catalogue(language=language)
    for name, items in sorted(extracted.contexts.items()):
        out = merged.contexts.setdefault(name, [])
        for message in items:
            if any(m.key == message.key for m in out):
                continue  # the same string twice in one class: one entry
            if language == ENGLISH and not message.numerus:
                continue  # English shows its source text; only plurals need forms
            old = previous.find(name, message.key) if previous is not None else None
            new = Message(message.source, message.comment)
            if old is not None:
                new.translations = list(old.translations)
                new.finished = old.finished
            elif language == ENGLISH:
                new.translations, new.finished = english_forms(message.source), True
            wanted = forms if new.numerus else 1
            if len(new.translations) != wanted:
                new.translations = (new.translations + [new.translations[-1]] * wanted)[:wanted]
                new.finished = False  # a form was made up: a translator must look again
            out.append(new)
    return merged


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def render_ts(catalogue: Catalogue) -> str:
    """The .ts file as lupdate writes it (so Qt Linguist keeps the same layout)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{catalogue.language}" sourcelanguage="en">']
    for name, items in catalogue.contexts.items():
        if not items:
            continue
        lines += ["<context>", f"    <name>{_escape(name)}</name>"]
        for message in items:
            lines.append('    <message numerus="yes">' if message.numerus else "    <message>")
            lines.append(f"        <source>{_escape(message.source)}</source>")
            if message.comment:
                lines.append(f"        <comment>{_escape(message.comment)}</comment>")
            state = "" if message.finished else ' type="unfinished"'
            if message.numerus:
                lines.append(f"        <translation{state}>")
                lines += [f"            <numerusform>{_escape(form)}</numerusform>"
                          for form in message.translations]
                lines.append("        </translation>")
            else:
                lines.append(f"        <translation{state}>{_escape(message.translations[0])}"
                             "</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_MNEMONIC = re.compile(r"(?<!&)&(?!&)")


def problems(path: Path) -> list[str]:
    """What keeps a .ts file from shipping: entries not finished (unfinished, obsolete,
    vanished), empty translations, wrong plural forms, and translations that lost or invented a
    {placeholder}, the %n of a plural, a & mnemonic or the source's surrounding spaces."""
    found: list[str] = []
    root = ET.parse(path).getroot()  # noqa: S314 - our own files
    language = (root.get("language") or "").split("_")[0]
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            source = element.findtext("source") or ""
            where = f"{path.name}: {name}: {source!r}"
            translation = element.find("translation")
            state = translation.get("type") if translation is not None else "missing"
            if state is not None:
                found.append(f"{where} is {state}")
                continue
            assert translation is not None
            numerus = element.get("numerus") == "yes"
            forms = ([form.text or "" for form in translation.findall("numerusform")] if numerus
                     else [translation.text or ""])
            if numerus and len(forms) != PLURAL_FORMS.get(language, 2):
                found.append(f"{where} has {len(forms)} plural forms")
            for form in forms:
                if not form.strip():
                    found.append(f"{where} has an empty translation")
                    continue
                if sorted(_PLACEHOLDER.findall(form)) != sorted(_PLACEHOLDER.findall(source)):
                    found.append(f"{where}: the placeholders differ in {form!r}")
                if numerus and "%n" not in form and "%Ln" not in form:
                    found.append(f"{where}: the count (%n) is missing in {form!r}")
                if len(_MNEMONIC.findall(form)) != len(_MNEMONIC.findall(source)):
                    found.append(f"{where}: the & mnemonic differs in {form!r}")
                if (form[:1].isspace(), form[-1:].isspace()) != (
                        source[:1].isspace(), source[-1:].isspace()):
                    found.append(f"{where}: the surrounding spaces differ in {form!r}")
    return found


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{language}.qm"


def updated_ts(language: str, extracted: Catalogue) -> str:
    path = ts_path(language)
    previous = read_ts(path) if path.exists() else None
    return render_ts(merge(extracted, previous, language))


def compile_qm(ts_file: Path, qm_file: Path) -> None:
    """lrelease one .ts; unfinished entries are left out (they show in English)."""
    result = subprocess.run(
        [_tool("pyside6-lrelease"), "-nounfinished", "-silent", str(ts_file), "-qm", str(qm_file)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0 or not qm_file.exists():
        raise SystemExit(f"lrelease failed for {ts_file}:\n{result.stdout}\n{result.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a .ts file is not current")
    parser.add_argument("--release", action="store_true", help="only compile the .qm files")
    args = parser.parse_args(argv)
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    if not args.release:
        extracted = extract()
        stale = []
        for language in ALL_CATALOGUES:
            text = updated_ts(language, extracted)
            path = ts_path(language)
            if path.exists() and path.read_text(encoding="utf-8") == text:
                continue
            stale.append(path.name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
        if args.check:
            broken = [line for language in ALL_CATALOGUES for line in problems(ts_path(language))]
            for line in broken:
                print(line)
            if stale:
                print(f"not current: {', '.join(stale)} (run {Path(__file__).name})")
            return 1 if stale or broken else 0
        for language in ALL_CATALOGUES:
            catalogue = read_ts(ts_path(language))
            unfinished = sum(not m.finished for _name, m in catalogue.messages())
            print(f"{ts_path(language).name}: {len(catalogue.messages())} messages, "
                  f"{unfinished} unfinished")
    for language in ALL_CATALOGUES:
        compile_qm(ts_path(language), qm_path(language))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
