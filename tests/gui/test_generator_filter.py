"""The gallery's tool filter (#12): one item per generator in the library, keyed by id, shown by
name, and a CJK substring search through the window's search box."""

from __future__ import annotations

from desktop_app.library import LibraryQuery
from tests.library_helpers import a1111_png, comfyui_png, make_result


def test_the_tool_filter_lists_generators_by_name_and_filters_by_id(
    make_window, qtbot, library, tmp_path
):
    folder = tmp_path / "downloads"
    folder.mkdir()
    a1111_png(folder / "castle.png")
    comfyui_png(folder / "comfy.png")
    library.add_result(make_result("an owl at night", "flux"))
    library.import_folder(folder)
    window = make_window()
    model = window.gallery_model
    combo = window.gallery_panel.filter_bar.generator_combo
    qtbot.waitUntil(lambda: combo.count() == 4)
    items = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    assert items == [
        ("All tools", None),
        ("AUTOMATIC1111 Web UI", "a1111"),
        ("ComfyUI", "comfyui"),
        ("Nscale Image Studio", "nscale-studio"),
    ]
    combo.setCurrentIndex(combo.findData("comfyui"))
    qtbot.waitUntil(lambda: model.query.generator == "comfyui" and model.rowCount() == 1)
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    assert model.entry_at(0).prompt == "a lighthouse in a storm"
    assert "filtered" in window.gallery_panel.count_label.text()
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.query.generator is None and model.rowCount() == 3)


def test_the_search_box_finds_a_japanese_name_inside_a_prompt(make_window, qtbot, library):
    (hit,) = library.add_result(make_result("夜の東京で初音ミクが歌う", "flux", seed=1))
    library.add_result(make_result("a red fox", "flux", seed=2))
    window = make_window()
    model = window.gallery_model
    window.gallery_panel.filter_bar.search_edit.setText("初音ミク")
    qtbot.waitUntil(lambda: model.query.search == "初音ミク" and model.rowCount() == 1)
    assert model.id_at(0) == hit.id
    assert library.count(LibraryQuery(search="初音ミク")) == 1
