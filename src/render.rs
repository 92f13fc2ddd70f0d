//! Turning facts into Typst source: the minijinja environment, Typst escaping and the filters
//! that format Chinese figures.
//!
//! Every value printed by a template passes through [`typst_formatter`]: strings are escaped
//! for Typst markup unless a filter marked them safe, so a fact can never inject markup.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use serde::Serialize;

use crate::facts::{Audience, Fact, FactBase, Kind, QualifierPlace, Region, Vocabulary};

/// The templates compiled into the binary; `--templates DIR` overrides them file by file.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("base.typ.j2", include_str!("../templates/base.typ.j2")),
    ("macros.typ.j2", include_str!("../templates/macros.typ.j2")),
    (
        "investor.typ.j2",
        include_str!("../templates/investor.typ.j2"),
    ),
    (
        "tourism.typ.j2",
        include_str!("../templates/tourism.typ.j2"),
    ),
    ("policy.typ.j2", include_str!("../templates/policy.typ.j2")),
];

/// Instructions a template may run before it is stopped: far beyond what a briefing needs.
const FUEL: u64 = 50_000_000;

/// Escapes text for Typst markup so that it prints literally.
///
/// Every ASCII character with a meaning in markup gets a backslash; a line feed becomes a
/// `#linebreak()`; other control characters are dropped (`brief check` rejects them in facts).
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            // Typst also breaks lines at U+0085, U+2028 and U+2029.
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("#linebreak();"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '#' | '$' | '*' | '_' | '`' | '<' | '>' | '@' | '[' | ']' | '{' | '}' | '='
            | '-' | '+' | '/' | '~' | '"' | '\'' | ':' => {
                out.push('\\');
                out.push(c);
            }
            // `1.` opens a numbered list and `...` is an ellipsis; a lone full stop is plain.
            '.' if chars.get(i + 1) == Some(&'.')
                || (i > 0
                    && chars[..i].iter().all(|d| d.is_ascii_digit())
                    && chars.get(i + 1).is_none_or(|n| n.is_whitespace())) =>
            {
                out.push_str("\\.");
            }
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal (with its quotes) holding `text`.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The minijinja formatter for `.typ.j2` templates: escape everything not marked safe,
/// and refuse to print a missing value rather than write "none".
pub fn typst_formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "the template printed a missing value (none); guard it with `{% if … %}`",
        ));
    }
    let escape = matches!(state.auto_escape(), AutoEscape::Custom("typst"));
    if value.is_safe() || !escape {
        write!(out, "{value}").map_err(Error::from)
    } else if let Some(s) = value.as_str() {
        out.write_str(&escape_markup(s)).map_err(Error::from)
    } else if let Ok(n) = f64::try_from(value.clone()) {
        out.write_str(&escape_markup(&format_number(n)))
            .map_err(Error::from)
    } else {
        out.write_str(&escape_markup(&value.to_string()))
            .map_err(Error::from)
    }
}

/// Formats a number the way the article would print it: no trailing `.0`, integer part
/// of five digits or more grouped by three with commas (22,862), four digits not (1988).
pub fn format_number(v: f64) -> String {
    let raw = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    let (sign, rest) = match raw.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", raw.as_str()),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if int.len() < 5 || !int.chars().all(|c| c.is_ascii_digit()) {
        return raw;
    }
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

/// A figure with its qualifier in the article's word order: 预计142亿元, 3000余亩, 5%左右.
pub fn format_quantity(
    vocab: &Vocabulary,
    value: f64,
    unit: &str,
    qualifier: Option<&str>,
) -> String {
    let n = format_number(value);
    match qualifier.map(|q| (q, vocab.qualifier_place(q))) {
        Some((q, Some(QualifierPlace::Before))) => format!("{q}{n}{unit}"),
        Some((q, Some(QualifierPlace::Between))) => format!("{n}{q}{unit}"),
        Some((q, Some(QualifierPlace::After))) => format!("{n}{unit}{q}"),
        _ => format!("{n}{unit}"),
    }
}

/// The period a fact describes: 2022年, 2012～2021年, 2022年上半年, “十三五”期间.
pub fn format_when(fact: &Fact) -> Option<String> {
    match (fact.from_year, fact.year, &fact.period) {
        (Some(from), Some(to), _) => Some(format!("{from}～{to}年")),
        (None, Some(y), Some(p)) => Some(format!("{y}年{p}")),
        (None, Some(y), None) => Some(format!("{y}年")),
        (Some(from), None, _) => Some(format!("{from}年以来")),
        (None, None, Some(p)) => Some(p.clone()),
        (None, None, None) => None,
    }
}

/// The change a fact reports: 增长5%左右, 增长约50%, 增长2.13倍, 下降3%.
pub fn format_change(vocab: &Vocabulary, fact: &Fact) -> Option<String> {
    let g = fact.growth.as_ref()?;
    let verb = match (g.value < 0.0, g.unit.as_str()) {
        (false, "个百分点") => "提高",
        (true, "个百分点") => "降低",
        (false, _) => "增长",
        (true, _) => "下降",
    };
    Some(format!(
        "{verb}{}",
        format_quantity(vocab, g.value.abs(), &g.unit, g.qualifier.as_deref())
    ))
}

/// What a template sees of one fact: the fact's fields plus its formatted pieces.
#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    pub kind: Kind,
    pub key: Option<String>,
    pub name: String,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    pub year: Option<i64>,
    pub period: Option<String>,
    pub target: bool,
    pub grade: Option<String>,
    pub level: Option<String>,
    pub note: Option<String>,
    pub source: String,
    pub audiences: Vec<Audience>,
    /// The figure as printed: 预计142亿元.
    pub num: Option<String>,
    /// When: 2022年.
    pub when: Option<String>,
    /// The change: 增长5%左右.
    pub change: Option<String>,
    /// The base of the change: 9999.5元.
    pub base_num: Option<String>,
    pub base_year: Option<i64>,
    /// What the figure measures when the name names a thing: 投资, 营业收入.
    pub measure: Option<String>,
    /// A short label for charts: `label`, else the name.
    pub label: String,
    /// For cooperation: the partner.
    pub partner: Option<String>,
    /// The measure class of the unit: money, people, count …
    pub class: Option<String>,
    /// The name, followed by the measure where the name does not say it: 江华环保年产值.
    pub what: String,
    /// Every figure of the fact as printed, without the period: 预计142亿元，增长5%左右
    /// (2012年为9999.5元); a change alone: 增长4.62%. None when the fact has no figure.
    pub figure: Option<String>,
    /// The fact as a clause of a sentence, with a verb: 2022年地区生产总值预计142亿元，增长5%左右.
    pub clause: String,
}

