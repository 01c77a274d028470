#!/usr/bin/env bash
# Checks the invariants of ARCHITECTURE.md that a search can check, and says
# which one broke and where. Run by test.sh; quick (no build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
failed=0
broken() {
  echo "Invariant $1 enfreint : $2" >&2
  echo "$3" | sed 's/^/    /' >&2
  failed=1
}
check() { # check <invariant> <message> <command producing offending lines>
  local found
  found="$(eval "$3" || true)"
  [ -z "$found" ] || broken "$1" "$2" "$found"
}

# 1. core depends on no browser, HTTP or SQL crate (its direct dependencies).
check 1 "crates/core dépend d'une bibliothèque navigateur, HTTP ou SQL" \
  "cargo tree -p proxinum-core -e normal --depth 1 --prefix none --target all --offline 2>/dev/null | grep -E '^(web-sys|js-sys|wasm-bindgen|gloo[-a-z]*|leptos[-a-z_]*|axum|hyper|reqwest|ureq|rusqlite|indexed_db_futures) '"
# 2. Views render on the server: no app context, IndexedDB or browser API.
#    The one context they read is their own QrDrawer (ARCHITECTURE.md, 2).
check 2 "crates/views lit le navigateur ou un contexte de l'application" \
  "grep -rnE 'web_sys|js_sys|indexed_db|gloo|expect_context|use_context|window\(\)' crates/views/src | grep -v 'use_context::<QrDrawer>()'"
# 3. Only src/storage touches IndexedDB; only src/net (and core's outbox
#    request, which the service worker sends too) knows the server's URLs;
#    only crates/server/src/db writes SQL.
check 3 "IndexedDB hors de src/storage" \
  "grep -rln 'indexed_db_futures' src | grep -v '^src/storage/'"
check 3 "adresse de l'API hors de src/net" \
  "grep -rn '\"/api/' src | grep -v '^src/net/'"
check 3 "adresse de l'API dans core ailleurs que dans la requête de l'outbox" \
  "grep -rn '\"/api/' crates/core/src | grep -v '^crates/core/src/outbox.rs:' | grep -v '/tests'"
check 3 "SQL hors de crates/server/src/db" \
  "grep -rnE '\"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA)\b' crates/server/src | grep -v '^crates/server/src/db/'"
# 4. Capacity and waiting list are decided in core, not next to the SQL.
check 4 "décision de places ou de liste d'attente dans crates/server/src/db" \
  "grep -rnE '(capacit[a-z_]*|places[a-z_]*|confirm[a-z_]*)\s*(<=|>=|<|>|-|\+)\s*[a-z0-9(]' crates/server/src/db"

if [ "$failed" -ne 0 ]; then
  echo "Voir ARCHITECTURE.md, « Invariants »." >&2
  exit 1
fi
echo "Invariants 1 à 4 : respectés."
