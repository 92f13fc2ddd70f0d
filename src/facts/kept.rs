//! Each region file as parsed and checked, kept in brief's cache, so that a load after an edit
//! parses and checks again only the files that changed.
//!
//! An entry holds a region as its file was parsed and the problems the checks of that one file
//! found in it (errors and warnings alike, so that they are all reported again). It is used
//! only under its key: brief itself (its version and its executable, as for the kept sources),
//! the vocabulary's text and the ids of `sources.yaml` (what the checks of a region read
//! besides its file), the file's name (the id must match it) and the SHA-256 of the file's
//! text. What spans files (parents, children, repeated ids: `check::graph`) is checked on the
//! whole fact base at every load, and the other files (vocabulary, phrases, office, sources)
//! are read and checked at every load. A file that does not parse is never kept.
//!
//! Entries live in `facts/` under brief's cache, one per file name (an edit replaces it),
//! written whole (a temporary file renamed into place) and checked when read: its own SHA-256
//! and its key. One that does not check out or cannot be decoded is not used: the file is
//! parsed and checked as if there were none. A cache brief cannot write is not an error.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::number::Number;
use super::{Audience, Base, Diagnostic, Fact, Growth, Kind, Level, Region, Severity};

/// The first bytes of an entry; a change of the format changes it.
const MAGIC: &[u8] = b"brief region cache 1\n";

/// The largest entry read: a region file may have 4 MiB, its parse a little more.
const MAX_ENTRY: u64 = 3 * super::load::MAX_FILE_BYTES;

/// Where the region files of one load are kept, and the part of their keys that is not the
/// file itself.
pub struct Shelf {
    dir: PathBuf,
    shared: String,
}

impl Shelf {
    /// The shelf of a load whose checks read `vocab_text` and the source ids `sources`, or
    /// `None` where nothing can be kept (brief's own executable cannot be told).
    pub fn new(vocab_text: &str, sources: &BTreeSet<&str>) -> Option<Shelf> {
        Shelf::at(
            crate::typst::locate::cache_dir().join("facts"),
            vocab_text,
            sources,
        )
    }

    /// A shelf in `dir`.
    pub fn at(dir: PathBuf, vocab_text: &str, sources: &BTreeSet<&str>) -> Option<Shelf> {
        let mut h = Sha256::new();
        for part in [
            MAGIC,
            env!("CARGO_PKG_VERSION").as_bytes(),
            exe_identity()?.as_bytes(),
            vocab_text.as_bytes(),
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        h.update((sources.len() as u64).to_le_bytes());
        for id in sources {
            h.update((id.len() as u64).to_le_bytes());
            h.update(id.as_bytes());
        }
        Some(Shelf {
            dir,
            shared: super::hex(&h.finalize()),
        })
    }

    fn place(&self, path: &Path, digest: &str) -> Option<(PathBuf, String)> {
        let name = path.file_name()?.as_encoded_bytes();
        let key = super::hex(
            &Sha256::new()
                .chain_update(self.shared.as_bytes())
                .chain_update((name.len() as u64).to_le_bytes())
                .chain_update(name)
                .chain_update(digest.as_bytes())
                .finalize(),
        );
        let entry = super::hex(&Sha256::digest(name))[..24].to_string();
        Some((self.dir.join(entry), key))
    }

    /// The region of `path` (whose text has the SHA-256 `digest`, as [`super::digest`] gives
    /// it) and the problems its checks found, if kept under this key. `file` and `digest` of
    /// the region and the problems' file are `path` and `digest`.
    pub fn get(&self, path: &Path, digest: &str) -> Option<(Region, Vec<Diagnostic>)> {
        let (entry, key) = self.place(path, digest)?;
        let bytes = crate::input::read(&entry, MAX_ENTRY, crate::input::Links::Refuse).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (sum, body) = rest.split_at_checked(32)?;
        if Sha256::digest(body).as_slice() != sum {
            return None;
        }
        let mut r = Reader { bytes: body };
        if r.str()? != key {
            return None;
        }
        let mut region = r.region()?;
        region.file = path.to_path_buf();
        region.digest = digest.to_string();
        let found = (0..r.len()?)
            .map(|_| r.diagnostic(path))
            .collect::<Option<Vec<_>>>()?;
        r.bytes.is_empty().then_some((region, found))
    }

    /// Keeps `region` and `found`, the problems its checks found, for `path` whose text has
    /// the SHA-256 `digest`. Nothing is said when it cannot be kept.
    pub fn put(&self, path: &Path, digest: &str, region: &Region, found: &[Diagnostic]) {
        let Some((entry, key)) = self.place(path, digest) else {
            return;
        };
        let mut w = Writer::default();
        w.str(&key);
        w.region(region);
        w.len(found.len());
        for d in found {
            w.diagnostic(d);
        }
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&Sha256::digest(&w.bytes));
        bytes.extend_from_slice(&w.bytes);
        let _ = crate::cmd::source_cache::write_entry(&entry, &bytes);
    }
}

