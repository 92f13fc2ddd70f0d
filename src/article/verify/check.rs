//! One fact against its article: the readings of its figure (digits, unit, qualifier and
//! role), then for each the checks in order — subject, change, base, year — the reading
//! that gets furthest deciding the outcome; and the closest passage for a hint.

use super::articles::Loaded;
use super::claims::claimed_by_peer;
use super::names::{name_bigrams, subject_match, without_years, Names, Peers};
use super::period::check_period;
use super::report::{Failure, Outcome};
use crate::article::figure::{display_figure, same_value, Figure};
use crate::article::goal::aim_stated;
use crate::article::reading::qualifier::{qualifier_of, qualifier_ok};
use crate::article::reading::words::content_words;
use crate::article::reading::{is_change_unit, Reading, Role};
use crate::article::{bigrams, Article};
use crate::facts::vocab::RANK;
use crate::facts::{Fact, FactBase, Number, Source, Vocabulary};

/// Whether a figure of the article reads as `n` `unit` (the digits as written, the sign
/// aside), whatever its qualifier.
fn reads_as(r: &Reading, item: usize, n: &Number, unit: &str, vocab: &Vocabulary) -> bool {
    let f = r.fig(item);
    if !f.same_digits(&r.article, n) {
        return false;
    }
    match f.unit.as_deref() {
        Some(u) => u == unit,
        None => f.ordinal && vocab.measure(unit) == Some(RANK),
    }
}

/// The same value written with other decimals (1313.7 for 1313.70), for a message.
fn other_digits(r: &Reading, item: usize, n: &Number, unit: &str) -> bool {
    let f = r.fig(item);
    same_value(f.value(), n.value().abs()) && f.unit.as_deref() == Some(unit)
}

/// Checks one fact against its article. `base` gives the other facts of the same article,
/// whose names compete for each clause.
pub fn check_fact(
    base: &FactBase,
    names: &Names,
    at: (usize, usize),
    fact: &Fact,
    source: &Source,
    loaded: &Loaded,
) -> Outcome {
    let vocab = &base.vocab;
    let r = &loaded.reading;
    let a = &r.article;
    let src = format!("{} ({})", source.id, loaded.file);

    // The primary figure: the value, else the growth.
    let (number, unit, qual, is_growth) = match (&fact.value, fact.unit.as_deref(), &fact.growth) {
        (Some(v), Some(u), _) => (v, u.to_string(), fact.qualifier.clone(), false),
        (_, _, Some(g)) => (&g.value, g.unit.clone(), g.qualifier.clone(), true),
        _ => return Outcome::Verified,
    };
    let shown = display_figure(
        number.text(),
        &unit,
        qual.as_deref()
            .and_then(|q| vocab.qualifier_place(q).map(|p| (q, p))),
    );
    let what = if is_growth { "growth " } else { "" };
    let field = if is_growth { "growth" } else { "value" };
    if let Some(failure) = recorded_twice(base, at, fact, &shown, &src, field) {
        return Outcome::Failed(failure);
    }
    let role_ok = |i: usize| {
        let it = &r.items[i];
        if is_growth {
            it.role == Role::Change && it.decline == number.is_negative()
        } else {
            it.role != Role::Change || it.unit == unit && !is_change_unit(vocab, &unit)
        }
    };
    let same: Vec<usize> = (0..r.items.len())
        .filter(|&i| role_ok(i) && reads_as(r, i, number, &unit, vocab))
        .collect();
    if same.is_empty() {
        // The same value with other decimals: the fact converted the article's digits.
        if let Some(i) =
            (0..r.items.len()).find(|&i| role_ok(i) && other_digits(r, i, number, &unit))
        {
            return Outcome::Failed(Failure {
                field,
                message: format!(
                    "{what}{shown} not found in {src}: the article writes {}",
                    r.fig(i).display(a)
                ),
                hint: Some(format!(
                    "write the digits as the article prints them; closest passage: {}",
                    a.excerpt(r.fig(i).start, 40)
                )),
            });
        }
        return Outcome::Failed(Failure {
            field,
            message: format!("{what}{shown} not found in {src}"),
            hint: closest(r, number.value(), &unit, &fact.name),
        });
    }
    let good: Vec<usize> = same
        .iter()
        .copied()
        .filter(|&i| qualifier_ok(a, r.fig(i), qual.as_deref(), vocab))
        .collect();
    if good.is_empty() {
        let i = same[0];
        let writes = as_written(a, r.fig(i), qual.as_deref(), vocab);
        return Outcome::Failed(Failure {
            field,
            message: format!("{what}{shown} not found in {src}: the article writes {writes}"),
            hint: passage(r, i),
        });
    }

    let region = &base.regions[at.0];
    let parent = region.parent.as_deref().and_then(|p| base.region(p));
    let words = name_bigrams(&fact.name, region, parent);
    let peers = Peers {
        base,
        names,
        at,
        fact,
    };
    let checking = Checking {
        fact,
        words: &words,
        peers: &peers,
        vocab,
        shown: &shown,
        src: &src,
    };
    // Each reading, with the first check it fails; the reading that gets furthest wins.
    let mut best: Option<(usize, usize, Option<Failure>)> = None;
    for i in good {
        let (stage, failure) = check_reading(checking, r, i);
        let score = subject_match(fact, &words, &r.subject_text(i), vocab).covered;
        let better = match &best {
            None => true,
            Some((bs, bscore, _)) => stage > *bs || (stage == *bs && score > *bscore),
        };
        if better {
            best = Some((stage, score, failure));
        }
    }
    match best {
        Some((_, _, Some(failure))) => Outcome::Failed(failure),
        _ => Outcome::Verified,
    }
}

