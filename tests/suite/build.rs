//! `brief build` with the real typst: incremental, parallel, isolated failures, reproducible.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::{
    assert_no_temp_files, briefing_count, copy_data, root, Brief, Run, AUDIENCES, DATE,
};
use crate::pdf;

/// `brief build` from `dir`, on the fact base `data`, into `out`, two jobs at a time.
fn build(dir: &Path, data: &Path, out: &Path, extra: &[&str]) -> Run {
    Brief::new()
        .current_dir(dir)
        .arg("build")
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .arg("--fonts")
        .arg(root().join("fonts"))
        .args(["--date", DATE, "-j", "2"])
        .args(extra)
        .run()
}

/// The files a run says it built.
fn built(o: &Run) -> BTreeSet<String> {
    o.stderr()
        .lines()
        .filter_map(|l| l.strip_prefix("built "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|f| f.ends_with(".pdf"))
        .map(str::to_string)
        .collect()
}

/// Two regions, so three times as many briefings.
const TWO: [&str; 4] = ["-r", "luxi", "-r", "pingxiang"];
const TWO_BRIEFINGS: usize = 2 * AUDIENCES.len();

#[test]
fn incremental_rebuilds_exactly_what_a_change_reaches() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let out = tmp.path().join("out");
    let o = build(tmp.path(), &data, &out, &TWO);
    o.success();
    assert_eq!(built(&o).len(), TWO_BRIEFINGS, "{}", o.stderr());

    // Nothing changed: one line, exit 0.
    let o = build(tmp.path(), &data, &out, &TWO);
    o.success();
    assert_eq!(
        o.stdout().trim(),
        format!(
            "up to date: {TWO_BRIEFINGS} briefings in {}, nothing to build",
            out.display()
        )
    );
    assert!(o.stderr().is_empty(), "{}", o.stderr());

    // Luxi's GDP is printed by its investor briefing and by the city's tables of its parts
    // (investor: the GDP column; policy: luxi's first figure); no other briefing prints it.
    let path = data.join("regions/luxi.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("    value: 142\n", "    value: 143\n", 1),
    )
    .unwrap();
    let o = build(tmp.path(), &data, &out, &TWO);
    o.success();
    let expect: BTreeSet<String> = [
        "luxi-investor.pdf",
        "pingxiang-investor.pdf",
        "pingxiang-policy.pdf",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(built(&o), expect, "{}", o.stderr());
    assert!(
        o.stderr().contains("built 3, skipped 3, failed 0"),
        "{}",
        o.stderr()
    );

    // --force rebuilds everything; a deleted PDF is rebuilt without it.
    std::fs::remove_file(out.join("luxi-policy.pdf")).unwrap();
    let o = build(tmp.path(), &data, &out, &TWO);
    assert_eq!(
        built(&o),
        ["luxi-policy.pdf".to_string()].into_iter().collect()
    );
    let o = build(tmp.path(), &data, &out, &[&TWO[..], &["--force"]].concat());
    assert_eq!(built(&o).len(), TWO_BRIEFINGS);

    // The manifest records each briefing.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let list = manifest["briefings"].as_array().unwrap();
    assert_eq!(list.len(), TWO_BRIEFINGS);
    let e = list
        .iter()
        .find(|e| e["file"] == "luxi-investor.pdf")
        .unwrap();
    assert_eq!(e["region"], "luxi");
    assert_eq!(e["audience"], "investor");
    assert_eq!(e["date"], "2026-11-22");
    assert!(e["typst_version"]
        .as_str()
        .unwrap()
        .starts_with("typst 0.15."));
    let pages = pdf::pages(&out.join("luxi-investor.pdf")) as u64;
    assert_eq!(e["pages"].as_u64().unwrap(), pages);
    let bytes = std::fs::read(out.join("luxi-investor.pdf")).unwrap();
    assert_eq!(e["sha256"].as_str().unwrap(), {
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(&bytes);
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    });
    assert!(bytes.starts_with(b"%PDF-"));
    assert_no_temp_files(&out);
}

#[test]
fn two_builds_with_the_same_date_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    // Two builds with all briefings in one typst run (the default), and one with a typst run
    // for each briefing.
    for (dir, extra) in [(&a, &[][..]), (&b, &[][..]), (&c, &["--no-bundle"][..])] {
        let o = build(tmp.path(), &data, dir, extra);
        o.success();
        assert!(
            !o.stderr().contains("warning"),
            "typst warned: {}",
            o.stderr()
        );
    }
    let mut n = 0;
    for e in std::fs::read_dir(&a).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "pdf") {
            let other = b.join(p.file_name().unwrap());
            assert!(
                std::fs::read(&p).unwrap() == std::fs::read(&other).unwrap(),
                "{} differs",
                p.display()
            );
            n += 1;
        }
    }
    assert_eq!(
        n,
        briefing_count(),
        "one PDF for every region in data/regions × every audience"
    );
    assert_no_temp_files(&c);
}

