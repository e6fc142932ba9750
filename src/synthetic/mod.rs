//! A synthetic corpus of N documents, deterministic from a seed, for the benchmarks and the
//! tests that need a bigger load (`wangluo gen-corpus`, hidden). It writes the bytes
//! `benches/gen-corpus.py` writes for the same arguments (its random draws are CPython's,
//! [`pyrandom`]); `tests/interop/corpus.rs` compares the two.
//!
//! The corpus has the shape of the real one: an entity file of shared actors
//! (`OUT/entities/actors.toml`: persons, states, organizations, no quotes) and, per document, a
//! text (`OUT/docs/doc-NNNNN.txt`) and its annotation (`doc-NNNNN.toml`) with the document's
//! author and a quantity, and claims by the shared actors about each other, quoted verbatim from
//! the text, some linked to the quantity or (unless `independent`) to a claim of an earlier
//! document. With `independent`, any subset of the documents loads with the entity file alone.

pub mod pyrandom;

use crate::util::hash::sha256_hex;
use pyrandom::PyRandom;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

const SYLLABLES: [&str; 28] = [
    "ka", "lo", "vi", "ren", "tu", "ma", "sol", "dei", "bra", "nor", "qu", "fen", "ti", "zar",
    "mo", "lex", "ou", "pra", "hal", "sen", "wy", "dra", "kel", "mi", "ost", "un", "gar", "el",
];
/// (type, how the label is made, the perspective its claims take)
const ACTOR_KINDS: [(&str, Label, &str); 7] = [
    ("Person", Label::Person, "western"),
    ("Person", Label::Person, "chinese"),
    ("State", Label::State, "chinese"),
    ("State", Label::State, "western"),
    ("IntelligenceAgency", Label::Agency, "western"),
    ("ThinkTank", Label::Institute, "western"),
    ("GovernmentBody", Label::Ministry, "chinese"),
];
const CHARACTERIZATIONS: [&str; 21] = [
    "adversarial",
    "threat",
    "disinformation",
    "offensive-capability",
    "espionage",
    "surveillance",
    "hegemony",
    "authoritarian-control",
    "challenge",
    "ambition",
    "strategic-concept",
    "political-slogan",
    "self-reliance",
    "complexity",
    "people-centred",
    "cooperative",
    "sovereign-equality",
    "peaceful",
    "orderly",
    "rights-and-freedoms",
    "development",
];
const VERBS: [&str; 10] = [
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
];
const UNITS: [&str; 4] = [
    "server racks",
    "network engineers",
    "data centres",
    "kilometres of fibre",
];
const DOC_TYPES: [&str; 4] = ["OpEd", "Report", "Speech", "WhitePaper"];

#[derive(Clone, Copy)]
enum Label {
    Person,
    State,
    Agency,
    Institute,
    Ministry,
}

/// What a corpus holds, printed by `gen-corpus` as the Python prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub documents: usize,
    pub actors: usize,
    pub claims: usize,
}

impl Summary {
    /// One JSON line, spaced as Python's `json.dumps`.
    #[must_use]
    pub fn json_line(&self) -> String {
        format!(
            "{{\"documents\": {}, \"actors\": {}, \"claims\": {}}}",
            self.documents, self.actors, self.claims
        )
    }
}

/// Writes a corpus of `count` documents into `out` (created).
///
/// # Errors
/// When a folder or file cannot be written.
pub fn generate(
    count: usize,
    out: &Path,
    seed: u64,
    independent: bool,
) -> std::io::Result<Summary> {
    let mut random = PyRandom::new(seed);
    let mut names = Names::default();
    let actors = shared_actors(&mut random, &mut names, (count / 5).clamp(14, 200));
    std::fs::create_dir_all(out.join("entities"))?;
    std::fs::write(out.join("entities/actors.toml"), actors_file(&actors))?;
    let docs = out.join("docs");
    std::fs::create_dir_all(&docs)?;
    let mut claims = 0;
    for number in 1..=count {
        let document = Document::new(&mut random, &mut names, number, &actors);
        let toml = document.annotation(&mut random, independent);
        std::fs::write(docs.join(format!("{}.txt", document.id)), &document.text)?;
        std::fs::write(docs.join(format!("{}.toml", document.id)), toml)?;
        claims += document.claims.len();
    }
    Ok(Summary {
        documents: count,
        actors: actors.len(),
        claims,
    })
}

/// Capitalized pseudo-words, each used once, so that no label is a word of another.
#[derive(Default)]
struct Names {
    used: HashSet<String>,
}

