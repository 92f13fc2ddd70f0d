//! Enumerations: runs of figures separated only by 、 和 及 与, and the list of subjects
//! they pair with by position (工业投资、基础设施投资分别增长21.5%、6.4%), in their own
//! clause, the clause before, or the sentence before (两大产业分别…).

use super::words::{
    content_len, headed_list, is_list_gap, list_of_subjects, split_list, split_list_at_pauses,
};
use super::{Reading, Role, TOPIC_REACH};
use crate::article::figure::same_value;
use crate::article::numeral::{is_cn_numeral, parse_chinese};
use crate::article::Span;

impl Reading {
    /// Runs of two or more figures of one role separated only by 、 和 及 与, with the list
    /// of subjects they pair with when the clause gives one of the same length.
    pub(super) fn enumerations(&mut self, ids: &[usize]) -> Vec<Vec<usize>> {
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let mut k = 0;
        while k < ids.len() {
            let i = ids[k];
            let role = self.items[i].role;
            let mut run = vec![i];
            let mut n = k + 1;
            while n < ids.len() {
                let j = ids[n];
                let prev = *run.last().unwrap_or(&i);
                let gap = self.article.slice(self.fig(prev).end, self.fig(j).start);
                if self.items[j].role == role
                    && matches!(role, Role::Main | Role::Change)
                    && is_list_gap(&gap)
                    && !gap.contains(['，', ','])
                {
                    run.push(j);
                    n += 1;
                } else {
                    break;
                }
            }
            if run.len() >= 2 {
                let count = run.len();
                for (p, &j) in run.iter().enumerate() {
                    self.items[j].listed = Some((p, count));
                }
                runs.push(run);
            }
            k = n;
        }
        runs
    }

    /// 第一、二、三产业增加值: a list of numerals that share the words before the first and
    /// after the last, each item spelt out (第 二 产业增加值) as ranges of the article.
    fn shorthand(&self, parts: &[(usize, usize)]) -> Option<Vec<Vec<(usize, usize)>>> {
        let cs = &self.article.chars;
        let numerals = |a: usize, b: usize| (a..b).take_while(|&k| is_cn_numeral(cs[k])).count();
        let (fa, fb) = *parts.first()?;
        let (la, lb) = *parts.last()?;
        let lead = (fa..fb).rev().take_while(|&k| is_cn_numeral(cs[k])).count();
        let head = numerals(la, lb);
        let middle_bare = parts[1..parts.len() - 1]
            .iter()
            .all(|&(a, b)| b > a && numerals(a, b) == b - a);
        if parts.len() < 2 || lead == 0 || head == 0 || head == lb - la || !middle_bare {
            return None;
        }
        let prefix = (fa, fb - lead);
        let tail = (la + head, lb);
        let out = parts
            .iter()
            .enumerate()
            .map(|(k, &(a, b))| {
                let own = match k {
                    0 => (fb - lead, fb),
                    _ if k == parts.len() - 1 => (la, la + head),
                    _ => (a, b),
                };
                vec![prefix, own, tail]
                    .into_iter()
                    .filter(|(x, y)| y > x)
                    .collect()
            })
            .collect();
        Some(out)
    }

    /// 茶叶加工、电子材料产业产值; 规模以上工业、高新技术企业数; 国家级、省级龙头企业: a list
    /// whose items before the last name no measure of their own shares the head the last
    /// item ends with. Each item spelt out with it, as ranges of the article (茶叶加工 |
    /// 产业产值), or `None` when the list has no such head.
    fn head_after_last(&self, parts: &[(usize, usize)]) -> Option<Vec<Vec<(usize, usize)>>> {
        let (&(la, lb), earlier) = parts.split_last()?;
        let last: Vec<char> = self.article.chars[la..lb].to_vec();
        let text = |&(a, b): &(usize, usize)| self.article.slice(a, b);
        let texts: Vec<String> = earlier.iter().map(text).collect();
        let head = match parallel_head(&last, &texts) {
            Some(at) => at,
            None => kind_head(&last, &texts)?,
        };
        let head = (la + head, lb);
        let tail = self.article.slice(head.0, head.1);
        let bare = |t: &String| {
            !t.ends_with(tail.as_str())
                && !t.ends_with(MEASURE_ENDS)
                && !HEAD_WORDS.iter().any(|w| !is_kind(w) && t.ends_with(w))
        };
        if earlier.is_empty() || !earlier.iter().map(text).all(|t| bare(&t)) {
            return None;
        }
        let mut out: Vec<Vec<(usize, usize)>> = earlier.iter().map(|&p| vec![p, head]).collect();
        out.push(vec![(la, lb)]);
        Some(out)
    }

