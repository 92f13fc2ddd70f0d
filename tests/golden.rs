//! Golden files of the generated Typst source: one per region × audience, produced by the
//! real binary exactly as `brief --region ID --audience A --emit typ -o -` produces it, with
//! the date fixed. A new region file gets its three snapshots from the same glob.
//!
//! Review a change with `cargo insta review`; accept all with `INSTA_UPDATE=always cargo test`.

use std::process::Command;

fn emit_typ(region: &str, audience: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "--region",
            region,
            "--audience",
            audience,
            "--emit",
            "typ",
            "-o",
            "-",
        ])
        .args(["--date", "2026-11-22"])
        .output()
        .expect("run brief");
    assert!(
        out.status.success(),
        "brief failed for {region}/{audience}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 source")
}

#[test]
fn every_briefing_matches_its_golden_source() {
    insta::glob!("../data/regions", "*.yaml", |path| {
        let id = path.file_stem().unwrap().to_str().unwrap();
        for audience in ["investor", "tourism", "policy"] {
            let source = emit_typ(id, audience);
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
