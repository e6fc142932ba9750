#!/usr/bin/env python3
"""Runs the Virtuoso recipe of `wangluo export --shard-size` for real and checks what comes out.

Usage: python3 tests/interop/virtuoso_bulk_load.py SHARD_DIR

Starts a throw-away Virtuoso whose DirsAllowed includes SHARD_DIR, runs SHARD_DIR/load-virtuoso.sh
(ld_dir + rdf_loader_run through isql-vt), then reads every graph of the shards back over SPARQL
and compares it, quad by quad, with the shards (parsed with RDFLib). Prints
`N quads back out of N in G graphs` and exits 0 when they are the same; else prints what differs
and exits 1 (2 when Virtuoso cannot be started or the recipe fails).
"""

import gzip
import json
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from rdflib import Dataset, Literal, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent))
from virtuoso_queries import launch_virtuoso  # noqa: E402

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def key(s, p, o):
    """A quad's triple as comparable text: literals by lexical form, datatype and language."""
    if isinstance(o, Literal):
        datatype = str(o.datatype) if o.datatype and str(o.datatype) != XSD_STRING else ""
        obj = ("literal", str(o), datatype, (o.language or "").lower())
    else:
        obj = ("iri", str(o), "", "")
    return (str(s), str(p)) + obj


def shard_quads(shard_dir):
    dataset = Dataset()
    for path in sorted(shard_dir.glob("shard-*.nq.gz")):
        dataset.parse(data=gzip.decompress(path.read_bytes()).decode("utf-8"), format="nquads")
    graphs = {}
    for s, p, o, g in dataset.quads():
        graphs.setdefault(str(g), set()).add(key(s, p, o))
    return graphs


def term(binding):
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return URIRef("_:" + binding["value"])  # shards hold no blank node: shows as a difference
    return Literal(binding["value"], lang=binding.get("xml:lang"), datatype=binding.get("datatype"))


def virtuoso_graph(base, graph):
    sparql = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    data = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(f"{base}/sparql", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        rows = json.load(response)["results"]["bindings"]
    return {key(term(r["s"]), term(r["p"]), term(r["o"])) for r in rows}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    shard_dir = Path(sys.argv[1]).resolve()
    expected = shard_quads(shard_dir)
    with tempfile.TemporaryDirectory() as tmp:
        process, base, sql_port = launch_virtuoso(Path(tmp), dirs_allowed=[str(shard_dir)])
        try:
            recipe = subprocess.run(["sh", str(shard_dir / "load-virtuoso.sh"), str(sql_port)],
                                    capture_output=True, text=True)
            if recipe.returncode != 0:
                print(f"load-virtuoso.sh failed: {recipe.stdout} {recipe.stderr}", file=sys.stderr)
                sys.exit(2)
            problems = []
            for graph, quads in sorted(expected.items()):
                got = virtuoso_graph(base, graph)
                if got != quads:
                    missing = sorted(quads - got)[:2]
                    extra = sorted(got - quads)[:2]
                    problems.append(f"{graph}: {len(got)} quads in Virtuoso, {len(quads)} in the "
                                    f"shards; e.g. missing {missing}, extra {extra}")
        finally:
            process.terminate()
            process.wait(timeout=30)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    total = sum(len(q) for q in expected.values())
    print(f"{total} quads back out of {total} in {len(expected)} graphs")


if __name__ == "__main__":
    main()
