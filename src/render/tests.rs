//! Tests of escaping, figures and what each briefing holds.

use std::collections::BTreeMap;

use super::*;
use crate::facts::{Audience, Fact, FactBase, Kind, Region, Vocabulary};

#[test]
fn ranks_are_ordinals() {
    let v = Vocabulary::builtin();
    assert_eq!(format_quantity(&v, "2", "位", None), "第2位");
    assert_eq!(format_quantity(&v, "10", "强", None), "十强");
    assert_eq!(format_quantity(&v, "3", "成", Some("以上")), "三成以上");
    assert_eq!(format_quantity(&v, "3.5", "成", None), "3.5成");
}

#[test]
fn numbers() {
    assert_eq!(format_number(142.0), "142");
    assert_eq!(format_number(23.12), "23.12");
    assert_eq!(format_number(1988.0), "1988");
    assert_eq!(format_number(22862.0), "22862");
    assert_eq!(format_number(9999.5), "9999.5");
    assert_eq!(format_number(-14248.0), "-14248");
}

#[test]
fn figures_print_as_the_fact_base_writes_them() {
    let mut v = Vocabulary::builtin();
    // By default a long figure is never grouped, whatever its article printed.
    assert_eq!(format_quantity(&v, "22,862", "元", None), "22862元");
    v.grouping = crate::facts::office::Grouping::AsWritten;
    for n in ["1313.70", "18.0", "244394", "22,862", "100.10"] {
        assert_eq!(format_quantity(&v, n, "亿元", None), format!("{n}亿元"));
    }
    let f: Fact = serde_yaml::from_str(
        "{kind: indicator, name: 财政总收入, value: 131.40, unit: 亿元, growth: {value: -18.0, unit: \"%\"}, base: {value: 100.10, year: 2020}, source: s}",
    )
    .unwrap();
    assert_eq!(
        format_figure(&v, &f).as_deref(),
        Some("131.40亿元，下降18.0%（2020年为100.10亿元）")
    );
}

#[test]
fn quantities_keep_the_qualifier_in_place() {
    let v = Vocabulary::builtin();
    assert_eq!(
        format_quantity(&v, "142", "亿元", Some("预计")),
        "预计142亿元"
    );
    assert_eq!(format_quantity(&v, "3000", "亩", Some("余")), "3000余亩");
    assert_eq!(format_quantity(&v, "10", "亿元", Some("余")), "10余亿元");
    assert_eq!(format_quantity(&v, "1.2", "万户", Some("余")), "1.2万余户");
    assert_eq!(format_quantity(&v, "5", "%", Some("左右")), "5%左右");
    assert_eq!(
        format_quantity(&v, "110", "万亩", Some("以上")),
        "110万亩以上"
    );
    assert_eq!(
        format_quantity(&v, "200", "亿元", Some("超过")),
        "超过200亿元"
    );
}

#[test]
fn escaping_makes_markup_literal() {
    assert_eq!(
        escape_markup("#read(\"/etc/passwd\")"),
        "\\#read(\\\"\\/etc\\/passwd\\\")"
    );
    assert_eq!(escape_markup("= 标题"), "\\= 标题");
    assert_eq!(escape_markup("1. 项"), "1\\. 项");
    assert_eq!(escape_markup("23.12亿元"), "23.12亿元");
    // A span of years is never broken at its dash; a dash between words is left alone.
    assert_eq!(escape_markup("2012—2022年"), "2012\u{2060}—\u{2060}2022年");
    assert_eq!(escape_markup("萍乡——湘东"), "萍乡——湘东");
    assert_eq!(escape_markup("a\nb"), "a#linebreak();b");
    assert_eq!(escape_markup("甲\u{2028}1. 乙"), "甲#linebreak();1. 乙");
    assert_eq!(typst_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
}

use crate::facts::Base as FigureBase;

/// The shipped audiences.
pub(super) fn audiences() -> &'static Audiences {
    static A: std::sync::OnceLock<Audiences> = std::sync::OnceLock::new();
    A.get_or_init(Audiences::builtin)
}

/// The shipped reader `id`.
pub(super) fn rd(id: Audience) -> Reader<'static> {
    audiences().reader(id).expect("a shipped audience")
}

