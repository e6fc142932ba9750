//! How good is `annotate`'s draft? It drafts the op-ed of `data/` knowing the corpus's entities
//! but not the op-ed's own annotation, and compares the draft with the curated annotation:
//! precision and recall of entity mentions, claim sentences, claimants and no-claim sentences,
//! and the time `annotate` and `check` take on it.
//!
//! The corpus has no entity file of its own yet: every entity is declared in the op-ed's
//! annotation. The entities the draft knows are therefore those declarations reduced to what an
//! entity file holds (id, type, label, labels, aliases, mention forms; no quotes, exclusions,
//! claims or `no_claims`), i.e. the op-ed's actors as a shared entity file would give them.
//!
//! `cargo bench --bench annotate-quality` (or `cargo test --bench annotate-quality` for a debug
//! build); prints a Markdown table for benches/RESULTS.md.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;
use wangluo::annotation::{resolve_corpus, Disk, ParsedFile, StoredCorpus};
use wangluo::authoring::annotate::{annotate, known_entities, Proposal};
use wangluo::authoring::check::check_files;
use wangluo::ontology::Ontology;
use wangluo::text::Span;
use wangluo::vocab::Base;

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let toml_path = repo.join("data/rathor-2024.toml");
    let text =
        std::fs::read_to_string(repo.join("data/rathor-2024.txt")).expect("the op-ed's text");
    let source = std::fs::read_to_string(&toml_path).expect("the op-ed's annotation");
    let known = known_entities(&[("rathor-2024.toml".to_owned(), source)]).expect("entities");

    let runs = 20;
    let started = Instant::now();
    let mut draft = annotate(&text, "rathor-2024.txt", "rathor-2024", &known);
    for _ in 1..runs {
        draft = annotate(&text, "rathor-2024.txt", "rathor-2024", &known);
    }
    let annotate_ms = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;

    let base = Base::default();
    let started = Instant::now();
    for _ in 0..runs {
        let report = check_files(std::slice::from_ref(&toml_path), None, &base).expect("check");
        assert!(
            report.errors.is_empty(),
            "the curated annotation checks clean"
        );
    }
    let check_ms = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;

    let curated = Curated::read(&toml_path, &base);
    let draft_mentions: BTreeSet<(Span, String)> = draft
        .entities
        .iter()
        .flat_map(|e| e.spans.iter().map(|s| (*s, e.known.id.clone())))
        .collect();
    let mut draft_claims = BTreeSet::new();
    let mut draft_claimants = BTreeSet::new();
    let mut draft_no_claims = BTreeSet::new();
    for (n, sentence) in draft.sentences.iter().enumerate() {
        match &sentence.proposal {
            Proposal::Claim(claim) => {
                draft_claims.insert(n);
                if let Some(c) = &claim.claimant {
                    draft_claimants.insert((n, c.id.clone()));
                }
            }
            Proposal::NoClaim { .. } => {
                draft_no_claims.insert(n);
            }
            Proposal::Todo => {}
        }
    }
    // Claimants are judged on the sentences both call claims: who the draft names there.
    let both: BTreeSet<usize> = draft_claims
        .intersection(&curated.claims)
        .copied()
        .collect();
    let curated_claimants_there: BTreeSet<(usize, String)> = curated
        .claimants
        .iter()
        .filter(|(n, _)| both.contains(n))
        .cloned()
        .collect();
    let draft_claimants_there: BTreeSet<(usize, String)> = draft_claimants
        .iter()
        .filter(|(n, _)| both.contains(n))
        .cloned()
        .collect();

    println!(
        "annotate-quality: data/rathor-2024 ({} sentences), {} known entities",
        draft.sentences.len(),
        known.len()
    );
    println!();
    println!("| what | draft | curated | both | precision | recall |");
    println!("|---|---:|---:|---:|---:|---:|");
    row(
        "entity mentions (span and entity)",
        &draft_mentions,
        &curated.mentions,
    );
    row("claim sentences", &draft_claims, &curated.claims);
    row(
        "claimants (sentence, claimant) on sentences both call claims",
        &draft_claimants_there,
        &curated_claimants_there,
    );
    row(
        "claimants (sentence, claimant), all",
        &draft_claimants,
        &curated.claimants,
    );
    row("no-claim sentences", &draft_no_claims, &curated.no_claims);
    println!();
    println!("claimants guessed wrong (sentence: draft → curated):");
    for (n, guessed) in draft_claimants_there.difference(&curated_claimants_there) {
        let curated: Vec<&str> = curated_claimants_there
            .iter()
            .filter(|(m, _)| m == n)
            .map(|(_, c)| c.as_str())
            .collect();
        let words: String = draft.sentences[*n].text.chars().take(60).collect();
        println!("- \"{words}…\": {guessed} → {}", curated.join(", "));
    }
    println!();
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("time ({profile} build, mean of {runs} runs, in process): annotate {annotate_ms:.1} ms, check {check_ms:.1} ms");
}

fn row<T: Ord + Clone>(what: &str, draft: &BTreeSet<T>, curated: &BTreeSet<T>) {
    let both = draft.intersection(curated).count();
    let percent = |n: usize, d: usize| {
        if d == 0 {
            "–".to_owned()
        } else {
            format!("{:.0} %", 100.0 * n as f64 / d as f64)
        }
    };
    println!(
        "| {what} | {} | {} | {both} | {} | {} |",
        draft.len(),
        curated.len(),
        percent(both, draft.len()),
        percent(both, curated.len())
    );
}

/// The curated annotation, resolved as `load` resolves it.
struct Curated {
    mentions: BTreeSet<(Span, String)>,
    claims: BTreeSet<usize>,
    claimants: BTreeSet<(usize, String)>,
    no_claims: BTreeSet<usize>,
}

impl Curated {
    fn read(path: &Path, base: &Base) -> Self {
        let file = ParsedFile::read(path, &Disk).expect("parse");
        let ontology = Ontology::bundled(base).expect("ontology");
        let corpus =
            resolve_corpus(&[file], &StoredCorpus::default(), &ontology, base).expect("resolve");
        let resolved = &corpus.files[0];
        let doc = resolved.document.as_ref().expect("a document");
        let id_of = |iri: &str| iri.rsplit('/').next().unwrap_or_default().to_owned();
        let mentions = doc
            .mentions
            .iter()
            .map(|(s, iri)| (*s, id_of(iri.as_str())))
            .collect();
        let claims = doc.claim_sentences.iter().map(|(_, n)| *n).collect();
        let mut claimants = BTreeSet::new();
        for (claim_iri, n) in &doc.claim_sentences {
            if let Some(claim) = resolved.claims.iter().find(|c| &c.iri == claim_iri) {
                claimants.insert((*n, id_of(claim.claimant.as_str())));
            }
        }
        let no_claims = doc.no_claims.iter().map(|(n, _)| *n).collect();
        Self {
            mentions,
            claims,
            claimants,
            no_claims,
        }
    }
}
