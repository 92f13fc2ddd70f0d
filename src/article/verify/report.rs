//! What `brief verify` reports: the outcome of one fact (verified, or the first check it
//! failed, with the field to point at and a hint) and the counts and lines of a whole run.

use std::fmt::Write as _;

/// The result of a whole run.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems and notes, each one or more lines, in fact-base order.
    pub lines: Vec<String>,
    pub facts: usize,
    pub figures: usize,
    pub verified: usize,
    pub unverified: usize,
    /// Figures whose source has no article at hand: not checked, and no failure unless the
    /// run asked for that source.
    pub unchecked: usize,
    /// Of the unchecked: those of a source the run asked for.
    pub unchecked_asked: usize,
    pub reviewed: usize,
    /// Reviewed facts, listed apart.
    pub reviewed_lines: Vec<String>,
}

impl Report {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} facts, {} figures: {} verified, {} unverified, {} reviewed",
            self.facts, self.figures, self.verified, self.unverified, self.reviewed
        );
        if self.unchecked > 0 {
            let _ = write!(s, ", {} not checked (no article at hand)", self.unchecked);
        }
        s
    }

    /// Whether the run failed: a figure that does not verify, or one of a source the run
    /// asked for whose article is missing.
    pub fn failed(&self) -> bool {
        self.unverified > 0 || self.unchecked_asked > 0
    }
}

/// What was wrong with the closest reading of a fact's figure.
#[derive(Debug)]
pub struct Failure {
    /// The path of the field to point at: `value`, `growth`, `base`, `year`, `name`.
    pub field: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

/// The outcome of one fact.
#[derive(Debug)]
pub enum Outcome {
    Verified,
    Failed(Failure),
}
