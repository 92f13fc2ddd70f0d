//! Recall and precision of `brief extract` against the bundled fact base, on the articles it
//! cites. Needs the articles, which the project does not keep:
//!
//!     BRIEF_ARTICLES=../shared/seeds cargo test --test suite extract_score -- --ignored --nocapture
//!
//! (bench/extract_score.sh runs it and writes bench/RESULTS-extract.md.)

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use brief::article::extract::drafts;
use brief::article::{display_figure, same_value};
use brief::facts::{Fact, FactBase, Vocabulary};

fn figure(f: &Fact, vocab: &Vocabulary) -> Option<(f64, String, Option<String>, bool)> {
    match (&f.value, &f.unit, &f.growth) {
        (Some(v), Some(u), _) => Some((v.value(), u.clone(), f.qualifier.clone(), false)),
        (None, _, Some(g)) => Some((g.value.value(), g.unit.clone(), g.qualifier.clone(), true)),
        _ => {
            let _ = vocab;
            None
        }
    }
}

fn shown(fig: &(f64, String, Option<String>, bool), vocab: &Vocabulary) -> String {
    let q = fig.2.as_deref();
    let s = display_figure(
        brief::facts::Number::from_f64(fig.0).text(),
        &fig.1,
        q.and_then(|q| vocab.qualifier_place(q).map(|p| (q, p))),
    );
    if fig.3 {
        format!("growth {s}")
    } else {
        s
    }
}

fn same(a: &(f64, String, Option<String>, bool), b: &(f64, String, Option<String>, bool)) -> bool {
    same_value(a.0, b.0) && a.1 == b.1 && a.2 == b.2 && a.3 == b.3
}

#[test]
#[ignore = "needs the articles: BRIEF_ARTICLES=DIR"]
fn extract_recall_and_precision() {
    let articles =
        PathBuf::from(std::env::var("BRIEF_ARTICLES").unwrap_or_else(|_| "../shared/seeds".into()));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let articles = if articles.is_relative() {
        root.join(articles)
    } else {
        articles
    };
    let base = FactBase::load(&root.join("data")).expect("the bundled fact base loads");
    let vocab = &base.vocab;
    let mut md = String::from(
        "# `brief extract` against the bundled fact base\n\n\
         Recall: share of the fact base's figures for a source (value, unit and qualifier; a \
         fact without a value counts by its growth) that extract proposes. Precision: share \
         of extract's proposals that match some figure of the fact base for that source.\n\n\
         | source | article | facts' figures | proposals | recall | precision |\n\
         | --- | --- | ---: | ---: | ---: | ---: |\n",
    );
    let mut misses = String::new();
    let mut extras = String::new();
    let (mut tf, mut tr, mut tp, mut tm) = (0, 0, 0, 0);
    for source in &base.sources {
        let Some(file) = &source.file else { continue };
        let path = articles.join(file);
        let text = brief::article::read_article(&path).unwrap_or_else(|e| {
            panic!("{e:#}\nhint: set BRIEF_ARTICLES to the articles' directory")
        });
        let props = drafts(&base, source, &text);
        let prop_figs: Vec<_> = props
            .iter()
            .filter_map(|d| {
                // A draft matches by its value, and by its growth when it has none.
                figure(&d.fact, vocab)
            })
            .collect();
        let facts: Vec<(&str, &Fact)> = base
            .regions
            .iter()
            .flat_map(|r| r.facts.iter().map(move |f| (r.id.as_str(), f)))
            .filter(|(_, f)| f.source == source.id)
            .collect();
        let fact_figs: Vec<_> = facts
            .iter()
            .filter_map(|(r, f)| figure(f, vocab).map(|fig| (*r, *f, fig)))
            .collect();
        let found = fact_figs
            .iter()
            .filter(|(_, _, fig)| prop_figs.iter().any(|p| same(p, fig)))
            .count();
        let matched = prop_figs
            .iter()
            .filter(|p| fact_figs.iter().any(|(_, _, fig)| same(p, fig)))
            .count();
        for (r, f, fig) in &fact_figs {
            if !prop_figs.iter().any(|p| same(p, fig)) {
                let _ = writeln!(
                    misses,
                    "- {}: {r} {} {}",
                    source.id,
                    f.name,
                    shown(fig, vocab)
                );
            }
        }
        for (d, p) in props.iter().zip(&prop_figs) {
            if !fact_figs.iter().any(|(_, _, fig)| same(p, fig)) {
                let _ = writeln!(
                    extras,
                    "- {}: {} {}",
                    source.id,
                    d.fact.name,
                    shown(p, vocab)
                );
            }
        }
        let pct = |a: usize, b: usize| {
            if b == 0 {
                100.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {:.1}% ({}) | {:.1}% ({}) |",
            source.id,
            file,
            fact_figs.len(),
            prop_figs.len(),
            pct(found, fact_figs.len()),
            found,
            pct(matched, prop_figs.len()),
            matched
        );
        tf += fact_figs.len();
        tr += found;
        tp += prop_figs.len();
        tm += matched;
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let _ = writeln!(
        md,
        "| all | | {tf} | {tp} | {:.1}% ({tr}) | {:.1}% ({tm}) |",
        pct(tr, tf),
        pct(tm, tp)
    );
    let _ = write!(
        md,
        "\n## Figures of the fact base that extract misses\n\n{}\n## Proposals that match no figure of the fact base\n\n{}",
        if misses.is_empty() { "(none)\n".to_string() } else { misses },
        if extras.is_empty() { "(none)\n".to_string() } else { extras }
    );
    println!("{md}");
    if let Ok(out) = std::env::var("EXTRACT_SCORE_OUT") {
        std::fs::write(out, &md).expect("write the results");
    }
}
