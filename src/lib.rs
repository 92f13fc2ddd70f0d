//! brief: typeset Chinese PDF briefings (简报) about regions, from a YAML fact base.
//!
//! Data flows one way: [`facts`] (the validated fact base) → [`render`] (minijinja templates
//! producing Typst source) → [`typst`] (the typst CLI producing a PDF) → files, one at a time
//! or all at once with [`build`].

pub mod article;
pub mod build;
pub mod cli;
pub mod facts;
mod par;
pub mod render;
pub mod typst;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{anyhow, bail, Context as _, Result};

use cli::{Cli, Command, Emit, Format, RenderArgs, TypstArgs};
use facts::{Audience, FactBase, Region};
use render::{BriefContext, BriefDate};

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Some(Command::Check { data }) => check(&resolve(&data.data)),
        Some(Command::Regions { data, format }) => regions(&resolve(&data.data), format),
        Some(Command::Build(args)) => build::run(&args),
        Some(Command::Verify(args)) => article::cli::verify(&args),
        Some(Command::Extract(args)) => article::cli::extract(&args),
        None => render_one(&cli.render),
    }
}

/// A relative default (`data`, `fonts`) that is missing from the working directory falls back
/// to the one beside the crate, so that tests and `cargo run` work from any directory.
pub fn resolve(path: &Path) -> PathBuf {
    if path.is_relative() && !path.exists() {
        let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        if beside.exists() && matches!(path.to_str(), Some("data" | "fonts")) {
            return beside;
        }
    }
    path.to_path_buf()
}

fn check(dir: &Path) -> Result<i32> {
    let (base, problems) = facts::load_unchecked(dir);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!(
            "error: {} problem{} in {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            dir.display()
        );
        return Ok(1);
    }
    let base = base.expect("a fact base without problems");
    let facts: usize = base.regions.iter().map(|r| r.facts.len()).sum();
    println!(
        "ok: {} regions, {} facts, {} sources in {}",
        base.regions.len(),
        facts,
        base.sources.len(),
        dir.display()
    );
    Ok(0)
}

fn regions(dir: &Path, format: Format) -> Result<i32> {
    let base = FactBase::load(dir)?;
    match format {
        Format::Json => {
            let list: Vec<_> = base
                .regions
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "name": r.name,
                        "short": r.short,
                        "level": r.level.as_str(),
                        "parent": r.parent,
                        "province": r.province,
                        "aliases": r.aliases,
                        "facts": r.facts.len(),
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        }
        Format::Text => {
            println!(
                "{:<12} {:<14} {:<10} {:<6} {:<12} {:>5}",
                "id", "name", "short", "level", "parent", "facts"
            );
            for r in &base.regions {
                let parent = r
                    .parent
                    .clone()
                    .or_else(|| r.province.clone())
                    .unwrap_or_default();
                println!(
                    "{:<12} {} {} {} {:<12} {:>5}",
                    r.id,
                    pad(&r.name, 14),
                    pad(&r.short, 10),
                    pad(r.level.as_str(), 6),
                    parent,
                    r.facts.len()
                );
            }
        }
    }
    Ok(0)
}

/// Pads to a display width, counting a CJK character as two columns.
fn pad(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// The generation date: `--date`, else `SOURCE_DATE_EPOCH`, else today. Also returns the
/// PDF creation timestamp that goes with it.
pub fn brief_date(arg: Option<&str>) -> Result<(BriefDate, i64)> {
    if let Some(s) = arg {
        let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
            anyhow!(
                "--date {s:?} is not a date: {e}\nhint: write it as YYYY-MM-DD, e.g. 2026-11-22"
            )
        })?;
        let ts = d
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc()
            .timestamp();
        return Ok((BriefDate::from_naive(d), ts));
    }
    if let Ok(s) = std::env::var("SOURCE_DATE_EPOCH") {
        let ts: i64 = s
            .trim()
            .parse()
            .map_err(|_| anyhow!("SOURCE_DATE_EPOCH={s:?} is not a number of seconds"))?;
        let dt = chrono::DateTime::from_timestamp(ts, 0)
            .ok_or_else(|| anyhow!("SOURCE_DATE_EPOCH={s} is out of range"))?;
        return Ok((BriefDate::from_naive(dt.date_naive()), ts));
    }
    let now = chrono::Local::now();
    Ok((BriefDate::from_naive(now.date_naive()), now.timestamp()))
}

/// Renders the Typst source of one briefing.
pub fn typst_source(
    base: &FactBase,
    region: &Region,
    audience: Audience,
    templates: Option<&Path>,
    date: BriefDate,
) -> Result<String> {
    let env = render::environment(templates)?;
    let ctx = BriefContext::new(base, region, audience, date);
    render::render(&env, &ctx)
}

pub fn compile_options(args: &TypstArgs, creation_timestamp: i64) -> Result<typst::CompileOptions> {
    let font_dir = resolve(&args.fonts);
    if !font_dir.is_dir() {
        bail!(
            "font directory {} not found\nhint: run brief from the project directory, or pass --fonts DIR",
            font_dir.display()
        );
    }
    Ok(typst::CompileOptions {
        font_dir,
        creation_timestamp,
        timeout: Duration::from_secs(args.timeout.max(1)),
    })
}

