//! The typst CLI: finding or installing it ([`locate`]), the fonts a text needs ([`fonts`]),
//! and running it confined ([`run`]).

pub mod bundled;
pub mod download;
pub mod fonts;
pub mod locate;
pub mod reap;
pub mod run;
pub mod standard;

use std::path::PathBuf;

pub use crate::error::Interrupted;
pub use fonts::{Coverage, FontNeeds};
pub use locate::find;
pub use run::{
    check_size, compile, compile_bundle, thumbnails, CompileOptions, Compiled, Running,
    THUMBNAIL_PPI,
};
pub use standard::PdfStandard;

/// The typst-cli release brief is written for.
pub const TYPST_VERSION: &str = "0.15.1";
/// Any patch release of this minor version is accepted on `PATH`.
pub const TYPST_MINOR: &str = "0.15.";

/// A typst binary brief has checked.
#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    /// As `typst --version` prints it: `typst 0.15.1 (…)`; empty until asked for the typst
    /// of brief's cache ([`Typst::asked`]).
    pub version: String,
}

impl Typst {
    /// This typst with its version as the binary itself gives it, for what records it (a
    /// build's manifest and hashes): never a string brief made up.
    pub fn asked(mut self) -> anyhow::Result<Typst> {
        if self.version.is_empty() {
            self.version = locate::version_of(&self.path)?;
        }
        Ok(self)
    }
}
