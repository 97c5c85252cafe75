"""Turning whatever a person types into a safe library search: FTS5 trigram phrases plus LIKE.

Owns the search language and its escaping. The index (`images_fts`, schema v3) uses the FTS5
`trigram` tokenizer, so every term is a case-insensitive substring match in any script: a word
inside Japanese or Chinese text that has no spaces is found, and so is part of a word. The rules:

- whitespace separates terms, and terms are ANDed; `"two words"` is one term, spaces included;
- a term searches the prompt unless the caller asks for more columns (a filter), or the term has a
  prefix: `neg:blurry` searches only the negative prompt, `model:flux` only the model id
  (`prompt:` is accepted too); an unknown prefix is part of the text (`http://...`);
- every term becomes a quoted FTS5 phrase, so `AND`, `*`, `"`, `NEAR(` and friends are plain text;
- terms shorter than a trigram (1-2 characters, common in CJK: a one-character search for 猫 is a
  real query) cannot match the index; they become LIKE '%term%' conditions on the same columns
  (a scan, but only over rows the other terms left, and never an error);
- terms with no letter or digit in them are ignored, as before (they would match nearly anything);
- an image with no prompt at all (a plain PNG from elsewhere) is found by its file name: when no
  term has a prefix, `names` holds a LIKE pattern per term for the stored path.

Must never produce a string FTS5 can reject; the caller binds every value as a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

PROMPT = "prompt"
NEGATIVE = "negative_prompt"
MODEL = "model"
SEARCH_COLUMNS = (PROMPT, NEGATIVE, MODEL)  # the columns of images_fts, in order
TRIGRAM = 3  # the shortest term the trigram index can match
_PREFIXES = {"prompt": PROMPT, "neg": NEGATIVE, "negative": NEGATIVE, "model": MODEL}
_TERM = re.compile(r'(?:(?P<prefix>[A-Za-z]+):)?(?:"(?P<quoted>[^"]*)(?:"|$)|(?P<word>\S*))')


@dataclass(frozen=True)
class SearchTerms:
    """A parsed search: one MATCH expression and the short terms that need LIKE instead."""

    match: str | None  # for `images_fts MATCH ?`, or None when no term is long enough
    # (columns, pattern) pairs: a row matches when any of the columns is LIKE the pattern,
    # which uses `\` as its ESCAPE character.
    like: tuple[tuple[tuple[str, ...], str], ...] = ()
    # LIKE patterns (ESCAPE `\`) that the path of an image without a prompt must all match; empty
    # when a term names its column (`neg:`, `model:`), which a file name cannot answer.
    names: tuple[str, ...] = ()
    # Every term (long and short) as (columns, LIKE pattern), for `scan_condition`.
    patterns: tuple[tuple[tuple[str, ...], str], ...] = ()
    ascii_only: bool = True  # no term has a character outside ASCII

    @property
    def empty(self) -> bool:
        return self.match is None and not self.like


def _clean(text: str) -> str:
    # SQLite ends a bound string at NUL ("unterminated string"); control characters never
    # appear in a prompt worth finding, and lone surrogates cannot be encoded.
    return "".join(
        " " if ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF else char for char in text
    )


def _terms(text: str, columns: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
    terms: list[tuple[tuple[str, ...], str]] = []
    for found in _TERM.finditer(_clean(text)):
        prefix, quoted, word = found.group("prefix"), found.group("quoted"), found.group("word")
        column = _PREFIXES.get(prefix.lower()) if prefix else None
        term = quoted if quoted is not None else (word or "")
        if prefix and column is None:  # not ours: "http://x" is text
            term = f"{prefix}:" + (f'"{quoted}' if quoted is not None else term)
        term = term.strip()
        if term and any(char.isalnum() for char in term):
            terms.append(((column,) if column else columns, term))
    return terms


def _phrase(columns: tuple[str, ...], term: str) -> str:
    phrase = '"' + term.replace('"', '""') + '"'
    target = columns[0] if len(columns) == 1 else "{" + " ".join(columns) + "}"
    return f"{target} : {phrase}"


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def parse_search(text: str, columns: Sequence[str] = (PROMPT,)) -> SearchTerms:
    """The search for `text`; terms without a prefix look in `columns` (default: the prompt)."""
    wanted = tuple(column for column in SEARCH_COLUMNS if column in columns) or (PROMPT,)
    phrases: list[str] = []
    like: list[tuple[tuple[str, ...], str]] = []
    terms = _terms(text, wanted)
    for term_columns, term in terms:
        if len(term) >= TRIGRAM:
            phrases.append(_phrase(term_columns, term))
        else:
            like.append((term_columns, _like_pattern(term)))
    by_name = PROMPT in wanted and all(columns == wanted for columns, _ in terms)
    names = tuple(_like_pattern(term) for _, term in terms) if by_name else ()
    patterns = tuple((columns, _like_pattern(term)) for columns, term in terms)
    return SearchTerms(" AND ".join(phrases) if phrases else None, tuple(like), names, patterns,
                       all(term.isascii() for _, term in terms))


def scan_condition(terms: SearchTerms) -> tuple[str, list[str]] | None:
    """The whole search as one condition on a row's own columns (no index), or None.

    For reading the newest rows in display order and stopping once a page is full (#18): a
    common word is found in the first few hundred rows, where the index would first collect
    every one of its 100,000 matches at a million images. It selects the same rows as the
    MATCH + LIKE + file-name form only when every term is ASCII: the trigram index folds case in
    every script, LIKE only in ASCII (so None for any other term, and for no term at all). The
    one difference left: Unicode characters whose case folding is ASCII (KELVIN SIGN, long s)
    match an ASCII term through the index but not here. Values are bound; columns are ours."""
    if not terms.patterns or not terms.ascii_only:
        return None
    params: list[str] = []
    clauses: list[str] = []
    for columns, pattern in terms.patterns:
        clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params.extend([pattern] * len(columns))
    condition = " AND ".join(clauses)
    if terms.names:
        by_name = " AND ".join("path LIKE ? ESCAPE '\\'" for _ in terms.names)
        condition = f"(({condition}) OR (prompt = '' AND {by_name}))"
        params.extend(terms.names)
    return condition, params


def fts_query(text: str, columns: Sequence[str] = (PROMPT,)) -> str | None:
    """The MATCH expression for the trigram-length terms of `text`, or None when there are none."""
    return parse_search(text, columns).match
