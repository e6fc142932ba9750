//! Every bundled query, on the bundled data and on 1,000 generated documents, with and without
//! the parameters of the listing queries (as `benches/run` asks them): wangluo's path against
//! the reference.

use super::outcome::Outcome;
use super::{compare, reference_outcome, Agreement, Case, Tally};
use crate::scale::generate;
use wangluo::query::{bundled_queries, QueryParameter};
use wangluo::store::{KnowledgeGraph, LoadSource};

/// The listing queries' parameters on the bundled data.
const BUNDLED_PARAMETERS: &[(&str, &str)] = &[
    ("mentions", "document=wld:rathor-2024"),
    ("sentences-about", "entity=wld:china"),
    ("claims-about", "subject=wld:china"),
];

/// The listing queries' parameters on a generated corpus (ids of `wangluo gen-corpus`).
const GENERATED_PARAMETERS: &[(&str, &str)] = &[
    ("mentions", "document=wld:doc-00042"),
    ("sentences-about", "entity=wld:gen-actor-0001"),
    ("claims-about", "subject=wld:gen-actor-0001"),
];

#[test]
fn every_bundled_query_agrees_on_the_bundled_data() {
    let kg = crate::util::kg();
    let tally = check_every_query(&kg, BUNDLED_PARAMETERS);
    println!("bundled queries on the bundled data: {tally}");
}

#[test]
fn every_bundled_query_agrees_on_1000_generated_documents() {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let corpus = tmp.path().join("corpus");
    generate(1000, &corpus, &[]);
    let kg = crate::util::kg();
    let mut sources = vec![LoadSource::File(corpus.join("entities/actors.toml"))];
    sources.push(LoadSource::File(corpus.join("docs")));
    kg.load(&expand(sources))
        .expect("the generated corpus loads");
    let tally = check_every_query(&kg, GENERATED_PARAMETERS);
    println!("bundled queries on 1,000 generated documents: {tally}");
}

/// Folders replaced by the files under them, as `load DIR` reads them.
fn expand(sources: Vec<LoadSource>) -> Vec<LoadSource> {
    sources
        .into_iter()
        .flat_map(|source| match source {
            LoadSource::File(path) if path.is_dir() => wangluo::store::files_under(&path)
                .expect("files of the folder")
                .into_iter()
                .map(LoadSource::File)
                .collect(),
            other => vec![other],
        })
        .collect()
}

/// Each bundled query without parameters, and the listing queries with theirs: all must give
/// the reference's answer, and a parameterized one a non-empty answer (else it tests nothing).
fn check_every_query(kg: &KnowledgeGraph, parameters: &[(&str, &str)]) -> Tally {
    let queries = bundled_queries();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for query in &queries {
        let mut cases = vec![(query.name.to_owned(), Vec::new())];
        for (_, param) in parameters.iter().filter(|(name, _)| *name == query.name) {
            let parameter = QueryParameter::parse(param, kg).expect("parameter parses");
            cases.push((format!("{} --param {param}", query.name), vec![parameter]));
        }
        for (name, parameters) in &cases {
            let case = Case {
                parameters,
                ..Case::new(name, query.sparql)
            };
            match compare(kg, &case) {
                Ok(agreement @ Agreement::Same { .. }) => tally.add(&agreement),
                Ok(other) => failures.push(format!("{name}: {other:?}")),
                Err(why) => failures.push(format!("{name}: {why}")),
            }
            if !parameters.is_empty() {
                match reference_outcome(kg, &case) {
                    Ok(Outcome::Rows { rows, .. }) if !rows.is_empty() => {}
                    other => failures.push(format!(
                        "{name}: the reference gives no rows: {:?}",
                        other.map(|o| o.summary())
                    )),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} bundled-query cases disagree:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert_eq!(
        tally.run,
        queries.len() + parameters.len(),
        "a query or a parameter case went missing"
    );
    tally
}
