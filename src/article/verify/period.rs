//! The part of the year of a fact's figure: the one the article gives it (its clause or
//! sentence, its paragraph's opening, or, in an article on a part of a year, that part),
//! which the fact's `period` must be. A figure of 前三季度 recorded with no period, or as 全年,
//! 年度 or 国庆假期, is a wrong number; so is a holiday's figure recorded as 1—9月, and one of
//! 今年以来 recorded with no period.

use super::check::passage;
use super::report::Failure;
use crate::article::part::{same_holiday, whole_year, year_so_far, WHOLE_YEAR, YEAR_SO_FAR};
use crate::article::period::months_of;
use crate::article::reading::Reading;
use crate::facts::Fact;

/// Whether a fact's period is the part of the year `said` the article gives its figure.
/// Written another way it is the same (1—9月 for 前三季度, 中秋国庆假期 for 国庆中秋假期,
/// 2025年以来 for 今年以来); a stock at a period's end is of it (截至9月底 of 前三季度, 6月末 of
/// 上半年); the whole year is said with no period, or as 全年 or 年度. A span of years (近年来,
/// “十四五”以来) is not held to a period.
pub(super) fn agrees(said: &str, fact: &Fact) -> bool {
    let recorded = fact.period.as_deref();
    if let Some(months) = months_of(said) {
        return recorded.and_then(months_of).is_some_and(|m| {
            // 6月末 of 上半年, 截至9月底 of 前三季度: a stock at the period's end is of it.
            m == months || (m.0 == 0 && m.1 == months.1)
        });
    }
    if said == WHOLE_YEAR {
        return whole_year(recorded);
    }
    if crate::article::part::is_holiday(said) {
        return recorded.is_some_and(|p| same_holiday(said, p));
    }
    if said == YEAR_SO_FAR {
        return recorded.is_some_and(|p| year_so_far(p, fact.year));
    }
    true
}

/// Whether the figure of item `i` stands in quoted speech (“今年以来，我们组建了8个…”): its
/// 今年以来 is the speaker's, counted from when the words were said, which the article need
/// not date; a fact of it may go without the period.
fn quoted(r: &Reading, i: usize) -> bool {
    let a = &r.article;
    let at = r.fig(i).start;
    let para = a.paragraphs[a.sentence_at(at).para];
    let before = a.slice(para.start, at);
    before.matches('“').count() > before.matches('”').count()
}

/// The period the article gives the figure of item `i` must be the fact's (see [`agrees`]).
pub(super) fn check_period(
    fact: &Fact,
    r: &Reading,
    i: usize,
    shown: &str,
    src: &str,
) -> Option<Failure> {
    // A rank is of no period, as it is of no year (居全省高新区第2位).
    if r.fig(i).ordinal {
        return None;
    }
    let said = r.items[i].period.as_deref()?;
    // A bare 假期 is the release's holiday, which the fact must still say: without it the
    // holiday's figure reads as the year's (11家A级旅游景区 open over the holiday is not the
    // county's 17).
    let unsaid = fact.period.is_none() && said == YEAR_SO_FAR && quoted(r, i);
    if agrees(said, fact) || unsaid {
        return None;
    }
    let why = match fact.period.as_deref() {
        None => "the fact has no period".to_string(),
        Some(p) => format!("the fact's period is {p}"),
    };
    let (of, give) = if said == WHOLE_YEAR {
        (
            "the whole year (全年)".to_string(),
            "give the fact no period (the year is whole)".to_string(),
        )
    } else {
        (said.to_string(), format!("give the fact `period: {said}`"))
    };
    Some(Failure {
        field: "period",
        message: format!("{shown} in {src} is a figure of {of}, and {why}"),
        hint: Some(format!(
            "{give}, or cite the figure of the period it has; {}",
            passage(r, i).unwrap_or_default()
        )),
    })
}

/// Whether a fact of the article (a peer of the fact checked) may be that of item `i` by its
/// period: the period the article gives the figure is the peer's, or the article gives none.
/// 接待游客 of 1—9月 does not claim the clause of the holiday's 46.8万人次.
pub(super) fn may_be_of(peer: &Fact, r: &Reading, i: usize) -> bool {
    r.fig(i).ordinal
        || r.items[i]
            .period
            .as_deref()
            .is_none_or(|said| agrees(said, peer))
}

/// Whether a peer's own figure, wherever the article prints it, is of another period than the
/// peer's: a fact recorded with a wrong period claims no clause of another fact (it is wrong
/// itself, and reported at its own line).
pub(super) fn misdated(peer: &Fact, r: &Reading) -> bool {
    let (n, unit) = match (&peer.value, &peer.unit, &peer.growth) {
        (Some(v), Some(u), _) => (v, u.as_str()),
        (None, _, Some(g)) => (&g.value, g.unit.as_str()),
        _ => return false,
    };
    let mut read = (0..r.items.len())
        .filter(|&j| r.fig(j).same_digits(&r.article, n) && r.items[j].unit == unit)
        .peekable();
    read.peek().is_some() && read.all(|j| !may_be_of(peer, r, j))
}
