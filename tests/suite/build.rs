//! `brief build` with the real typst: incremental, parallel, isolated failures, reproducible.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::{
    assert_no_temp_files, briefing_count, copy_data, root, squeeze, Brief, Run, AUDIENCES, DATE,
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
    let expected = format!(
        "up to date: {TWO_BRIEFINGS} briefings in {}, nothing to build (",
        out.display()
    );
    assert!(o.stdout().trim().starts_with(&expected), "{}", o.stdout());
    assert_eq!(o.stdout().lines().count(), 1, "{}", o.stdout());
    assert!(o.stderr().is_empty(), "{}", o.stderr());

    // Luxi's GDP changes: exactly the briefings whose generated source prints it are rebuilt
    // (luxi's own and the city's that list its parts), found here by comparing the sources.
    let sources = |data: &Path| -> Vec<(String, String)> {
        let mut v = Vec::new();
        for region in ["luxi", "pingxiang"] {
            for audience in AUDIENCES {
                let o = Brief::new()
                    .args(["--data"])
                    .arg(data)
                    .args(["-r", region, "-a", audience, "--emit", "typ", "-o", "-"])
                    .args(["--date", DATE])
                    .run();
                v.push((format!("{region}-{audience}.pdf"), o.stdout()));
            }
        }
        v
    };
    let before = sources(&data);
    let path = data.join("regions/luxi.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("    value: 142\n", "    value: 143\n", 1),
    )
    .unwrap();
    let after = sources(&data);
    let expect: BTreeSet<String> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| b.0.clone())
        .collect();
    assert!(expect.contains("luxi-investor.pdf"), "{expect:?}");
    assert!(expect.len() < TWO_BRIEFINGS, "{expect:?}");
    let o = build(tmp.path(), &data, &out, &TWO);
    o.success();
    assert_eq!(built(&o), expect, "{}", o.stderr());
    assert!(
        o.stderr().contains(&format!(
            "built {}, skipped {}, not applicable 0, failed 0",
            expect.len(),
            TWO_BRIEFINGS - expect.len()
        )),
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
    let mut hollow = 0;
    for (dir, extra) in [(&a, &[][..]), (&b, &[][..]), (&c, &["--no-bundle"][..])] {
        let o = build(tmp.path(), &data, dir, extra);
        o.success();
        assert!(
            !o.stderr().contains("warning"),
            "typst warned: {}",
            o.stderr()
        );
        // Briefings with nothing for their reader are not applicable, each with its reason.
        hollow = o
            .stderr()
            .lines()
            .filter(|l| l.starts_with("not applicable ") && l.contains("a briefing is issued with"))
            .count();
        assert!(
            o.stderr()
                .contains(&format!("not applicable {hollow}, failed 0")),
            "{}",
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
        n + hollow,
        briefing_count(),
        "one PDF for every region in data/regions × every audience, but those with nothing for their reader"
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
    let policy = std::fs::read_to_string(root().join("templates/briefing.typ.j2")).unwrap();
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
    assert!(
        err.contains("built 4, skipped 0, not applicable 0, failed 2"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(out.join("luxi-policy.pdf")).unwrap(),
        before,
        "previous PDF replaced"
    );
    // By default the briefings share one typst run, which fails as a whole: brief said so and
    // built them one by one. With --no-bundle it does that from the start, without the warning.
    assert!(
        err.contains("warning: a bundle of 6 briefings failed, building them one by one"),
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
    assert!(!err.contains("building them one by one"), "{err}");
    assert!(
        err.contains("built 4, skipped 0, not applicable 0, failed 2"),
        "{err}"
    );
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
fn only_old_temp_files_of_brief_are_cleared() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join(".brief-bundle-Ab12Cd.tmp")).unwrap();
    // Files of other tools that happen to end in .tmp are never brief's to remove.
    std::fs::create_dir_all(out.join(".vim-undo.tmp")).unwrap();
    let session = out.join(".session.tmp");
    let old = out.join(".brief-Xy34Zw.tmp");
    let fresh = out.join(".brief-Fr35Sh.tmp");
    for f in [&old, &fresh, &session] {
        std::fs::write(f, b"partial").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    for p in [
        old.clone(),
        session.clone(),
        out.join(".vim-undo.tmp"),
        out.join(".brief-bundle-Ab12Cd.tmp"),
    ] {
        std::fs::File::open(&p)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
    }
    let o = build(
        tmp.path(),
        &root().join("data"),
        &out,
        &["-r", "luxi", "-a", "policy"],
    );
    o.success();
    assert!(!old.exists(), "an old temp file of brief's stayed");
    assert!(
        !out.join(".brief-bundle-Ab12Cd.tmp").exists(),
        "an old bundle directory of brief's stayed"
    );
    assert!(
        fresh.exists(),
        "a fresh temp file (another run's) was removed"
    );
    assert!(session.exists(), "another tool's .tmp file was removed");
    assert!(
        out.join(".vim-undo.tmp").is_dir(),
        "another tool's .tmp directory was removed"
    );
}

#[test]
fn a_file_changed_without_changing_a_briefing_rebuilds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let out = tmp.path().join("out");
    build(tmp.path(), &data, &out, &TWO).success();
    let before = std::fs::read(out.join("luxi-investor.pdf")).unwrap();
    let manifest = |out: &Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
    };
    let deps = |m: &serde_json::Value, file: &str| -> String {
        m["briefings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["file"] == file)
            .unwrap()["deps_hash"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let first = manifest(&out);
    // A comment in luxi's file: its briefings (and the city's) are rendered again, found
    // unchanged, and keep their bytes; the manifest records the new inputs.
    let path = data.join("regions/luxi.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("# 注释\n{text}")).unwrap();
    let o = build(tmp.path(), &data, &out, &TWO);
    o.success();
    assert!(built(&o).is_empty(), "{}", o.stderr());
    assert_eq!(
        std::fs::read(out.join("luxi-investor.pdf")).unwrap(),
        before
    );
    let second = manifest(&out);
    assert_ne!(
        deps(&first, "luxi-investor.pdf"),
        deps(&second, "luxi-investor.pdf")
    );
    assert_eq!(
        first["briefings"][0]["input_hash"],
        second["briefings"][0]["input_hash"]
    );
    // And the next run has nothing to look at.
    let o = build(tmp.path(), &data, &out, &TWO);
    assert!(o.stdout().starts_with("up to date:"), "{}", o.stdout());
}

#[test]
fn no_page_but_the_last_is_nearly_empty() {
    // Every bundled briefing: each page before the last holds at least a third of the text of
    // the fullest page (a heading alone at a page foot, or a table pushed whole to the next
    // page, would leave less).
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(
        tmp.path(),
        &root().join("data"),
        &out,
        &["--pdf-standard", "none"],
    )
    .success();
    let mut looked = 0;
    for e in std::fs::read_dir(&out).unwrap().flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "pdf") {
            continue;
        }
        let pages: Vec<usize> = pdf::page_texts(&path)
            .iter()
            .map(|t| squeeze(t).chars().count())
            .collect();
        let fullest = pages.iter().copied().max().unwrap_or(0);
        for (i, n) in pages.iter().enumerate().take(pages.len().saturating_sub(1)) {
            assert!(
                n * 3 >= fullest,
                "{}: page {} holds {n} characters, the fullest {fullest}",
                path.display(),
                i + 1
            );
        }
        looked += 1;
    }
    assert!(looked > 0);
}

/// The date reaches typst as an input, so the source a build hashes and compiles is the same
/// whatever the date: a briefing is rendered once, and a new date still reaches every page
/// and the PDF's metadata.
#[test]
fn the_source_is_date_free_and_the_date_reaches_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let typ = |date: &str| {
        let o = Brief::new()
            .args(["-r", "luxi", "-a", "investor", "--emit", "typ", "-o", "-"])
            .args(["--date", date])
            .run();
        o.success();
        o.stdout()
    };
    let source = typ("2026-11-22");
    assert_eq!(
        source,
        typ("2031-02-03"),
        "the source changed with the date"
    );
    assert!(!source.contains("2026年11月22日") && !source.contains("2026, month"));

    let data = copy_data(tmp.path());
    let out = tmp.path().join("out");
    let first = build(tmp.path(), &data, &out, &["-r", "luxi", "-a", "investor"]);
    first.success();
    let later = Brief::new()
        .current_dir(tmp.path())
        .args([
            "build",
            "-r",
            "luxi",
            "-a",
            "investor",
            "--date",
            "2031-02-03",
        ])
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .run();
    later.success();
    assert_eq!(built(&later).len(), 1, "{}", later.stderr());
    let pdf = out.join("luxi-investor.pdf");
    let pages = pdf::page_texts(&pdf);
    assert!(pages.len() > 1);
    for (i, page) in pages.iter().enumerate() {
        let page = squeeze(page);
        assert!(
            !page.contains("2026年11月22日"),
            "page {}: the old date",
            i + 1
        );
        assert!(
            page.contains("2031年2月3日"),
            "page {} has no date: {page}",
            i + 1
        );
    }
    assert_eq!(
        pdf::info(&pdf).creation_date.as_deref(),
        Some("2031-02-03T00:00:00Z")
    );
}

/// Every file of `--templates`, in subdirectories too, is an input of the briefings: a
/// change to an included template below the directory rebuilds what it prints in.
#[test]
fn a_change_in_a_template_subdirectory_rebuilds() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let templates = tmp.path().join("t");
    std::fs::create_dir_all(templates.join("sub")).unwrap();
    let base = std::fs::read_to_string(root().join("templates/briefing.typ.j2")).unwrap();
    std::fs::write(
        templates.join("investor.typ.j2"),
        base.replace("= 摘要", "{% include \"sub/note.j2\" %}\n= 摘要"),
    )
    .unwrap();
    std::fs::write(templates.join("sub/note.j2"), "注释甲\n").unwrap();
    let out = tmp.path().join("out");
    let t = [
        "-r",
        "luxi",
        "-a",
        "investor",
        "--templates",
        templates.to_str().unwrap(),
    ];
    build(tmp.path(), &data, &out, &t).success();
    assert!(squeeze(&pdf::text(&out.join("luxi-investor.pdf"))).contains("注释甲"));
    std::fs::write(templates.join("sub/note.j2"), "注释乙\n").unwrap();
    let o = build(tmp.path(), &data, &out, &t);
    o.success();
    assert_eq!(built(&o).len(), 1, "{}", o.stderr());
    assert!(squeeze(&pdf::text(&out.join("luxi-investor.pdf"))).contains("注释乙"));
}

/// The fonts are an input by their contents, not their times: a fresh checkout (or another
/// machine) with the same fonts rebuilds nothing.
#[test]
fn fonts_with_new_times_rebuild_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let fonts = tmp.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    for e in std::fs::read_dir(root().join("fonts")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, fonts.join(p.file_name().unwrap())).unwrap();
    }
    let out = tmp.path().join("out");
    let run = || {
        Brief::new()
            .current_dir(tmp.path())
            .args(["build", "-r", "luxi", "-a", "investor", "--date", DATE])
            .arg("--data")
            .arg(&data)
            .arg("--out")
            .arg(&out)
            .arg("--fonts")
            .arg(&fonts)
            .run()
    };
    run().success();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(86_400);
    for e in std::fs::read_dir(&fonts).unwrap() {
        let f = std::fs::File::options()
            .write(true)
            .open(e.unwrap().path())
            .unwrap();
        f.set_modified(later).unwrap();
    }
    let o = run();
    o.success();
    assert!(o.stdout().starts_with("up to date"), "{}", o.stderr());
}

