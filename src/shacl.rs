//! SHACL validation of the knowledge graph (or of any RDF data) against shapes, with rudof's
//! SHACL engine (the `shacl` crate, SHACL Core and SHACL-SPARQL constraints).
//!
//! The shapes are by default the bundled `ontology/shapes.ttl`; they describe the union of all
//! graphs (ontology and data). Results come back as [`ValidationResult`]s and can be written as a
//! standard `sh:ValidationReport` in Turtle.
//!
//! ```
//! use wangluo::{store::KnowledgeGraph, shacl::{Shapes, validate_graph}, vocab::Base};
//! let kg = KnowledgeGraph::bundled(&Base::default()).unwrap();
//! let shapes = Shapes::bundled(&Base::default()).unwrap();
//! let report = validate_graph(&kg, &shapes).unwrap();
//! assert!(report.conforms, "{:?}", report.results.first());
//! ```

use crate::error::{Error, Result};
use crate::rdf::{file_base_iri, format_from_path, parse_rdf, rebase_quad};
use crate::store::KnowledgeGraph;
use crate::util::atomic;
use crate::vocab::Base;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    BlankNode, GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, QuadRef, Term, Triple,
};
use rudof_rdf::rdf_core::SHACLPath;
use rudof_rdf::rdf_impl::OxigraphInMemory;
use shacl::ir::IRSchema;
use shacl::rdf::ShaclParser;
use shacl::types::Severity;
use shacl::validator::processor::{GraphValidation, ShaclProcessor};
use shacl::validator::store::Graph;
use shacl::validator::{ShaclConfig, ShaclValidationMode};
use std::io::Write;
use std::path::Path;

/// The bundled shapes (`ontology/shapes.ttl`), compiled into the binary.
pub const BUNDLED_SHAPES: &str = crate::bundled::SHAPES;

/// The SHACL namespace.
pub const SH: &str = "http://www.w3.org/ns/shacl#";

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The cause of a SHACL failure, as the engine gives it.
pub type EngineError = Box<dyn std::error::Error + Send + Sync>;

/// Shapes that do not compile, or data the engine cannot validate.
#[derive(Debug, thiserror::Error)]
pub enum ShaclError {
    /// The shapes graph is not valid SHACL.
    #[error("{item}: invalid SHACL shapes")]
    Shapes {
        item: String,
        #[source]
        source: EngineError,
    },
    /// The data could not be given to the engine, or the engine failed.
    #[error("{item}: SHACL validation failed")]
    Validation {
        item: String,
        #[source]
        source: EngineError,
    },
}

fn shapes_error(item: &str) -> impl Fn(EngineError) -> Error + '_ {
    move |source| {
        ShaclError::Shapes {
            item: item.to_owned(),
            source,
        }
        .into()
    }
}

fn validation_error(item: &str) -> impl Fn(EngineError) -> Error + '_ {
    move |source| {
        ShaclError::Validation {
            item: item.to_owned(),
            source,
        }
        .into()
    }
}

/// Compiled SHACL shapes, ready to validate data.
pub struct Shapes {
    /// Where the shapes came from (a file name, or `ontology/shapes.ttl (bundled)`).
    pub source: String,
    schema: IRSchema,
}

impl Shapes {
    /// The bundled shapes, their IRIs moved to `base` like the data's.
    pub fn bundled(base: &Base) -> Result<Self> {
        let name = "ontology/shapes.ttl (bundled)";
        let quads = parse_rdf(
            name,
            BUNDLED_SHAPES.as_bytes(),
            RdfFormat::Turtle,
            &GraphName::DefaultGraph,
            None,
        )?;
        let quads: Vec<_> = quads.into_iter().map(|q| rebase_quad(q, base)).collect();
        Self::compile(name, quads.iter().map(|q| q.as_ref()))
    }

    /// Shapes read from a file (Turtle, or the format its extension names). A syntax error is
    /// reported as `FILE:LINE:COLUMN: message`.
    pub fn from_file(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let format = format_from_path(path).unwrap_or(RdfFormat::Turtle);
        let base_iri = file_base_iri(path);
        let quads = parse_rdf(
            &name,
            &bytes,
            format,
            &GraphName::DefaultGraph,
            base_iri.as_deref(),
        )?;
        Self::compile(&name, quads.iter().map(|q| q.as_ref()))
    }

