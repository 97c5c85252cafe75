"""The usage view's range controls: a preset box and the since and until dates.

Owns choosing a range: the presets are `RangePreset` values kept as the box's item data (the
label is only for people), editing a date switches the box to Custom, all time disables the
dates. `changed` is emitted whenever the range the user sees changes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop_app.ui.usage.ranges import DEFAULT_PRESET, RangePreset, ordered


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class RangeBox(QWidget):
    """Range: [preset] From [date] to [date]."""

    changed = Signal()

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today  # fixed in tests and screenshots; None means the real date
        self.preset_combo = QComboBox()
        for label, preset in (
            (self.tr("Today"), RangePreset.TODAY),
            (self.tr("Last 7 days"), RangePreset.LAST_7_DAYS),
            (self.tr("Last 30 days"), RangePreset.LAST_30_DAYS),
            (self.tr("This month"), RangePreset.THIS_MONTH),
            (self.tr("Last month"), RangePreset.LAST_MONTH),
            (self.tr("Last 12 months"), RangePreset.LAST_12_MONTHS),
            (self.tr("All time"), RangePreset.ALL_TIME),
            (self.tr("Custom"), RangePreset.CUSTOM),
        ):
            self.preset_combo.addItem(label, preset)
        self.since_edit = QDateEdit()
        self.until_edit = QDateEdit()
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.tr("Range"), self.preset_combo),
                              (self.tr("From"), self.since_edit),
                              (self.tr("to"), self.until_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)

        self._select(DEFAULT_PRESET)
        self._apply(DEFAULT_PRESET)
        self.preset_combo.currentIndexChanged.connect(self._on_preset_changed)
        self.since_edit.dateChanged.connect(self._on_date_edited)
        self.until_edit.dateChanged.connect(self._on_date_edited)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def preset(self) -> RangePreset:
        value = self.preset_combo.currentData()
        return value if isinstance(value, RangePreset) else DEFAULT_PRESET

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The range shown, earliest first; (None, None) for all time."""
        if not self.preset().has_dates:
            return None, None
        return ordered(from_qdate(self.since_edit.date()), from_qdate(self.until_edit.date()))

    def set_preset(self, preset: RangePreset) -> None:
        """Show `preset`'s range, as choosing it in the box would."""
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset))

    def set_range(self, since: dt.date | None, until: dt.date | None) -> None:
        """Show `since`..`until` (inclusive; None for both means all time); one `changed`."""
        if since is None and until is None:
            self._select(RangePreset.ALL_TIME)
            self._apply(RangePreset.ALL_TIME)
        else:
            self._select(RangePreset.CUSTOM)
            self._apply(RangePreset.CUSTOM)
            for edit, day in ((self.since_edit, since), (self.until_edit, until)):
                edit.blockSignals(True)
                edit.setDate(to_qdate(day or self.today()))
                edit.blockSignals(False)
        self.changed.emit()

    def _select(self, preset: RangePreset) -> None:
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(preset)))
        self.preset_combo.blockSignals(False)

    def _apply(self, preset: RangePreset) -> None:
        bounds = preset.bounds(self.today())
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(True)
        if bounds is not None:
            self.since_edit.setDate(to_qdate(bounds[0]))
            self.until_edit.setDate(to_qdate(bounds[1]))
        self.since_edit.setEnabled(preset.has_dates)
        self.until_edit.setEnabled(preset.has_dates)
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(False)

    def _on_preset_changed(self) -> None:
        preset = self.preset()
        self._apply(preset)  # Custom keeps the dates shown (from all time: now they count)
        self.changed.emit()

    def _on_date_edited(self) -> None:
        self._select(RangePreset.CUSTOM)
        self.changed.emit()
