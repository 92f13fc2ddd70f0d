//! Whether another fact of the article claims a figure's clause: a peer that names the
//! clause better than the fact checked, unless its own figure stands elsewhere in the clause,
//! it is of another period than the figure, or its own figure is of another period than its
//! own (wrong itself, and reported at its own line).

use super::check::{passage, Checking};
use super::names::Match;
use super::period::{may_be_of, misdated};
use super::report::Failure;
use crate::article::bigrams;
use crate::article::reading::Reading;
use crate::facts::Fact;

/// The failure of a figure whose clause a peer names better (see the module's note).
/// `texts`: the figure's subject, and the subject with its topic; `full`: whether a peer
/// that names the clause in full outnames the fact (its words not all in the paragraph).
pub(super) fn claimed_by_peer(
    c: Checking,
    r: &Reading,
    i: usize,
    m: &Match,
    texts: (&str, &str),
    full: bool,
    named: &str,
) -> Option<Failure> {
    let Checking {
        fact,
        peers,
        shown,
        src,
        ..
    } = c;
    let (subject, own) = texts;
    let a = &r.article;
    let f = r.fig(i);
    // A peer whose own figure stands elsewhere in this clause shares its words.
    let clause = a.clause_at(f.number.start);
    let listed_apart = |j: usize| {
        let (lo, hi) = if j < i {
            (r.fig(j).end, f.start)
        } else {
            (f.end, r.fig(j).start)
        };
        let between = a.slice(lo, hi);
        between.contains('、')
            || ["和", "及", "与"].iter().any(|w| {
                between.match_indices(w).any(|(at, _)| {
                    between[at + w.len()..].starts_with(|c: char| c.is_ascii_digit())
                })
            })
    };
    let elsewhere = |p: &Fact| {
        (0..r.items.len()).any(|j| {
            j != i
                && r.fig(j).number.start >= clause.start
                && r.fig(j).number.start < clause.end
                && !listed_apart(j)
                && [p.value.as_ref(), p.growth.as_ref().map(|g| &g.value)]
                    .into_iter()
                    .flatten()
                    .any(|n| r.fig(j).same_digits(a, n))
        })
    };
    // A figure said of a list's items alike (广播、电视综合人口覆盖率均为100%; 城乡居民…分别…)
    // is each item's, which none may claim over another; a name that holds two words
    // fewer than a peer's is no item of the list (森林覆盖率).
    let shared_by_peer = |other: &Fact| {
        let held = |name: &str| {
            bigrams(name)
                .iter()
                .filter(|b| subject.contains(b.as_str()))
                .count()
        };
        held(&other.name) >= held(&fact.name) + 2
    };
    // Nor does a peer of another period than the figure's, or one whose own figure is of
    // another period than its own (wrong itself).
    let apart = |p: &Fact| elsewhere(p) || !may_be_of(p, r, i) || misdated(p, r);
    if let Some(other) = peers
        .better(m, (subject, own), &apart, full)
        .filter(|o| !r.items[i].shared || shared_by_peer(o))
    {
        return Some(Failure {
            field: "name",
            message: format!(
                "{shown} in {src} is a figure of “{named}”, which names {} rather than {}",
                other.name, fact.name
            ),
            hint: passage(r, i),
        });
    }
    None
}
