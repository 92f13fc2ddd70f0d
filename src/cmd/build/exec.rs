//! Building the planned briefings: bundles of at most `--bundle-size` briefings (one each with
//! `--no-bundle`), `-j` typst runs at a time; a failed bundle falls back to one run per
//! briefing for that bundle only. Each finished PDF is written into place at once.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::plan::Job;
use super::{thumbs, Context};
use crate::error::{add_hint, report, Interrupted};
use crate::manifest::{count_pages, Entry};
use crate::output::{Links, Output};
use crate::typst;
use crate::{plural, say, signals};

pub(super) enum Outcome {
    Built {
        entry: Box<Entry>,
        took: Duration,
        warnings: Vec<String>,
    },
    Failed {
        file: String,
        error: anyhow::Error,
    },
}

/// A PDF written, for its thumbnail: (file, bytes).
pub(super) type Pdf = (String, Vec<u8>);

/// Builds the jobs, `-j` typst runs at a time, with a progress bar on a terminal.
pub(super) fn execute(ctx: &Context, jobs: Vec<Job>) -> Vec<Outcome> {
    let total = jobs.len();
    let size = ctx.settings.bundle;
    let chunks = bundles(jobs, size);
    let queue = Arc::new(Mutex::new(chunks.into_iter()));
    let (tx, rx) = mpsc::channel();
    let outcomes = std::thread::scope(|scope| {
        for _ in 0..ctx.settings.jobs.min(total.max(1)) {
            let queue = queue.clone();
            let tx = tx.clone();
            scope.spawn(move || loop {
                if signals::interrupted() {
                    break;
                }
                let Some(chunk) = queue.lock().unwrap_or_else(|e| e.into_inner()).next() else {
                    break;
                };
                let (outcomes, pdfs) = build_chunk(ctx, chunk);
                for o in outcomes {
                    let _ = tx.send(o);
                }
                thumbs::make(ctx, &pdfs);
            });
        }
        drop(tx);
        collect(ctx, rx, total)
    });
    outcomes
}

/// The jobs in bundles of at most `size` briefings whose sources together stay within what
/// one typst run is given ([`typst::MAX_SOURCE`]): typst's memory grows with its input, so a
/// bundle takes no more than one briefing of the largest size allowed.
fn bundles(jobs: Vec<Job>, size: usize) -> Vec<Vec<Job>> {
    let mut chunks: Vec<Vec<Job>> = Vec::new();
    let mut bytes = 0;
    for job in jobs {
        let fits = chunks
            .last()
            .is_some_and(|c| c.len() < size && bytes + job.source.len() <= typst::run::MAX_SOURCE);
        if !fits {
            chunks.push(Vec::new());
            bytes = 0;
        }
        bytes += job.source.len();
        chunks.last_mut().expect("a chunk").push(job);
    }
    chunks
}

