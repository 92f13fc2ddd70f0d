//! What each figure is in its clause: a main figure, a change (增长5%), the base a change
//! started from (由2012年的82.32亿元) or a conversion (17.8万公顷(267万亩)); each change
//! attached to the figure it belongs to; and whether a figure is one a fact would carry
//! rather than a numeral in a name, a slogan or a set phrase.

use super::words::{content_len, content_words, is_list_gap};
use super::{is_change_unit, Reading, Role, LOOK, REACH};
use crate::article::figure::{growth_word_before, is_decline, relative_level, same_value};
use crate::article::numeral::is_cn_numeral;
use crate::article::{is_cjk, Span};
use crate::facts::vocab::RANK;
use crate::facts::{QualifierPlace, Vocabulary};

impl Reading {
    /// Figures after a word of growth are changes; so is a figure listed right after a
    /// change in the same unit (增幅分别达4.62%和110.1%; 分别增加11家、6家).
    pub(super) fn changes(&mut self, ids: &[usize], vocab: &Vocabulary) {
        for (k, &i) in ids.iter().enumerate() {
            let start = self.fig(i).number.start;
            if let Some(w) = growth_word_before(&self.article, start) {
                if k > 0 && self.rate_gap(ids[k - 1], i) {
                    continue;
                }
                self.items[i].role = Role::Change;
                self.items[i].decline = is_decline(w);
                continue;
            }
            if k > 0 {
                let p = ids[k - 1];
                let gap = self.article.slice(self.fig(p).end, self.fig(i).start);
                // 分别比上年末增加11家、6家: changes in a count's own unit, listed after 分别.
                let clause = self.article.clause_at(self.fig(p).number.start);
                let respectively = ["分别", "依次"].iter().any(|w| {
                    self.article
                        .slice(clause.start, self.fig(p).start)
                        .contains(w)
                });
                if self.items[p].role == Role::Change
                    && is_list_gap(&gap)
                    && self.items[p].unit == self.items[i].unit
                    && (is_change_unit(vocab, &self.items[i].unit) || respectively)
                {
                    self.items[i].role = Role::Change;
                    self.items[i].decline = self.items[p].decline;
                }
            }
        }
    }

    /// 增长7.8%，比一季度回落0.6个百分点: points after a growth rate in the next clause,
    /// against another period or rate, are the gap between two rates — a figure of its own
    /// like 比一季度加快0.4个百分点, not a change of a figure (a growth rate has none).
    fn rate_gap(&self, p: usize, i: usize) -> bool {
        let a = &self.article;
        if self.items[p].role != Role::Change
            || self.items[p].unit != "%"
            || self.items[i].unit != "个百分点"
        {
            return false;
        }
        let gap = a.slice(self.fig(p).end, self.fig(i).start);
        let clause = a.clause_at(self.fig(i).number.start);
        let lead = a.slice(clause.start, self.fig(i).start);
        let one_clause_on = gap.chars().filter(|c| matches!(c, '，' | ',')).count() == 1
            && !gap.contains(['；', ';', '。']);
        one_clause_on
            && (compares(&lead)
                || ["增速", "增幅", "降幅", "涨幅"]
                    .iter()
                    .any(|w| lead.contains(w)))
    }