/// What the checks of a fact's readings share: the fact, its name's words, the facts that
/// compete for its clauses, and how messages name its figure and its article.
#[derive(Clone, Copy)]
pub(super) struct Checking<'a> {
    pub(super) fact: &'a Fact,
    pub(super) words: &'a [String],
    pub(super) peers: &'a Peers<'a>,
    pub(super) vocab: &'a Vocabulary,
    pub(super) shown: &'a str,
    pub(super) src: &'a str,
}

/// The checks of item `i`, one reading of a fact, in order: subject, change, base, year.
/// Returns how many passed and the first failure.
fn check_reading(c: Checking, r: &Reading, i: usize) -> (usize, Option<Failure>) {
    if let Some(failure) = check_subject(c, r, i) {
        return (0, Some(failure));
    }
    if let Some(failure) = check_change(c, r, i) {
        return (1, Some(failure));
    }
    if let Some(failure) = check_base(c, r, i) {
        return (2, Some(failure));
    }
    if let Some(failure) = check_goal(c, r, i) {
        return (3, Some(failure));
    }
    // The year: the one the sentence names before the figure, else the article's period.
    if let Some(failure) = check_years(c.fact, r, i, c.shown, c.src) {
        return (4, Some(failure));
    }
    (5, None)
}

/// The closest passage to item `i`, for a hint.
pub(super) fn passage(r: &Reading, i: usize) -> Option<String> {
    Some(format!(
        "closest passage: {}",
        r.article.excerpt(r.fig(i).start, 40)
    ))
}

