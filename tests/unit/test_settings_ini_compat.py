"""The Qt-free INI store and QSettings read each other's files: QSettings is the oracle.

Every file QSettings reads here has a name it has never seen in this process, because QSettings
caches a file's typed values by name and would answer from memory instead of from the disk.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QSettings

from desktop_app.ini_file import IniFileStore
from desktop_app.ini_format import Value
from desktop_app.settings import Settings
from desktop_app.ui.settings_store import QtSettingsStore

_names = itertools.count()

ALL_BYTES = bytes(range(256))
TRICKY_VALUES: dict[str, Value] = {
    "api/base_url": "http://127.0.0.1:9/v1?a=1;b=2,c",
    "api/plain": "plain",
    "api/empty": "",
    "api/spaces": "  padded  ",
    "api/escapes": 'quote " backslash \\ tab \t newline \n cr \r bell \a',
    "api/at": "@ByteArray(not bytes)",
    "api/at_only": "@",
    "api/nul": "before\0after0f",
    "api/unicode": "héllo ✓ 日本 😀 \u00ff\u0100",
    "api/hexish": "\x1fabc\x7f",
    "models/cached": ["black-forest-labs/FLUX.1-schnell", "a,b", "@at", " edge ", "", 'q"'],
    "models/one": ["only/one"],
    "models/none": [],
    "pricing/black-forest-labs%2FFLUX.1-schnell": "0.0013",
    "pricing/we ird%25=;[]#\\key": "0.5",
    "pricing/日本%2F😀": "1",
    "window/main/geometry": ALL_BYTES + b"\x00123\x80abc",
    "window/main/splitter": b"",
    "window/main/ascii": b"only,ascii;=",
    "General/x": "in a group named General",
    "rootkey": "no group",
}


def as_read_back(value: Value) -> Value | None:
    """What any INI reader returns for a written value: a one-item list reads as its item."""
    if isinstance(value, list):
        return None if not value else value[0] if len(value) == 1 else value
    return value


def file_bytes(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def fresh_file(tmp_path: Path) -> Path:
    return tmp_path / f"settings-{next(_names)}.ini"


def write_with_qsettings(path: Path, values: dict[str, Value]) -> None:
    qsettings = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in values.items():
        qsettings.setValue(key, QByteArray(value) if isinstance(value, bytes) else value)
    qsettings.sync()
    assert qsettings.status() == QSettings.Status.NoError


def write_with_ini_store(path: Path, values: dict[str, Value]) -> None:
    store = IniFileStore(path)
    for key, value in values.items():
        store.set(key, value)
    store.sync()


def read_with_ini_store(path: Path, keys: list[str]) -> dict[str, Value | None]:
    store = IniFileStore(path)
    return {key: store.get(key) for key in keys}


def read_with_qsettings(path: Path, keys: list[str]) -> dict[str, Value | None]:
    store = QtSettingsStore(path)
    return {key: store.get(key) for key in keys}


def test_qsettings_file_reads_the_same_without_qt(tmp_path):
    path = fresh_file(tmp_path)
    write_with_qsettings(path, TRICKY_VALUES)
    expected = {key: as_read_back(value) for key, value in TRICKY_VALUES.items()}
    assert read_with_ini_store(path, list(TRICKY_VALUES)) == expected


def test_qt_free_file_reads_the_same_with_qsettings(tmp_path):
    path = fresh_file(tmp_path)
    write_with_ini_store(path, TRICKY_VALUES)
    expected = {key: as_read_back(value) for key, value in TRICKY_VALUES.items()}
    assert read_with_qsettings(path, list(TRICKY_VALUES)) == expected


def test_qt_free_store_writes_what_qsettings_writes(tmp_path):
    """Same escaping, quoting, order and layout: the two files are byte for byte equal."""
    qt_path, ini_path = fresh_file(tmp_path), fresh_file(tmp_path)
    write_with_qsettings(qt_path, TRICKY_VALUES)
    write_with_ini_store(ini_path, TRICKY_VALUES)
    assert ini_path.read_bytes() == qt_path.read_bytes()


def test_group_listing_matches_qsettings(tmp_path):
    path = fresh_file(tmp_path)
    write_with_qsettings(path, TRICKY_VALUES)
    qt_store, ini_store = QtSettingsStore(path), IniFileStore(path)
    for group in ["pricing", "window", "window/main", "General", "", "missing"]:
        assert ini_store.child_keys(group) == qt_store.child_keys(group), group


def test_hand_written_file_parses_as_qsettings_parses_it(tmp_path):
    """Comments, CRLF, a BOM, continuation lines, quotes and spaces: Qt's reading rules."""
    path = fresh_file(tmp_path)
    path.write_bytes(
        b"\xef\xbb\xbf; a comment\r\n[api]\r\n  base_url = http://x/v1 ; trailing comment\r\n"
        b'quoted = "  keep ; this , too  "\r\nlist = a , "b" ,c\\\n  d\r\n'
        b"octal=\\101\\x42z\\q\r\nnoequals\r\n[ general ]\nrootish=1\n[%General]\nkey=g\n"
        b"[sp%20ace]\nk\\sub%U00E9=\\x263a\\x0\n[api]\nbase_url=second wins\n"
    )
    keys = QSettings(str(path), QSettings.Format.IniFormat).allKeys()
    assert len(keys) == 7
    assert read_with_ini_store(path, keys) == read_with_qsettings(fresh_copy(path, tmp_path), keys)


