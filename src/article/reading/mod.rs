//! What each figure of an article says: the clause it stands in and what that clause is
//! about (its subject), whether it is a figure, the change of one (增长5%), the base a
//! change started from (较2012年的9999.5元) or a conversion of one (17.8万公顷(267万亩)),
//! and the year its clause names. `verify` and `extract` read an article the same way.
//!
//! The rules are those of Chinese statistical prose:
//! - a clause names its subject before its figure (地区生产总值1313.70亿元) or counts it
//!   after (156个已开工的省大中型项目); a clause with no subject of its own (，增长18.0%)
//!   continues the one before;
//! - enumerations pair by position: 工业投资、基础设施投资分别增长21.5%、6.4%;
//!   早稻、晚稻产量分别为38.6万吨和55.2万吨，分别增长1.8%、3.5%;
//! - time comes first: the year is the one the sentence names before the figure, else the
//!   period the article reports on — never a neighbouring sentence's; a year after 由, 从,
//!   较 or 比 is a comparison's, not the figure's;
//! - a numeral inside a word or a name is no figure: 零部件, 三次产业结构比为…, “五个一流”.
//!
//! This module holds the items and the order of reading a sentence; `roles` finds what each
//! figure is (main, change, base, conversion) and whether it is a figure at all,
//! `enumeration` the lists, `subject` what each figure is of, `time` its year and period,
//! [`words`] which words name something, and [`qualifier`] a figure's qualifier.

use super::figure::{figures, Figure};
use super::numeral::is_cn_numeral;
use super::period::Period;
use super::{is_cjk, Article, Span};
use crate::facts::vocab::RANK;
use crate::facts::Vocabulary;

mod enumeration;
mod part;
pub mod qualifier;
mod roles;
mod subject;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fifth_genres;
#[cfg(test)]
mod tests_fourth_genres;
#[cfg(test)]
mod tests_genres;
#[cfg(test)]
mod tests_more_genres;
#[cfg(test)]
mod tests_sixth_genres;
#[cfg(test)]
mod tests_third_genres;
pub mod time;
pub mod words;

/// What a figure is in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A figure of its subject: 地区生产总值1313.70亿元.
    Main,
    /// A change: 增长18.0%, 比上年末增加27家.
    Change,
    /// The value a change started from: 由2012年的82.32亿元增加到….
    Base,
    /// The same figure in another unit, in brackets after it: 17.8万公顷(267万亩).
    Conversion,
}

/// One figure as the article states it.
#[derive(Debug, Clone)]
pub struct Item {
    /// Index into [`Reading::figures`].
    pub fig: usize,
    /// Its unit: the article's, or the rank unit for 全省第二.
    pub unit: String,
    pub role: Role,
    /// A change after a word of decline (下降, 减少).
    pub decline: bool,
    /// For a change, base or conversion: the item it belongs to (`None`: a change with its
    /// own subject, 规模以上工业增加值增长12.4%).
    pub of: Option<usize>,
    /// For a main figure: its change, base and conversion.
    pub change: Option<usize>,
    pub base: Option<usize>,
    pub conversion: Option<usize>,
    /// The stretches of text that name what the figure is of.
    pub subject: Vec<(usize, usize)>,
    /// The year its sentence names before it (a comparison's year excluded).
    pub year: Option<i64>,
    /// The first year of a span it names (2018年至2019年, 2021年以来).
    pub from_year: Option<i64>,
    /// A period within or instead of a year: 上半年, 十年来, “十三五”期间.
    pub period: Option<String>,
    /// Whether its period is a bare 假期 of a holiday's article, the article's holiday: a fact
    /// may give it, or leave it to the source's period.
    pub bare_holiday: bool,
    /// Whether it is a figure a fact would carry, rather than a numeral in a name, a slogan
    /// or a set phrase.
    pub figure: bool,
    /// In an enumeration: its place and the enumeration's length.
    pub listed: Option<(usize, usize)>,
    /// One figure of several subjects: 规上工业增加值、工业增加值增幅均为全市第二.
    pub shared: bool,
    /// Words around the subject that the figure's name may also use: the clauses leading
    /// up to its clause, the examples before 等, the head noun after a list of figures.
    pub topic: Vec<(usize, usize)>,
}

/// An article's figures, each in its clause.
#[derive(Debug, Clone)]
pub struct Reading {
    pub article: Article,
    pub figures: Vec<Figure>,
    pub items: Vec<Item>,
    pub period: Period,
}

/// How far a subject reaches from its figure, in characters: a clause names its thing
/// within a few words, and a run of text without a comma (a long list, a page of 约) must
/// not make every figure cost its length.
const REACH: usize = 80;
/// How far a topic (the clauses a figure's clause continues) reaches.
const TOPIC_REACH: usize = 200;
/// How far before a figure its sentence may name its year.
const YEAR_REACH: usize = 600;
/// How many figures before or after one are looked at for its change, base or subject.
const LOOK: usize = 64;