/// The subject: the clause names the fact's thing, and no other fact of the article names
/// it better.
fn check_subject(c: Checking, r: &Reading, i: usize) -> Option<Failure> {
    let Checking {
        fact,
        words,
        peers,
        vocab,
        shown,
        src,
    } = c;
    let a = &r.article;
    let f = r.fig(i);
    let subject = without_years(&r.subject_text(i));
    let own = format!("{subject}…{}", without_years(&r.topic_text(i)));
    // The clause must name the figure's own thing (two of the name's words, all of a short
    // name, or the clause names only what the name holds: 税收 of 森网科技税收); the rest of
    // the name may be the topic the paragraph set before it (the company or village a
    // passage is about).
    let para = a.paragraphs[a.sentence_at(f.number.start).para];
    let wide_text = format!("{}…{own}", without_years(&a.slice(para.start, f.start)));
    let m = subject_match(fact, words, &subject, vocab);
    let mown = subject_match(fact, words, &own, vocab);
    let wide = subject_match(fact, words, &wide_text, vocab);
    let said = bigrams(&content_words(&subject));
    let within_name = !said.is_empty()
        && mown.covered >= 1
        && said.iter().all(|b| fact.name.contains(b.as_str()));
    let named = quoted(&in_order(r, i));
    if !((mown.covered >= mown.total.min(2) || within_name) && wide.enough()) {
        return Some(Failure {
                field: "name",
                message: format!(
                    "{shown} in {src} is a figure of “{named}”, which does not name {}",
                    fact.name
                ),
                hint: Some(format!(
                    "correct the figure or the name, list the article's word for a key under `subjects:` in vocabulary.yaml, or add `reviewed: \"<why>\"`; {}",
                    passage(r, i).unwrap_or_default()
                )),
            });
    }
    if let Some(failure) = average_unsaid(fact, &subject, &named, shown, src, r, i) {
        return Some(failure);
    }
    if let Some(failure) = share_unsaid(fact, &named, shown, src, r, i) {
        return Some(failure);
    }
    if let Some((said, want)) = other_number(&fact.name, &subject) {
        return Some(Failure {
            field: "name",
            message: format!(
                "{shown} in {src} is a figure of “{named}”, which writes {said} where {} writes {want}",
                fact.name
            ),
            hint: passage(r, i),
        });
    }
    // 星衡项目总投资45亿元 … 年产值60亿元: where one thing's figures differ only by their
    // measure, the figure's own clause must say it.
    if let Some(measure) = fact
        .measure
        .as_deref()
        .filter(|_| peers.measure_tells_apart())
    {
        let words = bigrams(measure);
        let covered = words
            .iter()
            .filter(|w| subject.contains(w.as_str()))
            .count();
        if !words.is_empty() && 2 * covered < words.len() {
            return Some(Failure {
                field: "measure",
                message: format!(
                    "{shown} in {src} is a figure of “{named}”, which does not say {measure}"
                ),
                hint: passage(r, i),
            });
        }
    }
    if let Some(other) =
        other_item_of_list(r, i, &fact.name).or_else(|| other_side(r, i, &fact.name))
    {
        return Some(Failure {
            field: "name",
            message: format!(
                "{shown} in {src} is the figure of “{named}” in its list, which {} does not name; the name is that of “{other}”",
                fact.name
            ),
            hint: passage(r, i),
        });
    }
    claimed_by_peer(
        c,
        r,
        i,
        &m,
        (&subject, &own),
        wide.covered < wide.total,
        &named,
    )
}

