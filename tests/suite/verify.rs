//! `brief verify` and `brief extract` on a made-up article and a small fact base
//! (tests/fixtures/articles, tests/fixtures/verify-data).

use std::path::{Path, PathBuf};

use brief::facts::{Fact, FactBase};

use crate::harness::{root, Brief, Run};

fn fixture_data() -> PathBuf {
    root().join("tests/fixtures/verify-data")
}

fn articles() -> PathBuf {
    root().join("tests/fixtures/articles")
}

fn brief(args: &[&str]) -> Run {
    Brief::new()
        .args(args)
        .env_remove("BRIEF_DATA")
        .env_remove("BRIEF_ARTICLES")
        .run()
}

pub(crate) fn out(o: &Run) -> String {
    o.stdout()
}

pub(crate) fn err(o: &Run) -> String {
    o.stderr()
}

/// A copy of the fixture fact base with `from` replaced by `to` in the region file.
fn data_with(dir: &Path, from: &str, to: &str) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::copy(
        fixture_data().join("sources.yaml"),
        data.join("sources.yaml"),
    )
    .unwrap();
    let region = std::fs::read_to_string(fixture_data().join("regions/demo.yaml")).unwrap();
    assert!(region.contains(from), "the fixture holds {from:?}");
    std::fs::write(data.join("regions/demo.yaml"), region.replacen(from, to, 1)).unwrap();
    data
}

pub(crate) fn verify(data: &Path) -> Run {
    brief(&[
        "verify",
        "--data",
        data.to_str().unwrap(),
        "--articles",
        articles().to_str().unwrap(),
    ])
}

#[test]
fn the_fixture_verifies() {
    let o = verify(&fixture_data());
    let stdout = out(&o);
    assert_eq!(o.code(), Some(0), "{stdout}{}", err(&o));
    assert!(
        stdout.contains("15 facts, 15 figures: 14 verified, 0 unverified, 1 reviewed"),
        "{stdout}"
    );
    // The reviewed fact is listed apart, with its reason and position.
    assert!(stdout.contains("reviewed by hand (1):"), "{stdout}");
    assert!(stdout.contains("demo.yaml:106:15: 2个 — "), "{stdout}");
}

