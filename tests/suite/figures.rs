//! Figures print as the fact base writes them, which is as the article prints them (their
//! digits ungrouped unless the office says otherwise): a
//! county bulletin's 1313.70亿元 and 增长18.0% (tests/fixtures/bulletin), read back from the
//! PDFs (the bulletin has nothing for tourism).

use std::path::PathBuf;

use crate::harness::{root, squeeze, Brief, DATE};
use crate::pdf;

fn fixture() -> PathBuf {
    root().join("tests/fixtures/bulletin")
}

#[test]
fn a_bulletins_figures_keep_their_digits_in_the_pdf() {
    Brief::new()
        .args(["check", "--data"])
        .arg(fixture())
        .run()
        .success();
    let tmp = tempfile::tempdir().unwrap();
    let mut all = String::new();
    for audience in ["investor", "policy"] {
        let out = tmp.path().join(format!("yangli-{audience}.pdf"));
        Brief::new()
            .args(["--data"])
            .arg(fixture())
            .args(["-r", "yangli", "-a", audience, "--date", DATE, "-o"])
            .arg(&out)
            .run()
            .success();
        all.push_str(&squeeze(&pdf::text(&out)));
    }
    // Trailing zeros kept; long integers without a separator, whether or not the bulletin
    // prints one (office.yaml's `grouping: none`, the default).
    for want in [
        "1313.70亿元",
        "增长18.0%",
        "131.40亿元",
        "141.20亿元",
        // 民间投资增长9.0%, said alone or beside another change of one verb.
        "9.0%",
        "244394万元",
        "98652元",
        "23518元",
    ] {
        assert!(all.contains(want), "{want} not in {all}");
    }
    // Nothing converted: no zero dropped, no separator added.
    for unwanted in [
        "1313.7亿元",
        "131.4亿元",
        "增长18%",
        "增长9%",
        "、9%",
        "244,394",
        "98,652元",
        "23,518元",
    ] {
        assert!(!all.contains(unwanted), "{unwanted} in {all}");
    }
}
