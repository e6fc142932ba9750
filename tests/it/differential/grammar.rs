//! A small SPARQL grammar for the generated differential test: patterns (triples, joins,
//! UNION, OPTIONAL, MINUS, FILTER with EXISTS / NOT EXISTS, GRAPH, VALUES, BIND, sub-SELECTs
//! with DISTINCT, GROUP BY and aggregates, ORDER BY (EXISTS keys too) and LIMIT/OFFSET,
//! LATERAL) over people with `:team`, `:score`, `:name` and `:flag`. Each value is a tree that
//! proptest shrinks and that prints as SPARQL.
//!
//! Where a LIMIT or OFFSET cuts a sorted sequence the ORDER BY ends with every variable, so
//! that the rows kept do not depend on how ties are broken.

use proptest::prelude::*;
use std::fmt::{self, Display, Formatter};

/// The variables of the grammar (`?c`, `?total`, `?lo` are aggregates, `?d` a BIND).
pub const VARIABLES: &[&str] = &["p", "q", "t", "s", "n", "f", "g"];
const AGGREGATES: &[&str] = &["c", "total", "lo"];

pub const TEAMS: &[&str] = &["red", "blue", "green"];
pub const GRAPHS: &[&str] = &["g1", "g2", "g3"];
pub const PEOPLE: &[&str] = &["ann", "bob", "cat", "dan", "eve", "fay"];

#[derive(Debug, Clone)]
pub enum Pattern {
    Triple {
        subject: &'static str,
        property: usize,
        object: Object,
    },
    Join(Box<Pattern>, Box<Pattern>),
    Union(Box<Pattern>, Box<Pattern>),
    Optional(Box<Pattern>, Box<Pattern>),
    Minus(Box<Pattern>, Box<Pattern>),
    Filter(Box<Pattern>, Condition),
    Graph(Option<usize>, Box<Pattern>),
    Values(Values),
    Bind(Box<Pattern>),
    Sub(Box<Select>),
    Lateral(Box<Pattern>, Box<Select>),
}

/// `:team`, `:score`, `:name`, `:flag` and the variable each binds.
pub const PROPERTIES: &[(&str, &str)] =
    &[("team", "t"), ("score", "s"), ("name", "n"), ("flag", "f")];

#[derive(Debug, Clone)]
pub enum Object {
    Variable,
    Constant(usize),
}

#[derive(Debug, Clone)]
pub enum Values {
    Teams(Vec<usize>),
    PeopleScores(Vec<(usize, Option<i64>)>),
}