impl FactView {
    pub fn new(f: &Fact, vocab: &Vocabulary) -> FactView {
        let unit = f.unit.clone().unwrap_or_default();
        FactView {
            kind: f.kind,
            key: f.key.clone(),
            name: f.name.clone(),
            value: f.value,
            unit: f.unit.clone(),
            qualifier: f.qualifier.clone(),
            year: f.year,
            period: f.period.clone(),
            target: f.target,
            grade: f.grade.clone(),
            level: f.level.clone(),
            note: f.note.clone(),
            source: f.source.clone(),
            audiences: f.audiences().to_vec(),
            num: f
                .value
                .map(|v| format_quantity(vocab, v, &unit, f.qualifier.as_deref())),
            when: format_when(f),
            change: format_change(vocab, f),
            base_num: f
                .base
                .as_ref()
                .map(|b| format_quantity(vocab, b.value, &unit, None)),
            base_year: f.base.as_ref().and_then(|b| b.year),
            measure: f.measure.clone(),
            label: f.label.clone().unwrap_or_else(|| f.name.clone()),
            partner: f.partner.clone(),
            class: f
                .unit
                .as_deref()
                .and_then(|u| vocab.measure(u))
                .map(str::to_string),
            what: what(f),
            figure: format_figure(vocab, f),
            clause: format_clause(vocab, f),
        }
    }

    /// Whether the fact carries a figure (a value or a change).
    pub fn has_figure(&self) -> bool {
        self.figure.is_some()
    }
}

/// The name, followed by the measure where the name does not already say it.
fn what(f: &Fact) -> String {
    match &f.measure {
        Some(m) if !f.name.contains(m.as_str()) => format!("{}{m}", f.name),
        _ => f.name.clone(),
    }
}

/// Every figure of a fact, as printed: 预计142亿元，增长5%左右（2012年为9999.5元）.
pub fn format_figure(vocab: &Vocabulary, f: &Fact) -> Option<String> {
    let unit = f.unit.clone().unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(v) = f.value {
        parts.push(format_quantity(vocab, v, &unit, f.qualifier.as_deref()));
    }
    if let Some(c) = format_change(vocab, f) {
        parts.push(c);
    }
    if parts.is_empty() && f.base.is_none() {
        return None;
    }
    let mut out = parts.join("，");
    if let Some(b) = &f.base {
        let when = b.year.map(|y| format!("{y}年")).unwrap_or_default();
        let was = if f.value.is_some() {
            "为"
        } else {
            "基数为"
        };
        out.push_str(&format!(
            "（{when}{was}{}）",
            format_quantity(vocab, b.value, &unit, None)
        ));
    }
    Some(out)
}

/// Qualifiers that are verbs themselves: 预计142亿元, 突破200亿元.
const VERBAL_QUALIFIERS: &[&str] = &[
    "预计", "有望", "力争", "超", "超过", "突破", "逾", "达", "达到", "累计", "共", "不到", "不足",
];

