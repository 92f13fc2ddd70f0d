//! `brief build`: every briefing (or a selection) into a directory, skipping those whose
//! content has not changed, in bounded typst bundles run `-j` at a time.
//!
//! A briefing's content is summed up by hashing what typst is given — the generated Typst
//! source (it holds every fact, child-region fact, source title and template text the briefing
//! uses; the date reaches typst as an input, not in the text) — with the fonts, the typst and
//! brief versions and the PDF standards. An unchanged briefing is skipped and keeps its bytes
//! and its date, however many nights pass; a changed one is dated the day it is rebuilt (or
//! `--date`).
//!
//! Phases: select and plan ([`plan`]), lock the directory ([`outdir`]), build ([`exec`]) and
//! make thumbnails ([`thumbs`]), then write the manifest and catalogue and summarise (here).

mod exec;
mod outdir;
mod plan;
mod thumbs;

use std::collections::{BTreeMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result};

use crate::catalogue::{thumb_path, write_index, THUMBS};
use crate::cli::Emit;
use crate::config::{data_dir, Build};
use crate::date::Dated;
use crate::error::{hinted, report, Reported};
use crate::facts::{FactBase, Region};
use crate::manifest::{Entry, Manifest, Place, MANIFEST};
use crate::output::{Links, Output};
use crate::render::Templates;
use crate::typst::{CompileOptions, Typst};
use crate::{par, plural, say, signals};

use exec::Outcome;
use plan::{Plan, Planner, Rendered};

/// What the phases that run typst share: the settings, typst and how it compiles, and where
/// thumbnails go.
pub(crate) struct Context<'a> {
    pub settings: &'a Build,
    pub typst: Typst,
    pub opts: CompileOptions,
    /// `out/thumbs`, when it can be used.
    pub thumbs: Option<PathBuf>,
}

impl Context<'_> {
    fn out_dir(&self) -> &Path {
        &self.settings.out
    }
}

/// The manifest a run starts from and writes.
struct Record {
    output: Output,
    entries: BTreeMap<String, Entry>,
    /// Whether what is recorded differs from the manifest as read.
    stale: bool,
}

/// Runs `brief build`.
pub fn run(settings: &Build) -> Result<()> {
    let start = Instant::now();
    let data = data_dir(&settings.data)?;
    let base = FactBase::load(&data)?;
    let templates = settings.tools.templates()?;
    templates.accept(&base)?;
    let pairs = plan::select(&base, settings, &templates.audiences)?;
    let out_dir = &settings.out;
    if !out_dir.exists() {
        std::fs::create_dir_all(out_dir)
            .with_context(|| format!("cannot create {}", out_dir.display()))?;
    }
    let _lock = outdir::lock(out_dir)?;
    outdir::remove_stale_temp_files(out_dir);
    outdir::remove_stale_temp_files(&out_dir.join(THUMBS));
    let dated = settings.tools.dated;
    if settings.emit == Emit::Typ {
        return emit_sources(settings, &templates, &base, &pairs, dated, start);
    }
    let (typst, mut opts) = settings.tools.typst()?;
    // typst's temporary directories in the output directory, where the next build (under the
    // lock) removes what a killed one left, rather than in the system's.
    opts.temp_dir = Some(out_dir.clone());
    let typst = typst.asked()?;
    let fonts = plan::fonts_hash(&opts.font_dir, settings.jobs)?;
    let mut record = read_record(settings, &base)?;
    let ctx = Context {
        settings,
        thumbs: thumbs::dir(out_dir),
        typst,
        opts,
    };
    let planner = Planner::new(&ctx, &templates, &base, &record.entries, &fonts, dated);
    let mut plan = planner.plan(&pairs);
    for (file, deps) in std::mem::take(&mut plan.refreshed) {
        if let Some(e) = record.entries.get_mut(&file) {
            e.deps_hash = deps;
            record.stale = true;
        }
    }
    if !settings.quiet {
        for (file, reason) in &plan.hollow {
            say!("not applicable {file}: {reason}");
        }
    }
    record.drop_hollow(&ctx, &plan.hollow);
    // Briefings kept as they are but without a thumbnail get one, whatever else is built.
    thumbs::missing(&ctx, &plan.no_thumb);
    if plan.jobs.is_empty() && plan.failed.is_empty() {
        record.locate(&base);
        return up_to_date(&ctx, record, &plan, start);
    }
    let jobs = std::mem::take(&mut plan.jobs);
    record.forget(&ctx, jobs.iter().map(|j| j.file.as_str()))?;
    let mut built = Vec::new();
    for o in exec::execute(&ctx, jobs) {
        match o {
            Outcome::Built { entry, .. } => {
                built.push(entry.file.clone());
                record.entries.insert(entry.file.clone(), *entry);
            }
            Outcome::Failed { file, error } => plan.failed.push((file, error)),
        }
    }
    record.locate(&base);
    conclude(&ctx, record, &plan, &built, &data, start)
}

