//! Writes a [`Draft`] as an annotation file (TOML, with toml_edit) that loads as it is: facts as
//! fields, every guess either a field whose comment says `GUESS` or a comment to uncomment.
//!
//! Live: the document block (type, title and language marked as guesses, since the format
//! requires them), the sentences proposed as carrying no claim, and the known entities the text
//! names (declared again with the corpus's type and label, as a document may extend an
//! entity, with the quotes of their mentions). Commented: the date, the candidate new entities
//! and, sentence by sentence in reading order, the claim skeletons and the TODOs.

use super::annotate::{
    Candidate, CandidateKind, ClaimSkeleton, Draft, DraftSentence, NamedEntity, Proposal, Quote,
};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// The draft as TOML.
pub fn to_toml(draft: &Draft, perspectives: &[String]) -> String {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(format!(
        "# Draft annotation of {}, written by `wangluo annotate`. Read it through, then run\n\
         # `wangluo check` on it. A comment marked GUESS is the draft's guess, not a fact: confirm it\n\
         # or change it. Commented blocks are suggestions: uncomment them once they are right.\n\
         # Format: docs/annotation-format.md.\n\n",
        draft.text_file
    ));
    doc.insert("document", Item::Table(document(draft)));
    let mut entities = ArrayOfTables::new();
    for (n, entity) in draft.entities.iter().enumerate() {
        let mut table = known_entity(entity);
        if n == 0 {
            table.decor_mut().set_prefix(
                "\n# Entities the corpus already knows, named in this text: declared again with the\n\
                 # corpus's type and label (a document may extend an entity), with the quotes of their\n\
                 # mentions. The loader finds their mentions itself.\n",
            );
        } else {
            table.decor_mut().set_prefix("\n");
        }
        entities.push(table);
    }
    if !entities.is_empty() {
        doc.insert("entity", Item::ArrayOfTables(entities));
    }
    let mut trailing = String::new();
    trailing.push_str(&candidates(&draft.candidates));
    trailing.push_str(&sentences(draft, perspectives));
    doc.set_trailing(trailing);
    doc.to_string()
}

fn document(draft: &Draft) -> Table {
    let mut t = Table::new();
    t.insert("id", Item::Value(draft.id.as_str().into()));
    t.insert("type", Item::Value(draft.class.into()));
    t.insert("title", Item::Value(draft.title.as_str().into()));
    t.insert("text", Item::Value(draft.text_file.as_str().into()));
    t.insert("sha256", Item::Value(draft.sha256.as_str().into()));
    t.insert("language", Item::Value(draft.language.into()));
    comment(
        &mut t,
        "type",
        "GUESS: the kind of text (a wl: class under wl:Document: OpEd, Report, Speech …)",
    );
    comment(&mut t, "title", "GUESS: the first line of the text");
    comment(
        &mut t,
        "language",
        "GUESS: from the characters of the text (BCP 47 tag)",
    );
    let mut notes = String::new();
    if let Some(date) = &draft.date {
        notes.push_str(&format!(
            "# GUESS: the date of the dateline; uncomment if it is the date of publication\n# date = {}\n",
            encode(date)
        ));
    }
    let bylines: Vec<&DraftSentence> = draft
        .sentences
        .iter()
        .filter(|s| {
            matches!(
                s.proposal,
                Proposal::NoClaim {
                    reason: "byline",
                    ..
                }
            )
        })
        .collect();
    let authors: Vec<String> = draft
        .candidates
        .iter()
        .filter(|c| c.class == Some("Person") && bylines.iter().any(|b| b.span.contains(&c.span)))
        .map(|c| encode(&c.id))
        .collect();
    if authors.is_empty() {
        notes.push_str("# TODO: authors = [ids] and publisher = id, once declared as entities\n");
    } else {
        notes.push_str(&format!(
            "# GUESS: the byline's names (candidates below: declare them first)\n# authors = [{}]\n\
             # TODO: publisher = id, once declared as an entity\n",
            authors.join(", ")
        ));
    }
    let no_claims = no_claims(draft);
    if no_claims.is_empty() {
        let language = format!("GUESS: from the characters of the text (BCP 47 tag)\n{notes}");
        comment(&mut t, "language", language.trim_end());
    } else {
        notes.push_str(
            "# Proposed (by their form): the sentences that carry no claim: title, byline, dateline,\n\
             # headings, tag lines. Remove an entry whose sentence does state something.\n",
        );
        t.insert("no_claims", Item::Value(Value::Array(no_claims)));
        comment(
            &mut t,
            "no_claims",
            notes.trim_end().trim_start_matches("# "),
        );
    }
    t
}

