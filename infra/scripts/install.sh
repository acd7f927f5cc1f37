#!/usr/bin/env bash
# Installs what Tidings needs on a Debian/Ubuntu machine that has Node.js 20:
# pnpm (pinned), a C toolchain for better-sqlite3 when no prebuilt binary can
# be fetched, redis-server and chromium when missing, then the workspace's dependencies.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/../.."

PNPM_VERSION=12.4.2

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "install.sh: need root (or sudo) for: $*" >&2; return 1; fi
}

apt_install() {
  echo "install.sh: installing $* with apt-get" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v node >/dev/null || { echo "install.sh: Node.js 20 is required (https://nodejs.org)" >&2; exit 1; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "install.sh: Node.js >= 20 is required, found $(node -v)" >&2; exit 1; }

if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "install.sh: installing pnpm@$PNPM_VERSION" >&2
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || as_root npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
# better-sqlite3 builds from source when its prebuilt binary cannot be downloaded.
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)
# Debian's Chromium: the browser tests drive it headless through playwright-core (no browser download).
command -v chromium >/dev/null || missing+=(chromium)
# promtool (Debian's prometheus package) validates and unit-tests the alert rules (test/observability).
command -v promtool >/dev/null || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

# Debian's nodejs ships its headers under /usr: build native addons against them (no download).
if [ -f /usr/include/node/common.gypi ]; then export npm_config_nodedir=/usr; fi

pnpm install --frozen-lockfile

# The compiled build (every package and service to its dist/): what the `tidings`
# executable (services/cli/dist/main.js) and the Docker image run. Quick when nothing changed.
pnpm build
