//! Hostile input to the newer parts of brief: office.yaml and phrases.yaml written to slip
//! past the rules, a typst that answers `--version` with terminal escapes, a template full of
//! characters no font has. Each case failed before its fix.

use std::path::Path;

use crate::harness::{copy_data, root, Brief, DATE};

/// `brief check` on `data`: its exit status and what it printed.
fn check(data: &Path) -> (Option<i32>, String) {
    let o = Brief::new().arg("check").arg("--data").arg(data).run();
    (o.code(), format!("{}{}", o.stdout(), o.stderr()))
}

#[test]
fn an_issue_number_yaml_reads_from_another_base_is_refused_where_it_stands() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    // YAML reads these as 16, 15 and 2022: the masthead would print 第16期 for `0x10`.
    for written in ["0x10", "0o17", "0x7E6"] {
        std::fs::write(data.join("office.yaml"), format!("issue: {written}\n")).unwrap();
        let (code, text) = check(&data);
        assert_eq!(code, Some(1), "{written}: {text}");
        assert!(
            text.contains(&format!(
                "office.yaml:1:8: the 期号 `{written}` is not written in decimal digits"
            )),
            "{text}"
        );
    }
    for fine in ["12", "\"12\"", "2026年第3期"] {
        std::fs::write(data.join("office.yaml"), format!("issue: {fine}\n")).unwrap();
        let (code, text) = check(&data);
        assert_eq!(code, Some(0), "{fine}: {text}");
    }
}

#[test]
fn a_repeated_key_is_reported_where_it_is_repeated() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    std::fs::write(
        data.join("office.yaml"),
        "issuer: 萍乡市投资促进局\nseries: 投资促进简报\nissuer: 株洲市投资促进局\n",
    )
    .unwrap();
    let (code, text) = check(&data);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("office.yaml:3:1: duplicate field `issuer`"),
        "{text}"
    );
    // In a region, deeper down: the second `unit` of the first fact.
    std::fs::remove_file(data.join("office.yaml")).unwrap();
    let luxi = data.join("regions/luxi.yaml");
    let yaml = std::fs::read_to_string(&luxi).unwrap();
    let at = yaml.find("    unit: ").unwrap();
    let line = yaml[..at].lines().count() + 1;
    std::fs::write(
        &luxi,
        format!("{}    unit: 万元\n{}", &yaml[..at], &yaml[at..]),
    )
    .unwrap();
    let (code, text) = check(&data);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(&format!("luxi.yaml:{}:5: ", line + 1))
            && text.contains("duplicate field `unit`"),
        "{text}"
    );
}

#[test]
fn phrases_refuse_control_and_invisible_characters_as_every_text_field_does() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    let shipped = std::fs::read_to_string(root().join("data/phrases.yaml")).unwrap();
    assert!(shipped.contains("  up: 增长\n"));
    let line = shipped[..shipped.find("  up: 增长\n").unwrap()]
        .lines()
        .count()
        + 1;
    for (bad, what) in [
        ("\\u202E", "U+202E"),
        ("\\u200B", "U+200B"),
        ("\\u001B[31m", "U+001B"),
    ] {
        std::fs::write(
            data.join("phrases.yaml"),
            shipped.replacen("  up: 增长\n", &format!("  up: \"增长{bad}\"\n"), 1),
        )
        .unwrap();
        let (code, text) = check(&data);
        assert_eq!(code, Some(1), "{bad}: {text}");
        assert!(
            text.contains(&format!("phrases.yaml:{line}:7:")) && text.contains(what),
            "{text}"
        );
        let o = Brief::new()
            .args(["-r", "luxi", "-a", "investor", "--date", DATE, "--data"])
            .arg(&data)
            .arg("-o")
            .arg(tmp.path().join("luxi.pdf"))
            .run();
        assert_eq!(o.code(), Some(1), "{}", o.stderr());
        assert!(!tmp.path().join("luxi.pdf").exists());
    }
}