/// A fact as a clause with a verb: 2022年财政总收入为23.12亿元，增长8.3%;
/// 2022年节能环保产业产值增长4.62%; a fact without a figure is its name.
pub fn format_clause(vocab: &Vocabulary, f: &Fact) -> String {
    let when = format_when(f).unwrap_or_default();
    let what = what(f);
    let Some(figure) = format_figure(vocab, f) else {
        return format!("{when}{what}");
    };
    let target = if f.target { "目标" } else { "" };
    let verb = match (&f.value, f.qualifier.as_deref()) {
        (None, _) => "",
        // A qualifier before the number reads as the verb: 从业人员近3万人.
        (Some(_), Some(q))
            if VERBAL_QUALIFIERS.contains(&q)
                || vocab.qualifier_place(q) == Some(QualifierPlace::Before) =>
        {
            ""
        }
        (Some(_), _) => "为",
    };
    format!("{when}{what}{target}{verb}{figure}")
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionView {
    pub id: String,
    pub name: String,
    pub short: String,
    pub level: &'static str,
    pub province: Option<String>,
    pub parent: Option<Box<RegionView>>,
    /// Keyed facts, whatever their audience.
    pub key: BTreeMap<String, FactView>,
    /// Its graded scenic areas, highest grade first.
    pub scenic: Vec<FactView>,
    /// Its facts for the briefing's audience (for the city's parts; empty for the region itself).
    pub served: Vec<FactView>,
    /// Its facts with a figure, for any audience (for the city's parts; empty otherwise).
    pub valued: Vec<FactView>,
}

impl RegionView {
    fn new(
        base: &FactBase,
        r: &Region,
        with_parent: bool,
        audience: Option<Audience>,
    ) -> RegionView {
        RegionView {
            id: r.id.clone(),
            name: r.name.clone(),
            short: r.short.clone(),
            level: r.level.as_str(),
            province: r.province.clone(),
            parent: r
                .parent
                .as_deref()
                .filter(|_| with_parent)
                .and_then(|p| base.region(p))
                .map(|p| Box::new(RegionView::new(base, p, false, None))),
            key: r
                .facts
                .iter()
                .filter_map(|f| f.key.clone().map(|k| (k, FactView::new(f, &base.vocab))))
                .collect(),
            scenic: {
                let mut v: Vec<FactView> = r
                    .facts
                    .iter()
                    .filter(|f| f.kind == Kind::Scenic)
                    .map(|f| FactView::new(f, &base.vocab))
                    .collect();
                v.sort_by(|a, b| b.grade.cmp(&a.grade));
                v
            },
            served: match audience {
                Some(a) => r
                    .facts
                    .iter()
                    .filter(|f| serves(f, a))
                    .map(|f| FactView::new(f, &base.vocab))
                    .collect(),
                None => Vec::new(),
            },
            valued: match audience {
                Some(_) => r
                    .facts
                    .iter()
                    .filter(|f| f.value.is_some())
                    .map(|f| FactView::new(f, &base.vocab))
                    .collect(),
                None => Vec::new(),
            },
        }
    }
}

/// The date a briefing is generated on.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct BriefDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl BriefDate {
    pub fn from_naive(d: chrono::NaiveDate) -> BriefDate {
        use chrono::Datelike;
        BriefDate {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }

    /// 2026年11月22日
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// Words in a name that mark party building (党建) or civility (文明) work: such facts go to
/// the policy briefing only, whatever their kind or `audiences` say.
const POLICY_ONLY_WORDS: &[&str] = &[
    "党建",
    "党员",
    "党课",
    "党的",
    "党校",
    "文明城市",
    "文明单位",
    "文明村",
    "文明实践",
    "道德模范",
    "中国好人",
];

/// Whether a briefing for `audience` prints `f`: the fact's audiences, except that party
/// building and civility go to policy makers only.
pub fn serves(f: &Fact, audience: Audience) -> bool {
    f.serves(audience)
        && (audience == Audience::Policy || !POLICY_ONLY_WORDS.iter().any(|w| f.name.contains(w)))
}

/// One section of a briefing: its heading, and its facts split into a table and a list.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The first kind's name: templates lay out `project`, `scenic` and `honour` their own way.
    pub id: &'static str,
    pub heading: String,
    pub facts: Vec<FactView>,
    /// Rows of the section's table (figures; for projects, money figures ranked by amount).
    pub table: Vec<FactView>,
    /// The rest, as a list.
    pub listed: Vec<FactView>,
    /// Things named without a figure or a note: one sentence after the list.
    pub mentioned: Vec<FactView>,
    /// Whether the table has a 年份 column (at least half its rows have a period).
    pub show_when: bool,
    /// Whether the table has a 说明 column (at least half its rows have a note).
    pub show_note: bool,
    /// A paragraph rather than tables and lists: every fact of the section is read first by
    /// another audience, whose briefing has the full section.
    pub digest: bool,
}

/// Each audience's sections: heading and kinds, in reading order. Every kind appears once
/// for every audience, so that a fact whose `audiences` override its kind's still prints.
/// The first sections hold the kinds the audience reads by default (docs/data-format.md).
pub fn section_plan(audience: Audience) -> Vec<(&'static str, Vec<Kind>)> {
    use Kind::*;
    match audience {
        Audience::Investor => vec![
            ("经济概况", vec![Indicator]),
            ("产业体系", vec![Industry]),
            ("招商引资与重大项目", vec![Project]),
            ("平台载体与科技创新", vec![Platform, Innovation]),
            ("营商环境与政策支持", vec![Reform, Fund]),
            ("区位交通与开放合作", vec![Transport, Cooperation]),
            ("荣誉与称号", vec![Honour]),
            ("现代农业", vec![Agriculture]),
            ("文旅产业", vec![Tourism, Scenic, Festival]),
            ("绿色发展", vec![Ecology]),
            ("民生与社会治理", vec![Livelihood, Governance]),
        ],
        Audience::Tourism => vec![
            ("A级旅游景区", vec![Scenic]),
            ("文旅资源与项目", vec![Tourism]),
            ("节庆活动与文旅消费", vec![Festival]),
            ("交通线路与区域合作", vec![Transport, Cooperation]),
            ("文旅荣誉", vec![Honour]),
            ("经济与产业", vec![Indicator, Industry]),
            ("项目与平台", vec![Project, Platform, Innovation]),
            ("政策支持", vec![Reform, Fund]),
            ("乡村与农业", vec![Agriculture]),
            ("生态环境", vec![Ecology]),
            ("城市品牌与社会民生", vec![Livelihood, Governance]),
        ],
        Audience::Policy => vec![
            ("改革举措与成效", vec![Reform]),
            ("经济与产业", vec![Indicator, Industry]),
            ("民生保障", vec![Livelihood]),
            ("生态环境", vec![Ecology]),
            ("乡村振兴", vec![Agriculture]),
            ("社会治理与基层建设", vec![Governance]),
            ("区域协同与合作机制", vec![Cooperation]),
            ("创新与资金支持", vec![Innovation, Fund]),
            ("荣誉与称号", vec![Honour]),
            ("重点项目与平台", vec![Project, Platform]),
            ("文旅融合", vec![Tourism, Scenic, Festival]),
            ("交通建设", vec![Transport]),
        ],
    }
}

/// How many yuan a money unit holds, to rank amounts given in different units.
fn yuan(unit: &str) -> Option<f64> {
    Some(match unit {
        "元" => 1.0,
        "万元" => 1e4,
        "亿元" => 1e8,
        "万亿元" => 1e12,
        "美元" => 7.0,
        "万美元" => 7e4,
        "亿美元" => 7e8,
        _ => return None,
    })
}

fn amount(f: &FactView) -> f64 {
    match (f.value, f.unit.as_deref().and_then(yuan)) {
        (Some(v), Some(y)) => v * y,
        _ => 0.0,
    }
}

/// A table shows a column when at least half its rows have something for it.
fn mostly(rows: &[FactView], has: impl Fn(&FactView) -> bool) -> bool {
    !rows.is_empty() && 2 * rows.iter().filter(|f| has(f)).count() >= rows.len()
}

fn build_section(id: &'static str, heading: String, facts: Vec<FactView>) -> Section {
    let (mut table, mut listed): (Vec<FactView>, Vec<FactView>) = match id {
        // Projects: a table of money figures ranked within each measure, the rest listed.
        "project" => {
            let (mut money, rest): (Vec<_>, Vec<_>) = facts
                .iter()
                .cloned()
                .partition(|f| f.class.as_deref() == Some("money") && f.value.is_some());
            let top = |m: &Option<String>, all: &[FactView]| {
                all.iter()
                    .filter(|g| &g.measure == m)
                    .map(amount)
                    .fold(0.0, f64::max)
            };
            let all = money.clone();
            money.sort_by(|a, b| {
                top(&b.measure, &all)
                    .total_cmp(&top(&a.measure, &all))
                    .then(a.measure.cmp(&b.measure))
                    .then(a.target.cmp(&b.target))
                    .then(amount(b).total_cmp(&amount(a)))
            });
            (money, rest)
        }
        "scenic" => {
            let (mut graded, rest): (Vec<_>, Vec<_>) =
                facts.iter().cloned().partition(|f| f.grade.is_some());
            graded.sort_by(|a, b| b.grade.cmp(&a.grade));
            (graded, rest)
        }
        "honour" => (Vec::new(), facts.clone()),
        _ => facts.iter().cloned().partition(FactView::has_figure),
    };
    let mut show_note = mostly(&table, |f| f.note.is_some());
    if id != "project" && id != "scenic" && !show_note {
        // A figure with a note reads better as a list item than as a row without its note.
        let (plain, noted): (Vec<_>, Vec<_>) = table.into_iter().partition(|f| f.note.is_none());
        table = plain;
        listed.splice(0..0, noted);
    }
    if id != "scenic" && table.len() < 2 {
        listed.splice(0..0, std::mem::take(&mut table));
        show_note = false;
    }
    let show_when = mostly(&table, |f| f.when.is_some());
    let (listed, mentioned): (Vec<_>, Vec<_>) = listed
        .into_iter()
        .partition(|f| f.has_figure() || f.note.is_some());
    Section {
        id,
        heading,
        facts,
        table,
        listed,
        mentioned,
        show_when,
        show_note,
        digest: false,
    }
}

/// One sentence of the summary: a lead, clauses with figures, or names after a verb.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    /// 经济运行方面，芦溪县
    pub lead: String,
    pub clauses: Vec<FactView>,
    /// 重点发展 (before `names`)
    pub verb: String,
    pub names: Vec<FactView>,
}

/// A lead of the summary: its words, the keys it opens with, the kinds it may draw on, and
/// the verb for a sentence of names.
struct Lead {
    lead: &'static str,
    keys: &'static [&'static str],
    kinds: &'static [Kind],
    verb: &'static str,
}

