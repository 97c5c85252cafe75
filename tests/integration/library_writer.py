"""Crash-test helper: saves synthetic results into a library in a loop until it is killed.

Run as `python tests/integration/library_writer.py LIBRARY_DIR`; prints "ready" once the library
is open so the test knows the loop has started. Used by test_library_crash.py only.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.library import Library
from tests.library_helpers import make_result


def main() -> None:
    library = Library.open(Path(sys.argv[1]))
    offset = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    print("ready", flush=True)
    seed = offset
    while True:
        seed += 1
        library.add_result(
            make_result(prompt=f"crash test {seed}", n=2, seed=seed), job_id=str(seed)
        )


if __name__ == "__main__":
    main()
