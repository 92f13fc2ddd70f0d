//! What each briefing holds, decided before any template runs: which facts each audience
//! reads, the sections and their tables, the summary, the chart, the table of parts, and
//! whether a briefing has anything to say at all.

use serde::Serialize;

use super::audiences::Reader;
use super::*;
use crate::facts::{FactBase, Kind, Region};

/// One section of a briefing: its heading, and its facts split into a table and a list.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The first kind's name: templates lay out `project`, `scenic` and `honour` their own way.
    pub id: &'static str,
    pub heading: String,
    pub facts: Vec<FactView>,
    /// Rows of the section's table (figures; for projects, money figures ranked by amount).
    pub table: Vec<FactView>,
    /// The rest, as a list.
    pub listed: Vec<FactView>,
    /// Things named without a figure or a note: one sentence after the list.
    pub mentioned: Vec<FactView>,
    /// Whether the table has a 年份 column (at least half its rows have a period).
    pub show_when: bool,
    /// Whether the table has a 说明 column (at least half its rows have a note).
    pub show_note: bool,
    /// A paragraph rather than tables and lists: every fact of the section is read first by
    /// another audience, whose briefing has the full section.
    pub digest: bool,
}

/// How many yuan a money unit holds, to rank amounts given in different units.
pub(crate) fn yuan(unit: &str) -> Option<f64> {
    Some(match unit {
        "元" => 1.0,
        "万元" => 1e4,
        "亿元" => 1e8,
        "万亿元" => 1e12,
        "美元" => 7.0,
        "万美元" => 7e4,
        "亿美元" => 7e8,
        _ => return None,
    })
}

pub(crate) fn amount(f: &FactView) -> f64 {
    match (f.value, f.unit.as_deref().and_then(yuan)) {
        (Some(v), Some(y)) => v * y,
        _ => 0.0,
    }
}

/// A table shows a column when at least half its rows have something for it.
pub(crate) fn mostly(rows: &[FactView], has: impl Fn(&FactView) -> bool) -> bool {
    !rows.is_empty() && 2 * rows.iter().filter(|f| has(f)).count() >= rows.len()
}

pub(crate) fn build_section(id: &'static str, heading: String, facts: Vec<FactView>) -> Section {
    let (mut table, mut listed): (Vec<FactView>, Vec<FactView>) = match id {
        // Projects: a table of money figures ranked within each measure, the rest listed.
        "project" => {
            let (mut money, rest): (Vec<_>, Vec<_>) = facts
                .iter()
                .cloned()
                .partition(|f| f.class.as_deref() == Some("money") && f.value.is_some());
            let top = |m: &Option<String>, all: &[FactView]| {
                all.iter()
                    .filter(|g| &g.measure == m)
                    .map(amount)
                    .fold(0.0, f64::max)
            };
            let all = money.clone();
            money.sort_by(|a, b| {
                top(&b.measure, &all)
                    .total_cmp(&top(&a.measure, &all))
                    .then(a.measure.cmp(&b.measure))
                    .then(a.target.cmp(&b.target))
                    .then(amount(b).total_cmp(&amount(a)))
            });
            (money, rest)
        }
        "scenic" => {
            let (mut graded, rest): (Vec<_>, Vec<_>) =
                facts.iter().cloned().partition(|f| f.grade.is_some());
            graded.sort_by(|a, b| b.grade.cmp(&a.grade));
            (graded, rest)
        }
        "honour" => (Vec::new(), facts.clone()),
        _ => facts.iter().cloned().partition(FactView::has_figure),
    };
    let mut show_note = mostly(&table, |f| f.note.is_some());
    if id != "project" && id != "scenic" && !show_note {
        // A figure with a note reads better as a list item than as a row without its note.
        let (plain, noted): (Vec<_>, Vec<_>) = table.into_iter().partition(|f| f.note.is_none());
        table = plain;
        listed.splice(0..0, noted);
    }
    if id != "scenic" && table.len() < 2 {
        listed.splice(0..0, std::mem::take(&mut table));
        show_note = false;
    }
    let show_when = mostly(&table, |f| f.when.is_some());
    let (listed, mentioned): (Vec<_>, Vec<_>) = listed
        .into_iter()
        .partition(|f| f.has_figure() || f.note.is_some());
    Section {
        id,
        heading,
        facts,
        table,
        listed,
        mentioned,
        show_when,
        show_note,
        digest: false,
    }
}

