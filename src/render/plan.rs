//! What each briefing holds, decided before any template runs: its sections (sentences, and a
//! table where figures are many), its 摘要, the table of a city's parts, and whether the
//! region has enough of its own for the reader to issue it at all.

use serde::Serialize;

use super::audiences::{Reader, Reading};
use super::format::{format_quantity, format_when, what};
use super::parts::parts;
use super::table::{amount, figure_table, project_table, scenic_table, yuan, Table};
use super::write::{group, mark, note_sentences, Opening, Sentence, Writer};
use crate::facts::phrases::Phrases;
use crate::facts::{Fact, FactBase, Kind, Region};

/// Clauses in one sentence at most.
pub(crate) const PER_SENTENCE: usize = 3;

/// A section with this many figures or more tabulates those that need no words of their own.
const TABULATE_FROM: usize = 9;

/// Sentences in one paragraph at most.
const PER_PARAGRAPH: usize = 5;

/// The figures an issued briefing carries of its region's own, when its audience sets none.
pub const MIN_FIGURES: usize = 8;

/// The topics (sections of three facts or more) a region needs of its own for a briefing,
/// unless the audience's `min_topics` says otherwise.
pub const MIN_TOPICS: usize = 3;

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
    /// Whether it prints a figure the reader's 摘要 or headline asks for by key.
    #[serde(skip)]
    pub headline: bool,
}

pub(crate) fn has_figure(f: &Fact) -> bool {
    f.value.is_some() || f.growth.is_some()
}

/// Sentences split into paragraphs of at most [`PER_PARAGRAPH`], each with its markers and a
/// year said again as 同年.
pub(crate) fn paragraphs(w: &Writer, sentences: Vec<Sentence>) -> Vec<Vec<Sentence>> {
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
        w.restore_subject(p);
        w.thing_once(p);
        w.goals_once(p);
    }
    w.whole_not_thrice(&mut out);
    w.short_name(&mut out);
    for p in &mut out {
        mark(p);
    }
    out
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

/// What a section prints, gathered part by part.
#[derive(Default)]
struct Content {
    count: usize,
    table: Option<Table>,
    before: Vec<Sentence>,
    after: Vec<Sentence>,
}

/// One section of a briefing: the facts of its kinds the reader reads in full (and those it
/// adopts, see [`adopted`]), as sentences and, where figures are many, a table. What the
/// reader reads only as a digest is left to the 摘要: another reader has it in full.
#[cfg(test)]
pub(crate) fn build_section(
    w: &Writer,
    reader: Reader,
    kinds: &[Kind],
    heading: &str,
    adopted: &[&Fact],
) -> Option<Section> {
    raw_section(w, reader, kinds, heading, adopted).map(|s| written(w, s))
}

/// A section whose sentences are made into paragraphs: before its table and after it, each
/// run of sentences on its own (a section folded into another brings its sentences into the
/// host's last run, so that a year and the region are said once for both).
fn written(w: &Writer, mut s: Section) -> Section {
    // Without a table between them, a run of one sentence is no paragraph of its own: it goes
    // on into the run after it (the last, into the one before).
    if s.table.is_none() {
        let mut runs: Vec<Vec<Sentence>> = Vec::new();
        let mut lone: Option<Vec<Sentence>> = None;
        for run in s.before.drain(..).chain(s.after.drain(..)) {
            let mut run = run;
            if let Some(mut l) = lone.take() {
                l.append(&mut run);
                run = l;
            }
            if run.len() == 1 {
                lone = Some(run);
            } else {
                runs.push(run);
            }
        }
        if let Some(mut l) = lone {
            match runs.last_mut() {
                Some(last) => last.append(&mut l),
                None => runs.push(l),
            }
        }
        s.before = runs;
    }
    s.before = s
        .before
        .into_iter()
        .flat_map(|run| paragraphs(w, run))
        .collect();
    s.after = s
        .after
        .into_iter()
        .flat_map(|run| paragraphs(w, run))
        .collect();
    s
}

