#!/usr/bin/env python3
"""The load client of benches/bench-serve.sh: keep-alive HTTP/1.1 clients in threads, each
workload run with 1, 8 and 64 concurrent clients for at most SECONDS or REQUESTS requests.

Usage: bench_serve.py WANGLUO_ROOT OXIGRAPH_ROOT QUERIES_DIR [SECONDS] [REQUESTS]
Prints one line per workload and concurrency: requests/s and median/p95 latency, and for the
SPARQL queries the ratio wangluo/oxigraph of requests per second (above 1: wangluo is faster).
"""
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

CONCURRENCY = (1, 8, 64)


def run(root, requests, clients, seconds, limit):
    """Sends the (method, path, body, headers) requests round-robin from `clients` threads."""
    url = urllib.parse.urlsplit(root)
    latencies, failures, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(limit))

    def client():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            method, path, body, headers = requests[index % len(requests)]
            start = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    failures.append(response.status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{root}: {len(failures)} failed requests, e.g. {failures[0]}")
    latencies.sort()
    return {
        "rps": len(latencies) / wall,
        "median_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "n": len(latencies),
    }


def sparql_request(path, text):
    headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
    return ("POST", path, text.encode(), headers)


def claim_paths(root):
    query = "SELECT ?c WHERE { ?c a wl:Claim }"
    url = urllib.parse.urlsplit(root)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    connection.request(*sparql_request("/sparql", query)[:2], body=query.encode(),
                       headers=sparql_request("/sparql", query)[3])
    rows = json.loads(connection.getresponse().read())["results"]["bindings"]
    return ["/page/" + r["c"]["value"].split("https://w3id.org/wangluo/", 1)[1] for r in rows]


def line(name, clients, result, extra=""):
    print(f"{name:<34} c={clients:<3} {result['rps']:8.1f} req/s  median {result['median_ms']:7.1f} ms"
          f"  p95 {result['p95_ms']:7.1f} ms  (n={result['n']}){extra}", flush=True)


def main():
    wangluo, oxigraph, queries = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 2.0
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else 2000
    claims = [("GET", p, None, {"Accept": "text/html"}) for p in claim_paths(wangluo)]
    reading = [("GET", "/read/id/rathor-2024", None, {"Accept": "text/html"})]
    for name, requests in (("claim pages", claims), ("reading view", reading)):
        # Each page is made on its first request and kept (the graph does not change): the cold
        # pass shows what making one costs, the runs after it what serving one costs.
        cold = run(wangluo, requests, 1, 600, len(requests))
        line(f"wangluo {name} (first, made)", 1, cold)
        for clients in CONCURRENCY:
            line(f"wangluo {name}", clients, run(wangluo, requests, clients, seconds, limit))
    ratios = {c: [] for c in CONCURRENCY}
    for file in sorted(queries.glob("*.rq")):
        text = file.read_text()
        for clients in CONCURRENCY:
            ours = run(wangluo, [sparql_request("/sparql", text)], clients, seconds, limit)
            theirs = run(oxigraph, [sparql_request("/query", text)], clients, seconds, limit)
            ratio = ours["rps"] / theirs["rps"]
            ratios[clients].append(ratio)
            line(f"wangluo  /sparql {file.stem}", clients, ours)
            line(f"oxigraph /query  {file.stem}", clients, theirs, f"  ratio {ratio:.2f}")
    for clients, values in ratios.items():
        print(f"geometric mean ratio wangluo/oxigraph (req/s), c={clients}: "
              f"{statistics.geometric_mean(values):.2f} over {len(values)} queries")


if __name__ == "__main__":
    main()
