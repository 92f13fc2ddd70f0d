//! The command line: clap types only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::facts::Audience;
use crate::manifest::Shard;
use crate::typst::PdfStandard;

const EXAMPLES: &str = "\
Examples:
  brief init my-office                            makes a new office's directory
  brief --region 芦溪 --audience investor          writes out/luxi-investor.pdf
  brief --region luxi --audience policy --emit typ -o -
  brief check                                     validates data/
  brief regions --format json
  brief build -j 2                                renders every briefing into out/
  brief watch -r 芦溪 -a investor                  renders again on every change";

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "Typeset Chinese PDF briefings (简报) about regions, from a YAML fact base",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub render: RenderArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new office's directory: a fact base (office.yaml, sources, vocabulary, an example
    /// region), its article and a README
    Init {
        /// The directory: a new one, or an empty one
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
    /// Validate the fact base and report every problem as file:line:column
    Check {
        #[command(flatten)]
        data: DataArgs,
        /// Templates that override the built-in ones (their audiences are the ids a fact's
        /// `audiences` may name)
        #[arg(long, value_name = "DIR", env = "BRIEF_TEMPLATES")]
        templates: Option<PathBuf>,
    },
    /// List the regions of the fact base
    Regions {
        #[command(flatten)]
        data: DataArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List the audiences the templates define (`templates/audiences.yaml`)
    Audiences {
        /// Templates that override the built-in ones, file by file
        #[arg(long, value_name = "DIR", env = "BRIEF_TEMPLATES")]
        templates: Option<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Render every briefing (or those selected) into a directory, skipping what is up to date
    Build(Box<BuildArgs>),
    /// Check every figure of the fact base against the article it cites
    Verify(VerifyArgs),
    /// Print draft facts (YAML) for every figure of an article
    Extract(ExtractArgs),
    /// Render one briefing, then again whenever the fact base or the templates change
    /// (Ctrl-C ends it)
    Watch(Box<RenderArgs>),
    /// Work with build manifests
    #[command(subcommand)]
    Manifest(ManifestCommand),
}

#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Join the manifest parts of `brief build --shard K/N` runs into one manifest (and write
    /// index.html beside it)
    Merge {
        /// The parts: manifest.K-of-N.json, one per shard
        #[arg(required = true, value_name = "PART")]
        parts: Vec<PathBuf>,
        /// The merged manifest
        #[arg(long, short = 'o', value_name = "PATH")]
        output: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    /// A typeset PDF
    Pdf,
    /// The generated Typst source
    Typ,
}

/// One value of `--pdf-standard`: a standard, or `none` for a plain PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfChoice {
    None,
    Standard(PdfStandard),
}

/// `none`, then every standard typst knows.
static PDF_CHOICES: [PdfChoice; 18] = {
    let mut all = [PdfChoice::None; 18];
    let mut i = 0;
    while i < PdfStandard::ALL.len() {
        all[i + 1] = PdfChoice::Standard(PdfStandard::ALL[i]);
        i += 1;
    }
    all
};

impl ValueEnum for PdfChoice {
    fn value_variants<'a>() -> &'a [Self] {
        &PDF_CHOICES
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            PdfChoice::None => "none",
            PdfChoice::Standard(s) => s.as_str(),
        }))
    }
}

