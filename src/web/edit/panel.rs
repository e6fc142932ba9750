//! The editor's panel beside the reading view: one plain form (the selection, a claim, a
//! mention, a new entity, sentences without a claim), the claims of the document to open in it,
//! and undo. Every field has its label; the script only fills the selection's offsets, and a
//! sentence can be picked from a list instead, so the keyboard does everything.

use super::{AppState, Editor};
use crate::annotation::{Disk, Kind, ParsedFile, Symbol};
use crate::ontology::Ontology;
use crate::text::{Segmentation, SourceText};
use crate::util::hash::sha256_hex;
use crate::web::site::Site;
use maud::{html, Markup};
use std::collections::BTreeMap;

/// What the panel says above its form, and what the form shows again.
#[derive(Debug, Default)]
pub(crate) struct Notice {
    /// What the last save did (`claim`, `mention` …) and the item it was about.
    pub saved: Option<(String, String)>,
    /// The claim opened in the form.
    pub editing: Option<String>,
    /// Why the last save was refused, and every error the checks found.
    pub error: Option<String>,
    pub details: Vec<String>,
    /// Whether it was refused because the file had changed.
    pub stale: bool,
    /// The entry of a refused save, shown again.
    pub form: Option<Vec<(String, String)>>,
}

/// The values the form starts with.
struct Values(Vec<(String, String)>);

impl Values {
    fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    fn has(&self, key: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == key && v == value)
    }

    /// The fields of the claim `id` of `file`.
    fn of_claim(file: &ParsedFile, id: &str) -> Self {
        let mut pairs = vec![("claim".to_owned(), id.to_owned())];
        if let Some(c) = file.annotation.claims.iter().find(|c| c.id.get_ref() == id) {
            pairs.push(("label".into(), c.label.clone()));
            pairs.push(("claimant".into(), c.claimant.clone()));
            pairs.push(("source".into(), c.source.clone().unwrap_or_default()));
            pairs.push(("subjects".into(), c.subjects.join(", ")));
            pairs.push(("perspective".into(), c.perspective.clone()));
            let quotes: Vec<String> = c
                .quotes
                .iter()
                .map(|q| format!("“{}”", q.exact()))
                .collect();
            pairs.push(("quotes".into(), quotes.join(", ")));
            for ch in &c.characterizations {
                pairs.push(("characterization".into(), ch.clone()));
            }
        }
        Self(pairs)
    }
}

/// The corpus as the form offers it.
struct Catalog {
    actors: Vec<(String, String)>,
    entities: Vec<(String, String)>,
    documents: Vec<(String, String)>,
    ontology: Ontology,
}

impl Catalog {
    fn new(editor: &Editor, site: &Site) -> Option<Self> {
        let ontology = Ontology::bundled(&site.base).ok()?;
        let symbols: BTreeMap<String, Symbol> = editor.symbols();
        let pick = |keep: &dyn Fn(&Symbol) -> bool| -> Vec<(String, String)> {
            symbols
                .iter()
                .filter(|(_, s)| keep(s))
                .map(|(id, s)| (id.clone(), s.label.clone()))
                .collect()
        };
        Some(Self {
            actors: pick(&|s| s.kind == Kind::Entity && ontology.is_subclass_of(&s.class, "Actor")),
            entities: pick(&|s| s.kind == Kind::Entity),
            documents: pick(&|s| {
                s.kind == Kind::Document || ontology.is_subclass_of(&s.class, "Document")
            }),
            ontology,
        })
    }
}

