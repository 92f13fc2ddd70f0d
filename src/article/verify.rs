//! `brief verify`: every figure of the fact base against the article it cites — this figure,
//! of this thing, in this year, as the article prints it.
//!
//! A fact verifies when its article has a figure with its digits, unit and qualifier whose
//! clause names the fact's subject (its name's words, or a word the vocabulary lists for its
//! key), whose change and base are the fact's, and whose sentence names the fact's year (or,
//! naming none, the article reports on that year). A clause that names another fact of the
//! same article better than this one is that fact's, not this one's.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::figure::{display_figure, same_value};
use super::period::Period;
use super::reading::qualifier::qualifier_ok;
use super::reading::words::content_words;
use super::reading::{is_change_unit, Reading, Role};
use super::{bigrams, read_article_in};
use crate::facts::positions::PosIndex;
use crate::facts::vocab::RANK;
use crate::facts::{Fact, FactBase, Number, Region, Source, Vocabulary};

/// The result of a whole run.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems and notes, each one or more lines, in fact-base order.
    pub lines: Vec<String>,
    pub facts: usize,
    pub figures: usize,
    pub verified: usize,
    pub unverified: usize,
    /// Figures whose source has no article at hand: not checked, and no failure unless the
    /// run asked for that source.
    pub unchecked: usize,
    /// Of the unchecked: those of a source the run asked for.
    pub unchecked_asked: usize,
    pub reviewed: usize,
    /// Reviewed facts, listed apart.
    pub reviewed_lines: Vec<String>,
}

impl Report {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} facts, {} figures: {} verified, {} unverified, {} reviewed",
            self.facts, self.figures, self.verified, self.unverified, self.reviewed
        );
        if self.unchecked > 0 {
            let _ = write!(s, ", {} not checked (no article at hand)", self.unchecked);
        }
        s
    }

    /// Whether the run failed: a figure that does not verify, or one of a source the run
    /// asked for whose article is missing.
    pub fn failed(&self) -> bool {
        self.unverified > 0 || self.unchecked_asked > 0
    }
}

/// Which facts a run checks.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only the facts citing this source.
    pub source: Option<String>,
    /// Only the facts of this region.
    pub region: Option<String>,
}

/// A source's article, read once.
pub struct Loaded {
    pub reading: Reading,
    pub file: String,
}

/// What was wrong with the closest reading of a fact's figure.
#[derive(Debug)]
pub struct Failure {
    /// The path of the field to point at: `value`, `growth`, `base`, `year`, `name`.
    pub field: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

/// The outcome of one fact.
#[derive(Debug)]
pub enum Outcome {
    Verified,
    Failed(Failure),
}

/// The articles of a fact base, each read once.
pub struct Articles<'b> {
    base: &'b FactBase,
    dir: PathBuf,
    loaded: HashMap<String, Result<Loaded, String>>,
}

