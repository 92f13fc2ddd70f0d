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

use super::figure::{figures, growth_word_before, is_decline, same_value, Figure, GROWTH_WORDS};
use super::numeral::{is_cn_numeral, parse_chinese};
use super::period::{years_in, Period};
use super::{Article, Span};
use crate::facts::vocab::RANK;
use crate::facts::{QualifierPlace, Vocabulary};

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

/// Words that introduce or qualify a clause without naming anything: a clause of only these
/// (其中，比上年增长5%) has no subject of its own.
const FILLER: &[&str] = &[
    "按可比价格计算",
    "按不变价格计算",
    "按可比价计算",
    "按现价计算",
    "初步核算",
    "据统计",
    "截至目前",
    "比上年末",
    "较上年末",
    "比上年",
    "比去年",
    "较上年",
    "较去年",
    "比年初",
    "较年初",
    "同比",
    "其中",
    "全年",
    "全县",
    "全市",
    "全区",
    "全省",
    "年末",
    "年初",
    "同期",
    "分别",
    "依次",
    "年均",
    "实现",
    "完成",
    "达到",
    "累计",
    "目前",
    "已经",
    "此外",
    "另外",
    "同时",
    "达",
    "为",
    "是",
    "共",
    "约",
    "了",
    "均",
    "已",
    "并",
    "和",
    "的",
];

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

/// Separators of an enumeration's items: 、 和 及 与.
const LIST_SEPARATORS: &[&str] = &["、", "和", "及", "与", "以及", "，", ","];

/// Whether `gap` (between two figures) only separates the items of a list: 、 和 及 与.
fn is_list_gap(gap: &str) -> bool {
    let g = gap.trim();
    LIST_SEPARATORS.contains(&g)
}

/// Removes every filler word, year and growth word from `text`: what is left names something.
pub fn content_words(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| super::is_cjk(*c) || c.is_ascii_alphanumeric())
        .collect();
    // Years: 2023年, 2023.
    let mut out = String::new();
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_digit() {
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            if cs.get(i) == Some(&'年') {
                i += 1;
            }
            continue;
        }
        out.push(cs[i]);
        i += 1;
    }
    s = out;
    // 增加值 is a noun, not a word of growth.
    s = s.replace("增加值", "\u{1}");
    for w in GROWTH_WORDS.iter().chain(FILLER) {
        s = s.replace(w, "");
    }
    s.replace('\u{1}', "增加值")
}

/// How many characters of `text` name something.
fn content_len(text: &str) -> usize {
    content_words(text).chars().count()
}

/// `text` without the verbs and fillers that end an enumeration's list of subjects:
/// 工业投资、民间投资分别增长 → 工业投资、民间投资.
fn list_of_subjects(text: &str) -> String {
    let mut t = text.trim().to_string();
    for w in ["分别", "依次", "各自"] {
        if let Some(i) = t.find(w) {
            t.truncate(i);
        }
    }
    loop {
        let before = t.len();
        for w in GROWTH_WORDS.iter().chain(FILLER) {
            if let Some(rest) = t.strip_suffix(w) {
                t = rest.to_string();
            }
        }
        if t.len() == before {
            break;
        }
    }
    t
}

