//! A city's parts: a table of the headline figures most of them share, or a sentence for
//! each part of a city with too little of its own; for the tourism reader, their graded
//! scenic areas.

use serde::Serialize;

use super::audiences::Reader;
use super::format::what;
use super::plan::{has_figure, own_figures, paragraphs, MIN_FIGURES};
use super::table::{Row, Table};
use super::view::FactView;
use super::write::{Opening, Sentence, Writer};
use crate::facts::{Fact, FactBase, Kind, Region};

/// A city's parts: the headline figures at least half of them share as columns, or, where
/// those make no table of three rows and the city has too little of its own to be issued, a
/// sentence for each part.
#[derive(Debug, Clone, Serialize)]
pub struct Parts {
    pub table: Option<Table>,
    pub sentences: Vec<Vec<Sentence>>,
    /// The figures the parts block prints.
    pub figures: usize,
}

/// A part's headline figures for the reader, in the order of `keys`.
fn headline_facts<'a>(r: &'a Region, keys: &[String], reader: Reader) -> Vec<&'a Fact> {
    keys.iter()
        .filter_map(|k| {
            r.facts
                .iter()
                .find(|f| f.key.as_deref() == Some(k.as_str()) && reader.serves(f) && has_figure(f))
        })
        .collect()
}

pub(crate) fn parts(base: &FactBase, region: &Region, reader: Reader, scenic: bool) -> Parts {
    let children = base.children(&region.id);
    let keys = &reader.def.headline;
    let headline = |r| headline_facts(r, keys, reader);
    let vocab = &base.vocab;
    let mut figures = 0;
    if scenic {
        let mut sentences = Vec::new();
        for c in &children {
            // An area the city's own pages name at its grade (武功山景区, 5A) is not named
            // again as a part's (萍乡武功山).
            let graded: Vec<&Fact> = c
                .facts
                .iter()
                .filter(|f| f.kind == Kind::Scenic && f.grade.is_some() && reader.serves(f))
                .filter(|f| {
                    !region.facts.iter().any(|g| {
                        g.kind == Kind::Scenic
                            && g.grade == f.grade
                            && same_area(&g.name, &f.name, &[&region.short])
                    })
                })
                .collect();
            let w = Writer::new(base, c);
            let mut said = w.names(Kind::Scenic, &graded);
            figures += graded.len();
            sentences.append(&mut said);
        }
        let w = Writer::new(base, region);
        return Parts {
            table: None,
            sentences: paragraphs(&w, sentences),
            figures,
        };
    }
    let columns: Vec<(String, String)> = keys
        .iter()
        .filter_map(|k| {
            let with: Vec<&Fact> = children
                .iter()
                .filter_map(|c| {
                    headline(c)
                        .into_iter()
                        .find(|f| f.key.as_deref() == Some(k.as_str()))
                })
                .collect();
            (with.len() >= 3 && 2 * with.len() >= children.len())
                .then(|| (k.to_string(), what(with[0])))
        })
        .collect();
    if !columns.is_empty() {
        let mut rows = Vec::new();
        for c in &children {
            let h = headline(c);
            let cells: Vec<Option<&&Fact>> = columns
                .iter()
                .map(|(k, _)| h.iter().find(|f| f.key.as_deref() == Some(k.as_str())))
                .collect();
            if cells.iter().all(Option::is_none) {
                continue;
            }
            let source = cells
                .iter()
                .flatten()
                .next()
                .map(|f| f.source.clone())
                .unwrap_or_default();
            let mut row = vec![c.name.clone()];
            for cell in &cells {
                row.push(match cell {
                    Some(f) => {
                        figures += 1;
                        FactView::new(f, vocab).figure.unwrap_or_default()
                    }
                    None => "—".into(),
                });
            }
            rows.push(Row { cells: row, source });
        }
        if rows.len() >= 3 {
            let mut header = vec!["名称".to_string()];
            header.extend(columns.iter().map(|(_, h)| h.clone()));
            let n = header.len();
            return Parts {
                table: Some(Table {
                    source: None,
                    header,
                    widths: std::iter::once("1.4fr".to_string())
                        .chain(std::iter::repeat_n("1fr".to_string(), n - 1))
                        .collect(),
                    aligns: std::iter::once("left".to_string())
                        .chain(std::iter::repeat_n("right".to_string(), n - 1))
                        .collect(),
                    rows,
                }),
                sentences: Vec::new(),
                figures,
            };
        }
        figures = 0;
    }
    // Where too few parts share the headline figures for a table, a sentence for each part
    // is said only of a city with too little of its own to be issued: beside a city's own
    // pages, two districts' figures would only repeat their own briefings, and read as if the
    // city had no others.
    let min = reader.def.min_figures.unwrap_or(MIN_FIGURES);
    let own = own_figures(region, reader);
    if own >= min && own > 0 {
        return Parts {
            table: None,
            sentences: Vec::new(),
            figures: 0,
        };
    }
    let mut sentences = Vec::new();
    for c in &children {
        let h = headline(c);
        if h.is_empty() {
            continue;
        }
        let w = Writer::new(base, c);
        figures += h.len();
        // A part's headline figures in one sentence: 新签约项目34个，签约资金319.9亿元.
        sentences.extend(w.figures(&h, h.len(), Opening::Name, false));
    }
    let w = Writer::new(base, region);
    Parts {
        table: None,
        sentences: paragraphs(&w, sentences),
        figures,
    }
}

/// Whether two names of scenic areas name one area: the same core once the regions' short
/// names and the words for a scenic area are taken off (萍乡武功山, 武功山景区: 武功山).
fn same_area(a: &str, b: &str, shorts: &[&str]) -> bool {
    let core = |n: &str| -> String {
        let mut n = n.to_string();
        for s in shorts.iter().filter(|s| !s.is_empty()) {
            n = n.replace(*s, "");
        }
        for end in ["风景名胜区", "旅游景区", "景区", "风景区"] {
            if let Some(x) = n.strip_suffix(end) {
                n = x.to_string();
            }
        }
        n
    };
    let (x, y) = (core(a), core(b));
    x.chars().count() >= 2 && x == y
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_area_by_two_names() {
        assert!(super::same_area("萍乡武功山", "武功山景区", &["萍乡"]));
        assert!(!super::same_area("杨岐山景区", "武功山景区", &["萍乡"]));
        assert!(!super::same_area("景区", "萍乡景区", &["萍乡"]));
    }
}