impl<'b> Articles<'b> {
    pub fn new(base: &'b FactBase, dir: &Path) -> Articles<'b> {
        Articles {
            base,
            dir: dir.to_path_buf(),
            loaded: HashMap::new(),
        }
    }

    /// The source's article, or why it cannot be read (one line and a hint).
    pub fn get(&mut self, source: &Source) -> &Result<Loaded, String> {
        let (dir, vocab) = (&self.dir, &self.base.vocab);
        self.loaded
            .entry(source.id.clone())
            .or_insert_with(|| load(source, dir, vocab))
    }
}

fn load(source: &Source, dir: &Path, vocab: &Vocabulary) -> Result<Loaded, String> {
    let Some(file) = &source.file else {
        return Err(format!(
            "source {}: no article file, so its figures are not checked\n  hint: add `file: <name>.txt` to its entry in sources.yaml and put the article in {}",
            source.id,
            dir.display()
        ));
    };
    let path: PathBuf = dir.join(file);
    if std::fs::symlink_metadata(&path).is_err() {
        return Err(format!(
            "source {}: article {} not found, so its figures are not checked\n  hint: pass --articles DIR (or set BRIEF_ARTICLES) for the directory that holds {file}",
            source.id,
            path.display()
        ));
    }
    let text = read_article_in(dir, file).map_err(|e| {
        let mut msg = format!("source {}: {e}", source.id);
        if let Some(h) = e.downcast_ref::<crate::error::Hinted>() {
            msg = format!("source {}: {}", source.id, h.message);
            for hint in &h.hints {
                let _ = write!(msg, "\n  hint: {hint}");
            }
        }
        msg
    })?;
    Ok(Loaded {
        reading: Reading::new(&text, vocab, Period::of(source)),
        file: file.clone(),
    })
}

pub fn run(base: &FactBase, articles: &Path, filter: &Filter) -> Report {
    let mut report = Report::default();
    let mut store = Articles::new(base, articles);
    let names = Names::new(base);
    let mut source_lines: Vec<String> = Vec::new();
    let mut reported: Vec<String> = Vec::new();
    for (ri, region) in base.regions.iter().enumerate() {
        if filter.region.as_ref().is_some_and(|r| *r != region.id) {
            continue;
        }
        let text = std::fs::read_to_string(&region.file).unwrap_or_default();
        let pos = PosIndex::build(&text);
        for (i, fact) in region.facts.iter().enumerate() {
            if filter.source.as_ref().is_some_and(|s| *s != fact.source) {
                continue;
            }
            report.facts += 1;
            if fact.value.is_none() && fact.growth.is_none() {
                continue;
            }
            report.figures += 1;
            let at = |field: &str| {
                let idx = i.to_string();
                let (l, c) = pos.get(&["facts", &idx, field]);
                format!("{}:{l}:{c}", region.file.display())
            };
            let Some(source) = base.source(&fact.source) else {
                report.unverified += 1;
                report.lines.push(format!(
                    "{}: source {} is not in sources.yaml\n  hint: run `brief check`",
                    at("source"),
                    crate::facts::shown(&fact.source)
                ));
                continue;
            };
            let loaded = match store.get(source) {
                Ok(l) => l,
                Err(msg) => {
                    if !reported.contains(&source.id) {
                        reported.push(source.id.clone());
                        source_lines.push(msg.clone());
                    }
                    if fact.reviewed.is_some() {
                        report.reviewed += 1;
                    } else {
                        report.unchecked += 1;
                        if filter.source.is_some() {
                            report.unchecked_asked += 1;
                        }
                    }
                    continue;
                }
            };
            let outcome = check_fact(base, &names, (ri, i), fact, source, loaded);
            if let Some(reason) = &fact.reviewed {
                report.reviewed += 1;
                let mut line = format!(
                    "{}: {} — {reason}",
                    at("reviewed"),
                    fact_figure(fact, &base.vocab)
                );
                if matches!(outcome, Outcome::Verified) {
                    line.push_str(
                        "\n  note: this figure now verifies; the `reviewed` field can go",
                    );
                }
                report.reviewed_lines.push(line);
                continue;
            }
            match outcome {
                Outcome::Verified => report.verified += 1,
                Outcome::Failed(f) => {
                    report.unverified += 1;
                    let mut line = format!("{}: {}", at(f.field), f.message);
                    if let Some(h) = f.hint {
                        let _ = write!(line, "\n  hint: {h}");
                    }
                    report.lines.push(line);
                }
            }
        }
    }
    // Problems of sources come first: they explain every figure they leave unchecked.
    let mut lines = source_lines;
    lines.append(&mut report.lines);
    report.lines = lines;
    report
}

/// The fact's figure as printed: 预计142亿元, or its growth when it has no value.
pub fn fact_figure(fact: &Fact, vocab: &Vocabulary) -> String {
    let shown = |n: &Number, u: &str, q: Option<&str>| {
        display_figure(
            n.text(),
            u,
            q.and_then(|q| vocab.qualifier_place(q).map(|p| (q, p))),
        )
    };
    if let (Some(v), Some(u)) = (&fact.value, fact.unit.as_deref()) {
        shown(v, u, fact.qualifier.as_deref())
    } else if let Some(g) = &fact.growth {
        format!(
            "growth {}",
            shown(&g.value, &g.unit, g.qualifier.as_deref())
        )
    } else {
        String::new()
    }
}

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

/// How a name is found in a clause: how many of its words' bigrams the clause holds, of how
/// many, and how many of its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Match {
    covered: usize,
    total: usize,
    chars: usize,
    chars_total: usize,
}

impl Match {
    /// At least half the name's words, or two of them and two thirds of its characters
    /// (省外游客占比 in 游客中三成以上来自省外).
    fn enough(&self) -> bool {
        self.total > 0
            && (2 * self.covered >= self.total
                || (self.covered >= 2 && 3 * self.chars >= 2 * self.chars_total))
    }

    /// Whether `other` names the clause better: more of its words, and no fewer in share.
    fn beaten_by(&self, other: &Match) -> bool {
        other.covered > self.covered && other.covered * self.total >= self.covered * other.total
    }
}

