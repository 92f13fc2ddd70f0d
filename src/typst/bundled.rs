//! The fonts that travel with brief: compiled into the binary, and unpacked on first use into
//! brief's cache ([`super::locate::cache_dir`]), where typst reads them.
//!
//! The directory is `fonts-<digest>/`, named by a digest of brief's version and of what is
//! compiled in, so that builds with other fonts keep apart. Every run compares each file there
//! byte for byte with the copy compiled in (a few milliseconds for the 14 MB; a digest of
//! both would take ten times as long): a file missing, changed, truncated,
//! replaced by a link or by anything but a regular file is written again, and a file that does
//! not belong (another font typst would load) is removed. A file is written to a temporary
//! file beside it and renamed into place, so a reader never sees half a font, and nothing is
//! written through a link: the rename replaces the link itself.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context as _, Result};
use sha2::{Digest as _, Sha256};

use crate::input::{self, Links};
use crate::output::{is_brief_temp, TEMP_PREFIX, TEMP_SUFFIX};

/// The font directory's files, as compiled in: `fonts/` of the project.
pub const FONTS: &[(&str, &[u8])] = &[
    ("LICENSE", include_bytes!("../../fonts/LICENSE")),
    (
        "NotoSansCJKsc-Bold.otf",
        include_bytes!("../../fonts/NotoSansCJKsc-Bold.otf"),
    ),
    (
        "NotoSansCJKsc-Regular.otf",
        include_bytes!("../../fonts/NotoSansCJKsc-Regular.otf"),
    ),
    (
        "NotoSerifCJKsc-Bold.otf",
        include_bytes!("../../fonts/NotoSerifCJKsc-Bold.otf"),
    ),
    (
        "NotoSerifCJKsc-Regular.otf",
        include_bytes!("../../fonts/NotoSerifCJKsc-Regular.otf"),
    ),
];

/// The largest file of the font directory brief reads back: the largest bundled font is far
/// below.
const MAX_FILE: u64 = 64 << 20;

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The name of the cache directory for these fonts: `fonts-` and 16 hex digits of a digest
/// of brief's version and each file's name, length, head and tail. It only keeps builds with
/// other fonts apart; what the directory holds is compared byte for byte on every use.
/// An OpenType file begins with its table directory, which holds a checksum of every table,
/// so a font changed anywhere has another head: 4 KiB of each end are enough, and a digest of
/// them costs no time at every start (64 KiB cost about 0.4 ms).
pub fn dir_name() -> String {
    const SAMPLE: usize = 4 << 10;
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for (name, bytes) in FONTS {
        h.update(name.as_bytes());
        h.update(bytes.len().to_le_bytes());
        h.update(&bytes[..bytes.len().min(SAMPLE)]);
        h.update(&bytes[bytes.len().saturating_sub(SAMPLE)..]);
    }
    format!("fonts-{}", &hex(&h.finalize())[..16])
}

/// The bundled fonts, unpacked (and checked) under `cache`: the directory to give typst.
/// Each file is compared byte for byte with the copy compiled in unless its size, inode and
/// change time are those recorded (in `cache/fonts-….checked`) when it was last compared:
/// a write to a file, or its replacement, changes its change time, which no user can set.
pub fn unpack_into(cache: &Path) -> Result<PathBuf> {
    let name = dir_name();
    let dir = cache.join(&name);
    real_dir(&dir)?;
    // One brief at a time checks and writes: whatever temporary file is there meanwhile was
    // left by a brief that was killed, and is removed with the other strangers.
    // A cache the user may read but not write (shared, read-only) has no lock to take: its
    // fonts are checked all the same, and temporary files are left alone.
    let lock = lock(&cache.join("fonts.lock"))?;
    let record = format!("{name}.checked");
    let recorded = input::read(&cache.join(&record), 64 << 10, Links::Refuse).ok();
    let unchanged = stamp(&dir).is_some_and(|now| recorded.as_deref() == Some(now.as_bytes()));
    if !unchanged {
        for (file, bytes) in FONTS {
            if !holds(&dir.join(file), bytes) {
                write_whole(&dir, file, bytes)?;
            }
        }
    }
    remove_strangers(&dir, lock.is_some())?;
    if !unchanged && lock.is_some() {
        if let Some(now) = stamp(&dir) {
            // Without the record, the next run compares again: nothing is lost.
            let _ = write_whole(cache, &record, now.as_bytes());
        }
    }
    Ok(dir)
}

/// Each font file's size, inode and change time, one line each; none where one is missing or
/// no regular file.
#[cfg(unix)]
fn stamp(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt as _;
    let mut out = String::new();
    for (name, _) in FONTS {
        let m = std::fs::symlink_metadata(dir.join(name)).ok()?;
        if !m.is_file() {
            return None;
        }
        out.push_str(&format!(
            "{name} {} {} {}.{}\n",
            m.len(),
            m.ino(),
            m.ctime(),
            m.ctime_nsec()
        ));
    }
    Some(out)
}

