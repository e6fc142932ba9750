//! One save of the panel's form, under the editor's lock: the form read into an
//! [`Edit`], the edit made and checked with the corpus, the file written atomically, the
//! document loaded again into the served graph. Or one step of undo.

use super::{AppState, Editor, Notice, Undo};
use crate::annotation::{Disk, Kind, ParsedFile, Symbol};
use crate::authoring::edit::{apply, check_edit, claim_id, quote_at, ClaimFields, Edit, Quote};
use crate::store::LoadSource;
use crate::text::{Segmentation, SourceText};
use crate::util::hash::sha256_hex;
use axum::http::StatusCode;
use std::collections::BTreeMap;
use std::path::Path;

/// The fields of a posted form, in order (a key may repeat: the characterizations).
pub(crate) struct Form(pub Vec<(String, String)>);

impl Form {
    /// The first value of `key`, trimmed; empty when missing.
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.trim())
    }

    /// Every non-empty value of `key`.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// The ids in the value of `key`, separated by commas or spaces.
    pub fn ids(&self, key: &str) -> Vec<String> {
        self.get(key)
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The selected characters: `start` and `end`, else the picked `sentence` (`B,E`).
    fn selection(&self) -> Option<(usize, usize)> {
        let (start, end) = match (self.get("start"), self.get("end")) {
            ("", _) | (_, "") => self.get("sentence").split_once(',')?,
            both => both,
        };
        Some((start.trim().parse().ok()?, end.trim().parse().ok()?))
    }
}

/// What a save came to.
pub(crate) enum Outcome {
    /// Written: where to send the browser (the reading view's query and fragment).
    Saved { query: String, fragment: String },
    /// Nothing written, and why.
    Refused { status: StatusCode, notice: Notice },
}

fn refuse(status: StatusCode, form: &Form, message: String, details: Vec<String>) -> Outcome {
    Outcome::Refused {
        status,
        notice: Notice {
            error: Some(message),
            details,
            stale: status == StatusCode::CONFLICT,
            editing: Some(form.get("claim").to_owned()).filter(|c| !c.is_empty()),
            form: Some(form.0.clone()),
            ..Notice::default()
        },
    }
}

/// Saves the form's edit of the document at `path` (`id/DOC`).
pub(crate) fn save(state: &AppState, path: &str, form: Form) -> Outcome {
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let (Some(editor), Some(file)) = (
        state.editor.as_ref(),
        state.editor.as_ref().and_then(|e| e.file_of(path)),
    ) else {
        return refuse(
            StatusCode::NOT_FOUND,
            &form,
            "no such document".into(),
            vec![],
        );
    };
    // One save at a time: the version compared is the version replaced.
    let _saving = editor.saving.lock().unwrap_or_else(|e| e.into_inner());
    if form.get("action") == "undo" {
        return undo(state, editor, path, file, &form);
    }
    let current = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            return refuse(
                unprocessable,
                &form,
                format!("{}: {e}", file.display()),
                vec![],
            )
        }
    };
    if form.get("version") != sha256_hex(current.as_bytes()) {
        return refuse(
            StatusCode::CONFLICT,
            &form,
            "not saved: the file was changed since this page was made (another editor saved \
             it). The page now shows that change; your entry is kept in the form: check it and \
             save again, or reload the page."
                .to_owned(),
            vec![],
        );
    }
    let parsed = match ParsedFile::read(file, &Disk) {
        Ok(parsed) => parsed,
        Err(e) => return refuse(unprocessable, &form, e.to_string(), vec![]),
    };
    let text = SourceText::new(String::from_utf8_lossy(
        parsed.text.as_deref().unwrap_or(&[]),
    ));
    let symbols = editor.symbols();
    let (edit, done, at) = match to_edit(&form, &parsed, &text, &symbols) {
        Ok(made) => made,
        Err(message) => return refuse(unprocessable, &form, message, vec![]),
    };
    let new = match apply(&current, &edit) {
        Ok(new) => new,
        Err(e) => return refuse(unprocessable, &form, e.to_string(), vec![]),
    };
    if let Some(refused) = checked(state, editor, file, &new, &form, "not saved") {
        return refused;
    }
    if let Err(message) = write_and_reload(state, file, &new, &current) {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, &form, message, vec![]);
    }
    *editor.undo.lock().unwrap_or_else(|e| e.into_inner()) = Some(Undo {
        document: path.to_owned(),
        path: file.to_owned(),
        before: current,
        after: sha256_hex(new.as_bytes()),
        what: format!("{} {}", done.0, done.1),
    });
    Outcome::Saved {
        query: saved_query(done.0, &done.1),
        fragment: at
            .and_then(|start| sentence_at(&text, start))
            .unwrap_or_else(|| "editor".to_owned()),
    }
}

