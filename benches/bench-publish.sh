#!/usr/bin/env bash
# Publishing the bundled graph to a local Oxigraph server: `wangluo publish` against `curl -T` of
# the same N-Triples, graph by graph (issue 9's speed goal: publish no slower than curl).
# Usage: benches/bench-publish.sh [release|debug]   (needs .venv from scripts/test: its `oxigraph`)
# Not part of the tests: figures live here, never in timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
if [ "$profile" = release ]; then cargo build --release --locked -q; else cargo build --locked -q; fi
bin="${CARGO_TARGET_DIR:-target}/$profile/wangluo"
oxigraph=.venv/bin/oxigraph
[ -x "$oxigraph" ] || { echo "needs $oxigraph: run scripts/test once" >&2; exit 2; }
scratch=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$oxigraph" serve --location "$scratch/server" --bind "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
store="http://127.0.0.1:$port/store"
graphs=$("$bin" stats --format csv | awk -F, '/^class,/ {exit} NR>1 {print $1}')
for g in $graphs; do "$bin" export --format ntriples --graph "$g" -o "$scratch/$(basename "$g").nt" >/dev/null 2>&1; done
runs=7
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
time_of() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
curl_all() { for g in $graphs; do curl -sf -T "$scratch/$(basename "$g").nt" -H 'Content-Type: application/n-triples' "$store?graph=$g" -o /dev/null; done; }
w=$(for _ in $(seq $runs); do time_of "$bin" publish --endpoint "$store" --store-preset oxigraph; done | median)
p=$(for _ in $(seq $runs); do time_of "$bin" publish --endpoint "$store" --store-preset oxigraph --compress none; done | median)
c=$(for _ in $(seq $runs); do time_of curl_all; done | median)
echo "wangluo $("$bin" --version | cut -d' ' -f2), $profile build, $(nproc) cores, $(echo "$graphs" | wc -l) graphs"
printf 'wangluo publish (gzip, PUT per graph + count)   median %.3f s\n' "$w"
printf 'wangluo publish --compress none                  median %.3f s\n' "$p"
printf 'curl -T of the same N-Triples, graph by graph    median %.3f s\n' "$c"
printf 'ratio publish / curl: %.2f\n' "$(echo "$w / $c" | bc -l)"
