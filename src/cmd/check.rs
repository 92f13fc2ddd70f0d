//! `brief check`: validate the fact base and report every problem as file:line:column.

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::error::Reported;
use crate::facts::{self, Severity};

pub fn run(dir: &Path, templates: Option<&Path>) -> Result<()> {
    let dir = crate::config::data_dir(dir)?;
    let audiences = crate::render::Audiences::load(templates)?;
    let (base, mut problems) = facts::load_unchecked(&dir);
    if let Some(base) = &base {
        problems.extend(audiences.check_facts(base));
    }
    for p in &problems {
        crate::say!("{p}");
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if errors > 0 || base.is_none() {
        crate::say!(
            "error: the fact base {} has {}{}",
            dir.display(),
            crate::plural(errors, "problem"),
            if warnings > 0 {
                format!(" and {}", crate::plural(warnings, "warning"))
            } else {
                String::new()
            }
        );
        return Err(Reported.into());
    }
    let base = base.expect("a fact base without errors");
    let facts: usize = base.regions.iter().map(|r| r.facts.len()).sum();
    writeln!(
        std::io::stdout(),
        "ok: {}, {}, {} in {}{}",
        crate::plural(base.regions.len(), "region"),
        crate::plural(facts, "fact"),
        crate::plural(base.sources.len(), "source"),
        dir.display(),
        if warnings > 0 {
            format!(" ({})", crate::plural(warnings, "warning"))
        } else {
            String::new()
        }
    )?;
    Ok(())
}