impl Names {
    fn word(&mut self, random: &mut PyRandom) -> String {
        // After many misses a word takes more syllables (small corpora never get there).
        let mut misses = 0;
        loop {
            let longest = 3 + misses / 50;
            let syllables = random.int(2, longest);
            let word: String = (0..syllables).map(|_| *random.choice(&SYLLABLES)).collect();
            let word = capitalize(&word);
            if self.used.insert(word.clone()) {
                return word;
            }
            misses += 1;
        }
    }

    fn label(&mut self, random: &mut PyRandom, how: Label) -> String {
        match how {
            Label::Person => {
                let first = self.word(random);
                format!("{first} {}", self.word(random))
            }
            Label::State => format!("Republic of {}", self.word(random)),
            Label::Agency => format!("{} Intelligence Office", self.word(random)),
            Label::Institute => format!("{} Institute", self.word(random)),
            Label::Ministry => format!("Ministry of {}", self.word(random)),
        }
    }
}

/// Python's `str.capitalize` on ASCII: the first letter upper case, the rest lower.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
    })
}

/// A TOML basic string as Python's `json.dumps(text, ensure_ascii=False)` writes it. Not
/// `authoring::web_annotation::toml_out::string`: the bytes must be Python's (`\b`, `\f`, lower-case
/// `\u00xx`, U+007F and C1 controls as they are).
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            '\u{8}' => quoted.push_str("\\b"),
            '\u{c}' => quoted.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(quoted, "\\u{:04x}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// `f"{value:,}"`: digits grouped by three with commas.
fn thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0 {
        grouped.insert(0, '-');
    }
    grouped
}

struct Actor {
    id: String,
    kind: &'static str,
    label: String,
    perspective: &'static str,
}

fn shared_actors(random: &mut PyRandom, names: &mut Names, count: usize) -> Vec<Actor> {
    (0..count)
        .map(|i| {
            let (kind, how, perspective) = ACTOR_KINDS[i % ACTOR_KINDS.len()];
            Actor {
                id: format!("gen-actor-{:04}", i + 1),
                kind,
                label: names.label(random, how),
                perspective,
            }
        })
        .collect()
}

fn actors_file(actors: &[Actor]) -> String {
    let mut lines = vec![
        "# Shared actors of a generated corpus (benches/gen-corpus.py): no quotes here.".to_owned(),
        String::new(),
    ];
    for actor in actors {
        lines.extend([
            "[[entity]]".to_owned(),
            format!("id = {}", toml_string(&actor.id)),
            format!("type = {}", toml_string(actor.kind)),
            format!("label = {}", toml_string(&actor.label)),
            String::new(),
        ]);
    }
    lines.join("\n")
}

struct Claim<'a> {
    id: String,
    claimant: &'a Actor,
    subject: &'a Actor,
    quote: String,
    sentence: String,
    label: String,
    characterizations: Vec<&'static str>,
}

/// The claims of a document: each a sentence of the text holding its quote.
fn claim_sentences<'a>(
    random: &mut PyRandom,
    number: usize,
    actors: &'a [Actor],
    count: i64,
) -> Vec<Claim<'a>> {
    (1..=count)
        .map(|i| {
            let pair = random.sample(actors, 2);
            let (claimant, subject) = (pair[0], pair[1]);
            let year = random.int(2015, 2025);
            let verb = random.choice(&VERBS);
            let quote = format!("{} {verb} (finding {number}.{i})", subject.label);
            let how_many = random.int(0, 2);
            let characterizations = random
                .sample(&CHARACTERIZATIONS, usize::try_from(how_many).unwrap_or(0))
                .into_iter()
                .copied()
                .collect();
            Claim {
                id: format!("gen-claim-{number:05}-{i}"),
                claimant,
                subject,
                sentence: format!("In {year} {} said that {quote}.", claimant.label),
                label: format!("{} said that {} {verb}.", claimant.label, subject.label),
                quote,
                characterizations,
            }
        })
        .collect()
}

/// One document: its text and what its annotation says.
struct Document<'a> {
    number: usize,
    id: String,
    text: String,
    author_id: String,
    author: String,
    title: String,
    quantity_quote: String,
    value: i64,
    unit: &'static str,
    year: i64,
    claims: Vec<Claim<'a>>,
}

impl<'a> Document<'a> {
    fn new(random: &mut PyRandom, names: &mut Names, number: usize, actors: &'a [Actor]) -> Self {
        let author = names.label(random, Label::Person);
        let title = format!("Notes on {} networks, number {number}", names.word(random));
        // The document's number in the value keeps every quantity's words its own.
        let value = random.int(2, 900) * 10_000 + number as i64;
        let unit = *random.choice(&UNITS);
        let year = random.int(2018, 2026);
        let quantity_quote = format!("{} {unit} by {year}", thousands(value));
        let how_many = random.int(3, 8);
        let claims = claim_sentences(random, number, actors, how_many);
        let mut body: Vec<String> = claims.iter().map(|c| c.sentence.clone()).collect();
        let at = random.below(body.len() + 1);
        body.insert(at, format!("Officials expect {quantity_quote}."));
        let half = body.len() / 2;
        let paragraphs = [
            title.clone(),
            format!("By {author}"),
            body[..half].join(" "),
            body[half..].join(" "),
        ];
        Self {
            number,
            id: format!("doc-{number:05}"),
            text: paragraphs.join("\n\n") + "\n",
            author_id: format!("gen-author-{number:05}"),
            author,
            title,
            quantity_quote,
            value,
            unit,
            year,
            claims,
        }
    }

