//! Sentences from facts. Each fact is said as a clause in the words of the fact base's
//! `phrases.yaml` (or its own `say:`); clauses of one article and one period make a sentence
//! with the period once at its head and the region once as its subject; a run of sentences
//! from one article carries one source marker, at its end.

use serde::Serialize;

use super::format::format_quantity;
use crate::facts::phrases::{fill, Phrases};
use crate::facts::{Fact, FactBase, Kind, Region};

mod combine;
mod passes;
mod pattern;
pub(crate) mod words;

pub(crate) use combine::group;
use combine::{chunks, elide_topic, once, region_first, together, together_amounts};
pub(crate) use words::{aimed, as_ranges, one_verb, streak};
use words::{is_year, names_a_thing, opens_with_a_part, push_head, said_name};
pub use words::{join_names, note_sentences};

#[cfg(test)]
#[path = "tests_clauses.rs"]
mod tests_clauses;

/// One sentence as printed: its words (without the final 。), the article it comes from, and
/// whether the marker of that article closes it (the last of a run from one article).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Sentence {
    pub text: String,
    pub source: String,
    pub cite: bool,
    /// A note that says more of the sentence before it: a paragraph does not begin with it.
    #[serde(skip)]
    pub follows: bool,
    /// Other articles that give a figure of the sentence as well: the sentence closes with
    /// their markers after its own ([1][2]).
    pub also: Vec<String>,
}

impl Sentence {
    pub fn new(text: String, source: &str) -> Sentence {
        Sentence {
            text,
            source: source.to_string(),
            cite: false,
            follows: false,
            also: Vec::new(),
        }
    }
}

/// Marks the last sentence of each run from one article: it carries the marker; and a
/// sentence whose figure another article gives too, which carries both.
pub fn mark(sentences: &mut [Sentence]) {
    let n = sentences.len();
    for i in 0..n {
        sentences[i].cite = i + 1 == n
            || sentences[i + 1].source != sentences[i].source
            || !sentences[i].also.is_empty();
    }
}

/// A fact said as a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    /// The period its sentence opens with: 2022年, “十三五”期间, 到“十四五”末期.
    pub head: Option<String>,
    /// 地区生产总值预计142亿元、增长5%左右
    pub body: String,
    /// Whether the region may stand before it as its subject: a figure of the region, not of
    /// a named thing.
    pub of_region: bool,
    /// Whether the figure is the region's, whether or not the clause names the region itself
    /// (a `say:` with {place}).
    pub regions: bool,
    /// The name the clause opens with, when it opens with its name.
    pub name: Option<String>,
    /// A change alone, as (what, verb with its period, amount): 固定资产投资, 年均增长, 13%;
    /// such clauses side by side are said once with 分别.
    pub change_only: Option<(String, String, String)>,
    /// Other articles that give the same figure, said once here.
    pub also: Vec<String>,
}

/// Kinds whose facts are named things (a scenic area, a festival): the region is not the
/// subject of their figures. (A project's figure is the thing's when it has a `measure`.)
const THINGS: &[Kind] = &[Kind::Scenic, Kind::Festival];

/// The pieces of a clause: its name, value, the period of its change (年均), its change
/// (verb, amount), its base and the base's year.
struct Pieces<'a> {
    name: &'a str,
    value: Option<&'a str>,
    per: &'a str,
    change: Option<&'a (String, String)>,
    base: Option<&'a str>,
    base_year: Option<&'a str>,
}

/// How the first sentence of a run opens.
#[derive(Debug, Clone, PartialEq)]
pub enum Opening {
    /// With the region's name as its subject (芦溪县…); later sentences with 全县.
    Name,
    /// With 全县, the region having been named before.
    Subject,
    /// With the clause that places the region (芦溪县位于江西省萍乡市，…).
    Place(String),
}

/// The words brief writes with, for one region.
#[derive(Clone, Copy)]
pub struct Writer<'a> {
    pub base: &'a FactBase,
    pub region: &'a Region,
    /// The year of the briefing's date: a goal for a year before it is said as set, in its
    /// article's year (`target_past_head`). None: no goal is past.
    pub today: Option<i64>,
}