#[derive(Debug, Clone)]
pub enum Condition {
    Greater(&'static str, i64),
    Bound(&'static str),
    NotBound(&'static str),
    IsTeam(usize),
    Exists(Box<Pattern>),
    NotExists(Box<Pattern>),
}

#[derive(Debug, Clone)]
pub enum Key {
    Variable(&'static str, bool),
    Exists(Box<Pattern>, bool),
}

#[derive(Debug, Clone)]
pub enum Head {
    Star,
    Variables(Vec<&'static str>),
    Group(&'static str, Vec<usize>),
}

#[derive(Debug, Clone)]
pub struct Select {
    pub distinct: bool,
    pub head: Head,
    pub pattern: Pattern,
    pub order: Vec<Key>,
    pub limit: Option<u8>,
    pub offset: Option<u8>,
}

/// The aggregate `i`: its SPARQL and its variable.
fn aggregate(i: usize) -> (&'static str, &'static str) {
    [
        ("COUNT(?p)", "c"),
        ("SUM(?s)", "total"),
        ("MIN(?s)", "lo"),
        ("COUNT(DISTINCT ?t)", "c"),
    ][i]
}

impl Display for Pattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Pattern::Triple {
                subject,
                property,
                object,
            } => {
                let (name, variable) = PROPERTIES[*property];
                match object {
                    Object::Variable => write!(f, "?{subject} :{name} ?{variable} ."),
                    Object::Constant(i) => {
                        write!(f, "?{subject} :{name} {} .", constant(*property, *i))
                    }
                }
            }
            Pattern::Join(a, b) => write!(f, "{a} {b}"),
            Pattern::Union(a, b) => write!(f, "{{ {a} }} UNION {{ {b} }}"),
            Pattern::Optional(a, b) => write!(f, "{a} OPTIONAL {{ {b} }}"),
            Pattern::Minus(a, b) => write!(f, "{a} MINUS {{ {b} }}"),
            Pattern::Filter(a, c) => write!(f, "{a} FILTER({c})"),
            Pattern::Graph(None, a) => write!(f, "GRAPH ?g {{ {a} }}"),
            Pattern::Graph(Some(g), a) => write!(f, "GRAPH :{} {{ {a} }}", GRAPHS[*g]),
            Pattern::Values(v) => write!(f, "{v}"),
            Pattern::Bind(a) => write!(f, "{{ {a} BIND(?s + 1 AS ?d) }}"),
            Pattern::Sub(s) => write!(f, "{{ {s} }}"),
            Pattern::Lateral(a, s) => write!(f, "{a} LATERAL {{ {s} }}"),
        }
    }
}

/// The constant `i` of a property's values (as in the generated data).
pub fn constant(property: usize, i: usize) -> String {
    match property {
        0 => format!(":{}", TEAMS[i % TEAMS.len()]),
        1 => (i as i64 + 1).to_string(),
        2 => format!("\"{}\"", ["A", "B", "C"][i % 3]),
        _ => i.is_multiple_of(2).to_string(),
    }
}

impl Display for Values {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Values::Teams(teams) => {
                let teams: Vec<String> = teams.iter().map(|t| format!(":{}", TEAMS[*t])).collect();
                write!(f, "VALUES ?t {{ {} }}", teams.join(" "))
            }
            Values::PeopleScores(rows) => {
                let rows: Vec<String> = rows
                    .iter()
                    .map(|(p, s)| {
                        let s = s.map_or("UNDEF".to_owned(), |s| s.to_string());
                        format!("(:{} {s})", PEOPLE[*p])
                    })
                    .collect();
                write!(f, "VALUES (?p ?s) {{ {} }}", rows.join(" "))
            }
        }
    }
}

impl Display for Condition {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Greater(v, n) => write!(f, "?{v} > {n}"),
            Condition::Bound(v) => write!(f, "BOUND(?{v})"),
            Condition::NotBound(v) => write!(f, "!BOUND(?{v})"),
            Condition::IsTeam(t) => write!(f, "?t = :{}", TEAMS[*t]),
            Condition::Exists(p) => write!(f, "EXISTS {{ {p} }}"),
            Condition::NotExists(p) => write!(f, "NOT EXISTS {{ {p} }}"),
        }
    }
}

impl Display for Key {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Key::Variable(v, false) => write!(f, "?{v}"),
            Key::Variable(v, true) => write!(f, "DESC(?{v})"),
            Key::Exists(p, false) => write!(f, "ASC(EXISTS {{ {p} }})"),
            Key::Exists(p, true) => write!(f, "DESC(EXISTS {{ {p} }})"),
        }
    }
}

impl Select {
    /// `SELECT …` up to the WHERE keyword (the dataset clause goes between).
    pub fn head(&self) -> String {
        let distinct = if self.distinct { "DISTINCT " } else { "" };
        let head = match &self.head {
            Head::Star => "*".to_owned(),
            Head::Variables(vs) => vs
                .iter()
                .map(|v| format!("?{v}"))
                .collect::<Vec<_>>()
                .join(" "),
            Head::Group(by, aggregates) => {
                let mut parts = vec![format!("?{by}")];
                parts.extend(aggregates.iter().map(|a| {
                    let (expression, variable) = aggregate(*a);
                    format!("({expression} AS ?{variable})")
                }));
                parts.join(" ")
            }
        };
        format!("SELECT {distinct}{head}")
    }

    /// `{ … } GROUP BY … ORDER BY … LIMIT … OFFSET …`.
    pub fn body(&self) -> String {
        let mut text = format!("WHERE {{ {} }}", self.pattern);
        let mut keys: Vec<String> = Vec::new();
        let cut = self.limit.is_some() || self.offset.is_some();
        if let Head::Group(by, aggregates) = &self.head {
            text.push_str(&format!(" GROUP BY ?{by}"));
            if cut {
                keys.push(format!("?{by}"));
                keys.extend(aggregates.iter().map(|a| format!("?{}", aggregate(*a).1)));
            }
        } else {
            keys.extend(self.order.iter().map(Key::to_string));
            if cut {
                keys.extend(
                    VARIABLES
                        .iter()
                        .chain(["d"].iter())
                        .map(|v| format!("?{v}")),
                );
                keys.extend(AGGREGATES.iter().map(|v| format!("?{v}")));
            }
        }
        if !keys.is_empty() {
            text.push_str(&format!(" ORDER BY {}", keys.join(" ")));
        }
        if let Some(limit) = self.limit {
            text.push_str(&format!(" LIMIT {limit}"));
        }
        if let Some(offset) = self.offset {
            text.push_str(&format!(" OFFSET {offset}"));
        }
        text
    }
}

