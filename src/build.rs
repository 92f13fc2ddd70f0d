//! Batch regeneration: `brief build`.

use anyhow::{bail, Result};

use crate::cli::BuildArgs;

pub fn run(_args: &BuildArgs) -> Result<i32> {
    bail!("brief build is not implemented yet")
}
