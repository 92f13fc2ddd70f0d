//! `brief build`: every briefing (or a selection) into a directory, skipping those whose
//! content has not changed, in bounded typst bundles run `-j` at a time.
//!
//! A briefing's content is summed up by hashing what typst is given — the generated Typst
//! source rendered with a neutral date (it holds every fact, child-region fact, source title and
//! template text the briefing uses) — with the fonts, the typst and brief versions and the PDF
//! standards. An unchanged briefing is skipped and keeps its bytes and its date, however many
//! nights pass; a changed one is dated the day it is rebuilt (or `--date`).
//!
//! Phases: select, lock, plan, execute, collect, summarise.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read as _};
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::manifest::{self as parts, Part};
use crate::cli::{BuildArgs, Emit};
use crate::date::Dated;
use crate::error::{hinted, report};
use crate::facts::{Audience, FactBase, Region};
use crate::output::{is_brief_temp, Links, Output};
use crate::typst::{self, CompileOptions, Typst};

pub const MANIFEST: &str = "manifest.json";
const LOCK: &str = ".brief-build.lock";
/// A manifest larger than this is not brief's.
pub const MAX_MANIFEST: u64 = 256 * 1024 * 1024;
/// The PDF standards of `brief build` when `--pdf-standard` is not given: PDF/A-2b for the
/// archive and PDF/UA-1 for screen readers (`--pdf-standard none` for neither).
pub const DEFAULT_PDF_STANDARDS: [&str; 2] = ["a-2b", "ua-1"];

/// What the manifest records of one briefing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub region: String,
    pub region_name: String,
    pub audience: Audience,
    /// The briefing's kind as its masthead prints it (投资环境简报); empty in a manifest
    /// written before brief recorded it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub file: String,
    pub sha256: String,
    /// The PDF's size; with the input hash it tells whether the file is still the one built.
    pub bytes: u64,
    /// The hash of the briefing's content (its source with a neutral date) and of the tools.
    pub input_hash: String,
    /// The hash of the files the briefing is rendered from (its region's, its parent's, its
    /// parts' and its siblings' files, sources.yaml, the vocabulary, the templates) and of the
    /// tools: while it is unchanged, the briefing is not even rendered.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deps_hash: String,
    /// The day the content last changed (or the forced date), YYYY-MM-DD.
    pub date: String,
    pub pages: usize,
    pub typst_version: String,
    pub brief_version: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub briefings: Vec<Entry>,
    /// In a part written by `brief build --shard K/N`: K and N.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<Part>,
}

impl Manifest {
    /// The manifest as written: pretty JSON and a final newline.
    pub fn to_json(&self) -> Result<String> {
        Ok(format!("{}\n", serde_json::to_string_pretty(self)?))
    }

