"""The gallery's request queue and merge plans (ui/gallery/request_queue.py): pure Python, no Qt.

The queue is shared by the GUI thread (adds, prunes) and one worker (takes): a request is taken
at most once, pruned ones never, and the worker is woken exactly when it is asleep. A merge plan,
when there is one, turns the shown ids into the new ones by removals and additions at the ends.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import threading
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.ui.gallery.request_queue import RequestQueue, merge_plan, row_runs

MODULE = Path(__file__).parents[2] / "desktop_app" / "ui" / "gallery" / "request_queue.py"


def test_the_module_imports_no_qt() -> None:
    # Loaded on its own (not through the package, whose other modules are Qt widgets).
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('request_queue', {str(MODULE)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['request_queue'] = module\n"
        "spec.loader.exec_module(module)\n"
        "assert module.RequestQueue and module.merge_plan\n"
        "print(sorted(name for name in sys.modules if name.startswith('PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
    assert importlib.util.find_spec("desktop_app.ui.gallery.request_queue") is not None


def test_add_wakes_the_worker_only_when_it_sleeps() -> None:
    queue: RequestQueue[str] = RequestQueue()
    assert queue.add(1, "a") is True  # asleep: wake it
    assert queue.add(2, "b") is False  # draining already
    assert queue.take() == (1, "a")
    assert queue.take() == (2, "b")
    assert queue.take() is None  # now asleep again
    assert queue.add(3, "c") is True


def test_retain_drops_what_scrolled_away_and_close_refuses_more() -> None:
    queue: RequestQueue[int] = RequestQueue()
    for key in range(10):
        queue.add(key, key * 10)
    assert queue.retain({2, 3, 42}) == [0, 1, 4, 5, 6, 7, 8, 9]
    assert len(queue) == 2
    queue.close()
    assert queue.is_closed and len(queue) == 0
    assert queue.add(5, 50) is False and queue.take() is None


@given(st.lists(st.tuples(st.sampled_from(["add", "retain", "take", "clear"]),
                          st.integers(0, 20)), max_size=60))
def test_the_queue_behaves_like_an_ordered_dict_with_one_sleeping_worker(ops) -> None:
    queue: RequestQueue[int] = RequestQueue()
    model: dict[int, int] = {}
    asleep = True
    for op, key in ops:
        if op == "add":
            woke = queue.add(key, key)
            assert woke == asleep
            asleep = False
            model[key] = key
        elif op == "retain":
            keep = set(range(key))
            dropped = queue.retain(keep)
            assert dropped == [k for k in model if k not in keep]
            model = {k: v for k, v in model.items() if k in keep}
        elif op == "clear":
            queue.clear()
            model.clear()
        else:
            taken = queue.take()
            if model:
                first = next(iter(model))
                assert taken == (first, model.pop(first))
            else:
                assert taken is None
                asleep = True
        assert len(queue) == len(model)


def test_each_request_is_taken_once_while_the_gui_thread_adds_and_prunes() -> None:
    queue: RequestQueue[int] = RequestQueue()
    taken: list[int] = []
    wake = threading.Event()
    done = threading.Event()

    def worker() -> None:
        while not done.is_set() or len(queue):
            wake.wait(0.01)
            wake.clear()
            while (item := queue.take()) is not None:
                taken.append(item[0])

    thread = threading.Thread(target=worker)
    thread.start()
    for key in range(5000):
        if queue.add(key, key):
            wake.set()
        if key % 100 == 99:
            queue.retain(range(key - 10, key + 1))
    done.set()
    wake.set()
    thread.join(10)
    assert not thread.is_alive()
    assert len(taken) == len(set(taken))  # never twice
    assert 4999 in taken or len(queue) == 0


@given(st.lists(st.integers(0, 30), unique=True), st.integers(0, 5), st.integers(0, 5),
       st.sets(st.integers(0, 29)))
def test_a_merge_plan_turns_the_old_ids_into_the_new(old, n_front, n_back, removed_rows) -> None:
    kept = [entry_id for row, entry_id in enumerate(old) if row not in removed_rows]
    new = list(range(100, 100 + n_front)) + kept + list(range(200, 200 + n_back))
    plan = merge_plan(old, new)
    assert plan is not None
    rows = list(old)
    for row in reversed(plan.removed):
        del rows[row]
    assert list(plan.prepended) + rows + list(plan.appended) == new


def test_rows_that_moved_have_no_plan() -> None:
    assert merge_plan([1, 2, 3], [1, 3, 2]) is None
    assert merge_plan([1, 2, 3], [1, 2, 3]).is_empty  # type: ignore[union-attr]


@given(st.sets(st.integers(0, 200)))
def test_row_runs_cover_the_rows_bottom_up(rows) -> None:
    runs = row_runs(list(rows))
    covered = [row for first, last in runs for row in range(first, last + 1)]
    assert sorted(covered) == sorted(rows)
    assert [first for first, _ in runs] == sorted((first for first, _ in runs), reverse=True)
