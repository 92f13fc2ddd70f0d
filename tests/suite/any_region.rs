//! A region of another province, from an article the bundled fact base never cites
//! (tests/fixtures/other-province): it checks, and its three briefings print every figure
//! it carries and no word of the bundled province.

use std::path::PathBuf;

use brief::facts::FactBase;
use brief::render::{format_change, format_quantity};

use crate::harness::{root, squeeze, Brief, AUDIENCES, DATE};
use crate::pdf;

fn fixture() -> PathBuf {
    root().join("tests/fixtures/other-province")
}

#[test]
fn a_region_of_another_province_prints_every_figure_and_no_word_of_jiangxi() {
    Brief::new()
        .args(["check", "--data"])
        .arg(fixture())
        .run()
        .success();
    let base = FactBase::load(&fixture()).unwrap();
    let region = base.region("shili").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for audience in AUDIENCES {
        let out = tmp.path().join(format!("shili-{audience}.pdf"));
        Brief::new()
            .args(["--data"])
            .arg(fixture())
            .args(["-r", "示例", "-a", audience, "--date", DATE, "-o"])
            .arg(&out)
            .run()
            .success();
        let text = squeeze(&pdf::text(&out));
        for word in ["江西", "赣", "萍乡", "湘赣"] {
            assert!(!text.contains(word), "{audience}: `{word}` in {text}");
        }
        texts.push(text);
    }
    // Every figure the facts carry appears in at least one of the three briefings; those a
    // reader reads by default appear in that reader's briefing.
    for f in &region.facts {
        let mut wanted = Vec::new();
        if let (Some(v), Some(u)) = (f.value, &f.unit) {
            wanted.push(format_quantity(&base.vocab, v, u, f.qualifier.as_deref()));
        }
        if let Some(c) = format_change(&base.vocab, f) {
            wanted.push(c);
        }
        for w in wanted {
            let w = squeeze(&w);
            let first = f.audiences()[0];
            let i = AUDIENCES.iter().position(|a| *a == first.as_str()).unwrap();
            assert!(
                texts[i].contains(&w),
                "{} ({}): {w} missing from the {first} briefing",
                f.name,
                f.kind.as_str()
            );
        }
    }
}