#[cfg(not(unix))]
fn stamp(_dir: &Path) -> Option<String> {
    None
}

/// The bundled fonts in brief's cache, unpacked and checked once per process.
pub fn fonts() -> Result<PathBuf> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    if let Some(dir) = DIR.get() {
        return Ok(dir.clone());
    }
    let cache = super::locate::cache_dir();
    let dir = unpack_into(&cache).map_err(|e| {
        crate::error::add_hint(
            e,
            format!(
                "brief unpacks its fonts into {}; make it writable, set BRIEF_CACHE_DIR, or pass --fonts DIR",
                cache.display()
            ),
        )
    })?;
    Ok(DIR.get_or_init(|| dir).clone())
}

/// `dir` as a directory of its own: created if missing; a link or a file there is removed
/// first, so that nothing is written where a link points.
fn real_dir(dir: &Path) -> Result<()> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => {
            std::fs::remove_file(dir).with_context(|| format!("cannot remove {}", dir.display()))?
        }
        Err(_) => {}
    }
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => Ok(()),
        // Another brief made it meanwhile.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot create {}", dir.display())),
    }
}

/// The lock at `path`, held until the file is dropped (`None` where the cache is not the
/// user's to write): opened without following a link and
/// without blocking (a FIFO there would hold the open for ever), a regular file only.
fn lock(path: &Path) -> Result<Option<std::fs::File>> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let opened = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path);
    let file = match opened {
        Ok(f) => f,
        Err(e) if matches!(e.raw_os_error(), Some(libc::EACCES) | Some(libc::EROFS)) => {
            return Ok(None)
        }
        Err(e) => {
            return Err(e).with_context(|| format!("cannot create {}", path.display()));
        }
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        anyhow::bail!("{} is not a regular file", path.display());
    }
    fs4::fs_std::FileExt::lock_exclusive(&file)
        .with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(Some(file))
}

/// Whether `path` is a regular file (not a link) that holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && input::read(path, MAX_FILE, Links::Refuse).is_ok_and(|held| held == bytes)
}

/// Writes `bytes` as `dir/name`: a temporary file beside it, synced, then renamed over
/// whatever was there (a directory there is removed first).
fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(&path)
            .with_context(|| format!("cannot remove {}", path.display()))?;
    }
    let mut file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_data())
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.persist(&path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Removes what does not belong in the font directory (typst would load any font there), the
/// temporary files of a killed brief with it (the caller holds the lock every writer takes).
fn remove_strangers(dir: &Path, locked: bool) -> Result<()> {
    let rd = std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in rd.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if FONTS.iter().any(|(n, _)| *n == name) || (!locked && is_brief_temp(&name)) {
            continue;
        }
        let path = entry.path();
        let removed = match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        removed.with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_match_the_project_fonts() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let mut on_disk: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "subset.sh")
            .collect();
        on_disk.sort();
        let mut bundled: Vec<String> = FONTS.iter().map(|(n, _)| n.to_string()).collect();
        bundled.sort();
        assert_eq!(
            bundled, on_disk,
            "fonts/ and typst/bundled.rs list other files"
        );
    }

    #[test]
    fn unpacks_checks_and_repairs() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = unpack_into(tmp.path()).unwrap();
        let font = dir.join("NotoSerifCJKsc-Regular.otf");
        let original = std::fs::read(&font).unwrap();
        assert_eq!(original, FONTS[4].1);
        // Damaged in place, of the same size: noticed by content and written again.
        let mut damaged = original.clone();
        damaged[1000] ^= 0xff;
        std::fs::write(&font, &damaged).unwrap();
        // A link where a font was: replaced, never written through.
        let outside = tmp.path().join("outside.otf");
        std::fs::write(&outside, b"not a font").unwrap();
        let bold = dir.join("NotoSansCJKsc-Bold.otf");
        std::fs::remove_file(&bold).unwrap();
        std::os::unix::fs::symlink(&outside, &bold).unwrap();
        // A font that does not belong: removed.
        std::fs::write(dir.join("Stranger.ttf"), b"x").unwrap();
        assert_eq!(unpack_into(tmp.path()).unwrap(), dir);
        assert_eq!(std::fs::read(&font).unwrap(), original);
        assert!(!std::fs::symlink_metadata(&bold).unwrap().is_symlink());
        assert_eq!(std::fs::read(&bold).unwrap(), FONTS[1].1);
        assert_eq!(std::fs::read(&outside).unwrap(), b"not a font");
        assert!(!dir.join("Stranger.ttf").exists());
    }

    #[test]
    fn a_link_in_place_of_the_directory_is_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, tmp.path().join(dir_name())).unwrap();
        let dir = unpack_into(tmp.path()).unwrap();
        assert!(!std::fs::symlink_metadata(&dir).unwrap().is_symlink());
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    }
}