impl Reading {
    pub fn new(text: &str, vocab: &Vocabulary, period: Period) -> Reading {
        let article = Article::parse(text);
        let all = figures(&article, vocab);
        let rank = rank_unit(vocab);
        let mut figs = Vec::new();
        let mut items = Vec::new();
        for f in all {
            if f.year {
                continue;
            }
            let unit = match (&f.unit, f.ordinal) {
                // 居全市第2位: a rank in the rank unit.
                (Some(u), true) if vocab.measure(u) == Some(RANK) && ranked(&article, &f) => {
                    u.clone()
                }
                (Some(_), true) => continue, // 第二批, 第六届: an ordinal that counts nothing
                (Some(u), false) => u.clone(),
                (None, true) if ranked(&article, &f) => match &rank {
                    Some(r) => r.clone(),
                    None => continue,
                },
                _ => continue,
            };
            items.push(Item {
                fig: figs.len(),
                unit,
                role: Role::Main,
                decline: false,
                of: None,
                change: None,
                base: None,
                conversion: None,
                subject: Vec::new(),
                year: None,
                from_year: None,
                period: None,
                bare_holiday: false,
                figure: true,
                listed: None,
                shared: false,
                topic: Vec::new(),
            });
            figs.push(f);
        }
        let mut r = Reading {
            article,
            figures: figs,
            items,
            period,
        };
        let sentences = r.article.sentences.clone();
        let mut at = 0;
        for s in sentences {
            let lo = at;
            while at < r.items.len() && r.fig(at).number.start < s.end {
                at += 1;
            }
            if lo < at {
                r.read_sentence(s, lo..at, vocab);
            }
        }
        r
    }

    pub fn fig(&self, item: usize) -> &Figure {
        &self.figures[self.items[item].fig]
    }

    /// The text that names what an item is of.
    /// Ranges that spell one word out of a shorthand (第 二 产业增加值 of 第一、二、三产业增加值)
    /// join without a gap: after 第 or a numeral; so do a list's item and the head it
    /// shares (茶叶加工 产业产值 of 茶叶加工、电子材料产业产值).
    pub fn subject_text(&self, item: usize) -> String {
        let mut out = String::new();
        let mut prev_end = None;
        for (s, e) in &self.items[item].subject {
            let part = self.article.slice(*s, *e);
            // 茶叶加工 | 产业产值: an item of a list, before its pause, and the head the list
            // shares.
            let listed =
                prev_end.is_some_and(|p: usize| self.article.chars.get(p) == Some(&'、') && *s > p);
            prev_end = Some(*e);
            let glued = listed
                || out
                    .chars()
                    .last()
                    .is_some_and(|c| c == '第' || is_cn_numeral(c));
            if !out.is_empty() && !glued {
                out.push('…');
            }
            out.push_str(&part);
        }
        out
    }

    /// Whether an item's figure starts in `lo..hi` (items are in article order).
    fn holds_item(&self, lo: usize, hi: usize) -> bool {
        let k = self
            .items
            .partition_point(|it| self.figures[it.fig].number.start < lo);
        self.items
            .get(k)
            .is_some_and(|it| self.figures[it.fig].number.start < hi)
    }

    /// The text of an item's topic (see [`Item::topic`]).
    pub fn topic_text(&self, item: usize) -> String {
        self.items[item]
            .topic
            .iter()
            .map(|(s, e)| self.article.slice(*s, *e))
            .collect::<Vec<_>>()
            .join("…")
    }

    /// The sentence an item stands in.
    pub fn sentence(&self, item: usize) -> Span {
        self.article.sentence_at(self.fig(item).number.start)
    }

    fn read_sentence(&mut self, s: Span, range: std::ops::Range<usize>, vocab: &Vocabulary) {
        let ids: Vec<usize> = range.collect();
        self.changes(&ids, vocab);
        self.bases(&ids);
        self.conversions(&ids, vocab);
        let runs = self.enumerations(&ids);
        self.attach_changes(s, &ids, &runs, vocab);
        for &i in &ids {
            self.items[i].figure = self.is_figure(i, vocab);
        }
        self.subjects(s, &ids);
        self.named_changes(&ids, vocab);
        self.clip(&ids);
        self.times(s, &ids, vocab);
    }

    /// Each subject and topic range, cut to its part nearest the figure.
    fn clip(&mut self, ids: &[usize]) {
        for &i in ids {
            let (fs, fe) = (self.fig(i).start, self.fig(i).end);
            let cut = |ranges: &mut Vec<(usize, usize)>, reach: usize| {
                for (a, b) in ranges.iter_mut() {
                    if *b - *a > reach {
                        if *a >= fe {
                            *b = *a + reach;
                        } else {
                            *a = *b - reach;
                        }
                    }
                }
                let _ = fs;
            };
            cut(&mut self.items[i].subject, REACH);
            cut(&mut self.items[i].topic, TOPIC_REACH);
        }
    }
}

/// 全省第二, 排全市第三, 位居全国第十三: an ordinal that ranks; so does one whose scope names
/// the kind of peer after the place (居全省高新区第2位, 排全国同类城市第5位).
fn ranked(a: &Article, f: &Figure) -> bool {
    let at = f.start;
    (1..=3).any(|k| at >= k && matches!(a.chars[at - k], '排' | '居'))
        || (at >= 2 && a.chars[at - 2] == '全')
        || (4..=12).any(|k| {
            at > k
                && matches!(a.chars[at - k], '排' | '居')
                && a.chars[at - k + 1] == '全'
                && a.chars[at - k + 1..at].iter().all(|c| is_cjk(*c))
        })
}

/// The rank unit a bare ordinal (全省第二) takes: 位 where the vocabulary has it.
pub fn rank_unit(vocab: &Vocabulary) -> Option<String> {
    let ranks: Vec<&str> = vocab
        .units()
        .into_iter()
        .filter(|u| vocab.measure(u) == Some(RANK))
        .collect();
    ranks
        .iter()
        .find(|u| **u == "位")
        .or(ranks.first())
        .map(|u| u.to_string())
}

/// Whether a unit measures a change: a share, a ratio (%, 倍, 个百分点).
pub fn is_change_unit(vocab: &Vocabulary, unit: &str) -> bool {
    matches!(vocab.measure(unit), Some("share" | "ratio"))
}
