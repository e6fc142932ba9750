"""Independent tools check a bundle written by `wangluo package`.

Usage: python3 package_check.py BUNDLE EXPORT.nq CONTEXTS CACHE [BUNDLE.zip]

- rocrate-validator (roc-validator) validates BUNDLE as an RO-Crate at its required level,
  offline: it would download the RO-Crate JSON-LD context, so CACHE (its HTTP cache) is primed
  first with the contexts in CONTEXTS (tests/fixtures/ro-crate/context-VERSION.jsonld);
- cffconvert validates CITATION.cff against the Citation File Format schema;
- RDFLib parses every RDF file of the bundle (the RO-Crate metadata with the local context), finds
  each dump isomorphic to EXPORT.nq (`wangluo export --format nquads`), and counts what the
  description (description.trig) states: every VoID number must equal RDFLib's own count;
- `sha256sum -c SHA256SUMS` holds;
- Python's zipfile reads BUNDLE.zip (`package --zip`): its CRCs hold, its entries are sorted, all
  dated 1980-01-01 00:00, and they are BUNDLE's files, byte for byte.

Prints one line per check; exits 1 if any fails.
"""

import gzip
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import rdflib
import requests
import urllib3
from requests_cache import CachedSession

sys.path.insert(0, str(Path(__file__).parent))
from rdflib_formats import compare_datasets  # noqa: E402

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DATASET = rdflib.URIRef("https://w3id.org/wangluo/dataset")
CONTEXT_URLS = (
    "https://w3id.org/ro/crate/{v}/context",
    "https://www.researchobject.org/ro-crate/{v}/context.jsonld",
)


class LocalFiles(requests.adapters.HTTPAdapter):
    """A transport that answers from local files, so the cache stores real responses."""

    def __init__(self, files):
        super().__init__()
        self.files = files

    def send(self, request, **_kwargs):
        data = self.files[request.url]
        raw = urllib3.HTTPResponse(body=io.BytesIO(data), status=200, reason="OK", preload_content=False,
                                   headers={"Content-Type": "application/ld+json"}, request_url=request.url)
        return self.build_response(request, raw)


def prime_cache(contexts: Path, cache: Path):
    files = {}
    for path in sorted(contexts.glob("context-*.jsonld")):
        version = path.stem[len("context-"):]
        for url in CONTEXT_URLS:
            files[url.format(v=version)] = path.read_bytes()
    session = CachedSession(cache_name=str(cache), backend="sqlite", expire_after=-1,
                            allowable_methods=("GET",), allowable_codes=(200, 302, 404))
    adapter = LocalFiles(files)
    for prefix in ("https://w3id.org/", "https://www.researchobject.org/"):
        session.mount(prefix, adapter)
    for url in files:
        assert session.get(url).status_code == 200, url


def tool(name):
    return str(Path(sys.executable).parent / name)


def check_ro_crate(bundle: Path, contexts: Path, cache: Path):
    prime_cache(contexts, cache)
    run = subprocess.run([tool("rocrate-validator"), "validate", "-f", "json", "--offline", "--cache-path",
                          str(cache), str(bundle)], capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        return f"rocrate-validator printed no report: {run.stdout[-500:]} {run.stderr[-1000:]}"
    if not report.get("passed"):
        return "; ".join(i["message"] for i in report.get("issues", [])) or "not passed"
    return None


def check_cff(bundle: Path):
    run = subprocess.run([tool("cffconvert"), "--validate", "-i", str(bundle / "CITATION.cff")],
                         capture_output=True, text=True)
    return None if run.returncode == 0 else (run.stdout + run.stderr).strip()


def parse(path: Path):
    data = path.read_bytes()
    name = path.name
    if name.endswith(".gz"):
        data, name = gzip.decompress(data), name[:-3]
    formats = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".jsonld": "json-ld"}
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=formats[Path(name).suffix])
    return dataset


def check_rdf(bundle: Path, export: rdflib.Dataset, contexts: Path):
    failures = []
    parsed = {}
    for path in sorted(bundle.rglob("*")):
        if path.suffix in (".ttl", ".trig", ".gz") or (path.suffix == ".jsonld" and path.name != "schema-org.jsonld"
                                                       and path.name != "context.jsonld"):
            try:
                parsed[str(path.relative_to(bundle))] = parse(path)
            except Exception as e:  # noqa: BLE001 — any parse failure is the finding
                failures.append(f"{path.name}: {e}")
    # The RO-Crate metadata, its remote context made local.
    crate = json.loads((bundle / "ro-crate-metadata.json").read_text())
    crate["@context"] = json.loads((contexts / "context-1.2.jsonld").read_text())["@context"]
    if len(rdflib.Graph().parse(data=json.dumps(crate), format="json-ld")) < 100:
        failures.append("ro-crate-metadata.json: too few statements")
    for dump in ("dumps/wangluo.nq.gz", "dumps/wangluo.trig", "dumps/wangluo.jsonld"):
        problem = compare_datasets(export, parsed[dump])
        if problem:
            failures.append(f"{dump}: {problem}")
    merged = rdflib.Graph()
    for s, p, o, _ in export.quads((None, None, None, None)):
        merged.add((s, p, o))
    if not rdflib.compare.isomorphic(merged, parse(bundle / "dumps/wangluo.ttl").default_graph):
        failures.append("dumps/wangluo.ttl: not the merge of the export's graphs")
    return failures, len(parsed)


