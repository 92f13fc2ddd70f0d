//! The chart of a briefing, where like can be compared with like: one keyed figure across
//! the city's parts (or a part and its siblings), facts that declare one measure in one unit
//! and period, or one figure over three or more years. Otherwise none.

use serde::Serialize;

use super::audiences::Reader;
use super::view::FactView;
use super::write::words::is_year;
use crate::facts::{FactBase, Region};

/// A bar chart of like with like.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// 各区县签约资金（亿元，2022年）
    pub caption: String,
    pub rows: Vec<ChartRow>,
    /// The one article every bar comes from: its marker closes the caption, and the bars
    /// carry none. None when the bars come from several.
    pub source: Option<String>,
    /// The kind of thing its bars are, where all are of one (project): the chart stands in
    /// that kind's section.
    #[serde(skip)]
    pub kind: Option<crate::facts::Kind>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartRow {
    pub label: String,
    pub value: f64,
    /// The figure as printed.
    pub num: String,
    pub source: String,
    pub highlight: bool,
}

/// Chartable: a positive value that is a result (not a goal) in a unit that measures.
pub(crate) fn chartable(f: &FactView) -> bool {
    f.value.is_some_and(|v| v > 0.0)
        && !f.target
        && f.class
            .as_deref()
            .is_some_and(|c| c != crate::facts::vocab::RANK)
}

/// Facts that declare one `measure` (投资 of projects) in one unit and one period: the largest
/// such group of three or more, captioned by what its bars are.
fn measure_chart(base: &FactBase, served: &[FactView]) -> Option<Chart> {
    // One declared measure, one unit, one period.
    type Group = ((String, Option<String>, Option<String>), Vec<FactView>);
    let mut groups: Vec<Group> = Vec::new();
    for f in served
        .iter()
        .filter(|f| chartable(f) && f.measure.is_some())
    {
        let key = (f.measure.clone().unwrap(), f.unit.clone(), f.when.clone());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(f.clone()),
            None => groups.push((key, vec![f.clone()])),
        }
    }
    groups.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    for ((measure, unit, when), facts) in groups {
        // The bars are things (projects, parks), not the region: the caption names what they
        // are where they are of one kind, and never the region's name before their measure.
        let facts_kind = facts
            .first()
            .map(|f| f.kind)
            .filter(|k| facts.iter().all(|f| f.kind == *k));
        let things = facts_kind
            .and_then(|k| base.phrases.chart_things.get(&k))
            .map_or("", String::as_str);
        // A lasting figure of each thing (总投资) is no year's: the caption says no year.
        let lasting = facts
            .iter()
            .all(|f| base.phrases.lasting_stem(&f.name).is_some());
        let when = when.filter(|w| !(lasting && is_year(w)));
        let caption = format!(
            "{things}{measure}（{}{}）",
            unit.unwrap_or_default(),
            when.map(|w| format!("，{w}")).unwrap_or_default()
        );
        let rows = facts
            .into_iter()
            .map(|f| {
                let label = f.label.clone();
                (f, label, false)
            })
            .collect();
        let kind = facts_kind;
        if let Some(c) = chart_from(caption, rows) {
            return Some(Chart { kind, ..c });
        }
    }
    None
}

pub(crate) fn chart_from(caption: String, facts: Vec<(FactView, String, bool)>) -> Option<Chart> {
    if facts.len() < 3 {
        return None;
    }
    let mut rows: Vec<ChartRow> = facts
        .into_iter()
        .map(|(f, label, highlight)| ChartRow {
            label,
            value: f.value.unwrap_or(0.0),
            num: f.num.clone().unwrap_or_default(),
            source: f.source.clone(),
            highlight,
        })
        .collect();
    rows.sort_by(|a, b| b.value.total_cmp(&a.value));
    rows.truncate(10);
    let source = rows
        .iter()
        .all(|r| r.source == rows[0].source)
        .then(|| rows[0].source.clone());
    Some(Chart {
        caption,
        rows,
        source,
        kind: None,
    })
}

/// The briefing's chart, or none where nothing comparable exists. In order: one keyed figure
/// that three or more of the city's parts share (for a part: it and its siblings, it
/// highlighted), in one unit and one period; facts that declare one `measure` in one unit and
/// one period; one figure (same name and unit) across three or more years.
pub fn chart(
    base: &FactBase,
    region: &Region,
    reader: Reader,
    served: &[FactView],
) -> Option<Chart> {
    let (group, own): (Vec<&Region>, Option<&str>) = match region.parent.as_deref() {
        Some(p) => (base.children(p), Some(region.id.as_str())),
        None => (base.children(&region.id), None),
    };
    if group.len() >= 3 {
        let mut keys: Vec<String> = Vec::new();
        for r in &group {
            for f in r.facts.iter().filter(|f| reader.serves(f)) {
                if let Some(k) = &f.key {
                    if !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
            }
        }
        for k in keys {
            let facts: Vec<(FactView, &Region)> = group
                .iter()
                .filter_map(|r| {
                    r.facts
                        .iter()
                        .find(|f| f.key.as_deref() == Some(&k) && reader.serves(f))
                        .map(|f| (FactView::new(f, &base.vocab), *r))
                })
                .filter(|(f, _)| chartable(f))
                .collect();
            let Some((first, _)) = facts.first() else {
                continue;
            };
            let (unit, when) = (first.unit.clone(), first.when.clone());
            if facts.iter().any(|(f, _)| f.unit != unit || f.when != when) {
                continue;
            }
            let caption = format!(
                "各{}{}（{}{}）",
                if own.is_some() {
                    "县区"
                } else {
                    "所辖县区"
                },
                first.what,
                unit.clone().unwrap_or_default(),
                when.map(|w| format!("，{w}")).unwrap_or_default()
            );
            let rows = facts
                .iter()
                .map(|(f, r)| (f.clone(), r.short.clone(), Some(r.id.as_str()) == own))
                .collect();
            if let Some(c) = chart_from(caption, rows) {
                return Some(c);
            }
        }
    }
    if let Some(c) = measure_chart(base, served) {
        return Some(c);
    }
    // One figure across the years.
    for f in served.iter().filter(|f| chartable(f) && f.year.is_some()) {
        let series: Vec<FactView> = served
            .iter()
            .filter(|g| chartable(g) && g.name == f.name && g.unit == f.unit && g.year.is_some())
            .cloned()
            .collect();
        if series.len() >= 3 {
            let caption = format!(
                "{}{}（{}）",
                region.name,
                f.what,
                f.unit.clone().unwrap_or_default()
            );
            let rows = series
                .into_iter()
                .map(|g| {
                    let label = format!("{}年", g.year.unwrap_or_default());
                    (g, label, false)
                })
                .collect();
            return chart_from(caption, rows);
        }
    }
    None
}
