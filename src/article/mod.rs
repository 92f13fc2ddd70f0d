//! Reading an article: its paragraphs, sentences and clauses, Arabic and Chinese numerals, the
//! figure phrases they stand in (`约142亿元`, `3000余亩`, `三成以上`, `全省第二`), and the
//! tables of a statistical bulletin.
//!
//! Every unit and qualifier comes from the fact base's vocabulary, so that a unit a user adds
//! is read like every other. What is hard-coded here is Chinese grammar: numerals, the words
//! of growth (增长, 下降), of time (今年, 上半年) and of reaching (达). [`reading`] puts the
//! figures into clauses: what each figure is of, its change, base and year.

use std::path::Path;

use crate::facts::{Number, QualifierPlace, Source, Vocabulary};

pub mod extract;
pub mod reading;
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
/// inside a sentence joined, tables written out as sentences) and divided into paragraphs,
/// sentences and clauses.
#[derive(Debug, Clone)]
pub struct Article {
    pub chars: Vec<char>,
    pub paragraphs: Vec<Span>,
    /// Up to 。！？: a time named at a sentence's head holds for all of it.
    pub sentences: Vec<Span>,
    /// The parts of a sentence between commas, semicolons and colons.
    pub clauses: Vec<Span>,
}

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Characters that end a clause (a sentence's part between commas and semicolons).
pub fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '\n')
}

fn normalise_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '‰' => '‰',
        '（' => '(',
        '）' => ')',
        '\u{3000}' | '\t' | '\r' | '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
        _ => c,
    }
}

impl Article {
    pub fn parse(text: &str) -> Article {
        // Lines, trimmed; blank lines dropped (they separate paragraphs and also appear inside
        // them, where the layout broke a sentence). Tables are written out as sentences.
        let raw: Vec<&str> = text.lines().collect();
        let lines: Vec<String> = tables::linearise(&raw)
            .into_iter()
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
                && !matches!(last, '；' | '”' | '」' | '）' | ')' | '…' | '！')
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
        let split = |p: &Span, ends: &dyn Fn(&[char], usize) -> bool, out: &mut Vec<Span>| {
            let mut s = p.start;
            for i in p.start..p.end {
                if ends(&chars, i) {
                    out.push(Span {
                        start: s,
                        end: i + 1,
                        para: p.para,
                    });
                    s = i + 1;
                }
            }
            if s < p.end {
                out.push(Span {
                    start: s,
                    end: p.end,
                    para: p.para,
                });
            }
        };
        let mut sentences = Vec::new();
        for p in &paragraphs {
            split(p, &|cs, i| ends_sentence(cs[i]), &mut sentences);
        }
        let mut clauses = Vec::new();
        for s in &sentences {
            split(s, &clause_end, &mut clauses);
        }
        Article {
            chars,
            paragraphs,
            sentences,
            clauses,
        }
    }

    pub fn text(&self, span: Span) -> String {
        self.slice(span.start, span.end)
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        self.chars[start.min(end)..end].iter().collect()
    }

    fn span_at(spans: &[Span], at: usize) -> Span {
        let i = spans.partition_point(|s| s.end <= at);
        spans
            .get(i)
            .copied()
            .filter(|s| s.start <= at)
            .unwrap_or(Span {
                start: at,
                end: at,
                para: 0,
            })
    }

    /// The sentence holding char `at`.
    pub fn sentence_at(&self, at: usize) -> Span {
        Article::span_at(&self.sentences, at)
    }