/// A section's facts as runs of sentences not yet made into paragraphs: one run before its
/// table and one after.
fn raw_section(
    w: &Writer,
    reader: Reader,
    kinds: &[Kind],
    heading: &str,
    adopted: &[&Fact],
) -> Option<Section> {
    let facts: Vec<&Fact> = w
        .region
        .facts
        .iter()
        .filter(|f| kinds.contains(&section_kind(reader, w.region, f, &w.phrases().glued_chars)))
        .filter(|f| {
            reader.reading(f) == Some(Reading::Full) || adopted.iter().any(|a| std::ptr::eq(*a, *f))
        })
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
    // A figure the 摘要 leads with, or an amount of a billion yuan or more (a project of 108
    // 亿元, not a goal): worth a section of its own, however short.
    let glued = &w.phrases().glued_chars;
    let named = |f: &Fact| {
        reader
            .def
            .summary
            .iter()
            .any(|l| l.names_fact(f, w.region, glued))
    };
    let headline = facts.iter().any(|f| {
        has_figure(f)
            && (f.key.as_ref().is_some_and(|k| keys.contains(k))
                || named(f)
                || (amount(f) >= 1e9 && !f.target))
    });
    let full = facts;
    let figures: Vec<&Fact> = full.iter().copied().filter(|f| has_figure(f)).collect();
    let plain: Vec<&Fact> = full.iter().copied().filter(|f| !has_figure(f)).collect();
    let mut c = Content::default();
    figure_content(w, id, &figures, &keys, &mut c);
    thing_content(w, kinds, &plain, &mut c);
    if c.count == 0 || (c.before.is_empty() && c.after.is_empty() && c.table.is_none()) {
        return None;
    }
    Some(Section {
        id,
        heading: heading.to_string(),
        before: vec![c.before]
            .into_iter()
            .filter(|r| !r.is_empty())
            .collect(),
        table: c.table,
        after: vec![c.after]
            .into_iter()
            .filter(|r| !r.is_empty())
            .collect(),
        count: c.count,
        headline,
    })
}

/// The figures a section reads in full: sentences, and where they are many (or a project's
/// money figures are three or more), a table of those that need no words of their own.
fn figure_content(w: &Writer, id: &str, figures: &[&Fact], keys: &[String], c: &mut Content) {
    let mut in_sentences: Vec<&Fact> = Vec::new();
    let mut unsaid: Vec<&Fact> = Vec::new();
    if id == "project" {
        // The table ranks named projects (a figure with its `measure`); a total of the
        // region's (签约资金, 签约项目总投资) is said in a sentence, not as a row of 金额.
        let (mut money, rest): (Vec<&Fact>, Vec<&Fact>) = figures.iter().partition(|f| {
            f.value.is_some()
                && f.unit.as_deref().and_then(yuan).is_some()
                && f.note.is_none()
                && f.base.is_none()
                && f.measure.is_some()
        });
        if money.len() >= 3 {
            c.count += money.len();
            c.table = Some(project_table(w, &mut money));
            in_sentences.extend(rest);
        } else {
            in_sentences.extend(money.iter().chain(rest.iter()).copied());
        }
    } else {
        // Keyed figures first; then the whole region's before a part's or a thing's, so that
        // the sentences speak for the region and a table takes the parts.
        let mut ordered = keyed_first(figures, keys);
        let keyed = ordered
            .iter()
            .take_while(|f| f.key.as_ref().is_some_and(|k| keys.contains(k)))
            .count();
        ordered[keyed..].sort_by_key(|f| w.scope(f));
        let (sayable, cannot): (Vec<&Fact>, Vec<&Fact>) =
            ordered.iter().partition(|f| w.said(f).is_some());
        unsaid = cannot;
        if sayable.len() + unsaid.len() >= TABULATE_FROM {
            let lead: Vec<&Fact> = sayable.iter().take(PER_SENTENCE).copied().collect();
            let (rows, words): (Vec<&Fact>, Vec<&Fact>) = sayable[lead.len()..]
                .iter()
                // A figure said in its own words (连续5年被评为…) is a sentence, never a row
                // whose label reads as a verb.
                .partition(|f| {
                    f.note.is_none()
                        && f.base.is_none()
                        && f.growth.is_none()
                        && f.say.is_none()
                        && !super::write::streak(f)
                        && !Phrases::mentions(&w.phrases().compares, &f.name)
                });
            let mut rows: Vec<&Fact> = rows;
            rows.append(&mut unsaid);
            // Goals are said in a sentence of their own (2024年的预期目标是：…), never as rows
            // among results.
            let (goals, results): (Vec<&Fact>, Vec<&Fact>) = rows
                .into_iter()
                .partition(|f| f.target && w.said(f).is_some());
            let mut rows = results;
            if rows.is_empty() {
                rows = goals;
            } else {
                in_sentences.extend(goals);
            }
            in_sentences.extend(lead);
            in_sentences.extend(words);
            in_sentences.extend(fit_page(w, &mut rows));
            if rows.len() >= 3 {
                c.count += rows.len();
                c.table = Some(figure_table(w, &rows));
            } else {
                unsaid = rows
                    .iter()
                    .copied()
                    .filter(|f| w.said(f).is_none())
                    .collect();
                in_sentences.extend(rows.iter().copied().filter(|f| w.said(f).is_some()));
            }
        } else if unsaid.len() >= 3 {
            c.count += unsaid.len();
            c.table = Some(figure_table(w, &unsaid));
            unsaid.clear();
            in_sentences.extend(sayable);
        } else {
            in_sentences.extend(sayable);
        }
    }
    // In the fact base's order, so that sentences follow the article.
    // Goals after results, in the order of their years (2024年…；2026年…).
    in_sentences.sort_by_key(|f| {
        (
            f.target,
            f.target.then_some(f.year).flatten(),
            position(w.region, f),
        )
    });
    c.count += in_sentences.len() + unsaid.len();
    c.before
        .extend(w.figures(&in_sentences, PER_SENTENCE, Opening::Name, true));
    c.before.extend(unsaid.iter().map(|f| name_value(w, f)));
}

