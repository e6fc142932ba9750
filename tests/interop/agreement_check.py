"""scikit-learn's cohen_kappa_score checks wangluo's Cohen's kappa, NLTK's AnnotationTask its
Krippendorff's alpha.

Usage: python3 agreement_check.py AGREEMENT.json CASES.json

AGREEMENT.json is `wangluo agreement A B --format json`: for its matched claims, scikit-learn's
kappa of the two annotators' claimants and perspectives must be wangluo's, and so must its kappa
of the characterizations as yes/no decisions (each label either annotator used, for each matched
claim). CASES.json holds more label lists with wangluo's kappa of each
([{"a": [...], "b": [...], "kappa": k or null}]); null stands for undefined, which scikit-learn
gives as NaN. Then NLTK's AnnotationTask.alpha of the matched claims' claimants and perspectives
(binary distance) and characterizations (Jaccard distance, two empty sets at distance 0, which
NLTK's jaccard_distance cannot divide) must be wangluo's alpha. Prints one line per comparison;
exits 1 on any difference.
"""

import json
import math
import sys
import warnings

from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, jaccard_distance
from sklearn.metrics import cohen_kappa_score


def set_distance(a, b):
    return 0.0 if not a and not b else jaccard_distance(a, b)


def nltk_alpha(pairs, distance):
    data = [(coder, n, value) for n, pair in enumerate(pairs) for coder, value in zip("ab", pair)]
    return AnnotationTask(data=data, distance=distance).alpha()


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
    for field, distance, value in [
        ("claimant", binary_distance, lambda v: v),
        ("perspective", binary_distance, lambda v: v),
        ("characterizations", set_distance, frozenset),
    ]:
        pairs = [(value(m[field][0]), value(m[field][1])) for m in matched]
        ours, theirs = report[field]["alpha"], nltk_alpha(pairs, distance)
        ok = same(ours, theirs)
        failures += not ok
        print(f"{'ok' if ok else 'FAIL'} alpha {field}: wangluo {ours}, NLTK {theirs}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
