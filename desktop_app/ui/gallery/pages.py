"""The entries the gallery holds: pages of rows, most recently drawn kept, the rest dropped.

Owns the bounded memory of entries behind `GalleryModel`: pages of `PAGE_SIZE` rows (at most
`MAX_PAGES_HELD`, never one on screen evicted), the entries of the page set before rows moved
(shown until their new page comes, so nothing flickers), a few read one by one, and the stars of
the held entries. Pure Python: the model asks for missing pages and says when rows moved.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from desktop_app.library import LibraryEntry

PAGE_SIZE = 200
# Entries are held for at most this many pages (the most recently drawn); far pages are dropped
# and fetched again if the user scrolls back. Bounds memory and the garbage collector's work.
MAX_PAGES_HELD = 20
MAX_LOOSE = 256  # entries read one by one (`GalleryModel.entry`) kept for the next ask

Page = list[LibraryEntry | None]


class EntryPages:
    """Held pages of entries by page number, and the entries and stars by id."""

    def __init__(self) -> None:
        self.page_size = PAGE_SIZE  # read here, so a test can make pages small
        self._pages: OrderedDict[int, Page] = OrderedDict()
        self._by_id: dict[int, LibraryEntry] = {}  # entries of the held pages
        # Entries (and their stars) from before rows moved: dropped at the next such move.
        self._stale: dict[int, LibraryEntry] = {}
        self._loose: OrderedDict[int, LibraryEntry] = OrderedDict()
        self._stars: dict[int, int] = {}
        self._stale_stars: dict[int, int] = {}
        self._recent = -1
        self.pending: set[int] = set()  # pages asked for and not yet come

    def page(self, number: int) -> Page | None:
        """A held page (now the most recently drawn), or None."""
        page = self._pages.get(number)
        if page is not None and number != self._recent:
            self._pages.move_to_end(number)
            self._recent = number
        return page

    def drop(self, number: int) -> None:
        """Forget one page (it is fetched again when drawn); its entries stay known by id."""
        self._pages.pop(number, None)
        if self._recent == number:
            self._recent = -1

    def stale(self, entry_id: int) -> LibraryEntry | None:
        return self._stale.get(entry_id) if self._stale else None

    def put(self, number: int, entries: Page, stars: dict[int, int], visible: range) -> None:
        """A page came: hold it, then evict the oldest held pages not in `visible`."""
        self.pending.discard(number)
        self._pages[number] = entries
        self._recent = number
        by_id, stale, held_stars = self._by_id, self._stale, self._stars
        for entry in entries:
            if entry is not None:
                entry_id = entry.id
                by_id[entry_id] = entry
                if stale:
                    stale.pop(entry_id, None)
                held_stars.pop(entry_id, None)
        held_stars.update(stars)
        self._evict(visible)

    def _evict(self, visible: range) -> None:
        pages, by_id, held_stars = self._pages, self._by_id, self._stars
        spared = 0
        while len(pages) > MAX_PAGES_HELD and spared < len(pages):
            number = next(iter(pages))
            if number in visible:
                pages.move_to_end(number)  # on screen: never evicted
                spared += 1
                continue
            for entry in pages.pop(number):
                if entry is not None and by_id.get(entry.id) is entry:
                    del by_id[entry.id]
                    held_stars.pop(entry.id, None)

    def rows_moved(self) -> None:
        """Rows now mean other ids: every page is fetched again; what was held shows meanwhile."""
        self._stale = self._by_id
        self._by_id = {}
        self._stale_stars = self._stars
        self._stars = {}
        self._pages.clear()
        self._recent = -1
        self.pending.clear()

    def held(self, entry_id: int, *, loose: bool = True) -> LibraryEntry | None:
        """The entry if held (a page, from before a move, or read one by one); never reads."""
        found = self._by_id.get(entry_id) or self._stale.get(entry_id)
        if found is None and loose:
            found = self._loose.get(entry_id)
        return found

    def held_in(self, runs: Sequence[range]) -> list[LibraryEntry]:
        """The entries of the held pages whose rows are in `runs`, in row order: as many as
        are held at most, however many rows the runs cover (Select All at a million)."""
        size = self.page_size
        found: list[LibraryEntry] = []
        for number, page in sorted(self._pages.items()):
            first = number * size
            for run in runs:
                start, stop = max(run.start, first), min(run.stop, first + len(page))
                found += [entry for entry in page[start - first : stop - first]
                          if entry is not None]
        return found

    def keep_loose(self, entry: LibraryEntry) -> None:
        self._loose[entry.id] = entry
        if len(self._loose) > MAX_LOOSE:
            self._loose.popitem(last=False)

    def held_count(self) -> int:
        return len(self._by_id) + len(self._stale) + len(self._loose)

    def forget(self, ids: Iterable[int]) -> None:
        """Removed images: never shown again from what was held."""
        for entry_id in ids:
            self._stale.pop(entry_id, None)
            self._loose.pop(entry_id, None)

    def stale_update(self, entries: Iterable[LibraryEntry]) -> None:
        """Entries known without a page (new images): shown until their page comes."""
        self._stale.update({entry.id: entry for entry in entries})

    def stars(self, entry_id: int) -> int:
        """Stars of a held entry (0: unrated, or not known yet)."""
        found = self._stars.get(entry_id)
        if found is None and self._stale_stars:
            found = self._stale_stars.get(entry_id)
        return found or 0

    def set_stars(self, entry_id: int, stars: int) -> None:
        self._stars[entry_id] = stars
        self._stale_stars.pop(entry_id, None)

    def set_favourite(self, ids: set[int], favourite: bool) -> None:
        """Show `favourite` for these entries wherever they are held. Walks what is held, never
        the ids (a favourite of a million selected images touches a few thousand entries)."""
        loose = self._loose
        for entry_id in loose.keys() & ids:
            del loose[entry_id]
        for held in (self._by_id, self._stale):
            for entry_id in held.keys() & ids:
                held[entry_id] = replace(held[entry_id], favourite=favourite)
        by_id = self._by_id
        for page in self._pages.values():
            for offset, entry in enumerate(page):
                if entry is not None and entry.id in ids:
                    page[offset] = by_id.get(entry.id) or replace(entry, favourite=favourite)
