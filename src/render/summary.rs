//! The 摘要: 3–5 sentences. The first places the region (province, city) with its reader's
//! headline figures; then one sentence for each lead of the audience, in its order; where
//! figures are few, more of the leads' figures and what their things are.

use super::audiences::{bare_name, LeadDef, Reader, Reading};
use super::plan::{has_figure, PER_SENTENCE};
use super::write::{mark, note_sentences, Opening, Sentence, Writer};
use crate::facts::{Fact, Kind};

/// The figures of a lead, in one sentence: its keys first; else, of its kinds, figures whose
/// unit measures what the lead allows (a machine count is no 招商 figure), none claimed by
/// another lead's keys.
fn lead_facts<'a>(
    w: &Writer,
    lead: &LeadDef,
    claimed: &[&str],
    named: &[LeadDef],
    served: &[&'a Fact],
    used: &[*const Fact],
    article: Option<&str>,
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
    // A fact without a key that goes by one of the lead's names is as good as keyed.
    if picked.is_empty() {
        picked = lead
            .names
            .iter()
            .filter_map(|n| {
                served.iter().filter(fresh).copied().find(|f| {
                    has_figure(f)
                        && !f.target
                        && bare_name(&f.name, w.region, &w.phrases().glued_chars) == n
                        && lead.names_fact(f, w.region, &w.phrases().glued_chars)
                })
            })
            .filter(|f| w.said(f).is_some())
            .collect();
    }
    let by_key = !picked.is_empty();
    // A headline of another lead, by key or by name.
    let of_other = |f: &Fact| {
        f.key.as_deref().is_some_and(|k| claimed.contains(&k))
            || named
                .iter()
                .any(|l| l.names_fact(f, w.region, &w.phrases().glued_chars))
    };
    if !by_key {
        picked = served
            .iter()
            .filter(fresh)
            .copied()
            .filter(|f| lead.kinds.contains(&f.kind) && has_figure(f) && !f.target)
            .filter(|f| !of_other(f))
            // A part of another lead's headline (签约工业项目总投资 beside 签约项目总投资) is
            // that lead's to say.
            .filter(|f| {
                !served
                    .iter()
                    .any(|g| of_other(g) && shares_a_word(&f.name, &g.name))
            })
            .filter(|f| {
                lead.measures.is_empty()
                    // A rate of growth alone (规模以上工业增加值年均增长9%) measures the thing.
                    || f.value.is_none()
                    || f.unit
                        .as_deref()
                        .and_then(|u| w.base.vocab.measure(u))
                        .is_some_and(|m| lead.measures.iter().any(|x| x == m))
            })
            .filter(|f| w.said(f).is_some())
            .collect();
        // What a 摘要 leads a topic with: the whole region's figures before a part's or a
        // thing's (全县食用菌综合产值 before 合作社销售收入), by `lead_rank`, and a fact said in
        // its own words (a detail) last.
        // A figure the reader looks for next (`next`, in its order) before any other.
        let next = |f: &Fact| {
            let bare = bare_name(&f.name, w.region, &w.phrases().glued_chars);
            lead.next
                .iter()
                .position(|n| n == bare)
                .unwrap_or(lead.next.len())
        };
        // More of a lead already said comes from the article it was said from.
        let elsewhere = |f: &Fact| article.is_some_and(|a| a != f.source);
        picked.sort_by_key(|f| {
            (
                f.say.is_some(),
                elsewhere(f),
                next(f),
                w.scope(f),
                lead_rank(w, f),
            )
        });
    }
    // One sentence: the facts of the first one's article and period.
    let Some(first) = picked.first().copied() else {
        return Vec::new();
    };
    let head = w.said(first).and_then(|s| s.head);
    picked
        .into_iter()
        .filter(|f| f.source == first.source && w.said(f).and_then(|s| s.head) == head)
        // A lead names two of its headline figures (地区生产总值 and 一般公共预算收入, the
        // second without its change), or by kind its first figure and those of the same thing
        // (食用菌种植规模 and 年产量): the rest are the pages' to say, so that the 摘要 distils
        // them rather than copies their sentences.
        .filter(|f| by_key || std::ptr::eq(*f, first) || shares_a_word(&f.name, &first.name))
        .take(if by_key { 2 } else { PER_SENTENCE })
        .collect()
}

#[cfg(test)]
pub(crate) fn lead_facts_for_test<'a>(
    w: &Writer,
    lead: &LeadDef,
    served: &[&'a Fact],
) -> Vec<&'a Fact> {
    lead_facts(w, lead, &[], &[], served, &[], None)
}

/// Whether two names share three characters in a row (食用菌种植规模, 食用菌年产量): a word of
/// two (工业) is too common to make one thing of two figures.
fn shares_a_word(a: &str, b: &str) -> bool {
    let threes = |s: &str| -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        c.windows(3).map(|w| w.iter().collect()).collect()
    };
    let ta = threes(a);
    threes(b).iter().any(|t| ta.contains(t))
}

