//! The part of the year of a figure its sentence names no time for, in an article on a part
//! of a year (a source whose period is `2025年前三季度`, `2024年1—9月`, `2025年国庆中秋假期`):
//! the article's part, as its report says every figure is of it without repeating it
//! (分产业看，第一产业增加值21.47亿元); the whole year where its statement says 全年 (预计全年
//! 地区生产总值增长5.5%—6%). Not a figure the sentence gives a year of its own (上年, 2024年,
//! 今年), a level against another year's (由2021年的18%提高到37%), a stock (目前共有…) or what
//! has accumulated (已集聚…), a goal, what a thing lastingly is (项目总投资, 占地, 规划面积), a
//! figure of a day (10月3日单日接待量), a duration or a rank.

use super::{Reading, Role};
use crate::article::goal::goal_of;
use crate::article::part::WHOLE_YEAR;
use crate::article::period::Period;
use crate::article::Span;
use crate::facts::Vocabulary;

/// Words after 全年 that make it the goal's or the plan's the figure is measured against, not
/// the figure's: 完成全年目标任务的105.3%.
const OF_A_GOAL: [&str; 3] = ["目标", "计划", "任务"];

/// Words that end the name of what a thing lastingly is, of no part of a year: a project's
/// total investment, its land, a park's planned area, a fund's size, a plant's capacity.
const LASTING: [&str; 9] = [
    "总投资",
    "占地",
    "占地面积",
    "规划面积",
    "总面积",
    "建筑面积",
    "规模",
    "年产能",
    "设计产能",
];

/// Words of what has accumulated by now rather than over the part of the year (园区已集聚配套
/// 企业64家, 基金已投资项目11个): like a stock, a figure after one in its sentence takes no part.
const ACCUMULATED: [&str; 7] = [
    "已集聚",
    "已聚集",
    "已投资",
    "已建成",
    "已形成",
    "已累计",
    "已有",
];

/// Verbs and qualifiers that may stand between a lasting word and its figure (总投资达, 占地约).
const BETWEEN: [&str; 6] = ["达到", "达", "为", "约", "近", "超"];

impl Reading {
    /// The part of the year of item `i`, which names no period of its own: 全年 where the
    /// last time its sentence names before it is 全年 (not 全年目标), else the source's part
    /// unless the figure is one that takes none (see the module's note).
    pub(super) fn part_of_year(
        &self,
        s: Span,
        i: usize,
        years: &[(i64, usize)],
        stocked: bool,
        period: Period,
        vocab: &Vocabulary,
    ) -> Option<String> {
        let part = period.part?;
        let a = &self.article;
        let f = self.fig(i);
        let item = &self.items[i];
        if let Some(&(_, at)) = years.last() {
            let whole = a.has_at(at, WHOLE_YEAR)
                && !OF_A_GOAL
                    .iter()
                    .any(|w| a.has_at(at + WHOLE_YEAR.chars().count(), w));
            return whole.then(|| WHOLE_YEAR.to_string());
        }
        if stocked
            || f.ordinal
            || item.role == Role::Base
            || item.year.is_some()
            || matches!(vocab.measure(&item.unit), Some("time" | "rank"))
        {
            return None;
        }
        // 本地配套率由2021年的18%提高到37%: a level against another year's is the year's.
        let across_years = item.base.is_some_and(|b| self.items[b].year.is_some());
        if across_years
            || self.of_a_day(s.start, f.start)
            || self.lasting(f.start)
            || self.accumulated(s.start, f.start)
        {
            return None;
        }
        if goal_of(a, s, f, item, period).target {
            return None;
        }
        Some(part.to_string())
    }

    /// Whether the text from `from` to `at` dates a day (9月26日, 10月3日).
    fn of_a_day(&self, from: usize, at: usize) -> bool {
        let cs = &self.article.chars[from..at];
        (0..cs.len()).any(|k| {
            cs[k] == '月'
                && k > 0
                && cs[k - 1].is_ascii_digit()
                && cs[k + 1..]
                    .iter()
                    .position(|c| !c.is_ascii_digit())
                    .is_some_and(|n| n > 0 && cs.get(k + 1 + n) == Some(&'日'))
        })
    }

    /// Whether the text from `from` to `at` says what has accumulated (see [`ACCUMULATED`]).
    fn accumulated(&self, from: usize, at: usize) -> bool {
        let text = self.article.slice(from, at);
        ACCUMULATED.iter().any(|w| text.contains(w))
    }

    /// Whether the words right before a figure name what a thing lastingly is (总投资45亿元,
    /// 占地约380亩, 首期规模20亿元).
    fn lasting(&self, at: usize) -> bool {
        let a = &self.article;
        let clause = a.clause_at(at);
        let mut lead = a.slice(clause.start, at);
        while let Some(rest) = BETWEEN.iter().find_map(|w| lead.strip_suffix(w)) {
            lead = rest.to_string();
        }
        LASTING.iter().any(|w| lead.ends_with(w))
    }
}