#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// The fact base directory
    #[arg(long, value_name = "DIR", env = "BRIEF_DATA", default_value = "data")]
    pub data: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct TypstArgs {
    /// Templates that override the built-in ones, file by file
    #[arg(long, value_name = "DIR", env = "BRIEF_TEMPLATES")]
    pub templates: Option<PathBuf>,

    /// Issue a briefing only when its region has at least N figures of its own for the
    /// reader (default: the audience's `min_figures` in audiences.yaml, else 8)
    #[arg(long, value_name = "N", env = "BRIEF_MIN_FIGURES")]
    pub min_figures: Option<usize>,

    /// The typst binary (default: a typst 0.15 on PATH, else brief's cache, else installed there)
    #[arg(long, value_name = "PATH", env = "BRIEF_TYPST")]
    pub typst: Option<PathBuf>,

    /// The font directory (default: the fonts built into brief, unpacked into its cache)
    #[arg(long, value_name = "DIR", env = "BRIEF_FONTS")]
    pub fonts: Option<PathBuf>,

    /// Never install typst; fail with the install command instead
    #[arg(long)]
    pub offline: bool,

    /// The generation date printed on the briefing, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// PDF standards the PDF must conform to, passed to typst (repeatable): a-2b, a-3u, ua-1 …;
    /// `none` for a plain PDF
    #[arg(
        long,
        value_name = "STANDARD",
        env = "BRIEF_PDF_STANDARD",
        value_delimiter = ',',
        value_enum
    )]
    pub pdf_standard: Vec<PdfChoice>,

    /// Seconds a typst run may take before it is stopped
    #[arg(
        long,
        value_name = "SECONDS",
        env = "BRIEF_TIMEOUT",
        default_value_t = 120
    )]
    pub timeout: u64,
}

#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// The region: its id (luxi), full name (芦溪县) or short name (芦溪)
    #[arg(long, short = 'r', required = true)]
    pub region: Option<String>,

    /// Who the briefing is for: an audience of the templates (`brief audiences`)
    #[arg(long, short = 'a', required = true)]
    pub audience: Option<Audience>,

    /// Where to write (default: out/<region-id>-<audience>.pdf, or .typ); `-` for stdout
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// What to write
    #[arg(long, value_enum, default_value_t = Emit::Pdf)]
    pub emit: Emit,

    #[command(flatten)]
    pub data: DataArgs,

    #[command(flatten)]
    pub typst: TypstArgs,
}

/// Briefings per typst bundle run in `brief build` (see bench/RESULTS.md).
pub const DEFAULT_BUNDLE_SIZE: u32 = 24;

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Only these regions (repeatable)
    #[arg(long, short = 'r', value_name = "REGION")]
    pub region: Vec<String>,

    /// Only these audiences (repeatable)
    #[arg(long, short = 'a', value_name = "AUDIENCE")]
    pub audience: Vec<Audience>,

    /// The output directory
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// How many typst processes run at once (default: the number of cores)
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Rebuild even what is up to date
    #[arg(long)]
    pub force: bool,

    /// Compile each briefing in a typst run of its own, `-j` at a time, instead of bundles of
    /// up to --bundle-size briefings per typst run (typst's bundle export, the default: fonts
    /// load once per bundle; a failed bundle falls back to one run per briefing)
    #[arg(long)]
    pub no_bundle: bool,

    /// Briefings per typst bundle run; bounds each typst process's memory
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BUNDLE_SIZE, value_parser = clap::value_parser!(u32).range(1..=500))]
    pub bundle_size: u32,

    /// What to write: PDFs, or only the generated Typst sources (no typst is run)
    #[arg(long, value_enum, default_value_t = Emit::Pdf)]
    pub emit: Emit,

    /// Build only the K-th of N shares of the regions (K from 0), with the manifest part
    /// manifest.K-of-N.json; join the parts with `brief manifest merge`
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,

    /// Print only failures and the summary
    #[arg(long, short = 'q')]
    pub quiet: bool,

    #[command(flatten)]
    pub data: DataArgs,

    #[command(flatten)]
    pub typst: TypstArgs,
}

#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// The directory holding the articles that sources.yaml names (`file:`)
    #[arg(
        long,
        value_name = "DIR",
        env = "BRIEF_ARTICLES",
        default_value = "articles"
    )]
    pub articles: PathBuf,

    /// Only the figures citing this source (its article must be at hand)
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,

    /// Only the figures of this region (its id)
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// The article's text file (UTF-8)
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,

    /// The id of the article in sources.yaml; drafts cite it
    #[arg(long, value_name = "ID")]
    pub source: String,

    /// The region the drafts are for, existing or about to be written (noted in the header)
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,

    #[command(flatten)]
    pub data: DataArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
