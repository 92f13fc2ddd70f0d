//! The parts of a year a figure may be of: a quarter or half (前三季度, 上半年), a span of
//! months from the year's start (1—9月), a holiday (国庆假期, 中秋国庆假期), the year so far
//! (今年以来), or the whole year (全年). A source whose period is a part of a year
//! (`2025年前三季度`) gives that part to every figure its article does not give another;
//! `verify` holds a fact's `period` to the part the article gives its figure.

use super::period::months_of;

/// The whole year, said of a figure in an article on a part of it (预计全年…).
pub const WHOLE_YEAR: &str = "全年";

/// The year so far: 今年以来, 本年以来 and 年初以来 are one period.
pub const YEAR_SO_FAR: &str = "今年以来";

/// Quarters and halves, the longer first (前三季度 before 三季度).
const QUARTERS: [&str; 7] = [
    "前三季度",
    "上半年",
    "下半年",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
];

/// Spans of months from the year's start, as a draft writes them (1—12月 is the year).
const MONTH_SPANS: [&str; 10] = [
    "1—2月",
    "1—3月",
    "1—4月",
    "1—5月",
    "1—6月",
    "1—7月",
    "1—8月",
    "1—9月",
    "1—10月",
    "1—11月",
];

/// The words of the year so far.
const SO_FAR: [&str; 3] = ["今年以来", "本年以来", "年初以来"];

/// Festivals and the name a holiday of theirs goes by (劳动节 is 五一, 十一 is 国庆).
const FESTIVALS: [(&str, &str); 11] = [
    ("国庆", "国庆"),
    ("中秋", "中秋"),
    ("春节", "春节"),
    ("五一", "五一"),
    ("劳动节", "五一"),
    ("端午", "端午"),
    ("清明", "清明"),
    ("元旦", "元旦"),
    ("元宵", "元宵"),
    ("十一", "国庆"),
    ("新春", "春节"),
];

/// Holidays as a draft writes them: one festival's, or two falling together.
const HOLIDAYS: [&str; 10] = [
    "国庆中秋假期",
    "中秋国庆假期",
    "国庆假期",
    "中秋假期",
    "春节假期",
    "五一假期",
    "端午假期",
    "清明假期",
    "元旦假期",
    "元宵假期",
];

/// Words that make a festival's name a holiday: 国庆假期, 春节黄金周, “五一”小长假, 国庆期间.
const HOLIDAY_ENDS: [&str; 5] = ["假期", "黄金周", "小长假", "长假", "期间"];

fn starts(cs: &[char], at: usize, w: &str) -> bool {
    let n = w.chars().count();
    at + n <= cs.len() && cs[at..at + n].iter().copied().eq(w.chars())
}

/// The festival whose name stands at `at` (a quotation mark before or after it aside), with
/// where its name ends.
fn festival_at(cs: &[char], at: usize) -> Option<(&'static str, usize)> {
    let at = at + usize::from(matches!(cs.get(at), Some('“' | '"')));
    let (w, name) = FESTIVALS.iter().find(|(w, _)| starts(cs, at, w))?;
    let mut end = at + w.chars().count();
    if matches!(cs.get(end), Some('”' | '"')) {
        end += 1;
    }
    Some((name, end))
}

