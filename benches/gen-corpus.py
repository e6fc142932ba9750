#!/usr/bin/env python3
"""Writes a synthetic wangluo corpus of N documents, deterministic from a seed (no dependencies).

    benches/gen-corpus.py N OUT_DIR [--seed S] [--independent]

The corpus has the shape of the real one (data/, tests/fixtures/corpus/): an entity file of shared
actors (OUT_DIR/entities/actors.toml: persons, states, organizations, no quotes) and, per
document, a text (OUT_DIR/docs/doc-NNNNN.txt) and its annotation (doc-NNNNN.toml) with the
document's author and a quantity (declared and quoted there), and claims by the shared actors
about each other, quoted verbatim from the text, some linked to the quantity or to a claim of an
earlier document
(not with --independent: then any subset of the documents, with the entity file, loads on its
own, and stores loaded with disjoint subsets merge into the store of all). The texts name the shared actors, so every load searches them for mentions.

The same N and seed always give the same bytes. Every corpus loads with
`wangluo --store DIR load OUT_DIR/entities/actors.toml OUT_DIR/docs/*.toml`.
It prints the counts (documents, shared actors, claims) as one JSON line.
"""

import argparse
import hashlib
import json
import os
import random

SYLLABLES = [
    "ka", "lo", "vi", "ren", "tu", "ma", "sol", "dei", "bra", "nor", "qu", "fen", "ti", "zar",
    "mo", "lex", "ou", "pra", "hal", "sen", "wy", "dra", "kel", "mi", "ost", "un", "gar", "el",
]
ACTOR_KINDS = [
    # (type, how the label is made, perspective its claims take)
    ("Person", "person", "western"),
    ("Person", "person", "chinese"),
    ("State", "state", "chinese"),
    ("State", "state", "western"),
    ("IntelligenceAgency", "agency", "western"),
    ("ThinkTank", "institute", "western"),
    ("GovernmentBody", "ministry", "chinese"),
]
CHARACTERIZATIONS = [
    "adversarial", "threat", "disinformation", "offensive-capability", "espionage",
    "surveillance", "hegemony", "authoritarian-control", "challenge", "ambition",
    "strategic-concept", "political-slogan", "self-reliance", "complexity", "people-centred",
    "cooperative", "sovereign-equality", "peaceful", "orderly", "rights-and-freedoms",
    "development",
]
VERBS = [
    "is expanding its cyber capabilities",
    "threatens the security of open networks",
    "promotes sovereignty over data",
    "builds new data centres",
    "shapes international norms for the internet",
    "invests in artificial intelligence",
    "defends an orderly cyberspace",
    "spreads narratives abroad",
    "trains a large number of network engineers",
    "cooperates with regional partners on standards",
]
UNITS = ["server racks", "network engineers", "data centres", "kilometres of fibre"]
DOC_TYPES = ["OpEd", "Report", "Speech", "WhitePaper"]