/// The rows a table keeps on one page (templates/base.typ.j2 keeps such a table whole).
const PAGE_ROWS: usize = 14;

/// A table longer than a page reads as a list: the rows about one thing (合作社社员,
/// 合作社标准化大棚, 合作社年产鲜菇 …) are said as sentences of that thing instead, the largest
/// group first, until the table fits a page. Rows that cannot be said stay, and so does a
/// group that is most of the table. The moved rows are returned.
fn fit_page<'a>(w: &Writer, rows: &mut Vec<&'a Fact>) -> Vec<&'a Fact> {
    let head = |f: &Fact| f.name.chars().take(2).collect::<String>();
    let mut moved = Vec::new();
    // A table of one measure (第一号园区产值, 第二号园区产值 …) is a ranking, kept whole.
    let tail = |f: &Fact| f.name.chars().rev().take(2).collect::<String>();
    if rows
        .first()
        .is_some_and(|a| rows.iter().all(|f| tail(f) == tail(a)))
    {
        return moved;
    }
    while rows.len() > PAGE_ROWS {
        let sayable: Vec<&Fact> = rows
            .iter()
            .copied()
            .filter(|f| w.said(f).is_some())
            .collect();
        // The largest group; of equal ones, the first in the table.
        let Some((_, largest)) = group(sayable, |f| head(f))
            .into_iter()
            // A group that is most of the table is what the table is of (指标1 … 指标40).
            .filter(|(_, g)| g.len() >= 2 && 2 * g.len() <= rows.len())
            .rev()
            .max_by_key(|(_, g)| g.len())
        else {
            break;
        };
        rows.retain(|f| !largest.iter().any(|g| std::ptr::eq(*f, *g)));
        moved.extend(largest);
    }
    moved
}

