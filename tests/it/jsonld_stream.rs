//! Compacted and flattened JSON-LD streamed from the store graph by graph are byte for byte the
//! document made from the whole dataset at once, on a corpus of several documents with what
//! changes a document's shape: statements in the default graph (subjects sorted between the
//! graphs, a graph's name described there), a graph named by a blank node, blank nodes, another
//! context that renames `@graph`.

use crate::util::Fixture;
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad};
use std::path::PathBuf;
use wangluo::export::jsonld::{ContextSource, JsonLdForm, JsonLdOptions};
use wangluo::export::{export, selected_quads, write_quads, ExportFormat};
use wangluo::store::{KnowledgeGraph, LoadSource};
use wangluo::vocab::Base;

const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const TITLE: &str = "http://purl.org/dc/terms/title";

fn node(iri: &str) -> NamedNode {
    NamedNode::new(iri).expect("IRI")
}

/// The fixture corpus (two documents and their entities) in a store on disk, with statements
/// added to the default graph and to a graph named by a blank node.
fn corpus_store(fx: &Fixture) -> KnowledgeGraph {
    let corpus = crate::util::repo().join("tests/fixtures/corpus");
    let kg = KnowledgeGraph::open(&fx.store(), &Base::default()).expect("store opens");
    let files: Vec<PathBuf> = ["entities/actors.toml", "alpha.toml", "beta.toml"]
        .iter()
        .map(|name| corpus.join(name))
        .collect();
    kg.load(&files.into_iter().map(LoadSource::File).collect::<Vec<_>>())
        .expect("corpus loads");
    let store = kg.store();
    let graphs: Vec<NamedOrBlankNode> = store
        .named_graphs()
        .collect::<Result<_, _>>()
        .expect("graphs");
    assert!(graphs.len() >= 3, "{graphs:?}");
    let NamedOrBlankNode::NamedNode(first_graph) = &graphs[0] else {
        panic!("a named graph");
    };
    let label = |subject: NamedOrBlankNode, text: &str, graph: GraphName| {
        Quad::new(subject, node(LABEL), Literal::from(text), graph)
    };
    let blank_graph = BlankNode::new("g").expect("blank node");
    let quads = [
        // The name of a document's graph described in the default graph.
        Quad::new(
            first_graph.clone(),
            node(TITLE),
            Literal::new_language_tagged_literal("the first graph", "en").expect("tag"),
            GraphName::DefaultGraph,
        ),
        // Subjects of the default graph sorted before, between and after the graphs.
        label(
            node("http://example.org/x").into(),
            "x",
            GraphName::DefaultGraph,
        ),
        label(
            node("https://w3id.org/wangluo/graph/b").into(),
            "between",
            GraphName::DefaultGraph,
        ),
        label(
            BlankNode::new("z").expect("blank node").into(),
            "a blank node",
            GraphName::DefaultGraph,
        ),
        label(
            BlankNode::new("h").expect("blank node").into(),
            "in a blank graph",
            blank_graph.clone().into(),
        ),
        Quad::new(
            node("https://w3id.org/wangluo/id/y"),
            node(LABEL),
            BlankNode::new("h").expect("blank node"),
            GraphName::from(blank_graph),
        ),
    ];
    for quad in &quads {
        store.insert(quad).expect("insert");
    }
    kg
}

fn jsonld(form: JsonLdForm, context: ContextSource) -> ExportFormat {
    ExportFormat::JsonLd(JsonLdOptions {
        form,
        context,
        ..JsonLdOptions::default()
    })
}

/// The streamed export, and the document made from every statement at once.
fn streamed_and_whole(kg: &KnowledgeGraph, format: &ExportFormat) -> (String, String) {
    let mut streamed = Vec::new();
    let count = export(kg, format, None, &mut streamed).expect("streamed export");
    let mut whole = Vec::new();
    let quads = selected_quads(kg, None).expect("quads");
    let whole_count = write_quads(quads, format, kg.base(), &mut whole).expect("whole export");
    assert_eq!(count, whole_count, "statements written");
    (
        String::from_utf8(streamed).expect("UTF-8"),
        String::from_utf8(whole).expect("UTF-8"),
    )
}

