//! The time of each figure: the year its sentence names before it (never a neighbouring
//! sentence's; a comparison's year after 由, 从, 较, 比 excluded), the first year of a span
//! (2018年至2019年, 2021年以来), and a period word (上半年, 十年来, “十三五”期间).

use super::{Reading, Role, YEAR_REACH};
use crate::article::figure::RELATIVE_LEVEL;
use crate::article::numeral::is_cn_numeral;
use crate::article::part::{part_at, YEAR_SO_FAR};
use crate::article::period::{years_in, Period};
use crate::article::{Article, Span};
use crate::facts::Vocabulary;

impl Reading {
    /// Years and periods: what the sentence names before each figure.
    pub(super) fn times(&mut self, s: Span, ids: &[usize], vocab: &Vocabulary) {
        // 二、2024年工作安排: a heading's year holds for the section under it, 全年 included.
        let section =
            heading_year(&self.article, s.para).filter(|y| Some(*y) != self.period.year());
        let period = match section {
            Some(y) => Period {
                first: Some(y),
                last: Some(y),
                now: self.period.now,
                part: None,
                holiday: None,
            },
            None => self.period,
        };
        // Whether the sentence names a year of its own: read once, not once per figure (a
        // sentence of thousands of figures must not cost its length for each).
        let mut dated: Option<bool> = None;
        let mut stock: Option<Option<usize>> = None;
        for &i in ids {
            let f = self.fig(i).clone();
            let role = self.items[i].role;
            let mut stocked = false;
            let from = s.start.max(f.start.saturating_sub(YEAR_REACH));
            let from = self.past_relative_times(from, f.number.start, period);
            let from = self.past_event_times(from, f.number.start);
            let mut years = years_in(&self.article, from, f.start, period);
            // A year after 由, 从, 较, 比, 与 is a comparison's: not the figure's, but its
            // base's.
            // So is one after a word of a relative level (恢复到2019年同期的103.5%).
            let comparison = |a: &Article, at: usize| {
                (1..=2)
                    .any(|k| at >= k && matches!(a.chars[at - k], '由' | '从' | '较' | '比' | '与'))
                    || RELATIVE_LEVEL
                        .iter()
                        .filter(|w| **w != "完成")
                        .any(|w| a.has_before(at, w))
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
            // 今年以来，…企业开办时间压缩至0.5个工作日: a duration reached is a level, not an
            // amount done since the year began.
            let duration = matches!(vocab.measure(&self.items[i].unit), Some("time"));
            self.items[i].period = period_in(&self.article, from, f.start)
                .filter(|w| !self.period_ended(from, f.start, w))
                .filter(|w| !(duration && w == YEAR_SO_FAR));
            // 8天假期全县累计接待游客…: a bare 假期 of a holiday's article is its holiday.
            // A figure in brackets is an aside of another time (相当于全县常住人口(约29.6万人)的
            // 2.3倍): the holiday does not reach into it.
            let before = self.article.slice(from, f.start);
            let aside = before.matches(['(', '（']).count() > before.matches([')', '）']).count();
            if self.items[i].period.is_none() && before.contains("假期") && !aside {
                self.items[i].period = period.holiday.map(str::to_string);
                self.items[i].bare_holiday = period.holiday.is_some();
            }
            if self.items[i].period.is_none() && years.is_empty() {
                // 假期全县…: a sentence that says the holiday names a time of its own.
                let dated = *dated.get_or_insert_with(|| {
                    !years_in(&self.article, s.start, s.end, self.period).is_empty()
                        || self.article.slice(s.start, s.end).contains("假期")
                });
                // Where the sentence's first word of a stock (共有, 现有 …) ends, found once.
                let stock = *stock.get_or_insert_with(|| {
                    (s.start..s.end).find_map(|k| {
                        STOCK_WORDS
                            .iter()
                            .find(|w| self.article.has_at(k, w))
                            .map(|w| k + w.chars().count())
                    })
                });
                stocked = stock.is_some_and(|end| end <= f.number.start);
                self.items[i].period = self.period_carried(s, dated || stocked);
            }
            // 全年…，增速居全省第4位: 全年 (前三季度 …) is the period reported on, which gives
            // a rank no year; a year the sentence writes (2024年, 今年, 明年) does.
            let of_period = |at: usize| PERIOD_WORDS.iter().any(|w| self.article.has_at(at, w));
            if f.ordinal && years.last().is_some_and(|(_, at)| of_period(*at)) {
                years.pop();
            }
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
            } else if role != Role::Base {
                self.items[i].year = section.or_else(|| self.year_referred_back(s, period));
            }
            if self.items[i].period.is_none() && role != Role::Base {
                self.items[i].period = self.part_of_year(s, i, &years, stocked, period, vocab);
            }
        }
    }

