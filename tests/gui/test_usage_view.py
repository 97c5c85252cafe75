"""The Usage view offscreen: rows, totals, the chart paints, CSV export, failures, prices editor."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QColor, QImage

from desktop_app.library import Library
from desktop_app.settings import Settings
from desktop_app.ui.settings.price_editor import PriceEditor
from desktop_app.ui.tasks import SerialTaskRunner
from desktop_app.ui.usage import view as usage_view_module
from desktop_app.ui.usage.chart import SERIES_COLOURS, axis_scale, day_label_indices
from desktop_app.ui.usage.summary import SummaryLabel
from desktop_app.ui.usage.view import UsageView
from tests.unit.test_usage_recorder import FLUX, SDXL, insert_rows
from tests.unit.test_usage_report import UNKNOWN, fixture_rows

TODAY = dt.date(2026, 11, 12)


@pytest.fixture
def recorded(library: Library) -> Library:
    insert_rows(library.database_path, fixture_rows())
    return library


def new_view(qtbot, library: Library, settings: Settings | None = None) -> UsageView:
    """A view on its own serial runner, shut down when the test ends."""
    runner = SerialTaskRunner("usage-test")
    view = UsageView(library, settings or Settings(), tasks=runner, today=TODAY)
    qtbot.addWidget(view, before_close_func=lambda _view: runner.shutdown())
    return view


def make_view(qtbot, library: Library, settings: Settings | None = None) -> UsageView:
    view = new_view(qtbot, library, settings)
    view.resize(1000, 680)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        pass  # the first query was started by the constructor
    return view


def cell_texts(view: UsageView) -> list[list[str]]:
    proxy = view.proxy
    return [
        [str(proxy.index(row, column).data()) for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def distinct_colours(image: QImage) -> set[str]:
    colours = set()
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            colours.add(QColor(image.pixel(x, y)).name())
    return colours


def test_default_range_shows_the_last_30_days_per_day_and_model(qtbot, recorded: Library) -> None:
    view = make_view(qtbot, recorded)
    # 2026-10-14 .. 2026-11-12: days A, B and C of the fixture.
    rows = cell_texts(view)
    assert [(row[0], row[1]) for row in rows] == [
        ("2026-11-10", FLUX), ("2026-11-10", SDXL), ("2026-11-03", SDXL), ("2026-11-02", FLUX),
    ]
    flux_a = rows[3]
    assert flux_a[2:] == ["3", "3", "2.36", "1", "0", "$0.0013 / MP", "$0.0031"]
    assert "7 request" in view.total_label.text()  # "requests" once English plurals load
    assert "server error 1" in view.total_label.text()
    assert "insufficient credit 1" in view.total_label.text()
    assert "$0.0101" in view.total_label.text()  # 0.0027263 + 0.0003408 + 0.0031457 + 0.0039


def test_the_view_says_spend_is_an_estimate(qtbot, recorded: Library) -> None:
    view = make_view(qtbot, recorded)
    assert "estimate" in view.notice_label.text()
    assert view.notice_label.isVisibleTo(view)


def test_all_time_by_model_with_an_unpriced_model(qtbot, recorded: Library) -> None:
    view = make_view(qtbot, recorded)
    view.grouping_combo.setCurrentIndex(3)  # Model
    with qtbot.waitSignal(view.loaded):
        view.set_range(None, None)
    rows = {row[1]: row for row in cell_texts(view)}
    assert rows[FLUX][2] == "6" and rows[FLUX][8] == "$0.0096"
    assert rows[UNKNOWN][7] == "unknown" and rows[UNKNOWN][8] == "price unknown"
    assert view.table.isColumnHidden(0)
    assert "incomplete" in view.total_label.text()


def test_model_filter_lists_recorded_models_and_filters(qtbot, recorded: Library) -> None:
    view = make_view(qtbot, recorded)
    items = [view.model_combo.itemText(i) for i in range(view.model_combo.count())]
    assert items == ["All models", UNKNOWN, FLUX, SDXL]
    with qtbot.waitSignal(view.loaded):
        view.model_combo.setCurrentText(SDXL)
    assert {row[1] for row in cell_texts(view)} == {SDXL}


def test_user_prices_from_settings_change_the_spend(qtbot, recorded: Library) -> None:
    settings = Settings()
    settings.prices = {UNKNOWN: 1.0}
    view = make_view(qtbot, recorded, settings)
    view.grouping_combo.setCurrentIndex(3)
    with qtbot.waitSignal(view.loaded):
        view.set_range(None, None)
    rows = {row[1]: row for row in cell_texts(view)}
    assert rows[UNKNOWN][8] == "$1.00"


def test_the_query_runs_off_the_gui_thread(qtbot, recorded: Library, monkeypatch) -> None:
    threads: list[QThread] = []
    real = usage_view_module.load_usage

    def spying(*args, **kwargs):
        threads.append(QThread.currentThread())
        return real(*args, **kwargs)

    monkeypatch.setattr(usage_view_module, "load_usage", spying)
    make_view(qtbot, recorded)
    assert threads
    assert all(thread is not QThread.currentThread() for thread in threads)


def test_the_chart_paints_bars_in_model_colours(qtbot, recorded: Library, tmp_path: Path) -> None:
    view = make_view(qtbot, recorded)
    view.show()
    image = view.chart.grab().toImage()
    image.save(str(tmp_path / "chart.png"))
    colours = distinct_colours(image)
    assert SERIES_COLOURS[0] in colours and SERIES_COLOURS[1] in colours
    assert len(colours) > 4  # not a blank widget


@pytest.mark.parametrize("maximum", [0.0004, 0.015, 0.0149, 0.02, 0.3, 1.0, 3.0, 11.0, 250.0])
def test_the_axis_top_is_a_round_step_above_the_tallest_bar(maximum: float) -> None:
    step, top = axis_scale(maximum)
    assert top >= maximum * 1.05  # headroom: the tallest bar never touches the top
    assert abs(top / step - round(top / step)) < 1e-9  # the top is a gridline
    assert top / step <= 6


@pytest.mark.parametrize(("count", "slot"), [(30, 30.5), (30, 20.0), (7, 120.0), (365, 2.4),
                                             (90, 10.0), (12, 75.0), (1, 900.0)])
def test_day_labels_are_evenly_spaced_and_do_not_collide(count: int, slot: float) -> None:
    width = 80.0
    shown = day_label_indices(count, slot, width)
    assert shown[-1] == count - 1  # the most recent day is always labelled
    regular = shown[1:] if len(shown) > 2 and shown[0] == 0 else shown
    steps = {b - a for a, b in itertools.pairwise(regular)}
    assert len(steps) <= 1
    # Laid out as painted: clamped right of the y-axis labels and inside the widget.
    plot_width = count * slot
    lefts = [min(max(0.0, (i + 0.5) * slot - width / 2), plot_width + 12 - width) for i in shown]
    assert all(b - a >= width for a, b in itertools.pairwise(lefts))


def test_the_summary_breaks_only_at_its_separators(qtbot, recorded: Library) -> None:
    view = make_view(qtbot, recorded)
    parts = view.total_label.full_text().split(" · ")
    assert len(parts) == 6
    label = SummaryLabel()
    qtbot.addWidget(label)
    label.set_parts(parts)
    label.show()
    just_too_narrow = label.fontMetrics().horizontalAdvance(" · ".join(parts)) - 10
    for width in (1400, just_too_narrow, 700, 450, 300):
        label.resize(width, 200)
        lines = label.text().split("\n")
        assert (len(lines) == 1) == (width == 1400)
        assert [p for line in lines for p in line.removesuffix(" ·").split(" · ")] == parts
        assert all(
            label.fontMetrics().horizontalAdvance(line) <= width for line in lines if " · " in line
        )
        if len(lines) == 2:  # balanced, not filled greedily: no part is left on its own
            assert all(" · " in line for line in lines)


def test_an_empty_range_says_so(qtbot, library: Library) -> None:
    view = make_view(qtbot, library)
    assert view.table_model.rowCount() == 0
    assert "No requests" in view.total_label.text()
    image = view.chart.grab().toImage()
    assert not {SERIES_COLOURS[0], SERIES_COLOURS[1]} & distinct_colours(image)


def test_csv_export_writes_the_rows_on_screen(
    qtbot, recorded: Library, tmp_path: Path
) -> None:
    view = make_view(qtbot, recorded)
    view.grouping_combo.setCurrentIndex(2)  # Month
    target = tmp_path / "usage.csv"
    with qtbot.waitSignal(view.exported, timeout=10000) as signal:
        view.export_csv(target)
    assert signal.args == [str(target)]
    with target.open(newline="", encoding="utf-8") as stream:
        records = list(csv.reader(stream))
    assert [record[:3] for record in records[1:]] == [
        ["2026-11", FLUX, "4"], ["2026-11", SDXL, "3"], ["total", "", "7"],
    ]
    assert "Exported 2 row" in view.status_label.text()


def test_a_failed_export_is_reported(qtbot, recorded: Library, tmp_path: Path) -> None:
    view = make_view(qtbot, recorded)
    with qtbot.waitSignal(view.failed, timeout=10000) as signal:
        view.export_csv(tmp_path / "no-such-folder" / "usage.csv")
    assert "Could not export" in signal.args[0]
    assert "Could not export" in view.status_label.text()


def test_an_unreadable_index_is_reported_not_raised(
    qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    library = Library.open(tmp_path / "broken")
    library.close()
    library.database_path.write_bytes(b"this is not a database" * 100)
    view = new_view(qtbot, library)
    with qtbot.waitSignal(view.failed, timeout=10000):
        pass
    assert "Could not read the usage records" in view.status_label.text()
    assert not view.export_button.isEnabled()


# --- the price editor -----------------------------------------------------------------------


def test_price_editor_shows_sources_and_collects_user_prices(qtbot) -> None:
    editor = PriceEditor({FLUX: 0.002}, {SDXL: 0.0025}, models=["acme/new"])
    qtbot.addWidget(editor)
    assert editor.models() == ["acme/new", FLUX, SDXL]
    assert editor.source_text(FLUX) == "your price"
    assert editor.source_text(SDXL) == "server"
    assert editor.source_text("acme/new").startswith("no price")
    assert editor.user_prices() == {FLUX: 0.002}  # untouched rows are not overrides

    with qtbot.waitSignal(editor.changed):
        editor.set_price("acme/new", 0.01)
    editor.reset(FLUX)
    assert editor.source_text(FLUX) == "default"
    assert editor.user_prices() == {"acme/new": 0.01}


def test_typing_the_inherited_price_is_not_an_override(qtbot) -> None:
    editor = PriceEditor({}, {SDXL: 0.0025})
    qtbot.addWidget(editor)
    editor.set_price(SDXL, 0.004)
    assert editor.user_prices() == {SDXL: 0.004}
    editor.set_price(SDXL, 0.0025)
    assert editor.user_prices() == {}
    assert editor.source_text(SDXL) == "server"


def test_adding_a_model_by_id(qtbot) -> None:
    editor = PriceEditor({})
    qtbot.addWidget(editor)
    editor.new_model_edit.setText("  org/custom  ")
    editor.add_button.click()
    assert "org/custom" in editor.models()
    assert editor.user_prices() == {}


def test_deleting_a_view_while_its_query_runs_is_safe(qtbot, recorded: Library) -> None:
    runner = SerialTaskRunner("usage-test")
    doomed = UsageView(recorded, Settings(), tasks=runner, today=TODAY)  # its query is queued
    doomed.close()
    doomed.deleteLater()
    del doomed
    # Jobs run one at a time, so once a second view has its answer the first job is over.
    view = UsageView(recorded, Settings(), tasks=runner, today=TODAY)
    qtbot.addWidget(view, before_close_func=lambda _view: runner.shutdown())
    with qtbot.waitSignal(view.loaded, timeout=10000):
        pass
    assert view.table_model.rowCount() == 4


def test_a_stale_answer_is_dropped(qtbot, recorded: Library) -> None:
    view = make_view(qtbot, recorded)
    with qtbot.waitSignal(view.loaded):
        view.set_range(None, None)  # query 2: all models, all time (7 rows) ...
        view.model_combo.setCurrentText(SDXL)  # ... superseded by query 3 before it answered
    # The first answer shown is query 3's: query 2's answer arrived first and was dropped.
    assert [row[1] for row in cell_texts(view)] == [SDXL, SDXL]


def test_showing_the_view_again_reloads(qtbot, recorded: Library) -> None:
    view = make_view(qtbot, recorded)
    view.show()
    qtbot.waitUntil(lambda: view.status_label.text() == "")
    view.close()
    insert_rows(recorded.database_path, [{
        "started": dt.datetime.combine(TODAY, dt.time(9)).timestamp(), "model": FLUX,
        "width": 1000, "height": 1000, "n": 1, "images": 1, "status": "ok"}])
    with qtbot.waitSignal(view.loaded):
        view.show()
    assert cell_texts(view)[0][:3] == [TODAY.isoformat(), FLUX, "1"]