fn leads(audience: Audience) -> Vec<Lead> {
    use Kind::*;
    let l = |lead, keys, kinds, verb| Lead {
        lead,
        keys,
        kinds,
        verb,
    };
    match audience {
        Audience::Investor => vec![
            l(
                "经济运行方面，",
                &[
                    "gdp",
                    "fiscal_revenue",
                    "industrial_output",
                    "digital_revenue",
                ],
                &[Indicator],
                "推进",
            ),
            l(
                "招商引资方面，",
                &["signed_projects", "signed_capital", "big_projects"],
                &[Project],
                "引进和建设",
            ),
            l("产业发展方面，", &[], &[Industry], "重点发展"),
            l(
                "科技创新方面，",
                &[
                    "little_giants",
                    "high_tech_enterprises",
                    "innovation_platforms",
                    "rd_platforms",
                ],
                &[Innovation, Platform],
                "建有",
            ),
            l(
                "营商环境方面，",
                &[
                    "government_services",
                    "online_services_share",
                    "one_trip_share",
                    "startup_days",
                    "tax_refunds",
                ],
                &[Reform, Fund],
                "推出",
            ),
            l("开放合作方面，", &[], &[Cooperation], "推进"),
        ],
        Audience::Tourism => vec![
            l(
                "文旅市场方面，",
                &["visitors", "tourism_revenue"],
                &[],
                "推进",
            ),
            l(
                "景区建设方面，",
                &["a_scenic_count"],
                &[Scenic],
                "代表性景区有",
            ),
            l("文旅资源方面，", &[], &[Tourism], "重点建设"),
            l(
                "文旅投资方面，",
                &[
                    "tourism_signed_capital",
                    "tourism_projects_capital",
                    "tourism_new_projects",
                ],
                &[],
                "推进",
            ),
            l(
                "节庆与消费方面，",
                &["festival_spending"],
                &[Festival],
                "举办",
            ),
            l(
                "交通与区域合作方面，",
                &["airport_rail_time"],
                &[Transport, Cooperation],
                "推进",
            ),
        ],
        Audience::Policy => vec![
            l(
                "改革攻坚方面，",
                &[
                    "government_services",
                    "processing_time_cut",
                    "online_services_share",
                    "one_trip_share",
                ],
                &[Reform],
                "推出",
            ),
            l(
                "民生保障方面，",
                &[
                    "livelihood_spending",
                    "livelihood_share",
                    "schools_upgraded",
                ],
                &[Livelihood],
                "推进",
            ),
            l(
                "生态环境方面，",
                &[
                    "air_quality_rate",
                    "pm25",
                    "water_standard_rate",
                    "forest_cover",
                ],
                &[Ecology],
                "推进",
            ),
            l(
                "乡村振兴方面，",
                &["rural_income", "ag_output"],
                &[Agriculture],
                "推进",
            ),
            l("区域协同方面，", &[], &[Cooperation], "推进"),
        ],
    }
}

/// The summary: 3–5 sentences, each a lead with up to two figures (keyed figures first, then
/// figures of the lead's kinds), led by what matters to the reader; sentences of names fill up
/// to three where figures are few.
fn summary(region: &Region, served: &[FactView], audience: Audience) -> Vec<Sentence> {
    let mut used: Vec<String> = Vec::new();
    let mut out: Vec<Sentence> = Vec::new();
    let leads = leads(audience);
    let claimed: Vec<&str> = leads.iter().flat_map(|l| l.keys.iter().copied()).collect();
    let mut order: Vec<usize> = Vec::new();
    for (li, l) in leads.iter().enumerate() {
        if out.len() >= 5 {
            break;
        }
        let mut picked: Vec<FactView> = Vec::new();
        for k in l.keys {
            if let Some(f) = served
                .iter()
                .find(|f| f.key.as_deref() == Some(k) && f.has_figure())
            {
                picked.push(f.clone());
            }
        }
        if picked.is_empty() {
            // A figure another lead opens with belongs under that lead.
            picked = served
                .iter()
                .filter(|f| f.key.as_deref().is_none_or(|k| !claimed.contains(&k)))
                .filter(|f| l.kinds.contains(&f.kind) && f.has_figure() && !f.target)
                .cloned()
                .collect();
        }
        picked.retain(|f| !used.contains(&f.name));
        picked.truncate(2);
        if picked.is_empty() {
            continue;
        }
        used.extend(picked.iter().map(|f| f.name.clone()));
        order.push(li);
        out.push(Sentence {
            lead: l.lead.to_string(),
            clauses: picked,
            verb: String::new(),
            names: Vec::new(),
        });
    }
    for (li, l) in leads.iter().enumerate() {
        if out.len() >= 3 {
            break;
        }
        let mut names: Vec<FactView> = served
            .iter()
            .filter(|f| l.kinds.contains(&f.kind) && !f.has_figure() && !used.contains(&f.name))
            .cloned()
            .collect();
        if l.kinds.contains(&Kind::Scenic) {
            names.sort_by(|a, b| b.grade.cmp(&a.grade));
        }
        names.truncate(3);
        if names.is_empty() {
            continue;
        }
        used.extend(names.iter().map(|f| f.name.clone()));
        order.push(li);
        out.push(Sentence {
            lead: l.lead.to_string(),
            clauses: Vec::new(),
            verb: l.verb.to_string(),
            names,
        });
    }
    // In the order of the leads: what matters most to the reader first.
    let mut out: Vec<Sentence> = {
        let mut v: Vec<(usize, Sentence)> = order.into_iter().zip(out).collect();
        v.sort_by_key(|(i, _)| *i);
        v.into_iter().map(|(_, s)| s).collect()
    };
    if let Some(first) = out.first_mut() {
        first.lead.push_str(&region.name);
    }
    out
}

/// A bar chart of like with like.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// 各区县签约资金（亿元，2022年）
    pub caption: String,
    pub rows: Vec<ChartRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartRow {
    pub label: String,
    pub value: f64,
    /// The figure as printed.
    pub num: String,
    pub source: String,
    pub highlight: bool,
}

/// Chartable: a positive value that is a result (not a goal) in a unit that measures.
fn chartable(f: &FactView) -> bool {
    f.value.is_some_and(|v| v > 0.0)
        && !f.target
        && f.class
            .as_deref()
            .is_some_and(|c| c != crate::facts::vocab::RANK)
}

fn chart_from(caption: String, facts: Vec<(FactView, String, bool)>) -> Option<Chart> {
    if facts.len() < 3 {
        return None;
    }
    let mut rows: Vec<ChartRow> = facts
        .into_iter()
        .map(|(f, label, highlight)| ChartRow {
            label,
            value: f.value.unwrap_or(0.0),
            num: f.num.clone().unwrap_or_default(),
            source: f.source.clone(),
            highlight,
        })
        .collect();
    rows.sort_by(|a, b| b.value.total_cmp(&a.value));
    rows.truncate(10);
    Some(Chart { caption, rows })
}

