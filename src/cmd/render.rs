//! The default command: one briefing, `brief --region 芦溪 --audience investor`.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};

use crate::cli::{Emit, RenderArgs};
use crate::error::hinted;
use crate::output::{keep_source, Links, Output};
use crate::typst::{fonts, Running};

pub fn run(args: &RenderArgs) -> Result<i32> {
    let (Some(query), Some(audience)) = (&args.region, args.audience) else {
        return Err(hinted(
            "--region and --audience are required",
            "brief --region 芦溪 --audience investor",
        ));
    };
    // Everything that can be refused is refused before any work.
    let dated = crate::date::resolve(args.typst.date.as_deref())?;
    let named = args
        .output
        .as_deref()
        .map(|p| Output::at(p, Links::Follow))
        .transpose()?;
    let env = crate::render::environment(args.typst.templates.as_deref())?
        .with_min_figures(args.typst.min_figures);
    let reader = env.reader(audience)?;
    // For a PDF, typst starts first and finds its fonts while brief reads the facts.
    let running = match args.emit {
        Emit::Pdf => {
            let (typst, opts) = crate::config::typst(&args.typst, dated.timestamp)?;
            let run = Running::start(&typst, &opts, fonts::FontNeeds::Bundled)?;
            Some((typst, opts, run))
        }
        Emit::Typ => None,
    };

    let base = crate::config::load_facts(&args.data.data)?;
    env.accept(&base)?;
    let region = base
        .find(query)
        .map_err(|e| hinted(e.to_string(), "run `brief regions` to list the regions"))?;
    if let Some(reason) = crate::render::hollow(&base, region, reader) {
        return Err(hinted(
            reason,
            format!(
                "add facts for this reader to {}, or choose another audience; `--min-figures N` issues it with fewer",
                region.file.display()
            ),
        ));
    }
    let ctx = crate::render::BriefContext::new(&base, region, reader, dated.date);
    let source = crate::render::render(&env, &ctx)?;

    let ext = match args.emit {
        Emit::Pdf => "pdf",
        Emit::Typ => "typ",
    };
    let (output, near) = match named {
        Some(out) => {
            let near = args.output.clone().unwrap_or_default();
            (out, near)
        }
        None => {
            let dir = PathBuf::from("out");
            if !dir.exists() {
                std::fs::create_dir(&dir)
                    .map_err(|e| anyhow!("cannot create {}: {e}", dir.display()))?;
            }
            let path = dir.join(format!("{}-{}.{ext}", region.id, audience));
            (Output::at(&path, Links::Refuse)?, path)
        }
    };

    let Some((typst, opts, run)) = running else {
        output.write(source.as_bytes())?;
        return Ok(0);
    };
    let needs = fonts::needs(&source, &opts.font_dir)?;
    let run = if *run.needs() == needs {
        run
    } else {
        // The text needs installed fonts: start again without --ignore-system-fonts.
        drop(run);
        Running::start(&typst, &opts, needs)?
    };
    let compiled = match run.finish(&source) {
        Ok(c) => c,
        Err(e) if e.is::<crate::typst::Interrupted>() => return Err(e),
        Err(e) => return Err(with_kept_source(e, &near, &output, &source)),
    };
    for w in &compiled.warnings {
        crate::say!("warning: {w}");
    }
    output.write(&compiled.pdf)?;
    if !matches!(output, Output::Stdout) {
        crate::say!("wrote {}", output.display());
    }
    Ok(0)
}

/// Adds where the failed briefing's source was kept (or why it could not be) to the error.
fn with_kept_source(
    err: anyhow::Error,
    near: &Path,
    output: &Output,
    source: &str,
) -> anyhow::Error {
    let near = match output {
        Output::File { .. } => near.to_path_buf(),
        _ => std::env::temp_dir().join("brief.pdf"),
    };
    match keep_source(&near, source) {
        Ok(kept) => crate::error::add_hint(
            err,
            format!(
                "<stdin> in the messages is the generated source, kept at {}",
                kept.display()
            ),
        ),
        Err(why) => crate::error::add_hint(
            err,
            format!(
                "the generated source could not be kept ({why}); rerun with --emit typ to see it"
            ),
        ),
    }
}
