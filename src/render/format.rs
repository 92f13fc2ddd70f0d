//! Chinese figures as an article prints them: numbers, quantities with their qualifier in
//! place, periods, changes, and a fact as a clause.

use crate::facts::office::PastGoals;
use crate::facts::{Fact, FactBase, Phrases, QualifierPlace, Region, Vocabulary};

/// A number a template prints itself (a fact's figure prints as the fact base writes it, see
/// [`format_quantity`]): its shortest digits, no trailing `.0`, no grouping.
pub fn format_number(v: f64) -> String {
    crate::facts::Number::from_f64(v).text().to_string()
}

/// A figure with its qualifier in the article's word order: 预计142亿元, 3000余亩, 5%左右.
/// `n` is the figure as the fact base writes it (`1313.70`, `22,862`): it is printed so, its
/// digits grouped as the office's `grouping` says (as written unless office.yaml says more).
pub fn format_quantity(vocab: &Vocabulary, n: &str, unit: &str, qualifier: Option<&str>) -> String {
    let mut n = vocab.grouping.apply(n);
    // A place in a ranking is an ordinal: 全省第2位, not 2位.
    if unit == "位" && vocab.measure(unit) == Some(crate::facts::vocab::RANK) {
        n = format!("第{n}");
    }
    // 成数 and a place among the best are written in Chinese numerals (GB/T 15835): 三成,
    // 十强, 百强.
    if matches!(unit, "成" | "强") {
        if let Some(cn) = n.parse::<u32>().ok().and_then(chinese_numeral) {
            n = cn;
        }
    }
    match qualifier.map(|q| (q, vocab.qualifier_place(q))) {
        Some((q, Some(QualifierPlace::Before))) => format!("{q}{n}{unit}"),
        // 10余亿元, but after a decimal the 余 follows its magnitude: 1.2万余户.
        Some((q, Some(QualifierPlace::Between)))
            if n.contains('.') && unit.starts_with(['万', '亿']) && unit.chars().count() > 1 =>
        {
            let m = unit.chars().next().map_or(0, char::len_utf8);
            format!("{n}{}{q}{}", &unit[..m], &unit[m..])
        }
        Some((q, Some(QualifierPlace::Between))) => format!("{n}{q}{unit}"),
        Some((q, Some(QualifierPlace::After))) => format!("{n}{unit}{q}"),
        _ => format!("{n}{unit}"),
    }
}

/// 1–99 and 100 in Chinese numerals: 三, 十, 二十一, 百.
pub(crate) fn chinese_numeral(n: u32) -> Option<String> {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    Some(match n {
        1..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        100 => "百".to_string(),
        _ => return None,
    })
}

/// The period a fact describes: 2022年, 2012—2021年 (a span with the 一字线, GB/T 15834), 2022年上半年, “十三五”期间.
pub fn format_when(fact: &Fact) -> Option<String> {
    match (fact.from_year, fact.year, &fact.period) {
        (Some(from), Some(to), _) => Some(format!("{from}—{to}年")),
        // 截至2024年9月底, not 2024年截至9月底.
        (None, Some(y), Some(p)) => Some(match p.strip_prefix("截至") {
            Some(rest) => format!("截至{y}年{rest}"),
            // 今年以来 of 2025: 2025年以来 (今年 is the article's, not the reader's).
            None => match p.strip_prefix("今年").or_else(|| p.strip_prefix("本年")) {
                Some(rest) => format!("{y}年{rest}"),
                None => format!("{y}年{p}"),
            },
        }),
        (None, Some(y), None) => Some(format!("{y}年")),
        (Some(from), None, _) => Some(format!("{from}年以来")),
        (None, None, Some(p)) => Some(p.clone()),
        (None, None, None) => None,
    }
}

/// The change a fact reports: 增长5%左右, 增长约50%, 增长2.13倍, 下降3%.
pub fn format_change(vocab: &Vocabulary, fact: &Fact) -> Option<String> {
    let g = fact.growth.as_ref()?;
    let verb = match (g.value.is_negative(), g.unit.as_str()) {
        (false, "个百分点") => "提高",
        (true, "个百分点") => "降低",
        (false, _) => "增长",
        (true, _) => "下降",
    };
    Some(format!(
        "{verb}{}",
        format_quantity(vocab, g.value.magnitude(), &g.unit, g.qualifier.as_deref())
    ))
}

