"""The Image info dialog: what a file says about how it was made, for any tool's image.

Owns showing one file's parsed fields (prompt, negative prompt, model, size, tool, format,
settings) and every raw metadata block (text chunks, EXIF, XMP, ComfyUI graphs pretty-printed),
each with a Copy button; and the two actions on it, *Reuse settings* and, for a file dropped on
the window, *Add to library*. The file is read and the blocks formatted on a `TaskRunner` task,
never on the GUI thread. Everything shown is untrusted text: it goes into read-only
`QPlainTextEdit`s and labels fixed to `Qt.TextFormat.PlainText`, never into rich text. The dialog
emits what was asked; the window does the work (prompt panel, library import).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.library.info_text import info_fields, pretty_block, settings_text
from desktop_app.library.readers import ImageInfo, read_image_info
from desktop_app.text_safety import escape_controls
from desktop_app.ui.plain_text import set_plain_text
from desktop_app.ui.tasks import TaskRunner

_SHORT_FIELDS = ("model", "size", "generator", "format")
# A block longer than this (a huge ComfyUI workflow) shows its start only: laying out megabytes
# would stall the GUI thread. Copy always copies the whole text.
DISPLAY_CHARS = 200_000
_OWN_FIELDS = frozenset({"model", "size", "width", "height", "prompt", "negative prompt"})


@dataclass(frozen=True)
class LoadedInfo:
    """A file's info with its blocks already formatted (both made on the worker)."""

    path: Path
    info: ImageInfo
    block_texts: tuple[str, ...]


def load_info(path: Path) -> LoadedInfo:
    """Read and format one file (worker thread): parsing a large graph is not GUI work."""
    info = read_image_info(path)
    return LoadedInfo(path, info, tuple(pretty_block(block) for block in info.blocks))


@dataclass(frozen=True)
class Reuse:
    """What Reuse settings takes from an image, and what it had to leave behind."""

    prompt: str
    model: str | None  # None: keep the panel's model
    not_applicable: tuple[str, ...]

    def message(self) -> str:
        translate = QCoreApplication.translate
        if not self.prompt:
            text = translate("image_info", "This image has no prompt to reuse.")
        elif self.model:
            text = translate("image_info", "Reused the prompt and the model.")
        else:
            text = translate("image_info", "Reused the prompt.")
        if self.not_applicable:
            text += " " + translate("image_info", "Not applicable here: {settings}.").format(
                settings="; ".join(self.not_applicable))
        return text


def reuse_plan(info: ImageInfo, endpoint_models: Sequence[str]) -> Reuse:
    """The prompt (never the negative) and, if this endpoint offers it, the model."""
    translate = QCoreApplication.translate
    skipped: list[str] = []
    if info.negative_prompt.strip():
        skipped.append(translate("image_info", "the negative prompt (the Nscale API takes none)"))
    model: str | None = None
    if info.model:
        if info.model in endpoint_models:
            model = info.model
        else:
            skipped.append(translate(
                "image_info", "the model {model} (this endpoint does not offer it)"
            ).format(model=repr(info.model)))
    # Size and model already have their own fields; the rest (steps, sampler, seed...) has no
    # counterpart in an Nscale request.
    others = [name for name in info.settings if name.strip().lower() not in _OWN_FIELDS]
    if others:
        skipped.append(translate(
            "image_info", "{settings} (the Nscale API has no such settings)"
        ).format(settings=", ".join(others)))
    return Reuse(info.prompt, model, tuple(skipped))


def _plain_label(text: str = "") -> QLabel:
    label = QLabel()
    set_plain_text(label, text)  # file text is never rich text (and is escaped, elided)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _text_view(text: str = "", lines: int = 4, monospace: bool = False) -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    # Plain text already; controls and bidi overrides are made visible too (Copy copies as is).
    view.setPlainText(escape_controls(text))
    if monospace:
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setMaximumHeight(view.fontMetrics().lineSpacing() * lines + 16)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return view


