"""#18, the gallery's rows at a million: what the fast paths must keep true.

The merge plan finds shared runs by slice compares and walks the rows between; it must give
exactly the plan of the plain set-based algorithm it replaced. Rows are found by a memory search
of the ids' bytes instead of a dict of every row: the same rows as the dict. `all_ids` reads a
query's ids as one text of hex digits into an array: the same ids, in the same order, as
`query_ids`.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.library import Library, LibraryQuery, pages
from desktop_app.ui.gallery.ids_model import find_rows
from desktop_app.ui.gallery.request_queue import MergePlan, merge_plan


def reference_plan(old: Sequence[int], new: Sequence[int]) -> MergePlan | None:
    """The set-based plan of before (O(n) set work in one call): the specification."""
    if list(old) == list(new):
        return MergePlan((), (), ())
    new_set, old_set = set(new), set(old)
    removed = tuple(row for row, entry_id in enumerate(old) if entry_id not in new_set)
    kept = [entry_id for entry_id in old if entry_id in new_set]
    start = 0
    while start < len(new) and new[start] not in old_set:
        start += 1
    end = start + len(kept)
    if list(new[start:end]) != kept or any(entry_id in old_set for entry_id in new[end:]):
        return None
    return MergePlan(removed, tuple(new[:start]), tuple(new[end:]))


def _edited(old: list[int], data: st.DataObject) -> list[int]:
    new = list(old)
    for _ in range(data.draw(st.integers(0, 4))):
        kind = data.draw(st.sampled_from(["remove", "remove run", "top", "bottom", "middle",
                                          "move", "swap"]))
        if kind in ("remove", "remove run", "move", "swap") and not new:
            continue
        at = data.draw(st.integers(0, max(0, len(new) - 1)))
        fresh = 1000 + data.draw(st.integers(0, 10_000))
        if kind == "remove":
            del new[at]
        elif kind == "remove run":
            del new[at : at + data.draw(st.integers(1, 6))]
        elif kind == "top" and fresh not in new:
            new.insert(0, fresh)
        elif kind == "bottom" and fresh not in new:
            new.append(fresh)
        elif kind == "middle" and fresh not in new:
            new.insert(at, fresh)
        elif kind == "move":
            new.insert(data.draw(st.integers(0, len(new))), new.pop(at))
        elif kind == "swap":
            other = data.draw(st.integers(0, len(new) - 1))
            new[at], new[other] = new[other], new[at]
    return new


@given(st.lists(st.integers(0, 500), unique=True, max_size=60), st.data())
def test_the_merge_plan_is_the_one_of_the_set_based_algorithm(old, data) -> None:
    new = _edited(old, data)
    assert merge_plan(old, new) == reference_plan(old, new)
    assert merge_plan(array("q", old), array("q", new)) == reference_plan(old, new)


@pytest.mark.parametrize("lookahead", [8, 4096])  # 8: the walk gives up early, sets again
def test_a_long_list_with_a_few_changes_gets_the_same_plan(monkeypatch, lookahead) -> None:
    from desktop_app.ui.gallery import request_queue

    monkeypatch.setattr(request_queue, "_LOOKAHEAD", lookahead)
    old = list(range(5000, 0, -1))
    cases = [
        [7000, 7001, *old],  # new images at the top
        old[:100] + old[120:] + [-1],  # a run deleted elsewhere, one new at the bottom
        [9000, *old[:10], *old[11:2000], *old[2001:]],  # top, and two single deletes
        old[:3000] + old[3050:],  # a run longer than the walk looks ahead
        [*old[:10], *old[12:], old[10]],  # moved to the bottom: no plan
    ]
    for new in cases:
        assert merge_plan(old, new) == reference_plan(old, new)


@given(st.lists(st.integers(-(2**63), 2**63 - 1), unique=True, max_size=40),
       st.sets(st.integers(-(2**64), 2**64), max_size=30))
def test_rows_found_by_a_memory_search_are_the_rows_of_a_dict(ids, extra) -> None:
    rows = {entry_id: row for row, entry_id in enumerate(ids)}
    wanted = set(ids[::3]) | extra
    expected = {entry_id: rows[entry_id] for entry_id in wanted if entry_id in rows}
    assert find_rows(array("q", ids), wanted) == expected
    for entry_id in list(wanted)[:5]:
        assert find_rows(array("q", ids), {entry_id}) == (
            {entry_id: rows[entry_id]} if entry_id in rows else {})


def test_a_match_across_two_ids_is_not_a_row() -> None:
    # The bytes of 256 and 1 side by side hold those of other numbers at odd offsets.
    ids = array("q", [256, 1, 2**40, 7])
    for entry_id in (1 << 56, 2**32, 2**8 << 8):
        assert find_rows(ids, {entry_id}) == {}
    assert find_rows(ids, {7, 1}) == {7: 3, 1: 1}


def _library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "library")
    with library.transaction() as connection:
        for entry_id in range(1, 301):
            connection.execute(
                "INSERT INTO images (id, path, sha256, file_sha256, created, prompt, model, "
                "favourite, missing, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'imported')",
                (entry_id, f"/photos/{entry_id}.png", f"{entry_id:064x}", f"{entry_id:064x}",
                 1000.0 - entry_id // 4, "a castle" if entry_id % 3 else "a fox",
                 "sdxl" if entry_id % 2 else "flux", entry_id % 5 == 0, entry_id % 50 == 0))
    return library


def test_all_ids_are_the_ids_query_ids_gives(tmp_path) -> None:
    library = _library(tmp_path)
    try:
        for fields in ({}, {"newest_first": False}, {"model": "sdxl"}, {"favourites_only": True},
                       {"include_missing": True}, {"search": "castle"}, {"search": "fox"},
                       {"search": '"unbalanced'}, {"search": "nothing-like-it"}):
            query = LibraryQuery(**fields)
            found = pages.all_ids(library, query)
            assert isinstance(found, array)
            assert found.tolist() == library.query_ids(query), fields
        # Ids past a double's precision and past 32 bits keep every digit.
        with library.transaction() as connection:
            for entry_id in (2**53 + 1, 2**62 + 3):
                connection.execute(
                    "INSERT INTO images (id, path, sha256, file_sha256, created, prompt, model, "
                    "source) VALUES (?, ?, ?, ?, 5000.0, 'big', 'flux', 'imported')",
                    (entry_id, f"/photos/{entry_id}.png", f"{entry_id:064x}", f"{entry_id:064x}"))
        found = pages.all_ids(library, LibraryQuery())
        assert found[:2].tolist() == [2**53 + 1, 2**62 + 3]
        assert found.tolist() == library.query_ids(LibraryQuery())
    finally:
        library.close()
