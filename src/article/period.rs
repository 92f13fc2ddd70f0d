//! The years of an article: the period its source reports on, and the years a stretch of
//! text names, explicit (2022年, 二〇二二年) or relative (今年, 去年, 上半年).

use super::part::{holiday_of_source, part_of_source};
use super::Article;
use crate::facts::Source;

/// The years an article reports on, from its source entry: the period it names (2023年,
/// 2012～2022年) and the year it was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    /// The first and last year of the period (equal for one year).
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// The year of publication, else the period's last year: what 今年 and 去年 count from.
    pub now: Option<i64>,
    /// The part of the year the period names (前三季度 of `2025年前三季度`), if any: the part
    /// of every figure its article gives no other.
    pub part: Option<&'static str>,
    /// The holiday the period names (国庆中秋假期 of `2025年国庆中秋假期`), if any: what a bare
    /// 假期 of its article is.
    pub holiday: Option<&'static str>,
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
            part: first
                .filter(|_| first == last)
                .and_then(|_| part_of_source(&source.period)),
            holiday: holiday_of_source(&source.period),
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

/// Relative words of time: whether they count from the year of publication (今年, 去年, 明年) or
/// name the year reported on (全年 in a bulletin published the next spring), and the offset.
const RELATIVE_YEARS: [(&str, bool, i64); 14] = [
    ("今年", true, 0),
    ("明年", true, 1),
    ("本年", true, 0),
    ("全年", false, 0),
    ("上半年", true, 0),
    ("下半年", true, 0),
    ("前三季度", true, 0),
    ("一季度", true, 0),
    ("二季度", true, 0),
    ("三季度", true, 0),
    ("四季度", true, 0),
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

/// The months of the year a period within one year covers, as written in a fact or an
/// article: 一季度 (1, 3), 上半年 and 1—6月 (1, 6), 前三季度 and 1—9月 (1, 9), 下半年 (7, 12); a
/// moment (截至9月底, 6月末) is the span up to its month's end, from month 0. `None` for a
/// period of no months of one year (近年来, “十四五”以来, 国庆假期) and for months that do not
/// run from the year's start (6至7月).
pub fn months_of(period: &str) -> Option<(u32, u32)> {
    const NAMED: [(&str, (u32, u32)); 7] = [
        ("前三季度", (1, 9)),
        ("上半年", (1, 6)),
        ("下半年", (7, 12)),
        ("一季度", (1, 3)),
        ("二季度", (4, 6)),
        ("三季度", (7, 9)),
        ("四季度", (10, 12)),
    ];
    if let Some((_, span)) = NAMED.iter().find(|(w, _)| period.contains(w)) {
        return Some(*span);
    }
    let cs: Vec<char> = period.chars().collect();
    let month = |at: usize| -> Option<(u32, usize)> {
        let n = cs
            .get(at..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let v: u32 = cs[at..at + n].iter().collect::<String>().parse().ok()?;
        ((1..=2).contains(&n) && (1..=12).contains(&v)).then_some((v, at + n))
    };
    for i in 0..cs.len() {
        if i > 0 && cs[i - 1].is_ascii_digit() {
            continue;
        }
        let Some((m, e)) = month(i) else { continue };
        // A statistical period runs from the year's start (1—9月); 6至7月 is when
        // something was done.
        if m == 1 && matches!(cs.get(e), Some('—' | '-' | '–' | '～' | '~' | '至' | '到')) {
            if let Some((m2, e2)) = month(e + 1) {
                if cs.get(e2) == Some(&'月') {
                    return Some((m, m2));
                }
            }
        }
        if cs.get(e) == Some(&'月') && matches!(cs.get(e + 1), Some('底' | '末')) {
            return Some((0, m));
        }
    }
    None
}