/// How early a 摘要 names a figure of a topic: a level with its change first, then money,
/// then a change alone (规模以上工业增加值增长9%), then other amounts (新装工业机器人300台):
/// a reader's headline is how large a thing is before how fast it grew.
fn lead_rank(w: &Writer, f: &Fact) -> u8 {
    let money = f
        .unit
        .as_deref()
        .and_then(|u| w.base.vocab.measure(u))
        .is_some_and(|m| m == "money");
    match (f.value.is_some(), f.growth.is_some(), money) {
        (true, true, _) => 0,
        (true, false, true) => 1,
        (false, _, _) => 2,
        _ => 3,
    }
}

/// Figures as the 摘要 says them: a lead's first figure (地区生产总值, 接待游客) with its
/// change, as a reader expects it; the others without, and no base or note: those are the
/// pages' to say, so that the 摘要 does not copy their sentences.
fn bare_sentences(w: &Writer, facts: &[&Fact], opening: Opening) -> Vec<Sentence> {
    let bare: Vec<Fact> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| Fact {
            // A change against a base year (增长128.63%, 2012年为9999.5元) is the pages' to
            // say with its base: alone it would read as a year's change. Only the lead's first
            // figure names its change; the pages name the others'.
            growth: if f.value.is_none() || (i == 0 && f.base.is_none()) {
                f.growth.clone()
            } else {
                None
            },
            base: None,
            note: None,
            ..(*f).clone()
        })
        .collect();
    let bare: Vec<&Fact> = bare.iter().collect();
    w.figures(&bare, PER_SENTENCE, opening, false)
}

