//! Reading an article: its sentences and paragraphs, Arabic and Chinese numerals, and the
//! figure phrases they stand in (`约142亿元`, `3000余亩`, `三成以上`, `全省第二`).
//!
//! Every unit and qualifier comes from the fact base's vocabulary, so that a unit a user adds
//! is read like every other. What is hard-coded here is Chinese grammar: numerals, the words
//! of growth (增长, 下降), of time (今年, 上半年) and of reaching (达).

use std::path::{Path, PathBuf};

#[cfg(test)]
use crate::facts::FactBase;
use crate::facts::{Number, QualifierPlace, Source, Vocabulary};

pub mod extract;
pub mod verify;

/// Longer article files are refused: a newspaper article is a few tens of kilobytes.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// A run of characters of the article, by char index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// The paragraph it belongs to.
    pub para: usize,
}

/// An article's text, normalised (full-width digits and signs made ASCII, lines broken
/// inside a sentence joined) and divided into paragraphs and sentences.
#[derive(Debug, Clone)]
pub struct Article {
    pub chars: Vec<char>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
}

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Characters that end a clause (a sentence's part between commas).
pub fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, '，' | ',' | '、' | '：' | ':' | '\n')
}

fn normalise_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '\u{3000}' | '\t' | '\r' | '\u{a0}' => ' ',
        _ => c,
    }
}

impl Article {
    pub fn parse(text: &str) -> Article {
        // Lines, trimmed; blank lines dropped (they separate paragraphs and also appear inside
        // them, where the layout broke a sentence).
        let lines: Vec<String> = text
            .lines()
            .map(|l| l.chars().map(normalise_char).collect::<String>())
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let mut chars = Vec::new();
        let mut paragraphs = Vec::new();
        let mut para_start = 0;
        for (i, line) in lines.iter().enumerate() {
            chars.extend(line.chars());
            let last = line.chars().last().unwrap_or('。');
            // A long line that stops without a sentence's end was broken by the layout: it
            // goes on in the next line. Headings and captions are short.
            let soft = line.chars().count() >= 20
                && !ends_sentence(last)
                && !matches!(last, '”' | '」' | '）' | ')' | '…' | '！')
                && i + 1 < lines.len();
            if !soft {
                paragraphs.push(Span {
                    start: para_start,
                    end: chars.len(),
                    para: paragraphs.len(),
                });
                chars.push('\n');
                para_start = chars.len();
            }
        }
        let mut sentences = Vec::new();
        for p in &paragraphs {
            let mut s = p.start;
            for (i, c) in chars.iter().enumerate().take(p.end).skip(p.start) {
                if ends_sentence(*c) {
                    sentences.push(Span {
                        start: s,
                        end: i + 1,
                        para: p.para,
                    });
                    s = i + 1;
                }
            }
            if s < p.end {
                sentences.push(Span {
                    start: s,
                    end: p.end,
                    para: p.para,
                });
            }
        }
        Article {
            chars,
            paragraphs,
            sentences,
        }
    }

    pub fn text(&self, span: Span) -> String {
        self.slice(span.start, span.end)
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        self.chars[start.min(end)..end].iter().collect()
    }

    /// The sentence holding char `at`.
    pub fn sentence_at(&self, at: usize) -> Span {
        self.sentences
            .iter()
            .copied()
            .find(|s| s.start <= at && at < s.end)
            .unwrap_or(Span {
                start: at,
                end: at,
                para: 0,
            })
    }

