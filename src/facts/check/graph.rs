//! What spans regions: unique ids and names, parents that exist, no cycles.

use std::collections::{BTreeMap, HashMap};

use super::super::positions::PosIndex;
use super::super::{Diagnostic, Region};
use super::{shown, Checker};

/// What spans regions: unique ids and names, parents that exist, no cycles.
pub fn graph(problems: &mut Vec<Diagnostic>, regions: &[Region], positions: &[PosIndex]) {
    let mut names: BTreeMap<String, (usize, &'static str)> = BTreeMap::new();
    for (i, r) in regions.iter().enumerate() {
        let mut c = Checker {
            file: &r.file,
            pos: &positions[i],
            problems,
        };
        let mut own = vec![
            ("id", r.id.clone()),
            ("name", r.name.clone()),
            ("short", r.short.clone()),
        ];
        own.extend(r.aliases.iter().map(|a| ("aliases", a.clone())));
        own.dedup_by(|a, b| a.1 == b.1);
        for (field, n) in own {
            if let Some((j, other_field)) = names.get(&n) {
                if *j != i {
                    c.error(
                        &[field],
                        format!(
                            "{field} `{}` is already the {other_field} of {}",
                            shown(&n),
                            regions[*j].file.display()
                        ),
                        Some(
                            "ids, names, short names and aliases must be unique across regions"
                                .into(),
                        ),
                    );
                }
            } else {
                names.insert(n, (i, field));
            }
        }
    }
    // Parents: each region's chain up, walked once for all regions (a region already known
    // to reach the top, or a loop, ends the walk), so that a deep chain costs its length.
    let index: HashMap<&str, usize> = regions
        .iter()
        .enumerate()
        .rev()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let parent_of = |i: usize| {
        regions[i]
            .parent
            .as_deref()
            .and_then(|p| index.get(p).copied())
    };
    #[derive(Clone, Copy, PartialEq)]
    enum Walk {
        Unknown,
        OnPath,
        Top,
        Loops,
    }
    let mut state = vec![Walk::Unknown; regions.len()];
    for start in 0..regions.len() {
        let mut path = Vec::new();
        let mut at = start;
        let end = loop {
            if state[at] != Walk::Unknown {
                break if state[at] == Walk::OnPath {
                    Walk::Loops
                } else {
                    state[at]
                };
            }
            state[at] = Walk::OnPath;
            path.push(at);
            match parent_of(at) {
                Some(p) => at = p,
                None => break Walk::Top,
            }
        };
        for i in path {
            state[i] = end;
        }
    }
    for (i, r) in regions.iter().enumerate() {
        let Some(parent) = &r.parent else { continue };
        let mut c = Checker {
            file: &r.file,
            pos: &positions[i],
            problems,
        };
        if !index.contains_key(parent.as_str()) {
            c.error(
                &["parent"],
                format!("parent `{}` is not a region", shown(parent)),
                Some("use the id of a region in the regions directory".into()),
            );
            continue;
        }
        if state[i] == Walk::Loops {
            // The chain as far as it shows where it turns back: at most eight regions.
            let mut shown_ids = vec![shown(&r.id)];
            let mut seen = vec![i];
            let mut at = parent_of(i);
            while let Some(p) = at {
                shown_ids.push(shown(&regions[p].id));
                if seen.contains(&p) {
                    break;
                }
                if shown_ids.len() >= 8 {
                    shown_ids.push("…".into());
                    break;
                }
                seen.push(p);
                at = parent_of(p);
            }
            c.error(
                &["parent"],
                format!("parent chain loops: {}", shown_ids.join(" → ")),
                Some("a region's parent must lead up to a region with a province".into()),
            );
        }
    }
}
