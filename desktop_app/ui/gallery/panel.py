"""The library browser as one panel: the filter bar, the grid, an empty-grid note, a count line.

Owns `GalleryPanel`: it wires the filter bar's query into the model, starts the model's loader
threads, keeps the "N images" line and the empty-grid text up to date (naming what hides every
image), and keeps the count line and the last row clear of the message banners that float over
its bottom edge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.library import LibraryQuery
from desktop_app.ui.gallery.filter_bar import FilterBar
from desktop_app.ui.gallery.loader import FilterOptions
from desktop_app.ui.gallery.model import GalleryModel
from desktop_app.ui.gallery.roles import english_plural
from desktop_app.ui.gallery.view import GalleryView
from desktop_app.ui.plain_text import set_plain_text

# The English text, for comparisons; shown through `empty_library_text()`.
EMPTY_LIBRARY_TEXT = "Your library is empty. Generated images appear here, or use Import folder…"


def empty_library_text() -> str:
    return QCoreApplication.translate(
        "GalleryPanel",
        "Your library is empty. Generated images appear here, or use Import folder…")


class GalleryPanel(QWidget):
    """Filter bar, grid and a count line: the library browser as one panel."""

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter_bar = FilterBar()
        self.view = GalleryView(model)
        # The count line is placed by hand (see `_place_count`), over a gap the layout keeps.
        self.count_label = QLabel(self)
        self.count_label.setObjectName("galleryCount")
        self.count_label.setEnabled(False)
        # What narrows the grid outside the filter bar (the board list's board and rating), in
        # words, and how to undo it: set by whoever applies that scope (ui.sorting).
        self.scope_text: Callable[[], tuple[list[str], str]] | None = None
        self.empty_label = QLabel(empty_library_text())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addSpacing(self.count_label.sizeHint().height())
        self._covered = 0
        self.filter_bar.query_changed.connect(model.set_query)
        self.filter_bar.search_left.connect(
            lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        model.filter_options_changed.connect(self._on_filter_options)
        model.loaded.connect(self._update_count)
        model.merged.connect(self._update_count)  # a merge may only change the layout
        # Rows added or removed by the window; a new query's rows are counted once all are in.
        model.rowsInserted.connect(self._update_count_unless_loading)
        model.rowsRemoved.connect(self._update_count_unless_loading)
        model.start()  # the loader's threads: the model's keeper quits them at shutdown

    def _empty_text(self, filtered: bool) -> str:
        """Why the grid is empty: the library is, or these filters hide every image."""
        if not filtered:
            return empty_library_text()
        hiding = self.filter_bar.active_filters()
        scope, scope_hint = self.scope_text() if self.scope_text is not None else ([], "")
        words = scope + hiding
        if not words:
            return self.tr("No image matches the filters chosen.")
        if hiding:
            return self.tr("No image matches {filters}. Clear filters shows them all.").format(
                filters=", ".join(words))
        text = self.tr("No image matches {filters}.").format(filters=", ".join(words))
        return f"{text} {scope_hint}".rstrip()

    def set_bottom_inset(self, covered: int) -> None:
        """Something floats over this panel's bottom `covered` pixels (the message bars): the
        count line moves up above it, and the grid leaves room under its last row for both, so
        every image and the count stay readable."""
        self._covered = covered
        below_view = self.height() - self.view.geometry().bottom() - 1
        room = covered + self.count_label.height() if covered else 0
        self.view.set_bottom_margin(max(0, room - below_view))
        self._place_count()

    def _place_count(self) -> None:
        label = self.count_label
        height = label.sizeHint().height()
        label.setGeometry(0, self.height() - self._covered - height, self.width(), height)
        label.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_count()

    def _on_filter_options(self, options: FilterOptions) -> None:
        self.filter_bar.set_options(options.models, options.sizes, options.generators)

    def _update_count_unless_loading(self) -> None:
        if not self.model.is_loading:
            self._update_count()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        text = english_plural(self.tr("%Ln image(s)", "", count), count)
        plain = replace(self.model.query, newest_first=True, include_missing=False)
        if plain != LibraryQuery():
            text = self.tr("{count} · filtered").format(count=text)
        self.count_label.setText(text)
        is_empty = count == 0 and not self.model.is_loading
        if is_empty:
            set_plain_text(self.empty_label, self._empty_text(plain != LibraryQuery()))
        self.empty_label.setVisible(is_empty)
        self.view.setVisible(not is_empty)