    /// The manifest in `dir`, if there is a usable one. A link, a FIFO or a device there is an
    /// error (it would be written through, or hang); an unreadable one means a full rebuild.
    pub fn load(path: &Path) -> Result<Manifest> {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return Ok(Manifest::default());
        };
        if !meta.is_file() {
            return Err(hinted(
                format!("{} is not a regular file", path.display()),
                "brief build keeps its manifest as a plain file; remove what is there",
            ));
        }
        let mut text = String::new();
        let read =
            std::fs::File::open(path).and_then(|f| f.take(MAX_MANIFEST).read_to_string(&mut text));
        match read
            .map_err(anyhow::Error::from)
            .and_then(|_| serde_json::from_str(&text).map_err(anyhow::Error::from))
        {
            Ok(m) => Ok(m),
            Err(e) => {
                crate::say!(
                    "warning: ignoring {} ({e}); every briefing will be rebuilt",
                    path.display()
                );
                Ok(Manifest::default())
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
    typst::fonts::font_files(dir, 0, &mut files);
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

/// One briefing to build.
struct Job {
    region: String,
    region_name: String,
    audience: Audience,
    title: String,
    file: String,
    source: String,
    input_hash: String,
    deps_hash: String,
    dated: Dated,
}

enum Outcome {
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

/// What a run found to do.
#[derive(Default)]
struct Plan {
    jobs: Vec<Job>,
    skipped: usize,
    /// Briefings with nothing of their own for their reader: (file, reason).
    hollow: Vec<(String, String)>,
    failed: Vec<(String, anyhow::Error)>,
    /// Up-to-date briefings without a thumbnail.
    no_thumb: Vec<String>,
    /// Briefings rendered and found unchanged whose input files changed: (file, deps hash).
    refreshed: Vec<(String, String)>,
}

/// Runs `brief build`; returns the exit code.
pub fn run(args: &BuildArgs) -> Result<i32> {
    let start = Instant::now();
    let data = crate::config::data_dir(&args.data.data)?;
    let base = FactBase::load(&data)?;
    let env = crate::render::environment(args.typst.templates.as_deref())?
        .with_min_figures(args.typst.min_figures);
    env.accept(&base)?;
    let pairs = select(&base, args, &env.audiences)?;
    let out_dir = &args.out;
    if !out_dir.exists() {
        std::fs::create_dir_all(out_dir)
            .with_context(|| format!("cannot create {}", out_dir.display()))?;
    }
    let _lock = lock(out_dir)?;
    remove_stale_temp_files(out_dir);
    let dated = crate::date::resolve(args.typst.date.as_deref())?;
    if args.emit == Emit::Typ {
        return emit_sources(args, &env, &base, &pairs, dated, start);
    }
    let (typst, mut opts) = crate::config::typst(&args.typst, dated.timestamp)?;
    opts.pdf_standards = pdf_standards(&args.typst.pdf_standard);
    let fonts = fonts_hash(&opts.font_dir)?;
    let manifest_path = out_dir.join(match args.shard {
        Some(s) => parts::part_file(s),
        None => MANIFEST.to_string(),
    });
    let manifest_out = Output::at(&manifest_path, Links::Refuse)?;
    let old = Manifest::load(&manifest_path)?;
    let old_count = old.briefings.len();
    let ids: std::collections::HashSet<&str> = base.regions.iter().map(|r| r.id.as_str()).collect();
    let mut entries: BTreeMap<String, Entry> = old
        .briefings
        .into_iter()
        // Entries of regions that are gone, or (in a part) of another shard, are dropped.
        .filter(|e| ids.contains(e.region.as_str()) && in_shard(args, &e.region))
        .map(|e| (e.file.clone(), e))
        .collect();
    let shard = args.shard.map(Part::from);
    let thumbs_dir = thumbs_dir(out_dir);

    let mut refreshed = 0usize;
    let tools = format!(
        "{}\0{}\0{fonts}\0{}",
        env!("CARGO_PKG_VERSION"),
        typst.version,
        opts.pdf_standards.join(",")
    );
    let deps_base = crate::facts::digest([
        tools.as_bytes(),
        templates_digest(&env, args.typst.templates.as_deref()).as_bytes(),
        base.digest.as_bytes(),
    ]);
    let keys = Keys { tools, deps_base };
    let mut plan = plan(args, &env, &base, &pairs, &entries, &keys, dated);
    for (file, deps) in std::mem::take(&mut plan.refreshed) {
        if let Some(e) = entries.get_mut(&file) {
            e.deps_hash = deps;
            refreshed += 1;
        }
    }
    if !args.quiet {
        for (file, reason) in &plan.hollow {
            crate::say!("skipped {file}: {reason}");
        }
    }
    // Briefings kept as they are but without a thumbnail get one, whatever else is built.
    missing_thumbnails(
        args,
        &typst,
        &opts,
        out_dir,
        thumbs_dir.as_deref(),
        &plan.no_thumb,
    );
    if plan.jobs.is_empty() && plan.failed.is_empty() {
        let stale = refreshed > 0 || entries.len() != old_count;
        let manifest = Manifest {
            briefings: entries.into_values().collect(),
            shard,
        };
        if stale {
            manifest_out.write(manifest.to_json()?.as_bytes())?;
        }
        if shard.is_none() {
            parts::write_index(out_dir, &manifest)?;
        }
        println_quiet(&format!(
            "up to date: {} in {}, nothing to build ({:.1} s)",
            crate::plural(plan.skipped, "briefing"),
            out_dir.display(),
            start.elapsed().as_secs_f64()
        ));
        return Ok(0);
    }

    let total = plan.jobs.len();
    let jobs = std::mem::take(&mut plan.jobs);
    let outcomes = execute(
        args,
        &typst,
        &opts,
        out_dir,
        thumbs_dir.as_deref(),
        jobs,
        total,
    );
    let mut built = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Built { entry, .. } => {
                built.push(entry.file.clone());
                entries.insert(entry.file.clone(), *entry);
            }
            Outcome::Failed { file, error } => plan.failed.push((file, error)),
        }
    }

    // The manifest records whatever finished, even when a log or another briefing failed.
    let manifest = Manifest {
        briefings: entries.into_values().collect(),
        shard,
    };
    let mut manifest_result = manifest
        .to_json()
        .and_then(|json| manifest_out.write(json.as_bytes()));
    if manifest_result.is_ok() && shard.is_none() {
        manifest_result = parts::write_index(out_dir, &manifest);
    }
    for (file, e) in &plan.failed {
        crate::say!("failed {file}: {}", report(e).trim_start_matches("error: "));
    }
    let interrupted = crate::signals::interrupted();
    crate::say!(
        "{}built {}, skipped {}, not applicable {}, failed {} in {:.1} s (data {}, out {}){}",
        if interrupted { "interrupted: " } else { "" },
        built.len(),
        plan.skipped,
        plan.hollow.len(),
        plan.failed.len(),
        start.elapsed().as_secs_f64(),
        data.display(),
        out_dir.display(),
        if built.is_empty() || built.len() > 8 {
            String::new()
        } else {
            format!(": {}", built.join(", "))
        }
    );
    manifest_result.context("cannot write the manifest or the catalogue")?;
    Ok(if interrupted {
        130
    } else if plan.failed.is_empty() {
        0
    } else {
        1
    })
}

fn println_quiet(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// The (region, audience) pairs the arguments select, in fact-base order.
fn select<'a>(
    base: &'a FactBase,
    args: &BuildArgs,
    defined: &crate::render::Audiences,
) -> Result<Vec<(&'a Region, Audience)>> {
    let mut regions: Vec<&Region> = Vec::new();
    if args.region.is_empty() {
        regions.extend(base.regions.iter());
    } else {
        for q in &args.region {
            let r = base
                .find(q)
                .map_err(|e| hinted(e.to_string(), "run `brief regions` to list the regions"))?;
            if !regions.iter().any(|x| x.id == r.id) {
                regions.push(r);
            }
        }
    }
    regions.retain(|r| in_shard(args, &r.id));
    let audiences = if args.audience.is_empty() {
        defined.ids()
    } else {
        for a in &args.audience {
            defined.find(*a)?;
        }
        args.audience.clone()
    };
    Ok(regions
        .into_iter()
        .flat_map(|r| audiences.iter().map(move |a| (r, *a)))
        .collect())
}

/// Whether `--shard` (if any) takes the region.
fn in_shard(args: &BuildArgs, region: &str) -> bool {
    args.shard
        .is_none_or(|s| parts::shard_of(region, s.count) == s.index)
}

/// The PDF standards a build asks typst for: those given, [`DEFAULT_PDF_STANDARDS`] when none
/// are, nothing for `none`.
fn pdf_standards(given: &[String]) -> Vec<String> {
    if given.is_empty() {
        DEFAULT_PDF_STANDARDS
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else {
        given
            .iter()
            .filter(|s| s.as_str() != "none" && !s.is_empty())
            .cloned()
            .collect()
    }
}

/// `out/thumbs`, created if need be; `None` (with a warning) when it cannot be used, e.g. it
/// is a link: thumbnails are never written through one.
fn thumbs_dir(out_dir: &Path) -> Option<std::path::PathBuf> {
    let dir = out_dir.join(parts::THUMBS);
    match std::fs::symlink_metadata(&dir) {
        Ok(m) if m.is_dir() => Some(dir),
        Ok(_) => {
            crate::say!(
                "warning: {} is not a directory; no thumbnails are made",
                dir.display()
            );
            None
        }
        Err(_) => match std::fs::create_dir(&dir) {
            Ok(()) => Some(dir),
            Err(e) => {
                crate::say!(
                    "warning: cannot create {}: {e}; no thumbnails are made",
                    dir.display()
                );
                None
            }
        },
    }
}

/// Thumbnails of page 1 of `pdfs` ((file, bytes)) into `thumbs`, in one typst run. A
/// thumbnail that cannot be made is a warning (the catalogue shows none), never a failure.
fn make_thumbnails(
    typst: &Typst,
    opts: &CompileOptions,
    thumbs: Option<&Path>,
    pdfs: &[(String, Vec<u8>)],
) {
    let Some(thumbs) = thumbs else { return };
    if pdfs.is_empty() || crate::signals::interrupted() {
        return;
    }
    let names: Vec<(String, &[u8])> = pdfs
        .iter()
        .map(|(f, pdf)| (f.trim_end_matches(".pdf").to_string(), pdf.as_slice()))
        .collect();
    match typst::thumbnails(typst, &names, opts) {
        Ok(pngs) => {
            for ((name, _), png) in names.iter().zip(pngs) {
                let path = thumbs.join(format!("{name}.png"));
                if let Err(e) = Output::at(&path, Links::Refuse).and_then(|o| o.write(&png)) {
                    crate::say!(
                        "warning: thumbnail {}: {}",
                        path.display(),
                        report(&e).trim_start_matches("error: ")
                    );
                }
            }
        }
        Err(e) if e.is::<typst::Interrupted>() => {}
        Err(e) => {
            for (name, _) in &names {
                let _ = std::fs::remove_file(thumbs.join(format!("{name}.png")));
            }
            crate::say!(
                "warning: no thumbnails for {}: {}",
                crate::plural(names.len(), "briefing"),
                report(&e).trim_start_matches("error: ")
            );
        }
    }
}

/// Thumbnails for up-to-date briefings that have none (a new thumbs/ directory, or one
/// removed): made from their PDFs, a bundle at a time.
fn missing_thumbnails(
    args: &BuildArgs,
    typst: &Typst,
    opts: &CompileOptions,
    out_dir: &Path,
    thumbs: Option<&Path>,
    files: &[String],
) {
    if thumbs.is_none() || files.is_empty() {
        return;
    }
    let chunks: Vec<&[String]> = files.chunks(args.bundle_size.max(1) as usize).collect();
    crate::par::map(&chunks, jobs_n(args), |chunk| {
        let pdfs: Vec<(String, Vec<u8>)> = chunk
            .iter()
            .filter_map(|f| std::fs::read(out_dir.join(f)).ok().map(|b| (f.clone(), b)))
            .collect();
        make_thumbnails(typst, opts, thumbs, &pdfs);
    });
}

/// The build lock of `dir`, held while the returned file is open. Opened without following a
/// link and without truncating; in a shared directory whose lock file another user made, it is
/// opened for reading, which is enough to lock it.
fn lock(dir: &Path) -> Result<std::fs::File> {
    let path = dir.join(LOCK);
    let open = |write: bool| {
        let mut o = std::fs::OpenOptions::new();
        o.read(true);
        if write {
            o.write(true).create(true).truncate(false);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        o.open(&path)
    };
    let file = match open(true) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => open(false),
        other => other,
    }
    .map_err(|e| {
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            hinted(
                format!("{} is a symbolic link", path.display()),
                "brief build locks a plain file of its own there; remove the link",
            )
        } else {
            hinted(
                format!("cannot open the build lock {}: {e}", path.display()),
                format!(
                    "brief build needs to read {} (or to create it in {})",
                    path.display(),
                    dir.display()
                ),
            )
        }
    })?;
    if !file.metadata()?.is_file() {
        return Err(hinted(
            format!("{} is not a regular file", path.display()),
            "remove it; brief build keeps a plain lock file there",
        ));
    }
    match fs4::fs_std::FileExt::try_lock_exclusive(&file) {
        Ok(true) => Ok(file),
        _ => Err(hinted(
            format!("another brief build is writing to {}", dir.display()),
            format!("wait for it to finish (it holds {})", path.display()),
        )),
    }
}

/// A neutral date for the content hash: the printed date is not content.
const NEUTRAL: &str = "2000-01-01";

/// Renders every selected briefing and decides what to build.
fn plan(
    args: &BuildArgs,
    env: &crate::render::Templates,
    base: &FactBase,
    pairs: &[(&Region, Audience)],
    entries: &BTreeMap<String, Entry>,
    keys: &Keys,
    dated: Dated,
) -> Plan {
    let (tools, deps_base) = (keys.tools.as_str(), keys.deps_base.as_str());
    let neutral = Dated::parse_iso(NEUTRAL, true).expect("a valid date");
    let threads = jobs_n(args);
    let mut plan = Plan::default();
    // First, without rendering: a briefing whose input files are those it was built from is
    // up to date.
    let children = children_by_parent(base);
    let mut candidates = Vec::new();
    for (region, audience) in pairs {
        let file = format!("{}-{}.pdf", region.id, audience);
        let deps = deps_hash(deps_base, base, &children, region, *audience);
        let path = args.out.join(&file);
        let kept = |e: &Entry| {
            (!dated.forced || e.date == dated.iso())
                && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() == e.bytes)
        };
        if !args.force
            && entries
                .get(&file)
                .is_some_and(|e| e.deps_hash == deps && kept(e))
        {
            plan.skipped += 1;
            if !parts::thumb_path(&args.out, &file).is_file() {
                plan.no_thumb.push(file);
            }
        } else {
            candidates.push((*region, *audience, file, deps));
        }
    }
    let rendered = crate::par::map(&candidates, threads, |(region, audience, _, _)| {
        Rendered::new(env, base, region, *audience, neutral)
    });
    let mut to_date = Vec::new();
    for ((region, audience, file, deps), source) in candidates.into_iter().zip(rendered) {
        let source = match source {
            Rendered::Source(s) => s,
            Rendered::Hollow(reason) => {
                plan.hollow.push((file, reason));
                continue;
            }
            Rendered::Failed(e) => {
                plan.failed.push((file, e));
                continue;
            }
        };
        let mut h = Sha256::new();
        h.update(tools.as_bytes());
        h.update([0]);
        h.update(source.as_bytes());
        let input_hash = hex(&h.finalize());
        let path = args.out.join(&file);
        let up_to_date = !args.force
            && entries.get(&file).is_some_and(|e| {
                e.input_hash == input_hash
                    && (!dated.forced || e.date == dated.iso())
                    && std::fs::symlink_metadata(&path)
                        .is_ok_and(|m| m.is_file() && m.len() == e.bytes)
            });
        if up_to_date {
            // Its files changed, not what it prints: it keeps its bytes and its date.
            plan.skipped += 1;
            if !parts::thumb_path(&args.out, &file).is_file() {
                plan.no_thumb.push(file.clone());
            }
            plan.refreshed.push((file, deps));
        } else {
            to_date.push((region, audience, file, input_hash, deps));
        }
    }
    // The briefings to build are rendered again with their real date.
    let sources = crate::par::map(&to_date, threads, |(region, audience, _, _, _)| {
        let reader = env.reader(*audience)?;
        let ctx = crate::render::BriefContext::new(base, region, reader, dated.date);
        crate::render::render(env, &ctx)
    });
    for ((region, audience, file, input_hash, deps_hash), source) in
        to_date.into_iter().zip(sources)
    {
        match source {
            Ok(source) => plan.jobs.push(Job {
                region: region.id.clone(),
                region_name: region.name.clone(),
                audience,
                title: env
                    .audiences
                    .get(audience)
                    .map(|a| a.title.clone())
                    .unwrap_or_default(),
                file,
                source,
                input_hash,
                deps_hash,
                dated,
            }),
            Err(e) => plan.failed.push((file, e)),
        }
    }
    plan
}

/// What the hashes of a run start from: the tools (brief, typst, fonts, PDF standards) for the
/// content hash, and those with the templates and the shared data files for the inputs hash.
struct Keys {
    tools: String,
    deps_base: String,
}

/// A briefing's Typst source, or why it has none.
enum Rendered {
    Source(String),
    /// Nothing of its own for its reader: the reason.
    Hollow(String),
    Failed(anyhow::Error),
}

impl Rendered {
    fn new(
        env: &crate::render::Templates,
        base: &FactBase,
        region: &Region,
        audience: Audience,
        dated: Dated,
    ) -> Rendered {
        let reader = match env.reader(audience) {
            Ok(r) => r,
            Err(e) => return Rendered::Failed(e),
        };
        if let Some(reason) = crate::render::hollow(base, region, reader) {
            return Rendered::Hollow(reason);
        }
        let ctx = crate::render::BriefContext::new(base, region, reader, dated.date);
        match crate::render::render(env, &ctx) {
            Ok(source) => Rendered::Source(source),
            Err(e) => Rendered::Failed(e),
        }
    }
}

/// Each region's parts, by the id of the region they belong to.
fn children_by_parent(base: &FactBase) -> BTreeMap<&str, Vec<&Region>> {
    let mut map: BTreeMap<&str, Vec<&Region>> = BTreeMap::new();
    for r in &base.regions {
        if let Some(p) = &r.parent {
            map.entry(p.as_str()).or_default().push(r);
        }
    }
    map
}

/// What a briefing is rendered from, as a hash: the region's file, its parent's, its parts'
/// and its siblings' (a chart may compare it with them), and `deps_base` (the tools, the
/// templates, sources.yaml and the vocabulary).
fn deps_hash(
    deps_base: &str,
    base: &FactBase,
    children: &BTreeMap<&str, Vec<&Region>>,
    region: &Region,
    audience: Audience,
) -> String {
    let mut parts: Vec<&[u8]> = vec![
        deps_base.as_bytes(),
        audience.as_str().as_bytes(),
        region.id.as_bytes(),
        region.digest.as_bytes(),
    ];
    let none = Vec::new();
    let parent = region.parent.as_deref().and_then(|p| base.region(p));
    if let Some(p) = parent {
        parts.push(p.id.as_bytes());
        parts.push(p.digest.as_bytes());
    }
    let siblings = region
        .parent
        .as_deref()
        .and_then(|p| children.get(p))
        .unwrap_or(&none);
    for r in children
        .get(region.id.as_str())
        .unwrap_or(&none)
        .iter()
        .chain(siblings)
    {
        parts.push(r.id.as_bytes());
        parts.push(r.digest.as_bytes());
    }
    crate::facts::digest(parts)
}

/// The templates a build renders with: the embedded ones as overridden, and every file of the
/// override directory (a template may include one).
fn templates_digest(env: &crate::render::Templates, dir: Option<&Path>) -> String {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for (name, _) in crate::render::EMBEDDED {
        parts.push(name.as_bytes().to_vec());
        if let Ok(t) = env.env.get_template(name) {
            parts.push(t.source().as_bytes().to_vec());
        }
    }
    parts.push(crate::render::audiences::BUILTIN.as_bytes().to_vec());
    if let Some(dir) = dir {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            parts.push(f.as_os_str().as_encoded_bytes().to_vec());
            // Only what the template loader reads: regular files, no more than it would.
            parts
                .push(crate::output::read_regular(&f, 16 << 20, Links::Follow).unwrap_or_default());
        }
    }
    crate::facts::digest(parts.iter().map(Vec::as_slice))
}