/// The panel of the document at `path` (`id/DOC`), if the server edits it.
pub(crate) fn panel(state: &AppState, site: &Site, path: &str, notice: &Notice) -> Option<Markup> {
    let editor = state.editor.as_ref()?;
    let file = editor.file_of(path)?;
    let source = std::fs::read(file).ok()?;
    let version = sha256_hex(&source);
    let parsed = ParsedFile::read(file, &Disk).ok()?;
    let text = SourceText::new(String::from_utf8_lossy(parsed.text.as_deref()?));
    let catalog = Catalog::new(editor, site)?;
    let values = match (&notice.form, &notice.editing) {
        (Some(pairs), _) => Values(pairs.clone()),
        (None, Some(id)) => Values::of_claim(&parsed, id),
        (None, None) => Values(Vec::new()),
    };
    let action = site.url(&format!("edit/{path}"));
    let undo = editor.undoable(path);
    Some(html! {
        link rel="stylesheet" href=(site.url("edit.css"));
        aside #editor aria-labelledby="editor-title" {
            h2 #editor-title { "Annotate this text" }
            (messages(site, path, notice))
            form #edit-form method="post" action=(action) {
                input type="hidden" name="version" value=(version);
                (selection(&text, &values))
                (claim_fields(site, path, &catalog, &values))
                (mention_fields(&catalog, &values))
                (no_claim_fields(&values))
            }
            @if let Some(what) = undo {
                form #undo-form method="post" action=(action) {
                    input type="hidden" name="version" value=(version);
                    button type="submit" name="action" value="undo" { "Undo the last save (" (what) ")" }
                }
            }
            (claims_list(site, path, &parsed))
        }
        script src=(site.url("edit.js")) {}
    })
}

fn messages(site: &Site, path: &str, notice: &Notice) -> Markup {
    html! {
        @if let Some((kind, id)) = &notice.saved {
            p #edit-saved .edit-saved role="status" {
                @match kind.as_str() {
                    "claim" => { "Saved the claim " a href=(site.url(&format!("page/id/{id}"))) { (id) } "." }
                    "deleted" => { "Deleted the claim " code { (id) } "." }
                    "mention" => { "Linked the selection to " a href=(site.url(&format!("page/id/{id}"))) { (id) } "." }
                    "entity" => { "Created the entity " a href=(site.url(&format!("page/id/{id}"))) { (id) } "." }
                    "no-claim" => { "Marked “" (id) "” as without a claim." }
                    "undone" => { "Undone: " (id) "." }
                    _ => { "Saved." }
                }
            }
        }
        @if let Some(error) = &notice.error {
            div #edit-error .edit-error role="alert" {
                p { (error) }
                @if notice.stale {
                    p { a href=(site.url(&format!("read/{path}#editor"))) { "Reload the page" } " to start again from the file as it is now." }
                }
                @if notice.details.len() > 1 {
                    ul { @for d in &notice.details { li { code { (d) } } } }
                }
            }
        }
    }
}

fn selection(text: &SourceText, values: &Values) -> Markup {
    let sentences = Segmentation::of(text).sentences;
    let picked = values.get("sentence");
    html! {
        fieldset #edit-selection {
            legend { "Selection" }
            p #selection-text aria-live="polite" {
                @if let Some(words) = entry_words(text, values) {
                    "Selected: “" (words) "”"
                } @else {
                    "Select words in the text, or pick a sentence."
                }
            }
            label for="sentence" { "Sentence" }
            select #sentence name="sentence" {
                option value="" { "— the words selected in the text —" }
                @for (n, s) in sentences.iter().enumerate() {
                    @let value = format!("{},{}", s.begin, s.end);
                    @let words: String = text.slice(s.begin, s.end).chars().take(70).collect();
                    option value=(value) selected[picked == value] { (n + 1) ". " (words) }
                }
            }
            div .offsets {
                label for="start" { "From character" }
                input #start type="number" min="0" name="start" value=(values.get("start"));
                label for="end" { "to character" }
                input #end type="number" min="0" name="end" value=(values.get("end"));
            }
        }
    }
}

/// The words of the entry's selection (offsets, else the picked sentence), shown again.
fn entry_words(text: &SourceText, values: &Values) -> Option<String> {
    let (start, end) = match (values.get("start"), values.get("end")) {
        ("", _) | (_, "") => values.get("sentence").split_once(',')?,
        both => both,
    };
    let (start, end): (usize, usize) = (start.trim().parse().ok()?, end.trim().parse().ok()?);
    (start < end && end <= text.char_len()).then(|| text.slice(start, end).trim().to_owned())
}