    /// Whether `word` stands at char `at`.
    pub fn has_at(&self, at: usize, word: &str) -> bool {
        (at..)
            .zip(word.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    /// Whether `word` ends just before char `at`.
    pub fn has_before(&self, at: usize, word: &str) -> bool {
        let n = word.chars().count();
        at >= n && self.has_at(at - n, word)
    }

    /// A short excerpt around `at`, at most `width` characters, on one line.
    pub fn excerpt(&self, at: usize, width: usize) -> String {
        let s = self.sentence_at(at);
        let half = width / 2;
        let start = at.saturating_sub(half).max(s.start);
        let end = (start + width).min(s.end.max(at));
        self.slice(start, end).replace('\n', " ")
    }
}

/// Chinese digits.
fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_power(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_power(c).is_some()
}

/// The value of a Chinese numeral: 两 → 2, 十 → 10, 一百二十 → 120, 三万五千 → 35000,
/// 二〇二二 → 2022. `None` for what is not a well-formed number (十三五, 三三) and for a bare
/// 百, 千, 万 or 亿, which name an order of magnitude (百亿产业, 万亩园) rather than a count.
pub fn parse_chinese(s: &str) -> Option<f64> {
    let cs: Vec<char> = s.chars().collect();
    if cs.is_empty() {
        return None;
    }
    if cs.len() == 1 && matches!(cs[0], '百' | '千' | '万' | '亿') {
        return None;
    }
    // A digit string: 二〇二二.
    if cs.len() > 1 && cs.iter().all(|c| cn_digit(*c).is_some()) {
        if !cs.iter().any(|c| matches!(c, '〇' | '零')) || cs[0] == '零' {
            return None;
        }
        let mut v = 0u64;
        for c in &cs {
            v = v * 10 + cn_digit(*c)?;
        }
        return Some(v as f64);
    }
    let mut total: u64 = 0; // completed 亿 and 万 groups
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut last_power = u64::MAX; // powers below 万 must fall within a section
    for (i, c) in cs.iter().enumerate() {
        if let Some(d) = cn_digit(*c) {
            if digit.is_some() && d != 0 && cs[i - 1] != '零' && cs[i - 1] != '〇' {
                return None; // two digits in a row: 三三, 十三五
            }
            if d == 0 {
                digit = None;
                continue;
            }
            digit = Some(d);
        } else if let Some(p) = cn_power(*c) {
            match p {
                10 | 100 | 1000 => {
                    if p >= last_power {
                        return None;
                    }
                    let d = match digit {
                        Some(d) => d,
                        None if p == 10 && section == 0 => 1, // 十二
                        None => return None,
                    };
                    section += d * p;
                    digit = None;
                    last_power = p;
                }
                _ => {
                    let group = section + digit.unwrap_or(0);
                    if group == 0 && total == 0 {
                        return None;
                    }
                    if p == 100_000_000 {
                        total = (total + group) * p;
                    } else {
                        if total % 100_000_000 != 0 && total != 0 && total < 100_000_000 {
                            return None;
                        }
                        total += group * p;
                    }
                    section = 0;
                    digit = None;
                    last_power = u64::MAX;
                }
            }
        } else {
            return None;
        }
    }
    Some((total + section + digit.unwrap_or(0)) as f64)
}

/// A number as written in the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Numeral {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Written in Chinese numerals.
    pub chinese: bool,
}

impl Numeral {
    /// The figure as the fact base writes it: the article's digits (`1313.70`, `22,862`), or
    /// for Chinese numerals, which have none, the value's shortest digits (三万五千 → 35000).
    /// `None` for Arabic digits no figure can keep (`007`, twenty digits).
    pub fn figure(&self, a: &Article) -> Option<Number> {
        if self.chinese {
            Some(Number::from_f64(self.value))
        } else {
            Number::parse(&a.slice(self.start, self.end)).ok()
        }
    }
}

/// A number with what the article writes around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub number: Numeral,
    /// Where the whole phrase starts (its before-qualifier included) and ends (its unit and
    /// after-qualifier included).
    pub start: usize,
    pub end: usize,
    pub unit: Option<String>,
    /// The qualifier next to the number, with its place.
    pub qualifier: Option<(String, QualifierPlace)>,
    /// An ordinal (第二, 第十三): a rank when no measure word follows.
    pub ordinal: bool,
    /// A calendar year (2022年), not a figure.
    pub year: bool,
}