/// One sentence of the summary: a lead, clauses with figures, or names after a verb.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    /// 经济运行方面，芦溪县
    pub lead: String,
    pub clauses: Vec<FactView>,
    /// 重点发展 (before `names`)
    pub verb: String,
    pub names: Vec<FactView>,
}

/// The summary: 3–5 sentences, each a lead with up to two figures (keyed figures first, then
/// figures of the lead's kinds), led by what matters to the reader; sentences of names fill up
/// to three where figures are few.
pub(crate) fn summary(region: &Region, served: &[FactView], reader: Reader) -> Vec<Sentence> {
    let mut used: Vec<String> = Vec::new();
    let mut out: Vec<Sentence> = Vec::new();
    let leads = &reader.def.summary;
    let claimed: Vec<&str> = leads
        .iter()
        .flat_map(|l| l.keys.iter().map(String::as_str))
        .collect();
    let mut order: Vec<usize> = Vec::new();
    for (li, l) in leads.iter().enumerate() {
        if out.len() >= 5 {
            break;
        }
        let mut picked: Vec<FactView> = Vec::new();
        for k in &l.keys {
            if let Some(f) = served
                .iter()
                .find(|f| f.key.as_deref() == Some(k.as_str()) && f.has_figure())
            {
                picked.push(f.clone());
            }
        }
        if picked.is_empty() {
            // A figure another lead opens with belongs under that lead.
            picked = served
                .iter()
                .filter(|f| f.key.as_deref().is_none_or(|k| !claimed.contains(&k)))
                .filter(|f| l.kinds.contains(&f.kind) && f.has_figure() && !f.target)
                .cloned()
                .collect();
        }
        picked.retain(|f| !used.contains(&f.name));
        picked.truncate(2);
        if picked.is_empty() {
            continue;
        }
        used.extend(picked.iter().map(|f| f.name.clone()));
        order.push(li);
        out.push(Sentence {
            lead: l.lead.to_string(),
            clauses: picked,
            verb: String::new(),
            names: Vec::new(),
        });
    }
    for (li, l) in leads.iter().enumerate() {
        if out.len() >= 3 {
            break;
        }
        let mut names: Vec<FactView> = served
            .iter()
            .filter(|f| l.kinds.contains(&f.kind) && !f.has_figure() && !used.contains(&f.name))
            .cloned()
            .collect();
        if l.kinds.contains(&Kind::Scenic) {
            names.sort_by(|a, b| b.grade.cmp(&a.grade));
        }
        names.truncate(3);
        if names.is_empty() {
            continue;
        }
        used.extend(names.iter().map(|f| f.name.clone()));
        order.push(li);
        out.push(Sentence {
            lead: l.lead.to_string(),
            clauses: Vec::new(),
            verb: l.verb.to_string(),
            names,
        });
    }
    // In the order of the leads: what matters most to the reader first.
    let mut out: Vec<Sentence> = {
        let mut v: Vec<(usize, Sentence)> = order.into_iter().zip(out).collect();
        v.sort_by_key(|(i, _)| *i);
        v.into_iter().map(|(_, s)| s).collect()
    };
    if let Some(first) = out.first_mut() {
        first.lead.push_str(&region.name);
    }
    out
}

/// A bar chart of like with like.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// 各区县签约资金（亿元，2022年）
    pub caption: String,
    pub rows: Vec<ChartRow>,
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
    Some(Chart { caption, rows })
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
        let caption = format!(
            "{}{measure}（{}{}）",
            region.name,
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
        if let Some(c) = chart_from(caption, rows) {
            return Some(c);
        }
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

/// A city's parts: the headline figures at least half of them share as columns; the rest of
/// each part's headline figures, and its graded scenic areas, beside it.
#[derive(Debug, Clone, Serialize)]
pub struct Parts {
    /// (key, heading) of the columns.
    pub columns: Vec<(String, String)>,
    pub rows: Vec<PartRow>,
    /// Whether the table has a 代表性数据 column (at least half the parts have one).
    pub show_lead: bool,
    /// Parts with nothing to show, by name.
    pub without: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartRow {
    pub name: String,
    pub short: String,
    pub level: &'static str,
    /// One per column: the part's figure, or none.
    pub cells: Vec<Option<FactView>>,
    /// Its other headline figures.
    pub lead: Vec<FactView>,
    pub scenic: Vec<FactView>,
}

pub(crate) fn parts(base: &FactBase, region: &Region, reader: Reader) -> Parts {
    let children = base.children(&region.id);
    let keys = &reader.def.headline;
    let headline = |r: &Region| -> Vec<FactView> {
        keys.iter()
            .filter_map(|k| {
                r.facts
                    .iter()
                    .find(|f| f.key.as_deref() == Some(k.as_str()) && reader.serves(f))
            })
            .map(|f| FactView::new(f, &base.vocab))
            .filter(FactView::has_figure)
            .collect()
    };
    let columns: Vec<(String, String)> = keys
        .iter()
        .filter_map(|k| {
            let with: Vec<FactView> = children
                .iter()
                .filter_map(|c| {
                    headline(c)
                        .into_iter()
                        .find(|f| f.key.as_deref() == Some(k.as_str()))
                })
                .collect();
            (!children.is_empty() && 2 * with.len() >= children.len())
                .then(|| (k.to_string(), with[0].what.clone()))
        })
        .collect();
    let mut rows = Vec::new();
    let mut without = Vec::new();
    for c in &children {
        let h = headline(c);
        let cells: Vec<Option<FactView>> = columns
            .iter()
            .map(|(k, _)| h.iter().find(|f| f.key.as_deref() == Some(k)).cloned())
            .collect();
        let lead: Vec<FactView> = h
            .into_iter()
            .filter(|f| !columns.iter().any(|(k, _)| f.key.as_deref() == Some(k)))
            .take(2)
            .collect();
        let mut scenic: Vec<FactView> = c
            .facts
            .iter()
            .filter(|f| f.kind == Kind::Scenic && f.grade.is_some() && reader.serves(f))
            .map(|f| FactView::new(f, &base.vocab))
            .collect();
        scenic.sort_by(|a, b| b.grade.cmp(&a.grade));
        if cells.iter().all(Option::is_none) && lead.is_empty() && scenic.is_empty() {
            without.push(c.name.clone());
            continue;
        }
        rows.push(PartRow {
            name: c.name.clone(),
            short: c.short.clone(),
            level: c.level.as_str(),
            cells,
            lead,
            scenic,
        });
    }
    let show_lead = !columns.is_empty() && mostly_rows(&rows);
    Parts {
        columns,
        rows,
        show_lead,
        without,
    }
}

pub(crate) fn mostly_rows(rows: &[PartRow]) -> bool {
    !rows.is_empty() && 2 * rows.iter().filter(|r| !r.lead.is_empty()).count() >= rows.len()
}

/// Why a briefing would say nothing of its own (in English, one line), or none when it has
/// content: a region with no fact for the audience, and fewer than two parts with figures
/// for it.
pub fn hollow(base: &FactBase, region: &Region, reader: Reader) -> Option<String> {
    if region.facts.iter().any(|f| reader.serves(f)) {
        return None;
    }
    let children = base.children(&region.id);
    let with_figures = children
        .iter()
        .filter(|c| {
            c.facts
                .iter()
                .any(|f| reader.serves(f) && (f.value.is_some() || f.growth.is_some()))
        })
        .count();
    if with_figures >= 2 {
        return None;
    }
    Some(if children.is_empty() {
        format!("{} has no fact for the {} briefing", region.id, reader.id())
    } else {
        format!(
            "{} has no fact for the {} briefing, and only {with_figures} of its {} parts has figures for it",
            region.id,
            reader.id(),
            children.len()
        )
    })
}