    /// The annotation file (its month and links drawn here, after the text, as the Python does).
    fn annotation(&self, random: &mut PyRandom, independent: bool) -> String {
        let number = self.number;
        let quote = toml_string(&self.quantity_quote);
        let mut lines = vec![
            format!("# Generated document {number} (benches/gen-corpus.py)."),
            String::new(),
            "[document]".to_owned(),
            format!("id = {}", toml_string(&self.id)),
            format!(
                "type = {}",
                toml_string(DOC_TYPES[number % DOC_TYPES.len()])
            ),
            format!("title = {}", toml_string(&self.title)),
            format!("text = {}", toml_string(&format!("{}.txt", self.id))),
            format!(
                "sha256 = {}",
                toml_string(&sha256_hex(self.text.as_bytes()))
            ),
            "language = \"en\"".to_owned(),
            format!("date = \"{}-{:02}\"", self.year - 1, random.int(1, 12)),
            "annotated = \"2026-12-01T00:00:00Z\"".to_owned(),
            format!("authors = [{}]", toml_string(&self.author_id)),
            format!("quotes = [{}]", toml_string(&self.title)),
            format!(
                "no_claims = [{{ exact = {}, reason = \"title\" }}]",
                toml_string(&self.title)
            ),
            String::new(),
            "[[entity]]".to_owned(),
            format!("id = {}", toml_string(&self.author_id)),
            "type = \"Person\"".to_owned(),
            format!("label = {}", toml_string(&self.author)),
            format!("quotes = [{}]", toml_string(&self.author)),
            String::new(),
            "[[entity]]".to_owned(),
            format!("id = \"gen-quantity-{number:05}\""),
            "type = \"Quantity\"".to_owned(),
            format!("label = {quote}"),
            format!("value = {}", self.value),
            format!("unit = {}", toml_string(self.unit)),
            format!("date = \"{}\"", self.year),
            format!("quotes = [{quote}]"),
            String::new(),
        ];
        for (i, claim) in self.claims.iter().enumerate() {
            lines.extend(claim_lines(claim, i, number, random, independent));
        }
        lines.join("\n")
    }
}

fn claim_lines(
    claim: &Claim,
    i: usize,
    number: usize,
    random: &mut PyRandom,
    independent: bool,
) -> Vec<String> {
    let mut links = Vec::new();
    if i == 0 {
        links.push(format!("statesQuantity = \"gen-quantity-{number:05}\""));
    }
    if i == 1 && number > 1 && !independent {
        let earlier = random.int(1, number as i64 - 1);
        links.push(format!("contrastsWith = \"gen-claim-{earlier:05}-1\""));
    }
    let characterizations: Vec<String> = claim
        .characterizations
        .iter()
        .map(|c| toml_string(c))
        .collect();
    let mut lines = vec![
        "[[claim]]".to_owned(),
        format!("id = {}", toml_string(&claim.id)),
        format!("label = {}", toml_string(&claim.label)),
        format!("claimant = {}", toml_string(&claim.claimant.id)),
        format!("subjects = [{}]", toml_string(&claim.subject.id)),
        format!("perspective = {}", toml_string(claim.claimant.perspective)),
        format!("characterizations = [{}]", characterizations.join(", ")),
        format!("quotes = [{}]", toml_string(&claim.quote)),
    ];
    if !links.is_empty() {
        lines.push(format!("links = {{ {} }}", links.join(", ")));
    }
    lines.push(String::new());
    lines
}

#[cfg(test)]
mod tests {
    use super::{capitalize, thousands, toml_string};

    #[test]
    fn numbers_are_grouped_by_three() {
        for (value, grouped) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (8_990_005, "8,990,005"),
            (-12_345, "-12,345"),
        ] {
            assert_eq!(thousands(value), grouped);
        }
    }

    #[test]
    fn strings_are_quoted_as_json() {
        assert_eq!(toml_string("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(toml_string("line\nnext\u{1}"), r#""line\nnext\u0001""#);
        assert_eq!(toml_string("网络"), "\"网络\"");
    }

    #[test]
    fn capitalize_is_pythons() {
        assert_eq!(capitalize("kalo"), "Kalo");
        assert_eq!(capitalize(""), "");
    }
}
