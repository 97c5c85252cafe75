"""CJK prompts are readable after README's install (issue 14): a CJK font is installed by the
source install script and CI, and recommended by the .deb."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def apt_install_words(script: Path) -> set[str]:
    """Every word of the script's `apt-get install` command (continuation lines joined)."""
    text = script.read_text().replace("\\\n", " ")
    words: set[str] = set()
    for line in text.splitlines():
        if "apt-get install" in line:
            words.update(line.split())
    return words


def test_the_source_install_script_installs_a_cjk_font():
    assert "fonts-noto-cjk" in apt_install_words(ROOT / "build_scripts/install_from_source.sh")


def test_ci_installs_a_cjk_font():
    text = (ROOT / ".ci/run").read_text()
    packages = re.search(r"APT_PACKAGES=\((.*?)\n\)", text, re.S)
    assert packages is not None
    words = {word for line in packages.group(1).splitlines()
             for word in line.split("#", 1)[0].split()}
    assert "fonts-noto-cjk" in words


def test_the_deb_recommends_a_cjk_font():
    text = (ROOT / "build_scripts/build_linux.sh").read_text()
    recommends = re.search(r"^Recommends: (.*)$", text, re.M)
    assert recommends is not None
    alternatives = [item.strip() for item in recommends.group(1).split(",")]
    assert any("fonts-noto-cjk" in item.split(" | ") for item in alternatives)
