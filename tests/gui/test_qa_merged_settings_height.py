"""QA of the merged window: the settings dialog cannot be made so short its notices clip.

With NSCALE_SERVICE_TOKEN and NSCALE_BASE_URL set, the wrapped notices under the token and
the endpoint were cut mid-line when the dialog was dragged shorter (it allowed 498 pixels
where its text needs about 568).
"""

from __future__ import annotations

from tests.gui.test_settings_dialog import make_dialog


def test_the_dialog_is_never_shorter_than_its_wrapped_text(qtbot, monkeypatch) -> None:
    monkeypatch.setenv("NSCALE_SERVICE_TOKEN", "from-the-environment")
    monkeypatch.setenv("NSCALE_BASE_URL", "http://127.0.0.1:9/v1")
    dialog, _store, runner = make_dialog(qtbot)
    layout = dialog.layout()
    qtbot.waitUntil(lambda: dialog.minimumHeight() >= layout.totalHeightForWidth(dialog.width()))
    dialog.resize(dialog.width(), 300)
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())
    runner.shutdown()
