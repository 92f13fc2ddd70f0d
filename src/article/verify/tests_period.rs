//! `verify` on periods: a county's report of its first three quarters and a holiday release
//! (our own words and figures), with facts changed one at a time. A figure of a part of the
//! year is held to it; messages point at the fact that is wrong.

use super::{run, Filter, Report};
use crate::facts::FactBase;

const REPORT: &str = "柯泉县前三季度经济运行情况

前三季度，柯泉县实现地区生产总值95.6亿元，同比增长5.2%。

分产业看，第一产业增加值12.4亿元，增长3.1%。全县固定资产投资同比增长4.7%。目前，全县共有规模以上工业企业88家。新建的柯泉物流园项目总投资6.5亿元。

全县一般公共预算收入6.1亿元，同比增长2.8%，其中税收收入4.2亿元，占比68.9%。

今年以来，全县新增市场主体1320户。“今年以来，我们组建了6个服务队。”县商务局负责人说。

今年国庆假期，全县接待游客12.8万人次，同比增长9.5%。1—9月，全县累计接待游客210万人次。

9月18日，全县举办招商推介会，现场签约项目7个。

县统计局有关负责人表示，预计全年地区生产总值增长5%左右，力争全年一般公共预算收入突破8亿元。
";

const HOLIDAY: &str = "柯泉县假期文旅市场平稳

国庆中秋假期，全县实现旅游收入2.6亿元。假期全县重点监测的42家酒店平均入住率达到81.5%。
";

const SOURCES: &str = "- id: kq
  title: 柯泉县前三季度经济运行情况
  date: 2025-10-20
  period: 2025年前三季度
  file: kq.txt
- id: kqh
  title: 柯泉县假期文旅市场平稳
  date: 2025-10-09
  period: 2025年国庆中秋假期
  file: kqh.txt
";

/// The facts, one a line: line 7 is the first.
const FACTS: &str = r#"id: kequan
name: 柯泉县
short: 柯泉
level: 县
province: 江西省
facts:
  - {kind: indicator, name: 地区生产总值, value: 95.6, unit: 亿元, year: 2025, period: 前三季度, growth: {value: 5.2, unit: "%"}, source: kq}
  - {kind: indicator, name: 第一产业增加值, value: 12.4, unit: 亿元, year: 2025, period: 前三季度, growth: {value: 3.1, unit: "%"}, source: kq}
  - {kind: indicator, name: 固定资产投资, year: 2025, period: 1—9月, growth: {value: 4.7, unit: "%"}, source: kq}
  - {kind: industry, name: 规模以上工业企业, value: 88, unit: 家, year: 2025, source: kq}
  - {kind: project, name: 柯泉物流园项目, measure: 总投资, value: 6.5, unit: 亿元, source: kq}
  - {kind: indicator, name: 一般公共预算收入, value: 6.1, unit: 亿元, year: 2025, period: 前三季度, growth: {value: 2.8, unit: "%"}, source: kq}
  - {kind: indicator, name: 税收收入, value: 4.2, unit: 亿元, year: 2025, period: 前三季度, source: kq}
  - {kind: indicator, name: 税收收入占一般公共预算收入比重, value: 68.9, unit: "%", year: 2025, period: 前三季度, source: kq}
  - {kind: indicator, name: 新增市场主体, value: 1320, unit: 户, year: 2025, period: 今年以来, source: kq}
  - {kind: indicator, name: 服务队, value: 6, unit: 个, year: 2025, source: kq}
  - {kind: tourism, name: 国庆假期接待游客, value: 12.8, unit: 万人次, year: 2025, period: 国庆假期, growth: {value: 9.5, unit: "%"}, source: kq}
  - {kind: tourism, name: 接待游客, value: 210, unit: 万人次, year: 2025, period: 1—9月, source: kq}
  - {kind: indicator, name: 招商推介会现场签约项目, value: 7, unit: 个, year: 2025, source: kq}
  - {kind: indicator, name: 地区生产总值增长预期, year: 2025, target: true, growth: {value: 5, unit: "%", qualifier: 左右}, source: kq}
  - {kind: indicator, name: 一般公共预算收入, value: 8, unit: 亿元, qualifier: 突破, year: 2025, target: true, source: kq}
  - {kind: tourism, name: 旅游收入, value: 2.6, unit: 亿元, year: 2025, period: 中秋国庆假期, source: kqh}
  - {kind: tourism, name: 重点监测酒店, value: 42, unit: 家, year: 2025, period: 国庆中秋假期, source: kqh}
  - {kind: tourism, name: 重点监测酒店平均入住率, value: 81.5, unit: "%", year: 2025, period: 国庆中秋假期, source: kqh}
