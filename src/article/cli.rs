//! The arguments and entry points of `brief verify` and `brief extract`, kept beside their
//! code so that `src/cli.rs` only names them.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;

use crate::cli::DataArgs;
use crate::facts::FactBase;

#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// The directory holding the articles that sources.yaml names (`file:`)
    #[arg(
        long,
        value_name = "DIR",
        env = "BRIEF_ARTICLES",
        default_value = "articles"
    )]
    pub articles: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// The article's text file (UTF-8)
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,

    /// The id of the article in sources.yaml; drafts cite it
    #[arg(long, value_name = "ID")]
    pub source: String,

    /// The region the drafts are for (noted in the header only)
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,

    #[command(flatten)]
    pub data: DataArgs,
}

pub fn verify(args: &VerifyArgs) -> Result<i32> {
    let dir = crate::resolve(&args.data.data);
    let base = FactBase::load(&dir)?;
    if !args.articles.is_dir() {
        bail!(
            "articles directory {} not found\nhint: pass --articles DIR (or set BRIEF_ARTICLES) for the directory that holds the files sources.yaml names",
            args.articles.display()
        );
    }
    let report = super::verify::run(&base, &args.articles);
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
    Ok(if report.unverified > 0 { 1 } else { 0 })
}

pub fn extract(args: &ExtractArgs) -> Result<i32> {
    let dir = crate::resolve(&args.data.data);
    let base = FactBase::load(&dir)?;
    let Some(source) = base.source(&args.source) else {
        let known: Vec<&str> = base.sources.iter().map(|s| s.id.as_str()).collect();
        bail!(
            "source {} is not in {}/sources.yaml\nhint: add the article's entry first; known sources: {}",
            args.source,
            dir.display(),
            known.join(", ")
        );
    };
    if let Some(r) = &args.region {
        if base.region(r).is_none() {
            bail!("region {r} is not in the fact base\nhint: `brief regions` lists them");
        }
    }
    let text = super::read_article(&args.article)?;
    let yaml = super::extract::render(&base, source, args.region.as_deref(), &text);
    std::io::stdout().lock().write_all(yaml.as_bytes())?;
    Ok(0)
}