impl<'a> Writer<'a> {
    pub fn new(base: &'a FactBase, region: &'a Region) -> Writer<'a> {
        Writer {
            base,
            region,
            today: None,
        }
    }

    /// The writer of a briefing dated in `year`.
    pub fn dated(self, year: i64) -> Writer<'a> {
        Writer {
            today: Some(year),
            ..self
        }
    }

    pub(crate) fn phrases(&self) -> &Phrases {
        &self.base.phrases
    }

    /// The region as the subject of a later sentence: 全县.
    pub fn subject(&self) -> &str {
        self.phrases().subject(self.region.level)
    }

    /// The fact as a clause, or `None` when no sentence can say its figure (a duration
    /// without its own `say:`, a thing's code that would run into its figure: PM2.5, G1111): it
    /// belongs in a table row. A fact without a figure has none.
    pub fn said(&self, f: &Fact) -> Option<Said> {
        if f.value.is_none() && f.growth.is_none() {
            return None;
        }
        let p = self.phrases();
        let vocab = &self.base.vocab;
        let unit = f.unit.clone().unwrap_or_default();
        let value = f
            .value
            .as_ref()
            .map(|v| format_quantity(vocab, v.text(), &unit, f.qualifier.as_deref()));
        let (pattern, stem_said) = self.pattern(f)?;
        let (head, per) = self.head_of(f);
        let name = self.count_name(f).unwrap_or_else(|| said_name(f));
        let change = self.change(f);
        let change_text = change
            .as_ref()
            .map(|(verb, amount)| format!("{per}{verb}{amount}"));
        let base = f
            .base
            .as_ref()
            .map(|b| format_quantity(vocab, b.value.text(), &unit, None));
        let base_year = f.base.as_ref().and_then(|b| b.year).map(|y| y.to_string());
        let place = self.region.name.clone();
        // 为 does not stand before a qualifier that is a verb itself: 比重达78%.
        // A goal striven for reaches its figure: 力争达到300亿元, not 力争300亿元 (力争突破… as
        // it is).
        let (pattern, value) = match (f.qualifier.as_deref(), value) {
            (Some("力争"), Some(_)) if pattern.contains("力争") => (
                pattern,
                f.value
                    .as_ref()
                    .map(|v| format_quantity(vocab, v.text(), &unit, None)),
            ),
            (_, value) => (pattern, value),
        };
        let pattern = match f.qualifier.as_deref() {
            _ if pattern.contains("力争") && f.qualifier.as_deref() == Some("力争") => pattern,
            // A qualifier of aim or expectation (力争15亿元, 预计142亿元) needs no 力争 of its own.
            Some(_) if aimed(p, f) => pattern
                .replace("为{value}", "{value}")
                .replace("力争达到{value}", "{value}")
                .replace("达到{value}", "{value}")
                .replace("力争{value}", "{value}"),
            Some(q) if p.verbal.iter().any(|v| v == q) => pattern
                .replace("为{value}", "{value}")
                .replace("达到{value}", "{value}"),
            _ => pattern,
        };
        // A name that ends in a digit or a letter (PM2.5, G1111) is a thing's code, not a
        // measure: it would run into its figure (PM2.518微克/立方米), and 为 is said only after
        // a word that names a measure (比重为, 比例为, 增速为), never after a thing (PM2.5为18…,
        // 高速公路G1111为42公里). With no word of its own between them, no sentence says it: it
        // is a table's row, or 名称：数值.
        let runs_on = pattern.contains("{name}{value}")
            && name.ends_with(|c: char| c.is_ascii_alphanumeric())
            && value
                .as_deref()
                .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()));
        if runs_on {
            return None;
        }
        let slots = crate::facts::phrases::slots(&pattern).unwrap_or_default();
        let mut values: Vec<(&str, &str)> = vec![("name", &name), ("place", &place)];
        let value_text = value.clone().unwrap_or_default();
        values.push(("value", &value_text));
        let change_slot = change_text.clone().unwrap_or_default();
        values.push(("change", &change_slot));
        let base_text = base.clone().unwrap_or_default();
        values.push(("base", &base_text));
        let base_year_text = base_year.clone().unwrap_or_default();
        values.push(("base_year", &base_year_text));
        let body = fill(&pattern, &values);
        // What the pattern leaves out is said after it, so that no figure is dropped.
        let pieces = Pieces {
            name: &name,
            value: value.as_deref(),
            per: &per,
            change: change.as_ref(),
            base: base.as_deref(),
            base_year: base_year.as_deref(),
        };
        let (body, change_only) = self.complete(f, &pieces, &slots, body);
        let name = match stem_said {
            Some(stem) if body.starts_with(stem.as_str()) => Some(stem),
            _ => body.starts_with(name.as_str()).then_some(name),
        };
        // A figure of one project by name (…项目占地面积) is the project's.
        let of_thing = self.opens_with_a_thing(&body) || self.project_of(&f.name).is_some();
        Some(Said {
            head,
            body,
            regions: f.measure.is_none()
                && !THINGS.contains(&f.kind)
                && !names_a_thing(&p.things, &f.name)
                && self.project_of(&f.name).is_none(),
            name,
            change_only,
            also: Vec::new(),
            // A figure of a named thing (中材锂电项目投资) is not the region's.
            of_region: f.measure.is_none()
                && (!THINGS.contains(&f.kind) || self.counts_things(f))
                && !names_a_thing(&p.things, &f.name)
                && f.say.as_deref().is_none_or(|s| !s.contains("{place}"))
                && !of_thing,
        })
    }

    /// Whether a figure counts things the region has (5A级旅游景区1家): a count, though its
    /// kind is one of named things.
    fn counts_things(&self, f: &Fact) -> bool {
        let p = self.phrases();
        self.is_count(f)
            && (p.stock.iter().any(|n| f.name.ends_with(n.as_str()))
                || self.count_name(f).is_some())
    }

    fn is_count(&self, f: &Fact) -> bool {
        f.unit
            .as_deref()
            .and_then(|u| self.base.vocab.measure(u))
            .is_some_and(|m| m == "count")
    }

    /// A count's name without the 数 a table heads it with (规模以上工业企业数 68家 →
    /// 有规模以上工业企业68家; 高新技术企业总数 → 高新技术企业): the classifier counts already.
    /// None where the rest names no thing counted (`stock`).
    fn count_name(&self, f: &Fact) -> Option<String> {
        if !self.is_count(f) || f.say.is_some() {
            return None;
        }
        let name = said_name(f);
        let p = self.phrases();
        let rest = p
            .count_ends
            .iter()
            .find_map(|e| name.strip_suffix(e.as_str()))?;
        p.stock
            .iter()
            .any(|n| rest.ends_with(n.as_str()))
            .then(|| rest.to_string())
    }

    /// How much of the region a figure speaks for: 0 the whole of it by name (全县食用菌综合
    /// 产值, 芦溪县…), 2 a part or a thing in it (石桥镇…, 刘庄村…, 合作社社员, 产业园常年用工,
    /// a project's investment), 1 anything else. A 摘要 and a section's sentences lead with
    /// the whole; a table takes the parts.
    pub fn scope(&self, f: &Fact) -> u8 {
        let name = f.name.as_str();
        let whole = name.starts_with(self.region.name.as_str())
            || name.starts_with(self.subject())
            || (name.starts_with('全')
                && name
                    .chars()
                    .nth(1)
                    .is_some_and(|c| "省市县区镇乡".contains(c)));
        if whole {
            0
        } else if f.measure.is_some()
            || THINGS.contains(&f.kind)
            || opens_with_a_part(name)
            || self
                .phrases()
                .things
                .iter()
                .any(|t| name.starts_with(t.as_str()))
            || names_a_thing(&self.phrases().things, name)
            || self.project_of(name).is_some()
        {
            2
        } else {
            1
        }
    }

    /// The named project a figure is of: the one its name names (年产30万吨马铃薯全粉项目 of
    /// …项目占地面积), or, for a figure with a `measure`, the project it opens with (鹤北大豆
    /// 蛋白项目 of 投资, 5G基站建设项目 of 完成投资).
    fn thing_of<'f>(&self, f: &'f Fact) -> Option<&'f str> {
        self.project_of(&f.name).or_else(|| {
            f.measure.as_ref()?;
            let name = &f.name[..f.name.find("项目")? + "项目".len()];
            self.named_project(name).then_some(name)
        })
    }

    /// Whether a clause opens with a thing the region's facts name with a measure (森网科技
    /// 另有6项发明专利…): its subject is that thing, not the region.
    fn opens_with_a_thing(&self, body: &str) -> bool {
        self.region
            .facts
            .iter()
            .filter_map(|g| {
                // 森网科技营业收入 with measure 营业收入, 森网科技（全部达产后）…: 森网科技.
                let name = g
                    .name
                    .strip_suffix(g.measure.as_deref()?)
                    .unwrap_or(&g.name);
                name.split('（').next()
            })
            .any(|thing| thing.chars().count() >= 2 && body.starts_with(thing))
    }

    /// The clause with what its pattern leaves out said after it: the change (、增长5%), a
    /// change from a base (，比2012年的9999.5元增长128.63%), a value from a base (由…增至…).
    fn complete(
        &self,
        f: &Fact,
        x: &Pieces,
        slots: &[&str],
        mut body: String,
    ) -> (String, Option<(String, String, String)>) {
        let p = self.phrases();
        let c = &p.change;
        let (name, per) = (x.name, x.per);
        let mut change_only = None;
        let has = |s: &str| slots.contains(&s);
        match (x.change, x.base, has("change"), has("base")) {
            (Some((verb, amount)), Some(b), false, false) => {
                let since = match x.base_year {
                    Some(y) => fill(
                        &c.since_year,
                        &[
                            ("base_year", y),
                            ("base", b),
                            ("change", &format!("{per}{verb}{amount}")),
                        ],
                    ),
                    None => format!(
                        "{}，{per}{verb}{amount}",
                        fill(&c.since, &[("base", b), ("value", "")])
                    ),
                };
                body.push('，');
                body.push_str(&since);
            }
            (Some((verb, amount)), _, false, _) => {
                if x.value.is_some() || f.say.is_some() {
                    // 142亿元、增长5%; but a figure said with 为 or 的 (比例为91.2%) takes a
                    // comma: 比例为91.2%，提高2.3个百分点.
                    let said_as = x.value.is_some_and(|v| {
                        body.contains(&format!("为{v}")) || body.contains(&format!("的{v}"))
                    });
                    body.push(if said_as { '，' } else { '、' });
                    body.push_str(&format!("{per}{verb}{amount}"));
                } else if p.change_verbs.iter().any(|v| name.ends_with(v.as_str())) {
                    // The name says the change: 年均增长 + 9%.
                    body = format!("{body}{amount}");
                } else if p.change_nouns.iter().any(|n| name.ends_with(n.as_str())) {
                    body = format!("{body}为{amount}");
                } else {
                    if body == name {
                        change_only =
                            Some((name.to_string(), format!("{per}{verb}"), amount.clone()));
                    }
                    body = format!("{body}{per}{verb}{amount}");
                }
            }
            (None, Some(b), _, false) => {
                let grew = f
                    .value
                    .as_ref()
                    .zip(f.base.as_ref().map(|x| x.value.value()))
                    .is_none_or(|(v, b)| v.value() >= b);
                let since = if grew { &c.since } else { &c.since_down };
                let v = x.value.unwrap_or_default();
                let from = match x.base_year {
                    Some(y) => format!("{y}年的{b}"),
                    None => b.to_string(),
                };
                let mut said = fill(since, &[("base", &from), ("value", v)]);
                // A share rises and falls to its level (由18%提高到37%), an amount grows to it.
                if f.unit.as_deref().and_then(|u| self.base.vocab.measure(u)) == Some("share") {
                    said = said
                        .replacen("增至", "提高到", 1)
                        .replacen("降至", "降低到", 1);
                }
                body = format!("{name}{said}");
            }
            _ => {}
        }
        (body, change_only)
    }

    /// Sentences of figures: facts of one article and one period in one sentence (at most
    /// `per` clauses), the period once at its head, the region as the subject (named in the
    /// first sentence as `opening` says, 全县 after), each fact's note after its sentence when
    /// `notes`.
    pub fn figures(
        &self,
        facts: &[&Fact],
        per: usize,
        opening: Opening,
        notes: bool,
    ) -> Vec<Sentence> {
        let said: Vec<(&Fact, Said)> = once(
            facts
                .iter()
                .filter_map(|f| self.said(f).map(|s| (*f, s)))
                .collect(),
        );
        let mut groups = group(said, |(f, s)| (f.source.clone(), s.head.clone()));
        region_first(&mut groups, |f| self.thing_of(f).is_some());
        let mut out: Vec<Sentence> = Vec::new();
        let mut place = match &opening {
            Opening::Place(p) => Some(p.clone()),
            _ => None,
        };
        let mut named = opening == Opening::Subject;
        for ((source, head), clauses) in groups {
            // Goals under their head (芦溪县提出，2024年…) are one sentence.
            let listed = head.is_some() && clauses.iter().all(|(f, _)| f.target);
            let chunked = if listed {
                vec![&clauses[..]]
            } else {
                chunks(
                    &clauses,
                    per,
                    notes,
                    |f| f.key.is_some() || self.base.vocab.names_a_subject(&f.name),
                    |f| self.thing_of(f),
                    // A count in its own words with 有 (共有国家级绿色园区{value}) lists
                    // things had too.
                    |f, s| {
                        let own_have = f
                            .say
                            .as_deref()
                            .is_some_and(|t| t.contains(self.phrases().have.as_str()));
                        (s.of_region && self.is_stock(f, s)) || (own_have && self.counts_things(f))
                    },
                    (&self.phrases().plain_chars, |f: &Fact| {
                        f.unit
                            .as_deref()
                            .and_then(|u| self.base.vocab.measure(u))
                            .map(str::to_string)
                    }),
                )
            };
            for chunk in chunked {
                let mut text = String::new();
                if let Some(p) = place.take() {
                    named = true;
                    // The place is a sentence of its own (芦溪县位于江西省萍乡市。), never
                    // spliced to a figure by a comma.
                    out.push(Sentence::new(p, ""));
                    if let Some(h) = &head {
                        push_head(&mut text, h);
                    }
                } else if let Some(h) = &head {
                    push_head(&mut text, h);
                }
                let placed = text.contains(&self.region.name);
                // A route (白岚至榆泉城际铁路) names its places: no region before it.
                let route = chunk[0].1.name.as_deref().is_some_and(|n| n.contains('至'));
                let own = chunk[0].1.of_region && !self.names_place(&chunk[0].1.body) && !route;
                if own && !placed {
                    if named {
                        text.push_str(self.subject());
                    } else {
                        text.push_str(&self.region.name);
                        named = true;
                    }
                }
                // A stock of things is had: 全区有高新技术企业186家 (芦溪县位于…，2023年有…).
                if own && self.is_stock(chunk[0].0, &chunk[0].1) {
                    text.push_str(&self.phrases().have);
                }
                text.push_str(&self.clauses(chunk, listed, own || placed));
                let last = chunk.len() - 1;
                for (i, (f, _)) in chunk.iter().enumerate().filter(|_| notes) {
                    if let Some(more) = self.goes_on(f, i == last) {
                        text.push('，');
                        // 2024年，…总投资120亿元，当年开工 (not 于2024年开工 again).
                        let more =
                            match head.as_deref().filter(|h| is_year(h)) {
                                Some(h) => more
                                    .replacen(&format!("已于{h}"), "当年已", 1)
                                    .replacen(&format!("于{h}"), "当年", 1),
                                None => more,
                            };
                        text.push_str(&more);
                    }
                }
                let mut sentence = Sentence::new(text, &source);
                for (_, s) in chunk.iter() {
                    let more = s.also.iter().filter(|a| **a != source);
                    sentence.also.extend(more.cloned());
                }
                sentence.also.dedup();
                out.push(sentence);
                for (i, (f, _)) in chunk.iter().enumerate().filter(|_| notes) {
                    let Some(n) = &f.note else { continue };
                    if self.goes_on(f, i == last).is_some() {
                        continue;
                    }
                    out.extend(note_sentences(n, &source).into_iter().map(|mut s| {
                        s.follows = true;
                        s
                    }));
                }
            }
        }
        out
    }

    /// The clauses of one sentence joined as a writer joins them: a topic said once, changes
    /// said together (分别), a verb said once, a range's bounds as one, goals striving once,
    /// the region not named again, and a share going on from the clause before with a comma.
    /// `named`: whether the sentence has named the region before its first clause.
    fn clauses(&self, chunk: &[(&Fact, Said)], listed: bool, named: bool) -> String {
        let mut text = String::new();
        let p = self.phrases();
        let bodies = together(
            chunk,
            elide_topic(&p.things, &p.stock, &p.bound, chunk),
            &p.word_ends,
        );
        let bodies = if bodies.len() == chunk.len() {
            let plain = |i: usize| {
                let (f, s) = &chunk[i];
                f.value.is_some()
                    && f.growth.is_none()
                    && f.qualifier.is_none()
                    && f.say.is_none()
                    && !f.target
                    && self.verb_of(&f.name).is_none()
                    && !self.is_stock(f, s)
            };
            together_amounts(chunk, bodies, &p.word_ends, plain)
        } else {
            bodies
        };
        let mut bodies = as_ranges(one_verb(&self.phrases().verbs, bodies));
        // Goals in one sentence strive once: 力争 after the first goes (力争改造…，新增…).
        if listed {
            let mut striven = false;
            for b in bodies.iter_mut() {
                if striven {
                    *b = b.replacen("力争达到", "达到", 1).replacen("力争", "", 1);
                }
                striven |= b.contains("力争");
            }
        }
        // The region the sentence is of is not named again in a later clause (its own
        // words, {place}节能环保产业产值…): after a clause of a thing it is kept.
        let first = &chunk[0].1;
        let of_region = named
            || (first.of_region
                && (first.body.starts_with(self.subject())
                    || first.body.starts_with(self.region.name.as_str())));
        let bodies: Vec<&str> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                // 全县 too, unless a figure or a stock follows it (全县1988项…, 全县有…).
                let glued = |r: &&str| r.starts_with(|c| self.phrases().glued_chars.contains(c));
                let rest = b
                    .strip_prefix(self.region.name.as_str())
                    .filter(|r| !glued(r))
                    .or_else(|| b.strip_prefix(self.subject()))
                    .filter(|r| !r.starts_with(['、', '和', '与', '有']))
                    .filter(|r| !r.starts_with(|c: char| c.is_ascii_digit()));
                match rest {
                    Some(rest) if i > 0 && of_region => rest,
                    _ => b.as_str(),
                }
            })
            .collect();
        // A figure the project's name already says (年产30万吨马铃薯全粉项目…，年产能30万吨) is
        // not said again after it: the name prints it.
        let thing = self.thing_of(chunk[0].0);
        let bodies: Vec<&str> = bodies
            .into_iter()
            .enumerate()
            .filter(|(i, b)| {
                let figure = b.find(|c: char| c.is_ascii_digit()).map(|at| &b[at..]);
                let said = thing.zip(figure).is_some_and(|(t, f)| {
                    f.chars().count() >= 3 && t.contains(f) && !b.contains(['、', '，'])
                });
                *i == 0 || !said
            })
            .map(|(_, b)| b)
            .collect();
        // Deeds of one verb side by side say it once (新培育省级龙头企业4家、市级龙头企业11家);
        // a deed's object goes on as the next clause's subject unsaid (发放小额信贷1.28亿元，
        // 惠及脱贫户3415户).
        let mut bodies = bodies;
        let mut one_deed = vec![false; bodies.len()];
        if chunk.len() == bodies.len() {
            for i in 1..bodies.len() {
                let (a, b) = (&chunk[i - 1].1, &chunk[i].1);
                let plain = |x: &str| !x.contains(['，', '、', '；']);
                if !(plain(bodies[i]) && plain(bodies[i - 1])) {
                    continue;
                }
                // 辖9个镇、3个乡: a verb both clauses open with, by their facts' names.
                let (fa, fb) = (&chunk[i - 1].0.name, &chunk[i].0.name);
                if let Some(verb) = self.verb_of(fa).filter(|v| {
                    fb.starts_with(*v)
                        && bodies[i - 1].starts_with(*v)
                        && bodies[i].starts_with(*v)
                        && bodies[i][v.len()..].chars().count() >= 2
                }) {
                    bodies[i] = &bodies[i][verb.len()..];
                    one_deed[i] = true;
                    continue;
                }
                let (Some(na), Some(nb)) = (a.name.as_deref(), b.name.as_deref()) else {
                    continue;
                };
                let Some(verb) = self.verb_of(na) else {
                    continue;
                };
                if !bodies[i].starts_with(nb) {
                    continue;
                }
                let object = &na[verb.len()..];
                if object.chars().count() >= 3
                    && nb.starts_with(object)
                    && nb[object.len()..].chars().count() >= 2
                    && self.verb_of(&nb[object.len()..]).is_some()
                {
                    bodies[i] = &bodies[i][object.len()..];
                }
            }
        }
        // Things had, each a name and a count, are one list: 有普通高中5所、初中22所、小学67所.
        let had = |i: usize| {
            chunk.len() == bodies.len()
                && !bodies.iter().any(|b| b.contains(['、', '，']))
                && [i - 1, i].iter().all(|&j| {
                    let (f, s) = &chunk[j];
                    s.of_region && self.is_stock(f, s)
                })
        };
        let joiner = if bodies.iter().any(|b| b.contains('，')) {
            "；"
        } else {
            "，"
        };
        // Graded things after their total are part of it: 有A级旅游景区14家，其中5A级景区1家、
        // 4A级景区4家.
        let parts = graded_parts(chunk).filter(|_| had(1));
        // A figure that is part of the one before it (一般公共预算收入…，其中税收收入…): 其中
        // reaches to the sentence's end, so every clause after it must be a part of that whole,
        // and together no larger (城镇、乡村消费品零售额, not then 商品零售额, another breakdown).
        let part_of = |i: usize| {
            if i == 0 || chunk.len() != bodies.len() {
                return false;
            }
            let whole = chunk[i - 1].0;
            let rest = &chunk[i..];
            let value = |f: &Fact| f.value.as_ref().map(|v| v.value());
            let sum: Option<f64> = rest.iter().map(|(f, _)| value(f)).sum();
            rest.iter().all(|(f, _)| self.is_part(whole, f))
                && sum.zip(value(whole)).is_some_and(|(s, w)| s <= w * 1.001)
        };
        // A clause that says what share the one before is (占…的68.0%, 为预算的102.6%)
        // goes on from it with a comma whatever the joiner.
        for (i, b) in bodies.iter().enumerate() {
            if i > 0 && (parts == Some(i) || (part_of(i) && !b.starts_with("其中"))) {
                text.push_str("，其中");
            } else if i > 0 {
                let share = self
                    .phrases()
                    .shares
                    .iter()
                    .any(|w| b.starts_with(w.as_str()))
                    && b.contains('%');
                text.push_str(match (share, had(i) || one_deed[i]) {
                    (true, _) => "，",
                    (false, true) => "、",
                    (false, false) => joiner,
                });
            }
            text.push_str(b);
        }
        text
    }

    /// A note of one sentence that goes on from its fact's clause rather than standing alone:
    /// 其中国家级2家; or, after the last clause of a sentence, one that opens with the thing
    /// the clause is about (海上风电装备基地项目总投资120亿元，于2024年开工).
    fn goes_on(&self, f: &Fact, last: bool) -> Option<String> {
        let n = f.note.as_deref()?.trim().trim_end_matches('。');
        if n.contains(['。', '；']) {
            return None;
        }
        if n.starts_with("其中") {
            return Some(n.to_string());
        }
        if !last {
            return None;
        }
        // A short remark on the figure (开园以来单日最高) ends its sentence; one about the
        // region (芦溪县全域实现Ⅱ类水质) is a sentence of its own.
        if n.chars().count() <= 12 && !n.contains(['，', '、', '：']) && !self.names_place(n) {
            return Some(n.to_string());
        }
        // The note opens with the figure's own name (规上工业营业收入比2020年翻了一番), or
        // with the thing it is of.
        let thing = match &f.measure {
            _ if n.starts_with(f.name.as_str()) => f.name.as_str(),
            Some(m) => f.name.strip_suffix(m.as_str()).unwrap_or(&f.name),
            None => self
                .phrases()
                .things
                .iter()
                .filter_map(|t| f.name.find(t.as_str()).map(|i| &f.name[..i + t.len()]))
                .max_by_key(|h| h.len())?,
        };
        let rest = n.strip_prefix(thing)?;
        (thing.chars().count() >= 3 && !rest.is_empty() && !rest.starts_with(['，', '的']))
            .then(|| rest.to_string())
    }

    /// Whether a clause opens with the region's name (or its short name, or a 全… or a part
    /// of the region of its own: 县城, 主城区), so that it needs no subject.
    fn names_place(&self, body: &str) -> bool {
        body.starts_with(&self.region.name)
            || body.starts_with(&self.region.short)
            // 茶山村…, 桐木镇…: a part of the region by name.
            || opens_with_a_part(body)
            // 全体居民…, 全年…: a subject of its own.
            || body.starts_with('全')
            || self.phrases().places.iter().any(|p| body.starts_with(p.as_str()))
    }

    /// The verb a name opens with (新培育 of 新培育省级龙头企业, 发放 of 发放小额信贷): the
    /// longest of phrases.yaml's `verbs`, with the 新 before it.
    fn verb_of<'n>(&self, name: &'n str) -> Option<&'n str> {
        let fresh = usize::from(name.starts_with('新')) * '新'.len_utf8();
        let verb = self
            .phrases()
            .verbs
            .iter()
            .filter(|v| name.starts_with(v.as_str()) || name[fresh..].starts_with(v.as_str()))
            .map(|v| {
                if name.starts_with(v.as_str()) {
                    v.len()
                } else {
                    fresh + v.len()
                }
            })
            .max()?;
        Some(&name[..verb])
    }

    /// Whether a clause says how many things the region has (高新技术企业186家): a count of
    /// things whose name ends with a word of `stock` (企业, 景区) and opens with no verb
    /// (新增…, 建成…), with no qualifier that is a verb.
    /// Whether `part` is a part of `whole` by phrases.yaml's `parts`, in the same unit and
    /// year and no larger.
    pub(crate) fn is_part(&self, whole: &Fact, part: &Fact) -> bool {
        let listed = self.phrases().parts.iter().any(|(w, ps)| {
            whole.name.ends_with(w.as_str()) && ps.iter().any(|p| part.name.ends_with(p.as_str()))
        });
        let value = |f: &Fact| f.value.as_ref().map(|v| v.value());
        listed
            && whole.unit == part.unit
            && whole.year == part.year
            && whole.period == part.period
            && value(part).zip(value(whole)).is_some_and(|(p, w)| p <= w)
    }

    fn is_stock(&self, f: &Fact, said: &Said) -> bool {
        let p = self.phrases();
        self.counts_things(f)
            && f.say.is_none()
            // A change of the count itself (增加9家) goes with the stock; another (增长5%)
            // does not.
            && f.growth.as_ref().is_none_or(|g| Some(&g.unit) == f.unit.as_ref())
            // 有效高新技术企业: 有 is said already.
            && !f.name.starts_with(p.have.as_str())
            && said.name.is_some()
            && !f.target
            && f.qualifier
                .as_deref()
                .is_none_or(|q| !p.verbal.iter().any(|v| v == q))
            && !p.verbs.iter().any(|v| {
                f.name.starts_with(v.as_str())
                    || f.name
                        .strip_prefix('新')
                        .is_some_and(|n| n.starts_with(v.as_str()))
            })
    }

    /// One sentence naming things of one kind (and grade) without figure or note, with the
    /// predicate `phrases.yaml` gives for the kind; none for a kind it gives none.
    pub fn names(&self, kind: Kind, facts: &[&Fact]) -> Vec<Sentence> {
        let Some(pattern) = self.phrases().names.get(&kind) else {
            return Vec::new();
        };
        group(facts.to_vec(), |f| f.source.clone())
            .into_iter()
            .map(|(source, mut list)| {
                // Graded things (scenic areas) highest grade first, each grade said once:
                // 国家4A级旅游景区甲和乙，国家3A级旅游景区丙.
                list.sort_by(|a, b| b.grade.cmp(&a.grade));
                let names = group(list, |f| f.grade.clone())
                    .into_iter()
                    .map(|(grade, fs)| {
                        let names = join_names(fs.iter().map(|f| f.name.as_str()));
                        match grade {
                            Some(g) => fill(
                                &self.phrases().graded,
                                &[("grade", g.as_str()), ("names", names.as_str())],
                            ),
                            None => names,
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("，");
                let text = fill(pattern, &[("place", &self.region.name), ("names", &names)]);
                Sentence::new(text, &source)
            })
            .collect()
    }

    /// Things without a figure said by their own `say:`: facts of one pattern and one article
    /// in one sentence, their names joined (拓源实业、华瑞新材料和国微陶瓷产值翻了一番).
    pub fn said_names(&self, facts: &[&Fact]) -> Vec<Sentence> {
        let own: Vec<&Fact> = facts.iter().copied().filter(|f| f.say.is_some()).collect();
        group(own, |f| {
            (f.say.clone().unwrap_or_default(), f.source.clone())
        })
        .into_iter()
        .map(|((say, source), list)| {
            let names = join_names(list.iter().map(|f| f.name.as_str()));
            let head = list[0].year.map(|y| format!("{y}年，")).unwrap_or_default();
            let text = fill(&say, &[("name", &names), ("place", &self.region.name)]);
            Sentence::new(format!("{head}{text}"), &source)
        })
        .collect()
    }

    /// The 摘要's first clause: where the region is (芦溪县位于江西省萍乡市), or none for a
    /// region whose province is not known; then what it is known for to this reader: its
    /// profile for the audience (`profiles`) where the region gives one, else `profile`.
    pub fn place_for(&self, audience: Option<&str>) -> Option<String> {
        let words = self.chain()?;
        let place = fill(
            &self.phrases().place,
            &[("place", &self.region.name), ("chain", &words)],
        );
        let profile = audience
            .and_then(|a| self.region.profiles.get(a))
            .or(self.region.profile.as_ref());
        Some(match profile {
            Some(p) => format!("{place}，{p}"),
            None => place,
        })
    }

    /// The region by its province and the regions above it, as a subject: 河南省桐川县,
    /// 湖南省株洲市芦淞区. None for a region whose province is not known.
    pub fn full_name(&self) -> Option<String> {
        let chain = self.chain()?;
        let name = &self.region.name;
        Some(match name.starts_with(chain.as_str()) {
            true => name.clone(),
            false => format!("{chain}{name}"),
        })
    }

    /// Where the region lies: its province and the regions above it (江西省萍乡市).
    fn chain(&self) -> Option<String> {
        let mut chain: Vec<&Region> = Vec::new();
        let mut at = self.region;
        let mut seen = 0;
        while let Some(p) = at.parent.as_deref().and_then(|p| self.base.region(p)) {
            chain.push(p);
            at = p;
            seen += 1;
            if seen > 64 {
                break;
            }
        }
        let province = at.province.clone()?;
        let mut words = province;
        for r in chain.iter().rev() {
            if r.name != words {
                words.push_str(&r.name);
            }
        }
        Some(words)
    }
}

/// Where a list of counted things turns from a total to its graded parts (A级旅游景区14家,
/// 5A级景区1家, 4A级景区4家): the index of the first part, when every clause after the first
/// is a grade (a digit and A级) of what the first counts, in its unit, and they add up to no
/// more than it.
fn graded_parts(chunk: &[(&Fact, Said)]) -> Option<usize> {
    let (total, rest) = chunk.split_first()?;
    let tail = |n: &str| n.chars().rev().take(2).collect::<String>();
    let graded = |f: &Fact| {
        let mut c = f.name.chars();
        c.next().is_some_and(|d| d.is_ascii_digit()) && c.as_str().starts_with("A级")
    };
    let value = |f: &Fact| f.value.as_ref().map(|v| v.value());
    let sum: Option<f64> = rest.iter().map(|(f, _)| value(f)).sum();
    let fits = !rest.is_empty()
        && rest.iter().all(|(f, _)| {
            graded(f) && f.unit == total.0.unit && tail(&f.name) == tail(&total.0.name)
        })
        && !graded(total.0)
        && sum.zip(value(total.0)).is_some_and(|(s, t)| s <= t);
    fits.then_some(1)
}
