//! Drafts of `brief extract` on sentences of our own making: what a draft makes of a goal,
//! a result, a level relative to a base year and numerals that are no statistic.

use super::extract::{drafts, Draft};
use crate::facts::{FactBase, Phrases, Source, Vocabulary};

fn draft(text: &str) -> Vec<Draft> {
    draft_in(text, "2023-10-07", "2023年")
}

/// Drafts of an article published on `date` reporting on `period`.
pub(super) fn draft_in(text: &str, date: &str, period: &str) -> Vec<Draft> {
    let base = FactBase {
        dir: std::path::PathBuf::from("data"),
        vocab: Vocabulary::builtin(),
        office: Default::default(),
        phrases: Phrases::builtin(),
        sources: Vec::new(),
        regions: Vec::new(),
        digest: String::new(),
    };
    let source = Source {
        id: "demo".into(),
        title: "示例".into(),
        outlet: None,
        date: Some(date.into()),
        period: period.into(),
        url: None,
        file: None,
    };
    drafts(&base, &source, text)
}

/// Each draft as `value unit | growth | year | target`.
fn shown(text: &str) -> Vec<String> {
    as_rows(&draft(text))
}

fn as_rows(drafts: &[Draft]) -> Vec<String> {
    drafts
        .iter()
        .map(|d| {
            let f = &d.fact;
            let v = f
                .value
                .as_ref()
                .map(|v| format!("{}{}", v.digits(), f.unit.as_deref().unwrap_or("")))
                .unwrap_or_default();
            let g = f
                .growth
                .as_ref()
                .map(|g| format!("{}{}", g.value.digits(), g.unit))
                .unwrap_or_default();
            let y = f.year.map(|y| y.to_string()).unwrap_or_default();
            format!("{v} | {g} | {y} | {}", f.target)
        })
        .collect()
}

#[test]
fn a_level_relative_to_a_base_year_is_no_growth() {
    assert_eq!(
        shown("实现旅游综合收入5.17亿元，较2019年同期恢复到108.6%。1—9月，接待游客人次已恢复到2019年同期的103.5%。"),
        [
            "5.17亿元 |  | 2023 | false",
            "108.6% |  | 2023 | false",
            "103.5% |  | 2023 | false",
        ]
    );
}

#[test]
fn a_result_against_a_goal_is_no_goal() {
    assert_eq!(
        shown("全区实际到位资金186.4亿元，完成年度目标任务的81.2%。"),
        ["186.4亿元 |  | 2023 | false", "81.2% |  | 2023 | false"]
    );
}

#[test]
fn what_a_project_will_do_once_built_is_a_goal() {
    assert_eq!(
        shown("今年上半年签约的示例产业园项目已于8月开工，项目总投资20亿元，达产后年产值预计超30亿元。另一项目总投资12.6亿元，投产后可新增就业岗位800余个。"),
        [
            "20亿元 |  | 2023 | false",
            "30亿元 |  |  | true",
            "12.6亿元 |  | 2023 | false",
            "800个 |  |  | true",
        ]
    );
}

#[test]
fn a_goal_over_years_has_no_year() {
    assert_eq!(
        shown("用3—5年时间，打造2个百亿级产业集群。"),
        ["2个 |  |  | true"]
    );
}

#[test]
fn a_level_reached_from_a_base_year_is_the_periods() {
    assert_eq!(
        shown("“十四五”以来，城镇化率由2020年的48.2%提高到53.6%。"),
        ["53.6% |  | 2023 | false"]
    );
}

#[test]
fn a_quarter_is_of_this_year() {
    assert_eq!(
        shown("四季度，高新区将力争再签约项目15个以上。"),
        ["15个 |  | 2023 | true"]
    );
}

fn names(text: &str) -> Vec<String> {
    draft(text).into_iter().map(|d| d.fact.name).collect()
}

#[test]
fn names_lose_whole_dates_and_keep_shorthand_items() {
    assert_eq!(
        names("1—9月全区实际到位资金186.4亿元。力争到2026年园区营业收入突破1500亿元。10月3日单日接待游客2.6万人次。"),
        ["实际到位资金", "力争园区营业收入", "单日接待游客"]
    );
    assert_eq!(
        names("第一、二、三产业增加值分别增长4.1%、7.9%、6.6%。"),
        ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
    );
}

#[test]
fn a_gap_to_an_average_is_named_with_its_subject() {
    assert_eq!(
        names("规上工业增加值增长9.6%，高于全市平均水平2.3个百分点。"),
        ["规上工业增加值增长", "规上工业增加值增长高于全市平均水平"]
    );
}

