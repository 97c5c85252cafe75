"""A plain PNG from elsewhere (no prompt in it) is found by its file name (#14 P3)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.library import Library, LibraryQuery
from tests.library_helpers import a1111_png, make_result, save_png_with_text


def _library_with_plain_and_prompted_images(tmp_path: Path) -> Library:
    source = tmp_path / "elsewhere"
    source.mkdir()
    save_png_with_text(source / "harbour-sunset.png", {}, seed=5)
    save_png_with_text(source / "mountain_cat.png", {}, seed=6)
    # Has a prompt: found by its prompt, never by a file name that happens to match.
    a1111_png(source / "harbour-prompted.png", seed=7)
    library = Library.open(tmp_path / "library")
    report = library.import_folder(source)
    assert report.added == 3, report.failed
    library.add_result(make_result(prompt="a lighthouse at dusk"), job_id="job-1")
    return library


def _names(library: Library, search: str) -> set[str]:
    ids = library.query_ids(LibraryQuery(search=search))
    return {entry.path.name for entry in library.get_many(ids).values()}


def test_a_plain_png_is_found_by_its_file_name(tmp_path):
    with _library_with_plain_and_prompted_images(tmp_path) as library:
        assert _names(library, "harbour") == {"harbour-sunset.png"}
        assert _names(library, "sunset harbour") == {"harbour-sunset.png"}
        assert _names(library, "cat") == {"mountain_cat.png"}  # shorter than a trigram too
        assert library.count(LibraryQuery(search="harbour")) == 1


def test_prompts_are_still_searched_and_prefixes_never_match_a_file_name(tmp_path):
    with _library_with_plain_and_prompted_images(tmp_path) as library:
        assert len(library.query_ids(LibraryQuery(search="lighthouse"))) == 1
        assert _names(library, "neg:harbour") == set()
        assert _names(library, "model:harbour") == set()
        # Every term must be in the name: one that is not leaves the plain image out.
        assert _names(library, "harbour lighthouse") == set()
