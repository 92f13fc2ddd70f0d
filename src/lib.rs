//! brief: typeset Chinese PDF briefings (简报) about regions, from a YAML fact base.
//!
//! Data flows one way: [`facts`] (the validated fact base) → [`render`] (minijinja templates
//! producing Typst source) → [`typst`] (the typst CLI producing a PDF) → [`output`] (files,
//! written whole). [`config`] and [`date`] resolve the settings before any work; the commands
//! live in [`cmd`], one file each.

pub mod article;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod date;
pub mod error;
pub mod facts;
mod memory;
pub mod output;
mod par;
pub mod render;
pub mod signals;
pub mod typst;

use anyhow::Result;

use cli::{Cli, Command};

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    signals::install();
    let code = match cli.command {
        Some(Command::Check { data, templates }) => {
            cmd::check::run(&data.data, templates.as_deref())
        }
        Some(Command::Regions { data, format }) => cmd::regions::run(&data.data, format),
        Some(Command::Audiences { templates, format }) => {
            cmd::audiences::run(templates.as_deref(), format)
        }
        Some(Command::Build(args)) => cmd::build::run(&args),
        Some(Command::Verify(args)) => cmd::verify::run(&args),
        Some(Command::Extract(args)) => cmd::extract::run(&args),
        Some(Command::Manifest(cli::ManifestCommand::Merge { parts, output })) => {
            cmd::manifest::merge(&parts, &output)
        }
        None => cmd::render::run(&cli.render),
    };
    match code {
        Err(e) if e.is::<typst::Interrupted>() => Ok(130),
        Ok(_) | Err(_) if signals::interrupted() => Ok(130),
        other => other,
    }
}

/// `1 region`, `8 regions`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
