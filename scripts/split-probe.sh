#!/usr/bin/env bash
# What route-level splitting would weigh (issue 14): the residents' wasm
# built as it is, then with every page but the home page moved into a wasm
# module of its own, `pages`, loaded when a resident first opens one of
# them. Trunk 0.21 cannot split (trunk issue 1022), so this probe builds
# outside it, as cargo-leptos does: cargo with relocations kept,
# wasm-split-cli (crate wasm_split_cli_support), wasm-bindgen on the main
# module, then wasm-opt with index.html's parameters on each module.
#
# The split build is made in a scratch worktree of HEAD with
# scripts/split-probe.patch applied (src/app.rs: the page builders marked
# `wasm_split(pages)`, the match awaiting them); nothing of the repository
# changes. Prints each module's size, raw and brotli 11.
# Usage: ./scripts/split-probe.sh   (first run ~6 min: wasm-split-cli and
# a build of its own; then ~2 min)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

# The split build must get the same rustflags as the app's (.cargo/config.toml),
# plus --emit-relocs, which wasm-split reads the call graph from.
grep -q '^rustflags = \["--cfg", "erase_components"\]$' .cargo/config.toml || {
  echo "split-probe: .cargo/config.toml's wasm rustflags changed; update this script's RUSTFLAGS" >&2
  exit 1
}
SPLIT_RUSTFLAGS="--cfg erase_components -Clink-args=--emit-relocs"

TOOLS="$ROOT/target/tools"
SPLIT_CLI="$TOOLS/bin/wasm-split-cli"
if [ ! -x "$SPLIT_CLI" ]; then
  echo "==> wasm-split-cli 0.2.4 (once, in target/tools)"
  cargo install --quiet wasm_split_cli_support --version 0.2.4 --features build-binary --root "$TOOLS"
fi

WORK=$(mktemp -d /tmp/proxinum-split-probe.XXXXXX)
TREE="$WORK/tree"
cleanup() {
  git -C "$ROOT" worktree remove --force "$TREE" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
git worktree add --quiet --detach "$TREE" HEAD
git -C "$TREE" apply "$ROOT/scripts/split-probe.patch" || {
  echo "split-probe: scripts/split-probe.patch no longer applies to src/app.rs; write it again" >&2
  exit 1
}

OPT_PARAMS=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html | head -1)
optimise() { # in out
  # shellcheck disable=SC2086 # the parameters are words
  wasm-opt $OPT_PARAMS "$1" -o "$2"
}

echo "==> as it is (the release's cargo profile and wasm-opt parameters)"
cargo build --quiet --bin proxinum-app --target wasm32-unknown-unknown --profile wasm-release
mkdir -p "$WORK/whole"
wasm-bindgen --target web --no-typescript --out-dir "$WORK/whole" --out-name app \
  target/wasm32-unknown-unknown/wasm-release/proxinum-app.wasm
optimise "$WORK/whole/app_bg.wasm" "$WORK/whole.wasm"

echo "==> split (worktree of HEAD + scripts/split-probe.patch)"
(cd "$TREE" && RUSTFLAGS="$SPLIT_RUSTFLAGS" cargo build --quiet --bin proxinum-app --target wasm32-unknown-unknown \
  --profile wasm-release --target-dir "$ROOT/target/split-probe")
mkdir -p "$WORK/split" "$WORK/bound"
"$SPLIT_CLI" --target web --out-name app target/split-probe/wasm32-unknown-unknown/wasm-release/proxinum-app.wasm "$WORK/split" >/dev/null
# The split modules import the main module's table: LLD's exports stay.
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$WORK/bound" --out-name app "$WORK/split/app.wasm"
optimise "$WORK/bound/app_bg.wasm" "$WORK/main.wasm"
for module in "$WORK"/split/*.wasm; do
  name=$(basename "$module" .wasm)
  [ "$name" = app ] && continue
  wasm-opt -Oz "$module" -o "$WORK/module-$name.wasm" 2>/dev/null
done

node - "$WORK" <<'EOF'
const { readdirSync, readFileSync } = require("node:fs");
const zlib = require("node:zlib");
const dir = process.argv[2];
const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const row = (label, file) => { const b = readFileSync(`${dir}/${file}`); return { label, raw: b.length, br: brotli(b) }; };
const whole = row("wasm as it is", "whole.wasm");
const main = row("split: main module (shell, home page, all they share)", "main.wasm");
const modules = readdirSync(dir).filter((f) => f.startsWith("module-")).sort().map((f) => row(`split: ${f.slice(7, -5)}`, f));
const split = [main, ...modules];
const total = { label: "split: all modules", raw: split.reduce((s, r) => s + r.raw, 0), br: split.reduce((s, r) => s + r.br, 0) };
console.log("| wasm | raw | brotli |\n|---|---:|---:|");
for (const r of [whole, ...split, total]) console.log(`| ${r.label} | ${kib(r.raw)} | ${kib(r.br)} |`);
console.log(`\nmain module ${(main.br - whole.br >= 0 ? "+" : "") + kib(main.br - whole.br)}; all modules ${(total.br - whole.br >= 0 ? "+" : "") + kib(total.br - whole.br)} against the wasm as it is`);
EOF
