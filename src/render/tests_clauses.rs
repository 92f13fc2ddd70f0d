//! Tests of how clauses are joined: a goal's verb and its period, names that take no 为, one
//! thing said once, one figure of two articles said once with both markers.

use crate::facts::{Fact, FactBase, Kind, Source};
use crate::render::tests::{fact, fixture, region};
use crate::render::Writer;

fn source(id: &str, date: &str) -> Source {
    serde_yaml::from_str(&format!(
        "{{id: {id}, title: 标题{id}, date: '{date}', period: 2025年}}"
    ))
    .unwrap()
}

fn base_of(facts: Vec<Fact>, sources: Vec<Source>) -> FactBase {
    let mut base = fixture(vec![region("a", None, facts)]);
    base.sources = sources;
    base
}

/// The sentences `w` writes of `facts`, up to four clauses each, joined by 。.
fn said_of(w: &Writer, facts: &[Fact]) -> String {
    let all: Vec<&Fact> = facts.iter().collect();
    w.figures(&all, 4, crate::render::Opening::Name, false)
        .into_iter()
        .map(|s| s.text)
        .collect::<Vec<_>>()
        .join("。")
}

fn goal(name: &str, value: f64, unit: &str, year: i64, q: Option<&str>, src: &str) -> Fact {
    let mut f = fact(Kind::Indicator, name, Some(value), unit);
    f.target = true;
    f.year = Some(year);
    f.qualifier = q.map(str::to_string);
    f.source = src.to_string();
    f
}

#[test]
fn a_goal_set_says_what_it_reaches_and_a_later_years_goal_is_reached_by_then() {
    let facts = vec![
        goal("城镇化率", 52.0, "%", 2030, Some("左右"), "plan"),
        goal("新建保障性住房", 500.0, "套", 2026, Some("左右"), "plan"),
        goal("城镇新增就业", 3200.0, "人", 2026, Some("以上"), "plan"),
        goal("b镇新建温室", 20.0, "座", 2026, None, "plan"),
    ];
    let base = base_of(facts, vec![source("plan", "2026-03-01")]);
    let w = Writer::new(&base, &base.regions[0]);
    let said = |i: usize| w.said(&base.regions[0].facts[i]).unwrap();
    // A plan of 2026 for 2030: by then, and reached.
    assert_eq!(said(0).head.as_deref(), Some("a县提出，到2030年"));
    assert_eq!(said(0).body, "城镇化率达到52%左右");
    // The year ahead is that year's; a name with its verb needs no 达到.
    assert_eq!(said(1).head.as_deref(), Some("a县提出，2026年"));
    assert_eq!(said(1).body, "新建保障性住房500套左右");
    // 城镇 says where, not which place: the aim stands before the whole predicate.
    assert_eq!(said(2).body, "力争城镇新增就业3200人以上");
    // A place by name is the goal's subject: the aim after it.
    assert_eq!(said(3).body, "b镇力争新建温室20座");
}

#[test]
fn a_things_code_takes_no_wei_and_is_no_clause() {
    let facts = vec![
        fact(Kind::Ecology, "PM2.5", Some(18.0), "微克/立方米"),
        fact(Kind::Transport, "高速公路G1111", Some(42.0), "公里"),
        fact(Kind::Ecology, "PM2.5平均浓度", Some(18.0), "微克/立方米"),
        fact(Kind::Ecology, "优良天数比例", Some(93.5), "%"),
    ];
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let said = |i: usize| w.said(&base.regions[0].facts[i]).map(|s| s.body);
    // A code names a thing, not a measure: neither PM2.5为18… nor PM2.518…; a table's row.
    assert_eq!(said(0), None);
    assert_eq!(said(1), None);
    // A measure's name takes its figure, or 为 where it is a noun of measure.
    assert_eq!(said(2).as_deref(), Some("PM2.5平均浓度18微克/立方米"));
    assert_eq!(said(3).as_deref(), Some("优良天数比例为93.5%"));
    let all: Vec<&Fact> = base.regions[0].facts.iter().collect();
    let text: String = w
        .figures(&all, 3, crate::render::Opening::Name, true)
        .iter()
        .map(|s| s.text.clone())
        .collect();
    assert!(
        !text.contains("PM2.5为") && !text.contains("G1111为"),
        "{text}"
    );
}

