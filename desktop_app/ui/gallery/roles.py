"""What a gallery item says in words: its display text, tooltip and what a screen reader reads.

Owns the text roles of `GalleryModel` items and `caption_detail` (the second caption line the
delegate draws). Untrusted text (prompts, model ids, file names) is escaped and bounded here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from desktop_app.library import LibraryEntry
from desktop_app.ui.plain_text import MAX_TOOLTIP_CHARS, display_text, plain_tooltip

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
_ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
TEXT_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ACCESSIBLE_TEXT, _ACCESSIBLE_DESCRIPTION})


def caption_detail(entry: LibraryEntry) -> str:
    """The second caption line: size and short model name, or only the size when the model
    is unknown (an imported plain PNG), never a dangling separator."""
    model = entry.model.rsplit("/", 1)[-1]
    return f"{entry.size_text} · {model}" if model else entry.size_text


def english_plural(text: str, count: int) -> str:
    """A translated "%n thing(s)" text, with English's plural when no catalogue supplied one
    (the untranslated source still says "(s)")."""
    return text.replace("(s)", "" if count == 1 else "s")


def stars_text(stars: int) -> str:
    """A rating in words ("3 stars"), for screen readers; empty when unrated."""
    if stars <= 0:
        return ""
    return english_plural(
        QCoreApplication.translate("GalleryModel", "%n star(s)", "", stars), stars)


def item_text(role: int, entry: LibraryEntry, stars: int = 0) -> str | None:
    """The text of one of the item roles for `entry`; None for any other role."""
    if role == _DISPLAY:
        return display_text(entry.prompt or entry.path.name)
    if role == _TOOLTIP:
        prompt = display_text(entry.prompt or entry.path.name,
                              max_chars=MAX_TOOLTIP_CHARS - 200, max_lines=8)
        details = " · ".join(part for part in (entry.model, entry.size_text) if part)
        return plain_tooltip(f"{prompt}\n{details}")
    if role == _ACCESSIBLE_TEXT:
        # What a screen reader says for the item: the prompt, then model, size, stars, favourite.
        return display_text(entry.prompt or entry.path.name, max_chars=300, max_lines=1)
    if role != _ACCESSIBLE_DESCRIPTION:
        return None
    parts = [part for part in (entry.model, entry.size_text, stars_text(stars)) if part]
    if entry.favourite:
        parts.append(QCoreApplication.translate("GalleryModel", "favourite"))
    return display_text(", ".join(parts), max_lines=1)
