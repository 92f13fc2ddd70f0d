//! Where brief writes: one type for every file it produces (a single briefing, typst's PDF,
//! a build's briefings, the manifest), with the rules about links, special files, modes and
//! half-written files in one place.
//!
//! - A file is written to a temporary file beside it, created with an unpredictable name and
//!   `O_EXCL` (tempfile), and renamed into place: the target is whole or untouched.
//! - A symbolic link the user named (`-o link.pdf`) is followed: the link stays and its target
//!   gets the new file. A link brief did not name (a briefing in `brief build`'s output
//!   directory, the manifest, the default `out/<id>-<audience>.pdf`) is never written through:
//!   that is an error.
//! - A device or FIFO the user named (`/dev/null`, `/dev/stdout`) is written in place.
//! - Standard output gets the bytes once they are complete, in one write. (typst writes its PDF
//!   into a private temporary directory of [`crate::typst`]'s, never to a guessable name in a
//!   shared one.) A standard output closed before brief starts (`>&-`) is /dev/null by the
//!   time `main` runs (Rust's runtime opens it there), so the binary looks before the runtime
//!   does ([`stdout_was_closed`]): `-o -` (or `/dev/stdout`) with it closed is refused before
//!   any work, never a PDF sent nowhere with exit 0.
//! - An existing file keeps its mode; a new one gets 0666 less the umask, like any tool's.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _, Result};

use crate::error::hinted;

/// Where one output goes.
#[derive(Debug, Clone)]
pub enum Output {
    Stdout,
    /// A device or FIFO, written in place.
    Special(PathBuf),
    /// A file: `path` as named, `target` where the bytes land (a named link's target).
    File {
        path: PathBuf,
        target: PathBuf,
    },
}

/// Whether links at the path are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// The user named this path: a link there is theirs to follow.
    Follow,
    /// brief chose the path: a link there is refused.
    Refuse,
}

/// The directory a file lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Temporary names brief creates, and the only ones its clean-up removes.
pub const TEMP_PREFIX: &str = ".brief-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of brief's temporary files or directories
/// (`.brief-XXXXXX.tmp`, `.brief-bundle-XXXXXX.tmp`).
pub fn is_brief_temp(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(TEMP_PREFIX)
        .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
    else {
        return false;
    };
    let rest = rest.strip_prefix("bundle-").unwrap_or(rest);
    rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether standard output was closed when brief started, as the binary found it before
/// Rust's runtime reopened it on /dev/null.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Records that standard output was closed when brief started.
pub fn stdout_was_closed() {
    STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// The refusal of `-o -` (or a path to standard output) when standard output was closed.
fn refuse_closed_stdout(path: &Path) -> Result<()> {
    let to_stdout = path == Path::new("-")
        || ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
            .iter()
            .any(|p| path == Path::new(p));
    if to_stdout && STDOUT_CLOSED.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(hinted(
            format!(
                "standard output is closed: {} would be lost",
                if path == Path::new("-") {
                    "the output of -o -".to_string()
                } else {
                    format!("the output to {}", path.display())
                }
            ),
            "redirect standard output (e.g. > briefing.pdf) or write to a file with -o FILE",
        ));
    }
    Ok(())
}

/// Refuses a command whose product is what it prints on standard output (a listing, drafted
/// facts) when standard output was closed: it would be lost, with exit 0.
pub fn require_stdout(what: &str) -> Result<()> {
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(hinted(
            format!("standard output is closed: {what} would be lost"),
            "redirect standard output (e.g. > out.txt)",
        ));
    }
    Ok(())
}

impl Output {
    /// The output at `path`. A link is followed or refused as `links` says; a device or FIFO
    /// is written in place; a directory is refused.
    pub fn at(path: &Path, links: Links) -> Result<Output> {
        refuse_closed_stdout(path)?;
        if path == Path::new("-") {
            return Ok(Output::Stdout);
        }
        let meta = std::fs::symlink_metadata(path).ok();
        let is_link = meta.as_ref().is_some_and(|m| m.file_type().is_symlink());
        if is_link && links == Links::Refuse {
            return Err(hinted(
                format!("{} is a symbolic link", path.display()),
                "brief does not write through a link it did not name; remove the link, or name the path with -o",
            ));
        }
        // A device, FIFO or socket brief did not name is not written either: writing would
        // block or go somewhere nobody meant.
        if links == Links::Refuse {
            if let Some(m) = &meta {
                if !m.is_file() && !m.is_dir() {
                    return Err(hinted(
                        format!("{} is not a regular file", path.display()),
                        "brief writes only regular files where it chooses the name; remove what is there",
                    ));
                }
            }
        }
        // What the path leads to (through a link, if any).
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Err(hinted(
                format!("output {} is a directory", path.display()),
                format!("give a file name, e.g. -o {}/briefing.pdf", path.display()),
            )),
            Ok(m) if !m.is_file() => Ok(Output::Special(path.to_path_buf())),
            _ => {
                let target = if is_link {
                    let link = std::fs::read_link(path)
                        .with_context(|| format!("cannot read the link {}", path.display()))?;
                    parent_dir(path).join(link)
                } else {
                    path.to_path_buf()
                };
                let dir = parent_dir(&target);
                if !dir.is_dir() {
                    return Err(hinted(
                        format!("the directory {} does not exist", dir.display()),
                        format!(
                            "create it first (mkdir -p {}) or choose another -o",
                            dir.display()
                        ),
                    ));
                }
                Ok(Output::File {
                    path: path.to_path_buf(),
                    target,
                })
            }
        }
    }

    /// The path as named, for messages.
    pub fn display(&self) -> String {
        match self {
            Output::Stdout => "standard output".into(),
            Output::Special(p) | Output::File { path: p, .. } => p.display().to_string(),
        }
    }

    /// Writes `bytes` whole, or leaves the target untouched.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        match self {
            Output::Stdout => write_stdout(bytes),
            Output::Special(path) => write_in_place(path, bytes),
            Output::File { target, .. } => {
                // Beside the target, so that the rename stays on one file system.
                let dir = parent_dir(target);
                let mut file = tempfile::Builder::new()
                    .prefix(TEMP_PREFIX)
                    .suffix(TEMP_SUFFIX)
                    .tempfile_in(dir)
                    .with_context(|| format!("cannot write in {}", dir.display()))?;
                file.write_all(bytes)
                    .with_context(|| format!("cannot write {}", self.display()))?;
                file.as_file().sync_data().ok();
                set_mode(file.path(), target);
                file.persist(target)
                    .map_err(|e| anyhow!("cannot write {}: {}", target.display(), e.error))?;
                Ok(())
            }
        }
    }
}

