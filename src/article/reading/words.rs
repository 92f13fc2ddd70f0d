//! The words of a clause apart from its figures: which of them name something (the filler
//! of statistical prose, years and words of growth removed), and lists of subjects split at
//! their separators (工业投资、民间投资分别增长 → 工业投资 | 民间投资).

use crate::article::figure::GROWTH_WORDS;
use crate::article::is_cjk;

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
    // 同口径增长9.3%, 按可比口径较2019年同期增长: the scope of a comparison names nothing.
    "按可比口径",
    "可比口径",
    "同口径",
    "比去年底",
    "较去年底",
    "比上年底",
    "较上年底",
    "较同期",
    "比同期",
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

/// Separators of an enumeration's items: 、 和 及 与.
const LIST_SEPARATORS: &[&str] = &["、", "和", "及", "与", "以及", "，", ","];

/// Whether `gap` (between two figures) only separates the items of a list: 、 和 及 与.
pub(super) fn is_list_gap(gap: &str) -> bool {
    let g = gap.trim();
    LIST_SEPARATORS.contains(&g)
}

/// Removes every filler word, year and growth word from `text`: what is left names something.
pub fn content_words(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| is_cjk(*c) || c.is_ascii_alphanumeric())
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
    // 增加值 is a noun, not a word of growth; 达 of 达产 (reaching full production) and
    // 达标 is no word of reaching.
    let kept = ["增加值", "达产", "达标"];
    for (k, w) in kept.iter().enumerate() {
        s = s.replace(
            w,
            &char::from_u32(1 + k as u32).unwrap_or('\u{1}').to_string(),
        );
    }
    for w in GROWTH_WORDS.iter().chain(FILLER) {
        s = s.replace(w, "");
    }
    for (k, w) in kept.iter().enumerate() {
        s = s.replace(char::from_u32(1 + k as u32).unwrap_or('\u{1}'), w);
    }
    s
}

/// How many characters of `text` name something.
pub(super) fn content_len(text: &str) -> usize {
    content_words(text).chars().count()
}

/// `text` without the verbs and fillers that end an enumeration's list of subjects:
/// 工业投资、民间投资分别增长 → 工业投资、民间投资.
pub(super) fn list_of_subjects(text: &str) -> String {
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
pub(super) fn split_list(text: &str) -> Vec<(usize, usize)> {
    split_list_at(text, &["以及", "、", "和", "及", "与"])
}

/// Splits a list of subjects at 、 only: 和, 及 and 与 may join words inside an item
/// (外商及港澳台商投资企业, 电力、热力、燃气及水生产和供应业).
pub(super) fn split_list_at_pauses(text: &str) -> Vec<(usize, usize)> {
    split_list_at(text, &["、"])
}

/// A stretch of a text, as char offsets.
type Range = (usize, usize);

/// 新建、改扩建中小学和幼儿园: short words listed at pauses (verbs or modifiers every item
/// shares) ahead of a list joined by 和, 及 or 与. When that list has `n` items: the shared
/// head and the items, as char offsets in `text`.
pub(super) fn headed_list(text: &str, n: usize) -> Option<(Range, Vec<Range>)> {
    let pauses = split_list_at_pauses(text);
    let (&(ls, le), heads) = pauses.split_last()?;
    if heads.is_empty() || heads.iter().any(|(a, b)| b <= a || b - a > 3) {
        return None;
    }
    let last: Vec<char> = text.chars().skip(ls).take(le - ls).collect();
    // 新建、改扩建卫生院: the last verb of the list, glued to the first item, ends as the
    // others do (建); it is the head's too.
    let end = text.chars().nth(heads[heads.len() - 1].1 - 1)?;
    let verb = (1..=3)
        .find(|&k| last.get(k) == Some(&end))
        .map_or(0, |k| k + 1);
    let rest: String = last[verb..].iter().collect();
    let items = split_list_at(&rest, &["以及", "和", "及", "与"]);
    if items.len() != n || items.iter().any(|(a, b)| b - a < 2) {
        return None;
    }
    let head = (heads[0].0, ls + verb);
    Some((
        head,
        items
            .iter()
            .map(|(a, b)| (ls + verb + a, ls + verb + b))
            .collect(),
    ))
}

fn split_list_at(text: &str, separators: &[&str]) -> Vec<(usize, usize)> {
    let cs: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < cs.len() {
        let sep = separators
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
