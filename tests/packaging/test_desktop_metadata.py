"""What software centres and docks read besides the basics: the desktop file's Keywords,
StartupWMClass and SingleMainWindow, and the metainfo's screenshots, releases and OARS rating."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlparse

import desktop_app

ROOT = Path(__file__).resolve().parents[2]
DESKTOP_FILE = ROOT / "resources" / f"{desktop_app.APP_ID}.desktop"
METAINFO = ROOT / "resources" / "com.nscale.ImageStudio.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_keywords_and_single_main_window():
    entry = desktop_entry()
    keywords = entry["Keywords"].split(";")
    assert entry["Keywords"].endswith(";") and {"AI", "image", "generation"} <= set(keywords)
    assert entry["SingleMainWindow"] == "true"
    assert entry["Version"] == "1.5"  # the spec version that defines SingleMainWindow


def test_startup_wm_class_is_what_the_running_app_reports():
    """Qt's X11 WM_CLASS class is the application name and its Wayland app_id the desktop file
    name; both must equal StartupWMClass. Read them from a real start of the app."""
    probe = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "from desktop_app import app\n"
        "code = app.main(['--smoke-test'])\n"
        "print('names', QGuiApplication.applicationName(), QGuiApplication.desktopFileName())\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env=env, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    wm_class = desktop_entry()["StartupWMClass"]
    assert f"names {wm_class} {wm_class}" in result.stdout, result.stdout


def test_metainfo_screenshots_exist_in_docs():
    component = ElementTree.parse(METAINFO).getroot()  # noqa: S314 - our own file
    screenshots = component.findall("screenshots/screenshot")
    assert len(screenshots) >= 3
    assert [shot.get("type") for shot in screenshots].count("default") == 1
    for shot in screenshots:
        assert shot.findtext("caption")
        url = urlparse(shot.findtext("image") or "")
        assert url.scheme == "https"
        assert (ROOT / "docs" / "screenshots" / Path(url.path).name).is_file(), url.path


def test_metainfo_releases_and_content_rating():
    component = ElementTree.parse(METAINFO).getroot()  # noqa: S314 - our own file
    releases = component.findall("releases/release")
    assert releases and all(release.get("date") for release in releases)
    assert releases[0].find("description/p") is not None
    rating = component.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
