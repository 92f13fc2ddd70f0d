//! Words of a clause that need no writer: a sentence's head, whether words open with a part of
//! the region or name a thing, notes as sentences, names joined, a verb said once, the bounds
//! of a range, a goal's words of aim, a name without its period, streaks and years.

use super::Sentence;
use crate::facts::phrases::Phrases;
use crate::facts::Fact;
use crate::render::format::what;

/// A sentence's head and the comma after it; a head that ends with its own colon (2024年预期
/// 目标：) takes none.
pub(crate) fn push_head(text: &mut String, head: &str) {
    text.push_str(head);
    if !head.ends_with('：') {
        text.push('，');
    }
}

/// Whether words open with a part of a region by name (桐木镇, 洪东村, 麻山乡, 六市乡): a name
/// of two or three characters and a word for a town, township, village or street — not a
/// word that merely holds one (新农村建设, 村庄, 乡村振兴, 村级林长).
pub(crate) fn opens_with_a_part(words: &str) -> bool {
    let head: Vec<char> = words.chars().take(5).collect();
    let common = ['新', '美', '全', '各', '农', '城', '乡', '村', '镇'];
    let word_goes_on = [
        '庄', '点', '级', '民', '务', '干', '部', '委', '落', '建', '振', '村',
    ];
    // A place's name holds no figure (辖9个镇 names none).
    !head.first().is_some_and(|c| common.contains(c))
        && (2..head.len().min(4)).any(|i| {
            !head[..i].iter().any(|c| c.is_ascii_digit()) &&
            matches!(head[i], '镇' | '乡' | '村' | '街')
                && !head.get(i + 1).is_some_and(|c| word_goes_on.contains(c))
                // 城镇, 农村, 城乡, 乡村, 小镇, 行政村: words for any town or village (改造城镇老
                // 旧小区, 完成农村户厕改造), no name.
                && !matches!(head[i - 1], '城' | '农' | '乡' | '小' | '政')
        })
}

/// Whether a name speaks of a named thing's figure (航空零部件产业园入驻企业: a word of
/// `things` inside it, not at its end), rather than of the region's (工业园区6个).
pub(crate) fn names_a_thing(things: &[String], name: &str) -> bool {
    things.iter().any(|t| {
        name.match_indices(t.as_str())
            .any(|(i, _)| i + t.len() < name.len())
    })
}

/// A note as sentences: its text without the final 。, which the template prints after the
/// marker.
pub fn note_sentences(note: &str, source: &str) -> Vec<Sentence> {
    let text = note.trim().trim_end_matches(['。', '.']).replace('\n', "");
    if text.is_empty() {
        return Vec::new();
    }
    vec![Sentence::new(text, source)]
}

/// 甲、乙和丙.
pub fn join_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let list: Vec<&str> = names.collect();
    match list.len() {
        0 => String::new(),
        1 => list[0].to_string(),
        n => format!("{}和{}", list[..n - 1].join("、"), list[n - 1]),
    }
}

/// A head that is a year (2022年), which 同年 may repeat.
/// Clauses in a row that open with one verb and say only a figure (新改建农村公路126公里，
/// 新改建危桥9座) say the verb once: 新改建农村公路126公里、危桥9座.
pub(crate) fn one_verb(verbs: &[String], bodies: Vec<String>) -> Vec<String> {
    let plain = |b: &str| !b.contains(['，', '、', '；']);
    let verb_of = |b: &str| -> Option<usize> {
        verbs
            .iter()
            .filter(|v| v.chars().count() >= 2 && b.starts_with(v.as_str()))
            .map(String::len)
            .max()
    };
    let mut out: Vec<String> = Vec::new();
    let mut verb: Option<String> = None;
    for b in bodies {
        let v = verb_of(&b).map(|n| b[..n].to_string());
        match (&verb, &v, out.last_mut()) {
            (Some(prev), Some(this), Some(last)) if prev == this && plain(&b) => {
                last.push('、');
                last.push_str(&b[this.len()..]);
            }
            _ => {
                verb = v.filter(|_| plain(&b));
                out.push(b);
            }
        }
    }
    out
}