/// `saved=KIND&id=ITEM`: what the reading view's notice says after the save.
fn saved_query(kind: &str, item: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("saved", kind)
        .append_pair("id", item)
        .finish()
}

/// The refusal (422) when the corpus, with `source` in `file`, has errors as `load` sees them:
/// the first one as the message, every one in the details.
fn checked(
    state: &AppState,
    editor: &Editor,
    file: &Path,
    source: &str,
    form: &Form,
    prefix: &str,
) -> Option<Outcome> {
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let base = state.site().base.clone();
    match check_edit(&editor.annotations(), file, source, &base) {
        Ok(errors) if errors.is_empty() => None,
        Ok(errors) => {
            let details: Vec<String> = errors.iter().map(ToString::to_string).collect();
            let first = details[0].lines().next().unwrap_or("");
            let message = format!("{prefix}: {first}");
            Some(refuse(unprocessable, form, message, details))
        }
        Err(e) => Some(refuse(
            unprocessable,
            form,
            crate::error::one_line(&e),
            vec![],
        )),
    }
}

/// Writes `new` to `file` atomically and loads the document again into the served graph; if
/// the load fails, `old` is written back.
fn write_and_reload(state: &AppState, file: &Path, new: &str, old: &str) -> Result<(), String> {
    let write = |text: &str| {
        crate::util::atomic::write_file(file, |w| {
            w.write_all(text.as_bytes())
                .map_err(|source| crate::Error::Write {
                    path: file.to_owned(),
                    source,
                })
        })
    };
    write(new).map_err(|e| crate::error::one_line(&e))?;
    let kg = state.site().kg.clone();
    if let Err(e) = kg.load(&[LoadSource::File(file.to_owned())]) {
        let _ = write(old);
        return Err(format!("not saved: {}", crate::error::one_line(&e)));
    }
    state.reload().map_err(|e| crate::error::one_line(&e))
}

/// The last save of `path` taken back, if the file is still what that save wrote.
fn undo(state: &AppState, editor: &Editor, path: &str, file: &Path, form: &Form) -> Outcome {
    let conflict = StatusCode::CONFLICT;
    let mut last = editor.undo.lock().unwrap_or_else(|e| e.into_inner());
    let Some(undo) = last
        .as_ref()
        .filter(|u| u.document == path && u.path == file)
    else {
        return refuse(conflict, form, "nothing to undo here".to_owned(), vec![]);
    };
    let current = std::fs::read(file).unwrap_or_default();
    if sha256_hex(&current) != undo.after {
        return refuse(
            conflict,
            form,
            "cannot undo: the file was changed since the last save".to_owned(),
            vec![],
        );
    }
    if let Some(refused) = checked(state, editor, file, &undo.before, form, "cannot undo") {
        return refused;
    }
    let current = String::from_utf8_lossy(&current).into_owned();
    if let Err(message) = write_and_reload(state, file, &undo.before, &current) {
        return refuse(StatusCode::INTERNAL_SERVER_ERROR, form, message, vec![]);
    }
    let what = undo.what.clone();
    *last = None;
    Outcome::Saved {
        query: saved_query("undone", &what),
        fragment: "editor".to_owned(),
    }
}

