"""Installing the interface language (issue #17): Qt's own strings and the app's, chosen from
Settings or the system at start-up; a missing catalogue or an unknown language means English."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop_app.settings import Settings
from desktop_app.ui import i18n
from desktop_app.ui.error_actions import ErrorAction
from desktop_app.ui.export import export_summary
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.viewer import ImageViewer
from tests.gui.test_settings_dialog import make_dialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def installed(qapp) -> Iterator[list]:
    """Translators a test installs, removed again (the session keeps English plurals)."""
    locale = QLocale()
    translators: list = []
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


def _buttons() -> list[str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Cancel)
    return sorted(button.text().replace("&", "") for button in box.buttons())


def test_german_translates_qt_buttons_and_the_app(qapp, qtbot, installed):
    installed += i18n.install_translations(qapp, "de")
    assert len(installed) == 2
    assert _buttons() == ["Abbrechen", "Speichern"]
    assert ErrorAction.RETRY.label == "Erneut versuchen"
    assert export_summary(1, [], Path("/x")) == "1 Bild nach /x exportiert."
    assert export_summary(3, [], Path("/x")) == "3 Bilder nach /x exportiert."
    runner = TaskRunner()
    viewer = ImageViewer(runner, lambda _id, _step: None)
    qtbot.addWidget(viewer)
    assert viewer.windowTitle() == "Bild"
    assert viewer.favourite_action.toolTip() == "Favorit (F oder Strg+D)"
    runner.shutdown()


def test_french_translates_qt_message_box_buttons_and_plurals(qapp, installed):
    installed += i18n.install_translations(qapp, "fr")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "q",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == ["Non", "Oui"]
    assert export_summary(0, [], Path("/x")) == "0 image exportée vers /x."  # 0 is singular
    assert export_summary(2, [], Path("/x")) == "2 images exportées vers /x."


def test_english_has_plural_forms_and_qt_stays_english(qapp, installed):
    installed += i18n.install_translations(qapp, "en")
    assert _buttons() == ["Cancel", "Save"]
    assert export_summary(1, [], Path("/x")) == "Exported 1 image to /x."
    assert export_summary(2, [], Path("/x")) == "Exported 2 images to /x."


def test_an_unknown_language_installs_english(qapp, installed):
    installed += i18n.install_translations(qapp, "tlh")
    assert _buttons() == ["Cancel", "Save"]
    assert QCoreApplication.translate("error_actions", "Retry") == "Retry"


def test_a_missing_catalogue_is_skipped_not_fatal(qapp, installed, monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path / "nowhere")
    installed += i18n.install_translations(qapp, "de")
    assert len(installed) == 1  # Qt's own German only
    assert _buttons() == ["Abbrechen", "Speichern"]
    assert ErrorAction.RETRY.label == "Retry"


def test_a_broken_catalogue_is_skipped_not_fatal(qapp, installed, monkeypatch, tmp_path):
    (tmp_path / "nscale_studio_fr.qm").write_bytes(b"not a catalogue")
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    installed += i18n.install_translations(qapp, "fr")
    assert ErrorAction.RETRY.label == "Retry"


def test_the_saved_language_wins_over_the_system(qapp, installed, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    settings = Settings.load()
    settings.language = "fr"
    settings.save()
    before = set(qapp.findChildren(i18n.QTranslator))
    assert i18n.install_app_translations(qapp) == "fr"
    installed += [t for t in qapp.findChildren(i18n.QTranslator) if t not in before]
    assert ErrorAction.RETRY.label == "Réessayer"


def test_unreadable_settings_mean_the_system_language(qapp, installed, monkeypatch):
    def broken() -> Settings:
        raise OSError("unreadable")

    monkeypatch.setattr(Settings, "load", staticmethod(broken))
    monkeypatch.setenv("LANGUAGE", "de")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    before = set(qapp.findChildren(i18n.QTranslator))
    assert i18n.install_app_translations(qapp) == "de"
    installed += [t for t in qapp.findChildren(i18n.QTranslator) if t not in before]


def test_the_settings_dialog_saves_the_language_choice(qtbot):
    dialog, _store, runner = make_dialog(qtbot)
    combo = dialog.general_page.language_choice.combo
    assert combo.currentData() == ""  # System default
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "en", "de", "fr"]
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["English", "Deutsch",
                                                                    "Français"]
    combo.setCurrentIndex(combo.findData("de"))
    with qtbot.waitSignal(dialog.saved):
        dialog.save_settings()
    assert Settings.load().language == "de"
    runner.shutdown()


def test_the_app_starts_in_german_with_the_override(isolated_home):
    """The real start-up path: a saved "de" gives a German window (the smoke test's window)."""
    settings = Settings.load()
    settings.language = "de"
    settings.save()
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop_app.ui import i18n\n"
        "app = QApplication(sys.argv[:1])\n"
        "print(i18n.install_app_translations(app))\n"
        "from desktop_app.ui.error_actions import ErrorAction\n"
        "print(ErrorAction.SET_TOKEN.label)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["de", "Token festlegen …"]
