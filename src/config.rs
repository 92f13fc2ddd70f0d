//! Settings resolved before any work: the command line (clap's types in [`crate::cli`]) turned
//! once into what each command reads — directories checked, the date decided, PDF standards
//! typed, limits clamped — so that no command re-derives a setting while it works. Nothing is
//! guessed from where brief was built: a relative directory is relative to the working
//! directory, and a missing one is an error that says which was looked for.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::cli::{BuildArgs, Emit, PdfChoice, RenderArgs, TypstArgs};
use crate::date::{self, Dated};
use crate::error::{hinted, usage};
use crate::facts::{Audience, FactBase};
use crate::manifest::Shard;
use crate::par;
use crate::typst::{self, standard, CompileOptions, PdfStandard, Typst};

/// `dir`, checked to be a directory; `what` names it in the error, `hint` says what to do.
fn existing(dir: &Path, what: &str, hint: &str) -> Result<PathBuf> {
    if !dir.is_dir() {
        return Err(hinted(
            format!("{what} directory {} not found", dir.display()),
            hint,
        ));
    }
    Ok(dir.to_path_buf())
}

/// The fact base directory `dir`, checked to exist.
pub fn data_dir(dir: &Path) -> Result<PathBuf> {
    existing(
        dir,
        "fact base",
        "run brief where data/ is, or pass --data DIR (or set BRIEF_DATA)",
    )
}

/// Loads and validates the fact base in `dir`.
pub fn load_facts(dir: &Path) -> Result<FactBase> {
    Ok(FactBase::load(&data_dir(dir)?)?)
}

/// The font directory, checked to exist and to hold no FIFO, device or socket: typst reads
/// every file of it, and such a file would block it or never end.
pub fn font_dir(dir: &Path) -> Result<PathBuf> {
    let dir = existing(
        dir,
        "font",
        "--fonts (or BRIEF_FONTS) names a directory of font files; without it brief uses the fonts built into it",
    )?;
    if let Some(odd) = special_file_in(&dir, 0) {
        return Err(hinted(
            format!(
                "{} in the font directory is not a regular file",
                odd.display()
            ),
            "the font directory holds font files only; remove it",
        ));
    }
    Ok(dir)
}

/// The first entry below `dir` (a few levels deep) that is neither a regular file nor a
/// directory, links followed.
fn special_file_in(dir: &Path, depth: usize) -> Option<PathBuf> {
    let rd = std::fs::read_dir(dir).ok()?;
    for e in rd.flatten() {
        let path = e.path();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() && depth < 4 => {
                if let Some(p) = special_file_in(&path, depth + 1) {
                    return Some(p);
                }
            }
            Ok(m) if !m.is_file() && !m.is_dir() => return Some(path),
            _ => {}
        }
    }
    None
}

/// The PDF standards asked for: those given, `default` when none are, none at all for
/// `none` (a plain PDF). `none` beside a standard contradicts itself: a usage error.
pub fn pdf_standards(given: &[PdfChoice], default: &[PdfStandard]) -> Result<Vec<PdfStandard>> {
    if given.is_empty() {
        return Ok(default.to_vec());
    }
    let mut standards: Vec<PdfStandard> = Vec::new();
    for choice in given {
        if let PdfChoice::Standard(s) = choice {
            if !standards.contains(s) {
                standards.push(*s);
            }
        }
    }
    if given.contains(&PdfChoice::None) && !standards.is_empty() {
        return Err(usage(hinted(
            format!(
                "--pdf-standard none asks for a plain PDF, but {} is asked for too",
                standard::joined(&standards)
            ),
            "give `none` alone, or the standards alone",
        )));
    }
    Ok(standards)
}

/// How typst runs and what it is given: resolved from [`TypstArgs`] before any work.
#[derive(Debug, Clone)]
pub struct Tools {
    pub templates: Option<PathBuf>,
    /// `--min-figures`: the figures of its own a region needs for a briefing to be issued,
    /// for every audience (none: each audience's own).
    pub min_figures: Option<usize>,
    typst: Option<PathBuf>,
    offline: bool,
    /// `--fonts`: none for the fonts built into brief.
    fonts: Option<PathBuf>,
    pub dated: Dated,
    pub pdf_standards: Vec<PdfStandard>,
    pub timeout: Duration,
}

