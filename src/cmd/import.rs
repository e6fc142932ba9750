//! `wangluo import`: W3C Web Annotations (Hypothes.is, Recogito) to a draft annotation file.

use super::Context;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use wangluo::authoring::document::{symbols, Corpus};
use wangluo::authoring::web_annotation::import::{import, ImportInput, ImportOutcome};
use wangluo::authoring::web_annotation::mapping::Mapping;
use wangluo::authoring::web_annotation::read;
use wangluo::authoring::AuthoringError;
use wangluo::text::SourceText;
use wangluo::util::atomic;
use wangluo::Error;

/// Turn W3C Web Annotation JSON-LD, as Hypothes.is and Recogito export it, into a draft
/// annotation file of TEXT: each annotation placed in the text again (its position, else its
/// quote with prefix and suffix; curly and straight quotes alike), its tags read through the
/// mapping. An annotation whose quote is not in the text is reported on stderr, one line each,
/// and counted, never dropped silently.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo import annotations.jsonld --text oped.txt -o oped.toml
  wangluo import recogito.jsonld --text oped.txt --mapping tags.toml -o oped.toml
  wangluo export --format web-annotation | wangluo import /dev/stdin --text data/rathor-2024.txt

Tags: `claim`, `type:CLASS`, `claimant:ID`, `perspective:ID`, `characterization:ID` and
`subject:ID` are always understood; --mapping names other tags (docs/web-annotation.md).")]
pub struct Args {
    /// The Web Annotation JSON-LD file (an annotation, an array, a collection or a page).
    file: PathBuf,
    /// The UTF-8 text the annotations are of.
    #[arg(long, value_name = "TEXT")]
    text: PathBuf,
    /// Write the draft to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// What the tags mean: a TOML file of entity types, claimants, perspectives and
    /// characterizations (docs/web-annotation.md).
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// The document id (default: the annotations' source when it is a wangluo id, else the
    /// text's file name).
    #[arg(long)]
    id: Option<String>,
}

fn read(path: &Path) -> wangluo::Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })
}

fn read_mapping(path: Option<&Path>) -> wangluo::Result<Mapping> {
    let Some(path) = path else {
        return Ok(Mapping::default());
    };
    let text = String::from_utf8(read(path)?).map_err(|source| AuthoringError::NotText {
        path: path.to_owned(),
        source,
    })?;
    Mapping::parse(&text).map_err(|reason| {
        AuthoringError::Mapping {
            path: path.to_owned(),
            reason,
        }
        .into()
    })
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let json: serde_json::Value =
        serde_json::from_slice(&read(&args.file)?).map_err(|source| AuthoringError::Json {
            path: args.file.clone(),
            source,
        })?;
    let annotations = read::annotations(&json);
    if annotations.is_empty() {
        return Err(AuthoringError::WebAnnotation {
            path: args.file.clone(),
            reason: "no annotation in it (an object with a `target`, alone, in an array, a \
                     collection or a page)"
                .to_owned(),
        }
        .into());
    }
    let bytes = read(&args.text)?;
    let sha256 = wangluo::util::hash::sha256_hex(&bytes);
    let text = String::from_utf8(bytes).map_err(|source| AuthoringError::NotText {
        path: args.text.clone(),
        source,
    })?;
    let mapping = read_mapping(args.mapping.as_deref())?;
    let kg = match &context.store {
        Some(_) => Some(context.open_for_reading()?),
        None => None,
    };
    let corpus = kg.as_ref().map_or(Corpus::Bundled, Corpus::Store);
    let known: BTreeMap<_, _> = symbols(corpus)?.into_iter().collect();
    let stem = args
        .text
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document");
    let input = ImportInput {
        text: &SourceText::new(text),
        text_path: text_path(&args.text, args.output.as_deref()),
        sha256,
        document_id: args.id.clone(),
        fallback_id: wangluo::util::slug::slug(&stem.to_lowercase(), &[], "document"),
        mapping: &mapping,
        known: &known,
        items: context.base.item_namespace(),
    };
    let outcome = import(&annotations, &input);
    report(&args.file, annotations.len(), &outcome);
    match &args.output {
        Some(path) => {
            atomic::write_file(path, |out| {
                out.write_all(outcome.toml.as_bytes())
                    .map_err(|source| Error::Write {
                        path: path.clone(),
                        source,
                    })
            })?;
            eprintln!("wrote the draft to {}", path.display());
        }
        None => {
            use std::io::Write;
            std::io::stdout()
                .lock()
                .write_all(outcome.toml.as_bytes())
                .map_err(|source| Error::Output {
                    target: "stdout".to_owned(),
                    source,
                })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line on stderr for each problem, then the counts.
fn report(file: &Path, read: usize, outcome: &ImportOutcome) {
    for problem in &outcome.problems {
        eprintln!("wangluo: warning: {}: {problem}", file.display());
    }
    eprintln!(
        "imported {} of {read} annotations: {} entities, {} claims; {} not in the text, {} \
         ambiguous, {} neither claim nor entity; {} placed where the text's typography differs",
        outcome.placed - outcome.unmapped,
        outcome.entities,
        outcome.claims,
        outcome.stale,
        outcome.ambiguous,
        outcome.unmapped,
        outcome.folded
    );
}

/// The text's path as the draft names it: relative to the draft's folder (or as given, when the
/// draft goes to stdout or no relative path exists).
fn text_path(text: &Path, output: Option<&Path>) -> String {
    let relative = output.and_then(|out| {
        let dir = out
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let dir = std::fs::canonicalize(dir).ok()?;
        let text = std::fs::canonicalize(text).ok()?;
        relative(&dir, &text)
    });
    relative
        .unwrap_or_else(|| text.to_owned())
        .to_string_lossy()
        .into_owned()
}

/// `to` relative to the folder `from` (both absolute).
fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut path: PathBuf = from[common..]
        .iter()
        .map(|_| Component::ParentDir)
        .collect();
    path.extend(&to[common..]);
    Some(path)
}
