//! `wangluo annotate`: a draft annotation of a raw text.

use super::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wangluo::authoring::annotate::{annotate, corpus_entities, id_slug};
use wangluo::authoring::draft::to_toml;
use wangluo::ontology::Ontology;
use wangluo::Error;

/// Draft the annotation of a text: the document block, the mentions of every entity the corpus
/// knows, candidate new entities, and every sentence in reading order (a claim skeleton where a
/// reporting cue suggests one, headings and bylines proposed for no_claims, a TODO for the
/// rest). The draft loads as it is; every guess is marked GUESS or left as a comment.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo annotate op-ed-2.txt -o op-ed-2.toml           # then: wangluo check op-ed-2.toml
  wangluo annotate op-ed-2.txt --id smith-2025 --entities data/entities/actors.toml

The corpus's entities are those of the bundled annotation files (data/) and of the files given
with --entities; their labels, aliases and mention forms are looked for as the loader looks for
them.")]
pub struct Args {
    /// The text to annotate (UTF-8).
    #[arg(value_name = "TEXT")]
    text: PathBuf,
    /// The document's id (a lowercase slug); by default the text's file name, made a slug.
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Write the draft to FILE (atomically) instead of stdout; `text =` is then relative to it.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Annotation files whose entities the corpus also knows (entity files or document files).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    entities: Vec<PathBuf>,
    /// Leave out the entities of the bundled annotation files (data/).
    #[arg(long)]
    no_bundled: bool,
}

pub fn run(args: Args, context: &Context) -> wangluo::Result<ExitCode> {
    let bytes = std::fs::read(&args.text).map_err(|source| Error::Read {
        path: args.text.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| Error::InvalidOption {
        option: args.text.display().to_string(),
        reason: format!("the text is not UTF-8: {e}"),
    })?;
    let stem = args
        .text
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document");
    let id = args.id.clone().unwrap_or_else(|| id_slug(stem));
    if !wangluo::annotation::resolve::is_slug(&id) {
        return Err(Error::InvalidOption {
            option: "--id".to_owned(),
            reason: format!("`{id}` is not a lowercase slug like `smith-2025`"),
        });
    }
    let known = corpus_entities(&args.entities, !args.no_bundled)?;
    let text_file = text_path(&args.text, args.output.as_deref());
    let draft = annotate(&text, &text_file, &id, &known);
    let ontology = Ontology::bundled(&context.base)?;
    let perspectives: Vec<String> = ontology.perspectives.iter().cloned().collect();
    let toml = to_toml(&draft, &perspectives);
    match &args.output {
        Some(path) => wangluo::util::atomic::write_file(path, |w| {
            w.write_all(toml.as_bytes()).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })
        })?,
        None => {
            use std::io::Write;
            std::io::stdout()
                .lock()
                .write_all(toml.as_bytes())
                .map_err(|source| Error::Output {
                    target: "stdout".to_owned(),
                    source,
                })?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The text's path as the draft's `text =` gives it: relative to the draft's folder (the
/// current one for stdout) when the text lies under it, else absolute.
fn text_path(text: &Path, output: Option<&Path>) -> String {
    let folder = output
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    let (text_abs, folder_abs) = (absolute(text), absolute(folder));
    match text_abs.strip_prefix(&folder_abs) {
        Ok(relative) => relative.display().to_string(),
        Err(_) => text_abs.display().to_string(),
    }
}