def check_counts(bundle: Path, export: rdflib.Dataset):
    """Every VoID number of description.trig against RDFLib's count of the export."""
    void = rdflib.Graph()
    for s, p, o, _ in parse(bundle / "description.trig").quads((None, None, None, None)):
        void.add((s, p, o))
    stated = lambda s, p: int(void.value(s, p, any=False))  # noqa: E731
    quads = [(s, p, o, g) for s, p, o, g in export.quads((None, None, None, None))]
    subjects = {s for s, _, _, _ in quads}
    expected = {
        VOID.triples: len(quads),
        VOID.distinctSubjects: len(subjects),
        VOID.distinctObjects: len({o for _, _, o, _ in quads}),
        VOID.entities: len({s for s in subjects if isinstance(s, rdflib.URIRef)
                            and str(s).startswith("https://w3id.org/wangluo/")}),
    }
    failures = [f"{p}: {stated(DATASET, p)}, RDFLib counts {n}" for p, n in expected.items() if stated(DATASET, p) != n]
    properties = Counter(p for _, p, _, _ in quads)
    for part in void.objects(DATASET, VOID.propertyPartition):
        prop = void.value(part, VOID.property)
        if stated(part, VOID.triples) != properties.pop(prop, None):
            failures.append(f"property {prop}: {stated(part, VOID.triples)}")
    classes = {}
    for s, _, o, _ in export.quads((None, rdflib.RDF.type, None, None)):
        classes.setdefault(o, set()).add(s)
    for part in void.objects(DATASET, VOID.classPartition):
        cls = void.value(part, VOID["class"])
        if stated(part, VOID.entities) != len(classes.pop(cls, ())):
            failures.append(f"class {cls}: {stated(part, VOID.entities)}")
    if properties or classes:
        failures.append(f"partitions missing: {sorted(map(str, properties))} {sorted(map(str, classes))}")
    graphs = Counter(str(g) for _, _, _, g in quads)
    for subset in void.objects(DATASET, VOID.subset):
        if (subset, rdflib.RDF.type, VOID.Linkset) in void:
            links = sum(1 for _, _, o, _ in export.quads((None, rdflib.OWL.sameAs, None, None))
                        if str(o).startswith("http://www.wikidata.org/entity/"))
            if stated(subset, VOID.triples) != links:
                failures.append(f"linkset: {stated(subset, VOID.triples)}, RDFLib counts {links}")
        elif stated(subset, VOID.triples) != graphs.pop(str(subset), None):
            failures.append(f"subset {subset}: {stated(subset, VOID.triples)}")
    if graphs:
        failures.append(f"graphs without a subset: {sorted(graphs)}")
    return failures


def check_zip(bundle, archive):
    """The archive unzips to the bundle's files, byte for byte, deterministically made."""
    import zipfile

    failures = []
    on_disk = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    with zipfile.ZipFile(archive) as z:
        bad = z.testzip()
        if bad is not None:
            failures.append(f"CRC fails for {bad}")
        names = z.namelist()
        if names != sorted(names):
            failures.append("entries not sorted")
        if sorted(names) != sorted(on_disk):
            failures.append(f"entries differ: {sorted(set(names) ^ set(on_disk))}")
        for info in z.infolist():
            if info.date_time != (1980, 1, 1, 0, 0, 0):
                failures.append(f"{info.filename} dated {info.date_time}")
            if info.filename in on_disk and z.read(info) != on_disk[info.filename]:
                failures.append(f"{info.filename} differs")
    return failures, len(names)


def main():
    bundle, export_path, contexts, cache = map(Path, sys.argv[1:5])
    export = rdflib.Dataset()
    export.parse(export_path, format="nquads")
    failed = False

    def report(name, problems):
        nonlocal failed
        problems = [p for p in ([problems] if isinstance(problems, str) else problems or []) if p]
        failed |= bool(problems)
        print(f"{name}: {'; '.join(problems) if problems else 'ok'}")

    report("rocrate-validator", check_ro_crate(bundle, contexts, cache))
    report("cffconvert", check_cff(bundle))
    problems, count = check_rdf(bundle, export, contexts)
    report(f"rdflib ({count} RDF files)", problems)
    report("void counts", check_counts(bundle, export))
    sums = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=bundle, capture_output=True, text=True)
    report("sha256sum -c", None if sums.returncode == 0 else (sums.stdout + sums.stderr).strip())
    if len(sys.argv) > 5:
        problems, count = check_zip(bundle, Path(sys.argv[5]))
        report(f"zipfile ({count} entries)", problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