/// The briefing's chart, or none where nothing comparable exists. In order: one keyed figure
/// that three or more of the city's parts share (for a part: it and its siblings, it
/// highlighted), in one unit and one period; facts that declare one `measure` in one unit and
/// one period; one figure (same name and unit) across three or more years.
pub fn chart(
    base: &FactBase,
    region: &Region,
    audience: Audience,
    served: &[FactView],
) -> Option<Chart> {
    let (group, own): (Vec<&Region>, Option<&str>) = match region.parent.as_deref() {
        Some(p) => (base.children(p), Some(region.id.as_str())),
        None => (base.children(&region.id), None),
    };
    if group.len() >= 3 {
        let mut keys: Vec<String> = Vec::new();
        for r in &group {
            for f in r.facts.iter().filter(|f| serves(f, audience)) {
                if let Some(k) = &f.key {
                    if !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
            }
        }
        for k in keys {
            let facts: Vec<(FactView, &Region)> = group
                .iter()
                .filter_map(|r| {
                    r.facts
                        .iter()
                        .find(|f| f.key.as_deref() == Some(&k) && serves(f, audience))
                        .map(|f| (FactView::new(f, &base.vocab), *r))
                })
                .filter(|(f, _)| chartable(f))
                .collect();
            let Some((first, _)) = facts.first() else {
                continue;
            };
            let (unit, when) = (first.unit.clone(), first.when.clone());
            if facts.iter().any(|(f, _)| f.unit != unit || f.when != when) {
                continue;
            }
            let caption = format!(
                "各{}{}（{}{}）",
                if own.is_some() {
                    "县区"
                } else {
                    "所辖县区"
                },
                first.what,
                unit.clone().unwrap_or_default(),
                when.map(|w| format!("，{w}")).unwrap_or_default()
            );
            let rows = facts
                .iter()
                .map(|(f, r)| (f.clone(), r.short.clone(), Some(r.id.as_str()) == own))
                .collect();
            if let Some(c) = chart_from(caption, rows) {
                return Some(c);
            }
        }
    }
    // One declared measure, one unit, one period.
    type Group = ((String, Option<String>, Option<String>), Vec<FactView>);
    let mut groups: Vec<Group> = Vec::new();
    for f in served
        .iter()
        .filter(|f| chartable(f) && f.measure.is_some())
    {
        let key = (f.measure.clone().unwrap(), f.unit.clone(), f.when.clone());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(f.clone()),
            None => groups.push((key, vec![f.clone()])),
        }
    }
    groups.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    for ((measure, unit, when), facts) in groups {
        let caption = format!(
            "{}{measure}（{}{}）",
            region.name,
            unit.unwrap_or_default(),
            when.map(|w| format!("，{w}")).unwrap_or_default()
        );
        let rows = facts
            .into_iter()
            .map(|f| {
                let label = f.label.clone();
                (f, label, false)
            })
            .collect();
        if let Some(c) = chart_from(caption, rows) {
            return Some(c);
        }
    }
    // One figure across the years.
    for f in served.iter().filter(|f| chartable(f) && f.year.is_some()) {
        let series: Vec<FactView> = served
            .iter()
            .filter(|g| chartable(g) && g.name == f.name && g.unit == f.unit && g.year.is_some())
            .cloned()
            .collect();
        if series.len() >= 3 {
            let caption = format!(
                "{}{}（{}）",
                region.name,
                f.what,
                f.unit.clone().unwrap_or_default()
            );
            let rows = series
                .into_iter()
                .map(|g| {
                    let label = format!("{}年", g.year.unwrap_or_default());
                    (g, label, false)
                })
                .collect();
            return chart_from(caption, rows);
        }
    }
    None
}

/// The keys that are a region's own headline figures, for the table of a city's parts.
pub fn headline_keys(audience: Audience) -> &'static [&'static str] {
    match audience {
        Audience::Investor => &[
            "gdp",
            "fiscal_revenue",
            "signed_projects",
            "signed_capital",
            "industrial_output",
            "digital_revenue",
        ],
        Audience::Tourism => &[
            "a_scenic_count",
            "visitors",
            "tourism_revenue",
            "tourism_signed_capital",
            "tourism_projects_capital",
        ],
        Audience::Policy => &[
            "livelihood_spending",
            "livelihood_share",
            "rural_income",
            "air_quality_rate",
            "forest_cover",
            "water_standard_rate",
        ],
    }
}

