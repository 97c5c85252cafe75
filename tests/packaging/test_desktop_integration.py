"""The desktop-integration files are valid and agree with each other and with the app's identity.

Fast checks, no bundle build: the .desktop file, the AppStream metainfo, the generated icons (they
must match what `build_scripts/make_icons.py` renders from the SVG today) and the installer scripts'
syntax where a checker is installed.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image, ImageChops

import desktop_app

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DESKTOP_FILE = RESOURCES / f"{desktop_app.APP_ID}.desktop"
METAINFO = RESOURCES / "com.nscale.ImageStudio.metainfo.xml"
ICON_DIR = RESOURCES / "app-icon"

sys.path.insert(0, str(ROOT / "build_scripts"))
import make_icons  # noqa: E402


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_launches_the_app_by_its_id():
    entry = _desktop_entry()
    assert entry["Name"] == desktop_app.APP_NAME
    assert entry["Exec"] == desktop_app.APP_ID
    assert entry["Icon"] == desktop_app.APP_ID
    # Qt's X11 WM_CLASS is the application name, which app.py sets to APP_ID.
    assert entry["StartupWMClass"] == desktop_app.APP_ID
    assert "Graphics" in entry["Categories"].split(";")


def test_desktop_file_passes_desktop_file_validate():
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate not installed (apt package desktop-file-utils)")
    result = subprocess.run([validator, str(DESKTOP_FILE)], capture_output=True, text=True)
    output = result.stdout + result.stderr
    # desktop-file-utils before 0.27 (Debian 12 has 0.26) predates spec 1.5 and its
    # SingleMainWindow key; those two complaints, and only those, are from an old validator.
    errors = [
        line for line in output.splitlines()
        if "error" in line
        and 'value "1.5" for key "Version"' not in line
        and 'key "SingleMainWindow"' not in line
    ]
    assert not errors, output


def test_metainfo_matches_desktop_file_and_version():
    component = ElementTree.parse(METAINFO).getroot()  # noqa: S314 - our own file
    assert component.findtext("id") == "com.nscale.ImageStudio"
    assert component.findtext("name") == desktop_app.APP_NAME
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.findtext("provides/binary") == desktop_app.APP_ID
    releases = [release.get("version") for release in component.iter("release")]
    assert releases[0] == desktop_app.__version__, "add a <release> for the new version"


def test_metainfo_passes_appstreamcli_validate():
    validator = shutil.which("appstreamcli")
    if validator is None:
        pytest.skip("appstreamcli not installed (apt package appstream)")
    result = subprocess.run(
        [validator, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("size", make_icons.HICOLOR_SIZES)
def test_hicolor_png_has_its_nominal_size(size):
    with Image.open(make_icons.hicolor_png_path(size)) as image:
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        # Transparent corners: the rounded square must not be painted edge to edge.
        assert image.getpixel((0, 0))[3] == 0


def test_ico_and_icns_carry_every_size():
    with Image.open(ICON_DIR / "nscale-studio.ico") as ico:
        assert {(size, size) for size in make_icons.ICO_SIZES} <= set(ico.info["sizes"])
    with Image.open(ICON_DIR / "nscale-studio.icns") as icns:
        assert {size for size, _, _ in icns.info["sizes"]} >= {16, 32, 128, 256, 512}


def test_committed_icons_match_the_svg(qapp, tmp_path):
    """Fails when someone edits the SVG without re-running build_scripts/make_icons.py.

    `qapp` first, so make_icons reuses the test QApplication instead of creating its own.
    """
    make_icons.make_icons(make_icons.SVG_PATH, tmp_path)
    for size in make_icons.HICOLOR_SIZES:
        with Image.open(make_icons.hicolor_png_path(size)) as committed, Image.open(
            make_icons.hicolor_png_path(size, tmp_path)
        ) as fresh:
            difference = ImageChops.difference(committed.convert("RGBA"), fresh.convert("RGBA"))
            # A little slack for anti-aliasing differences between Qt builds.
            assert max(high for _low, high in difference.getextrema()) <= 8, size


def test_nsis_installer_compiles_against_a_stand_in_bundle(tmp_path):
    """A real makensis build (warnings are errors); only the bundle is a stand-in, since a
    Windows bundle can only be made on Windows."""
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis not installed (apt package nsis)")
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / f"{desktop_app.APP_ID}.exe").write_bytes(b"stand-in")
    (bundle / "_internal" / "python311.dll").write_bytes(b"stand-in")
    installer = tmp_path / f"{desktop_app.APP_ID}-{desktop_app.__version__}-windows-x64-setup.exe"
    result = subprocess.run(
        [
            makensis,
            "-V2",
            "-WX",
            f"-DVERSION={desktop_app.__version__}",
            f"-DBUNDLE_DIR={bundle}",
            f"-DOUT_FILE={installer}",
            str(ROOT / "build_scripts" / "windows" / "installer.nsi"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert installer.read_bytes()[:2] == b"MZ"