impl Figure {
    pub fn value(&self) -> f64 {
        self.number.value
    }

    pub fn qualifier_word(&self) -> Option<&str> {
        self.qualifier.as_ref().map(|(w, _)| w.as_str())
    }

    /// The figure as the article prints it (1313.70亿元, 22,862元, 3000余亩, 75%以上), its
    /// Chinese numerals in digits as the fact base writes them (三成以上 → 3成以上).
    pub fn display(&self, a: &Article) -> String {
        let n = match self.number.figure(a) {
            Some(_) if !self.number.chinese => a.slice(self.number.start, self.number.end),
            Some(n) => n.text().to_string(),
            None => a.slice(self.number.start, self.number.end),
        };
        display_figure(
            &n,
            self.unit.as_deref().unwrap_or(""),
            self.qualifier.as_ref().map(|(w, p)| (w.as_str(), *p)),
        )
    }
}

/// A figure with its qualifier in place: 预计142亿元, 3000余亩, 75%以上.
pub fn display_figure(n: &str, unit: &str, qualifier: Option<(&str, QualifierPlace)>) -> String {
    match qualifier {
        Some((q, QualifierPlace::Before)) => format!("{q}{n}{unit}"),
        Some((q, QualifierPlace::Between)) => format!("{n}{q}{unit}"),
        Some((q, QualifierPlace::After)) => format!("{n}{unit}{q}"),
        None => format!("{n}{unit}"),
    }
}

pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Reads every number of the article: Arabic (with grouping commas and decimals) and Chinese.
pub fn numbers(a: &Article) -> Vec<Numeral> {
    let cs = &a.chars;
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_ascii_digit() {
            let start = i;
            // A number glued to Latin letters is a name (PM2.5, 5G, 110KV is kept: the
            // letters follow; only a letter before disqualifies).
            let after_letter = i > 0 && (cs[i - 1].is_ascii_alphabetic() || cs[i - 1] == '.');
            let mut s = String::new();
            while i < cs.len() {
                if cs[i].is_ascii_digit() {
                    s.push(cs[i]);
                    i += 1;
                } else if cs[i] == ','
                    && cs[i + 1..]
                        .iter()
                        .take(3)
                        .filter(|c| c.is_ascii_digit())
                        .count()
                        == 3
                    && cs.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
                {
                    i += 1; // grouping comma: 22,862
                } else if cs[i] == '.'
                    && cs.get(i + 1).is_some_and(|c| c.is_ascii_digit())
                    && !s.contains('.')
                {
                    s.push('.');
                    i += 1;
                } else {
                    break;
                }
            }
            if !after_letter {
                if let Ok(v) = s.parse::<f64>() {
                    out.push(Numeral {
                        start,
                        end: i,
                        value: v,
                        chinese: false,
                    });
                }
            }
            continue;
        }
        if is_cn_numeral(c) {
            let start = i;
            while i < cs.len() && is_cn_numeral(cs[i]) {
                i += 1;
            }
            let s: String = cs[start..i].iter().collect();
            if let Some(v) = parse_chinese(&s) {
                out.push(Numeral {
                    start,
                    end: i,
                    value: v,
                    chinese: true,
                });
            } else if matches!(cs[i - 1], '万' | '亿') && i - start > 1 {
                // 三万 before a unit: the 万 may belong to the unit (万人); let the figure
                // reader decide.
                let head: String = cs[start..i - 1].iter().collect();
                if let Some(v) = parse_chinese(&head) {
                    out.push(Numeral {
                        start,
                        end: i - 1,
                        value: v,
                        chinese: true,
                    });
                }
            }
            continue;
        }
        i += 1;
    }
    out
}

/// The longest vocabulary word standing at `at`.
fn word_at<'v>(a: &Article, at: usize, words: &[&'v str]) -> Option<&'v str> {
    words.iter().copied().find(|w| a.has_at(at, w))
}