"#;

/// Verify on the fact base with each `(from, to)` replaced once in its facts.
fn verified(edits: &[(&str, &str)]) -> Report {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let articles = tmp.path().join("articles");
    std::fs::create_dir_all(data.join("regions")).unwrap();
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("kq.txt"), REPORT).unwrap();
    std::fs::write(articles.join("kqh.txt"), HOLIDAY).unwrap();
    std::fs::write(data.join("sources.yaml"), SOURCES).unwrap();
    let mut facts = FACTS.to_string();
    for (from, to) in edits {
        assert!(facts.contains(from), "{from}");
        facts = facts.replacen(from, to, 1);
    }
    std::fs::write(data.join("regions/kequan.yaml"), facts).unwrap();
    let base = FactBase::load(&data).unwrap_or_else(|p| panic!("{p}"));
    run(&base, &articles, &Filter::default())
}

/// The report's lines, one string.
fn said(r: &Report) -> String {
    r.lines.join("\n")
}

/// Refused: exactly `n` figures unverified.
fn refused(edits: &[(&str, &str)], n: usize) -> String {
    let r = verified(edits);
    assert_eq!(r.unverified, n, "{edits:?}\n{}", said(&r));
    said(&r)
}

#[test]
fn the_report_and_the_holiday_release_verify() {
    let r = verified(&[]);
    assert_eq!(r.unverified, 0, "{}", said(&r));
    assert_eq!(r.verified, 18);
}

/// 分产业看，第一产业增加值12.4亿元: the report's figures are of 前三季度 without saying so;
/// with no period, or with the year's, a holiday's, they are wrong numbers.
#[test]
fn a_figure_of_the_articles_part_of_the_year_is_of_it() {
    let line = "name: 第一产业增加值, value: 12.4, unit: 亿元, year: 2025, period: 前三季度,";
    let out = refused(
        &[(
            line,
            "name: 第一产业增加值, value: 12.4, unit: 亿元, year: 2025,",
        )],
        1,
    );
    assert!(out.contains("regions/kequan.yaml:8:5: 12.4亿元 in kq (kq.txt) is a figure of 前三季度, and the fact has no period"), "{out}");
    assert!(
        out.contains("hint: give the fact `period: 前三季度`"),
        "{out}"
    );
    for other in ["全年", "年度", "国庆假期", "上半年"] {
        let to = line.replace("前三季度", other);
        let out = refused(&[(line, &to)], 1);
        assert!(
            out.contains(&format!("the fact's period is {other}")),
            "{out}"
        );
    }
    let r = verified(&[(line, &line.replace("前三季度", "1—9月"))]);
    assert_eq!(r.unverified, 0, "{}", said(&r));
}

/// 预计全年地区生产总值增长5%左右: a figure of the whole year is not of 前三季度; 全年 or no
/// period is the year's.
#[test]
fn a_figure_of_the_whole_year_is_not_of_the_part() {
    let line = "name: 地区生产总值增长预期, year: 2025, target: true,";
    let out = refused(
        &[(line, &line.replace("target", "period: 前三季度, target"))],
        1,
    );
    assert!(
        out.contains("is a figure of the whole year (全年), and the fact's period is 前三季度"),
        "{out}"
    );
    let r = verified(&[(line, &line.replace("target", "period: 全年, target"))]);
    assert_eq!(r.unverified, 0, "{}", said(&r));
}

/// 今年国庆假期，全县接待游客12.8万人次: the holiday named in a sentence is its figures'.
#[test]
fn a_holiday_named_in_a_sentence_is_its_figures_period() {
    let line = "value: 12.8, unit: 万人次, year: 2025, period: 国庆假期,";
    let out = refused(&[(line, "value: 12.8, unit: 万人次, year: 2025,")], 1);
    assert!(
        out.contains("is a figure of 国庆假期, and the fact has no period"),
        "{out}"
    );
    let out = refused(&[(line, &line.replace("国庆假期", "1—9月"))], 1);
    assert!(
        out.contains("is a figure of 国庆假期, and the fact's period is 1—9月"),
        "{out}"
    );
    // 国庆中秋假期 and 中秋国庆假期 are one holiday.
    let r = verified(&[(line, &line.replace("国庆假期", "国庆黄金周"))]);
    assert_eq!(r.unverified, 0, "{}", said(&r));
}

