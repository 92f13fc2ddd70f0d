//! Batch regeneration: `brief build` renders every briefing (or a selection) into a directory,
//! skipping those whose inputs have not changed, running several typst processes at once.
//!
//! A briefing's inputs are summed up by hashing what typst is given — the generated Typst
//! source (which holds every fact, child-region fact, source title, template text and date the
//! briefing uses) — together with the font files, the typst and brief versions and the options.
//! So a changed county fact rebuilds exactly the briefings whose source it changes.

use std::collections::{BTreeMap, VecDeque};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cli::{BuildArgs, Emit};
use crate::facts::{Audience, FactBase};
use crate::typst::{self, CompileOptions, Typst};

pub const MANIFEST: &str = "manifest.json";
const LOCK: &str = ".brief-build.lock";

/// What the manifest records of one briefing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub region: String,
    pub region_name: String,
    pub audience: Audience,
    pub file: String,
    pub sha256: String,
    /// The PDF's size; with the input hash it tells whether the file is still the one built.
    pub bytes: u64,
    pub input_hash: String,
    pub date: String,
    pub pages: usize,
    pub typst_version: String,
    pub brief_version: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub briefings: Vec<Entry>,
}

impl Manifest {
    fn load(path: &Path) -> Manifest {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Manifest::default();
        };
        serde_json::from_str(&text).unwrap_or_else(|e| {
            eprintln!(
                "warning: ignoring {} ({e}); every briefing will be rebuilt",
                path.display()
            );
            Manifest::default()
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex(&h.finalize()))
}

/// The number of pages of a PDF typst wrote (its page objects are not compressed).
pub fn count_pages(pdf: &[u8]) -> usize {
    let mut n = 0;
    for pat in [&b"/Type/Page"[..], &b"/Type /Page"[..]] {
        n += pdf
            .windows(pat.len() + 1)
            .filter(|w| &w[..pat.len()] == pat && !w[pat.len()].is_ascii_alphanumeric())
            .count();
    }
    n
}

/// A hash of the font files, which typst reads besides the source: their names, sizes and
/// modification times, as make would judge them (reading 14 MB of fonts on every no-op run
/// would cost more than the rest of it).
fn fonts_hash(dir: &Path) -> Result<String> {
    std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut files = Vec::new();
    typst::font_files(dir, 0, &mut files);
    let mut h = Sha256::new();
    for f in files {
        let meta = std::fs::metadata(&f)?;
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        h.update(
            f.strip_prefix(dir)
                .unwrap_or(&f)
                .as_os_str()
                .as_encoded_bytes(),
        );
        h.update(format!(":{}:{mtime};", meta.len()).as_bytes());
    }
    Ok(hex(&h.finalize()))
}

struct Job {
    region: String,
    region_name: String,
    audience: Audience,
    source: String,
    input_hash: String,
    out: PathBuf,
}

enum Outcome {
    Built(Box<Entry>, Duration, Vec<String>),
    Failed(String, String),
}

/// Runs `brief build`; returns the exit code.
pub fn run(args: &BuildArgs) -> Result<i32> {
    let start = Instant::now();
    let base = FactBase::load(&crate::resolve(&args.data.data))?;
    let mut regions = Vec::new();
    if args.region.is_empty() {
        regions.extend(base.regions.iter());
    } else {
        for q in &args.region {
            let r = base
                .find(q)
                .map_err(|e| anyhow!("{e}\nhint: run `brief regions` to list the regions"))?;
            if !regions.iter().any(|x: &&crate::facts::Region| x.id == r.id) {
                regions.push(r);
            }
        }
    }
    let audiences: Vec<Audience> = if args.audience.is_empty() {
        Audience::ALL.to_vec()
    } else {
        args.audience.clone()
    };

    let out_dir = &args.out;
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let lock_path = out_dir.join(LOCK);
    let lock = std::fs::File::create(&lock_path)
        .with_context(|| format!("cannot create {}", lock_path.display()))?;
    match fs4::fs_std::FileExt::try_lock_exclusive(&lock) {
        Ok(true) => {}
        Ok(false) | Err(_) => bail!(
            "another brief build is writing to {}\nhint: wait for it to finish (it holds {})",
            out_dir.display(),
            lock_path.display()
        ),
    }
    remove_stale_temp_files(out_dir);

    let (date, ts) = crate::brief_date(args.typst.date.as_deref())?;
    if args.emit == Emit::Typ {
        return emit_sources(args, &base, &regions, &audiences, date, start);
    }
    let typst = typst::find(args.typst.typst.as_deref(), args.typst.offline)?;
    let opts = crate::compile_options(&args.typst, ts)?;
    let fonts = fonts_hash(&opts.font_dir)?;
    let env = crate::render::environment(args.typst.templates.as_deref())?;

    let manifest_path = out_dir.join(MANIFEST);
    let old = Manifest::load(&manifest_path);
    let mut entries: BTreeMap<String, Entry> = old
        .briefings
        .iter()
        .map(|e| (e.file.clone(), e.clone()))
        .collect();

    let mut jobs = VecDeque::new();
    let mut skipped = 0usize;
    let mut failed: Vec<(String, String)> = Vec::new();
    let pairs: Vec<(&crate::facts::Region, Audience)> = regions
        .iter()
        .flat_map(|r| audiences.iter().map(move |a| (*r, *a)))
        .collect();
    let sources = render_all(&env, &base, &pairs, date, jobs_n(args));
    for ((region, audience), source) in pairs.into_iter().zip(sources) {
        {
            let file = format!("{}-{}.pdf", region.id, audience);
            let source = match source {
                Ok(s) => s,
                Err(e) => {
                    failed.push((file, format!("{e:#}")));
                    continue;
                }
            };
            let mut h = Sha256::new();
            for part in [
                env!("CARGO_PKG_VERSION"),
                typst.version.as_str(),
                fonts.as_str(),
                &ts.to_string(),
                source.as_str(),
            ] {
                h.update(part.as_bytes());
                h.update([0]);
            }
            let input_hash = hex(&h.finalize());
            let out = out_dir.join(&file);
            let up_to_date = !args.force
                && entries.get(&file).is_some_and(|e| {
                    e.input_hash == input_hash
                        && std::fs::metadata(&out).is_ok_and(|m| m.is_file() && m.len() == e.bytes)
                });
            if up_to_date {
                skipped += 1;
                continue;
            }
            jobs.push_back(Job {
                region: region.id.clone(),
                region_name: region.name.clone(),
                audience,
                source,
                input_hash,
                out,
            });
        }
    }

    let total = jobs.len();
    if total == 0 && failed.is_empty() {
        println!(
            "up to date: {skipped} briefing{} in {}, nothing to build",
            if skipped == 1 { "" } else { "s" },
            out_dir.display()
        );
        return Ok(0);
    }

    let jobs_n = jobs_n(args);
    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = interrupted.clone();
        // Children share the terminal's process group and see the same Ctrl-C; brief lets
        // them end, stops taking new work, and writes the manifest of what finished.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }
    let (tx, rx) = mpsc::channel();
    let date_cn = date.chinese();
    // One typst run for all: measured a third faster than one run per briefing on two cores
    // (bench/RESULTS.md), and byte-identical. Not for a single briefing, which gains nothing.
    if !args.no_bundle && jobs.len() > 1 {
        match build_bundle(&typst, &opts, &jobs, out_dir, &date_cn) {
            Ok(outcomes) => {
                jobs.clear();
                for o in outcomes {
                    let _ = tx.send(o);
                }
            }
            // A Ctrl-C stops the bundle's typst too; then there is nothing to fall back to.
            Err(_) if interrupted.load(Ordering::SeqCst) => {}
            Err(e) => eprintln!("warning: bundle export failed, building one by one: {e:#}"),
        }
    }
    let queue = Arc::new(Mutex::new(jobs));
    let mut workers = Vec::new();
    for _ in 0..jobs_n.min(total.max(1)) {
        let queue = queue.clone();
        let tx = tx.clone();
        let typst = typst.clone();
        let opts = opts.clone();
        let interrupted = interrupted.clone();
        let date_cn = date_cn.clone();
        workers.push(std::thread::spawn(move || loop {
            if interrupted.load(Ordering::SeqCst) {
                break;
            }
            let Some(job) = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front() else {
                break;
            };
            let _ = tx.send(build_one(&typst, &opts, job, &date_cn));
        }));
    }
    drop(tx);

    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let mut built = Vec::new();
    for outcome in rx {
        match outcome {
            Outcome::Built(entry, took, warnings) => {
                let line = format!("built {} ({:.1} s)", entry.file, took.as_secs_f64());
                match &bar {
                    Some(b) => {
                        b.set_message(line);
                        b.inc(1);
                    }
                    None if !args.quiet => eprintln!("{line}"),
                    None => {}
                }
                for w in warnings {
                    eprintln!("warning: {}: {w}", entry.file);
                }
                built.push(entry.file.clone());
                entries.insert(entry.file.clone(), *entry);
            }
            Outcome::Failed(file, msg) => {
                if let Some(b) = &bar {
                    b.inc(1);
                }
                failed.push((file, msg));
            }
        }
    }
    for w in workers {
        let _ = w.join();
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }

    let manifest = Manifest {
        briefings: entries.into_values().collect(),
    };
    crate::write_atomic(
        &manifest_path,
        format!("{}\n", serde_json::to_string_pretty(&manifest)?).as_bytes(),
    )?;

    for (file, msg) in &failed {
        eprintln!(
            "failed {file}: {}",
            crate::report(&anyhow!("{msg}")).trim_start_matches("error: ")
        );
    }
    let was_interrupted = interrupted.load(Ordering::SeqCst);
    eprintln!(
        "{}built {}, skipped {}, failed {} in {:.1} s{}",
        if was_interrupted { "interrupted: " } else { "" },
        built.len(),
        skipped,
        failed.len(),
        start.elapsed().as_secs_f64(),
        if built.is_empty() || built.len() > 8 {
            String::new()
        } else {
            format!(": {}", built.join(", "))
        }
    );
    Ok(if was_interrupted {
        130
    } else if failed.is_empty() {
        0
    } else {
        1
    })
}

fn jobs_n(args: &BuildArgs) -> usize {
    args.jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Renders the Typst source of each (region, audience), on `threads` threads, in order.
fn render_all(
    env: &minijinja::Environment<'static>,
    base: &FactBase,
    pairs: &[(&crate::facts::Region, Audience)],
    date: crate::render::BriefDate,
    threads: usize,
) -> Vec<Result<String>> {
    let chunk = pairs.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pairs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(region, audience)| {
                            let ctx =
                                crate::render::BriefContext::new(base, region, *audience, date);
                            crate::render::render(env, &ctx)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec![Err(anyhow!("a render thread panicked"))])
            })
            .collect()
    })
}

