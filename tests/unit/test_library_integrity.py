"""The library never loses what it holds: rebuilds, hostile files, odd names, broken images,
crash debris, a damaged index, favourites and descriptors (issue #11, section 3)."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from desktop_app.api.types import ImageFormat
from desktop_app.library import Library, LibraryQuery, metadata
from desktop_app.library import files as library_files
from desktop_app.library.indexer import Indexer
from desktop_app.library.inspection import CUT_MARK, MAX_PROMPT_BYTES
from desktop_app.usage.recorder import record_request
from tests.conftest import PROJECT_ROOT
from tests.library_helpers import a1111_png, image_bytes, make_result, save_png_with_text

EVERYTHING = LibraryQuery(include_missing=True)
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and byte names")


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def _fill(library: Library, count: int = 3) -> list[int]:
    ids: list[int] = []
    for seed in range(count):
        ids += [e.id for e in library.add_result(make_result(f"picture {seed}", seed=seed))]
    return ids


def _in_thread(work, timeout: float = 60.0, release: Path | None = None):
    """Run `work` on a thread; if it is still stuck after `timeout`, unblock a FIFO reader
    (open `release` for writing) so the test fails instead of hanging."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # re-raised below on the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    stuck = thread.is_alive()
    if stuck and release is not None:
        with open(release, "wb"):
            pass  # the blocked open() returns, the read sees EOF
        thread.join(timeout)
    assert not stuck, "the scan blocked"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


def _reasons(failed: tuple[tuple[Path, str], ...]) -> dict[str, str]:
    return {os.fsencode(path.name).decode("utf-8", "replace"): reason for path, reason in failed}


# --- 1. rebuild builds aside; scans read regular files only ----------------------------------


@posix_only
def test_rebuild_with_a_fifo_named_png_finishes_and_keeps_every_row(library: Library) -> None:
    _fill(library)
    fifo = library.images_dir / "trap.png"
    os.mkfifo(fifo)
    report = _in_thread(library.rebuild, release=fifo)
    assert report.indexed == 3 and library.count(EVERYTHING) == 3
    assert "named pipe" in _reasons(report.failed)["trap.png"]


@posix_only
def test_a_png_symlink_to_a_device_is_skipped_without_reading_it(library: Library) -> None:
    _fill(library)
    (library.images_dir / "zero.png").symlink_to("/dev/zero")
    report = _in_thread(library.reconcile)
    assert "a device (a symbolic link to it)" in _reasons(report.failed)["zero.png"]
    assert library.count(EVERYTHING) == 3