/// Each change makes one figure wrong; verify must catch it and point at the field.
#[test]
fn wrong_figures_are_caught() {
    let cases: &[(&str, &str, &str)] = &[
        // A wrong value.
        (
            "value: 256.4",
            "value: 265.4",
            "demo.yaml:10:12: 约265.4亿元 not found in demo-2023 (demo-2023.txt)",
        ),
        // A dropped qualifier: the article writes 约.
        (
            "    qualifier: 约\n",
            "",
            "256.4亿元 not found in demo-2023 (demo-2023.txt): the article writes 约256.4亿元",
        ),
        // A between-qualifier the article does not write.
        (
            "value: 80\n    unit: 家\n    qualifier: 近",
            "value: 80\n    unit: 家\n    qualifier: 余",
            "80余家 not found",
        ),
        // A converted unit: the article writes 1.2万人次.
        (
            "value: 1.2\n    unit: 万人次",
            "value: 12000\n    unit: 人次",
            "12000人次 not found",
        ),
        // A Chinese numeral read wrong (二十三).
        ("value: 23", "value: 24", "24个 not found"),
        // A growth that fell, entered as a rise.
        (
            "growth: {value: -2.1, unit: \"%\"}",
            "growth: {value: 2.1, unit: \"%\"}",
            "growth 2.1% of 18.9亿元 not found",
        ),
        // The growth's qualifier.
        (
            "growth: {value: 6.5, unit: \"%\", qualifier: 左右}",
            "growth: {value: 6.5, unit: \"%\"}",
            "growth 6.5% of 约256.4亿元 not found",
        ),
        // A base of the wrong year.
        (
            "base: {value: 40.2, year: 2018}",
            "base: {value: 40.2, year: 2017}",
            "base 40.2亿元 (2017年) of 63.5亿元 not found",
        ),
        // 去年 in a 2023 article is 2022.
        (
            "value: 1.2\n    unit: 万人次\n    year: 2022",
            "value: 1.2\n    unit: 万人次\n    year: 2023",
            "year 2023 of 1.2万人次 not found",
        ),
        // 三成以上 is 3 成, not 30 %.
        (
            "value: 3\n    unit: 成",
            "value: 30\n    unit: \"%\"",
            "30%以上 not found",
        ),
        // A rank.
        (
            "value: 3\n    unit: 位",
            "value: 2\n    unit: 位",
            "2位 not found",
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    for (i, (from, to, want)) in cases.iter().enumerate() {
        let dir = tmp.path().join(i.to_string());
        let data = data_with(&dir, from, to);
        let o = verify(&data);
        let stdout = out(&o);
        assert_eq!(o.code(), Some(1), "case {i}: {stdout}{}", err(&o));
        assert!(
            stdout.contains(want),
            "case {i}: want {want:?} in\n{stdout}{}",
            err(&o)
        );
        assert!(
            stdout.contains("\n  hint: closest passage: "),
            "case {i}: {stdout}"
        );
        assert!(stdout.contains("1 unverified"), "case {i}: {stdout}");
    }
}

#[test]
fn a_missing_article_is_reported_once() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with(tmp.path(), "facts:\n", "facts:\n  - kind: indicator\n    name: 缺失报道的数字\n    value: 7\n    unit: 个\n    source: lost-2023\n  - kind: indicator\n    name: 缺失报道的另一数字\n    value: 8\n    unit: 个\n    source: lost-2023\n");
    let mut sources = std::fs::read_to_string(data.join("sources.yaml")).unwrap();
    sources.push_str(
        "- id: lost-2023\n  title: 文件缺失的报道\n  period: 2023年\n  file: missing.txt\n",
    );
    std::fs::write(data.join("sources.yaml"), sources).unwrap();
    // A run that did not ask for that source says so in one line and passes.
    let o = verify(&data);
    let stdout = out(&o);
    assert_eq!(o.code(), Some(0), "{stdout}");
    assert_eq!(
        stdout.matches("source lost-2023: article").count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("missing.txt not found"), "{stdout}");
    assert!(stdout.contains("hint: pass --articles DIR"), "{stdout}");
    assert!(
        stdout.contains("0 unverified, 1 reviewed, 2 not checked (no article at hand)"),
        "{stdout}"
    );
    // A run that asks for it fails.
    let o = brief(&[
        "verify",
        "--data",
        data.to_str().unwrap(),
        "--articles",
        articles().to_str().unwrap(),
        "--source",
        "lost-2023",
    ]);
    let stdout = out(&o);
    assert_eq!(o.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("2 facts, 2 figures: 0 verified, 0 unverified, 0 reviewed, 2 not checked"),
        "{stdout}"
    );
}

#[test]
fn verify_checks_one_source_or_one_region() {
    let o = brief(&[
        "verify",
        "--data",
        fixture_data().to_str().unwrap(),
        "--articles",
        articles().to_str().unwrap(),
        "--source",
        "demo-2023",
    ]);
    assert_eq!(o.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("14 verified"), "{}", out(&o));
    let o = brief(&[
        "verify",
        "--data",
        fixture_data().to_str().unwrap(),
        "--articles",
        articles().to_str().unwrap(),
        "--region",
        "nowhere",
    ]);
    assert_eq!(o.code(), Some(1));
    assert!(
        err(&o).contains("region nowhere is not in the fact base"),
        "{}",
        err(&o)
    );
    let o = brief(&[
        "verify",
        "--data",
        fixture_data().to_str().unwrap(),
        "--articles",
        articles().to_str().unwrap(),
        "--source",
        "nope",
    ]);
    assert_eq!(o.code(), Some(1));
    assert!(err(&o).contains("known sources: demo-2023"), "{}", err(&o));
}

#[test]
fn a_missing_articles_directory_is_an_error_with_a_hint() {
    let o = brief(&[
        "verify",
        "--data",
        fixture_data().to_str().unwrap(),
        "--articles",
        "/nonexistent/articles",
    ]);
    assert_eq!(o.code(), Some(1));
    assert!(err(&o).contains("hint: pass --articles DIR"), "{}", err(&o));
}

fn extract(data: &Path, article: &Path) -> String {
    let o = brief(&[
        "extract",
        article.to_str().unwrap(),
        "--source",
        "demo-2023",
        "--data",
        data.to_str().unwrap(),
    ]);
    assert_eq!(o.code(), Some(0), "{}", err(&o));
    out(&o)
}

#[test]
fn extract_prints_facts_the_fact_base_accepts() {
    let yaml = extract(&fixture_data(), &articles().join("demo-2023.txt"));
    let facts: Vec<Fact> = serde_yaml::from_str(&yaml).expect("the drafts parse as facts");
    assert!(facts.iter().all(|f| f.source == "demo-2023"));
    let find = |v: f64, u: &str| {
        facts
            .iter()
            .find(|f| {
                f.value.as_ref().map(|n| n.value()) == Some(v) && f.unit.as_deref() == Some(u)
            })
            .unwrap_or_else(|| panic!("no draft of {v}{u} in\n{yaml}"))
    };
    let gdp = find(256.4, "亿元");
    assert_eq!(gdp.qualifier.as_deref(), Some("约"));
    assert_eq!(gdp.year, Some(2023));
    assert_eq!(
        gdp.growth
            .as_ref()
            .map(|g| (g.value.value(), g.qualifier.as_deref())),
        Some((6.5, Some("左右")))
    );
    assert!(gdp.name.contains("地区生产总值"), "{}", gdp.name);
    assert_eq!(
        find(18.9, "亿元").growth.as_ref().map(|g| g.value.value()),
        Some(-2.1)
    );
    let signed = find(23.0, "个");
    assert_eq!(
        (signed.year, signed.period.as_deref()),
        (Some(2023), Some("前三季度"))
    );
    find(1280.5, "亿元");
    let ag = find(63.5, "亿元");
    assert_eq!(
        ag.base.as_ref().map(|b| (b.value.value(), b.year)),
        Some((40.2, Some(2018)))
    );
    assert_eq!(
        ag.growth
            .as_ref()
            .map(|g| (g.value.value(), g.qualifier.as_deref())),
        Some((58.0, Some("约")))
    );
    assert_eq!(find(1.2, "万人次").year, Some(2022));
    assert_eq!(find(3.0, "成").qualifier.as_deref(), Some("以上"));
    assert_eq!(find(120.0, "家").qualifier.as_deref(), Some("余"));
    assert_eq!(find(80.0, "家").qualifier.as_deref(), Some("近"));
    find(3.0, "位");
    find(12.0, "个");
    // The base is not a draft of its own; a repeated passage counts once; a year is no figure.
    assert!(
        !facts
            .iter()
            .any(|f| f.value.as_ref().map(|n| n.value()) == Some(40.2)),
        "{yaml}"
    );
    assert_eq!(
        facts
            .iter()
            .filter(|f| f.value.as_ref().map(|n| n.value()) == Some(68.5))
            .count(),
        1,
        "{yaml}"
    );
    assert!(
        !facts.iter().any(|f| f.unit.as_deref() == Some("年")),
        "{yaml}"
    );
    // Sentences stand beside the drafts as comments, and known figures are marked.
    assert!(yaml.contains("\n# 全县森林覆盖率达68.5%。\n"), "{yaml}");
    assert!(yaml.contains("# already in "), "{yaml}");
    assert!(yaml.contains("demo.yaml:"), "{yaml}");

    // The drafts, as a region's facts, pass `brief check`.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::copy(
        fixture_data().join("sources.yaml"),
        data.join("sources.yaml"),
    )
    .unwrap();
    let mut region =
        String::from("id: draft\nname: 草稿县\nshort: 草稿\nlevel: 县\nprovince: 测试省\nfacts:\n");
    for line in yaml.lines() {
        region.push_str("  ");
        region.push_str(line);
        region.push('\n');
    }
    std::fs::write(data.join("regions/draft.yaml"), region).unwrap();
    if let Err(p) = FactBase::load(&data) {
        panic!("{p}");
    }
}

