//! Figure phrases: a number with the unit, qualifier and ordinal the article writes around
//! it (`约142亿元`, `3000余亩`, `三成以上`, `全省第二`), read with the fact base's vocabulary,
//! and the words of growth (增长, 下降) that make a figure a change.

use super::numeral::{numbers, parse_chinese, Numeral};
use super::{ends_clause, Article};
use crate::facts::{Number, QualifierPlace, Vocabulary};

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
            // 3 200户: thousands set apart by a space are one figure, 3200户.
            _ => a.slice(self.number.start, self.number.end).replace(' ', ""),
        };
        // 1.2万余户: the qualifier inside the unit, where the article puts it.
        if let Some((_, QualifierPlace::Between)) = &self.qualifier {
            if matches!(a.chars.get(self.number.end), Some('万' | '亿'))
                && self
                    .unit
                    .as_ref()
                    .is_some_and(|u| u.starts_with(['万', '亿']))
            {
                return format!("{n}{}", a.slice(self.number.end, self.end));
            }
        }
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
        // 1.2万余户, 1.3万多元: the qualifier between the 万 or 亿 of the unit and its
        // measure word.
        if unit.is_none() && matches!(a.chars.get(end), Some('万' | '亿')) {
            if let Some(q) = word_at(a, end + 1, &between) {
                let at = end + 1 + q.chars().count();
                let whole = units.iter().find(|u| {
                    u.starts_with(a.chars[end]) && u.chars().count() > 1 && {
                        let rest: String = u.chars().skip(1).collect();
                        a.has_at(at, &rest)
                    }
                });
                if let Some(u) = whole {
                    qualifier = Some((q.to_string(), QualifierPlace::Between));
                    unit = Some(u.to_string());
                    end = at + u.chars().count() - 1;
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
pub const GROWTH_WORDS: [&str; 22] = [
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
    // 净增19家, 比去年延长0.4天: a net change, a change of a duration.
    "净增",
    "净减",
    "延长",
    "缩短",
    // 居民消费价格上涨0.3%: prices rise and fall.
    "上涨",
    "下跌",
];

/// Words of decline: a change after them is negative.
pub fn is_decline(word: &str) -> bool {
    matches!(
        word,
        "下降" | "减少" | "降低" | "下滑" | "回落" | "减小" | "净减" | "缩短" | "下跌"
    )
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
            return (gap.is_empty() || range_floor(&gap)).then_some(*w);
        }
    }
    None
}

/// Whether `gap` is the lower bound of a range and its dash (增长5%—6%: `5%—`; 3—5%,
/// 5%至6%): the upper bound is a change as much as the lower.
fn range_floor(gap: &str) -> bool {
    let Some(rest) = ["——", "—", "～", "~", "-", "－", "至"]
        .iter()
        .find_map(|d| gap.strip_suffix(d))
    else {
        return false;
    };
    let rest = ["%", "个百分点", "倍"]
        .iter()
        .find_map(|u| rest.strip_suffix(u))
        .unwrap_or(rest);
    let mut parts = rest.splitn(2, '.');
    let int = parts.next().unwrap_or_default();
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Words that make a percentage a level relative to another (a base year's, a goal's):
/// 恢复到2019年同期的103.5%, 相当于全省平均水平的112%, 完成年度目标的112%. Such a
/// percentage may pass 100 and is no change.
pub const RELATIVE_LEVEL: [&str; 4] = ["恢复到", "恢复至", "相当于", "完成"];

/// Whether the percentage at `at` is a level relative to another: a word of
/// [`RELATIVE_LEVEL`] before it in its clause (完成 only with 的 right before the figure),
/// or 为…的 (为预算的102.6%, 为上年同期的95%): a quantity stated as a share of another, or
/// 占…计划的 / 占…目标的 (占年度计划的82.2%): a result as a share of its plan.
pub fn relative_level(a: &Article, at: usize) -> bool {
    let clause_start = (0..at)
        .rev()
        .find(|&k| ends_clause(a.chars[k]))
        .map_or(0, |k| k + 1);
    let lead = a.slice(clause_start, at);
    let share_of = lead.ends_with('的') && lead.trim_start().starts_with('为');
    // 占年度计划的82.2%, 占全年目标的75%: a result as a share of what was planned.
    let of_plan = lead.ends_with('的')
        && lead.trim_start().starts_with('占')
        && (lead.contains("计划") || lead.contains("目标"));
    share_of
        || of_plan
        || RELATIVE_LEVEL
            .iter()
            .any(|w| lead.contains(w) && (*w != "完成" || lead.ends_with('的')))
}
