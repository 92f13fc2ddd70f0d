//! Whether a clause names a fact's thing: a name's words (its bigrams, without the region's
//! names and years), how many of them a clause holds, and the other facts of the same
//! article, whose names compete for each clause.

use std::collections::HashMap;

use crate::article::{bigrams, is_cjk};
use crate::facts::{Fact, FactBase, Region, Vocabulary};

/// How a name is found in a clause: how many of its words' bigrams the clause holds, of how
/// many, and how many of its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Match {
    pub(super) covered: usize,
    pub(super) total: usize,
    chars: usize,
    chars_total: usize,
}

impl Match {
    /// At least half the name's words, or two of them and two thirds of its characters
    /// (省外游客占比 in 游客中三成以上来自省外).
    pub(super) fn enough(&self) -> bool {
        self.total > 0
            && (2 * self.covered >= self.total
                || (self.covered >= 2 && 3 * self.chars >= 2 * self.chars_total))
    }

    /// Whether `other` names the clause better: more of its words, and no fewer in share.
    fn beaten_by(&self, other: &Match) -> bool {
        other.covered > self.covered && other.covered * self.total >= self.covered * other.total
    }

    /// Whether `other` names the clause in full where this name has words the clause does
    /// not say: 全县累计接待游客68.42万人次 is 接待游客's, not 苍屿古城接待游客's.
    fn outnamed_by(&self, other: &Match) -> bool {
        other.covered >= 2
            && other.covered == other.total
            && other.covered >= self.covered
            && self.covered < self.total
    }
}

/// A name's words for matching: its bigrams, without the region's names, years and
/// quotation marks.
pub(super) fn name_bigrams(name: &str, region: &Region, parent: Option<&Region>) -> Vec<String> {
    let mut s = name.to_string();
    let mut names: Vec<&str> = vec![&region.name, &region.short];
    if let Some(p) = parent {
        names.push(&p.name);
        names.push(&p.short);
    }
    names.extend(region.aliases.iter().map(String::as_str));
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for n in names {
        if n.chars().count() >= 2 {
            s = s.replace(n, "");
        }
    }
    let mut out = bigrams(&s);
    if out.is_empty() {
        let cjk: String = s.chars().filter(|c| is_cjk(*c)).collect();
        if !cjk.is_empty() {
            out.push(cjk);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Text with its years (2019年) taken out: 2019年制种面积 names 制种面积, not 年制种.
pub(super) fn without_years(text: &str) -> String {
    let cs: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_digit() {
            let mut j = i;
            while j < cs.len() && cs[j].is_ascii_digit() {
                j += 1;
            }
            if j - i == 4 && cs.get(j) == Some(&'年') {
                out.push('…');
                i = j + 1;
                continue;
            }
            out.extend(&cs[i..j]);
            i = j;
            continue;
        }
        out.push(cs[i]);
        i += 1;
    }
    out
}

fn found(words: &[String], text: &str) -> Match {
    let mut chars: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    Match {
        covered: words.iter().filter(|b| text.contains(b.as_str())).count(),
        total: words.len(),
        chars: chars.iter().filter(|c| text.contains(**c)).count(),
        chars_total: chars.len(),
    }
}

/// A fact's subject in a clause: full when a word the vocabulary lists for its key stands
/// there.
pub(super) fn subject_match(
    fact: &Fact,
    words: &[String],
    text: &str,
    vocab: &Vocabulary,
) -> Match {
    let synonym = fact
        .key
        .as_deref()
        .is_some_and(|k| vocab.subjects(k).iter().any(|w| text.contains(w.as_str())));
    if synonym {
        let n = words.len().max(1);
        return Match {
            covered: n,
            total: n,
            chars: 1,
            chars_total: 1,
        };
    }
    found(words, text)
}

/// The names of a fact base's facts, by the source they cite, with their words: what a
/// clause may name instead of the fact checked. Built once for a run; a fact is looked up
/// by its place (region, fact) in whichever fact base is checked, so that a changed copy
/// with the same names can use it.
pub struct Names {
    by_source: HashMap<String, SourceNames>,
}

struct SourceNames {
    /// (region, fact, the name's words).
    list: Vec<(usize, usize, Vec<String>)>,
    /// word → the entries whose name (or key's subjects) holds it.
    index: HashMap<String, Vec<usize>>,
}

impl Names {
    pub fn new(base: &FactBase) -> Names {
        let mut by_source: HashMap<String, SourceNames> = HashMap::new();
        for (ri, r) in base.regions.iter().enumerate() {
            let parent = r.parent.as_deref().and_then(|p| base.region(p));
            for (fi, f) in r.facts.iter().enumerate() {
                let entry = by_source
                    .entry(f.source.clone())
                    .or_insert_with(|| SourceNames {
                        list: Vec::new(),
                        index: HashMap::new(),
                    });
                let words = name_bigrams(&f.name, r, parent);
                let n = entry.list.len();
                let mut keys: Vec<String> = words.clone();
                if let Some(k) = f.key.as_deref() {
                    keys.extend(base.vocab.subjects(k).iter().flat_map(|w| bigrams(w)));
                }
                keys.sort();
                keys.dedup();
                for w in keys {
                    entry.index.entry(w).or_default().push(n);
                }
                entry.list.push((ri, fi, words));
            }
        }
        Names { by_source }
    }

    /// The fact of the same source, named otherwise than `fact`, that names `text` better
    /// than `m`, if any; `skip` passes over some.
    #[allow(clippy::too_many_arguments)]
    fn better<'b>(
        &self,
        base: &'b FactBase,
        at: (usize, usize),
        fact: &Fact,
        m: &Match,
        text: (&str, &str),
        skip: &dyn Fn(&Fact) -> bool,
        full: bool,
    ) -> Option<&'b Fact> {
        let (text, own) = text;
        let names = self.by_source.get(&fact.source)?;
        let mut candidates: Vec<usize> = bigrams(text)
            .iter()
            .filter_map(|w| names.index.get(w))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|n| {
                let (r, i, words) = &names.list[n];
                let f = base.regions.get(*r)?.facts.get(*i)?;
                ((*r, *i) != at && f.name != fact.name && !skip(f) && same_unit(f, fact))
                    .then_some((f, words))
            })
            .map(|(f, w)| {
                // Said with the topic, a peer must still hold in the subject two words the
                // fact's name lacks (国家级 of 3个国家级、7个省级非物质文化遗产代表性项目).
                let apart = w
                    .iter()
                    .filter(|b| text.contains(b.as_str()) && !fact.name.contains(b.as_str()))
                    .count();
                let whole = apart >= 2 && subject_match(f, w, own, &base.vocab).enough();
                (f, subject_match(f, w, text, &base.vocab), whole)
            })
            .filter(|(f, pm, whole)| {
                // A name in full outnames only a fact of the same year, period and kind of
                // figure (一般公共预算收入 of 2023 does not outname the budget of 2024, nor
                // 旅游综合收入 of 1—9月 the holiday's).
                let peer =
                    f.year == fact.year && f.period == fact.period && f.target == fact.target;
                (pm.enough() || *whole) && (m.beaten_by(pm) || (full && peer && m.outnamed_by(pm)))
            })
            .max_by_key(|(_, pm, _)| pm.covered)
            .map(|(f, _, _)| f)
    }
}