/// A comment line (or lines) above a key.
fn comment(t: &mut Table, key: &str, text: &str) {
    if let Some(mut k) = t.key_mut(key) {
        let lines: String = text
            .lines()
            .map(|l| format!("# {}\n", l.trim_start_matches("# ")))
            .collect();
        k.leaf_decor_mut().set_prefix(lines);
    }
}

fn no_claims(draft: &Draft) -> Array {
    let mut array = Array::new();
    for sentence in &draft.sentences {
        if let Proposal::NoClaim { reason, quote } = &sentence.proposal {
            let mut entry = InlineTable::new();
            entry.insert("exact", quote.exact.as_str().into());
            if let Some(n) = quote.occurrence {
                entry.insert("occurrence", (n as i64).into());
            }
            entry.insert("reason", (*reason).into());
            let mut value = Value::InlineTable(entry);
            value.decor_mut().set_prefix("\n  ");
            array.push_formatted(value);
        }
    }
    array.set_trailing_comma(true);
    array.set_trailing("\n");
    array
}

fn quote_value(quote: &Quote) -> Value {
    match quote.occurrence {
        None => quote.exact.as_str().into(),
        Some(n) => {
            let mut t = InlineTable::new();
            t.insert("exact", quote.exact.as_str().into());
            t.insert("occurrence", (n as i64).into());
            Value::InlineTable(t)
        }
    }
}

fn strings(list: &[String]) -> Value {
    Value::Array(list.iter().map(String::as_str).collect())
}

fn known_entity(e: &NamedEntity) -> Table {
    let mut t = Table::new();
    t.insert("id", Item::Value(e.known.id.as_str().into()));
    t.insert("type", Item::Value(e.known.class.as_str().into()));
    t.insert("label", Item::Value(e.known.label.as_str().into()));
    if !e.labels.is_empty() {
        let mut labels = InlineTable::new();
        for (tag, label) in &e.labels {
            labels.insert(tag, label.as_str().into());
        }
        t.insert("labels", Item::Value(Value::InlineTable(labels)));
    }
    if !e.aliases.is_empty() {
        t.insert("aliases", Item::Value(strings(&e.aliases)));
    }
    if !e.mentions.is_empty() {
        t.insert("mentions", Item::Value(strings(&e.mentions)));
    }
    let mut quotes = Array::new();
    for quote in &e.quotes {
        let mut value = quote_value(quote);
        if e.quotes.len() > 2 {
            value.decor_mut().set_prefix("\n  ");
        }
        quotes.push_formatted(value);
    }
    if e.quotes.len() > 2 {
        quotes.set_trailing_comma(true);
        quotes.set_trailing("\n");
    }
    t.insert("quotes", Item::Value(Value::Array(quotes)));
    if !e.suggested_aliases.is_empty() {
        let list: Vec<String> = e.suggested_aliases.iter().map(|a| encode(a)).collect();
        comment(
            &mut t,
            "quotes",
            &format!(
                "GUESS: defined in parentheses after its name; uncomment to find it as a mention\n\
                 aliases = [{}]",
                list.join(", ")
            ),
        );
    }
    t
}

