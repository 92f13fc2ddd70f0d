//! `brief extract`: draft facts for every figure of an article.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::cli::DataArgs;
use crate::error::hinted;

#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// The article's text file (UTF-8)
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,

    /// The id of the article in sources.yaml; drafts cite it
    #[arg(long, value_name = "ID")]
    pub source: String,

    /// The region the drafts are for, existing or about to be written (noted in the header)
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,

    #[command(flatten)]
    pub data: DataArgs,
}

pub fn run(args: &ExtractArgs) -> Result<i32> {
    let base = crate::config::load_facts(&args.data.data)?;
    let Some(source) = base.source(&args.source) else {
        let known: Vec<&str> = base.sources.iter().map(|s| s.id.as_str()).collect();
        return Err(hinted(
            format!(
                "source {} is not in {}",
                args.source,
                base.dir.join("sources.yaml").display()
            ),
            format!(
                "add the article's entry first; known sources: {}",
                known.join(", ")
            ),
        ));
    };
    // The region may be one the drafts are for and that has no file yet (the README's
    // steps write it next); its id must be one a region file can have.
    let region = match &args.region {
        Some(r) if !crate::facts::is_valid_id(r) => {
            return Err(hinted(
                format!(
                    "region id `{}` is not a plain ASCII id",
                    crate::facts::shown(r)
                ),
                "use lower-case letters, digits and '-', e.g. `changsha`",
            ));
        }
        Some(r) if base.region(r).is_none() => Some(format!("{r} (a new region)")),
        Some(r) => Some(r.clone()),
        None => None,
    };
    let text = crate::article::read_article(&args.article)?;
    let yaml = crate::article::extract::render(&base, source, region.as_deref(), &text);
    std::io::stdout().lock().write_all(yaml.as_bytes())?;
    Ok(0)
}