/// Whether a figure's qualifier is a word of aim or expectation (力争, 预计, 有望, 计划, 确保).
/// Two clauses that differ only in their figure, one after another (一般公共预算收入预期增长5%,
/// 一般公共预算收入预期增长6%: a range's bounds), as one clause of the range: …增长5%～6% (GB/T 15834: a range of figures takes ～).
pub(crate) fn as_ranges(bodies: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in bodies {
        let joined = out.last().and_then(|a| {
            let common = a
                .char_indices()
                .zip(b.chars())
                .take_while(|((_, x), y)| x == y)
                .last()
                .map_or(0, |((i, x), _)| i + x.len_utf8());
            // Back to where the figure starts.
            let head = a[..common].trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
            let (x, y) = (&a[head.len()..], &b[head.len()..]);
            fn figure(t: &str) -> Option<&str> {
                let unit = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
                (unit.len() < t.len()).then_some(unit)
            }
            match (figure(x), figure(y)) {
                (Some(u), Some(v)) if u == v && !u.contains(['，', '、']) && !head.is_empty() => {
                    Some(format!("{a}～{y}"))
                }
                _ => None,
            }
        });
        match joined {
            Some(j) => {
                out.pop();
                out.push(j);
            }
            None => out.push(b),
        }
    }
    out
}

/// Whether a fact's qualifier says its figure is not reached yet (phrases.yaml's `ahead`).
pub(crate) fn aimed(p: &Phrases, f: &Fact) -> bool {
    Phrases::holds(&p.ahead, f.qualifier.as_deref())
}

/// A name without the word its period ends with, which the head of its sentence says
/// (中秋国庆假期，接待游客…, not 中秋国庆假期，假期接待游客…).
pub(crate) fn without_period(name: &str, period: Option<&str>) -> String {
    let Some(p) = period else {
        return name.to_string();
    };
    // The whole period at the name's head, or after a word of place (全县国庆假期旅游收入 of
    // 国庆假期): the head of the sentence says it.
    if let Some(at) = name.find(p).filter(|at| name[..*at].chars().count() <= 2) {
        let rest = format!("{}{}", &name[..at], &name[at + p.len()..]);
        if rest.chars().count() >= 2 {
            return rest;
        }
    }
    let chars: Vec<char> = p.chars().collect();
    for k in [3, 2] {
        if chars.len() < k || chars[chars.len() - k..].iter().any(char::is_ascii_digit) {
            continue;
        }
        let tail: String = chars[chars.len() - k..].iter().collect();
        if let Some(rest) = name.strip_prefix(tail.as_str()) {
            if rest.chars().count() >= 2 {
                return rest.to_string();
            }
        }
    }
    name.to_string()
}

/// Whether a fact is a streak of years (…连续保持在八成以上, 5年): said as 连续5年….
pub(crate) fn streak(f: &Fact) -> bool {
    f.unit.as_deref() == Some("年") && f.name.contains("连续") && f.growth.is_none()
}

pub(crate) fn is_year(head: &str) -> bool {
    head.chars().count() == 5
        && head.ends_with('年')
        && head.chars().take(4).all(|c| c.is_ascii_digit())
}

/// A figure's name as a clause says it: without the word its period ends with, 预算 of an
/// estimated budget (上级补助收入预计27亿元), 目标 of a goal, which its verb says.
pub(crate) fn said_name(f: &Fact) -> String {
    let name = without_period(&what(f), f.period.as_deref());
    // A budget that is an estimate (上级补助收入预算, 预计27亿元) says 预计 alone.
    let name = match name.strip_suffix("预算") {
        Some(n) if f.qualifier.as_deref() == Some("预计") && n.chars().count() >= 2 => {
            n.to_string()
        }
        _ => name,
    };
    // A goal says it is one by its verb (力争…, 提出…): 目标 at the end of its name goes
    // (新引进10亿元以上项目力争30个, not …项目目标力争30个).
    let name = match name.strip_suffix("目标") {
        Some(n) if f.target && f.say.is_none() && n.chars().count() >= 2 => n.to_string(),
        _ => name,
    };
    // An expectation says it is one by its qualifier and its verb (预计增长5.5%): 预期 at the
    // end of its name goes, with the verb of change before it, which the change says with the
    // qualifier (地区生产总值增长预期 → 地区生产总值预计增长…, not …增长预期预计增长…).
    let expected = [
        f.qualifier.as_deref(),
        f.growth.as_ref().and_then(|g| g.qualifier.as_deref()),
    ]
    .into_iter()
    .flatten()
    .any(|q| q == "预计" || q == "预期");
    match name.strip_suffix("预期") {
        Some(n) if (expected || f.target) && f.say.is_none() && n.chars().count() >= 2 => {
            let n = match f.growth {
                Some(_) => ["增长", "下降", "提高", "降低", "增加", "减少"]
                    .iter()
                    .find_map(|v| n.strip_suffix(v))
                    .filter(|m| m.chars().count() >= 2)
                    .unwrap_or(n),
                None => n,
            };
            n.to_string()
        }
        _ => name,
    }
}