#[test]
fn what_a_typst_says_of_its_version_is_escaped_and_cut() {
    let tmp = tempfile::tempdir().unwrap();
    let fake = tmp.path().join("typst");
    let long = "x".repeat(5000);
    std::fs::write(
        &fake,
        format!("#!/bin/sh\nprintf 'typst 9.9 \\033]0;title\\007\\033[31m{long}\\n'\n"),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = Brief::new()
        .arg("--typst")
        .arg(&fake)
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "-o"])
        .arg(tmp.path().join("luxi.pdf"))
        .run();
    let err = o.stderr();
    assert_eq!(o.code(), Some(1), "{err}");
    assert!(err.contains("typst 9.9 \\u{001b}]0;title"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.len() < 1000, "{} bytes: {err}", err.len());
}

#[test]
fn characters_no_bundled_font_has_are_listed_escaped_and_cut_short() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    for e in std::fs::read_dir(root().join("templates")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, templates.join(p.file_name().unwrap())).unwrap();
    }
    // Thirty characters of the private use area (no font has them) and a direction mark.
    let strange: String = ('\u{E000}'..='\u{E01D}').chain(['\u{202E}']).collect();
    let main = templates.join("base.typ.j2");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, format!("{text}\n{strange}\n")).unwrap();
    let o = Brief::new()
        .args([
            "-r",
            "luxi",
            "-a",
            "investor",
            "--date",
            DATE,
            "--templates",
        ])
        .arg(&templates)
        .arg("-o")
        .arg(tmp.path().join("luxi.pdf"))
        .run();
    let err = o.stderr();
    assert!(err.contains("more"), "{err}");
    assert!(!err.contains('\u{202E}'), "{err:?}");
    assert!(!err.contains('\u{E01D}'), "{err:?}");
    assert!(err.len() < 2000, "{} bytes: {err}", err.len());
}

/// A manifest part of one shard (0 of 1) holding a briefing of each of `regions`.
fn part(regions: &[(&str, &str, &str, &str)]) -> String {
    let entries: Vec<serde_json::Value> = regions
        .iter()
        .map(|(id, name, province, typst)| {
            serde_json::json!({
                "region": id, "region_name": name, "audience": "investor",
                "file": format!("{id}-investor.pdf"), "sha256": "00".repeat(32), "bytes": 1,
                "input_hash": "00".repeat(32), "date": "2026-11-22", "pages": 1,
                "typst_version": typst, "brief_version": "0.1.0",
                "place": {"province": province, "level": "县"}
            })
        })
        .collect();
    serde_json::json!({"briefings": entries, "shard": {"index": 0, "count": 1}}).to_string()
}

#[test]
fn what_a_manifest_part_says_reaches_neither_terminal_nor_catalogue_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("manifest.0-of-1.json");
    let merge = || {
        Brief::new()
            .current_dir(tmp.path())
            .args([
                "manifest",
                "merge",
                "manifest.0-of-1.json",
                "-o",
                "manifest.json",
            ])
            .run()
    };
    let escape = format!("typst 0.15.1 \u{1b}]0;title\u{7}{}", "x".repeat(5000));
    // Two briefings built, says the part, by two typsts: the message quotes both.
    std::fs::write(
        &path,
        part(&[
            ("luxi", "芦溪县", "江西省", "typst 0.15.1"),
            ("anyuan", "安源区", "江西省", &escape),
        ]),
    )
    .unwrap();
    let o = merge();
    let err = o.stderr();
    assert_eq!(o.code(), Some(1), "{err}");
    assert!(err.contains("inconsistent parts"), "{err}");
    assert!(!err.contains('\u{1b}') && err.len() < 1000, "{err:?}");
    // A value of the wrong type is quoted by serde_json: cut short.
    let mut json: serde_json::Value =
        serde_json::from_str(&part(&[("luxi", "芦溪县", "江西省", "typst 0.15.1")])).unwrap();
    json["briefings"][0]["pages"] = serde_json::Value::String(escape.clone());
    std::fs::write(&path, json.to_string()).unwrap();
    let o = merge();
    let err = o.stderr();
    assert_eq!(o.code(), Some(1), "{err}");
    assert!(err.contains("is not a brief manifest"), "{err}");
    assert!(!err.contains('\u{1b}') && err.len() < 1000, "{err:?}");
    // A direction mark in a province or a name never reaches the catalogue page.
    std::fs::write(
        &path,
        part(&[("luxi", "芦溪县\u{202E}", "江西\u{2067}省", "typst 0.15.1")]),
    )
    .unwrap();
    merge().success();
    let html = std::fs::read_to_string(tmp.path().join("index.html")).unwrap();
    assert!(html.contains("江西省") && html.contains("芦溪县"), "{html}");
    assert!(!html.contains('\u{202E}') && !html.contains('\u{2067}'));
}

