"""RDFLib reads wangluo's exports and finds each isomorphic to wangluo's N-Quads.

Usage: python3 rdflib_formats.py DIR

DIR holds data.nq (the reference), data.trig, data.ttl, data.rdf and data.{compacted,expanded,
flattened}.jsonld, all exported from the same store. Quad formats are compared graph by graph
(same graph names, each graph isomorphic); triple formats (Turtle, RDF/XML) with the merge of the
reference's graphs. Prints one line per file; exits 1 if any differs.
"""

import sys
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

QUAD_FILES = {
    "data.trig": "trig",
    "data.compacted.jsonld": "json-ld",
    "data.expanded.jsonld": "json-ld",
    "data.flattened.jsonld": "json-ld",
}
TRIPLE_FILES = {"data.ttl": "turtle", "data.rdf": "xml"}


def graphs(dataset):
    """Non-empty graphs of a dataset by name (the default graph as 'DEFAULT')."""
    named = {}
    for graph in dataset.graphs():
        if len(graph):
            name = graph.identifier
            key = "DEFAULT" if name == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else str(name)
            named[key] = graph
    return named


def compare_datasets(reference, other):
    ref, got = graphs(reference), graphs(other)
    if set(ref) != set(got):
        return f"graph names differ: {sorted(set(ref) ^ set(got))}"
    for name in sorted(ref):
        if len(ref[name]) != len(got[name]):
            return f"graph {name}: {len(got[name])} triples, expected {len(ref[name])}"
        if not isomorphic(ref[name], got[name]):
            return f"graph {name}: not isomorphic"
    return None


def main():
    directory = Path(sys.argv[1])
    reference = rdflib.Dataset()
    reference.parse(directory / "data.nq", format="nquads")
    merged = rdflib.Graph()
    for graph in graphs(reference).values():
        for triple in graph:
            merged.add(triple)
    if len(merged) == 0:
        print("FAIL data.nq: no statements")
        return 1
    failures = 0
    for name, fmt in QUAD_FILES.items():
        dataset = rdflib.Dataset()
        dataset.parse(directory / name, format=fmt)
        problem = compare_datasets(reference, dataset)
        print(f"{'FAIL' if problem else 'ok'} {name} ({fmt}){': ' + problem if problem else ''}")
        failures += problem is not None
    for name, fmt in TRIPLE_FILES.items():
        graph = rdflib.Graph()
        graph.parse(directory / name, format=fmt)
        if len(graph) != len(merged):
            problem = f"{len(graph)} triples, expected {len(merged)}"
        elif not isomorphic(graph, merged):
            problem = "not isomorphic to the merged graphs"
        else:
            problem = None
        print(f"{'FAIL' if problem else 'ok'} {name} ({fmt}){': ' + problem if problem else ''}")
        failures += problem is not None
    print(f"rdflib {rdflib.__version__}: {len(merged)} triples in {len(graphs(reference))} graphs")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
