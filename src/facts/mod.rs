//! The fact base: its model, loading, validation and region lookup.
//!
//! `data/sources.yaml` lists the articles, `data/vocabulary.yaml` the units and qualifiers, and
//! `data/regions/<id>.yaml` holds one region each. Loading never stops at the first problem:
//! every problem is collected as a [`Diagnostic`] with its file, line and column, so that
//! `brief check` can report them all at once.

use std::fmt;
use std::path::{Path, PathBuf};

mod check;
pub(crate) mod kept;
mod load;
mod lookup;
mod model;
pub mod number;
pub mod office;
pub mod phrases;
pub(crate) mod positions;
pub mod vocab;

pub use check::{is_invisible, is_valid_id, shown};
pub use load::{cut_quotes, files_digest, load_unchecked, read_text};
pub use lookup::LookupError;
pub use model::*;
pub use number::Number;
pub use office::Office;
pub use phrases::Phrases;
pub use vocab::{QualifierPlace, Vocabulary};

/// Whether a problem stops the fact base from being used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    /// Printed by `brief check`; the fact base is still used.
    Warning,
}

/// A problem in the fact base, located in its file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A problem of a whole file or directory has no line to point at.
        if self.line == 0 {
            write!(f, "{}: ", self.file.display())?;
        } else {
            write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        }
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in a fact base.
#[derive(Debug)]
pub struct Problems {
    /// The fact base directory.
    pub dir: PathBuf,
    pub list: Vec<Diagnostic>,
}

impl Problems {
    pub const HINT: &'static str =
        "run `brief check` after each fix; docs/data-format.md describes every field";

    /// `the fact base data has 2 problems`
    pub fn summary(&self) -> String {
        format!(
            "the fact base {} has {}",
            self.dir.display(),
            crate::plural(self.list.len(), "problem")
        )
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())?;
        for p in &self.list {
            write!(f, "\n{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// The whole validated fact base.
#[derive(Debug, Clone)]
pub struct FactBase {
    pub dir: PathBuf,
    pub vocab: Vocabulary,
    /// The issuing office's settings (`office.yaml`), the defaults without one.
    pub office: Office,
    /// How sentences say the facts (`phrases.yaml`).
    pub phrases: Phrases,
    pub sources: Vec<Source>,
    pub regions: Vec<Region>,
    /// A SHA-256 of sources.yaml, the vocabulary, the phrases and office.yaml, which every
    /// briefing reads.
    pub digest: String,
}

/// The SHA-256 of `parts`, each followed by a zero byte, in hex.
pub fn digest<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p);
        h.update([0]);
    }
    hex(&h.finalize())
}

/// Bytes in lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

impl FactBase {
    /// Loads and validates `dir`; any problem makes the whole base unusable.
    pub fn load(dir: &Path) -> Result<FactBase, Problems> {
        let (base, mut problems) = load_unchecked(dir);
        problems.retain(|p| p.severity == Severity::Error);
        match base {
            Some(base) if problems.is_empty() => Ok(base),
            _ => Err(Problems {
                dir: dir.to_path_buf(),
                list: problems,
            }),
        }
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn children(&self, id: &str) -> Vec<&Region> {
        self.regions
            .iter()
            .filter(|r| r.parent.as_deref() == Some(id))
            .collect()
    }
}

#[cfg(test)]
mod tests;
