#!/usr/bin/env python3
"""Starts a throw-away Virtuoso for the tests of `wangluo publish` and `query --endpoint`.

Usage: python3 tests/interop/virtuoso_server.py

Starts Virtuoso on free loopback ports in a temporary directory (as virtuoso_queries.py does),
allows SPARQL writes, prints one line `BASE_URL` and keeps it running until its standard input
closes; then stops it and removes the directory. Exits 2 if Virtuoso cannot be started.

Commands on standard input, one per line, for the tests that stop a store mid-upload: `kill`
kills Virtuoso (SIGKILL) and prints `killed`; `start` starts it again on the same database and
ports (Virtuoso recovers from its transaction log) and prints the base URL again.
"""

import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from virtuoso_queries import start_virtuoso  # noqa: E402


def sql_port(workdir):
    for line in (workdir / "virtuoso.ini").read_text().splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "ServerPort" and value.strip().isdigit():
            return int(value.strip())  # [Parameters] comes first: the SQL port
    raise SystemExit("virtuoso_server: no ServerPort in virtuoso.ini")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        process, base = start_virtuoso(workdir)
        ports = (sql_port(workdir), urlparse(base).port)
        print(base, flush=True)
        try:
            for command in sys.stdin:
                if command.strip() == "kill":
                    process.kill()
                    process.wait(timeout=30)
                    print("killed", flush=True)
                elif command.strip() == "start":
                    process, base = start_virtuoso(workdir, ports)
                    print(base, flush=True)
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
