//! Whether a figure states a goal rather than a result: a word of aim in its statement
//! (力争, 目标, 计划, 确保全年…增长7.5%左右), a span of years set to reach it (用3—5年时间),
//! or a year still to come. `extract` marks its drafts' `target` by it, and `verify` refuses
//! a goal's figure to a fact recorded as a result.

use super::figure::{relative_level, Figure};
use super::period::Period;
use super::reading::time::year_heading;
use super::reading::Item;
use super::{Article, Span};

/// Words that make a figure a goal rather than a result.
const TARGET_WORDS: [&str; 10] = [
    "力争",
    "目标",
    "拟",
    "计划",
    "争取到",
    "预期",
    "可达",
    // What a project will do once built: 达产后年产值预计超30亿元, 投产后可新增就业岗位.
    "达产后",
    "投产后",
    "建成后",
];

/// Verbs that make what follows an aim when the figure's own clause says what is to be
/// reached: 确保全年地区生产总值增长7.5%左右, 争取全年实现营业收入10亿元. Not when they
/// only head a count of what is to be kept going (确保全市156个已开工的项目全部不停工) or
/// win something (争取上级资金2.3亿元).
const AIM_VERBS: [&str; 2] = ["确保", "争取"];

/// Words of reaching or changing in a figure's clause, before it.
const TO_REACH: [&str; 15] = [
    "增长",
    "增加",
    "提高",
    "提升",
    "下降",
    "降低",
    "减少",
    "达到",
    "突破",
    "超过",
    "实现",
    "完成",
    "控制在",
    "保持在",
    "稳定在",
];

/// A figure's reading as a goal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Goal {
    /// The figure is a goal (or a plan, or what a project will do once built).
    pub target: bool,
    /// A goal over a span of years (用3—5年时间): it has no year of its own.
    pub over_years: bool,
}

/// Whether a figure is a goal: a word of aim in its statement, or a year after the
/// article's; a result measured against a goal (完成年度目标任务的81.2%) is none.
pub fn goal_of(a: &Article, s: Span, f: &Figure, item: &Item, period: Period) -> Goal {
    let from = statement_start(a, s, f);
    let statement = a.slice(from, f.end);
    if relative_level(a, f.start) {
        return Goal::default();
    }
    // 用3—5年时间，打造…: a span of years set to reach a goal.
    // Not a goal that names its own year after it (用2年时间新建…，力争到2026年…).
    let over_years = statement.find('用').is_some_and(|at| {
        statement[at..].find("年时间").is_some_and(|t| {
            let rest: Vec<char> = statement[at + t..].chars().collect();
            !rest
                .windows(5)
                .any(|w| w[..4].iter().all(|c| c.is_ascii_digit()) && w[4] == '年')
        })
    });
    let aimed = aim_stated(a, s, f);
    // A year after the one an article reports on (2025 in a report on 2024 published in
    // 2025) is one still to come: its figures in a sentence that says 目标 are goals
    // (主要预期目标是：…；一般公共预算收入增长5%—6%；…).
    let reported = period.last.or(period.now);
    let to_come = item.year.is_some_and(|y| reported.is_some_and(|c| y > c));
    let mut target = over_years
        || aimed
        // 已争取到…: what is already won is no goal.
        || TARGET_WORDS.iter().any(|w| {
            statement
                .match_indices(w)
                .any(|(at, _)| !statement[..at].ends_with('已'))
        })
        || statement.contains("到“")
        || (statement.contains('到')
            && item.year.is_some_and(|y| period.now.is_some_and(|c| y > c)))
        || (to_come && a.slice(s.start, f.start).contains("目标"))
        || (to_come && planned_section(a, s, item));
    if target
        && !over_years
        && !to_come
        && item
            .year
            .is_some_and(|y| period.now.is_some_and(|c| y <= c))
    {
        // 全年主要目标任务圆满完成，…增长5.8%: a goal said to be met speaks of results.
        target = statement.contains("力争")
            || aimed
            || (statement.contains("目标") && !statement.contains("完成"));
    }
    Goal { target, over_years }
}

/// Where a figure's statement starts: after the last semicolon of its sentence before it,
/// within 200 characters.
fn statement_start(a: &Article, s: Span, f: &Figure) -> usize {
    let lo = s.start.max(f.start.saturating_sub(200));
    (lo..f.start)
        .rev()
        .find(|&at| matches!(a.chars[at], '；' | ';'))
        .map_or(lo, |at| at + 1)
}

/// Whether a figure's statement says in so many words that it is aimed at: 力争 heads it,
/// it names its goal (目标是, 预期目标), or a verb of aim heads it whose own clause says
/// what is to be reached (确保全年地区生产总值增长7.5%左右，…，一般公共预算收入突破32亿元;
/// not 争取中央直达资金12.4亿元，支出进度达到98.7%, funds won and spent; nor
/// 已争取到…). The words of plans and goals that also stand in names (发展计划, 目标要求,
/// “教育发展”目标综合考评) are not read here.
pub fn aim_stated(a: &Article, s: Span, f: &Figure) -> bool {
    if relative_level(a, f.start) {
        return false;
    }
    let from = statement_start(a, s, f);
    let lead = a.slice(from, f.start);
    if lead.contains("力争")
        || ["目标是", "目标为", "预期目标"]
            .iter()
            .any(|w| lead.contains(w))
    {
        return true;
    }
    AIM_VERBS.iter().any(|w| {
        lead.match_indices(w).any(|(at, _)| {
            let done = lead[..at].ends_with('已') || lead[at + w.len()..].starts_with('到');
            let rest = &lead[at + w.len()..];
            // The verb's own clause: up to its end, or to the figure.
            let own = rest.split(['，', ',', '：', ':']).next().unwrap_or(rest);
            let own = if own.len() == rest.len() {
                format!("{own}{}", f.qualifier_word().unwrap_or(""))
            } else {
                own.to_string()
            };
            !done && TO_REACH.iter().any(|r| own.contains(r))
        })
    })
}

/// 三、2025年工作计划 … 新发展苹果矮砧密植园1.2万亩: a figure of the year a heading names, in a
/// section the heading calls a plan (计划, 目标, 打算, 安排, 任务), is a goal.
fn planned_section(a: &Article, s: Span, item: &Item) -> bool {
    year_heading(a, s.para).is_some_and(|(y, text)| {
        Some(y) == item.year
            && ["计划", "目标", "打算", "安排", "任务"]
                .iter()
                .any(|w| text.contains(w))
    })
}