/// The numbers written in a text, each with the character after it: 10亿元以上项目 holds
/// (10, 亿).
fn numbers_in(text: &str) -> Vec<(String, char)> {
    let cs: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < cs.len() {
        if !cs[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = k;
        while k < cs.len() && (cs[k].is_ascii_digit() || cs[k] == '.') {
            k += 1;
        }
        if let Some(&next) = cs.get(k) {
            out.push((cs[start..k].iter().collect(), next));
        }
    }
    out
}

/// 50亿元以上项目4个 for a fact named 10亿元以上重点项目: a name that writes a number of what it
/// counts (a threshold, 5G, 500强) is not of a clause that writes another number in its place
/// (the same character after it) and not its own. The clause's number and the name's.
fn other_number(name: &str, subject: &str) -> Option<(String, String)> {
    let said = numbers_in(subject);
    numbers_in(name).into_iter().find_map(|(n, after)| {
        if said.iter().any(|(m, a)| *m == n && *a == after) {
            return None;
        }
        said.iter()
            .find(|(m, a)| *a == after && *m != n)
            .map(|(m, a)| (format!("{m}{a}"), format!("{n}{after}")))
    })
}

/// The article's words for what a figure is of, as a message quotes them: its own characters
/// (农村居民人均可支配收入, with its 均), without punctuation and a leading 其中 or 全年.
fn quoted(words: &str) -> String {
    let mut s: String = words
        .chars()
        .filter(|c| !c.is_whitespace() && (c.is_alphanumeric() || *c == '%'))
        .collect();
    for lead in ["其中", "全年", "同时", "并"] {
        if let Some(rest) = s.strip_prefix(lead) {
            s = rest.to_string();
        }
    }
    s.chars().take(24).collect()
}

/// Words of an average over a span of time within the period (日均, 月均).
const AVERAGES: [&str; 3] = ["日均", "月均", "周均"];

/// The words naming what item `i` is of, in the article's order (税收收入…占比, not the
/// nearest first): what a message quotes.
fn in_order(r: &Reading, i: usize) -> String {
    let mut parts = r.items[i].subject.clone();
    parts.sort_unstable();
    let text: Vec<String> = parts.iter().map(|(s, e)| r.article.slice(*s, *e)).collect();
    without_years(&text.join("…"))
}

/// Words of a figure's own clause that make it a share: 其中税收收入7.02亿元，占比71.3%;
/// 占全县接待总量的60.4%.
const SHARE_SAID: [&str; 3] = ["占比", "比重", "比例"];

/// Words of a name that say a share or a rate.
const SHARE_NAMED: [&str; 6] = ["占", "比重", "比例", "份额", "率", "结构"];

/// 税收收入7.02亿元，占比71.3%: a share in % is not the amount it is a share of; a name that
/// says no share (税收收入) is not of it.
fn share_unsaid(
    fact: &Fact,
    named: &str,
    shown: &str,
    src: &str,
    r: &Reading,
    i: usize,
) -> Option<Failure> {
    if fact.value.is_none() || fact.unit.as_deref() != Some("%") {
        return None;
    }
    let a = &r.article;
    let f = r.fig(i);
    let lead = a.slice(a.clause_at(f.number.start).start, f.start);
    let lead = lead.trim_start_matches(['其', '中', '并', '，']);
    let said = SHARE_SAID.iter().any(|w| lead.contains(w)) || lead.starts_with('占');
    if !said || SHARE_NAMED.iter().any(|w| fact.name.contains(w)) {
        return None;
    }
    Some(Failure {
        field: "name",
        message: format!(
            "{shown} in {src} is a figure of “{named}”, a share that {} does not say",
            fact.name
        ),
        hint: Some(format!(
            "name the share (`name: {}占比`), or cite the figure of the amount; {}",
            fact.name,
            passage(r, i).unwrap_or_default()
        )),
    })
}

/// 日均发送1.78万人次: an average per day or month is another quantity than the total of
/// the period; a name without the word is not of it.
fn average_unsaid(
    fact: &Fact,
    subject: &str,
    named: &str,
    shown: &str,
    src: &str,
    r: &Reading,
    i: usize,
) -> Option<Failure> {
    let w = AVERAGES
        .iter()
        .find(|w| subject.contains(*w) && !fact.name.contains(*w))?;
    Some(Failure {
        field: "name",
        message: format!(
            "{shown} in {src} is a figure of “{named}”, an average ({w}) that {} does not say",
            fact.name
        ),
        hint: passage(r, i),
    })
}

/// The change: the one the article gives of this figure.
fn check_change(c: Checking, r: &Reading, i: usize) -> Option<Failure> {
    let Checking {
        fact,
        vocab,
        shown,
        src,
        ..
    } = c;
    let a = &r.article;
    let item = &r.items[i];
    // A growth is the figure itself when the fact has no value.
    let g = fact.growth.as_ref().filter(|_| fact.value.is_some())?;
    let ok = item.change.is_some_and(|c| {
        let cf = r.fig(c);
        r.items[c].decline == g.value.is_negative()
            && cf.same_digits(a, &g.value)
            && cf.unit.as_deref() == Some(g.unit.as_str())
            && qualifier_ok(a, cf, g.qualifier.as_deref(), vocab)
    });
    if ok {
        return None;
    }
    let q = g.qualifier.as_deref();
    let want = display_figure(
        g.value.text(),
        &g.unit,
        q.and_then(|q| vocab.qualifier_place(q).map(|p| (q, p))),
    );
    let has = match item.change {
        Some(c) => format!(
            ": the article gives {}{}",
            if r.items[c].decline {
                "下降"
            } else {
                "增长"
            },
            r.fig(c).display(a)
        ),
        None => ": the article gives it no change".to_string(),
    };
    Some(Failure {
        field: "growth",
        message: format!("growth {want} of {shown} not found in {src}{has}"),
        hint: passage(r, i),
    })
}

/// The base a change started from.
fn check_base(c: Checking, r: &Reading, i: usize) -> Option<Failure> {
    let Checking {
        fact, shown, src, ..
    } = c;
    let b = fact.base.as_ref()?;
    let a = &r.article;
    let ok = r.items[i].base.is_some_and(|bi| {
        r.fig(bi).same_digits(a, &b.value) && b.year.is_none_or(|y| r.items[bi].year == Some(y))
    });
    if ok {
        return None;
    }
    let unit = fact.unit.as_deref().unwrap_or("");
    let want = match b.year {
        Some(y) => format!("{}{unit} ({y}年)", b.value),
        None => format!("{}{unit}", b.value),
    };
    Some(Failure {
        field: "base",
        message: format!("base {want} of {shown} not found in {src}"),
        hint: passage(r, i),
    })
}

/// A goal: a figure the article states as one (确保全年…增长10%以上, 力争…) is not that of a
/// fact recorded as a result, which would say as done what is only aimed at.
fn check_goal(c: Checking, r: &Reading, i: usize) -> Option<Failure> {
    let fact = c.fact;
    let aimed = |q: Option<&str>| q.is_some_and(|q| matches!(q, "力争" | "目标" | "计划"));
    if fact.target
        || aimed(fact.qualifier.as_deref())
        || aimed(fact.growth.as_ref().and_then(|g| g.qualifier.as_deref()))
    {
        return None;
    }
    if !aim_stated(&r.article, r.sentence(i), r.fig(i)) {
        return None;
    }
    Some(Failure {
        field: "name",
        message: format!(
            "{} in {} is a goal of the article, and {} is recorded as a result",
            c.shown, c.src, fact.name
        ),
        hint: Some(format!(
            "cite the figure of the result, or add `target: true` if the fact is the goal; {}",
            passage(r, i).unwrap_or_default()
        )),
    })
}

/// 每亩每年500元至900元: the two bounds of a range are two facts of one name, told apart by
/// their figures alone. A fact that another of its region repeats (name, article, year,
/// period, figure and change alike) records one figure twice, and the article's other figure
/// of it not at all.
fn recorded_twice(
    base: &FactBase,
    at: (usize, usize),
    fact: &Fact,
    shown: &str,
    src: &str,
    field: &'static str,
) -> Option<Failure> {
    let region = base.regions.get(at.0)?;
    let same = |f: &Fact| {
        f.name == fact.name
            && f.source == fact.source
            && f.year == fact.year
            && f.period == fact.period
            && f.target == fact.target
            && f.unit == fact.unit
            && f.value.as_ref().map(Number::value) == fact.value.as_ref().map(Number::value)
            && f.growth == fact.growth
    };
    let other = region
        .facts
        .iter()
        .enumerate()
        .find(|(j, f)| *j != at.1 && same(f))?;
    Some(Failure {
        field,
        message: format!(
            "{shown} of {} in {src} is recorded twice (facts {} and {} of {})",
            fact.name,
            at.1.min(other.0) + 1,
            at.1.max(other.0) + 1,
            region.id
        ),
        hint: Some(
            "one of them is meant to be another figure of the article (the other bound of a range?); correct it or remove it".to_string(),
        ),
    })
}

fn check_years(fact: &Fact, r: &Reading, i: usize, shown: &str, src: &str) -> Option<Failure> {
    if let Some(failure) = check_period(fact, r, i, shown, src) {
        return Some(failure);
    }
    let item = &r.items[i];
    let p = r.period;
    let hint = passage(r, i);
    let fail = |field: &'static str, y: i64, why: String| Failure {
        field,
        message: format!("{field} {y} of {shown} not found in {src}: {why}"),
        hint: hint.clone(),
    };
    let stated = item.year.is_some() || item.from_year.is_some();
    if stated {
        if let Some(y) = fact.year {
            match item.year {
                Some(iy) if iy == y => {}
                Some(iy) => {
                    return Some(fail("year", y, format!("its sentence names {iy}")));
                }
                // 2021年以来: a span up to the article's period.
                None if p.last == Some(y) || p.now == Some(y) => {}
                None => {
                    return Some(fail(
                        "year",
                        y,
                        format!(
                            "its sentence names {}年以来",
                            item.from_year.unwrap_or_default()
                        ),
                    ))
                }
            }
        }
        if let Some(fy) = fact.from_year {
            if item.from_year != Some(fy) {
                let named = item
                    .from_year
                    .map_or("no start".to_string(), |x| format!("{x}"));
                return Some(fail("from_year", fy, format!("its sentence names {named}")));
            }
        }
        return None;
    }
    // The sentence names no year: the article's period.
    let why = || match (p.first, p.last) {
        (Some(a), Some(b)) if a == b => {
            format!("its sentence names no year, and the article reports on {a}")
        }
        (Some(a), Some(b)) => {
            format!("its sentence names no year, and the article reports on {a}～{b}")
        }
        _ => "its sentence names no year, and the source's period names none".to_string(),
    };
    if let Some(y) = fact.year {
        if p.last != Some(y) {
            return Some(fail("year", y, why()));
        }
    }
    if let Some(fy) = fact.from_year {
        if p.first != Some(fy) || p.first == p.last {
            return Some(fail("from_year", fy, why()));
        }
    }
    None
}