#[test]
fn extract_reads_units_the_vocabulary_adds() {
    let tmp = tempfile::tempdir().unwrap();
    let article = tmp.path().join("port.txt");
    std::fs::write(
        &article,
        "2023年，港口集装箱吞吐量达3200标准箱，增长12%。\n",
    )
    .unwrap();
    // The built-in vocabulary has no 标准箱: no draft.
    let yaml = extract(&fixture_data(), &article);
    let facts: Vec<Fact> = serde_yaml::from_str(&yaml).unwrap();
    assert!(
        !facts
            .iter()
            .any(|f| f.value.as_ref().map(|n| n.value()) == Some(3200.0)),
        "{yaml}"
    );
    // A fact base whose vocabulary adds it.
    let data = data_with(tmp.path(), "facts:\n", "facts:\n");
    let vocab = std::fs::read_to_string(root().join("data/vocabulary.yaml"))
        .unwrap()
        .replace("  count: [", "  count: [标准箱, ");
    std::fs::write(data.join("vocabulary.yaml"), vocab).unwrap();
    let yaml = extract(&data, &article);
    let facts: Vec<Fact> = serde_yaml::from_str(&yaml).unwrap();
    let f = facts
        .iter()
        .find(|f| f.value.as_ref().map(|n| n.value()) == Some(3200.0))
        .unwrap_or_else(|| panic!("{yaml}"));
    assert_eq!(f.unit.as_deref(), Some("标准箱"));
    assert_eq!(f.growth.as_ref().map(|g| g.value.value()), Some(12.0));
}

