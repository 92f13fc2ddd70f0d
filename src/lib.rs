//! brief: typeset Chinese PDF briefings (简报) about regions, from a YAML fact base.
//!
//! Data flows one way: [`facts`] (the validated fact base) → [`render`] (minijinja templates
//! producing Typst source) → [`typst`] (the typst CLI producing a PDF) → [`output`] (files,
//! written whole). [`config`] and [`date`] resolve the settings before any work; [`input`] reads
//! every file brief reads whole; [`manifest`] and [`catalogue`] are what a build records and
//! shows; the commands live in [`cmd`], one file each.

pub mod article;
pub mod catalogue;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod date;
pub mod error;
pub mod facts;
pub mod input;
pub mod manifest;
pub mod memory;
pub mod output;
mod par;
pub mod render;
pub mod signals;
pub mod thumbmark;
pub mod typst;

use anyhow::Result;

use cli::{Cli, Command, ManifestCommand};
use config::{Build, Render};
use error::Interrupted;

/// Runs the command line: its settings resolved first, then the command. The exit status is
/// [`error::code`]'s.
pub fn run(cli: Cli) -> Result<()> {
    signals::install();
    typst::reap::init();
    let result = match cli.command {
        Some(Command::Init { dir }) => cmd::init::run(&dir),
        Some(Command::Check { data, templates }) => {
            cmd::check::run(&data.data, templates.as_deref())
        }
        Some(Command::Regions { data, format }) => cmd::regions::run(&data.data, format),
        Some(Command::Audiences { templates, format }) => {
            cmd::audiences::run(templates.as_deref(), format)
        }
        Some(Command::Build(args)) => Build::resolve(&args).and_then(|s| cmd::build::run(&s)),
        Some(Command::Watch(args)) => Render::resolve(&args).and_then(|s| cmd::watch::run(&s)),
        Some(Command::Verify(args)) => cmd::verify::run(&args),
        Some(Command::Extract(args)) => cmd::extract::run(&args),
        Some(Command::Manifest(ManifestCommand::Merge { parts, output })) => {
            cmd::manifest::merge(&parts, &output)
        }
        None => Render::resolve(&cli.render).and_then(|s| cmd::render::run(&s)),
    };
    // What typst runs (and `typst --version`) left behind outside their process groups.
    typst::reap::sweep();
    if signals::interrupted() {
        return Err(Interrupted.into());
    }
    result
}

/// `1 region`, `8 regions`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
