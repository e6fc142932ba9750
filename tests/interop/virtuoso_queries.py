#!/usr/bin/env python3
"""Runs every bundled query on a throw-away Virtuoso and on wangluo, and compares the rows.

Usage: python3 tests/interop/virtuoso_queries.py WANGLUO_BINARY

Virtuoso Open Source (Debian `virtuoso-opensource`, the store DBpedia runs on) is stricter than
Oxigraph about SPARQL 1.1: it refuses, for instance, a projected variable that is neither grouped
nor aggregated. The script starts Virtuoso on free ports in a temporary directory, puts the bundled
graph (wangluo's N-Triples export: the union of its graphs, as wangluo's queries see it) into one
graph by the Graph Store Protocol, then runs each queries/*.rq on both stores and compares the
results: the same variables, the same rows (values as text: IRIs, lexical forms) in the same order
wherever the query's ORDER BY decides it. Concatenations (GROUP_CONCAT) must match exactly, which
holds because the queries concatenate from ordered subqueries. Prints one line per query; exits 1
if any query fails or differs, 2 if Virtuoso cannot be started (it never skips).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GRAPH = "urn:wangluo:bundled"
INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_virtuoso(workdir, ports=None):
    """Starts Virtuoso on the database in `workdir` (new, or left by an earlier start) on the
    given (sql, http) ports, or on free ones; returns the process and its base URL."""
    process, base, _ = launch_virtuoso(workdir, ports=ports)
    return process, base


def launch_virtuoso(workdir, dirs_allowed=(), ports=None):
    """Like start_virtuoso, also allowing the bulk loader to read `dirs_allowed`; returns the
    SQL port (for isql-vt) too."""
    if not shutil.which("virtuoso-t") or not INI.exists():
        print("virtuoso_queries: Virtuoso is not installed "
              "(apt-get install virtuoso-opensource)", file=sys.stderr)
        sys.exit(2)
    sql_port, http_port = ports or (free_port(), free_port())
    ini = INI.read_text()
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db", str(workdir))
    ini = ini.replace("ServerPort               = 1111", f"ServerPort               = {sql_port}")
    ini = ini.replace("ServerPort                  = 8890", f"ServerPort                  = {http_port}")
    for directory in dirs_allowed:
        ini = ini.replace("DirsAllowed              = .,", f"DirsAllowed              = ., {directory},")
    (workdir / "virtuoso.ini").write_text(ini)
    process = subprocess.Popen(["virtuoso-t", "-f", "-c", str(workdir / "virtuoso.ini")],
                               cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{http_port}/sparql"
    for _ in range(120):
        try:
            urllib.request.urlopen(endpoint + "?query=ASK%7B%7D", timeout=2).read()
            break
        except Exception:
            time.sleep(0.5)
    else:
        process.kill()
        print("virtuoso_queries: Virtuoso did not come online", file=sys.stderr)
        sys.exit(2)
    if ports is None:  # a new database; a restarted one keeps its grants
        subprocess.run(["isql-vt", str(sql_port), "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'],
                       check=True, stdout=subprocess.DEVNULL)
    return process, f"http://127.0.0.1:{http_port}", sql_port


def put_graph(base, ntriples):
    url = f"{base}/sparql-graph-crud?graph-uri={urllib.parse.quote(GRAPH)}"
    request = urllib.request.Request(url, data=ntriples, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(request, timeout=120).read()


def virtuoso_rows(base, sparql):
    # Non-ASCII characters as SPARQL \\u escapes: Virtuoso 7 turns some (such as "…") into "?"
    # when they come form-encoded; the escapes are the same query (SPARQL 1.1, 19.2).
    sparql = "".join(c if ord(c) < 128 else
                     (f"\\u{ord(c):04X}" if ord(c) < 0x10000 else f"\\U{ord(c):08X}") for c in sparql)
    data = urllib.parse.urlencode({"query": sparql, "default-graph-uri": GRAPH}).encode()
    request = urllib.request.Request(f"{base}/sparql", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        results = json.load(response)
    variables = results["head"]["vars"]
    return variables, [{v: b[v]["value"] for v in variables if v in b}
                       for b in results["results"]["bindings"]]


def wangluo_rows(binary, name):
    out = subprocess.run([binary, "query", name, "--format", "json"], check=True,
                         capture_output=True).stdout
    results = json.loads(out)
    variables = results["head"]["vars"]
    return variables, [{v: b[v]["value"] for v in variables if v in b}
                       for b in results["results"]["bindings"]]


def normalize(value):
    """Numbers compare by value (Virtuoso writes 2 where Oxigraph writes 2 or "2")."""
    try:
        return str(int(value))
    except ValueError:
        return value


def compare(expected, got):
    (ev, er), (gv, gr) = expected, got
    if ev != gv:
        return f"variables differ: {gv} vs {ev}"
    key = lambda row: tuple(normalize(row.get(v, "")) for v in ev)
    if len(er) != len(gr):
        return f"{len(gr)} rows on Virtuoso, {len(er)} on wangluo"
    if sorted(map(key, er)) != sorted(map(key, gr)):
        missing = sorted(set(map(key, er)) - set(map(key, gr)))[:1]
        extra = sorted(set(map(key, gr)) - set(map(key, er)))[:1]
        return f"rows differ, e.g. wangluo has {missing} where Virtuoso has {extra}"
    if list(map(key, er)) != list(map(key, gr)):
        return "same rows in another order"
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        export = workdir / "bundled.nt"
        subprocess.run([binary, "export", "--format", "ntriples", "-o", str(export)], check=True,
                       capture_output=True)
        process, base = start_virtuoso(workdir)
        failures = 0
        try:
            put_graph(base, export.read_bytes())
            for path in sorted((REPO / "queries").glob("*.rq")):
                try:
                    problem = compare(wangluo_rows(binary, path.stem),
                                      virtuoso_rows(base, path.read_text()))
                except urllib.error.HTTPError as e:
                    problem = f"Virtuoso refuses it: {e.read().decode(errors='replace').strip()[:300]}"
                print(f"{path.stem}: {problem or 'same rows'}")
                failures += problem is not None
        finally:
            process.terminate()
            process.wait(timeout=30)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