    /// Compiles the shapes found in `quads` (all graphs together).
    pub fn compile<'a>(source: &str, quads: impl IntoIterator<Item = QuadRef<'a>>) -> Result<Self> {
        let failed = shapes_error(source);
        let graph = engine_graph(source, quads)?;
        let ast = ShaclParser::new(graph)
            .parse()
            .map_err(|e| failed(e.into()))?;
        let schema = IRSchema::compile(&ast).map_err(|e| failed(e.into()))?;
        Ok(Shapes {
            source: source.to_owned(),
            schema,
        })
    }
}

/// The path of a result: a predicate, or a complex SHACL path (written in SPARQL syntax).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultPath {
    /// A plain predicate path.
    Predicate(NamedNode),
    /// Any other path (inverse, sequence, alternative, …), described in SPARQL property-path syntax.
    Complex(String),
}

/// One result of a validation: a constraint that a focus node does not satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationResult {
    /// The node that was validated.
    pub focus_node: Term,
    /// The path from the focus node to the value, when the constraint had one.
    pub path: Option<ResultPath>,
    /// The value that violates the constraint, when there is one.
    pub value: Option<Term>,
    /// `sh:Violation`, `sh:Warning` or `sh:Info`.
    pub severity: NamedNode,
    /// The constraint's `sh:message` (English, or any), else the engine's description.
    pub message: String,
    /// The constraint component (`sh:MinCountConstraintComponent`, …).
    pub constraint_component: Term,
    /// The shape whose constraint failed, when known.
    pub source_shape: Option<Term>,
}

/// The outcome of a validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationReport {
    /// Whether the data conforms to the shapes (no result of any severity).
    pub conforms: bool,
    /// The results, sorted by focus node, path and message.
    pub results: Vec<ValidationResult>,
}

/// The engine's in-memory graph of the triples of `quads`, every graph merged.
fn engine_graph<'a>(
    source: &str,
    quads: impl IntoIterator<Item = QuadRef<'a>>,
) -> Result<OxigraphInMemory> {
    let mut graph = OxigraphInMemory::new();
    for quad in quads {
        graph
            .add_triple_ref(quad.subject, quad.predicate, quad.object)
            .map_err(|e| validation_error(source)(e.into()))?;
    }
    Ok(graph)
}

/// Validates the union of the triples of `quads` (graph names ignored) against `shapes`.
/// `source` names the data in errors.
pub fn validate_quads<'a>(
    source: &str,
    quads: impl IntoIterator<Item = QuadRef<'a>>,
    shapes: &Shapes,
) -> Result<ValidationReport> {
    let failed = validation_error(source);
    let graph = engine_graph(source, quads)?;
    let graph = Graph::try_from(graph).map_err(|e| failed(e.into()))?;
    let mut validation = GraphValidation::new(graph);
    let report = validation
        .validate(
            &shapes.schema,
            &ShaclValidationMode::Native,
            &ShaclConfig::default(),
        )
        .map_err(|e| failed(e.into()))?;
    let mut results: Vec<ValidationResult> = report.results().iter().map(convert_result).collect();
    results.sort_by(|a, b| {
        (a.focus_node.to_string(), path_text(&a.path), &a.message).cmp(&(
            b.focus_node.to_string(),
            path_text(&b.path),
            &b.message,
        ))
    });
    results.dedup();
    Ok(ValidationReport {
        conforms: results.is_empty(),
        results,
    })
}

/// Validates the union of all graphs of a knowledge graph against `shapes`.
pub fn validate_graph(kg: &KnowledgeGraph, shapes: &Shapes) -> Result<ValidationReport> {
    let quads = kg
        .store()
        .iter()
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let source = kg
        .location()
        .map_or_else(|| "bundled graph".to_owned(), |p| p.display().to_string());
    validate_quads(&source, quads.iter().map(|q| q.as_ref()), shapes)
}

fn path_text(path: &Option<ResultPath>) -> String {
    match path {
        Some(ResultPath::Predicate(p)) => p.to_string(),
        Some(ResultPath::Complex(text)) => text.clone(),
        None => String::new(),
    }
}

fn describe_path(path: &SHACLPath) -> String {
    let join = |paths: &[SHACLPath], sep: &str| {
        paths
            .iter()
            .map(describe_path)
            .collect::<Vec<_>>()
            .join(sep)
    };
    match path {
        SHACLPath::Predicate { pred } => format!("<{}>", pred.as_str()),
        SHACLPath::Alternative { paths } => format!("({})", join(paths, "|")),
        SHACLPath::Sequence { paths } => format!("({})", join(paths, "/")),
        SHACLPath::Inverse { path } => format!("^{}", describe_path(path)),
        SHACLPath::ZeroOrMore { path } => format!("{}*", describe_path(path)),
        SHACLPath::OneOrMore { path } => format!("{}+", describe_path(path)),
        SHACLPath::ZeroOrOne { path } => format!("{}?", describe_path(path)),
    }
}

