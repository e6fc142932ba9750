#!/usr/bin/env python3
"""Validates RDF files against SHACL shapes with pySHACL; prints one JSON object per file.

Usage: pyshacl_verdicts.py SHAPES.ttl DATA.nt [DATA.nt ...]

Each line of output: {"file": ..., "conforms": bool, "results": [{"focus", "path", "value",
"message", "severity"}, ...]}, in the order of the arguments. Files are validated in parallel
(one process per core). Used by tests/validate.rs, which compares pySHACL's verdicts with the
expected ones for the bundled data and for copies of it broken one way per shape.
"""

import json
import multiprocessing
import sys

import pyshacl
import rdflib
from rdflib.namespace import SH


def term(node):
    if node is None:
        return None
    if isinstance(node, rdflib.BNode):
        return "_:"
    return str(node)


def validate(args):
    shapes_path, data_path = args
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    data = rdflib.Graph().parse(data_path, format="nt")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes)
    results = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        results.append(
            {
                "focus": term(report.value(result, SH.focusNode)),
                "path": term(report.value(result, SH.resultPath)),
                "value": term(report.value(result, SH.value)),
                "message": term(report.value(result, SH.resultMessage)),
                "severity": term(report.value(result, SH.resultSeverity)),
            }
        )
    results.sort(key=lambda r: json.dumps(r, sort_keys=True))
    return {"file": data_path, "conforms": bool(conforms), "results": results}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    shapes_path = sys.argv[1]
    jobs = [(shapes_path, data_path) for data_path in sys.argv[2:]]
    with multiprocessing.Pool(min(len(jobs), multiprocessing.cpu_count())) as pool:
        for verdict in pool.map(validate, jobs):
            print(json.dumps(verdict, ensure_ascii=False))


if __name__ == "__main__":
    main()
