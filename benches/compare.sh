#!/usr/bin/env bash
# Whole-process comparison of `wh adr list` / `wh adr search` with the tools a user would
# otherwise reach for, on identical records (README, Performance: "Decision records").
#
# Needs hyperfine, fzf and adr-tools (Debian: apt-get install -y hyperfine fzf adr-tools) and
# adrs 0.13.0 (cargo install adrs --version 0.13.0). Warm cache: hyperfine warms up first.
#
#   benches/compare.sh                 # everything, results in target/compare/*.md
#   QUERY=kafka RUNS=30 benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-target/compare}
QUERY=${QUERY:-kubernetes}
RUNS=${RUNS:-20}
ADRS=${ADRS:-adrs}

for tool in hyperfine fzf adr "$ADRS"; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is not installed" >&2; exit 1; }
done
"$ADRS" --version | grep -q ' 0\.13\.0' || echo "compare.sh: note: adrs is not 0.13.0" >&2

cargo build --release --bin wh --example gen-workspace
WH=$PWD/target/release/wh
mkdir -p "$OUT"
for n in 1000 10000; do
  target/release/examples/gen-workspace --adrs "$n" --components 500 --force "$OUT/w$n"
done
OUT=$(cd "$OUT" && pwd)

echo "== machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# Listing: number, status, date, title of every record.
hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown "$OUT/list.md" \
  -n "wh adr list (1,000 TOML)" "$WH -C $OUT/w1000/toml adr list" \
  -n "adrs list -l (1,000 md)" "$ADRS list -l -C $OUT/w1000/md" \
  -n "wh adr list (10,000 TOML)" "$WH -C $OUT/w10000/toml adr list" \
  -n "adrs list -l (10,000 md)" "$ADRS list -l -C $OUT/w10000/md"

# Decisions-only mode: `wh adr list` inside the adr-tools folder itself (issue 4).
hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown "$OUT/list-md-folder.md" \
  -n "wh adr list (10,000 md, in the folder)" "$WH -C $OUT/w10000/md adr list" \
  -n "adrs list -l (10,000 md)" "$ADRS list -l -C $OUT/w10000/md"

# adr-tools' own `adr list` only prints file names (no status, no date): shown for reference.
hyperfine --warmup 3 --runs "$RUNS" --export-markdown "$OUT/list-adr-tools.md" \
  -n "adr list (adr-tools, 10,000 md)" "cd $OUT/w10000/md && adr list"

# Search: wh searches titles, numbers, tags (fuzzy) and every body (substring);
# grep | fzf reads only the titles.
hyperfine --warmup 3 --runs "$RUNS" --export-markdown "$OUT/search.md" \
  -n "wh adr search $QUERY (10,000 TOML)" "$WH -C $OUT/w10000/toml adr search $QUERY" \
  -n "grep | fzf --filter $QUERY (10,000 md)" \
  "cd $OUT/w10000/md && grep -h -m1 '^# ' doc/adr/*.md | fzf --filter $QUERY"

echo "== machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$OUT/list.md" "$OUT/list-md-folder.md" "$OUT/list-adr-tools.md" "$OUT/search.md"
