#!/usr/bin/env bash
# `wangluo serve` on loopback: pages per second (claim pages, the reading view) and /sparql
# latency for every bundled query, beside `oxigraph serve` (PyPI oxigraph, in .venv) answering the
# same queries on the same quads (union default graph, as wangluo's), with 1, 8 and 64
# concurrent clients, each run bounded to SECONDS seconds and REQUESTS requests.
# Usage: benches/bench-serve.sh [release|debug] [SECONDS] [REQUESTS]   (needs .venv: scripts/test)
# Not part of the tests: figures live here, never in timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
seconds="${2:-2}"
requests="${3:-2000}"
if [ "$profile" = release ]; then cargo build --release --locked -q; else cargo build --locked -q; fi
bin="${CARGO_TARGET_DIR:-target}/$profile/wangluo"
oxigraph=.venv/bin/oxigraph
[ -x "$oxigraph" ] || { echo "needs $oxigraph: run scripts/test once" >&2; exit 2; }
scratch=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
"$bin" export --format nquads -o "$scratch/all.nq" >/dev/null 2>&1
"$oxigraph" load --location "$scratch/oxigraph" --file "$scratch/all.nq" >/dev/null 2>&1
oxport=$(free_port)
"$oxigraph" serve --location "$scratch/oxigraph" --bind "127.0.0.1:$oxport" --union-default-graph >/dev/null 2>&1 &
oxpid=$!
"$bin" serve --bind 127.0.0.1:0 --timeout 60 > "$scratch/serve.out" &
wlpid=$!
trap 'kill $oxpid $wlpid 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$oxport/" && grep -q serving "$scratch/serve.out" 2>/dev/null && break
  sleep 0.1
done
wangluo_root="http://$(grep -o '127.0.0.1:[0-9]*' "$scratch/serve.out" | head -1)"
echo "wangluo $("$bin" --version | cut -d' ' -f2) ($profile) vs oxigraph $("$oxigraph" --version | cut -d' ' -f2), $(nproc) cores, $(wc -l < "$scratch/all.nq") quads, ${seconds} s or ${requests} requests per run"
.venv/bin/python benches/bench_serve.py "$wangluo_root" "http://127.0.0.1:$oxport" queries "$seconds" "$requests"