pub(super) fn aud(id: &str) -> Audience {
    id.parse().unwrap()
}

pub(super) fn bundled() -> FactBase {
    FactBase::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
        .expect("the bundled fact base loads")
}

pub(super) const DATE: BriefDate = BriefDate {
    year: 2026,
    month: 11,
    day: 22,
};

/// Every bundled briefing: (region, audience, Typst source).
pub(super) fn all_briefings(base: &FactBase) -> Vec<(&Region, Audience, String)> {
    let env = environment(None).unwrap();
    let mut out = Vec::new();
    for r in &base.regions {
        for a in audiences().ids() {
            let ctx = BriefContext::new(base, r, rd(a), DATE);
            out.push((r, a, render(&env, &ctx).expect("renders")));
        }
    }
    out
}

/// The printed forms of a fact's figures, escaped as they appear in Typst markup: the value
/// with its qualifier, the amount of its change, its base.
fn printed_figures(base: &FactBase, f: &Fact) -> Vec<String> {
    let unit = f.unit.clone().unwrap_or_default();
    let mut out = Vec::new();
    if let Some(v) = &f.value {
        out.push(format_quantity(
            &base.vocab,
            v.text(),
            &unit,
            f.qualifier.as_deref(),
        ));
    }
    if let Some(g) = &f.growth {
        out.push(format_quantity(
            &base.vocab,
            g.value.magnitude(),
            &g.unit,
            g.qualifier.as_deref(),
        ));
    }
    if let Some(FigureBase { value, .. }) = &f.base {
        out.push(format_quantity(&base.vocab, value.text(), &unit, None));
    }
    out.into_iter().map(|s| escape_markup(&s)).collect()
}