/// Whether a peer has a figure in the unit of the fact's figure (its value's, else its
/// change's): a clause's figure in % is no fact's whose figures are all in 亿元 (其中税收
/// 收入19.02亿元，占比达到78.7%: 78.7% is not 税收收入's).
/// A value's clause is no peer's whose figure in that unit is only its change (税收收入7.02亿元
/// with a growth in %, against 占比71.3%): a value is claimed by a peer's value, or by the
/// change of a peer that has no value.
fn same_unit(peer: &Fact, fact: &Fact) -> bool {
    let (unit, is_value) = match (&fact.value, &fact.unit, &fact.growth) {
        (Some(_), Some(u), _) => (u, true),
        (_, _, Some(g)) => (&g.unit, false),
        _ => return true,
    };
    let by_value = peer.value.is_some() && peer.unit.as_ref() == Some(unit);
    let by_change = peer.growth.as_ref().is_some_and(|g| &g.unit == unit);
    by_value || (by_change && (!is_value || peer.value.is_none()))
}

/// The other facts of the article that may name a clause better than the fact checked.
pub(super) struct Peers<'a> {
    pub(super) base: &'a FactBase,
    pub(super) names: &'a Names,
    pub(super) at: (usize, usize),
    pub(super) fact: &'a Fact,
}

impl<'a> Peers<'a> {
    /// Whether another fact of the same source has the fact's name with another measure
    /// (星衡项目 总投资 and 星衡项目 年产值): then the measure tells them apart.
    pub(super) fn measure_tells_apart(&self) -> bool {
        let Some(names) = self.names.by_source.get(&self.fact.source) else {
            return false;
        };
        names.list.iter().any(|(r, i, _)| {
            (*r, *i) != self.at
                && self
                    .base
                    .regions
                    .get(*r)
                    .and_then(|reg| reg.facts.get(*i))
                    .is_some_and(|f| f.name == self.fact.name && f.measure != self.fact.measure)
        })
    }

    /// `full`: also a name the clause holds whole where the fact's words are not all in
    /// the paragraph up to the figure (see [`Match::outnamed_by`]).
    /// `text`: the figure's subject, on which a peer must hold more of its name than the
    /// fact, and the subject with its topic, on which the peer's name must be said enough
    /// (as the fact's may be).
    pub(super) fn better(
        &self,
        m: &Match,
        text: (&str, &str),
        skip: &dyn Fn(&Fact) -> bool,
        full: bool,
    ) -> Option<&'a Fact> {
        self.names
            .better(self.base, self.at, self.fact, m, text, skip, full)
    }
}