/// A name's words for matching: its bigrams, without the region's names, years and
/// quotation marks.
fn name_bigrams(name: &str, region: &Region, parent: Option<&Region>) -> Vec<String> {
    let mut s = name.to_string();
    let mut names: Vec<&str> = vec![&region.name, &region.short];
    if let Some(p) = parent {
        names.push(&p.name);
        names.push(&p.short);
    }
    names.extend(region.aliases.iter().map(String::as_str));
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for n in names {
        if n.chars().count() >= 2 {
            s = s.replace(n, "");
        }
    }
    let mut out = bigrams(&s);
    if out.is_empty() {
        let cjk: String = s.chars().filter(|c| super::is_cjk(*c)).collect();
        if !cjk.is_empty() {
            out.push(cjk);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Text with its years (2019年) taken out: 2019年制种面积 names 制种面积, not 年制种.
fn without_years(text: &str) -> String {
    let cs: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_digit() {
            let mut j = i;
            while j < cs.len() && cs[j].is_ascii_digit() {
                j += 1;
            }
            if j - i == 4 && cs.get(j) == Some(&'年') {
                out.push('…');
                i = j + 1;
                continue;
            }
            out.extend(&cs[i..j]);
            i = j;
            continue;
        }
        out.push(cs[i]);
        i += 1;
    }
    out
}

fn found(words: &[String], text: &str) -> Match {
    let mut chars: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    Match {
        covered: words.iter().filter(|b| text.contains(b.as_str())).count(),
        total: words.len(),
        chars: chars.iter().filter(|c| text.contains(**c)).count(),
        chars_total: chars.len(),
    }
}

/// A fact's subject in a clause: full when a word the vocabulary lists for its key stands
/// there.
fn subject_match(fact: &Fact, words: &[String], text: &str, vocab: &Vocabulary) -> Match {
    let synonym = fact
        .key
        .as_deref()
        .is_some_and(|k| vocab.subjects(k).iter().any(|w| text.contains(w.as_str())));
    if synonym {
        let n = words.len().max(1);
        return Match {
            covered: n,
            total: n,
            chars: 1,
            chars_total: 1,
        };
    }
    found(words, text)
}

/// The names of a fact base's facts, by the source they cite, with their words: what a
/// clause may name instead of the fact checked. Built once for a run; a fact is looked up
/// by its place (region, fact) in whichever fact base is checked, so that a changed copy
/// with the same names can use it.
pub struct Names {
    by_source: HashMap<String, SourceNames>,
}

struct SourceNames {
    /// (region, fact, the name's words).
    list: Vec<(usize, usize, Vec<String>)>,
    /// word → the entries whose name (or key's subjects) holds it.
    index: HashMap<String, Vec<usize>>,
}

impl Names {
    pub fn new(base: &FactBase) -> Names {
        let mut by_source: HashMap<String, SourceNames> = HashMap::new();
        for (ri, r) in base.regions.iter().enumerate() {
            let parent = r.parent.as_deref().and_then(|p| base.region(p));
            for (fi, f) in r.facts.iter().enumerate() {
                let entry = by_source
                    .entry(f.source.clone())
                    .or_insert_with(|| SourceNames {
                        list: Vec::new(),
                        index: HashMap::new(),
                    });
                let words = name_bigrams(&f.name, r, parent);
                let n = entry.list.len();
                let mut keys: Vec<String> = words.clone();
                if let Some(k) = f.key.as_deref() {
                    keys.extend(base.vocab.subjects(k).iter().flat_map(|w| bigrams(w)));
                }
                keys.sort();
                keys.dedup();
                for w in keys {
                    entry.index.entry(w).or_default().push(n);
                }
                entry.list.push((ri, fi, words));
            }
        }
        Names { by_source }
    }

    /// The fact of the same source, named otherwise than `fact`, that names `text` better
    /// than `m`, if any; `skip` passes over some.
    #[allow(clippy::too_many_arguments)]
    fn better<'b>(
        &self,
        base: &'b FactBase,
        at: (usize, usize),
        fact: &Fact,
        m: &Match,
        text: &str,
        skip: &dyn Fn(&Fact) -> bool,
    ) -> Option<&'b Fact> {
        let names = self.by_source.get(&fact.source)?;
        let mut candidates: Vec<usize> = bigrams(text)
            .iter()
            .filter_map(|w| names.index.get(w))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|n| {
                let (r, i, words) = &names.list[n];
                let f = base.regions.get(*r)?.facts.get(*i)?;
                ((*r, *i) != at && f.name != fact.name && !skip(f)).then_some((f, words))
            })
            .map(|(f, w)| (f, subject_match(f, w, text, &base.vocab)))
            .filter(|(_, pm)| m.beaten_by(pm) && pm.enough())
            .max_by_key(|(_, pm)| pm.covered)
            .map(|(f, _)| f)
    }
}

