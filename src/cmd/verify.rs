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
    if let Some(id) = &args.source {
        if base.source(id).is_none() {
            let known: Vec<&str> = base.sources.iter().map(|s| s.id.as_str()).collect();
            return Err(hinted(
                format!(
                    "source {} is not in {}",
                    crate::facts::shown(id),
                    base.dir.join("sources.yaml").display()
                ),
                format!("known sources: {}", known.join(", ")),
            ));
        }
    }
    if let Some(id) = &args.region {
        if base.region(id).is_none() {
            return Err(hinted(
                format!("region {} is not in the fact base", crate::facts::shown(id)),
                "`brief regions` lists them; --region takes a region's id",
            ));
        }
    }
    let filter = crate::article::verify::Filter {
        source: args.source.clone(),
        region: args.region.clone(),
    };
    let report = crate::article::verify::run(&base, &args.articles, &filter);
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
    if report.failed() {
        return Err(Reported.into());
    }
    Ok(())
}