/// Splits a list of subjects at its separators, with each part's char offset in `text`.
fn split_list(text: &str) -> Vec<(usize, usize)> {
    let cs: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < cs.len() {
        let sep = ["以及", "、", "和", "及", "与"]
            .iter()
            .find(|w| {
                cs[i..].iter().zip(w.chars()).all(|(a, b)| *a == b)
                    && i + w.chars().count() <= cs.len()
            })
            .map(|w| w.chars().count());
        // 和 inside a word (和谐) is rare in a list of indicators; a one-character part is
        // no subject, so a split that leaves one is not taken.
        if let Some(n) = sep {
            parts.push((start, i));
            i += n;
            start = i;
            continue;
        }
        i += 1;
    }
    parts.push((start, cs.len()));
    parts
}

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
        for i in 0..r.items.len() {
            r.items[i].figure = r.is_figure(i, vocab);
        }
        r
    }

    pub fn fig(&self, item: usize) -> &Figure {
        &self.figures[self.items[item].fig]
    }

    /// The text that names what an item is of.
    pub fn subject_text(&self, item: usize) -> String {
        self.items[item]
            .subject
            .iter()
            .map(|(s, e)| self.article.slice(*s, *e))
            .collect::<Vec<_>>()
            .join("…")
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
        self.bases(s, &ids);
        self.conversions(&ids, vocab);
        let runs = self.enumerations(&ids);
        self.attach_changes(s, &ids, &runs, vocab);
        self.subjects(s, &ids);
        self.clip(&ids);
        self.times(s, &ids);
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

    /// Figures after a word of growth are changes; so is a figure listed right after a
    /// change in the same unit (增幅分别达4.62%和110.1%).
    fn changes(&mut self, ids: &[usize], vocab: &Vocabulary) {
        for (k, &i) in ids.iter().enumerate() {
            let start = self.fig(i).number.start;
            if let Some(w) = growth_word_before(&self.article, start) {
                self.items[i].role = Role::Change;
                self.items[i].decline = is_decline(w);
                continue;
            }
            if k > 0 {
                let p = ids[k - 1];
                let gap = self.article.slice(self.fig(p).end, self.fig(i).start);
                if self.items[p].role == Role::Change
                    && is_list_gap(&gap)
                    && self.items[p].unit == self.items[i].unit
                    && is_change_unit(vocab, &self.items[i].unit)
                {
                    self.items[i].role = Role::Change;
                    self.items[i].decline = self.items[p].decline;
                }
            }
        }
    }

    /// 由2012年的82.32亿元增加到2021年的123.77亿元; 达22862元，较2012年的9999.5元增长….
    fn bases(&mut self, s: Span, ids: &[usize]) {
        for (k, &i) in ids.iter().enumerate() {
            if self.items[i].role != Role::Main {
                continue;
            }
            let f = self.fig(i).clone();
            let clause = self.article.clause_at(f.number.start);
            let lead = self
                .article
                .slice(clause.start.max(f.start.saturating_sub(8)), f.start);
            if lead.contains('由') || lead.contains('从') {
                let later = ids[k + 1..].iter().take(LOOK).copied().find(|&j| {
                    self.items[j].role == Role::Main
                        && self.items[j].unit == self.items[i].unit
                        && {
                            let gap = self.article.slice(f.end, self.fig(j).start);
                            gap.contains('到') || gap.contains('至')
                        }
                });
                if let Some(j) = later {
                    self.items[i].role = Role::Base;
                    self.items[i].of = Some(j);
                    self.items[j].base = Some(i);
                    continue;
                }
            }
            let near = self
                .article
                .slice(s.start.max(f.start.saturating_sub(8)), f.start);
            if near.contains('较') || near.contains('比') {
                let earlier = ids[..k].iter().rev().take(LOOK).copied().find(|&j| {
                    self.items[j].role == Role::Main
                        && self.items[j].unit == self.items[i].unit
                        && self.items[j].base.is_none()
                });
                if let Some(j) = earlier {
                    self.items[i].role = Role::Base;
                    self.items[i].of = Some(j);
                    self.items[j].base = Some(i);
                }
            }
        }
    }

    /// 17.8万公顷(267万亩): the bracketed figure of the same measure is a conversion.
    fn conversions(&mut self, ids: &[usize], vocab: &Vocabulary) {
        for w in ids.windows(2) {
            let (i, j) = (w[0], w[1]);
            if self.items[i].role != Role::Main || self.items[j].role != Role::Main {
                continue;
            }
            let gap = self.article.slice(self.fig(i).end, self.fig(j).start);
            let after = self.article.chars.get(self.fig(j).end).copied();
            let same_measure = vocab.measure(&self.items[i].unit).is_some()
                && vocab.measure(&self.items[i].unit) == vocab.measure(&self.items[j].unit);
            if matches!(gap.trim(), "(" | "（" | "(约" | "（约" | "(合" | "（合")
                && matches!(after, Some(')' | '）'))
                && same_measure
            {
                self.items[j].role = Role::Conversion;
                self.items[j].of = Some(i);
                self.items[i].conversion = Some(j);
            }
        }
    }

    /// Runs of two or more figures of one role separated only by 、 和 及 与, with the list
    /// of subjects they pair with when the clause gives one of the same length.
    fn enumerations(&mut self, ids: &[usize]) -> Vec<Vec<usize>> {
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let mut k = 0;
        while k < ids.len() {
            let i = ids[k];
            let role = self.items[i].role;
            let mut run = vec![i];
            let mut n = k + 1;
            while n < ids.len() {
                let j = ids[n];
                let prev = *run.last().unwrap_or(&i);
                let gap = self.article.slice(self.fig(prev).end, self.fig(j).start);
                if self.items[j].role == role
                    && matches!(role, Role::Main | Role::Change)
                    && is_list_gap(&gap)
                    && !gap.contains(['，', ','])
                {
                    run.push(j);
                    n += 1;
                } else {
                    break;
                }
            }
            if run.len() >= 2 {
                let count = run.len();
                for (p, &j) in run.iter().enumerate() {
                    self.items[j].listed = Some((p, count));
                }
                runs.push(run);
            }
            k = n;
        }
        runs
    }

    /// The list of subjects an enumeration pairs with, as char ranges, when the text before
    /// it in its clause lists as many as it has figures.
    fn list_subjects(&self, run: &[usize]) -> Option<Vec<(usize, usize)>> {
        let first = self.fig(run[0]);
        let clause = self.article.clause_at(first.number.start);
        let listed = |start: usize, end: usize| {
            let start = start.max(end.saturating_sub(TOPIC_REACH));
            let text = self.article.slice(start, end);
            let list = list_of_subjects(&text);
            let parts: Vec<(usize, usize)> = split_list(&list)
                .into_iter()
                .map(|(a, b)| (start + a, start + b))
                .collect();
            let named = parts
                .iter()
                .all(|(a, b)| content_len(&self.article.slice(*a, *b)) >= 2);
            (parts.len() == run.len() && named).then_some(parts)
        };
        if let Some(parts) = listed(clause.start, first.start) {
            return Some(parts);
        }
        // 新能源汽车和新型储能是…两大主导产业。…两大产业分别实现营业收入486.7亿元、
        // 215.3亿元: a count of things (两大产业, 三个项目) with 分别 refers to the list of as
        // many things in the sentence before.
        let own = self.article.slice(clause.start, first.start);
        let counted = own
            .chars()
            .filter_map(|c| parse_chinese(&c.to_string()))
            .any(|n| same_value(n, run.len() as f64));
        let s = self.article.sentence_at(first.number.start);
        if counted && (own.contains("分别") || own.contains("依次")) && s.start > 0 {
            let prev = self.article.sentence_at(s.start - 1);
            if prev.para == s.para {
                let clauses: Vec<Span> = self
                    .article
                    .clauses
                    .iter()
                    .copied()
                    .filter(|c| c.start >= prev.start && c.end <= prev.end)
                    .collect();
                for c in clauses {
                    // 新能源汽车和新型储能是…两大主导产业: the list ends at its verb.
                    let text = self.article.slice(c.start, c.end);
                    let end = text
                        .char_indices()
                        .position(|(_, ch)| matches!(ch, '是' | '为'))
                        .map_or(c.end - 1, |k| c.start + k);
                    if let Some(parts) = listed(c.start, end) {
                        return Some(parts);
                    }
                }
            }
        }
        // 推动节能环保产业和电子信息产业…发展，产值增幅分别达4.62%和110.1%: a clause of
        // 分别 without its own list takes the list of the clause before, in the sentence.
        if (own.contains("分别") || own.contains("依次")) && clause.start > s.start {
            let prev = self.article.clause_at(clause.start - 1);
            if !self.holds_item(prev.start, prev.end) {
                return listed(prev.start, prev.end - 1);
            }
        }
        None
    }

    /// Each change to the figure it belongs to: pairs of enumerations by position, a change
    /// with a subject of its own stands alone, any other to the nearest figure before it.
    fn attach_changes(&mut self, s: Span, ids: &[usize], runs: &[Vec<usize>], vocab: &Vocabulary) {
        // Enumerations of changes after enumerations of figures of the same length.
        for (n, run) in runs.iter().enumerate() {
            if self.items[run[0]].role != Role::Change || self.list_subjects(run).is_some() {
                continue;
            }
            let mains = runs[..n]
                .iter()
                .rev()
                .find(|r| self.items[r[0]].role == Role::Main && r.len() == run.len());
            if let Some(mains) = mains {
                if mains.iter().all(|&m| self.items[m].change.is_none()) {
                    for (&c, &m) in run.iter().zip(mains) {
                        self.items[c].of = Some(m);
                        self.items[m].change = Some(c);
                    }
                }
            }
        }
        for (k, &c) in ids.iter().enumerate() {
            if self.items[c].role != Role::Change
                || self.items[c].of.is_some()
                || self.items[c].listed.is_some()
            {
                continue;
            }
            let f = self.fig(c).clone();
            let clause = self.article.clause_at(f.number.start);
            let prev_in_clause = ids[..k]
                .iter()
                .rev()
                .take(LOOK)
                .find(|&&j| self.fig(j).number.start >= clause.start)
                .copied();
            let own_start = prev_in_clause.map_or(clause.start, |j| self.fig(j).end);
            let own = self.article.slice(own_start, f.start);
            let has_subject = content_len(&own) >= 2;
            let fits = |r: &Reading, m: usize| {
                r.items[m].role == Role::Main
                    && r.items[m].change.is_none()
                    && (is_change_unit(vocab, &r.items[c].unit)
                        || vocab.measure(&r.items[m].unit) == vocab.measure(&r.items[c].unit))
            };
            let main_in_clause = prev_in_clause.filter(|&j| fits(self, j));
            // 农业新型经营主体增长2.13倍，达6532个: a figure right after it with no subject
            // of its own is what changed.
            let next_bare = ids[k + 1..].first().copied().filter(|&m| {
                let mf = self.fig(m);
                let mc = self.article.clause_at(mf.number.start);
                fits(self, m)
                    && mf.start.saturating_sub(f.end) <= 4
                    && content_len(&self.article.slice(mc.start, mf.start)) == 0
            });
            let target = if let Some(m) = main_in_clause {
                Some(m)
            } else if has_subject {
                next_bare
            } else {
                let before = ids[..k]
                    .iter()
                    .rev()
                    .take(LOOK)
                    .copied()
                    .find(|&m| fits(self, m) && self.fig(m).number.start >= s.start);
                // 增长2.13倍，达6532个: the figure right after it.
                let after = ids[k + 1..]
                    .first()
                    .copied()
                    .filter(|&m| fits(self, m) && self.fig(m).start.saturating_sub(f.end) <= 4);
                before.or(after)
            };
            if let Some(m) = target {
                self.items[c].of = Some(m);
                self.items[m].change = Some(c);
            }
        }
    }

    /// What each figure is of.
    fn subjects(&mut self, s: Span, ids: &[usize]) {
        // Enumerations first: each figure its own item of the list, with the clause's
        // words outside the list.
        let mut done = vec![false; self.items.len()];
        let mut k = 0;
        while k < ids.len() {
            let i = ids[k];
            let Some((0, count)) = self.items[i].listed else {
                k += 1;
                continue;
            };
            let run: Vec<usize> = ids[k..k + count.min(ids.len() - k)].to_vec();
            if let Some(parts) = self.list_subjects(&run) {
                let first = self.fig(run[0]).clone();
                let clause = self.article.clause_at(first.number.start);
                let mut context = vec![(clause.start, first.start)];
                if parts[0].0 >= clause.start {
                    context.extend(self.context_before(s, clause.start, ids));
                }
                for (&j, part) in run.iter().zip(parts) {
                    self.items[j].subject = vec![part];
                    self.items[j].topic = context.clone();
                    done[j] = true;
                }
            } else if self.items[i].role == Role::Main {
                // 城乡居民人均可支配收入分别达到51,236元和26,418元: a list the clause does
                // not spell out; each figure is of the clause's words, which none may claim
                // over another.
                let first = self.fig(run[0]).clone();
                let clause = self.article.clause_at(first.number.start);
                let mut subject = vec![(clause.start, first.start)];
                subject.extend(self.context_before(s, clause.start, ids));
                for &j in &run {
                    self.items[j].subject = subject.clone();
                    self.items[j].shared = true;
                    done[j] = true;
                }
            }
            k += count;
        }
        for (k, &i) in ids.iter().enumerate() {
            if done[i] {
                continue;
            }
            let role = self.items[i].role;
            if matches!(role, Role::Base | Role::Conversion) || self.items[i].of.is_some() {
                continue; // theirs is the figure's they belong to, filled in below
            }
            let f = self.fig(i).clone();
            let clause = self.article.clause_at(f.number.start);
            // Another figure in the clause bounds the subject at the list separator after
            // it (设立3000万元中小企业发展专项资金、1000万元科技创新专项资金); one that
            // modifies the subject does not (投资10亿元以上项目5个), nor this figure's own
            // base or change.
            let prev = ids[..k]
                .iter()
                .rev()
                .take(LOOK)
                .filter(|&&j| self.items[j].of != Some(i))
                .map(|&j| self.fig(j).end)
                .find(|&e| e > clause.start && e <= f.start);
            let prev_end = match prev {
                Some(e) => (e..f.start)
                    .rev()
                    .find(|&at| self.separates(at))
                    .map_or(clause.start, |at| at + 1),
                None => clause.start,
            };
            let next_fig = ids[k + 1..]
                .iter()
                .take(LOOK)
                .map(|&j| self.fig(j).start)
                .find(|&st| st >= f.end && st < clause.end)
                .unwrap_or(clause.end);
            // What follows is cut at a list separator only before another figure: 17个老旧
            // 小区改造和537户…, but 30家本土企业与三一集团、湖南中车等知名企业….
            let next_start = if next_fig < clause.end {
                (f.end..next_fig)
                    .find(|&at| self.separates(at))
                    .unwrap_or(next_fig)
            } else {
                next_fig
            };
            let before = self.article.slice(prev_end, f.start);
            self.items[i].shared = before.contains('、')
                && (before.ends_with("均为") || before.ends_with("都是") || before.contains("均"));
            let mut subject = vec![(prev_end, f.start)];
            let mut topic = Vec::new();
            // A list of examples before 等 is not what a count counts: 获评A、B等11项国家级
            // 称号 counts 称号.
            let before = self.article.slice(prev_end, f.start);
            let counted = content_len(&self.article.slice(f.end, next_start)) >= 2;
            if role == Role::Main && counted && before.trim_end().ends_with('等') {
                topic.push((prev_end, f.start));
                subject = vec![(f.start, f.start)];
            }
            // A change names its subject before its word of growth; a figure may count
            // what follows it (156个已开工的省大中型项目).
            if role == Role::Main {
                subject.push((f.end, next_start));
                // 总规模100亿元、首批20亿元的产业引导基金: what follows the last figure of
                // a list is each one's.
                if next_start < next_fig {
                    let last_end = ids[k + 1..]
                        .iter()
                        .take(LOOK)
                        .map(|&j| self.fig(j).end)
                        .filter(|&e| e <= clause.end)
                        .max()
                        .unwrap_or(next_fig);
                    if last_end < clause.end {
                        topic.push((last_end, clause.end));
                    }
                }
            }
            let named: usize = subject
                .iter()
                .map(|(a, b)| content_len(&self.article.slice(*a, *b)))
                .sum();
            // 增长2.13倍，达6532个: the subject stands before the change.
            if let Some(c) = self.items[i].change {
                let cf = self.fig(c);
                if named < 2 && cf.start < f.start {
                    let cc = self.article.clause_at(cf.number.start);
                    subject.push((cc.start, cf.start));
                }
            }
            if named < 2 && prev_end == clause.start {
                subject.extend(self.context_before(s, clause.start, ids));
            }
            // The clauses that lead up to this one in its statement (up to a semicolon),
            // holding no figure: the topic it continues (电子信息产业…，明确到…实现营收
            // 1000亿元).
            topic.extend(self.lead_in(s, clause.start, ids));
            self.items[i].subject = subject;
            self.items[i].topic = topic;
        }
        // Changes, bases and conversions share their figure's subject.
        for &i in ids {
            if let Some(m) = self.items[i].of {
                let mut subject = self.items[m].subject.clone();
                if self.items[i].role == Role::Change {
                    // Its own clause's words too: 增加值，其中工业增长… is caught by the
                    // rule above; 比上年末增加 adds nothing.
                    let f = self.fig(i);
                    let clause = self.article.clause_at(f.number.start);
                    if clause.start > self.fig(m).end {
                        subject.push((clause.start, f.start));
                    }
                }
                self.items[i].subject = subject;
                self.items[i].topic = self.items[m].topic.clone();
            }
        }
    }

    /// The clauses from the start of the statement (after a semicolon, or the sentence's
    /// start) to `start`, when none of them holds a figure.
    fn lead_in(&self, s: Span, start: usize, ids: &[usize]) -> Vec<(usize, usize)> {
        let cs = &self.article.chars;
        let lo = s.start.max(start.saturating_sub(TOPIC_REACH));
        let from = (lo..start)
            .rev()
            .find(|&at| matches!(cs[at], '；' | ';'))
            .map_or(lo, |at| at + 1);
        let _ = ids;
        if from >= start || self.holds_item(from, start) {
            Vec::new()
        } else {
            vec![(from, start)]
        }
    }

    /// Whether char `at` separates the items of a list of figures: 、, or 和 及 与 before a
    /// number (17个老旧小区改造和537户棚户区改造).
    fn separates(&self, at: usize) -> bool {
        let cs = &self.article.chars;
        match cs.get(at) {
            Some('、') => true,
            Some('和' | '及' | '与') => cs
                .get(at + 1)
                .is_some_and(|c| c.is_ascii_digit() || (is_cn_numeral(*c) && *c != '万')),
            _ => false,
        }
    }

    /// Clauses before `start` in the sentence that hold no figure, back to the nearest one
    /// that names something: the topic a clause without a subject continues.
    fn context_before(&self, s: Span, start: usize, ids: &[usize]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut end = start;
        for _ in 0..2 {
            if end <= s.start {
                break;
            }
            let c = self.article.clause_at(end - 1);
            let _ = ids;
            if self.holds_item(c.start, c.end) {
                break;
            }
            out.push((c.start, c.end));
            if content_len(&self.article.slice(c.start, c.end)) >= 2 {
                break;
            }
            end = c.start;
        }
        out
    }

    /// Years and periods: what the sentence names before each figure.
    fn times(&mut self, s: Span, ids: &[usize]) {
        for &i in ids {
            let f = self.fig(i).clone();
            let role = self.items[i].role;
            let from = s.start.max(f.start.saturating_sub(YEAR_REACH));
            let mut years = years_in(&self.article, from, f.start, self.period);
            // A year after 由, 从, 较, 比, 与 is a comparison's: not the figure's, but its
            // base's.
            let comparison = |a: &Article, at: usize| {
                (1..=2)
                    .any(|k| at >= k && matches!(a.chars[at - k], '由' | '从' | '较' | '比' | '与'))
            };
            if role == Role::Base {
                // 2012年的82.32亿元: the year right before it.
                let own = years
                    .iter()
                    .rev()
                    .find(|(_, at)| *at + 8 >= f.start)
                    .map(|(y, _)| *y);
                self.items[i].year = own;
                continue;
            }
            years.retain(|(_, at)| !comparison(&self.article, *at));
            // Years of a base's phrase (由2012年的…) are not the figure's either.
            if let Some(b) = self.items[i].base {
                let bs = self.fig(b).start;
                years.retain(|(_, at)| !(*at < bs && *at + 8 >= bs));
            }
            self.items[i].period = period_in(&self.article, from, f.start);
            if let Some(&(y, at)) = years.last() {
                let after = self.article.slice(at + 4, at + 12);
                if after.starts_with("年以来") || (after.contains("以来") && after.contains('月'))
                {
                    self.items[i].from_year = Some(y);
                    continue;
                }
                if years.len() >= 2 {
                    let (y0, at0) = years[years.len() - 2];
                    let gap = self.article.slice(at0 + 4, at);
                    if y0 < y
                        && matches!(
                            gap.as_str(),
                            "年至" | "年到" | "～" | "年～" | "-" | "—" | "年—"
                        )
                    {
                        self.items[i].from_year = Some(y0);
                    }
                }
                self.items[i].year = Some(y);
            }
        }
    }

    /// Whether an item is a figure a fact would carry: not a year, not a numeral inside a
    /// word or a name (零部件, 三次产业结构比为…, “五个一流”, 十年来), not zero.
    fn is_figure(&self, i: usize, vocab: &Vocabulary) -> bool {
        let a = &self.article;
        let f = self.fig(i);
        let unit = &self.items[i].unit;
        if same_value(f.value(), 0.0) || f.number.figure(a).is_none() {
            return false;
        }
        let next = a.chars.get(f.end).copied();
        // “五个千亩”, “365天不打烊”: a figure that opens a quotation is a slogan's or a name's.
        if f.start > 0 && matches!(a.chars[f.start - 1], '“' | '「' | '"' | '《') {
            return false;
        }
        if f.ordinal {
            return true;
        }
        let clause = a.clause_at(f.number.start);
        if f.number.chinese {
            // 六位一体, 五个一流: followed by another numeral, a set phrase (but 两个百亿
            // 产业 counts industries of a magnitude).
            if next.is_some_and(|c| is_cn_numeral(c) && !matches!(c, '百' | '千' | '万' | '亿'))
            {
                return false;
            }
            // 三年行动, 十年精耕: a duration in words names a plan or an era unless counted
            // (连续五年).
            if vocab.measure(unit) == Some("time") && !a.has_before(f.number.start, "连续") {
                return false;
            }
            // 一批, 一个核心: 一 with a measure word is the article "a", not a count.
            if same_value(f.value(), 1.0) && f.number.end - f.number.start == 1 {
                return false;
            }
            // 一项项, 一条条: a reduplicated measure word.
            if unit.chars().count() == 1 && next == unit.chars().next() {
                return false;
            }
            // 三次产业结构比为10.0:39.7:50.3: a numeral in the subject of a clause whose
            // predicate is another figure names a thing, it counts nothing.
            let rest = a.slice(f.end, clause.end);
            let predicate = rest
                .find(['为', '是'])
                .map(|at| &rest[at..])
                .is_some_and(|p| {
                    p.chars()
                        .skip(1)
                        .take(3)
                        .any(|c| c.is_ascii_digit() || is_cn_numeral(c))
                });
            let glued_noun = next.is_some_and(|c| {
                super::is_cjk(c) && !matches!(c, '的' | '以' | '左' | '多' | '余' | '上')
            });
            if predicate && glued_noun {
                return false;
            }
            // 二期计划明年底投产, 三号线开通: a count in words at the head of its clause,
            // with more of the clause after it, is the clause's subject (a phase, a line),
            // not a figure — a statistic states its figure in the predicate.
            let head =
                content_len(&a.slice(clause.start.max(f.start.saturating_sub(REACH)), f.start))
                    == 0;
            if head && glued_noun {
                return false;
            }
        }
        // 十年来, 五年间: a stretch of time, not a figure.
        if vocab.measure(unit) == Some("time")
            && matches!(next, Some('来' | '间' | '前' | '后' | '内'))
        {
            return false;
        }
        true
    }
}