/// The other facts of the article that may name a clause better than the fact checked.
struct Peers<'a> {
    base: &'a FactBase,
    names: &'a Names,
    at: (usize, usize),
    fact: &'a Fact,
}

impl<'a> Peers<'a> {
    fn better(&self, m: &Match, text: &str, skip: &dyn Fn(&Fact) -> bool) -> Option<&'a Fact> {
        self.names
            .better(self.base, self.at, self.fact, m, text, skip)
    }
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
        return Outcome::Failed(Failure {
            field,
            message: format!(
                "{what}{shown} not found in {src}: the article writes {}",
                r.fig(i).display(a)
            ),
            hint: Some(format!(
                "closest passage: {}",
                a.excerpt(r.fig(i).start, 40)
            )),
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
    // Each reading, with the first check it fails; the reading that gets furthest wins.
    let mut best: Option<(usize, usize, Option<Failure>)> = None;
    for i in good {
        let (stage, failure) = check_reading(fact, r, i, &words, &peers, vocab, &shown, &src);
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

/// The checks of one reading of a fact, in order: subject, change, base, year. Returns how
/// many passed and the first failure.
#[allow(clippy::too_many_arguments)]
fn check_reading(
    fact: &Fact,
    r: &Reading,
    i: usize,
    words: &[String],
    peers: &Peers,
    vocab: &Vocabulary,
    shown: &str,
    src: &str,
) -> (usize, Option<Failure>) {
    let a = &r.article;
    let f = r.fig(i);
    let passage = || Some(format!("closest passage: {}", a.excerpt(f.start, 40)));
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
    let named = content_words(&subject);
    let named: String = named.chars().take(24).collect();
    if !((mown.covered >= mown.total.min(2) || within_name) && wide.enough()) {
        return (
            0,
            Some(Failure {
                field: "name",
                message: format!(
                    "{shown} in {src} is a figure of “{named}”, which does not name {}",
                    fact.name
                ),
                hint: Some(format!(
                    "correct the figure or the name, list the article's word for a key under `subjects:` in vocabulary.yaml, or add `reviewed: \"<why>\"`; {}",
                    passage().unwrap_or_default()
                )),
            }),
        );
    }
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
    if let Some(other) = peers
        .better(&m, &subject, &elsewhere)
        .filter(|_| !r.items[i].shared)
    {
        return (
            0,
            Some(Failure {
                field: "name",
                message: format!(
                    "{shown} in {src} is a figure of “{named}”, which names {} rather than {}",
                    other.name, fact.name
                ),
                hint: passage(),
            }),
        );
    }
    let item = &r.items[i];
    let is_growth = fact.value.is_none();
    // The change: the one the article gives of this figure.
    if let (false, Some(g)) = (is_growth, &fact.growth) {
        let ok = item.change.is_some_and(|c| {
            let cf = r.fig(c);
            r.items[c].decline == g.value.is_negative()
                && cf.same_digits(a, &g.value)
                && cf.unit.as_deref() == Some(g.unit.as_str())
                && qualifier_ok(a, cf, g.qualifier.as_deref(), vocab)
        });
        if !ok {
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
            return (
                1,
                Some(Failure {
                    field: "growth",
                    message: format!("growth {want} of {shown} not found in {src}{has}"),
                    hint: passage(),
                }),
            );
        }
    }
    // The base.
    if let Some(b) = &fact.base {
        let ok = item.base.is_some_and(|bi| {
            r.fig(bi).same_digits(a, &b.value) && b.year.is_none_or(|y| r.items[bi].year == Some(y))
        });
        if !ok {
            let unit = fact.unit.as_deref().unwrap_or("");
            let want = match b.year {
                Some(y) => format!("{}{unit} ({y}年)", b.value),
                None => format!("{}{unit}", b.value),
            };
            return (
                2,
                Some(Failure {
                    field: "base",
                    message: format!("base {want} of {shown} not found in {src}"),
                    hint: passage(),
                }),
            );
        }
    }
    // The year: the one the sentence names before the figure, else the article's period.
    if let Some(failure) = check_years(fact, r, i, shown, src) {
        return (3, Some(failure));
    }
    (4, None)
}

fn check_years(fact: &Fact, r: &Reading, i: usize, shown: &str, src: &str) -> Option<Failure> {
    let item = &r.items[i];
    let p = r.period;
    let a = &r.article;
    let hint = Some(format!(
        "closest passage: {}",
        a.excerpt(r.fig(i).start, 40)
    ));
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