fn render_one(args: &RenderArgs) -> Result<i32> {
    let (Some(query), Some(audience)) = (&args.region, args.audience) else {
        bail!(
            "--region and --audience are required\nhint: brief --region 芦溪 --audience investor"
        );
    };
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    if let Some(out) = args.output.as_deref().filter(|_| !to_stdout) {
        check_output_path(out)?;
    }
    let (date, ts) = brief_date(args.typst.date.as_deref())?;
    // For a PDF, typst starts first and finds its fonts while brief reads the facts. (Unless
    // out/ is still to be made: a failed run must not leave a directory behind.)
    let mut stdout_pdf = PathBuf::new();
    let mut pipeline = None;
    if args.emit == Emit::Pdf {
        let typst = typst::find(args.typst.typst.as_deref(), args.typst.offline)?;
        let opts = compile_options(&args.typst, ts)?;
        let target = match &args.output {
            Some(p) if !to_stdout => Some(p.clone()),
            // For stdout, a file of our own in the temp directory (removed once streamed); a
            // failed run keeps the source beside it, where the message says.
            Some(_) => {
                stdout_pdf = std::env::temp_dir().join(format!("brief-{}.pdf", std::process::id()));
                Some(stdout_pdf.clone())
            }
            // The file name needs the region's id; the directory is known.
            None => Path::new("out")
                .is_dir()
                .then(|| PathBuf::from("out/briefing.pdf")),
        };
        let run = match &target {
            Some(t) => Some(typst::Running::start(&typst, t, &opts, false)?),
            None => None,
        };
        pipeline = Some((typst, opts, run, target));
    }

    let base = FactBase::load(&resolve(&args.data.data))?;
    let region = base
        .find(query)
        .map_err(|e| anyhow!("{e}\nhint: run `brief regions` to list the regions"))?;
    let source = typst_source(
        &base,
        region,
        audience,
        args.typst.templates.as_deref(),
        date,
    )?;

    let ext = match args.emit {
        Emit::Pdf => "pdf",
        Emit::Typ => "typ",
    };
    let out = match &args.output {
        Some(p) if !to_stdout => p.clone(),
        _ => {
            let dir = PathBuf::from("out");
            if !to_stdout {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            dir.join(format!("{}-{}.{ext}", region.id, audience))
        }
    };
    if !to_stdout {
        check_output_path(&out)?;
    }

    let Some((typst, opts, run, target)) = pipeline else {
        if to_stdout {
            std::io::stdout().write_all(source.as_bytes())?;
        } else {
            write_atomic(&out, source.as_bytes())?;
        }
        return Ok(0);
    };
    let target = match (&args.output, target) {
        (None, _) | (_, None) => out.clone(),
        (Some(_), Some(t)) => t,
    };
    let compiled = match run {
        Some(mut run) => {
            run.set_output(&target);
            match run.fits(&source)? {
                Some(warnings) => {
                    let mut c = run.finish(&source)?;
                    c.warnings.splice(0..0, warnings);
                    c
                }
                None => {
                    // The text needs installed fonts: start again without --ignore-system-fonts.
                    drop(run);
                    typst::compile(&typst, &source, &target, &opts)?
                }
            }
        }
        None => typst::compile(&typst, &source, &target, &opts)?,
    };
    for w in &compiled.warnings {
        eprintln!("warning: {w}");
    }
    if to_stdout {
        let bytes = std::fs::read(&target);
        let _ = std::fs::remove_file(&stdout_pdf);
        std::io::stdout().write_all(&bytes?)?;
    } else {
        eprintln!("wrote {}", out.display());
    }
    Ok(0)
}

/// Refuses an output path that cannot be written, before any work is done.
fn check_output_path(out: &Path) -> Result<()> {
    if out.is_dir() {
        bail!(
            "output {} is a directory\nhint: give a file name, e.g. -o {}/briefing.pdf",
            out.display(),
            out.display()
        );
    }
    let parent = parent_dir(out);
    if !parent.is_dir() {
        bail!(
            "the directory {} does not exist\nhint: create it first (mkdir -p {}) or choose another -o",
            parent.display(),
            parent.display()
        );
    }
    Ok(())
}

/// The directory a file lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Where writing to `path` really goes: a symbolic link is followed, so that the link stays a
/// link and its target gets the new file.
pub fn real_target(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) => path = parent_dir(&path).join(target),
            Err(_) => break,
        }
    }
    path
}

/// An existing file that is neither regular nor a directory (a device such as /dev/null, a
/// FIFO): it is written in place, since renaming over it would replace it.
pub fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Writes a file through a temp file and a rename: the target is whole or untouched. The new
/// file is readable by all (0644), like one written by any other tool.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let path = real_target(path);
    if is_special(&path) {
        return std::fs::write(&path, bytes)
            .with_context(|| format!("cannot write {}", path.display()));
    }
    let dir = parent_dir(&path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".brief-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)?;
    make_readable(tmp.path());
    tmp.persist(&path)
        .map_err(|e| anyhow!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

/// Gives a freshly made temp file (0600) the mode of an ordinary new file.
pub fn make_readable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Prints an error the way the rest of brief speaks: `error:` then the causes, hints last.
pub fn report(err: &anyhow::Error) -> String {
    let text = format!("{err:#}");
    let mut main = Vec::new();
    let mut hints = Vec::new();
    // Hints of the whole error go last; a hint indented under a diagnostic stays with it.
    for line in text.lines() {
        match line.strip_prefix("hint:") {
            Some(h) => hints.push(format!("hint:{h}")),
            None => main.push(line.to_string()),
        }
    }
    let mut out = format!("error: {}", main.join("\n"));
    for h in hints {
        out.push('\n');
        out.push_str(&h);
    }
    out
}