/// 全省第二, 排全市第三, 位居全国第十三: an ordinal that ranks.
fn ranked(a: &Article, f: &Figure) -> bool {
    let at = f.start;
    (1..=3).any(|k| at >= k && matches!(a.chars[at - k], '排' | '居'))
        || (at >= 2 && a.chars[at - 2] == '全')
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

/// Period words: 上半年, 前三季度, 近年来, 十年来, “十三五”期间.
pub fn period_in(a: &Article, start: usize, end: usize) -> Option<String> {
    let text = a.slice(start, end);
    for w in ["前三季度", "上半年", "下半年", "一季度", "近年来", "近几年"] {
        if text.contains(w) {
            return Some(w.to_string());
        }
    }
    let cs: Vec<char> = text.chars().collect();
    for i in 0..cs.len() {
        // “十三五”期间, “十四五”末期
        if cs[i] == '“'
            && cs.get(i + 1) == Some(&'十')
            && cs.get(i + 3) == Some(&'五')
            && cs.get(i + 4) == Some(&'”')
        {
            let tail: String = cs[i + 5..].iter().take(2).collect();
            if matches!(tail.as_str(), "期间" | "末期" | "以来") {
                return Some(cs[i..i + 7].iter().collect());
            }
        }
        // 十年来, 十年间, 五年来
        if is_cn_numeral(cs[i])
            && cs.get(i + 1) == Some(&'年')
            && matches!(cs.get(i + 2), Some('来' | '间'))
            && (i == 0 || !is_cn_numeral(cs[i - 1]))
        {
            return Some(cs[i..i + 3].iter().collect());
        }
    }
    None
}

/// The figure's qualifier: its own (近3万人, 3000余亩, 75%以上), else a verb of estimate
/// or aim that heads its statement (up to a semicolon) without a number of its own
/// (预计2022年实现…142亿元, 有望实现营业收入10亿元，税收8000万元). A word of reaching (达,
/// 累计) is no qualifier: 达142亿元 is the plain 142亿元.
pub fn qualifier_of(a: &Article, f: &Figure, vocab: &Vocabulary) -> Option<String> {
    if let Some((w, place)) = &f.qualifier {
        if *place != QualifierPlace::Before || !REACHING.contains(&w.as_str()) {
            return Some(w.clone());
        }
    }
    let s = a.sentence_at(f.number.start);
    let lo = s.start.max(f.start.saturating_sub(TOPIC_REACH));
    let from = (lo..f.start)
        .rev()
        .find(|&at| matches!(a.chars[at], '；' | ';'))
        .map_or(lo, |at| at + 1);
    let hc: Vec<char> = a.chars[from..f.start].to_vec();
    let mut found: Option<(usize, &str)> = None;
    for (q, place) in vocab.qualifiers() {
        // Single characters (约, 近, 超) stand inside words (签约, 最近): only a word of two
        // or more heads a statement.
        if place != QualifierPlace::Before || q.chars().count() < 2 || REACHING.contains(&q) {
            continue;
        }
        let qc: Vec<char> = q.chars().collect();
        for i in 0..hc.len().saturating_sub(qc.len() - 1) {
            if hc[i..i + qc.len()] == qc[..] {
                let next = hc.get(i + qc.len()).copied();
                // 超过3000: the word belongs to the number it stands before.
                let own_number = next.is_some_and(|c| c.is_ascii_digit() || is_cn_numeral(c))
                    && !a.has_at(from + i + qc.len() + 4, "年")
                    || next.is_some_and(|c| c == '百' || c == '千');
                // 实现重大突破，: a word that ends its clause qualifies nothing after it.
                let ends = next.is_none_or(super::ends_clause) || next == Some('的');
                if !own_number && !ends && found.is_none_or(|(at, _)| i > at) {
                    found = Some((i, q));
                }
            }
        }
    }
    found.map(|(_, q)| q.to_string())
}

/// Whether the article's qualifier of a figure is the fact's `want`: the same word, before
/// the figure or heading its statement; a fact may also carry the article's word of
/// reaching (累计) itself.
pub fn qualifier_ok(a: &Article, f: &Figure, want: Option<&str>, vocab: &Vocabulary) -> bool {
    if want.is_some() && f.qualifier_word() == want {
        return true;
    }
    qualifier_of(a, f, vocab).as_deref() == want
}

/// Before-words that say a figure was reached or summed, not how exact it is: an article's
/// `达142亿元` is the fact's plain `142亿元`.
pub const REACHING: [&str; 5] = ["达", "达到", "累计", "共", "共有"];

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Reading {
        let period = Period {
            first: Some(2023),
            last: Some(2023),
            now: Some(2023),
        };
        Reading::new(text, &Vocabulary::builtin(), period)
    }

    /// Each item as `figure role subject year`.
    fn shown(r: &Reading) -> Vec<String> {
        (0..r.items.len())
            .map(|i| {
                let it = &r.items[i];
                let of = it
                    .of
                    .map(|m| format!(" of {}", r.fig(m).display(&r.article)))
                    .unwrap_or_default();
                format!(
                    "{} {:?}{of} [{}] {}",
                    r.fig(i).display(&r.article),
                    it.role,
                    content_words(&r.subject_text(i)),
                    it.year.map(|y| y.to_string()).unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn a_clause_without_a_subject_continues_the_one_before() {
        let r = read("初步核算，全年全县地区生产总值1313.70亿元，按不变价格计算，比上年增长18.0%。其中，第一产业增加值131.40亿元，增长4.1%；第二产业增加值521.36 亿元，增长9.8%。");
        assert_eq!(
            shown(&r),
            [
                "1313.70亿元 Main [地区生产总值] 2023",
                "18.0% Change of 1313.70亿元 [地区生产总值] 2023",
                "131.40亿元 Main [第一产业增加值] ",
                "4.1% Change of 131.40亿元 [第一产业增加值] ",
                "521.36亿元 Main [第二产业增加值] ",
                "9.8% Change of 521.36亿元 [第二产业增加值] ",
            ]
        );
    }

    #[test]
    fn enumerations_pair_by_position() {
        let r = read("规模以上工业增加值、固定资产投资年均增长9%、13%。");
        assert_eq!(
            shown(&r),
            [
                "9% Change [规模以上工业增加值] ",
                "13% Change [固定资产投资] "
            ]
        );
        let r = read("早稻、晚稻产量分别为38.6万吨和55.2万吨，分别增长1.8%、3.5%。其中，工业投资、基础设施投资、民间投资分别增长21.5%、6.4%和9.0%。");
        assert_eq!(
            shown(&r),
            [
                "38.6万吨 Main [早稻] ",
                "55.2万吨 Main [晚稻产量] ",
                "1.8% Change of 38.6万吨 [早稻] ",
                "3.5% Change of 55.2万吨 [晚稻产量] ",
                "21.5% Change [工业投资] ",
                "6.4% Change [基础设施投资] ",
                "9.0% Change [民间投资] ",
            ]
        );
    }

    #[test]
    fn a_change_with_a_subject_of_its_own_stands_alone() {
        let r = read("全年全县规模以上工业增加值比上年增长12.4%。年末规模以上工业企业达到312家，比上年末增加27家。");
        assert_eq!(
            shown(&r),
            [
                "12.4% Change [规模以上工业增加值] 2023",
                "达到312家 Main [规模以上工业企业] ",
                "27家 Change of 达到312家 [规模以上工业企业] ",
            ]
        );
    }

    #[test]
    fn the_year_is_the_sentences_never_a_neighbours() {
        let r = read("2020年，全县接待游客100万人次。全县培训833人次，办理367件。2021年，农村居民人均可支配收入达22862元，较2012年的9999.5元增长128.63%。城镇化率较2016年提高17.7个百分点。");
        let years: Vec<Option<i64>> = r.items.iter().map(|i| i.year).collect();
        assert_eq!(
            years,
            [
                Some(2020),
                None,
                None,
                Some(2021),
                Some(2012),
                Some(2021),
                None
            ]
        );
        assert_eq!(r.items[4].role, Role::Base);
        assert_eq!(r.items[6].role, Role::Change);
    }

    #[test]
    fn numerals_in_words_are_no_figures() {
        let r = read("汽车零部件产业加快发展。三次产业结构比为10.0:39.7:50.3。建成两个产业园，开展“五个一流”行动，连续五年获评先进。");
        let figures: Vec<String> = (0..r.items.len())
            .filter(|&i| r.items[i].figure)
            .map(|i| r.fig(i).display(&r.article))
            .collect();
        assert_eq!(figures, ["2个", "5年"]);
    }

    #[test]
    fn a_change_before_its_figure() {
        let r = read("十年间，农业新型经营主体增长2.13倍，达6532个，培育职业农民14248人。");
        assert_eq!(
            shown(&r),
            [
                "10年 Main [间] ",
                "2.13倍 Change of 达6532个 [农业新型经营主体] ",
                "达6532个 Main [农业新型经营主体] ",
                "14248人 Main [培育职业农民] ",
            ]
        );
    }

    #[test]
    fn a_conversion_belongs_to_its_figure() {
        let r = read("粮食种植面积17.8公顷(267亩)，比上年增加0.3公顷。");
        assert_eq!(
            shown(&r),
            [
                "17.8公顷 Main [粮食种植面积] ",
                "267亩 Conversion of 17.8公顷 [粮食种植面积] ",
                "0.3公顷 Change of 17.8公顷 [粮食种植面积] ",
            ]
        );
    }

    #[test]
    fn a_bulletins_table_reads_as_its_sentences() {
        let r = read("表1  主要产品产量\n\n指标名称\t单位\t绝对数\t比上年增长(%)\n发电量\t亿千瓦时\t18.36\t4.2\n水泥\t万吨\t426.8\t-3.5\n");
        assert_eq!(
            shown(&r),
            [
                "18.36亿千瓦时 Main [发电量] ",
                "4.2% Change of 18.36亿千瓦时 [发电量] ",
                "426.8万吨 Main [水泥] ",
                "3.5% Change of 426.8万吨 [水泥] ",
            ]
        );
        assert!(r.items[3].decline);
    }
}
