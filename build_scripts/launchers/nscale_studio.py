"""PyInstaller entry script for the windowed app: the same `desktop_app.app:main` as the gui-script.

It owns one extra, bundle-only switch, `--bundle-self-check`, that prints a JSON report of what the
frozen app can load (keyring backend, Pillow codecs, TLS certificates, packaged resources, Qt
plugins, translations) and exits. The packaging tests and support staff use it to prove a bundle
is complete; it must never change how the app itself starts, so everything it needs is imported
lazily.
"""

from __future__ import annotations

import sys

SELF_CHECK_FLAG = "--bundle-self-check"
# Opt-in because it writes (then deletes) a throwaway entry in the user's keyring.
KEYRING_ROUNDTRIP_VAR = "NSCALE_SELF_CHECK_KEYRING_ROUNDTRIP"


def _self_check() -> dict[str, object]:
    """Exercises each dependency the way the app does and returns what it found."""
    import importlib.resources
    import io
    import os
    import ssl

    import certifi
    import keyring
    import keyring.backend
    import requests
    from PIL import Image, features

    report: dict[str, object] = {"frozen": bool(getattr(sys, "frozen", False))}

    backend = keyring.get_keyring()
    report["keyring_backend"] = f"{type(backend).__module__}.{type(backend).__name__}"
    report["keyring_viable"] = sorted(
        f"{type(item).__module__}.{type(item).__name__}"
        for item in keyring.backend.get_all_keyring()
    )

    if os.environ.get(KEYRING_ROUNDTRIP_VAR) == "1":
        service, user = "nscale-studio-self-check", "probe"
        keyring.set_password(service, user, "self-check-value")
        report["keyring_roundtrip"] = keyring.get_password(service, user) == "self-check-value"
        keyring.delete_password(service, user)

    codecs: dict[str, bool] = {}
    for name in ("PNG", "JPEG", "WEBP"):
        try:
            buffer = io.BytesIO()
            Image.new("RGB", (8, 8), (200, 40, 90)).save(buffer, format=name)
            buffer.seek(0)
            with Image.open(buffer) as decoded:
                decoded.load()
                codecs[name] = decoded.size == (8, 8)
        except (OSError, KeyError):
            codecs[name] = False
    report["pillow_codecs"] = codecs
    report["pillow_features"] = {name: features.check(name) for name in ("zlib", "jpg", "webp")}

    context = ssl.create_default_context(cafile=certifi.where())
    report["certifi_ca_count"] = len(context.get_ca_certs())
    report["requests_ca_bundle_exists"] = bool(requests.certs.where()) and (
        importlib.resources.files("certifi").joinpath("cacert.pem").is_file()
    )

    resources = importlib.resources.files("desktop_app.resources")
    report["resources_app_icon_svg"] = resources.joinpath(
        "app-icon", "nscale-studio.svg"
    ).is_file()
    report["resources_files"] = sorted(item.name for item in resources.iterdir())

    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QGuiApplication, QIcon, QImageReader

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    report["qt_platform"] = app.platformName()
    report["qt_image_formats"] = sorted(
        bytes(item.data()).decode() for item in QImageReader.supportedImageFormats()
    )
    svg_path = resources.joinpath("app-icon", "nscale-studio.svg")
    with importlib.resources.as_file(svg_path) as svg_file:
        report["qt_svg_icon_renders"] = not QIcon(str(svg_file)).pixmap(32, 32).isNull()
    from pathlib import Path

    from PySide6.QtCore import QTranslator

    from desktop_app.ui import i18n

    translations: dict[str, dict[str, bool]] = {}
    for code in ("de", "fr", "en"):
        found: dict[str, bool] = {}
        for part, path in (("app", i18n.translations_dir() / f"{i18n.CATALOGUE}_{code}.qm"),
                           ("qt", i18n.qt_translations_dir() / f"qtbase_{code}.qm")):
            if part == "qt" and code == "en":
                continue
            found[part] = QTranslator().load(str(path))
        translations[code] = found
    report["translations"] = translations

    report["qt_plugin_dirs"] = sorted(
        f"{folder.name}/{plugin.name}"
        for folder in Path(plugins).iterdir()
        if folder.is_dir()
        for plugin in folder.iterdir()
    )
    return report


if __name__ == "__main__":
    if SELF_CHECK_FLAG in sys.argv[1:]:
        import json

        print(json.dumps(_self_check(), indent=2, sort_keys=True), flush=True)
        raise SystemExit(0)

    from desktop_app.app import main

    raise SystemExit(main())