/// A string as a one-line TOML basic string (JSON's escapes are TOML's), to sit in a comment.
fn encode(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

fn encode_quote(q: &Quote) -> String {
    match q.occurrence {
        None => encode(&q.exact),
        Some(n) => format!("{{ exact = {}, occurrence = {n} }}", encode(&q.exact)),
    }
}

fn candidates(candidates: &[Candidate]) -> String {
    if candidates.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\n# Candidate new entities: words that may name something the corpus does not know yet\n\
         # (GUESSES: uncomment the ones that are entities, set the type, check label and quotes).\n",
    );
    for c in candidates {
        let why = match (c.kind, &c.alias) {
            (CandidateKind::Acronym, Some(a)) => {
                format!("a name, and \"{a}\" defined in parentheses")
            }
            (CandidateKind::QuotedTerm, _) => "a quoted term, perhaps foreign".to_owned(),
            (CandidateKind::Han, _) => "Han characters: a Chinese term".to_owned(),
            _ => "capitalised words".to_owned(),
        };
        out.push_str(&format!(
            "\n# {}: {why}\n# [[entity]]\n# id = {}\n",
            c.label.replace('\n', " "),
            encode(&c.id)
        ));
        match c.class {
            Some(class) => out.push_str(&format!("# type = {}   # GUESS\n", encode(class))),
            None => out
                .push_str("# type = \"TODO\"   # a wl: class (Person, Organization, Concept …)\n"),
        }
        if c.kind == CandidateKind::Han {
            out.push_str(&format!(
                "# label = \"TODO: its English name\"\n# labels = {{ zh = {} }}\n",
                encode(&c.label)
            ));
        } else {
            out.push_str(&format!("# label = {}\n", encode(&c.label)));
        }
        if let Some(alias) = &c.alias {
            out.push_str(&format!("# aliases = [{}]\n", encode(alias)));
        }
        out.push_str(&format!("# quotes = [{}]\n", encode_quote(&c.quote)));
    }
    out
}

fn sentences(draft: &Draft, perspectives: &[String]) -> String {
    let mut out = String::from(
        "\n# Every sentence, in reading order: a claim skeleton where a reporting cue suggests one\n\
         # (uncomment it once claimant, subjects, perspective and label are right), the sentences\n\
         # proposed for no_claims above, and a TODO for the others (a claim, or no_claims).\n",
    );
    for (n, sentence) in draft.sentences.iter().enumerate() {
        let words = encode(&sentence.text);
        match &sentence.proposal {
            Proposal::NoClaim { reason, .. } => {
                out.push_str(&format!(
                    "\n# {}. {words}\n#   in no_claims above ({reason})\n",
                    n + 1
                ));
            }
            Proposal::Todo => {
                out.push_str(&format!(
                    "\n# {}. {words}\n#   TODO: a claim, or no_claims with a reason\n",
                    n + 1
                ));
            }
            Proposal::Claim(claim) => {
                out.push_str(&format!("\n# {}. {words}\n", n + 1));
                out.push_str(&claim_skeleton(claim, perspectives));
            }
        }
    }
    out
}

fn claim_skeleton(claim: &ClaimSkeleton, perspectives: &[String]) -> String {
    let mut out = format!(
        "#   reporting cue \"{}\": a claim skeleton\n# [[claim]]\n# id = {}\n\
         # label = \"TODO: a short English paraphrase\"\n",
        claim.cue,
        encode(&claim.id)
    );
    match &claim.claimant {
        Some(c) => {
            let declare = if c.known {
                ""
            } else {
                " (a candidate above: declare it first)"
            };
            out.push_str(&format!(
                "# claimant = {}   # GUESS: {}{declare}\n",
                encode(&c.id),
                c.why
            ));
        }
        None => out.push_str(&format!(
            "# claimant = \"TODO\"   # who holds the view: an entity id{}\n",
            claim
                .subject_words
                .as_ref()
                .map(|w| format!(" (the cue's subject reads \"{w}\")"))
                .unwrap_or_default()
        )),
    }
    if claim.subjects.is_empty() {
        out.push_str("# subjects = [\"TODO\"]   # what or whom it is about\n");
    } else {
        let list: Vec<String> = claim.subjects.iter().map(|s| encode(s)).collect();
        out.push_str(&format!(
            "# subjects = [{}]   # GUESS: the known entities the sentence names\n",
            list.join(", ")
        ));
    }
    out.push_str(&format!(
        "# perspective = \"TODO\"   # {}\n",
        perspectives.join(" | ")
    ));
    out.push_str("# characterizations = []\n");
    out.push_str(&format!("# quotes = [{}]\n", encode_quote(&claim.quote)));
    out
}