/// The holiday whose name stands at `at`, as a draft writes it, and the number of characters
/// it takes: 国庆假期, 中秋、国庆假期, “五一”假期, 国庆8天假期, 春节黄金周. A festival's name
/// without a word of holiday after it (国庆节当天, 中秋月饼) is none.
pub fn holiday_at(cs: &[char], at: usize) -> Option<(&'static str, usize)> {
    let (first, mut end) = festival_at(cs, at)?;
    let mut second = None;
    let joined = end
        + usize::from(matches!(
            cs.get(end),
            Some('、' | '和' | '与' | '及' | '暨')
        ));
    if let Some((f, e)) = festival_at(cs, joined) {
        second = Some(f);
        end = e;
    }
    if cs.get(end) == Some(&'节') {
        end += 1;
    }
    // 国庆8天假期, 国庆七天长假: the holiday's length between.
    let days = cs[end.min(cs.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || super::numeral::is_cn_numeral(**c))
        .count();
    if days > 0 && cs.get(end + days) == Some(&'天') {
        end += days + 1;
    }
    let word = HOLIDAY_ENDS.iter().find(|w| starts(cs, end, w))?;
    end += word.chars().count();
    let name = match second {
        Some(s) if s != first => format!("{first}{s}假期"),
        _ => format!("{first}假期"),
    };
    let canonical = HOLIDAYS
        .iter()
        .find(|h| **h == name)
        .or_else(|| HOLIDAYS.iter().find(|h| **h == format!("{first}假期")))?;
    Some((canonical, end - at))
}

/// The part of a year a period word names at `at` in `cs`, as a draft writes it, and the
/// number of characters it takes: a quarter or half, the year so far, a holiday.
pub fn part_at(cs: &[char], at: usize) -> Option<(&'static str, usize)> {
    if let Some(q) = QUARTERS.iter().find(|q| starts(cs, at, q)) {
        return Some((q, q.chars().count()));
    }
    if let Some(w) = SO_FAR.iter().find(|w| starts(cs, at, w)) {
        return Some((YEAR_SO_FAR, w.chars().count()));
    }
    holiday_at(cs, at)
}

/// The part of a year a source's period names (`2025年前三季度`, `2024年1—9月`), if it
/// names one: a quarter, a half or months from the year's start. A holiday's article
/// (`2025年国庆中秋假期`) gives its holiday only to the figures it says are of it (假期全县
/// 接待游客…): it tells of the year's stocks and plans too (全县12家A级旅游景区).
pub fn part_of_source(period: &str) -> Option<&'static str> {
    let cs: Vec<char> = period.chars().collect();
    if let Some(q) = (0..cs.len()).find_map(|k| QUARTERS.iter().find(|q| starts(&cs, k, q))) {
        return Some(q);
    }
    match months_of(period) {
        Some((1, m)) if (2..=11).contains(&m) => Some(MONTH_SPANS[m as usize - 2]),
        _ => None,
    }
}

/// The holiday a source's period names (`2025年国庆中秋假期`), if it names one.
pub fn holiday_of_source(period: &str) -> Option<&'static str> {
    let cs: Vec<char> = period.chars().collect();
    (0..cs.len()).find_map(|k| holiday_at(&cs, k)).map(|h| h.0)
}

/// Whether a period is a festival's holiday (国庆假期, 春节黄金周; not “十三五”期间).
pub fn is_holiday(period: &str) -> bool {
    HOLIDAY_ENDS.iter().any(|w| period.ends_with(w)) && !festivals(period).is_empty()
}

/// The festivals a holiday period names, in the order of [`FESTIVALS`]: 国庆中秋假期 and
/// 中秋国庆假期 name the same two.
fn festivals(period: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = FESTIVALS
        .iter()
        .filter(|(w, _)| period.contains(w))
        .map(|(_, name)| *name)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two holiday periods are one: the same festivals, however written.
pub fn same_holiday(a: &str, b: &str) -> bool {
    is_holiday(a) && is_holiday(b) && festivals(a) == festivals(b)
}

/// Whether a fact's period says the whole year: none, 全年, 年度, 全年度.
pub fn whole_year(period: Option<&str>) -> bool {
    matches!(period, None | Some("全年" | "年度" | "全年度" | "本年度"))
}

/// Whether a fact's period is the year so far: 今年以来 (本年以来, 年初以来), or the year
/// itself followed by 以来 (2025年以来).
pub fn year_so_far(period: &str, year: Option<i64>) -> bool {
    SO_FAR.contains(&period) || year.is_some_and(|y| period == format!("{y}年以来"))
}
