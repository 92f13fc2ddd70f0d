//! Finding a region by what a user types: id, full name, short name or alias.

use super::{FactBase, Region};

/// Why a region name did not resolve.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error("unknown region \"{query}\"{}", known_list(.closest))]
    Unknown { query: String, closest: Vec<String> },
    #[error("region \"{query}\" is ambiguous: it could be {}", .matches.join(", "))]
    Ambiguous { query: String, matches: Vec<String> },
}

fn known_list(closest: &[String]) -> String {
    if closest.is_empty() {
        String::new()
    } else {
        format!(" (closest: {})", closest.join(", "))
    }
}

impl FactBase {
    /// Finds a region by id, full name, short name or alias; an exact match beats a prefix.
    pub fn find(&self, query: &str) -> Result<&Region, LookupError> {
        let query = query.trim();
        let names = |r: &Region| {
            let mut v = vec![r.id.clone(), r.name.clone(), r.short.clone()];
            v.extend(r.aliases.iter().cloned());
            v
        };
        let exact: Vec<&Region> = self
            .regions
            .iter()
            .filter(|r| names(r).iter().any(|n| n == query))
            .collect();
        if exact.len() == 1 {
            return Ok(exact[0]);
        }
        let candidates = if exact.is_empty() {
            self.regions
                .iter()
                .filter(|r| !query.is_empty() && names(r).iter().any(|n| n.starts_with(query)))
                .collect()
        } else {
            exact
        };
        match candidates.len() {
            1 => Ok(candidates[0]),
            0 => {
                let mut scored: Vec<(f64, &str)> = self
                    .regions
                    .iter()
                    .flat_map(|r| {
                        names(r).into_iter().map(move |n| {
                            (strsim::normalized_levenshtein(query, &n), r.short.as_str())
                        })
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0));
                let mut closest = Vec::new();
                for (score, short) in scored {
                    if score > 0.0 && !closest.iter().any(|c: &String| c == short) {
                        closest.push(short.to_string());
                    }
                    if closest.len() == 3 {
                        break;
                    }
                }
                Err(LookupError::Unknown {
                    query: query.to_string(),
                    closest,
                })
            }
            _ => Err(LookupError::Ambiguous {
                query: query.to_string(),
                matches: candidates
                    .iter()
                    .map(|r| format!("{} ({})", r.name, r.id))
                    .collect(),
            }),
        }
    }
}