/// The outcomes as they come, each logged (or shown on the progress bar).
fn collect(ctx: &Context, rx: mpsc::Receiver<Outcome>, total: usize) -> Vec<Outcome> {
    let quiet = ctx.settings.quiet;
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut outcomes = Vec::new();
    for o in rx {
        if let Outcome::Built {
            entry,
            took,
            warnings,
        } = &o
        {
            let line = format!("built {} ({:.1} s)", entry.file, took.as_secs_f64());
            match &bar {
                Some(b) => b.set_message(line),
                None if !quiet => say!("{line}"),
                None => {}
            }
            for w in warnings {
                say!("warning: {}: {w}", entry.file);
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
        outcomes.push(o);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    outcomes
}

/// One chunk: a bundle run when it has several briefings, else (or when the bundle fails) one
/// run per briefing.
fn build_chunk(ctx: &Context, chunk: Vec<Job>) -> (Vec<Outcome>, Vec<Pdf>) {
    let (typst, opts) = (&ctx.typst, &ctx.opts);
    if chunk.len() > 1 {
        let started = Instant::now();
        let names: Vec<(String, &str)> = chunk
            .iter()
            .map(|j| {
                (
                    j.file.trim_end_matches(".pdf").to_string(),
                    j.source.as_str(),
                )
            })
            .collect();
        // The bundle's PDFs carry one timestamp: the chunk's jobs share the run's date.
        let mut bundle_opts = opts.clone();
        bundle_opts.creation_timestamp = chunk[0].dated.timestamp;
        match typst::compile_bundle(typst, &names, &bundle_opts) {
            Ok((pdfs, warnings)) => {
                let took = started.elapsed() / chunk.len() as u32;
                let mut built = Vec::new();
                let outcomes = chunk
                    .into_iter()
                    .zip(pdfs)
                    .map(|(job, pdf)| finish(ctx, job, pdf, took, warnings.clone(), &mut built))
                    .collect();
                return (outcomes, built);
            }
            Err(e) if e.is::<Interrupted>() => return (Vec::new(), Vec::new()),
            Err(e) => say!(
                "warning: a bundle of {} failed, building them one by one: {}",
                plural(chunk.len(), "briefing"),
                report(&e).trim_start_matches("error: ")
            ),
        }
    }
    one_by_one(ctx, chunk)
}

/// Each briefing of `chunk` in a typst run of its own.
fn one_by_one(ctx: &Context, chunk: Vec<Job>) -> (Vec<Outcome>, Vec<Pdf>) {
    let mut pdfs = Vec::new();
    let mut outcomes = Vec::new();
    for job in chunk {
        if signals::interrupted() {
            break;
        }
        let started = Instant::now();
        let mut job_opts = ctx.opts.clone();
        job_opts.creation_timestamp = job.dated.timestamp;
        match typst::compile(&ctx.typst, &job.source, &job_opts) {
            Ok(c) => outcomes.push(finish(
                ctx,
                job,
                c.pdf,
                started.elapsed(),
                c.warnings,
                &mut pdfs,
            )),
            Err(e) if e.is::<Interrupted>() => break,
            Err(error) => outcomes.push(failed(ctx.settings.out.as_path(), job, error)),
        }
    }
    (outcomes, pdfs)
}

/// A briefing typst refused. Its source is kept as `<briefing>.failed.typ`, replaced on each
/// failing run (a nightly build must not pile them up) and removed once it builds.
fn failed(out_dir: &Path, job: Job, error: anyhow::Error) -> Outcome {
    let kept = out_dir.join(job.file.replace(".pdf", ".failed.typ"));
    let error = match Output::at(&kept, Links::Refuse).and_then(|o| o.write(job.source.as_bytes()))
    {
        Ok(()) => add_hint(
            error,
            format!(
                "<stdin> in the messages is the generated source, kept at {}",
                kept.display()
            ),
        ),
        Err(_) => error,
    };
    Outcome::Failed {
        file: job.file,
        error,
    }
}

/// Writes a finished PDF into place (never through a link in the output directory) and makes
/// its manifest entry.
fn finish(
    ctx: &Context,
    job: Job,
    pdf: Vec<u8>,
    took: Duration,
    warnings: Vec<String>,
    written_pdfs: &mut Vec<Pdf>,
) -> Outcome {
    let out_dir = ctx.settings.out.as_path();
    let path = out_dir.join(&job.file);
    let written = Output::at(&path, Links::Refuse).and_then(|o| o.write(&pdf));
    if let Err(error) = written {
        return Outcome::Failed {
            file: job.file,
            error,
        };
    }
    // A source kept when this briefing failed before is no longer needed.
    let kept = out_dir.join(job.file.replace(".pdf", ".failed.typ"));
    if std::fs::symlink_metadata(&kept).is_ok_and(|m| m.is_file()) {
        let _ = std::fs::remove_file(&kept);
    }
    let sha256: String = Sha256::digest(&pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (bytes, pages) = (pdf.len() as u64, count_pages(&pdf));
    written_pdfs.push((job.file.clone(), pdf));
    Outcome::Built {
        entry: Box::new(Entry {
            region: job.region,
            region_name: job.region_name,
            audience: job.audience,
            title: job.title,
            file: job.file,
            sha256,
            bytes,
            input_hash: job.input_hash,
            deps_hash: job.deps_hash,
            date: job.dated.iso(),
            pages,
            typst_version: ctx.typst.version.clone(),
            brief_version: env!("CARGO_PKG_VERSION").to_string(),
            place: Default::default(),
        }),
        took,
        warnings,
    }
}
