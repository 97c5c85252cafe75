"""The gallery's filter bar: search box, model/size/tool/date boxes, favourites, order, Clear.

Owns `FilterBar`, which turns its controls into the `LibraryQuery` they describe
(`query_changed`), wraps onto two rows when the pane is narrow, and names the active filters in
words for the empty grid. Every control has an accessible name; every choice is an item-data key
(a model id, a size, a generator id, a number of days, True for newest first), never its display
text, so the labels can be translated. "Clear filters" also says so (`filters_cleared`) for the
filters that live elsewhere (the board list's rating).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.library import LibraryQuery
from desktop_app.library.readers import GENERATOR_NAMES
from desktop_app.ui.gallery.loader import FilterOptions
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import display_text, plain_tooltip
from desktop_app.ui.theme import Accent, accent, tinted_background

# The date box's item data: days back from today's midnight (None: any time).
DATE_RANGES: tuple[float | None, ...] = (None, 0.0, 7.0, 30.0, 365.0)
# Qt's own name for the action behind a line edit's clear button.
_CLEAR_ACTION = "_q_qlineeditclearaction"


class FilterBar(QWidget):
    """Search box and filters; emits the `LibraryQuery` they describe."""

    query_changed = Signal(object)  # LibraryQuery
    search_left = Signal()  # Esc in the search box: it was cleared, focus should go back
    filters_cleared = Signal()  # Clear filters: filters kept elsewhere are cleared too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setAccessibleName(self.tr("Search prompts"))
        self.search_edit.setPlaceholderText(self.tr("Search prompts…"))
        self.search_edit.setToolTip(self.tr(
            "Finds text anywhere in a prompt, in any script.\n"
            "neg:word searches negative prompts, model:word model ids; "
            '"two words" finds a phrase.'
        ))
        self.search_edit.setClearButtonEnabled(True)
        # The line edit's own buttons (magnifier, clear) are named for screen readers too.
        clear_action = self.search_edit.findChild(QAction, _CLEAR_ACTION)
        if clear_action is not None:
            clear_action.setText(self.tr("Clear search"))
            clear_action.setToolTip(self.tr("Clear search"))
        clear_search = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit)
        clear_search.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.activated.connect(self._on_escape)
        self.search_action = self.search_edit.addAction(
            icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_action.setText(self.tr("Search"))
        self.search_action.setToolTip(self.tr("Search prompts"))
        self.search_action.triggered.connect(self.focus_search)
        # Never squeezed below its own hint by the filters beside it.
        self.search_edit.setMinimumWidth(
            self.search_edit.fontMetrics().horizontalAdvance(self.tr("Search prompts")) + 40)
        self.model_combo = self._combo("filterModel", self.tr("Filter by model"),
                                       self.tr("All models"))
        # Model ids are long: the closed box keeps a steady width (its tooltip and popup show
        # the whole id); sizes are short, so that box grows to fit "1280x720" and the like.
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # i18n (H7): never narrower than its translated "All models" (French cut it off).
        self.model_combo.setMinimumContentsLength(max(9, len(self.model_combo.itemText(0)) + 1))
        self.size_combo = self._combo("filterSize", self.tr("Filter by size"),
                                      self.tr("All sizes"))
        self.size_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Item data: a generator id (readers.GENERATOR_NAMES).
        self.generator_combo = self._combo("filterGenerator", self.tr("Filter by tool"),
                                           self.tr("All tools"))
        self.generator_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_combo = QComboBox()
        self.date_combo.setObjectName("filterDate")
        self.date_combo.setAccessibleName(self.tr("Filter by date"))
        labels = (self.tr("Any time"), self.tr("Today"), self.tr("Last 7 days"),
                  self.tr("Last 30 days"), self.tr("Last 365 days"))
        for label, days in zip(labels, DATE_RANGES, strict=True):
            self.date_combo.addItem(label, days)
        self.favourites_button = QToolButton()
        self.favourites_button.setObjectName("favouritesOnly")
        self.favourites_button.setCheckable(True)
        self.favourites_button.setIcon(icon("star"))
        self.favourites_button.setToolTip(self.tr("Show favourites only"))
        self.favourites_button.setAccessibleName(self.tr("Favourites only"))
        self.favourites_button.setAutoRaise(False)
        # The style's own "checked" look is faint in some themes; on must read as on.
        self.favourites_button.setStyleSheet(
            "QToolButton#favouritesOnly:checked {"
            f" background: {tinted_background(Accent.WARNING).name()};"
            f" border: 2px solid {accent(Accent.WARNING).name()}; border-radius: 3px; }}"
        )
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("order")
        self.order_combo.setAccessibleName(self.tr("Sort order"))
        self.order_combo.addItem(self.tr("Newest first"), True)
        self.order_combo.addItem(self.tr("Oldest first"), False)
        # One row when the pane is wide enough, else two (the three filter boxes go under the
        # search box): at the window's minimum size every control keeps its own place.
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.model_combo)
        layout.addWidget(self.size_combo)
        layout.addWidget(self.generator_combo)
        layout.addWidget(self.date_combo)
        layout.addWidget(self.favourites_button)
        layout.addWidget(self.order_combo)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setToolTip(self.tr("Show the whole library again"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.clear_button.hide()
        layout.addWidget(self.clear_button)
        self._first_row = layout
        self._second_row = QHBoxLayout()
        self._second_row.setContentsMargins(0, 0, 0, 0)
        self._second_row.addStretch(1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        rows.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        rows.addLayout(self._first_row)
        rows.addLayout(self._second_row)
        self._is_wrapped = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._emit)
        self.search_edit.textChanged.connect(lambda _text: self._debounce.start())
        for combo in (self.model_combo, self.size_combo, self.generator_combo, self.date_combo,
                      self.order_combo):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.favourites_button.toggled.connect(lambda _on: self._emit())
        self._source: str | None = None  # set by show_source ("Show imported"), no control
        self._options: FilterOptions | None = None
        self._filtered_elsewhere = False  # a filter outside this bar narrows the grid

    @staticmethod
    def _combo(name: str, accessible_name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible_name)
        combo.addItem(everything, None)
        return combo

    def _wrapping_boxes(self) -> tuple[QWidget, ...]:
        return (self.model_combo, self.size_combo, self.generator_combo, self.date_combo)

    def _one_row_width(self) -> int:
        spacing = max(0, self._first_row.spacing())
        widgets = [self.search_edit, *self._wrapping_boxes(), self.favourites_button,
                   self.order_combo, self.clear_button]
        shown = [w for w in widgets if not w.isHidden()]
        widths = [w.minimumWidth() if w is self.search_edit else w.sizeHint().width()
                  for w in shown]
        return sum(widths) + spacing * (len(shown) - 1)

    def minimumSizeHint(self) -> QSize:
        # As narrow as two rows allow, so the pane can shrink and this bar then wraps.
        first = [self.search_edit, self.favourites_button, self.order_combo]
        second = self._wrapping_boxes()
        spacing = max(0, self._first_row.spacing())
        width = max(sum(w.minimumSizeHint().width() for w in first) + 2 * spacing,
                    sum(w.minimumSizeHint().width() for w in second) + 2 * spacing)
        return QSize(width, super().minimumSizeHint().height())

    def is_wrapped(self) -> bool:
        return self._is_wrapped

    def _fit_rows(self) -> None:
        wrapped = self.width() < self._one_row_width()
        if wrapped == self._is_wrapped:
            return
        self._is_wrapped = wrapped
        for widget in self._wrapping_boxes():
            self._first_row.removeWidget(widget)
            self._second_row.removeWidget(widget)
        if wrapped:
            for index, widget in enumerate(self._wrapping_boxes()):
                self._second_row.insertWidget(index, widget)
        else:
            for index, widget in enumerate(self._wrapping_boxes(), start=1):
                self._first_row.insertWidget(index, widget)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def is_filtered(self) -> bool:
        """Whether anything narrows what is shown (the order does not)."""
        plain = replace(self.query(), newest_first=True)
        return plain != LibraryQuery()

    def set_filtered_elsewhere(self, filtered: bool) -> None:
        """A filter outside this bar (the board list's rating) narrows the grid, or no longer:
        Clear filters is offered for it too."""
        self._filtered_elsewhere = filtered
        self._show_clear_button()

    def _date_words(self, days: float) -> str:
        words = {0.0: self.tr("today"), 7.0: self.tr("last 7 days"),
                 30.0: self.tr("last 30 days"), 365.0: self.tr("last 365 days")}
        return words.get(days) or self.tr("last {days} days").format(days=f"{days:g}")

    def _source_words(self, source: str) -> str:
        if source == "imported":
            return self.tr("imported images only")
        if source == "generated":
            return self.tr("generated images only")
        return self.tr("{source} images only").format(source=display_text(source))

    def active_filters(self) -> list[str]:
        """The filters that narrow the view, in words (for "no image matches ...")."""
        words: list[str] = []
        search = self.search_edit.text().strip()
        if search:
            words.append(self.tr("search “{text}”").format(text=search))
        if self.model_combo.currentData() is not None:
            words.append(self.tr("model {name}").format(name=self.model_combo.currentText()))
        if self.size_combo.currentData() is not None:
            words.append(self.tr("size {size}").format(size=self.size_combo.currentText()))
        if self.generator_combo.currentData() is not None:
            words.append(self.tr("tool {name}").format(name=self.generator_combo.currentText()))
        days = self.date_combo.currentData()
        if days is not None:
            words.append(self._date_words(float(days)))
        if self.favourites_button.isChecked():
            words.append(self.tr("favourites only"))
        if self._source is not None:
            words.append(self._source_words(self._source))
        return words

    def clear_filters(self) -> None:
        """Back to the whole library (the order stays as chosen); one new query."""
        widgets = (self.search_edit, self.model_combo, self.size_combo, self.generator_combo,
                   self.date_combo, self.favourites_button)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in (self.model_combo, self.size_combo, self.generator_combo, self.date_combo):
            combo.setCurrentIndex(0)
        self.favourites_button.setChecked(False)
        self._source = None
        for widget in widgets:
            widget.blockSignals(False)
        # Filters kept elsewhere are cleared first (quietly), so one query covers them all.
        self.filters_cleared.emit()
        self._emit()

    def _update_options_width(self, combo: QComboBox) -> None:
        # The popup is as wide as its longest item, whatever the closed box's width.
        view = combo.view()
        widest = max((combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                      for i in range(combo.count())), default=0)
        view.setMinimumWidth(widest + 48)
        combo.setToolTip(plain_tooltip(combo.currentData() or ""))
        if combo is self.size_combo:
            # Sizes are short: never squeezed below "1280x720" by the filters beside it.
            combo.setMinimumWidth(combo.sizeHint().width())

    def set_options(
        self, models: Sequence[str], sizes: Sequence[str], generators: Sequence[str] = ()
    ) -> None:
        options = FilterOptions(tuple(models), tuple(sizes), tuple(generators))
        if options == self._options:
            return  # every live merge reports them; rebuilding the boxes each time is waste
        self._options = options

        def short_model(value: str) -> str:
            return value.rsplit("/", 1)[-1]

        def generator_name(value: str) -> str:
            return GENERATOR_NAMES.get(value, value)

        choices: tuple[tuple[QComboBox, Sequence[str], Callable[[str], str]], ...] = (
            (self.model_combo, options.models, short_model),
            (self.size_combo, options.sizes, str),
            (self.generator_combo, options.generators, generator_name),
        )
        for combo, values, label in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            if current is not None and current not in values:
                # The chosen value has no image left (deleted elsewhere): keep the filter, and
                # the grid says it hides everything, rather than switch it off unasked.
                values = [*values, current]
            for value in values:
                # Model ids and generator ids come from servers and imported files: escaped
                # and bounded.
                combo.addItem(display_text(label(value), max_chars=80, max_lines=1), value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
            self._update_options_width(combo)

    def query(self) -> LibraryQuery:
        days = self.date_combo.currentData()
        created_from: float | None = None
        if days is not None:
            midnight = time.mktime((*time.localtime()[:3], 0, 0, 0, 0, 0, -1))
            created_from = midnight - float(days) * 86400
        return LibraryQuery(
            search=self.search_edit.text().strip(),
            model=self.model_combo.currentData(),
            size=self.size_combo.currentData(),
            generator=self.generator_combo.currentData(),
            created_from=created_from,
            favourites_only=self.favourites_button.isChecked(),
            newest_first=bool(self.order_combo.currentData()),
            source=self._source,
        )

    def show_source(self, source: str | None) -> None:
        """Only images of this source ("imported"), until Clear filters."""
        self._source = source
        self._emit()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_escape(self) -> None:
        self.search_edit.clear()
        self.search_left.emit()

    def _show_clear_button(self) -> None:
        visible = self._filtered_elsewhere or self.is_filtered()
        if visible != self.clear_button.isVisibleTo(self):
            self.clear_button.setVisible(visible)
            self._fit_rows()

    def _emit(self) -> None:
        self._debounce.stop()
        self.clear_button.setVisible(self._filtered_elsewhere or self.is_filtered())
        self._fit_rows()
        self._update_options_width(self.model_combo)
        self.query_changed.emit(self.query())
