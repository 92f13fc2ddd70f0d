//! `brief extract`: draft facts for every figure of an article.

use std::io::Write as _;

use anyhow::Result;

use crate::cli::ExtractArgs;
use crate::error::hinted;

pub fn run(args: &ExtractArgs) -> Result<()> {
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
    crate::output::require_stdout("the drafted facts")?;
    let text = crate::article::read_article(&args.article)?;
    let yaml = crate::article::extract::render(&base, source, region.as_deref(), &text);
    std::io::stdout().lock().write_all(yaml.as_bytes())?;
    Ok(())
}
