#!/usr/bin/env bash
# Command 1 of the README: installs what is missing, builds, and starts
# Proxinum on http://127.0.0.1:8080/ with an embedded SQLite database filled
# with the real Gers and Tarn-et-Garonne data. PORT=8081 to change the port.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install.sh"
"$ROOT/scripts/build.sh"
cd "$ROOT"
exec ./target/release/proxinum servir --port "${PORT:-8080}" --dist dist "$@"