class ImageInfoDialog(QDialog):
    """One file's info; `show_file` starts reading it in the background."""

    reuse_requested = Signal(object)  # ImageInfo
    add_requested = Signal(object)  # Path of the file to import
    loaded = Signal()  # the file was read (or could not be): the dialog shows the outcome

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageInfoDialog")
        self.setWindowTitle(self.tr("Image info"))
        self.resize(720, 760)
        self._tasks = tasks
        self.path: Path | None = None
        self.info: ImageInfo | None = None
        self.file_label = _plain_label()
        self.file_label.setObjectName("infoFile")
        self.status_label = _plain_label()
        self.status_label.setObjectName("infoStatus")
        self.field_views: dict[str, QPlainTextEdit | QLabel] = {}
        fields = QFormLayout()
        for key, label in (("prompt", self.tr("Prompt")),
                           ("negative_prompt", self.tr("Negative prompt"))):
            self.field_views[key] = _text_view()
            fields.addRow(label, self.field_views[key])
        short_labels = (self.tr("Model"), self.tr("Size"), self.tr("Tool"), self.tr("Format"))
        for key, label in zip(_SHORT_FIELDS, short_labels, strict=True):
            self.field_views[key] = _plain_label()
            fields.addRow(label, self.field_views[key])
        self.settings_view = _text_view(lines=5)
        self.settings_view.setObjectName("infoSettings")
        fields.addRow(self.tr("Settings"), self.settings_view)
        for key, view in self.field_views.items():
            view.setObjectName(f"info_{key}")
        self.blocks_title = QLabel(self.tr("Metadata blocks"))
        self._blocks_box = QWidget()
        self._blocks_layout = QVBoxLayout(self._blocks_box)
        self._blocks_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._blocks_box)
        self.block_views: list[tuple[QLabel, QPushButton, QPlainTextEdit]] = []
        self.message_label = _plain_label()
        self.message_label.setObjectName("infoMessage")
        self.message_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        action_role = QDialogButtonBox.ButtonRole.ActionRole
        self.reuse_button = buttons.addButton(self.tr("Reuse settings"), action_role)
        self.reuse_button.setObjectName("reuseSettings")
        self.reuse_button.setToolTip(
            self.tr("Put this image's prompt (and model, if offered) in the panel"))
        self.reuse_button.clicked.connect(self._reuse)
        self.add_button = buttons.addButton(self.tr("Add to library"), action_role)
        self.add_button.setObjectName("addToLibrary")
        self.add_button.clicked.connect(self._add)
        self.add_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.status_label)
        layout.addLayout(fields)
        layout.addWidget(self.blocks_title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self._set_enabled(False)

    # -- loading ------------------------------------------------------------------------------

    def show_file(self, path: Path, *, can_add: bool = False) -> None:
        """Read `path` in the background and show it; `can_add` offers Add to library."""
        self.path = path
        self.info = None
        set_plain_text(self.file_label, str(path))
        set_plain_text(self.status_label, self.tr("Reading…"))
        self.status_label.show()
        self.show_message("")
        self.add_button.setVisible(can_add)
        self._set_enabled(False)
        self._show_fields(None)
        self._tasks.run(
            lambda: load_info(path),
            self._on_loaded,
            lambda error: self._on_failed(path, error),
            name="image-info",
            context=self,
        )

    def _on_loaded(self, loaded: LoadedInfo) -> None:
        if loaded.path != self.path:
            return  # an older file's answer
        self.info = loaded.info
        self._show_fields(loaded.info)
        for block, text in zip(loaded.info.blocks, loaded.block_texts, strict=True):
            self._add_block(block.name, text)
        count = len(loaded.info.blocks)
        self.blocks_title.setText(
            self.tr("Metadata blocks (%n)", "", count) if count
            else self.tr("No metadata blocks in this file")
        )
        self.status_label.hide()
        self._set_enabled(True)
        self.loaded.emit()

    def _show_fields(self, info: ImageInfo | None) -> None:
        """Fill the fields from `info`, or empty them (and the blocks) while a file is read."""
        for view in self.field_views.values():
            view.clear()
        for field in info_fields(info) if info is not None else ():
            view = self.field_views[field.key]
            if isinstance(view, QPlainTextEdit):
                view.setPlainText(escape_controls(field.value))
            else:
                set_plain_text(view, field.value or "—")
        self.settings_view.setPlainText(escape_controls(settings_text(info)) if info else "")
        self._clear_blocks()
        self.blocks_title.setText(self.tr("Metadata blocks"))

    def _on_failed(self, path: Path, error: Exception) -> None:
        if path != self.path:
            return  # an older file's failure
        set_plain_text(self.status_label,
                       self.tr("This file could not be read: {reason}").format(reason=error))
        self.status_label.show()
        self.add_button.setEnabled(False)
        self.loaded.emit()

    def _set_enabled(self, enabled: bool) -> None:
        self.reuse_button.setEnabled(enabled)
        self.add_button.setEnabled(enabled)

    # -- blocks -------------------------------------------------------------------------------

    def _clear_blocks(self) -> None:
        while (item := self._blocks_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.block_views.clear()

    def _add_block(self, name: str, text: str) -> None:
        box = QWidget()
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        title = _plain_label(name)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        copy = QPushButton(self.tr("Copy"))
        copy.setObjectName("copyBlock")
        copy.setToolTip(self.tr("Copy this block's text"))
        shown = text
        if len(text) > DISPLAY_CHARS:
            rest = len(text) - DISPLAY_CHARS
            more = self.tr("… %Ln more character(s); Copy copies all.", "", rest)
            shown = f"{text[:DISPLAY_CHARS]}\n{more}"
        view = _text_view(shown, lines=10, monospace=True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        copy.clicked.connect(lambda _checked=False, text=text: self._copy(text))
        header.addWidget(title, 1)
        header.addWidget(copy)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 6)
        column.addLayout(header)
        column.addWidget(view)
        self._blocks_layout.addWidget(box)
        self.block_views.append((title, copy, view))

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.show_message(self.tr("Copied."))

    # -- actions ------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """A line under the blocks: what Reuse settings skipped, how Add to library went."""
        set_plain_text(self.message_label, text)
        self.message_label.setVisible(bool(text))

    def _reuse(self) -> None:
        if self.info is not None:
            self.reuse_requested.emit(self.info)

    def _add(self) -> None:
        if self.path is not None:
            self.add_button.setEnabled(False)
            self.show_message(self.tr("Adding to the library…"))
            self.add_requested.emit(self.path)

    def added(self, text: str, ok: bool) -> None:
        """The window reports how Add to library went."""
        self.show_message(text)
        self.add_button.setEnabled(not ok)
