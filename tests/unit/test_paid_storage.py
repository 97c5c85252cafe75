"""Never pay for an image that cannot be kept: storage errors in plain words, the room check
before sending, all-or-none saving with cancel between images, and no temp debris on a full disk.
"""

from __future__ import annotations

import errno
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop_app.api.client import NscaleClient
from desktop_app.api.errors import CancelledError
from desktop_app.api.types import GenerationRequest, ImageSize
from desktop_app.generation import ResultNotSavedError, count_note, generate_and_keep
from desktop_app.library import Library, LibraryQuery
from desktop_app.library import store as store_module
from desktop_app.library.storage_errors import StorageError, StorageProblem, storage_error
from desktop_app.library.store import save_result_to_folder, write_new_file
from desktop_app.library.thumbnails import write_thumbnail
from tests.disks import files_under, fill, tmpfs
from tests.library_helpers import make_result

ALL = LibraryQuery(include_missing=True)
PAIR = GenerationRequest("two boats", size=ImageSize(64, 64), n=2)


@pytest.fixture
def library(tmp_path: Path):
    library = Library.open(tmp_path / "library")
    yield library
    library.close()


def usage_rows(library: Library) -> list[dict[str, object]]:
    connection = sqlite3.connect(library.database_path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute("SELECT * FROM requests ORDER BY id")]
    finally:
        connection.close()


# --- the one mapping ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "problem", "words"),
    [
        (errno.ENOSPC, StorageProblem.NO_SPACE, "no space left"),
        (errno.EROFS, StorageProblem.READ_ONLY, "read-only"),
        (errno.EACCES, StorageProblem.PERMISSION, "permission denied"),
        (errno.EMFILE, StorageProblem.TOO_MANY_FILES, "too many open files"),
    ],
)
def test_os_errors_become_plain_words_with_the_path(code, problem, words):
    error = OSError(code, "raw text", "/srv/library/images/x.png")
    mapped = storage_error(error)
    assert mapped is not None and mapped.problem is problem
    assert words in mapped.message
    assert "/srv/library/images/x.png" in mapped.message
    assert "raw text" not in mapped.message  # our words, not the C library's


def test_a_folder_is_named_instead_of_a_temp_file_when_asked():
    error = OSError(errno.EROFS, "Read-only file system", "/lib/images/.x.123.tmp")
    mapped = storage_error(error, Path("/lib/images"), prefer_path=True)
    assert mapped is not None and mapped.path == Path("/lib/images")


def test_a_damaged_index_is_named_as_such(tmp_path):
    broken = tmp_path / "library.sqlite3"
    broken.write_bytes(b"this is not a database at all" * 200)
    connection = sqlite3.connect(broken)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        connection.execute("SELECT * FROM sqlite_master").fetchall()
    connection.close()
    mapped = storage_error(caught.value, broken)
    assert mapped is not None and mapped.problem is StorageProblem.DAMAGED
    assert str(broken) in mapped.message and "damaged" in mapped.message


def test_a_read_only_index_is_named_as_such(tmp_path):
    path = tmp_path / "library.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        connection.execute("INSERT INTO t VALUES (1)")
    connection.close()
    mapped = storage_error(caught.value, path)
    assert mapped is not None and mapped.problem is StorageProblem.READ_ONLY


@pytest.mark.parametrize(
    "error", [ValueError("bug"), OSError(errno.ENOENT, "gone"), sqlite3.ProgrammingError("bug")]
)
def test_other_failures_are_not_storage_errors(error):
    assert storage_error(error) is None  # bugs stay bugs: logged, "unexpected X"


# --- the room check before sending -----------------------------------------------------------


def test_room_check_refuses_when_free_space_is_below_the_margin(library, monkeypatch):
    monkeypatch.setattr(store_module, "FREE_SPACE_MARGIN", 10**18)
    with pytest.raises(StorageError) as caught:
        library.check_room_for(1000)
    assert caught.value.problem is StorageProblem.NO_SPACE
    assert "free" in caught.value.message and "needed" in caught.value.message


def test_room_check_passes_and_leaves_nothing_behind(library):
    library.check_room_for(1000)
    assert files_under(library.images_dir) == []


def test_no_room_means_no_request_and_no_usage_row(server, library, monkeypatch):
    monkeypatch.setattr(store_module, "FREE_SPACE_MARGIN", 10**18)
    with NscaleClient(server.base_url, server.token) as client:
        with pytest.raises(StorageError) as caught:
            generate_and_keep(client, library, PAIR, job_id="j")
    assert caught.value.message.startswith("Nothing was sent")
    assert server.stats()["generations"] == 0
    assert usage_rows(library) == []


# --- saving: all or none, cancel between images, truthful usage ------------------------------


def _failing_second_write(library: Library, monkeypatch, error: BaseException | None = None,
                          cancel: threading.Event | None = None) -> list[Path]:
    real = library._write_file
    written: list[Path] = []

    def write(*args, **kwargs):
        if written and error is not None:
            raise error
        path = real(*args, **kwargs)
        written.append(path)
        if cancel is not None:
            cancel.set()
        return path

    monkeypatch.setattr(library, "_write_file", write)
    return written


def test_cancel_is_checked_between_images_while_saving(library, monkeypatch):
    cancel = threading.Event()
    written = _failing_second_write(library, monkeypatch, cancel=cancel)
    with pytest.raises(CancelledError):
        library.add_result(make_result(n=3), job_id="j", cancel=cancel)
    assert len(written) == 1  # stopped after the first image
    assert files_under(library.images_dir) == []  # and took it back: all or none
    assert library.count(ALL) == 0


