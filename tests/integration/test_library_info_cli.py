"""`nscale-studio-cli library info (ID | FILE) [--json]` and `library list --generator` (#12),
run as real subprocesses against an isolated library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop_app import paths
from desktop_app.library import Library
from tests.conftest import PROJECT_ROOT
from tests.library_helpers import a1111_png, comfyui_png, make_result, save_png_with_text


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "library", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
    )


def _folder() -> Path:
    folder = paths.data_dir().parent / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_info_by_file_prints_fields_then_blocks() -> None:
    path = comfyui_png(_folder() / "comfy.png")
    done = _cli("info", str(path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"File: {path}"
    assert "Prompt: a lighthouse in a storm" in lines
    assert "Negative prompt: bad hands" in lines
    assert "Model: dreamshaper_8.safetensors" in lines
    assert "Size: 64x64" in lines and "Tool: ComfyUI" in lines
    graph = lines.index("--- prompt ---")
    assert lines.index("Tool: ComfyUI") < graph  # fields first, then the blocks
    assert lines[graph + 1 : graph + 3] == ["{", '  "4": {']  # graphs pretty-printed
    assert "--- workflow ---" in lines


def test_info_json_by_id_for_a_library_image() -> None:
    with Library.open() as library:
        (entry,) = library.add_result(make_result("a red fox in the snow", "flux", seed=1))
    done = _cli("info", str(entry.id), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["id"] == entry.id and document["path"] == str(entry.path)
    assert document["prompt"] == "a red fox in the snow" and document["model"] == "flux"
    assert (document["width"], document["height"]) == (64, 64)
    assert (document["generator"], document["generator_name"]) == (
        "nscale-studio",
        "Nscale Image Studio",
    )
    assert document["format"] == "PNG"
    assert {"parameters", "nscale-studio"} <= {block["name"] for block in document["blocks"]}


def test_info_json_by_file_keeps_blocks_raw_and_settings() -> None:
    path = a1111_png(_folder() / "castle.png")
    done = _cli("info", str(path), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert "id" not in document and document["path"] == str(path.resolve())
    assert document["negative_prompt"] == "blurry" and document["generator"] == "a1111"
    assert document["settings"]["Sampler"] == "Euler a"
    (block,) = document["blocks"]
    assert block["name"] == "parameters" and block["text"].startswith("a castle on a hill")


def test_info_escapes_control_characters_for_the_terminal() -> None:
    evil = "pwned\x1b]0;retitled\x07\x1b[2J\u202egnp.exe\x9b31m"
    path = save_png_with_text(_folder() / "evil.png", {"parameters": f"{evil}\nSteps: 1"})
    done = _cli("info", str(path))
    assert done.returncode == 0, done.stderr
    for char in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert char not in done.stdout
    assert "Prompt: pwned\\x1b]0;retitled\\x07\\x1b[2J\\u202egnp.exe\\x9b31m" in done.stdout
    as_json = _cli("info", str(path), "--json")
    assert "\x1b" not in as_json.stdout and "\u202e" not in as_json.stdout
    assert "\x9b" not in as_json.stdout
    assert json.loads(as_json.stdout)["prompt"] == evil  # still exactly the text, as JSON


def test_info_refuses_unknown_ids_and_paths() -> None:
    done = _cli("info", "999")
    assert done.returncode == 2 and "No image with id 999" in done.stderr
    done = _cli("info", "no/such/file.png")
    assert done.returncode == 2 and "neither a file nor an image id" in done.stderr
    broken = _folder() / "broken.png"
    broken.write_bytes(b"not an image")
    done = _cli("info", str(broken))
    assert done.returncode == 1 and "could not be read" in done.stderr


def test_list_filters_by_generator() -> None:
    folder = _folder()
    a1111_png(folder / "castle.png")
    comfyui_png(folder / "comfy.png")
    with Library.open() as library:
        library.add_result(make_result("an owl at night", "sdxl", seed=3))
        library.import_folder(folder)
    done = _cli("list", "--generator", "comfyui", "--json")
    assert done.returncode == 0, done.stderr
    (item,) = json.loads(done.stdout)
    assert item["prompt"] == "a lighthouse in a storm" and item["generator"] == "comfyui"
    assert item["negative_prompt"] == "bad hands"
    done = _cli("list", "--generator", "nscale-studio")
    assert "an owl at night" in done.stdout and "castle" not in done.stdout
    done = _cli("list", "--generator", "a1111", "--json")
    assert [item["prompt"] for item in json.loads(done.stdout)] == ["a castle on a hill, sunset"]