/// Which executable this is: its path, device, inode, size and modification and change
/// times. A build writes a new file (or a new change time), so another build never shares a
/// key with this one.
pub(crate) fn exe_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let m = std::fs::metadata(&exe).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some(format!(
            "{} {} {} {} {}.{} {}.{}",
            exe.display(),
            m.dev(),
            m.ino(),
            m.len(),
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec()
        ))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        None
    }
}

/// An entry's body as it is written: lengths as u64 (little-endian), each text as its length
/// and its UTF-8 bytes, an optional value as 0 or 1 and the value.
#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    fn len(&mut self, n: usize) {
        self.bytes.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    fn flag(&mut self, b: bool) {
        self.bytes.push(u8::from(b));
    }

    fn opt<T>(&mut self, v: &Option<T>, f: impl FnOnce(&mut Self, &T)) {
        self.flag(v.is_some());
        if let Some(v) = v {
            f(self, v);
        }
    }

    fn opt_str(&mut self, v: &Option<String>) {
        self.opt(v, |w, s| w.str(s));
    }

    fn int(&mut self, v: i64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    fn region(&mut self, r: &Region) {
        // Every field named, so that a new one is not forgotten here.
        let Region {
            id,
            name,
            short,
            level,
            parent,
            province,
            aliases,
            profile,
            profiles,
            facts,
            file: _,
            digest: _,
        } = r;
        for s in [id, name, short] {
            self.str(s);
        }
        self.str(level.as_str());
        self.opt_str(parent);
        self.opt_str(province);
        self.len(aliases.len());
        aliases.iter().for_each(|a| self.str(a));
        self.opt_str(profile);
        self.len(profiles.len());
        for (k, v) in profiles {
            self.str(k);
            self.str(v);
        }
        self.len(facts.len());
        facts.iter().for_each(|f| self.fact(f));
    }

    fn fact(&mut self, f: &Fact) {
        let Fact {
            kind,
            key,
            name,
            value,
            unit,
            qualifier,
            year,
            from_year,
            period,
            growth,
            base,
            target,
            grade,
            level,
            measure,
            label,
            partner,
            note,
            say,
            remark,
            reviewed,
            audiences,
            source,
        } = f;
        self.str(kind.as_str());
        self.opt_str(key);
        self.str(name);
        self.opt(value, |w, n| w.str(n.text()));
        self.opt_str(unit);
        self.opt_str(qualifier);
        self.opt(year, |w, y| w.int(*y));
        self.opt(from_year, |w, y| w.int(*y));
        self.opt_str(period);
        self.opt(growth, |w, g| {
            let Growth {
                value,
                unit,
                qualifier,
            } = g;
            w.str(value.text());
            w.str(unit);
            w.opt_str(qualifier);
        });
        self.opt(base, |w, b| {
            let Base { value, year } = b;
            w.str(value.text());
            w.opt(year, |w, y| w.int(*y));
        });
        self.flag(*target);
        for s in [
            grade, level, measure, label, partner, note, say, remark, reviewed,
        ] {
            self.opt_str(s);
        }
        self.opt(audiences, |w, list| {
            w.len(list.len());
            list.iter().for_each(|a| w.str(a.as_str()));
        });
        self.str(source);
    }

    fn diagnostic(&mut self, d: &Diagnostic) {
        let Diagnostic {
            severity,
            file: _,
            line,
            column,
            message,
            hint,
        } = d;
        self.flag(*severity == Severity::Warning);
        self.len(*line);
        self.len(*column);
        self.str(message);
        self.opt_str(hint);
    }
}