/// Things without figures: graded scenic areas (a table, or a sentence by grade), things said
/// in their own words, what things with a note are and do, and bare names with their kind's
/// predicate (or not at all).
fn thing_content(w: &Writer, kinds: &[Kind], plain: &[&Fact], c: &mut Content) {
    let mut graded: Vec<&Fact> = plain
        .iter()
        .copied()
        .filter(|f| f.kind == Kind::Scenic && f.grade.is_some() && f.say.is_none())
        .collect();
    if graded.len() >= 3 {
        c.count += graded.len();
        if c.table.is_none() {
            c.table = Some(scenic_table(&mut graded));
        } else {
            c.after.extend(w.names(Kind::Scenic, &graded));
        }
    } else if !graded.is_empty() {
        c.count += graded.len();
        c.before.extend(w.names(Kind::Scenic, &graded));
    }
    let own: Vec<&Fact> = plain.iter().copied().filter(|f| f.say.is_some()).collect();
    c.count += own.len();
    c.after.extend(w.said_names(&own));
    // What a graded area named in a sentence is (武功山景区以…为定位) follows that sentence.
    let named = |f: &Fact| f.kind == Kind::Scenic && f.grade.is_some() && f.say.is_none();
    for f in plain.iter().filter(|f| f.note.is_some()) {
        c.count += usize::from(f.say.is_none());
        let said = note_sentences(f.note.as_deref().unwrap_or(""), &f.source);
        if named(f) && graded.len() < 3 {
            c.before.extend(said);
        } else {
            c.after.extend(said);
        }
    }
    for k in kinds.iter().filter(|k| **k != Kind::Scenic) {
        let bare: Vec<&Fact> = plain
            .iter()
            .copied()
            .filter(|f| f.kind == *k && f.note.is_none() && f.say.is_none())
            .collect();
        let said = w.names(*k, &bare);
        if !said.is_empty() {
            c.count += bare.len();
            c.after.extend(said);
        }
    }
}

fn position(r: &Region, f: &Fact) -> usize {
    r.facts
        .iter()
        .position(|g| std::ptr::eq(g, f))
        .unwrap_or(usize::MAX)
}

