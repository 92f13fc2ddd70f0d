//! `brief audiences`: the readers the templates define, in their order.

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::cli::Format;
use crate::render::Audiences;

pub fn run(templates: Option<&Path>, format: Format) -> Result<()> {
    crate::output::require_stdout("the list of audiences")?;
    let audiences = Audiences::load(templates)?;
    let exists = |name: &str| match templates {
        Some(dir) => dir.join(name).is_file(),
        None => false,
    };
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&audiences.list)?)?;
        }
        Format::Text => {
            let from = audiences
                .file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "built in".into());
            writeln!(out, "audiences ({from}):")?;
            for a in &audiences.list {
                let sections: Vec<&str> = a.sections.iter().map(|s| s.heading.as_str()).collect();
                writeln!(
                    out,
                    "{:<12} {}  template {}  sections: {}",
                    a.id.as_str(),
                    a.title,
                    a.template(exists),
                    sections.join("、")
                )?;
            }
        }
    }
    Ok(())
}