    /// 2016年，他牵头成立了合作社。“刚开始只有7户入社……”: a sentence that names no year
    /// and opens with a word pointing back to the time just told (当年, 当时, 刚开始, 头一年)
    /// is of the year the sentence before names, in the same paragraph.
    fn year_referred_back(&self, s: Span, period: Period) -> Option<i64> {
        let a = &self.article;
        let open = a.slice(s.start, (s.start + 8).min(s.end));
        let open = open.trim_start_matches(['“', '"', '「', '”', ' ', '\n']);
        if s.start == 0 || !BACK_IN_TIME.iter().any(|w| open.starts_with(w)) {
            return None;
        }
        let prev = a.sentence_at(s.start - 1);
        if prev.para != s.para {
            return None;
        }
        years_in(a, prev.start, prev.end, period)
            .into_iter()
            .filter(|(_, at)| {
                !(1..=2).any(|k| {
                    *at >= k && matches!(a.chars[at - k], '由' | '从' | '较' | '比' | '与')
                })
            })
            .map(|(y, _)| y)
            .next_back()
    }
}

/// Words that date a figure after an event: 达产后年产值, 投产后, 建成后.
const AFTER_EVENT: [&str; 3] = ["达产后", "投产后", "建成后"];

/// Words naming the period an article reports on rather than a year.
const PERIOD_WORDS: [&str; 8] = [
    "全年",
    "上半年",
    "下半年",
    "前三季度",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
];

/// Words that end a report's attribution at a sentence's head (记者从统计局获悉，…).
const REPORTED: [&str; 5] = ["获悉", "了解到", "介绍", "表示", "透露"];

/// Words opening a sentence that point back to the time the sentence before told.
const BACK_IN_TIME: [&str; 10] = [
    "当年",
    "当时",
    "同年",
    "那年",
    "那一年",
    "头一年",
    "第一年",
    "刚开始",
    "起初",
    "最初",
];

/// Words of a stock, which holds at a moment rather than over the period a paragraph
/// opened with: 总数达到412家, 区内拥有4个, 拥有量, 余额.
const STOCK_WORDS: [&str; 8] = [
    "总数",
    "拥有",
    "余额",
    "保有量",
    "目前",
    "现有",
    "共有",
    "总量",
];

impl Reading {
    /// 前三季度，全区研发经费投入21.6亿元…。新认定国家高新技术企业46家…: a sentence that
    /// names no time of its own continues the period an earlier sentence of its paragraph
    /// opened with (前三季度，1—9月，), when no sentence between names
    /// another time; a stock (总数达到412家) holds at a moment and takes none.
    /// `held`: whether the figure takes no period carried: its sentence names a time of its
    /// own, before the figure or after it, or says a stock before it (目前，区内共有…268家，
    /// 其中…21家: a stock anywhere before the figure in its sentence).
    fn period_carried(&self, s: Span, held: bool) -> Option<String> {
        let a = &self.article;
        if held {
            return None;
        }
        for prev in a.sentences.iter().rev().filter(|p| p.end <= s.start) {
            if prev.para != s.para {
                return None;
            }
            // Its opening, up to the first comma (杨志远：前三季度，…: a speaker's name aside;
            // 记者从…获悉，前三季度，…: so is the report's source).
            let comma = |from: usize| {
                (from..prev.end)
                    .find(|&k| matches!(a.chars[k], '，' | ','))
                    .unwrap_or(prev.end)
            };
            let mut head = comma(prev.start);
            let told = a.slice(prev.start, head);
            if REPORTED.iter().any(|w| told.ends_with(w)) && head < prev.end {
                head = comma(head + 1);
            }
            if let Some(w) = period_in(a, prev.start, head) {
                return Some(w);
            }
            if !years_in(a, prev.start, prev.end, self.period).is_empty()
                || period_in(a, prev.start, prev.end).is_some()
            {
                return None;
            }
        }
        None
    }

