#!/usr/bin/env bash
# Installs everything certsweep needs on a Debian/Ubuntu machine; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
# chromium: the browser; fonts-noto-cjk: Chinese in screenshots and PDF reports; redis-server:
# distributed crawls; poppler-utils: PDF checks in tests; libpango*: WeasyPrint's PDF layout;
# gcc, python3-dev: the C extensions that read and hash page text (monitor/*.c).
SYSTEM_PACKAGES=(chromium fonts-noto-cjk redis-server poppler-utils libpango-1.0-0 libpangoft2-1.0-0 gcc python3-dev)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "安装系统组件: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
# Reinstall only when the dependency list or the C extension changed.
stamp="$VENV/.certsweep-$(cat pyproject.toml setup.py monitor/*.c | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e '.[test]'
    rm -f "$VENV"/.certsweep-*
    touch "$stamp"
fi
