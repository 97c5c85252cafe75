"""The library package imports Pillow and the metadata readers on first use (#18).

`library list --limit 50` in a fresh process spent about a third of its start importing Pillow,
the readers and the checks, none of which a listing uses. They are now imported by the first
check, thumbnail or metadata read; the window imports them on its GUI thread before any worker
starts (`library.import_decoders`, the reason in test_library_imported_before_workers.py).
Both halves run in a fresh process: a listing loads none of them, and after `import_decoders`
checking, reading, thumbnailing and saving an image import no further module of the app.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

LATE = ("PIL", "desktop_app.library.metadata", "desktop_app.library.readers",
        "desktop_app.library.image_structure", "desktop_app.api.images")

LISTING = r"""
import json, sys
from desktop_app.cli import main
code = main(["library", "list", "--limit", "5"])
print("RESULT" + json.dumps([code, sorted(sys.modules)]))
"""

EVERY_LATE_PATH = r"""
import io, json, sys, time
from pathlib import Path
from desktop_app import library
from desktop_app.library import Library

library.import_decoders()
from PIL import Image
from desktop_app.api.types import GeneratedImage, GenerationRequest, GenerationResult, ImageFormat

before = set(sys.modules)
root = Path(sys.argv[1])
buffer = io.BytesIO()
Image.new("RGB", (64, 48), "teal").save(buffer, "PNG")
png = buffer.getvalue()
with Library.open(root) as opened:
    request = GenerationRequest(prompt="a teal square", model="m")
    image = GeneratedImage(data=png, format=ImageFormat.PNG, width=64, height=48, index=0)
    result = GenerationResult(request=request, images=(image,), created=int(time.time()),
                              endpoint_host="127.0.0.1", request_id="r", latency_s=0.1)
    [entry] = opened.add_result(result)
    Image.new("RGB", (32, 32), "plum").save(root.parent / "outside.png")
    opened.import_file(root.parent / "outside.png")
    assert opened.thumbnail(entry.id, 128)
    assert library.read_metadata(entry.path).prompt == "a teal square"
    opened.reconcile()
added = sorted(name for name in set(sys.modules) - before if name.startswith("desktop_app"))
print("RESULT" + json.dumps(added))
"""


def _run(script: str, tmp_path: Path, *args: str) -> object:
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, env=env)
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
    return json.loads(line[len("RESULT"):])


def test_a_listing_imports_no_decoder(tmp_path: Path) -> None:
    code, modules = _run(LISTING, tmp_path)  # type: ignore[misc]
    assert code == 0
    loaded = [name for name in modules if name.split(".")[0] == "PIL"
              or any(name == late or name.startswith(late + ".") for late in LATE)]
    assert not loaded, loaded
    assert "desktop_app.library.store" in modules  # it did open the library


def test_after_import_decoders_no_image_path_imports_more_of_the_app(tmp_path: Path) -> None:
    added = _run(EVERY_LATE_PATH, tmp_path, str(tmp_path / "library"))
    assert added == [], added