/// A city's parts: the headline figures at least half of them share as columns; the rest of
/// each part's headline figures, and its graded scenic areas, beside it.
#[derive(Debug, Clone, Serialize)]
pub struct Parts {
    /// (key, heading) of the columns.
    pub columns: Vec<(String, String)>,
    pub rows: Vec<PartRow>,
    /// Whether the table has a 代表性数据 column (at least half the parts have one).
    pub show_lead: bool,
    /// Parts with nothing to show, by name.
    pub without: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartRow {
    pub name: String,
    pub short: String,
    pub level: &'static str,
    /// One per column: the part's figure, or none.
    pub cells: Vec<Option<FactView>>,
    /// Its other headline figures.
    pub lead: Vec<FactView>,
    pub scenic: Vec<FactView>,
}

fn parts(base: &FactBase, region: &Region, audience: Audience) -> Parts {
    let children = base.children(&region.id);
    let keys = headline_keys(audience);
    let headline = |r: &Region| -> Vec<FactView> {
        keys.iter()
            .filter_map(|k| {
                r.facts
                    .iter()
                    .find(|f| f.key.as_deref() == Some(k) && serves(f, audience))
            })
            .map(|f| FactView::new(f, &base.vocab))
            .filter(FactView::has_figure)
            .collect()
    };
    let columns: Vec<(String, String)> = keys
        .iter()
        .filter_map(|k| {
            let with: Vec<FactView> = children
                .iter()
                .filter_map(|c| {
                    headline(c)
                        .into_iter()
                        .find(|f| f.key.as_deref() == Some(k))
                })
                .collect();
            (!children.is_empty() && 2 * with.len() >= children.len())
                .then(|| (k.to_string(), with[0].what.clone()))
        })
        .collect();
    let mut rows = Vec::new();
    let mut without = Vec::new();
    for c in &children {
        let h = headline(c);
        let cells: Vec<Option<FactView>> = columns
            .iter()
            .map(|(k, _)| h.iter().find(|f| f.key.as_deref() == Some(k)).cloned())
            .collect();
        let lead: Vec<FactView> = h
            .into_iter()
            .filter(|f| !columns.iter().any(|(k, _)| f.key.as_deref() == Some(k)))
            .take(2)
            .collect();
        let mut scenic: Vec<FactView> = c
            .facts
            .iter()
            .filter(|f| f.kind == Kind::Scenic && f.grade.is_some() && serves(f, audience))
            .map(|f| FactView::new(f, &base.vocab))
            .collect();
        scenic.sort_by(|a, b| b.grade.cmp(&a.grade));
        if cells.iter().all(Option::is_none) && lead.is_empty() && scenic.is_empty() {
            without.push(c.name.clone());
            continue;
        }
        rows.push(PartRow {
            name: c.name.clone(),
            short: c.short.clone(),
            level: c.level.as_str(),
            cells,
            lead,
            scenic,
        });
    }
    let show_lead = !columns.is_empty() && mostly_rows(&rows);
    Parts {
        columns,
        rows,
        show_lead,
        without,
    }
}

fn mostly_rows(rows: &[PartRow]) -> bool {
    !rows.is_empty() && 2 * rows.iter().filter(|r| !r.lead.is_empty()).count() >= rows.len()
}

/// Why a briefing would say nothing of its own (in English, one line), or none when it has
/// content: a region with no fact for the audience, and fewer than two parts with figures
/// for it.
pub fn hollow(base: &FactBase, region: &Region, audience: Audience) -> Option<String> {
    if region.facts.iter().any(|f| serves(f, audience)) {
        return None;
    }
    let children = base.children(&region.id);
    let with_figures = children
        .iter()
        .filter(|c| {
            c.facts
                .iter()
                .any(|f| serves(f, audience) && (f.value.is_some() || f.growth.is_some()))
        })
        .count();
    if with_figures >= 2 {
        return None;
    }
    Some(if children.is_empty() {
        format!(
            "{} has no fact for the {} briefing",
            region.id,
            audience.as_str()
        )
    } else {
        format!(
            "{} has no fact for the {} briefing, and only {with_figures} of its {} parts has figures for it",
            region.id,
            audience.as_str(),
            children.len()
        )
    })
}

/// The latest year a text names (2012～2022年 → 2022; 2023-05-01 → 2023).
fn last_year(text: &str) -> Option<i64> {
    let digits: Vec<char> = text.chars().collect();
    let mut best = None;
    let mut i = 0;
    while i + 4 <= digits.len() {
        let w: String = digits[i..i + 4].iter().collect();
        let boundary = |j: usize| digits.get(j).is_none_or(|c| !c.is_ascii_digit());
        if w.chars().all(|c| c.is_ascii_digit()) && (i == 0 || boundary(i - 1)) && boundary(i + 4) {
            let y: i64 = w.parse().unwrap_or(0);
            if (1900..2200).contains(&y) {
                best = best.max(Some(y));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    best
}

/// What a printed source says: 《title》，outlet，date (or period). Never its id or file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    /// 2023年5月1日, else the period it reports: 2022年.
    pub when: String,
}

impl SourceView {
    fn new(s: &crate::facts::Source) -> SourceView {
        let date = s.date.as_deref().and_then(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .map(|d| BriefDate::from_naive(d).chinese())
        });
        SourceView {
            id: s.id.clone(),
            title: s.title.clone(),
            outlet: s.outlet.clone(),
            when: date.unwrap_or_else(|| s.period.clone()),
        }
    }
}

/// Everything a template can read.
#[derive(Debug, Clone, Serialize)]
pub struct BriefContext {
    pub audience: Audience,
    /// 投资环境简报
    pub title: &'static str,
    pub region: RegionView,
    /// The region's facts for this audience, by kind, in file order.
    pub facts: BTreeMap<&'static str, Vec<FactView>>,
    /// The region's facts for this audience, in file order.
    pub served: Vec<FactView>,
    /// All the region's facts, in file order.
    pub everything: Vec<FactView>,
    /// The parent region's facts for this audience (empty for a top-level region).
    pub parent_served: Vec<FactView>,
    pub children: Vec<RegionView>,
    /// The briefing's sections, in order, each with its facts; empty sections left out.
    pub sections: Vec<Section>,
    /// The summary's sentences.
    pub summary: Vec<Sentence>,
    /// The chart, where like can be compared with like.
    pub chart: Option<Chart>,
    /// The city's parts.
    pub parts: Parts,
    /// The parent's headline figures, for a region with few figures of its own.
    pub parent_context: Vec<FactView>,
    /// The partners named by the briefing's cooperation facts.
    pub partners: Vec<String>,
    pub sources: Vec<SourceView>,
    pub date: BriefDate,
    pub date_cn: String,
    /// The latest year the briefing's facts describe: 2023年.
    pub data_until: Option<String>,
    pub generator: String,
}

impl BriefContext {
    pub fn new(
        base: &FactBase,
        region: &Region,
        audience: Audience,
        date: BriefDate,
    ) -> BriefContext {
        let view = |f: &Fact| FactView::new(f, &base.vocab);
        let mut by_kind: BTreeMap<&'static str, Vec<FactView>> =
            Kind::ALL.iter().map(|k| (k.as_str(), Vec::new())).collect();
        for f in region.facts.iter().filter(|f| serves(f, audience)) {
            by_kind.entry(f.kind.as_str()).or_default().push(view(f));
        }
        let served: Vec<FactView> = region
            .facts
            .iter()
            .filter(|f| serves(f, audience))
            .map(view)
            .collect();
        let sections = section_plan(audience)
            .into_iter()
            .filter_map(|(heading, kinds)| {
                let facts: Vec<FactView> = served
                    .iter()
                    .filter(|f| kinds.contains(&f.kind))
                    .cloned()
                    .collect();
                // Facts whose first reader is another audience make a one-paragraph digest
                // here: that audience's briefing has them in full.
                let digest = facts.iter().all(|f| f.audiences.first() != Some(&audience));
                (!facts.is_empty()).then(|| Section {
                    digest,
                    ..build_section(kinds[0].as_str(), heading.to_string(), facts)
                })
            })
            .collect();
        let parent = region.parent.as_deref().and_then(|p| base.region(p));
        let parent_served: Vec<FactView> = parent
            .map(|p| {
                p.facts
                    .iter()
                    .filter(|f| serves(f, audience))
                    .map(view)
                    .collect()
            })
            .unwrap_or_default();
        let parent_context: Vec<FactView> = if served.iter().filter(|f| f.has_figure()).count() < 4
        {
            let keys = headline_keys(audience);
            let mut keyed: Vec<FactView> = keys
                .iter()
                .filter_map(|k| parent_served.iter().find(|f| f.key.as_deref() == Some(k)))
                .filter(|f| f.has_figure())
                .cloned()
                .collect();
            if keyed.is_empty() {
                keyed = leads(audience)
                    .iter()
                    .flat_map(|l| l.keys.iter())
                    .filter_map(|k| parent_served.iter().find(|f| f.key.as_deref() == Some(k)))
                    .filter(|f| f.has_figure())
                    .cloned()
                    .collect();
            }
            keyed.truncate(5);
            keyed
        } else {
            Vec::new()
        };
        let mut partners: Vec<String> = Vec::new();
        for p in served
            .iter()
            .filter(|f| f.kind == Kind::Cooperation)
            .filter_map(|f| f.partner.clone())
        {
            if !partners.contains(&p) {
                partners.push(p);
            }
        }
        // Only the articles this briefing can cite: an article added for another region
        // leaves this briefing's source, and so its build, unchanged.
        let mut cited: std::collections::BTreeSet<&str> =
            region.facts.iter().map(|f| f.source.as_str()).collect();
        for other in base.children(&region.id).into_iter().chain(parent) {
            cited.extend(other.facts.iter().map(|f| f.source.as_str()));
        }
        let sources: Vec<SourceView> = base
            .sources
            .iter()
            .filter(|s| cited.contains(s.id.as_str()))
            .map(SourceView::new)
            .collect();
        // The latest year of the facts; else that of the articles they come from.
        let data_until = region
            .facts
            .iter()
            .filter(|f| serves(f, audience) && !f.target)
            .filter_map(|f| f.year)
            .max()
            .or_else(|| {
                region
                    .facts
                    .iter()
                    .filter(|f| serves(f, audience))
                    .chain(parent_context_facts(base, parent, &parent_context))
                    .filter_map(|f| base.source(&f.source))
                    .filter_map(|s| last_year(s.date.as_deref().unwrap_or(&s.period)))
                    .max()
            })
            .map(|y| format!("{y}年"));
        BriefContext {
            audience,
            title: audience.title(),
            region: RegionView::new(base, region, true, None),
            facts: by_kind,
            summary: summary(region, &served, audience),
            chart: chart(base, region, audience, &served),
            parts: parts(base, region, audience),
            parent_context,
            partners,
            sections,
            served,
            everything: region.facts.iter().map(view).collect(),
            parent_served,
            children: base
                .children(&region.id)
                .into_iter()
                .map(|c| RegionView::new(base, c, false, Some(audience)))
                .collect(),
            sources,
            date,
            date_cn: date.chinese(),
            data_until,
            generator: format!("brief {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// The parent's facts that the briefing prints as context.
fn parent_context_facts<'a>(
    base: &'a FactBase,
    parent: Option<&'a Region>,
    shown: &'a [FactView],
) -> impl Iterator<Item = &'a Fact> + 'a {
    let _ = base;
    parent
        .into_iter()
        .flat_map(|p| p.facts.iter())
        .filter(move |f| {
            shown
                .iter()
                .any(|s| s.name == f.name && s.source == f.source)
        })
}

/// Template names come from templates and the command line: keep them inside the directory.
fn safe_template_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains("..")
        && !name.contains('\\')
        && name.chars().all(|c| !c.is_control())
}

/// Builds the environment: embedded templates, overridden file by file from `dir`.
pub fn environment(dir: Option<&Path>) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_keep_trailing_newline(true);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    // Every template brief renders produces Typst, whatever its file is called.
    env.set_auto_escape_callback(|_| AutoEscape::Custom("typst"));
    env.set_formatter(typst_formatter);
    if let Some(dir) = dir {
        if !dir.is_dir() {
            return Err(crate::error::hinted(
                format!("templates directory {} not found", dir.display()),
                "--templates takes a directory whose files override the built-in templates",
            ));
        }
    }
    let dir: Option<PathBuf> = dir.map(Path::to_path_buf);
    env.set_loader(move |name| {
        if !safe_template_name(name) {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("template name `{name}` leaves the templates directory"),
            ));
        }
        if let Some(dir) = &dir {
            let path = dir.join(name);
            if path.is_file() {
                return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("cannot read template {}: {e}", path.display()),
                    )
                });
            }
        }
        Ok(EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, src)| src.to_string()))
    });
    env.add_filter("tstr", |s: String| {
        Value::from_safe_string(typst_string(&s))
    });
    env.add_filter("tnum", |v: f64| -> Result<Value, Error> {
        if v.is_finite() {
            Ok(Value::from_safe_string(format!("{v}")))
        } else {
            Err(Error::new(
                ErrorKind::InvalidOperation,
                "not a finite number",
            ))
        }
    });
    env.add_filter("cite_plain", |f: Value| source_marker(&f, "srcn"));
    env.add_function("pick", pick);
    env.add_function("present_keys", present_keys);
    env.add_filter("rank", rank);
    env.add_function("chart_rows", chart_rows);
    env.add_filter("cite", |f: Value| source_marker(&f, "src"));
    Ok(env)
}

