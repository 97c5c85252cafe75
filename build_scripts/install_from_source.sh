#!/usr/bin/env bash
# Install Nscale Image Studio from this source tree on Debian/Ubuntu (Python 3.11+):
# the system libraries Qt needs (apt, with sudo when not root), a virtual environment in .venv
# and the app in it. Afterwards `.venv/bin/nscale-studio` starts the window and
# `.venv/bin/nscale-studio-cli` is the command-line companion.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# fonts-noto-cjk: without a CJK-capable font, Chinese, Japanese and Korean prompts show as boxes.
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends \
    python3-venv libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
    libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 \
    libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core \
    fonts-noto-cjk >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q .
echo "Installed. Start the window with: .venv/bin/nscale-studio"
