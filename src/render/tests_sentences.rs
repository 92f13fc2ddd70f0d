//! Tests of how sections are made and goals, names and headline figures are said.

use super::tests::{aud, bundled, fact, fixture, rd, region, table_rows, DATE};
use super::*;
use crate::facts::Kind;

#[test]
fn a_section_of_one_sentence_joins_the_section_its_fold_names() {
    let base = bundled();
    let r = base.region("lianhua").unwrap();
    let ctx = BriefContext::new(&base, r, rd(aud("policy")), DATE);
    let others = &rd(aud("policy")).def.others;
    assert!(ctx.sections.iter().all(|s| &s.heading != others));
    // The honour (a section of its own, of one sentence) is said in 生态环境, the first
    // section its fold names that the briefing has.
    let honour = ctx
        .sections
        .iter()
        .find(|s| {
            s.before
                .iter()
                .chain(&s.after)
                .flatten()
                .any(|x| x.text.contains("国家生态文明建设示范县"))
        })
        .unwrap();
    // Its heading names the honour's topic after the host's.
    assert_eq!(honour.heading, "生态环境与荣誉称号");
    // Without a fold, the one sentence left over closes the last section: no section of one
    // fact under `others`.
    let mut bare = Audiences::builtin();
    for a in &mut bare.list {
        for s in &mut a.sections {
            s.fold.clear();
        }
    }
    let policy = bare.reader(aud("policy")).unwrap();
    let ctx = BriefContext::new(&base, r, policy, DATE);
    assert!(ctx.sections.iter().all(|s| &s.heading != others));
    let last = ctx.sections.last().unwrap();
    let said = |s: &Section| {
        s.before
            .iter()
            .chain(&s.after)
            .flatten()
            .any(|x| x.text.contains("国家生态文明建设示范县"))
    };
    assert!(said(last), "{:?}", last.heading);
}

#[test]
fn a_goal_is_said_with_its_verb() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let goal = |name: &str, value: f64, unit: &str, q: Option<&str>| {
        let mut f = fact(Kind::Indicator, name, Some(value), unit);
        f.target = true;
        f.year = Some(2024);
        f.qualifier = q.map(str::to_string);
        f
    };
    let level = goal("一般公共预算收入", 18.5, "亿元", None);
    let said = w.said(&level).unwrap();
    assert_eq!(said.head.as_deref(), Some("a县提出，2024年"));
    assert_eq!(said.body, "一般公共预算收入力争达到18.5亿元");
    // A ceiling is kept within, not reached.
    let ceiling = goal("城镇调查失业率", 5.5, "%", Some("以内"));
    assert_eq!(
        w.said(&ceiling).unwrap().body,
        "城镇调查失业率控制在5.5%以内"
    );
    // A qualifier that is a verb takes no 达到.
    let beyond = goal("地区生产总值", 900.0, "亿元", Some("突破"));
    assert_eq!(w.said(&beyond).unwrap().body, "地区生产总值力争突破900亿元");
    let aimed = goal("食用菌产值", 15.0, "亿元", Some("力争"));
    // 力争 reaches its figure.
    assert_eq!(w.said(&aimed).unwrap().body, "食用菌产值力争达到15亿元");
    // Goals of two periods in a row: the region's set-out said once.
    let s = |t: &str| crate::render::Sentence::new(t.to_string(), "s");
    let mut p = vec![
        s("a县提出，2024年，地区生产总值增长6.5%左右"),
        s("a县提出，2025年，地区生产总值突破350亿元"),
    ];
    w.goals_once(&mut p);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].text,
        "a县提出，2024年，地区生产总值增长6.5%左右；2025年，地区生产总值突破350亿元"
    );
    // Something to be done, with no period: 力争 before its verb.
    let mut open = goal("b镇新建智能化大棚", 200.0, "座", None);
    open.year = None;
    assert_eq!(w.said(&open).unwrap().body, "b镇力争新建智能化大棚200座");
}

#[test]
fn a_headline_figure_stands_with_its_lead() {
    // 新签约项目 is an indicator in the fact base, but the investor's 摘要 leads with it under
    // 招商: its section is the one of that lead's kinds.
    let base = bundled();
    let r = base.region("luxi").unwrap();
    let ctx = BriefContext::new(&base, r, rd(aud("investor")), DATE);
    let with = |words: &str| {
        ctx.sections
            .iter()
            .find(|s| {
                s.before
                    .iter()
                    .chain(&s.after)
                    .flatten()
                    .any(|x| x.text.contains(words))
            })
            .map(|s| s.heading.clone())
    };
    assert_eq!(
        with("新签约项目34个").as_deref(),
        Some("招商引资与重大项目")
    );
    assert_eq!(with("地区生产总值预计142亿元").as_deref(), Some("经济概况"));
}

