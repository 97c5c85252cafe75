#!/usr/bin/env bash
# Builds the macOS release artefacts of Nscale Image Studio into dist/:
#   dist/Nscale Image Studio.app                        PyInstaller BUNDLE (Info.plist, icns, id)
#   dist/nscale-studio-VERSION-macos-ARCH.dmg           drag-to-Applications disk image
# What goes into the .app is the spec's business (build_scripts/nscale-studio.spec).
#
# Usage: build_scripts/macos/build.sh [--skip-bundle]
# Environment: PYTHON (default python3); MACOS_SIGN_IDENTITY, if set, signs the .app with the
# hardened runtime before the .dmg is made (notarisation is a separate, manual step).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
DIST_DIR="$ROOT/dist"
APP_ID="nscale-studio"
APP_NAME="Nscale Image Studio"
APP="$DIST_DIR/$APP_NAME.app"

build_bundle=1
[[ "${1:-}" == "--skip-bundle" ]] && build_bundle=0

VERSION="$(cd "$ROOT" && "$PYTHON" -c 'import desktop_app; print(desktop_app.__version__)')"

if [[ $build_bundle == 1 ]]; then
    echo "==> PyInstaller .app -> $APP"
    (cd "$ROOT" && "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$DIST_DIR" --workpath "$ROOT/build/pyinstaller" \
        build_scripts/nscale-studio.spec)
fi
[[ -d "$APP" ]] || { echo "no app bundle at $APP" >&2; exit 1; }

echo "==> smoke test"
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/$APP_ID" --smoke-test

if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
    echo "==> signing with $MACOS_SIGN_IDENTITY"
    codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$APP"
    codesign --verify --strict --verbose=2 "$APP"
fi

dmg="$DIST_DIR/$APP_ID-$VERSION-macos-$(uname -m).dmg"
staging="$ROOT/build/dmg"
echo "==> disk image -> $dmg"
rm -rf "$staging" "$dmg"
mkdir -p "$staging"
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "$APP_NAME" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
echo "$dmg: $(du -h "$dmg" | cut -f1)"
