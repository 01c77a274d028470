#!/usr/bin/env bash
# The API fuzzer: schemathesis against the real release server on a free
# port with a fresh database, from the server's own /api/openapi.json.
# Fails on any 5xx, any answer off its documented schema, status or content
# type, a schema-violating request accepted, a missing Allow, an organiser
# route answering without the token… (every check but one: a request that
# fits the schema may still be refused for a business reason — a workshop
# that does not exist, 0 places — so `positive_data_acceptance` is left out).
# Bounded: FUZZ_EXAMPLES (default 100) examples per operation, fixed seed
# FUZZ_SEED (default 1) so that a failure can be replayed. One worker: with
# two, Debian's Python 3.11 sometimes fails inside schemathesis itself
# ("AST constructor recursion depth mismatch", a CPython bug under threads).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOKEN="jeton-du-fuzzeur-0123456789"
WORK="$(mktemp -d)"
LOG="$WORK/serveur.log"
target/release/proxinum --base "$WORK/proxinum.sqlite" servir --port 0 --dist dist --jeton "$TOKEN" --limite-par-minute 0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
URL=""
for _ in $(seq 1 100); do
  URL="$(sed -n 's/^Proxinum est prêt : \(http:[^ ]*\)\/$/\1/p' "$LOG")"
  [ -n "$URL" ] && break
  sleep 0.2
done
[ -n "$URL" ] || { echo "le serveur n'a pas démarré :" >&2; cat "$LOG" >&2; exit 1; }
target/schemathesis/bin/st --config-file tests/schemathesis.toml run "$URL/api/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks all --exclude-checks positive_data_acceptance \
  --max-examples "${FUZZ_EXAMPLES:-100}" --seed "${FUZZ_SEED:-1}" --workers 1 \
  --report junit --report-dir target/schemathesis-report