    /// 由2012年的82.32亿元增加到2021年的123.77亿元; 达22862元，较2012年的9999.5元增长….
    pub(super) fn bases(&mut self, ids: &[usize]) {
        for (k, &i) in ids.iter().enumerate() {
            // 增速比全省高1.1个百分点: points are a difference of two rates, never the value
            // a change started from.
            if self.items[i].role != Role::Main || self.items[i].unit == "个百分点" {
                continue;
            }
            let f = self.fig(i).clone();
            let clause = self.article.clause_at(f.number.start);
            let lead = self
                .article
                .slice(clause.start.max(f.start.saturating_sub(8)), f.start);
            if lead.contains('由') || lead.contains('从') {
                let later = ids[k + 1..].iter().take(LOOK).copied().find(|&j| {
                    self.items[j].role == Role::Main
                        && self.items[j].unit == self.items[i].unit
                        && {
                            let gap = self.article.slice(f.end, self.fig(j).start);
                            gap.contains('到') || gap.contains('至')
                        }
                });
                if let Some(j) = later {
                    self.items[i].role = Role::Base;
                    self.items[i].of = Some(j);
                    self.items[j].base = Some(i);
                    continue;
                }
            }
            // 较2012年的9999.5元: a comparison's word in the figure's own clause (占比,
            // 比重 and 比例 compare nothing).
            let near = self
                .article
                .slice(clause.start.max(f.start.saturating_sub(8)), f.start);
            if compares(&near) {
                let earlier = ids[..k].iter().rev().take(LOOK).copied().find(|&j| {
                    self.items[j].role == Role::Main
                        && self.items[j].unit == self.items[i].unit
                        && self.items[j].base.is_none()
                });
                if let Some(j) = earlier {
                    self.items[i].role = Role::Base;
                    self.items[i].of = Some(j);
                    self.items[j].base = Some(i);
                }
            }
        }
    }

    /// 17.8万公顷(267万亩): the bracketed figure of the same measure is a conversion.
    pub(super) fn conversions(&mut self, ids: &[usize], vocab: &Vocabulary) {
        for w in ids.windows(2) {
            let (i, j) = (w[0], w[1]);
            if self.items[i].role != Role::Main || self.items[j].role != Role::Main {
                continue;
            }
            let gap = self.article.slice(self.fig(i).end, self.fig(j).start);
            let after = self.article.chars.get(self.fig(j).end).copied();
            let same_measure = vocab.measure(&self.items[i].unit).is_some()
                && vocab.measure(&self.items[i].unit) == vocab.measure(&self.items[j].unit);
            if matches!(gap.trim(), "(" | "（" | "(约" | "（约" | "(合" | "（合")
                && matches!(after, Some(')' | '）'))
                && same_measure
            {
                self.items[j].role = Role::Conversion;
                self.items[j].of = Some(i);
                self.items[i].conversion = Some(j);
            }
        }
    }

