//! The typst CLI: finding or installing it ([`locate`]), the fonts a text needs ([`fonts`]),
//! and running it confined ([`run`]).

pub mod fonts;
pub mod locate;
pub mod run;
pub mod standard;

use std::path::PathBuf;

pub use crate::error::Interrupted;
pub use fonts::{Coverage, FontNeeds};
pub use locate::find;
pub use run::{
    compile, compile_bundle, thumbnails, CompileOptions, Compiled, Running, THUMBNAIL_PPI,
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
    /// As `typst --version` prints it: `typst 0.15.1 (…)`.
    pub version: String,
}
