"""Boards and ratings in the library (issue #16): many-to-many, kept by image hash in the user
state, so they survive a rebuild, a set-aside index and a re-import; delete + undo keeps them."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from desktop_app.api.types import ImageFormat
from desktop_app.library import Library, LibraryQuery, read_metadata
from desktop_app.library.boards import BoardError, UnknownBoard
from tests.library_helpers import a1111_png, comfyui_png, make_result

ALL = LibraryQuery(include_missing=True)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def _fill(library: Library, count: int = 4) -> list[int]:
    ids: list[int] = []
    for seed in range(count):
        ids += [e.id for e in library.add_result(make_result(f"picture {seed}", seed=seed))]
    return ids


def _counts(library: Library) -> dict[str, int]:
    return {board.name: board.count for board in library.board_list()}


def test_boards_are_many_to_many_with_counts_and_an_uncategorised_view(library: Library) -> None:
    a, b, c, d = _fill(library)
    library.boards.create("Keepers")
    library.boards.create("  Cats   and dogs ")
    assert library.add_to_board("keepers", [a, b]) == 2
    assert library.add_to_board("Keepers", [b]) == 0  # already on it
    library.add_to_board("Cats and dogs", [b, c])
    assert _counts(library) == {"Cats and dogs": 2, "Keepers": 2}
    assert set(library.query_ids(LibraryQuery(board="Keepers"))) == {a, b}
    board_id = library.boards.find("cats and dogs").id
    assert set(library.query_ids(LibraryQuery(board=board_id))) == {b, c}
    assert library.query_ids(LibraryQuery(uncategorised=True)) == [d]
    assert library.count(LibraryQuery(board="Keepers", search="picture 0")) == 1
    assert library.query_ids(LibraryQuery(board="no such board")) == []
    assert library.remove_from_board("Keepers", [a]) == 1
    assert set(library.query_ids(LibraryQuery(uncategorised=True))) == {a, d}


def test_rename_and_delete_keep_the_images(library: Library) -> None:
    ids = _fill(library, 2)
    library.boards.create("Draft")
    library.add_to_board("Draft", ids)
    library.boards.rename("draft", "Final")
    assert _counts(library) == {"Final": 2}
    library.boards.delete("Final")
    assert library.board_list() == []
    assert library.count(ALL) == 2
    assert library.count(LibraryQuery(uncategorised=True)) == 2
    library.boards.create("Final")  # the name is free again and the new board is empty
    assert _counts(library) == {"Final": 0}


@pytest.mark.parametrize(
    "name", ["", "   ", "nul\x00x", "bell\x07", "esc\x1b[31m", "x" * 81, "rtl\u202e"]
)
def test_bad_board_names_are_refused(library: Library, name: str) -> None:
    with pytest.raises(BoardError):
        library.boards.create(name)


def test_duplicate_names_and_unknown_boards_are_errors(library: Library) -> None:
    library.boards.create("One")
    library.boards.create("Two")
    with pytest.raises(BoardError, match="already exists"):
        library.boards.create("one")
    with pytest.raises(BoardError, match="already exists"):
        library.boards.rename("Two", "ONE")
    with pytest.raises(UnknownBoard):
        library.add_to_board("Three", [1])
    with pytest.raises(UnknownBoard):
        library.boards.delete("Three")


def test_boards_survive_a_rebuild(library: Library) -> None:
    a, b, _c, _d = _fill(library)
    library.boards.create("Keepers")
    library.add_to_board("Keepers", [a, b])
    library.rebuild()
    prompts = {e.prompt for e in library.get_many(library.query_ids(
        LibraryQuery(board="Keepers"))).values()}
    assert prompts == {"picture 0", "picture 1"}


def test_boards_survive_a_set_aside_damaged_index(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    ids = _fill(library, 3)
    library.boards.create("Keepers")
    library.add_to_board("Keepers", ids[:2])
    library.set_rating([ids[0]], 4)
    library.close()
    (tmp_path / "lib" / "library.sqlite3").write_bytes(b"garbage" * 100)
    library = Library.open(tmp_path / "lib")
    try:
        assert library.recovered_from is not None
        library.reconcile()
        assert _counts(library) == {"Keepers": 2}
        assert library.count(LibraryQuery(uncategorised=True)) == 1
        assert library.count(LibraryQuery(min_rating=4)) == 1
    finally:
        library.close()


def test_boards_survive_losing_the_index_and_importing_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    a1111_png(folder / "a.png")
    comfyui_png(folder / "b.png")
    library = Library.open(tmp_path / "lib")
    library.import_folder(folder)
    library.boards.create("Imported")
    library.add_to_board("Imported", library.query_ids(ALL)[:1])
    library.close()
    for name in ("library.sqlite3", "library.sqlite3-wal", "library.sqlite3-shm"):
        (tmp_path / "lib" / name).unlink(missing_ok=True)
    library = Library.open(tmp_path / "lib")
    try:
        assert library.count(ALL) == 0
        assert library.import_folder(folder).added == 2
        assert _counts(library) == {"Imported": 1}
    finally:
        library.close()


def test_delete_takes_images_off_their_boards_and_undo_puts_them_back(library: Library) -> None:
    a, b, c, _d = _fill(library)
    library.boards.create("One")
    library.boards.create("Two")
    library.add_to_board("One", [a, b])
    library.add_to_board("Two", [a, c])
    batch = library.delete([a, c])
    assert _counts(library) == {"One": 1, "Two": 0}
    assert library.boards.memberships([e["sha256"] for e in batch.rows]) == []  # not just hidden
    library.undo_delete(batch)
    assert _counts(library) == {"One": 2, "Two": 2}
    assert set(library.query_ids(LibraryQuery(board="Two"))) == {a, c}


def test_export_a_board_copies_its_images_with_metadata(library: Library, tmp_path: Path) -> None:
    a, b, _c, _d = _fill(library)
    library.boards.create("Send")
    library.add_to_board("Send", [a, b])
    written = library.export_board("Send", tmp_path / "out")
    assert len(written) == 2
    prompts = {Image.open(path).text.get("parameters", "").split("\n")[0] for path in written}
    assert prompts == {"picture 0", "picture 1"}


def test_ratings_filter_at_least_n_stars(library: Library) -> None:
    a, b, c, _d = _fill(library)
    library.set_rating([a], 5)
    library.set_rating([b], 3)
    library.set_rating([c], 2)
    assert set(library.query_ids(LibraryQuery(min_rating=3))) == {a, b}
    assert library.ratings([a, b, c, _d]) == {a: 5, b: 3, c: 2}
    library.set_rating([a], 0)
    assert library.query_ids(LibraryQuery(min_rating=3)) == [b]
    with pytest.raises(BoardError):
        library.set_rating([a], 6)


def _xmp_packet(path: Path) -> str:
    data = path.read_bytes()
    start = data.index(b"<?xpacket begin")
    end = data.index(b'<?xpacket end="w"?>') + len(b'<?xpacket end="w"?>')
    return data[start:end].decode("utf-8")


@pytest.mark.parametrize("image_format", list(ImageFormat))
def test_export_writes_the_rating_into_xmp_and_keeps_pixels_and_metadata(
    library: Library, tmp_path: Path, image_format: ImageFormat
) -> None:
    (rated,) = library.add_result(make_result("a rated owl", seed=1, image_format=image_format))
    (plain,) = library.add_result(make_result("a plain owl", seed=2, image_format=image_format))
    library.set_rating([rated.id], 4)
    out_rated, out_plain = library.export([rated.id, plain.id], tmp_path / "out")
    packet = _xmp_packet(out_rated)
    ElementTree.fromstring(packet[packet.index("<x:xmpmeta"):packet.index("<?xpacket end")])  # noqa: S314
    assert 'xmp:Rating="4"' in packet
    assert out_plain.read_bytes() == plain.path.read_bytes()  # unrated: a byte copy
    assert rated.path.read_bytes().count(b"xmp:Rating") == 0  # the library's file is untouched
    assert read_metadata(out_rated).prompt == "a rated owl"
    with Image.open(out_rated) as exported, Image.open(rated.path) as original:
        assert exported.tobytes() == original.tobytes()
    library.set_rating([rated.id], 2)  # a second export replaces, never duplicates, the rating
    again = library.export([rated.id], tmp_path / "again")[0]
    assert _xmp_packet(again).count("xmp:Rating") == 1 and 'xmp:Rating="2"' in _xmp_packet(again)


def test_an_imported_png_without_xmp_gets_a_rating_packet(library: Library, tmp_path: Path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    a1111_png(folder / "a.png")
    library.import_folder(folder)
    (entry_id,) = library.query_ids(ALL)
    library.set_rating([entry_id], 5)
    (exported,) = library.export([entry_id], tmp_path / "out")
    packet = _xmp_packet(exported)
    assert 'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="5"' in packet
    ElementTree.fromstring(packet[packet.index("<x:xmpmeta"):packet.index("<?xpacket end")])  # noqa: S314
    with Image.open(exported) as image:
        assert image.text["parameters"].startswith("a castle on a hill")


@pytest.mark.parametrize("seed", range(4))
def test_uncategorised_count_matches_its_rows(library: Library, seed: int) -> None:
    """The uncategorised count is worked out as all less those on a board (a lookup per board
    image, not a read of every row): it must still count exactly the rows the view shows,
    with the same image twice, missing files, a search and boards of images gone."""
    import random

    chooser = random.Random(seed)
    ids = _fill(library, 6)
    twice = library.add_result(make_result("picture 0", seed=0))  # the same bytes again
    ids += [entry.id for entry in twice]
    for name in ("One", "Two"):
        library.boards.create(name)
        library.add_to_board(name, chooser.sample(ids, chooser.randint(0, len(ids))))
    gone = chooser.choice(ids)
    library.delete([gone])  # its hash stays on the boards
    for query in (LibraryQuery(uncategorised=True),
                  LibraryQuery(uncategorised=True, include_missing=True),
                  LibraryQuery(uncategorised=True, search="picture 0"),
                  LibraryQuery(uncategorised=True, search="no such picture")):
        assert library.count(query) == len(library.query_ids(query)), query
    library.boards.delete("One")
    library.boards.delete("Two")
    query = LibraryQuery(uncategorised=True)
    assert library.count(query) == len(library.query_ids(query)) == library.count(LibraryQuery())
