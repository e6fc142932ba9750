//! `wangluo queries`: list the bundled queries.

use super::{Context, TableFormat};
use std::process::ExitCode;

/// List the bundled SPARQL queries.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  wangluo queries
  wangluo queries --format csv")]
pub struct Args {
    /// table (default) or csv / tsv / json.
    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,
    /// Also show each query's description.
    #[arg(long)]
    long: bool,
}

pub fn run(args: Args, _context: &Context) -> wangluo::Result<ExitCode> {
    use std::io::Write;
    let queries = wangluo::query::bundled_queries();
    let out_err = |source| wangluo::Error::Output {
        target: "stdout".to_owned(),
        source,
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        TableFormat::Table | TableFormat::Xml => {
            let mut table = comfy_table::Table::new();
            table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
            if super::stdout_is_terminal() {
                table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
            }
            if args.long {
                table.set_header(["name", "title", "description"]);
            } else {
                table.set_header(["name", "title"]);
            }
            for q in &queries {
                if args.long {
                    table.add_row([q.name, &q.title, &q.description]);
                } else {
                    table.add_row([q.name, &q.title]);
                }
            }
            writeln!(out, "{table}").map_err(out_err)?;
        }
        TableFormat::Csv | TableFormat::Tsv => {
            let sep = if args.format == TableFormat::Csv {
                ','
            } else {
                '\t'
            };
            let field = |s: &str| {
                if sep == ',' && (s.contains(',') || s.contains('"')) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.replace('\t', " ")
                }
            };
            writeln!(out, "name{sep}title{sep}description").map_err(out_err)?;
            for q in &queries {
                writeln!(
                    out,
                    "{}{sep}{}{sep}{}",
                    q.name,
                    field(&q.title),
                    field(&q.description)
                )
                .map_err(out_err)?;
            }
        }
        TableFormat::Json => {
            let list: Vec<_> = queries
                .iter()
                .map(|q| serde_json::json!({"name": q.name, "title": q.title, "description": q.description}))
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(|e| out_err(std::io::Error::other(e)))?;
            writeln!(out).map_err(out_err)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
