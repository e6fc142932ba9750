"""RDFLib loads wangluo's nanopublications: every file parses as TriG, and every nanopublication in
it has a head graph that links exactly three other non-empty named graphs (assertion, provenance,
publication info), the assertion stating a wl:Claim.

Usage: python3 nanopub_rdflib.py FILE.trig... ; prints one summary line, exits 1 on any problem.
"""

import sys

import rdflib
from rdflib import RDF, Namespace, URIRef

NP = Namespace("http://www.nanopub.org/nschema#")
WL_CLAIM = URIRef("https://w3id.org/wangluo/ontology#Claim")


def check_file(path):
    """The nanopublication URIs of one file; raises AssertionError on a malformed one."""
    dataset = rdflib.Dataset()
    dataset.parse(path, format="trig")
    non_empty = {g.identifier for g in dataset.graphs() if len(g) > 0}
    found = []
    owned = set()
    for _, _, _, head in dataset.quads((None, RDF.type, NP.Nanopublication, None)):
        head_graph = dataset.graph(head)
        nps = list(head_graph.subjects(RDF.type, NP.Nanopublication))
        assert len(nps) == 1, f"{path}: head {head} types {len(nps)} nanopublications"
        np = nps[0]
        parts = []
        for link in (NP.hasAssertion, NP.hasProvenance, NP.hasPublicationInfo):
            targets = list(head_graph.objects(np, link))
            assert len(targets) == 1, f"{path}: {np} has {len(targets)} {link}"
            assert targets[0] in non_empty, f"{path}: {np}: graph {targets[0]} is empty or missing"
            parts.append(targets[0])
        graphs = {head, *parts}
        assert len(graphs) == 4, f"{path}: {np} does not have 4 distinct graphs: {graphs}"
        assertion = dataset.graph(parts[0])
        claims = list(assertion.subjects(RDF.type, WL_CLAIM))
        assert len(claims) == 1, f"{path}: {np}: the assertion states {len(claims)} wl:Claim"
        provenance = dataset.graph(parts[1])
        assert any(True for _ in provenance.triples((parts[0], None, None))), (
            f"{path}: {np}: the provenance says nothing about the assertion"
        )
        owned |= graphs
        found.append(str(np))
    assert found, f"{path}: no np:Nanopublication"
    stray = non_empty - owned
    assert not stray, f"{path}: graphs outside any nanopublication: {sorted(stray)}"
    return found


def main(paths):
    if not paths:
        print("usage: nanopub_rdflib.py FILE.trig...", file=sys.stderr)
        return 2
    total = 0
    uris = set()
    try:
        for path in paths:
            found = check_file(path)
            total += len(found)
            uris.update(found)
    except AssertionError as e:
        print(f"FAIL {e}", file=sys.stderr)
        return 1
    assert len(uris) == total, "two nanopublications share a URI"
    print(f"rdflib {rdflib.__version__}: {total} nanopublications in {len(paths)} files, 4 graphs each")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
