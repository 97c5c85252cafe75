"""Deterministic placeholder pictures for the local development server.

Owns one thing: turning (prompt, width, height, index) into PNG bytes of exactly that size, the
same bytes every time, visibly different for another prompt or index (a seeded colour pattern with
the prompt written on it). It must stay fast (a few tens of milliseconds for 1024x1024), so it
builds the picture from Pillow's built-in gradients and a handful of shapes rather than per-pixel
loops, and keeps recent results in a small cache. It knows nothing about HTTP or the app.
"""

from __future__ import annotations

import hashlib
import io
import random
import textwrap
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

_GRADIENT_SIDE = 256  # Pillow's built-in gradients are 256x256; scaling them up is cheap


def _channel(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """One greyscale channel: a rotated linear or a radial gradient with a seeded tone curve."""
    if rng.random() < 0.5:
        base = Image.linear_gradient("L").rotate(
            rng.uniform(0, 360), resample=Image.Resampling.BILINEAR, fillcolor=rng.randrange(256)
        )
    else:
        base = Image.radial_gradient("L")
    low, high = sorted((rng.randrange(0, 160), rng.randrange(96, 256)))
    invert = rng.random() < 0.5
    span = max(high - low, 1)

    def curve(value: int) -> int:
        level = low + value * span // 255
        return 255 - level if invert else level

    # Offsetting the crop before scaling moves the gradient's centre around the picture.
    left, top = rng.randrange(0, 96), rng.randrange(0, 96)
    crop = base.point(curve).crop((left, top, left + 160, top + 160))
    return crop.resize(size, Image.Resampling.BILINEAR)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow < 10.1 or built without FreeType
        return ImageFont.load_default()


def render_image(prompt: str, width: int, height: int, index: int = 0) -> Image.Image:
    """Draw the picture for `prompt` (the `index`-th of a batch) at exactly `width` x `height`."""
    digest = hashlib.sha256(f"{index}\x00{prompt}".encode()).digest()
    rng = random.Random(digest)
    size = (width, height)
    image = Image.merge("RGB", [_channel(rng, size) for _ in range(3)])

    draw = ImageDraw.Draw(image, "RGBA")
    shortest = min(width, height)
    for _ in range(rng.randrange(3, 7)):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(shortest // 16 + 1, shortest // 3 + 2)
        alpha = rng.randrange(90, 200)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256), alpha)
        box = (x - radius, y - radius, x + radius, y + radius)
        if rng.random() < 0.6:
            draw.ellipse(box, fill=colour)
        else:
            draw.rectangle(box, fill=colour)

    # The prompt text on a translucent band, so a person can tell the pictures apart at a glance.
    font_size = max(8, shortest // 20)
    font = _font(font_size)
    columns = max(8, int(width / (font_size * 0.6)) - 2)
    lines = textwrap.wrap(prompt, columns)[:4] or [" "]
    lines.append(f"#{index + 1}  {width}x{height}")
    line_height = int(font_size * 1.25)
    band_top = height - line_height * len(lines) - font_size // 2
    draw.rectangle((0, band_top, width, height), fill=(0, 0, 0, 140))
    for row, line in enumerate(lines):
        draw.text((font_size // 2, band_top + font_size // 4 + row * line_height), line,
                  fill=(255, 255, 255, 255), font=font)
    return image


@lru_cache(maxsize=64)
def render_png(prompt: str, width: int, height: int, index: int = 0) -> bytes:
    """PNG bytes of `render_image(...)`; cached because clients often ask for the same thing."""
    buffer = io.BytesIO()
    # compress_level=1: several times faster than the default, still a valid, smallish PNG.
    render_image(prompt, width, height, index).save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()
