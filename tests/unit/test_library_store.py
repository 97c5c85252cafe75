"""The library index: adding, querying, search, favourites, delete/undo, export, thumbnails,
reconcile, rebuild, import, schema versioning and concurrent writers."""

from __future__ import annotations

import dataclasses
import io
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from desktop_app import paths
from desktop_app.api.types import GenerationResult, ImageFormat
from desktop_app.library import Library, LibraryQuery
from desktop_app.library.schema import SCHEMA_VERSION, SchemaTooNewError
from desktop_app.library.search import fts_query
from tests.library_helpers import a1111_png, comfyui_png, image_bytes, invokeai_png, make_result

DAY = 86400
ALL = LibraryQuery()


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def _fill(library: Library) -> dict[str, list[int]]:
    """Three jobs with different prompts, models, sizes and times."""
    fox = library.add_result(
        make_result("a red fox in the snow", "flux", n=2, seed=1, created=1_000 * DAY)
    )
    owl = library.add_result(
        make_result("an owl at night", "sdxl", seed=2, size=(128, 64), created=1_001 * DAY)
    )
    cafe = library.add_result(
        make_result("Café terrace, Arles", "flux", seed=3, created=1_002 * DAY)
    )
    return {
        "fox": [e.id for e in fox],
        "owl": [e.id for e in owl],
        "cafe": [e.id for e in cafe],
    }


def test_open_creates_folders_and_versioned_wal_database_at_default_location() -> None:
    library = Library.open()
    try:
        assert library.root == paths.default_library_dir()
        assert library.images_dir.is_dir()
        connection = sqlite3.connect(library.root / "library.sqlite3")
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        connection.close()
    finally:
        library.close()


def test_add_result_files_by_date_and_returns_entries(library: Library) -> None:
    result = make_result(n=2, created=1_764_070_320)
    entries = library.add_result(result, job_id="job-7")
    assert [e.n_index for e in entries] == [0, 1]
    local = time.localtime(1_764_070_320)
    for entry in entries:
        assert entry.path.parent == library.images_dir / time.strftime("%Y/%m", local)
        assert entry.path.name.startswith(time.strftime("%Y%m%d-%H%M%S", local))
        assert entry.sha256[:8] in entry.path.name
        assert (entry.model, entry.size_text, entry.format, entry.source) == (
            "black-forest-labs/FLUX.1-schnell",
            "64x64",
            "png",
            "generated",
        )
        assert entry.bytes == entry.path.stat().st_size and entry.job_id == "job-7"
        assert entry.latency_s == 1.25 and entry.endpoint_host == "127.0.0.1"
        assert library.verify(entry.id)
    assert [e.id for e in library.entries_for_job("job-7")] == [e.id for e in entries]


def test_same_image_saved_twice_gets_a_second_name_not_an_overwrite(library: Library) -> None:
    first = library.add_result(make_result(seed=4))[0]
    second = library.add_result(make_result(seed=4))[0]
    assert first.path != second.path and first.path.exists() and second.path.exists()


def test_default_view_is_newest_first_and_filters_combine(library: Library) -> None:
    ids = _fill(library)
    newest = library.query_ids(ALL)
    assert newest[0] == ids["cafe"][0] and set(newest[-2:]) == set(ids["fox"])
    assert library.query_ids(LibraryQuery(newest_first=False))[-1] == ids["cafe"][0]
    assert library.query_ids(ALL, limit=1) == [ids["cafe"][0]]
    assert set(library.query_ids(LibraryQuery(model="flux"))) == set(ids["fox"] + ids["cafe"])
    assert library.query_ids(LibraryQuery(size="128x64")) == ids["owl"]
    assert (
        library.query_ids(LibraryQuery(created_from=1_001 * DAY, created_to=1_002 * DAY))
        == ids["owl"]
    )
    assert library.count(LibraryQuery(model="flux", search="fox")) == 2
    assert library.models() == ["flux", "sdxl"]
    assert library.sizes() == ["64x64", "128x64"]