#[test]
fn a_goal_that_names_its_year_after_a_span_of_years_has_that_year() {
    assert_eq!(
        shown("下一步，全镇计划用3年时间新建冷库20座，力争到2027年全镇茶叶产值达到8亿元。"),
        ["20座 |  |  | true", "8亿元 |  | 2027 | true"]
    );
}

#[test]
fn a_qualifier_before_the_verb_of_a_share_qualifies_the_share() {
    let qualifiers: Vec<Option<String>> = draft(
        "其中预备费3000万元，约占本级支出的2%；民营经济增加值近占全县的六成。企业占地约120亩，占比为15%。",
    )
    .into_iter()
    .map(|d| d.fact.qualifier)
    .collect();
    assert_eq!(
        qualifiers,
        [
            None,
            Some("约".into()),
            Some("近".into()),
            Some("约".into()),
            None
        ]
    );
}

#[test]
fn a_bound_named_after_kept_within_is_exact() {
    let qualifiers: Vec<Option<String>> = draft(
        "全市政府债务余额126.3亿元，控制在省核定的限额140亿元以内。城镇调查失业率控制在5.5%以内。",
    )
    .into_iter()
    .map(|d| d.fact.qualifier)
    .collect();
    assert_eq!(qualifiers, [None, None, Some("以内".into())]);
}

#[test]
fn names_keep_what_a_gap_is_compared_with_and_drop_the_end_of_a_month() {
    assert_eq!(
        names("全市固定资产投资增长4.3%，比1—5月加快0.5个百分点，高于全省1.2个百分点。6月末生猪存栏158.2万头，在建项目320个。存款余额842.3亿元。"),
        [
            "固定资产投资增长",
            "固定资产投资增长比1—5月加快",
            "固定资产投资增长高于全省",
            "生猪存栏",
            "在建项目",
            "存款余额",
        ]
    );
}

/// A report on 2023 published in 2024: the figures of 2024 in a sentence of 目标 are goals,
/// each clause of it (主要预期目标是：…；…增长5%—6%), and so are those under 计划; the
/// past year's stay results, 目标 or not (全年主要目标任务圆满完成).
#[test]
fn the_coming_year_of_a_report_on_the_past_one_is_a_goal() {
    let text = "一、2023年工作回顾\n全年主要目标任务圆满完成，地区生产总值增长5.8%。\n二、2024年主要目标\n今年主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%—6%。计划实施重点项目120个。\n";
    assert_eq!(
        as_rows(&draft_in(text, "2024-01-10", "2023年")),
        [
            " | 5.8% | 2023 | false",
            " | 6% | 2024 | true",
            " | 5% | 2024 | true",
            " | 6% | 2024 | true",
            "120个 |  | 2024 | true",
        ]
    );
}

#[test]
fn a_tables_unit_on_a_line_of_its_own_is_every_rows() {
    let text = "表3  主要畜产品产量\n\n单位：万吨\n指标\t绝对数\t比上年增长(%)\n牛奶\t12.40\t6.5\n羊肉\t0.93\t-2.0\n";
    assert_eq!(
        shown(text),
        [
            "12.40万吨 | 6.5% | 2023 | false",
            "0.93万吨 | 2.0% | 2023 | false"
        ]
    );
    // (The change is drafted as a decline: shown gives its digits.) At the end of the
    // caption, in brackets.
    let text =
        "表4  分行业营业收入（单位：亿元）\n指标\t绝对数\t比上年增长(%)\n批发业\t85.2\t4.4\n";
    assert_eq!(shown(text), ["85.2亿元 | 4.4% | 2023 | false"]);
}

#[test]
fn a_tables_row_that_repeats_the_texts_figure_is_drafted_once() {
    let text = "全年油菜籽产量82.6万吨，比上年增长3.1%。\n\n表2  主要农产品产量\n单位：万吨\n指标\t绝对数\t比上年增长(%)\n油菜籽\t82.6\t3.1\n茶叶\t2.05\t7.2\n";
    assert_eq!(
        shown(text),
        [
            "82.6万吨 | 3.1% | 2023 | false",
            "2.05万吨 | 7.2% | 2023 | false"
        ]
    );
    // Two counts of one size are two figures.
    assert_eq!(
        shown("全县有公共图书馆3个、文化馆3个。"),
        ["3个 |  | 2023 | false", "3个 |  | 2023 | false"]
    );
}

#[test]
fn a_figure_said_with_jun_of_a_list_is_each_items() {
    assert_eq!(
        names("城市、农村低保对象动态管理覆盖率均为100%。"),
        ["城市低保对象动态管理覆盖率", "农村低保对象动态管理覆盖率"]
    );
    // 均 inside a word of averages: one figure.
    assert_eq!(
        shown("全县酒店、民宿平均入住率达到78.5%，人均消费增长6%。"),
        ["78.5% |  | 2023 | false", " | 6% | 2023 | false"]
    );
}