/// Reads every figure phrase of the article.
pub fn figures(a: &Article, vocab: &Vocabulary) -> Vec<Figure> {
    let units = vocab.units();
    let quals = vocab.qualifiers();
    let before: Vec<&str> = quals
        .iter()
        .filter(|q| q.1 == QualifierPlace::Before)
        .map(|q| q.0)
        .collect();
    let between: Vec<&str> = quals
        .iter()
        .filter(|q| q.1 == QualifierPlace::Between)
        .map(|q| q.0)
        .collect();
    let after: Vec<&str> = quals
        .iter()
        .filter(|q| q.1 == QualifierPlace::After)
        .map(|q| q.0)
        .collect();
    let mut out = Vec::new();
    for n in numbers(a) {
        let mut end = n.end;
        let mut qualifier = None;
        let mut unit = None;
        // A Chinese number swallows a following 万 or 亿 that is really part of its unit
        // (三万人 → 3 万人): prefer the unit when the vocabulary has it.
        let mut number = n.clone();
        if n.chinese && n.end - n.start > 1 && matches!(a.chars[n.end - 1], '万' | '亿') {
            let head: String = a.chars[n.start..n.end - 1].iter().collect();
            if let (Some(v), Some(u)) = (parse_chinese(&head), word_at(a, n.end - 1, &units)) {
                number.value = v;
                number.end = n.end - 1;
                end = n.end - 1 + u.chars().count();
                unit = Some(u.to_string());
            }
        }
        if unit.is_none() {
            if let Some(q) = word_at(a, end, &between) {
                let at = end + q.chars().count();
                if let Some(u) = word_at(a, at, &units) {
                    qualifier = Some((q.to_string(), QualifierPlace::Between));
                    unit = Some(u.to_string());
                    end = at + u.chars().count();
                }
            }
        }
        if unit.is_none() {
            if let Some(u) = word_at(a, end, &units) {
                unit = Some(u.to_string());
                end += u.chars().count();
            }
        }
        let year = !number.chinese
            && unit.as_deref() == Some("年")
            && (1900.0..=2100.0).contains(&number.value)
            && number.value.fract() == 0.0
            && number.end - number.start == 4;
        if unit.is_some() && qualifier.is_none() {
            if let Some(q) = word_at(a, end, &after) {
                qualifier = Some((q.to_string(), QualifierPlace::After));
                end += q.chars().count();
            }
        }
        let ordinal = number.start > 0 && a.chars[number.start - 1] == '第';
        let mut start = number.start;
        if qualifier.is_none() && !ordinal {
            if let Some(q) = before.iter().find(|q| a.has_before(number.start, q)) {
                qualifier = Some((q.to_string(), QualifierPlace::Before));
                start = number.start - q.chars().count();
            }
        }
        if ordinal {
            start -= 1;
        }
        out.push(Figure {
            number,
            start,
            end,
            unit,
            qualifier,
            ordinal,
            year,
        });
    }
    out
}

/// Words that start a change (growth, decline) reported next to a figure.
pub const GROWTH_WORDS: [&str; 14] = [
    "同比增长",
    "年均增长",
    "增长",
    "增加",
    "增幅",
    "提升",
    "提高",
    "上升",
    "扩大",
    "下降",
    "减少",
    "降低",
    "下滑",
    "回落",
];

/// Words of decline: a change after them is negative.
pub fn is_decline(word: &str) -> bool {
    matches!(word, "下降" | "减少" | "降低" | "下滑" | "回落")
}

/// The growth word that stands before `at` in the same clause (with only a qualifier, 分别,
/// 了 or 达 between), if any.
pub fn growth_word_before(a: &Article, at: usize) -> Option<&'static str> {
    let lo = at.saturating_sub(8);
    for end in (lo..=at).rev() {
        if end < at && ends_clause(a.chars[end]) {
            return None;
        }
        if let Some(w) = GROWTH_WORDS.iter().find(|w| a.has_before(end, w)) {
            // What stands between must be filler: 分别达, 了, 约.
            let gap = a.slice(end, at);
            if gap.chars().count() <= 4
                && !gap.chars().any(|c| c.is_ascii_digit() || ends_clause(c))
            {
                return Some(w);
            }
            return None;
        }
    }
    None
}