/// The manifest of the output directory (or the shard's part), without the entries of regions
/// that are gone or (in a part) of another shard.
fn read_record(settings: &Build, base: &FactBase) -> Result<Record> {
    let path = settings.out.join(match settings.shard {
        Some(s) => s.part_file(),
        None => MANIFEST.to_string(),
    });
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
        return Err(hinted(
            format!("{} is a directory", path.display()),
            "brief build keeps its manifest as a plain file there; move the directory away, or build into another --out",
        ));
    }
    let output = Output::at(&path, Links::Refuse)?;
    let exists = std::fs::symlink_metadata(&path).is_ok();
    let old = Manifest::load(&path)?;
    let old_count = old.briefings.len();
    let ids: HashSet<&str> = base.regions.iter().map(|r| r.id.as_str()).collect();
    // An entry that names another file than its briefing's (an edited manifest) is dropped,
    // never kept or linked to.
    let entries: BTreeMap<String, Entry> = old
        .briefings
        .into_iter()
        .filter(|e| e.is_own() && ids.contains(e.region.as_str()) && settings.takes(&e.region))
        .map(|e| (e.file.clone(), e))
        .collect();
    Ok(Record {
        output,
        // A shard with no region still writes its (empty) part, for the merge.
        stale: !exists || entries.len() != old_count,
        entries,
    })
}

impl Record {
    /// Before any PDF is replaced, the manifest on disk stops vouching for those about to be:
    /// a run killed midway (`kill -9`) leaves them unrecorded, and the next run rebuilds them.
    fn forget<'f>(&self, ctx: &Context, files: impl Iterator<Item = &'f str>) -> Result<()> {
        let files: HashSet<&str> = files.collect();
        if !self.entries.keys().any(|f| files.contains(f.as_str())) {
            return Ok(());
        }
        let manifest = Manifest {
            briefings: self
                .entries
                .values()
                .filter(|e| !files.contains(e.file.as_str()))
                .cloned()
                .collect(),
            shard: ctx.settings.shard,
        };
        self.output.write(manifest.to_json()?.as_bytes())
    }

    /// Every entry's place, as the fact base has it now: a region moved to another parent moves
    /// in the catalogue, whether or not its briefing changed.
    fn locate(&mut self, base: &FactBase) {
        for e in self.entries.values_mut() {
            if let Some(region) = base.region(&e.region) {
                let place = Place::of(base, region);
                if e.place != place {
                    e.place = place;
                    self.stale = true;
                }
            }
        }
    }

    /// Briefings that have nothing for their reader any more leave the manifest, and their old
    /// PDF and thumbnail (brief's own files, never through a link) leave the directory.
    fn drop_hollow(&mut self, ctx: &Context, hollow: &[(String, String)]) {
        for (file, _) in hollow {
            if self.entries.remove(file).is_none() {
                continue;
            }
            self.stale = true;
            for path in [ctx.out_dir().join(file), thumb_path(ctx.out_dir(), file)] {
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                    let _ = std::fs::remove_file(&path);
                }
            }
            if !ctx.settings.quiet {
                say!("removed {file}: it is no longer applicable");
            }
        }
    }

    /// Writes the manifest and, for a whole build, the catalogue beside it.
    fn write(self, ctx: &Context, always: bool) -> Result<()> {
        let manifest = Manifest {
            briefings: self.entries.into_values().collect(),
            shard: ctx.settings.shard,
        };
        if always || self.stale {
            self.output.write(manifest.to_json()?.as_bytes())?;
        }
        if ctx.settings.shard.is_none() {
            write_index(ctx.out_dir(), &manifest)?;
        }
        Ok(())
    }
}

