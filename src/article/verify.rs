//! `brief verify`: every figure of the fact base against the article it cites.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{
    current_year, display_figure, figures, growth_word_before, is_decline, read_article,
    same_value, shared_bigrams, years_in, Article, Figure,
};
use crate::facts::positions::PosIndex;
use crate::facts::vocab::RANK;
use crate::facts::{Fact, FactBase, QualifierPlace, Source, Vocabulary};

/// Before-words that say a figure was reached or summed, not how exact it is: an article's
/// `达142亿元` is the fact's plain `142亿元`.
pub const REACHING: [&str; 5] = ["达", "达到", "累计", "共", "共有"];

/// The result of a whole run.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems and notes, each one or more lines, in fact-base order.
    pub lines: Vec<String>,
    pub facts: usize,
    pub figures: usize,
    pub verified: usize,
    pub unverified: usize,
    /// Of the unverified: figures whose source has no article to read.
    pub unchecked: usize,
    pub reviewed: usize,
    pub warnings: usize,
    /// Reviewed facts, listed apart.
    pub reviewed_lines: Vec<String>,
}

impl Report {
    pub fn summary(&self) -> String {
        let unchecked = if self.unchecked > 0 {
            format!(" ({} without their article)", self.unchecked)
        } else {
            String::new()
        };
        let mut s = format!(
            "{} facts, {} figures: {} verified, {} unverified{unchecked}, {} reviewed",
            self.facts, self.figures, self.verified, self.unverified, self.reviewed
        );
        if self.warnings > 0 {
            let _ = write!(
                s,
                ", {} warning{}",
                self.warnings,
                if self.warnings == 1 { "" } else { "s" }
            );
        }
        s
    }
}

/// A source's article, read and parsed once.
struct Loaded {
    article: Article,
    figures: Vec<Figure>,
    file: String,
}