/// A short excerpt around the figure most like the fact's: the same value in another unit or
/// qualifier, else a figure of the same unit, else any figure; of those, the one whose
/// clause shares most words with the name, then the nearest in value.
fn closest(r: &Reading, value: f64, unit: &str, name: &str) -> Option<String> {
    let a = &r.article;
    let figs: Vec<usize> = (0..r.items.len()).collect();
    let same_value: Vec<usize> = figs
        .iter()
        .copied()
        .filter(|&i| same_value(r.fig(i).value(), value.abs()))
        .collect();
    let same_unit: Vec<usize> = figs
        .iter()
        .copied()
        .filter(|&i| r.items[i].unit == unit)
        .collect();
    let pool = if !same_value.is_empty() {
        same_value
    } else if !same_unit.is_empty() {
        same_unit
    } else {
        figs
    };
    let words = bigrams(name);
    let score = |i: usize| {
        let s = a.sentence_at(r.fig(i).start);
        let text = a.text(s);
        words.iter().filter(|b| text.contains(b.as_str())).count()
    };
    let distance = |i: usize| (r.fig(i).value() - value).abs() / value.abs().max(1.0);
    pool.into_iter()
        .max_by(|x, y| {
            score(*x)
                .cmp(&score(*y))
                .then_with(|| distance(*y).total_cmp(&distance(*x)))
        })
        .map(|i| format!("closest passage: {}", a.excerpt(r.fig(i).start, 40)))
}