#[test]
fn a_rank_takes_a_year_the_sentence_writes_and_not_the_periods() {
    // Its scope may name the kind of peer; 全年 and 前三季度 are the period, no year of it.
    assert_eq!(
        shown("全年全县地区生产总值增长5.6%，增速居全市第2位。前三季度，研发投入强度居全省开发区第5位。"),
        [" | 5.6% | 2023 | false", "2位 |  |  | false", "5位 |  |  | false"]
    );
    assert_eq!(
        shown("2022年，全县地区生产总值增长4.8%，居全省第7位。"),
        [" | 4.8% | 2022 | false", "7位 |  | 2022 | false"]
    );
}

#[test]
fn mingnian_is_the_year_after_publication() {
    assert_eq!(
        shown("明年，力争新签约项目突破120个。"),
        ["120个 |  | 2024 | true"]
    );
    // A figure dated after an event: the event's time is not its year.
    assert_eq!(
        shown("二期计划明年投产，全部达产后年产值可达80亿元。"),
        ["80亿元 |  |  | true"]
    );
}

#[test]
fn a_result_as_a_share_of_its_plan_is_no_goal() {
    assert_eq!(
        shown("截至9月底，重点项目完成投资46.2亿元，占年度计划的78.4%。"),
        ["46.2亿元 |  | 2023 | false", "78.4% |  | 2023 | false"]
    );
}

#[test]
fn the_bounds_of_a_range_before_the_thing_counted_are_no_figures() {
    assert_eq!(
        shown("新签约项目38个，其中20亿元以上项目3个、5亿元至20亿元项目11个。"),
        [
            "38个 |  | 2023 | false",
            "3个 |  | 2023 | false",
            "11个 |  | 2023 | false"
        ]
    );
}

#[test]
fn a_rank_glued_to_what_it_ranks_names_a_class() {
    assert_eq!(
        shown("引进世界500强企业项目4个，中国500强和民营500强企业项目7个。"),
        ["4个 |  | 2023 | false", "7个 |  | 2023 | false"]
    );
    // A rank that ends its clause is a figure.
    assert_eq!(shown("该企业进入全国种业十强。"), ["10强 |  |  | false"]);
}

#[test]
fn a_verb_of_aim_that_says_what_is_to_be_reached_makes_goals() {
    // 确保 heads the statement; each clause says what is to be reached.
    assert_eq!(
        shown("四季度，我们将确保全年地区生产总值增长6.5%左右，固定资产投资增长8%，一般公共预算收入突破12亿元。"),
        [
            " | 6.5% | 2023 | true",
            " | 8% | 2023 | true",
            "12亿元 |  | 2023 | true",
        ]
    );
    // 确保 before what is kept going, 争取 before funds won, 已争取到: results.
    assert_eq!(
        shown("确保全县86个在建项目节日期间不停工。争取上级资金3.2亿元，支出进度达到95.1%。已争取到专项债券资金5亿元。"),
        [
            "86个 |  | 2023 | false",
            "3.2亿元 |  | 2023 | false",
            "95.1% |  | 2023 | false",
            "5亿元 |  | 2023 | false",
        ]
    );
}

/// Each draft's period.
fn periods(text: &str) -> Vec<String> {
    draft(text)
        .iter()
        .map(|d| d.fact.period.clone().unwrap_or_default())
        .collect()
}

#[test]
fn a_paragraph_keeps_the_period_it_opens_with() {
    assert_eq!(
        periods("1—9月，全县新签约项目42个。新开工项目18个，总数达到96个。\n全县有规上企业120家。"),
        ["1—9月", "1—9月", "", ""]
    );
    // A sentence naming a time of its own ends it.
    assert_eq!(
        periods("前三季度，研发投入2.1亿元。2022年，新增专利318件。新认定高新技术企业12家。"),
        ["前三季度", "", ""]
    );
}

#[test]
fn a_section_of_a_plan_for_a_year_to_come_states_goals() {
    let text = "一、2023年工作完成情况\n\n新建高标准农田2.4万亩。\n\n二、2024年工作计划\n\n（一）稳定粮食生产。新建高标准农田3万亩。";
    assert_eq!(
        as_rows(&draft_in(text, "2023-12-20", "2023年")),
        ["2.4万亩 |  | 2023 | false", "3万亩 |  | 2024 | true"]
    );
}

#[test]
fn the_label_of_a_yearbook_entry_is_no_name() {
    let d = draft("【农业】全年粮食播种面积52.6万亩。");
    assert_eq!(d[0].fact.name, "粮食播种面积");
}

