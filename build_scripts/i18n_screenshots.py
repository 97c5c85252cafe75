#!/usr/bin/env python3
"""Screenshots of the window in German and French: main window, settings, usage view.

    python build_scripts/i18n_screenshots.py [--out docs/screenshots] [--languages de fr]

Each language runs in a throwaway home (XDG folders in a temporary directory), against the
local Nscale-compatible server: the CLI generates a few images first (so the library and the
usage records are not empty), then the window starts in that language at 1280x800 with a prompt
typed, and `QWidget.grab()` saves main-<lang>.png, settings-<lang>.png and usage-<lang>.png.
Runs offscreen by default; under Xvfb (`xvfb-run`) set QT_QPA_PLATFORM=xcb to use it instead.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "screenshot-token"
PROMPTS = (
    ("a red fox in the snow, watercolour", "2"),
    ("a lighthouse at dusk, oil painting", "2"),
    ("a paper boat on a rainy street", "2"),
)
TYPED = {
    "de": "ein Leuchtturm im Morgennebel, Aquarell",
    "fr": "un phare dans la brume du matin, aquarelle",
}
SIZE = (1280, 800)


def _environment(home: Path, language: str, base_url: str) -> dict[str, str]:
    environment = dict(os.environ)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        environment.pop(name, None)
    environment.update({
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": {"de": "de_DE.UTF-8", "fr": "fr_FR.UTF-8"}.get(language, "C.UTF-8"),
        "NSCALE_BASE_URL": base_url,
        "NSCALE_SERVICE_TOKEN": TOKEN,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",
    })
    return environment


def _start_server() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_app.devserver", "--port", "0", "--token", TOKEN],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
    )
    assert process.stdout is not None
    first_line = process.stdout.readline().strip()
    if not first_line.startswith("http://127.0.0.1:"):
        process.kill()
        raise SystemExit(f"the local server did not start: {first_line!r}")
    return process, first_line


def _shoot(language: str, out: Path) -> None:
    """Runs in a child process with the language's environment: the window and its grabs."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import build_window
    from desktop_app.ui import i18n

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    chosen = i18n.install_app_translations(app)
    assert chosen == language, (chosen, language)
    window = build_window()
    window.resize(*SIZE)
    window.show()

    def wait(ms: int) -> None:
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            app.processEvents()

    wait(300)
    window.ensure_library()
    for _ in range(100):  # the grid and the model list arrive on workers
        wait(100)
        model = window.gallery_model
        catalog = window.model_catalog
        if not model.is_loading and model.rowCount() >= 6 and catalog.refreshes_running == 0:
            break
    window.prompt_panel.prompt_edit.setPlainText(TYPED[language])
    wait(1500)  # thumbnails
    window.grab().save(str(out / f"main-{language}.png"))

    dialog = window.dialogs.open_settings()
    dialog.resize(dialog.width(), dialog.sizeHint().height())
    wait(800)
    dialog.grab().save(str(out / f"settings-{language}.png"))
    dialog.close()

    usage = window.dialogs.open_usage()
    usage.resize(*SIZE)
    wait(1500)
    usage.grab().save(str(out / f"usage-{language}.png"))
    usage.close()
    window.quit_without_asking()
    window.close()
    window.shutdown()
    window.close_library()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--languages", nargs="+", default=["de", "fr"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _shoot(args.child, args.out)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    server, base_url = _start_server()
    try:
        for language in args.languages:
            with tempfile.TemporaryDirectory(prefix=f"shots-{language}-") as folder:
                environment = _environment(Path(folder), language, base_url)
                for prompt, count in PROMPTS:
                    subprocess.run(
                        [sys.executable, "-m", "desktop_app.cli", "generate", prompt, "-n", count,
                         "--size", "512x512"],
                        env=environment, cwd=ROOT, check=True, capture_output=True, timeout=120,
                    )
                subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--child", language,
                     "--out", str(args.out.resolve())],
                    env=environment, cwd=ROOT, check=True, timeout=300,
                )
                print(f"{language}: main-{language}.png settings-{language}.png "
                      f"usage-{language}.png in {args.out}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