fn convert_result(result: &shacl::validator::report::ValidationResult) -> ValidationResult {
    let path = result.path().map(|path| match path {
        SHACLPath::Predicate { pred } => {
            ResultPath::Predicate(NamedNode::new_unchecked(pred.as_str()))
        }
        other => ResultPath::Complex(describe_path(other)),
    });
    let messages = result.message();
    let message = messages
        .iter()
        .find(|(lang, _)| lang.as_ref().is_some_and(|l| l.to_string() == "en"))
        .or_else(|| messages.iter().find(|(lang, _)| lang.is_none()))
        .or_else(|| messages.iter().next())
        .map(|(_, m)| m.clone())
        .unwrap_or_else(|| {
            let component = Term::from(result.constraint_component().clone()).to_string();
            let local = component
                .trim_end_matches('>')
                .rsplit(['#', '/'])
                .next()
                .unwrap_or_default()
                .trim_end_matches("ConstraintComponent")
                .to_owned();
            format!("violates sh:{local}")
        });
    let severity = match result.severity() {
        Severity::Trace => format!("{SH}Trace"),
        Severity::Debug => format!("{SH}Debug"),
        Severity::Info => format!("{SH}Info"),
        Severity::Warning => format!("{SH}Warning"),
        Severity::Violation => format!("{SH}Violation"),
        Severity::Generic(iri) => iri.as_str().to_owned(),
    };
    ValidationResult {
        focus_node: result.focus_node().clone().into(),
        path,
        value: result.value().cloned().map(Term::from),
        severity: NamedNode::new_unchecked(severity),
        message,
        constraint_component: result.constraint_component().clone().into(),
        source_shape: result.source().cloned().map(Term::from),
    }
}

impl ValidationReport {
    /// The report as `sh:ValidationReport` triples (blank nodes for the report and its results).
    pub fn to_triples(&self) -> Vec<Triple> {
        let sh = |local: &str| NamedNode::new_unchecked(format!("{SH}{local}"));
        let rdf_type = NamedNodeRef::new_unchecked(RDF_TYPE).into_owned();
        let report = BlankNode::default();
        let mut triples = vec![
            Triple::new(report.clone(), rdf_type.clone(), sh("ValidationReport")),
            Triple::new(report.clone(), sh("conforms"), Literal::from(self.conforms)),
        ];
        for result in &self.results {
            let node = BlankNode::default();
            let subject = NamedOrBlankNode::from(node.clone());
            triples.push(Triple::new(report.clone(), sh("result"), node.clone()));
            let mut add = |predicate: &str, object: Term| {
                triples.push(Triple::new(subject.clone(), sh(predicate), object));
            };
            add("focusNode", result.focus_node.clone());
            match &result.path {
                Some(ResultPath::Predicate(p)) => add("resultPath", p.clone().into()),
                // A complex path would need its SHACL list structure: named in the message instead.
                Some(ResultPath::Complex(_)) | None => {}
            }
            if let Some(value) = &result.value {
                add("value", value.clone());
            }
            add("resultSeverity", result.severity.clone().into());
            add(
                "sourceConstraintComponent",
                result.constraint_component.clone(),
            );
            if let Some(shape) = &result.source_shape {
                add("sourceShape", shape.clone());
            }
            let message = match &result.path {
                Some(ResultPath::Complex(path)) => format!("{} (path {path})", result.message),
                _ => result.message.clone(),
            };
            add("resultMessage", Literal::new_simple_literal(message).into());
            triples.push(Triple::new(
                subject.clone(),
                rdf_type.clone(),
                sh("ValidationResult"),
            ));
        }
        triples
    }

    /// Writes the report as Turtle to `out`; `target` names it in errors.
    pub fn write_turtle(&self, target: &str, out: &mut dyn Write) -> Result<()> {
        let out_err = |source| Error::Output {
            target: target.to_owned(),
            source,
        };
        let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle)
            .with_prefix("sh", SH)
            .map_err(|e| validation_error(target)(e.into()))?
            .for_writer(out);
        for triple in self.to_triples() {
            serializer.serialize_triple(&triple).map_err(out_err)?;
        }
        serializer.finish().map_err(out_err)?;
        Ok(())
    }

    /// Writes the report as Turtle to `path`, atomically (an old file stays if writing fails).
    pub fn write_file(&self, path: &Path) -> Result<()> {
        let target = path.display().to_string();
        atomic::write_file(path, |out| self.write_turtle(&target, out))
    }
}