#[test]
fn extract_refuses_an_unknown_source() {
    let o = brief(&[
        "extract",
        articles().join("demo-2023.txt").to_str().unwrap(),
        "--source",
        "nope",
        "--data",
        fixture_data().to_str().unwrap(),
    ]);
    assert_eq!(o.code(), Some(1));
    assert!(err(&o).contains("known sources: demo-2023"), "{}", err(&o));
}

#[test]
fn extract_drafts_keep_the_articles_digits() {
    let data = root().join("tests/fixtures/bulletin");
    let o = brief(&[
        "extract",
        articles().join("yangli-2023.txt").to_str().unwrap(),
        "--source",
        "yangli-2023",
        "--data",
        data.to_str().unwrap(),
    ]);
    assert_eq!(o.code(), Some(0), "{}", err(&o));
    let yaml = out(&o);
    for want in [
        "  value: 1313.70\n",
        "  value: 131.40\n",
        "growth: {value: 18.0, unit: \"%\"}",
    ] {
        assert!(yaml.contains(want), "{want:?} not in\n{yaml}");
    }
}

/// README's "To add an article and a region", step by step, in the order written: the
/// article beside the bundled fact base (whose own articles are not at hand), its source
/// entry, `extract --region` for a region with no file yet, the region file with the drafts
/// pasted in, `check`, `verify`, and the briefing.
#[test]
fn the_readme_steps_for_a_new_article_and_region_work_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    crate::harness::copy_data(dir);
    std::fs::copy(
        root().join("data/vocabulary.yaml"),
        dir.join("data/vocabulary.yaml"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Brief::new()
            .current_dir(dir)
            .env_remove("BRIEF_DATA")
            .env_remove("BRIEF_ARTICLES")
            .args(args)
            .run()
    };
    // 1. The article in articles/, its entry in sources.yaml.
    std::fs::create_dir(dir.join("articles")).unwrap();
    std::fs::copy(
        articles().join("fanli-2023.txt"),
        dir.join("articles/fanli-2023.txt"),
    )
    .unwrap();
    let mut sources = std::fs::read_to_string(dir.join("data/sources.yaml")).unwrap();
    sources.push_str("- id: fanli-2023\n  title: 范例市转型纪实\n  outlet: 示例日报\n  date: 2024-01-15\n  period: 2023年\n  file: fanli-2023.txt\n");
    std::fs::write(dir.join("data/sources.yaml"), sources).unwrap();
    // 2. Drafts for a region that has no file yet.
    let o = run(&[
        "extract",
        "articles/fanli-2023.txt",
        "--source",
        "fanli-2023",
        "--region",
        "fanli",
    ]);
    assert_eq!(o.code(), Some(0), "{}", err(&o));
    let drafts = out(&o);
    assert!(drafts.contains("region fanli (a new region)"), "{drafts}");
    // 3. The region file: a small one's head, the drafts pasted in as they are.
    let mut region =
        String::from("id: fanli\nname: 范例市\nshort: 范例\nlevel: 市\nprovince: 示例省\nfacts:\n");
    for line in drafts.lines() {
        region.push_str("  ");
        region.push_str(line);
        region.push('\n');
    }
    std::fs::write(dir.join("data/regions/fanli.yaml"), region).unwrap();
    // 4. check says ok.
    let o = run(&["check"]);
    assert_eq!(o.code(), Some(0), "{}{}", out(&o), err(&o));
    // 5. verify: every draft verifies against its article; the bundled sources, whose
    // articles are not at hand, are a line each and do not fail the run.
    let o = run(&["verify"]);
    let stdout = out(&o);
    assert_eq!(o.code(), Some(0), "{stdout}{}", err(&o));
    assert!(
        stdout.contains("article articles/000_28e65a739679cad6.txt not found"),
        "{stdout}"
    );
    assert!(stdout.contains(" 0 unverified"), "{stdout}");
    let o = run(&["verify", "--source", "fanli-2023"]);
    assert_eq!(o.code(), Some(0), "{}", out(&o));
    assert!(!out(&o).contains("not checked"), "{}", out(&o));
    assert!(out(&o).contains(" 0 unverified, 0 reviewed"), "{}", out(&o));
    // 6. The briefing.
    let o = run(&[
        "--region",
        "fanli",
        "--audience",
        "investor",
        "--emit",
        "typ",
        "-o",
        "-",
    ]);
    assert_eq!(o.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("2468.35亿元"), "{}", out(&o));
}