/// The name, followed by the measure where the name does not already say it.
pub(crate) fn what(f: &Fact) -> String {
    // A goal's name need not say 目标: the goal says itself (力争…, （目标）).
    let name = match f.target {
        true => f.name.strip_suffix("目标").unwrap_or(&f.name),
        false => f.name.as_str(),
    };
    match &f.measure {
        Some(m) if !name.contains(m.as_str()) => format!("{name}{m}"),
        _ => name.to_string(),
    }
}

/// Every figure of a fact, as printed: 预计142亿元，增长5%左右（2012年为9999.5元）.
pub fn format_figure(vocab: &Vocabulary, f: &Fact) -> Option<String> {
    let unit = f.unit.clone().unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(v) = &f.value {
        parts.push(format_quantity(
            vocab,
            v.text(),
            &unit,
            f.qualifier.as_deref(),
        ));
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
            format_quantity(vocab, b.value.text(), &unit, None)
        ));
    }
    Some(out)
}

/// The region with each period that counts back from its article (十年来, 五年间, 近十年) said
/// in years: the article's year and the years counted back (2012—2022年), so that a briefing
/// printed later does not say 十年来 of a decade that has ended. Read in `today` (the
/// briefing's year), a goal whose year is over is left out where office.yaml's `past_goals`
/// says so (the default).
pub(crate) fn in_years(base: &FactBase, region: &Region, today: Option<i64>) -> Region {
    let mut r = region.clone();
    if base.office.past_goals == PastGoals::LeaveOut {
        if let Some(today) = today {
            r.facts.retain(|f| !past_goal(base, f, today));
        }
    }
    for f in r.facts.iter_mut() {
        if f.year.is_some() || f.from_year.is_some() {
            continue;
        }
        let Some(back) = f.period.as_deref().and_then(years_back) else {
            continue;
        };
        let Some(year) = base.source(&f.source).and_then(source_year) else {
            continue;
        };
        f.from_year = Some(year - back);
        f.year = Some(year);
        f.period = None;
    }
    r
}

/// The year a goal is to be reached by: its year, else the last year of the plan its period
/// names (“十四五”末期: 2025). None for a figure that is no goal (a target, or striven for:
/// 力争, 确保), and for a goal of no year. A figure expected (预计3.5亿元) is an estimate, which
/// a briefing keeps with its year, not a goal.
pub fn goal_year(base: &FactBase, f: &Fact) -> Option<i64> {
    let estimate = f.qualifier.as_deref() == Some("预计");
    let striven =
        (f.target && !estimate) || Phrases::holds(&base.phrases.striven, f.qualifier.as_deref());
    if !striven {
        return None;
    }
    f.year.or_else(|| f.period.as_deref().and_then(plan_end))
}

/// Whether a goal's year ended before `year` (the briefing's). A goal said in its own words
/// (`say`: 年总产值可达{value}) says what a thing can reach, not what a year was to: it stays.
pub fn past_goal(base: &FactBase, f: &Fact, year: i64) -> bool {
    f.say.is_none() && goal_year(base, f).is_some_and(|y| y < year)
}

/// The last year of the five-year plan a period names: “十四五” 2025, “十五五” 2030.
fn plan_end(period: &str) -> Option<i64> {
    const PLANS: [(&str, i64); 6] = [
        ("十一五", 2010),
        ("十二五", 2015),
        ("十三五", 2020),
        ("十四五", 2025),
        ("十五五", 2030),
        ("十六五", 2035),
    ];
    PLANS
        .iter()
        .find(|(p, _)| period.contains(p))
        .map(|(_, y)| *y)
}

/// The years a period counts back: 十年来 and 十年间 10, 近五年 5; none for 近年来.
fn years_back(period: &str) -> Option<i64> {
    let n = period
        .strip_suffix("年来")
        .or_else(|| period.strip_suffix("年间"))
        .or_else(|| period.strip_prefix('近').and_then(|p| p.strip_suffix('年')))?;
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as i64 + 1)
    };
    let c: Vec<char> = n.chars().collect();
    match c.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).or_else(|| d.to_digit(10).map(i64::from)),
        ['十', d] => Some(10 + digit(*d)?),
        [d, '十'] => Some(10 * digit(*d)?),
        _ => n.parse().ok(),
    }
    .filter(|n| (2..=50).contains(n))
}

/// The year an article speaks from: its date's, else the last year of its period.
fn source_year(s: &crate::facts::Source) -> Option<i64> {
    let years = |t: &str| -> Vec<i64> {
        t.split(|c: char| !c.is_ascii_digit())
            .filter(|d| d.len() == 4)
            .filter_map(|d| d.parse().ok())
            .collect()
    };
    match &s.date {
        Some(d) => years(d).first().copied(),
        None => years(&s.period).last().copied(),
    }
}
