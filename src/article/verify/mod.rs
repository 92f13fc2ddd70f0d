//! `brief verify`: every figure of the fact base against the article it cites — this figure,
//! of this thing, in this year, as the article prints it.
//!
//! A fact verifies when its article has a figure with its digits, unit and qualifier whose
//! clause names the fact's subject (its name's words, or a word the vocabulary lists for its
//! key), whose change and base are the fact's, and whose sentence names the fact's year (or,
//! naming none, the article reports on that year). A clause that names another fact of the
//! same article better than this one is that fact's, not this one's.
//!
//! This module runs the check over a fact base; `articles` reads each cited article once,
//! `check` checks one fact, `names` matches names with clauses, `report` holds the outcome.

use std::fmt::Write as _;
use std::path::Path;

use crate::article::figure::display_figure;
use crate::facts::positions::PosIndex;
use crate::facts::{Fact, FactBase, Number, Vocabulary};

mod articles;
mod check;
mod claims;
mod names;
mod period;
mod report;
#[cfg(test)]
mod tests_period;

pub use articles::{Articles, Loaded};
pub use check::check_fact;
pub use names::Names;
pub use report::{Failure, Outcome, Report};

/// Which facts a run checks.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only the facts citing this source.
    pub source: Option<String>,
    /// Only the facts of this region.
    pub region: Option<String>,
}

pub fn run(base: &FactBase, articles: &Path, filter: &Filter) -> Report {
    let mut report = Report::default();
    let mut store = Articles::new(base, articles);
    let names = Names::new(base);
    let mut source_lines: Vec<String> = Vec::new();
    let mut reported: Vec<String> = Vec::new();
    for (ri, region) in base.regions.iter().enumerate() {
        if filter.region.as_ref().is_some_and(|r| *r != region.id) {
            continue;
        }
        let text = std::fs::read_to_string(&region.file).unwrap_or_default();
        let pos = PosIndex::build(&text);
        for (i, fact) in region.facts.iter().enumerate() {
            if filter.source.as_ref().is_some_and(|s| *s != fact.source) {
                continue;
            }
            report.facts += 1;
            if fact.value.is_none() && fact.growth.is_none() {
                continue;
            }
            report.figures += 1;
            let at = |field: &str| {
                let idx = i.to_string();
                let (l, c) = pos.get(&["facts", &idx, field]);
                format!("{}:{l}:{c}", region.file.display())
            };
            let Some(source) = base.source(&fact.source) else {
                report.unverified += 1;
                report.lines.push(format!(
                    "{}: source {} is not in sources.yaml\n  hint: run `brief check`",
                    at("source"),
                    crate::facts::shown(&fact.source)
                ));
                continue;
            };
            let loaded = match store.get(source) {
                Ok(l) => l,
                Err(msg) => {
                    if !reported.contains(&source.id) {
                        reported.push(source.id.clone());
                        source_lines.push(msg.clone());
                    }
                    if fact.reviewed.is_some() {
                        report.reviewed += 1;
                    } else {
                        report.unchecked += 1;
                        if filter.source.is_some() {
                            report.unchecked_asked += 1;
                        }
                    }
                    continue;
                }
            };
            let outcome = check_fact(base, &names, (ri, i), fact, source, loaded);
            if let Some(reason) = &fact.reviewed {
                report.reviewed += 1;
                let mut line = format!(
                    "{}: {} — {reason}",
                    at("reviewed"),
                    fact_figure(fact, &base.vocab)
                );
                if matches!(outcome, Outcome::Verified) {
                    line.push_str(
                        "\n  note: this figure now verifies; the `reviewed` field can go",
                    );
                }
                report.reviewed_lines.push(line);
                continue;
            }
            match outcome {
                Outcome::Verified => report.verified += 1,
                Outcome::Failed(f) => {
                    report.unverified += 1;
                    let mut line = format!("{}: {}", at(f.field), f.message);
                    if let Some(h) = f.hint {
                        let _ = write!(line, "\n  hint: {h}");
                    }
                    report.lines.push(line);
                }
            }
        }
    }
    // Problems of sources come first: they explain every figure they leave unchecked.
    let mut lines = source_lines;
    lines.append(&mut report.lines);
    report.lines = lines;
    report
}

/// The fact's figure as printed: 预计142亿元, or its growth when it has no value.
pub fn fact_figure(fact: &Fact, vocab: &Vocabulary) -> String {
    let shown = |n: &Number, u: &str, q: Option<&str>| {
        display_figure(
            n.text(),
            u,
            q.and_then(|q| vocab.qualifier_place(q).map(|p| (q, p))),
        )
    };
    if let (Some(v), Some(u)) = (&fact.value, fact.unit.as_deref()) {
        shown(v, u, fact.qualifier.as_deref())
    } else if let Some(g) = &fact.growth {
        format!(
            "growth {}",
            shown(&g.value, &g.unit, g.qualifier.as_deref())
        )
    } else {
        String::new()
    }
}