/// Reads what [`Writer`] wrote; `None` at anything else.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn len(&mut self) -> Option<usize> {
        let n = u64::from_le_bytes(self.take(8)?.try_into().ok()?);
        // No length is longer than what is left to read.
        usize::try_from(n).ok().filter(|n| *n <= self.bytes.len())
    }

    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.take(1)? {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }

    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.flag()? {
            f(self).map(Some)
        } else {
            Some(None)
        }
    }

    fn opt_str(&mut self) -> Option<Option<String>> {
        self.opt(Self::str)
    }

    fn int(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn number(&mut self) -> Option<Number> {
        Number::parse(&self.str()?).ok()
    }

    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        (0..self.len()?).map(|_| f(self)).collect()
    }

    fn region(&mut self) -> Option<Region> {
        let id = self.str()?;
        let name = self.str()?;
        let short = self.str()?;
        let level = self.str()?;
        let level = [Level::City, Level::County, Level::District, Level::Zone]
            .into_iter()
            .find(|l| l.as_str() == level)?;
        Some(Region {
            id,
            name,
            short,
            level,
            parent: self.opt_str()?,
            province: self.opt_str()?,
            aliases: self.list(Self::str)?,
            profile: self.opt_str()?,
            profiles: self
                .list(|r| Some((r.str()?, r.str()?)))?
                .into_iter()
                .collect(),
            facts: self.list(Self::fact)?,
            file: PathBuf::new(),
            digest: String::new(),
        })
    }

    fn fact(&mut self) -> Option<Fact> {
        let kind = self.str()?;
        let kind = Kind::ALL.into_iter().find(|k| k.as_str() == kind)?;
        Some(Fact {
            kind,
            key: self.opt_str()?,
            name: self.str()?,
            value: self.opt(Self::number)?,
            unit: self.opt_str()?,
            qualifier: self.opt_str()?,
            year: self.opt(Self::int)?,
            from_year: self.opt(Self::int)?,
            period: self.opt_str()?,
            growth: self.opt(|r| {
                Some(Growth {
                    value: r.number()?,
                    unit: r.str()?,
                    qualifier: r.opt_str()?,
                })
            })?,
            base: self.opt(|r| {
                Some(Base {
                    value: r.number()?,
                    year: r.opt(Self::int)?,
                })
            })?,
            target: self.flag()?,
            grade: self.opt_str()?,
            level: self.opt_str()?,
            measure: self.opt_str()?,
            label: self.opt_str()?,
            partner: self.opt_str()?,
            note: self.opt_str()?,
            say: self.opt_str()?,
            remark: self.opt_str()?,
            reviewed: self.opt_str()?,
            audiences: self.opt(|r| r.list(|r| Audience::new(&r.str()?).ok()))?,
            source: self.str()?,
        })
    }

    fn diagnostic(&mut self, file: &Path) -> Option<Diagnostic> {
        Some(Diagnostic {
            severity: if self.flag()? {
                Severity::Warning
            } else {
                Severity::Error
            },
            file: file.to_path_buf(),
            line: self.len_any()?,
            column: self.len_any()?,
            message: self.str()?,
            hint: self.opt_str()?,
        })
    }

    /// A number that is not a length (a line, a column).
    fn len_any(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }
}

#[cfg(test)]
mod tests;
