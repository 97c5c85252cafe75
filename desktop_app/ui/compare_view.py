"""Compare 2-4 images side by side, or two as an A/B overlay, with zoom and pan in step.

Owns the compare window: one `ImageCanvas` per image (2 in a row, 3-4 in a 2x2 grid), each
labelled with its prompt, model and size as plain text. Zooming or panning one canvas shows the
same relative part at the same relative zoom in all the others (each image is fitted on its
own, so images of different sizes line up by relative position). Keys: 1-4 pick an image,
F favourites the picked one, D (or Del) drops it from the set, S swaps it with the next, O
toggles the A/B overlay of two images and Space flips A and B, 0 fits all, +/- zoom, Esc closes.
Full images are decoded on the `TaskRunner`; nothing here touches the library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.library import LibraryEntry
from desktop_app.ui.plain_text import set_plain_text
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.viewer import ImageCanvas, read_image

MAX_IMAGES = 4


def label_text(entry: LibraryEntry, tag: str = "") -> str:
    """One plain line per image: tag, prompt (one line), model and size."""
    prompt = " ".join(entry.prompt.split()) or entry.path.name
    prompt = prompt if len(prompt) <= 90 else prompt[:89] + "…"
    star = "★ " if entry.favourite else ""
    model = entry.model or QCoreApplication.translate("compare_view", "unknown model")
    return f"{tag}{star}{prompt}\n{model} · {entry.size_text}"


class ComparePane(QFrame):
    """One image of the set: its canvas and its label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePane")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)
        self.canvas = ImageCanvas()
        self.shown_id: int | None = None  # the entry whose image the canvas holds
        self.label = QLabel()
        self.label.setObjectName("compareLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.label)
        self.set_picked(False)

    def set_picked(self, picked: bool) -> None:
        color = self.palette().color(self.palette().ColorRole.Highlight)
        self.setStyleSheet(f"QFrame#comparePane {{ border: 2px solid {color.name()}; }}"
                           if picked else "QFrame#comparePane { border: 2px solid transparent; }")


class CompareView(QWidget):
    """A window comparing 2-4 library entries; zoom and pan are synchronised across them."""

    favourite_requested = Signal(int, bool)  # entry id, favourite or not
    images_loaded = Signal()  # every image of the set is on screen

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareView")
        self.setWindowTitle(self.tr("Compare"))
        self.resize(QSize(1200, 760))
        self._tasks = tasks
        self._entries: list[LibraryEntry] = []
        self._images: dict[int, QImage] = {}  # entry id -> decoded image
        self._panes: list[ComparePane] = []
        self._picked = 0
        self._overlay = False
        self._showing_b = False
        self._syncing = False
        self._serial = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setSpacing(4)
        self.hint = QLabel(self.tr(
            "1-4 pick · F favourite · D drop · S swap · O A/B overlay · Space flip · 0 fit · "
            "+/- zoom", "the keys (1-4, F, D, S, O, Space, 0, +/-) are fixed: keep them"))
        self.hint.setEnabled(False)
        for keys, slot in (
            (("F",), self.favourite_picked),
            (("D", QKeySequence.StandardKey.Delete), self.drop_picked),
            (("S",), self.swap_picked),
            (("O",), self.toggle_overlay),
            (("Space",), self.flip),
            (("0",), self.fit_all),
            (("+", "="), lambda: self._zoom_picked(1.25)),
            (("-",), lambda: self._zoom_picked(1 / 1.25)),
            (("Esc",), self.close),
        ):
            for key in keys:
                QShortcut(QKeySequence(key), self).activated.connect(slot)
        for number in range(1, MAX_IMAGES + 1):
            QShortcut(QKeySequence(str(number)), self).activated.connect(
                lambda number=number: self.pick(number - 1))

    # -- the set ----------------------------------------------------------------------------

    @property
    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    @property
    def panes(self) -> list[ComparePane]:
        """The panes on screen, in order (one in overlay mode)."""
        return [pane for pane in self._panes if not pane.isHidden()]

    @property
    def picked(self) -> int:
        return self._picked

    @property
    def is_overlay(self) -> bool:
        return self._overlay

    @property
    def showing_b(self) -> bool:
        return self._showing_b

    def set_entries(self, entries: Sequence[LibraryEntry]) -> None:
        """Show these (the first four); decodes the images not decoded yet on workers."""
        self._entries = list(entries)[:MAX_IMAGES]
        self._images = {i: image for i, image in self._images.items()
                        if any(e.id == i for e in self._entries)}
        self._picked = 0
        self._overlay = self._overlay and len(self._entries) == 2
        self._showing_b = False
        self._serial += 1
        serial = self._serial
        for entry in self._entries:
            if entry.id in self._images:
                continue
            path, entry_id = entry.path, entry.id

            def loaded(image: QImage, entry_id: int = entry_id) -> None:
                if serial == self._serial:
                    self._images[entry_id] = image
                    self._show_images()

            def failed(error: Exception, entry_id: int = entry_id) -> None:
                if serial == self._serial:
                    self._images[entry_id] = QImage()
                    self._show_images()

            self._tasks.run(partial(read_image, path), loaded, failed,
                            name="compare-load", context=self)
        self._layout()

    def _layout(self) -> None:
        while self._grid.count():
            self._grid.takeAt(0)
        needed = 1 if self._overlay else len(self._entries)
        while len(self._panes) < needed:
            pane = ComparePane()
            pane.canvas.view_changed.connect(lambda pane=pane: self._sync_from(pane))
            self._panes.append(pane)
        columns = 2 if needed >= 2 else 1
        for index, pane in enumerate(self._panes):
            if index < needed:
                self._grid.addWidget(pane, index // columns, index % columns)
                pane.show()
            else:
                pane.hide()
        self._grid.addWidget(self.hint, (needed + columns - 1) // columns, 0, 1, columns)
        self._show_images()

    def _entry_for(self, index: int) -> LibraryEntry:
        if self._overlay:
            return self._entries[1 if self._showing_b else 0]
        return self._entries[index]

    def _show_images(self) -> None:
        for index, pane in enumerate(self.panes):
            entry = self._entry_for(index)
            image = self._images.get(entry.id)
            state = (pane.canvas.relative_zoom, pane.canvas.relative_centre)
            keep = pane.canvas.has_image() and not pane.canvas.is_fit
            if image is None:
                pane.canvas.message = self.tr("Loading…")
                pane.canvas.set_image(None)
                pane.shown_id = None
            elif image.isNull():
                pane.canvas.message = self.tr("This image could not be opened.")
                pane.canvas.set_image(None)
                pane.shown_id = None
            elif pane.shown_id != entry.id or not pane.canvas.has_image():
                pane.canvas.set_image(image)
                pane.shown_id = entry.id
                if keep:  # a flip or swap keeps the part being looked at
                    pane.canvas.set_view(*state)
            tag = ("B: " if self._showing_b else "A: ") if self._overlay else f"{index + 1}: "
            # "A"/"B" and the numbers name the keys that pick a pane: the same in every language
            set_plain_text(pane.label, label_text(entry, tag), max_lines=2)
            pane.set_picked(index == self._picked and not self._overlay)
        if self._entries and all(e.id in self._images for e in self._entries):
            self.images_loaded.emit()

    # -- keys -------------------------------------------------------------------------------

    def pick(self, index: int) -> None:
        if 0 <= index < len(self._entries) and not self._overlay:
            self._picked = index
            for number, pane in enumerate(self.panes):
                pane.set_picked(number == index)

    def _picked_entry(self) -> LibraryEntry | None:
        if not self._entries:
            return None
        return self._entry_for(0) if self._overlay else self._entries[self._picked]

    def favourite_picked(self) -> None:
        entry = self._picked_entry()
        if entry is None:
            return
        self.favourite_requested.emit(entry.id, not entry.favourite)
        self.set_favourite_shown(entry.id, not entry.favourite)

    def set_favourite_shown(self, entry_id: int, favourite: bool) -> None:
        self._entries = [replace(e, favourite=favourite) if e.id == entry_id else e
                         for e in self._entries]
        self._show_images()

    def drop_picked(self) -> None:
        """Take the picked image out of the set (not out of the library); one left closes."""
        entry = self._picked_entry()
        if entry is None:
            return
        remaining = [e for e in self._entries if e.id != entry.id]
        if len(remaining) < 2:
            self.close()
            return
        self._overlay = False
        self._entries = remaining
        self._picked = min(self._picked, len(remaining) - 1)
        self._layout()

    def swap_picked(self) -> None:
        """Swap the picked image with the next one (the last with the first)."""
        if len(self._entries) < 2:
            return
        if self._overlay:
            self._entries.reverse()
            self._show_images()
            return
        other = (self._picked + 1) % len(self._entries)
        entries = self._entries
        entries[self._picked], entries[other] = entries[other], entries[self._picked]
        views = [(p.canvas.relative_zoom, p.canvas.relative_centre) for p in self.panes]
        self._picked = other
        self._show_images()
        for pane, view in zip(self.panes, views, strict=False):
            pane.canvas.set_view(*view)

    def toggle_overlay(self) -> None:
        """A/B overlay: two images in one canvas, Space flips between them."""
        if len(self._entries) != 2:
            return
        view = (self.panes[0].canvas.relative_zoom, self.panes[0].canvas.relative_centre)
        self._overlay = not self._overlay
        self._showing_b = False
        self._layout()
        for pane in self.panes:
            pane.canvas.set_view(*view)

    def flip(self) -> None:
        if self._overlay:
            self._showing_b = not self._showing_b
            self._show_images()

    def fit_all(self) -> None:
        for pane in self.panes:
            pane.canvas.fit()

    def _zoom_picked(self, factor: float) -> None:
        panes = self.panes
        if panes:
            source = panes[0 if self._overlay else min(self._picked, len(panes) - 1)]
            source.canvas.set_zoom(source.canvas.zoom * factor)

    # -- sync -------------------------------------------------------------------------------

    def _sync_from(self, source: ComparePane) -> None:
        """Zoom / pan of one canvas shown in all: same relative zoom and relative centre."""
        if self._syncing or not source.canvas.has_image():
            return
        self._syncing = True
        try:
            zoom, centre = source.canvas.relative_zoom, source.canvas.relative_centre
            for pane in self.panes:
                if pane is not source and pane.canvas.has_image():
                    pane.canvas.set_view(zoom, centre)
        finally:
            self._syncing = False