    /// Each change to the figure it belongs to: pairs of enumerations by position, a change
    /// with a subject of its own stands alone, any other to the nearest figure before it.
    pub(super) fn attach_changes(
        &mut self,
        s: Span,
        ids: &[usize],
        runs: &[Vec<usize>],
        vocab: &Vocabulary,
    ) {
        // Enumerations of changes after enumerations of figures of the same length.
        for (n, run) in runs.iter().enumerate() {
            if self.items[run[0]].role != Role::Change || self.list_subjects(run).is_some() {
                continue;
            }
            let mains = runs[..n]
                .iter()
                .rev()
                .find(|r| self.items[r[0]].role == Role::Main && r.len() == run.len());
            if let Some(mains) = mains {
                if mains.iter().all(|&m| self.items[m].change.is_none()) {
                    for (&c, &m) in run.iter().zip(mains) {
                        self.items[c].of = Some(m);
                        self.items[m].change = Some(c);
                    }
                    continue;
                }
            }
            self.pair_with_figures_before(s, ids, run);
        }
        for (k, &c) in ids.iter().enumerate() {
            if self.items[c].role != Role::Change
                || self.items[c].of.is_some()
                || self.items[c].listed.is_some()
            {
                continue;
            }
            let f = self.fig(c).clone();
            let clause = self.article.clause_at(f.number.start);
            let prev_in_clause = ids[..k]
                .iter()
                .rev()
                .take(LOOK)
                .find(|&&j| self.fig(j).number.start >= clause.start)
                .copied();
            let own_start = prev_in_clause.map_or(clause.start, |j| self.fig(j).end);
            let own = self.article.slice(own_start, f.start);
            // 农业总产值增长4%—5%: the upper bound of a range of changes is no change of a
            // figure before the range (总产量达到16万吨；…).
            let bound = prev_in_clause.is_some_and(|j| self.items[j].role == Role::Change)
                && matches!(
                    own.trim(),
                    "—" | "－" | "-" | "～" | "~" | "至" | "到" | "—至"
                );
            if bound {
                continue;
            }
            let has_subject = content_len(&own) >= 2;
            // 为预算的102.6%，同比增长7.2%: a percentage of another quantity takes no change
            // in percent; the change is the quantity's before it.
            let level = |r: &Reading, m: usize| {
                r.items[m].unit == "%"
                    && r.items[c].unit == "%"
                    && relative_level(&r.article, r.fig(m).start)
            };
            let fits = |r: &Reading, m: usize| {
                r.items[m].role == Role::Main
                    && !level(r, m)
                    && r.items[m].change.is_none()
                    && (is_change_unit(vocab, &r.items[c].unit)
                        || vocab.measure(&r.items[m].unit) == vocab.measure(&r.items[c].unit))
            };
            let main_in_clause = prev_in_clause.filter(|&j| fits(self, j));
            // 农业新型经营主体增长2.13倍，达6532个: a figure right after it with no subject
            // of its own is what changed.
            let next_bare = ids[k + 1..].first().copied().filter(|&m| {
                let mf = self.fig(m);
                let mc = self.article.clause_at(mf.number.start);
                fits(self, m)
                    && mf.start.saturating_sub(f.end) <= 4
                    && content_len(&self.article.slice(mc.start, mf.start)) == 0
            });
            let target = if let Some(m) = main_in_clause {
                Some(m)
            } else if has_subject {
                next_bare
            } else {
                // 同比增长65.3%，按可比口径较2019年同期增长12.8%: a second change of a figure
                // that has one compares with another base; it is no earlier figure's.
                let before = ids[..k]
                    .iter()
                    .rev()
                    .take(LOOK)
                    .copied()
                    .find(|&m| {
                        self.items[m].role == Role::Main
                            && !level(self, m)
                            && self.fig(m).number.start >= s.start
                            && (is_change_unit(vocab, &self.items[c].unit)
                                || vocab.measure(&self.items[m].unit)
                                    == vocab.measure(&self.items[c].unit))
                    })
                    .filter(|&m| fits(self, m));
                // 增长2.13倍，达6532个: the figure right after it.
                let after = ids[k + 1..]
                    .first()
                    .copied()
                    .filter(|&m| fits(self, m) && self.fig(m).start.saturating_sub(f.end) <= 4);
                before.or(after)
            };
            if let Some(m) = target {
                self.items[c].of = Some(m);
                self.items[m].change = Some(c);
            }
        }
    }

    /// 增值税、企业所得税分别完成4.31亿元、1.52亿元，其中增值税增长11.2%: a change whose
    /// own subject is word for word that of a figure before it in the sentence, which has no
    /// change yet, is that figure's.
    pub(super) fn named_changes(&mut self, ids: &[usize], vocab: &Vocabulary) {
        for (k, &c) in ids.iter().enumerate() {
            if self.items[c].role != Role::Change
                || self.items[c].of.is_some()
                || self.items[c].listed.is_some()
            {
                continue;
            }
            let own = content_words(&self.subject_text(c));
            if own.chars().count() < 2 {
                continue;
            }
            let m = ids[..k].iter().rev().copied().find(|&m| {
                self.items[m].role == Role::Main
                    && self.items[m].change.is_none()
                    && self.items[m].figure
                    && (is_change_unit(vocab, &self.items[c].unit)
                        || vocab.measure(&self.items[m].unit) == vocab.measure(&self.items[c].unit))
                    && content_words(&self.subject_text(m)) == own
            });
            if let Some(m) = m {
                self.items[c].of = Some(m);
                self.items[m].change = Some(c);
                self.items[c].subject = self.items[m].subject.clone();
                self.items[c].topic = self.items[m].topic.clone();
            }
        }
    }

