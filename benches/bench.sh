#!/usr/bin/env bash
# Times the main commands on the bundled data and records peak memory.
# Usage: benches/bench.sh [PROFILE]   (PROFILE = release (default) or debug)
# Not part of the tests: speed and memory figures live here, never in timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
if [ "$profile" = release ]; then cargo build --release --locked -q; else cargo build --locked -q; fi
bin="${CARGO_TARGET_DIR:-target}/$profile/wangluo"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
runs=10

measure() {
  local name="$1"; shift
  local times=() rss=0
  for _ in $(seq $runs); do
    rm -rf "$scratch/store"
    [ "$name" = "query on a RocksDB store" ] && "$bin" --store "$scratch/store" load >/dev/null
    /usr/bin/time -f "%e %M" -o "$scratch/t" "$@" >/dev/null
    read -r t m < "$scratch/t"
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-40s median %6.2f s   peak RSS %7d KB   (%d runs)\n' "$name" "$median" "$rss" "$runs"
}

echo "wangluo $("$bin" --version | cut -d' ' -f2), $profile build, $(nproc) cores"
measure "query adversary-sources (in memory)" "$bin" query adversary-sources
measure "stats (in memory)" "$bin" stats
measure "export turtle (in memory)" "$bin" export --format turtle
measure "export jsonld (in memory)" "$bin" export --format jsonld
measure "load bundled into a new RocksDB store" "$bin" --store "$scratch/store" load
measure "query on a RocksDB store" "$bin" --store "$scratch/store" query adversary-sources
