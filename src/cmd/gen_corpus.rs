//! `wangluo gen-corpus` (hidden): the synthetic corpus of the benchmarks and the tests, the
//! bytes `benches/gen-corpus.py` writes for the same arguments.

use std::path::PathBuf;
use std::process::ExitCode;
use wangluo::Error;

/// Write a synthetic corpus of COUNT documents into OUT, deterministic from a seed; print its
/// counts (documents, shared actors, claims) as one JSON line. It loads with
/// `wangluo --store DIR load OUT/entities/actors.toml OUT/docs/*.toml`.
#[derive(clap::Args)]
pub struct Args {
    /// Number of documents (at least 1).
    #[arg(value_parser = clap::value_parser!(u32).range(1..))]
    count: u32,
    /// Directory to write (created).
    out: PathBuf,
    /// Random seed.
    #[arg(long, default_value_t = 12)]
    seed: u64,
    /// No claim links to another document: any subset of the documents loads on its own.
    #[arg(long)]
    independent: bool,
}

pub fn run(args: &Args) -> wangluo::Result<ExitCode> {
    let summary =
        wangluo::synthetic::generate(args.count as usize, &args.out, args.seed, args.independent)
            .map_err(|source| Error::Write {
            path: args.out.clone(),
            source,
        })?;
    println!("{}", summary.json_line());
    Ok(ExitCode::SUCCESS)
}
