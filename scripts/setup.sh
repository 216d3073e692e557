#!/usr/bin/env bash
# Install what the site, its tests and its PDFs need, once: Debian packages (Chromium for the browser tests,
# Noto CJK fonts and Pango for the PDFs, poppler-utils to read PDFs back) and a virtual environment in
# .venv with the pinned Python packages of requirements.lock. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-liberation: the PDFs' English text (Liberation Sans has a real bold and italic; Noto CJK has no italic).
DEBIAN_PACKAGES=(chromium fonts-noto-cjk fonts-liberation poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fontconfig)
PYTHON=${PYTHON:-python3}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${DEBIAN_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "setup: installing Debian packages: ${missing[*]}"
    if [[ $(id -u) -eq 0 ]]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo apt-get update -qq
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "setup: cannot install ${missing[*]}: run as root, or ask an administrator to run" >&2
      echo "       apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
else
  echo "setup: this is not a Debian-like system; install Chromium (as /usr/bin/chromium), the Noto CJK and Liberation fonts," >&2
  echo "       Pango and poppler-utils with your package manager, then run this again." >&2
  [[ -x /usr/bin/chromium ]] || exit 1
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is needed as '$PYTHON' (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

stamp=.venv/.installed-$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)
if [[ ! -f "$stamp" ]]; then
  echo "setup: creating .venv with the pinned packages of requirements.lock"
  [[ -x .venv/bin/python ]] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
    || .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi
