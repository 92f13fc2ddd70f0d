//! What each briefing holds, decided before any template runs: its sections (sentences, and a
//! table where figures are many), its 摘要, the table of a city's parts, and whether the
//! region has enough of its own for the reader to issue it at all.

use serde::Serialize;

use super::audiences::{LeadDef, Reader, Reading};
use super::format::{format_quantity, format_when, what};
use super::view::FactView;
use super::write::{mark, note_sentences, Opening, Sentence, Writer};
use crate::facts::{Fact, FactBase, Kind, Region};

/// Clauses in one sentence at most.
const PER_SENTENCE: usize = 3;

/// A section with this many figures or more tabulates those that need no words of their own.
const TABULATE_FROM: usize = 9;

/// Sentences in one paragraph at most.
const PER_PARAGRAPH: usize = 5;

/// The figures an issued briefing carries of its region's own, when its audience sets none.
pub const MIN_FIGURES: usize = 8;

/// A table: its header, column widths and alignments, and its rows.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub widths: Vec<String>,
    pub aligns: Vec<String>,
    pub rows: Vec<Row>,
}

/// One row: its cells as printed and the article it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<String>,
    pub source: String,
}

/// One section: its heading, paragraphs, a table of figures, and more paragraphs.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The first kind's name.
    pub id: &'static str,
    pub heading: String,
    /// Paragraphs before the table.
    pub before: Vec<Vec<Sentence>>,
    pub table: Option<Table>,
    /// Paragraphs after it.
    pub after: Vec<Vec<Sentence>>,
    /// The facts it prints.
    pub count: usize,
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

fn amount(f: &Fact) -> f64 {
    match (&f.value, f.unit.as_deref().and_then(yuan)) {
        (Some(v), Some(y)) => v.value() * y,
        _ => 0.0,
    }
}

fn has_figure(f: &Fact) -> bool {
    f.value.is_some() || f.growth.is_some()
}

/// Sentences split into paragraphs of at most [`PER_PARAGRAPH`], each with its markers and a
/// year said again as 同年.
fn paragraphs(w: &Writer, sentences: Vec<Sentence>) -> Vec<Vec<Sentence>> {
    let mut out: Vec<Vec<Sentence>> = Vec::new();
    let mut current: Vec<Sentence> = Vec::new();
    for s in sentences {
        // A paragraph ends after five sentences, never before a note that says more of the
        // sentence before it.
        if current.len() >= PER_PARAGRAPH && !s.follows {
            out.push(std::mem::take(&mut current));
        }
        current.push(s);
    }
    if !current.is_empty() {
        // A last paragraph of one sentence joins the one before.
        match out.last_mut() {
            Some(last) if current.len() == 1 => last.append(&mut current),
            _ => out.push(current),
        }
    }
    for p in &mut out {
        w.same_year(p);
        w.vary_subject(p);
        mark(p);
    }
    out
}

/// A table of figures: 指标 | 数值 | 增长 (where a row has one) | 年份 (where most
/// rows have one) | 来源. A cell holds a figure, never a sentence.
fn figure_table(w: &Writer, rows: &[&Fact]) -> Table {
    let vocab = &w.base.vocab;
    let with_change = rows.iter().any(|f| f.growth.is_some());
    let when: Vec<Option<String>> = rows.iter().map(|f| format_when(f)).collect();
    let with_when = 2 * when.iter().filter(|x| x.is_some()).count() >= rows.len();
    let mut header = vec!["指标".to_string(), "数值".to_string()];
    let mut widths = vec!["2.6fr".to_string(), "1.4fr".to_string()];
    let mut aligns = vec!["left".to_string(), "right".to_string()];
    if with_change {
        header.push("增长".into());
        widths.push("1.2fr".into());
        aligns.push("right".into());
    }
    if with_when {
        header.push("年份".into());
        widths.push("1fr".into());
        aligns.push("center".into());
    }
    let rows = rows
        .iter()
        .zip(when)
        .map(|(f, when)| {
            let unit = f.unit.clone().unwrap_or_default();
            let mut value = f
                .value
                .as_ref()
                .map(|v| format_quantity(vocab, v.text(), &unit, f.qualifier.as_deref()))
                .unwrap_or_else(|| "—".into());
            if f.target {
                value.push_str("（目标）");
            }
            let mut cells = vec![what(f), value];
            if with_change {
                cells.push(
                    f.growth
                        .as_ref()
                        .map(|g| {
                            let sign = if g.value.is_negative() { "-" } else { "" };
                            format!(
                                "{sign}{}",
                                format_quantity(
                                    vocab,
                                    g.value.magnitude(),
                                    &g.unit,
                                    g.qualifier.as_deref()
                                )
                            )
                        })
                        .unwrap_or_else(|| "—".into()),
                );
            }
            if with_when {
                cells.push(when.unwrap_or_else(|| "—".into()));
            }
            Row {
                cells,
                source: f.source.clone(),
            }
        })
        .collect();
    Table {
        header,
        widths,
        aligns,
        rows,
    }
}

/// Projects and enterprises with money figures, ranked by amount within each measure.
fn project_table(w: &Writer, rows: &mut Vec<&Fact>) -> Table {
    let top = |m: &Option<String>, all: &[&Fact]| {
        all.iter()
            .filter(|g| &g.measure == m)
            .map(|g| amount(g))
            .fold(0.0, f64::max)
    };
    let all = rows.clone();
    rows.sort_by(|a, b| {
        top(&b.measure, &all)
            .total_cmp(&top(&a.measure, &all))
            .then(a.measure.cmp(&b.measure))
            .then(a.target.cmp(&b.target))
            .then(amount(b).total_cmp(&amount(a)))
    });
    let vocab = &w.base.vocab;
    let when: Vec<Option<String>> = rows.iter().map(|f| format_when(f)).collect();
    let with_when = 2 * when.iter().filter(|x| x.is_some()).count() >= rows.len();
    let mut header = vec!["项目或企业".into(), "指标".into(), "金额".into()];
    let mut widths = vec!["2.4fr".into(), "1fr".into(), "1.4fr".into()];
    let mut aligns = vec!["left".into(), "left".into(), "right".into()];
    if with_when {
        header.push("年份".into());
        widths.push("0.9fr".into());
        aligns.push("center".into());
    }
    let rows = rows
        .iter()
        .zip(when)
        .map(|(f, when)| {
            let unit = f.unit.clone().unwrap_or_default();
            let mut value = f
                .value
                .as_ref()
                .map(|v| format_quantity(vocab, v.text(), &unit, f.qualifier.as_deref()))
                .unwrap_or_default();
            if f.target {
                value.push_str("（目标）");
            }
            let name = match &f.measure {
                Some(m) if f.name.ends_with(m.as_str()) => {
                    f.name[..f.name.len() - m.len()].to_string()
                }
                _ => f.name.clone(),
            };
            let mut cells = vec![
                name,
                f.measure.clone().unwrap_or_else(|| "金额".into()),
                value,
            ];
            if with_when {
                cells.push(when.unwrap_or_else(|| "—".into()));
            }
            Row {
                cells,
                source: f.source.clone(),
            }
        })
        .collect();
    Table {
        header,
        widths,
        aligns,
        rows,
    }
}

/// Graded scenic areas, highest grade first.
fn scenic_table(rows: &mut Vec<&Fact>) -> Table {
    rows.sort_by(|a, b| b.grade.cmp(&a.grade));
    Table {
        header: vec!["景区".into(), "等级".into()],
        widths: vec!["3fr".into(), "1fr".into()],
        aligns: vec!["left".into(), "center".into()],
        rows: rows
            .iter()
            .map(|f| Row {
                cells: vec![
                    f.name.clone(),
                    format!("国家{}级", f.grade.clone().unwrap_or_default()),
                ],
                source: f.source.clone(),
            })
            .collect(),
    }
}

/// A figure no sentence can say, as 名称：数值.
fn name_value(w: &Writer, f: &Fact) -> Sentence {
    let unit = f.unit.clone().unwrap_or_default();
    let value = f
        .value
        .as_ref()
        .map(|v| format_quantity(&w.base.vocab, v.text(), &unit, f.qualifier.as_deref()))
        .unwrap_or_default();
    let when = format_when(f)
        .map(|x| format!("（{x}）"))
        .unwrap_or_default();
    Sentence::new(format!("{}{when}：{value}", what(f)), &f.source)
}

/// Keyed facts first (in the order of `keys`), then the others in file order.
fn keyed_first<'a>(facts: &[&'a Fact], keys: &[String]) -> Vec<&'a Fact> {
    let mut out: Vec<&Fact> = Vec::new();
    for k in keys {
        if let Some(f) = facts.iter().find(|f| f.key.as_deref() == Some(k.as_str())) {
            if !out.iter().any(|g| std::ptr::eq(*g, *f)) {
                out.push(f);
            }
        }
    }
    for f in facts {
        if !out.iter().any(|g| std::ptr::eq(*g, *f)) {
            out.push(f);
        }
    }
    out
}

/// One section of a briefing: the facts of its kinds the reader reads, in full as sentences
/// and tables, and those another reader has in full as one sentence of digest.
pub(crate) fn build_section(
    w: &Writer,
    reader: Reader,
    kinds: &[Kind],
    heading: &str,
) -> Option<Section> {
    let facts: Vec<&Fact> = w
        .region
        .facts
        .iter()
        .filter(|f| kinds.contains(&f.kind) && reader.serves(f))
        .collect();
    if facts.is_empty() {
        return None;
    }
    let id = kinds[0].as_str();
    let keys: Vec<String> = reader
        .def
        .headline
        .iter()
        .chain(reader.def.summary.iter().flat_map(|l| l.keys.iter()))
        .cloned()
        .collect();
    let (full, digest): (Vec<&Fact>, Vec<&Fact>) = facts
        .iter()
        .partition(|f| reader.reading(f) == Some(Reading::Full));
    let mut count = 0;
    let mut table: Option<Table> = None;
    let mut before: Vec<Sentence> = Vec::new();
    let mut after: Vec<Sentence> = Vec::new();

    let figures: Vec<&Fact> = full.iter().copied().filter(|f| has_figure(f)).collect();
    let plain: Vec<&Fact> = full.iter().copied().filter(|f| !has_figure(f)).collect();
    let mut in_sentences: Vec<&Fact> = Vec::new();
    let mut unsaid: Vec<&Fact> = Vec::new();
    match id {
        "project" => {
            let (mut money, rest): (Vec<&Fact>, Vec<&Fact>) = figures.iter().partition(|f| {
                f.value.is_some()
                    && f.unit.as_deref().and_then(yuan).is_some()
                    && f.note.is_none()
                    && f.base.is_none()
            });
            if money.len() >= 3 {
                count += money.len();
                table = Some(project_table(w, &mut money));
                in_sentences.extend(rest);
            } else {
                in_sentences.extend(money.iter().chain(rest.iter()).copied());
            }
        }
        _ => {
            let ordered = keyed_first(&figures, &keys);
            let (sayable, cannot): (Vec<&Fact>, Vec<&Fact>) =
                ordered.iter().partition(|f| w.said(f).is_some());
            unsaid = cannot;
            if sayable.len() + unsaid.len() >= TABULATE_FROM {
                let lead: Vec<&Fact> = sayable.iter().take(PER_SENTENCE).copied().collect();
                let (rows, words): (Vec<&Fact>, Vec<&Fact>) = sayable[lead.len()..]
                    .iter()
                    .partition(|f| f.note.is_none() && f.base.is_none() && f.growth.is_none());
                let mut rows: Vec<&Fact> = rows;
                rows.append(&mut unsaid);
                if rows.len() >= 3 {
                    count += rows.len();
                    table = Some(figure_table(w, &rows));
                    in_sentences.extend(lead);
                    in_sentences.extend(words);
                } else {
                    in_sentences.extend(lead);
                    in_sentences.extend(words);
                    unsaid = rows
                        .iter()
                        .copied()
                        .filter(|f| w.said(f).is_none())
                        .collect();
                    in_sentences.extend(rows.iter().copied().filter(|f| w.said(f).is_some()));
                }
            } else if unsaid.len() >= 3 {
                count += unsaid.len();
                table = Some(figure_table(w, &unsaid));
                unsaid.clear();
                in_sentences.extend(sayable);
            } else {
                in_sentences.extend(sayable);
            }
        }
    }
    // In the fact base's order, so that sentences follow the article.
    in_sentences.sort_by_key(|f| position(w.region, f));
    count += in_sentences.len() + unsaid.len();
    before.extend(w.figures(&in_sentences, PER_SENTENCE, Opening::Name, true));
    before.extend(unsaid.iter().map(|f| name_value(w, f)));

    // Scenic areas: a table of grades, or a sentence naming them by grade.
    let mut graded: Vec<&Fact> = plain
        .iter()
        .copied()
        .filter(|f| f.kind == Kind::Scenic && f.grade.is_some())
        .collect();
    if graded.len() >= 3 {
        count += graded.len();
        if table.is_none() {
            table = Some(scenic_table(&mut graded));
        } else {
            after.extend(w.names(Kind::Scenic, &graded));
        }
    } else if !graded.is_empty() {
        count += graded.len();
        before.extend(w.names(Kind::Scenic, &graded));
    }
    // Things said in their own words, one sentence for those said alike.
    let own: Vec<&Fact> = plain.iter().copied().filter(|f| f.say.is_some()).collect();
    count += own.len();
    after.extend(w.said_names(&own));
    // Things with a note: what they are and do.
    for f in plain.iter().filter(|f| f.note.is_some()) {
        count += usize::from(f.say.is_none());
        after.extend(note_sentences(f.note.as_deref().unwrap_or(""), &f.source));
    }
    // Things named without a note: with their kind's predicate, or not at all.
    for k in kinds.iter().filter(|k| **k != Kind::Scenic) {
        let bare: Vec<&Fact> = plain
            .iter()
            .copied()
            .filter(|f| f.kind == *k && f.note.is_none() && f.say.is_none())
            .collect();
        let said = w.names(*k, &bare);
        if !said.is_empty() {
            count += bare.len();
            after.extend(said);
        }
    }
    // The digest: the headline of what another reader has in full, in one sentence, led by
    // the figures every reader's leads ask for.
    let all_keys: Vec<String> = reader
        .all
        .list
        .iter()
        .flat_map(|a| {
            a.summary
                .iter()
                .flat_map(|l| l.keys.iter())
                .chain(a.headline.iter())
        })
        .cloned()
        .collect();
    let digest: Vec<&Fact> = keyed_first(
        &digest
            .iter()
            .copied()
            .filter(|f| has_figure(f) && !f.target && w.said(f).is_some())
            .collect::<Vec<_>>(),
        &all_keys,
    );
    if let Some(first) = digest.first() {
        let head = w.said(first).and_then(|s| s.head);
        let one: Vec<&Fact> = digest
            .iter()
            .copied()
            .filter(|f| f.source == first.source && w.said(f).and_then(|s| s.head) == head)
            .take(PER_SENTENCE)
            .collect();
        count += one.len();
        let opening = if before.is_empty() {
            Opening::Name
        } else {
            Opening::Subject
        };
        after.extend(w.figures(&one, PER_SENTENCE, opening, false));
    }
    if count == 0 || (before.is_empty() && after.is_empty() && table.is_none()) {
        return None;
    }
    Some(Section {
        id,
        heading: heading.to_string(),
        before: paragraphs(w, before),
        table,
        after: paragraphs(w, after),
        count,
    })
}

fn position(r: &Region, f: &Fact) -> usize {
    r.facts
        .iter()
        .position(|g| std::ptr::eq(g, f))
        .unwrap_or(usize::MAX)
}

/// The sections of a briefing, in its reader's order; a section of one fact is folded into
/// the section before it (or after it, for the first).
pub(crate) fn sections(w: &Writer, reader: Reader) -> Vec<Section> {
    let mut out: Vec<Section> = reader
        .def
        .sections
        .iter()
        .filter_map(|s| build_section(w, reader, &s.kinds, &s.heading))
        .collect();
    let mut i = 0;
    while out.len() > 1 && i < out.len() {
        if out[i].count <= 1 && out[i].table.is_none() {
            let lone = out.remove(i);
            let into = if i == 0 { 0 } else { i - 1 };
            let target = &mut out[into];
            let mut moved: Vec<Vec<Sentence>> = lone.before;
            moved.extend(lone.after);
            if i == 0 {
                moved.append(&mut target.before);
                target.before = moved;
            } else {
                target.after.extend(moved);
            }
            target.count += lone.count;
        } else {
            i += 1;
        }
    }
    out
}

/// The figures of a lead, in one sentence: its keys first; else, of its kinds, figures whose
/// unit measures what the lead allows (a machine count is no 招商 figure), none claimed by
/// another lead's keys.
fn lead_facts<'a>(
    w: &Writer,
    lead: &LeadDef,
    claimed: &[&str],
    served: &[&'a Fact],
    used: &[*const Fact],
) -> Vec<&'a Fact> {
    let fresh = |f: &&&Fact| !used.contains(&(**f as *const Fact));
    let mut picked: Vec<&Fact> = lead
        .keys
        .iter()
        .filter_map(|k| {
            served
                .iter()
                .filter(fresh)
                .find(|f| f.key.as_deref() == Some(k.as_str()) && has_figure(f))
                .copied()
        })
        .filter(|f| w.said(f).is_some())
        .collect();
    if picked.is_empty() {
        picked = served
            .iter()
            .filter(fresh)
            .copied()
            .filter(|f| lead.kinds.contains(&f.kind) && has_figure(f) && !f.target)
            .filter(|f| f.key.as_deref().is_none_or(|k| !claimed.contains(&k)))
            .filter(|f| {
                lead.measures.is_empty()
                    || f.unit
                        .as_deref()
                        .and_then(|u| w.base.vocab.measure(u))
                        .is_some_and(|m| lead.measures.iter().any(|x| x == m))
            })
            .filter(|f| w.said(f).is_some())
            .collect();
    }
    // One sentence: the facts of the first one's article and period.
    let Some(first) = picked.first().copied() else {
        return Vec::new();
    };
    let head = w.said(first).and_then(|s| s.head);
    picked
        .into_iter()
        .filter(|f| f.source == first.source && w.said(f).and_then(|s| s.head) == head)
        .take(PER_SENTENCE)
        .collect()
}

/// The 摘要: 3–5 sentences. The first places the region (province, city) with its reader's
/// headline figures; then one sentence for each lead, in the reader's order; where figures
/// are few, what its leads' things are.
pub(crate) fn summary(w: &Writer, reader: Reader) -> Vec<Sentence> {
    let served: Vec<&Fact> = w.region.facts.iter().filter(|f| reader.serves(f)).collect();
    let leads = &reader.def.summary;
    let claimed: Vec<&str> = leads
        .iter()
        .flat_map(|l| l.keys.iter().map(String::as_str))
        .collect();
    let mut used: Vec<*const Fact> = Vec::new();
    let mut out: Vec<Sentence> = Vec::new();
    let mut place = w.place();
    // One sentence per lead, by its keys (else its kinds); where that makes fewer than three,
    // more of the leads' figures by kind.
    let more: Vec<LeadDef> = leads
        .iter()
        .map(|l| LeadDef {
            keys: Vec::new(),
            kinds: l.kinds.clone(),
            measures: l.measures.clone(),
        })
        .collect();
    for (round, list) in [(0, leads), (1, &more)] {
        for lead in list.iter() {
            if out.len() >= 5 || (round == 1 && out.len() >= 3) {
                break;
            }
            let taken = if round == 0 { &claimed[..] } else { &[][..] };
            let facts = lead_facts(w, lead, taken, &served, &used);
            if facts.is_empty() {
                continue;
            }
            used.extend(facts.iter().map(|f| *f as *const Fact));
            let opening = match place.take() {
                Some(p) => Opening::Place(p),
                None if out.is_empty() => Opening::Name,
                None => Opening::Subject,
            };
            out.extend(w.figures(&facts, PER_SENTENCE, opening, false));
        }
    }
    if let Some(p) = place.take() {
        out.insert(0, Sentence::new(p, ""));
    }
    // Where figures are few: the leads' things, named with their predicate, or what they are.
    for lead in leads {
        if out.len() >= 3 {
            break;
        }
        for k in &lead.kinds {
            let bare: Vec<&Fact> = served
                .iter()
                .copied()
                .filter(|f| f.kind == *k && !has_figure(f) && f.note.is_none())
                .filter(|f| *k != Kind::Scenic || f.grade.is_some())
                .take(4)
                .collect();
            out.extend(w.names(*k, &bare).into_iter().take(1));
            if out.len() >= 3 {
                break;
            }
        }
    }
    for lead in leads {
        if out.len() >= 3 {
            break;
        }
        if let Some(f) = served
            .iter()
            .find(|f| lead.kinds.contains(&f.kind) && !has_figure(f) && f.note.is_some())
        {
            out.extend(note_sentences(f.note.as_deref().unwrap_or(""), &f.source));
        }
    }
    out.truncate(5);
    w.same_year(&mut out);
    mark(&mut out);
    // The place alone cites nothing.
    for s in out.iter_mut().filter(|s| s.source.is_empty()) {
        s.cite = false;
    }
    out
}