/// A fact's source marker: `#src("file");` (superscript) or `#srcn("file");` (plain, for a
/// table's 来源 column). A fact without a source cannot be cited, so it cannot be printed.
fn source_marker(fact: &Value, function: &str) -> Result<Value, Error> {
    let src = fact.get_attr("source")?;
    let src = src.as_str().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            "a source marker needs a fact with a source",
        )
    })?;
    Ok(Value::from_safe_string(format!(
        "#{function}({});",
        typst_string(src)
    )))
}

/// `pick(map, "a", "b")` or `pick(map, ["a", "b"])`: the values of those keys that the map
/// has, in that order.
fn pick(map: Value, keys: minijinja::value::Rest<Value>) -> Result<Value, Error> {
    let mut names = Vec::new();
    for k in keys.iter() {
        if k.as_str().is_some() {
            names.push(k.clone());
        } else {
            names.extend(k.try_iter()?);
        }
    }
    let mut out = Vec::new();
    for k in names {
        if let Ok(v) = map.get_item(&k) {
            if !v.is_undefined() && !v.is_none() {
                out.push(v);
            }
        }
    }
    Ok(Value::from(out))
}

/// `present_keys(regions, keys)`: those keys that at least one of the regions has.
fn present_keys(regions: Value, keys: Vec<String>) -> Result<Value, Error> {
    let mut out = Vec::new();
    for k in keys {
        let mut found = false;
        for r in regions.try_iter()? {
            let map = r.get_attr("key")?;
            if map
                .get_item(&Value::from(k.as_str()))
                .is_ok_and(|v| !v.is_undefined())
            {
                found = true;
                break;
            }
        }
        if found {
            out.push(Value::from(k));
        }
    }
    Ok(Value::from(out))
}

/// How a unit ranks in a list of projects: money first, largest unit first.
fn unit_rank(unit: Option<&str>) -> u8 {
    match unit {
        Some("亿元") => 0,
        Some("万元") => 1,
        Some("元") => 2,
        Some(_) => 3,
        None => 4,
    }
}

