//! A figure said of many things at once (广播、电视综合人口覆盖率均为100%), and a figure said
//! twice (a bulletin's table repeating its text): what `brief extract` drafts of each.

use super::extract::Draft;
use super::figure::Figure;
use super::Article;
use crate::facts::Number;

/// The items a figure is said of, each in full, when its clause says it of every item of a
/// list with 均 (广播、电视综合人口覆盖率均为100%: 广播综合人口覆盖率, 电视综合人口覆盖率);
/// empty otherwise. Items shorter than the last share the last one's words after its own
/// (电视 | 综合人口覆盖率).
pub(super) fn each_of(a: &Article, f: &Figure) -> Vec<String> {
    let clause = a.clause_at(f.number.start);
    let lead = a.slice(clause.start, f.start);
    let Some(at) = lead.rfind('均') else {
        return Vec::new();
    };
    // 平均入住率, 人均消费, 年均增长: 均 inside a word of averages.
    let glued = lead[..at]
        .chars()
        .next_back()
        .is_some_and(|c| "平人年日月周季户亩".contains(c));
    if glued {
        return Vec::new();
    }
    let verb = &lead[at + '均'.len_utf8()..];
    if verb.chars().count() > 3 {
        return Vec::new();
    }
    let items: Vec<&str> = lead[..at].trim().split('、').collect();
    if items.len() < 2 || items.iter().any(|i| i.chars().count() < 2) {
        return Vec::new();
    }
    let last: Vec<char> = items[items.len() - 1].chars().collect();
    items
        .iter()
        .map(|item| {
            let n = item.chars().count();
            if n + 2 <= last.len() {
                format!("{item}{}", last[n..].iter().collect::<String>())
            } else {
                item.to_string()
            }
        })
        .collect()
}

/// Whether a later draft says again a figure drafted before it: the same value, unit and
/// qualifier with the same change in the same year and period, as a bulletin's table
/// repeats a figure of its text (粮食总产量345.82万吨，增长1.7% and the row 粮食 345.82 1.7).
/// A figure without a change is not enough: two counts of one size (公共图书馆13个、文化馆
/// 13个) are two figures.
pub(super) fn restates(earlier: &Draft, later: &Draft) -> bool {
    let (e, l) = (&earlier.fact, &later.fact);
    let same_number =
        |a: &Number, b: &Number| a.digits() == b.digits() && a.is_negative() == b.is_negative();
    let same_growth = match (&e.growth, &l.growth) {
        (Some(a), Some(b)) => {
            same_number(&a.value, &b.value) && a.unit == b.unit && a.qualifier == b.qualifier
        }
        _ => false,
    };
    same_growth
        && earlier.sentence != later.sentence
        && matches!((&e.value, &l.value), (Some(a), Some(b)) if same_number(a, b))
        && e.unit == l.unit
        && e.qualifier == l.qualifier
        && e.year == l.year
        && e.period == l.period
        && e.target == l.target
}
