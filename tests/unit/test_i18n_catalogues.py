"""The translation catalogues (issue #17): current with the code, complete, consistent, compiled.

A .ts file with an unfinished, obsolete or vanished entry fails here, as does a tr() literal that
is missing from a catalogue, a translation that lost a {placeholder}, %n or & mnemonic, and a
committed .qm that was not compiled from its .ts.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from tests.i18n_tools import pseudo, translatable_literals, update_script

script = update_script()


@pytest.fixture(scope="module")
def extracted():
    return script.extract()


@pytest.mark.parametrize("language", script.ALL_CATALOGUES)
def test_each_catalogue_is_current_with_the_code(extracted, language):
    """New strings are in it, vanished or changed ones are gone (lupdate output, merged)."""
    path = script.ts_path(language)
    assert path.read_text(encoding="utf-8") == script.updated_ts(language, extracted), (
        f"{path.name} is not current: run python build_scripts/update_translations.py")


@pytest.mark.parametrize("language", script.ALL_CATALOGUES)
def test_no_entry_is_unfinished_obsolete_or_broken(language):
    assert script.problems(script.ts_path(language)) == []


def test_every_tr_literal_in_the_code_is_translated_in_german_and_french():
    literals, violations = translatable_literals()
    assert violations == []
    assert len(literals) > 100  # the scan sees the window's strings
    for language in script.LANGUAGES:
        catalogue = script.read_ts(script.ts_path(language))
        missing = [f"{lit.path.name}:{lit.line} {lit.context}: {lit.source!r}"
                   for lit in literals
                   if (found := catalogue.find(lit.context, (lit.source, lit.comment))) is None
                   or not found.finished]
        assert missing == [], f"not in {language}: {missing}"


def test_the_literal_scan_reports_what_lupdate_cannot_read(tmp_path):
    (tmp_path / "widget.py").write_text(textwrap.dedent('''
        from PySide6.QtCore import QCoreApplication
        class Panel:
            def build(self, name, count, rows):
                self.tr(f"Hello {name}")
                self.tr("Saved " + name)
                QCoreApplication.translate("panel", "%n row(s)", "", len(rows))
                self.tr("%n image(s)", "", count)
                self.tr("%n file(s)", "", len(rows))
    '''), encoding="utf-8")
    literals, violations = translatable_literals(tmp_path)
    assert [lit.source for lit in literals] == ["%n row(s)", "%n image(s)", "%n file(s)"]
    assert [v.line for v in violations] == [5, 6, 7]


def _ts(body: str, language: str = "de") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
            f'<TS version="2.1" language="{language}" sourcelanguage="en">\n'
            f"<context>\n    <name>Panel</name>\n{body}</context>\n</TS>\n")


@pytest.mark.parametrize("state", ["unfinished", "obsolete", "vanished"])
def test_an_unfinished_obsolete_or_vanished_entry_is_a_problem(tmp_path, state):
    path = tmp_path / "x_de.ts"
    path.write_text(_ts(f'    <message>\n        <source>Delete</source>\n'
                        f'        <translation type="{state}">Löschen</translation>\n'
                        f"    </message>\n"), encoding="utf-8")
    assert script.problems(path) == [f"x_de.ts: Panel: 'Delete' is {state}"]


@pytest.mark.parametrize(("source", "translation", "why"), [
    ("Saved to {folder}", "Gespeichert in {ordner}", "placeholders differ"),
    ("&amp;Open", "Öffnen", "mnemonic differs"),
    ("Open", "", "empty translation"),
    ("  {count} %", "{count} %", "surrounding spaces differ"),
])
def test_a_translation_that_breaks_the_source_is_a_problem(tmp_path, source, translation, why):
    path = tmp_path / "x_de.ts"
    path.write_text(_ts(f"    <message>\n        <source>{source}</source>\n"
                        f"        <translation>{translation}</translation>\n    </message>\n"),
                    encoding="utf-8")
    [problem] = script.problems(path)
    assert why in problem


def test_plurals_need_every_form_and_the_count(tmp_path):
    path = tmp_path / "x_fr.ts"
    path.write_text(_ts('    <message numerus="yes">\n        <source>%n image(s)</source>\n'
                        "        <translation>\n            <numerusform>une image</numerusform>\n"
                        "        </translation>\n    </message>\n", "fr"), encoding="utf-8")
    problems = script.problems(path)
    assert any("1 plural forms" in p for p in problems)
    assert any("count (%n) is missing" in p for p in problems)


def test_a_vanished_string_is_dropped_and_a_new_one_starts_unfinished():
    extracted = script.Catalogue("en", {"Panel": [script.Message("Delete"),
                                                  script.Message("%n image(s)")]})
    previous = script.Catalogue("de", {"Panel": [
        script.Message("Delete", translations=["Löschen"], finished=True),
        script.Message("Gone", translations=["Weg"], finished=True)]})
    merged = script.merge(extracted, previous, "de")
    messages = {m.source: m for _name, m in merged.messages()}
    assert set(messages) == {"Delete", "%n image(s)"}
    assert messages["Delete"].finished and messages["Delete"].translations == ["Löschen"]
    assert not messages["%n image(s)"].finished
    assert len(messages["%n image(s)"].translations) == 2  # German has two plural forms


def test_english_plural_forms_come_from_the_source():
    assert script.english_forms("Added %Ln image(s) to {board}.") == [
        "Added %Ln image to {board}.", "Added %Ln images to {board}."]
    assert script.english_forms("rated %n+ stars") == ["rated %n+ stars"] * 2


def _translations(qm: Path, catalogue) -> list[tuple[str, str, int, str]]:
    translator = QTranslator()
    assert translator.load(str(qm))
    seen = []
    for context, message in catalogue.messages():
        for count in ((1, 2, 5) if message.numerus else (-1,)):
            seen.append((context, message.source, count,
                         translator.translate(context, message.source, message.comment or None,
                                              count)))
    return seen


@pytest.mark.parametrize("language", script.ALL_CATALOGUES)
def test_the_committed_qm_is_compiled_from_the_current_ts(tmp_path, language):
    """The .qm files are committed (a checkout, pip install -e ., the bundle and the .deb need no
    build step); each must say exactly what lrelease makes of its .ts now."""
    fresh = tmp_path / f"{language}.qm"
    script.compile_qm(script.ts_path(language), fresh)
    catalogue = script.read_ts(script.ts_path(language))
    assert _translations(script.qm_path(language), catalogue) == _translations(fresh, catalogue)


@pytest.mark.parametrize(("language", "one", "zero", "two"), [
    ("de", "{name}: %Ln Bild", "{name}: %Ln Bilder", "{name}: %Ln Bilder"),
    ("fr", "{name}\u00a0: %Ln image", "{name}\u00a0: %Ln image", "{name}\u00a0: %Ln images"),
])
def test_german_and_french_plurals_follow_their_rules(language, one, zero, two):
    """German: 1 | other; French: 0 and 1 | other (Qt's plural rules for each language)."""
    translator = QTranslator()
    assert translator.load(str(script.qm_path(language)))
    shown = [translator.translate("BoardListModel", "{name}: %Ln image(s)", None, count)
             for count in (1, 0, 2)]
    assert shown == [one, zero, two]


def test_the_pseudo_translation_brackets_and_lengthens_but_keeps_markers():
    assert pseudo("Delete image") == "[Delete image~~~~~~]"  # short: 8 more
    assert len(pseudo("Saved to {folder}")) >= 1.4 * len("Saved to {folder}")
    long = "A sentence long enough that forty per cent is more than eight characters."
    assert 1.4 * len(long) <= len(pseudo(long)) <= 1.4 * len(long) + 2
    assert pseudo("&Open %n file(s) in {folder}").startswith("[&Open %n file(s) in {folder}")
    assert pseudo("First line.\nSecond") == "[First line.~~~~~~]\n[Second~~~~]"