/// `facts | rank`: money figures first (亿元, then 万元), each largest first; then other
/// figures; then facts without a figure, in file order.
fn rank(list: Value) -> Result<Value, Error> {
    let mut rows: Vec<(u8, f64, usize, Value)> = Vec::new();
    for (i, f) in list.try_iter()?.enumerate() {
        let unit = f.get_attr("unit")?;
        let value = f64::try_from(f.get_attr("value")?).unwrap_or(0.0);
        rows.push((unit_rank(unit.as_str()), value, i, f));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    Ok(Value::from(
        rows.into_iter().map(|r| r.3).collect::<Vec<_>>(),
    ))
}

/// Units that rank rather than measure make no sense as bars.
const UNCHARTED_UNITS: &[&str] = &["位", "年", "届", "强"];

/// `chart_rows(facts)`: the facts of the unit most of them share (at least two, 亿元 winning
/// ties), largest first, at most eight, one per name; an empty list when there are too few.
fn chart_rows(list: Value) -> Result<Value, Error> {
    type Row = (f64, String, Value);
    let mut groups: Vec<(String, Vec<Row>)> = Vec::new();
    for f in list.try_iter()? {
        let value = f.get_attr("value")?;
        let unit = f.get_attr("unit")?;
        let target = f.get_attr("target")?.is_true();
        let (Ok(v), Some(u)) = (f64::try_from(value), unit.as_str()) else {
            continue;
        };
        if target || v <= 0.0 || UNCHARTED_UNITS.contains(&u) {
            continue;
        }
        let name = f.get_attr("name")?.to_string();
        match groups.iter_mut().find(|(gu, _)| gu == u) {
            Some((_, rows)) => {
                if !rows.iter().any(|(_, n, _)| *n == name) {
                    rows.push((v, name, f.clone()));
                }
            }
            None => groups.push((u.to_string(), vec![(v, name, f.clone())])),
        }
    }
    let best = groups
        .into_iter()
        .filter(|(_, rows)| rows.len() >= 2)
        .max_by_key(|(u, rows)| (rows.len().min(8), u == "亿元"));
    let Some((_, mut rows)) = best else {
        return Ok(Value::from(Vec::<Value>::new()));
    };
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(Value::from(
        rows.into_iter()
            .take(8)
            .map(|(_, _, f)| f)
            .collect::<Vec<_>>(),
    ))
}

/// Renders one briefing's Typst source.
pub fn render(env: &Environment, ctx: &BriefContext) -> Result<String> {
    let name = format!("{}.typ.j2", ctx.audience.as_str());
    let tmpl = env.get_template(&name).map_err(template_error)?;
    crate::memory::bounded(|| tmpl.render(ctx)).map_err(template_error)
}

/// minijinja's error with the template's name, line and the chain of causes.
pub fn template_error(err: Error) -> anyhow::Error {
    let place = match (err.name(), err.line()) {
        (Some(n), Some(l)) => format!("{n}:{l}: "),
        (Some(n), None) => format!("{n}: "),
        _ => String::new(),
    };
    let mut msg = format!(
        "template error: {place}{}",
        err.detail().unwrap_or(&err.kind().to_string())
    );
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    anyhow!(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(format_number(142.0), "142");
        assert_eq!(format_number(23.12), "23.12");
        assert_eq!(format_number(1988.0), "1988");
        assert_eq!(format_number(22862.0), "22,862");
        assert_eq!(format_number(9999.5), "9999.5");
        assert_eq!(format_number(123456.25), "123,456.25");
        assert_eq!(format_number(-14248.0), "-14,248");
    }

    #[test]
    fn quantities_keep_the_qualifier_in_place() {
        let v = Vocabulary::builtin();
        assert_eq!(
            format_quantity(&v, 142.0, "亿元", Some("预计")),
            "预计142亿元"
        );
        assert_eq!(format_quantity(&v, 3000.0, "亩", Some("余")), "3000余亩");
        assert_eq!(format_quantity(&v, 5.0, "%", Some("左右")), "5%左右");
        assert_eq!(
            format_quantity(&v, 110.0, "万亩", Some("以上")),
            "110万亩以上"
        );
        assert_eq!(
            format_quantity(&v, 200.0, "亿元", Some("超过")),
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
            for a in Audience::ALL {
                let ctx = BriefContext::new(base, r, a, DATE);
                out.push((r, a, render(&env, &ctx).expect("renders")));
            }
        }
        out
    }

    /// The printed forms of a fact's figures, escaped as they appear in Typst markup.
    fn printed_figures(base: &FactBase, f: &Fact) -> Vec<String> {
        let unit = f.unit.clone().unwrap_or_default();
        let mut out = Vec::new();
        if let Some(v) = f.value {
            out.push(format_quantity(
                &base.vocab,
                v,
                &unit,
                f.qualifier.as_deref(),
            ));
        }
        if let Some(c) = format_change(&base.vocab, f) {
            out.push(c);
        }
        if let Some(FigureBase { value, .. }) = &f.base {
            out.push(format_quantity(&base.vocab, *value, &unit, None));
        }
        out.into_iter().map(|s| escape_markup(&s)).collect()
    }

    #[test]
    fn every_figure_of_every_selected_fact_prints() {
        let base = bundled();
        let briefings = all_briefings(&base);
        let mut missing = Vec::new();
        for (r, a, src) in &briefings {
            for f in r.facts.iter().filter(|f| serves(f, *a)) {
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
                    Audience::ALL.iter().any(|a| serves(f, *a)),
                    "{}: {} is in no briefing (its audiences: {:?})",
                    r.id,
                    f.name,
                    f.audiences()
                );
            }
        }
    }

    #[test]
    fn a_change_without_a_value_prints() {
        let base = bundled();
        let x = base.region("xiangdong").unwrap();
        let env = environment(None).unwrap();
        let src = render(&env, &BriefContext::new(&base, x, Audience::Investor, DATE)).unwrap();
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
        let src = render(&env, &BriefContext::new(&base, p, Audience::Policy, DATE)).unwrap();
        assert!(src.contains("合作方：湖南省"));
    }

    /// docs/data-format.md's table of kinds and default audiences.
    fn docs_audiences() -> BTreeMap<String, Vec<Audience>> {
        let docs = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/data-format.md"),
        )
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
    fn docs_and_code_agree_on_default_audiences() {
        let docs = docs_audiences();
        assert_eq!(docs.len(), Kind::ALL.len(), "one row per kind");
        for k in Kind::ALL {
            let mut d = docs[k.as_str()].clone();
            let mut c = k.default_audiences().to_vec();
            d.sort();
            c.sort();
            assert_eq!(d, c, "{}", k.as_str());
        }
        // Every briefing has a section for every kind (a fact may override its kind's
        // audiences), and the kinds an audience reads by default come first.
        for a in Audience::ALL {
            let plan = section_plan(a);
            let kinds: Vec<Kind> = plan.iter().flat_map(|(_, k)| k.clone()).collect();
            for k in Kind::ALL {
                assert_eq!(kinds.iter().filter(|x| **x == k).count(), 1, "{a}: {k:?}");
            }
            let defaults = kinds
                .iter()
                .take_while(|k| k.default_audiences().contains(&a))
                .count();
            let all = Kind::ALL
                .iter()
                .filter(|k| k.default_audiences().contains(&a))
                .count();
            assert_eq!(defaults, all, "{a}: default kinds come first");
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
        assert!(hollow(&base, r("anyuan"), Audience::Investor).is_some());
        for a in Audience::ALL {
            assert_eq!(hollow(&base, r("luxi"), a), None);
            assert_eq!(hollow(&base, r("pingxiang"), a), None);
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
        assert!(hollow(&small, &city, Audience::Investor).is_some());
        assert!(hollow(&small, &city, Audience::Tourism).is_none());
        let reason = hollow(&small, &city, Audience::Investor).unwrap();
        assert!(reason.is_ascii() && !reason.contains('\n'));
    }

    #[test]
    fn every_briefing_has_a_summary_and_its_date_line() {
        let base = bundled();
        for (r, a, src) in all_briefings(&base) {
            if hollow(&base, r, a).is_some() {
                continue;
            }
            assert!(src.contains("数据截至"), "{}-{a} has no 数据截至", r.id);
            let ctx = BriefContext::new(&base, r, a, DATE);
            assert!(ctx.summary.len() <= 5, "{}-{a}", r.id);
            for s in &ctx.summary {
                // A sentence of figures, or names after a verb: never names alone.
                assert!(!s.clauses.is_empty() || !s.verb.is_empty(), "{}-{a}", r.id);
                // A figure only under a lead it belongs to.
                let lead = leads(a)
                    .into_iter()
                    .find(|l| s.lead.starts_with(l.lead))
                    .unwrap();
                for f in &s.clauses {
                    assert!(
                        l_allows(&lead, f),
                        "{}-{a}: {} under {}",
                        r.id,
                        f.name,
                        lead.lead
                    );
                }
            }
        }
    }

    fn l_allows(l: &Lead, f: &FactView) -> bool {
        l.kinds.contains(&f.kind) || f.key.as_deref().is_some_and(|k| l.keys.contains(&k))
    }

    #[test]
    fn party_building_and_civility_go_to_policy_only() {
        let base = bundled();
        for (r, a, src) in all_briefings(&base) {
            if a == Audience::Policy {
                continue;
            }
            let ctx = BriefContext::new(&base, r, a, DATE);
            for f in &ctx.served {
                for w in POLICY_ONLY_WORDS {
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
                f.value = value;
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
        for a in Audience::ALL {
            let ctx = BriefContext::new(&base, &base.regions[0], a, DATE);
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
        let ctx = BriefContext::new(&base, &base.regions[0], Audience::Investor, DATE);
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
        let ctx = BriefContext::new(&base, &base.regions[0], Audience::Investor, DATE);
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
}
