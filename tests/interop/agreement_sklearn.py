"""scikit-learn's cohen_kappa_score checks wangluo's Cohen's kappa.

Usage: python3 agreement_sklearn.py AGREEMENT.json CASES.json

AGREEMENT.json is `wangluo agreement A B --format json`: for its matched claims, scikit-learn's
kappa of the two annotators' claimants and perspectives must be wangluo's, and so must its kappa
of the characterizations as yes/no decisions (each label either annotator used, for each matched
claim). CASES.json holds more label lists with wangluo's kappa of each
([{"a": [...], "b": [...], "kappa": k or null}]); null stands for undefined, which scikit-learn
gives as NaN. Prints one line per comparison; exits 1 on any difference.
"""

import json
import math
import sys
import warnings

from sklearn.metrics import cohen_kappa_score


def same(ours, theirs):
    if ours is None:
        return math.isnan(theirs)
    return abs(ours - theirs) < 1e-9


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        cases = json.load(f)
    matched = report["matched"]
    comparisons = []
    for field in ["claimant", "perspective"]:
        a = [m[field][0] for m in matched]
        b = [m[field][1] for m in matched]
        comparisons.append((f"agreement {field}", report[field]["kappa"], a, b))
    labels = sorted({label for m in matched for side in m["characterizations"] for label in side})
    a = [label in m["characterizations"][0] for m in matched for label in labels]
    b = [label in m["characterizations"][1] for m in matched for label in labels]
    comparisons.append(("agreement characterizations", report["characterizations"]["kappa"], a, b))
    for n, case in enumerate(cases):
        comparisons.append((f"case {n}", case["kappa"], case["a"], case["b"]))
    failures = 0
    for name, ours, a, b in comparisons:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = float(cohen_kappa_score(a, b))
        ok = same(ours, theirs)
        failures += not ok
        print(f"{'ok' if ok else 'FAIL'} {name}: wangluo {ours}, scikit-learn {theirs} ({len(a)} units)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