fn jobs_n(args: &BuildArgs) -> usize {
    args.jobs.unwrap_or_else(crate::par::threads).max(1)
}

/// Builds the jobs: bundles of at most `--bundle-size` briefings (one each with
/// `--no-bundle`), `-j` typst runs at a time. A failed bundle falls back to one run per
/// briefing for that bundle only.
fn execute(
    args: &BuildArgs,
    typst: &Typst,
    opts: &CompileOptions,
    out_dir: &Path,
    thumbs: Option<&Path>,
    jobs: Vec<Job>,
    total: usize,
) -> Vec<Outcome> {
    let size = if args.no_bundle {
        1
    } else {
        args.bundle_size.max(1) as usize
    };
    let mut chunks: Vec<Vec<Job>> = Vec::new();
    let mut jobs = jobs.into_iter().peekable();
    while jobs.peek().is_some() {
        chunks.push(jobs.by_ref().take(size).collect());
    }
    let queue = Arc::new(Mutex::new(chunks.into_iter()));
    let (tx, rx) = mpsc::channel();
    let workers: Vec<_> = (0..jobs_n(args).min(total.max(1)))
        .map(|_| {
            let queue = queue.clone();
            let tx = tx.clone();
            let typst = typst.clone();
            let opts = opts.clone();
            let out_dir = out_dir.to_path_buf();
            let thumbs = thumbs.map(Path::to_path_buf);
            std::thread::spawn(move || loop {
                if crate::signals::interrupted() {
                    break;
                }
                let Some(chunk) = queue.lock().unwrap_or_else(|e| e.into_inner()).next() else {
                    break;
                };
                let (outcomes, pdfs) = build_chunk(&typst, &opts, &out_dir, chunk);
                for o in outcomes {
                    let _ = tx.send(o);
                }
                make_thumbnails(&typst, &opts, thumbs.as_deref(), &pdfs);
            })
        })
        .collect();
    drop(tx);

    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
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
                None if !args.quiet => crate::say!("{line}"),
                None => {}
            }
            for w in warnings {
                crate::say!("warning: {}: {w}", entry.file);
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
        outcomes.push(o);
    }
    for w in workers {
        let _ = w.join();
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    outcomes
}

