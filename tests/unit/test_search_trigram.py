"""Search in any script (#12): the trigram index, neg:/model: prefixes, short terms, the
generator filter, and the schema-3 migration of a version-2 library."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop_app.library import Library, LibraryQuery
from desktop_app.library.schema import MIGRATIONS, SCHEMA_VERSION, _statements
from desktop_app.library.search import MODEL, NEGATIVE, PROMPT, parse_search
from tests.library_helpers import make_result

NAME = "初音ミク"  # a four-character Japanese name


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "lib")
    yield library
    library.close()


def _add(library: Library, prompt: str, model: str = "flux", seed: int = 0) -> int:
    (entry,) = library.add_result(make_result(prompt, model, seed=seed))
    return entry.id


def _set(library: Library, entry_id: int, **columns: str) -> None:
    """Give a row values add_result does not write (negative prompt, other generators)."""
    with library.transaction() as connection:
        for name, value in columns.items():
            sql = f"UPDATE images SET {name} = ? WHERE id = ?"  # noqa: S608 - test names
            connection.execute(sql, (value, entry_id))


def _ids(library: Library, text: str, **query: object) -> set[int]:
    return set(library.query_ids(LibraryQuery(search=text, **query)))  # type: ignore[arg-type]


# --- the search language -----------------------------------------------------------------------


def test_terms_become_column_filtered_phrases_and_short_terms_like_patterns() -> None:
    terms = parse_search('red neg:blurry model:flux "two words" 猫 a%')
    assert terms.match == (
        'prompt : "red" AND negative_prompt : "blurry" AND model : "flux" AND prompt : "two words"'
    )
    assert terms.like == (((PROMPT,), "%猫%"), ((PROMPT,), "%a\\%%"))


def test_unknown_prefixes_and_fts_syntax_are_plain_text() -> None:
    assert parse_search("http://x.test").match == 'prompt : "http://x.test"'
    assert parse_search("NEAR(fox owl) AND*").match == (
        'prompt : "NEAR(fox" AND prompt : "owl)" AND prompt : "AND*"'
    )
    assert parse_search('"q""').match is None and parse_search('"q""').like == (((PROMPT,), "%q%"),)
    assert parse_search('say:"hi there"').match == 'prompt : "say:""hi there"'
    assert parse_search("*** ---").empty
    assert parse_search("neg:").empty


def test_a_filter_widens_unprefixed_terms_but_not_prefixed_ones() -> None:
    terms = parse_search("castle model:xl", columns=(PROMPT, NEGATIVE, MODEL))
    assert terms.match == '{prompt negative_prompt model} : "castle"'
    assert terms.like == (((MODEL,), "%xl%"),)


# --- against a library -------------------------------------------------------------------------


def test_a_japanese_name_is_found_inside_a_longer_prompt(library: Library) -> None:
    inside = _add(library, f"夜の東京で{NAME}がステージで歌う、ネオン", seed=1)
    alone = _add(library, f"{NAME}、笑顔", seed=2)
    _add(library, "初音の風景、ミクロの世界", seed=3)  # the same characters, not the name
    _add(library, "a red fox", seed=4)
    assert _ids(library, NAME) == {inside, alone}
    assert _ids(library, "ステージ") == {inside}  # any substring of at least three characters
    assert library.count(LibraryQuery(search=NAME)) == 2


def test_substrings_in_latin_text_and_case_do_not_matter(library: Library) -> None:
    castle = _add(library, "A Sandcastle at DUSK", seed=1)
    _add(library, "a red fox", seed=2)
    assert _ids(library, "castle") == {castle}
    assert _ids(library, "dusk sand") == {castle}
    assert _ids(library, "dusk fox") == set()


def test_terms_shorter_than_a_trigram_fall_back_to_like(library: Library) -> None:
    cat = _add(library, "黒い猫が眠る", seed=1)
    dog = _add(library, "白い犬", seed=2)
    percent = _add(library, "100% cotton, a_b", seed=3)
    assert _ids(library, "猫") == {cat}
    assert _ids(library, "白い") == {dog}
    assert _ids(library, "い") == {cat, dog}
    assert _ids(library, "%") == {cat, dog, percent}  # no letter or digit: ignored
    assert _ids(library, "0%") == {percent}  # % and _ are literal, not LIKE wildcards
    assert _ids(library, "a_") == {percent}
    assert _ids(library, "o_") == set()
    assert _ids(library, "猫 眠る") == {cat}  # LIKE and MATCH together


def test_negative_prompt_and_model_are_searched_only_when_asked(library: Library) -> None:
    fox = _add(library, "a red fox", model="sdxl-turbo", seed=1)
    owl = _add(library, "an owl", model="flux", seed=2)
    _set(library, fox, negative_prompt="blurry, low quality")
    _set(library, owl, negative_prompt="no fox please")
    assert _ids(library, "blurry") == set()
    assert _ids(library, "neg:blurry") == {fox}
    assert _ids(library, "fox") == {fox}  # the owl's negative prompt is not searched
    assert _ids(library, "neg:fox") == {owl}
    assert _ids(library, "sdxl") == set()
    assert _ids(library, "model:sdxl") == {fox}
    assert _ids(library, "model:xl") == {fox}  # short term: LIKE on the model only
    assert _ids(library, "red model:turbo") == {fox}
    everywhere = (PROMPT, NEGATIVE, MODEL)
    assert _ids(library, "fox", search_in=everywhere) == {fox, owl}
    assert _ids(library, "flux", search_in=everywhere) == {owl}


def test_editing_a_negative_prompt_updates_the_index(library: Library) -> None:
    fox = _add(library, "a red fox", seed=1)
    _set(library, fox, negative_prompt="grainy")
    assert _ids(library, "neg:grainy") == {fox}
    _set(library, fox, negative_prompt="sharp")
    assert _ids(library, "neg:grainy") == set()
    library.delete([fox])
    assert _ids(library, "neg:sharp") == set()


def test_generator_is_recorded_listed_and_filtered(library: Library) -> None:
    ours = _add(library, "ours", seed=1)
    comfy = _add(library, "from comfy", seed=2)
    _set(library, comfy, generator="comfyui", source="imported")
    entry = library.get(ours)
    assert entry is not None and entry.generator == "nscale-studio"
    assert entry.negative_prompt == ""
    assert library.generators() == ["comfyui", "nscale-studio"]
    assert library.query_ids(LibraryQuery(generator="comfyui")) == [comfy]
    assert library.query_ids(LibraryQuery(generator="nscale-studio")) == [ours]
    assert library.query_ids(LibraryQuery(generator="a1111")) == []


def test_deleted_rows_come_back_with_generator_and_negative_prompt(library: Library) -> None:
    fox = _add(library, "a red fox", seed=1)
    _set(library, fox, generator="a1111", negative_prompt="blurry")
    batch = library.delete([fox])
    (restored,) = library.undo_delete(batch)
    assert (restored.generator, restored.negative_prompt) == ("a1111", "blurry")
    assert _ids(library, "neg:blurry") == {fox}


# --- migrating a version-2 library -------------------------------------------------------------


def _version_two_library(root: Path) -> None:
    """A library as schema version 2 made it, with rows written by hand in its columns."""
    root.mkdir(parents=True)
    connection = sqlite3.connect(root / "library.sqlite3", isolation_level=None)
    for script in MIGRATIONS[:2]:
        for statement in _statements(script):
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 2")
    rows = [
        ("images/a.png", f"ours: {NAME}のライブ", "generated", json.dumps({"request_id": "r"})),
        ("/elsewhere/b.png", "an a1111 castle", "imported", json.dumps({"tool": "a1111"})),
        ("/elsewhere/c.png", "no tool known", "imported", json.dumps({"tool": ""})),
        ("/elsewhere/d.png", "broken extra", "imported", "{not json"),
        ("/elsewhere/e.png", "odd tool", "imported", json.dumps({"tool": 7})),
    ]
    for number, (path, prompt, source, extra) in enumerate(rows):
        connection.execute(
            "INSERT INTO images (path, sha256, file_sha256, created, prompt, model, width, "
            "height, size, format, source, extra) VALUES (?, ?, ?, ?, ?, 'sdxl', 64, 64, "
            "'64x64', 'png', ?, ?)",
            (path, f"s{number}", f"f{number}", float(number), prompt, source, extra),
        )
    connection.close()


def test_a_version_two_library_migrates_to_generators_and_trigram_search(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    _version_two_library(root)
    with Library.open(root) as library:
        connection = library._connection()
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        by_prompt = {
            entry.prompt: entry
            for entry in library.get_many(library.query_ids(LibraryQuery())).values()
        }
        assert {prompt: e.generator for prompt, e in by_prompt.items()} == {
            f"ours: {NAME}のライブ": "nscale-studio",
            "an a1111 castle": "a1111",
            "no tool known": "unknown",
            "broken extra": "unknown",
            "odd tool": "unknown",
        }
        assert {e.negative_prompt for e in by_prompt.values()} == {""}
        # The old rows are in the new index: a CJK substring and a Latin one are found.
        assert [library.get(i).prompt for i in library.query_ids(LibraryQuery(search=NAME))] == [
            f"ours: {NAME}のライブ"
        ]
        assert library.count(LibraryQuery(search="castl")) == 1
        assert library.count(LibraryQuery(search="model:sdxl")) == 5
        assert library.count(LibraryQuery(generator="a1111")) == 1
        (fts_sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'images_fts'"
        ).fetchone()
        assert "trigram" in fts_sql and "unicode61" not in fts_sql
        indexes = {row[1] for row in connection.execute("PRAGMA index_list(images)")}
        assert "images_generator" in indexes
        plan = " ".join(
            str(row[3])
            for row in connection.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM images WHERE generator = ? AND missing = 0 "
                "ORDER BY created DESC",
                ("a1111",),
            )
        )
        assert "images_generator" in plan
        # New rows after the migration are indexed by the new triggers.
        (entry,) = library.add_result(make_result("after the migration", "flux", seed=9))
        assert library.query_ids(LibraryQuery(search="migrat")) == [entry.id]
        assert entry.generator == "nscale-studio"


def test_a_sqlite_without_trigram_is_refused_and_the_index_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.library import schema

    root = tmp_path / "lib"
    _version_two_library(root)
    monkeypatch.setattr(schema, "SQLITE_VERSION", (3, 31, 1))
    with pytest.raises(schema.SQLiteTooOldError, match=r"3\.34 or newer"):
        Library.open(root)
    assert not list(root.glob("*.corrupt-*"))  # not set aside as damaged
    connection = sqlite3.connect(root / "library.sqlite3")
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 2  # nor half-migrated
    assert connection.execute("SELECT count(*) FROM images").fetchone()[0] == 5
    connection.close()