/// Nothing to build: the manifest is written only if an entry changed.
fn up_to_date(ctx: &Context, record: Record, plan: &Plan, start: Instant) -> Result<()> {
    record.write(ctx, false)?;
    println_quiet(&format!(
        "up to date: {} in {}, nothing to build ({:.1} s)",
        plural(plan.skipped, "briefing"),
        ctx.out_dir().display(),
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// Writes the manifest and catalogue (whatever finished is recorded, even when a log or
/// another briefing failed), names each failure and prints the summary line.
fn conclude(
    ctx: &Context,
    record: Record,
    plan: &Plan,
    built: &[String],
    data: &Path,
    start: Instant,
) -> Result<()> {
    let written = record.write(ctx, true);
    for (file, e) in &plan.failed {
        say!("failed {file}: {}", report(e).trim_start_matches("error: "));
    }
    let interrupted = signals::interrupted();
    say!(
        "{}built {}, skipped {}, not applicable {}, failed {} in {:.1} s (data {}, out {}){}",
        if interrupted { "interrupted: " } else { "" },
        built.len(),
        plan.skipped,
        plan.hollow.len(),
        plan.failed.len(),
        start.elapsed().as_secs_f64(),
        data.display(),
        ctx.out_dir().display(),
        if built.is_empty() || built.len() > 8 {
            String::new()
        } else {
            format!(": {}", built.join(", "))
        }
    );
    written.context("cannot write the manifest or the catalogue")?;
    if plan.failed.is_empty() || interrupted {
        Ok(())
    } else {
        Err(Reported.into())
    }
}

fn println_quiet(line: &str) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// `brief build --emit typ`: the Typst source of every selected briefing, no typst run.
fn emit_sources(
    settings: &Build,
    templates: &Templates,
    base: &FactBase,
    pairs: &[(&Region, crate::facts::Audience)],
    dated: Dated,
    start: Instant,
) -> Result<()> {
    let sources = par::map(pairs, settings.jobs, |(region, audience)| {
        Rendered::new(templates, base, region, *audience, dated)
    });
    let (mut written, mut hollow, mut failed) = (0usize, 0usize, 0usize);
    for ((region, audience), source) in pairs.iter().zip(sources) {
        let file = format!("{}-{}.typ", region.id, audience);
        let result = match source {
            Rendered::Source(source) => Output::at(&settings.out.join(&file), Links::Refuse)
                .and_then(|o| o.write(source.as_bytes())),
            Rendered::Hollow(reason) => {
                if !settings.quiet {
                    say!("not applicable {file}: {reason}");
                }
                hollow += 1;
                continue;
            }
            Rendered::Failed(e) => Err(e),
        };
        match result {
            Ok(()) => written += 1,
            Err(e) => {
                say!(
                    "failed {file}: {}",
                    report(&e).trim_start_matches("error: ")
                );
                failed += 1;
            }
        }
    }
    say!(
        "wrote {written} Typst sources, not applicable {hollow}, failed {failed} in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    if failed == 0 {
        Ok(())
    } else {
        Err(Reported.into())
    }
}
