"""pyld (an independent JSON-LD processor) expands wangluo's Web Annotation export against the W3C
context, offline, and the result is held to the Web Annotation Data Model's rules.

Usage: python3 web_annotation_check.py EXPORT.jsonld ANNO-CONTEXT.jsonld TEXT.txt

The context `http://www.w3.org/ns/anno.jsonld` is served from ANNO-CONTEXT.jsonld by a document
loader; any other URL is refused (nothing goes to the network). Rules checked on the expanded
form (https://www.w3.org/TR/annotation-model/): each collection is an as:OrderedCollection whose
as:totalItems counts the items of its pages; each annotation has an IRI, the type oa:Annotation,
exactly one motivation and it is one of the thirteen oa:Motivation instances, at least one body
and exactly one target; the target is an oa:SpecificResource with exactly one oa:hasSource and
selectors of which one oa:TextQuoteSelector (exactly one oa:exact, at most one oa:prefix and
oa:suffix) and one oa:TextPositionSelector (exactly one oa:start and oa:end, non-negative
integers, start <= end); a SpecificResource body has one source, a TextualBody one rdf:value and
a purpose that is a motivation. Against TEXT (Python strings count code points, as the model's
positions do): TEXT[start:end] is the exact words, the prefix ends where they start and the
suffix starts where they end. Prints one line per failure and a summary; exits 1 on any failure.
"""

import json
import sys

from pyld import jsonld

OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
ANNO = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {
    OA + m
    for m in [
        "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
        "highlighting", "identifying", "linking", "moderating", "questioning", "replying",
        "tagging",
    ]
}


def offline_loader(context_path):
    with open(context_path, encoding="utf-8") as f:
        context = json.load(f)

    def load(url, options=None):
        if url.rstrip("/") in (ANNO, ANNO.replace("http:", "https:")):
            return {"contentType": "application/ld+json", "contextUrl": None,
                    "documentUrl": url, "document": context}
        raise jsonld.JsonLdError(f"offline: refusing to load {url}", "jsonld.LoadDocumentError",
                                 code="loading document failed")

    return load


def values(node, key):
    return node.get(key, []) if isinstance(node, dict) else []


def types(node):
    return set(node.get("@type", [])) if isinstance(node, dict) else set()


def literal(node, key):
    return [v.get("@value") for v in values(node, key)]


class Checker:
    def __init__(self, text):
        self.text = text
        self.failures = []
        self.annotations = 0

    def fail(self, where, message):
        self.failures.append(f"FAIL {where}: {message}")

    def selectors(self, where, target):
        quote = [s for s in values(target, OA + "hasSelector") if OA + "TextQuoteSelector" in types(s)]
        position = [s for s in values(target, OA + "hasSelector")
                    if OA + "TextPositionSelector" in types(s)]
        if len(quote) != 1 or len(position) != 1:
            return self.fail(where, "not one TextQuoteSelector and one TextPositionSelector")
        exact = literal(quote[0], OA + "exact")
        prefix, suffix = literal(quote[0], OA + "prefix"), literal(quote[0], OA + "suffix")
        start, end = literal(position[0], OA + "start"), literal(position[0], OA + "end")
        if len(exact) != 1 or len(prefix) > 1 or len(suffix) > 1:
            return self.fail(where, "exact must occur once, prefix and suffix at most once")
        if len(start) != 1 or len(end) != 1:
            return self.fail(where, "start and end must occur once")
        start, end = int(start[0]), int(end[0])
        if not 0 <= start <= end:
            return self.fail(where, f"positions {start}..{end}")
        if self.text[start:end] != exact[0]:
            return self.fail(where, f"text[{start}:{end}] is not the exact words {exact[0]!r}")
        if prefix and not self.text[:start].endswith(prefix[0]):
            self.fail(where, "the prefix does not end where the words start")
        if suffix and not self.text[end:].startswith(suffix[0]):
            self.fail(where, "the suffix does not start where the words end")

    def bodies(self, where, annotation):
        bodies = values(annotation, OA + "hasBody")
        if not bodies:
            self.fail(where, "no body")
        for body in bodies:
            if OA + "SpecificResource" in types(body) and len(values(body, OA + "hasSource")) != 1:
                self.fail(where, "a SpecificResource body without exactly one source")
            if OA + "TextualBody" in types(body):
                if len(values(body, RDF_VALUE)) != 1:
                    self.fail(where, "a TextualBody without exactly one value")
                for purpose in values(body, OA + "hasPurpose"):
                    if purpose.get("@id") not in MOTIVATIONS:
                        self.fail(where, f"purpose {purpose} is not a motivation")

    def annotation(self, node):
        self.annotations += 1
        where = node.get("@id", "an annotation without an IRI")
        if not node.get("@id", "").startswith("http"):
            self.fail(where, "no IRI")
        if OA + "Annotation" not in types(node):
            self.fail(where, "not an oa:Annotation")
        motivations = [m.get("@id") for m in values(node, OA + "motivatedBy")]
        if len(motivations) != 1 or motivations[0] not in MOTIVATIONS:
            self.fail(where, f"motivation {motivations} is not one oa:Motivation")
        targets = values(node, OA + "hasTarget")
        if len(targets) != 1:
            return self.fail(where, f"{len(targets)} targets")
        target = targets[0]
        if OA + "SpecificResource" not in types(target) or len(values(target, OA + "hasSource")) != 1:
            self.fail(where, "the target is not a SpecificResource with one source")
        self.selectors(where, target)
        self.bodies(where, node)

    def collection(self, node):
        where = node.get("@id", "a collection")
        if AS + "OrderedCollection" not in types(node):
            return self.fail(where, "not an AnnotationCollection (as:OrderedCollection)")
        items = []
        for page in values(node, AS + "first"):
            if AS + "OrderedCollectionPage" not in types(page):
                self.fail(where, "its first page is not an AnnotationPage")
            for listed in values(page, AS + "items"):
                items.extend(listed.get("@list", []))
        total = literal(node, AS + "totalItems")
        if total != [len(items)] and [int(t) for t in total] != [len(items)]:
            self.fail(where, f"as:totalItems {total} but {len(items)} items")
        for item in items:
            self.annotation(item)


def main():
    export, context, text_path = sys.argv[1:4]
    with open(export, encoding="utf-8") as f:
        document = json.load(f)
    with open(text_path, encoding="utf-8") as f:
        text = f.read()
    expanded = jsonld.expand(document, {"documentLoader": offline_loader(context)})
    checker = Checker(text)
    collections = [n for n in expanded if AS + "OrderedCollection" in types(n)]
    if not collections:
        checker.fail(export, "no AnnotationCollection")
    for node in collections:
        checker.collection(node)
    for line in checker.failures:
        print(line)
    print(f"{len(collections)} collections, {checker.annotations} annotations, "
          f"{len(checker.failures)} failures")
    sys.exit(1 if checker.failures else 0)


if __name__ == "__main__":
    main()
