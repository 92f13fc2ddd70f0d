//! `brief verify` on a county's 统计公报 and a newspaper's report of its first three quarters
//! (tests/fixtures/county-gx), each changed in one place: the shares a ratio of the three
//! industries states, the items of a list whose head follows its last item, a table's rows
//! named with their column's measure, periods within the year, the bounds of a range.

use std::path::{Path, PathBuf};

use crate::harness::root;
use crate::verify::{err, out, verify};

const FIXTURE: &str = "county-gx";

/// A copy of the fixture with `from` replaced by `to` in its region file (each pair in turn).
fn changed(tmp: &Path, edits: &[(&str, &str)]) -> PathBuf {
    let data = tmp.join(FIXTURE);
    std::fs::create_dir_all(data.join("regions")).unwrap();
    let src = root().join("tests/fixtures").join(FIXTURE);
    for f in ["sources.yaml", "vocabulary.yaml", "regions/baling.yaml"] {
        std::fs::copy(src.join(f), data.join(f)).unwrap();
    }
    let file = data.join("regions/baling.yaml");
    let mut yaml = std::fs::read_to_string(&file).unwrap();
    for (from, to) in edits {
        assert!(yaml.contains(from), "{from}");
        yaml = yaml.replacen(from, to, 1);
    }
    std::fs::write(&file, yaml).unwrap();
    data
}

/// What verify says of a fact base it refuses (exit 1).
fn refused(data: &Path) -> String {
    let o = verify(data);
    let stdout = out(&o);
    assert_eq!(o.code(), Some(1), "{stdout}{}", err(&o));
    stdout
}

#[test]
fn the_county_verifies_whole() {
    let o = verify(&root().join("tests/fixtures").join(FIXTURE));
    let stdout = out(&o);
    assert_eq!(o.code(), Some(0), "{stdout}{}", err(&o));
    assert!(stdout.contains(" 0 unverified, 0 reviewed"), "{stdout}");
}

/// 三次产业结构为15.4∶38.2∶46.4: each share is its industry's, by position.
#[test]
fn the_shares_of_a_ratio_of_the_industries_are_each_industrys() {
    let tmp = tempfile::tempdir().unwrap();
    let data = changed(
        tmp.path(),
        &[(
            "name: 第一产业增加值占比, value: 15.4,",
            "name: 第一产业增加值占比, value: 38.2,",
        )],
    );
    let stdout = refused(&data);
    assert!(stdout.contains("38.2% in baling-2024"), "{stdout}");
}

/// 茶叶加工、电子材料产业产值分别增长12%、18%; 规模以上工业、高新技术企业数分别达到68家、23家;
/// 入园的企业、个体工商户总数分别达到34家、127家: the head after the last item is every
/// item's, and each figure its own item's; a swap of a pair is caught.
#[test]
fn a_swap_within_a_list_headed_after_its_last_item_is_caught() {
    let swaps: [[(&str, &str); 2]; 3] = [
        [
            (
                "name: 茶叶加工产业产值, year: 2024, growth: {value: 12,",
                "name: 茶叶加工产业产值, year: 2024, growth: {value: 18,",
            ),
            (
                "name: 电子材料产业产值, year: 2024, growth: {value: 18,",
                "name: 电子材料产业产值, year: 2024, growth: {value: 12,",
            ),
        ],
        [
            (
                "name: 规模以上工业企业数, value: 68,",
                "name: 规模以上工业企业数, value: 23,",
            ),
            (
                "name: 高新技术企业数, value: 23,",
                "name: 高新技术企业数, value: 68,",
            ),
        ],
        [
            (
                "name: 电商产业园入园企业总数, value: 34,",
                "name: 电商产业园入园企业总数, value: 127,",
            ),
            (
                "name: 电商产业园入园个体工商户总数, value: 127,",
                "name: 电商产业园入园个体工商户总数, value: 34,",
            ),
        ],
    ];
    for swap in swaps {
        let tmp = tempfile::tempdir().unwrap();
        let stdout = refused(&changed(tmp.path(), &swap));
        assert!(stdout.contains("2 unverified"), "{swap:?}\n{stdout}");
    }
}

/// 水泥 | 万吨 | 320.5 under the column 产量: the row is 水泥产量, and no other product's
/// output takes its figure.
#[test]
fn a_tables_row_is_its_products_measure() {
    let tmp = tempfile::tempdir().unwrap();
    let data = changed(
        tmp.path(),
        &[(
            "name: 机制糖产量, value: 12.86,",
            "name: 机制糖产量, value: 320.5,",
        )],
    );
    let stdout = refused(&data);
    assert!(stdout.contains("320.5万吨 in baling-2024"), "{stdout}");
}

/// 前三季度，社会消费品零售总额40.15亿元: a figure of the first three quarters is not the
/// year's, nor the first half's; 1—9月 is 前三季度 written another way.
#[test]
fn a_period_the_clause_states_is_the_facts() {
    let sales = "name: 社会消费品零售总额, value: 40.15, unit: 亿元, year: 2025, period: 前三季度,";
    let tmp = tempfile::tempdir().unwrap();
    let data = changed(
        tmp.path(),
        &[(
            sales,
            "name: 社会消费品零售总额, value: 40.15, unit: 亿元, year: 2025,",
        )],
    );
    let stdout = refused(&data);
    assert!(
        stdout.contains(
            "40.15亿元 in baling-2025q3 (baling-2025q3.txt) is a figure of 前三季度, and the fact has no period"
        ),
        "{stdout}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let data = changed(
        tmp.path(),
        &[(
            sales,
            "name: 社会消费品零售总额, value: 40.15, unit: 亿元, year: 2025, period: 上半年,",
        )],
    );
    let stdout = refused(&data);
    assert!(
        stdout.contains("is a figure of 前三季度, and the fact's period is 上半年"),
        "{stdout}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let data = changed(
        tmp.path(),
        &[(
            "name: 规模以上工业增加值, year: 2025, period: 1—9月,",
            "name: 规模以上工业增加值, year: 2025, period: 前三季度,",
        )],
    );
    let o = verify(&data);
    assert_eq!(o.code(), Some(0), "{}", out(&o));
}

/// 每亩每年500元至900元: one bound given the other's figure leaves one figure recorded twice.
#[test]
fn a_bound_of_a_range_given_the_others_figure_is_caught() {
    let tmp = tempfile::tempdir().unwrap();
    let data = changed(
        tmp.path(),
        &[(
            "name: 土地流转租金, value: 500,",
            "name: 土地流转租金, value: 900,",
        )],
    );
    let stdout = refused(&data);
    assert!(
        stdout.contains("900元 of 土地流转租金 in baling-2024 (baling-2024.txt) is recorded twice"),
        "{stdout}"
    );
}
