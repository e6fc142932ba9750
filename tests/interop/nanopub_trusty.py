"""nanopub-py (the `nanopub` package on PyPI, pure Python over rdflib, with its own port of the
Trusty URI code) checks wangluo's nanopublications independently of the Rust `nanopub` crate:
each must be valid (`Nanopub.is_valid`) and its artifact code must match its content
(`Nanopub.has_valid_trusty`).

Usage: python3 nanopub_trusty.py FILE.trig... (one nanopublication per file). Prints one line per
file (OK or FAIL and the reason) and a summary; exits 1 if any fails.
"""

import sys
from importlib.metadata import version
from pathlib import Path

from nanopub import Nanopub
from nanopub.utils import MalformedNanopubError


def main(paths):
    if not paths:
        print("usage: nanopub_trusty.py FILE.trig...", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            np = Nanopub(rdf=Path(path))
            assert np.is_valid
            assert np.has_valid_trusty
            print(f"OK   {path}: {np.source_uri}")
        except (MalformedNanopubError, AssertionError) as e:
            failed += 1
            print(f"FAIL {path}: {e}")
    print(f"nanopub {version('nanopub')}: {len(paths) - failed} OK, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