impl Display for Select {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.head(), self.body())
    }
}

fn variable() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(VARIABLES)
}

fn triple() -> impl Strategy<Value = Pattern> {
    let object =
        prop_oneof![4 => Just(Object::Variable), 1 => (0..3usize).prop_map(Object::Constant)];
    (
        prop_oneof![4 => Just("p"), 1 => Just("q")],
        0..PROPERTIES.len(),
        object,
    )
        .prop_map(|(subject, property, object)| Pattern::Triple {
            subject,
            property,
            object,
        })
}

fn values() -> impl Strategy<Value = Values> {
    prop_oneof![
        proptest::collection::vec(0..TEAMS.len(), 1..3).prop_map(Values::Teams),
        proptest::collection::vec((0..PEOPLE.len(), proptest::option::of(1..5i64)), 1..3)
            .prop_map(Values::PeopleScores),
    ]
}

fn condition(inner: BoxedStrategy<Pattern>) -> impl Strategy<Value = Condition> {
    prop_oneof![
        (prop_oneof![Just("s"), Just("total"), Just("c")], 0..5i64)
            .prop_map(|(v, n)| Condition::Greater(v, n)),
        variable().prop_map(Condition::Bound),
        variable().prop_map(Condition::NotBound),
        (0..TEAMS.len()).prop_map(Condition::IsTeam),
        inner.clone().prop_map(|p| Condition::Exists(Box::new(p))),
        inner.prop_map(|p| Condition::NotExists(Box::new(p))),
    ]
}

fn key(inner: BoxedStrategy<Pattern>) -> impl Strategy<Value = Key> {
    prop_oneof![
        3 => (variable(), any::<bool>()).prop_map(|(v, d)| Key::Variable(v, d)),
        1 => (inner, any::<bool>()).prop_map(|(p, d)| Key::Exists(Box::new(p), d)),
    ]
}

fn head() -> impl Strategy<Value = Head> {
    prop_oneof![
        1 => Just(Head::Star),
        3 => proptest::sample::subsequence(VARIABLES, 1..4).prop_map(Head::Variables),
        2 => (prop_oneof![Just("t"), Just("p"), Just("g"), Just("n")],
              proptest::sample::subsequence(vec![0usize, 1, 2], 1..3))
            .prop_map(|(by, aggregates)| Head::Group(by, aggregates)),
        1 => (prop_oneof![Just("t"), Just("p")], Just(vec![3usize]))
            .prop_map(|(by, aggregates)| Head::Group(by, aggregates)),
    ]
}

/// A SELECT (top-level or sub-SELECT) over patterns of `inner`.
pub fn select(inner: BoxedStrategy<Pattern>) -> impl Strategy<Value = Select> {
    (
        any::<bool>(),
        head(),
        inner.clone(),
        proptest::collection::vec(key(inner), 0..3),
        proptest::option::weighted(0.5, 0..4u8),
        proptest::option::weighted(0.2, 1..3u8),
    )
        .prop_map(|(distinct, head, pattern, order, limit, offset)| Select {
            distinct,
            head,
            pattern,
            order,
            limit,
            offset,
        })
}

/// Patterns, up to a few levels deep.
pub fn pattern() -> BoxedStrategy<Pattern> {
    let leaf = prop_oneof![6 => triple(), 1 => values().prop_map(Pattern::Values)];
    leaf.prop_recursive(3, 16, 2, |inner| {
        let two = (inner.clone(), inner.clone());
        prop_oneof![
            3 => two.clone().prop_map(|(a, b)| Pattern::Join(Box::new(a), Box::new(b))),
            2 => two.clone().prop_map(|(a, b)| Pattern::Union(Box::new(a), Box::new(b))),
            2 => two.clone().prop_map(|(a, b)| Pattern::Optional(Box::new(a), Box::new(b))),
            1 => two.prop_map(|(a, b)| Pattern::Minus(Box::new(a), Box::new(b))),
            2 => (inner.clone(), condition(inner.clone()))
                .prop_map(|(a, c)| Pattern::Filter(Box::new(a), c)),
            1 => (proptest::option::of(0..GRAPHS.len()), inner.clone())
                .prop_map(|(g, a)| Pattern::Graph(g, Box::new(a))),
            1 => inner.clone().prop_map(|a| Pattern::Bind(Box::new(a))),
            2 => select(inner.clone()).prop_map(|s| Pattern::Sub(Box::new(s))),
            1 => (inner.clone(), select(inner))
                .prop_map(|(a, s)| Pattern::Lateral(Box::new(a), Box::new(s))),
        ]
    })
    .boxed()
}
