//! Every bundled query asked of another store through `wangluo query --endpoint`, compared with
//! wangluo's own answer: the same variables, the same rows as multisets (each value as text: an
//! IRI, a literal's lexical form), and, since every bundled query ends with an ORDER BY that
//! decides the order of its distinct rows, the same rows in the same order.

use crate::util::{repo, wangluo, Run};
use serde_json::Value;

/// One answer: its variables and its rows (a value per variable, `None` when unbound).
#[derive(Debug, PartialEq)]
struct Answer {
    variables: Vec<String>,
    rows: Vec<Vec<Option<String>>>,
}

fn answer(run: &Run) -> Answer {
    let json: Value = serde_json::from_str(&run.stdout).expect("SPARQL JSON results");
    let variables: Vec<String> = json["head"]["vars"]
        .as_array()
        .expect("head.vars")
        .iter()
        .map(|v| v.as_str().expect("a variable").to_owned())
        .collect();
    let rows = json["results"]["bindings"]
        .as_array()
        .expect("results.bindings")
        .iter()
        .map(|binding| {
            variables
                .iter()
                .map(|v| binding[v]["value"].as_str().map(str::to_owned))
                .collect()
        })
        .collect();
    Answer { variables, rows }
}

/// Asserts that every bundled query gives the same answer locally and on `endpoint` (whose
/// default graph is made of `default_graphs`); returns how many queries were compared.
pub(crate) fn assert_every_query_agrees(endpoint: &str, default_graphs: &[&str]) -> usize {
    let queries = wangluo::query::bundled_queries();
    let files = std::fs::read_dir(repo().join("queries"))
        .expect("queries/")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rq"))
        })
        .count();
    assert_eq!(queries.len(), files, "every file of queries/ is bundled");
    let mut compared = 0;
    for q in &queries {
        let local = answer(&wangluo(&["query", q.name, "--format", "json"]).ok());
        let mut args = vec!["query", q.name, "--format", "json", "--endpoint", endpoint];
        for graph in default_graphs {
            args.extend(["--default-graph", graph]);
        }
        let remote = answer(&wangluo(&args).ok());
        assert_eq!(
            remote.variables, local.variables,
            "{} on {endpoint}",
            q.name
        );
        assert!(!local.rows.is_empty(), "{} gives no rows", q.name);
        let sorted = |rows: &[Vec<Option<String>>]| {
            let mut rows = rows.to_vec();
            rows.sort();
            rows
        };
        assert_eq!(
            sorted(&remote.rows),
            sorted(&local.rows),
            "{}: other rows on {endpoint}",
            q.name
        );
        let last = q.sparql.trim_end().lines().last().unwrap_or_default();
        assert!(
            last.starts_with("ORDER BY"),
            "{} ends with ORDER BY",
            q.name
        );
        assert_eq!(
            remote.rows, local.rows,
            "{}: the same rows in another order on {endpoint}",
            q.name
        );
        compared += 1;
    }
    compared
}
