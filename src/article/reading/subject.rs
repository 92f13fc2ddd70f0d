//! What each figure is of: the stretches of text that name its subject, and the topic
//! around it (the clauses leading up to its clause, the examples before 等, the head noun
//! after a list of figures). A clause without a subject of its own continues the one before.

use super::words::{content_len, content_words};
use super::{Reading, Role, LOOK, TOPIC_REACH};
use crate::article::bigrams;
use crate::article::numeral::is_cn_numeral;
use crate::article::Span;

/// Things a statement describes clause by clause (其中，X项目总投资45亿元，占地约380亩，
/// 达产后年产值60亿元): its later clauses that name only a measure are of it.
const ENTITIES: [&str; 8] = [
    "项目",
    "工程",
    "公司",
    "企业",
    "基地",
    "产业园",
    "景区",
    "度假区",
];

impl Reading {
    /// What each figure is of.
    pub(super) fn subjects(&mut self, s: Span, ids: &[usize]) {
        // Enumerations first: each figure its own item of the list, with the clause's
        // words outside the list.
        let done = self.listed_subjects(s, ids);
        for (k, &i) in ids.iter().enumerate() {
            if done[i] {
                continue;
            }
            let role = self.items[i].role;
            if matches!(role, Role::Base | Role::Conversion) || self.items[i].of.is_some() {
                continue; // theirs is the figure's they belong to, filled in below
            }
            self.own_subject(s, ids, k);
        }
        self.lists_of_earlier_items(ids);
        // Changes, bases and conversions share their figure's subject.
        self.borrowed_subjects(ids);
    }

    /// The subjects of enumerations: each figure its own item of the list, or, for a list
    /// the clause does not spell out, the clause's words shared by all. Which items got
    /// their subject.
    fn listed_subjects(&mut self, s: Span, ids: &[usize]) -> Vec<bool> {
        let mut done = vec![false; self.items.len()];
        let mut k = 0;
        while k < ids.len() {
            let i = ids[k];
            let Some((0, count)) = self.items[i].listed else {
                k += 1;
                continue;
            };
            let run: Vec<usize> = ids[k..k + count.min(ids.len() - k)].to_vec();
            if let Some(parts) = self.list_subjects(&run) {
                let first = self.fig(run[0]).clone();
                let clause = self.article.clause_at(first.number.start);
                let mut context = vec![(clause.start, first.start)];
                if parts[0].iter().all(|r| r.0 >= clause.start) {
                    context.extend(self.context_before(s, clause.start, ids));
                }
                for (&j, part) in run.iter().zip(parts) {
                    self.items[j].subject = part;
                    self.items[j].topic = context.clone();
                    done[j] = true;
                }
            } else if self.items[i].role == Role::Main
                || run
                    .iter()
                    .all(|&j| self.items[j].role == Role::Change && self.items[j].of.is_none())
            {
                // 城乡居民人均可支配收入分别达到51,236元和26,418元: a list the clause does
                // not spell out; each figure is of the clause's words, which none may claim
                // over another. So too changes of no figure (城乡居民收入年均分别增长5.2%和
                // 7.4%).
                let first = self.fig(run[0]).clone();
                let clause = self.article.clause_at(first.number.start);
                let mut subject = vec![(clause.start, first.start)];
                subject.extend(self.context_before(s, clause.start, ids));
                for &j in &run {
                    self.items[j].subject = subject.clone();
                    self.items[j].shared = true;
                    done[j] = true;
                }
            }
            k += count;
        }
        done
    }

    /// 苹果、核桃、中药材面积分别达到…，综合产值分别为…; 普通高中5所、初中22所、小学67所，在校生
    /// 分别为…: a list whose clause names only what it measures is of the items an earlier
    /// list of the sentence named, by position, rather than of its words alike.
    fn lists_of_earlier_items(&mut self, ids: &[usize]) {
        for (k, &i) in ids.iter().enumerate() {
            let Some((0, count)) = self.items[i].listed else {
                continue;
            };
            let run: Vec<usize> = ids[k..k + count.min(ids.len() - k)].to_vec();
            if !run.iter().all(|&j| self.items[j].shared) {
                continue;
            }
            let Some(items) = self.earlier_list(ids, &run) else {
                continue;
            };
            let first = self.fig(run[0]).clone();
            let clause = self.article.clause_at(first.number.start);
            for (&j, mut subject) in run.iter().zip(items) {
                subject.push((clause.start, first.start));
                self.items[j].subject = subject;
                self.items[j].shared = false;
            }
        }
    }