/// One chunk: a bundle run when it has several briefings, else (or when the bundle fails) one
/// run per briefing.
fn build_chunk(
    typst: &Typst,
    opts: &CompileOptions,
    out_dir: &Path,
    chunk: Vec<Job>,
) -> (Vec<Outcome>, Vec<(String, Vec<u8>)>) {
    let mut pdfs = Vec::new();
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
                    .map(|(job, pdf)| {
                        finish(typst, out_dir, job, pdf, took, warnings.clone(), &mut built)
                    })
                    .collect();
                return (outcomes, built);
            }
            Err(e) if e.is::<typst::Interrupted>() => return (Vec::new(), Vec::new()),
            Err(e) => crate::say!(
                "warning: a bundle of {} failed, building them one by one: {}",
                crate::plural(chunk.len(), "briefing"),
                report(&e).trim_start_matches("error: ")
            ),
        }
    }
    let mut outcomes = Vec::new();
    for job in chunk {
        if crate::signals::interrupted() {
            break;
        }
        let started = Instant::now();
        let mut job_opts = opts.clone();
        job_opts.creation_timestamp = job.dated.timestamp;
        match typst::compile(typst, &job.source, &job_opts) {
            Ok(c) => outcomes.push(finish(
                typst,
                out_dir,
                job,
                c.pdf,
                started.elapsed(),
                c.warnings,
                &mut pdfs,
            )),
            Err(e) if e.is::<typst::Interrupted>() => break,
            Err(error) => {
                // The failed source is kept as <briefing>.failed.typ, replaced on each failing
                // run (a nightly build must not pile them up) and removed once it builds.
                let kept = out_dir.join(job.file.replace(".pdf", ".failed.typ"));
                let error = match Output::at(&kept, Links::Refuse)
                    .and_then(|o| o.write(job.source.as_bytes()))
                {
                    Ok(()) => crate::error::add_hint(
                        error,
                        format!(
                            "<stdin> in the messages is the generated source, kept at {}",
                            kept.display()
                        ),
                    ),
                    Err(_) => error,
                };
                outcomes.push(Outcome::Failed {
                    file: job.file,
                    error,
                });
            }
        }
    }
    (outcomes, pdfs)
}