/// `brief build --emit typ`: the Typst source of every selected briefing, no typst run.
fn emit_sources(
    args: &BuildArgs,
    base: &FactBase,
    regions: &[&crate::facts::Region],
    audiences: &[Audience],
    date: crate::render::BriefDate,
    start: Instant,
) -> Result<i32> {
    let env = crate::render::environment(args.typst.templates.as_deref())?;
    let mut written = 0usize;
    let mut failed = 0usize;
    let pairs: Vec<(&crate::facts::Region, Audience)> = regions
        .iter()
        .flat_map(|r| audiences.iter().map(move |a| (*r, *a)))
        .collect();
    let sources = render_all(&env, base, &pairs, date, jobs_n(args));
    for ((region, audience), source) in pairs.into_iter().zip(sources) {
        let file = format!("{}-{}.typ", region.id, audience);
        match source {
            Ok(source) => {
                crate::write_atomic(&args.out.join(&file), source.as_bytes())?;
                written += 1;
            }
            Err(e) => {
                eprintln!("failed {file}: {e:#}");
                failed += 1;
            }
        }
    }
    eprintln!(
        "wrote {written} Typst sources, failed {failed} in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(if failed == 0 { 0 } else { 1 })
}

/// Builds every job in one typst run (`--bundle`); each finished PDF is then moved into place.
/// Any failure fails the whole bundle, before a single PDF is replaced.
fn build_bundle(
    typst: &Typst,
    opts: &CompileOptions,
    jobs: &VecDeque<Job>,
    out_dir: &Path,
    date_cn: &str,
) -> Result<Vec<Outcome>> {
    let started = Instant::now();
    // Inside the output directory, so that the finished PDFs can be renamed into place.
    let tmp = tempfile::Builder::new()
        .prefix(".brief-bundle-")
        .suffix(".tmp")
        .tempdir_in(out_dir)?;
    let names: Vec<(String, &str)> = jobs
        .iter()
        .map(|j| (format!("{}-{}", j.region, j.audience), j.source.as_str()))
        .collect();
    let warnings = typst::compile_bundle(typst, &names, tmp.path(), opts)?;
    let mut done = Vec::new();
    for (job, (name, _)) in jobs.iter().zip(&names) {
        let pdf = tmp.path().join(format!("{name}.pdf"));
        let bytes = std::fs::read(&pdf).with_context(|| format!("typst wrote no {name}.pdf"))?;
        done.push((job, pdf, bytes));
    }
    let took = started.elapsed() / jobs.len().max(1) as u32;
    let mut outcomes = Vec::new();
    for (job, pdf, bytes) in done {
        crate::make_readable(&pdf);
        std::fs::rename(&pdf, &job.out)
            .with_context(|| format!("cannot move the PDF to {}", job.out.display()))?;
        outcomes.push(Outcome::Built(
            Box::new(entry_for(job, typst, &bytes, date_cn)),
            took,
            warnings.clone(),
        ));
    }
    Ok(outcomes)
}

fn entry_for(job: &Job, typst: &Typst, bytes: &[u8], date_cn: &str) -> Entry {
    Entry {
        region: job.region.clone(),
        region_name: job.region_name.clone(),
        audience: job.audience,
        file: job
            .out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sha256: hex(&Sha256::digest(bytes)),
        bytes: bytes.len() as u64,
        input_hash: job.input_hash.clone(),
        date: date_cn.to_string(),
        pages: count_pages(bytes),
        typst_version: typst.version.clone(),
        brief_version: env!("CARGO_PKG_VERSION").to_string(),
    }
}

fn build_one(typst: &Typst, opts: &CompileOptions, job: Job, date_cn: &str) -> Outcome {
    let file = job
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let started = Instant::now();
    let result = (|| -> Result<(Entry, Vec<String>)> {
        let compiled = typst::compile(typst, &job.source, &job.out, opts)?;
        let bytes = std::fs::read(&job.out)?;
        let entry = entry_for(&job, typst, &bytes, date_cn);
        Ok((entry, compiled.warnings))
    })();
    match result {
        Ok((entry, warnings)) => Outcome::Built(Box::new(entry), started.elapsed(), warnings),
        Err(e) => Outcome::Failed(file, format!("{e:#}")),
    }
}

/// Temp files a killed run left behind (`.<name>.pdf.XXXX.tmp`, `.brief-bundle-XXXX.tmp/`).
/// Only old ones: a single `brief -o out/x.pdf` running beside this build (it takes no lock)
/// may own a fresh one.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if name.starts_with('.') && name.ends_with(".tmp") && old {
            let _ = std::fs::remove_file(e.path()).or_else(|_| std::fs::remove_dir_all(e.path()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pages_not_the_page_tree() {
        let pdf = b"<</Type/Pages/Count 2>> <</Type/Page/Parent 1 0 R>> <</Type /Page >>";
        assert_eq!(count_pages(pdf), 2);
    }
}
