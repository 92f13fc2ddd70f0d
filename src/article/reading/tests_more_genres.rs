//! Rules of Chinese figures found wanting on three more genres written blind to the rules
//! (a 财政局's budget report, a 统计局's half-year release, a 乡村振兴 feature): each test
//! holds one rule, with sentences of our own making.

use super::tests::{read, shown};

#[test]
fn a_qualifier_inside_a_unit_of_ten_thousands_is_read() {
    let r = read("带动农户2.5万余户增收，每户年收入4.8万多元，另有10余万人务工。");
    assert_eq!(
        shown(&r),
        [
            "2.5万余户 Main [带动农户增收] ",
            "4.8万多元 Main [每户年收入] ",
            "10余万人 Main [另有务工] ",
        ]
    );
}

#[test]
fn a_share_of_a_plan_is_a_level_and_the_change_after_it_is_the_amounts() {
    let r = read("全市税收收入完成38.2亿元，为年初预算的103.4%，同比增长6.5%；支出完成52.7亿元，为调整预算的97.1%，下降1.2%。");
    assert_eq!(
        shown(&r),
        [
            "38.2亿元 Main [税收收入] ",
            "103.4% Main [预算] ",
            "6.5% Change of 38.2亿元 [税收收入] ",
            "52.7亿元 Main [支出] ",
            "97.1% Main [调整预算] ",
            "1.2% Change of 52.7亿元 [支出] ",
        ]
    );
}

#[test]
fn prices_rise_and_fall() {
    let r = read("全省居民消费价格同比上涨1.4%，其中猪肉价格下跌8.6%。");
    assert_eq!(
        shown(&r),
        ["1.4% Change [居民消费价格] ", "8.6% Change [猪肉价格] "]
    );
}

#[test]
fn points_after_a_growth_rate_against_another_period_are_a_gap_of_their_own() {
    let r = read("规模以上工业增加值增长9.2%，比前三季度回落0.3个百分点，增速比全省高1.1个百分点。税收收入占比72.4%，比上年提高1.6个百分点。");
    assert_eq!(
        shown(&r),
        [
            "9.2% Change [规模以上工业增加值] ",
            "0.3个百分点 Main [比前三季度] ",
            "1.1个百分点 Main [比高] ",
            "72.4% Main [税收收入占比] ",
            "1.6个百分点 Change of 72.4% [税收收入占比] ",
        ]
    );
}

#[test]
fn a_list_of_subjects_splits_at_pauses_when_and_joins_words_inside_an_item() {
    let r = read("集体企业、私营企业、港澳台及外商投资企业增加值分别增长2.1%、7.4%、5.9%。");
    assert_eq!(
        shown(&r),
        [
            "2.1% Change [集体企业增加值] ",
            "7.4% Change [私营企业增加值] ",
            "5.9% Change [港澳台及外商投资企业增加值] ",
        ]
    );
}

#[test]
fn a_later_clause_naming_an_item_of_a_list_gives_that_item_its_change() {
    let r = read("房产税、契税、耕地占用税分别完成2.6亿元、1.9亿元、8400万元，其中契税下降12.5%，房产税增长4.3%。");
    assert_eq!(
        shown(&r),
        [
            "2.6亿元 Main [房产税] ",
            "1.9亿元 Main [契税] ",
            "8400万元 Main [耕地占用税] ",
            "12.5% Change of 1.9亿元 [契税] ",
            "4.3% Change of 2.6亿元 [房产税] ",
        ]
    );
}

#[test]
fn a_sentence_pointing_back_in_time_is_of_the_year_told_before() {
    let r = read("2019年，他回乡办起了茶厂。“刚开始只有5个工人，当年就亏了8万元。”如今茶厂有工人60名。\n起初有茶园30亩。");
    let years: Vec<Option<i64>> = r.items.iter().map(|i| i.year).collect();
    assert_eq!(years, [Some(2019), Some(2019), None, None]);
}

#[test]
fn a_short_clause_parallel_to_the_one_before_speaks_of_its_thing() {
    let r = read("政府性基金预算收入安排5.6亿元，支出安排6.1亿元。早稻总产量12.4万吨，单产每亩410公斤。新增规上企业12家，总数达到160家。");
    let topics: Vec<String> = (0..r.items.len()).map(|i| r.topic_text(i)).collect();
    assert_eq!(
        topics,
        ["", "政府性基金预算收入安排", "", "早稻总产量", "", ""]
    );
}

#[test]
fn a_period_after_a_word_of_comparison_is_the_comparisons() {
    let r = read("房地产开发投资下降8.2%，降幅比一季度收窄1.5个百分点。一季度，出口增长4.1%。");
    let periods: Vec<Option<String>> = r.items.iter().map(|i| i.period.clone()).collect();
    assert_eq!(periods, [None, None, Some("一季度".into())]);
}