/// What was wrong with the closest reading of a fact's figure.
#[derive(Debug)]
pub struct Failure {
    /// The path of the field to point at: `value`, `growth`, `base`, `year`.
    pub field: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

/// The outcome of one fact.
#[derive(Debug)]
pub enum Outcome {
    Verified {
        /// Set when the sentence shares no word with the fact's name.
        name_warning: Option<String>,
    },
    Failed(Failure),
}

pub fn run(base: &FactBase, articles: &Path) -> Report {
    let mut report = Report::default();
    let mut loaded: HashMap<String, Option<Loaded>> = HashMap::new();
    let mut source_problems: Vec<String> = Vec::new();
    for region in &base.regions {
        let text = std::fs::read_to_string(&region.file).unwrap_or_default();
        let pos = PosIndex::build(&text);
        for (i, fact) in region.facts.iter().enumerate() {
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
                    fact.source
                ));
                continue;
            };
            let entry = loaded.entry(source.id.clone()).or_insert_with(|| {
                match load(source, articles, &base.vocab) {
                    Ok(l) => Some(l),
                    Err(msg) => {
                        source_problems.push(msg);
                        None
                    }
                }
            });
            let Some(l) = entry.as_ref() else {
                if fact.reviewed.is_some() {
                    report.reviewed += 1;
                } else {
                    report.unverified += 1;
                    report.unchecked += 1;
                }
                continue;
            };
            let outcome = check_fact(fact, source, &l.article, &l.figures, &base.vocab, &l.file);
            if let Some(reason) = &fact.reviewed {
                report.reviewed += 1;
                let mut line = format!(
                    "{}: {} — {reason}",
                    at("reviewed"),
                    fact_figure(fact, &base.vocab)
                );
                if matches!(outcome, Outcome::Verified { .. }) {
                    line.push_str(
                        "\n  note: this figure now verifies; the `reviewed` field can go",
                    );
                }
                report.reviewed_lines.push(line);
                continue;
            }
            match outcome {
                Outcome::Verified { name_warning } => {
                    report.verified += 1;
                    if let Some(w) = name_warning {
                        report.warnings += 1;
                        report.lines.push(format!("{}: warning: {w}", at("name")));
                    }
                }
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
    let mut lines = source_problems;
    lines.append(&mut report.lines);
    report.lines = lines;
    report
}

fn load(source: &Source, dir: &Path, vocab: &Vocabulary) -> Result<Loaded, String> {
    let Some(file) = &source.file else {
        return Err(format!(
            "source {}: no article file, so its figures cannot be checked\n  hint: add `file: <name>.txt` to its entry in sources.yaml and put the article in {}",
            source.id,
            dir.display()
        ));
    };
    let path: PathBuf = dir.join(file);
    if !path.exists() {
        return Err(format!(
            "source {}: article {} not found, so its figures cannot be checked\n  hint: pass --articles DIR (or set BRIEF_ARTICLES) for the directory that holds {file}",
            source.id,
            path.display()
        ));
    }
    let text = read_article(&path).map_err(|e| format!("source {}: {e:#}", source.id))?;
    let article = Article::parse(&text);
    Ok(Loaded {
        figures: figures(&article, vocab),
        article,
        file: file.clone(),
    })
}

/// The fact's figure as printed: 预计142亿元, or its growth when it has no value.
pub fn fact_figure(fact: &Fact, vocab: &Vocabulary) -> String {
    let vocab_place = |q: &str| vocab.qualifier_place(q);
    if let (Some(v), Some(u)) = (&fact.value, fact.unit.as_deref()) {
        let q = fact.qualifier.as_deref();
        display_figure(v.text(), u, q.and_then(|q| vocab_place(q).map(|p| (q, p))))
    } else if let Some(g) = &fact.growth {
        let q = g.qualifier.as_deref();
        format!(
            "growth {}",
            display_figure(
                g.value.text(),
                &g.unit,
                q.and_then(|q| vocab_place(q).map(|p| (q, p)))
            )
        )
    } else {
        String::new()
    }
}

/// Whether a figure of the article reads as `value` `unit`, whatever its qualifier.
fn reads_as(f: &Figure, value: f64, unit: &str, vocab: &Vocabulary) -> bool {
    if f.year || !same_value(f.value(), value.abs()) {
        return false;
    }
    match f.unit.as_deref() {
        Some(u) => u == unit,
        // 全省第二: a rank without its measure word.
        None => f.ordinal && vocab.measure(unit) == Some(RANK),
    }
}

/// Whether the article's qualifier of `f` is the fact's `want`.
fn qualifier_ok(a: &Article, f: &Figure, want: Option<&str>, vocab: &Vocabulary) -> bool {
    let have = f.qualifier.as_ref();
    match want {
        None => match have {
            None => true,
            Some((w, QualifierPlace::Before)) => REACHING.contains(&w.as_str()),
            Some(_) => false,
        },
        Some(q) => {
            if have.is_some_and(|(w, _)| w == q) {
                return true;
            }
            if vocab.qualifier_place(q) != Some(QualifierPlace::Before) {
                return false;
            }
            // 预计、有望 stand at the head of the clause or sentence: 预计2022年实现…142亿元.
            let adjacent_ok = match have {
                None => true,
                Some((w, QualifierPlace::Before)) => REACHING.contains(&w.as_str()),
                Some(_) => false,
            };
            let s = a.sentence_at(f.number.start);
            adjacent_ok && a.slice(s.start, f.start).contains(q)
        }
    }
}

fn file_note(source: &Source, file: &str) -> String {
    format!("{} ({file})", source.id)
}

/// Checks one fact against its article.
pub fn check_fact(
    fact: &Fact,
    source: &Source,
    a: &Article,
    figs: &[Figure],
    vocab: &Vocabulary,
    file: &str,
) -> Outcome {
    let figs_owned;
    let figs = if figs.is_empty() {
        figs_owned = figures(a, vocab);
        &figs_owned[..]
    } else {
        figs
    };
    let src = file_note(source, file);
    let current = current_year(source);

    // The primary figure: the value, else the growth.
    let (number, unit, qual, is_growth) = match (&fact.value, fact.unit.as_deref(), &fact.growth) {
        (Some(v), Some(u), _) => (v, u.to_string(), fact.qualifier.clone(), false),
        (_, _, Some(g)) => (&g.value, g.unit.clone(), g.qualifier.clone(), true),
        _ => {
            return Outcome::Verified { name_warning: None };
        }
    };
    let value = number.value();
    let shown = display_figure(
        number.text(),
        &unit,
        qual.as_deref()
            .and_then(|q| vocab.qualifier_place(q).map(|p| (q, p))),
    );
    let same: Vec<&Figure> = figs
        .iter()
        .filter(|f| reads_as(f, value, &unit, vocab))
        .filter(|f| !is_growth || growth_sign_ok(a, f, value))
        .collect();
    if same.is_empty() {
        return Outcome::Failed(Failure {
            field: if is_growth { "growth" } else { "value" },
            message: format!(
                "{}{shown} not found in {src}",
                if is_growth { "growth " } else { "" }
            ),
            hint: closest(a, figs, value, &unit, &fact.name),
        });
    }
    let good: Vec<&Figure> = same
        .iter()
        .copied()
        .filter(|f| qualifier_ok(a, f, qual.as_deref(), vocab))
        .collect();
    if good.is_empty() {
        let f = same[0];
        return Outcome::Failed(Failure {
            field: if is_growth { "growth" } else { "value" },
            message: format!(
                "{}{shown} not found in {src}: the article writes {}",
                if is_growth { "growth " } else { "" },
                f.display(a)
            ),
            hint: Some(format!("closest passage: {}", a.excerpt(f.start, 40))),
        });
    }

    // Each reading, with the first check it fails.
    let mut best: Option<(usize, &Figure, Option<Failure>)> = None;
    for f in good {
        let s = a.sentence_at(f.number.start);
        let failure = (!is_growth)
            .then(|| check_growth(fact, a, figs, s, f, vocab, &src))
            .flatten()
            .or_else(|| {
                (!is_growth)
                    .then(|| check_base(fact, a, figs, s, f, current, &src))
                    .flatten()
            })
            .or_else(|| check_years(fact, a, s, f, current, &shown, &src));
        let score = shared_bigrams(&fact.name, &a.text(s));
        let better = match &best {
            None => true,
            Some((bs, _, bf)) => {
                (failure.is_none() && bf.is_some())
                    || (failure.is_some() == bf.is_some() && score > *bs)
            }
        };
        if better {
            best = Some((score, f, failure));
        }
    }
    let (score, f, failure) = best.expect("at least one reading");
    if let Some(failure) = failure {
        return Outcome::Failed(failure);
    }
    let name_warning = (score == 0 && !super::bigrams(&fact.name).is_empty()).then(|| {
        format!(
            "the name {} shares no words with the sentence of {} in {src}",
            fact.name,
            f.display(a)
        )
    });
    Outcome::Verified { name_warning }
}

/// A growth figure's sign: negative only after a word of decline.
fn growth_sign_ok(a: &Article, f: &Figure, value: f64) -> bool {
    let word = growth_word_before(a, f.number.start);
    let declines = word.is_some_and(is_decline);
    (value < 0.0) == declines
}

fn check_growth(
    fact: &Fact,
    a: &Article,
    figs: &[Figure],
    s: super::Span,
    main: &Figure,
    vocab: &Vocabulary,
    src: &str,
) -> Option<Failure> {
    let g = fact.growth.as_ref()?;
    let found = figs.iter().any(|f| {
        f.number.start >= s.start
            && f.number.end <= s.end
            && f.number.start != main.number.start
            && reads_as(f, g.value.value(), &g.unit, vocab)
            && growth_sign_ok(a, f, g.value.value())
            && qualifier_ok(a, f, g.qualifier.as_deref(), vocab)
    });
    if found {
        return None;
    }
    let q = g.qualifier.as_deref();
    let shown = display_figure(
        g.value.text(),
        &g.unit,
        q.and_then(|q| vocab.qualifier_place(q).map(|p| (q, p))),
    );
    Some(Failure {
        field: "growth",
        message: format!(
            "growth {shown} of {} not found in {src} (looked in the sentence of the figure)",
            main.display(a)
        ),
        hint: Some(format!("closest passage: {}", a.excerpt(main.start, 40))),
    })
}

fn check_base(
    fact: &Fact,
    a: &Article,
    figs: &[Figure],
    s: super::Span,
    main: &Figure,
    current: Option<i64>,
    src: &str,
) -> Option<Failure> {
    let b = fact.base.as_ref()?;
    let unit = fact.unit.as_deref()?;
    let found = figs.iter().any(|f| {
        f.number.start >= s.start
            && f.number.end <= s.end
            && f.number.start != main.number.start
            && !f.year
            && same_value(f.value(), b.value.value())
            && f.unit.as_deref() == Some(unit)
    });
    let year_ok = b.year.is_none_or(|y| {
        years_in(a, s.start, s.end, current)
            .iter()
            .any(|(yy, _)| *yy == y)
    });
    if found && year_ok {
        return None;
    }
    let what = match b.year {
        Some(y) => format!("{}{unit} ({y}年)", b.value),
        None => format!("{}{unit}", b.value),
    };
    Some(Failure {
        field: "base",
        message: format!(
            "base {what} of {} not found in {src} (looked in the sentence of the figure)",
            main.display(a)
        ),
        hint: Some(format!("closest passage: {}", a.excerpt(main.start, 40))),
    })
}

/// The year: a year the sentence names before the figure (time comes first in Chinese:
/// 2021年，…达22862元); when none stands before it, one the sentence or paragraph names
/// elsewhere, or the year the source reports on.
fn check_years(
    fact: &Fact,
    a: &Article,
    s: super::Span,
    main: &Figure,
    current: Option<i64>,
    shown: &str,
    src: &str,
) -> Option<Failure> {
    let p = a.paragraphs[s.para];
    let in_sentence = years_in(a, s.start, s.end, current);
    let before: Vec<i64> = in_sentence
        .iter()
        .filter(|(_, at)| *at < main.start)
        .map(|(y, _)| *y)
        .collect();
    let in_para: Vec<i64> = years_in(a, p.start, p.end, current)
        .into_iter()
        .map(|(y, _)| y)
        .collect();
    for (field, want) in [("year", fact.year), ("from_year", fact.from_year)] {
        let Some(y) = want else { continue };
        let ok = if !before.is_empty() {
            // A span (2018年至2019年) covers the years between its ends.
            let spanned = fact.from_year.is_some()
                && field == "year"
                && before.iter().min().is_some_and(|lo| *lo <= y)
                && before.iter().max().is_some_and(|hi| y <= *hi);
            before.contains(&y) || spanned
        } else {
            in_sentence.iter().any(|(yy, _)| *yy == y)
                || in_para.contains(&y)
                || (field == "year" && current == Some(y))
        };
        if !ok {
            let mut named: Vec<String> = if before.is_empty() {
                in_para.iter().map(|y| format!("{y}")).collect()
            } else {
                before.iter().map(|y| format!("{y}")).collect()
            };
            named.dedup();
            return Some(Failure {
                field,
                message: format!(
                    "{field} {y} of {shown} not found in {src}{}",
                    if named.is_empty() {
                        String::new()
                    } else {
                        format!(": the passage names {}", named.join(", "))
                    }
                ),
                hint: Some(format!("closest passage: {}", a.excerpt(main.start, 40))),
            });
        }
    }
    None
}

/// A short excerpt around the figure most like the fact's: the same value in another unit or
/// qualifier, else a figure of the same unit, else any figure; of those, the one whose
/// sentence shares most words with the name, then the nearest in value.
fn closest(a: &Article, figs: &[Figure], value: f64, unit: &str, name: &str) -> Option<String> {
    let figs: Vec<&Figure> = figs
        .iter()
        .filter(|f| !f.year && f.unit.is_some())
        .collect();
    let same_value: Vec<&Figure> = figs
        .iter()
        .copied()
        .filter(|f| same_value(f.value(), value.abs()))
        .collect();
    let same_unit: Vec<&Figure> = figs
        .iter()
        .copied()
        .filter(|f| f.unit.as_deref() == Some(unit))
        .collect();
    let pool = if !same_value.is_empty() {
        same_value
    } else if !same_unit.is_empty() {
        same_unit
    } else {
        figs
    };
    let score = |f: &Figure| shared_bigrams(name, &a.text(a.sentence_at(f.start)));
    let distance = |f: &Figure| (f.value() - value).abs() / value.abs().max(1.0);
    pool.into_iter()
        .max_by(|x, y| {
            score(x)
                .cmp(&score(y))
                .then_with(|| distance(y).total_cmp(&distance(x)))
        })
        .map(|f| format!("closest passage: {}", a.excerpt(f.start, 40)))
}
