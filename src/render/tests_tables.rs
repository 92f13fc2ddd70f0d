//! Tables: what a section tabulates, how its rows read, and how a table sits on its pages.

use super::tests::{all_briefings, aud, bundled, fact, fixture, rd, region};
use super::*;
use crate::facts::{FactBase, Kind};

#[test]
fn project_tables_hold_money_ranked_within_a_measure() {
    let mk = |name: &str, v: Option<f64>, unit: &str, m: Option<&str>| {
        let mut f = fact(Kind::Project, name, v, unit);
        f.measure = m.map(str::to_string);
        f
    };
    let r = region(
        "a",
        None,
        vec![
            mk("甲", Some(3.0), "亿元", Some("投资")),
            mk("乙", Some(20.0), "家", None),
            mk("丙", Some(8000.0), "万元", Some("税收")),
            mk("丁", Some(30.0), "亿元", Some("投资")),
            mk("戊", None, "", None),
            mk("己", Some(100.0), "%", None),
        ],
    );
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = super::plan::build_section(&w, rd(aud("investor")), &[Kind::Project], "项目", &[])
        .expect("a section");
    let table = s.table.expect("a table of money figures");
    let names: Vec<&str> = table.rows.iter().map(|r| r.cells[0].as_str()).collect();
    assert_eq!(names, ["丁", "甲", "丙"]);
    let words: String = s.before.iter().flatten().map(|x| x.text.clone()).collect();
    assert!(
        words.contains("乙20家") && words.contains("己100%"),
        "{words}"
    );
    assert!(
        !words.contains('戊'),
        "a bare name without predicate is not printed: {words}"
    );
}

#[test]
fn tables_carry_no_column_of_dashes() {
    let base = bundled();
    for (r, a, src) in all_briefings(&base) {
        for table in src.split("#brief-table(").skip(1) {
            let body = &table[..table.find("\n)").unwrap()];
            let rows: Vec<Vec<&str>> = body
                .lines()
                .skip(4)
                .map(|l| l.trim().trim_end_matches(',').split("], [").collect())
                .collect();
            let Some(width) = rows.first().map(Vec::len) else {
                continue;
            };
            for c in 0..width {
                let dashes = rows
                    .iter()
                    .filter(|row| {
                        row.get(c)
                            .is_some_and(|x| x.trim_matches(['[', ']']) == "—")
                    })
                    .count();
                assert!(
                    2 * dashes <= rows.len(),
                    "{}-{a}: column {c} is mostly —",
                    r.id
                );
            }
        }
    }
}

#[test]
fn pages_keep_headings_and_short_tables_whole() {
    let base_tpl = EMBEDDED
        .iter()
        .find(|(n, _)| *n == "base.typ.j2")
        .unwrap()
        .1;
    assert!(
        base_tpl.contains("sticky: true"),
        "headings stick to what follows"
    );
    assert!(
        base_tpl.contains("breakable: rows > 14"),
        "short tables never break"
    );
    assert!(
        base_tpl.contains("table.header(repeat: true"),
        "the header repeats"
    );
}

/// A section of many figures: a thing's (合作社…) among the region's.
fn many_figures() -> FactBase {
    let mut facts = Vec::new();
    for (i, item) in [
        "社员",
        "标准化大棚",
        "年产鲜菇",
        "冷库",
        "烘干生产线",
        "年加工能力",
    ]
    .iter()
    .enumerate()
    {
        let mut f = fact(
            Kind::Agriculture,
            &format!("合作社{item}"),
            Some(10.0 + i as f64),
            "个",
        );
        f.year = Some(2024);
        facts.push(f);
    }
    let loose = [
        "每棚毛收入",
        "林下亩产",
        "带动农户",
        "脱贫户户均增收",
        "签约商超",
        "出口国家",
        "直播订单",
        "从业群众",
        "种植面积",
        "烘干能力",
        "冷链车辆",
        "蔬菜大棚",
        "菌种场",
        "示范基地",
        "技术人员",
    ];
    for (i, name) in loose.iter().enumerate() {
        let mut f = fact(Kind::Agriculture, name, Some(100.0 + i as f64), "个");
        f.year = Some(2024);
        facts.push(f);
    }
    fixture(vec![region("a", None, facts)])
}

#[test]
fn a_table_longer_than_a_page_says_a_things_rows_in_sentences() {
    let base = many_figures();
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s =
        super::plan::build_section(&w, rd(aud("policy")), &[Kind::Agriculture], "乡村振兴", &[])
            .expect("a section");
    let table = s.table.as_ref().expect("a table of the loose figures");
    assert!(table.rows.len() <= 14, "{} rows", table.rows.len());
    let rows: Vec<&str> = table.rows.iter().map(|r| r.cells[0].as_str()).collect();
    assert!(
        rows.iter().all(|r| !r.starts_with("合作社")),
        "the 合作社's rows are said together: {rows:?}"
    );
    let words: String = s.before.iter().flatten().map(|x| x.text.clone()).collect();
    for n in ["标准化大棚11个", "年加工能力15个"] {
        assert!(words.contains(n), "{n} in {words}");
    }
    // Every figure is printed once, in a sentence or a row.
    for f in &base.regions[0].facts {
        let v = f.value.as_ref().unwrap().magnitude().to_string();
        let in_rows = table.rows.iter().any(|r| r.cells[0] == f.name);
        assert!(in_rows || words.contains(&v), "{} dropped", f.name);
    }
}

#[test]
fn a_ranges_two_bounds_are_one_row() {
    let rows = vec![
        fact(Kind::Agriculture, "生猪存栏", Some(21.6), "万头"),
        fact(Kind::Agriculture, "土地流转租金", Some(500.0), "元"),
        fact(Kind::Agriculture, "土地流转租金", Some(900.0), "元"),
        fact(Kind::Agriculture, "生猪出栏", Some(28.9), "万头"),
    ];
    let base = fixture(vec![region("a", None, rows)]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let facts: Vec<&crate::facts::Fact> = base.regions[0].facts.iter().collect();
    let t = super::table::figure_table(&w, &facts);
    let cells: Vec<String> = t.rows.iter().map(|r| r.cells.join("|")).collect();
    assert_eq!(cells.len(), 3, "{cells:?}");
    assert!(
        cells.iter().any(|c| c.contains("土地流转租金|500～900元")),
        "{cells:?}"
    );
}
