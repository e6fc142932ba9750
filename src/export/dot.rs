//! A Graphviz picture of the claims network: who claims what about whom, in which document,
//! coloured by perspective. Render it with `dot -Tsvg`.

use crate::error::{Error, Result};
use crate::query::{select_text, TextRow};
use crate::store::KnowledgeGraph;
use dot_writer::{Attributes, DotWriter, Shape, Style};
use std::collections::BTreeMap;
use std::io::Write;

const CLAIMS: &str = r#"
SELECT ?claim ?label ?claimant ?claimantLabel ?perspective ?sourceLabel
       (GROUP_CONCAT(DISTINCT ?characterization; separator=", ") AS ?characterizations)
WHERE {
  ?claim a wl:Claim ; rdfs:label ?label ; wl:claimant ?claimant ; wl:perspective ?perspective .
  ?claimant rdfs:label ?claimantLabel FILTER(LANG(?claimantLabel) = "en")
  OPTIONAL { ?claim wl:sourceDocument/rdfs:label ?sourceLabel FILTER(LANG(?sourceLabel) = "en") }
  OPTIONAL { ?claim wl:characterizedAs/skos:prefLabel ?characterization FILTER(LANG(?characterization) = "en") }
}
GROUP BY ?claim ?label ?claimant ?claimantLabel ?perspective ?sourceLabel
ORDER BY ?claim"#;

const SUBJECTS: &str = r#"
SELECT ?claim ?subject ?subjectLabel WHERE {
  ?claim a wl:Claim ; wl:subject ?subject .
  ?subject rdfs:label ?subjectLabel FILTER(LANG(?subjectLabel) = "en")
} ORDER BY ?claim ?subject"#;

/// Fill and line colours of a perspective (by the last segment of its IRI).
fn perspective_colours(perspective: &str) -> (&'static str, &'static str) {
    match perspective.rsplit('/').next() {
        Some("western") => ("#c6dbef", "#2171b5"),
        Some("chinese") => ("#fcbba1", "#cb181d"),
        _ => ("#e5e5e5", "#636363"),
    }
}

/// DOT strings are written in double quotes by dot-writer, which leaves escaping to its caller.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Breaks a label into lines of about `width` characters (DOT's `\n`).
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("at least one line");
        if !line.is_empty() && line.chars().count() + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
        .iter()
        .map(|l| escape(l))
        .collect::<Vec<_>>()
        .join("\\n")
}

/// An edge: from, to, colour.
type Edge = (String, String, &'static str);

/// The claims network read from the graph: actors (IRI → DOT id and label), edges, and the
/// claims of each source document (DOT id and row).
struct Network {
    actors: BTreeMap<String, (String, String)>,
    edges: Vec<Edge>,
    clusters: BTreeMap<String, Vec<(String, TextRow)>>,
}

impl Network {
    fn read(kg: &KnowledgeGraph) -> Result<(Self, usize)> {
        let claims = select_text(kg, "claims network", CLAIMS)?;
        let subjects = select_text(kg, "claims network", SUBJECTS)?;
        let mut network = Network {
            actors: BTreeMap::new(),
            edges: Vec::new(),
            clusters: BTreeMap::new(),
        };
        let count = claims.len();
        for (n, claim) in claims.into_iter().enumerate() {
            let id = format!("c{n}");
            let (_, line) = perspective_colours(&claim["perspective"]);
            let claimant = network.actor(&claim["claimant"], &claim["claimantLabel"]);
            network.edges.push((claimant, id.clone(), line));
            for s in subjects.iter().filter(|s| s["claim"] == claim["claim"]) {
                let subject = network.actor(&s["subject"], &s["subjectLabel"]);
                network.edges.push((id.clone(), subject, "#969696"));
            }
            let document = claim
                .get("sourceLabel")
                .cloned()
                .unwrap_or_else(|| "Stated by the op-ed without a cited document".to_owned());
            network
                .clusters
                .entry(document)
                .or_default()
                .push((id, claim));
        }
        Ok((network, count))
    }

    /// The stable DOT id of an actor (DOT ids must be plain words).
    fn actor(&mut self, iri: &str, label: &str) -> String {
        let next = format!("a{}", self.actors.len());
        self.actors
            .entry(iri.to_owned())
            .or_insert_with(|| (next, label.to_owned()))
            .0
            .clone()
    }

    fn render(&self, bytes: &mut Vec<u8>) {
        let mut writer = DotWriter::from(bytes);
        writer.set_pretty_print(true);
        let mut graph = writer.digraph();
        graph
            .graph_attributes()
            .set("rankdir", "LR", false)
            .set("fontname", "Helvetica", true)
            .set("label", "wangluo: who claims what about whom, in which document (blue: Western sources, red: Chinese sources, grey: the op-ed's author)", true)
            .set("labelloc", "t", false);
        graph
            .node_attributes()
            .set("fontname", "Helvetica", true)
            .set_font_size(10.0);
        graph.edge_attributes().set_font_size(8.0);
        for (iri, (id, label)) in &self.actors {
            graph
                .node_named(id.as_str())
                .set_label(&wrap(label, 28))
                .set("tooltip", &escape(iri), true);
        }
        for (n, (document, members)) in self.clusters.iter().enumerate() {
            let mut cluster = graph.cluster();
            cluster
                .graph_attributes()
                .set_label(&wrap(document, 60))
                .set("style", "rounded", true)
                .set("color", "#bdbdbd", true)
                .set("id", &format!("document{n}"), true);
            for (id, claim) in members {
                claim_node(&mut cluster, id, claim);
            }
        }
        for (from, to, colour) in &self.edges {
            graph
                .edge(from.as_str(), to.as_str())
                .attributes()
                .set("color", colour, true);
        }
    }
}

/// A claim's box: filled by perspective, labelled with its characterizations.
fn claim_node(cluster: &mut dot_writer::Scope<'_, '_>, id: &str, claim: &TextRow) {
    let (fill, line) = perspective_colours(&claim["perspective"]);
    let mut label = claim["label"].clone();
    if let Some(c) = claim.get("characterizations").filter(|c| !c.is_empty()) {
        label.push_str(&format!(" [{c}]"));
    }
    cluster
        .node_named(id)
        .set_shape(Shape::Rectangle)
        .set_style(Style::Filled)
        .set("fillcolor", fill, true)
        .set("color", line, true)
        .set_label(&wrap(&label, 40))
        .set("tooltip", &escape(&claim["claim"]), true);
}

/// Writes the claims network as DOT. Claims are grouped in one cluster per source document;
/// edges go from the claimant to the claim (coloured by perspective) and from the claim to what
/// it is about (grey).
/// Returns the number of claims drawn.
pub fn write_claims_network(kg: &KnowledgeGraph, mut out: impl Write) -> Result<usize> {
    let (network, claims) = Network::read(kg)?;
    let mut bytes = Vec::new();
    network.render(&mut bytes);
    out.write_all(&bytes).map_err(|source| Error::Output {
        target: "dot".to_owned(),
        source,
    })?;
    Ok(claims)
}