/// 餐饮、住宿、购物消费分别占…的34.2%、27.5%、18.9%: a figure of an enumeration is its own
/// item's, by position. The item a name holds instead of the figure's own, if any.
fn other_item_of_list(r: &Reading, i: usize, name: &str) -> Option<String> {
    let item = &r.items[i];
    let (p, n) = item.listed?;
    if item.shared || item.subject.is_empty() || i < p || i - p + n > r.items.len() {
        return None;
    }
    let run = i - p..i - p + n;
    if run
        .clone()
        .any(|j| r.items[j].listed != Some((j + p - i, n)))
    {
        return None;
    }
    // Items of a list differ in their first words (精细化工 | 装备制造两大主导产业): a name
    // holds an item when it holds the item's first three characters.
    let names = |j: usize| {
        let part = content_words(&r.subject_text(j));
        let key: String = part.chars().take(3).collect();
        let named = key.chars().count() >= 2 && name.contains(key.as_str());
        (named, part)
    };
    let (own, _) = names(i);
    if own {
        return None;
    }
    run.filter(|&j| j != i)
        .map(names)
        .find(|(named, _)| *named)
        .map(|(_, part)| part)
}

/// 城乡低保标准分别提高到每人每月700元和530元: a pair of figures of 城乡 is the towns' and
/// the countryside's, in that order. The side a name holds instead of the figure's own, if
/// any.
fn other_side(r: &Reading, i: usize, name: &str) -> Option<String> {
    const SIDES: [[&str; 2]; 2] = [["城镇", "城市"], ["农村", "乡村"]];
    let item = &r.items[i];
    let (p, 2) = item.listed? else {
        return None;
    };
    if !item.shared || !r.subject_text(i).contains("城乡") {
        return None;
    }
    let holds = |side: usize| SIDES[side].iter().find(|w| name.contains(**w));
    match (holds(p), holds(1 - p)) {
        (None, Some(w)) => Some(w.to_string()),
        _ => None,
    }
}

/// What the article writes of a figure whose qualifier is not the fact's. 力争到2026年…，新引进
/// 项目30个: the qualifier heads the statement, not the figure; saying only "the article writes
/// 30个" would contradict the fact's 30个.
fn as_written(a: &Article, f: &Figure, want: Option<&str>, vocab: &Vocabulary) -> String {
    let heading = qualifier_of(a, f, vocab).filter(|q| f.qualifier_word() != Some(q));
    match (heading, want) {
        (Some(q), _) => format!(
            "{} under {q}, which heads its statement (qualifier: {q})",
            f.display(a)
        ),
        (None, Some(q)) if f.qualifier.is_none() => {
            format!("{} with no qualifier {q}", f.display(a))
        }
        _ => f.display(a),
    }
}