/// Writes a finished PDF into place (never through a link in the output directory) and makes
/// its manifest entry.
fn finish(
    typst: &Typst,
    out_dir: &Path,
    job: Job,
    pdf: Vec<u8>,
    took: Duration,
    warnings: Vec<String>,
    written_pdfs: &mut Vec<(String, Vec<u8>)>,
) -> Outcome {
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
    let sha256 = hex(&Sha256::digest(&pdf));
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
            typst_version: typst.version.clone(),
            brief_version: env!("CARGO_PKG_VERSION").to_string(),
        }),
        took,
        warnings,
    }
}

/// `brief build --emit typ`: the Typst source of every selected briefing, no typst run.
fn emit_sources(
    args: &BuildArgs,
    env: &crate::render::Templates,
    base: &FactBase,
    pairs: &[(&Region, Audience)],
    dated: Dated,
    start: Instant,
) -> Result<i32> {
    let sources = crate::par::map(pairs, jobs_n(args), |(region, audience)| {
        Rendered::new(env, base, region, *audience, dated)
    });
    let (mut written, mut hollow, mut failed) = (0usize, 0usize, 0usize);
    for ((region, audience), source) in pairs.iter().zip(sources) {
        let file = format!("{}-{}.typ", region.id, audience);
        let result = match source {
            Rendered::Source(source) => Output::at(&args.out.join(&file), Links::Refuse)
                .and_then(|o| o.write(source.as_bytes())),
            Rendered::Hollow(reason) => {
                if !args.quiet {
                    crate::say!("skipped {file}: {reason}");
                }
                hollow += 1;
                continue;
            }
            Rendered::Failed(e) => Err(e),
        };
        match result {
            Ok(()) => written += 1,
            Err(e) => {
                crate::say!(
                    "failed {file}: {}",
                    report(&e).trim_start_matches("error: ")
                );
                failed += 1;
            }
        }
    }
    crate::say!(
        "wrote {written} Typst sources, not applicable {hollow}, failed {failed} in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(if failed == 0 { 0 } else { 1 })
}

/// brief's own temporary files that a killed run left behind (`.brief-XXXXXX.tmp`), over an
/// hour old: a single `brief -o out/x.pdf` running beside this build (it takes no lock) may own
/// a fresh one. Nothing else is touched, and no link is followed.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !is_brief_temp(&name) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if !old {
            continue;
        }
        if meta.is_dir() {
            let _ = std::fs::remove_dir_all(e.path());
        } else {
            let _ = std::fs::remove_file(e.path());
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
