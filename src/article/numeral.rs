//! Numbers as an article writes them: Arabic digits (with grouping commas and decimals) and
//! Chinese numerals (两, 一百二十, 三万五千, 二〇二二, 一点二), each with its place in the text.

use super::Article;
use crate::facts::Number;

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
            Number::parse(&a.slice(self.start, self.end).replace(' ', "")).ok()
        }
    }
}

/// Whether the space at `i`, in the digits that start at `start`, groups thousands as a
/// typesetter sets them apart (3 200户, 1 250 000元): the digits before it are a group of
/// one to three (three after an earlier such space) with no comma or point, and exactly
/// three digits follow it. A space between two figures of a table's row (12 345) cannot be
/// told from it, and tables are written out as sentences before numbers are read.
fn space_group(cs: &[char], start: usize, i: usize) -> bool {
    let run = cs[start..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let grouped = cs[start..i].contains(&' ');
    let plain = cs[start..i].iter().all(|c| c.is_ascii_digit() || *c == ' ');
    let three_after = (1..=3).all(|k| cs.get(i + k).is_some_and(|c| c.is_ascii_digit()))
        && cs.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
    plain
        && three_after
        && if grouped {
            run == 3
        } else {
            (1..=3).contains(&run)
        }
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
                } else if cs[i] == ' ' && space_group(cs, start, i) {
                    i += 1; // thousands set apart by a (thin) space: 3 200户, 1 250 000元
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
