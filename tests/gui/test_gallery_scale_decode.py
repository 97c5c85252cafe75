"""Thumbnails are decoded on the worker with Pillow (GIL released while it works), not with
`QImageReader`: PySide holds the GIL across QImageReader calls while they take Qt's image-plugin
lock, and a full test run deadlocked with the thumbnailer there and the viewer's loader holding
that lock while it waited for the GIL.
"""

from __future__ import annotations

import inspect
import io

from PIL import Image
from PySide6.QtGui import QImage

from desktop_app.ui.gallery import thumbnail_cache
from desktop_app.ui.gallery.thumbnail_cache import scaled_thumbnail


def _png(size: tuple[int, int], mode: str, colour: tuple[int, ...]) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_opaque_thumbnail_is_fitted_to_the_box_in_a_blittable_format() -> None:
    image = scaled_thumbnail(_png((512, 256), "RGB", (10, 200, 30)), 168, 2.0)
    assert (image.width(), image.height()) == (168, 84)
    assert image.format() == QImage.Format.Format_RGB32
    assert image.devicePixelRatio() == 2.0
    colour = image.pixelColor(80, 40)
    assert (colour.red(), colour.green(), colour.blue()) == (10, 200, 30)


def test_a_small_transparent_thumbnail_is_scaled_up_premultiplied() -> None:
    image = scaled_thumbnail(_png((64, 64), "RGBA", (255, 0, 0, 128)), 168, 1.0)
    assert (image.width(), image.height()) == (168, 168)
    assert image.format() == QImage.Format.Format_ARGB32_Premultiplied
    colour = image.pixelColor(10, 10)
    assert colour.red() > 240 and colour.green() == 0 and 120 <= colour.alpha() <= 136


def test_bytes_that_do_not_decode_give_a_null_image() -> None:
    assert scaled_thumbnail(b"not an image", 168, 1.0).isNull()
    assert scaled_thumbnail(_png((10, 10), "RGB", (0, 0, 0))[:40], 168, 1.0).isNull()


def test_the_worker_side_never_uses_qimagereader() -> None:
    import ast

    tree = ast.parse(inspect.getsource(thumbnail_cache))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    assert "QImageReader" not in names | imported