    /// 上半年，…；现有在建项目54个: a stock after the period word holds at a moment, not
    /// over the period; 四季度，…力争再签约15个，确保全年…400亿元: 全年 after it names the
    /// whole year.
    fn period_ended(&self, from: usize, at: usize, word: &str) -> bool {
        let text = self.article.slice(from, at);
        let Some(k) = text.rfind(word) else {
            return false;
        };
        let after = &text[k + word.len()..];
        // 截至9月底，…总数分别达到34家: a moment's stock is of it.
        let moment = word.starts_with("截至");
        STOCK_WORDS
            .iter()
            .filter(|_| !moment)
            .chain(&["全年"])
            .any(|w| after.contains(w))
    }

    /// `from`, moved to the figure's own clause when that clause dates the figure after an
    /// event (二期计划明年底投产，全部达产后年产值可达300亿元): the time of the clause before is
    /// the event's, not the figure's.
    fn past_event_times(&self, from: usize, at: usize) -> usize {
        let own = self.article.clause_at(at);
        let lead = self.article.slice(own.start, at);
        if AFTER_EVENT.iter().any(|w| lead.contains(w)) {
            from.max(own.start)
        } else {
            from
        }
    }

    /// `from`, moved past the clauses before the figure's own that name a time only inside
    /// a relative clause and hold no figure: 今年上半年签约的示例项目已于8月开工，项目总投资
    /// 20亿元 — 今年上半年 says when the project was signed, not the year of its investment.
    fn past_relative_times(&self, from: usize, at: usize, period: Period) -> usize {
        let a = &self.article;
        let own = a.clause_at(at);
        let mut out = from;
        for c in a
            .clauses
            .iter()
            .filter(|c| c.start >= from && c.end <= own.start)
        {
            let years = years_in(a, c.start, c.end, period);
            let time_at = years
                .first()
                .map(|(_, at)| *at)
                .or_else(|| period_found(a, c.start, c.end).map(|(_, at)| at));
            let Some(t) = time_at else { continue };
            let relative = a.slice(t, c.end).contains('的');
            if relative && !self.holds_item(c.start, c.end) {
                out = c.end;
            }
        }
        out
    }
}

/// The year the heading over a paragraph names: the nearest heading before it that is
/// numbered (二、2024年工作安排, (一)2024年目标). A numbered heading of the first rank
/// (三、) without a year ends the section of the one before; one of the second rank ((一))
/// without a year is within it.
pub fn heading_year(a: &Article, para: usize) -> Option<i64> {
    year_heading(a, para).map(|(y, _)| y)
}

/// The heading `heading_year` finds, with its year: 三、2025年工作计划.
pub fn year_heading(a: &Article, para: usize) -> Option<(i64, String)> {
    for p in a.paragraphs[..para.min(a.paragraphs.len())].iter().rev() {
        let text = a.text(*p);
        let cs: Vec<char> = text.chars().collect();
        if cs.len() > 40 || cs.iter().any(|c| matches!(c, '。' | '；' | '！' | '？')) {
            continue;
        }
        let numbered = |from: usize| {
            let n = cs[from..].iter().take_while(|c| is_cn_numeral(**c)).count();
            n > 0 && n <= 3 && from + n < cs.len()
        };
        let first = numbered(0) && cs[cs.iter().take_while(|c| is_cn_numeral(**c)).count()] == '、';
        let second = cs.first() == Some(&'(') && numbered(1);
        if !first && !second {
            continue;
        }
        let years = years_in(a, p.start, p.end, Period::default());
        if let [(y, _)] = years.as_slice() {
            return Some((*y, text));
        }
        if first {
            return None;
        }
    }
    None
}

