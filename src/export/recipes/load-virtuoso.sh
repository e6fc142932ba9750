#!/bin/sh
# Bulk-loads these shards into Virtuoso with its bulk loader (ld_dir + rdf_loader_run, the way
# DBpedia is loaded), through isql-vt (Debian's virtuoso-opensource; `isql` elsewhere):
#   sh load-virtuoso.sh [SQL_PORT [USER [PASSWORD]]]        (default: 1111 dba dba)
# This directory must be listed in DirsAllowed of virtuoso.ini. Quads keep their graphs; triples
# without one go to {BASE}graph/default. For a large load, run rdf_loader_run() in several isql
# sessions at once (one per core) and raise NumberOfBuffers in virtuoso.ini.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
isql=${ISQL:-isql-vt}
cd "$dir"
sha256sum --check --quiet SHA256SUMS
"$isql" "${1:-1111}" "${2:-dba}" "${3:-dba}" \
  exec="ld_dir('$dir', 'shard-*.nq.gz', '{BASE}graph/default'); rdf_loader_run(); checkpoint;"
# Any file the loader refused is listed with its error (ll_state 2 = done):
failed=$("$isql" "${1:-1111}" "${2:-dba}" "${3:-dba}" \
  exec="SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '$dir/%' AND (ll_state <> 2 OR ll_error IS NOT NULL);" \
  | awk '/^[0-9]+$/ { print; exit }')
if [ "${failed:-1}" != "0" ]; then
  echo "load-virtuoso.sh: $failed shard(s) not loaded: see DB.DBA.LOAD_LIST" >&2
  exit 1
fi