/// A copy of the fixture fact base with several replacements in the region file.
fn data_with_all(dir: &Path, edits: &[(&str, &str)]) -> PathBuf {
    let data = data_with(dir, "facts:\n", "facts:\n");
    let path = data.join("regions/demo.yaml");
    let mut region = std::fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        assert!(region.contains(from), "the fixture holds {from:?}");
        region = region.replacen(from, to, 1);
    }
    std::fs::write(path, region).unwrap();
    data
}

/// Figures that are in the article, but not of the fact's thing or year: each is caught.
#[test]
fn a_figure_of_another_thing_or_year_is_caught() {
    type Edits = &'static [(&'static str, &'static str)];
    let cases: &[(Edits, &[&str])] = &[
        // Two figures of one unit swapped: each names the other's thing.
        (
            &[
                ("value: 1280.5", "value: 18.9"),
                (
                    "name: 财政总收入\n    value: 18.9",
                    "name: 财政总收入\n    value: 1280.5",
                ),
            ],
            &[
                "1280.5亿元 in demo-2023 (demo-2023.txt) is a figure of",
                "18.9亿元 in demo-2023 (demo-2023.txt) is a figure of",
            ],
        ),
        // Two growths swapped.
        (
            &[
                (
                    "growth: {value: 6.5, unit: \"%\", qualifier: 左右}",
                    "growth: {value: -2.1, unit: \"%\", qualifier: 左右}",
                ),
                (
                    "growth: {value: -2.1, unit: \"%\"}",
                    "growth: {value: 6.5, unit: \"%\"}",
                ),
            ],
            &["growth", "not found"],
        ),
        // A figure given to another fact's name.
        (
            &[(
                "name: 财政总收入\n    value: 18.9",
                "name: 财政总收入\n    value: 1280.5",
            )],
            &[
                "1280.5亿元 in demo-2023 (demo-2023.txt) is a figure of",
                "财政总收入",
            ],
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    for (n, (edits, wants)) in cases.iter().enumerate() {
        let data = data_with_all(&tmp.path().join(n.to_string()), edits);
        let o = verify(&data);
        let stdout = out(&o);
        assert_eq!(o.code(), Some(1), "case {n}: {stdout}");
        for want in *wants {
            assert!(stdout.contains(want), "case {n}: {want:?} in\n{stdout}");
        }
    }
}

/// The year is the figure's sentence's, or the period the article reports on — never a
/// neighbouring sentence's.
#[test]
fn a_year_from_a_neighbouring_sentence_is_no_year_of_the_figure() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("data/regions")).unwrap();
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(
        dir.join("articles/a.txt"),
        "2020年，全县接待游客100万人次。全县培训农民833人次。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("data/sources.yaml"),
        "- id: a\n  title: 测试\n  period: 2022年\n  file: a.txt\n",
    )
    .unwrap();
    let region = |year: i64| {
        format!("id: x\nname: 某县\nshort: 某\nlevel: 县\nprovince: 测试省\nfacts:\n  - kind: livelihood\n    name: 培训农民\n    value: 833\n    unit: 人次\n    year: {year}\n    source: a\n")
    };
    let run = || {
        brief(&[
            "verify",
            "--data",
            dir.join("data").to_str().unwrap(),
            "--articles",
            dir.join("articles").to_str().unwrap(),
        ])
    };
    std::fs::write(dir.join("data/regions/x.yaml"), region(2020)).unwrap();
    let o = run();
    assert_eq!(o.code(), Some(1), "{}", out(&o));
    assert!(
        out(&o).contains("year 2020 of 833人次 not found in a (a.txt): its sentence names no year, and the article reports on 2022"),
        "{}",
        out(&o)
    );
    std::fs::write(dir.join("data/regions/x.yaml"), region(2022)).unwrap();
    let o = run();
    assert_eq!(o.code(), Some(0), "{}", out(&o));
}

