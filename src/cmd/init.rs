//! `brief init [DIR]`: a new office's directory, as `cargo new` makes a crate's — a fact base
//! (`data/` with office.yaml, sources.yaml, the vocabulary and one example region), the
//! example's article in `articles/`, a README of the directory and a `.gitignore` for `out/`.
//! What it writes is compiled into the binary, so that it works wherever brief is installed.
//!
//! It never writes over anything: an existing directory must be empty. The files are written
//! into a temporary directory inside the target and moved into place whole; on any failure
//! what was moved is taken back, and a directory brief created is removed.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::error::hinted;
use crate::output::{TEMP_PREFIX, TEMP_SUFFIX};

/// The files of a new office's directory, by path inside it.
pub const FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("init/README.md")),
    (".gitignore", include_str!("init/gitignore")),
    ("data/office.yaml", include_str!("init/office.yaml")),
    ("data/sources.yaml", include_str!("init/sources.yaml")),
    ("data/vocabulary.yaml", crate::facts::vocab::BUILTIN),
    ("data/regions/shili.yaml", include_str!("init/shili.yaml")),
    (
        "articles/shili-2025.txt",
        include_str!("init/shili-2025.txt"),
    ),
];

/// Runs `brief init DIR`.
pub fn run(dir: &Path) -> Result<()> {
    let created = prepare(dir)?;
    let result = populate(dir);
    if result.is_err() && created {
        let _ = std::fs::remove_dir(dir);
    }
    result?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "created a new office's directory in {}:",
        dir.display()
    )?;
    for (path, _) in FILES {
        writeln!(out, "  {path}")?;
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", shell_word(dir))
    };
    writeln!(
        out,
        "next: {cd}brief check && brief -r 示例 -a investor\n\
         then: fill in data/office.yaml, and replace the example region (示例县) with your own"
    )?;
    Ok(())
}

/// Checks that `dir` is a directory with nothing in it, or nothing at all; creates it in the
/// latter case and says so.
fn prepare(dir: &Path) -> Result<bool> {
    let hint = "brief init makes a new office's directory and never writes over anything: name a new or empty directory (`brief init my-office`)";
    if dir.as_os_str().is_empty() {
        return Err(crate::error::usage(hinted(
            "the directory's name is empty",
            hint,
        )));
    }
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => Err(hinted(
            format!("{} exists and is not a directory", dir.display()),
            hint,
        )),
        Ok(_) => {
            let mut entries =
                std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
            if let Some(first) = entries.next() {
                let name = first
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .unwrap_or_default();
                return Err(hinted(
                    format!(
                        "{} is not empty (it holds {})",
                        dir.display(),
                        crate::facts::shown(&name)
                    ),
                    hint,
                ));
            }
            Ok(false)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(dir).is_ok() {
                return Err(hinted(
                    format!("{} is a link to nothing", dir.display()),
                    hint,
                ));
            }
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            Ok(true)
        }
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot use {}", dir.display()))),
    }
}

/// Writes every file into a temporary directory inside `dir`, then moves each top-level entry
/// into place; on failure the entries already moved are removed again.
fn populate(dir: &Path) -> Result<()> {
    let stage = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempdir_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    for (path, text) in FILES {
        let target = stage.path().join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", dir.join(path).display()))?;
        }
        std::fs::write(&target, text)
            .with_context(|| format!("cannot write {}", dir.join(path).display()))?;
    }
    let mut tops: Vec<&str> = FILES
        .iter()
        .map(|(p, _)| p.split('/').next().unwrap_or(p))
        .collect();
    tops.dedup();
    let mut moved: Vec<PathBuf> = Vec::new();
    for top in tops {
        let to = dir.join(top);
        let result = match rename_new(&stage.path().join(top), &to) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(hinted(
                format!("{} appeared while brief was writing", to.display()),
                "run brief init again in a new directory",
            )),
            Err(e) => Err(e).with_context(|| format!("cannot write {}", to.display())),
        };
        if let Err(e) = result {
            for m in moved.iter().rev() {
                let _ = if m.is_dir() {
                    std::fs::remove_dir_all(m)
                } else {
                    std::fs::remove_file(m)
                };
            }
            return Err(e);
        }
        moved.push(to);
    }
    stage.close().ok();
    Ok(())
}

/// Renames `from` to `to` unless something is at `to`: a plain rename would replace a file
/// (or an empty directory) another process put there meanwhile — a second `brief init` of the
/// same directory — and the taking back of a failed init would then remove the other's files.
fn rename_new(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let c = |p: &Path| {
            std::ffi::CString::new(p.as_os_str().as_bytes())
                .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
        };
        let (f, t) = (c(from)?, c(to)?);
        // SAFETY: both are valid NUL-terminated paths that live across the call.
        #[cfg(target_os = "linux")]
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                f.as_ptr(),
                libc::AT_FDCWD,
                t.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        // SAFETY: as above.
        #[cfg(target_os = "macos")]
        let r = unsafe { libc::renamex_np(f.as_ptr(), t.as_ptr(), libc::RENAME_EXCL) };
        if r == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        // A file system without the flag: checked, then renamed, as well as it can be.
        if !matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(libc::ENOSYS)) {
            return Err(e);
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    std::fs::rename(from, to)
}

/// A path as a shell word: quoted when it holds anything but plain characters.
fn shell_word(p: &Path) -> String {
    let s = p.display().to_string();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_directory_with_anything_in_it() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "x").unwrap();
        let e = run(tmp.path()).unwrap_err();
        assert!(e.to_string().contains("is not empty"), "{e}");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
        let file = tmp.path().join("notes.txt");
        let e = run(&file).unwrap_err();
        assert!(e.to_string().contains("not a directory"), "{e}");
        let e = run(Path::new("")).unwrap_err();
        assert!(e.to_string().contains("name is empty"), "{e}");
    }

    #[test]
    fn writes_every_file_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("office");
        run(&dir).unwrap();
        for (path, text) in FILES {
            assert_eq!(std::fs::read_to_string(dir.join(path)).unwrap(), *text);
        }
        let mut top: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        top.sort();
        assert_eq!(top, [".gitignore", "README.md", "articles", "data"]);
        assert_eq!(shell_word(Path::new("my office")), "'my office'");
    }

    #[test]
    fn a_rename_never_replaces_what_appeared() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::write(&a, "mine").unwrap();
        std::fs::write(&b, "theirs").unwrap();
        let e = rename_new(&a, &b).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "theirs");
        // An empty directory is no more replaced than a file.
        let (d, e2) = (tmp.path().join("d"), tmp.path().join("e"));
        std::fs::create_dir(&d).unwrap();
        std::fs::create_dir(&e2).unwrap();
        assert!(rename_new(&d, &e2).is_err());
        rename_new(&a, &tmp.path().join("c")).unwrap();
    }
}
