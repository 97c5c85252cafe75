"""#18: reconcile reads the index in keyset chunks, not the whole table at once (a million rows
held together were 380 MiB at the window's start-up), and still checks every row exactly once."""

from __future__ import annotations

from desktop_app.library import Library, indexer


def test_reconcile_reads_rows_in_chunks_and_checks_each_once(tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "_RECONCILE_CHUNK", 3)
    outside = tmp_path / "outside"
    outside.mkdir()
    with Library.open(tmp_path / "library") as library:
        with library.transaction() as connection:
            for entry_id in range(1, 11):
                path = outside / f"{entry_id}.png"
                if entry_id % 4:  # every fourth file is gone
                    path.write_bytes(b"not read by reconcile")
                connection.execute(
                    "INSERT INTO images (id, path, sha256, file_sha256, created, source, missing) "
                    "VALUES (?, ?, ?, ?, ?, 'imported', ?)",
                    (entry_id * 7, str(path), f"{entry_id:064x}", f"{entry_id:064x}",
                     float(entry_id), 1 if entry_id == 5 else 0))
        (outside / "5.png").unlink()  # marked missing already and still gone: no change
        statements: list[str] = []
        raw = library._connection().raw()
        raw.set_trace_callback(statements.append)
        report = library.reconcile()
        raw.set_trace_callback(None)
    assert report.checked == 10
    assert report.marked_missing == 2  # ids 28 and 56 (files 4 and 8)
    assert report.found_again == 0
    reads = [s for s in statements if s.startswith("SELECT id, path, missing FROM images")]
    assert len(reads) == 5  # 3 + 3 + 3 + 1 rows, then an empty chunk
    assert all("LIMIT" in s for s in reads)