    /// For a list of main figures whose clause holds 分别 and names no items: the subjects of
    /// the items of the nearest earlier list of main figures of the sentence as long, when
    /// they differ and are short (each item named apart, no head of the list with it).
    fn earlier_list(&self, ids: &[usize], run: &[usize]) -> Option<Vec<Vec<(usize, usize)>>> {
        let first = self.fig(run[0]);
        let clause = self.article.clause_at(first.number.start);
        let lead = self.article.slice(clause.start, first.start);
        if self.items[run[0]].role != Role::Main || !lead.contains("分别") {
            return None;
        }
        let before: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&j| j < run[0] && self.items[j].role == Role::Main && self.items[j].figure)
            .collect();
        let earlier = before.get(before.len().checked_sub(run.len())?..)?;
        let texts: Vec<String> = earlier
            .iter()
            .map(|&j| content_words(&self.subject_text(j)))
            .collect();
        // Short items (普通高中, 初中, 小学): a long one carries words of the list's head.
        let apart = texts.iter().all(|t| (2..=6).contains(&t.chars().count()))
            && texts
                .iter()
                .enumerate()
                .all(|(x, t)| texts[..x].iter().all(|u| u != t));
        let same_clause =
            |j: usize| self.article.clause_at(self.fig(j).number.start).start == clause.start;
        if !apart || earlier.iter().any(|&j| same_clause(j)) {
            return None;
        }
        // Each item's own words: up to its figure, without the clause's lead before a list.
        Some(
            earlier
                .iter()
                .map(|&j| self.items[j].subject.clone())
                .collect(),
        )
    }

    /// The subject and topic of the figure `ids[k]`: a main figure, or a change with a
    /// subject of its own.
    fn own_subject(&mut self, s: Span, ids: &[usize], k: usize) {
        let i = ids[k];
        let role = self.items[i].role;
        let f = self.fig(i).clone();
        let clause = self.article.clause_at(f.number.start);
        // Another figure in the clause bounds the subject at the list separator after
        // it (设立3000万元中小企业发展专项资金、1000万元科技创新专项资金); one that
        // modifies the subject does not (投资10亿元以上项目5个), nor this figure's own
        // base or change.
        let prev = ids[..k]
            .iter()
            .rev()
            .take(LOOK)
            .filter(|&&j| self.items[j].of != Some(i))
            .map(|&j| self.fig(j).end)
            .find(|&e| e > clause.start && e <= f.start);
        let prev_end = match prev {
            Some(e) => (e..f.start)
                .rev()
                .find(|&at| self.separates(at))
                .map_or(clause.start, |at| at + 1),
            None => clause.start,
        };
        // 总投资6.8亿元的石门古镇二期工程: a numeral that is no figure does not end it.
        let next_fig = ids[k + 1..]
            .iter()
            .take(LOOK)
            .filter(|&&j| self.items[j].figure)
            .map(|&j| self.fig(j).start)
            .find(|&st| st >= f.end && st < clause.end)
            .unwrap_or(clause.end);
        // What follows is cut at a list separator only before another figure: 17个老旧
        // 小区改造和537户…, but 30家本土企业与三一集团、湖南中车等知名企业….
        let next_start = if next_fig < clause.end {
            (f.end..next_fig)
                .find(|&at| self.separates(at))
                .unwrap_or(next_fig)
        } else {
            next_fig
        };
        let before = self.article.slice(prev_end, f.start);
        self.items[i].shared = before.contains('、')
            && (before.ends_with("均为") || before.ends_with("都是") || before.contains("均"));
        let mut subject = vec![(prev_end, f.start)];
        let mut topic = Vec::new();
        // A list of examples before 等 is not what a count counts: 获评A、B等11项国家级
        // 称号 counts 称号.
        let before = self.article.slice(prev_end, f.start);
        let counted = content_len(&self.article.slice(f.end, next_start)) >= 2;
        if role == Role::Main && counted && before.trim_end().ends_with('等') {
            topic.push((prev_end, f.start));
            subject = vec![(f.start, f.start)];
        } else if let Some(at) = before.rfind('等').filter(|_| role == Role::Main) {
            // 举办A、B等文旅活动36场: the examples are the topic, what follows 等 the
            // subject.
            let cut = prev_end + before[..at].chars().count() + 1;
            let head = self.article.slice(cut, f.start);
            let listed = before[..at].contains('、');
            if listed && content_len(&head) >= 2 {
                topic.push((prev_end, cut));
                subject = vec![(cut, f.start)];
            }
        }
        // A change names its subject before its word of growth; a figure may count
        // what follows it (156个已开工的省大中型项目).
        if role == Role::Main {
            subject.push((f.end, next_start));
            // 总规模100亿元、首批20亿元的产业引导基金: what follows the last figure of
            // a list is each one's.
            if next_start < next_fig {
                let last_end = ids[k + 1..]
                    .iter()
                    .take(LOOK)
                    .map(|&j| self.fig(j).end)
                    .filter(|&e| e <= clause.end)
                    .max()
                    .unwrap_or(next_fig);
                if last_end < clause.end {
                    topic.push((last_end, clause.end));
                    subject
                        .extend(self.counted_after_list(f.end, next_start, last_end, clause.end));
                }
            }
        }
        let (named, bare_share) = self.named_len(i, prev_end, &subject);
        // 增长2.13倍，达6532个: the subject stands before the change.
        if let Some(c) = self.items[i].change {
            let cf = self.fig(c);
            if named < 2 && cf.start < f.start {
                let cc = self.article.clause_at(cf.number.start);
                subject.push((cc.start, cf.start));
            }
        }
        if named < 2 && prev_end == clause.start {
            let context = self.context_before(s, clause.start, ids);
            // 同比增长65.3%，按可比口径较2019年同期增长12.8%: a second change that names
            // nothing is of the figure before it.
            let main = ids[..k]
                .iter()
                .rev()
                .find(|&&j| self.items[j].role == Role::Main)
                .copied();
            match main {
                Some(m) if (context.is_empty() && role == Role::Change) || bare_share => {
                    subject.extend(self.items[m].subject.clone());
                }
                _ => subject.extend(context),
            }
        }
        self.lead_topic(s, ids, i, prev_end, &mut subject, &mut topic);
        if topic.is_empty() && prev_end == clause.start && (2..=4).contains(&named) {
            topic.extend(self.parallel_subject(s, ids, k, &subject));
        }
        self.items[i].subject = subject;
        self.items[i].topic = topic;
    }

    /// 4个国家级、11个省级科技企业孵化器: counts written before their items, each with its
    /// own modifier (国家级, 省级) and the item named once, after the last. The item
    /// (科技企业孵化器) is each count's subject: the last count's words after the modifier
    /// that parallels this one's (its last character, 级, closing it). `own` is this count's
    /// words up to the list's separator, `last` the words after the list's last figure.
    fn counted_after_list(
        &self,
        own_start: usize,
        own_end: usize,
        last_start: usize,
        last_end: usize,
    ) -> Option<(usize, usize)> {
        let a = &self.article;
        if !matches!(a.chars.get(own_end), Some('、')) {
            return None;
        }
        let own: Vec<char> = a.chars[own_start..own_end]
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace())
            .collect();
        let close = *own.last()?;
        if !(2..=4).contains(&own.len()) || !super::super::is_cjk(close) {
            return None;
        }
        let reach = (last_start + own.len() + 2).min(last_end);
        let cut = (last_start..reach).find(|&at| a.chars[at] == close)? + 1;
        (content_len(&a.slice(cut, last_end)) >= 2).then_some((cut, last_end))
    }

    /// How many characters of a figure's subject name something, and whether the subject is
    /// a bare 占比 (比重), which names nothing of its own: 其中税收收入19.02亿元，占比达到
    /// 78.7% is the share of the thing the figure before it names, as a second change is
    /// that figure's.
    fn named_len(&self, i: usize, prev_end: usize, subject: &[(usize, usize)]) -> (usize, bool) {
        let f = self.fig(i);
        let bare_share = self.items[i].role == Role::Main
            && matches!(
                content_words(&self.article.slice(prev_end, f.start)).as_str(),
                "占比" | "比重"
            );
        let named = subject
            .iter()
            .map(|(a, b)| content_len(&self.article.slice(*a, *b)))
            .sum();
        (if bare_share { 0 } else { named }, bare_share)
    }

    /// The clauses that lead up to a figure's clause in its statement (up to a semicolon),
    /// holding no figure: the topic it continues (电子信息产业…，明确到…实现营收1000亿元);
    /// else the thing the statement names first. A clause opening with the bare word of a
    /// thing just named (项目总投资) is of it.
    fn lead_topic(
        &self,
        s: Span,
        ids: &[usize],
        i: usize,
        prev_end: usize,
        subject: &mut Vec<(usize, usize)>,
        topic: &mut Vec<(usize, usize)>,
    ) {
        let f = self.fig(i);
        let clause = self.article.clause_at(f.number.start);
        let lead = self.lead_in(s, clause.start, ids);
        if lead.is_empty() {
            topic.extend(self.statement_head(s, clause.start));
        }
        if self.items[i].role == Role::Main && prev_end == clause.start {
            if let Some(named) = self.referent(&lead, prev_end, f.start) {
                subject.insert(0, named);
            }
        }
        topic.extend(lead);
    }

    /// 政府性基金预算收入安排7.2亿元，支出安排8.6亿元; 夏粮总产量218.6万吨，…，单产每亩
    /// 567.2公斤: a clause that names only a short word of measure, after a clause of the
    /// same statement that names a figure's thing in full, speaks of that thing when it
    /// measures it otherwise (another unit) or in parallel words (收入安排, 支出安排): the
    /// earlier figure's subject is its topic (never its subject, which names what it
    /// measures). Not so 新增企业28家，总数达到215家: one unit and no word in common.
    fn parallel_subject(
        &self,
        s: Span,
        ids: &[usize],
        k: usize,
        subject: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        let cs = &self.article.chars;
        let f = self.fig(ids[k]);
        if self.items[ids[k]].role != Role::Main {
            return Vec::new();
        }
        let clause = self.article.clause_at(f.number.start);
        let from = (s.start..clause.start)
            .rev()
            .find(|&at| matches!(cs[at], '；' | ';'))
            .map_or(s.start, |at| at + 1);
        ids[..k]
            .iter()
            .rev()
            .copied()
            .find(|&m| {
                self.items[m].role == Role::Main
                    && self.fig(m).number.start >= from
                    && self.fig(m).end <= clause.start
            })
            .filter(|&m| {
                let earlier = content_words(&self.subject_text(m));
                let own: String = subject
                    .iter()
                    .map(|(a, b)| content_words(&self.article.slice(*a, *b)))
                    .collect();
                earlier.chars().count() > 4
                    && (self.items[m].unit != self.items[ids[k]].unit
                        || bigrams(&own).iter().any(|b| earlier.contains(b.as_str())))
            })
            .map(|m| {
                self.items[m]
                    .subject
                    .iter()
                    .copied()
                    .filter(|(a, b)| content_len(&self.article.slice(*a, *b)) > 0)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Changes, bases and conversions take their figure's subject and topic.
    fn borrowed_subjects(&mut self, ids: &[usize]) {
        for &i in ids {
            if let Some(m) = self.items[i].of {
                let mut subject = self.items[m].subject.clone();
                if self.items[i].role == Role::Change {
                    // Its own clause's words too: 增加值，其中工业增长… is caught by the
                    // rule above; 比上年末增加 adds nothing.
                    let f = self.fig(i);
                    let clause = self.article.clause_at(f.number.start);
                    if clause.start > self.fig(m).end {
                        subject.push((clause.start, f.start));
                    }
                }
                self.items[i].subject = subject;
                self.items[i].topic = self.items[m].topic.clone();
            }
        }
    }

    /// The clauses from the start of the statement (after a semicolon, or the sentence's
    /// start) to `start`, when none of them holds a figure.
    fn lead_in(&self, s: Span, start: usize, ids: &[usize]) -> Vec<(usize, usize)> {
        let cs = &self.article.chars;
        let lo = s.start.max(start.saturating_sub(TOPIC_REACH));
        let from = (lo..start)
            .rev()
            .find(|&at| matches!(cs[at], '；' | ';'))
            .map_or(lo, |at| at + 1);
        let _ = ids;
        if from >= start || self.holds_item(from, start) {
            Vec::new()
        } else {
            vec![(from, start)]
        }
    }

    /// 星衡项目总投资45亿元，占地约380亩，全部达产后可实现年产值60亿元: what the first
    /// clause of a statement (up to a semicolon) names before its figure is the topic of
    /// the later clauses that name only a measure.
    fn statement_head(&self, s: Span, start: usize) -> Vec<(usize, usize)> {
        let cs = &self.article.chars;
        let lo = s.start.max(start.saturating_sub(TOPIC_REACH));
        let from = (lo..start)
            .rev()
            .find(|&at| matches!(cs[at], '；' | ';'))
            .map_or(lo, |at| at + 1);
        if from >= start {
            return Vec::new();
        }
        let k = self
            .items
            .partition_point(|it| self.figures[it.fig].number.start < from);
        match self.items.get(k) {
            Some(it) if self.figures[it.fig].number.start < start => {
                // From the statement's start: the thing may be named in a clause of its
                // own before (禾瑞项目已于8月开工，项目总投资20亿元).
                let first = Span {
                    start: from,
                    end: start,
                    para: s.para,
                };
                let head: Vec<char> = cs[first.start..self.figures[it.fig].start].to_vec();
                // The thing must be one a statement describes: a project, a company, a park.
                let end = (1..=head.len()).rev().find(|&e| {
                    ENTITIES.iter().any(|w| {
                        let w: Vec<char> = w.chars().collect();
                        head[..e].ends_with(&w)
                    })
                });
                // …and a measure of it must follow (X项目总投资45亿元), not a count of such
                // things (新增规上工业企业28家).
                let text = |a: usize, b: usize| head[a..b].iter().collect::<String>();
                match end {
                    Some(e)
                        if content_len(&text(0, e)) >= 4
                            && content_len(&text(e, head.len())) >= 2 =>
                    {
                        vec![(first.start, first.start + e)]
                    }
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// The thing a clause's opening word (项目 of 项目总投资) refers back to: the lead-in
    /// up to the last place it names a thing ending in that word.
    fn referent(
        &self,
        lead: &[(usize, usize)],
        start: usize,
        end: usize,
    ) -> Option<(usize, usize)> {
        let own = self.article.slice(start, end);
        let word = ENTITIES.iter().find(|w| own.starts_with(*w))?;
        let &(ls, le) = lead.last()?;
        let text = self.article.slice(ls, le);
        let at = text.rfind(word)?;
        let stop = ls + text[..at].chars().count() + word.chars().count();
        (content_len(&self.article.slice(ls, stop)) > word.chars().count()).then_some((ls, stop))
    }

    /// Whether char `at` separates the items of a list of figures: 、, or 和 及 与 before a
    /// number (17个老旧小区改造和537户棚户区改造).
    fn separates(&self, at: usize) -> bool {
        let cs = &self.article.chars;
        match cs.get(at) {
            Some('、') => true,
            Some('和' | '及' | '与') => cs
                .get(at + 1)
                .is_some_and(|c| c.is_ascii_digit() || (is_cn_numeral(*c) && *c != '万')),
            _ => false,
        }
    }

    /// Clauses before `start` in the sentence that hold no figure, back to the nearest one
    /// that names something: the topic a clause without a subject continues.
    fn context_before(&self, s: Span, start: usize, ids: &[usize]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut end = start;
        for _ in 0..2 {
            if end <= s.start {
                break;
            }
            let c = self.article.clause_at(end - 1);
            let _ = ids;
            if self.holds_item(c.start, c.end) {
                break;
            }
            out.push((c.start, c.end));
            if content_len(&self.article.slice(c.start, c.end)) >= 2 {
                break;
            }
            end = c.start;
        }
        out
    }
}
