#!/usr/bin/env bash
# Builds the Linux release artefacts of Nscale Image Studio into dist/:
#   dist/nscale-studio/                              the one-folder PyInstaller bundle
#   dist/nscale-studio-VERSION-linux-ARCH.tar.gz     that folder, for any distribution
#   dist/nscale-studio_VERSION_DEBARCH.deb           installs to /opt/nscale-studio
# It owns the .deb layout and its control file; what goes into the bundle is the spec's business.
#
# Usage: build_scripts/build_linux.sh [--skip-bundle] [--no-tarball] [--no-deb]
#   --skip-bundle   reuse an existing dist/nscale-studio instead of running PyInstaller
# Environment: PYTHON (default python3), DIST_DIR (default ./dist), BUILD_DIR (default ./build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
DIST_DIR="$(mkdir -p "${DIST_DIR:-$ROOT/dist}" && cd "${DIST_DIR:-$ROOT/dist}" && pwd)"
BUILD_DIR="$(mkdir -p "${BUILD_DIR:-$ROOT/build}" && cd "${BUILD_DIR:-$ROOT/build}" && pwd)"
APP_ID="nscale-studio"
METAINFO="com.nscale.ImageStudio.metainfo.xml"

build_bundle=1
build_tarball=1
build_deb=1
for argument in "$@"; do
    case "$argument" in
        --skip-bundle) build_bundle=0 ;;
        --no-tarball) build_tarball=0 ;;
        --no-deb) build_deb=0 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown option: $argument" >&2; exit 2 ;;
    esac
done

VERSION="$(cd "$ROOT" && "$PYTHON" -c 'import desktop_app; print(desktop_app.__version__)')"
BUNDLE="$DIST_DIR/$APP_ID"

if [[ $build_bundle == 1 ]]; then
    echo "==> PyInstaller bundle -> $BUNDLE"
    (cd "$ROOT" && "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$DIST_DIR" --workpath "$BUILD_DIR/pyinstaller" \
        build_scripts/nscale-studio.spec)
fi
[[ -x "$BUNDLE/$APP_ID" ]] || { echo "no bundle at $BUNDLE (build it first)" >&2; exit 1; }

if [[ $build_tarball == 1 ]]; then
    tarball="$DIST_DIR/$APP_ID-$VERSION-linux-$(uname -m).tar.gz"
    echo "==> tarball -> $tarball"
    tar -C "$DIST_DIR" --owner=0 --group=0 -czf "$tarball" "$APP_ID"
fi

if [[ $build_deb == 1 ]]; then
    command -v dpkg-deb >/dev/null || { echo "dpkg-deb not found: cannot build the .deb" >&2; exit 1; }
    deb_arch="$(dpkg --print-architecture)"
    deb="$DIST_DIR/${APP_ID}_${VERSION}_${deb_arch}.deb"
    root="$BUILD_DIR/deb/root"
    echo "==> Debian package -> $deb"
    rm -rf "$root"
    mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
        "$root/usr/share/metainfo" "$root/usr/share/doc/$APP_ID" \
        "$root/usr/share/icons/hicolor/scalable/apps"
    cp -a "$BUNDLE" "$root/opt/$APP_ID"
    ln -s "/opt/$APP_ID/$APP_ID" "$root/usr/bin/$APP_ID"
    if [[ -x "$BUNDLE/$APP_ID-cli" ]]; then
        ln -s "/opt/$APP_ID/$APP_ID-cli" "$root/usr/bin/$APP_ID-cli"
    fi
    install -m 644 "$ROOT/resources/$APP_ID.desktop" "$root/usr/share/applications/"
    install -m 644 "$ROOT/resources/$METAINFO" "$root/usr/share/metainfo/"
    install -m 644 "$ROOT/resources/app-icon/$APP_ID.svg" \
        "$root/usr/share/icons/hicolor/scalable/apps/"
    for png in "$ROOT"/resources/app-icon/hicolor/*/apps/"$APP_ID".png; do
        size_dir="$(basename "$(dirname "$(dirname "$png")")")"
        install -D -m 644 "$png" "$root/usr/share/icons/hicolor/$size_dir/apps/$APP_ID.png"
    done
    cat > "$root/usr/share/doc/$APP_ID/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Nscale Image Studio
Files: *
License: MIT
Comment: The bundle in /opt/$APP_ID also contains Python, Qt (LGPL-3), PySide6 (LGPL-3),
 Pillow, requests, keyring and their dependencies under their own licences.
EOF
    # dpkg-deb refuses group-writable control files and the umask may be anything.
    chmod -R u=rwX,go=rX "$root"

    # The bundle carries its own Qt, Python and most X libraries. What it still loads from the
    # system (checked with ldd by tests/packaging): glibc, the GL/EGL dispatch libraries, libxcb and
    # the Wayland client libraries. The xcb helper libraries and fontconfig are listed too: they pull
    # in xkb-data and the font configuration and fonts, which the bundled copies need at run time.
    glibc_version="$(getconf GNU_LIBC_VERSION | cut -d" " -f2)"
    depends="libc6 (>= $glibc_version), libegl1, libgl1, libxcb1, libwayland-client0"
    depends+=", libwayland-cursor0, libwayland-egl1, libfontconfig1, libdbus-1-3"
    depends+=", libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0"
    depends+=", libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libxcb-randr0"
    installed_size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
    cat > "$root/DEBIAN/control" <<EOF
Package: $APP_ID
Version: $VERSION
Architecture: $deb_arch
Maintainer: Nscale Image Studio contributors <noreply@nscale.com>
Installed-Size: $installed_size
Depends: $depends
Recommends: gnome-keyring | kwalletmanager, fonts-noto-cjk | fonts-wqy-zenhei
Section: graphics
Priority: optional
Homepage: https://www.nscale.com
Description: desktop client for Nscale's hosted image models
 Nscale Image Studio generates images with the models hosted by Nscale and keeps
 them, with their prompts and settings, in a searchable offline library. The
 service token is stored in the system keyring (Secret Service).
EOF
    chmod 644 "$root/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
    echo "$deb: $(du -h "$deb" | cut -f1)"
fi
