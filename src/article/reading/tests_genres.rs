//! Rules of Chinese statistical prose found wanting on genres the rules were first written
//! without (a 政府工作报告, a 招商 piece, a 文旅 piece): each test holds one rule, with
//! sentences of our own making.

use super::tests::{figures, read, shown};
use super::words::content_words;

#[test]
fn a_net_change_or_a_change_of_like_scope_is_a_change() {
    let r =
        read("一般公共预算收入17.62亿元，同口径增长9.3%。高新技术企业总数达到103家，净增19家。");
    assert_eq!(
        shown(&r),
        [
            "17.62亿元 Main [一般公预算收入] ",
            "9.3% Change of 17.62亿元 [一般公预算收入] ",
            "达到103家 Main [高新技术企业总数] ",
            "19家 Change of 达到103家 [高新技术企业总数] ",
        ]
    );
    let r = read(
        "截至9月底，园区入驻企业达1,142家，较去年底净增96家。人均停留时间1.8天，比去年延长0.4天。",
    );
    assert_eq!(
        shown(&r),
        [
            "达1,142家 Main [园区入驻企业] ",
            "96家 Change of 达1,142家 [园区入驻企业] ",
            "1.8天 Main [人停留时间] ",
            "0.4天 Change of 1.8天 [人停留时间] ",
        ]
    );
}

#[test]
fn a_headings_year_holds_for_its_section() {
    let r = read("一、2023年工作回顾\n全年新增企业28家。\n二、2024年工作安排\n重点抓好以下工作：\n(一)壮大实体经济。全年计划实施重点项目120个。新增工业用地2000亩。\n三、其他\n新增用地30亩。");
    let years: Vec<Option<i64>> = r.items.iter().map(|i| i.year).collect();
    assert_eq!(years, [Some(2023), Some(2024), Some(2024), None]);
}

#[test]
fn a_rank_in_its_unit_is_a_figure() {
    let r = read("地区生产总值增长6.8%，增速居全市第2位。新建第2批项目。");
    assert_eq!(
        shown(&r),
        ["6.8% Change [地区生产总值] ", "2位 Main [居] ",]
    );
}

#[test]
fn changes_listed_after_figures_of_their_own_subjects_pair_by_position() {
    let r = read("累计接待游客1236.5万人次、实现旅游综合收入112.4亿元，分别同比增长42.7%和48.9%。");
    assert_eq!(
        shown(&r),
        [
            "1236.5万人次 Main [接待游客] ",
            "112.4亿元 Main [旅游综合收入] ",
            "42.7% Change of 1236.5万人次 [接待游客] ",
            "48.9% Change of 112.4亿元 [旅游综合收入] ",
        ]
    );
}

#[test]
fn shares_in_chinese_numerals_are_named_in_their_own_clause() {
    let r = read("省外游客占比近四成，较去年同期提高6.5个百分点；自驾游客占比达到七成以上。");
    assert_eq!(
        shown(&r),
        [
            "近4成 Main [省外游客占比] ",
            "6.5个百分点 Change of 近4成 [省外游客占比] ",
            "7成以上 Main [自驾游客占比] ",
        ]
    );
    assert!(r.items.iter().all(|i| i.figure));
}

#[test]
fn a_second_change_that_names_nothing_is_of_the_figure_before() {
    let r = read("全县共接待游客86.42万人次，同比增长65.3%，按可比口径较2019年同期增长12.8%。");
    assert_eq!(
        shown(&r),
        [
            "86.42万人次 Main [接待游客] ",
            "65.3% Change of 86.42万人次 [接待游客] ",
            "12.8% Change [接待游客] ",
        ]
    );
}

#[test]
fn durations_and_counts_that_are_no_statistic() {
    // A duration glued to the noun it measures (8天假期, 3—5年时间) describes that noun.
    assert_eq!(figures("国庆8天假期，共接待游客86万人次。"), ["86万人次"]);
    assert_eq!(figures("用3—5年时间，打造2个产业集群。"), ["2个"]);
    // The length of an event (连续举办3天, 为期5天) is no statistic; 连续五年获评 counts years.
    assert_eq!(
        figures("音乐节连续举办3天，观众达4.5万人次。展会为期5天。连续五年获评先进。"),
        ["达4.5万人次", "5年"]
    );
    // 分两期建设: the manner of building; 二期工程: a phase in a name.
    assert_eq!(
        figures(
            "项目总投资45亿元，分两期建设。推进总投资6.8亿元的古镇二期工程建设。分三批实施，建成3批。"
        ),
        ["45亿元", "6.8亿元", "3批"]
    );
    // 10亿元以上项目7个: a threshold of what is counted, not a figure of its own.
    assert_eq!(
        figures(
            "新引进亿元以上项目46个，其中10亿元以上项目7个。新增就业3000人以上，新建幼儿园3所。"
        ),
        ["46个", "7个", "3000人以上", "3所"]
    );
}

#[test]
fn a_threshold_that_is_the_statement_is_a_figure() {
    assert_eq!(
        figures("实行联审联批制度，50亩以下不单独供地，坚持亩均论英雄。全市80%以上的规模以上企业、90%以上的科技型企业与院校开展了合作。"),
        ["50亩以下", "80%以上", "90%以上"]
    );
}

#[test]
fn a_shorthand_list_of_ordinals_is_spelt_out() {
    let r = read("第一、二、三产业增加值分别增长4.1%、7.9%、6.6%。");
    let subjects: Vec<String> = (0..r.items.len()).map(|i| r.subject_text(i)).collect();
    assert_eq!(
        subjects,
        ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
    );
}

#[test]
fn da_of_dachan_is_no_word_of_reaching() {
    assert_eq!(
        content_words("全部达产后可实现年产值"),
        "全部达产后可年产值"
    );
    assert_eq!(content_words("产值达"), "产值");
}

#[test]
fn a_thing_heading_a_statement_is_the_topic_of_its_measures() {
    let r = read("其中，示例新材料项目总投资45亿元，占地约380亩，全部达产后可实现年产值60亿元。新增规上工业企业28家，总数达到215家。");
    let topics: Vec<String> = (0..r.items.len()).map(|i| r.topic_text(i)).collect();
    assert!(topics[2].contains("示例新材料项目"), "{topics:?}");
    assert!(!topics[4].contains("企业"), "{topics:?}");
}

#[test]
fn examples_before_deng_are_the_topic_and_a_phase_stays_in_its_name() {
    let r = read("举办第五届山地音乐节、古镇非遗市集等文旅活动36场。加快推进总投资6.8亿元的石门古镇二期工程建设。");
    assert_eq!(content_words(&r.subject_text(0)), "文旅活动");
    assert!(r.topic_text(0).contains("山地音乐节"));
    let last = r.items.len() - 2;
    assert!(
        r.subject_text(last).contains("石门古镇二期工程"),
        "{}",
        r.subject_text(last)
    );
}

#[test]
fn a_bare_word_of_a_thing_refers_back_to_it() {
    let r = read("此外，上半年签约的示例医药产业园项目已于8月开工，项目总投资20亿元，达产后年产值预计超30亿元。");
    assert!(
        r.subject_text(0).contains("示例医药产业园项目"),
        "{}",
        r.subject_text(0)
    );
    assert!(
        r.topic_text(1).contains("示例医药产业园项目"),
        "{}",
        r.topic_text(1)
    );
}
