//! `brief build` as a scheduled job runs it: shards merged into one manifest, content dates
//! that survive unchanged nights, a failing bundle that does not take the others with it, and
//! a log that cannot be written.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::harness::{root, Brief};

fn brief(dir: &Path) -> Command {
    Brief::new()
        .current_dir(dir)
        .env_remove("BRIEF_PDF_STANDARD")
        .command()
}

/// `brief build` of `regions` from `data` into `out`, with the bundled fonts.
fn build_cmd(dir: &Path, data: &Path, out: &Path, regions: &[&str], extra: &[&str]) -> Command {
    let mut c = brief(dir);
    c.arg("build")
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .arg("--fonts")
        .arg(root().join("fonts"))
        .args(["-j", "2"]);
    for r in regions {
        c.args(["-r", r]);
    }
    c.args(extra);
    c
}

fn run(mut c: Command) -> Output {
    c.output().expect("run brief")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Every file directly in `dir` (not in subdirectories) and its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn manifest(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The manifest's entries by file.
fn entries(path: &Path) -> BTreeMap<String, serde_json::Value> {
    manifest(path)["briefings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["file"].as_str().unwrap().to_string(), e.clone()))
        .collect()
}

const REGIONS: [&str; 5] = ["luxi", "pingxiang", "anyuan", "lianhua", "shangli"];
const N: usize = 3;

#[test]
fn shards_built_side_by_side_and_merged_equal_one_build() {
    let tmp = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let date = ["--date", "2026-11-22"];
    let one = tmp.path().join("one");
    let o = run(build_cmd(tmp.path(), &data, &one, &REGIONS, &date));
    assert!(o.status.success(), "{}", stderr(&o));

    // N shards at once, each into its own directory.
    let children: Vec<_> = (0..N)
        .map(|k| {
            let shard = format!("{k}/{N}");
            let mut c = build_cmd(
                tmp.path(),
                &data,
                &tmp.path().join(format!("s{k}")),
                &REGIONS,
                &[&date[..], &["--shard", &shard]].concat(),
            );
            c.stdout(Stdio::null()).stderr(Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }

    let mut pdfs = BTreeMap::new();
    let mut parts = Vec::new();
    for k in 0..N {
        let dir = tmp.path().join(format!("s{k}"));
        let part = dir.join(format!("manifest.{k}-of-{N}.json"));
        assert!(part.is_file(), "no part in {}", dir.display());
        assert!(!dir.join("manifest.json").exists());
        assert_eq!(manifest(&part)["shard"]["index"], k);
        // A region's briefings stay in one shard.
        for (file, e) in entries(&part) {
            let region = e["region"].as_str().unwrap();
            assert!(file.starts_with(region));
            for a in ["investor", "tourism", "policy"] {
                let other = format!("{region}-{a}.pdf");
                for j in (0..N).filter(|&j| j != k) {
                    assert!(!tmp.path().join(format!("s{j}/{other}")).exists());
                }
            }
        }
        for (name, bytes) in files(&dir) {
            if name.ends_with(".pdf") {
                assert!(pdfs.insert(name, bytes).is_none(), "a PDF in two shards");
            }
        }
        parts.push(part);
    }
    // Together the shards hold every briefing of the one build, byte for byte.
    let single: BTreeMap<String, Vec<u8>> = files(&one)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".pdf"))
        .collect();
    assert_eq!(
        pdfs.keys().collect::<Vec<_>>(),
        single.keys().collect::<Vec<_>>()
    );
    assert!(pdfs == single, "shard PDFs differ from the single build's");

    let merged = tmp.path().join("merged");
    std::fs::create_dir_all(&merged).unwrap();
    let mut c = brief(tmp.path());
    c.args(["manifest", "merge"])
        .args(&parts)
        .arg("-o")
        .arg(merged.join("manifest.json"));
    let o = run(c);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        entries(&merged.join("manifest.json")),
        entries(&one.join("manifest.json"))
    );
    assert_eq!(
        std::fs::read(merged.join("manifest.json")).unwrap(),
        std::fs::read(one.join("manifest.json")).unwrap(),
        "the merged manifest is the one build's, byte for byte"
    );
    assert!(merged.join("index.html").is_file());

    // To standard output: the same bytes, and no catalogue written where nobody asked.
    let mut c = brief(tmp.path());
    c.args(["manifest", "merge"]).args(&parts).args(["-o", "-"]);
    let o = run(c);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(o.stdout, std::fs::read(one.join("manifest.json")).unwrap());
    assert!(!tmp.path().join("index.html").exists());

    // Parts that overlap, disagree or leave a shard out are refused, and say why.
    let merge = |parts: &[&Path]| {
        let mut c = brief(tmp.path());
        c.args(["manifest", "merge"])
            .args(parts)
            .arg("-o")
            .arg(tmp.path().join("bad.json"));
        run(c)
    };
    let o = merge(&[&parts[0], &parts[0], &parts[1], &parts[2]]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("overlapping parts"), "{}", stderr(&o));
    let o = merge(&[&parts[0], &parts[2]]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("shard 1 of 3 are missing"),
        "{}",
        stderr(&o)
    );
    let o = merge(&[&one.join("manifest.json")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a manifest part"), "{}", stderr(&o));
    let other_n = tmp.path().join("two");
    let o = run(build_cmd(
        tmp.path(),
        &data,
        &other_n,
        &REGIONS,
        &[&date[..], &["--shard", "0/2", "--emit", "pdf"]].concat(),
    ));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = merge(&[&parts[0], &other_n.join("manifest.0-of-2.json")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("inconsistent parts"), "{}", stderr(&o));
    assert!(!tmp.path().join("bad.json").exists());
}

/// A briefing keeps the date its content last changed: an unchanged one is not rebuilt (not
/// even one built with a forced date), a changed one is rebuilt and dated today.
#[test]
fn dates_follow_content() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&root().join("data"), &data);
    let out = tmp.path().join("out");
    let regions = ["luxi", "pingxiang", "xiangdong"];
    // A forced date of this year: what a briefing says depends on its year (a goal whose
    // year is over is left out), so a date of another year is other content.
    let forced = format!("{}-01-01", &chrono_free_today()[..4]);
    let o = run(build_cmd(
        tmp.path(),
        &data,
        &out,
        &regions,
        &["--date", &forced],
    ));
    assert!(o.status.success(), "{}", stderr(&o));
    let first = files(&out);

    // Two runs without --date: nothing to build, no byte changes.
    for _ in 0..2 {
        let o = run(build_cmd(tmp.path(), &data, &out, &regions, &[]));
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("up to date"),
            "{}",
            stderr(&o)
        );
        assert!(files(&out) == first, "an unchanged run changed a file");
    }

    // One county figure changes: the briefings that print it are rebuilt with today's date.
    let luxi = data.join("regions/luxi.yaml");
    let text = std::fs::read_to_string(&luxi).unwrap();
    assert!(text.contains("    value: 142\n"));
    std::fs::write(
        &luxi,
        text.replacen("    value: 142\n", "    value: 143\n", 1),
    )
    .unwrap();
    let o = run(build_cmd(tmp.path(), &data, &out, &regions, &[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let today = chrono_free_today();
    let after = entries(&out.join("manifest.json"));
    let mut rebuilt = Vec::new();
    for (file, e) in &after {
        let date = e["date"].as_str().unwrap();
        let changed = first.get(file) != Some(&std::fs::read(out.join(file)).unwrap());
        if changed {
            rebuilt.push(file.clone());
            assert_eq!(date, today, "{file} rebuilt but not dated today");
        } else {
            assert_eq!(date, forced, "{file} kept its bytes but not its date");
        }
    }
    assert!(
        rebuilt.contains(&"luxi-investor.pdf".to_string()),
        "{rebuilt:?}"
    );
    assert!(
        rebuilt
            .iter()
            .all(|f| f.starts_with("luxi-") || f.starts_with("pingxiang-")),
        "a briefing that does not print the figure was rebuilt: {rebuilt:?}"
    );
    assert!(!rebuilt.iter().any(|f| f.starts_with("xiangdong-")));
}

/// Today's date as brief computes it (local time), from `date`, which every test machine has.
fn chrono_free_today() -> String {
    let o = Command::new("date").arg("+%Y-%m-%d").output().unwrap();
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// A template that fails for one region fails that bundle only: the others are built as
/// bundles, the failed one falls back to one run per briefing, the failure is named and the
/// run exits 1.
#[test]
fn one_failing_bundle_falls_back_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let policy = std::fs::read_to_string(root().join("templates/briefing.typ.j2")).unwrap();
    assert!(policy.contains("= 摘要"));
    std::fs::write(
        templates.join("policy.typ.j2"),
        policy.replacen(
            "= 摘要",
            "{% if region.id == \"luxi\" %}#broken-call({% endif %}\n= 摘要",
            1,
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = run(build_cmd(
        tmp.path(),
        &root().join("data"),
        &out,
        &["lianhua", "luxi", "pingxiang", "xiangdong"],
        &[
            "-a",
            "policy",
            "--bundle-size",
            "2",
            "--date",
            "2026-11-22",
            "--templates",
            templates.to_str().unwrap(),
        ],
    ));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("a bundle of 2 briefings failed").count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("failed luxi-policy.pdf: typst failed"),
        "{err}"
    );
    assert!(
        err.contains("built 3, skipped 0, not applicable 0, failed 1"),
        "{err}"
    );
    for f in [
        "lianhua-policy.pdf",
        "pingxiang-policy.pdf",
        "xiangdong-policy.pdf",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    assert!(!out.join("luxi-policy.pdf").exists());
}

/// A log that cannot be written (standard error and output on a full device) never stops the
/// work: the briefings, the manifest and the catalogue are written and the run exits 0.
#[test]
fn a_full_log_does_not_stop_the_build() {
    // Linux's full device: a test that cannot run here must say so, not pass.
    let full = Path::new("/dev/full");
    assert!(full.exists(), "this test needs /dev/full (Linux)");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut c = build_cmd(
        tmp.path(),
        &root().join("data"),
        &out,
        &["luxi", "anyuan"],
        &["--date", "2026-11-22"],
    );
    c.stdout(std::fs::File::create(full).unwrap())
        .stderr(std::fs::File::create(full).unwrap());
    let status = c.status().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(entries(&out.join("manifest.json")).len(), 5);
    assert!(out.join("index.html").is_file());
    assert!(out.join("thumbs/luxi-investor.png").is_file());
}

/// A manifest part as `brief build --shard K/N` would write it, with `briefings`.
fn part(dir: &Path, k: u32, n: u32, briefings: &[serde_json::Value]) -> std::path::PathBuf {
    let path = dir.join(format!("manifest.{k}-of-{n}.json"));
    let json = serde_json::json!({"briefings": briefings, "shard": {"index": k, "count": n}});
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    path
}

/// An entry of region `region` with the file name `file`.
fn entry(region: &str, file: &str, bytes: u64) -> serde_json::Value {
    serde_json::json!({
        "region": region, "region_name": "芦溪县", "audience": "investor", "title": "投资环境简报",
        "file": file, "sha256": "00", "bytes": bytes, "input_hash": "00", "date": "2026-11-22",
        "pages": 1, "typst_version": "typst 0.15.1", "brief_version": "0.1.0"
    })
}

fn merge(dir: &Path, parts: &[std::path::PathBuf]) -> Output {
    let mut c = brief(dir);
    c.args(["manifest", "merge"])
        .args(parts)
        .arg("-o")
        .arg(dir.join("m.json"));
    run(c)
}

/// A shard that holds no region still writes its (empty) part, so the merge of a complete
/// build is not refused for a part that was never written.
#[test]
fn an_empty_shard_writes_its_part_and_merges() {
    let tmp = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let n = 64u32;
    let ids: Vec<String> = crate::harness::regions();
    let empty = (0..n)
        .find(|k| ids.iter().all(|id| brief::manifest::shard_of(id, n) != *k))
        .unwrap();
    let out = tmp.path().join("s");
    let o = run(build_cmd(
        tmp.path(),
        &data,
        &out,
        &[],
        &["--emit", "pdf", "--shard", &format!("{empty}/{n}")],
    ));
    assert!(o.status.success(), "{}", stderr(&o));
    let part = out.join(format!("manifest.{empty}-of-{n}.json"));
    assert!(part.is_file(), "no part: {}", stderr(&o));
    assert_eq!(entries(&part).len(), 0);
}

/// The merge refuses parts whose counts no build can have (0, or beyond the limit) without
/// building a list of billions of shards, and file names that are not a briefing's own name.
#[test]
fn merge_refuses_impossible_counts_and_foreign_file_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for (k, n) in [(0u32, 0u32), (0, u32::MAX), (5, 3)] {
        let p = part(dir, k, n, &[]);
        let started = std::time::Instant::now();
        let o = merge(dir, std::slice::from_ref(&p));
        assert_eq!(o.status.code(), Some(1), "{k}/{n}: {}", stderr(&o));
        assert!(stderr(&o).contains("shard"), "{}", stderr(&o));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        std::fs::remove_file(p).unwrap();
    }
    let mut c = brief(dir);
    c.args(["build", "--emit", "typ", "--shard", "0/4294967295"]);
    let o = run(c);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("at most"), "{}", stderr(&o));
    for file in [
        "../../x.pdf",
        "/etc/passwd",
        "//evil.example/x.pdf",
        "luxi-investor.pdf/../a",
    ] {
        let p = part(dir, 0, 1, &[entry("luxi", file, 1)]);
        let o = merge(dir, &[p]);
        assert_eq!(o.status.code(), Some(1), "{file}: {}", stderr(&o));
        assert!(stderr(&o).contains("not the file of"), "{}", stderr(&o));
        assert!(!dir.join("index.html").exists());
    }
    // Sizes that would wrap a sum are not a brief manifest's.
    let p = part(
        dir,
        0,
        1,
        &[
            entry("luxi", "luxi-investor.pdf", u64::MAX),
            entry("anyuan", "anyuan-investor.pdf", 2),
        ],
    );
    let o = merge(dir, &[p]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(!html.contains("共 1 KB"), "the size total wrapped");
}

/// A briefing that has become "not applicable" leaves the manifest, the catalogue and the
/// output directory: nobody is handed an old PDF that no longer answers to the fact base.
#[test]
fn a_briefing_that_becomes_not_applicable_is_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = crate::harness::copy_data(tmp.path());
    let solo = data.join("regions/solo.yaml");
    let with_fact = "id: solo\nname: 孤县\nshort: 孤县\nlevel: 县\nprovince: 江西省\nfacts:\n  - kind: tourism\n    name: 孤县花海\n    value: 200\n    unit: 万元\n    year: 2023\n    source: pingxiang-2023\n";
    std::fs::write(&solo, with_fact).unwrap();
    let out = tmp.path().join("out");
    let date = ["--date", "2026-11-22"];
    let o = run(build_cmd(tmp.path(), &data, &out, &["solo"], &date));
    assert!(o.status.success(), "{}", stderr(&o));
    let before = entries(&out.join("manifest.json"));
    assert!(!before.is_empty(), "{}", stderr(&o));
    std::fs::write(
        &solo,
        "id: solo\nname: 孤县\nshort: 孤县\nlevel: 县\nprovince: 江西省\n",
    )
    .unwrap();
    let o = run(build_cmd(tmp.path(), &data, &out, &["solo"], &date));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        entries(&out.join("manifest.json")).is_empty(),
        "{}",
        stderr(&o)
    );
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    for file in before.keys() {
        assert!(!out.join(file).exists(), "{file} is still there");
        assert!(
            !html.contains(file.as_str()),
            "{file} is still in the catalogue"
        );
    }
}