fn claim_fields(site: &Site, path: &str, catalog: &Catalog, values: &Values) -> Markup {
    let editing = values.get("claim");
    let ontology = &catalog.ontology;
    let perspective_ns = site.base.perspective_namespace();
    let characterization_ns = site.base.characterization_namespace();
    html! {
        fieldset #edit-claim {
            legend { @if editing.is_empty() { "New claim" } @else { "Claim " code { (editing) } } }
            @if !editing.is_empty() {
                input type="hidden" name="claim" value=(editing);
                @if !values.get("quotes").is_empty() {
                    p { "Its quotes: " (values.get("quotes")) ". A new selection replaces them." }
                }
                p { a href=(site.url(&format!("read/{path}#editor"))) { "Start a new claim instead" } }
            } @else {
                label for="claim_id" { "Id (left empty: made from the paraphrase)" }
                input #claim_id name="claim_id" value=(values.get("claim_id"));
            }
            label for="label" { "Paraphrase" }
            input #label name="label" value=(values.get("label"));
            label for="claimant" { "Claimant (who holds the view)" }
            input #claimant name="claimant" list="actors" autocomplete="off" value=(values.get("claimant"));
            datalist #actors { @for (id, label) in &catalog.actors { option value=(id) { (label) } } }
            label for="subjects" { "Subjects (ids, separated by commas)" }
            input #subjects name="subjects" list="subject-ids" autocomplete="off" value=(values.get("subjects"));
            // A list of its own: the script offers the ids after those already typed.
            datalist #subject-ids { @for (id, label) in &catalog.entities { option value=(id) { (label) } } }
            datalist #entities { @for (id, label) in &catalog.entities { option value=(id) { (label) } } }
            label for="source" { "Source document (optional)" }
            input #source name="source" list="documents" autocomplete="off" value=(values.get("source"));
            datalist #documents { @for (id, label) in &catalog.documents { option value=(id) { (label) } } }
            fieldset .choices {
                legend { "Perspective" }
                @for p in &ontology.perspectives {
                    label { input type="radio" name="perspective" value=(p) checked[values.get("perspective") == p];
                        " " (site.label(&format!("{perspective_ns}{p}"))) }
                }
            }
            fieldset .choices {
                legend { "Characterizations" }
                @for c in &ontology.characterizations {
                    @let iri = format!("{characterization_ns}{c}");
                    @let broader = site.linked(&iri, &format!("{}broader", crate::vocab::ns::SKOS));
                    label { input type="checkbox" name="characterization" value=(c) checked[values.has("characterization", c)];
                        " " (site.label(&iri))
                        @for b in &broader { small { " (under " (site.label(b)) ")" } }
                    }
                }
            }
            button type="submit" name="action" value="claim" { "Save the claim" }
            @if !editing.is_empty() {
                " "
                button type="submit" name="action" value="delete" { "Delete this claim" }
            }
        }
    }
}

fn mention_fields(catalog: &Catalog, values: &Values) -> Markup {
    html! {
        fieldset #edit-mention {
            legend { "Mention" }
            label for="entity" { "Entity named by the selection" }
            input #entity name="entity" list="entities" autocomplete="off" value=(values.get("entity"));
            button type="submit" name="action" value="mention" { "Link the selection" }
            p { "Or create a new entity whose name is the selection:" }
            label for="entity_id" { "New entity's id" }
            input #entity_id name="entity_id" value=(values.get("entity_id"));
            label for="entity_type" { "Type" }
            select #entity_type name="entity_type" {
                option value="" { "— choose a type —" }
                @for class in &catalog.ontology.classes {
                    option value=(class) selected[values.get("entity_type") == class] { (class) }
                }
            }
            label for="entity_label" { "Label" }
            input #entity_label name="entity_label" value=(values.get("entity_label"));
            button type="submit" name="action" value="entity" { "Create the entity" }
        }
    }
}

fn no_claim_fields(values: &Values) -> Markup {
    html! {
        fieldset #edit-no-claim {
            legend { "No claim" }
            label for="reason" { "Reason (title, byline, heading …)" }
            input #reason name="reason" list="reasons" value=(values.get("reason"));
            datalist #reasons { @for r in ["title", "byline", "dateline", "heading", "tag line"] { option value=(r) {} } }
            button type="submit" name="action" value="no-claim" { "Mark the selected sentences as without a claim" }
        }
    }
}

fn claims_list(site: &Site, path: &str, file: &ParsedFile) -> Markup {
    html! {
        section #edit-claims aria-labelledby="edit-claims-title" {
            h3 #edit-claims-title { "Claims of this file" }
            ol {
                @for c in &file.annotation.claims {
                    @let id = c.id.get_ref();
                    li {
                        a href=(site.url(&format!("read/{path}?claim={id}#editor"))) { "Edit " (id) }
                        " — " (c.label)
                    }
                }
            }
        }
    }
}