/// The last year the source reports on: the date's year, else the period's last year.
pub fn current_year(source: &Source) -> Option<i64> {
    if let Some(d) = &source.date {
        if let Some(y) = d.get(..4).and_then(|y| y.parse().ok()) {
            return Some(y);
        }
    }
    let digits: Vec<i64> = source
        .period
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .filter_map(|s| s.parse().ok())
        .collect();
    digits.last().copied()
}

/// Relative words of time, with the offset from the current year.
const RELATIVE_YEARS: [(&str, i64); 9] = [
    ("今年", 0),
    ("本年", 0),
    ("全年", 0),
    ("上半年", 0),
    ("下半年", 0),
    ("前三季度", 0),
    ("一季度", 0),
    ("去年", -1),
    ("前年", -2),
];

/// The years a stretch of text names: explicit (2022年, 二〇二二年) and relative (今年,
/// 去年, 上半年), the latter resolved against `current`. Each with its char position.
pub fn years_in(a: &Article, start: usize, end: usize, current: Option<i64>) -> Vec<(i64, usize)> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let c = a.chars[i];
        if c.is_ascii_digit() {
            let mut j = i;
            while j < end && a.chars[j].is_ascii_digit() {
                j += 1;
            }
            if j - i == 4 && (i == 0 || !a.chars[i - 1].is_ascii_digit()) {
                let y: i64 = a.slice(i, j).parse().unwrap_or(0);
                let followed = a.chars.get(j).copied();
                if (1900..=2100).contains(&y)
                    && matches!(followed, Some('年' | '～' | '~' | '-' | '—' | '至' | '到'))
                {
                    out.push((y, i));
                }
            }
            i = j;
            continue;
        }
        if let Some(cur) = current {
            if let Some((w, off)) = RELATIVE_YEARS.iter().find(|(w, _)| a.has_at(i, w)) {
                // 2022年上半年 names its year itself.
                let explicit = i >= 1 && a.chars[i - 1] == '年' && *w != "今年";
                let glued = i >= 1 && matches!(a.chars[i - 1], '每' | '近' | '多');
                if !explicit && !glued {
                    out.push((cur + off, i));
                }
                i += w.chars().count();
                continue;
            }
        }
        i += 1;
    }
    out
}

/// CJK bigrams of a text, for comparing a fact's name with a sentence.
pub fn bigrams(s: &str) -> Vec<String> {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(2)
        .filter(|w| w.iter().all(|c| is_cjk(*c)))
        .map(|w| w.iter().collect())
        .collect()
}

pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// How many of `name`'s bigrams the text holds.
pub fn shared_bigrams(name: &str, text: &str) -> usize {
    bigrams(name)
        .iter()
        .filter(|b| text.contains(b.as_str()))
        .count()
}

/// Where a source's article file is: `articles/<file>`.
pub fn article_path(dir: &Path, source: &Source) -> Option<PathBuf> {
    source.file.as_ref().map(|f| dir.join(f))
}

/// Reads an article file as UTF-8 text (a byte-order mark dropped).
pub fn read_article(path: &Path) -> anyhow::Result<String> {
    use anyhow::Context as _;
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() {
        anyhow::bail!("{} is not a regular file", path.display());
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        anyhow::bail!(
            "{} is larger than {} bytes; an article is a few tens of kilobytes",
            path.display(),
            MAX_ARTICLE_BYTES
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let bytes = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(&bytes)
        .to_vec();
    String::from_utf8(bytes).map_err(|_| {
        crate::error::hinted(
            format!("{} is not valid UTF-8", path.display()),
            "save the article as UTF-8 (not GBK or GB 2312)",
        )
    })
}

#[cfg(test)]
mod tests;