def fresh_copy(path: Path, tmp_path: Path) -> Path:
    copy = fresh_file(tmp_path)
    copy.write_bytes(path.read_bytes())
    return copy


text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
key_part = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/"),
                   min_size=1, max_size=8).filter(lambda name: name.lower() != "general")
values = st.one_of(text, st.binary(max_size=24), st.lists(text, max_size=4))
entries = st.dictionaries(st.builds(lambda g, k: f"{g}/{k}", key_part, key_part), values,
                          max_size=5)


@hypothesis_settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries)
def test_any_text_and_bytes_round_trip_both_ways(tmp_path, written):
    expected = {key: as_read_back(value) for key, value in written.items()}
    by_qt = fresh_file(tmp_path)
    write_with_qsettings(by_qt, written)
    assert read_with_ini_store(by_qt, list(written)) == expected
    by_ini = fresh_file(tmp_path)
    write_with_ini_store(by_ini, written)
    assert read_with_qsettings(by_ini, list(written)) == expected
    assert file_bytes(by_ini) == file_bytes(by_qt)  # the very file QSettings writes


def test_settings_saved_by_the_window_load_in_the_cli_and_back(tmp_path):
    saved = Settings(
        base_url="http://127.0.0.1:9/v1", read_timeout=42.5, default_count=3,
        cached_models=["black-forest-labs/FLUX.1-schnell"],
        library_dir=tmp_path / "lib, with; odd=chars",
        prices={"black-forest-labs/FLUX.1-schnell": 0.0013, "100%/free": 0.0, "a/b/c": 2.0},
    )
    by_qt = fresh_file(tmp_path)
    saved.save(QtSettingsStore(by_qt))
    assert Settings.load(IniFileStore(by_qt)) == saved
    by_ini = fresh_file(tmp_path)
    saved.save(IniFileStore(by_ini))
    assert Settings.load(QtSettingsStore(by_ini)) == saved


def test_window_state_bytes_cross_between_stores(tmp_path):
    geometry = ALL_BYTES + b"\x01\xd9\xd0\xcb\x00\x03\x00\x00"
    by_qt = fresh_file(tmp_path)
    Settings.set_window_state("main/geometry", geometry, QtSettingsStore(by_qt))
    assert Settings.window_state("main/geometry", IniFileStore(by_qt)) == geometry
    by_ini = fresh_file(tmp_path)
    Settings.set_window_state("main/geometry", geometry, IniFileStore(by_ini))
    assert Settings.window_state("main/geometry", QtSettingsStore(by_ini)) == geometry


def test_file_from_the_previous_version_still_loads(tmp_path):
    """Earlier versions wrote numbers as numbers through QSettings; they read back the same."""
    path = fresh_file(tmp_path)
    qsettings = QSettings(str(path), QSettings.Format.IniFormat)
    qsettings.setValue("api/read_timeout", 30.0)
    qsettings.setValue("generation/default_count", 4)
    qsettings.setValue("models/cached", ["a/b", "c"])
    qsettings.setValue("pricing/org%2Fmodel", 0.25)
    qsettings.sync()
    loaded = Settings.load(IniFileStore(path))
    assert (loaded.read_timeout, loaded.default_count) == (30.0, 4)
    assert loaded.cached_models == ["a/b", "c"]
    assert loaded.prices == {"org/model": 0.25}