#[test]
fn streamed_compacted_and_flattened_jsonld_equal_the_whole_dataset_document() {
    let fx = Fixture::new();
    let kg = corpus_store(&fx);
    for form in [JsonLdForm::Compacted, JsonLdForm::Flattened] {
        let (streamed, whole) = streamed_and_whole(&kg, &jsonld(form, ContextSource::Bundled));
        assert!(streamed == whole, "{form:?}: streamed differs:\n{streamed}");
        // The document has the shapes this test is about.
        for fragment in [
            r#""id": "http://example.org/x""#,
            r#""id": "wlg:b""#,
            r#""the first graph""#,
            r#""id": "_:c14n"#,
        ] {
            assert!(streamed.contains(fragment), "{fragment} in:\n{streamed}");
        }
    }
}

#[test]
fn streamed_jsonld_with_another_context_equals_the_whole_dataset_document() {
    let fx = Fixture::new();
    let kg = corpus_store(&fx);
    let context = fx.write(
        "context.jsonld",
        r#"{"@context": {"@vocab": "https://w3id.org/wangluo/ontology#", "ex": "http://example.org/",
            "graph": "@graph", "label": "http://www.w3.org/2000/01/rdf-schema#label"}}"#,
    );
    let format = jsonld(JsonLdForm::Compacted, ContextSource::File(context));
    let (streamed, whole) = streamed_and_whole(&kg, &format);
    assert!(streamed == whole, "streamed differs:\n{streamed}");
    assert!(streamed.contains(r#""@id": "ex:x""#), "{streamed}");
    assert!(streamed.contains("\n  \"graph\": ["), "{streamed}");
}

#[test]
fn streamed_jsonld_finds_labels_when_a_later_named_graph_holds_the_only_blank_node() {
    // Neither the default graph nor a graph name holds a blank node: the labels are found only
    // when the graph that holds one is made, after the graphs before it were written.
    let fx = Fixture::new();
    let corpus = crate::util::repo().join("tests/fixtures/corpus");
    let kg = KnowledgeGraph::open(&fx.store(), &Base::default()).expect("store opens");
    let files: Vec<LoadSource> = ["entities/actors.toml", "alpha.toml", "beta.toml"]
        .iter()
        .map(|name| LoadSource::File(corpus.join(name)))
        .collect();
    kg.load(&files).expect("corpus loads");
    let late = GraphName::from(node("https://w3id.org/wangluo/graph/zz-late"));
    let blank = BlankNode::new("q").expect("blank node");
    for quad in [
        Quad::new(
            node("http://example.org/s"),
            node(LABEL),
            blank.clone(),
            late.clone(),
        ),
        Quad::new(blank, node(LABEL), Literal::from("q"), late),
    ] {
        kg.store().insert(&quad).expect("insert");
    }
    let (streamed, whole) =
        streamed_and_whole(&kg, &jsonld(JsonLdForm::Compacted, ContextSource::Bundled));
    assert!(streamed == whole, "streamed differs:\n{streamed}");
    assert!(streamed.contains(r#""id": "_:c14n0""#), "{streamed}");
}

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// `count` subjects' statements in `graph` (about 3 each): ids that are prefixes of one another,
/// IRIs the context has no prefix for, blank subjects and objects, an `rdf:JSON` literal the
/// direct mapping leaves to sophia, several values of a property.
fn many_subjects(graph: &GraphName, count: usize) -> Vec<Quad> {
    let mut quads = Vec::new();
    for i in 0..count {
        let subject: NamedOrBlankNode = match i % 5 {
            0 => node(&format!("https://w3id.org/wangluo/id/s{i}")).into(),
            1 => node(&format!("https://w3id.org/wangluo/id/s{}", i / 10)).into(),
            2 => node(&format!("http://example.org/thing/{i}-x")).into(),
            3 => BlankNode::new(format!("b{i}")).expect("blank node").into(),
            _ => node(&format!("https://w3id.org/wangluo/id/s{i}-{}", i % 7)).into(),
        };
        let label = Literal::new_language_tagged_literal(format!("label {i}"), "en").expect("tag");
        let mut add = |s: NamedOrBlankNode, p: NamedNode, o: oxigraph::model::Term| {
            quads.push(Quad::new(s, p, o, graph.clone()));
        };
        add(subject.clone(), node(LABEL), label.into());
        add(
            subject.clone(),
            node(&format!("{RDF}type")),
            node("https://w3id.org/wangluo/ontology#Claim").into(),
        );
        let title = Literal::from(format!("title {}", i % 3));
        add(subject.clone(), node(TITLE), title.into());
        if i % 11 == 0 {
            let object = BlankNode::new(format!("o{i}")).expect("blank node");
            add(subject.clone(), node(TITLE), object.clone().into());
            add(object.into(), node(LABEL), Literal::from("inner").into());
        }
        if i == 42 {
            let json = Literal::new_typed_literal(r#"{"a": [1, 2]}"#, node(&format!("{RDF}JSON")));
            add(subject, node(TITLE), json.into());
        }
    }
    quads
}

/// A store whose two large graphs (more statements than a graph made whole, more subjects than
/// several chunks; one named by an IRI, one by a blank node) are compacted subject by subject,
/// with a graph with a list and one of a single subject (made whole), and the large graph's
/// name described in the default graph.
fn many_subjects_store(fx: &Fixture) -> KnowledgeGraph {
    let kg = KnowledgeGraph::open(&fx.store(), &Base::default()).expect("store opens");
    let big = GraphName::from(node("https://w3id.org/wangluo/graph/big"));
    let mut quads = many_subjects(&big, 500);
    quads.extend(many_subjects(
        &BlankNode::new("bg").expect("blank node").into(),
        400,
    ));
    let listed = GraphName::from(node("https://w3id.org/wangluo/graph/listed"));
    let (head, tail) = (
        BlankNode::new("l1").expect("b"),
        BlankNode::new("l2").expect("b"),
    );
    let rdf = |name: &str| node(&format!("{RDF}{name}"));
    quads.extend([
        Quad::new(
            node("http://example.org/l"),
            node(TITLE),
            head.clone(),
            listed.clone(),
        ),
        Quad::new(
            head.clone(),
            rdf("first"),
            Literal::from("one"),
            listed.clone(),
        ),
        Quad::new(head, rdf("rest"), tail.clone(), listed.clone()),
        Quad::new(
            tail.clone(),
            rdf("first"),
            Literal::from("two"),
            listed.clone(),
        ),
        Quad::new(tail, rdf("rest"), rdf("nil"), listed.clone()),
        Quad::new(
            node("http://example.org/m"),
            node(LABEL),
            Literal::from("m"),
            listed,
        ),
        Quad::new(
            node("http://example.org/only"),
            node(LABEL),
            Literal::from("alone"),
            node("https://w3id.org/wangluo/graph/single"),
        ),
        Quad::new(
            node("https://w3id.org/wangluo/graph/big"),
            node(TITLE),
            Literal::from("the big graph"),
            GraphName::DefaultGraph,
        ),
    ]);
    for quad in &quads {
        kg.store().insert(quad).expect("insert");
    }
    kg
}

#[test]
fn jsonld_compacted_subject_by_subject_equals_the_whole_dataset_document() {
    let fx = Fixture::new();
    let kg = many_subjects_store(&fx);
    for form in [JsonLdForm::Compacted, JsonLdForm::Flattened] {
        let (streamed, whole) = streamed_and_whole(&kg, &jsonld(form, ContextSource::Bundled));
        assert!(streamed == whole, "{form:?}: streamed differs:\n{streamed}");
        for fragment in [
            r#""id": "wld:s1""#,
            r#""id": "wld:s10""#,
            r#""id": "http://example.org/thing/2-x""#,
            r#""@list": ["#,
            r#""type": "@json""#,
            r#""the big graph""#,
            r#""alone""#,
        ] {
            assert!(streamed.contains(fragment), "{fragment} in:\n{streamed}");
        }
    }
    // The graph name's alias, and one graph of the selection.
    let context = fx.write(
        "context.jsonld",
        r#"{"@context": {"ex": "http://example.org/", "graph": "@graph", "id": "@id"}}"#,
    );
    let format = jsonld(JsonLdForm::Compacted, ContextSource::File(context));
    let (streamed, whole) = streamed_and_whole(&kg, &format);
    assert!(streamed == whole, "streamed differs:\n{streamed}");
    assert!(streamed.contains("\"graph\": ["), "{streamed}");
}

#[test]
fn jsonld_of_the_bundled_data_streamed_equals_the_whole_dataset_document() {
    let kg = KnowledgeGraph::bundled(&Base::default()).expect("bundled graph");
    let (streamed, whole) =
        streamed_and_whole(&kg, &jsonld(JsonLdForm::Compacted, ContextSource::Bundled));
    assert!(streamed == whole, "streamed differs");
    assert!(streamed.len() > 100_000, "{} bytes", streamed.len());
}
