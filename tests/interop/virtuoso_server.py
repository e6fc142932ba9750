#!/usr/bin/env python3
"""Starts a throw-away Virtuoso for the tests of `wangluo publish` and `query --endpoint`.

Usage: python3 tests/interop/virtuoso_server.py

Starts Virtuoso on free loopback ports in a temporary directory (as virtuoso_queries.py does),
allows SPARQL writes, prints one line `BASE_URL SQL_PORT` and keeps it running until its standard
input closes; then stops it and removes the directory. Exits 2 if Virtuoso cannot be started.
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from virtuoso_queries import start_virtuoso  # noqa: E402


def main():
    with tempfile.TemporaryDirectory() as tmp:
        process, base = start_virtuoso(Path(tmp))
        print(base, flush=True)
        try:
            sys.stdin.read()
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
