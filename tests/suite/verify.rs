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

fn out(o: &Run) -> String {
    o.stdout()
}

fn err(o: &Run) -> String {
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

fn verify(data: &Path) -> Run {
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
    assert!(stdout.contains("demo.yaml:105:15: 2个 — "), "{stdout}");
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
    let o = verify(&data);
    let stdout = out(&o);
    assert_eq!(o.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout.matches("source lost-2023: article").count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("missing.txt not found"), "{stdout}");
    assert!(stdout.contains("hint: pass --articles DIR"), "{stdout}");
    assert!(
        stdout.contains("2 unverified (2 without their article)"),
        "{stdout}"
    );
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
