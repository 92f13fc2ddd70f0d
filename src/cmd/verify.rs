//! `brief verify`: every figure of the fact base checked against the article it cites.

use std::io::Write as _;

use anyhow::Result;

use crate::cli::VerifyArgs;
use crate::error::{hinted, Reported};

pub fn run(args: &VerifyArgs) -> Result<()> {
    let base = crate::config::load_facts(&args.data.data)?;
    if !args.articles.is_dir() {
        return Err(hinted(
            format!("articles directory {} not found", args.articles.display()),
            "pass --articles DIR (or set BRIEF_ARTICLES) for the directory that holds the files sources.yaml names",
        ));
    }
    let report = crate::article::verify::run(&base, &args.articles);
    let mut out = std::io::stdout().lock();
    for line in &report.lines {
        writeln!(out, "{line}")?;
    }
    if !report.reviewed_lines.is_empty() {
        writeln!(out, "reviewed by hand ({}):", report.reviewed_lines.len())?;
        for line in &report.reviewed_lines {
            writeln!(out, "  {}", line.replace('\n', "\n  "))?;
        }
    }
    writeln!(out, "{}", report.summary())?;
    if report.unverified > 0 {
        return Err(Reported.into());
    }
    Ok(())
}
