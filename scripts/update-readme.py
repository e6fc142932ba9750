#!/usr/bin/env python3
"""Refreshes the example outputs in README.md and the guides of docs/ by running them.

Every ```console block of those pages holds commands (lines starting with "$ ") each followed by
its output. This script runs the commands in order, page after page (PAGES, the order of
tests/it/readme.rs), in one scratch directory holding a copy of data/ (and of
tests/fixtures/{corpus,broken,authoring,web-annotation} as fixtures/), with the debug binary first
on PATH and COLUMNS=100, and writes what they print (stdout and stderr) back under them.
tests/it/readme.rs runs the same commands and fails when an output differs.

Usage: cargo build && python3 scripts/update-readme.py
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGES = ["README.md", "docs/commands.md", "docs/scale.md", "docs/publishing.md", "docs/release.md",
         "docs/serving.md", "docs/corpus.md"]
target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug"


def run_page(text: str, scratch: str, env: dict) -> str:
    out_lines = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        out_lines.append(line)
        i += 1
        if line.strip() != "```console":
            continue
        while i < len(lines) and lines[i].strip() != "```":
            if lines[i].startswith("$ "):
                cmd = lines[i][2:]
                out_lines.append(lines[i])
                result = subprocess.run(["sh", "-c", "exec 2>&1; " + cmd], cwd=scratch, env=env,
                                        capture_output=True, text=True)
                output = result.stdout.rstrip("\n")
                if output:
                    out_lines.extend(output.split("\n"))
            i += 1
    return "\n".join(out_lines)


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(ROOT / "data", pathlib.Path(scratch) / "data")
        # The corpus examples load the fixture corpus; "Adding a document" drafts the authoring
        # op-ed; the Web Annotation examples import a Hypothes.is-style export of it.
        for corpus in ("corpus", "broken", "authoring", "web-annotation"):
            shutil.copytree(ROOT / "tests/fixtures" / corpus, pathlib.Path(scratch) / "fixtures" / corpus)
        env = dict(os.environ, PATH=f"{target}:{os.environ['PATH']}", COLUMNS="100")
        for page in PAGES:
            path = ROOT / page
            path.write_text(run_page(path.read_text(encoding="utf-8"), scratch, env), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