/// Standard output, whole.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .context("cannot write to standard output")?;
    out.flush().context("cannot write to standard output")?;
    Ok(())
}

/// A device or FIFO: opened without creating or following anything new, written, closed.
fn write_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    f.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The mode a file written over `target` gets: the existing file's, else 0666 less the umask.
fn set_mode(tmp: &Path, target: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(target) {
            Ok(m) if m.is_file() => m.permissions().mode() & 0o7777,
            _ => 0o666 & !umask(),
        };
        let _ = std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (tmp, target);
}

/// The process's umask, read once (setting it to read it is not thread-safe, so it is read
/// from /proc where there is one).
#[cfg(unix)]
pub fn umask() -> u32 {
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
            if let Some(m) = status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            {
                return m;
            }
        }
        // SAFETY: umask only swaps the process's mask; it is put back at once.
        unsafe {
            let old = libc::umask(0o022);
            libc::umask(old);
            old as u32
        }
    })
}

/// Whether `bytes` look like a whole PDF: `%PDF-` at the start and `%%EOF` near the end.
pub fn is_whole_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    bytes.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF")
}

/// Keeps a failed briefing's source for debugging under a fresh name beside `near` (or in the
/// temporary directory when that cannot be written), never over an existing file. Returns
/// where it is, or why it could not be kept.
pub fn keep_source(near: &Path, source: &str) -> std::result::Result<PathBuf, String> {
    let stem = near
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| s.len() < 100)
        .unwrap_or("briefing");
    let mut tried = Vec::new();
    for dir in [parent_dir(near).to_path_buf(), std::env::temp_dir()] {
        let made = tempfile::Builder::new()
            .prefix(&format!("{stem}.failed-"))
            .suffix(".typ")
            .tempfile_in(&dir)
            .and_then(|mut f| {
                f.write_all(source.as_bytes())?;
                f.as_file().sync_data()?;
                Ok(f)
            });
        match made.and_then(|f| f.keep().map_err(|e| e.error)) {
            Ok((_, path)) => return Ok(path),
            Err(e) => tried.push(format!("{}: {e}", dir.display())),
        }
    }
    Err(tried.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_brief_temp_names_are_brief_temp_names() {
        assert!(is_brief_temp(".brief-a1B2c3.tmp"));
        assert!(is_brief_temp(".brief-bundle-a1B2c3.tmp"));
        assert!(!is_brief_temp(".vim-undo.tmp"));
        assert!(!is_brief_temp(".session.tmp"));
        assert!(!is_brief_temp(".brief-settings.tmp"));
        assert!(!is_brief_temp("brief-a1B2c3.tmp"));
    }

    #[test]
    fn whole_pdfs() {
        assert!(is_whole_pdf(b"%PDF-1.7\n...\n%%EOF\n"));
        assert!(!is_whole_pdf(b""));
        assert!(!is_whole_pdf(b"%PDF-1.7\n...truncated"));
    }

    #[test]
    fn a_link_brief_did_not_name_is_refused_and_a_named_one_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.path().join("x.pdf");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(Output::at(&link, Links::Refuse).is_err());
        let out = Output::at(&link, Links::Follow).unwrap();
        out.write(b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&victim).unwrap(), b"new");
    }

    #[test]
    fn modes_are_kept_and_new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        Output::at(&p, Links::Refuse)
            .unwrap()
            .write(b"new")
            .unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let q = dir.path().join("b.pdf");
        Output::at(&q, Links::Refuse)
            .unwrap()
            .write(b"new")
            .unwrap();
        assert_eq!(
            std::fs::metadata(&q).unwrap().permissions().mode() & 0o777,
            0o666 & !umask()
        );
    }

    #[test]
    fn a_kept_source_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("report.typ");
        std::fs::write(&own, "mine").unwrap();
        let kept = keep_source(&dir.path().join("report.pdf"), "source").unwrap();
        assert_ne!(kept, own);
        assert_eq!(std::fs::read_to_string(&own).unwrap(), "mine");
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "source");
    }
}