#[test]
fn two_inits_of_one_directory_never_leave_it_half_made() {
    let tmp = tempfile::tempdir().unwrap();
    // Each pair races for one new directory; whichever wins, the directory ends whole. A
    // plain rename let the loser replace the winner's README.md, then take its own back,
    // leaving neither (about one pair in twenty; two hundred pairs).
    for n in 0..200 {
        let dir = tmp.path().join(format!("office{n}"));
        let start = || {
            Brief::new()
                .arg("init")
                .arg(&dir)
                .command()
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (start(), start());
        let ok = [a, b]
            .into_iter()
            .map(|c| c.wait_with_output().unwrap().status.success())
            .filter(|ok| *ok)
            .count();
        assert!(ok >= 1, "neither init of {} succeeded", dir.display());
        let mut top: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        top.sort();
        assert_eq!(top, [".gitignore", "README.md", "articles", "data"], "{n}");
        assert!(dir.join("data/regions/shili.yaml").is_file());
    }
}

/// An office.yaml whose 版记 lists `n` offices in each of 报, 送 and 发, each name `width`
/// characters long and findable (r07号…).
fn colophon(n: usize, width: usize) -> String {
    let mut s = String::from("issuer: 萍乡市投资促进局\ncolophon:\n");
    for (key, tag) in [("report", 'r'), ("send", 's'), ("distribute", 'd')] {
        s.push_str(&format!("  {key}:\n"));
        for i in 0..n {
            s.push_str(&format!("    - {tag}{i:02}号{}\n", "某".repeat(width - 4)));
        }
    }
    s
}

#[test]
fn a_colophon_too_long_for_its_page_is_refused_not_cut() {
    let tmp = tempfile::tempdir().unwrap();
    let data = copy_data(tmp.path());
    // 180 offices of 16 characters: the block would overrun its page and typst would drop
    // most of 送 and 发 from the PDF.
    std::fs::write(data.join("office.yaml"), colophon(60, 16)).unwrap();
    let (code, text) = check(&data);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("office.yaml:") && text.contains("the 版记 lists 3060 characters"),
        "{text}"
    );
    // Within the bound, every office is printed.
    std::fs::write(data.join("office.yaml"), colophon(30, 15)).unwrap();
    let pdf_path = tmp.path().join("luxi.pdf");
    Brief::new()
        .args(["-r", "luxi", "-a", "investor", "--date", DATE, "--data"])
        .arg(&data)
        .arg("-o")
        .arg(&pdf_path)
        .run()
        .success();
    let printed = crate::harness::squeeze(&crate::pdf::text(&pdf_path));
    for tag in ['r', 's', 'd'] {
        for i in 0..30 {
            assert!(
                printed.contains(&format!("{tag}{i:02}号")),
                "{tag}{i:02} missing"
            );
        }
    }
}

#[test]
fn a_place_listing_more_regions_than_brief_records_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&part(&[("luxi", "芦溪县", "江西省", "typst 0.15.1")])).unwrap();
    // brief records at most 16 regions above a region; a part claiming a million would make
    // the merged manifest larger than the 256 MiB any later build reads.
    let parents: Vec<serde_json::Value> = (0..17)
        .map(|i| serde_json::json!({"id": format!("p{i}"), "name": "某市", "level": "市"}))
        .collect();
    json["briefings"][0]["place"]["parents"] = serde_json::Value::Array(parents);
    std::fs::write(tmp.path().join("manifest.0-of-1.json"), json.to_string()).unwrap();
    let o = Brief::new()
        .current_dir(tmp.path())
        .args([
            "manifest",
            "merge",
            "manifest.0-of-1.json",
            "-o",
            "manifest.json",
        ])
        .run();
    let err = o.stderr();
    assert_eq!(o.code(), Some(1), "{err}");
    assert!(err.contains("lists 17 regions above it"), "{err}");
    assert!(!tmp.path().join("manifest.json").exists());
}
