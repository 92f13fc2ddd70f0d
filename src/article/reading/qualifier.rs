//! A figure's qualifier: its own (近3万人, 3000余亩, 75%以上) or a verb of estimate or aim
//! heading its statement (预计, 有望); words of reaching (达, 累计) are none.

use super::words::content_len;
use super::TOPIC_REACH;
use crate::article::figure::Figure;
use crate::article::numeral::is_cn_numeral;
use crate::article::{ends_clause, Article};
use crate::facts::{QualifierPlace, Vocabulary};

/// The figure's qualifier: its own (近3万人, 3000余亩, 75%以上), else a verb of estimate
/// or aim that heads its statement (up to a semicolon) without a number of its own
/// (预计2022年实现…142亿元, 有望实现营业收入10亿元，税收8000万元). A word of reaching (达,
/// 累计) is no qualifier: 达142亿元 is the plain 142亿元.
pub fn qualifier_of(a: &Article, f: &Figure, vocab: &Vocabulary) -> Option<String> {
    if let Some((w, place)) = &f.qualifier {
        if closes_a_frame(a, f) {
            return None;
        }
        if *place != QualifierPlace::Before || !REACHING.contains(&w.as_str()) {
            return Some(w.clone());
        }
    }
    if let Some(q) = share_qualifier(a, f, vocab) {
        return Some(q);
    }
    let s = a.sentence_at(f.number.start);
    let lo = s.start.max(f.start.saturating_sub(TOPIC_REACH));
    let from = (lo..f.start)
        .rev()
        .find(|&at| matches!(a.chars[at], '；' | ';'))
        .map_or(lo, |at| at + 1);
    let hc: Vec<char> = a.chars[from..f.start].to_vec();
    let mut found: Option<(usize, &str)> = None;
    for (q, place) in vocab.qualifiers() {
        // Single characters (约, 近, 超) stand inside words (签约, 最近): only a word of two
        // or more heads a statement.
        if place != QualifierPlace::Before || q.chars().count() < 2 || REACHING.contains(&q) {
            continue;
        }
        let qc: Vec<char> = q.chars().collect();
        for i in 0..hc.len().saturating_sub(qc.len() - 1) {
            if hc[i..i + qc.len()] == qc[..] {
                let next = hc.get(i + qc.len()).copied();
                // 超过3000: the word belongs to the number it stands before.
                let own_number = next.is_some_and(|c| c.is_ascii_digit() || is_cn_numeral(c))
                    && !a.has_at(from + i + qc.len() + 4, "年")
                    || next.is_some_and(|c| c == '百' || c == '千');
                // 实现重大突破，: a word that ends its clause qualifies nothing after it.
                let ends = next.is_none_or(ends_clause) || next == Some('的');
                if !own_number && !ends && found.is_none_or(|(at, _)| i > at) {
                    found = Some((i, q));
                }
            }
        }
    }
    found.map(|(_, q)| q.to_string())
}

/// Whether the article's qualifier of a figure is the fact's `want`: the same word, before
/// the figure or heading its statement; a fact may also carry the article's word of
/// reaching (累计) itself.
pub fn qualifier_ok(a: &Article, f: &Figure, want: Option<&str>, vocab: &Vocabulary) -> bool {
    if want.is_some() && f.qualifier_word() == want {
        return true;
    }
    qualifier_of(a, f, vocab).as_deref() == want
}

/// Before-words that say a figure was reached or summed, not how exact it is: an article's
/// `达142亿元` is the fact's plain `142亿元`.
pub const REACHING: [&str; 5] = ["达", "达到", "累计", "共", "共有"];

/// 约占本级支出的1%, 近占全县的三成: a qualifier of one character before the verb 占
/// qualifies the share that 占 states (not 占比, 占地 or 占有, which are nouns or other verbs).
fn share_qualifier(a: &Article, f: &Figure, vocab: &Vocabulary) -> Option<String> {
    let unit = f.unit.as_deref()?;
    if !matches!(vocab.measure(unit), Some("share")) && unit != "成" {
        return None;
    }
    let clause = a.clause_at(f.number.start);
    let lead: Vec<char> = a.chars[clause.start..f.start].to_vec();
    let at = lead.iter().position(|&c| c == '占')?;
    if matches!(lead.get(at + 1), Some('比' | '地' | '有')) || at == 0 {
        return None;
    }
    let q = lead[at - 1].to_string();
    vocab
        .qualifiers()
        .into_iter()
        .any(|(w, place)| w == q && place == QualifierPlace::Before && !REACHING.contains(&w))
        .then_some(q)
}

/// 控制在省核定的限额82.3亿元以内: when 控制在 names the bound before its figure (限额, 目标),
/// 以内 or 以下 closes 控制在…以内 and is said of what is kept within, not of the bound,
/// which is exact. 失业率控制在5.5%以内 keeps its qualifier: there the figure is the bound.
fn closes_a_frame(a: &Article, f: &Figure) -> bool {
    if !matches!(f.qualifier.as_ref(), Some((w, QualifierPlace::After)) if w == "以内" || w == "以下")
    {
        return false;
    }
    let clause = a.clause_at(f.number.start);
    let lead = a.slice(clause.start, f.start);
    lead.rfind("控制在")
        .is_some_and(|at| content_len(&lead[at + "控制在".len()..]) >= 2)
}