/// The sections of a briefing, in its reader's order. Sections of one fact each are gathered
/// into one closing section (the audience's `others`), unless that fact is one the reader's
/// 摘要 leads with.
pub(crate) fn sections(w: &Writer, reader: Reader, adopted: &[&Fact]) -> Vec<Section> {
    // Every figure the 摘要 names is said again in its section: the 摘要 sums up the pages.
    // Each section with its fold and its own heading (a host's may change as it takes others).
    type Slot<'h> = (Section, &'h [String], &'h str);
    let all: Vec<Slot> = reader
        .def
        .sections
        .iter()
        .filter_map(|s| {
            raw_section(w, reader, &s.kinds, &s.heading, adopted)
                .map(|b| (b, &s.fold[..], s.heading.as_str()))
        })
        .collect();
    // Sections of one sentence each go into the first section their `fold` names that the
    // briefing has — two such sections make one of both (现代农业与绿色发展). Those left are
    // gathered at the end, under the audience's `others`, but for one that says a figure the
    // 摘要 leads with, which keeps its heading.
    let short = |s: &Section| sentences(s) <= 1 && s.table.is_none();
    let lone = |s: &Section| short(s) && !s.headline;
    let owns: Vec<&str> = all.iter().map(|(_, _, own)| *own).collect();
    let mut slots: Vec<Option<Slot>> = all.into_iter().map(Some).collect();
    // Where each section went: itself, or the section it was folded into (a fold naming a
    // section folded before finds it there).
    let mut went: Vec<usize> = (0..slots.len()).collect();
    for i in 0..slots.len() {
        let Some((s, fold, _)) = slots[i].as_ref() else {
            continue;
        };
        if !short(s) {
            continue;
        }
        let hosts: Vec<usize> = fold
            .iter()
            .filter_map(|h| {
                let mut j = owns.iter().position(|own| own == h)?;
                while went[j] != j {
                    j = went[j];
                }
                (j != i).then_some(j)
            })
            .collect();
        // The first host whose heading can name it; else, for a section whose figure the 摘要
        // does not lead with, the first host, under whose two topics it goes on. One the 摘要
        // leads with keeps its own heading rather than stand under one not its own.
        let names = |j: usize| {
            slots[j].as_ref().is_some_and(|(o, _, own)| {
                let topic = s.heading.split('与').next().unwrap_or(&s.heading);
                let pair = short(o) && !o.heading.contains('与') && !s.heading.contains('与');
                pair || o.heading.contains(topic) || o.heading == *own
            })
        };
        let host = hosts
            .iter()
            .copied()
            .find(|&j| names(j))
            .or_else(|| hosts.first().copied().filter(|_| !s.headline));
        let Some(j) = host else {
            continue;
        };
        let Some((s, _, _)) = slots[i].take() else {
            continue;
        };
        went[i] = j;
        if let Some((o, _, own)) = slots[j].as_mut() {
            // Two sections of one sentence each: one section, both headings in reading order.
            // A section folded into a longer one names its topic in the host's heading, after
            // the host's own first topic (招商引资与营商环境), so that no fact stands under a
            // heading not its own.
            let pair = short(o) && !o.heading.contains('与') && !s.heading.contains('与');
            let leads = i < j && s.headline && !o.headline;
            let named = if pair {
                o.heading = if i < j {
                    format!("{}与{}", s.heading, o.heading)
                } else {
                    format!("{}与{}", o.heading, s.heading)
                };
                false
            } else {
                let topic = s.heading.split('与').next().unwrap_or(&s.heading);
                // A heading names two topics at most: a third section folded in goes on under
                // the two (a title of three topics reads as stitched).
                let name = !o.heading.contains(topic) && o.heading == *own;
                if name {
                    let first = own.split('与').next().unwrap_or(own);
                    // A headline section the reader reads before a host that is none stays
                    // first, in the heading and on the page (经济概况与产业体系: the 地区生产总值
                    // before the industries).
                    o.heading = if leads {
                        format!("{topic}与{first}")
                    } else {
                        format!("{first}与{topic}")
                    };
                }
                name
            };
            // A topic the heading now names is a paragraph of its own after the host's
            // (产业体系与文旅产业: the industry, then the visitors). Otherwise its sentence goes
            // on from the host's last run (said after the host's table when it has one), so
            // the year and the region are not said again.
            let moved: Vec<Sentence> = s.before.into_iter().chain(s.after).flatten().collect();
            o.headline |= s.headline;
            // Two of one sentence: the one the reader's order puts first is said first.
            if pair && i < j {
                if let Some(run) = o.before.iter_mut().chain(o.after.iter_mut()).next() {
                    run.splice(0..0, moved);
                }
                o.count += s.count;
                continue;
            }
            match o.after.last_mut() {
                _ if named && leads => o.before.insert(0, moved),
                _ if named => o.after.push(moved),
                Some(run) => run.extend(moved),
                None if o.table.is_none() && !o.before.is_empty() => {
                    if let Some(run) = o.before.last_mut() {
                        run.extend(moved);
                    }
                }
                None => o.after.push(moved),
            }
            o.count += s.count;
        }
    }
    let (out, mut lonely): (Vec<Section>, Vec<Section>) = slots
        .into_iter()
        .flatten()
        .map(|(s, _, _)| s)
        .partition(|s| !lone(s));

    let mut out = out;
    if out.is_empty() && lonely.len() == 1 {
        out = std::mem::take(&mut lonely);
    } else if let (1, Some(last)) = (lonely.len(), out.last_mut()) {
        // One fact left over is no section of its own (其他情况 over one sentence): it closes
        // the last section.
        let s = lonely.remove(0);
        let tail = if last.table.is_some() {
            &mut last.after
        } else {
            &mut last.before
        };
        tail.extend(s.before);
        tail.extend(s.after);
        last.count += s.count;
    } else if let Some(first) = lonely.first() {
        let mut gathered = Section {
            id: first.id,
            heading: reader.def.others.clone(),
            before: Vec::new(),
            table: None,
            after: Vec::new(),
            count: 0,
            headline: false,
        };
        // Sections of one fact on different topics: one paragraph each.
        for s in lonely {
            gathered.before.extend(s.before);
            gathered.before.extend(s.after);
            gathered.count += s.count;
        }
        out.push(gathered);
    }
    out.into_iter().map(|s| written(w, s)).collect()
}

/// The kind whose section a fact stands in: its own; but a headline figure whose key (or,
/// without a key, whose name) a lead of the reader's 摘要 names stands with that lead's kinds (新签约项目 with 招商, whatever
/// kind the fact base gives it), and a count of graded scenic areas (国家A级旅游景区23个,
/// 省A级景区旅游点47个) stands with the graded areas.
fn section_kind(reader: Reader, region: &Region, f: &Fact, glued: &str) -> Kind {
    let lead = reader.def.summary.iter().find(|l| {
        f.key
            .as_deref()
            .is_some_and(|k| l.keys.iter().any(|x| x == k))
            || l.names_fact(f, region, glued)
    });
    match lead {
        Some(l) if !l.kinds.is_empty() && !l.kinds.contains(&f.kind) => l.kinds[0],
        _ if f.kind == Kind::Tourism && has_figure(f) && f.name.contains("A级") => Kind::Scenic,
        _ => f.kind,
    }
}