/// Digits as the article prints them: 1313.7 is not the article's 1313.70.
#[test]
fn a_figure_with_other_digits_is_named_with_the_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    let bulletin = root().join("tests/fixtures/bulletin");
    for f in ["sources.yaml", "vocabulary.yaml"] {
        std::fs::copy(bulletin.join(f), data.join(f)).unwrap();
    }
    let region = std::fs::read_to_string(bulletin.join("regions/yangli.yaml")).unwrap();
    std::fs::write(
        data.join("regions/yangli.yaml"),
        region.replacen("value: 1313.70", "value: 1313.7", 1),
    )
    .unwrap();
    let o = verify(&data);
    assert_eq!(o.code(), Some(1), "{}", out(&o));
    assert!(
        out(&o).contains(
            "1313.7亿元 not found in yangli-2023 (yangli-2023.txt): the article writes 1313.70亿元"
        ),
        "{}",
        out(&o)
    );
}

/// An article file that is a link out of the articles directory is not read: its text would
/// reach the messages.
#[test]
fn an_article_linked_from_outside_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(
        dir.join("secret.txt"),
        "机密：全县地区生产总值约256.4亿元。\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("articles/demo-2023.txt")).unwrap();
    let o = brief(&[
        "verify",
        "--data",
        fixture_data().to_str().unwrap(),
        "--articles",
        dir.join("articles").to_str().unwrap(),
        "--source",
        "demo-2023",
    ]);
    let stdout = out(&o);
    assert_eq!(o.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("is a link that leads out of the articles directory"),
        "{stdout}"
    );
    assert!(
        stdout.contains("hint: copy the article into the articles directory"),
        "{stdout}"
    );
    assert!(!stdout.contains("机密"), "{stdout}");
}