    /// The clause holding char `at`.
    pub fn clause_at(&self, at: usize) -> Span {
        Article::span_at(&self.clauses, at)
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

/// Whether char `i` ends a clause: a comma or colon between digits (22,862; 10.0:39.7) is
/// part of the figure, not the end of a clause.
fn clause_end(cs: &[char], i: usize) -> bool {
    let c = cs[i];
    if !ends_clause(c) {
        return false;
    }
    if matches!(c, ',' | ':') {
        let before = i > 0 && cs[i - 1].is_ascii_digit();
        let after = cs.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if before && after {
            return false;
        }
    }
    true
}

mod tables {
    //! The tables of a statistical bulletin (表1 … 指标 | 单位 | 绝对数 | 比上年增长(%)),
    //! written out as the sentences a bulletin's prose would use: 发电量18.36亿千瓦时，比上年
    //! 增长4.2%。 A row's cells are separated by tabs, `|` or two or more spaces.

    fn cells(line: &str) -> Vec<String> {
        let line = line.trim().trim_matches('|').trim();
        let parts: Vec<String> = if line.contains('\t') || line.contains('|') {
            line.split(['\t', '|'])
                .map(|c| c.trim().to_string())
                .collect()
        } else {
            line.split("  ").map(|c| c.trim().to_string()).collect()
        };
        parts.into_iter().filter(|c| !c.is_empty()).collect()
    }

    /// The columns of a header: which holds the name, the unit, the value and the change.
    struct Columns {
        unit: Option<usize>,
        value: usize,
        growth: Option<usize>,
        /// A unit the header gives for the values: 绝对数(亿元).
        value_unit: Option<String>,
        growth_unit: String,
    }

    fn in_parens(s: &str) -> Option<String> {
        let s = s.replace('（', "(").replace('）', ")");
        let (_, rest) = s.split_once('(')?;
        let (inner, _) = rest.split_once(')')?;
        Some(inner.trim().to_string())
    }

    fn header(cells: &[String]) -> Option<Columns> {
        if cells.len() < 2 {
            return None;
        }
        let is_growth = |c: &str| {
            ["增长", "增速", "增幅", "比上年", "同比", "±"]
                .iter()
                .any(|w| c.contains(w))
        };
        let is_value = |c: &str| {
            [
                "绝对数",
                "数值",
                "总量",
                "绝对值",
                "本年",
                "全年",
                "数量",
                "金额",
                "产量",
                "实绩",
            ]
            .iter()
            .any(|w| c.contains(w))
        };
        let unit = cells.iter().position(|c| c.starts_with("单位"));
        let growth = cells.iter().position(|c| is_growth(c));
        let value = cells
            .iter()
            .enumerate()
            .position(|(i, c)| i > 0 && Some(i) != growth && Some(i) != unit && is_value(c))?;
        let value_unit = in_parens(&cells[value]);
        let growth_unit = growth
            .and_then(|g| in_parens(&cells[g]))
            .filter(|u| u == "%" || u == "％" || u == "个百分点")
            .unwrap_or_else(|| "%".to_string());
        Some(Columns {
            unit,
            value,
            growth,
            value_unit,
            growth_unit: growth_unit.replace('％', "%"),
        })
    }

    fn is_number(s: &str) -> bool {
        let s = s.trim_start_matches(['-', '－', '+']);
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '０'..='９' | '．'))
    }

    /// One row as a sentence, or `None` when it is no row of the table.
    fn row(cells: &[String], cols: &Columns) -> Option<String> {
        let name = cells.first()?.clone();
        let value = cells.get(cols.value)?.trim().to_string();
        if !is_number(&value) || is_number(&name) {
            return None;
        }
        // The unit: its own column, else the header's, else the name's: 粮食(万吨).
        let (name, unit) = match (cols.unit.and_then(|u| cells.get(u)), &cols.value_unit) {
            (Some(u), _) => (name, u.clone()),
            (None, Some(u)) => (name, u.clone()),
            (None, None) => match in_parens(&name) {
                Some(u) => (
                    name.split(['(', '（']).next().unwrap_or(&name).to_string(),
                    u,
                ),
                None => (name, String::new()),
            },
        };
        let mut s = format!("{name}{value}{unit}");
        if let Some(g) = cols.growth.and_then(|g| cells.get(g)) {
            let g = g.trim();
            if is_number(g) {
                let (word, g) = match g.strip_prefix(['-', '－']) {
                    Some(rest) => ("下降", rest),
                    None => ("增长", g.trim_start_matches('+')),
                };
                let word = if cols.growth_unit == "个百分点" {
                    if word == "下降" {
                        "降低"
                    } else {
                        "提高"
                    }
                } else {
                    word
                };
                s.push_str(&format!("，比上年{word}{g}{}", cols.growth_unit));
            }
        }
        s.push('。');
        Some(s)
    }