/// A city's parts: the headline figures at least half of them share as columns, or, where
/// those make no table of three rows, a sentence for each part.
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
            let graded: Vec<&Fact> = c
                .facts
                .iter()
                .filter(|f| f.kind == Kind::Scenic && f.grade.is_some() && reader.serves(f))
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
    let _ = vocab;
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

/// The figures of its own a briefing prints for its reader in full.
pub fn own_figures(region: &Region, reader: Reader) -> usize {
    region
        .facts
        .iter()
        .filter(|f| has_figure(f) && reader.reading(f) == Some(Reading::Full))
        .count()
}

/// Why a briefing is not issued (in English, one line), or none: a region with fewer figures
/// of its own for the reader than the audience's `min_figures` (8 by default), the figures
/// of a city's parts counted; and, whatever the threshold, one with nothing at all for it.
pub fn hollow(base: &FactBase, region: &Region, reader: Reader) -> Option<String> {
    let min = reader.def.min_figures.unwrap_or(MIN_FIGURES);
    let own = own_figures(region, reader);
    let parts = if own >= min && own > 0 {
        0
    } else {
        parts(base, region, reader, reader.def.parts_scenic).figures
    };
    let something = own + parts > 0 || region.facts.iter().any(|f| reader.serves(f));
    if own + parts >= min && something {
        return None;
    }
    Some(format!(
        "{} has {} of its own for the {} briefing{}; a briefing is issued with {} or more",
        region.id,
        crate::plural(own, "figure"),
        reader.id(),
        if parts > 0 {
            format!(" (and {} of its parts)", parts)
        } else {
            String::new()
        },
        min.max(1)
    ))
}