class Names:
    """Capitalized pseudo-words, each used once, so that no label is a word of another."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def word(self):
        # Two or three syllables give 22,736 words: about 7,500 documents use them up. After many
        # misses a word takes more syllables (small corpora never get there: their bytes stay).
        misses = 0
        while True:
            longest = 3 + misses // 50
            parts = [self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, longest))]
            word = "".join(parts).capitalize()
            if word not in self.used:
                self.used.add(word)
                return word
            misses += 1


def actor_label(names, how):
    if how == "person":
        return f"{names.word()} {names.word()}"
    if how == "state":
        return f"Republic of {names.word()}"
    if how == "agency":
        return f"{names.word()} Intelligence Office"
    if how == "institute":
        return f"{names.word()} Institute"
    return f"Ministry of {names.word()}"


def toml_string(text):
    return json.dumps(text, ensure_ascii=False)


def shared_actors(rng, names, count):
    actors = []
    for i in range(count):
        kind, how, perspective = ACTOR_KINDS[i % len(ACTOR_KINDS)]
        actors.append(
            {
                "id": f"gen-actor-{i + 1:04d}",
                "type": kind,
                "label": actor_label(names, how),
                "perspective": perspective,
            }
        )
    return actors


def write_actors(out, actors):
    lines = ["# Shared actors of a generated corpus (benches/gen-corpus.py): no quotes here.", ""]
    for actor in actors:
        lines += [
            "[[entity]]",
            f"id = {toml_string(actor['id'])}",
            f"type = {toml_string(actor['type'])}",
            f"label = {toml_string(actor['label'])}",
            "",
        ]
    path = os.path.join(out, "entities", "actors.toml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def claim_sentences(rng, doc_number, actors, count):
    """The claims of a document: each a sentence of the text holding its quote."""
    claims = []
    for i in range(count):
        claimant, subject = rng.sample(actors, 2)
        year = rng.randint(2015, 2025)
        verb = rng.choice(VERBS)
        quote = f"{subject['label']} {verb} (finding {doc_number}.{i + 1})"
        claims.append(
            {
                "id": f"gen-claim-{doc_number:05d}-{i + 1}",
                "claimant": claimant,
                "subject": subject,
                "quote": quote,
                "sentence": f"In {year} {claimant['label']} said that {quote}.",
                "label": f"{claimant['label']} said that {subject['label']} {verb}.",
                "characterizations": rng.sample(CHARACTERIZATIONS, rng.randint(0, 2)),
            }
        )
    return claims


def document(rng, names, doc_number, actors):
    """The text and the annotation of one document, as strings."""
    doc_id = f"doc-{doc_number:05d}"
    author = {"id": f"gen-author-{doc_number:05d}", "label": f"{names.word()} {names.word()}"}
    title = f"Notes on {names.word()} networks, number {doc_number}"
    # The document's number in the value keeps every quantity's words its own.
    value = rng.randint(2, 900) * 10000 + doc_number
    unit = rng.choice(UNITS)
    year = rng.randint(2018, 2026)
    quantity_quote = f"{value:,} {unit} by {year}"
    claims = claim_sentences(rng, doc_number, actors, rng.randint(3, 8))
    body = [c["sentence"] for c in claims]
    body.insert(rng.randint(0, len(body)), f"Officials expect {quantity_quote}.")
    half = len(body) // 2
    paragraphs = [title, f"By {author['label']}", " ".join(body[:half]), " ".join(body[half:])]
    text = "\n\n".join(paragraphs) + "\n"
    return doc_id, text, author, title, quantity_quote, (value, unit, year), claims


def annotation(doc_id, text, author, title, quantity_quote, quantity, claims, rng, doc_number, independent):
    value, unit, year = quantity
    lines = [
        f"# Generated document {doc_number} (benches/gen-corpus.py).",
        "",
        "[document]",
        f"id = {toml_string(doc_id)}",
        f"type = {toml_string(DOC_TYPES[doc_number % len(DOC_TYPES)])}",
        f"title = {toml_string(title)}",
        f"text = {toml_string(doc_id + '.txt')}",
        f"sha256 = {toml_string(hashlib.sha256(text.encode('utf-8')).hexdigest())}",
        'language = "en"',
        f'date = "{year - 1}-{rng.randint(1, 12):02d}"',
        'annotated = "2026-12-01T00:00:00Z"',
        f"authors = [{toml_string(author['id'])}]",
        f"quotes = [{toml_string(title)}]",
        f"no_claims = [{{ exact = {toml_string(title)}, reason = \"title\" }}]",
        "",
        "[[entity]]",
        f"id = {toml_string(author['id'])}",
        'type = "Person"',
        f"label = {toml_string(author['label'])}",
        f"quotes = [{toml_string(author['label'])}]",
        "",
        "[[entity]]",
        f'id = "gen-quantity-{doc_number:05d}"',
        'type = "Quantity"',
        f"label = {toml_string(quantity_quote)}",
        f"value = {value}",
        f"unit = {toml_string(unit)}",
        f'date = "{year}"',
        f"quotes = [{toml_string(quantity_quote)}]",
        "",
    ]
    for i, claim in enumerate(claims):
        links = []
        if i == 0:
            links.append(f'statesQuantity = "gen-quantity-{doc_number:05d}"')
        if i == 1 and doc_number > 1 and not independent:
            earlier = rng.randint(1, doc_number - 1)
            links.append(f'contrastsWith = "gen-claim-{earlier:05d}-1"')
        lines += [
            "[[claim]]",
            f"id = {toml_string(claim['id'])}",
            f"label = {toml_string(claim['label'])}",
            f"claimant = {toml_string(claim['claimant']['id'])}",
            f"subjects = [{toml_string(claim['subject']['id'])}]",
            f"perspective = {toml_string(claim['claimant']['perspective'])}",
            "characterizations = [" + ", ".join(toml_string(c) for c in claim["characterizations"]) + "]",
            f"quotes = [{toml_string(claim['quote'])}]",
        ]
        if links:
            lines.append("links = { " + ", ".join(links) + " }")
        lines.append("")
    return "\n".join(lines)


def generate(count, out, seed, independent=False):
    rng = random.Random(seed)
    names = Names(rng)
    actors = shared_actors(rng, names, max(14, min(200, count // 5)))
    write_actors(out, actors)
    docs = os.path.join(out, "docs")
    os.makedirs(docs, exist_ok=True)
    claims = 0
    for number in range(1, count + 1):
        doc_id, text, author, title, quantity_quote, quantity, doc_claims = document(rng, names, number, actors)
        toml = annotation(
            doc_id, text, author, title, quantity_quote, quantity, doc_claims, rng, number, independent
        )
        with open(os.path.join(docs, doc_id + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(docs, doc_id + ".toml"), "w", encoding="utf-8") as f:
            f.write(toml)
        claims += len(doc_claims)
    return {"documents": count, "actors": len(actors), "claims": claims}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of documents")
    parser.add_argument("out", help="directory to write (created)")
    parser.add_argument("--seed", type=int, default=12, help="random seed (default 12)")
    parser.add_argument(
        "--independent",
        action="store_true",
        help="no claim links to another document: any subset of the documents loads on its own",
    )
    args = parser.parse_args()
    if args.count < 1:
        parser.error("count must be at least 1")
    print(json.dumps(generate(args.count, args.out, args.seed, args.independent)))


if __name__ == "__main__":
    main()
