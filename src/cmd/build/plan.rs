//! Which briefings a build selects, and which of them it must build: the hashes of their
//! input files and of their content, compared with the manifest.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result};
use sha2::{Digest, Sha256};

use super::Context;
use crate::catalogue::thumb_path;
use crate::config::Build;
use crate::date::Dated;
use crate::error::hinted;
use crate::facts::{digest, Audience, FactBase, Region};
use crate::input::{self, Links, MAX_TEMPLATE};
use crate::manifest::Entry;
use crate::par;
use crate::render::{self, audiences, Audiences, BriefContext, Templates, EMBEDDED};
use crate::typst::{fonts, standard};

/// One briefing to build.
pub(super) struct Job {
    pub region: String,
    pub region_name: String,
    pub audience: Audience,
    pub title: String,
    pub file: String,
    pub source: String,
    pub input_hash: String,
    pub deps_hash: String,
    pub dated: Dated,
}

/// What a run found to do.
#[derive(Default)]
pub(super) struct Plan {
    pub jobs: Vec<Job>,
    pub skipped: usize,
    /// Briefings with nothing of their own for their reader: (file, reason).
    pub hollow: Vec<(String, String)>,
    pub failed: Vec<(String, anyhow::Error)>,
    /// Up-to-date briefings without a thumbnail.
    pub no_thumb: Vec<String>,
    /// Briefings rendered and found unchanged whose input files changed: (file, deps hash).
    pub refreshed: Vec<(String, String)>,
}

/// The (region, audience) pairs the settings select, in fact-base order.
pub(super) fn select<'a>(
    base: &'a FactBase,
    settings: &Build,
    defined: &Audiences,
) -> Result<Vec<(&'a Region, Audience)>> {
    let mut regions: Vec<&Region> = Vec::new();
    if settings.regions.is_empty() {
        regions.extend(base.regions.iter());
    } else {
        for q in &settings.regions {
            let r = base
                .find(q)
                .map_err(|e| hinted(e.to_string(), "run `brief regions` to list the regions"))?;
            if !regions.iter().any(|x| x.id == r.id) {
                regions.push(r);
            }
        }
    }
    regions.retain(|r| settings.takes(&r.id));
    let audiences = if settings.audiences.is_empty() {
        defined.ids()
    } else {
        for a in &settings.audiences {
            defined.find(*a)?;
        }
        settings.audiences.clone()
    };
    Ok(regions
        .into_iter()
        .flat_map(|r| audiences.iter().map(move |a| (r, *a)))
        .collect())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The largest font file brief hashes; typst's own limit is far below.
const MAX_FONT: u64 = 1 << 30;

/// A hash of the font files, which typst reads besides the source: their names and contents
/// (not their times, which a fresh checkout or another machine changes). SHA-256 reads the
/// bundled 14 MB in a few milliseconds.
pub(super) fn fonts_hash(dir: &Path, threads: usize) -> Result<String> {
    std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut files = Vec::new();
    fonts::font_files(dir, 0, &mut files);
    let sums = par::map(&files, threads, |f| -> Result<String> {
        let bytes = input::read(f, MAX_FONT, Links::Follow)?;
        Ok(hex(&Sha256::digest(&bytes)))
    });
    let mut h = Sha256::new();
    for (f, sum) in files.iter().zip(sums) {
        h.update(
            f.strip_prefix(dir)
                .unwrap_or(f)
                .as_os_str()
                .as_encoded_bytes(),
        );
        h.update(format!(":{};", sum?).as_bytes());
    }
    Ok(hex(&h.finalize()))
}

/// A briefing's Typst source, or why it has none.
pub(super) enum Rendered {
    Source(String),
    /// Nothing of its own for its reader: the reason.
    Hollow(String),
    Failed(anyhow::Error),
}

impl Rendered {
    pub fn new(
        templates: &Templates,
        base: &FactBase,
        region: &Region,
        audience: Audience,
        dated: Dated,
    ) -> Rendered {
        let reader = match templates.reader(audience) {
            Ok(r) => r,
            Err(e) => return Rendered::Failed(e),
        };
        if let Some(reason) = render::hollow(base, region, reader, Some(i64::from(dated.date.year)))
        {
            return Rendered::Hollow(reason);
        }
        let ctx = BriefContext::new(base, region, reader, dated.date);
        match render::render(templates, &ctx) {
            Ok(source) => Rendered::Source(source),
            Err(e) => Rendered::Failed(e),
        }
    }
}

/// What decides a build: the settings, templates, fact base, the manifest's entries, and the
/// hashes every briefing's start from.
pub(super) struct Planner<'a> {
    settings: &'a Build,
    templates: &'a Templates,
    base: &'a FactBase,
    entries: &'a BTreeMap<String, Entry>,
    /// The tools (brief, typst, fonts, PDF standards), for the content hash.
    tools: String,
    /// The tools, the templates and the shared data files, for the inputs hash.
    deps_base: String,
    dated: Dated,
}

/// A briefing past the first test, with the hash of its input files.
type Candidate<'a> = (&'a Region, Audience, String, String);