#[test]
fn a_ratio_of_the_three_industries_is_drafted_as_their_shares() {
    let d = draft("全年三次产业结构调整为8.7:41.6:49.7，产业结构持续优化。");
    let drafted: Vec<String> = d
        .iter()
        .map(|d| format!("{} {}", d.fact.name, as_rows(std::slice::from_ref(d))[0]))
        .collect();
    assert_eq!(
        drafted,
        [
            "第一产业增加值占比 8.7% |  | 2023 | false",
            "第二产业增加值占比 41.6% |  | 2023 | false",
            "第三产业增加值占比 49.7% |  | 2023 | false",
        ]
    );
    // Terms that do not add up to a hundred are no shares: no draft.
    assert!(draft("三次产业结构为2∶5∶6。").is_empty());
}

#[test]
fn a_list_whose_head_follows_its_last_item_gives_it_to_every_item() {
    assert_eq!(
        names("造纸、家具制造行业营业收入分别增长6.1%、9.8%。"),
        ["造纸行业营业收入", "家具制造行业营业收入"]
    );
    assert_eq!(
        names("全年限额以上批发、零售企业数分别新增7家、15家。"),
        ["限额以上批发企业数", "零售企业数"]
    );
    assert_eq!(
        names("合作社、家庭农场总数分别达到212家、640家。"),
        ["合作社总数", "家庭农场总数"]
    );
    // Items that name their measure themselves keep their own words.
    assert_eq!(
        names("工业投资、民间投资分别增长7.5%、2.4%。"),
        ["工业投资", "民间投资"]
    );
}

#[test]
fn a_tables_row_naming_a_product_takes_the_measure_of_its_column() {
    let text = "表2  主要工业产品产量\n产品名称\t单位\t产量\t比上年增长(%)\n钢材\t万吨\t45.3\t2.2\n原煤\t万吨\t310.6\t-1.4\n发电量\t亿千瓦时\t12.5\t3.0\n";
    assert_eq!(names(text), ["钢材产量", "原煤产量", "发电量"]);
    // A column of the figure itself (绝对数) names no measure.
    let text = "指标\t单位\t绝对数\t比上年增长(%)\n粮食播种面积\t万亩\t36.2\t0.4\n";
    assert_eq!(names(text), ["粮食播种面积"]);
}

#[test]
fn a_period_does_not_hold_for_a_stock_or_the_whole_year_after_it() {
    // A stock after the period word, 全年 after it, a sentence naming its own year.
    assert_eq!(
        periods("上半年，全县签约项目31个；现有在建项目45个。"),
        ["上半年", ""]
    );
    assert_eq!(
        periods("四季度，全区将再引进项目8个，确保全年引进项目总投资突破120亿元。"),
        ["四季度", ""]
    );
    assert_eq!(
        periods("前三季度，全市规上工业增加值增长7.1%。园区已入驻企业86家，2023年产值超过90亿元。"),
        ["前三季度", "", ""]
    );
    // A report's attribution at a sentence's head does not hide the period after it.
    assert_eq!(
        periods(
            "记者从县发展改革局获悉，1—6月，全县固定资产投资增长8.8%。社会消费品零售总额32.5亿元。"
        ),
        ["1—6月", "1—6月"]
    );
}

#[test]
fn a_lone_change_takes_the_word_heading_its_statement_and_a_range_one_name() {
    let d = draft("县发展改革局表示，预计全年规模以上工业增加值增长6%—7%。");
    let drafted: Vec<(String, Option<String>)> = d
        .iter()
        .map(|d| {
            let g = d.fact.growth.as_ref().expect("a change");
            (d.fact.name.clone(), g.qualifier.clone())
        })
        .collect();
    assert_eq!(drafted[0], drafted[1]);
    assert_eq!(drafted[0].1.as_deref(), Some("预计"));
    assert!(!drafted[1].0.contains('6'), "{drafted:?}");
}

#[test]
fn names_lose_a_verb_of_having_or_reaching() {
    assert_eq!(
        names("年末全县有规模以上工业企业142家，比上年末增加11家。全年规模以上工业增加值增长8.2%。全年接待游客612.5万人次，增长12.8%；实现旅游综合收入58.7亿元，增长14.1%。"),
        ["规模以上工业企业", "规模以上工业增加值增长", "接待游客", "旅游综合收入"]
    );
    // Words of their own keep their 有.
    assert_eq!(
        names("全年有效投资增长6.1%。有色金属产量12.5万吨。"),
        ["有效投资增长", "有色金属产量"]
    );
}

#[test]
fn an_income_of_residents_is_livelihood() {
    let d = draft("全年城镇居民人均可支配收入35126元，增长5.2%。");
    assert_eq!(d[0].fact.kind, crate::facts::Kind::Livelihood);
}