def test_search_is_full_text_with_prefix_and_substrings(library: Library) -> None:
    ids = _fill(library)
    assert set(library.query_ids(LibraryQuery(search="fox snow"))) == set(ids["fox"])
    assert set(library.query_ids(LibraryQuery(search="sno"))) == set(ids["fox"])  # prefix
    assert library.query_ids(LibraryQuery(search="errac")) == ids["cafe"]  # substring (trigram)
    assert library.query_ids(LibraryQuery(search="sdxl")) == []  # the model only when asked
    assert library.query_ids(LibraryQuery(search="model:sdxl")) == ids["owl"]
    assert library.query_ids(LibraryQuery(search="fox owl")) == []


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"fox',
        "fox AND",
        "AND",
        "OR NOT",
        "*",
        "fox*",
        "NEAR(fox owl)",
        "a:b",
        "(",
        "^",
        "'",
        "\x00",
        "fox\x00",
        "0\x00",
        "🦊",
        "日本語",
        "-fox",
        "fox -owl",
        "col:fox",
        '""""',
        "\\",
        "%_",
    ],
)
def test_odd_search_text_never_raises(library: Library, text: str) -> None:
    _fill(library)
    assert isinstance(library.query_ids(LibraryQuery(search=text)), list)
    assert library.count(LibraryQuery(search=text)) >= 0


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_makes_a_safe_fts_query(text: str) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(prompt, negative_prompt, model, tokenize='trigram')"
    )
    connection.execute("INSERT INTO t VALUES ('some words', 'more words', 'a model')")
    query = fts_query(text)
    if query is not None:
        connection.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchone()


def test_favourites(library: Library) -> None:
    ids = _fill(library)
    library.set_favourite(ids["owl"] + ids["cafe"], True)
    library.set_favourite(ids["cafe"], False)
    assert library.query_ids(LibraryQuery(favourites_only=True)) == ids["owl"]
    assert library.get(ids["owl"][0]).favourite