#[test]
fn a_projects_figures_are_one_sentence_after_the_regions() {
    let project = |name: &str, value: f64, unit: &str| {
        let mut f = fact(Kind::Project, name, Some(value), unit);
        f.year = Some(2025);
        f
    };
    let mut invest = project("年产8万吨荞麦挂面项目总投资", 6.5, "亿元");
    invest.measure = Some("投资".into());
    let mut signed = fact(Kind::Indicator, "签约资金", Some(40.0), "亿元");
    signed.year = Some(2025);
    let facts = vec![
        invest,
        project("年产8万吨荞麦挂面项目占地面积", 120.0, "亩"),
        project("年产8万吨荞麦挂面项目年产能", 8.0, "万吨"),
        project("冷链物流园项目计划总投资", 3.0, "亿元"),
        signed,
    ];
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let all: Vec<&Fact> = base.regions[0].facts.iter().collect();
    let said: Vec<String> = w
        .figures(&all, 3, crate::render::Opening::Name, true)
        .into_iter()
        .map(|s| s.text)
        .collect();
    // The region's figure leads; one project is one sentence, named once, without the region
    // before it, a figure its name says (年产能8万吨) not said again; another project is a
    // sentence of its own.
    assert_eq!(
        said,
        [
            "2025年，a县签约资金40亿元",
            "年产8万吨荞麦挂面项目总投资6.5亿元，占地面积120亩",
            "冷链物流园项目计划总投资3亿元",
        ]
    );
    // Without a figure of the region, a project keeps its place before a park's.
    let park = project("荞麦产业园区总投资", 9.0, "亿元");
    let first = project("年产8万吨荞麦挂面项目年产能", 8.0, "万吨");
    let base = base_of(vec![first, park], Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let all: Vec<&Fact> = base.regions[0].facts.iter().collect();
    let said = w.figures(&all, 3, crate::render::Opening::Name, true);
    assert!(
        said[0].text.starts_with("年产8万吨荞麦挂面项目"),
        "{said:?}"
    );
}

#[test]
fn one_figure_of_two_articles_is_said_once_with_both_markers() {
    use crate::render::{environment, render, BriefContext, BriefDate};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/twice");
    let base = FactBase::load(&dir).expect("the fixture loads");
    let r = base.region("lanxi").unwrap();
    let reader = crate::render::tests::rd(crate::render::tests::aud("investor"));
    let date = BriefDate {
        year: 2026,
        month: 11,
        day: 22,
    };
    let ctx = BriefContext::new(&base, r, reader, date);
    // Each paragraph says a figure once, however many articles give it.
    for s in &ctx.sections {
        for p in s.before.iter().chain(&s.after) {
            let text: String = p.iter().map(|x| x.text.as_str()).collect();
            for figure in ["地区生产总值214.6亿元", "规模以上工业增加值增长8.1%"]
            {
                assert!(text.matches(figure).count() <= 1, "{text}");
            }
        }
    }
    // The sentence that says it carries both articles' markers, one after the other.
    let typ = render(&environment(None).unwrap(), &ctx).unwrap();
    let both = "#src(\"lanxi-news\");#src(\"lanxi-report\");";
    let at = typ.find(both).expect("both markers");
    let before = &typ[..at];
    let sentence = &before[before.rfind('。').map_or(0, |i| i + '。'.len_utf8())..];
    assert!(sentence.contains("地区生产总值214.6亿元"), "{sentence}");
    // Every figure of the folded facts is printed, every article is listed.
    for f in &r.facts {
        if let Some(v) = &f.value {
            assert!(typ.contains(v.text()), "{}", f.name);
        }
    }
    assert!(typ.contains("岚溪县2026年政府工作报告") && typ.contains("岚溪县经济运行稳中有进"));
}

#[test]
fn an_office_may_change_the_words_a_rule_reads() {
    let mut area = fact(
        Kind::Project,
        "年产8万吨荞麦挂面项目占地面积",
        Some(120.0),
        "亩",
    );
    area.year = Some(2025);
    let mut base = base_of(vec![area], Vec::new());
    let f = &base.regions[0].facts[0].clone();
    let shipped = Writer::new(&base, &base.regions[0]).said(f).unwrap();
    // A project by name: the project's figure, of no year.
    assert!(!shipped.of_region && shipped.head.is_none());
    // An office that counts 荞麦 among words of a class of projects: the region's, of its year.
    base.phrases.project_classes.push("荞麦".into());
    let office = Writer::new(&base, &base.regions[0]).said(f).unwrap();
    assert!(office.of_region && office.head.as_deref() == Some("2025年"));
    // Its own characters that say town or country.
    base.phrases.where_chars.clear();
    let g = goal("城镇新增就业", 3200.0, "人", 2026, None, "plan");
    let said = Writer::new(&base, &base.regions[0]).said(&g).unwrap();
    assert_eq!(said.body, "城镇力争新增就业3200人");
}

#[test]
fn a_ranges_bounds_of_one_name_are_a_range_not_two_things() {
    // A range of an expected change, its bounds two facts of one name as a draft names them.
    let bound = |v: &str| {
        let mut f = fact(Kind::Indicator, "地区生产总值增长预期", None, "");
        f.growth =
            serde_yaml::from_str(&format!("{{value: {v}, unit: \"%\", qualifier: 预计}}")).unwrap();
        f
    };
    let base = base_of(vec![bound("5.5"), bound("6")], Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let facts: Vec<&Fact> = base.regions[0].facts.iter().collect();
    let said = w.figures(&facts, 3, crate::render::Opening::Name, false);
    let text: String = said.iter().map(|s| s.text.as_str()).collect();
    assert!(text.contains("地区生产总值预计增长5.5%～6%"), "{text}");
    assert!(
        !text.contains("分别") && !text.contains("预期预计"),
        "{text}"
    );
}

#[test]
fn a_stock_with_its_own_change_is_had() {
    let mut firms = fact(Kind::Innovation, "高新技术企业", Some(52.0), "家");
    firms.growth = serde_yaml::from_str("{value: 9, unit: 家}").unwrap();
    let mut revenue = fact(Kind::Industry, "工业企业", Some(8.0), "家");
    revenue.growth = serde_yaml::from_str("{value: 5, unit: \"%\"}").unwrap();
    let base = base_of(vec![firms, revenue], Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let said = w.figures(
        &[&base.regions[0].facts[0]],
        3,
        crate::render::Opening::Name,
        false,
    );
    let text: String = said.iter().map(|s| s.text.as_str()).collect();
    // 有 gives the count its verb; its change in 家 goes with it.
    assert!(text.contains("有高新技术企业52家、增加9家"), "{text}");
    // A change in % is not the stock's: no 有 before it.
    let said = w.figures(
        &[&base.regions[0].facts[1]],
        3,
        crate::render::Opening::Name,
        false,
    );
    let text: String = said.iter().map(|s| s.text.as_str()).collect();
    assert!(!text.contains("有工业企业"), "{text}");
}

#[test]
fn a_goal_whose_year_has_passed_is_said_as_set_in_its_articles_year() {
    let facts = vec![
        goal("地区生产总值", 350.0, "亿元", 2025, Some("突破"), "plan"),
        goal("高新技术企业", 120.0, "家", 2024, Some("突破"), "plan"),
        goal("城镇新增就业", 3200.0, "人", 2027, Some("以上"), "plan"),
        goal("城镇化率", 60.0, "%", 2026, None, "plan"),
    ];
    let base = base_of(facts, vec![source("plan", "2024-02-01")]);
    let dated = Writer::new(&base, &base.regions[0]).dated(2026);
    let said = |i: usize| dated.said(&base.regions[0].facts[i]).unwrap();
    // Read in 2026, a goal of 2025 set in 2024 is what was set, when.
    assert_eq!(said(0).head.as_deref(), Some("a县于2024年提出，2025年"));
    // Set for the year it was set in: that year said once.
    assert_eq!(said(1).head.as_deref(), Some("a县于2024年提出，当年"));
    // A goal still ahead is set out as before.
    assert_eq!(said(2).head.as_deref(), Some("a县提出，到2027年"));
    // One due in the briefing's own year, set before it, is what was set, when.
    assert_eq!(said(3).head.as_deref(), Some("a县于2024年提出，到2026年"));
    // Two goals of one article, in one paragraph: set out once.
    let all: Vec<&Fact> = base.regions[0].facts[..2].iter().collect();
    let mut sentences = dated.figures(&all, 3, crate::render::Opening::Name, true);
    dated.goals_once(&mut sentences);
    let text: String = sentences.iter().map(|s| format!("{}。", s.text)).collect();
    assert_eq!(text.matches("提出").count(), 1, "{text}");
    // Undated, as a test or a catalogue writes: no goal is past.
    let w = Writer::new(&base, &base.regions[0]);
    assert_eq!(
        w.said(&base.regions[0].facts[0]).unwrap().head.as_deref(),
        Some("a县提出，2025年")
    );
}

#[test]
fn things_had_are_one_list_after_you_and_a_count_says_no_shu() {
    let mut facts = vec![fact(Kind::Livelihood, "民生支出", Some(41.35), "亿元")];
    for (name, v) in [("普通高中", 5.0), ("初中", 22.0), ("小学", 67.0)] {
        facts.push(fact(Kind::Livelihood, name, Some(v), "所"));
    }
    facts.push(fact(Kind::Livelihood, "小学在校生", Some(3.12), "万人"));
    facts.push(fact(Kind::Industry, "规模以上工业企业数", Some(68.0), "家"));
    facts.push(fact(Kind::Innovation, "高新技术企业总数", Some(23.0), "家"));
    facts.push(fact(Kind::Indicator, "人口出生率指数", Some(7.0), "家"));
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let all: Vec<&Fact> = base.regions[0].facts.iter().take(5).collect();
    let text: Vec<String> = w
        .figures(&all, 3, crate::render::Opening::Name, false)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert!(
        text.iter()
            .any(|t| t.contains("县有普通高中5所、初中22所、小学67所")),
        "the schools are one list of things had: {text:?}"
    );
    assert!(
        text.iter()
            .all(|t| !t.contains("民生支出41.35亿元，普通高中")),
        "a count is no clause after another figure without 有: {text:?}"
    );
    let said = |i: usize| w.said(&base.regions[0].facts[i]).unwrap().body;
    // The classifier counts: 数 and 总数 go from the name of a count of things.
    assert_eq!(said(5), "规模以上工业企业68家");
    assert_eq!(said(6), "高新技术企业23家");
    // A name that counts nothing the region has keeps its words.
    assert!(said(7).starts_with("人口出生率指数"), "{}", said(7));
}

#[test]
fn a_goal_whose_year_is_over_is_left_out_unless_the_office_keeps_it() {
    let mut plan = goal("地区生产总值", 350.0, "亿元", 2025, Some("力争"), "plan");
    plan.target = false;
    let mut five = goal(
        "电子信息产业营收",
        1000.0,
        "亿元",
        2025,
        Some("力争"),
        "plan",
    );
    five.year = None;
    five.period = Some("“十四五”末期".into());
    let ahead = goal("城镇化率", 52.0, "%", 2030, Some("左右"), "plan");
    let mut can = goal("产业园年总产值", 10.0, "亿元", 2023, None, "plan");
    can.say = Some("年总产值可达{value}".into());
    let mut done = fact(Kind::Indicator, "地区生产总值", Some(320.0), "亿元");
    done.year = Some(2024);
    let expected = goal("生产园营业收入", 3.5, "亿元", 2025, Some("预计"), "plan");
    let mut base = base_of(
        vec![plan, five, ahead, can, done, expected],
        vec![source("plan", "2024-03-01")],
    );
    let names = |base: &FactBase, today| -> Vec<String> {
        crate::render::format::in_years(base, &base.regions[0], today)
            .facts
            .iter()
            .map(|f| format!("{}{}", f.name, f.year.unwrap_or(0)))
            .collect()
    };
    // Read in 2026: a goal of 2025 (by its 力争, or by the plan its period names) is over; one
    // for 2030, a figure reached, what a thing can reach in its own words and a figure
    // expected (an estimate, said with its year) stay.
    assert_eq!(
        names(&base, Some(2026)),
        [
            "城镇化率2030",
            "产业园年总产值2023",
            "地区生产总值2024",
            "生产园营业收入2025"
        ]
    );
    // Read in 2025, nothing is over; without a date, nothing is left out.
    assert_eq!(names(&base, Some(2025)).len(), 6);
    assert_eq!(names(&base, None).len(), 6);
    // The office keeps them, said as set.
    base.office.past_goals = crate::facts::office::PastGoals::Dated;
    assert_eq!(names(&base, Some(2026)).len(), 6);
}

#[test]
fn graded_things_after_their_total_are_its_parts_and_a_list_name_with_its_own_dun_stands_alone() {
    let mut facts = Vec::new();
    for (name, v) in [("A级旅游景区", 14.0), ("5A级景区", 1.0), ("4A级景区", 4.0)] {
        facts.push(fact(Kind::Scenic, name, Some(v), "家"));
    }
    for (name, g) in [
        ("制造业增加值", 8.9),
        ("电力、热力、燃气及水生产和供应业增加值", 4.1),
        ("高技术制造业增加值", 15.6),
        ("装备制造业增加值", 12.6),
    ] {
        let mut f = fact(Kind::Industry, name, None, "");
        f.growth = serde_yaml::from_str(&format!("{{value: {g}, unit: \"%\"}}")).unwrap();
        facts.push(f);
    }
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let say = |range: std::ops::Range<usize>| said_of(&w, &base.regions[0].facts[range]);
    let scenic = say(0..3);
    assert!(
        scenic.contains("有A级旅游景区14家，其中5A级景区1家、4A级景区4家"),
        "{scenic}"
    );
    let changes = say(3..7);
    assert!(
        changes.contains("电力、热力、燃气及水生产和供应业增加值增长4.1%"),
        "a name with 、 of its own is said alone: {changes}"
    );
    assert!(
        changes.contains("高技术制造业、装备制造业增加值分别增长15.6%、12.6%")
            || changes.contains("高技术、装备制造业增加值分别增长15.6%、12.6%"),
        "{changes}"
    );
}

#[test]
fn a_word_the_regions_name_goes_on_into_and_a_route_keep_their_names() {
    let facts = vec![
        fact(Kind::Indicator, "地区生产总值", Some(186.0), "亿元"),
        fact(Kind::Transport, "a县城至b市区车程", Some(50.0), "分钟"),
        fact(Kind::Transport, "b至a城际铁路里程", Some(42.0), "公里"),
        fact(Kind::Indicator, "a县总面积", Some(2146.0), "平方公里"),
        fact(Kind::Tourism, "全县国庆假期旅游收入", Some(3.92), "亿元"),
    ];
    let mut base = base_of(facts, Vec::new());
    base.regions[0].facts[4].period = Some("国庆假期".into());
    let w = Writer::new(&base, &base.regions[0]);
    let all: Vec<&Fact> = base.regions[0].facts.iter().take(2).collect();
    let text: Vec<String> = w
        .figures(&all, 3, crate::render::Opening::Name, false)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert!(
        text.iter().all(|t| !t.contains("，城至")),
        "县城 keeps its region's name: {text:?}"
    );
    let said = |i: usize| w.said(&base.regions[0].facts[i]).unwrap();
    // A route names its own places: no region is said before it.
    let route: Vec<&Fact> = vec![&base.regions[0].facts[2]];
    let route = w.figures(&route, 3, crate::render::Opening::Name, false);
    assert!(
        route[0].text.contains("b至a城际铁路"),
        "{:?}",
        route[0].text
    );
    assert!(!route[0].text.contains("a县b至"), "{:?}", route[0].text);
    // The region's area is no year's; a period in the name is said once, at the head.
    assert_eq!(said(3).head, None);
    assert_eq!(said(4).head.as_deref(), Some("2022年国庆假期"));
    assert!(!said(4).body.contains("国庆假期"), "{}", said(4).body);
}

#[test]
fn a_title_inside_a_sources_title_takes_single_angle_brackets() {
    let mut f = fact(Kind::Indicator, "地区生产总值", Some(312.0), "亿元");
    f.source = "yb".into();
    let mut s = source("yb", "2025-09-30");
    s.title = "汉屏县（《汉屏年鉴（2025）》条目）".into();
    let base = base_of(vec![f], vec![s]);
    let ctx = crate::render::BriefContext::new(
        &base,
        &base.regions[0],
        crate::render::tests::rd("investor".parse().unwrap()),
        crate::render::tests::DATE,
    );
    let titles: Vec<&str> = ctx.sources.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["汉屏县（〈汉屏年鉴（2025）〉条目）"]);
}

/// Amounts of one measure say it once with 分别; deeds of one verb say the verb once; a
/// deed's object is not said again as the next clause's subject; a stock or an amount with a
/// change is not folded into 分别.
#[test]
fn like_amounts_say_their_measure_once_and_like_deeds_their_verb_once() {
    let mut facts = Vec::new();
    for (name, v, unit) in [
        ("苹果产业面积", 18.5, "万亩"),
        ("核桃产业面积", 12.3, "万亩"),
        ("中药材产业面积", 6.8, "万亩"),
        ("新培育省级龙头企业", 4.0, "家"),
        ("新培育市级龙头企业", 11.0, "家"),
        ("发放小额信贷", 1.28, "亿元"),
        ("小额信贷惠及脱贫户", 3415.0, "户"),
        ("城镇新增就业", 1.2, "万人"),
        ("农村新增就业", 0.8, "万人"),
        ("专利授权量", 1023.0, "件"),
        ("发明专利授权量", 86.0, "件"),
        ("签约工业项目", 41.0, "个"),
        ("签约工业项目总投资", 252.3, "亿元"),
        ("签约现代服务业项目", 17.0, "个"),
    ] {
        facts.push(fact(Kind::Agriculture, name, Some(v), unit));
    }
    facts[8].growth = serde_yaml::from_str("{value: 3.5, unit: \"%\"}").unwrap();
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let say = |range: std::ops::Range<usize>| said_of(&w, &base.regions[0].facts[range]);
    let areas = say(0..3);
    assert!(
        areas.contains("苹果、核桃、中药材产业面积分别为18.5万亩、12.3万亩、6.8万亩"),
        "{areas}"
    );
    let deeds = say(3..5);
    assert!(
        deeds.contains("新培育省级龙头企业4家、市级龙头企业11家"),
        "{deeds}"
    );
    let loans = say(5..7);
    assert!(
        loans.contains("发放小额信贷1.28亿元，惠及脱贫户3415户"),
        "{loans}"
    );
    let jobs = say(7..9);
    assert!(
        !jobs.contains("分别"),
        "an amount with a change is its own: {jobs}"
    );
    let patents = say(9..11);
    assert!(
        !patents.contains("分别"),
        "a part is no like thing: {patents}"
    );
    let signed = say(11..14);
    assert!(
        !signed.contains("总投资252.3亿元、现代服务业项目"),
        "a verb is said once only after a clause that says it: {signed}"
    );
}

/// A count of what the region governs is said with 辖 before the figure (phrases.yaml's rule
/// that `opens` with 辖), the verb once for both; 行政村 is no village's name but a stock had.
#[test]
fn what_a_region_governs_is_said_with_xia_once_and_villages_are_had() {
    let mut facts = Vec::new();
    for (name, v) in [("辖镇", 9.0), ("辖乡", 3.0), ("行政村", 167.0)] {
        facts.push(fact(Kind::Governance, name, Some(v), "个"));
    }
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let text = said_of(&w, &base.regions[0].facts);
    assert!(text.contains("a县辖9个镇、3个乡"), "{text}");
    assert!(text.contains("有行政村167个"), "{text}");
}

/// A second list of the same heads names them once: 苹果、核桃产业面积分别为…，综合产值分别为….
#[test]
fn a_second_list_of_the_same_things_does_not_name_them_again() {
    let mut facts = Vec::new();
    for (name, v, unit) in [
        ("苹果产业面积", 18.5, "万亩"),
        ("核桃产业面积", 12.3, "万亩"),
        ("苹果产业综合产值", 21.6, "亿元"),
        ("核桃产业综合产值", 4.9, "亿元"),
    ] {
        facts.push(fact(Kind::Agriculture, name, Some(v), unit));
    }
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let text = said_of(&w, &base.regions[0].facts);
    assert!(
        text.contains(
            "苹果、核桃产业面积分别为18.5万亩、12.3万亩，综合产值分别为21.6亿元、4.9亿元"
        ),
        "{text}"
    );
}

#[test]
fn a_part_follows_its_whole_with_qizhong_and_a_bound_term_keeps_its_head() {
    let mut revenue = fact(Kind::Indicator, "一般公共预算收入", Some(11.26), "亿元");
    revenue.growth = serde_yaml::from_str("{value: 4.3, unit: \"%\"}").unwrap();
    let tax = fact(Kind::Indicator, "税收收入", Some(7.84), "亿元");
    let mut firms = fact(Kind::Industry, "规模以上工业企业", Some(142.0), "家");
    firms.growth = serde_yaml::from_str("{value: 11, unit: 家}").unwrap();
    let mut added = fact(Kind::Industry, "规模以上工业增加值", None, "");
    added.growth = serde_yaml::from_str("{value: 8.2, unit: \"%\"}").unwrap();
    added.unit = None;
    let base = base_of(vec![revenue, tax, firms, added], Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let text = said_of(&w, &base.regions[0].facts[..2]);
    assert!(text.contains("增长4.3%，其中税收收入7.84亿元"), "{text}");
    // A part larger than its whole is no part of it.
    let mut facts = base.regions[0].facts[..2].to_vec();
    facts[1].value = serde_yaml::from_str("17.84").unwrap();
    assert!(
        !said_of(&w, &facts).contains("其中"),
        "{}",
        said_of(&w, &facts)
    );
    // 其中 reaches to the sentence's end: a clause of another breakdown after the parts
    // (商品零售额) takes none.
    let mut retail: Vec<Fact> = [
        ("社会消费品零售总额", 762.15, "5.3"),
        ("城镇消费品零售额", 648.27, "5.1"),
        ("乡村消费品零售额", 113.88, "6.4"),
        ("商品零售额", 676.5, "4.7"),
    ]
    .into_iter()
    .map(|(n, v, g)| {
        let mut f = fact(Kind::Indicator, n, Some(v), "亿元");
        f.growth = serde_yaml::from_str(&format!("{{value: {g}, unit: \"%\"}}")).unwrap();
        f
    })
    .collect();
    let mut invest = fact(Kind::Indicator, "在建亿元以上项目完成投资", None, "");
    invest.unit = None;
    invest.growth = serde_yaml::from_str("{value: 9.4, unit: \"%\"}").unwrap();
    retail.insert(0, invest);
    let all: Vec<&Fact> = retail.iter().collect();
    let text: String = w
        .figures(&all, 3, crate::render::Opening::Name, false)
        .into_iter()
        .map(|s| s.text + "。")
        .collect();
    assert!(text.contains("商品零售额676.5亿元"), "{text}");
    assert!(
        !text
            .split('。')
            .any(|s| s.contains("其中") && s.contains("商品零售额")),
        "{text}"
    );

    assert!(
        said_of(&w, &retail[1..4]).contains("其中城镇消费品零售额"),
        "{}",
        said_of(&w, &retail[1..4])
    );
    // 增加值 is said with its head: not the firms'.
    let text = said_of(&w, &base.regions[0].facts[2..]);
    assert!(text.contains("，规模以上工业增加值增长8.2%"), "{text}");
}

#[test]
fn one_graded_part_follows_its_total_with_qizhong() {
    let facts = vec![
        fact(Kind::Scenic, "A级旅游景区", Some(9.0), "家"),
        fact(Kind::Scenic, "4A级景区", Some(3.0), "家"),
    ];
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let text = said_of(&w, &base.regions[0].facts);
    assert!(text.contains("A级旅游景区9家，其中4A级景区3家"), "{text}");
}

#[test]
fn a_change_alone_begins_its_own_sentence_after_an_unrelated_amount() {
    let growth = |name: &str, g: &str| {
        let mut f = fact(Kind::Indicator, name, None, "");
        f.unit = None;
        f.growth = serde_yaml::from_str(&format!("{{value: {g}, unit: \"%\"}}")).unwrap();
        f
    };
    let mut spending = fact(Kind::Indicator, "一般公共预算支出", Some(46.37), "亿元");
    spending.growth = serde_yaml::from_str("{value: 3.1, unit: \"%\"}").unwrap();
    let facts = vec![
        spending,
        growth("规模以上工业增加值", "9.2"),
        growth("固定资产投资", "8.1"),
    ];
    let base = base_of(facts, Vec::new());
    let w = Writer::new(&base, &base.regions[0]);
    let text = said_of(&w, &base.regions[0].facts);
    assert!(!text.contains("3.1%，规模以上"), "{text}");
    // Two changes alone stay one clause.
    assert!(
        text.contains("规模以上工业增加值、固定资产投资分别增长9.2%、8.1%"),
        "{text}"
    );
}
