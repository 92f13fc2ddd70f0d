//! The default command: one briefing, `brief --region 芦溪 --audience investor`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::cli::Emit;
use crate::cmd::source_cache::{Kept, SourceCache};
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
    // The same briefing rendered again from the same files: its source as it was kept.
    let cache = SourceCache::new(settings, &settings.data);
    let kept = cache.as_ref().and_then(SourceCache::get);
    let own_fonts = settings.tools.font_override().is_none();
    let (region_id, region_file, source, fonts_known) = match kept {
        Some(k) => (k.region, None, k.source, own_fonts && k.bundled_fonts),
        None => {
            let (id, file, source) = fresh(settings)?;
            (id, Some(file), source, false)
        }
    };

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
            let path = dir.join(format!("{region_id}-{}.{ext}", settings.audience));
            (Output::at(&path, Links::Refuse)?, path)
        }
    };

    let Some((typst, opts, run)) = running else {
        if let (Some(cache), Some(_)) = (&cache, &region_file) {
            cache.put(&Kept {
                region: region_id,
                source: source.clone(),
                bundled_fonts: false,
            });
        }
        return output.write(source.as_bytes());
    };
    if let Some(file) = &region_file {
        // A kept source was within the size when it was kept.
        let briefing = format!("{region_id}-{}", settings.audience);
        crate::typst::check_size(&source, &briefing, file)?;
    }
    let needs = if fonts_known {
        fonts::FontNeeds::Bundled
    } else {
        fonts::needs(&source, &opts.font_dir)?
    };
    let run = if *run.needs() == needs {
        run
    } else {
        // The text needs installed fonts: start again without --ignore-system-fonts.
        drop(run);
        Running::start(&typst, &opts, needs.clone())?
    };
    // Kept while typst works: a fresh source, or the font answer a kept one lacked.
    let bundled_fonts = own_fonts && needs == fonts::FontNeeds::Bundled;
    let keeper = cache
        .filter(|_| region_file.is_some() || (bundled_fonts && !fonts_known))
        .map(|cache| {
            let kept = Kept {
                region: region_id.clone(),
                source: source.clone(),
                bundled_fonts,
            };
            std::thread::spawn(move || cache.put(&kept))
        });
    let compiled = run.finish(&source);
    if let Some(keeper) = keeper {
        let _ = keeper.join();
    }
    let compiled = match compiled {
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

/// The briefing's region (id and file) and source, from the fact base loaded and checked whole.
fn fresh(settings: &Render) -> Result<(String, PathBuf, String)> {
    // The templates are read while the fact base loads; their errors come first, as before.
    let (templates, base) = std::thread::scope(|scope| {
        let templates = scope.spawn(|| settings.tools.templates());
        let base = load_facts(&settings.data);
        match templates.join() {
            Ok(t) => (t, base),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    let templates = templates?;
    let reader = templates.reader(settings.audience)?;
    let base = base?;
    templates.accept(&base)?;
    let region = base
        .find(&settings.region)
        .map_err(|e| hinted(e.to_string(), "run `brief regions` to list the regions"))?;
    if let Some(reason) = render::hollow(
        &base,
        region,
        reader,
        Some(i64::from(settings.tools.dated.date.year)),
    ) {
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
    Ok((region.id.clone(), region.file.clone(), source))
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
