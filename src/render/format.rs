//! Chinese figures as an article prints them: numbers, quantities with their qualifier in
//! place, periods, changes, and a fact as a clause.

use crate::facts::{Fact, QualifierPlace, Vocabulary};

/// Formats a number the way the article would print it: no trailing `.0`, integer part
/// of five digits or more grouped by three with commas (22,862), four digits not (1988).
pub fn format_number(v: f64) -> String {
    let raw = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    let (sign, rest) = match raw.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", raw.as_str()),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if int.len() < 5 || !int.chars().all(|c| c.is_ascii_digit()) {
        return raw;
    }
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

/// A figure with its qualifier in the article's word order: 预计142亿元, 3000余亩, 5%左右.
pub fn format_quantity(
    vocab: &Vocabulary,
    value: f64,
    unit: &str,
    qualifier: Option<&str>,
) -> String {
    let mut n = format_number(value);
    // A place in a ranking is an ordinal: 全省第2位, not 2位.
    if unit == "位" && vocab.measure(unit) == Some(crate::facts::vocab::RANK) {
        n = format!("第{n}");
    }
    match qualifier.map(|q| (q, vocab.qualifier_place(q))) {
        Some((q, Some(QualifierPlace::Before))) => format!("{q}{n}{unit}"),
        Some((q, Some(QualifierPlace::Between))) => format!("{n}{q}{unit}"),
        Some((q, Some(QualifierPlace::After))) => format!("{n}{unit}{q}"),
        _ => format!("{n}{unit}"),
    }
}

/// The period a fact describes: 2022年, 2012～2021年, 2022年上半年, “十三五”期间.
pub fn format_when(fact: &Fact) -> Option<String> {
    match (fact.from_year, fact.year, &fact.period) {
        (Some(from), Some(to), _) => Some(format!("{from}～{to}年")),
        (None, Some(y), Some(p)) => Some(format!("{y}年{p}")),
        (None, Some(y), None) => Some(format!("{y}年")),
        (Some(from), None, _) => Some(format!("{from}年以来")),
        (None, None, Some(p)) => Some(p.clone()),
        (None, None, None) => None,
    }
}

/// The change a fact reports: 增长5%左右, 增长约50%, 增长2.13倍, 下降3%.
pub fn format_change(vocab: &Vocabulary, fact: &Fact) -> Option<String> {
    let g = fact.growth.as_ref()?;
    let verb = match (g.value < 0.0, g.unit.as_str()) {
        (false, "个百分点") => "提高",
        (true, "个百分点") => "降低",
        (false, _) => "增长",
        (true, _) => "下降",
    };
    Some(format!(
        "{verb}{}",
        format_quantity(vocab, g.value.abs(), &g.unit, g.qualifier.as_deref())
    ))
}

/// The name, followed by the measure where the name does not already say it.
pub(crate) fn what(f: &Fact) -> String {
    match &f.measure {
        Some(m) if !f.name.contains(m.as_str()) => format!("{}{m}", f.name),
        _ => f.name.clone(),
    }
}

/// Every figure of a fact, as printed: 预计142亿元，增长5%左右（2012年为9999.5元）.
pub fn format_figure(vocab: &Vocabulary, f: &Fact) -> Option<String> {
    let unit = f.unit.clone().unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(v) = f.value {
        parts.push(format_quantity(vocab, v, &unit, f.qualifier.as_deref()));
    }
    if let Some(c) = format_change(vocab, f) {
        parts.push(c);
    }
    if parts.is_empty() && f.base.is_none() {
        return None;
    }
    let mut out = parts.join("，");
    if let Some(b) = &f.base {
        let when = b.year.map(|y| format!("{y}年")).unwrap_or_default();
        let was = if f.value.is_some() {
            "为"
        } else {
            "基数为"
        };
        out.push_str(&format!(
            "（{when}{was}{}）",
            format_quantity(vocab, b.value, &unit, None)
        ));
    }
    Some(out)
}
