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
    let audiences = brief::render::Audiences::builtin();
    let year: i64 = DATE[..4].parse().unwrap();
    // A goal whose year is over at the briefing's date is left out (office.yaml's past_goals).
    for f in region
        .facts
        .iter()
        .filter(|f| !brief::render::past_goal(&base, f, year))
    {
        let mut wanted = Vec::new();
        if let (Some(v), Some(u)) = (&f.value, &f.unit) {
            wanted.push(format_quantity(
                &base.vocab,
                v.text(),
                u,
                f.qualifier.as_deref(),
            ));
        }
        if let Some(c) = format_change(&base.vocab, f) {
            wanted.push(c);
        }
        for w in wanted {
            let w = squeeze(&w);
            let first = audiences
                .list
                .iter()
                .find(|a| audiences.reading(f, a) == Some(brief::render::Reading::Full))
                .expect("a reader of the fact in full")
                .id;
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

#[test]
fn a_chart_of_siblings_cites_their_articles_too() {
    // Three districts of one city share a keyed figure; two cite an article the third does not.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::write(
        data.join("sources.yaml"),
        "- id: a\n  title: 甲文\n  period: 2024年\n- id: b\n  title: 乙文\n  period: 2024年\n",
    )
    .unwrap();
    std::fs::write(
        data.join("regions/city.yaml"),
        "id: city\nname: 某市\nshort: 某市\nlevel: 市\nprovince: 湖南省\n",
    )
    .unwrap();
    for (id, name, value, source) in [
        ("d1", "一区", 30, "a"),
        ("d2", "二区", 20, "b"),
        ("d3", "三区", 10, "b"),
    ] {
        std::fs::write(
            data.join(format!("regions/{id}.yaml")),
            format!(
                "id: {id}\nname: {name}\nshort: {name}短\nlevel: 区\nparent: city\nfacts:\n  - kind: indicator\n    key: signed_capital\n    name: 签约资金\n    value: {value}\n    unit: 亿元\n    year: 2024\n    source: {source}\n"
            ),
        )
        .unwrap();
    }
    let pdf = tmp.path().join("d1.pdf");
    Brief::new()
        .args(["--data"])
        .arg(&data)
        .args(["-r", "d1", "-a", "investor", "--date", DATE, "-o"])
        .arg(&pdf)
        .run()
        .success();
    let text = squeeze(&pdf::text(&pdf));
    assert!(text.contains("图1"), "no chart: {text}");
    assert!(
        text.contains("《乙文》"),
        "the siblings' article is not listed: {text}"
    );
}