/// The 摘要: 3–5 sentences. The first places the region (province, city) with its reader's
/// headline figures; then one sentence for each lead, in the reader's order; where figures
/// are few, what its leads' things are. Only what the briefing prints in full (its own and
/// the facts it `adopted`) stands in it: a 摘要 sums up the pages after it, which say every
/// figure it names again, in their sections.
pub(crate) fn summary(w: &Writer, reader: Reader, adopted: &[&Fact]) -> Vec<Sentence> {
    let served: Vec<&Fact> = w
        .region
        .facts
        .iter()
        .filter(|f| {
            reader.reading(f) == Some(Reading::Full) || adopted.iter().any(|a| std::ptr::eq(*a, *f))
        })
        .collect();
    let leads = &reader.def.summary;
    let claimed: Vec<&str> = leads
        .iter()
        .flat_map(|l| l.keys.iter().map(String::as_str))
        .collect();
    let mut used: Vec<*const Fact> = Vec::new();
    let mut out: Vec<Sentence> = Vec::new();
    // Where the region lies is the masthead's to say (江西省萍乡市芦溪县): the 摘要 opens with it
    // only to say what the region is known for (its profile), or where it has nothing else.
    let id = reader.id();
    let known = w.region.profile.is_some() || w.region.profiles.contains_key(id.as_str());
    let whole = w.place_for(Some(id.as_str()));
    let mut place = whole.clone().filter(|_| known);
    // One sentence per lead, by its keys (else its kinds); where that makes fewer than three,
    // more of the leads' figures by kind.
    let more: Vec<LeadDef> = leads
        .iter()
        .map(|l| LeadDef {
            keys: Vec::new(),
            names: Vec::new(),
            kinds: l.kinds.clone(),
            measures: l.measures.clone(),
            next: l.next.clone(),
        })
        .collect();
    // A 摘要 speaks of the region before a thing in it: a lead whose first figure is a
    // thing's by name (产业园务工人员人均月收入, 合作社销售收入) comes after the leads of the region's own, in each round.
    // Which lead each sentence is of: a lead's further figures follow its first sentence, so
    // that the 摘要 says one topic, one article and one period in a row.
    let mut of_lead: Vec<usize> = Vec::new();
    for (round, list, of_thing) in [
        (0, leads, false),
        (0, leads, true),
        (1, &more, false),
        (1, &more, true),
    ] {
        for (l, lead) in list.iter().enumerate() {
            // More figures only while the 摘要, its short sentences joined, has fewer than
            // three: three sentences of a few characters each (签约资金126亿元。) are one.
            if out.len() >= 5 || (round == 1 && settled(w, &out) >= 3) {
                break;
            }
            let (taken, named) = if round == 0 {
                (&claimed[..], &leads[..])
            } else {
                (&[][..], &[][..])
            };
            let said_of = of_lead.iter().rposition(|x| *x == l).filter(|_| round == 1);
            let article = said_of.map(|p| out[p].source.as_str());
            let facts = lead_facts(w, lead, taken, named, &served, &used, article);
            // A part of a figure the 摘要 has said (税收收入 of 一般公共预算收入) is the pages'
            // detail.
            let facts: Vec<&Fact> = facts
                .into_iter()
                .filter(|f| {
                    !served
                        .iter()
                        .any(|u| used.contains(&(*u as *const Fact)) && w.is_part(u, f))
                })
                .collect();
            let a_things = |f: &Fact| {
                let things = &w.phrases().things;
                things.iter().any(|t| f.name.starts_with(t.as_str()))
            };
            if facts.first().is_none_or(|f| a_things(f) != of_thing) {
                continue;
            }
            used.extend(facts.iter().map(|f| *f as *const Fact));
            let opening = match place.take() {
                Some(p) => Opening::Place(p),
                None if out.is_empty() => Opening::Name,
                None => Opening::Subject,
            };
            let said = bare_sentences(w, &facts, opening);
            let at = match round {
                0 => out.len(),
                _ => of_lead
                    .iter()
                    .rposition(|x| *x == l)
                    .map_or(out.len(), |p| p + 1),
            };
            for (k, sentence) in said.into_iter().enumerate() {
                out.insert(at + k, sentence);
                of_lead.insert(at + k, l);
            }
        }
    }
    if let Some(p) = place
        .take()
        .or_else(|| whole.clone().filter(|_| out.is_empty()))
    {
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
    let placed = usize::from(out.first().is_some_and(|s| s.source.is_empty()));
    w.subject_once(&mut out[placed..]);
    join_short(&mut out, placed, 3, |t| w.thing_at_head(t).is_some());
    if !known && placed == 0 {
        place_first(w, &mut out, whole);
    }
    mark(&mut out);
    // The place alone cites nothing.
    for s in out.iter_mut().filter(|s| s.source.is_empty()) {
        s.cite = false;
    }
    out
}

/// A 摘要 without a profile places the region in its first sentence, by naming it with its
/// province and city where it names the region first (2024年，河南省桐川县食用菌综合产值…);
/// where the first sentence names a thing, the place goes before it as a sentence of its own.
fn place_first(w: &Writer, out: &mut Vec<Sentence>, whole: Option<String>) {
    let (Some(full), Some(first)) = (w.full_name(), out.first_mut()) else {
        return;
    };
    if first.text.contains(full.as_str()) {
        return;
    }
    let at = [w.region.name.as_str(), w.subject()]
        .into_iter()
        .filter_map(|n| first.text.find(n).map(|i| (i, n)))
        .min();
    match at {
        Some((i, n)) => first.text.replace_range(i..i + n.len(), &full),
        None => {
            if let Some(p) = whole {
                out.insert(0, Sentence::new(p, ""));
            }
        }
    }
}

/// How many sentences of the 摘要 written so far say enough to stand alone: one of a few
/// characters (签约资金126亿元) is joined to its neighbour, not counted as one of three.
fn settled(w: &Writer, out: &[Sentence]) -> usize {
    let mut out = out.to_vec();
    w.same_year(&mut out);
    let placed = usize::from(out.first().is_some_and(|s| s.source.is_empty()));
    w.subject_once(&mut out[placed..]);
    out.iter()
        .filter(|s| s.text.chars().count() >= SHORT)
        .count()
}

/// A sentence of fewer characters than this is too short to stand alone in a 摘要.
const SHORT: usize = 20;

/// The longest sentence of the 摘要 that joining makes, in characters.
const JOINED: usize = 96;

/// Short sentences of one article, one after another, joined into one, the shortest pair first (a 摘要 of one subject
/// reads on: 签约金额527.2亿元，培育“小巨人”企业16家；拟设立…), as long as the 摘要 keeps
/// `keep` sentences and none grows too long. A sentence with a period of its own (2023年，…)
/// starts anew. The first `from` sentences (the place) are left alone.
/// A sentence whose subject is a thing (产业园常年用工…) takes no other after it, which would
/// read as the thing's.
fn join_short(out: &mut Vec<Sentence>, from: usize, keep: usize, of_thing: impl Fn(&str) -> bool) {
    let len = |s: &Sentence| s.text.chars().count();
    // The shortest pair that may be joined first, so that a sentence of a few characters
    // (签约资金126亿元) goes with its neighbour before two of fair length are run together.
    while out.len() > keep {
        let joinable = |i: usize| {
            let (a, b) = (&out[i], &out[i + 1]);
            let dated = b
                .text
                .split_once('，')
                .is_some_and(|(h, _)| h.chars().count() <= 12 && h.contains('年'));
            a.source == b.source
                && len(a) + len(b) < JOINED
                && !dated
                && !a.source.is_empty()
                && !of_thing(&a.text)
        };
        let Some(i) = (from..out.len().saturating_sub(1))
            .filter(|&i| joinable(i))
            .min_by_key(|&i| len(&out[i]) + len(&out[i + 1]))
        else {
            break;
        };
        // A thing's figure after the region's goes on with ；, not as the region's (人均地区生产
        // 总值超过2万美元；智能制造产业园投资28亿元).
        let joint = if out[i].text.contains('，')
            || out[i + 1].text.contains('，')
            || of_thing(&out[i + 1].text)
        {
            '；'
        } else {
            '，'
        };
        let b = out.remove(i + 1);
        out[i].text = format!("{}{joint}{}", out[i].text, b.text);
    }
}
