//! Where brief reads a file whole: one function, one set of guarantees, for every file it
//! reads in full (a manifest and its parts, a template, the audiences file, the old catalogue
//! page).
//!
//! - Only a regular file is read. A FIFO, device or socket is refused without being read: it is
//!   opened with `O_NONBLOCK` (a FIFO with no writer would block the open) and checked again
//!   once open, should it have been swapped since it was looked at.
//! - At most `limit` bytes are read; a larger file is refused, never read to its end.
//! - Links follow [`Links`]: followed where the user named the path, refused where brief chose
//!   it, and kept inside a directory where the path is a name inside it (a template).

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The largest template (or other file of a templates directory) brief reads: a briefing's
/// templates are a few kilobytes.
pub const MAX_TEMPLATE: u64 = 16 << 20;

/// What a link at the path (or on the way to it) may do.
#[derive(Debug, Clone, Copy)]
pub enum Links<'a> {
    /// The user named this path: a link there is theirs to follow.
    Follow,
    /// brief chose the path: a link there is refused.
    Refuse,
    /// The path is a name inside this directory: followed only while it stays inside.
    Within(&'a Path),
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(PathBuf, std::io::Error),
    NotRegular(PathBuf),
    Link(PathBuf),
    Outside(PathBuf, PathBuf),
    TooLarge(PathBuf, u64),
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
}

impl ReadError {
    /// Whether the file is simply not there.
    pub fn is_missing(&self) -> bool {
        matches!(self, ReadError::Io(_, e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            ReadError::NotRegular(p) => write!(f, "{} is not a regular file", p.display()),
            ReadError::Link(p) => write!(f, "{} is a symbolic link", p.display()),
            ReadError::Outside(p, root) => write!(
                f,
                "{} is a link that leads out of {}",
                p.display(),
                root.display()
            ),
            ReadError::TooLarge(p, limit) => {
                write!(f, "{} is larger than {limit} bytes", p.display())
            }
            ReadError::NotUtf8 { path, line, column } => {
                write!(f, "{}:{line}:{column}: not valid UTF-8", path.display())
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// The bytes of the regular file `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let io = |e| ReadError::Io(path.to_path_buf(), e);
    let meta = std::fs::symlink_metadata(path).map_err(io)?;
    match links {
        Links::Refuse if meta.file_type().is_symlink() => {
            return Err(ReadError::Link(path.to_path_buf()))
        }
        // The file, or a directory on the way to it, may be a link.
        Links::Within(root) => {
            let real = std::fs::canonicalize(path).map_err(io)?;
            let root_real = std::fs::canonicalize(root).unwrap_or_else(|_| root.into());
            if !real.starts_with(&root_real) {
                return Err(ReadError::Outside(path.to_path_buf(), root.to_path_buf()));
            }
        }
        _ => {}
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(path.to_path_buf()));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(path.to_path_buf(), limit));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if matches!(links, Links::Refuse) {
            flags |= libc::O_NOFOLLOW;
        }
        opts.custom_flags(flags);
    }
    let file = opts.open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(ReadError::NotRegular(path.to_path_buf()));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(path.to_path_buf(), limit));
    }
    Ok(bytes)
}

/// The UTF-8 text of the regular file `path`, as [`read`] reads it; a byte-order mark is
/// dropped, and text that is not UTF-8 is refused with the line and column where it stops.
pub fn read_text(path: &Path, limit: u64, links: Links) -> Result<String, ReadError> {
    let bytes = read(path, limit, links)?;
    let bytes = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let good = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        ReadError::NotUtf8 {
            path: path.to_path_buf(),
            line: good.matches('\n').count() + 1,
            column: good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_their_limit_and_their_links_policy() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("in");
        std::fs::create_dir(&inside).unwrap();
        let outside = dir.path().join("secret");
        std::fs::write(&outside, "secret").unwrap();
        let file = inside.join("a.txt");
        std::fs::write(&file, "\u{feff}text").unwrap();
        assert_eq!(read_text(&file, 100, Links::Refuse).unwrap(), "text");
        assert!(matches!(
            read(&file, 3, Links::Follow),
            Err(ReadError::TooLarge(..))
        ));
        let link = inside.join("link");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(matches!(
            read(&link, 100, Links::Refuse),
            Err(ReadError::Link(_))
        ));
        assert!(matches!(
            read(&link, 100, Links::Within(&inside)),
            Err(ReadError::Outside(..))
        ));
        assert_eq!(read(&link, 100, Links::Follow).unwrap(), b"secret");
        // A directory on the way that leads out.
        let root_link = inside.join("root");
        std::os::unix::fs::symlink(dir.path(), &root_link).unwrap();
        assert!(matches!(
            read(&root_link.join("secret"), 100, Links::Within(&inside)),
            Err(ReadError::Outside(..))
        ));
        let fifo = inside.join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read(&fifo, 100, Links::Follow),
            Err(ReadError::NotRegular(_))
        ));
        std::fs::write(&file, b"ok\n\xff").unwrap();
        assert!(matches!(
            read_text(&file, 100, Links::Follow),
            Err(ReadError::NotUtf8 {
                line: 2,
                column: 1,
                ..
            })
        ));
    }
}