/// A figure reader is exact or refuses: 零点五亿元 is 0.5亿元, not 5亿元; a numeral too large
/// to keep, or twenty digits, is no draft.
#[test]
fn chinese_decimals_and_huge_numerals_are_read_exactly_or_not_at_all() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("data/regions")).unwrap();
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(
        dir.join("articles/a.txt"),
        "2022年，全县文旅投资零点五亿元，农业投资一点二亿元，规划投资一亿亿亿亿元，储备资金100000000000000000000元。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("data/sources.yaml"),
        "- id: a\n  title: 测试\n  period: 2022年\n  file: a.txt\n",
    )
    .unwrap();
    let region = |v1: &str, v2: &str| {
        format!("id: x\nname: 某县\nshort: 某\nlevel: 县\nprovince: 测试省\nfacts:\n  - kind: indicator\n    name: 文旅投资\n    value: {v1}\n    unit: 亿元\n    year: 2022\n    source: a\n  - kind: indicator\n    name: 农业投资\n    value: {v2}\n    unit: 亿元\n    year: 2022\n    source: a\n")
    };
    let data = dir.join("data");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--data", data.to_str().unwrap()]);
        brief(&all)
    };
    let verify_args = [
        "verify",
        "--articles",
        dir.join("articles").to_str().unwrap(),
    ]
    .map(String::from);
    let verify_args: Vec<&str> = verify_args.iter().map(String::as_str).collect();
    std::fs::write(data.join("regions/x.yaml"), region("0.5", "1.2")).unwrap();
    let o = run(&verify_args);
    assert_eq!(o.code(), Some(0), "{}", out(&o));
    std::fs::write(data.join("regions/x.yaml"), region("5", "2")).unwrap();
    let o = run(&verify_args);
    assert_eq!(o.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("2 unverified"), "{}", out(&o));
    // extract drafts the two decimals and nothing of the rest.
    let article = dir.join("articles/a.txt");
    let o = run(&["extract", article.to_str().unwrap(), "--source", "a"]);
    assert_eq!(o.code(), Some(0), "{}", err(&o));
    let facts: Vec<Fact> = serde_yaml::from_str(&out(&o)).unwrap();
    let values: Vec<String> = facts
        .iter()
        .filter_map(|f| f.value.as_ref().map(|v| v.text().to_string()))
        .collect();
    assert_eq!(values, ["0.5", "1.2"], "{}", out(&o));
}

/// A page without a full stop (a run of 约 before a figure, or thousands of figures in one
/// sentence) is read in one pass: each draft's comment is its figure's neighbourhood, not
/// the whole run.
#[test]
fn a_long_sentence_is_read_once_and_quoted_in_part() {
    let tmp = tempfile::tempdir().unwrap();
    let article = tmp.path().join("long.txt");
    std::fs::write(&article, format!("全县{}1亿元。\n", "约".repeat(300_000))).unwrap();
    let yaml = extract(&fixture_data(), &article);
    let facts: Vec<Fact> = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(facts.len(), 1, "{}", &yaml[..yaml.len().min(2000)]);
    assert_eq!(facts[0].qualifier.as_deref(), Some("约"));
    assert!(yaml.len() < 2000, "{} bytes", yaml.len());
    let many: Vec<String> = (1..=5_000).map(|i| format!("项目{i}投资{i}亿元")).collect();
    std::fs::write(&article, format!("全县{}。\n", many.join("，"))).unwrap();
    let yaml = extract(&fixture_data(), &article);
    let facts: Vec<Fact> = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(facts.len(), 5_000);
    assert!(
        yaml.lines()
            .filter(|l| l.starts_with("# "))
            .all(|l| l.chars().count() < 200),
        "a comment is cut short"
    );
}