/// What is in the way of the manifest is named with a fix `brief build` can take, and the
/// temporary files a killed run left in thumbs/ are cleared like those beside the PDFs.
#[test]
fn a_directory_at_the_manifest_and_old_thumbnail_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("manifest.json")).unwrap();
    let o = build(tmp.path(), &data, &out, &["-r", "anyuan", "-a", "policy"]);
    o.failure(1);
    assert!(o.stderr().contains("manifest.json"), "{}", o.stderr());
    assert!(!o.stderr().contains("-o "), "{}", o.stderr());
    std::fs::remove_dir(out.join("manifest.json")).unwrap();

    let stale = out.join("thumbs/.brief-a1B2c3.tmp");
    std::fs::create_dir_all(out.join("thumbs")).unwrap();
    std::fs::write(&stale, "half a png").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    build(tmp.path(), &data, &out, &["-r", "anyuan", "-a", "policy"]).success();
    assert!(!stale.exists(), "an old temporary file is left in thumbs/");
}

/// `kill -9` in the middle of a build: the PDFs already renamed into place carry the new
/// date, and the manifest must not go on vouching for the old one. The next run with the
/// original date rebuilds them.
#[test]
fn a_killed_build_leaves_no_manifest_entry_that_lies() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let out = tmp.path().join("out");
    let luxi = ["-r", "luxi", "--no-bundle"];
    build(tmp.path(), &data, &out, &luxi).success();

    // A typst that lets one briefing through, then kills brief (SIGKILL) on its next run.
    let real = brief::typst::find(None, true).unwrap().path;
    let count = tmp.path().join("count");
    let fake = tmp.path().join("typst");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then exec '{real}' \"$@\"; fi\n\
             n=$(cat '{count}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{count}'\n\
             if [ $n -ge 2 ]; then kill -9 $PPID; sleep 5; exit 1; fi\nexec '{real}' \"$@\"\n",
            real = real.display(),
            count = count.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let killed = Brief::new()
        .current_dir(tmp.path())
        .arg("build")
        .args(luxi)
        .args(["-j", "1", "--date", "2026-11-23", "--typst"])
        .arg(&fake)
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .run();
    assert_eq!(
        killed.code(),
        None,
        "brief was not killed: {}",
        killed.stderr()
    );
    let dated = |p: &Path| squeeze(&pdf::text(p)).contains("2026年11月23日");
    let written: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf") && dated(p))
        .collect();
    assert_eq!(written.len(), 1, "the killed run wrote {written:?}");
    // The manifest vouches for no file that is not there as it says.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    for e in manifest["briefings"].as_array().unwrap() {
        let file = out.join(e["file"].as_str().unwrap());
        let bytes = std::fs::read(&file).unwrap();
        let sha: String = <sha2::Sha256 as sha2::Digest>::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            e["sha256"],
            sha.as_str(),
            "{} is not what the manifest records",
            file.display()
        );
    }

    let again = build(tmp.path(), &data, &out, &luxi);
    again.success();
    for e in std::fs::read_dir(&out).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "pdf") {
            let text = squeeze(&pdf::text(&p));
            assert!(
                !text.contains("2026年11月23日"),
                "{} kept the killed run's date",
                p.display()
            );
        }
    }
}

/// The manifest records typst's version as the binary gives it, wherever typst was found, so
/// that shards built with the same typst agree when merged.
#[test]
fn the_recorded_typst_version_is_the_binarys_own() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let out = tmp.path().join("out");
    build(tmp.path(), &data, &out, &["-r", "anyuan", "-a", "policy"]).success();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let typst = brief::typst::find(None, true).unwrap();
    let said = std::process::Command::new(&typst.path)
        .arg("--version")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&said.stdout);
    assert_eq!(
        manifest["briefings"][0]["typst_version"],
        said.lines().next().unwrap().trim()
    );
}
