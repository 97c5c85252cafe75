"""Pages of the library: the first page of a search, and the page that follows a given image.

Owns continuing a listing where the previous page ended without OFFSET, which reads and throws
away every row it skips (page 20,000 of a million images would walk a million index entries).
The key is the display order's own, `(created, id)`: newest first is `created DESC, id ASC`,
oldest first `created ASC, id ASC` (`Library.query_ids`). A page after `(created, id)` is the
rows with the same `created` and a larger id (images of one request share `created`), then the
rows strictly past `created`: two `query_ids` calls whose only change to the caller's query is a
narrower `created` range, so every filter, search and board applies to every page and each
page is an index range read.

`first_page` answers a search's first page by reading the newest rows in order and testing each
(`search.scan_condition`): a common word fills a page within a few hundred rows, where the
trigram index would first collect every match (100,000+ at a million images) and sort them all.
When the first `SCAN_WINDOW` rows do not fill the page (a rare word), it asks the index as
`query_ids` does. Either way the ids are those `query_ids(query, limit)` returns.

`all_ids` is `query_ids` for a caller that keeps every id (the gallery): one compact
`array('q')` (8 bytes a row, no Python int made per row), read in one SQLite call that runs
with the GIL released, so a thread that reads a million ids never holds it long.
Never changes the library.
"""

from __future__ import annotations

import math
import sqlite3
import sys
from array import array
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from desktop_app.library import queries
from desktop_app.library.search import parse_search, scan_condition

if TYPE_CHECKING:
    from desktop_app.library.store import Library, LibraryQuery


def _filters(library: Library, query: LibraryQuery) -> tuple[str, list[Any]]:
    """The WHERE of `query` (boards and ratings included), as `query_ids` builds it."""
    where, params = queries.where(query)
    return queries.user_state_filter(library.boards, query, where, params)


SCAN_WINDOW = 4000  # rows read in order before a search's first page goes to the index


def first_page(library: Library, query: LibraryQuery, limit: int) -> list[int]:
    """The first `limit` ids of `query` in display order: `library.query_ids(query, limit)`,
    answered from the newest rows when they hold a page of matches."""
    scan = scan_condition(parse_search(query.search, query.search_in)) if query.search else None
    if scan is None or limit <= 0:
        return library.query_ids(query, limit=limit)
    window = max(SCAN_WINDOW, 20 * limit)
    where, params = _filters(library, replace(query, search=""))  # the filters, no search
    condition, scan_params = scan
    order = "DESC" if query.newest_first else "ASC"
    # Only our column names and placeholders are joined in; every value is bound. The inner
    # rows are produced lazily, so a common word stops the read at the page's last match.
    window_sql = f"FROM images{where} ORDER BY created {order}, id ASC LIMIT ?"
    connection = library._connection()
    found = [row[0] for row in connection.execute(
        f"SELECT id FROM (SELECT id, {condition} AS hit {window_sql}) WHERE hit LIMIT ?",  # noqa: S608
        [*scan_params, *params, window, limit])]
    if len(found) == limit:
        return found
    (read,) = connection.execute(f"SELECT count(*) FROM (SELECT id {window_sql})",  # noqa: S608
                                 [*params, window]).fetchone()
    if read < window:  # every row of the query was read: these are all its matches
        return found
    return library.query_ids(query, limit=limit)


def all_ids(library: Library, query: LibraryQuery) -> array[int]:
    """Every id of `query` in display order, as `library.query_ids(query)` returns them.

    SQLite writes them as one text of 16 hex digits an id (`group_concat` over the ordered
    rows: an aggregate other than count/min/max keeps its subquery's ORDER BY), which becomes
    the array in two C calls. The whole read is then one `sqlite3_step`, run with the GIL
    released: the window paints throughout, where fetching rows built a Python tuple and int
    for each (~0.8 s at a million, the GIL held in 8,192-row bursts) and this takes ~0.55 s."""
    where, params = _filters(library, query)
    order = "DESC" if query.newest_first else "ASC"
    # Only our column names and placeholders are joined in; every value is bound.
    sql = (f"SELECT group_concat(printf('%016x', id), '') FROM "  # noqa: S608
           f"(SELECT id FROM images{where} ORDER BY created {order}, id ASC)")
    connection = library._connection()
    connection.follow_replaced_file()
    try:
        (digits,) = connection.raw().execute(sql, params).fetchone()
    except sqlite3.OperationalError as error:
        if "fts5" in str(error).lower() or "match" in str(error).lower():
            return array("q")  # as query_ids: user text must never raise
        return array("q", library.query_ids(query))  # the path that recovers, if it can
    except sqlite3.DatabaseError:
        return array("q", library.query_ids(query))
    ids: array[int] = array("q")
    if digits:
        ids.frombytes(bytes.fromhex(digits))
        if sys.byteorder == "little":
            ids.byteswap()  # the digits are big-endian
    return ids


def _narrowed(query: LibraryQuery, low: float | None, high: float | None) -> LibraryQuery | None:
    """`query` with its `created` range intersected with [low, high); None when empty."""
    start = query.created_from
    if low is not None:
        start = low if start is None else max(start, low)
    end = query.created_to
    if high is not None:
        end = high if end is None else min(end, high)
    if start is not None and end is not None and start >= end:
        return None
    return replace(query, created_from=start, created_to=end)


def page_after_key(library: Library, query: LibraryQuery, created: float, after_id: int,
                   limit: int) -> list[int]:
    """Up to `limit` ids of `query` that come after the row `(created, after_id)`."""
    if limit <= 0:
        return []
    # Rows sharing `created` come in id order in both directions: the ones after `after_id`.
    ties_query = _narrowed(query, created, math.nextafter(created, math.inf))
    ties = [] if ties_query is None else [
        found for found in library.query_ids(ties_query) if found > after_id
    ]
    page = ties[:limit]
    if len(page) == limit:
        return page
    if query.newest_first:
        rest_query = _narrowed(query, None, created)  # created < anchor
    else:
        rest_query = _narrowed(query, math.nextafter(created, math.inf), None)  # created > it
    if rest_query is not None:
        page += library.query_ids(rest_query, limit=limit - len(page))
    return page


def page_after(library: Library, query: LibraryQuery, after_id: int, limit: int) -> list[int]:
    """Up to `limit` ids of `query` after image `after_id` (the last of the previous page).

    Raises KeyError when there is no image `after_id` (deleted since): its place in the order
    is not known, so no page can honestly follow it."""
    anchor = library.get(after_id)
    if anchor is None:
        raise KeyError(after_id)
    return page_after_key(library, query, anchor.created, after_id, limit)