#[test]
fn a_name_does_not_repeat_its_period() {
    assert_eq!(
        super::write::words::without_period("假期接待游客", Some("中秋国庆假期")),
        "接待游客"
    );
    assert_eq!(
        super::write::words::without_period("A级旅游景区假期接待游客", Some("中秋国庆假期")),
        "A级旅游景区假期接待游客"
    );
    assert_eq!(
        super::write::words::without_period("假期", Some("中秋国庆假期")),
        "假期"
    );
    assert_eq!(
        super::write::words::without_period("年产值", Some("2022年")),
        "年产值"
    );
}

#[test]
fn clauses_of_one_verb_say_it_once() {
    let verbs: Vec<String> = ["新改建", "新增"].iter().map(|s| s.to_string()).collect();
    let b = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    assert_eq!(
        super::write::one_verb(&verbs, b(&["新改建农村公路126公里", "新改建危桥9座"])),
        b(&["新改建农村公路126公里、危桥9座"])
    );
    // A clause with its change, or another verb, stands as it is.
    assert_eq!(
        super::write::one_verb(&verbs, b(&["新增企业5家、增长9%", "新增民宿3家"])),
        b(&["新增企业5家、增长9%", "新增民宿3家"])
    );
}

#[test]
fn two_sections_of_one_sentence_make_one_of_both() {
    let mut a = fact(Kind::Livelihood, "民生支出", Some(28.6), "亿元");
    a.note = Some("全县新建幼儿园3所。".into());
    let b = fact(Kind::Ecology, "森林覆盖率", Some(63.8), "%");
    let c = fact(Kind::Agriculture, "粮食总产量", Some(21.3), "万吨");
    let base = fixture(vec![region("a", None, vec![a, b, c])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let policy = rd(aud("policy"));
    let s = super::plan::sections(&w, policy, &[]);
    let headings: Vec<&str> = s.iter().map(|x| x.heading.as_str()).collect();
    // 生态环境 folds into 乡村振兴, the first its fold names: one section of both, in
    // reading order; nothing is gathered under 其他情况.
    assert_eq!(headings, ["民生保障", "生态环境与乡村振兴"], "{headings:?}");
}

#[test]
fn a_long_name_is_shortened_after_its_first_mention() {
    let mut r = region("a", None, vec![]);
    r.name = "甲乙高新技术产业开发区".into();
    r.short = "甲乙高新区".into();
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut p = vec![vec![crate::render::Sentence::new(
        "2024年，甲乙高新技术产业开发区签约项目58个".into(),
        "s",
    )]];
    w.short_name(&mut p);
    assert_eq!(p[0][0].text, "2024年，甲乙高新区签约项目58个");
    // A short name of a county (芦溪县, 芦溪) is no abbreviation a page would use.
    let base = fixture(vec![region("b", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut p = vec![vec![crate::render::Sentence::new(
        "b县新增企业5家".into(),
        "s",
    )]];
    w.short_name(&mut p);
    assert_eq!(p[0][0].text, "b县新增企业5家");
}

#[test]
fn coupons_are_given_out() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let f = fact(Kind::Fund, "文旅消费券", Some(500.0), "万元");
    assert_eq!(w.said(&f).unwrap().body, "发放文旅消费券500万元");
}

#[test]
fn a_price_rises() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut f = fact(Kind::Indicator, "居民消费价格", None, "");
    f.growth = serde_yaml::from_str("{value: 0.3, unit: \"%\"}").unwrap();
    assert_eq!(w.said(&f).unwrap().body, "居民消费价格上涨0.3%");
}

#[test]
fn a_folded_sentence_goes_on_from_its_hosts_paragraph() {
    let mut gdp = fact(Kind::Indicator, "地区生产总值", Some(312.6), "亿元");
    gdp.key = Some("gdp".into());
    let fiscal = fact(Kind::Indicator, "一般公共预算收入", Some(21.4), "亿元");
    let firms = fact(Kind::Industry, "规模以上工业企业", Some(186.0), "家");
    let base = fixture(vec![region("a", None, vec![gdp, fiscal, firms])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = super::plan::sections(&w, rd(aud("investor")), &[]);
    let economy = s
        .iter()
        .find(|x| x.heading == "经济概况与产业体系")
        .unwrap();
    // One paragraph: the year and the region said once for the folded 产业体系's sentence.
    let paragraphs: Vec<&Vec<crate::render::Sentence>> =
        economy.before.iter().chain(&economy.after).collect();
    assert_eq!(paragraphs.len(), 1, "{paragraphs:?}");
    let text: String = paragraphs[0].iter().map(|x| x.text.as_str()).collect();
    assert_eq!(text.matches("2022年").count(), 1, "{text}");
    assert_eq!(text.matches("a县").count(), 1, "{text}");
}

#[test]
fn a_summary_leads_a_topic_with_a_change_and_keeps_a_headlines() {
    let mut gdp = fact(Kind::Indicator, "地区生产总值", Some(312.6), "亿元");
    gdp.key = Some("gdp".into());
    gdp.growth = serde_yaml::from_str("{value: 5.8, unit: \"%\"}").unwrap();
    let robots = fact(Kind::Industry, "新装工业机器人", Some(300.0), "台");
    let mut added = fact(Kind::Industry, "规模以上工业增加值", None, "");
    added.growth = serde_yaml::from_str("{value: 9, unit: \"%\"}").unwrap();
    let mut income = fact(
        Kind::Indicator,
        "农村居民人均可支配收入",
        Some(22862.0),
        "元",
    );
    income.growth = serde_yaml::from_str("{value: 128.63, unit: \"%\"}").unwrap();
    income.base = serde_yaml::from_str("{value: 9999.5, year: 2012}").unwrap();
    income.key = Some("fiscal_revenue".into());
    let base = fixture(vec![region("a", None, vec![gdp, robots, added, income])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let said = super::summary::summary(&w, rd(aud("investor")), &[]);
    let text: String = said.iter().map(|x| x.text.as_str()).collect();
    // The headline with its change; a growth of industry before a count of machines.
    assert!(text.contains("地区生产总值312.6亿元、增长5.8%"), "{text}");
    let (at_added, at_robots) = (
        text.find("规模以上工业增加值"),
        text.find("机器人").unwrap_or(usize::MAX),
    );
    assert!(at_added.is_some_and(|a| a < at_robots), "{text}");
    // A lead by kind names its first figure and those of the same thing: the machines come
    // only in the second round, which a 摘要 of few sentences takes.
    let first_round: Vec<&crate::facts::Fact> = base.regions[0].facts.iter().collect();
    let industry = rd(aud("investor")).def.summary[2].clone();
    let lead = super::summary::lead_facts_for_test(&w, &industry, &first_round);
    assert_eq!(lead.len(), 1, "{lead:?}");
    // A change against a base year is not said without its base.
    assert!(!text.contains("128.63%"), "{text}");
}

#[test]
fn the_region_is_not_named_again_within_its_sentence() {
    let a = fact(Kind::Industry, "新增规模以上工业企业", Some(12.0), "家");
    let mut b = fact(Kind::Industry, "节能环保产业企业", Some(40.0), "家");
    b.say = Some("{place}节能环保产业企业{value}".into());
    let base = fixture(vec![region("a", None, vec![a, b])]);
    let text = said_text(&base);
    assert_eq!(text.matches("a县").count(), 1, "{text}");
}

#[test]
fn after_a_things_sentence_the_region_is_named_again() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = |t: &str| crate::render::Sentence::new(t.into(), "s");
    let mut p = vec![
        s("2024年，产业园常年用工200多人"),
        s("2024年，全县食用菌综合产值突破45亿元"),
    ];
    w.same_year(&mut p);
    assert_eq!(p[1].text, "全县食用菌综合产值突破45亿元");
    let mut p = vec![
        s("2024年，全县有企业12家"),
        s("2024年，全县食用菌综合产值突破45亿元"),
    ];
    w.same_year(&mut p);
    assert_eq!(p[1].text, "食用菌综合产值突破45亿元");
}

#[test]
fn a_section_leads_with_the_whole_regions_figures() {
    let part = fact(Kind::Agriculture, "合作社社员", Some(326.0), "户");
    let whole = fact(Kind::Agriculture, "全县食用菌种植规模", Some(6.5), "万亩");
    let base = fixture(vec![region("a", None, vec![part.clone(), whole.clone()])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    assert!(w.scope(&whole) < w.scope(&part));
    let plain = fact(Kind::Agriculture, "粮食总产量", Some(21.5), "万吨");
    assert!(w.scope(&whole) < w.scope(&plain) && w.scope(&plain) < w.scope(&part));
}

#[test]
fn a_goal_says_no_target_word_and_a_parts_goal_is_not_the_regions() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut f = fact(
        Kind::Indicator,
        "新引进10亿元以上项目目标",
        Some(30.0),
        "个",
    );
    f.target = true;
    f.qualifier = Some("力争".into());
    f.year = Some(2026);
    let said = w.said(&f).unwrap();
    assert!(!said.body.contains("目标"), "{}", said.body);
    assert_eq!(said.head.as_deref(), Some("a县提出，2026年"));
    let mut g = fact(Kind::Agriculture, "石桥镇食用菌产值", Some(15.0), "亿元");
    g.target = true;
    g.year = Some(2026);
    assert_eq!(w.said(&g).unwrap().head.as_deref(), Some("2026年"));
    // A change in 成 grows, as a rate does.
    let mut h = fact(Kind::Industry, "新材料产业产值", Some(312.6), "亿元");
    h.growth = serde_yaml::from_str("{value: 3, unit: 成, qualifier: 超}").unwrap();
    assert!(
        w.said(&h).unwrap().body.contains("增长超三成"),
        "{}",
        w.said(&h).unwrap().body
    );
}

#[test]
fn bounds_of_a_range_make_one_clause() {
    let b = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        super::write::as_ranges(b(&["收入预期增长5%", "收入预期增长6%", "投资增长3%"])),
        b(&["收入预期增长5%～6%", "投资增长3%"])
    );
    // Two things with figures of one unit are no range.
    assert_eq!(
        super::write::as_ranges(b(&["新增企业5家", "新增民宿3家"])),
        b(&["新增企业5家", "新增民宿3家"])
    );
}

#[test]
fn this_years_period_is_said_with_its_year_and_activities_are_held() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut f = fact(Kind::Tourism, "新招引文旅项目", Some(9.0), "个");
    f.period = Some("今年以来".into());
    f.year = Some(2025);
    assert_eq!(w.said(&f).unwrap().head.as_deref(), Some("2025年以来"));
    let g = fact(Kind::Festival, "系列文旅活动", Some(46.0), "场");
    assert_eq!(w.said(&g).unwrap().body, "举办系列文旅活动46场");
    // A name that has its verb keeps it alone.
    let h = fact(Kind::Festival, "开展志愿服务活动", Some(120.0), "场");
    assert_eq!(w.said(&h).unwrap().body, "开展志愿服务活动120场");
}

#[test]
fn a_shared_topic_is_said_once_and_a_set_goal_is_not_striven_for() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let a = fact(Kind::Reform, "政府采购规模", Some(3.45), "亿元");
    let b = fact(Kind::Reform, "政府采购节约财政资金", Some(1850.0), "万元");
    let said = w.figures(&[&a, &b], 3, crate::render::Opening::Name, false);
    let text: String = said.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(text.matches("政府采购").count(), 1, "{text}");
    // A share set in a budget (约1%) takes no 力争; an estimated budget says 预计 alone.
    let mut share = fact(Kind::Indicator, "预备费占本级支出", Some(1.0), "%");
    share.target = true;
    share.qualifier = Some("约".into());
    assert!(!w.said(&share).unwrap().body.contains("力争"));
    let mut budget = fact(Kind::Indicator, "上级补助收入预算", Some(27.0), "亿元");
    budget.target = true;
    budget.qualifier = Some("预计".into());
    let body = w.said(&budget).unwrap().body;
    assert!(!body.contains("预算预计"), "{body}");
}

#[test]
fn a_sentence_after_a_goal_names_its_subject() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = |t: &str| crate::render::Sentence::new(t.into(), "s");
    let mut p = vec![
        s("a县提出，2025年，地区生产总值力争突破900亿元"),
        s("获评国家生态文明建设示范区"),
    ];
    w.restore_subject(&mut p);
    assert_eq!(p[1].text, "a县获评国家生态文明建设示范区");
}

#[test]
fn goals_in_one_sentence_strive_once_and_follow_their_years() {
    let mut a = fact(Kind::Livelihood, "改造老旧小区", Some(32.0), "个");
    a.target = true;
    a.year = Some(2024);
    let mut b = fact(Kind::Livelihood, "新建幼儿园", Some(3.0), "所");
    b.target = true;
    b.year = Some(2024);
    let base = fixture(vec![region("a", None, vec![a, b])]);
    let text = said_text(&base);
    assert_eq!(text.matches("力争").count(), 1, "{text}");
    // A name that says its aim takes no 力争.
    let mut c = fact(Kind::Project, "全年计划实施重点项目", Some(120.0), "个");
    c.target = true;
    c.year = Some(2024);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    assert!(!w.said(&c).unwrap().body.contains("力争"));
}

#[test]
fn a_share_of_a_whole_takes_de_and_a_comparison_is_no_table_label() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let f = fact(Kind::Tourism, "旅游收入恢复到2019年同期", Some(128.5), "%");
    assert_eq!(w.said(&f).unwrap().body, "旅游收入恢复到2019年同期的128.5%");
    let g = fact(
        Kind::Scenic,
        "A级旅游景区接待游客占全县接待总量",
        Some(60.4),
        "%",
    );
    assert!(w.said(&g).unwrap().body.ends_with("总量的60.4%"));
    // Nine figures or more make a table; the one that compares stays in a sentence.
    let mut facts: Vec<crate::facts::Fact> = (1..=9)
        .map(|i| fact(Kind::Fund, &format!("专项资金{i}"), Some(i as f64), "亿元"))
        .collect();
    facts.push(fact(
        Kind::Fund,
        "资金支出进度高于全省平均水平",
        Some(2.1),
        "个百分点",
    ));
    let base = fixture(vec![region("b", None, facts)]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = super::plan::sections(&w, rd(aud("investor")), &[]);
    let rows = table_rows(&s);
    assert!(!rows.is_empty());
    assert!(!rows.iter().any(|r| r.contains("高于")), "{rows:?}");
}

#[test]
fn a_clause_after_changes_said_together_keeps_its_name() {
    let change = |n: &str, v: f64| {
        let mut f = fact(Kind::Industry, n, None, "");
        f.growth = serde_yaml::from_str(&format!("{{value: {v}, unit: \"%\"}}")).unwrap();
        f
    };
    let a = change("装备制造业增加值", 4.1);
    let b = change("高技术制造业增加值", 15.6);
    let c = fact(
        Kind::Industry,
        "高技术制造业增加值占规模以上工业增加值",
        Some(12.4),
        "%",
    );
    let base = fixture(vec![region("a", None, vec![a, b, c])]);
    let text = said_text(&base);
    assert!(text.contains("分别增长"), "{text}");
    assert!(text.contains("高技术制造业增加值占"), "{text}");
    // The tail the names share begins after a word: 业 stays with 工业 and 企业.
    let d = change("规模以上工业增加值", 8.4);
    let e = change("国有控股企业增加值", 5.2);
    let base = fixture(vec![region("a", None, vec![d, e])]);
    let text = said_text(&base);
    assert!(
        text.contains("规模以上工业、国有控股企业增加值分别增长8.4%、5.2%"),
        "{text}"
    );
}

#[test]
fn a_share_rises_to_its_level_and_two_character_tails_are_not_shared() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut f = fact(Kind::Industry, "新材料产业本地配套率", Some(37.0), "%");
    f.base = serde_yaml::from_str("{value: 18, year: 2021}").unwrap();
    assert!(w.said(&f).unwrap().body.contains("由2021年的18%提高到37%"));
    let change = |n: &str, v: f64| {
        let mut f = fact(Kind::Indicator, n, None, "");
        f.growth = serde_yaml::from_str(&format!("{{value: {v}, unit: \"%\"}}")).unwrap();
        f
    };
    let (a, b) = (change("固定资产投资", 8.1), change("工业投资", 15.4));
    let said = w.figures(&[&a, &b], 3, crate::render::Opening::Name, false);
    let text: String = said.iter().map(|x| x.text.as_str()).collect();
    assert!(text.contains("固定资产投资、工业投资分别增长"), "{text}");
}

#[test]
fn a_reader_may_have_a_profile_of_its_own() {
    let mut r = region(
        "a",
        None,
        vec![fact(Kind::Tourism, "接待游客", Some(12.0), "万人次")],
    );
    r.province = Some("示例省".into());
    r.profile = Some("以装备制造为主导产业".into());
    r.profiles
        .insert("tourism".into(), "拥有国家5A级旅游景区".into());
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    assert_eq!(
        w.place_for(Some("tourism")).as_deref(),
        Some("a县位于示例省，拥有国家5A级旅游景区")
    );
    assert_eq!(
        w.place_for(Some("investor")).as_deref(),
        Some("a县位于示例省，以装备制造为主导产业")
    );
}

#[test]
fn a_summary_places_the_region_only_to_say_what_it_is_known_for() {
    let mut gdp = fact(Kind::Indicator, "地区生产总值", Some(312.6), "亿元");
    gdp.key = Some("gdp".into());
    let mut r = region("a", None, vec![gdp]);
    r.province = Some("示例省".into());
    let opening = |r: &crate::facts::Region| {
        let base = fixture(vec![r.clone()]);
        let w = crate::render::Writer::new(&base, &base.regions[0]);
        let said = super::summary::summary(&w, rd(aud("investor")), &[]);
        said[0].text.clone()
    };
    // The masthead says where the region lies: without a profile the 摘要 opens with figures.
    let first = opening(&r);
    assert!(!first.contains("位于"), "{first}");
    assert!(first.contains("312.6亿元"), "{first}");
    // With one, the place and what it is known for open it.
    r.profile = Some("以装备制造为主导产业".into());
    assert_eq!(opening(&r), "a县位于示例省，以装备制造为主导产业");
    // A region with no figure to lead with is at least placed.
    let mut bare = region("a", None, vec![]);
    bare.province = Some("示例省".into());
    assert_eq!(opening(&bare), "a县位于示例省");
}

#[test]
fn a_rank_is_said_with_its_scope_after_ju() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let f = fact(Kind::Indicator, "全省县域经济综合排名", Some(28.0), "位");
    assert_eq!(w.said(&f).unwrap().body, "县域经济综合居全省第28位");
}

#[test]
fn a_project_table_ranks_named_projects_not_the_regions_total() {
    let mut facts: Vec<crate::facts::Fact> = [("甲项目", 3.0), ("乙项目", 5.0), ("丙项目", 4.0)]
        .iter()
        .map(|(n, v)| {
            let mut f = fact(Kind::Project, n, Some(*v), "亿元");
            f.measure = Some("投资".into());
            f
        })
        .collect();
    facts.push(fact(Kind::Project, "签约资金", Some(223.64), "亿元"));
    let base = fixture(vec![region("a", None, facts)]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = super::plan::sections(&w, rd(aud("investor")), &[]);
    let rows = table_rows(&s);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(!rows.iter().any(|r| r.contains("签约资金")), "{rows:?}");
}

#[test]
fn a_summary_names_two_headline_figures_and_the_first_ones_change() {
    let mut gdp = fact(Kind::Indicator, "地区生产总值", Some(142.0), "亿元");
    gdp.key = Some("gdp".into());
    gdp.growth = serde_yaml::from_str("{value: 5, unit: \"%\"}").unwrap();
    let mut fiscal = fact(Kind::Indicator, "财政总收入", Some(23.12), "亿元");
    fiscal.key = Some("fiscal_revenue".into());
    fiscal.growth = serde_yaml::from_str("{value: 8.3, unit: \"%\"}").unwrap();
    let base = fixture(vec![region("a", None, vec![gdp, fiscal])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let said = super::summary::summary(&w, rd(aud("investor")), &[]);
    let text: String = said.iter().map(|x| x.text.as_str()).collect();
    // The pages say 财政总收入's change; the 摘要 does not copy their sentence.
    assert!(
        text.contains("增长5%") && text.contains("财政总收入23.12亿元"),
        "{text}"
    );
    assert!(!text.contains("8.3%"), "{text}");
}

/// What the writer says of all the facts of a fixture's one region, in sentences of three
/// clauses at most, as one text.
fn said_text(base: &crate::facts::FactBase) -> String {
    let w = crate::render::Writer::new(base, &base.regions[0]);
    let facts: Vec<&crate::facts::Fact> = base.regions[0].facts.iter().collect();
    let said = w.figures(&facts, 3, crate::render::Opening::Name, false);
    said.iter().map(|x| x.text.as_str()).collect()
}

#[test]
fn a_headline_of_one_sentence_is_a_paragraph_of_its_host() {
    // 产业体系 of three sentences; 招商 of one sentence, whose figure the 摘要 leads with; a
    // cooperation of one sentence whose fold names 招商 first.
    let mut facts: Vec<crate::facts::Fact> =
        [("规模以上工业企业", 186.0), ("亿元以上工业企业", 52.0)]
            .iter()
            .map(|(n, v)| fact(Kind::Industry, n, Some(*v), "家"))
            .collect();
    let mut firms = fact(Kind::Industry, "规模以上工业增加值", None, "");
    firms.growth = serde_yaml::from_str("{value: 9.1, unit: \"%\"}").unwrap();
    facts.push(firms);
    for (i, f) in facts.iter_mut().enumerate() {
        f.note = Some(format!("产业链条第{}环延伸。", i + 1));
    }
    let mut signed = fact(Kind::Project, "新签约项目", Some(46.0), "个");
    signed.key = Some("signed_projects".into());
    facts.push(signed);
    let mut partners = fact(Kind::Cooperation, "友好合作城市", Some(4.0), "个");
    partners.year = Some(2021);
    facts.push(partners);
    let base = fixture(vec![region("a", None, facts)]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = super::plan::sections(&w, rd(aud("investor")), &[]);
    let headings: Vec<&str> = s.iter().map(|x| x.heading.as_str()).collect();
    assert_eq!(headings, ["产业体系与招商引资"], "{headings:?}");
    let host = &s[0];
    let paragraphs: Vec<String> = host
        .before
        .iter()
        .chain(&host.after)
        .map(|p| p.iter().map(|x| x.text.as_str()).collect())
        .collect();
    // The signing is a paragraph of its own, with its year and the region; the
    // cooperation, whose fold named 招商, goes on from it.
    let last = paragraphs.last().unwrap();
    assert!(
        last.starts_with("2022年，a县新签约项目46个"),
        "{paragraphs:?}"
    );
    assert!(last.contains("友好合作城市4个"), "{paragraphs:?}");
    assert!(paragraphs.len() >= 2, "{paragraphs:?}");
}

#[test]
fn figures_of_unrelated_things_are_not_one_sentence() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let sentences = |facts: &[&crate::facts::Fact]| -> usize {
        w.figures(facts, 3, crate::render::Opening::Name, false)
            .len()
    };
    // Money of trade and money of a budget, nothing in common: two sentences.
    let trade = fact(Kind::Indicator, "进出口总额", Some(57.36), "亿元");
    let revenue = fact(Kind::Indicator, "一般公共预算收入", Some(86.25), "亿元");
    assert_eq!(sentences(&[&trade, &revenue]), 2);
    // The region's headline figures (keyed) go together, as do figures of one topic
    // (ecology) and names that share a character of substance (游客, 旅游).
    let mut gdp = fact(Kind::Indicator, "地区生产总值", Some(142.0), "亿元");
    gdp.key = Some("gdp".into());
    let mut fiscal = revenue.clone();
    fiscal.key = Some("fiscal_revenue".into());
    assert_eq!(sentences(&[&gdp, &fiscal]), 1);
    let air = fact(Kind::Ecology, "空气质量优良率", Some(91.8), "%");
    let pm = fact(Kind::Ecology, "PM2.5平均浓度", Some(24.1), "微克/立方米");
    assert_eq!(sentences(&[&air, &pm]), 1);
    let visitors = fact(Kind::Indicator, "接待游客", Some(1520.0), "万人次");
    let income = fact(Kind::Indicator, "旅游收入", Some(132.0), "亿元");
    assert_eq!(sentences(&[&visitors, &income]), 1);
}

#[test]
fn a_things_lasting_figure_is_said_without_a_year() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut total = fact(Kind::Project, "甲项目总投资", Some(120.0), "亿元");
    total.measure = Some("投资".into());
    let said = w.figures(&[&total], 3, crate::render::Opening::Name, false);
    assert_eq!(said[0].text, "甲项目总投资120亿元");
    // What the project did in a year keeps its year.
    let mut output = fact(Kind::Project, "甲项目产值", Some(12.0), "亿元");
    output.measure = Some("产值".into());
    let said = w.figures(&[&output], 3, crate::render::Opening::Name, false);
    assert!(said[0].text.starts_with("2022年"), "{}", said[0].text);
    // The region's own 总投资 (of all its projects in a year) keeps its year too.
    let region_total = fact(Kind::Project, "重点项目总投资", Some(300.0), "亿元");
    let said = w.figures(&[&region_total], 3, crate::render::Opening::Name, false);
    assert!(said[0].text.starts_with("2022年"), "{}", said[0].text);
}

#[test]
fn a_share_with_a_change_alone_keeps_its_whole_name() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut f = fact(
        Kind::Indicator,
        "第三产业增加值占地区生产总值的比重",
        None,
        "",
    );
    f.growth = serde_yaml::from_str("{value: 0.8, unit: 个百分点}").unwrap();
    let said = w.figures(&[&f], 3, crate::render::Opening::Name, false);
    assert!(
        said[0]
            .text
            .ends_with("第三产业增加值占地区生产总值的比重提高0.8个百分点"),
        "{}",
        said[0].text
    );
}

#[test]
fn names_are_kept_whole_against_their_figures() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    // A name ending in a digit does not run into its figure, nor take 为: it is a table's row.
    let pm = fact(Kind::Ecology, "PM2.5", Some(18.0), "微克/立方米");
    assert!(w.said(&pm).is_none());
    // 占有率 holds 占 but is no share of another figure.
    let held = fact(Kind::Industry, "稀土功能材料市场占有率", Some(18.0), "%");
    assert_eq!(w.said(&held).unwrap().body, "稀土功能材料市场占有率18%");
    // A shared tail of three characters that opens with the end of a word is not shared.
    let change = |n: &str, v: f64| {
        let mut f = fact(Kind::Industry, n, None, "");
        f.growth = serde_yaml::from_str(&format!("{{value: {v}, unit: \"%\"}}")).unwrap();
        f
    };
    let (a, b) = (
        change("文旅产业产值", 14.0),
        change("农产品加工业产值", 9.0),
    );
    let said = w.figures(&[&a, &b], 3, crate::render::Opening::Name, false);
    let text: String = said.iter().map(|x| x.text.as_str()).collect();
    assert!(
        text.contains("文旅产业产值、农产品加工业产值分别增长"),
        "{text}"
    );
    // A project's lasting figure is of no year, whatever its name's things.
    let cap = fact(
        Kind::Project,
        "光伏储能一体化项目年产能",
        Some(8.0),
        "亿千瓦时",
    );
    assert_eq!(w.said(&cap).unwrap().head, None);
}

#[test]
fn an_expected_change_says_so_before_its_verb() {
    let base = fixture(vec![region("a", None, vec![])]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let mut f = fact(Kind::Indicator, "规模以上工业增加值", None, "");
    f.growth = serde_yaml::from_str("{value: 9, unit: \"%\", qualifier: 预计}").unwrap();
    assert_eq!(w.said(&f).unwrap().body, "规模以上工业增加值预计增长9%");
    // As a goal too: no 预期 or 力争 besides.
    f.target = true;
    assert_eq!(w.said(&f).unwrap().body, "规模以上工业增加值预计增长9%");
    // A change about a figure (左右) stays after it.
    let mut g = fact(Kind::Indicator, "地区生产总值", None, "");
    g.growth = serde_yaml::from_str("{value: 5, unit: \"%\", qualifier: 左右}").unwrap();
    assert_eq!(w.said(&g).unwrap().body, "地区生产总值增长5%左右");
}

#[test]
fn a_count_and_an_amount_of_one_kind_are_two_sentences() {
    // 全县有农民专业合作社1136个，林业增加值9.14亿元 says two things in one sentence.
    let a = fact(Kind::Agriculture, "农民专业合作社", Some(1136.0), "个");
    let b = fact(Kind::Agriculture, "林业增加值", Some(9.14), "亿元");
    let base = fixture(vec![region("a", None, vec![a, b])]);
    let text = said_text(&base);
    assert!(!text.contains("1136个，"), "{text}");
    // Two of one measure stay one sentence.
    let a = fact(Kind::Agriculture, "粮食总产量", Some(31.2), "万吨");
    let b = fact(Kind::Agriculture, "油料产量", Some(2.35), "万吨");
    let base = fixture(vec![region("a", None, vec![a, b])]);
    let text = said_text(&base);
    assert!(text.contains("31.2万吨，"), "{text}");
}
