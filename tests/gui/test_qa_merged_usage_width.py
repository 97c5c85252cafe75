"""QA of the merged window: the usage view fits where the main window fits (1000 pixels).

With the long model ids of the recorded requests, its model box grew to the longest id and
the view could not be narrower than 1056 pixels (on a 1024-pixel screen it ran off the edge).
"""

from __future__ import annotations

from tests.gui.test_usage_view import make_view, recorded  # noqa: F401  (the fixture)


def test_the_usage_view_fits_a_1000_pixel_screen(qtbot, recorded) -> None:  # noqa: F811
    view = make_view(qtbot, recorded)
    view.model_combo.addItem("black-forest-labs/FLUX.1-schnell-with-an-even-longer-name")
    view.show()
    assert view.minimumSizeHint().width() <= 1000
    # The whole ids are still in the popup.
    popup = view.model_combo.view()
    assert popup.sizeHintForColumn(0) > view.model_combo.width() - 40
    view.model_combo.setCurrentIndex(view.model_combo.count() - 1)
    assert "even-longer-name" in view.model_combo.toolTip()  # the closed box may elide it
