"""Every command of the main window as a QAction, built from one table (MusicBrainz Picard's way).

Owns the `ActionId` enum, what each action looks like (text through Qt's translation, shortcuts,
icon, accessible name, when it is enabled) and where it is listed: the menu bar, the toolbar, the
grid's context menu and the viewer. Nothing here knows what an action does: the window's
`_connect_signals` hub connects each `ActionId` to its handler (`ActionRegistry.connect`).

Adding an action: add a member to `ActionId`, a row to `_specs()` (the text written inside the
`QCoreApplication.translate` call, so pyside6-lupdate finds it), list its id in `MENUS`,
`TOOLBAR`, `CONTEXT_MENU` or `VIEWER_ACTIONS` where it should appear, and connect it in
`MainWindow._connect_signals`. An action some other object owns (its own QAction) goes into a
menu through `ActionRegistry.menu(MenuId.X).addAction(...)`, in the window's hub.

Actions with `Scope.GRID` act on the selected images: their shortcut works only while the grid
(or the viewer) has focus, so Ctrl+C in the prompt keeps copying text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from desktop_app import APP_NAME
from desktop_app.ui.icons import icon

Key = QKeySequence.StandardKey | str


class ActionId(Enum):
    OPEN = auto()
    SAVE_AS = auto()
    COPY_IMAGE = auto()
    COPY_PROMPT = auto()
    REUSE = auto()
    SHOW_FOLDER = auto()
    FAVOURITE = auto()
    DELETE = auto()
    EXPORT = auto()
    BATCH = auto()
    ADD_TO_BOARD = auto()
    REMOVE_FROM_BOARD = auto()
    COMPARE = auto()
    UNDO_DELETE = auto()
    INFO = auto()
    IMPORT = auto()
    SETTINGS = auto()
    REFRESH_MODELS = auto()
    FIND = auto()
    REFRESH_LIBRARY = auto()
    QUIT = auto()
    USAGE = auto()
    LOG_FOLDER = auto()
    ABOUT = auto()


class MenuId(Enum):
    FILE = auto()
    EDIT = auto()
    VIEW = auto()
    TOOLS = auto()
    HELP = auto()


class Scope(Enum):
    WINDOW = auto()  # a window shortcut
    GRID = auto()  # on the selected images: shortcut only while the grid has focus


class Enabled(Enum):
    ALWAYS = auto()
    SELECTION = auto()  # one image or more selected
    COMPARE = auto()  # two to four images selected
    MANUAL = auto()  # starts disabled; its owner enables it (Undo delete)


@dataclass(frozen=True)
class ActionSpec:
    id: ActionId
    text: str  # translated; "&" marks the mnemonic
    icon: str | None = None
    shortcuts: tuple[Key, ...] = ()
    fallback: str | None = None  # when the platform has no standard key for it
    scope: Scope = Scope.GRID
    enabled: Enabled = Enabled.SELECTION
    checkable: bool = False
    icon_in_menu: bool = True


def _specs() -> list[ActionSpec]:
    """The table. Built when the window is (after the translator is installed), not at import."""
    keys = QKeySequence.StandardKey
    window, always = Scope.WINDOW, Enabled.ALWAYS
    a = ActionId
    return [
        ActionSpec(a.OPEN, QCoreApplication.translate("Actions", "Open"), "image"),
        ActionSpec(a.SAVE_AS, QCoreApplication.translate("Actions", "Save as…"), "save",
                   (keys.Save,)),
        ActionSpec(a.COPY_IMAGE, QCoreApplication.translate("Actions", "Copy image"), "copy",
                   (keys.Copy,)),
        ActionSpec(a.COPY_PROMPT, QCoreApplication.translate("Actions", "Copy prompt"),
                   "copy-text", ("Ctrl+Shift+C",)),
        ActionSpec(a.REUSE, QCoreApplication.translate("Actions", "Reuse settings"), "reuse",
                   ("Ctrl+R",)),
        ActionSpec(a.SHOW_FOLDER, QCoreApplication.translate("Actions", "Show in folder"),
                   "folder"),
        # F as well, as in the viewer and the compare view. Checked when every selected image is
        # a favourite: choosing it then removes the mark.
        ActionSpec(a.FAVOURITE, QCoreApplication.translate("Actions", "Favourite"), "star",
                   ("Ctrl+D", "F"), checkable=True),
        ActionSpec(a.DELETE, QCoreApplication.translate("Actions", "Delete"), "delete",
                   (keys.Delete,)),
        ActionSpec(a.EXPORT, QCoreApplication.translate("Actions", "Export selection…"),
                   "export", ("Ctrl+E",)),
        ActionSpec(a.BATCH, QCoreApplication.translate("Actions", "Batch…"), None,
                   ("Ctrl+Shift+B",), scope=window, enabled=always),
        ActionSpec(a.ADD_TO_BOARD, QCoreApplication.translate("Actions", "Add to board…"),
                   "import", ("B",)),
        ActionSpec(a.REMOVE_FROM_BOARD,
                   QCoreApplication.translate("Actions", "Remove from board"), "image",
                   ("Shift+B",), icon_in_menu=False),
        ActionSpec(a.COMPARE, QCoreApplication.translate("Actions", "Compare"), "image", ("C",),
                   enabled=Enabled.COMPARE),
        ActionSpec(a.UNDO_DELETE, QCoreApplication.translate("Actions", "Undo delete"), "undo",
                   (keys.Undo,), scope=window, enabled=Enabled.MANUAL),
        ActionSpec(a.INFO, QCoreApplication.translate("Actions", "Image info"), "image",
                   ("Ctrl+I",)),
        ActionSpec(a.IMPORT, QCoreApplication.translate("Actions", "Import folder…"), "import",
                   ("Ctrl+Shift+I",), scope=window, enabled=always),
        ActionSpec(a.SETTINGS, QCoreApplication.translate("Actions", "Settings…"), "settings",
                   (keys.Preferences,), "Ctrl+,", window, always),
        ActionSpec(a.REFRESH_MODELS, QCoreApplication.translate("Actions", "Refresh models"),
                   "refresh", scope=window, enabled=always),
        ActionSpec(a.FIND, QCoreApplication.translate("Actions", "Search the library"), "search",
                   (keys.Find,), scope=window, enabled=always),
        ActionSpec(a.REFRESH_LIBRARY, QCoreApplication.translate("Actions", "Refresh"),
                   "refresh", (keys.Refresh,), "F5", window, always),
        ActionSpec(a.QUIT, QCoreApplication.translate("Actions", "&Quit"), None, (keys.Quit,),
                   scope=window, enabled=always),
        ActionSpec(a.USAGE, QCoreApplication.translate("Actions", "&Usage and spend…"), None,
                   ("Ctrl+U",), scope=window, enabled=always),
        ActionSpec(a.LOG_FOLDER, QCoreApplication.translate("Actions", "Open &log folder"),
                   scope=window, enabled=always),
        ActionSpec(a.ABOUT, QCoreApplication.translate("Actions", "&About {app}").format(
            app=APP_NAME), scope=window, enabled=always),
    ]


# Where each action is listed; None is a separator.
Layout = Sequence[ActionId | None]
a = ActionId
MENUS: Sequence[tuple[MenuId, Callable[[], str], Layout]] = (
    (MenuId.FILE, lambda: QCoreApplication.translate("Actions", "&File"),
     (a.IMPORT, a.EXPORT, a.BATCH, None, a.SETTINGS, None, a.QUIT)),
    (MenuId.EDIT, lambda: QCoreApplication.translate("Actions", "&Edit"),
     (a.UNDO_DELETE, None, a.COPY_IMAGE, a.COPY_PROMPT, a.REUSE, a.INFO, None, a.FAVOURITE,
      a.ADD_TO_BOARD, a.REMOVE_FROM_BOARD, a.COMPARE, a.DELETE)),
    (MenuId.VIEW, lambda: QCoreApplication.translate("Actions", "&View"),
     (a.FIND, a.REFRESH_LIBRARY)),
    (MenuId.TOOLS, lambda: QCoreApplication.translate("Actions", "&Tools"),
     (a.USAGE, a.REFRESH_MODELS)),
    (MenuId.HELP, lambda: QCoreApplication.translate("Actions", "&Help"),
     (a.LOG_FOLDER, a.ABOUT)),
)
TOOLBAR: Layout = (a.IMPORT, a.EXPORT, None, a.SAVE_AS, a.COPY_IMAGE, a.COPY_PROMPT, a.REUSE,
                   a.SHOW_FOLDER, a.FAVOURITE, a.DELETE, None, a.SETTINGS)
CONTEXT_MENU: Layout = (a.OPEN, None, a.SAVE_AS, a.COPY_IMAGE, a.COPY_PROMPT, a.REUSE, a.INFO,
                        a.SHOW_FOLDER, None, a.FAVOURITE, a.ADD_TO_BOARD, a.REMOVE_FROM_BOARD,
                        a.COMPARE, a.EXPORT, None, a.DELETE)
# The viewer takes these too, so their shortcuts work while it has focus.
VIEWER_ACTIONS: Layout = (a.UNDO_DELETE, a.COPY_IMAGE, a.COPY_PROMPT, a.SAVE_AS, a.REUSE,
                          a.SHOW_FOLDER, a.INFO)
del a


def plain_text(action: QAction) -> str:
    return action.text().replace("&", "")


def tooltip(action: QAction) -> str:
    """The action's text with its shortcut, as the toolbar shows it."""
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{plain_text(action)} ({shortcut})" if shortcut else plain_text(action)