    /// The lines of an article, each table's rows written out as sentences.
    pub fn linearise(lines: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(lines.len());
        let mut cols: Option<Columns> = None;
        // A table is one paragraph: its caption (表1 …产量), then its rows, so that each
        // row reads with the caption's words around it.
        let mut table: Option<String> = None;
        for line in lines {
            let cs = cells(line);
            if cs.len() >= 3 {
                if let Some(h) = header(&cs) {
                    if let Some(t) = table.take() {
                        out.push(t);
                    }
                    let caption = out.iter().rposition(|l| !l.trim().is_empty()).filter(|&i| {
                        let l = out[i].trim();
                        l.starts_with('表') && l.chars().count() <= 40
                    });
                    let mut head = String::new();
                    if let Some(i) = caption {
                        head = format!("{}：", out[i].trim());
                        out.truncate(i);
                    }
                    out.push(String::new());
                    table = Some(head);
                    cols = Some(h);
                    continue;
                }
                if let Some(sentence) = cols.as_ref().and_then(|c| row(&cs, c)) {
                    if let Some(t) = table.as_mut() {
                        t.push_str(&sentence);
                    }
                    continue;
                }
            }
            if !line.trim().is_empty() {
                cols = None;
                if let Some(t) = table.take() {
                    out.push(t);
                    out.push(String::new());
                }
            }
            out.push(line.to_string());
        }
        if let Some(t) = table {
            out.push(t);
        }
        out
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

/// Figures from 10^15 up cannot be kept exactly (see `facts::number`): a numeral that large
/// is read as no figure.
const MAX_EXACT: u64 = 999_999_999_999_999;

/// The value of a Chinese numeral: 两 → 2, 十 → 10, 一百二十 → 120, 三万五千 → 35000,
/// 二〇二二 → 2022, 一点二 → 1.2, 零点五 → 0.5. `None` for what is not a well-formed number
/// (十三五, 三三), for one too large to keep exactly (一亿亿亿), and for a bare 百, 千, 万 or
/// 亿, which name an order of magnitude (百亿产业, 万亩园) rather than a count.
pub fn parse_chinese(s: &str) -> Option<f64> {
    // A decimal: the integer part, 点, then digits one by one.
    if let Some((int, frac)) = s.split_once('点') {
        let int = if int == "零" || int == "〇" {
            0.0
        } else {
            parse_chinese(int)?
        };
        let digits: Option<String> = frac
            .chars()
            .map(|c| cn_digit(c).and_then(|d| char::from_digit(d as u32, 10)))
            .collect();
        let digits = digits.filter(|d| !d.is_empty() && d.len() <= 6)?;
        return format!("{int}.{digits}").parse().ok();
    }
    let cs: Vec<char> = s.chars().collect();
    if cs.is_empty() {
        return None;
    }
    if cs.len() == 1 && matches!(cs[0], '百' | '千' | '万' | '亿') {
        return None;
    }
    // A digit string: 二〇二二.
    if cs.len() > 1 && cs.iter().all(|c| cn_digit(*c).is_some()) {
        if !cs.iter().any(|c| matches!(c, '〇' | '零')) || cs[0] == '零' || cs.len() > 15 {
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
    let mut last_big = u64::MAX; // 万 and 亿 groups must fall in order
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
                        // 一亿亿: 亿 after 亿 multiplies beyond any figure.
                        if last_big <= p {
                            return None;
                        }
                        total = total.checked_add(group)?.checked_mul(p)?;
                    } else {
                        if last_big <= p {
                            return None;
                        }
                        total = total.checked_add(group.checked_mul(p)?)?;
                    }
                    last_big = p;
                    section = 0;
                    digit = None;
                    last_power = u64::MAX;
                }
            }
        } else {
            return None;
        }
    }
    let v = total
        .checked_add(section)?
        .checked_add(digit.unwrap_or(0))?;
    (v <= MAX_EXACT).then_some(v as f64)
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
            Some(n) if self.number.chinese => n.text().to_string(),
            _ => a.slice(self.number.start, self.number.end),
        };
        display_figure(
            &n,
            self.unit.as_deref().unwrap_or(""),
            self.qualifier.as_ref().map(|(w, p)| (w.as_str(), *p)),
        )
    }

    /// Whether the article writes the figure with the digits of `n`: the same value, and for
    /// Arabic digits the same decimal places (1313.70 is not 1313.7). Grouping commas do not
    /// count: 22,862 and 22862 are one figure.
    pub fn same_digits(&self, a: &Article, n: &Number) -> bool {
        if !same_value(self.value(), n.value().abs()) {
            return false;
        }
        if self.number.chinese {
            return true;
        }
        match self.number.figure(a) {
            Some(m) => m.decimals() == n.decimals(),
            None => false,
        }
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
                    && !s.contains('.')
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
            // Digits beyond what a figure can hold are read as no number (not as `inf`).
            let digits = s.chars().filter(char::is_ascii_digit).count();
            if !after_letter && digits <= 30 {
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
            while i < cs.len()
                && (is_cn_numeral(cs[i])
                    || (cs[i] == '点'
                        && i > start
                        && cs.get(i + 1).is_some_and(|c| cn_digit(*c).is_some())))
            {
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

/// `at`, past one or two spaces that a bulletin sets between a figure and its unit
/// (9.14 亿元, 6.3 %).
fn past_spaces(a: &Article, at: usize) -> usize {
    let mut i = at;
    while i < a.chars.len() && i < at + 2 && a.chars[i] == ' ' {
        i += 1;
    }
    i
}

/// Reads every figure phrase of the article.
pub fn figures(a: &Article, vocab: &Vocabulary) -> Vec<Figure> {
    let units = vocab.units();
    let quals = vocab.qualifiers();
    let at_place =
        |place| -> Vec<&str> { quals.iter().filter(|q| q.1 == place).map(|q| q.0).collect() };
    let before = at_place(QualifierPlace::Before);
    let between = at_place(QualifierPlace::Between);
    let after = at_place(QualifierPlace::After);
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
            let at = if n.chinese { end } else { past_spaces(a, end) };
            if let Some(u) = word_at(a, at, &units) {
                unit = Some(u.to_string());
                end = at + u.chars().count();
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
pub const GROWTH_WORDS: [&str; 16] = [
    "同比增长",
    "年均增长",
    "增长",
    "增加",
    "增幅",
    "增速",
    "提升",
    "提高",
    "上升",
    "扩大",
    "下降",
    "减少",
    "降低",
    "下滑",
    "回落",
    "减小",
];

/// Words of decline: a change after them is negative.
pub fn is_decline(word: &str) -> bool {
    matches!(word, "下降" | "减少" | "降低" | "下滑" | "回落" | "减小")
}

/// Words that may stand between a word of growth and its figure: 增长了5%, 分别增长9%,
/// 增幅达4.62%, 提高约2个百分点.
const GROWTH_FILLER: [&str; 15] = [
    "分别", "依次", "了", "达到", "达", "为", "约", "近", "超过", "超", "逾", "幅度", "幅", "率",
    " ",
];

/// The growth word that stands before `at` in the same clause, with only filler between
/// (分别, 了, 为, 达, a qualifier), if any. Not one that reaches a level (增加到123.77亿元,
/// 提高至80%) and not one with words between (增加就业岗位3000个 counts posts).
pub fn growth_word_before(a: &Article, at: usize) -> Option<&'static str> {
    let lo = at.saturating_sub(10);
    for end in (lo..=at).rev() {
        if end < at && ends_clause(a.chars[end]) {
            return None;
        }
        if let Some(w) = GROWTH_WORDS.iter().find(|w| a.has_before(end, w)) {
            let mut gap = a.slice(end, at);
            loop {
                let before = gap.len();
                for f in GROWTH_FILLER {
                    if let Some(rest) = gap.strip_prefix(f) {
                        gap = rest.to_string();
                    }
                }
                if gap.len() == before {
                    break;
                }
            }
            return gap.is_empty().then_some(*w);
        }
    }
    None
}

/// The years an article reports on, from its source entry: the period it names (2023年,
/// 2012～2022年) and the year it was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    /// The first and last year of the period (equal for one year).
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// The year of publication, else the period's last year: what 今年 and 去年 count from.
    pub now: Option<i64>,
}

impl Period {
    pub fn of(source: &Source) -> Period {
        let years: Vec<i64> = source
            .period
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| s.len() == 4)
            .filter_map(|s| s.parse().ok())
            .collect();
        let published = source
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        let first = years.first().copied();
        let last = years.last().copied();
        Period {
            first,
            last,
            now: published.or(last),
        }
    }

    /// The one year the article reports on, when its period is one year.
    pub fn year(&self) -> Option<i64> {
        match (self.first, self.last) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }
}

/// The last year the source reports on: the date's year, else the period's last year.
pub fn current_year(source: &Source) -> Option<i64> {
    Period::of(source).now
}

/// Relative words of time: whether they count from the year of publication (今年, 去年) or
/// name the year reported on (全年 in a bulletin published the next spring), and the offset.
const RELATIVE_YEARS: [(&str, bool, i64); 10] = [
    ("今年", true, 0),
    ("本年", true, 0),
    ("全年", false, 0),
    ("上半年", true, 0),
    ("下半年", true, 0),
    ("前三季度", true, 0),
    ("一季度", true, 0),
    ("去年", true, -1),
    ("上年", true, -1),
    ("前年", true, -2),
];

/// The years a stretch of text names: explicit (2022年, 二〇二二年) and relative (今年,
/// 去年, 上半年), the latter resolved against the period. Each with its char position.
pub fn years_in(a: &Article, start: usize, end: usize, period: Period) -> Vec<(i64, usize)> {
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
        if let Some((w, from_now, off)) = RELATIVE_YEARS.iter().find(|(w, ..)| a.has_at(i, w)) {
            let base = if *from_now {
                period.now
            } else {
                period.year().or(period.now)
            };
            // 2022年上半年 names its year itself; 每年, 近年, 比上年 are no year.
            let explicit = i >= 1 && a.chars[i - 1] == '年' && *w != "今年";
            // 每年, 近年, 比上年 and 以前年产值 are no year.
            let glued = i >= 1 && matches!(a.chars[i - 1], '每' | '近' | '多' | '比' | '较' | '以');
            if let (Some(base), false, false) = (base, explicit, glued) {
                out.push((base + off, i));
            }
            i += w.chars().count();
            continue;
        }
        i += 1;
    }
    out
}

/// CJK bigrams of a text, for comparing a fact's name with a clause.
pub fn bigrams(s: &str) -> Vec<String> {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(2)
        .filter(|w| w.iter().all(|c| is_cjk(*c) || c.is_ascii_alphanumeric()))
        .filter(|w| w.iter().any(|c| is_cjk(*c)))
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

/// Reads a file brief was told to read (an article named on the command line) as UTF-8
/// text, a byte-order mark dropped: a regular file of at most [`MAX_ARTICLE_BYTES`], read
/// no further than that.
pub fn read_article(path: &Path) -> anyhow::Result<String> {
    read_limited(path, path)
}

/// Reads the article a source names, in the articles directory `dir`: as [`read_article`],
/// and never through a link that leads out of `dir` (its text would reach messages).
pub fn read_article_in(dir: &Path, file: &str) -> anyhow::Result<String> {
    let path = dir.join(file);
    let real = std::fs::canonicalize(&path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !real.starts_with(&root) {
        return Err(crate::error::hinted(
            format!(
                "{} is a link that leads out of the articles directory {}",
                path.display(),
                dir.display()
            ),
            "copy the article into the articles directory instead of linking to it",
        ));
    }
    read_limited(&path, &real)
}

/// Reads `real`, naming it `shown` in messages.
fn read_limited(shown: &Path, real: &Path) -> anyhow::Result<String> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| anyhow::anyhow!("cannot read {}: {e}", shown.display());
    let too_big = || {
        anyhow::anyhow!(
            "{} is larger than {} bytes; an article is a few tens of kilobytes",
            shown.display(),
            MAX_ARTICLE_BYTES
        )
    };
    let meta = std::fs::metadata(real).map_err(cannot)?;
    if !meta.is_file() {
        anyhow::bail!("{} is not a regular file", shown.display());
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(too_big());
    }
    // Opened without blocking, should it have been swapped for a FIFO since.
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(real).map_err(cannot)?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        anyhow::bail!("{} is not a regular file", shown.display());
    }
    let mut bytes = Vec::new();
    file.take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_big());
    }
    let bytes = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|_| {
        crate::error::hinted(
            format!("{} is not valid UTF-8", shown.display()),
            "save the article as UTF-8 (not GBK or GB 2312)",
        )
    })
}

#[cfg(test)]
mod tests;