def test_a_file_over_the_size_cap_is_skipped_by_name(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(library, 1)
    big = library.images_dir / "big.png"
    big.write_bytes(image_bytes(5) + b"\0" * 4096)
    monkeypatch.setattr(library_files, "MAX_FILE_BYTES", 2048)
    report = library.reconcile()
    assert _reasons(report.failed)["big.png"] == "larger than 2 KiB"
    assert report.indexed == 0


def test_a_rebuild_interrupted_midway_leaves_the_index_as_it_was(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _fill(library)
    calls = 0
    real_read = metadata.read_metadata_bytes  # runs once per file (no pixel is decoded)

    def interrupted(data: bytes) -> object:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt  # as if killed, or out of memory, in the middle of the scan
        return real_read(data)

    monkeypatch.setattr(metadata, "read_metadata_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        library.rebuild()
    assert sorted(library.query_ids(EVERYTHING)) == sorted(ids)


def test_rebuild_keeps_the_usage_history(library: Library) -> None:
    result = make_result("counted", seed=4)
    library.add_result(result)
    record_request(library, result.request, result=result)
    library.rebuild()
    rows = library._connection().execute("SELECT model FROM requests").fetchall()
    assert [row[0] for row in rows] == [result.request.model]


@posix_only
def test_read_regular_file_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)

    def read() -> str:
        with pytest.raises(library_files.SkippedFile) as caught:
            library_files.read_regular_file(fifo)
        return caught.value.reason

    assert "named pipe" in _in_thread(read, release=fifo)


# --- 2. one bad file never fails the others; names are bytes ---------------------------------


@posix_only
def test_a_non_utf8_name_is_indexed_with_the_others_and_kept_exactly(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for seed in range(5):
        (folder / f"{seed}.png").write_bytes(image_bytes(seed + 50))
    raw_name = os.fsencode(folder) + b"/caf\xe9-latin1.png"
    with open(raw_name, "wb") as handle:
        handle.write(image_bytes(99))
    report = library.import_folder(folder)
    assert (report.added, report.failed) == (6, ())
    (odd,) = [
        e for e in library.get_many(library.query_ids(EVERYTHING)).values()
        if os.fsencode(e.path) == raw_name
    ]
    assert odd.path.exists() and library.verify(odd.id)
    assert library_files.display_path(odd.path).endswith("caf\ufffd-latin1.png")
    assert library.rebuild().failed == ()  # and a rebuild keeps the reference
    assert library.count(EVERYTHING) == 6


@posix_only
def test_a_non_utf8_name_inside_the_library_survives_rebuild_delete_and_undo(
    library: Library,
) -> None:
    (entry,) = library.add_result(make_result("odd name", seed=8))
    raw = os.fsencode(entry.path.parent) + b"/\xff\xfe.png"
    os.rename(entry.path, raw)
    report = library.rebuild()
    assert report.failed == () and report.indexed == 1
    (entry_id,) = library.query_ids(EVERYTHING)
    assert os.fsencode(library.get(entry_id).path) == raw
    batch = library.delete([entry_id])
    assert not os.path.exists(raw) and library.count(EVERYTHING) == 0
    json.loads((batch.trash_dir / "batch.json").read_text(encoding="ascii"))
    (restored,) = library.undo_delete(batch)
    assert os.fsencode(restored.path) == raw and os.path.exists(raw)


def test_an_unexpected_error_in_one_file_is_reported_and_the_batch_is_kept(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for seed in range(4):
        (folder / f"{seed}.png").write_bytes(image_bytes(seed + 10))
    poisoned = image_bytes(3 + 10)
    real = metadata.read_metadata_bytes

    def parser_bug(data: bytes) -> object:
        if data == poisoned:
            raise RuntimeError("a parser bug")
        return real(data)

    monkeypatch.setattr(metadata, "read_metadata_bytes", parser_bug)
    report = library.import_folder(folder)
    assert report.added == 3 and library.count(EVERYTHING) == 3
    assert _reasons(report.failed) == {"3.png": "could not be read (RuntimeError)"}


def test_an_unreadable_subfolder_is_reported(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "elsewhere"
    (folder / "locked").mkdir(parents=True)
    a1111_png(folder / "castle.png")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # tests run as root: chmod would not stop it
    report = library.import_folder(folder)
    assert report.added == 1
    assert _reasons(report.failed) == {"locked": "folder could not be read: permission denied"}


# --- 3. broken images are not indexed; messages name the cause -------------------------------


def _png_with_bad_text_crc() -> bytes:
    buffer = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "hello")
    Image.open(io.BytesIO(image_bytes(21))).save(buffer, "PNG", pnginfo=info)
    data = bytearray(buffer.getvalue())
    at = data.find(b"tEXt")
    length = int.from_bytes(data[at - 4 : at], "big")
    data[at + 4 + length] ^= 0xFF  # first CRC byte
    return bytes(data)


def test_broken_images_get_no_row_and_each_says_why(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    whole = image_bytes(7, size=(300, 300))
    (folder / "half.png").write_bytes(whole[: len(whole) // 2])
    Image.new("1", (12000, 12000)).save(folder / "bomb.png")
    (folder / "crc.png").write_bytes(_png_with_bad_text_crc())
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "GIF")
    (folder / "really-a-gif.png").write_bytes(buffer.getvalue())
    (folder / "empty.png").write_bytes(b"")
    jpeg = image_bytes(9, size=(256, 256), image_format=ImageFormat.JPEG)
    (folder / "cut.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    if os.name == "posix":
        (folder / "dangling.png").symlink_to(folder / "nowhere.png")
    report = library.import_folder(folder)
    assert report.added == 0 and library.count(EVERYTHING) == 0
    reasons = _reasons(report.failed)
    assert "truncated" in reasons["half.png"]
    assert "too large" in reasons["bomb.png"] and "12000x12000" in reasons["bomb.png"]
    assert reasons["crc.png"] == "damaged PNG (bad checksum in its tEXt chunk)"
    assert reasons["really-a-gif.png"] == "GIF is not supported (only PNG, JPEG and WebP)"
    assert reasons["empty.png"] == "empty file"
    assert "truncated" in reasons["cut.jpg"]
    if os.name == "posix":
        assert reasons["dangling.png"] == "broken symbolic link (its target does not exist)"


def test_a_valid_image_with_a_big_compressed_text_chunk_is_indexed_capped(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "big-text"
    folder.mkdir()
    prompt = "a lighthouse \x00in a storm, " + "very detailed, " * 150_000  # ~2 MB unpacked
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", prompt + "\nSteps: 20, Model: big", zip=True)
    Image.open(io.BytesIO(image_bytes(31))).save(folder / "big.png", "PNG", pnginfo=info)
    report = library.import_folder(folder)
    assert (report.added, report.failed) == (1, ())
    (entry,) = library.get_many(library.query_ids(EVERYTHING)).values()
    assert entry.prompt.startswith("a lighthouse in a storm")  # the NUL is gone
    assert entry.prompt.endswith(CUT_MARK) and len(entry.prompt.encode()) <= MAX_PROMPT_BYTES


def test_an_ordinary_long_prompt_is_kept_whole(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "text"
    folder.mkdir()
    save_png_with_text(folder / "a.png", {"parameters": "tree " * 1000}, seed=40)
    library.import_folder(folder)
    (entry,) = library.get_many(library.query_ids(EVERYTHING)).values()
    assert entry.prompt == ("tree " * 1000).strip()


# --- 4. crash debris: complete temp files are paid images ------------------------------------


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.skipif(os.name != "posix", reason="writer liveness is checked on POSIX only")
def test_a_complete_temp_file_of_a_dead_writer_is_recovered_and_indexed(library: Library) -> None:
    (entry,) = library.add_result(make_result("paid for", seed=12))
    data = entry.path.read_bytes()
    library._connection().execute("DELETE FROM images WHERE id = ?", (entry.id,))
    entry.path.unlink()
    dead = _dead_pid()
    temp = entry.path.parent / f".{entry.path.stem}.{dead}.140.tmp"
    temp.write_bytes(data)
    partial = entry.path.parent / f".other.{dead}.141.tmp"
    partial.write_bytes(data[: len(data) // 2])
    report = library.reconcile()
    assert (report.temp_files_recovered, report.temp_files_removed, report.indexed) == (1, 1, 1)
    assert not temp.exists() and not partial.exists() and entry.path.exists()
    (found,) = library.get_many(library.query_ids(LibraryQuery(search="paid"))).values()
    assert found.path == entry.path and found.sha256 == entry.sha256


def test_a_stale_complete_temp_file_is_recovered_not_deleted(library: Library) -> None:
    (entry,) = library.add_result(make_result("kept after an hour", seed=13))
    data = entry.path.read_bytes()
    library._connection().execute("DELETE FROM images WHERE id = ?", (entry.id,))
    entry.path.unlink()
    temp = entry.path.parent / f".{entry.path.stem}.{os.getpid()}.7.tmp"
    temp.write_bytes(data)
    old = os.stat(temp).st_mtime - 2 * 3600
    os.utime(temp, (old, old))
    report = library.reconcile()
    assert report.temp_files_recovered == 1 and report.indexed == 1
    assert library.count(LibraryQuery(search="hour")) == 1


def test_index_new_files_finds_files_without_rows_and_reads_nothing_otherwise(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = library.add_result(make_result("landed without a row", n=2, seed=14))
    assert library.index_new_files() is None
    library._connection().execute("DELETE FROM images WHERE id = ?", (entries[1].id,))
    report = library.index_new_files()
    assert report is not None and report.indexed == 1
    assert library.count(LibraryQuery(search="landed")) == 2

    def no_reading(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("read a file although every file had a row")

    monkeypatch.setattr(Indexer, "_read_row", no_reading)
    assert library.index_new_files() is None


def test_the_new_files_check_lists_only_folders_that_changed(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    (entry,) = library.add_result(make_result("quiet folder", seed=15))
    settled = time.time() - 60
    for folder in (entry.path.parent, entry.path.parent.parent, library.images_dir):
        os.utime(folder, (settled, settled))
    assert library.index_new_files() is None  # lists once, remembers the counts
    listed: list[object] = []
    real_scandir = os.scandir

    def scandir(path):
        listed.append(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert library.index_new_files() is None and listed == []
    landed = entry.path.with_name("landed-later.png")
    landed.write_bytes(image_bytes(77))  # changes the folder's mtime
    report = library.index_new_files()
    assert report is not None and report.indexed == 1 and listed


# --- 5. a damaged index is noticed on any statement ------------------------------------------


def garble_table(database: Path, table: str) -> None:
    """Overwrite the root page of `table` in the (checkpointed) index file with junk."""
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
    ).fetchone()
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    with open(database, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5\x5a" * (page_size // 2))


def test_damage_met_by_a_save_sets_the_index_aside_and_keeps_every_image(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library.open(root) as library:
        old = _fill(library)
        first = make_result("counted before the damage", seed=20)
        record_request(library, first.request, result=first)
        library.set_favourite(old[:1], True)
        favourite_sha = library.get(old[0]).sha256
    garble_table(root / "library.sqlite3", "images")
    with Library.open(root) as library:
        assert library.recovered_from is None  # page 1 is fine: open cannot tell
        entries = library.add_result(make_result("saved after the damage", n=2, seed=21))
        assert len(entries) == 2 and all(library.verify(e.id) for e in entries)
        assert library.recovered_from is not None and library.recovered_from.exists()
        assert min(e.id for e in entries) > max(old)  # ids of the old index are never reused
        assert library.count(EVERYTHING) == 5  # the other three re-indexed from their files
        favourites = library.query_ids(LibraryQuery(favourites_only=True))
        assert [library.get(i).sha256 for i in favourites] == [favourite_sha]
        models = library._connection().execute("SELECT model FROM requests").fetchall()
        assert [row[0] for row in models] == [first.request.model]


def test_damage_met_by_a_query_or_a_rebuild_is_recovered(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library.open(root) as library:
        _fill(library)
    garble_table(root / "library.sqlite3", "images")
    with Library.open(root) as library:
        assert library.count(EVERYTHING) == 3
        assert library.rebuild().indexed == 3
    garble_table(root / "library.sqlite3", "images")
    with Library.open(root) as library:
        assert library.rebuild().indexed == 3 and library.recovered_from is not None


def test_a_second_process_follows_the_fresh_index_instead_of_setting_it_aside(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    with Library.open(root) as library:
        _fill(library)
    garble_table(root / "library.sqlite3", "images")
    with Library.open(root) as first, Library.open(root) as second:
        second._connection().execute("SELECT 1")  # connected to the damaged file
        first.add_result(make_result("noticed by the first", seed=22))  # sets it aside
        assert second.count(EVERYTHING) == 4  # reads the fresh index, does not replace it
        assert second.recovered_from is None
    assert len(list(root.glob("library.sqlite3.corrupt-*[0-9]"))) == 1


# --- 6. user-made state survives every re-index ----------------------------------------------


def test_favourites_survive_losing_the_index_entirely(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library.open(root) as library:
        ids = _fill(library)
        library.set_favourite(ids[1:2], True)
        wanted = library.get(ids[1]).sha256
    for suffix in ("", "-wal", "-shm"):
        (root / f"library.sqlite3{suffix}").unlink(missing_ok=True)
    with Library.open(root) as library:
        library.reconcile()
        (favourite,) = library.query_ids(LibraryQuery(favourites_only=True))
        assert library.get(favourite).sha256 == wanted
        library.set_favourite([favourite], False)
        library.rebuild()
        assert library.query_ids(LibraryQuery(favourites_only=True)) == []


def test_favourites_of_an_older_library_are_copied_to_user_state(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    with Library.open(root) as library:
        ids = _fill(library)
        library._connection().execute("UPDATE images SET favourite = 1 WHERE id = ?", (ids[0],))
        wanted = library.get(ids[0]).sha256
    (root / "user_state.sqlite3").unlink(missing_ok=True)  # as before user_state existed
    with Library.open(root) as library:
        assert library.user_state.favourites() == {wanted}


# --- 7. per-thread connections close with their thread ---------------------------------------

_MANY_THREADS = """
import json, os, resource, sys, threading
from pathlib import Path
sys.path.insert(0, sys.argv[2])
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
from desktop_app.api.types import ImageFormat
from desktop_app.library import Library, LibraryQuery
from tests.library_helpers import make_result

library = Library.open(Path(sys.argv[1]))
errors, peak = [], 0

def job(seed):
    try:
        library.add_result(make_result(f"job {seed}", seed=seed), job_id=str(seed))
        library.count(LibraryQuery())
    except BaseException as error:
        errors.append(repr(error))

for seed in range(250):
    thread = threading.Thread(target=job, args=(seed,))
    thread.start()
    thread.join()
    peak = max(peak, len(os.listdir("/proc/self/fd")))
print(json.dumps({"errors": errors[:3], "peak": peak, "rows": library.count(LibraryQuery())}))
"""


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts /proc/self/fd")
def test_hundreds_of_short_lived_threads_keep_descriptors_bounded(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _MANY_THREADS, str(tmp_path / "lib"), str(PROJECT_ROOT)],
        capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout)
    assert outcome["errors"] == [] and outcome["rows"] == 250
    assert outcome["peak"] < 40