    /// 接待游客1236.5万人次、旅游综合收入112.4亿元，分别增长42.7%和48.9%: changes listed
    /// with 分别 after as many figures of their own subjects, none with a change yet, pair
    /// with them by position.
    fn pair_with_figures_before(&mut self, s: Span, ids: &[usize], run: &[usize]) {
        let first = self.fig(run[0]).clone();
        let clause = self.article.clause_at(first.number.start);
        let lead = self.article.slice(clause.start, first.start);
        if !(lead.contains("分别") || lead.contains("依次"))
            || run.iter().any(|&c| self.items[c].of.is_some())
        {
            return;
        }
        let Some(k) = ids.iter().position(|&i| i == run[0]) else {
            return;
        };
        let before: Vec<usize> = ids[..k]
            .iter()
            .copied()
            .filter(|&m| self.fig(m).number.start >= s.start && self.items[m].role != Role::Base)
            .collect();
        if before.len() < run.len() {
            return;
        }
        let mains = &before[before.len() - run.len()..];
        if mains
            .iter()
            .any(|&m| self.items[m].role != Role::Main || self.items[m].change.is_some())
        {
            return;
        }
        for (&c, &m) in run.iter().zip(mains) {
            self.items[c].of = Some(m);
            self.items[m].change = Some(c);
        }
    }

    /// Durations and counts that describe rather than measure: a duration glued to the span
    /// it measures (8天假期, 3—5年时间), the length of an event (连续举办3天, 为期5天), the
    /// manner of doing a thing (分两期建设), a phase in a name (二期工程, 三号线) and the
    /// threshold of what is counted (10亿元以上项目7个).
    fn no_statistic(&self, i: usize, vocab: &Vocabulary) -> bool {
        let a = &self.article;
        let f = self.fig(i);
        let unit = self.items[i].unit.as_str();
        let after = a.slice(f.end, (f.end + 3).min(a.chars.len()));
        let next = a.chars.get(f.end).copied();
        let clause = a.clause_at(f.number.start);
        let lead = a.slice(clause.start, f.start);
        let lead = lead.trim_end_matches(['了', '共']);
        if vocab.measure(unit) == Some("time") {
            if ["假期", "长假", "小长假", "时间", "黄金周"]
                .iter()
                .any(|w| after.starts_with(w))
            {
                return true;
            }
            if ["举办", "举行", "持续", "历时", "为期", "开展", "进行"]
                .iter()
                .any(|w| lead.ends_with(w))
            {
                return true;
            }
        }
        // 分两期建设, 分三批实施: the parts a thing is done in (not 得分95分).
        if a.has_before(f.number.start, "分")
            && matches!(unit, "期" | "批" | "步" | "轮" | "阶段" | "个阶段" | "次")
        {
            return true;
        }
        let glued =
            next.is_some_and(|c| is_cjk(c) && !matches!(c, '的' | '以' | '左' | '多' | '余'));
        if matches!(unit, "期" | "号") && glued {
            return true;
        }
        // 10亿元以上项目7个; 投资超10亿元的项目2个: a bound before the thing counted, and a
        // count of it after in the clause. Not a share (80%以上的企业、90%以上的…: a share of
        // the things is the figure).
        let counted = |with_de: bool| {
            let noun_at = if with_de && next == Some('的') {
                f.end + 1
            } else {
                f.end
            };
            a.chars
                .get(noun_at)
                .is_some_and(|&c| is_cjk(c) && c != '的')
                && self.holds_item(f.end, clause.end)
        };
        if self.bounds_what_is_counted(i) {
            return true;
        }
        match f.qualifier.as_ref() {
            Some((q, QualifierPlace::After)) if matches!(q.as_str(), "以上" | "以下") => {
                counted(false)
            }
            Some((q, QualifierPlace::Before))
                if matches!(q.as_str(), "超" | "超过" | "逾" | "不足" | "不到")
                    && vocab.measure(unit) != Some("share") =>
            {
                next == Some('的') && counted(true)
            }
            _ => false,
        }
    }

    /// 10亿元至50亿元项目19个: both bounds of a range written before the thing counted, with a
    /// count of it after in the clause, say what is counted; neither is a figure. A range of
    /// changes (增长8%—10%) has no thing after it.
    fn bounds_what_is_counted(&self, i: usize) -> bool {
        let a = &self.article;
        let joined = |x: usize, y: usize| {
            let (fx, fy) = (self.fig(x), self.fig(y));
            fy.start == fx.end + 1
                && matches!(a.chars[fx.end], '至' | '到' | '—' | '～' | '~' | '-')
        };
        let (lo, hi) = if i + 1 < self.items.len() && joined(i, i + 1) {
            (i, i + 1)
        } else if i > 0 && joined(i - 1, i) {
            (i - 1, i)
        } else {
            return false;
        };
        let end = self.fig(hi).end;
        let clause = a.clause_at(self.fig(lo).number.start);
        a.chars
            .get(end)
            .is_some_and(|&c| is_cjk(c) && !matches!(c, '的' | '以' | '左' | '多' | '余' | '上'))
            && self.holds_item(end, clause.end)
    }

