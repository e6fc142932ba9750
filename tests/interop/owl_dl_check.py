#!/usr/bin/env python3
"""Checks that the wangluo ontology is OWL 2 DL and consistent, with the OWL API and HermiT.

Usage: python3 tests/interop/owl_dl_check.py [ONTOLOGY.ttl]   (default: ontology/wangluo.ttl)

The OWL API (the parser and OWL 2 DL profile checker of Protégé and ROBOT) parses the Turtle and
checks it against the OWL 2 DL profile (OWL2DLProfile): every violation is printed, one a line.
HermiT then checks that the ontology is consistent and that no class is unsatisfiable. Both are
Java and run in-process through JPype; they come in the HermiT.jar that the PyPI package
`owlready2` ships (HermiT with the OWL API it is built on), so tests/requirements.txt needs
owlready2 and JPype1, and Java must be installed (`java -version`; on Debian
`apt-get install default-jre-headless`). Exits 0 when all holds, 1 when a check fails, 2 when a
tool is missing: the check never skips.
"""

import glob
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def start_jvm():
    try:
        import jpype
        import jpype.imports  # noqa: F401  (lets Python import Java packages)
        import owlready2
    except ImportError as missing:
        print(f"owl_dl_check: {missing}: pip install -r tests/requirements.txt", file=sys.stderr)
        sys.exit(2)
    jars = glob.glob(os.path.join(os.path.dirname(owlready2.__file__), "hermit", "HermiT.jar"))
    if not jars:
        print("owl_dl_check: owlready2 ships no hermit/HermiT.jar", file=sys.stderr)
        sys.exit(2)
    try:
        jpype.startJVM(classpath=jars, convertStrings=True)
    except Exception as e:  # no JVM found
        print(f"owl_dl_check: cannot start Java ({e}); install a JRE", file=sys.stderr)
        sys.exit(2)
    return jpype


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "ontology" / "wangluo.ttl"
    jpype = start_jvm()
    from java.io import File  # noqa: E402  (Java classes import after the JVM starts)
    from org.semanticweb.owlapi.apibinding import OWLManager
    from org.semanticweb.owlapi.profiles import OWL2DLProfile
    from org.semanticweb.HermiT import Reasoner

    manager = OWLManager.createOWLOntologyManager()
    ontology = manager.loadOntologyFromOntologyDocument(File(str(path)))
    failures = []

    report = OWL2DLProfile().checkOntology(ontology)
    for violation in report.getViolations():
        failures.append(f"OWL 2 DL: {violation}")

    reasoner = Reasoner.ReasonerFactory().createReasoner(ontology)
    if not reasoner.isConsistent():
        failures.append("HermiT: the ontology is inconsistent")
    else:
        for cls in reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom():
            failures.append(f"HermiT: unsatisfiable class {cls.getIRI()}")

    axioms = ontology.getAxiomCount()
    for line in failures:
        print(line)
    if failures:
        print(f"{path.name}: {len(failures)} problem(s) in {axioms} axioms", file=sys.stderr)
        sys.exit(1)
    print(f"{path.name}: OWL 2 DL, consistent, every class satisfiable ({axioms} axioms)")


if __name__ == "__main__":
    main()
