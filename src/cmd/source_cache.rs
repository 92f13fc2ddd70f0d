//! A single render's Typst source, kept in brief's cache so that rendering the same briefing
//! again from the same files does not load, check and render the fact base again.
//!
//! An entry is the source of a render that succeeded, under a key that covers everything the
//! source was made from: brief itself (its version, and its executable's device, inode, size
//! and modification and change times, so that another build is another key), the content of
//! every file of the fact base a load reads (not only the files the briefing prints: a render
//! that succeeded is one whose whole fact base loaded without an error, so an entry never
//! stands for a fact base with an error in it), the region asked for, the audience, the date
//! and `--min-figures`. A render with `--templates` is never kept (the built-in templates are
//! part of brief). So an entry is used only where a render from scratch would have made the
//! same source; anything else renders from scratch, and every error is found as before.
//!
//! Entries live in `renders/` under brief's cache, one file per region asked for, audience and
//! `--min-figures` (the next render of that briefing replaces it), written whole (a temporary
//! file renamed into place) and checked when read: its own SHA-256 of the source, the key,
//! the region id. One that does not check out is not used. A cache brief cannot write is not
//! an error: the render goes on without it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::config::Render;
use crate::facts;
use crate::input::{self, Links};

/// The first line of an entry; a change of the format changes it.
const MAGIC: &str = "brief render cache 1";

/// A briefing's place in the cache and the key its entry must carry.
pub struct SourceCache {
    path: PathBuf,
    key: String,
    data: PathBuf,
    /// The key's parts that are not the fact base's files.
    fixed: String,
}

/// What an entry gives back.
pub struct Kept {
    /// The region's id (the default output's name).
    pub region: String,
    pub source: String,
    /// Whether brief's own fonts were found to have every character of the source.
    pub bundled_fonts: bool,
}

impl SourceCache {
    /// The cache place of this render, or `None` where it is not kept: templates of the
    /// user's, a fact base whose files a key cannot stand for ([`facts::files_digest`]).
    pub fn new(settings: &Render, data: &Path) -> Option<SourceCache> {
        if settings.tools.templates.is_some() {
            return None;
        }
        let exe = facts::kept::exe_identity()?;
        let fixed = format!(
            "{MAGIC}\0{}\0{exe}\0{}\0{}\0{}\0{:?}",
            env!("CARGO_PKG_VERSION"),
            settings.region,
            settings.audience,
            settings.tools.dated.iso(),
            settings.tools.min_figures,
        );
        let key = key(&fixed, &facts::files_digest(data)?);
        let name = format!(
            "{}-{}.typ",
            settings.audience,
            &facts::hex(&Sha256::digest(
                format!("{}\0{:?}", settings.region, settings.tools.min_figures).as_bytes()
            ))[..16]
        );
        let path = crate::typst::locate::cache_dir().join("renders").join(name);
        Some(SourceCache {
            path,
            key,
            data: data.to_path_buf(),
            fixed,
        })
    }

    /// The kept source, if there is one for this key and it checks out.
    pub fn get(&self) -> Option<Kept> {
        let bytes = input::read(&self.path, MAX_ENTRY, Links::Refuse).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (head, source) = text.split_once("\n\n")?;
        let mut lines = head.lines();
        if lines.next()? != MAGIC || lines.next()?.strip_prefix("key ")? != self.key {
            return None;
        }
        let region = lines.next()?.strip_prefix("region ")?.to_string();
        let bundled_fonts = match lines.next()?.strip_prefix("fonts ")? {
            "bundled" => true,
            "unknown" => false,
            _ => return None,
        };
        let sum = lines.next()?.strip_prefix("sha256 ")?;
        if lines.next().is_some()
            || !facts::is_valid_id(&region)
            || source.len() > crate::typst::run::MAX_SOURCE
            || facts::hex(&Sha256::digest(source.as_bytes())) != sum
        {
            return None;
        }
        Some(Kept {
            region,
            source: source.to_string(),
            bundled_fonts,
        })
    }

    /// Keeps `kept` — if the fact base's files are still those the key was made from, so that
    /// a file changed while brief read it never has its old source kept under its new key.
    /// Nothing is said when it cannot be kept.
    pub fn put(&self, kept: &Kept) {
        if kept.source.len() > crate::typst::run::MAX_SOURCE || !facts::is_valid_id(&kept.region) {
            return;
        }
        match facts::files_digest(&self.data) {
            Some(now) if key(&self.fixed, &now) == self.key => {}
            _ => return,
        }
        let entry = format!(
            "{MAGIC}\nkey {}\nregion {}\nfonts {}\nsha256 {}\n\n{}",
            self.key,
            kept.region,
            if kept.bundled_fonts {
                "bundled"
            } else {
                "unknown"
            },
            facts::hex(&Sha256::digest(kept.source.as_bytes())),
            kept.source
        );
        let _ = write_entry(&self.path, entry.as_bytes());
    }
}

/// The largest entry read: a source brief gives typst and a few lines about it.
const MAX_ENTRY: u64 = crate::typst::run::MAX_SOURCE as u64 + 4096;

fn key(fixed: &str, files: &str) -> String {
    facts::hex(&Sha256::digest(format!("{fixed}\0{files}").as_bytes()))
}

/// Writes `path` whole: a temporary file beside it, renamed into place. The directory is
/// made if missing; a link where it or the entry should be is not written through.
pub(crate) fn write_entry(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(std::io::Error::other("not a directory")),
        Err(_) => std::fs::create_dir_all(dir)?,
    }
    let mut file = tempfile::Builder::new()
        .prefix(crate::output::TEMP_PREFIX)
        .suffix(crate::output::TEMP_SUFFIX)
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