def test_saving_keeps_what_another_writer_added_meanwhile(tmp_path):
    path = fresh_file(tmp_path)
    write_with_qsettings(path, {"a/first": "1"})
    store = IniFileStore(path)
    write_with_qsettings(path, {"a/second": "2"})  # the window writes while the CLI has it open
    store.set("a/third", "3")
    store.sync()
    assert read_with_qsettings(fresh_copy(path, tmp_path), ["a/first", "a/second", "a/third"]) == {
        "a/first": "1", "a/second": "2", "a/third": "3",
    }


def test_values_the_store_does_not_understand_are_kept_byte_for_byte(tmp_path):
    path = fresh_file(tmp_path)
    qsettings = QSettings(str(path), QSettings.Format.IniFormat)
    qsettings.setValue("other/variant", {"a": 1})  # @Variant(...), written by Qt only
    qsettings.setValue("other/number", 7)
    qsettings.sync()
    before = [line for line in path.read_bytes().split(b"\n") if line.startswith(b"variant=")]
    store = IniFileStore(path)
    assert store.get("other/variant") is None
    store.set("other/text", "x")
    store.sync()
    after = [line for line in path.read_bytes().split(b"\n") if line.startswith(b"variant=")]
    assert after == before and before
    assert QtSettingsStore(fresh_copy(path, tmp_path)).get("other/number") == "7"


def test_removing_a_group_removes_its_keys_only(tmp_path):
    path = fresh_file(tmp_path)
    write_with_ini_store(path, {"pricing/a": "1", "pricing/b": "2", "pricingx/c": "3"})
    store = IniFileStore(path)
    store.remove("pricing")
    store.sync()
    assert read_with_qsettings(fresh_copy(path, tmp_path), ["pricing/a", "pricingx/c"]) == {
        "pricing/a": None, "pricingx/c": "3",
    }


def test_reading_changes_nothing_on_disk(tmp_path):
    path = fresh_file(tmp_path)
    path.write_bytes(b"[api]\nbase_url = kept as written ; with a comment\n")
    store = IniFileStore(path)
    assert store.get("api/base_url") == "kept as written"
    store.sync()
    assert path.read_bytes() == b"[api]\nbase_url = kept as written ; with a comment\n"


@pytest.mark.parametrize("missing", ["nothing/here", "api/base_url"])
def test_missing_file_reads_as_empty(tmp_path, missing):
    assert IniFileStore(tmp_path / "absent.ini").get(missing) is None


INI_PIECES = [
    b"[", b"]", b"=", b";", b'"', b"\\", b",", b"\r", b"\n", b" ", b"\t", b"a", b"x", b"%", b"U",
    b"0", b"7", b"f", b"+", b"0x", b"@", b"(", b")", b"\xc3\xa9", b"\xff", b"\xf0\x9f\x98\x80",
    b"/", b"general", b"%general", b"@ByteArray(", b"@String(", b"@Invalid()", b"\\x", b"\\0",
    b"\\101", b"%UD83D%UDE00", b"%2F", b"\n[s]\n", b"k=", b"\x00",
]


def is_reachable(key: str) -> bool:
    # QSettings normalises the key it is asked for, so these can be read by neither reader.
    return bool(key) and not key.startswith("/") and not key.endswith("/") and "//" not in key


@hypothesis_settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(INI_PIECES), max_size=40).map(b"".join))
def test_any_file_parses_as_qsettings_parses_it(tmp_path, data):
    path = fresh_file(tmp_path)
    path.write_bytes(data)
    keys = sorted(QSettings(str(path), QSettings.Format.IniFormat).allKeys())
    reachable = [key for key in keys if is_reachable(key)]
    assert read_with_ini_store(path, reachable) == read_with_qsettings(path, reachable)


def test_unreadable_file_gives_defaults_and_is_never_overwritten(tmp_path):
    path = tmp_path / "settings.ini"
    path.mkdir()  # cannot be read as a file, on every platform
    assert Settings.load(IniFileStore(path)) == Settings()
    with pytest.raises(OSError):
        Settings().save(IniFileStore(path))
    assert path.is_dir()


def test_a_symlinked_settings_file_stays_a_symlink(tmp_path):
    real = tmp_path / "dotfiles" / "settings.ini"
    real.parent.mkdir()
    real.write_bytes(b"[api]\nbase_url=http://127.0.0.1:9/v1\n")
    link = tmp_path / "settings.ini"
    link.symlink_to(real)
    store = IniFileStore(link)
    store.set("api/read_timeout", "30")
    store.sync()
    assert link.is_symlink()
    assert Settings.load(IniFileStore(real)).read_timeout == 30.0
