//! The periods `brief extract` drafts: an article on a part of the year gives it to the
//! figures it does not repeat it for; a holiday named in a sentence, 今年以来 and 全年 are
//! their figures'; a stock, a lasting figure, a day's, a goal take none of the part.

use super::tests_extract::draft_in;

/// Each draft of `text` (published on `date`, reporting on `period`) as `figure period`.
fn periods(text: &str, date: &str, period: &str) -> Vec<String> {
    draft_in(text, date, period)
        .iter()
        .map(|d| {
            let f = &d.fact;
            let figure = match (&f.value, &f.growth) {
                (Some(v), _) => format!("{}{}", v.digits(), f.unit.as_deref().unwrap_or("")),
                (None, Some(g)) => format!("{}{}", g.value.digits(), g.unit),
                _ => String::new(),
            };
            let year = f.year.map(|y| y.to_string()).unwrap_or_default();
            format!("{figure} {year}{}", f.period.as_deref().unwrap_or(""))
        })
        .collect()
}

fn q3(text: &str) -> Vec<String> {
    periods(text, "2025-10-20", "2025年前三季度")
}

#[test]
fn a_report_on_three_quarters_gives_them_to_the_figures_it_does_not_repeat_them_for() {
    assert_eq!(
        q3("前三季度，全县实现地区生产总值95.6亿元。分产业看，第一产业增加值12.4亿元，增长3.1%。\n\n\
            投资保持稳定。全县固定资产投资同比增长4.7%，其中工业投资增长9.2%。"),
        [
            "95.6亿元 2025前三季度",
            "12.4亿元 2025前三季度",
            "4.7% 2025前三季度",
            "9.2% 2025前三季度"
        ]
    );
    // A report on 1—9月 gives 1—9月.
    assert_eq!(
        periods("全县规上工业企业达到143家。", "2025-10-20", "2025年1—9月"),
        ["143家 20251—9月"]
    );
    // A report on a whole year gives none.
    assert_eq!(
        periods("全县固定资产投资同比增长4.7%。", "2026-02-20", "2025年"),
        ["4.7% 2025"]
    );
}

#[test]
fn the_whole_year_another_year_and_the_part_a_sentence_names_are_its_own() {
    assert_eq!(
        q3("县统计局有关负责人表示，四季度全县将有12个重点项目陆续投产，预计全年地区生产总值增长5%左右。"),
        ["12个 2025四季度", "5% 2025"]
    );
    // 上年, 今年: a year the sentence names is the figure's, with no part of it.
    assert_eq!(
        q3("上年全县实现旅游收入48亿元。今年全县新增规上工业企业24家。"),
        ["48亿元 2024", "24家 2025"]
    );
    assert_eq!(
        q3("今年以来，全县新增市场主体1320户，其中企业415户。"),
        ["1320户 2025今年以来", "415户 2025今年以来"]
    );
}

#[test]
fn a_holiday_named_in_a_sentence_is_its_figures_period() {
    assert_eq!(
        q3("今年国庆假期，全县共接待游客46.8万人次，同比增长12.6%；实现旅游收入3.92亿元。1—9月，全县累计接待游客586万人次。"),
        [
            "46.8万人次 2025国庆假期",
            "3.92亿元 2025国庆假期",
            "586万人次 20251—9月"
        ]
    );
    for (text, holiday) in [
        ("中秋、国庆假期，全县接待游客30万人次。", "中秋国庆假期"),
        ("“五一”假期，全县接待游客9万人次。", "五一假期"),
        ("国庆8天假期，全县接待游客30万人次。", "国庆假期"),
        ("春节黄金周期间，全县接待游客9万人次。", "春节假期"),
    ] {
        let year_of = periods(text, "2025-10-09", "2025年");
        assert_eq!(year_of.len(), 1, "{text}");
        assert!(
            year_of[0].ends_with(&format!("2025{holiday}")),
            "{text}: {year_of:?}"
        );
    }
    // A bare 假期 of a holiday's release is its holiday; a stock of the release takes none.
    assert_eq!(
        periods(
            "假期全县接待过夜游客21.6万人次。全县共有A级旅游景区17家。",
            "2025-10-09",
            "2025年国庆中秋假期"
        ),
        ["21.6万人次 2025国庆中秋假期", "17家 2025"]
    );
}

#[test]
fn a_stock_a_lasting_figure_a_days_a_goal_and_a_duration_take_no_part() {
    assert_eq!(
        q3(
            "目前，全县共有规模以上工业企业88家，其中高新技术企业21家。\n\n\
            新建的物流园项目总投资6.5亿元，占地约120亩。\n\n\
            9月18日，全县举办招商推介会，现场签约项目7个。\n\n\
            下一步，力争新签约项目突破20个。企业开办时间压缩至0.5个工作日。\n\n\
            园区已集聚配套企业64家。"
        ),
        [
            "88家 2025",
            "21家 2025",
            "6.5亿元 2025",
            "120亩 2025",
            "7个 2025",
            "20个 ",
            "0.5个工作日 ",
            "64家 2025"
        ]
    );
    // 截至9月底，…总数分别达到34家、127家: a stock at the moment the sentence names is of it.
    assert_eq!(
        q3("截至9月底，入园的企业、个体工商户总数分别达到34家、127家。"),
        ["34家 2025截至9月底", "127家 2025截至9月底"]
    );
}