    /// Whether an item is a figure a fact would carry: not a year, not a numeral inside a
    /// word or a name (零部件, 三次产业结构比为…, “五个一流”, 十年来), not zero.
    pub(super) fn is_figure(&self, i: usize, vocab: &Vocabulary) -> bool {
        let a = &self.article;
        let f = self.fig(i);
        let unit = &self.items[i].unit;
        if same_value(f.value(), 0.0) || f.number.figure(a).is_none() {
            return false;
        }
        let next = a.chars.get(f.end).copied();
        // “五个千亩”, “365天不打烊”: a figure that opens a quotation is a slogan's or a name's.
        if f.start > 0 && matches!(a.chars[f.start - 1], '“' | '「' | '"' | '《') {
            return false;
        }
        if f.ordinal {
            return true;
        }
        // 世界500强企业, 中国500强和…, 百强县: a rank glued to what it ranks names a class of
        // things; 进入全国杂交水稻种业十强。 is a figure.
        if vocab.measure(unit) == Some(RANK) && next.is_some_and(is_cjk) {
            return false;
        }
        if self.no_statistic(i, vocab) {
            return false;
        }
        let clause = a.clause_at(f.number.start);
        if f.number.chinese {
            // 六位一体, 五个一流: followed by another numeral, a set phrase (but 两个百亿
            // 产业 counts industries of a magnitude).
            if next.is_some_and(|c| is_cn_numeral(c) && !matches!(c, '百' | '千' | '万' | '亿'))
            {
                return false;
            }
            // 三年行动, 十年精耕: a duration in words names a plan or an era unless counted
            // (连续五年).
            if vocab.measure(unit) == Some("time") && !a.has_before(f.number.start, "连续") {
                return false;
            }
            // 一批, 一个核心: 一 with a measure word is the article "a", not a count.
            if same_value(f.value(), 1.0) && f.number.end - f.number.start == 1 {
                return false;
            }
            // 一项项, 一条条: a reduplicated measure word.
            if unit.chars().count() == 1 && next == unit.chars().next() {
                return false;
            }
            // 三次产业结构比为10.0:39.7:50.3: a numeral in the subject of a clause whose
            // predicate is another figure names a thing, it counts nothing.
            let rest = a.slice(f.end, clause.end);
            let predicate = rest
                .find(['为', '是'])
                .map(|at| &rest[at..])
                .is_some_and(|p| {
                    p.chars()
                        .skip(1)
                        .take(3)
                        .any(|c| c.is_ascii_digit() || is_cn_numeral(c))
                });
            let glued_noun = next.is_some_and(|c| {
                is_cjk(c) && !matches!(c, '的' | '以' | '左' | '多' | '余' | '上')
            });
            if predicate && glued_noun {
                return false;
            }
            // 二期计划明年底投产, 三号线开通: a count in words at the head of its clause,
            // with more of the clause after it, is the clause's subject (a phase, a line),
            // not a figure — a statistic states its figure in the predicate.
            let head =
                content_len(&a.slice(clause.start.max(f.start.saturating_sub(REACH)), f.start))
                    == 0;
            if head && glued_noun {
                return false;
            }
        }
        // 十年来, 五年间: a stretch of time, not a figure.
        if vocab.measure(unit) == Some("time")
            && matches!(next, Some('来' | '间' | '前' | '后' | '内'))
        {
            return false;
        }
        true
    }
}

/// Whether `text` holds a word of comparison: 较, or 比 that is not 占比, 比重, 比例 or 比率.
fn compares(text: &str) -> bool {
    let cs: Vec<char> = text.chars().collect();
    cs.iter().enumerate().any(|(k, &c)| {
        c == '较'
            || (c == '比'
                && (k == 0 || cs[k - 1] != '占')
                && !matches!(cs.get(k + 1), Some('重' | '例' | '率')))
    })
}
