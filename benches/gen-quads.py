#!/usr/bin/env python3
"""Writes N synthetic quads in G named graphs as N-Quads, deterministic (no dependencies).

    benches/gen-quads.py N G OUT.nq

The store of few, large graphs (issue 23: "1M quads in 20 graphs"), which the corpora of
benches/gen-corpus.py (one small graph per document) do not make. Each graph holds claims in
wangluo's vocabulary (so that the bundled JSON-LD context compacts them): a type, a language-tagged
label, a claimant and a subject (IRIs), a date and a count (typed literals), ten statements per
claim; graphs are filled in turn.
"""

import sys

WL = "https://w3id.org/wangluo/ontology#"
WLD = "https://w3id.org/wangluo/id/"
WLG = "https://w3id.org/wangluo/graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"


def claim(graph, n):
    s = f"<{WLD}gq-g{graph:02d}-claim-{n:07d}>"
    g = f"<{WLG}gq-{graph:02d}>"
    actor = f"<{WLD}gq-actor-{(n * 7 + graph) % 500:04d}>"
    other = f"<{WLD}gq-actor-{(n * 13 + 3) % 500:04d}>"
    lines = [
        (f"<{RDF_TYPE}>", f"<{WL}Claim>"),
        (f"<{LABEL}>", f'"claim {n} of graph {graph}, about actor {(n * 13 + 3) % 500}"@en'),
        (f"<{WL}claimant>", actor),
        (f"<{WL}subject>", other),
        (f"<{WL}quote>", f'"The text of claim {n}, as said by its claimant."'),
        (f"<{WL}date>", f'"20{10 + n % 15:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"^^<{XSD}date>'),
        (f"<{WL}count>", f'"{n % 1000}"^^<{XSD}integer>'),
        (f"<{WL}perspective>", f"<https://w3id.org/wangluo/vocab/perspective/{'western' if n % 2 else 'chinese'}>"),
        (f"<{WL}sourceDocument>", f"<{WLD}gq-doc-{n % 2000:05d}>"),
        (f"<{WL}note>", f'"note {n}"'),
    ]
    return "".join(f"{s} {p} {o} {g} .\n" for p, o in lines)


def main():
    n, graphs, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    claims = n // 10
    with open(out, "w", encoding="utf-8") as f:
        for i in range(claims):
            f.write(claim(i % graphs, i // graphs))
    print(f"{claims * 10} quads in {graphs} graphs")


if __name__ == "__main__":
    main()
