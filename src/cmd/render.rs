//! The default command: one briefing, `brief --region 芦溪 --audience investor`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::cli::Emit;
use crate::config::{load_facts, Render};
use crate::error::{add_hint, hinted, Interrupted};
use crate::output::{keep_source, Links, Output};
use crate::render::{self, BriefContext};
use crate::say;
use crate::typst::{fonts, Running};

pub fn run(settings: &Render) -> Result<()> {
    // Everything that can be refused is refused before any work.
    let named = settings
        .output
        .as_deref()
        .map(|p| Output::at(p, Links::Follow))
        .transpose()?;
    // For a PDF, typst starts first and finds its fonts while brief reads the templates and
    // the facts.
    let running = match settings.emit {
        Emit::Pdf => {
            let (typst, opts) = settings.tools.typst()?;
            let run = Running::start(&typst, &opts, fonts::FontNeeds::Bundled)?;
            Some((typst, opts, run))
        }
        Emit::Typ => None,
    };
    let templates = settings.tools.templates()?;
    let reader = templates.reader(settings.audience)?;

    let base = load_facts(&settings.data)?;
    templates.accept(&base)?;
    let region = base
        .find(&settings.region)
        .map_err(|e| hinted(e.to_string(), "run `brief regions` to list the regions"))?;
    if let Some(reason) = render::hollow(&base, region, reader) {
        return Err(hinted(
            reason,
            format!(
                "add facts for this reader to {}, or choose another audience; `--min-figures N` issues it with fewer",
                region.file.display()
            ),
        ));
    }
    let ctx = BriefContext::new(&base, region, reader, settings.tools.dated.date);
    let source = render::render(&templates, &ctx)?;

    let ext = match settings.emit {
        Emit::Pdf => "pdf",
        Emit::Typ => "typ",
    };
    let (output, near) = match named {
        Some(out) => {
            let near = settings.output.clone().unwrap_or_default();
            (out, near)
        }
        None => {
            let dir = PathBuf::from("out");
            if !dir.exists() {
                std::fs::create_dir(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            let path = dir.join(format!("{}-{}.{ext}", region.id, settings.audience));
            (Output::at(&path, Links::Refuse)?, path)
        }
    };

    let Some((typst, opts, run)) = running else {
        return output.write(source.as_bytes());
    };
    let briefing = format!("{}-{}", region.id, settings.audience);
    crate::typst::check_size(&source, &briefing, &region.file)?;
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
        Err(e) if e.is::<Interrupted>() => return Err(e),
        Err(e) => return Err(with_kept_source(e, &near, &output, &source)),
    };
    for w in &compiled.warnings {
        say!("warning: {w}");
    }
    output.write(&compiled.pdf)?;
    if !matches!(output, Output::Stdout) {
        say!("wrote {}", output.display());
    }
    Ok(())
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
        Ok(kept) => add_hint(
            err,
            format!(
                "<stdin> in the messages is the generated source, kept at {}",
                kept.display()
            ),
        ),
        Err(why) => add_hint(
            err,
            format!(
                "the generated source could not be kept ({why}); rerun with --emit typ to see it"
            ),
        ),
    }
}