/// The sentences of a section, its tables aside.
fn sentences(s: &Section) -> usize {
    s.before.iter().chain(&s.after).map(Vec::len).sum()
}

/// Facts no issued briefing of the region reads in full, because the briefing of each reader
/// who does is not issued (too little of its own): this reader takes them in full when it
/// is the first issued one that reads their kind as a digest, or else the first issued one.
pub(crate) fn adopted<'a>(base: &FactBase, region: &'a Region, reader: Reader) -> Vec<&'a Fact> {
    let issued: Vec<&super::audiences::AudienceDef> = reader
        .all
        .list
        .iter()
        .filter(|a| {
            let r = Reader {
                all: reader.all,
                def: a,
            };
            // The region given is as the briefing reads it: its goals left out already.
            hollow(base, region, r, None).is_none()
        })
        .collect();
    if !issued.iter().any(|a| a.id == reader.id()) {
        return Vec::new();
    }
    region
        .facts
        .iter()
        .filter(|f| has_figure(f) || f.note.is_some())
        .filter(|f| {
            let full: Vec<_> = reader
                .all
                .list
                .iter()
                .filter(|a| reader.all.reading(f, a) == Some(Reading::Full))
                .collect();
            !full.is_empty() && full.iter().all(|a| !issued.iter().any(|i| i.id == a.id))
        })
        .filter(|f| {
            let taker = issued
                .iter()
                .find(|a| a.digest.contains(&f.kind))
                .or_else(|| issued.first());
            taker.is_some_and(|a| a.id == reader.id())
        })
        .collect()
}

/// The figures of its own a briefing prints for its reader in full.
pub fn own_figures(region: &Region, reader: Reader) -> usize {
    region
        .facts
        .iter()
        .filter(|f| has_figure(f) && reader.reading(f) == Some(Reading::Full))
        .count()
}

/// The sections of the reader's briefing that would hold three facts or more of the region's
/// own, read in full.
fn topics(region: &Region, reader: Reader, glued: &str) -> usize {
    reader
        .def
        .sections
        .iter()
        .filter(|s| {
            region
                .facts
                .iter()
                .filter(|f| {
                    s.kinds.contains(&section_kind(reader, region, f, glued))
                        && reader.reading(f) == Some(Reading::Full)
                })
                .nth(2)
                .is_some()
        })
        .count()
}

/// Why a briefing is not issued (in English, one line), or none: a region with fewer figures
/// of its own for the reader than the audience's `min_figures` (8 by default), the figures
/// of a city's parts counted; one with fewer topics than `min_topics` (3 by default) unless
/// it has twice the figures; and, whatever the threshold, one with nothing at all for it.
/// Read in `today` (the briefing's year), the goals it leaves out count for nothing.
pub fn hollow(
    base: &FactBase,
    region: &Region,
    reader: Reader,
    today: Option<i64>,
) -> Option<String> {
    let region = &super::format::in_years(base, region, today);
    let min = reader.def.min_figures.unwrap_or(MIN_FIGURES);
    let own = own_figures(region, reader);
    let parts = if own >= min && own > 0 {
        0
    } else {
        parts(base, region, reader, reader.def.parts_scenic).figures
    };
    let something = own + parts > 0 || region.facts.iter().any(|f| reader.serves(f));
    // A region its parts fill out is a city: its topics are theirs too. Twice the figures
    // make a briefing of fewer topics (a 统计公报's economy and livelihood).
    let topics = topics(region, reader, &base.phrases.glued_chars);
    let min_topics = reader.def.min_topics.unwrap_or(MIN_TOPICS);
    if own + parts >= min && something && (topics >= min_topics || parts > 0 || own >= 2 * min) {
        return None;
    }
    if own + parts >= min && something {
        return Some(format!(
            "{} has {} of its own for the {} briefing (sections of three facts or more); a \
             briefing is issued with {} or more",
            region.id,
            crate::plural(topics, "topic"),
            reader.id(),
            min_topics
        ));
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
