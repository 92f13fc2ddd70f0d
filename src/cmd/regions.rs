//! `brief regions`: list the regions of the fact base.

use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::cli::Format;

pub fn run(dir: &Path, format: Format) -> Result<()> {
    crate::output::require_stdout("the list of regions")?;
    let base = crate::config::load_facts(dir)?;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let list: Vec<_> = base
                .regions
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "name": r.name,
                        "short": r.short,
                        "level": r.level.as_str(),
                        "parent": r.parent,
                        "province": r.province,
                        "aliases": r.aliases,
                        "facts": r.facts.len(),
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        }
        Format::Text => {
            let rows: Vec<[String; 6]> = base
                .regions
                .iter()
                .map(|r| {
                    [
                        r.id.clone(),
                        r.name.clone(),
                        r.short.clone(),
                        r.level.as_str().to_string(),
                        r.parent
                            .clone()
                            .or_else(|| r.province.clone())
                            .unwrap_or_default(),
                        r.facts.len().to_string(),
                    ]
                })
                .collect();
            let header = ["id", "name", "short", "level", "parent", "facts"].map(String::from);
            let mut widths = [0usize; 6];
            for row in std::iter::once(&header).chain(&rows) {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(width(cell));
                }
            }
            for row in std::iter::once(&header).chain(&rows) {
                let mut line = String::new();
                for (i, cell) in row.iter().enumerate() {
                    if i == 5 {
                        line.push_str(&" ".repeat(widths[i] - width(cell)));
                        line.push_str(cell);
                    } else {
                        line.push_str(cell);
                        line.push_str(&" ".repeat(widths[i] - width(cell) + 2));
                    }
                }
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    drop(out);
    crate::say!("data: {}", dir.display());
    Ok(())
}

/// Display width in a terminal: CJK and full-width characters take two columns.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn widths() {
        assert_eq!(super::width("luxi"), 4);
        assert_eq!(super::width("芦溪县"), 6);
        assert_eq!(super::width("（一）"), 6);
    }
}