impl<'a> Planner<'a> {
    pub fn new(
        ctx: &Context<'a>,
        templates: &'a Templates,
        base: &'a FactBase,
        entries: &'a BTreeMap<String, Entry>,
        fonts: &str,
        dated: Dated,
    ) -> Planner<'a> {
        let tools = format!(
            "{}\0{}\0{fonts}\0{}",
            env!("CARGO_PKG_VERSION"),
            ctx.typst.version,
            standard::joined(&ctx.opts.pdf_standards)
        );
        // What a briefing says depends on its year (a goal whose year is over is left out or
        // said as set): a new year renders every briefing again.
        let year = dated.date.year.to_string();
        let deps_base = digest([
            year.as_bytes(),
            tools.as_bytes(),
            templates_digest(templates, ctx.settings.tools.templates.as_deref()).as_bytes(),
            base.digest.as_bytes(),
        ]);
        Planner {
            settings: ctx.settings,
            templates,
            base,
            entries,
            tools,
            deps_base,
            dated,
        }
    }

    /// Whether the recorded briefing `file` is still what is at `path` and carries the date
    /// asked for.
    fn kept(&self, e: &Entry) -> bool {
        let path = self.settings.out.join(&e.file);
        (!self.dated.forced || e.date == self.dated.iso())
            && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() == e.bytes)
    }

    /// Renders every selected briefing that may have changed, once, and decides what to
    /// build. The date reaches typst as an input, so the source is the briefing's content:
    /// its hash is compared with the manifest's, and the same source is compiled.
    pub fn plan(&self, pairs: &[(&'a Region, Audience)]) -> Plan {
        let mut plan = Plan::default();
        let candidates = self.unchanged_inputs(pairs, &mut plan);
        let rendered = par::map(
            &candidates,
            self.settings.jobs,
            |(region, audience, _, _)| {
                Rendered::new(self.templates, self.base, region, *audience, self.dated)
            },
        );
        for ((region, audience, file, deps), source) in candidates.into_iter().zip(rendered) {
            let source = match source {
                Rendered::Source(s) => match crate::typst::check_size(&s, &file, &region.file) {
                    Ok(()) => s,
                    Err(e) => {
                        plan.failed.push((file, e));
                        continue;
                    }
                },
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
            h.update(self.tools.as_bytes());
            h.update([0]);
            h.update(source.as_bytes());
            let input_hash = hex(&h.finalize());
            let up_to_date = !self.settings.force
                && self
                    .entries
                    .get(&file)
                    .is_some_and(|e| e.input_hash == input_hash && self.kept(e));
            if up_to_date {
                // Its files changed, not what it prints: it keeps its bytes and its date.
                self.skip(&mut plan, file.clone());
                plan.refreshed.push((file, deps));
                continue;
            }
            plan.jobs.push(Job {
                region: region.id.clone(),
                region_name: region.name.clone(),
                audience,
                title: self
                    .templates
                    .audiences
                    .get(audience)
                    .map(|a| a.title.clone())
                    .unwrap_or_default(),
                file,
                source,
                input_hash,
                deps_hash: deps,
                dated: self.dated,
            });
        }
        plan
    }

    fn skip(&self, plan: &mut Plan, file: String) {
        plan.skipped += 1;
        // No thumbnail, or one not made from the PDF recorded (one that could not be replaced
        // when the PDF was rebuilt): make it again.
        let sha = self.entries.get(&file).map_or("", |e| e.sha256.as_str());
        if !crate::thumbmark::shows(&thumb_path(&self.settings.out, &file), sha) {
            plan.no_thumb.push(file);
        }
    }

    /// First, without rendering: a briefing whose input files are those it was built from is
    /// up to date. Returns the others.
    fn unchanged_inputs(
        &self,
        pairs: &[(&'a Region, Audience)],
        plan: &mut Plan,
    ) -> Vec<Candidate<'a>> {
        let children = children_by_parent(self.base);
        let mut candidates = Vec::new();
        for (region, audience) in pairs {
            let file = Entry::file_of(&region.id, *audience);
            let deps = deps_hash(&self.deps_base, self.base, &children, region, *audience);
            if !self.settings.force
                && self
                    .entries
                    .get(&file)
                    .is_some_and(|e| e.deps_hash == deps && self.kept(e))
            {
                self.skip(plan, file);
            } else {
                candidates.push((*region, *audience, file, deps));
            }
        }
        candidates
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
    digest(parts)
}

/// The templates a build renders with: the embedded ones as overridden, and every file of the
/// override directory and its subdirectories (a template may include one), read as the
/// template loader reads them.
fn templates_digest(templates: &Templates, dir: Option<&Path>) -> String {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for (name, _) in EMBEDDED {
        parts.push(name.as_bytes().to_vec());
        if let Ok(t) = templates.env.get_template(name) {
            parts.push(t.source().as_bytes().to_vec());
        }
    }
    parts.push(audiences::BUILTIN.as_bytes().to_vec());
    if let Some(dir) = dir {
        let mut files = Vec::new();
        let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        files_below(&root, dir, 0, &mut files);
        for f in files {
            parts.push(f.as_os_str().as_encoded_bytes().to_vec());
            parts.push(input::read(&f, MAX_TEMPLATE, Links::Within(dir)).unwrap_or_default());
        }
    }
    digest(parts.iter().map(Vec::as_slice))
}

/// How deep below the templates directory, and how many of its files, are hashed: more than
/// any set of templates has.
const MAX_DEPTH: usize = 8;
const MAX_FILES: usize = 10_000;

/// The files below `dir`, sorted; subdirectories followed a few levels deep, a link to one only
/// while it stays inside `root` (as the template loader reads).
fn files_below(root: &Path, dir: &Path, depth: usize, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        if out.len() >= MAX_FILES {
            return;
        }
        if path.is_dir() {
            let inside = std::fs::canonicalize(&path).is_ok_and(|p| p.starts_with(root));
            if inside && depth < MAX_DEPTH {
                files_below(root, &path, depth + 1, out);
            }
        } else {
            out.push(path);
        }
    }
}
