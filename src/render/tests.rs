//! Tests of escaping, figures and what each briefing holds.

use std::collections::BTreeMap;

use super::*;
use crate::facts::{Audience, Fact, FactBase, Kind, Region, Vocabulary};
use crate::render::audiences::LeadDef;

#[test]
fn ranks_are_ordinals() {
    let v = Vocabulary::builtin();
    assert_eq!(format_quantity(&v, "2", "位", None), "第2位");
    assert_eq!(format_quantity(&v, "10", "强", None), "10强");
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
    let v = Vocabulary::builtin();
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
    assert_eq!(escape_markup("a\nb"), "a#linebreak();b");
    assert_eq!(escape_markup("甲\u{2028}1. 乙"), "甲#linebreak();1. 乙");
    assert_eq!(typst_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
}

use crate::facts::Base as FigureBase;

/// The shipped audiences.
fn audiences() -> &'static Audiences {
    static A: std::sync::OnceLock<Audiences> = std::sync::OnceLock::new();
    A.get_or_init(Audiences::builtin)
}

/// The shipped reader `id`.
fn rd(id: Audience) -> Reader<'static> {
    audiences().reader(id).expect("a shipped audience")
}

fn aud(id: &str) -> Audience {
    id.parse().unwrap()
}

fn bundled() -> FactBase {
    FactBase::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
        .expect("the bundled fact base loads")
}

const DATE: BriefDate = BriefDate {
    year: 2026,
    month: 11,
    day: 22,
};

/// Every bundled briefing: (region, audience, Typst source).
fn all_briefings(base: &FactBase) -> Vec<(&Region, Audience, String)> {
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

/// The printed forms of a fact's figures, escaped as they appear in Typst markup.
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
    if let Some(c) = format_change(&base.vocab, f) {
        out.push(c);
    }
    if let Some(FigureBase { value, .. }) = &f.base {
        out.push(format_quantity(&base.vocab, value.text(), &unit, None));
    }
    out.into_iter().map(|s| escape_markup(&s)).collect()
}

