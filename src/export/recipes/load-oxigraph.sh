#!/bin/sh
# Loads these shards into an Oxigraph store (https://github.com/oxigraph/oxigraph, `pip install
# oxigraph` gives the CLI), in parallel, after checking them against SHA256SUMS:
#   sh load-oxigraph.sh STORE_DIR
# Then: oxigraph serve --location STORE_DIR
set -eu
store=$(realpath -m "${1:?usage: sh load-oxigraph.sh STORE_DIR}")
cd "$(dirname "$0")"
sha256sum --check --quiet SHA256SUMS
oxigraph load --location "$store" --file shard-*.nq.gz
