//! Golden files of the generated Typst source: one per region × audience, produced by the
//! real binary exactly as `brief --region ID --audience A --emit typ -o -` produces it, with
//! the date fixed. A new region file gets its three snapshots from the same glob.
//!
//! Review a change with `cargo insta review`; accept all with `INSTA_UPDATE=always cargo test`.

use crate::harness::{regions, Brief, AUDIENCES, DATE};

/// The briefing's source, or `None` for a briefing with nothing for its reader (brief refuses
/// it with a reason, which [`briefing`] records in the snapshot instead).
fn emit_typ(region: &str, audience: &str) -> Option<String> {
    briefing(region, audience).ok()
}

/// The source, or the error line of a briefing brief refuses as having nothing for its reader.
fn briefing(region: &str, audience: &str) -> Result<String, String> {
    let o = Brief::new()
        .args([
            "--region",
            region,
            "--audience",
            audience,
            "--emit",
            "typ",
            "-o",
            "-",
            "--date",
            DATE,
        ])
        .run();
    if !o.ok() && o.stderr().contains("has no fact for the") {
        return Err(o.stderr());
    }
    assert!(
        o.ok(),
        "brief failed for {region}/{audience}: {}",
        o.stderr()
    );
    Ok(String::from_utf8(o.stdout_bytes().to_vec()).expect("UTF-8 source"))
}

#[test]
fn every_briefing_matches_its_golden_source() {
    insta::glob!("../../data/regions", "*.yaml", |path| {
        let id = path.file_stem().unwrap().to_str().unwrap();
        for audience in AUDIENCES {
            let source = briefing(id, audience).unwrap_or_else(|refused| refused);
            insta::with_settings!({
                snapshot_suffix => format!("{id}-{audience}"),
                omit_expression => true,
                prepend_module_to_snapshot => false,
            }, {
                insta::assert_snapshot!("briefing", source);
            });
        }
    });
}

/// The body lines of a briefing's source: from the summary to the source list, without the
/// table scaffolding every briefing shares.
fn body_lines(source: &str) -> std::collections::BTreeSet<String> {
    let start = source.find("= 摘要").expect("a summary");
    let end = source
        .find("// The list of sources")
        .expect("a source list");
    source[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| {
            ![
                "#brief-table",
                "(",
                ")",
                "[指标]",
                "{",
                "}",
                "#bar-chart",
                "= 摘要",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_three_audiences_share_less_than_half_their_text() {
    let mut compared = 0;
    for id in regions() {
        // A briefing refused for having nothing for its reader has no text to compare: the
        // pairs with it are left out, not counted as sharing nothing.
        let bodies: Vec<_> = AUDIENCES
            .iter()
            .map(|a| emit_typ(&id, a).map(|s| body_lines(&s)))
            .collect();
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            let (Some(a), Some(b)) = (&bodies[i], &bodies[j]) else {
                continue;
            };
            assert!(!a.is_empty() && !b.is_empty(), "{id}: an empty briefing");
            compared += 1;
            let size = |set: &std::collections::BTreeSet<String>| {
                set.iter().map(|l| l.chars().count()).sum::<usize>()
            };
            let shared: usize = a.intersection(b).map(|l| l.chars().count()).sum();
            let smaller = size(a).min(size(b)).max(1);
            assert!(
                shared * 2 < smaller,
                "{id}: audiences {i} and {j} share {shared} of {smaller} characters"
            );
        }
    }
    assert!(
        compared >= regions().len(),
        "only {compared} pairs of briefings compared"
    );
}

/// In typst a space, or a source line break inside a paragraph, between two Chinese
/// characters prints as a gap.
#[test]
fn no_space_between_chinese_characters() {
    let cjk =
        |c: char| ('\u{3000}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c);
    for id in regions() {
        for audience in AUDIENCES {
            let Some(source) = emit_typ(&id, audience) else {
                continue;
            };
            let lines: Vec<&str> = source.lines().collect();
            for (n, line) in lines.iter().enumerate() {
                let chars: Vec<char> = line.chars().collect();
                for w in chars.windows(3) {
                    assert!(
                        !(cjk(w[0]) && w[1] == ' ' && cjk(w[2])),
                        "{id}/{audience}:{}: {line}",
                        n + 1
                    );
                }
                // A paragraph line (not a heading, list item or code) running on into the next.
                let Some(next) = lines.get(n + 1) else {
                    continue;
                };
                let starts_block = |l: &str| {
                    l.is_empty()
                        || ["=", "-", "+", "#", "/", "(", ")", "[", "]", "}"]
                            .iter()
                            .any(|p| l.trim_start().starts_with(p))
                };
                if !starts_block(line) && !starts_block(next) {
                    let (a, b) = (line.chars().last(), next.chars().next());
                    assert!(
                        !(a.is_some_and(cjk) && b.is_some_and(cjk)),
                        "{id}/{audience}:{}: a paragraph broken across lines",
                        n + 1
                    );
                }
            }
        }
    }
}
