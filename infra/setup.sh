#!/usr/bin/env bash
# One command for a newcomer: install everything, then run the bundled demo
# (a sample news site on 127.0.0.1, its feeds subscribed and ingested into the
# embedded SQLite index, with a Redis that Tidings starts itself if none runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/scripts/install.sh
exec pnpm --silent tidings demo "$@"
