"""The Linux bundle, tarball and .deb that `build_scripts/build_linux.sh` makes actually work.

Slow: one session-scoped build (PyInstaller ~25 s, xz ~35 s on 2 cores), then every test inspects
or runs the artefacts. The frozen app is run with `--smoke-test` (the window paints) and with
`--bundle-self-check` (keyring, Pillow codecs, certificates, resources, Qt plugins load inside the
bundle). Skips with a reason when PyInstaller or dpkg-deb is missing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import desktop_app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
APP_ID = desktop_app.APP_ID
DEB_BUDGET_BYTES = 60 * 1024 * 1024
REQUIRED_DEPENDS = {
    "libegl1",
    "libgl1",
    "libxcb1",
    "libfontconfig1",
    "libdbus-1-3",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "libxcb-randr0",
}
# Libraries the bundle may load from packages the .deb does not name itself: glibc is essential,
# and libgl1/libegl1 depend on the GL vendor-neutral dispatch packages.
IMPLIED_PACKAGES = {"libc6", "libglvnd0", "libglx0"}


@dataclass(frozen=True)
class LinuxArtefacts:
    bundle: Path
    tarball: Path
    deb: Path | None


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LinuxArtefacts]:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller not installed (pip install -e '.[build]')")
    has_dpkg_deb = shutil.which("dpkg-deb") is not None and shutil.which("dpkg") is not None
    work = tmp_path_factory.mktemp("linux-build")
    environment = {
        **os.environ,
        "PYTHON": sys.executable,
        "DIST_DIR": str(work / "dist"),
        "BUILD_DIR": str(work / "build"),
    }
    command = [str(ROOT / "build_scripts" / "build_linux.sh")]
    if not has_dpkg_deb:
        command.append("--no-deb")
    result = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    dist = work / "dist"
    debs = sorted(dist.glob("*.deb"))
    yield LinuxArtefacts(
        bundle=dist / APP_ID,
        tarball=next(dist.glob(f"{APP_ID}-*-linux-*.tar.gz")),
        deb=debs[0] if debs else None,
    )


@pytest.fixture
def deb(artefacts: LinuxArtefacts) -> Path:
    if artefacts.deb is None:
        pytest.skip("dpkg-deb not installed: no .deb was built")
    return artefacts.deb


def _app_environment(**extra: str) -> dict[str, str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.update(extra)
    return environment


def _run_smoke_test(executable: Path) -> int:
    result = subprocess.run(
        [str(executable), "--smoke-test"],
        env=_app_environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    match = re.search(r"startup_ms=(\d+)", result.stdout)
    assert match, result.stdout
    return int(match.group(1))


def _self_check(executable: Path, environment: dict[str, str] | None = None) -> dict[str, object]:
    result = subprocess.run(
        [str(executable), "--bundle-self-check"],
        env=environment or _app_environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_bundle_smoke_test_paints_the_window(artefacts):
    _run_smoke_test(artefacts.bundle / APP_ID)


def test_bundle_loads_codecs_certificates_resources_and_qt_plugins(artefacts):
    report = _self_check(artefacts.bundle / APP_ID)
    assert report["frozen"] is True
    assert report["pillow_codecs"] == {"PNG": True, "JPEG": True, "WEBP": True}
    assert report["certifi_ca_count"] > 50
    assert report["requests_ca_bundle_exists"] is True
    assert report["resources_app_icon_svg"] is True
    assert {"svg", "jpeg", "png", "webp"} <= set(report["qt_image_formats"])
    assert report["qt_svg_icon_renders"] is True
    plugins = set(report["qt_plugin_dirs"])
    for needed in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
    ):
        assert needed in plugins
    for trimmed in ("platforms/libqvnc.so", "platforms/libqlinuxfb.so",
                    "platformthemes/libqgtk3.so"):
        assert trimmed not in plugins


def test_bundle_loads_the_translations(artefacts):
    """German and French (the app's and Qt's own) and English plurals load inside the bundle."""
    report = _self_check(artefacts.bundle / APP_ID)
    assert report["translations"] == {
        "de": {"app": True, "qt": True}, "fr": {"app": True, "qt": True}, "en": {"app": True}}


def test_bundle_is_trimmed_and_stripped(artefacts):
    internal = artefacts.bundle / "_internal"
    # Qt's catalogues: only qtbase for the languages the app ships (standard buttons, dialogs).
    qt_translations = internal / "PySide6" / "Qt" / "translations"
    assert sorted(path.name for path in qt_translations.iterdir()) == ["qtbase_de.qm",
                                                                       "qtbase_fr.qm"]
    assert not list((internal / "desktop_app" / "resources").rglob("*.ts"))
    assert not list(internal.glob("libgtk-3.so*"))
    assert not (internal / "numpy").exists()
    dangling = [path for path in internal.rglob("*") if path.is_symlink() and not path.exists()]
    assert dangling == []
    # An unstripped libpython is ~23 MB; stripped it is ~5 MB.
    assert (internal / "libpython3.11.so.1.0").stat().st_size < 10 * 1024 * 1024


def test_bundle_cli_prints_help(artefacts):
    cli = artefacts.bundle / f"{APP_ID}-cli"
    if not cli.exists():
        pytest.skip("desktop_app.cli had no main() when the bundle was built")
    result = subprocess.run(
        [str(cli), "--help"], env=_app_environment(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "usage" in result.stdout.lower()


def test_tarball_holds_the_bundle(artefacts):
    with tarfile.open(artefacts.tarball) as archive:
        members = {member.name: member for member in archive.getmembers()}
    launcher = members[f"{APP_ID}/{APP_ID}"]
    assert launcher.mode & 0o111
    assert launcher.uid == 0 and launcher.gid == 0
    assert f"{APP_ID}/_internal/desktop_app/resources/app-icon/{APP_ID}.svg" in members
    for code in ("de", "fr", "en"):
        assert (f"{APP_ID}/_internal/desktop_app/resources/translations/nscale_studio_{code}.qm"
                in members)


def _dpkg_field(deb: Path, field: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_deb_metadata(deb):
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert _dpkg_field(deb, "Package") == APP_ID
    assert _dpkg_field(deb, "Version") == desktop_app.__version__
    assert _dpkg_field(deb, "Architecture") == architecture
    depends = {item.split()[0] for item in _dpkg_field(deb, "Depends").split(",")}
    assert depends >= REQUIRED_DEPENDS | {"libc6"}
    info = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True)
    assert "compression" not in info.stderr
    assert deb.stat().st_size <= DEB_BUDGET_BYTES, f"{deb.stat().st_size / 2**20:.1f} MB"


def test_deb_contents(deb):
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    entries = {line.split()[5]: line for line in listing}
    assert all(" root/root " in line for line in listing)
    assert f"./opt/{APP_ID}/{APP_ID}" in entries
    assert entries[f"./opt/{APP_ID}/{APP_ID}"].startswith("-rwxr-xr-x")
    assert f"-> /opt/{APP_ID}/{APP_ID}" in entries[f"./usr/bin/{APP_ID}"]
    assert f"./usr/share/applications/{APP_ID}.desktop" in entries
    assert "./usr/share/metainfo/com.nscale.ImageStudio.metainfo.xml" in entries
    assert f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in entries
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        assert f"./usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in entries
    resources = f"./opt/{APP_ID}/_internal/desktop_app/resources"
    for code in ("de", "fr", "en"):
        assert f"{resources}/translations/nscale_studio_{code}.qm" in entries
    for code in ("de", "fr"):
        assert f"./opt/{APP_ID}/_internal/PySide6/Qt/translations/qtbase_{code}.qm" in entries


def test_extracted_deb_runs(deb, tmp_path):
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    assert os.readlink(tmp_path / "usr" / "bin" / APP_ID) == f"/opt/{APP_ID}/{APP_ID}"
    _run_smoke_test(tmp_path / "opt" / APP_ID / APP_ID)


def _elf_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    yield path


def test_deb_depends_covers_every_system_library_the_bundle_loads(artefacts, deb):
    internal = artefacts.bundle / "_internal"
    # The bootloader puts _internal on the library path, as this does for ldd.
    environment = {
        **os.environ,
        "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}",
    }
    system_libraries: set[str] = set()
    for elf in _elf_files(artefacts.bundle):
        output = subprocess.run(
            ["ldd", str(elf)], env=environment, capture_output=True, text=True
        ).stdout
        assert "not found" not in output, f"{elf}:\n{output}"
        for match in re.finditer(r"=> (/\S+)", output):
            library = match.group(1)
            if not library.startswith(str(artefacts.bundle)):
                system_libraries.add(os.path.realpath(library))
    depends = {item.split()[0] for item in _dpkg_field(deb, "Depends").split(",")}
    for library in sorted(system_libraries):
        owner = subprocess.run(["dpkg", "-S", library], capture_output=True, text=True)
        if owner.returncode != 0:  # merged /usr: dpkg knows the /lib spelling
            owner = subprocess.run(
                ["dpkg", "-S", library.removeprefix("/usr")], capture_output=True, text=True
            )
        assert owner.returncode == 0, f"no package owns {library}"
        package = owner.stdout.split(":")[0]
        assert package in depends | IMPLIED_PACKAGES, f"{library} comes from {package}"


@pytest.mark.secret_service
def test_bundle_keyring_uses_secret_service(artefacts, tmp_path):
    for tool in ("gnome-keyring-daemon", "dbus-run-session"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} not installed (apt packages gnome-keyring, dbus)")
    home = tmp_path / "keyring-home"
    runtime = home / "run"
    runtime.mkdir(parents=True, mode=0o700)
    environment = _app_environment(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_RUNTIME_DIR=str(runtime),
        NSCALE_SELF_CHECK_KEYRING_ROUNDTRIP="1",
    )
    # The test session forces the "fail" backend and hides the session bus; the bundle must find
    # the real Secret Service by itself.
    environment.pop("PYTHON_KEYRING_BACKEND", None)
    environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
    script = (
        "echo -n self-check-password | gnome-keyring-daemon --unlock --components=secrets"
        ' >/dev/null && exec "$0" --bundle-self-check'
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script, str(artefacts.bundle / APP_ID)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["keyring_backend"] == "keyring.backends.SecretService.Keyring"
    assert report["keyring_roundtrip"] is True