#[test]
fn a_failing_briefing_leaves_the_others_and_its_previous_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let out = tmp.path().join("out");
    build(tmp.path(), &data, &out, &TWO).success();
    let before = std::fs::read(out.join("luxi-policy.pdf")).unwrap();

    // A policy template whose Typst does not compile.
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let policy = std::fs::read_to_string(root().join("templates/policy.typ.j2")).unwrap();
    std::fs::write(
        templates.join("policy.typ.j2"),
        policy.replacen("= 摘要", "#broken-call(\n= 摘要", 1),
    )
    .unwrap();
    let o = build(
        tmp.path(),
        &data,
        &out,
        &[
            &TWO[..],
            &["--force", "--templates", templates.to_str().unwrap()],
        ]
        .concat(),
    );
    o.failure(1);
    let err = o.stderr();
    assert!(
        err.contains("failed luxi-policy.pdf: typst failed"),
        "{err}"
    );
    assert!(err.contains("<stdin>:"), "no typst diagnostic: {err}");
    assert!(err.contains("built 4, skipped 0, failed 2"), "{err}");
    assert_eq!(
        std::fs::read(out.join("luxi-policy.pdf")).unwrap(),
        before,
        "previous PDF replaced"
    );
    // By default the briefings share one typst run, which fails as a whole: brief said so and
    // built them one by one. With --no-bundle it does that from the start, without the warning.
    assert!(
        err.contains("warning: bundle export failed, building one by one"),
        "{err}"
    );
    let o = build(
        tmp.path(),
        &data,
        &out,
        &[
            &TWO[..],
            &[
                "--force",
                "--no-bundle",
                "--templates",
                templates.to_str().unwrap(),
            ],
        ]
        .concat(),
    );
    o.failure(1);
    let err = o.stderr();
    assert!(!err.contains("bundle export failed"), "{err}");
    assert!(err.contains("built 4, skipped 0, failed 2"), "{err}");
    assert_eq!(
        std::fs::read(out.join("luxi-policy.pdf")).unwrap(),
        before,
        "previous PDF replaced"
    );
    // The next run without the broken template retries what failed, and only that.
    let o = build(tmp.path(), &data, &out, &TWO);
    o.success();
}

#[test]
fn a_second_build_on_the_same_directory_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let lock = std::fs::File::create(out.join(".brief-build.lock")).unwrap();
    assert!(fs4::fs_std::FileExt::try_lock_exclusive(&lock).unwrap());
    let o = build(tmp.path(), &root().join("data"), &out, &TWO);
    o.failure(1);
    assert!(
        o.stderr().contains("another brief build is writing to"),
        "{}",
        o.stderr()
    );
}

#[test]
fn only_old_temp_files_are_cleared() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join(".brief-bundle-old.tmp")).unwrap();
    let old = out.join(".luxi-investor.pdf.old.tmp");
    let fresh = out.join(".luxi-investor.pdf.fresh.tmp");
    std::fs::write(&old, b"partial").unwrap();
    std::fs::write(&fresh, b"partial").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    let o = build(
        tmp.path(),
        &root().join("data"),
        &out,
        &["-r", "anyuan", "-a", "policy"],
    );
    o.success();
    assert!(!old.exists(), "an old temp file stayed");
    assert!(
        fresh.exists(),
        "a fresh temp file (another run's) was removed"
    );
}
