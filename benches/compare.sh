#!/usr/bin/env bash
# Whole-process comparison of `wh` with the tools a user would otherwise reach for (issue 2):
#   wh adr list (TOML workspace)      vs  adrs list -l (the same records as markdown)
#   wh adr list (adr-tools folder)    vs  adrs list -l (same folder)
#   wh adr search QUERY               vs  grep -h -m1 '^# ' doc/adr/*.md | fzf --filter QUERY
# Usage: benches/compare.sh [ADRS] [QUERY]   (ADRS records, default 10000; QUERY default "kafka")
# Needs hyperfine, fzf and adrs 0.13.0 (`cargo install adrs --version 0.13.0`; set ADRS_BIN if it
# is not on PATH). Builds release binaries, writes the workspace under $GEN (default /tmp/gen).
set -euo pipefail
n=${1:-10000}
query=${2:-kafka}
gen=${GEN:-/tmp/gen}
adrs=${ADRS_BIN:-$(command -v adrs || echo "$HOME/.cargo/bin/adrs")}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet --bin wh --example gen-workspace
wh="$root/target/release/wh"
rm -rf "$gen"
"$root/target/release/examples/gen-workspace" --adrs "$n" --components 500 "$gen"
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
opts=(-N --warmup 3 --runs "${RUNS:-20}")
cd "$gen/md"
hyperfine "${opts[@]}" --export-markdown /tmp/compare-list-toml.md \
  -n "wh adr list (TOML workspace)" "$wh -C $gen/toml adr list" \
  -n "adrs list -l (same records, markdown)" "$adrs list -l"
hyperfine "${opts[@]}" --export-markdown /tmp/compare-list-md.md \
  -n "wh adr list (adr-tools folder)" "$wh adr list" \
  -n "adrs list -l" "$adrs list -l"
hyperfine "${opts[@]}" --export-markdown /tmp/compare-search.md \
  -n "wh adr search $query" "$wh adr search $query" \
  -n "grep | fzf --filter $query" "bash -c \"grep -h -m1 '^# ' doc/adr/*.md | fzf --filter $query\""