/// Period words: 上半年, 前三季度, 近年来, 十年来, “十三五”期间, 今年以来, 国庆假期, 1—9月,
/// 截至9月底. Of several, the last before `end`: the one nearest the figure.
pub fn period_in(a: &Article, start: usize, end: usize) -> Option<String> {
    period_found(a, start, end).map(|(w, _)| w)
}

/// [`period_in`], with where the word stands.
pub fn period_found(a: &Article, start: usize, end: usize) -> Option<(String, usize)> {
    let cs = &a.chars[start.min(end)..end.min(a.chars.len())];
    let mut found = None;
    let mut i = 0;
    while i < cs.len() {
        match period_at(cs, i) {
            Some((w, n)) => {
                // 降幅比一季度收窄: a period after 比 or 较 is a comparison's, not the figure's.
                if i == 0 || !matches!(cs[i - 1], '比' | '较') {
                    found = Some((w, start + i));
                }
                i += n.max(1);
            }
            None => i += 1,
        }
    }
    found
}

/// The period word at `i` of `cs`, as a draft writes it, and the characters it takes.
fn period_at(cs: &[char], i: usize) -> Option<(String, usize)> {
    if let Some((w, n)) = part_at(cs, i) {
        return Some((w.to_string(), n));
    }
    for w in ["近年来", "近几年"] {
        if cs[i..].iter().copied().take(3).eq(w.chars()) {
            return Some((w.to_string(), 3));
        }
    }
    if let Some(m) = months_at(cs, i) {
        return Some(m);
    }
    // “十三五”期间, “十四五”末期
    if cs[i] == '“'
        && cs.get(i + 1) == Some(&'十')
        && cs.get(i + 3) == Some(&'五')
        && cs.get(i + 4) == Some(&'”')
    {
        let tail: String = cs[i + 5..].iter().take(2).collect();
        if matches!(tail.as_str(), "期间" | "末期" | "以来") {
            return Some((cs[i..i + 7].iter().collect(), 7));
        }
    }
    // 十年来, 十年间, 五年来
    if is_cn_numeral(cs[i])
        && cs.get(i + 1) == Some(&'年')
        && matches!(cs.get(i + 2), Some('来' | '间'))
        && (i == 0 || !is_cn_numeral(cs[i - 1]))
    {
        return Some((cs[i..i + 3].iter().collect(), 3));
    }
    None
}

/// 1—9月 (1-9月, 1至9月份), a span of the year's months; 截至9月底 (截至9月末), the end of
/// one. As the article writes them, 份 aside.
fn months_at(cs: &[char], i: usize) -> Option<(String, usize)> {
    let month = |at: usize| {
        let n = cs[at.min(cs.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (1..=2).contains(&n).then_some(at + n)
    };
    if cs[i..].starts_with(&['截', '至']) {
        let e = month(i + 2)?;
        if cs.get(e) == Some(&'月') && matches!(cs.get(e + 1), Some('底' | '末')) {
            return Some((cs[i..e + 2].iter().collect(), e + 2 - i));
        }
        return None;
    }
    if i > 0 && cs[i - 1].is_ascii_digit() {
        return None;
    }
    let e = month(i)?;
    if matches!(cs.get(e), Some('—' | '-' | '–' | '～' | '~' | '至' | '到')) {
        if let Some(e2) = month(e + 1).filter(|&e2| cs.get(e2) == Some(&'月')) {
            return Some((cs[i..=e2].iter().collect(), e2 + 1 - i));
        }
    }
    None
}
