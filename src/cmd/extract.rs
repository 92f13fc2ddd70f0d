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
    if let Some(r) = &args.region {
        if base.region(r).is_none() {
            return Err(hinted(
                format!("region {r} is not in the fact base"),
                "`brief regions` lists them",
            ));
        }
    }
    let text = crate::article::read_article(&args.article)?;
    let yaml = crate::article::extract::render(&base, source, args.region.as_deref(), &text);
    std::io::stdout().lock().write_all(yaml.as_bytes())?;
    Ok(())
}
