"""Renders the app icon SVG into the PNG, ICO and ICNS files the installers and the window use.

It owns every generated file under `resources/app-icon/` (the hicolor PNG tree, `.ico`, `.icns`)
and nothing else: the SVG is the hand-edited source and is never written. It renders with QtSvg's
`QSvgRenderer` on the offscreen platform, so it runs on a machine with no display, and Pillow
writes the multi-size `.ico` and the `.icns`. Run it after editing the SVG and commit the results:
`python build_scripts/make_icons.py`.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ICON_NAME = "nscale-studio"
ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "app-icon"
SVG_PATH = ICON_DIR / f"{ICON_NAME}.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def hicolor_png_path(size: int, icon_dir: Path = ICON_DIR) -> Path:
    """Where the PNG of one size lives, laid out like /usr/share/icons/hicolor."""
    return icon_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def render_png(svg_path: Path, size: int) -> bytes:
    """Renders the SVG into a square transparent PNG of `size` pixels and returns its bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise ValueError(f"{svg_path} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def make_icons(svg_path: Path = SVG_PATH, icon_dir: Path = ICON_DIR) -> list[Path]:
    """Writes every generated icon file and returns their paths."""
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    # QPainter on a QImage needs a QGuiApplication for font and colour-space set-up.
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])

    # Each size is rendered from the vector, not downscaled from 512 px, so small sizes stay sharp.
    renders = {size: render_png(svg_path, size) for size in sorted({*HICOLOR_SIZES, *ICO_SIZES,
                                                                     *ICNS_SIZES})}
    written: list[Path] = []
    for size in HICOLOR_SIZES:
        target = hicolor_png_path(size, icon_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(renders[size])
        written.append(target)

    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in renders.items()}

    ico_path = icon_dir / f"{ICON_NAME}.ico"
    largest_ico = max(ICO_SIZES)
    images[largest_ico].save(
        ico_path,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != largest_ico],
    )
    written.append(ico_path)

    icns_path = icon_dir / f"{ICON_NAME}.icns"
    largest_icns = max(ICNS_SIZES)
    images[largest_icns].save(
        icns_path,
        format="ICNS",
        append_images=[images[size] for size in ICNS_SIZES if size != largest_icns],
    )
    written.append(icns_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG_PATH, help="source SVG")
    parser.add_argument("--out", type=Path, default=ICON_DIR, help="folder to write into")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in make_icons(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