/// The fragment of the sentence holding character `start` (`char=B,E`).
fn sentence_at(text: &SourceText, start: usize) -> Option<String> {
    Segmentation::of(text)
        .sentences
        .iter()
        .find(|s| s.begin <= start && start < s.end)
        .map(|s| format!("char={},{}", s.begin, s.end))
}

/// The claim's fields as the form gives them.
fn claim_fields(form: &Form) -> ClaimFields {
    ClaimFields {
        label: form.get("label").to_owned(),
        claimant: form.get("claimant").to_owned(),
        source: form.get("source").to_owned(),
        subjects: form.ids("subjects"),
        perspective: form.get("perspective").to_owned(),
        characterizations: form.all("characterization"),
    }
}

/// What a save did: its kind (for the page's notice) and the item.
type Done = (&'static str, String);

/// The edit the form asks for, what it does, and where its selection starts.
fn to_edit(
    form: &Form,
    parsed: &ParsedFile,
    text: &SourceText,
    symbols: &BTreeMap<String, Symbol>,
) -> Result<(Edit, Done, Option<usize>), String> {
    let quote = match form.selection() {
        Some((start, end)) => Some(quote_at(text, start, end).map_err(|e| e.to_string())?),
        None => None,
    };
    let at = quote.as_ref().map(|q| q.start);
    let selected = || -> Result<Quote, String> {
        quote.clone().ok_or_else(|| {
            "select words of the text (or pick a sentence) first: nothing is selected".to_owned()
        })
    };
    let document = parsed
        .annotation
        .document
        .as_ref()
        .map(|d| d.id.get_ref().clone())
        .unwrap_or_default();
    let editing = form.get("claim");
    let edit = match form.get("action") {
        "claim" if editing.is_empty() => {
            let fields = claim_fields(form);
            let id = match form.get("claim_id") {
                "" => claim_id(&document, &fields.label, &|id| symbols.contains_key(id)),
                given => given.to_owned(),
            };
            let quote = selected()?;
            (Edit::AddClaim { id, fields, quote }, "claim")
        }
        "claim" => {
            let (id, fields) = (editing.to_owned(), claim_fields(form));
            (Edit::UpdateClaim { id, fields, quote }, "claim")
        }
        "delete" if !editing.is_empty() => {
            let id = editing.to_owned();
            (Edit::DeleteClaim { id }, "deleted")
        }
        "mention" => (
            link_edit(form.get("entity"), symbols, selected()?)?,
            "mention",
        ),
        "entity" => {
            let edit = Edit::AddEntity {
                id: form.get("entity_id").to_owned(),
                class: form.get("entity_type").to_owned(),
                label: form.get("entity_label").to_owned(),
                quote: selected()?,
            };
            (edit, "entity")
        }
        "no-claim" => {
            let reason = form.get("reason").to_owned();
            (
                Edit::NoClaim {
                    quote: selected()?,
                    reason,
                },
                "no-claim",
            )
        }
        other => return Err(format!("unknown action `{other}`")),
    };
    let item = item_of(&edit.0);
    Ok((edit.0, (edit.1, item), at))
}

/// The selection linked to the entity `id` of the corpus, with its class and label.
fn link_edit(id: &str, symbols: &BTreeMap<String, Symbol>, quote: Quote) -> Result<Edit, String> {
    let symbol = symbols
        .get(id)
        .filter(|s| s.kind == Kind::Entity)
        .ok_or_else(|| {
            format!(
                "mention: no entity `{id}` in the corpus (pick one from the list, or create it)"
            )
        })?;
    Ok(Edit::LinkEntity {
        id: id.to_owned(),
        class: symbol.class.clone(),
        label: symbol.label.clone(),
        quote,
    })
}

/// The item an edit is about: an id, or the words marked as without a claim.
fn item_of(edit: &Edit) -> String {
    match edit {
        Edit::AddClaim { id, .. }
        | Edit::UpdateClaim { id, .. }
        | Edit::DeleteClaim { id }
        | Edit::LinkEntity { id, .. }
        | Edit::AddEntity { id, .. } => id.clone(),
        Edit::NoClaim { quote, .. } => quote.exact.clone(),
    }
}