def test_a_failed_save_removes_what_it_wrote_and_says_why(library, monkeypatch):
    _failing_second_write(library, monkeypatch, OSError(errno.ENOSPC, "No space", "/x/.t.tmp"))
    with pytest.raises(StorageError) as caught:
        library.add_result(make_result(n=2), job_id="j")
    assert caught.value.problem is StorageProblem.NO_SPACE
    assert files_under(library.images_dir) == []
    assert library.count(ALL) == 0


def test_what_in_transaction_writes_commits_or_rolls_back_with_the_rows(library):
    def boom(connection: sqlite3.Connection, saved: int) -> None:
        raise sqlite3.OperationalError("no")

    with pytest.raises(sqlite3.OperationalError):
        library.add_result(make_result(n=2), in_transaction=boom)
    assert library.count(ALL) == 0 and files_under(library.images_dir) == []
    seen: list[int] = []
    library.add_result(make_result(n=2), in_transaction=lambda _c, saved: seen.append(saved))
    assert seen == [2] and library.count(ALL) == 2


def test_a_failed_save_hands_the_images_back_and_usage_says_saved_0(server, library,
                                                                     monkeypatch):
    _failing_second_write(library, monkeypatch, OSError(errno.EROFS, "ro", "/x/.t.tmp"))
    with NscaleClient(server.base_url, server.token) as client:
        with pytest.raises(ResultNotSavedError) as caught:
            generate_and_keep(client, library, PAIR, job_id="j")
    error = caught.value
    assert len(error.result.images) == 2 and all(i.data for i in error.result.images)
    assert error.storage is not None and error.storage.problem is StorageProblem.READ_ONLY
    assert "could not be saved" in error.message and "read-only" in error.message
    assert files_under(library.images_dir) == []
    [row] = usage_rows(library)
    assert (row["n"], row["images"], row["saved"], row["status"]) == (2, 2, 0, "ok")


def test_a_successful_save_records_saved(server, library):
    with NscaleClient(server.base_url, server.token) as client:
        _result, entries = generate_and_keep(client, library, PAIR, job_id="j")
    [row] = usage_rows(library)
    assert (row["n"], row["images"], row["saved"]) == (2, 2, len(entries)) == (2, 2, 2)


def test_images_saved_outside_the_library_keep_their_metadata(tmp_path):
    from desktop_app.library import read_metadata

    written = save_result_to_folder(make_result(prompt="a kept fox", n=2), tmp_path / "out", "j")
    assert len(written) == 2
    assert all(read_metadata(path).prompt == "a kept fox" for path in written)


def test_count_note_says_what_came_back():
    import dataclasses

    many = make_result(n=1)
    assert count_note(many) is None
    assert count_note(dataclasses.replace(many, items_returned=10_000)) == (
        "1 requested, 10,000 returned: kept the first 1."
    )
    fewer = dataclasses.replace(
        many, request=dataclasses.replace(many.request, n=3), items_returned=1
    )
    assert count_note(fewer) == "3 requested, 1 returned."


# --- a really full disk (tmpfs) --------------------------------------------------------------


def test_a_full_disk_leaves_no_temp_file_behind(tmp_path):
    with tmpfs(tmp_path / "disk", "1m") as disk:
        with pytest.raises(OSError) as caught:
            write_new_file(disk / "images", "big", ".png", b"x" * (2 << 20))
        assert caught.value.errno == errno.ENOSPC
        assert files_under(disk) == []


def test_a_full_disk_fails_the_save_cleanly(tmp_path):
    with tmpfs(tmp_path / "disk", "40m") as disk:
        library = Library.open(disk / "library")
        try:
            fill(disk, 8 * 1024)
            with pytest.raises(StorageError) as caught:
                library.add_result(make_result(n=2, size=(256, 256)), job_id="j")
            assert caught.value.problem is StorageProblem.NO_SPACE
            assert [p.name for p in files_under(library.images_dir)] == []
            assert not any(p.name.endswith(".tmp") for p in files_under(disk))
        finally:
            library.close()


def test_a_full_disk_leaves_no_partial_thumbnail_temp_file(tmp_path):
    with tmpfs(tmp_path / "disk", "1m") as disk:
        write_thumbnail(disk / "thumbnails" / "ab" / "abc-256", b"\xff\xd8" * (1 << 20))
        assert files_under(disk) == []


class _GenerousClient:
    """A client that does not cap the reply at n, as third-party clients may not."""

    endpoint_host = "127.0.0.1"

    def generate(self, request: GenerationRequest, cancel=None, on_retry=None):
        import dataclasses

        result = make_result(n=5)
        return dataclasses.replace(result, request=request)


def test_the_pipeline_keeps_at_most_n_even_from_a_client_that_does_not_cap(library):
    request = GenerationRequest("a red fox in the snow", size=ImageSize(64, 64), n=1)
    result, entries = generate_and_keep(_GenerousClient(), library, request, job_id="j")
    assert len(entries) == 1 and len(result.images) == 1
    assert count_note(result) == "1 requested, 5 returned: kept the first 1."
    [row] = usage_rows(library)
    assert (row["n"], row["images"], row["saved"]) == (1, 5, 1)
