//! The PDF standards typst can conform to, as a type: what `--pdf-standard` takes.

use std::fmt;

/// One PDF standard of typst 0.15's `--pdf-standard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PdfStandard {
    V14,
    V15,
    V16,
    V17,
    V20,
    A1b,
    A1a,
    A2b,
    A2u,
    A2a,
    A3b,
    A3u,
    A3a,
    A4,
    A4f,
    A4e,
    Ua1,
}

impl PdfStandard {
    pub const ALL: [PdfStandard; 17] = [
        PdfStandard::V14,
        PdfStandard::V15,
        PdfStandard::V16,
        PdfStandard::V17,
        PdfStandard::V20,
        PdfStandard::A1b,
        PdfStandard::A1a,
        PdfStandard::A2b,
        PdfStandard::A2u,
        PdfStandard::A2a,
        PdfStandard::A3b,
        PdfStandard::A3u,
        PdfStandard::A3a,
        PdfStandard::A4,
        PdfStandard::A4f,
        PdfStandard::A4e,
        PdfStandard::Ua1,
    ];

    /// The name typst takes: `a-2b`, `ua-1`, `1.7` …
    pub fn as_str(self) -> &'static str {
        match self {
            PdfStandard::V14 => "1.4",
            PdfStandard::V15 => "1.5",
            PdfStandard::V16 => "1.6",
            PdfStandard::V17 => "1.7",
            PdfStandard::V20 => "2.0",
            PdfStandard::A1b => "a-1b",
            PdfStandard::A1a => "a-1a",
            PdfStandard::A2b => "a-2b",
            PdfStandard::A2u => "a-2u",
            PdfStandard::A2a => "a-2a",
            PdfStandard::A3b => "a-3b",
            PdfStandard::A3u => "a-3u",
            PdfStandard::A3a => "a-3a",
            PdfStandard::A4 => "a-4",
            PdfStandard::A4f => "a-4f",
            PdfStandard::A4e => "a-4e",
            PdfStandard::Ua1 => "ua-1",
        }
    }
}

impl fmt::Display for PdfStandard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The PDF standards of `brief build` when `--pdf-standard` is not given: PDF/A-2b for the
/// archive and PDF/UA-1 for screen readers (`--pdf-standard none` for neither).
pub const BUILD_DEFAULT: [PdfStandard; 2] = [PdfStandard::A2b, PdfStandard::Ua1];

/// `a-2b,ua-1`, as the input hash of a build records them.
pub fn joined(standards: &[PdfStandard]) -> String {
    standards
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}