    /// The list of subjects an enumeration pairs with, as char ranges, when the text before
    /// it in its clause lists as many as it has figures.
    pub(super) fn list_subjects(&self, run: &[usize]) -> Option<Vec<Vec<(usize, usize)>>> {
        let first = self.fig(run[0]);
        let clause = self.article.clause_at(first.number.start);
        let listed = |start: usize, end: usize| {
            let start = start.max(end.saturating_sub(TOPIC_REACH));
            let text = self.article.slice(start, end);
            let list = list_of_subjects(&text);
            let mut split = split_list(&list);
            // 新建、改扩建中小学和幼儿园分别为6所、9所: the words before the list are every
            // item's.
            if split.len() > run.len() {
                if let Some(((ha, hb), items)) = headed_list(&list, run.len()) {
                    let head = (start + ha, start + hb);
                    return Some(
                        items
                            .into_iter()
                            .map(|(a, b)| vec![head, (start + a, start + b)])
                            .collect(),
                    );
                }
            }
            if split.len() != run.len() {
                split = split_list_at_pauses(&list);
            }
            let parts: Vec<(usize, usize)> = split
                .into_iter()
                .map(|(a, b)| (start + a, start + b))
                .collect();
            if parts.len() != run.len() {
                return None;
            }
            if let Some(expanded) = self.shorthand(&parts) {
                return Some(expanded);
            }
            if let Some(headed) = self.head_after_last(&parts) {
                return Some(headed);
            }
            let named = parts
                .iter()
                .all(|(a, b)| content_len(&self.article.slice(*a, *b)) >= 2);
            named.then(|| parts.iter().map(|p| vec![*p]).collect())
        };
        if let Some(parts) = listed(clause.start, first.start) {
            return Some(parts);
        }
        // 新能源汽车和新型储能是…两大主导产业。…两大产业分别实现营业收入486.7亿元、
        // 215.3亿元: a count of things (两大产业, 三个项目) with 分别 refers to the list of as
        // many things in the sentence before.
        let own = self.article.slice(clause.start, first.start);
        let counted = own
            .chars()
            .filter_map(|c| parse_chinese(&c.to_string()))
            .any(|n| same_value(n, run.len() as f64));
        let s = self.article.sentence_at(first.number.start);
        if counted && (own.contains("分别") || own.contains("依次")) && s.start > 0 {
            let prev = self.article.sentence_at(s.start - 1);
            if prev.para == s.para {
                let clauses: Vec<Span> = self
                    .article
                    .clauses
                    .iter()
                    .copied()
                    .filter(|c| c.start >= prev.start && c.end <= prev.end)
                    .collect();
                for c in clauses {
                    // 新能源汽车和新型储能是…两大主导产业: the list ends at its verb.
                    let text = self.article.slice(c.start, c.end);
                    let end = text
                        .char_indices()
                        .position(|(_, ch)| matches!(ch, '是' | '为'))
                        .map_or(c.end - 1, |k| c.start + k);
                    if let Some(parts) = listed(c.start, end) {
                        return Some(parts);
                    }
                }
            }
        }
        // 推动节能环保产业和电子信息产业…发展，产值增幅分别达4.62%和110.1%: a clause of
        // 分别 without its own list takes the list of the clause before, in the sentence.
        if (own.contains("分别") || own.contains("依次")) && clause.start > s.start {
            let prev = self.article.clause_at(clause.start - 1);
            if !self.holds_item(prev.start, prev.end) {
                return listed(prev.start, prev.end - 1);
            }
        }
        None
    }
}

/// Nouns that head the name of what a figure is of: the kinds of thing counted (产业, 企业,
/// 居民) and the measures of them (产值, 总数, 收入).
const HEAD_WORDS: &[&str] = &[
    "产业",
    "行业",
    "企业",
    "居民",
    "农户",
    "产值",
    "增加值",
    "产量",
    "总数",
    "总额",
    "总量",
    "数量",
    "收入",
    "投资",
    "面积",
    "人数",
    "户数",
];

/// The characters a word of measure ends with (产值, 发电量, 销售额, 户数, 覆盖率).
const MEASURE_ENDS: [char; 5] = ['值', '量', '额', '数', '率'];

/// Whether a head word names a kind of thing rather than a measure of it.
fn is_kind(w: &str) -> bool {
    matches!(w, "产业" | "行业" | "企业" | "居民" | "农户")
}

/// 国家级、省级龙头企业; 大型、中型企业: short items that end alike (级, 型) are modifiers of
/// one kind; the last item's head begins after its own such ending. Its char offset in
/// `last`.
fn parallel_head(last: &[char], earlier: &[String]) -> Option<usize> {
    let ends: Vec<char> = earlier
        .iter()
        .filter(|t| (2..=3).contains(&t.chars().count()))
        .filter_map(|t| t.chars().last())
        .collect();
    let &end = ends.first()?;
    if ends.len() != earlier.len() || ends.iter().any(|&c| c != end) {
        return None;
    }
    let at = (1..=3).find(|&k| last.get(k) == Some(&end))?;
    (last.len() >= at + 3).then_some(at + 1)
}

/// 集体企业、私营企业、港澳台及外商投资企业增加值: items that end with a kind of thing the
/// last item ends its own part with share what follows it there (增加值); where nothing
/// follows, the list has no head (国有企业、外商投资企业). Else 电子材料产业产值, 高新技术企业数,
/// 个体工商户总数: the head begins at the last item's first kind of thing after an item of its
/// own of two characters or more, else at its first measure. Its char offset in `last`.
fn kind_head(last: &[char], earlier: &[String]) -> Option<usize> {
    let find = |w: &str, from: usize| {
        let w: Vec<char> = w.chars().collect();
        (from..last.len()).find(|&k| last[k..].starts_with(&w))
    };
    let kinds = || HEAD_WORDS.iter().filter(|w| is_kind(w));
    if let Some(kind) = kinds().find(|w| earlier.iter().all(|t| t.ends_with(**w))) {
        let len = kind.chars().count();
        if let Some(at) = (0..last.len()).rev().find(|&k| find(kind, k) == Some(k)) {
            return (at + len < last.len()).then_some(at + len);
        }
    }
    kinds()
        .filter_map(|w| find(w, 2))
        .min()
        .or_else(|| HEAD_WORDS.iter().filter_map(|w| find(w, 2)).min())
}