#[test]
fn every_figure_of_every_selected_fact_prints() {
    let base = bundled();
    let briefings = all_briefings(&base);
    let mut missing = Vec::new();
    for (r, a, src) in &briefings {
        for f in r.facts.iter().filter(|f| rd(*a).serves(f)) {
            for fig in printed_figures(&base, f) {
                if !src.contains(&fig) {
                    missing.push(format!("{}-{a}: {} {fig}", r.id, f.name));
                }
            }
        }
    }
    assert!(missing.is_empty(), "figures not printed: {missing:#?}");
    // Every fact with a figure prints in at least one briefing of its region.
    for r in &base.regions {
        for f in r
            .facts
            .iter()
            .filter(|f| f.value.is_some() || f.growth.is_some())
        {
            assert!(
                audiences().anyone_reads(f),
                "{}: {} is in no briefing (its audiences: {:?})",
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
    assert!(src.contains("节能环保产业产值"));
    assert!(
        src.contains("增长4.62%"),
        "growth of a fact without a value"
    );
    assert!(src.contains("增长110.1%"));
}

#[test]
fn templates_name_no_place() {
    for (name, text) in EMBEDDED {
        for place in ["赣", "湘", "萍乡", "江西", "湖南", "hunan_"] {
            assert!(!text.contains(place), "{name} names {place}");
        }
    }
}

#[test]
fn cooperation_prints_its_partner() {
    let base = bundled();
    let p = base.region("pingxiang").unwrap();
    let env = environment(None).unwrap();
    let src = render(&env, &BriefContext::new(&base, p, rd(aud("policy")), DATE)).unwrap();
    assert!(src.contains("合作方：湖南省"));
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
fn hollow_briefings() {
    let base = bundled();
    let r = |id| base.region(id).unwrap();
    assert!(hollow(&base, r("anyuan"), rd(aud("investor"))).is_some());
    for a in audiences().ids() {
        assert_eq!(hollow(&base, r("luxi"), rd(a)), None);
        assert_eq!(hollow(&base, r("pingxiang"), rd(a)), None);
    }
    // A parent with nothing of its own counts only when two parts have figures.
    let mut small = base.clone();
    small
        .regions
        .retain(|r| r.id == "pingxiang" || r.id == "luxi" || r.id == "anyuan");
    small.regions[0..].iter_mut().for_each(|r| {
        if r.id == "pingxiang" {
            r.facts.clear()
        }
    });
    let city = small.region("pingxiang").unwrap().clone();
    assert!(hollow(&small, &city, rd(aud("investor"))).is_some());
    assert!(hollow(&small, &city, rd(aud("tourism"))).is_none());
    let reason = hollow(&small, &city, rd(aud("investor"))).unwrap();
    assert!(reason.is_ascii() && !reason.contains('\n'));
}

#[test]
fn every_briefing_has_a_summary_and_its_date_line() {
    let base = bundled();
    for (r, a, src) in all_briefings(&base) {
        if hollow(&base, r, rd(a)).is_some() {
            continue;
        }
        assert!(src.contains("数据截至"), "{}-{a} has no 数据截至", r.id);
        let ctx = BriefContext::new(&base, r, rd(a), DATE);
        assert!(ctx.summary.len() <= 5, "{}-{a}", r.id);
        for s in &ctx.summary {
            // A sentence of figures, or names after a verb: never names alone.
            assert!(!s.clauses.is_empty() || !s.verb.is_empty(), "{}-{a}", r.id);
            // A figure only under a lead it belongs to.
            let lead = rd(a)
                .def
                .summary
                .iter()
                .find(|l| s.lead.starts_with(l.lead.as_str()))
                .unwrap();
            for f in &s.clauses {
                assert!(
                    l_allows(lead, f),
                    "{}-{a}: {} under {}",
                    r.id,
                    f.name,
                    lead.lead
                );
            }
        }
    }
}

fn l_allows(l: &LeadDef, f: &FactView) -> bool {
    l.kinds.contains(&f.kind)
        || f.key
            .as_deref()
            .is_some_and(|k| l.keys.iter().any(|x| x == k))
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

fn fact(kind: Kind, name: &str, value: Option<f64>, unit: &str) -> Fact {
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

fn region(id: &str, parent: Option<&str>, facts: Vec<Fact>) -> Region {
    let mut r: Region = serde_yaml::from_str(&format!(
        "{{id: {id}, name: {id}县, short: {id}, level: 县}}"
    ))
    .unwrap();
    r.parent = parent.map(str::to_string);
    r.facts = facts;
    r
}

fn fixture(regions: Vec<Region>) -> FactBase {
    FactBase {
        dir: PathBuf::new(),
        vocab: Vocabulary::builtin(),
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
    let base = fixture(vec![region("b", None, projects)]);
    let ctx = BriefContext::new(&base, &base.regions[0], rd(aud("investor")), DATE);
    let chart = ctx.chart.expect("a chart of investment");
    assert_eq!(chart.rows.len(), 3);
    assert_eq!(chart.caption, "b县投资（亿元，2022年）");
}

#[test]
fn project_tables_hold_money_ranked_within_a_measure() {
    let base = Vocabulary::builtin();
    let mk = |name: &str, v: Option<f64>, unit: &str, m: Option<&str>| {
        let mut f = fact(Kind::Project, name, v, unit);
        f.measure = m.map(str::to_string);
        FactView::new(&f, &base)
    };
    let s = build_section(
        "project",
        "招商引资与重大项目".into(),
        vec![
            mk("甲", Some(3.0), "亿元", Some("投资")),
            mk("乙", Some(20.0), "家", None),
            mk("丙", Some(8000.0), "万元", Some("税收")),
            mk("丁", Some(30.0), "亿元", Some("投资")),
            mk("戊", None, "", None),
            mk("己", Some(100.0), "%", None),
        ],
    );
    let names: Vec<&str> = s.table.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["丁", "甲", "丙"]);
    assert!(s.listed.iter().any(|f| f.name == "乙") && s.listed.iter().any(|f| f.name == "己"));
    assert!(s.mentioned.iter().any(|f| f.name == "戊"));
    assert!(s.table.iter().all(|f| f.measure.is_some()));
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
        base_tpl.contains("breakable: rows > 8"),
        "short tables never break"
    );
    assert!(
        base_tpl.contains("table.header(repeat: true"),
        "the header repeats"
    );
}