class ActionRegistry:
    """The window's actions, keyed by `ActionId`; builds its menus, toolbar and context menu."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._specs = {spec.id: spec for spec in _specs()}
        self._actions = {spec.id: self._build(spec) for spec in self._specs.values()}
        self._menus: dict[MenuId, QMenu] = {}

    def _build(self, spec: ActionSpec) -> QAction:
        action = QAction(spec.text, self._window)
        action.setObjectName(f"action{spec.id.name.title().replace('_', '')}")
        if spec.icon is not None:
            action.setIcon(icon(spec.icon))
            action.setIconVisibleInMenu(spec.icon_in_menu)
        sequences = [QKeySequence(key) for key in spec.shortcuts]
        sequences = [sequence for sequence in sequences if not sequence.isEmpty()]
        if not sequences and spec.fallback:
            sequences = [QKeySequence(spec.fallback)]
        action.setShortcuts(sequences)
        action.setCheckable(spec.checkable)
        action.setEnabled(spec.enabled is Enabled.ALWAYS)
        if spec.scope is Scope.GRID:
            # Added to the grid (and the viewer) when they are built: see `grid_actions`.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        else:
            self._window.addAction(action)
        return action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def __iter__(self) -> Iterator[QAction]:
        return iter(self._actions.values())

    def connect(self, action_id: ActionId, slot: Callable[[], object]) -> None:
        self._actions[action_id].triggered.connect(lambda _checked=False: slot())

    def grid_actions(self) -> list[QAction]:
        return [self._actions[i] for i, spec in self._specs.items() if spec.scope is Scope.GRID]

    def update_for_selection(self, count: int) -> None:
        """Enable what acts on images for `count` selected images."""
        for action_id, spec in self._specs.items():
            if spec.enabled is Enabled.SELECTION:
                self._actions[action_id].setEnabled(count >= 1)
            elif spec.enabled is Enabled.COMPARE:
                self._actions[action_id].setEnabled(2 <= count <= 4)

    def fill(self, widget: QWidget, layout: Layout) -> None:
        """Add the actions of `layout` to a menu or toolbar, None as a separator."""
        assert isinstance(widget, QMenu | QToolBar)
        for action_id in layout:
            if action_id is None:
                widget.addSeparator()
            else:
                widget.addAction(self._actions[action_id])

    def build_menus(self) -> None:
        bar = self._window.menuBar()
        for menu_id, title, layout in MENUS:
            menu = bar.addMenu(title())
            self.fill(menu, layout)
            self._menus[menu_id] = menu

    def menu(self, menu_id: MenuId) -> QMenu:
        """A menu of the bar, for an action a panel owns itself (prefer a row in the table)."""
        return self._menus[menu_id]

    def build_toolbar(self) -> QToolBar:
        toolbar = QToolBar(QCoreApplication.translate("Actions", "Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.fill(toolbar, TOOLBAR)
        for action_id in TOOLBAR:
            if action_id is not None:
                action = self._actions[action_id]
                action.setToolTip(tooltip(action))
                button = toolbar.widgetForAction(action)
                if button is not None:
                    button.setAccessibleName(plain_text(action))
        self._window.addToolBar(toolbar)
        return toolbar

    def context_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        self.fill(menu, CONTEXT_MENU)
        return menu

    def add_to(self, widget: QWidget, layout: Layout) -> None:
        """Give `widget` the shortcuts of these actions (the grid view, the viewer)."""
        for action_id in layout:
            if action_id is not None:
                widget.addAction(self._actions[action_id])
