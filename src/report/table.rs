//! Writing query results: aligned tables for people, SPARQL 1.1 results formats and RDF for programs.

use super::expanded;
use crate::error::{Error, Result};
use crate::query::QueryError;
use crate::vocab::Base;
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolutionIter, QueryTripleIter};
use std::io::Write;

/// How SELECT results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SolutionsFormat {
    /// An aligned table with IRIs shortened by the known prefixes.
    Table,
    /// A SPARQL 1.1 query results format.
    Standard(QueryResultsFormat),
}

/// How a table of SELECT results is laid out for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Fit the table to the terminal's width (or to `$COLUMNS`).
    pub wrap: bool,
    /// When to write one record per block instead ([`crate::report::expanded`]).
    pub expanded: Expanded,
}

/// When results are written one record per block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expanded {
    /// When a wrapped table would squeeze a column below [`crate::report::expanded::MIN_COLUMN`].
    Auto,
    Always,
    Never,
}

/// What a query produced, for the exit status and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// SELECT: number of rows.
    Solutions(usize),
    /// ASK: the answer.
    Boolean(bool),
    /// CONSTRUCT / DESCRIBE: number of triples.
    Triples(usize),
}

fn out_err(source: std::io::Error) -> Error {
    Error::Output {
        target: "output".to_owned(),
        source,
    }
}

fn query_err(e: oxigraph::sparql::QueryEvaluationError) -> Error {
    QueryError::evaluation("query", e)
}

/// A cell of a table: IRIs shortened, literals as their lexical form.
pub fn display_term(term: &Term, base: &Base) -> String {
    match term {
        Term::NamedNode(n) => base.compact(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Writes query results; a table as `layout` says.
pub fn write_results(
    results: QueryResults<'_>,
    solutions_format: SolutionsFormat,
    graph_format: RdfFormat,
    base: &Base,
    layout: Layout,
    mut out: impl Write,
) -> Result<Outcome> {
    match results {
        QueryResults::Solutions(solutions) => {
            let rows = match solutions_format {
                SolutionsFormat::Table => write_table(solutions, base, layout, &mut out)?,
                SolutionsFormat::Standard(format) => write_standard(solutions, format, &mut out)?,
            };
            Ok(Outcome::Solutions(rows))
        }
        QueryResults::Boolean(value) => {
            match solutions_format {
                SolutionsFormat::Table => writeln!(out, "{value}").map_err(out_err)?,
                SolutionsFormat::Standard(format) => {
                    QueryResultsSerializer::from_format(format)
                        .serialize_boolean_to_writer(&mut out, value)
                        .map_err(out_err)?;
                }
            }
            Ok(Outcome::Boolean(value))
        }
        QueryResults::Graph(triples) => {
            let count = write_triples(triples, graph_format, base, &mut out)?;
            Ok(Outcome::Triples(count))
        }
    }
}

/// SELECT results as an aligned table, or one record per block when the layout says; returns
/// the number of rows.
fn write_table(
    solutions: QuerySolutionIter<'_>,
    base: &Base,
    layout: Layout,
    out: &mut impl Write,
) -> Result<usize> {
    let variables = solutions.variables().to_vec();
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(query_err)?;
        rows.push(
            variables
                .iter()
                .map(|v| {
                    solution
                        .get(v)
                        .map(|t| display_term(t, base))
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>(),
        );
    }
    let mut table = new_table(layout.wrap);
    let width = table.width().map(usize::from).filter(|_| layout.wrap);
    let records = match layout.expanded {
        Expanded::Always => true,
        Expanded::Never => false,
        Expanded::Auto => width.is_some_and(|w| expanded::too_narrow(&header, &rows, w)),
    };
    if records {
        expanded::write_records(out, &header, &rows, width).map_err(out_err)?;
        return Ok(rows.len());
    }
    table.set_header(header);
    let count = rows.len();
    for row in rows {
        table.add_row(row);
    }
    writeln!(out, "{table}").map_err(out_err)?;
    Ok(count)
}

/// A table as every report draws it; `wrap` fits it to the terminal's width (or `$COLUMNS`).
pub fn new_table(wrap: bool) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    if wrap {
        table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
        if let Some(width) = columns() {
            table.set_width(width);
        }
    }
    table
}

/// How long written rows may wait in the buffer before they go out.
const PACE: std::time::Duration = std::time::Duration::from_millis(100);

/// A buffer that the serializer writes to while [`write_standard`] decides when it goes out.
struct Shared<W: Write>(std::rc::Rc<std::cell::RefCell<std::io::BufWriter<W>>>);

impl<W: Write> Write for Shared<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// SELECT results in a SPARQL 1.1 results format, one solution at a time as the query gives
/// them (memory does not grow with the rows); returns the number of rows. The output is
/// buffered (standard output flushes every line otherwise) but goes out after the first row and
/// then at least every [`PACE`], so that a reader (`| head -2`) sees rows while the query runs.
fn write_standard(
    solutions: QuerySolutionIter<'_>,
    format: QueryResultsFormat,
    out: &mut impl Write,
) -> Result<usize> {
    let variables = solutions.variables().to_vec();
    let buffer = std::rc::Rc::new(std::cell::RefCell::new(std::io::BufWriter::with_capacity(
        1 << 16,
        out,
    )));
    let flush = || buffer.borrow_mut().flush().map_err(out_err);
    let mut serializer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(Shared(buffer.clone()), variables)
        .map_err(out_err)?;
    let mut rows = 0;
    let mut flushed = std::time::Instant::now();
    for solution in solutions {
        let solution = solution.map_err(query_err)?;
        serializer.serialize(&solution).map_err(out_err)?;
        rows += 1;
        if rows == 1 || flushed.elapsed() >= PACE {
            flush()?;
            flushed = std::time::Instant::now();
        }
    }
    serializer.finish().map_err(out_err)?;
    flush()?;
    Ok(rows)
}

/// CONSTRUCT/DESCRIBE results as RDF, sorted; returns the number of triples.
fn write_triples(
    triples: QueryTripleIter<'_>,
    format: RdfFormat,
    base: &Base,
    out: &mut impl Write,
) -> Result<usize> {
    let serializer = crate::rdf::io::serializer(format, base)?;
    let mut triples: Vec<_> = triples
        .collect::<std::result::Result<_, _>>()
        .map_err(query_err)?;
    triples.sort_by_cached_key(|t| t.to_string());
    let mut writer = serializer.for_writer(out);
    for t in &triples {
        writer.serialize_triple(t).map_err(out_err)?;
    }
    writer.finish().map_err(out_err)?;
    Ok(triples.len())
}

/// The width in `$COLUMNS`, if set: tables are wrapped to it even when not on a terminal.
pub fn columns() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.trim().parse().ok()
}