impl Tools {
    fn resolve(args: &TypstArgs, default_standards: &[PdfStandard]) -> Result<Tools> {
        Ok(Tools {
            templates: args.templates.clone(),
            min_figures: args.min_figures,
            typst: args.typst.clone(),
            offline: args.offline,
            fonts: args.fonts.clone(),
            dated: date::resolve(args.date.as_deref())?,
            pdf_standards: pdf_standards(&args.pdf_standard, default_standards)?,
            timeout: Duration::from_secs(args.timeout.max(1)),
        })
    }

    /// The font directory `--fonts` names, if any.
    pub fn font_override(&self) -> Option<&Path> {
        self.fonts.as_deref()
    }

    /// The templates and audiences, with `--min-figures` applied.
    pub fn templates(&self) -> Result<crate::render::Templates> {
        Ok(crate::render::environment(self.templates.as_deref())?
            .with_min_figures(self.min_figures))
    }

    /// How typst compiles: the font directory checked, the date's timestamp, the standards.
    pub fn compile_options(&self) -> Result<CompileOptions> {
        Ok(CompileOptions {
            font_dir: match &self.fonts {
                Some(dir) => font_dir(dir)?,
                None => typst::bundled::fonts()?,
            },
            creation_timestamp: self.dated.timestamp,
            timeout: self.timeout,
            pdf_standards: self.pdf_standards.clone(),
            temp_dir: None,
        })
    }

    /// typst, found (or installed), and how it compiles.
    pub fn typst(&self) -> Result<(Typst, CompileOptions)> {
        let opts = self.compile_options()?;
        let typst = typst::find(self.typst.as_deref(), self.offline)?;
        Ok((typst, opts))
    }
}

/// `brief --region … --audience …`, resolved.
#[derive(Debug, Clone)]
pub struct Render {
    pub region: String,
    pub audience: Audience,
    pub output: Option<PathBuf>,
    pub emit: Emit,
    pub data: PathBuf,
    pub tools: Tools,
}

impl Render {
    pub fn resolve(args: &RenderArgs) -> Result<Render> {
        let (Some(region), Some(audience)) = (&args.region, args.audience) else {
            return Err(usage(hinted(
                "--region and --audience are required",
                "brief --region 芦溪 --audience investor",
            )));
        };
        Ok(Render {
            region: region.clone(),
            audience,
            output: args.output.clone(),
            emit: args.emit,
            data: args.data.data.clone(),
            // A single briefing is a plain PDF unless standards are asked for.
            tools: Tools::resolve(&args.typst, &[])?,
        })
    }
}

/// `brief build`, resolved.
#[derive(Debug, Clone)]
pub struct Build {
    pub regions: Vec<String>,
    pub audiences: Vec<Audience>,
    pub out: PathBuf,
    /// typst runs at once.
    pub jobs: usize,
    pub force: bool,
    /// Briefings per typst run: 1 with `--no-bundle`.
    pub bundle: usize,
    /// Briefings per thumbnail run.
    pub thumbs_bundle: usize,
    pub emit: Emit,
    pub shard: Option<Shard>,
    pub quiet: bool,
    pub data: PathBuf,
    pub tools: Tools,
}

impl Build {
    pub fn resolve(args: &BuildArgs) -> Result<Build> {
        let bundle = (args.bundle_size.max(1)) as usize;
        Ok(Build {
            regions: args.region.clone(),
            audiences: args.audience.clone(),
            out: args.out.clone(),
            jobs: args.jobs.unwrap_or_else(par::threads).max(1),
            force: args.force,
            bundle: if args.no_bundle { 1 } else { bundle },
            thumbs_bundle: bundle,
            emit: args.emit,
            shard: args.shard,
            quiet: args.quiet,
            data: args.data.data.clone(),
            tools: Tools::resolve(&args.typst, &standard::BUILD_DEFAULT)?,
        })
    }

    /// Whether `--shard` (if any) takes the region.
    pub fn takes(&self, region: &str) -> bool {
        self.shard.is_none_or(|s| s.holds(region))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_is_a_plain_pdf_and_alone() {
        let a2b = PdfChoice::Standard(PdfStandard::A2b);
        assert_eq!(
            pdf_standards(&[], &standard::BUILD_DEFAULT).unwrap(),
            standard::BUILD_DEFAULT.to_vec()
        );
        assert!(pdf_standards(&[PdfChoice::None], &standard::BUILD_DEFAULT)
            .unwrap()
            .is_empty());
        assert_eq!(
            pdf_standards(&[a2b, a2b], &[]).unwrap(),
            vec![PdfStandard::A2b]
        );
        assert!(pdf_standards(&[PdfChoice::None, a2b], &[]).is_err());
    }
}
