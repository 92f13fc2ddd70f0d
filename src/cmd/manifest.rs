//! `brief manifest merge PARTS... -o PATH`: one manifest from the parts of an N-shard build
//! ([`crate::manifest::merge`]), with the catalogue page beside it.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::catalogue::{write_index, INDEX};
use crate::manifest::merge::merge as join;
use crate::output::{parent_dir, Links, Output};
use crate::{plural, say};

pub fn merge(parts: &[PathBuf], output: &Path) -> Result<()> {
    let manifest = join(parts)?;
    let out = Output::at(output, Links::Follow)?;
    out.write(manifest.to_json()?.as_bytes())?;
    // The catalogue goes beside a manifest file; a manifest sent to standard output or a
    // device has no folder of its own, and no file the user did not name is written.
    if !matches!(out, Output::File { .. }) {
        say!(
            "merged {} parts: {} to {}",
            parts.len(),
            plural(manifest.briefings.len(), "briefing"),
            out.display()
        );
        return Ok(());
    }
    let dir = parent_dir(output);
    write_index(dir, &manifest)?;
    say!(
        "merged {} parts: {} in {} (and {})",
        parts.len(),
        plural(manifest.briefings.len(), "briefing"),
        output.display(),
        dir.join(INDEX).display()
    );
    Ok(())
}
