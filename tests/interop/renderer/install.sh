#!/usr/bin/env bash
# Installs what tests/interop/renderer/test_interop_renderer.py needs: Debian's
# Chromium, Node.js with npm, and TimelineJS from the npm registry into
# ./node_modules; and for tests/interop/markwhen/, Markwhen's own parser
# (@markwhen/parser) into that folder's node_modules.
# Safe to run again: every step is skipped when already done. Needs root (apt-get).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then
        apt-get update -qq
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if ! command -v chromium >/dev/null 2>&1; then
    apt_install chromium
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi

cd "$here"
if [ ! -f node_modules/@knight-lab/timelinejs/dist/js/timeline.js ]; then
    # The lock file pins the exact TimelineJS build the test was written against;
    # --ignore-scripts: nothing from the registry runs on this machine.
    if [ -f package-lock.json ]; then
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    else
        npm install --ignore-scripts --no-audit --no-fund --loglevel=error
    fi
fi

cd "$here/../markwhen"
if [ ! -f node_modules/@markwhen/parser/package.json ]; then
    # Pinned by its lock file too; no install scripts run.
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
