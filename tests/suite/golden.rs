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

/// The source, or the error line of a briefing brief does not issue: too little of its own
/// for its reader.
fn briefing(region: &str, audience: &str) -> Result<String, String> {
    let o = Brief::new()
        .issued_only()
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
    if !o.ok() && o.stderr().contains("a briefing is issued with") {
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
