//! The three ways a large graph is written (whole, read whole then subject by subject, read
//! subject by subject from the store) give the bytes of the whole-dataset document.

use super::{plan, LOADED, SMALL};
use crate::export::jsonld::{JsonLdForm, JsonLdOptions};
use crate::export::{write_quads, ExportFormat};
use crate::vocab::Base;
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const TITLE: &str = "http://purl.org/dc/terms/title";

fn node(iri: &str) -> NamedNode {
    NamedNode::new(iri).expect("IRI")
}

/// About three statements for each of `count` subjects in `graph`: ids that are prefixes of one
/// another, IRIs without a prefix in the context, blank subjects and objects, an `rdf:JSON`
/// literal (left to sophia's serializer).
fn subjects(graph: &GraphName, tag: &str, count: usize) -> Vec<Quad> {
    let mut quads = Vec::new();
    for i in 0..count {
        let subject: NamedOrBlankNode = match i % 5 {
            0 => node(&format!("https://w3id.org/wangluo/id/{tag}{i}")).into(),
            1 => node(&format!("https://w3id.org/wangluo/id/{tag}{}", i / 10)).into(),
            2 => node(&format!("http://example.org/{tag}/{i}-x")).into(),
            3 => BlankNode::new(format!("{tag}b{i}")).expect("blank").into(),
            _ => node(&format!("https://w3id.org/wangluo/id/{tag}{i}-{}", i % 7)).into(),
        };
        let mut add = |s: &NamedOrBlankNode, p: &str, o: Term| {
            quads.push(Quad::new(s.clone(), node(p), o, graph.clone()));
        };
        let label = Literal::new_language_tagged_literal(format!("label {i}"), "en").expect("tag");
        add(&subject, LABEL, label.into());
        add(
            &subject,
            &format!("{RDF}type"),
            node("https://w3id.org/wangluo/ontology#Claim").into(),
        );
        add(
            &subject,
            TITLE,
            Literal::from(format!("title {}", i % 3)).into(),
        );
        if i % 11 == 0 {
            let object = BlankNode::new(format!("{tag}o{i}")).expect("blank");
            add(&subject, TITLE, object.clone().into());
            add(&object.into(), LABEL, Literal::from("inner").into());
        }
        if i == 42 {
            let json = Literal::new_typed_literal(r#"{"a": [1, 2]}"#, node(&format!("{RDF}JSON")));
            add(&subject, TITLE, json.into());
        }
    }
    quads
}

/// `count` statements about one subject.
fn one_subject(graph: &GraphName, count: usize) -> Vec<Quad> {
    (0..count)
        .map(|i| {
            let value = Literal::from(format!("v{i}"));
            Quad::new(
                node("http://example.org/one"),
                node(LABEL),
                value,
                graph.clone(),
            )
        })
        .collect()
}

/// A list in `graph` next to many subjects.
fn with_list(graph: &GraphName) -> Vec<Quad> {
    let mut quads = subjects(graph, "l", 400);
    let (head, tail) = (
        BlankNode::new("h").expect("b"),
        BlankNode::new("t").expect("b"),
    );
    let rdf = |name: &str| node(&format!("{RDF}{name}"));
    let s = node("http://example.org/listed");
    quads.extend([
        Quad::new(s, node(TITLE), head.clone(), graph.clone()),
        Quad::new(
            head.clone(),
            rdf("first"),
            Literal::from("one"),
            graph.clone(),
        ),
        Quad::new(head, rdf("rest"), tail.clone(), graph.clone()),
        Quad::new(
            tail.clone(),
            rdf("first"),
            Literal::from("two"),
            graph.clone(),
        ),
        Quad::new(tail, rdf("rest"), rdf("nil"), graph.clone()),
    ]);
    quads
}

fn graph(name: &str) -> GraphName {
    node(&format!("https://w3id.org/wangluo/graph/{name}")).into()
}

/// Graphs above and at the size made whole, of one subject, with a list, named by a blank node,
/// with more chunks than cores, an empty one, and a graph's name described in the default graph.
/// Without a graph named by a blank node, the labels are found only when a graph read whole
/// turns out to hold a blank node.
fn store(blank_graph: bool) -> (Store, Vec<Quad>) {
    let mut quads = subjects(&graph("big"), "s", 1500);
    if blank_graph {
        quads.extend(subjects(&BlankNode::new("bg").expect("b").into(), "g", 400));
    }
    quads.extend(one_subject(&graph("exact"), SMALL));
    quads.extend(one_subject(&graph("above"), SMALL + 1));
    quads.extend(with_list(&graph("listed")));
    quads.push(Quad::new(
        node("https://w3id.org/wangluo/graph/big"),
        node(TITLE),
        Literal::from("the big graph"),
        GraphName::DefaultGraph,
    ));
    let store = Store::new().expect("store");
    for quad in &quads {
        store.insert(quad).expect("insert");
    }
    store
        .insert_named_graph(node("https://w3id.org/wangluo/graph/empty").as_ref())
        .expect("empty graph");
    (store, quads)
}

#[test]
fn large_graphs_read_whole_or_by_subject_give_the_whole_dataset_bytes() {
    for blank_graph in [true, false] {
        same_bytes(blank_graph);
    }
}

fn same_bytes(blank_graph: bool) {
    let (store, quads) = store(blank_graph);
    let base = Base::default();
    for form in [JsonLdForm::Compacted, JsonLdForm::Flattened] {
        let options = JsonLdOptions {
            form,
            ..JsonLdOptions::default()
        };
        let mut whole = Vec::new();
        let format = ExportFormat::JsonLd(options.clone());
        let count = write_quads(quads.clone(), &format, &base, &mut whole).expect("whole");
        for loaded_max in [LOADED, SMALL + 1, 0] {
            let mut plan = plan(&store, None, &options, &base)
                .expect("plan")
                .expect("more than one item");
            plan.loaded_max = loaded_max;
            let mut streamed = Vec::new();
            let written = plan.write(&mut streamed).expect("streamed");
            assert_eq!(written, count, "{form:?}, {loaded_max}: statements");
            assert!(streamed == whole, "{form:?}, {loaded_max}: bytes differ");
        }
    }
}