/// 今年以来，全县新增市场主体1320户: the year so far is a period; in quoted speech it is the
/// speaker's, and a fact may go without it.
#[test]
fn a_figure_of_the_year_so_far_has_that_period() {
    let line = "value: 1320, unit: 户, year: 2025, period: 今年以来,";
    let out = refused(&[(line, "value: 1320, unit: 户, year: 2025,")], 1);
    assert!(
        out.contains("is a figure of 今年以来, and the fact has no period"),
        "{out}"
    );
    assert!(out.contains("give the fact `period: 今年以来`"), "{out}");
    let r = verified(&[(line, &line.replace("今年以来", "2025年以来"))]);
    assert_eq!(r.unverified, 0, "{}", said(&r));
    let r = verified(&[(
        "name: 服务队, value: 6, unit: 个, year: 2025,",
        "name: 服务队, value: 6, unit: 个, year: 2025, period: 今年以来,",
    )]);
    assert_eq!(r.unverified, 0, "{}", said(&r));
}

/// A stock (目前共有…88家), what a project lastingly is (总投资6.5亿元), a figure of a day (9月18日
/// …7个) and a goal take no part of the year: a fact of them without a period verifies, and
/// one of them with a period other than the part is not refused for it either.
#[test]
fn a_stock_a_lasting_figure_a_days_and_a_goal_take_no_part() {
    let r = verified(&[]);
    assert_eq!(r.unverified, 0, "{}", said(&r));
    let r = verified(&[(
        "value: 88, unit: 家, year: 2025,",
        "value: 88, unit: 家, year: 2025, period: 截至9月底,",
    )]);
    assert_eq!(r.unverified, 0, "{}", said(&r));
}

/// 假期全县重点监测的42家酒店…: a bare 假期 of a holiday's release is its holiday, which the
/// fact must say (without it the holiday's figure reads as the year's); another period is
/// refused.
#[test]
fn a_bare_holiday_is_the_releases_and_the_fact_says_it() {
    let line = "value: 81.5, unit: \"%\", year: 2025, period: 国庆中秋假期,";
    let out = refused(&[(line, "value: 81.5, unit: \"%\", year: 2025,")], 1);
    assert!(
        out.contains("is a figure of 国庆中秋假期, and the fact has no period"),
        "{out}"
    );
    let out = refused(&[(line, &line.replace("国庆中秋假期", "1—9月"))], 1);
    assert!(out.contains("is a figure of 国庆中秋假期"), "{out}");
}

/// 接待游客 of 1—9月 does not claim the holiday's clause: a holiday's figure recorded as 1—9月 is
/// refused for its period, at its own line; and a fact recorded with a wrong period does not
/// make the right fact of its clause fail.
#[test]
fn a_wrong_period_is_blamed_on_its_own_fact() {
    let holiday = "value: 12.8, unit: 万人次, year: 2025, period: 国庆假期,";
    let out = refused(&[(holiday, &holiday.replace("国庆假期", "1—9月"))], 1);
    assert!(
        out.contains("kequan.yaml:17:")
            && out.contains("12.8万人次 in kq (kq.txt) is a figure of 国庆假期"),
        "{out}"
    );
    let months = "value: 210, unit: 万人次, year: 2025, period: 1—9月,";
    let out = refused(&[(months, &months.replace("1—9月", "国庆假期"))], 1);
    assert!(out.contains("kequan.yaml:18:"), "{out}");
}

/// 其中税收收入4.2亿元，占比68.9%: a wrong change of 税收收入 fails 税收收入 alone; the share's
/// clause is no claim of a peer whose figure in % is only its change.
#[test]
fn a_wrong_change_of_an_amount_does_not_fail_its_share() {
    let line = "name: 税收收入, value: 4.2, unit: 亿元, year: 2025, period: 前三季度,";
    let with = format!("{line} growth: {{value: 2.8, unit: \"%\"}},");
    let out = refused(&[(line, &with)], 1);
    assert!(out.contains("kequan.yaml:13:"), "{out}");
}

/// 占比68.9% recorded as 税收收入's: a share is not the amount, and the message quotes the
/// clause's words in the article's order.
#[test]
fn a_share_is_not_named_as_its_amount() {
    let out = refused(
        &[(
            "name: 税收收入占一般公共预算收入比重, value: 68.9",
            "name: 税收收入, value: 68.9",
        )],
        1,
    );
    assert!(
        out.contains("68.9% in kq (kq.txt) is a figure of “税收收入占比”, a share that 税收收入 does not say"),
        "{out}"
    );
}