#[test]
fn every_figure_a_briefing_reads_in_full_prints() {
    let base = bundled();
    let briefings = all_briefings(&base);
    let mut missing = Vec::new();
    let mut checked = 0;
    for (r, a, src) in &briefings {
        if hollow(&base, r, rd(*a), Some(i64::from(DATE.year))).is_some() {
            continue;
        }
        for f in r
            .facts
            .iter()
            .filter(|f| rd(*a).reading(f) == Some(Reading::Full))
            // A goal whose year is over at the briefing's date is left out (office.yaml's
            // `past_goals`).
            .filter(|f| !super::past_goal(&base, f, i64::from(DATE.year)))
        {
            for fig in printed_figures(&base, f) {
                checked += 1;
                if !src.contains(&fig) {
                    missing.push(format!("{}-{a}: {} {fig}", r.id, f.name));
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} figures checked");
    assert!(missing.is_empty(), "figures not printed: {missing:#?}");
    // Every fact with a figure has a reader who reads it in full.
    for r in &base.regions {
        for f in r
            .facts
            .iter()
            .filter(|f| f.value.is_some() || f.growth.is_some())
        {
            assert!(
                audiences()
                    .list
                    .iter()
                    .any(|a| audiences().reading(f, a) == Some(Reading::Full)),
                "{}: {} is read in full by no audience (its audiences: {:?})",
                r.id,
                f.name,
                f.audiences
            );
        }
    }
}

#[test]
fn a_change_without_a_value_prints() {
    let base = bundled();
    let x = base.region("xiangdong").unwrap();
    let env = environment(None).unwrap();
    let src = render(
        &env,
        &BriefContext::new(&base, x, rd(aud("investor")), DATE),
    )
    .unwrap();
    assert!(src.contains("节能环保"));
    assert!(
        src.contains("增长4.62%") || src.contains("分别增长4.62%"),
        "growth of a fact without a value"
    );
    assert!(src.contains("110.1%"));
}

#[test]
fn templates_name_no_place() {
    for (name, text) in EMBEDDED {
        for place in ["赣", "湘", "萍乡", "江西", "湖南", "hunan_"] {
            assert!(!text.contains(place), "{name} names {place}");
        }
    }
}

/// docs/data-format.md's table of kinds and default audiences.
fn docs_audiences() -> BTreeMap<String, Vec<Audience>> {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/data-format.md"))
            .unwrap();
    let table = docs
        .split("### Kinds and who reads them by default")
        .nth(1)
        .expect("the docs have the table of kinds");
    let mut out = BTreeMap::new();
    for line in table.lines().skip_while(|l| !l.starts_with('|')) {
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Some(kind) = cells[0].strip_prefix('`').and_then(|k| k.strip_suffix('`')) else {
            continue;
        };
        let audiences = cells[2]
            .split(',')
            .map(|a| a.trim().parse::<Audience>().expect("an audience"))
            .collect();
        out.insert(kind.to_string(), audiences);
    }
    out
}

#[test]
fn docs_and_audiences_agree_on_who_reads_each_kind() {
    let docs = docs_audiences();
    assert_eq!(docs.len(), Kind::ALL.len(), "one row per kind");
    let all = audiences();
    for k in Kind::ALL {
        // In order: those who read the kind in full, then those who read a digest.
        let full = all.list.iter().filter(|a| a.reads.contains(&k));
        let digest = all.list.iter().filter(|a| a.digest.contains(&k));
        let shipped: Vec<Audience> = full.chain(digest).map(|a| a.id).collect();
        assert_eq!(docs[k.as_str()], shipped, "{}", k.as_str());
    }
    // The kinds an audience reads come first in its sections.
    for a in &all.list {
        let kinds: Vec<Kind> = a.sections.iter().flat_map(|s| s.kinds.clone()).collect();
        let read = |k: &Kind| a.reads.contains(k) || a.digest.contains(k);
        let first_unread = kinds.iter().position(|k| !read(k)).unwrap_or(kinds.len());
        assert!(
            kinds[first_unread..].iter().all(|k| !read(k)),
            "{}: the kinds it reads come first",
            a.id
        );
    }
}

#[test]
fn sources_print_title_and_period_never_an_id() {
    let base = bundled();
    for (r, a, src) in all_briefings(&base) {
        assert!(!src.contains(".txt"), "{}-{a} names a file", r.id);
        let list = src.split("brief-cited.final()").nth(1).unwrap();
        assert!(list.contains("《#s.title》") && list.contains("#s.when"));
        assert!(!list.contains("#id"), "the id is never printed");
    }
}

#[test]
fn thin_briefings_are_not_issued() {
    let base = bundled();
    let r = |id| base.region(id).unwrap();
    // A region with nothing for a reader, and one with a few figures: not issued.
    assert!(hollow(&base, r("anyuan"), rd(aud("investor")), None).is_some());
    assert!(hollow(&base, r("wugongshan"), rd(aud("tourism")), None).is_some());
    // One with many: issued.
    assert_eq!(hollow(&base, r("luxi"), rd(aud("investor")), None), None);
    assert_eq!(hollow(&base, r("pingxiang"), rd(aud("policy")), None), None);
    // The threshold is the audience's: at one figure, a thin briefing is issued.
    let mut low = Audiences::builtin();
    for a in &mut low.list {
        a.min_figures = Some(1);
        a.min_topics = Some(0);
    }
    let tourism = low.reader(aud("tourism")).unwrap();
    assert_eq!(hollow(&base, r("xiangdong"), tourism, None), None);
    let reason = hollow(&base, r("wugongshan"), rd(aud("tourism")), None).unwrap();
    assert!(reason.is_ascii() && !reason.contains('\n'), "{reason}");
    assert!(reason.contains("issued with 8 or more"), "{reason}");
    // Figures enough, but of two topics (a town's ecology and farming): not issued, unless
    // the audience asks for fewer topics.
    let reason = hollow(&base, r("shangli"), rd(aud("policy")), None).unwrap();
    assert!(reason.contains("2 topics"), "{reason}");
    let mut two = Audiences::builtin();
    for a in &mut two.list {
        a.min_topics = Some(2);
    }
    let policy = two.reader(aud("policy")).unwrap();
    assert_eq!(hollow(&base, r("shangli"), policy, None), None);
}

#[test]
fn every_summary_places_its_region_in_three_to_five_sentences() {
    let base = bundled();
    for (r, a, src) in all_briefings(&base) {
        if hollow(&base, r, rd(a), Some(i64::from(DATE.year))).is_some() {
            continue;
        }
        assert!(src.contains("数据截至"), "{}-{a} has no 数据截至", r.id);
        let ctx = BriefContext::new(&base, r, rd(a), DATE);
        let n = ctx.summary.len();
        assert!((3..=5).contains(&n), "{}-{a}: {n} sentences", r.id);
        let first = &ctx.summary[0].text;
        assert!(
            first.starts_with(&format!("{}位于江西省", r.name)),
            "{}-{a}: {first}",
            r.id
        );
        if let Some(p) = r.parent.as_deref().and_then(|p| base.region(p)) {
            assert!(first.contains(&p.name), "{}-{a}: {first}", r.id);
        }
        for s in &ctx.summary {
            assert!(!s.text.contains("方面，"), "{}-{a}: {}", r.id, s.text);
        }
    }
}

#[test]
fn a_fact_under_a_lead_has_a_measure_the_lead_allows() {
    // An aircraft-parts park's machine count is a project, but no 招商 figure; a new town's
    // area is a platform, but no innovation figure.
    let mut park = fact(Kind::Project, "航空零部件产业园数控机床", Some(300.0), "台");
    park.year = Some(2024);
    let mut town = fact(Kind::Innovation, "新城规划面积", Some(12.0), "平方公里");
    town.year = Some(2024);
    let mut gdp = fact(Kind::Indicator, "地区生产总值", Some(800.0), "亿元");
    gdp.key = Some("gdp".into());
    let mut capital = fact(Kind::Project, "签约项目总投资", Some(60.0), "亿元");
    capital.year = Some(2024);
    let mut r = region("a", None, vec![gdp, park, town, capital]);
    r.province = Some("湖南省".into());
    let base = fixture(vec![r]);
    let ctx = BriefContext::new(&base, &base.regions[0], rd(aud("investor")), DATE);
    let text: String = ctx.summary.iter().map(|s| s.text.clone()).collect();
    assert!(text.contains("地区生产总值800亿元"), "{text}");
    assert!(text.contains("签约项目总投资60亿元"), "{text}");
    assert!(!text.contains("数控机床"), "{text}");
    assert!(!text.contains("新城规划面积"), "{text}");
}

#[test]
fn party_building_and_civility_go_to_policy_only() {
    let base = bundled();
    for (r, a, src) in all_briefings(&base) {
        if a.as_str() == "policy" {
            continue;
        }
        let ctx = BriefContext::new(&base, r, rd(a), DATE);
        for f in &ctx.served {
            for w in &rd(aud("policy")).def.reserved {
                assert!(!f.name.contains(w), "{}-{a} prints {}", r.id, f.name);
            }
        }
        assert!(!src.contains("全国文明城市]"), "{}-{a}", r.id);
    }
}

#[test]
fn remarks_never_print() {
    let base = bundled();
    for (r, _, src) in all_briefings(&base) {
        for f in &r.facts {
            if let Some(remark) = &f.remark {
                assert!(!src.contains(&escape_markup(remark)), "{}: {remark}", r.id);
            }
        }
    }
}

pub(super) fn fact(kind: Kind, name: &str, value: Option<f64>, unit: &str) -> Fact {
    serde_yaml::from_str::<Fact>(&format!("{{kind: {}, name: x, source: s}}", kind.as_str()))
        .map(|mut f| {
            f.name = name.into();
            f.value = value.map(crate::facts::Number::from_f64);
            f.unit = value.map(|_| unit.to_string());
            f.year = Some(2022);
            f
        })
        .unwrap()
}

/// The rows of every table of some sections, each its cells joined by |.
pub(super) fn table_rows(sections: &[super::plan::Section]) -> Vec<String> {
    sections
        .iter()
        .filter_map(|s| s.table.as_ref())
        .flat_map(|t| t.rows.iter().map(|r| r.cells.join("|")))
        .collect()
}

pub(super) fn region(id: &str, parent: Option<&str>, facts: Vec<Fact>) -> Region {
    let mut r: Region = serde_yaml::from_str(&format!(
        "{{id: {id}, name: {id}县, short: {id}, level: 县}}"
    ))
    .unwrap();
    r.parent = parent.map(str::to_string);
    r.facts = facts;
    r
}

pub(super) fn fixture(regions: Vec<Region>) -> FactBase {
    FactBase {
        dir: PathBuf::new(),
        vocab: Vocabulary::builtin(),
        office: crate::facts::Office::default(),
        phrases: crate::facts::Phrases::builtin(),
        sources: Vec::new(),
        regions,
        digest: String::new(),
    }
}

#[test]
fn charts_compare_like_with_like() {
    // Counts of unrelated things, and a GDP beside an investment: no chart.
    let mixed = region(
        "a",
        None,
        vec![
            fact(Kind::Tourism, "美丽宜居村庄", Some(73.0), "个"),
            fact(Kind::Tourism, "工业遗产旅游基地", Some(1.0), "个"),
            fact(Kind::Tourism, "A级景区", Some(23.0), "个"),
            fact(Kind::Indicator, "地区生产总值", Some(142.0), "亿元"),
            fact(Kind::Project, "某项目", Some(108.0), "亿元"),
        ],
    );
    let base = fixture(vec![mixed]);
    for a in audiences().ids() {
        let ctx = BriefContext::new(&base, &base.regions[0], rd(a), DATE);
        assert!(ctx.chart.is_none(), "{a}: {:?}", ctx.chart);
    }
    // Three parts sharing one keyed figure: a chart of the parts.
    let part = |id: &str, v: f64| {
        let mut f = fact(Kind::Indicator, "签约资金", Some(v), "亿元");
        f.key = Some("signed_capital".into());
        region(id, Some("city"), vec![f])
    };
    let base = fixture(vec![
        region("city", None, vec![]),
        part("p1", 10.0),
        part("p2", 30.0),
        part("p3", 20.0),
    ]);
    let ctx = BriefContext::new(&base, &base.regions[0], rd(aud("investor")), DATE);
    let chart = ctx.chart.expect("a chart of the parts");
    assert_eq!(chart.caption, "各所辖县区签约资金（亿元，2022年）");
    assert_eq!(chart.rows.len(), 3);
    assert_eq!(chart.rows[0].value, 30.0);
    // Projects declaring one measure: a chart; a project in 万元 is not beside them.
    let mut projects: Vec<Fact> = [("甲", 3.0), ("乙", 5.0), ("丙", 4.0)]
        .iter()
        .map(|(n, v)| {
            let mut f = fact(Kind::Project, n, Some(*v), "亿元");
            f.measure = Some("投资".into());
            f
        })
        .collect();
    let mut other = fact(Kind::Project, "丁", Some(300.0), "万元");
    other.measure = Some("投资".into());
    projects.push(other);
    let with_output = |mut projects: Vec<Fact>| {
        for (n, v) in [("甲", 6.0), ("乙", 9.0)] {
            let mut f = fact(Kind::Project, n, Some(v), "亿元");
            f.measure = Some("年产值".into());
            projects.push(f);
        }
        projects
    };
    let base = fixture(vec![region("b", None, with_output(projects.clone()))]);
    let ctx = BriefContext::new(&base, &base.regions[0], rd(aud("investor")), DATE);
    let chart = ctx.chart.expect("a chart of investment");
    assert_eq!(chart.rows.len(), 3);
    // Its bars are projects, not the region.
    assert_eq!(chart.caption, "重点项目投资（亿元，2022年）");
    // An office that calls them otherwise says so in its phrases.yaml.
    let mut own = fixture(vec![region("b", None, with_output(projects.clone()))]);
    own.phrases
        .chart_things
        .insert(Kind::Project, "在建项目".into());
    let c = BriefContext::new(&own, &own.regions[0], rd(aud("investor")), DATE);
    assert_eq!(c.chart.unwrap().caption, "在建项目投资（亿元，2022年）");
    // Bars of each project's lasting figure (总投资) are of no year.
    let mut lasting = fixture(vec![region("b", None, with_output(projects.clone()))]);
    for f in &mut lasting.regions[0].facts {
        if f.measure.as_deref() == Some("投资") {
            f.name = format!("{}项目总投资", f.name);
        }
    }
    let c = BriefContext::new(&lasting, &lasting.regions[0], rd(aud("investor")), DATE);
    assert_eq!(c.chart.unwrap().caption, "重点项目投资（亿元）");
    // The table keeps what the chart does not draw; no figure is printed twice.
    let rows = table_rows(&ctx.sections);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(!rows.iter().any(|r| r.contains("5亿元")), "{rows:?}");
    // Where the table would be left with fewer than three rows, the chart goes instead.
    let base = fixture(vec![region("b", None, projects)]);
    let ctx = BriefContext::new(&base, &base.regions[0], rd(aud("investor")), DATE);
    assert!(ctx.chart.is_none());
}

#[test]
fn figures_are_said_without_a_made_up_verb() {
    let mut new_cloud = fact(Kind::Innovation, "新增上云企业", Some(531.0), "家");
    new_cloud.key = Some("cloud".into());
    let mut growth_only = fact(Kind::Industry, "规模以上工业增加值", None, "");
    growth_only.growth = Some(crate::facts::Growth {
        value: crate::facts::Number::parse("9").unwrap(),
        unit: "%".into(),
        qualifier: None,
    });
    growth_only.year = None;
    growth_only.period = Some("近三年年均".into());
    let mut years = fact(Kind::Honour, "全市河长制工作先进", Some(4.0), "年");
    years.year = Some(2022);
    let mut said = years.clone();
    said.say = Some("连续{value}获评{name}".into());
    let mut r = region("a", None, vec![new_cloud.clone(), growth_only.clone()]);
    r.province = Some("湖南省".into());
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    assert_eq!(w.said(&new_cloud).unwrap().body, "新增上云企业531家");
    assert_eq!(
        w.said(&growth_only).unwrap().body,
        "规模以上工业增加值近三年年均增长9%"
    );
    assert!(
        w.said(&years).is_none(),
        "a duration needs words of its own"
    );
    assert_eq!(w.said(&said).unwrap().body, "连续4年获评全市河长制工作先进");
    let mut speed = growth_only.clone();
    speed.name = "年均增速".into();
    speed.period = None;
    assert_eq!(w.said(&speed).unwrap().body, "年均增速为9%");
}

#[test]
fn changes_side_by_side_are_said_once_with_fenbie() {
    let change = |name: &str, v: &str| {
        let mut f = fact(Kind::Indicator, name, None, "");
        f.year = None;
        f.period = Some("近三年年均".into());
        f.growth = Some(crate::facts::Growth {
            value: crate::facts::Number::parse(v).unwrap(),
            unit: "%".into(),
            qualifier: None,
        });
        f
    };
    let mut r = region(
        "a",
        None,
        vec![
            change("规模以上工业增加值", "9"),
            change("固定资产投资", "13"),
        ],
    );
    r.province = Some("湖南省".into());
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let facts: Vec<&Fact> = base.regions[0].facts.iter().collect();
    let said = w.figures(&facts, 3, crate::render::Opening::Name, false);
    assert_eq!(
        said[0].text,
        "a县规模以上工业增加值、固定资产投资近三年年均分别增长9%、13%"
    );
}

#[test]
fn sentences_read_on_from_one_another() {
    let mut r = region("a", None, vec![]);
    r.province = Some("湖南省".into());
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = |t: &str| crate::render::Sentence::new(t.to_string(), "s");
    // The year said again is not repeated; the period it carries stays.
    let mut p = vec![
        s("2022年，a县地区生产总值142亿元"),
        s("2022年上半年，全县文旅项目签约资金82.1亿元"),
    ];
    w.same_year(&mut p);
    assert_eq!(p[1].text, "上半年，全县文旅项目签约资金82.1亿元");
    // A figure of the whole year after one of half of it keeps its year: without it, it would
    // read as the half-year's.
    let mut p = vec![
        s("2022年上半年，a县新签约文旅项目11个"),
        s("2022年，a县拥有国家A级旅游景区23个"),
        s("2022年，a县新增企业5家"),
    ];
    w.same_year(&mut p);
    assert_eq!(p[1].text, "2022年，a县拥有国家A级旅游景区23个");
    assert_eq!(p[2].text, "a县新增企业5家");
    // After a period of another kind (“十四五”以来), the year is said again: without it, the
    // year's figure would read as the period's.
    let mut p = vec![
        s("2023年，a县地区生产总值142亿元"),
        s("“十四五”以来，全县合作项目总投资超过1300亿元"),
        s("2023年，规模以上工业增加值增长9.6%"),
    ];
    w.same_year(&mut p);
    assert_eq!(p[2].text, "2023年，规模以上工业增加值增长9.6%");
    // The region named sentence after sentence: left out after the first (全县 after a
    // period), but not where the name is not the subject alone.
    let mut p = vec![
        s("a县引导企业改造"),
        s("a县把数字经济作为一号工程"),
        s("2023年，a县新增企业5家"),
        s("a县与b县先后获评示范县"),
        s("a县引导企业改造"),
        s("a县是全省唯一的示范县"),
    ];
    w.vary_subject(&mut p);
    assert_eq!(p[1].text, "把数字经济作为一号工程");
    assert_eq!(p[2].text, "2023年，全县新增企业5家");
    assert_eq!(p[3].text, "a县与b县先后获评示范县");
    // 是 keeps its subject by name.
    assert_eq!(p[5].text, "a县是全省唯一的示范县");
    // Scenic areas named grade by grade, highest first, in one sentence.
    let mut x = fact(Kind::Scenic, "乙景区", None, "");
    x.grade = Some("3A".into());
    let mut y = fact(Kind::Scenic, "甲景区", None, "");
    y.grade = Some("4A".into());
    let said = w.names(Kind::Scenic, &[&x, &y]);
    assert_eq!(said.len(), 1);
    assert_eq!(
        said[0].text,
        "a县有国家4A级旅游景区甲景区，国家3A级旅游景区乙景区"
    );
}

#[test]
fn a_thing_at_the_head_of_two_sentences_is_said_once() {
    let mut r = region("a", None, vec![]);
    r.province = Some("湖南省".into());
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let s = |t: &str| crate::render::Sentence::new(t.to_string(), "s");
    let mut p = vec![
        s("滨海科创新城规划面积12平方公里，已完成路网建设"),
        s("滨海科创新城首批入驻研发机构12家"),
    ];
    w.thing_once(&mut p);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].text,
        "滨海科创新城规划面积12平方公里，已完成路网建设；首批入驻研发机构12家"
    );
    // Not across articles.
    let mut q = vec![
        s("滨海科创新城规划面积12平方公里"),
        crate::render::Sentence::new("滨海科创新城首批入驻研发机构12家".into(), "t"),
    ];
    w.thing_once(&mut q);
    assert_eq!(q.len(), 2);
}

#[test]
fn a_note_on_the_year_its_sentence_opens_with_says_当年() {
    let mut f = fact(Kind::Project, "海上风电装备基地项目", Some(120.0), "亿元");
    f.measure = Some("总投资".into());
    f.note = Some("海上风电装备基地项目于2022年开工。".into());
    let mut r = region("a", None, vec![f]);
    r.province = Some("湖南省".into());
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let facts: Vec<&Fact> = base.regions[0].facts.iter().collect();
    let said = w.figures(&facts, 3, crate::render::Opening::Subject, true);
    assert_eq!(
        said[0].text,
        "2022年，海上风电装备基地项目总投资120亿元，当年开工"
    );
}

#[test]
fn a_short_note_about_the_region_is_a_sentence_of_its_own() {
    let mut f = fact(Kind::Ecology, "PM2.5平均浓度", Some(24.1), "微克/立方米");
    f.note = Some("a县全域实现Ⅱ类水质。".into());
    let mut g = fact(Kind::Tourism, "单日接待游客", Some(2.6), "万人次");
    g.note = Some("开园以来单日最高。".into());
    let mut r = region("a", None, vec![f, g]);
    r.province = Some("湖南省".into());
    let base = fixture(vec![r]);
    let w = crate::render::Writer::new(&base, &base.regions[0]);
    let f = &base.regions[0].facts[0];
    let said = w.figures(&[f], 3, crate::render::Opening::Subject, true);
    assert_eq!(said.len(), 2, "{said:?}");
    assert_eq!(said[1].text, "a县全域实现Ⅱ类水质");
    let g = &base.regions[0].facts[1];
    let said = w.figures(&[g], 3, crate::render::Opening::Subject, true);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].text.ends_with("2.6万人次，开园以来单日最高"),
        "{said:?}"
    );
}
