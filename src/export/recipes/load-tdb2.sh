#!/bin/sh
# Loads these shards into a new Apache Jena TDB2 database with the bulk loader xloader (Jena 4.5+:
# apache-jena's bin/ on PATH), after checking them against SHA256SUMS:
#   sh load-tdb2.sh DATABASE_DIR [TMP_DIR]
# Then: fuseki-server --loc DATABASE_DIR /wangluo
set -eu
db=$(realpath -m "${1:?usage: sh load-tdb2.sh DATABASE_DIR [TMP_DIR]}")
tmp=$(realpath -m "${2:-${TMPDIR:-/tmp}}")
cd "$(dirname "$0")"
sha256sum --check --quiet SHA256SUMS
tdb2.xloader --loc "$db" --tmpdir "$tmp" shard-*.nq.gz