def test_all_favourite_reads_the_flag_of_every_chunk_and_ignores_rows_gone(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.library import queries

    monkeypatch.setattr(queries, "_CHUNK", 1)  # every id its own statement
    ids = _fill(library)
    everything = ids["owl"] + ids["cafe"] + ids["fox"]
    assert not library.all_favourite(everything)
    library.set_favourite(everything[:-1], True)
    assert not library.all_favourite(everything)  # only the last chunk holds a non-favourite
    assert library.all_favourite(everything[:-1])
    assert library.all_favourite([*everything[:-1], 10**9])  # an id with no row is not counted
    assert library.all_favourite([])


def test_delete_moves_files_to_trash_and_undo_restores_them(library: Library) -> None:
    ids = _fill(library)
    library.set_favourite(ids["fox"][:1], True)
    entries = library.get_many(ids["fox"])
    batch = library.delete(ids["fox"])
    assert sorted(batch.ids) == sorted(ids["fox"])
    assert library.count(ALL) == 2 and library.get(ids["fox"][0]) is None
    assert library.query_ids(LibraryQuery(search="fox")) == []
    for entry in entries.values():
        assert not entry.path.exists()
    assert len(list(batch.trash_dir.glob("*.png"))) == 2
    restored = library.undo_delete(batch)
    assert sorted(e.id for e in restored) == sorted(ids["fox"])  # same ids as before
    assert library.get(ids["fox"][0]).favourite
    assert set(library.query_ids(LibraryQuery(search="fox"))) == set(ids["fox"])
    for entry in entries.values():
        assert entry.path.exists() and library.verify(entry.id)
    assert not batch.trash_dir.exists()


def test_purge_trash_removes_only_old_batches(library: Library) -> None:
    ids = _fill(library)
    batch = library.delete(ids["owl"])
    assert library.purge_trash(older_than_s=DAY) == 0
    assert batch.trash_dir.exists()
    assert library.purge_trash(older_than_s=0) == 1
    assert not batch.trash_dir.exists()


def test_export_copies_with_metadata_and_never_overwrites(library: Library, tmp_path: Path) -> None:
    ids = _fill(library)
    out = tmp_path / "out"
    first = library.export(ids["owl"], out)
    second = library.export(ids["owl"], out)
    assert first[0].name != second[0].name and second[0].name.endswith(" (2).png")
    assert first[0].read_bytes() == library.get(ids["owl"][0]).path.read_bytes()
    with Image.open(second[0]) as image:
        assert "an owl at night" in image.info["parameters"]


def test_thumbnail_is_small_cached_on_disk_and_none_when_file_missing(library: Library) -> None:
    (entry,) = library.add_result(make_result(size=(512, 320)))
    data = library.thumbnail(entry.id)
    with Image.open(io.BytesIO(data)) as thumb:
        assert max(thumb.size) <= 256 and thumb.size == (256, 160)
    cached = list(library.thumbnails_dir.rglob("*.jpg"))
    assert len(cached) == 1
    assert library.thumbnail(entry.id) == data
    assert library.thumbnail(entry.id, size=64) != data
    entry.path.unlink()
    assert library.thumbnail(entry.id) is None
    assert library.thumbnail(999_999) is None


def test_thumbnail_of_a_corrupt_file_is_none(library: Library) -> None:
    (entry,) = library.add_result(make_result())
    entry.path.write_bytes(entry.path.read_bytes()[:60])
    assert library.thumbnail(entry.id) is None


def test_reconcile_marks_missing_finds_again_indexes_strays_and_skips_temp_files(
    library: Library,
) -> None:
    ids = _fill(library)
    owl = library.get(ids["owl"][0])
    moved = owl.path.with_name("elsewhere.bin")
    os.replace(owl.path, moved)
    # A file saved before a crash that happened before its row was inserted:
    stray_entry = library.add_result(make_result("a stray cat", "sdxl", seed=9, created=5 * DAY))[0]
    library._connection().execute("DELETE FROM images WHERE id = ?", (stray_entry.id,))
    # A temp file of a writer that is still running (this process) is left alone.
    temp = library.images_dir / f".20261125-113200-deadbeef-0.{os.getpid()}.456.tmp"
    temp.write_bytes(image_bytes(3))
    report = library.reconcile()
    assert report.marked_missing == 1 and report.indexed == 1 and report.temp_files_skipped == 1
    assert library.get(ids["owl"][0]).missing
    assert ids["owl"][0] not in library.query_ids(ALL)
    assert ids["owl"][0] in library.query_ids(LibraryQuery(include_missing=True))
    (stray,) = library.query_ids(LibraryQuery(search="stray"))
    restored = library.get(stray)
    assert (restored.model, restored.created, restored.sha256, restored.source) == (
        "sdxl",
        5 * DAY,
        stray_entry.sha256,
        "generated",
    )
    os.replace(moved, owl.path)
    report = library.reconcile()
    assert report.found_again == 1 and report.indexed == 0
    assert not library.get(ids["owl"][0]).missing


def test_reconcile_removes_stale_temp_files(library: Library) -> None:
    temp = library.images_dir / ".x.1.2.tmp"
    temp.write_bytes(b"partial")
    old = time.time() - 2 * 3600
    os.utime(temp, (old, old))
    assert library.reconcile().temp_files_removed == 1
    assert not temp.exists()


def test_rebuild_recreates_index_from_files_keeping_favourites(library: Library) -> None:
    ids = _fill(library)
    library.set_favourite(ids["owl"], True)
    library._connection().execute("DELETE FROM images WHERE id = ?", (ids["cafe"][0],))
    assert library.rebuild().indexed == 4
    assert library.count(ALL) == 4
    (owl,) = library.query_ids(LibraryQuery(search="owl"))
    assert library.get(owl).favourite and library.get(owl).model == "sdxl"
    assert library.count(LibraryQuery(search="terrace")) == 1


def test_import_reads_a1111_comfyui_invokeai_and_skips_duplicates(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "elsewhere"
    (folder / "sub").mkdir(parents=True)
    a1111_png(folder / "a1111.png")
    comfyui_png(folder / "sub" / "comfy.png")
    invokeai_png(folder / "invoke.png")
    (folder / "copy-of-a1111.png").write_bytes((folder / "a1111.png").read_bytes())
    (folder / "notes.txt").write_text("not an image")
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    calls: list[tuple[int, int]] = []
    report = library.import_folder(folder, progress=lambda done, total: calls.append((done, total)))
    assert (report.found, report.added, report.duplicates, len(report.failed)) == (5, 3, 1, 1)
    assert not report.copied and calls[-1] == (5, 5)
    by_prompt = {e.prompt: e for e in library.get_many(library.query_ids(ALL)).values()}
    assert by_prompt["a castle on a hill, sunset"].model == "sd_xl_base_1.0"
    assert by_prompt["a lighthouse in a storm"].model == "dreamshaper_8.safetensors"
    assert by_prompt["an astronaut riding a horse"].model == "stable-diffusion-v1-5"
    for entry in by_prompt.values():
        assert entry.source == "imported" and entry.path.parent.is_relative_to(folder.resolve())
    again = library.import_folder(folder)
    assert again.added == 0 and again.duplicates == 4


def test_import_with_copy_owns_the_files(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    invokeai_png(folder / "invoke.png")
    report = library.import_folder(folder, copy=True)
    assert report.copied and report.added == 1
    (entry,) = library.get_many(library.query_ids(ALL)).values()
    assert entry.path.is_relative_to(library.images_dir / "imported")
    (folder / "invoke.png").unlink()
    assert library.reconcile().marked_missing == 0


def test_import_of_a_generated_file_is_a_duplicate(library: Library, tmp_path: Path) -> None:
    (entry,) = library.add_result(make_result())
    exported = library.export([entry.id], tmp_path / "out")
    assert library.import_folder(exported[0].parent).duplicates == 1


def test_import_can_be_cancelled_and_keeps_what_it_finished(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for seed in range(10):
        (folder / f"{seed}.png").write_bytes(image_bytes(seed + 100))
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 4:
            cancel.set()

    report = library.import_folder(folder, progress=progress, cancel=cancel)
    assert report.cancelled and report.added == 4 and library.count(ALL) == 4


def test_import_of_a_missing_folder_raises(library: Library, tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        library.import_folder(tmp_path / "nope")


def test_adds_from_two_threads_are_all_indexed(library: Library) -> None:
    errors: list[BaseException] = []

    def worker(offset: int) -> None:
        try:
            for seed in range(offset, offset + 15):
                library.add_result(make_result(f"thread {offset}", seed=seed), job_id=str(seed))
                library.query_ids(LibraryQuery(search="thread"))
        except BaseException as error:  # collected, asserted below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(o,)) for o in (0, 1000)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert library.count(ALL) == 30
    assert all(library.verify(i) for i in library.query_ids(ALL))


def test_two_processes_worth_of_connections_share_one_library(tmp_path: Path) -> None:
    first = Library.open(tmp_path / "lib")
    second = Library.open(tmp_path / "lib")
    try:
        (entry,) = first.add_result(make_result())
        assert second.get(entry.id) == entry
    finally:
        first.close()
        second.close()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    Library.open(tmp_path / "lib").close()
    connection = sqlite3.connect(tmp_path / "lib" / "library.sqlite3")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(SchemaTooNewError):
        Library.open(tmp_path / "lib")


def test_a_corrupt_index_is_set_aside_and_rebuilt_from_files(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    library.add_result(make_result("kept across corruption", seed=3))
    library.close()
    (tmp_path / "lib" / "library.sqlite3").write_bytes(b"garbage" * 100)
    library = Library.open(tmp_path / "lib")
    try:
        assert library.count(ALL) == 0
        assert library.reconcile().indexed == 1
        assert library.count(LibraryQuery(search="corruption")) == 1
        assert list((tmp_path / "lib").glob("library.sqlite3.corrupt-*"))
    finally:
        library.close()


def test_closed_library_refuses_new_work(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    library.close()
    with pytest.raises(sqlite3.ProgrammingError):
        library.query_ids(ALL)


def test_webp_and_jpeg_results_are_indexed_with_their_format(library: Library) -> None:
    jpeg = library.add_result(make_result(image_format=ImageFormat.JPEG, seed=1))[0]
    webp = library.add_result(make_result(image_format=ImageFormat.WEBP, seed=2))[0]
    assert (jpeg.format, webp.format) == ("jpeg", "webp")
    assert library.thumbnail(jpeg.id) is not None and library.thumbnail(webp.id) is not None
    assert library.rebuild().indexed == 2
    assert sorted(library.get(i).format for i in library.query_ids(ALL)) == ["jpeg", "webp"]


def test_an_older_schema_is_migrated_forward_keeping_its_rows(tmp_path: Path) -> None:
    from desktop_app.library.schema import MIGRATIONS, _statements

    root = tmp_path / "lib"
    root.mkdir()
    connection = sqlite3.connect(root / "library.sqlite3", isolation_level=None)
    for statement in _statements(MIGRATIONS[0]):
        connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    # A row as version one wrote it (later versions add columns, so it is made by hand).
    connection.execute(
        "INSERT INTO images (path, sha256, file_sha256, created, prompt, model, width, height, "
        "size, format) VALUES ('images/a.png', 'ab', 'cd', 1.0, 'made at version one', 'flux', "
        "64, 64, '64x64', 'png')"
    )
    connection.close()
    with Library.open(root) as library:
        version = library._connection().execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION
        (entry_id,) = library.query_ids(LibraryQuery(search="version one"))
        entry = library.get(entry_id)
        assert entry is not None
        assert (entry.prompt, entry.model) == ("made at version one", "flux")
        assert entry.size_text == "64x64"


def _with_preview(result: GenerationResult, preview: bytes) -> GenerationResult:
    images = tuple(dataclasses.replace(image, preview=preview) for image in result.images)
    return dataclasses.replace(result, images=images)


def test_a_generated_images_preview_becomes_its_thumbnail_without_decoding_again(
    library: Library,
) -> None:
    # A marker preview (blue) unlike the image itself (made by image_bytes): if thumbnail()
    # decoded the file instead of serving the cached preview, the bytes would differ.
    marker = io.BytesIO()
    Image.new("RGB", (128, 128), "blue").save(marker, format="JPEG")
    (entry,) = library.add_result(_with_preview(make_result(size=(512, 512)), marker.getvalue()))
    assert len(list(library.thumbnails_dir.rglob("*.jpg"))) == 1
    assert library.thumbnail(entry.id) == marker.getvalue()
    assert library.thumbnail(entry.id, size=64) != marker.getvalue()  # other sizes: made lazily


def test_a_png_preview_is_cached_as_png(library: Library) -> None:
    marker = io.BytesIO()
    Image.new("RGBA", (64, 64), (0, 0, 255, 128)).save(marker, format="PNG")
    (entry,) = library.add_result(_with_preview(make_result(), marker.getvalue()))
    assert [path.suffix for path in library.thumbnails_dir.rglob("*-256.*")] == [".png"]
    assert library.thumbnail(entry.id) == marker.getvalue()


@pytest.mark.parametrize("preview", [b"not an image", "too large"])
def test_an_unusable_preview_is_not_cached_and_the_thumbnail_is_made_from_the_file(
    library: Library, preview: bytes | str
) -> None:
    if preview == "too large":
        buffer = io.BytesIO()
        Image.new("RGB", (512, 512), "blue").save(buffer, format="JPEG")
        preview = buffer.getvalue()
    assert isinstance(preview, bytes)
    (entry,) = library.add_result(_with_preview(make_result(size=(512, 320)), preview))
    assert not list(library.thumbnails_dir.rglob("*.*"))
    data = library.thumbnail(entry.id)
    assert data is not None and data != preview
    with Image.open(io.BytesIO(data)) as thumb:
        assert thumb.size == (256, 160)


def test_images_of_one_request_keep_the_servers_order_in_both_orders(library: Library):
    older = library.add_result(make_result(prompt="older", n=2, seed=1, created=1_000))
    newer = library.add_result(make_result(prompt="newer", n=3, seed=2, created=2_000))
    newest_first = library.query_ids(LibraryQuery())
    assert newest_first == [e.id for e in newer] + [e.id for e in older]
    oldest_first = library.query_ids(LibraryQuery(newest_first=False))
    assert oldest_first == [e.id for e in older] + [e.id for e in newer]
    assert [library.get(i).n_index for i in newest_first[:3]] == [0, 1, 2]
