//! Settings resolved before any work: the fact base and font directories, typst and how to run
//! it. Nothing is guessed from where brief was built: a relative directory is relative to the
//! working directory, and a missing one is an error that says which was looked for.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::cli::TypstArgs;
use crate::error::hinted;
use crate::facts::FactBase;
use crate::typst::{self, CompileOptions, Typst};

/// `dir`, checked to be a directory; `what` and `flag` name it in the error.
fn existing(dir: &Path, what: &str, flag: &str, var: &str) -> Result<PathBuf> {
    if !dir.is_dir() {
        return Err(hinted(
            format!("{what} directory {} not found", dir.display()),
            format!("run brief from the project directory, or pass {flag} DIR (or set {var})"),
        ));
    }
    Ok(dir.to_path_buf())
}

/// The fact base directory `dir`, checked to exist.
pub fn data_dir(dir: &Path) -> Result<PathBuf> {
    existing(dir, "fact base", "--data", "BRIEF_DATA")
}

/// Loads and validates the fact base in `dir`.
pub fn load_facts(dir: &Path) -> Result<FactBase> {
    Ok(FactBase::load(&data_dir(dir)?)?)
}

/// The font directory, checked to exist and to hold no FIFO, device or socket: typst reads
/// every file of it, and such a file would block it or never end.
pub fn font_dir(dir: &Path) -> Result<PathBuf> {
    let dir = existing(dir, "font", "--fonts", "BRIEF_FONTS")?;
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

/// typst, found or installed, and how to run it.
pub fn typst(args: &TypstArgs, timestamp: i64) -> Result<(Typst, CompileOptions)> {
    let opts = compile_options(args, timestamp)?;
    let typst = typst::find(args.typst.as_deref(), args.offline)?;
    Ok((typst, opts))
}

pub fn compile_options(args: &TypstArgs, timestamp: i64) -> Result<CompileOptions> {
    Ok(CompileOptions {
        font_dir: font_dir(&args.fonts)?,
        creation_timestamp: timestamp,
        timeout: Duration::from_secs(args.timeout.max(1)),
        pdf_standards: args.pdf_standard.clone(),
    })
}
