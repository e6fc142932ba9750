"""pyld (an independent JSON-LD processor) checks wangluo's JSON-LD and canonical N-Quads.

Usage: python3 pyld_jsonld.py DIR HASH

DIR holds data.nq (wangluo's N-Quads) and data.{compacted,expanded,flattened}.jsonld. For each
JSON-LD file, pyld expands it and turns it into RDF; RDFLib must find that RDF isomorphic, graph by
graph, to data.nq. Then pyld canonicalizes data.nq with URDNA2015 (= RDFC-1.0): the SHA-256 of its
canonical N-Quads must be HASH, the hash `wangluo hash` prints. Exits 1 on any difference.
"""

import hashlib
import json
import sys
from pathlib import Path

import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic

sys.path.insert(0, str(Path(__file__).parent))
from rdflib_formats import compare_datasets  # noqa: E402

FORMS = ["compacted", "expanded", "flattened"]


def main():
    directory, expected_hash = Path(sys.argv[1]), sys.argv[2]
    nquads = (directory / "data.nq").read_text(encoding="utf-8")
    reference = rdflib.Dataset()
    reference.parse(data=nquads, format="nquads")
    failures = 0
    for form in FORMS:
        document = json.loads((directory / f"data.{form}.jsonld").read_text(encoding="utf-8"))
        if form != "expanded" and "@context" not in document:
            print(f"FAIL data.{form}.jsonld: no @context")
            failures += 1
            continue
        expanded = jsonld.expand(document)
        rdf = jsonld.to_rdf(expanded, {"format": "application/n-quads"})
        dataset = rdflib.Dataset()
        dataset.parse(data=rdf, format="nquads")
        problem = compare_datasets(reference, dataset)
        print(f"{'FAIL' if problem else 'ok'} data.{form}.jsonld (pyld expand + toRdf)"
              f"{': ' + problem if problem else ''}")
        failures += problem is not None
    canonical = jsonld.normalize(
        jsonld.from_rdf(nquads, {"format": "application/n-quads"}),
        {"algorithm": "URDNA2015", "format": "application/n-quads"},
    )
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    if digest != expected_hash:
        print(f"FAIL URDNA2015 hash {digest}, wangluo hash says {expected_hash}")
        failures += 1
    else:
        print(f"ok URDNA2015 hash {digest}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
